# The real server on 127.0.0.1: health, metrics, login, scope, a logged write,
# the console shell; on SQLite, then on PostgreSQL when configured.
. "$(dirname "$0")/lib.bash"
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }

"$Q" gen --villages 3 --years 2 --seed 5 gen >/dev/null
first=$(sed -n 2p gen/villages.csv | cut -d, -f1)
second=$(sed -n 3p gen/villages.csv | cut -d, -f1)

serve_and_check() { # db-url label
	local db=$1 label=$2
	"$Q" --db "$db" import gen >/dev/null
	echo "password123" | "$Q" --db "$db" user add cun1 --role village --village "$first" >/dev/null
	local port
	port=$(free_port)
	"$Q" --db "$db" serve --listen "127.0.0.1:$port" 2>server.log &
	SERVER_PID=$!
	local base="http://127.0.0.1:$port"
	for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
	curl -fs "$base/healthz" >health.json || true
	grep -q '"status":"ok"' health.json || { cat server.log; die "$label: /healthz"; }
	ok "$label: /healthz answers"
	curl -fs "$base/metrics" >metrics.txt || true
	grep -q '^qinglian_requests_total' metrics.txt || die "$label: /metrics"
	ok "$label: /metrics in Prometheus text"
	local h
	h=$(curl -s -D - -o login.json -c jar -H 'Content-Type: application/json' \
		-d '{"username":"cun1","password":"password123"}' "$base/api/v1/session")
	grep -qi 'set-cookie: qlsid=.*HttpOnly; SameSite=Strict' <<<"$h" || die "$label: session cookie flags"
	grep -qi 'content-security-policy' <<<"$h" || die "$label: CSP header"
	local csrf
	csrf=$(python3 -c 'import json,sys; print(json.load(open("login.json"))["csrf"])')
	ok "$label: login sets an HttpOnly SameSite=Strict cookie"
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b jar "$base/api/v1/villages/$second")" = 403 ] ||
		die "$label: other village readable"
	ok "$label: another village is refused"
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b jar -X PUT -H 'Content-Type: application/json' \
		-d '{"name":"x"}' "$base/api/v1/people/1")" = 403 ] || die "$label: write without CSRF"
	ok "$label: a write without CSRF is refused"
	local code
	code=$(curl -s -o out.json -w '%{http_code}' -b jar -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d '{"village_code":"'"$first"'","id_no":"11010519491231002X","name":"新村民"}' "$base/api/v1/people")
	[ "$code" = 201 ] || { cat out.json; die "$label: create person ($code)"; }
	ok "$label: a write with CSRF is accepted"
	curl -fs -b jar -o list.xlsx "$base/api/v1/villages?format=xlsx&columns=code:%E5%8C%BA%E5%88%92%E4%BB%A3%E7%A0%81,name:%E5%90%8D%E7%A7%B0" ||
		die "$label: xlsx export"
	python3 - "$first" <<'PY' || die "$label: xlsx content"
import sys, zipfile
z = zipfile.ZipFile("list.xlsx")
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "区划代码" in text and sys.argv[1] in text, "header or row missing"
PY
	ok "$label: a list downloads as .xlsx with the console's column labels"
	python3 -c 'print("{\"name\":\"" + "x" * 2000000 + "\"}")' >big.json
	[ "$(curl -s -o big.out -w '%{http_code}' -b jar -X PUT -H "X-CSRF-Token: $csrf" \
		-H 'Content-Type: application/json' --data-binary @big.json "$base/api/v1/people/1")" = 413 ] ||
		{ cat big.out; die "$label: oversized body"; }
	ok "$label: an oversized JSON body is refused with 413"
	# keep-alive: two requests on one connection
	curl -s -o /dev/null -o /dev/null "$base/healthz" "$base/healthz" -w '%{num_connects}\n' >conns.txt
	[ "$(tail -1 conns.txt)" = 0 ] || die "$label: keep-alive lost"
	ok "$label: keep-alive"
	kill "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=
	"$Q" --db "$db" verify >verify.log || { cat verify.log; die "$label: verify after serving"; }
	ok "$label: verify clean after the server's writes"
}

serve_and_check "$T/s.db" SQLite
if pg_url; then
	serve_and_check "$PG_URL" PostgreSQL
fi
echo "$passed passed, 0 failed"
