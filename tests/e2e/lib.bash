# Shared helpers of the end-to-end tests (sourced).  Each test runs the real
# binary ($1) in a temporary directory that is removed at the end.
set -euo pipefail
Q=$(readlink -f "$1")
SRC=${QL_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d)
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	[ -n "${PG_SCHEMA:-}" ] && psql "$QL_TEST_PG_URL" -qc "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
cd "$T"
passed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
die() { echo "FAIL $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# A fresh PostgreSQL schema, its URL in PG_URL; false when PostgreSQL is not
# configured.  Call it as `pg_url`, not in $(...): a subshell would keep
# PG_SCHEMA from cleanup, and the schema would outlive the test.
pg_url() {
	[ -n "${QL_TEST_PG_URL:-}" ] || return 1
	PG_SCHEMA=e2e_$$_$RANDOM
	psql "$QL_TEST_PG_URL" -qc "CREATE SCHEMA $PG_SCHEMA" >/dev/null
	local sep='?'
	case "$QL_TEST_PG_URL" in *\?*) sep='&' ;; esac
	PG_URL="${QL_TEST_PG_URL}${sep}options=-csearch_path%3D$PG_SCHEMA"
}
