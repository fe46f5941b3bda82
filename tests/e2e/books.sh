# The books end to end on SQLite: gen → import → export writes books.ledger, and
# ledger-cli (and hledger) give exactly our trial balance, account by account;
# vouchers.csv and books.ledger round-trip; re-import changes nothing; a posted
# voucher refuses an UPDATE behind the program's back, and verify names a line
# changed with the guard removed; gen's ground truth of the book rules equals an
# independent evaluation (tests/e2e/books_truth.py).
. "$(dirname "$0")/lib.bash"
command -v ledger >/dev/null || { echo "skipped: ledger-cli missing (apt-get install ledger)"; exit 77; }
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }

"$Q" gen --villages 3 --years 10 --seed 9 gen >/dev/null
"$Q" --db a.db import gen >import.log || { cat import.log; die "import failed"; }
grep -q 'vouchers.csv：新增' import.log || die "vouchers not imported"
"$Q" --db a.db export out >export.log
grep -q 'books.ledger：' export.log || die "no books.ledger"
ok "gen → import → export writes books.ledger"

ledger -f out/books.ledger bal --flat --no-total >ledger.txt || die "ledger-cli refused the journal"
ledger -f out/books.ledger bal --flat --no-total -e 2025-07-01 >ledger-mid.txt || die "ledger-cli -e"
echo "password123" | "$Q" --db a.db user add shenji --role jiwei >/dev/null
port=$(free_port)
"$Q" --db a.db serve --listen "127.0.0.1:$port" 2>server.log &
SERVER_PID=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -s -c jar -H 'Content-Type: application/json' -d '{"username":"shenji","password":"password123"}' \
	"$base/api/v1/session" >/dev/null
for code in $(tail -n +2 gen/villages.csv | cut -d, -f1); do
	curl -fs -b jar "$base/api/v1/books/$code/trial-balance?period=2025" >"tb-$code.json" ||
		die "trial balance of $code"
	curl -fs -b jar "$base/api/v1/books/$code/trial-balance?period=2025-06" >"mid-$code.json" ||
		die "trial balance of $code"
done
cat >compare.py <<'PY'

import json, re, sys
ledger = {}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s*CNY (-?[\d,]+\.\d\d)\s+(\S+)\s*$", line)
    assert m, "unparsed ledger line: " + line
    yuan = m.group(1).replace(",", "")
    fen = int(yuan.replace(".", "").replace("-", "")) * (-1 if yuan.startswith("-") else 1)
    ledger[m.group(2)] = fen
ours = {}
for path in sys.argv[2:]:
    tb = json.load(open(path, encoding="utf-8"))
    assert tb["balanced"], path + " is not balanced"
    village = tb["village"]
    for row in tb["rows"]:
        if row.get("leaf"):
            net = row["closing_debit_fen"] - row["closing_credit_fen"]
            if net:
                ours[village + ":" + row["code"]] = net
if ours != ledger:
    for k in sorted(set(ours) | set(ledger)):
        if ours.get(k) != ledger.get(k):
            print(k, "ours", ours.get(k), "ledger", ledger.get(k))
    sys.exit(1)
print(len(ours), "accounts equal")
PY
python3 compare.py ledger.txt tb-*.json || die "ledger-cli and our trial balance differ (end of 2025)"
python3 compare.py ledger-mid.txt mid-*.json || die "ledger-cli and our trial balance differ (2025-06)"
ok "ledger -f books.ledger bal --flat equals our 科目余额表 exactly, account by account (end of 2025 and mid-year)"

if command -v hledger >/dev/null; then
	hledger -f out/books.ledger bal --flat --no-total >hledger.txt 2>hledger.err || { cat hledger.err; die "hledger refused the journal"; }
	diff <(sed 's/^ *//' ledger.txt | sort) <(sed 's/^ *//' hledger.txt | sort) >/dev/null ||
		die "hledger and ledger-cli differ"
	ok "hledger agrees with ledger-cli"
fi

"$Q" --db b.db import out >/dev/null || die "exported files do not import"
"$Q" --db b.db export out2 >/dev/null
for f in accounts.csv vouchers.csv books.ledger; do
	cmp -s out/$f out2/$f || die "$f does not round-trip"
done
ok "accounts.csv, vouchers.csv and books.ledger round-trip through export → import → export"

"$Q" --db a.db import gen >again.log
grep -q 'vouchers.csv：新增 0，更新 0' again.log || { cat again.log; die "re-import of vouchers not idempotent"; }
ok "re-importing the same vouchers changes nothing"

"$Q" --db a.db verify >v.log || { cat v.log; die "books do not verify"; }
ok "the books verify clean"

if sqlite3 a.db "UPDATE book_lines SET debit_fen = debit_fen + 1 WHERE id = 5" 2>/dev/null; then
	die "a posted voucher's line was changed"
fi
ok "the database refuses to change a posted voucher"

sqlite3 a.db "DROP TRIGGER book_lines_posted_update; UPDATE book_lines SET debit_fen = debit_fen + 100 WHERE id = 5 AND debit_fen > 0; UPDATE book_lines SET credit_fen = credit_fen + 100 WHERE id = 5 AND credit_fen > 0;"
if "$Q" --db a.db verify >v2.log; then die "changed voucher line not detected"; fi
grep -q 'book_vouchers' v2.log || { cat v2.log; die "changed voucher not named"; }
ok "verify names a voucher whose line was changed behind the program's back"

# A line whose voucher does not exist is in no logged value: verify names it.
cp a.db orphan.db
sqlite3 orphan.db "CREATE TEMP TABLE x AS SELECT * FROM book_lines WHERE id = 7; UPDATE x SET id = 999999, voucher_id = 888888; INSERT INTO book_lines SELECT * FROM x;"
if "$Q" --db orphan.db verify >v3.log; then die "a line without its voucher not detected"; fi
grep -q '表 book_vouchers 记录 888888：不存在，却有它的 lines 明细' v3.log || { cat v3.log; die "orphan line not named"; }
ok "verify names voucher lines written behind the program's back without their voucher"

"$Q" gen --villages 20 --years 10 --seed 3 gen20 >/dev/null
python3 "$SRC/tests/e2e/books_truth.py" gen20 >truth.log || { cat truth.log; die "ground truth of B01–B04, B06–B08 differs from an independent evaluation"; }
ok "gen's ground truth for B01–B04 and B06–B08 equals an independent evaluation of vouchers.csv"

echo "$passed passed, 0 failed"
