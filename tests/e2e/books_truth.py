# Independent evaluation of the book rules B01–B04 and B06–B08 of
# domain/rules.md (defaults) over a generated vouchers.csv, compared with the
# B lines of ground_truth.csv (B05 needs positions and relatives: left to the
# rules engine).  Used by books.sh; exits non-zero and prints the difference.
import csv, math, sys
from collections import defaultdict
from datetime import date, timedelta

gen = sys.argv[1]
rows = list(csv.DictReader(open(gen + "/vouchers.csv", encoding="utf-8")))
vs = defaultdict(list)
for r in rows:
    vs[(r["village_code"], r["voucher_no"])].append(r)

def fen(s):
    return int(round(float(s) * 100)) if s else 0

def cash(a): return a == "101" or a.startswith("101")
def bank(a): return a == "102" or a.startswith("102")
def expense(a): return a[:3] in ("511", "512", "513", "514", "515", "521")
def nonprod(a): return a[:5] in ("51303", "51304", "51305", "51306", "51307", "51308")
def d(s): return date.fromisoformat(s[:10])

truth = set()
pays = defaultdict(list)
year = defaultdict(lambda: [0, 0, []])
for (village, no), ls in sorted(vs.items()):
    h = ls[0]
    paid = sum(fen(l["credit"]) - fen(l["debit"]) for l in ls if cash(l["account_code"]) or bank(l["account_code"]))
    carry = any(l["account_code"].startswith("321") for l in ls)
    y = year[(village, h["date"][:4])]
    if not carry:
        for l in ls:
            if expense(l["account_code"]):
                y[0] += fen(l["debit"]) - fen(l["credit"])
            if nonprod(l["account_code"]):
                y[1] += fen(l["debit"]) - fen(l["credit"])
    if h["entered_at"] and d(h["entered_at"]) > d(h["date"]) + timedelta(days=30):
        truth.add(("B06", village, no))
    if paid <= 0:
        continue
    cashpay = h["pay_method"] == "现金" or any(cash(l["account_code"]) and fen(l["credit"]) > 0 for l in ls)
    if cashpay and paid > 100000:
        truth.add(("B01", village, no))
    if paid >= 500000 and not h["matter_no"]:
        truth.add(("B03", village, no))
    if not h["handler"] or not h["approver"] or h["handler"] == h["approver"]:
        truth.add(("B07", village, no))
    if paid >= 1000:
        y[2].append(paid)
    key = next((l["counterparty_id"] for l in ls if l["counterparty_id"]), None) or \
        "".join((next((l["counterparty"] for l in ls if l["counterparty"]), "")).split())
    if not h["matter_no"] and paid < 500000:
        pays[(village, key)].append((d(h["date"]), no, paid))
for (village, key), ps in pays.items():
    ps.sort()
    i = 0
    while i < len(ps):
        j = i
        while j + 1 < len(ps) and ps[j + 1][0] <= ps[i][0] + timedelta(days=30):
            j += 1
        group = ps[i:j + 1]
        if len(group) >= 2 and sum(p[2] for p in group) >= 500000:
            truth.add(("B02", village, ",".join(sorted(p[1] for p in group))))
        i = j + 1
for (village, yr), (exp, npx, amounts) in year.items():
    if exp >= 1000000 and npx * 20 > exp * 3:
        truth.add(("B04", village, yr))
    if len(amounts) >= 300:
        digits = [int(str(a)[0]) for a in amounts]
        mad = sum(abs(digits.count(k) / len(digits) - math.log10(1 + 1 / k)) for k in range(1, 10)) / 9
        if mad > 0.015:
            truth.add(("B08", village, yr))

planted = set()
for r in csv.DictReader(open(gen + "/ground_truth.csv", encoding="utf-8")):
    if r["rule"].startswith("B") and r["rule"] != "B05":
        planted.add((r["rule"], r["village"], r["keys"]))
if truth != planted:
    print("only in our evaluation:", sorted(truth - planted)[:10])
    print("only in ground_truth.csv:", sorted(planted - truth)[:10])
    sys.exit(1)
print(len(truth), "book alerts agree")
