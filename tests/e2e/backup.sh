# backup and restore: a township imported, `serve` writing through the API while
# `backup` runs; the backup restores into a fresh database that verifies clean
# against the backup's signed checkpoint, with the same row counts in every table;
# a non-empty target is refused without --force; a changed row inside a backup is
# caught by the verify that ends the restore; a file that is not a backup and a
# backup of the other backend are refused.  SQLite, then PostgreSQL on scratch
# databases qinglian_bk_<pid>_* when QL_TEST_PG_URL is set.
. "$(dirname "$0")/lib.bash"
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 missing"; exit 77; }

bk_cleanup() {
	jobs -p | xargs -r kill 2>/dev/null
	wait 2>/dev/null
	if [ -n "${QL_TEST_PG_URL:-}" ]; then # our own scratch databases only
		for d in $(psql "$QL_TEST_PG_URL" -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'qinglian\_bk\_$$\_%'" 2>/dev/null); do
			psql "$QL_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1
		done
	fi
	cleanup
}
trap bk_cleanup EXIT

"$Q" gen --villages 2 --years 2 --seed 9 gen >/dev/null
village=$(sed -n 2p gen/villages.csv | cut -d, -f1)
python3 - >ids.txt <<'PY'
import datetime
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
for k in range(4000):
    body = "110105" + (datetime.date(1950, 1, 1) + datetime.timedelta(days=k)).strftime("%Y%m%d") + "123"
    print(body + "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11])
PY

# Row counts of every table, one "table count" line each.
counts() { # db-url
	local tables q=
	case $1 in
	postgres*)
		tables=$(psql "$1" -tAc "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
		for t in $tables; do q="$q${q:+ UNION ALL }SELECT '$t', count(*) FROM \"$t\""; done
		psql "$1" -tA -F ' ' -c "$q ORDER BY 1"
		;;
	*)
		tables=$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")
		for t in $tables; do q="$q${q:+ UNION ALL }SELECT '$t', count(*) FROM \"$t\""; done
		sqlite3 -separator ' ' "$1" "$q ORDER BY 1"
		;;
	esac
}

writer() { # base out
	local i=$WRITER_FROM res
	while [ -e writing ]; do
		i=$((i + 1))
		res=$(curl -s --max-time 10 -b jar -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -o /dev/null -w '%{http_code}' \
			-d '{"village_code":"'"$village"'","id_no":"'"$(sed -n ${i}p ids.txt)"'","name":"备份测试"}' "$1/api/v1/people") || true
		echo "$res" >>"$2"
	done
}

backup_check() { # src-url dst-url dst2-url label
	local src=$1 dst=$2 dst2=$3 label=$4 port base
	"$Q" --db "$src" import gen >/dev/null
	echo password123 | "$Q" --db "$src" user add bk --role village --village "$village" >/dev/null
	port=$(free_port)
	base="http://127.0.0.1:$port"
	"$Q" --db "$src" serve --listen "127.0.0.1:$port" 2>server.log &
	SERVER_PID=$!
	for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
	curl -s -o login.json -c jar -H 'Content-Type: application/json' \
		-d '{"username":"bk","password":"password123"}' "$base/api/v1/session" >/dev/null
	CSRF=$(python3 -c 'import json; print(json.load(open("login.json"))["csrf"])') || die "$label: login"
	local before
	before=$(counts "$src" | awk '$1 == "people" {print $2}')
	touch writing
	rm -f codes.*
	WRITER_FROM=0 writer "$base" codes.1 &
	local w1=$!
	WRITER_FROM=2000 writer "$base" codes.2 &
	local w2=$!
	sleep 1
	"$Q" --db "$src" backup live.zip >backup.log 2>&1 || { cat backup.log; die "$label: backup while serving"; }
	grep -q '备份完成' backup.log || die "$label: backup printed no result"
	sleep 0.5
	rm -f writing
	wait "$w1" "$w2"
	local written
	written=$(cat codes.* | grep -c '^201$' || true)
	[ "$written" -gt 0 ] || die "$label: no API write went through during the backup"
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
	ok "$label: backup while serve wrote $written records through the API"

	"$Q" --db "$dst" --key data/trail.key restore live.zip >restore.log 2>&1 || { cat restore.log; die "$label: restore of the live backup"; }
	grep -q '核验通过' restore.log || die "$label: restore did not print verify's result"
	local size n
	size=$(unzip -p live.zip manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["tree_size"])')
	grep -q "日志 $size 条" restore.log || { cat restore.log; die "$label: restored log is not the backup's $size entries"; }
	n=$(counts "$dst" | awk '$1 == "people" {print $2}')
	[ "$n" -ge "$before" ] && [ "$n" -le $((before + written)) ] ||
		die "$label: people in the live backup $n, outside $before..$((before + written))"
	"$Q" --db "$dst" --key data/trail.key verify >v.log || { cat v.log; die "$label: verify after restore"; }
	ok "$label: the backup taken during writes restores and verifies against its checkpoint ($size entries, $((n - before)) of the API writes)"

	"$Q" --db "$src" backup final.zip >/dev/null || die "$label: final backup"
	"$Q" --db "$dst2" --key data/trail.key restore final.zip >restore2.log 2>&1 || { cat restore2.log; die "$label: restore of the final backup"; }
	counts "$src" >counts.src
	counts "$dst2" >counts.dst
	diff counts.src counts.dst >counts.diff || { cat counts.diff; die "$label: row counts differ after restore"; }
	ok "$label: restored database has the source's row count in each of its $(wc -l <counts.src) tables"

	local rc=0
	"$Q" --db "$dst2" --key data/trail.key restore final.zip >r3.log 2>&1 || rc=$?
	[ "$rc" = 3 ] && grep -q -- '--force' r3.log || { cat r3.log; die "$label: non-empty target not refused (exit $rc)"; }
	"$Q" --db "$dst2" --key data/trail.key restore --force live.zip >r4.log 2>&1 || { cat r4.log; die "$label: restore --force"; }
	counts "$dst2" | awk '$1 == "people" {print $2}' >n4
	[ "$(cat n4)" = "$n" ] || die "$label: --force did not replace the data"
	ok "$label: a non-empty database is refused (exit 3) and replaced with --force"
}

# ---- SQLite ------------------------------------------------------------------
mkdir -p data
backup_check "$T/data/src.db" "$T/dst.db" "$T/dst2.db" SQLite

# A row changed inside a backup: restore lands it, verify names it, exit 4.
mkdir tamper && (cd tamper && unzip -q ../final.zip)
sqlite3 tamper/database.sqlite "UPDATE people SET name = '篡改' WHERE id = 3"
(cd tamper && zip -q ../tampered.zip manifest.json checkpoint database.sqlite)
rc=0
"$Q" --db "$T/t.db" --key data/trail.key restore tampered.zip >t.log 2>&1 || rc=$?
[ "$rc" = 4 ] && grep -q '表 people 记录 3' t.log || { cat t.log; die "tampered backup not caught (exit $rc)"; }
ok "SQLite: a row changed inside the backup is named by the restore's verify (exit 4)"

echo "not a backup" >junk.zip
rc=0
"$Q" --db "$T/j.db" restore junk.zip >j.log 2>&1 || rc=$?
[ "$rc" = 2 ] && grep -q '不是 qinglian 备份文件' j.log || { cat j.log; die "junk file not refused (exit $rc)"; }
ok "SQLite: a file that is not a backup is refused (exit 2)"

# ---- PostgreSQL --------------------------------------------------------------
if [ -n "${QL_TEST_PG_URL:-}" ]; then
	PG_BASE=${QL_TEST_PG_URL%%\?*}
	PG_BASE=${PG_BASE%/*}
	for d in src dst dst2; do
		psql "$QL_TEST_PG_URL" -qc "CREATE DATABASE qinglian_bk_$$_$d" >/dev/null || die "cannot create scratch database (role needs CREATEDB: scripts/pg-test-setup)"
	done
	backup_check "$PG_BASE/qinglian_bk_$$_src" "$PG_BASE/qinglian_bk_$$_dst" "$PG_BASE/qinglian_bk_$$_dst2" PostgreSQL
	rc=0
	"$Q" --db "$PG_BASE/qinglian_bk_$$_dst" restore --force "$T/tampered.zip" >x.log 2>&1 || rc=$?
	[ "$rc" = 2 ] && grep -q '不能恢复到 PostgreSQL' x.log || { cat x.log; die "SQLite backup into PostgreSQL not refused (exit $rc)"; }
	ok "PostgreSQL: a SQLite backup is refused (exit 2)"
fi
echo "$passed passed, 0 failed"
