#!/usr/bin/env bash
# The soak (not a test): a township served for SOAK seconds (default 600) under
# wrk with a mix of portal pages and logged-in API reads on keep-alive
# connections, the server's RSS sampled every 10 s and printed; then wrk's
# totals, the errors (non-2xx and socket errors) and whether RSS stayed flat.
# Usage: bench/soak.sh [path/to/qinglian]   (default build/qinglian, no sanitizers)
# Environment: SOAK (seconds), CONNS (32), TOWN_VILLAGES (12), TOWN_YEARS (5).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
Q=$(readlink -f "${1:-$ROOT/build/qinglian}")
SOAK=${SOAK:-600}
CONNS=${CONNS:-32}
for c in wrk curl python3; do
	command -v "$c" >/dev/null || { echo "soak: missing $c (apt-get install wrk)" >&2; exit 1; }
done
W=$(mktemp -d)
SRV=
WRK=
trap '[ -n "$WRK" ] && kill $WRK 2>/dev/null; [ -n "$SRV" ] && kill $SRV 2>/dev/null; rm -rf "$W"' EXIT
cd "$W"
"$Q" gen --villages "${TOWN_VILLAGES:-12}" --years "${TOWN_YEARS:-5}" --seed 1 town >/dev/null
"$Q" --db t.db import town >/dev/null
echo password123 | "$Q" --db t.db user add soak --role jiwei >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$Q" --db t.db serve --listen "127.0.0.1:$port" 2>/dev/null &
SRV=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
	-d '{"username":"soak","password":"password123"}' "$base/api/v1/session" |
	sed -n 's/^[Ss]et-[Cc]ookie: \(qlsid=[^;]*\).*/\1/p' | tr -d '\r')
[ -n "$cookie" ] || { echo "soak: login failed" >&2; exit 1; }

# the mix: for every village its portal page and its API reads, plus the lists
codes=$(tail -n +2 town/villages.csv | cut -d, -f1)
{
	echo 'paths = {'
	echo '"/p/", "/healthz", "/api/v1/villages", "/api/v1/township/books/trial-balance?period=2025",'
	for c in $codes; do
		echo "\"/p/$c\", \"/p/$c\", \"/api/v1/villages/$c\", \"/api/v1/books/$c/trial-balance?period=2025\","
		echo "\"/api/v1/vouchers?village=$c\", \"/api/v1/villages/$c/people\","
	done
	echo '}'
	cat <<EOF
wrk.headers["Cookie"] = "$cookie"
local i = 0
request = function()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end
EOF
} >mix.lua
# every path answers 200 before the soak starts
for p in $(grep -o '"/[^"]*"' mix.lua | tr -d '"' | sort -u); do
	s=$(curl -s -o /dev/null -w '%{http_code}' -b "$cookie" "$base$p")
	[ "$s" = 200 ] || { echo "soak: $p answers $s" >&2; exit 1; }
done
npaths=$(grep -o '"/[^"]*"' mix.lua | sort -u | wc -l)

echo "soak: ${SOAK} s, wrk -t2 -c$CONNS, $npaths paths (portal pages and API reads as jiwei), $(nproc) cores"
wrk -t2 -c"$CONNS" -d"${SOAK}s" --timeout 10s -s mix.lua "$base/" >wrk.out 2>&1 &
WRK=$!
echo "  t (s)   RSS (MB)"
samples=()
start=$(date +%s)
while kill -0 "$WRK" 2>/dev/null; do
	rss=$(awk '/^VmRSS/ {print $2}' "/proc/$SRV/status")
	samples+=("$rss")
	printf '  %5d   %6.1f\n' $(($(date +%s) - start)) "$(awk -v k="$rss" 'BEGIN {print k / 1024}')"
	sleep 10
done
wait "$WRK" || true
WRK=
cat wrk.out
errors=$(python3 - wrk.out <<'PY'
import re, sys
t = open(sys.argv[1]).read()
e = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
m = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(e + (int(m.group(1)) if m else 0))
PY
)
python3 - "$errors" "${samples[@]}" <<'PY'
import sys
errors, s = int(sys.argv[1]), [int(x) / 1024 for x in sys.argv[2:]]
n = len(s)
first_min = max(s[:6])             # caches fill during the first minute
last_min = max(s[max(0, n - 6):])  # the last minute
growth = last_min - first_min
print(f"errors: {errors}")
print(f"RSS: {first_min:.1f} MB max in the first minute, {last_min:.1f} MB max in the last, "
      f"peak {max(s):.1f} MB ({'flat' if growth < 2 else 'grew %.1f MB' % growth})")
PY
