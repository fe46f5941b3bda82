#!/usr/bin/env bash
# The red-flag benchmark (not a test): `qinglian gen` a city, import it into
# SQLite and PostgreSQL, then
#   - precision and recall per rule of `qinglian scan --json` against gen's
#     ground_truth.csv (bench/rules/compare.py),
#   - the full scan's time on SQLite and on PostgreSQL, beside the same 43 rules
#     written as SQL (bench/rules/rules_pg.sql) run by psql on the same
#     PostgreSQL data, with the ratio, and whether the SQL finds the same alerts.
# Usage: bench/rules/run.sh [path/to/qinglian] [VILLAGES] [YEARS]
#        (defaults: build/qinglian, 1700, 5).  Build qinglian without sanitizers.
# PostgreSQL: $QL_BENCH_PG_URL (default the test database), in a schema of its
# own that is dropped at the end.  Run from anywhere; files stay in a temp dir
# (KEEP=1 keeps it and prints its path).  BENCH_RESULTS=FILE appends the figures
# as name=value lines (bench/run.sh reads them).  PG_COPY=1 fills PostgreSQL by
# copying the SQLite import's tables (bench/rules/pg_copy.py) instead of a second
# `qinglian import`, which takes long at city scale.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Q=$(readlink -f "${1:-$ROOT/build/qinglian}")
V=${2:-1700}
Y=${3:-5}
AS_OF=2025-12-31
PG=${QL_BENCH_PG_URL:-postgresql://qinglian:qinglian@127.0.0.1:5432/qinglian_test}
for c in psql python3; do
	command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 1; }
