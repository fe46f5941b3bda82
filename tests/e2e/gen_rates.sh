#!/usr/bin/env bash
# `qinglian gen --rate`: the planting rates scale the ground truth (0 plants
# nothing on purpose, 3 about triples what is planted per period or project,
# RULE=MULT changes one rule), `--rate 1` is the default's bytes, a bad SPEC is
# refused; P08 is planted on the projects the books pay and its truth is the
# rule recomputed from vouchers.csv and projects.csv, with the exact 1.1 ×
# contract near-miss present; no event date lies after the span's end; and a
# scan of the default data raises exactly the P08 and C06 truth.
source "$(dirname "$0")/lib.bash" "$1"

G="--villages 24 --years 5 --seed 2"
"$Q" gen $G def >/dev/null
"$Q" gen $G --rate 1 one >/dev/null
"$Q" gen $G --rate 0 zero >/dev/null
"$Q" gen $G --rate 3 three >/dev/null
"$Q" gen $G --rate P08=3 --rate B01=0 some >/dev/null

for f in def/*.csv; do
	cmp -s "$f" "one/$(basename "$f")" || die "--rate 1 changed $(basename "$f")"
done
ok "--rate 1 writes the default's bytes"

# count RULE DIR: ground-truth lines of RULE
count() { awk -F, -v r="$1" '$1 == r' "$2/ground_truth.csv" | wc -l; }

# rules only planted (C02, P06, R03 and K04 also arise from plausible data)
planted="B01 B02 B03 B04 B05 B06 B07 B08 C01 C03 C04 C05 C06 D01 D02 K01 K02 K03 K05
M01 M02 M03 M04 P01 P02 P03 P04 P05 P07 P08 R01 R02 R04 S01 S02 S03 S04 S05 S06"
n_def=0 n_zero=0 n_three=0
for r in $planted; do
	z=$(count "$r" zero)
	[ "$z" = 0 ] || die "--rate 0 still has $z lines of $r"
	n_def=$((n_def + $(count "$r" def)))
	n_three=$((n_three + $(count "$r" three)))
done
[ "$n_def" -gt 300 ] || die "default truth of the planted rules: only $n_def lines"
ok "--rate 0: no planted rule in the truth (default $n_def lines)"

# per-period and per-project patterns about triple; the rest grow, saturating
for r in D01 R04 S03 P08; do
	d=$(count "$r" def) t=$(count "$r" three)
	[ "$d" -gt 0 ] && [ $((t * 10)) -ge $((d * 22)) ] && [ $((t * 10)) -le $((d * 40)) ] ||
		die "--rate 3: $r $d -> $t, not about three times"
done
[ $((n_three * 10)) -ge $((n_def * 20)) ] || die "--rate 3: planted rules $n_def -> $n_three"
ok "--rate 3: planted rules $n_def -> $n_three lines, D01 R04 S03 P08 × 2.2–4"

[ "$(count B01 some)" = 0 ] || die "B01=0 left B01 lines"
[ "$(count P08 some)" -gt "$(count P08 def)" ] || die "P08=3 did not raise P08"
for r in C01 D01 M01 S03 K03 R01; do
	[ "$(count "$r" some)" = "$(count "$r" def)" ] || die "P08=3,B01=0 changed $r"
done
ok "--rate P08=3 --rate B01=0: B01 $(count B01 def) -> 0, P08 $(count P08 def) -> $(count P08 some), others unchanged"

for bad in x P8=2 1001 P08= 1.2345 ""; do
	if "$Q" gen $G --rate "$bad" bad 2>err.txt; then die "--rate '$bad' accepted"; fi
	grep -q -- "--rate" err.txt || die "--rate '$bad': $(cat err.txt)"
done
ok "a bad --rate is refused"

# P08 truth = the rule on the rows; near-misses at exactly 1.1 × contract
python3 - def <<'EOF' || die "P08 truth does not follow the rows"
import csv, sys
from collections import defaultdict
d = sys.argv[1]
fen = lambda s: int(round(float(s) * 100)) if s else 0
acct_cash = ("101", "102")
lines = defaultdict(lambda: [0, None])
for r in csv.DictReader(open(f"{d}/vouchers.csv", encoding="utf-8")):
    k = (r["village_code"], r["voucher_no"])
    if r["account_code"].startswith(acct_cash):
        lines[k][0] += fen(r["credit"]) - fen(r["debit"])
    lines[k][1] = r["project_no"] or lines[k][1]
paid = defaultdict(int)
for (v, _), (p, proj) in lines.items():
    if p > 0 and proj:
        paid[(v, proj)] += p
want, exact, xm = set(), 0, 0
for r in csv.DictReader(open(f"{d}/projects.csv", encoding="utf-8")):
    if not r["contract_amount"]:
        continue
    k = (r["village_code"], r["project_no"])
    a = fen(r["contract_amount"])
    xm += k in paid
    if paid[k] * 10 > a * 11:
        want.add(k)
    exact += paid[k] > 0 and paid[k] * 10 == a * 11
got = {(r["village"], r["keys"]) for r in csv.DictReader(open(f"{d}/ground_truth.csv", encoding="utf-8"))
       if r["rule"] == "P08"}
assert xm > 20, xm
assert got and got == want, (len(got), len(want))
assert exact > 0, "no near-miss at exactly 1.1 × contract"
print(f"P08: {len(got)} truth lines on {xm} paid projects, {exact} near-misses at exactly 1.1 ×")
EOF
ok "P08 truth recomputed from vouchers.csv and projects.csv"

python3 - def three <<'EOF' || die "a date after the span's end"
import csv, glob, re, sys
bad = []
for d in sys.argv[1:]:
    for f in glob.glob(f"{d}/*.csv"):
        rows = csv.reader(open(f, encoding="utf-8"))
        head = next(rows)
        for row in rows:
            for h, c in zip(head, row):
                if h != "end_date" and re.match(r"\d{4}-\d\d-\d\d", c) and c[:10] > "2025-12-31":
                    bad.append((f, h, c))
assert not bad, bad[:5]
EOF
ok "no date after 2025-12-31 but leases' end_date"

"$Q" --db q.db import def >import.log 2>&1 || { tail import.log >&2; die "import"; }
"$Q" --db q.db scan --as-of 2025-12-31 --json >scan.json
python3 - def/ground_truth.csv scan.json <<'EOF' || die "scan differs from the truth"
import csv, json, sys
for rule in ("P08", "C06", "P06", "P04", "P05"):
    t = {(r["village"], r["keys"]) for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
         if r["rule"] == rule}
    a = {(x["village"], ",".join(x["keys"])) for x in json.load(open(sys.argv[2], encoding="utf-8"))
         if x["rule"] == rule}
    assert t == a, (rule, sorted(t ^ a)[:5])
EOF
ok "scan: P08, C06, P06, P04, P05 alerts equal the truth"
echo "$passed passed"
