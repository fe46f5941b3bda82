#!/usr/bin/env bash
# `make bench` (not a test): every workload of issue 11 beside its peer in the same
# run, printed as ONE table with the ratio and the target:
#   - portal village page, requests/s with wrk (keep-alive) vs nginx serving the
#     same page saved as a static file (same bytes),
#   - `qinglian verify` throughput (bytes of log entries per second) vs sha256sum
#     over the same bytes,
#   - server RSS after the portal run, for a township,
#   - import of LINES voucher lines vs `sqlite3 .import`, and the trial balance
#     over them vs ledger-cli and hledger (bench/books/run.sh),
#   - the full red-flag scan of a city (VILLAGES × YEARS) vs the same rules as
#     SQL on PostgreSQL (bench/rules/run.sh).
# Usage: bench/run.sh [path/to/qinglian]   (default build/qinglian; build it
# without sanitizers).  Environment: LINES (1000000), VILLAGES (1700), YEARS (5),
# TOWN_VILLAGES (12), TOWN_YEARS (5), DURATION (wrk seconds, 10), CONNS (32),
# BOOKS=0 / RULES=0 skip those parts, HLEDGER / HLEDGER_LINES as bench/books.
# wrk and nginx are installed with apt when missing (root) or the rows say so.
# The sub-benchmarks' own tables go to the log named at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
Q=$(readlink -f "${1:-$ROOT/build/qinglian}")
LINES=${LINES:-1000000}
VILLAGES=${VILLAGES:-1700}
YEARS=${YEARS:-5}
TOWN_VILLAGES=${TOWN_VILLAGES:-12}
TOWN_YEARS=${TOWN_YEARS:-5}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
[ -x "$Q" ] || { echo "bench: no qinglian at $Q (make build)" >&2; exit 1; }
for c in sqlite3 curl python3 sha256sum; do
	command -v "$c" >/dev/null || { echo "bench: missing $c" >&2; exit 1; }
done
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "bench: installing wrk and nginx-light" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
			wrk nginx-light >&2 || true
	fi
fi

