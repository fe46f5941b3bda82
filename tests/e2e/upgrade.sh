# Upgrade: databases made by the previous schema version (tests/data/upgrade/, see its
# README: a small township imported by the binary of that commit, dumped) are loaded,
# migrated forward by this binary, verified against the checkpoint the old binary
# signed, read and written through the API, and verified again.  SQLite always;
# PostgreSQL (the plain pg_dump of the same) on a scratch database
# qinglian_up_<pid> when QL_TEST_PG_URL is set.
. "$(dirname "$0")/lib.bash"
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 missing"; exit 77; }
D=$SRC/tests/data/upgrade

up_cleanup() {
	if [ -n "${QL_TEST_PG_URL:-}" ]; then # our own scratch database only
		psql "$QL_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS qinglian_up_$$ WITH (FORCE)" >/dev/null 2>&1
	fi
	cleanup
}
trap up_cleanup EXIT

# The old binary's test key (test data only); key files must be 0600.
install -m 0600 "$D/trail.key" key
village=$(sed -n 's/.*village=\([0-9]*\).*/\1/p' "$D/README.md" | head -1)

upgrade_check() { # db-url label version checkpoint
	local db=$1 label=$2 v=$3 cp=$4 port base
	"$Q" --db "$db" --key key migrate >migrate.log 2>&1 || { cat migrate.log; die "$label: migrate from $v"; }
	local mods
	case $db in
	postgres*) mods=$(psql "$db" -tAc "SELECT count(DISTINCT module) FROM schema_migrations") ;;
	*) mods=$(sqlite3 "$db" "SELECT count(DISTINCT module) FROM schema_migrations") ;;
	esac
	[ "$mods" -gt "$(grep -c . "$D/$v.modules")" ] || die "$label: no migration applied ($mods modules)"
	"$Q" --db "$db" --key key verify --checkpoint "$cp" >v.log || { cat v.log; die "$label: verify after migrating from $v"; }
	ok "$label: database of $v migrated ($(grep -c . "$D/$v.modules") → $mods modules) and verifies against the old binary's checkpoint"

	port=$(free_port)
	base="http://127.0.0.1:$port"
	"$Q" --db "$db" --key key serve --listen "127.0.0.1:$port" 2>server.log &
	SERVER_PID=$!
	for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
	curl -s -o login.json -c jar -H 'Content-Type: application/json' \
		-d '{"username":"upgrade","password":"password123"}' "$base/api/v1/session" >/dev/null
	local csrf
	csrf=$(python3 -c 'import json; print(json.load(open("login.json"))["csrf"])') || die "$label: login as the old database's user: $(cat login.json)"
	curl -fs -b jar "$base/api/v1/villages/$village" >village.json || die "$label: read a village"
	grep -q "\"code\":\"$village\"" village.json || die "$label: village not read back"
	curl -fs -b jar "$base/api/v1/villages/$village/people" >people.json || die "$label: list people"
	grep -q '"id_no"' people.json || die "$label: no people listed"
	local code
	code=$(curl -s -o out.json -w '%{http_code}' -b jar -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d '{"village_code":"'"$village"'","id_no":"11010519491231002X","name":"升级后新增"}' "$base/api/v1/people")
	[ "$code" = 201 ] || { cat out.json; die "$label: write after upgrade ($code)"; }
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
	"$Q" --db "$db" --key key verify --checkpoint "$cp" >v2.log || { cat v2.log; die "$label: verify after a write on the upgraded database"; }
	ok "$label: the upgraded database is read and written through the API and still verifies"
}

for dump in "$D"/v*.sqlite.sql; do
	v=$(basename "$dump" .sqlite.sql)
	sqlite3 "$T/$v.db" <"$dump"
	upgrade_check "$T/$v.db" SQLite "$v" "$D/$v.sqlite.checkpoint"
	if [ -n "${QL_TEST_PG_URL:-}" ] && [ -f "$D/$v.pg.sql" ]; then
		PG_BASE=${QL_TEST_PG_URL%%\?*}
		PG_BASE=${PG_BASE%/*}
		psql "$QL_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS qinglian_up_$$ WITH (FORCE)" >/dev/null 2>&1
		psql "$QL_TEST_PG_URL" -qc "CREATE DATABASE qinglian_up_$$" >/dev/null
		psql "$PG_BASE/qinglian_up_$$" -q -v ON_ERROR_STOP=1 -f "$D/$v.pg.sql" >/dev/null || die "PostgreSQL: loading $v.pg.sql"
		upgrade_check "$PG_BASE/qinglian_up_$$" PostgreSQL "$v" "$D/$v.pg.checkpoint"
	fi
done
echo "$passed passed, 0 failed"
