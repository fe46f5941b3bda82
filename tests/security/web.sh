# What only the HTTP layer does, against a real `qinglian serve` on 127.0.0.1:
# the security headers on every kind of answer (console, static file, SPA route,
# portal page, portal error, API answer, API error, 404, 405, 413, health,
# metrics), path traversal on the static files never leaving the web root, and
# CRLF in paths, queries and bodies never making a header.  Run as an e2e test
# (tests/authz/authz.cmake); $1 is the qinglian binary.
. "$(dirname "$0")/../e2e/lib.bash"
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }

"$Q" gen --villages 2 --years 2 --seed 3 gen >/dev/null
first=$(sed -n 2p gen/villages.csv | cut -d, -f1)
"$Q" --db t.db import gen >/dev/null
echo "password123" | "$Q" --db t.db user add cun1 --role village --village "$first" >/dev/null

# A web root of our own, and a secret beside it that must never be served.
mkdir -p www/assets
echo '<!doctype html><title>console</title>' >www/index.html
echo 'console.log("app")' >www/assets/app.js
echo 'TOPSECRET-outside-the-web-root' >secret.txt
echo 'TOPSECRET-outside-the-web-root' >www.txt

port=$(free_port)
QL_RATELIMIT=off "$Q" --db t.db serve --listen "127.0.0.1:$port" --web-root "$T/www" 2>server.log &
SERVER_PID=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$base/healthz" >/dev/null || { cat server.log; die "server did not start"; }

# ---- headers on every answer -------------------------------------------------------
headers_ok() { # file label
	grep -qi "^content-security-policy:.*frame-ancestors 'none'" "$1" || die "$2: no CSP with frame-ancestors"
	grep -qi "^content-security-policy:.*script-src 'self'" "$1" || die "$2: CSP allows foreign scripts"
	grep -qi '^x-frame-options: DENY' "$1" || die "$2: no X-Frame-Options"
	grep -qi '^x-content-type-options: nosniff' "$1" || die "$2: no nosniff"
	grep -qi '^referrer-policy: ' "$1" || die "$2: no Referrer-Policy"
}
n=0
check_headers() { # label expected-status curl-args...
	local label=$1 want=$2
	shift 2
	local code
	code=$(curl -s -o body.out -D hdr.out -w '%{http_code}' "$@")
	[ "$code" = "$want" ] || { cat body.out; die "$label: status $code, expected $want"; }
	headers_ok hdr.out "$label"
	n=$((n + 1))
}
check_headers "console index" 200 "$base/"
check_headers "static file" 200 "$base/assets/app.js"
check_headers "console route (SPA)" 200 "$base/villages/list"
check_headers "missing asset" 404 "$base/assets/none.js"
check_headers "portal page" 200 "$base/p/$first"
check_headers "portal error page" 404 "$base/p/999999999999"
check_headers "API answer" 200 "$base/api/v1/checkpoint"
check_headers "API error (login required)" 401 "$base/api/v1/villages"
check_headers "API 404" 404 "$base/api/v1/no-such-thing"
check_headers "API 405" 405 -X PATCH "$base/api/v1/villages"
check_headers "API 400 (bad JSON)" 400 -H 'Content-Type: application/json' -d '{' "$base/api/v1/session"
python3 -c 'print("x" * 70000000)' >big.bin
check_headers "413 oversized body" 413 -H 'Content-Type: text/csv' --data-binary @big.bin "$base/api/v1/import/people.csv"
rm -f big.bin
check_headers "health" 200 "$base/healthz"
check_headers "metrics" 200 "$base/metrics"
grep -qi '^cache-control: no-store' <(curl -s -D - -o /dev/null "$base/api/v1/checkpoint") ||
	die "API answers are not Cache-Control: no-store"
ok "security headers on $n kinds of answer; API answers are no-store"

# ---- path traversal on the static files ------------------------------------------------
t=0
for p in '/../secret.txt' '/assets/../../secret.txt' '/%2e%2e/secret.txt' '/%2e%2e%2fsecret.txt' \
	'/assets/%2e%2e/%2e%2e/secret.txt' '/..%2fsecret.txt' '/assets/..%2f..%2fsecret.txt' \
	'/p/../../secret.txt' '/assets/..%5c..%5csecret.txt' '/..\secret.txt' '/%252e%252e/secret.txt' \
	'/assets/../../../../../../etc/passwd' '//etc/passwd' '/assets//etc/passwd' '/.%2e/secret.txt' \
	'/%c0%ae%c0%ae/secret.txt' '/assets/%00../../secret.txt' '/../www.txt' '/index.html/../../secret.txt' \
	'/api/../../secret.txt' '/p/..%2f..%2fsecret.txt'; do
	curl -s --path-as-is -o trav.out "$base$p" || true
	if grep -q 'TOPSECRET\|root:x:0:0' trav.out; then die "traversal served a file outside the web root: $p"; fi
	t=$((t + 1))
done
ok "path traversal: $t attempts, none left the web root"

# ---- CRLF never makes a header -------------------------------------------------------
c=0
crlf() { # label curl-args...
	local label=$1
	shift
	curl -s -o /dev/null -D crlf.out "$@" || true
	if grep -qi '^x-injected\|^set-cookie: qlsid=evil\|^location: http://evil' crlf.out; then
		cat crlf.out
		die "CRLF made a header: $label"
	fi
	c=$((c + 1))
}
crlf "path" --path-as-is "$base/p/%0d%0aX-Injected:%201"
crlf "api path" --path-as-is "$base/api/v1/villages/%0d%0aX-Injected:%201"
crlf "static path" --path-as-is "$base/assets/%0d%0aSet-Cookie:%20qlsid=evil"
crlf "query" "$base/api/v1/villages?q=%0d%0aX-Injected:%201&format=%0d%0aX-Injected:%201"
crlf "xlsx columns" "$base/api/v1/villages?format=xlsx&columns=code:%0d%0aX-Injected:%201"
crlf "login name" -H 'Content-Type: application/json' \
	-d '{"username":"x\r\nX-Injected: 1","password":"y\r\nSet-Cookie: qlsid=evil"}' "$base/api/v1/session"
crlf "portal form" -d 'subject=a%0d%0aX-Injected:%201&content=%0d%0aLocation:%20http://evil' "$base/p/$first/complaint"
crlf "proof entity" --path-as-is "$base/api/v1/public/proof/x%0d%0aX-Injected:%201/1"
ok "CRLF: $c requests, no injected header"

# ---- the server is still well --------------------------------------------------------
curl -fs "$base/healthz" >/dev/null || die "server died"
if grep -q 'AddressSanitizer\|runtime error' server.log; then cat server.log; die "sanitizer report"; fi
ok "server healthy after the attacks"
echo "web security e2e: $passed checks passed"