W=$(mktemp -d)
chmod 755 "$W" # nginx's workers read the static file as nobody
LOG=$ROOT/tests/out/bench.log
mkdir -p "$(dirname "$LOG")"
: >"$LOG"
SRV=
NGX=
cleanup() {
	[ -n "$SRV" ] && kill "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null
	[ -n "$NGX" ] && kill "$NGX" 2>/dev/null && wait "$NGX" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
cd "$W"
say() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
py() { python3 -c "print($1)"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
R=$W/results
: >"$R"

# ---- a township: portal, verify, RSS ----------------------------------------------------------
say "township: gen $TOWN_VILLAGES villages × $TOWN_YEARS years, import"
"$Q" gen --villages "$TOWN_VILLAGES" --years "$TOWN_YEARS" --seed 1 town >/dev/null
"$Q" --db t.db import town >>"$LOG"
sqlite3 t.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
code=$(sed -n 2p town/villages.csv | cut -d, -f1)
port=$(free_port)
"$Q" --db t.db serve --listen "127.0.0.1:$port" 2>server.log &
SRV=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
page_url="http://127.0.0.1:$port/p/$code"
mkdir -p www
curl -fs -o www/page.html "$page_url" || { cat server.log >&2; echo "bench: portal page failed" >&2; exit 1; }
page_bytes=$(stat -c %s www/page.html)
chmod 644 www/page.html

wrk_run() { # url -> "requests/s errors"
	wrk -t2 -c"$CONNS" -d"${DURATION}s" "$1" >wrk.out 2>&1 || true
	cat wrk.out >>"$LOG"
	python3 - wrk.out <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = re.search(r"Requests/sec:\s*([\d.]+)", t)
err = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
m = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
err += int(m.group(1)) if m else 0
print(rps.group(1) if rps else "0", err)
PY
}

portal_rps=- portal_err=- nginx_rps=- nginx_err=-
if command -v wrk >/dev/null; then
	say "portal: wrk -t2 -c$CONNS -d${DURATION}s $page_url ($page_bytes bytes)"
	wrk -t2 -c"$CONNS" -d2s "$page_url" >/dev/null 2>&1 || true # warm-up
	read -r portal_rps portal_err < <(wrk_run "$page_url")
fi
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$SRV/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$SRV/status")
kill "$SRV"
wait "$SRV" 2>/dev/null || true
SRV=

if command -v wrk >/dev/null && command -v nginx >/dev/null; then
	nport=$(free_port)
	mkdir -p ngx
	cat >nginx.conf <<EOF
worker_processes auto;
daemon off;
pid $W/ngx/nginx.pid;
error_log $W/ngx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	keepalive_requests 1000000;
	client_body_temp_path $W/ngx/body;
	proxy_temp_path $W/ngx/proxy;
	fastcgi_temp_path $W/ngx/fastcgi;
	uwsgi_temp_path $W/ngx/uwsgi;
	scgi_temp_path $W/ngx/scgi;
	default_type text/html;
	server { listen 127.0.0.1:$nport; root $W/www; }
}
EOF
	nginx -p "$W/ngx" -c "$W/nginx.conf" 2>>"$LOG" &
	NGX=$!
	for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$nport/page.html" >/dev/null 2>&1 && break; sleep 0.1; done
	say "nginx: the same $page_bytes bytes as a static file"
	wrk -t2 -c"$CONNS" -d2s "http://127.0.0.1:$nport/page.html" >/dev/null 2>&1 || true
	read -r nginx_rps nginx_err < <(wrk_run "http://127.0.0.1:$nport/page.html")
	kill "$NGX"
	wait "$NGX" 2>/dev/null || true
	NGX=
fi

say "verify: qinglian verify vs sha256sum over the log's entries"
sqlite3 t.db "SELECT entry FROM trail ORDER BY seq" >entries.txt
log_bytes=$(sqlite3 t.db "SELECT SUM(LENGTH(CAST(entry AS BLOB))) FROM trail")
log_entries=$(sqlite3 t.db "SELECT COUNT(*) FROM trail")
best_of() { # n command... -> best seconds
	local n=$1 best=999999 t0 t1
	shift
	for _ in $(seq 1 "$n"); do
		t0=$(now)
		"$@" >/dev/null
		t1=$(now)
		best=$(py "min($best, $t1 - $t0)")
	done
	echo "$best"
}
t_verify=$(best_of 7 "$Q" --db t.db verify)
t_sha=$(best_of 7 sha256sum entries.txt)

# ---- books and rules -----------------------------------------------------------------------------
if [ "${BOOKS:-1}" != 0 ]; then
	say "books: bench/books/run.sh $LINES lines (log: $LOG)"
	BENCH_RESULTS=$R "$ROOT/bench/books/run.sh" "$Q" "$LINES" >>"$LOG" 2>&1 ||
		say "books benchmark failed, see $LOG"
fi
if [ "${RULES:-1}" != 0 ]; then
	say "rules: bench/rules/run.sh $VILLAGES villages × $YEARS years (log: $LOG)"
	BENCH_RESULTS=$R "$ROOT/bench/rules/run.sh" "$Q" "$VILLAGES" "$YEARS" >>"$LOG" 2>&1 ||
		say "rules benchmark failed, see $LOG"
fi

# ---- the table ---------------------------------------------------------------------------------------
cat >>"$R" <<EOF
page_bytes=$page_bytes
portal_rps=$portal_rps
portal_err=$portal_err
nginx_rps=$nginx_rps
nginx_err=$nginx_err
rss_kb=$rss_kb
hwm_kb=$hwm_kb
log_bytes=$log_bytes
log_entries=$log_entries
t_verify=$t_verify
t_sha=$t_sha
town="$TOWN_VILLAGES villages × $TOWN_YEARS years"
duration=$DURATION
conns=$CONNS
EOF
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
echo
echo "qinglian bench — $(date -u +%Y-%m-%d) — $(nproc) cores, ${cpu:-unknown CPU}, $(free -g | awk '/^Mem/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$R" <<'PY'
import shlex, sys
r = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if "=" in line:
        k, v = line.rstrip("\n").split("=", 1)
        r[k] = " ".join(shlex.split(v)) if v else ""

def num(k):
    try:
        return float(r[k])
    except (KeyError, ValueError):
        return None

rows = []
def row(work, ours, peer, peer_v, ratio, target, ok):
    rows.append((work, ours, peer, peer_v, ratio, target, "" if ok is None else ("yes" if ok else "no")))

def faster(ours, peer):  # time rows: how many times faster we are
    return None if not ours or not peer else peer / ours

# portal
p, n = num("portal_rps"), num("nginx_rps")
ratio = p / n if p and n else None
row(f"portal village page ({r['page_bytes']} B), wrk -t2 -c{r['conns']} {r['duration']} s keep-alive",
    f"{p:,.0f} req/s ({r['portal_err']} errors)" if p else "skipped (no wrk)",
    "nginx, same bytes as a static file", f"{n:,.0f} req/s ({r['nginx_err']} errors)" if n else "skipped",
    f"{ratio:.2f}×" if ratio else "–", "≥ 0.8×", ratio >= 0.8 if ratio else None)
# verify
lb, tv, ts = num("log_bytes"), num("t_verify"), num("t_sha")
vr, sr = lb / tv / 1e6, lb / ts / 1e6
row(f"`qinglian verify`, township log ({int(r['log_entries']):,} entries, {lb / 1e6:.0f} MB)",
    f"{vr:.0f} MB/s ({tv:.2f} s)", "sha256sum over the same bytes", f"{sr:.0f} MB/s ({ts:.2f} s)",
    f"{vr / sr:.2f}×", "≥ 0.5×", vr / sr >= 0.5)
# RSS
rss = num("rss_kb") / 1024
row(f"server RSS after the portal run ({r['town']})", f"{rss:.0f} MB (peak {num('hwm_kb') / 1024:.0f} MB)",
    "", "", "", "< 64 MB", rss < 64)
# books
if "books_import" in r:
    lines = int(r["books_lines"])
    t, s = num("books_import"), num("books_sqlite_import")
    row(f"import {lines:,} voucher lines ({r['books_villages']} villages)", f"{t:.1f} s",
        "`sqlite3 .import` of the same CSV", f"{s:.1f} s", f"{s / t:.2f}×", "≥ 0.5×", s / t >= 0.5)
    tb, led = num("books_tb_township"), num("books_ledger")
    row(f"trial balance over {lines:,} lines (1 township request)", f"{tb:.3f} s", "ledger bal --flat",
        f"{led:.1f} s", f"{led / tb:.0f}×", "≥ 100×", led / tb >= 100)
    h = num("books_hledger")
    if h:
        row(f"trial balance (same){' — hledger on ' + r['books_hledger_note'].strip(' ()') if r.get('books_hledger_note') else ''}",
            f"{tb:.3f} s", "hledger bal --flat", f"{h:.1f} s", f"{h / tb:.0f}×", "", None)
    tv2 = num("books_tb_villages")
    row(f"trial balance, one request per village ({r['books_villages']} requests)", f"{tv2:.2f} s",
        "ledger bal --flat", f"{led:.1f} s", f"{led / tv2:.0f}×", "", None)
if "rules_scan_pg" in r:
    sql = num("rules_sql_pg")
    scope = f"{r['rules_villages']} villages × {r['rules_years']} years, {int(r['rules_alerts']):,} alerts"
    for key, label in (("rules_scan_sqlite_warm", "SQLite, page cache warm"),
                       ("rules_scan_pg_warm", "PostgreSQL")):
        t = num(key)
        row(f"red-flag scan, {label} ({scope})", f"{t:.1f} s",
            f"43 rules as SQL on PostgreSQL ({'same' if r['rules_diff'] == '0' else r['rules_diff'] + ' differing'} alerts)",
            f"{sql:.1f} s", f"{sql / t:.1f}×", "< 10 s and ≥ 5×", t < 10 and sql / t >= 5)
    row(f"import the city ({int(r['rules_lines']):,} CSV lines)", f"SQLite {num('rules_import_sqlite'):.0f} s",
        "", f"PostgreSQL {num('rules_import_pg'):.0f} s", "", "", None)

print("| workload | qinglian | peer | peer | ratio | target | met |")
print("|---|---:|---|---:|---:|---|---|")
for w in rows:
    print("| " + " | ".join(w) + " |")
PY
echo
echo "(sub-benchmark tables and wrk output: $LOG)"
