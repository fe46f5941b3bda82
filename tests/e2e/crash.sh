# Crash consistency: rounds of `serve` with concurrent API writes (several curl
# loops registering people, each keeping the ids answered 2xx), SIGKILLed at a
# random moment; every fifth round an import into a fresh database runs beside it
# and is SIGKILLed too.  After each round `verify` must be clean, every write that
# got a 2xx must be there, and each imported file must be all or nothing.
# SQLite: QL_CRASH_ROUNDS (default 50); PostgreSQL when QL_TEST_PG_URL is set:
# QL_CRASH_PG_ROUNDS (default 10), in scratch schemas crash_<pid>_*.
. "$(dirname "$0")/lib.bash"
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 missing"; exit 77; }
ROUNDS=${QL_CRASH_ROUNDS:-50}
PG_ROUNDS=${QL_CRASH_PG_ROUNDS:-10}
WORKERS=${QL_CRASH_WORKERS:-4}
PER_SLOT=300 # ids reserved for one worker in one round

crash_cleanup() {
	jobs -p | xargs -r kill -9 2>/dev/null
	wait 2>/dev/null
	if [ -n "${QL_TEST_PG_URL:-}" ]; then # our own scratch schemas only
		for d in $(psql "$QL_TEST_PG_URL" -tAc "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'crash\_$$\_%'" 2>/dev/null); do
			psql "$QL_TEST_PG_URL" -qc "DROP SCHEMA IF EXISTS $d CASCADE" >/dev/null 2>&1
		done
	fi
	cleanup
}
trap crash_cleanup EXIT

"$Q" gen --villages 2 --years 2 --seed 7 gen >/dev/null
village=$(sed -n 2p gen/villages.csv | cut -d, -f1)

# Valid 身份证号 (GB 11643) of area 110105, none of them in gen's data.
python3 - $(((ROUNDS + PG_ROUNDS) * WORKERS * PER_SLOT)) >ids.txt <<'PY'
import datetime, sys
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
d0 = datetime.date(1945, 1, 1)
for k in range(int(sys.argv[1])):
    body = "110105" + (d0 + datetime.timedelta(days=k // 500)).strftime("%Y%m%d") + "%03d" % (k % 500 + 100)
    print(body + "10X98765432"[sum(int(c) * x for c, x in zip(body, w)) % 11])
PY

IMPORT_TABLES="people positions relatives archive_events subsidy_payments book_vouchers book_lines"
count_rows() { # db-url table
	case $1 in
	postgres*) psql "$1" -tAc "SELECT count(*) FROM $2" ;;
	*) sqlite3 "$1" "SELECT count(*) FROM $2" ;;
	esac
}

worker() { # base slot-file out-file
	local base=$1 slot=$2 out=$3 fails=0 res code id
	while read -r idno; do
		res=$(curl -s --max-time 10 -b jar -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
			-w '\n%{http_code}' -d '{"village_code":"'"$village"'","id_no":"'"$idno"'","name":"崩溃测试"}' \
			"$base/api/v1/people") || true
		code=${res##*$'\n'}
		case $code in
		2??)
			fails=0
			id=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<<"${res%$'\n'*}")
			echo "$id $idno" >>"$out"
			;;
		000)
			fails=$((fails + 1))
			[ $fails -lt 3 ] || break
			sleep 0.05
			;;
		*) echo "$code" >>"$out.other" ;;
		esac
	done <"$slot"
}

login() { # base
	curl -s -o login.json -c jar -H 'Content-Type: application/json' \
		-d '{"username":"crash","password":"password123"}' "$1/api/v1/session" >/dev/null
	CSRF=$(python3 -c 'import json; print(json.load(open("login.json"))["csrf"])') || die "login failed: $(cat login.json)"
}

rand_sleep() { # max-ms
	local ms=$((RANDOM % $1))
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
}

