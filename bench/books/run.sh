#!/usr/bin/env bash
# The books benchmark (not a test): gen about LINES voucher lines, then time
#   - importing vouchers.csv (qinglian import) against sqlite3 .import of the same file,
#   - the trial balance of every village (one township request, and one request
#     per village on one keep-alive connection) through the real server,
#   - ledger-cli and hledger balancing the exported books.ledger,
# and print a table with times and ratios.  Usage:
#   bench/books/run.sh [path/to/qinglian] [LINES]     (defaults: build/qinglian, 1000000)
# HLEDGER=0 skips hledger (51 s and 7 GB for 1M lines); HLEDGER_LINES=N runs it on
# the first N lines' worth of villages instead.  Build qinglian without sanitizers.
# BENCH_RESULTS=FILE appends the figures as name=value lines (bench/run.sh reads them).
set -euo pipefail
Q=$(readlink -f "${1:-build/qinglian}")
LINES=${2:-1000000}
HLEDGER=${HLEDGER:-1}
for c in sqlite3 ledger curl python3 /usr/bin/time; do
	command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 1; }
done
W=$(mktemp -d)
SRV=
trap '[ -n "$SRV" ] && kill $SRV 2>/dev/null; rm -rf "$W"' EXIT
cd "$W"
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }

villages=$(((LINES + 2599) / 2600))
"$Q" gen --villages "$villages" --years 10 --seed 1 gen >/dev/null
lines=$(($(wc -l <gen/vouchers.csv) - 1))
mkdir base vch
cp gen/villages.csv gen/accounts.csv base/
cp gen/vouchers.csv vch/
"$Q" --db b.db import base >/dev/null

t0=$(now); "$Q" --db b.db import vch >import.log; t1=$(now)
t_import=$(secs "$t0" "$t1")
t0=$(now); sqlite3 s.db ".import --csv vch/vouchers.csv v"; t1=$(now)
t_sqlite=$(secs "$t0" "$t1")
"$Q" --db b.db export out >/dev/null
txns=$(grep -c '^[0-9]' out/books.ledger)

echo password123 | "$Q" --db b.db user add bench --role jiwei >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$Q" --db b.db serve --listen "127.0.0.1:$port" 2>server.log &
SRV=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -s -c jar -H 'Content-Type: application/json' -d '{"username":"bench","password":"password123"}' \
	"$base/api/v1/session" >/dev/null
# Best of ten: one request is ~10 ms, and builds running beside the bench
# delay single requests by more than that.
best=999
for _ in 1 2 3 4 5 6 7 8 9 10; do
	t=$(curl -fs -b jar -o tb.json -w '%{time_total}' "$base/api/v1/township/books/trial-balance?period=2025")
	best=$(python3 -c "print(min($best, $t))")
done
t_township=$best
grep -q '"balanced":true' tb.json || { echo "township trial balance not balanced" >&2; exit 1; }
for code in $(tail -n +2 gen/villages.csv | cut -d, -f1); do
	echo "url = \"$base/api/v1/books/$code/trial-balance?period=2025\""
	echo "output = /dev/null"
done >urls.cfg
t0=$(now); curl -fs -b jar -K urls.cfg; t1=$(now)
t_villages=$(secs "$t0" "$t1")
kill $SRV; wait $SRV 2>/dev/null || true; SRV=

/usr/bin/time -f '%e %M' -o ledger.time ledger -f out/books.ledger bal --flat >/dev/null
read -r t_ledger m_ledger <ledger.time
h_row="| hledger bal --flat | skipped (HLEDGER=0) | | |"
if [ "$HLEDGER" != 0 ] && command -v hledger >/dev/null; then
	journal=out/books.ledger
	note=""
	if [ -n "${HLEDGER_LINES:-}" ] && [ "$HLEDGER_LINES" -lt "$lines" ]; then
		hv=$(((HLEDGER_LINES + 2599) / 2600))
		"$Q" gen --villages "$hv" --years 10 --seed 1 hgen >/dev/null
		"$Q" --db h.db import hgen >/dev/null
		"$Q" --db h.db export hout >/dev/null
		journal=hout/books.ledger
		note=" ($(($(wc -l <hgen/vouchers.csv) - 1)) lines)"
	fi
	/usr/bin/time -f '%e %M' -o hledger.time hledger -f "$journal" bal --flat >/dev/null
	read -r t_hledger m_hledger <hledger.time
	h_row="| hledger bal --flat$note | $t_hledger | $((m_hledger / 1024)) MB | |"
fi
if [ -n "${BENCH_RESULTS:-}" ]; then
	cat >>"$BENCH_RESULTS" <<EOF
books_villages=$villages
books_lines=$lines
books_vouchers=$txns
books_import=$t_import
books_sqlite_import=$t_sqlite
books_tb_township=$t_township
books_tb_villages=$t_villages
books_ledger=$t_ledger
books_hledger=${t_hledger:-}
books_hledger_note="${note:-}"
EOF
fi

ratio() { python3 -c "r = $1 / $2; print(f'{r:.2f}×' if r < 1 else f'{r:.1f}×')"; }
echo
echo "books benchmark: $villages villages × 10 years, $lines voucher lines, $txns vouchers"
echo
echo "| step | seconds | memory | ratio |"
echo "|---|---|---|---|"
echo "| qinglian import vouchers.csv | $t_import | | $(ratio "$t_sqlite" "$t_import") the speed of sqlite3 .import (target ≥ 0.5×) |"
echo "| sqlite3 .import vouchers.csv | $t_sqlite | | |"
echo "| trial balance, all villages (1 township request) | $t_township | | $(ratio "$t_ledger" "$t_township") faster than ledger-cli (target ≥ 100×) |"
echo "| trial balance, each village ($villages requests) | $t_villages | | $(ratio "$t_ledger" "$t_villages") faster than ledger-cli |"
echo "| ledger bal --flat | $t_ledger | $((m_ledger / 1024)) MB | |"
echo "$h_row"
