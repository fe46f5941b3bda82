#!/usr/bin/env bash
# Cross-check of the benchmark's SQL peer (bench/rules/rules_pg.sql) against the
# engine's fixtures: each tests/rules/<CODE>/ is imported into a schema of its own
# on PostgreSQL, the SQL runs at the fixture's as_of, and its alerts (limited to
# the fixture's `only` rules) must equal expected.json.  Not a test of the
# program; it keeps the two formulations honest with each other.
# Usage: bench/rules/check_sql.sh [path/to/qinglian]   ($QL_BENCH_PG_URL as run.sh)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
Q=$(readlink -f "${1:-$ROOT/build/qinglian}")
PG=${QL_BENCH_PG_URL:-postgresql://qinglian:qinglian@127.0.0.1:5432/qinglian_test}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$ROOT"
bad=0
for d in tests/rules/*/; do
	n=$(basename "$d")
	[ -f "$d/expected.json" ] || continue
	S=sqlfix_$$_$(echo "$n" | tr 'A-Z' 'a-z')
	psql -q "$PG" -c "DROP SCHEMA IF EXISTS $S CASCADE; CREATE SCHEMA $S" >/dev/null 2>&1
	PGS="$PG?options=-csearch_path%3D$S"
	if ! "$Q" --db "$PGS" import "$d" >"$T/import.log" 2>&1; then
		echo "FAIL $n: import"; bad=1; continue
	fi
	if ! psql -q -X "$PGS" -v as_of="$(cat "$d/as_of")" -f bench/rules/rules_pg.sql \
		-c "\\copy (SELECT rule, village, keys FROM sql_alerts ORDER BY 1, 2, 3) TO '$T/sql.tsv'" \
		>/dev/null 2>"$T/sql.err"; then
		echo "FAIL $n: $(head -3 "$T/sql.err")"; bad=1; continue
	fi
	python3 - "$d" "$T/sql.tsv" "$n" <<'PY' || bad=1
import json, os, sys
d, tsv, n = sys.argv[1:4]
p = os.path.join(d, "only")
only = open(p).read().split() if os.path.exists(p) else None
def want(rule):
    return only is None or any(rule == o or (len(o) == 1 and rule[0] == o) for o in only)
e = {(a["rule"], a["village"], ",".join(a["keys"])) for a in json.load(open(os.path.join(d, "expected.json")))}
s = set()
for line in open(tsv, encoding="utf-8"):
    r, v, k = line.rstrip("\n").split("\t")
    if want(r):
        s.add((r, v, k))
print(("ok   " if e == s else "FAIL ") + n, "" if e == s else sorted(e ^ s))
sys.exit(0 if e == s else 1)
PY
	psql -q "$PG" -c "DROP SCHEMA IF EXISTS $S CASCADE" >/dev/null 2>&1
done
exit $bad
