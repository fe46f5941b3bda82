#!/usr/bin/env python3
"""Precision and recall per rule: `qinglian scan --json` (argv[2]) against gen's
ground_truth.csv (argv[1]).  An alert matches a truth line when rule, village and
keys (joined with ',') are equal.  Prints a Markdown table; with argv[3] also
writes the misses (false negatives and false positives) there."""
import csv, json, sys
from collections import defaultdict

truth = defaultdict(set)
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        truth[row["rule"]].add((row["village"], row["keys"]))
found = defaultdict(set)
for a in json.load(open(sys.argv[2], encoding="utf-8")):
    found[a["rule"]].add((a["village"], ",".join(a["keys"])))
rules = sorted(set(truth) | set(found))
print("| rule | truth | alerts | true pos. | precision | recall |")
print("|---|---:|---:|---:|---:|---:|")
tt = tf = tp = 0
miss = []
for r in rules:
    t, a = truth[r], found[r]
    hit = len(t & a)
    tt += len(t); tf += len(a); tp += hit
    p = f"{hit / len(a):.3f}" if a else "–"
    rc = f"{hit / len(t):.3f}" if t else "– (no truth)"
    print(f"| {r} | {len(t)} | {len(a)} | {hit} | {p} | {rc} |")
    miss += [(r, "FN") + x for x in sorted(t - a)] + [(r, "FP") + x for x in sorted(a - t)]
print(f"| all | {tt} | {tf} | {tp} | {tp / tf if tf else 0:.3f} | {tp / tt if tt else 0:.3f} |")
if len(sys.argv) > 3:
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        for m in miss:
            f.write("\t".join(m) + "\n")