SLOT=0
TOTAL_OK=0
TOTAL_IMPORT_KILLS=0
# One round on db ($1, label $2, round number $3, import target $4 or empty).
crash_round() {
	local db=$1 label=$2 n=$3 imp=$4 port base pids=() w imp_pid=
	port=$(free_port)
	base="http://127.0.0.1:$port"
	"$Q" --db "$db" serve --listen "127.0.0.1:$port" --threads 4 2>>server.log &
	SERVER_PID=$!
	for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
	curl -fs "$base/healthz" >/dev/null || { tail -20 server.log; die "$label round $n: server did not start"; }
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b jar "$base/api/v1/session")" = 200 ] || login "$base"
	rm -f ok.* ok.*.other
	for w in $(seq 1 "$WORKERS"); do
		sed -n "$((SLOT * PER_SLOT + 1)),$(((SLOT + 1) * PER_SLOT))p" ids.txt >slot.$w
		SLOT=$((SLOT + 1))
		worker "$base" slot.$w ok.$w &
		pids+=($!)
	done
	if [ -n "$imp" ]; then
		"$Q" --db "$imp" import gen >import.out 2>&1 &
		imp_pid=$!
		rand_sleep 2500
		kill -9 "$imp_pid" 2>/dev/null || true
		wait "$imp_pid" 2>/dev/null || true
		TOTAL_IMPORT_KILLS=$((TOTAL_IMPORT_KILLS + 1))
	fi
	rand_sleep 1000
	kill -9 "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
	for p in "${pids[@]}"; do wait "$p" || true; done

	"$Q" --db "$db" verify >verify.log 2>&1 || { head -20 verify.log; die "$label round $n: verify not clean after SIGKILL"; }
	cat ok.* 2>/dev/null | sort >acked || true
	local got
	case $db in
	postgres*) psql "$db" -tAc "SELECT id || ' ' || id_no FROM people" ;;
	*) sqlite3 "$db" "SELECT id || ' ' || id_no FROM people" ;;
	esac | sort >have
	local missing
	missing=$(comm -23 acked have | head -5)
	[ -z "$missing" ] || die "$label round $n: acknowledged writes missing after SIGKILL: $missing"
	got=$(wc -l <acked)
	TOTAL_OK=$((TOTAL_OK + got))
	if [ -s ok.1.other ] || ls ok.*.other >/dev/null 2>&1; then
		echo "     round $n: other answers: $(cat ok.*.other | sort | uniq -c | tr '\n' ' ')"
	fi
	if [ -n "$imp" ]; then
		"$Q" --db "$imp" verify >iverify.log 2>&1 || { head -20 iverify.log; die "$label round $n: verify of the killed import not clean"; }
		local t c
		for t in $IMPORT_TABLES; do
			c=$(count_rows "$imp" "$t")
			[ "$c" = 0 ] || [ "$c" = "${FULL[$t]}" ] || die "$label round $n: $t has $c rows after a killed import (0 or ${FULL[$t]} expected)"
		done
	fi
	echo "     $label round $n: $got acknowledged writes present, verify clean${imp:+, killed import consistent}"
}

run_rounds() { # db-url label rounds import-maker
	local db=$1 label=$2 rounds=$3 mkimp=$4 n imp
	"$Q" --db "$db" import gen >/dev/null
	echo password123 | "$Q" --db "$db" user add crash --role village --village "$village" >/dev/null
	declare -gA FULL
	for t in $IMPORT_TABLES; do FULL[$t]=$(count_rows "$db" "$t"); done
	rm -f jar
	local before=$TOTAL_OK
	for n in $(seq 1 "$rounds"); do
		imp=
		[ $((n % 5)) -eq 0 ] && imp=$($mkimp "$n")
		crash_round "$db" "$label" "$n" "$imp"
	done
	ok "$label: $rounds SIGKILL rounds survived ($((TOTAL_OK - before)) acknowledged writes all present, verify clean each time)"
}

sqlite_imp() { rm -f "imp$1.db"*; echo "$T/imp$1.db"; }
run_rounds "$T/crash.db" SQLite "$ROUNDS" sqlite_imp

if [ -n "${QL_TEST_PG_URL:-}" ] && [ "$PG_ROUNDS" -gt 0 ]; then
	# Scratch schemas (cheap to drop, unlike databases): crash_<pid>_main, _i<round>.
	pg_schema() {
		local sep='?'
		psql "$QL_TEST_PG_URL" -qc "CREATE SCHEMA crash_$$_$1" >/dev/null
		case $QL_TEST_PG_URL in *\?*) sep='&' ;; esac
		echo "${QL_TEST_PG_URL}${sep}options=-csearch_path%3Dcrash_$$_$1"
	}
	pg_imp() { pg_schema "i$1"; }
	rm -f jar
	run_rounds "$(pg_schema main)" PostgreSQL "$PG_ROUNDS" pg_imp
fi
echo "crash rounds: SQLite $ROUNDS${QL_TEST_PG_URL:+, PostgreSQL $PG_ROUNDS}; imports killed: $TOTAL_IMPORT_KILLS; ${SECONDS}s"
echo "$passed passed, 0 failed"