done
W=$(mktemp -d)
SCHEMA=bench_rules_$$
cleanup() {
	psql -q "$PG" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
	if [ "${KEEP:-0}" = 1 ]; then echo "kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
cd "$W"
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

t0=$(now)
"$Q" gen --villages "$V" --years "$Y" --seed 1 gen >/dev/null
t1=$(now)
lines=$(cat gen/*.csv | wc -l)
echo "gen: $V villages, $Y years, $lines lines in $(secs "$t0" "$t1") s" >&2

t0=$(now)
"$Q" --db q.db import gen >import.log 2>&1 || { tail import.log >&2; exit 1; }
t1=$(now)
imp_sqlite=$(secs "$t0" "$t1")
echo "import SQLite: $imp_sqlite s" >&2

# a server's database has long been checkpointed: fold the import's WAL in first
if command -v sqlite3 >/dev/null; then sqlite3 q.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; fi
t0=$(now)
"$Q" --db q.db scan --as-of $AS_OF --json >scan.json
t1=$(now)
scan_sqlite=$(secs "$t0" "$t1")
t0=$(now)
"$Q" --db q.db scan --as-of $AS_OF --json >scan2.json
t1=$(now)
scan_sqlite_warm=$(secs "$t0" "$t1")
cmp -s scan.json scan2.json || { echo "two scans differ" >&2; exit 1; }
echo "scan SQLite: $scan_sqlite s, again $scan_sqlite_warm s" >&2

psql -q "$PG" -c "CREATE SCHEMA $SCHEMA" >/dev/null
PGS="$PG?options=-csearch_path%3D$SCHEMA"
t0=$(now)
if [ "${PG_COPY:-0}" = 1 ]; then
	# migrate, then copy the SQLite import's tables row for row (much faster than
	# importing a city; the copy has no log)
	"$Q" --db "$PGS" migrate >import_pg.log 2>&1 || { tail import_pg.log >&2; exit 1; }
	python3 "$ROOT/bench/rules/pg_copy.py" q.db "$PGS" >>import_pg.log 2>&1 ||
		{ tail import_pg.log >&2; exit 1; }
else
	"$Q" --db "$PGS" import gen >import_pg.log 2>&1 || { tail import_pg.log >&2; exit 1; }
fi
t1=$(now)
imp_pg=$(secs "$t0" "$t1")
echo "import PostgreSQL: $imp_pg s${PG_COPY:+ (copied from SQLite)}" >&2
psql -q "$PGS" -c "ANALYZE" >/dev/null 2>&1

t0=$(now)
"$Q" --db "$PGS" scan --as-of $AS_OF --json >scan_pg.json
t1=$(now)
scan_pg=$(secs "$t0" "$t1")
t0=$(now)
"$Q" --db "$PGS" scan --as-of $AS_OF --json >scan_pg2.json
t1=$(now)
scan_pg_warm=$(secs "$t0" "$t1")
echo "scan PostgreSQL: $scan_pg s, again $scan_pg_warm s" >&2

# the same rules as SQL, in one psql session on the same data
cd "$ROOT"
t0=$(now)
psql -q -X "$PGS" -v as_of=$AS_OF -f bench/rules/rules_pg.sql \
	-c "\\copy (SELECT rule, village, keys FROM sql_alerts ORDER BY 1, 2, 3) TO '$W/sql.tsv'" >/dev/null
t1=$(now)
sql_pg=$(secs "$t0" "$t1")
cd "$W"
echo "rules as SQL on PostgreSQL: $sql_pg s" >&2

same_backends=$(cmp -s scan.json scan_pg.json && echo yes || echo no)
python3 - scan.json sql.tsv >sqlcmp.txt <<'EOF'
import json, sys
from collections import Counter
c = {(a["rule"], a["village"], ",".join(a["keys"])) for a in json.load(open(sys.argv[1]))}
s = set()
for line in open(sys.argv[2], encoding="utf-8"):
    r, v, k = line.rstrip("\n").split("\t")
    s.add((r, v, k))
diff = sorted(c ^ s)
print(len(c), len(s), len(diff))
for d in Counter(x[0] for x in diff).most_common():
    print(*d)
EOF
read -r n_c n_sql n_diff < <(head -1 sqlcmp.txt)
if [ -n "${BENCH_RESULTS:-}" ]; then
	cat >>"$BENCH_RESULTS" <<EOF
rules_villages=$V
rules_years=$Y
rules_lines=$lines
rules_import_sqlite=$imp_sqlite
rules_import_pg=$imp_pg
rules_scan_sqlite=$scan_sqlite
rules_scan_sqlite_warm=$scan_sqlite_warm
rules_scan_pg=$scan_pg
rules_scan_pg_warm=$scan_pg_warm
rules_sql_pg=$sql_pg
rules_alerts=$n_c
rules_sql_alerts=$n_sql
rules_diff=$n_diff
EOF
fi

echo "## Red-flag rules: $V villages × $Y years (as_of $AS_OF), $(date -u +%Y-%m-%d)"
echo
echo "Precision and recall per rule (\`qinglian scan --json\` against gen's ground_truth.csv):"
echo
python3 "$ROOT/bench/rules/compare.py" gen/ground_truth.csv scan.json misses.tsv
echo
echo "| step | seconds | ratio to our scan on PostgreSQL |"
echo "|---|---:|---:|"
echo "| import (SQLite), $lines lines | $imp_sqlite | |"
echo "| import (PostgreSQL) | $imp_pg | |"
echo "| \`qinglian scan\`, SQLite (first after import) | $scan_sqlite | $(python3 -c "print(f'{$scan_sqlite / $scan_pg:.2f}')") |"
echo "| \`qinglian scan\`, SQLite (again) | $scan_sqlite_warm | $(python3 -c "print(f'{$scan_sqlite_warm / $scan_pg:.2f}')") |"
echo "| \`qinglian scan\`, PostgreSQL | $scan_pg | 1.00 |"
echo "| \`qinglian scan\`, PostgreSQL (again) | $scan_pg_warm | $(python3 -c "print(f'{$scan_pg_warm / $scan_pg:.2f}')") |"
echo "| the 43 rules as SQL (psql), PostgreSQL | $sql_pg | $(python3 -c "print(f'{$sql_pg / $scan_pg:.2f}')") |"
echo
echo "Alerts: scan $n_c, SQL $n_sql, differing $n_diff; SQLite and PostgreSQL scans byte-identical: $same_backends."
if [ "$n_diff" != 0 ]; then
	echo
	echo "Differences by rule (scan ⊕ SQL):"
	tail -n +2 sqlcmp.txt | sed 's/^/    /'
fi
