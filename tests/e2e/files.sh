# Stored files are served only while their bytes still hash to what the log
# holds: an evidence file of an alert is uploaded through the real server,
# downloaded whole with its hash in X-Content-SHA256, then its bytes are
# changed behind the program's back (the blob tables are not logged, so
# verify cannot see it) and the download refuses with 500 and the module's
# Chinese message instead of serving them.  SQLite only: the check is in C,
# the same on both backends.
. "$(dirname "$0")/lib.bash"
command -v curl >/dev/null || { echo "skipped: curl missing"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 missing"; exit 77; }

"$Q" gen --villages 3 --years 2 --seed 5 gen >/dev/null
"$Q" --db t.db import gen >/dev/null
echo password123 | "$Q" --db t.db user add jw --role jiwei >/dev/null
port=$(free_port)
"$Q" --db t.db serve --listen "127.0.0.1:$port" 2>server.log &
SERVER_PID=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs -o login.json -c jar -H 'Content-Type: application/json' \
	-d '{"username":"jw","password":"password123"}' "$base/api/v1/session" || die "login"
csrf=$(python3 -c 'import json; print(json.load(open("login.json"))["csrf"])')
post() { # path file -> body in out.json, prints the status
	curl -s -o out.json -w '%{http_code}' -b jar -H "X-CSRF-Token: $csrf" "$@"
}

code=$(post -H 'Content-Type: application/json' -d '{}' "$base/api/v1/rules/scan")
[ "$code" = 200 ] || { cat out.json; die "scan ($code)"; }
curl -fs -b jar -o alerts.json "$base/api/v1/alerts?per_page=1" || die "alert list"
aid=$(python3 -c 'import json; print(json.load(open("alerts.json"))["items"][0]["id"])')
ok "a scan raised alerts (first: $aid)"

printf '核查记录：村务监督委员会 2025 年 3 月会议，原件存村部。\n' >note.txt
sha=$(sha256sum note.txt | cut -d' ' -f1)
code=$(post -H 'X-Filename: hecha.txt' -H 'Content-Type: application/octet-stream' \
	--data-binary @note.txt "$base/api/v1/alerts/$aid/evidence")
[ "$code" = 201 ] || { cat out.json; die "upload ($code)"; }
eid=$(python3 -c 'import json; print(json.load(open("out.json"))["id"])')
grep -q "\"sha256\":\"$sha\"" out.json || die "upload answer lacks the file's hash"
ok "evidence uploaded, its SHA-256 in the answer"

h=$(curl -s -D - -o got.txt -b jar "$base/api/v1/alert-evidence/$eid/file")
grep -q '^HTTP/1.1 200' <<<"$h" || die "download: $h"
cmp -s note.txt got.txt || die "download: other bytes"
grep -qi "x-content-sha256: $sha" <<<"$h" || die "download: no X-Content-SHA256"
ok "the download is the uploaded bytes, with their hash"

sqlite3 t.db "UPDATE alert_evidence_files SET content = CAST('核查记录：已篡改' AS BLOB) WHERE file_key = '$sha'"
code=$(curl -s -o bad.json -w '%{http_code}' -b jar "$base/api/v1/alert-evidence/$eid/file")
[ "$code" = 500 ] || { cat bad.json; die "tampered file served ($code)"; }
grep -q '"code":"alert_evidence.corrupt"' bad.json || die "tampered: $(cat bad.json)"
grep -q '与登记的哈希值不符' bad.json || die "tampered: message $(cat bad.json)"
grep -q '已篡改' bad.json && die "tampered bytes leaked into the answer"
ok "bytes changed behind the program's back are refused, not served"

kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
echo "$passed passed, 0 failed"
