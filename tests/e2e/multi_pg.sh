# Two `qinglian serve` processes on one PostgreSQL database, hammered at once with
# writes to the same villages: vouchers through the whole chain (create, submit,
# four approvals, post) and new people.  Then: voucher numbers per village and
# year are 1..N without gaps or duplicates, every 2xx write is there, the log has
# every entry (head size = rows = max seq + 1, each write's entries present), and
# `qinglian verify` against the servers' checkpoint is clean.  Runs only when
# QL_TEST_PG_URL is set; uses a scratch database of its own, dropped at the end.
. "$(dirname "$0")/lib.bash"
if [ -z "${QL_TEST_PG_URL:-}" ]; then
	echo "skipped: QL_TEST_PG_URL not set"
	exit 0
fi
for c in curl psql python3; do
	command -v "$c" >/dev/null || { echo "skipped: $c missing"; exit 0; }
done

MI_DB=qinglian_mi_$$
SRV_A=
SRV_B=
mi_cleanup() {
	for p in $SRV_A $SRV_B; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	psql "$QL_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $MI_DB WITH (FORCE)" >/dev/null 2>&1
	cleanup
}
trap mi_cleanup EXIT

# The scratch database's URL: the test URL with its database name replaced.
url=$(python3 - "$QL_TEST_PG_URL" "$MI_DB" <<'PY'
import sys, urllib.parse as u
p = u.urlsplit(sys.argv[1])
print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))
PY
)
psql "$QL_TEST_PG_URL" -qc "CREATE DATABASE $MI_DB" >/dev/null || die "CREATE DATABASE (role needs CREATEDB)"
ok "scratch database $MI_DB"

"$Q" gen --villages 3 --years 2 --seed 5 gen >/dev/null
"$Q" --db "$url" import gen >import.log || { tail import.log; die "import"; }
v1=$(sed -n 2p gen/villages.csv | cut -d, -f1)
v2=$(sed -n 3p gen/villages.csv | cut -d, -f1)
adduser() { # name role [args...]
	echo password123 | "$Q" --db "$url" user add "$@" >/dev/null || die "user add $1"
}
adduser kuaiji --role accountant --village "$v1,$v2"
for v in 1 2; do
	code=$([ $v = 1 ] && echo "$v1" || echo "$v2")
	adduser "zhengming$v" --role village --village "$code"
	adduser "jianwei$v" --role supervisor --village "$code"
	adduser "shuji$v" --role village --village "$code"
done
adduser nongye --role dept --dept 农业农村局
ok "imported 3 villages and added the signers of the chain (five per village)"

start() { # port -> pid in $!
	"$Q" --db "$url" serve --listen "127.0.0.1:$1" 2>"server-$1.log" &
}
pa=$(free_port)
start "$pa"
SRV_A=$!
pb=$(free_port)
[ "$pb" != "$pa" ] || pb=$(free_port)
start "$pb"
SRV_B=$!
for p in $pa $pb; do
	for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$p/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
	curl -fs "http://127.0.0.1:$p/healthz" >/dev/null || { cat server-*.log; die "server on $p"; }
done
ok "two servers on one database (ports $pa, $pb)"

size_before=$(psql "$url" -tAXc "SELECT size FROM trail_head")
# the portal page of a village, kept rendered by each server, names the log's size
page_size() { # port
	curl -fs "http://127.0.0.1:$1/p/$v1" | sed -n 's/.*日志共 \([0-9]*\) 条.*/\1/p'
}
for p in $pa $pb; do
	[ "$(page_size "$p")" = "$size_before" ] || die "portal page on $p before the writes"
done
WORKERS=${MI_WORKERS:-6}
ROUNDS=${MI_ROUNDS:-5}
python3 - "$pa" "$pb" "$v1" "$v2" "$WORKERS" "$ROUNDS" >hammer.json 2>hammer.err <<'PY' ||
import http.client, json, sys, threading

ports, villages = sys.argv[1:3], sys.argv[3:5]
workers, rounds = int(sys.argv[5]), int(sys.argv[6])

def login(port, user):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
    c.request("POST", "/api/v1/session", json.dumps({"username": user, "password": "password123"}),
              {"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    assert r.status == 200, (user, r.status, body)
    cookie = r.getheader("Set-Cookie").split(";")[0]
    c.close()
    return {"Cookie": cookie, "X-CSRF-Token": body["csrf"], "Content-Type": "application/json"}

# one session per signer, used from both servers (sessions live in the database)
users = ["kuaiji", "nongye"] + [u + n for n in "12" for u in ("zhengming", "jianwei", "shuji")]
sess = {u: login(ports[i % 2], u) for i, u in enumerate(users)}

def id_no(n):
    body = "321283" + "1970%02d%02d" % (n % 12 + 1, n % 28 + 1) + "%03d" % (n % 1000)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * k for d, k in zip(body, w)) % 11]

lock = threading.Lock()
writes, failures = [], []

def worker(wid):
    conns = [http.client.HTTPConnection("127.0.0.1", int(p), timeout=120) for p in ports]
    step = 0
    def call(user, path, body):
        nonlocal step
        c = conns[step % 2]  # alternate servers request by request
        step += 1
        c.request("POST", path, json.dumps(body), sess[user])
        r = c.getresponse()
        data = r.read()
        try:
            data = json.loads(data)
        except ValueError:
            pass
        if r.status // 100 != 2:
            with lock:
                failures.append({"path": path, "user": user, "status": r.status, "body": data})
            return None
        return data
    for i in range(rounds):
        n = (wid + i) % 2
        v, k = villages[n], str(n + 1)
        d = call("kuaiji", "/api/v1/vouchers", {
            "village_code": v, "date": "2026-11-%02d" % (i % 20 + 1),
            "summary": "并发测试 %d-%d" % (wid, i), "pay_method": "转账",
            "lines": [{"account_code": "51310", "debit_fen": 1000 + wid * 100 + i},
                      {"account_code": "10201", "credit_fen": 1000 + wid * 100 + i}]})
        if d is None:
            continue
        vid = d["id"]
        with lock:
            writes.append({"kind": "voucher.create", "id": vid, "village": v, "no": d["voucher_no"]})
        chain = [("kuaiji", "submit", "voucher.submit"), ("zhengming" + k, "approve", "voucher.approve"),
                 ("jianwei" + k, "approve", "voucher.approve"), ("shuji" + k, "approve", "voucher.approve"),
                 ("nongye", "approve", "voucher.approve"), ("kuaiji", "post", "voucher.post")]
        for user, what, kind in chain:
            if call(user, "/api/v1/vouchers/%d/%s" % (vid, what), {}) is None:
                break
            with lock:
                writes.append({"kind": kind, "id": vid, "village": v})
        p = call("zhengming" + k, "/api/v1/people",
                 {"village_code": v, "id_no": id_no(wid * 100 + i + 7), "name": "并发%d号" % (wid * 100 + i)})
        if p is not None:
            with lock:
                writes.append({"kind": "person.create", "id": p["id"], "village": v})

ts = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
for t in ts:
    t.start()
for t in ts:
    t.join()
json.dump({"writes": writes, "failures": failures}, sys.stdout)
PY
	{ cat hammer.err; die "hammer"; }

python3 - hammer.json <<'PY' >hammer.txt || { cat hammer.txt; die "writes refused"; }
import json, sys
h = json.load(open(sys.argv[1]))
print(len(h["writes"]), len(h["failures"]))
for f in h["failures"][:10]:
    print(json.dumps(f, ensure_ascii=False))
sys.exit(1 if h["failures"] else 0)
PY
read -r nwrites _ <hammer.txt
[ "$nwrites" = $((WORKERS * ROUNDS * 8)) ] || die "expected $((WORKERS * ROUNDS * 8)) writes, got $nwrites"
retries=0
for p in $pa $pb; do
	r=$(curl -fs "http://127.0.0.1:$p/metrics" | awk '$1 == "qinglian_tx_retries_total" {print $2}')
	retries=$((retries + ${r:-0}))
done
ok "$nwrites concurrent writes through both servers, all 2xx ($retries transactions retried)"

size_after=$(psql "$url" -tAXc "SELECT size FROM trail_head")
for p in $pa $pb; do
	[ "$(page_size "$p")" = "$size_after" ] || die "portal page on $p kept from before the writes"
done
ok "each server's portal page follows the other's writes (log $size_before → $size_after)"
for p in $SRV_A $SRV_B; do kill "$p" && wait "$p" 2>/dev/null || true; done
SRV_A=
SRV_B=

# voucher numbers: per village and year, count = distinct = highest = book_seq
bad=$(psql "$url" -tAXc "
	SELECT v.code || ' ' || s.year || ': ' || n || ' vouchers, ' || d || ' numbers, highest ' || hi
	FROM (SELECT village_id, year, COUNT(*) AS n, COUNT(DISTINCT seq) AS d, MAX(seq) AS hi,
		     COUNT(*) FILTER (WHERE voucher_no <> year || '-' || lpad(seq::text, 4, '0')) AS odd
	      FROM book_vouchers GROUP BY 1, 2) s
	JOIN villages v ON v.id = s.village_id
	WHERE n <> d OR n <> hi OR odd > 0 OR hi <> COALESCE((SELECT last_seq FROM book_seq q
		WHERE q.village_id = s.village_id AND q.year = s.year), -1)")
[ -z "$bad" ] || die "voucher numbers: $bad"
n2026=$(psql "$url" -tAXc "SELECT COUNT(*) FROM book_vouchers WHERE voucher_no LIKE '2026-%'")
[ "$n2026" = $((WORKERS * ROUNDS)) ] || die "2026 vouchers: $n2026"
ok "voucher numbers 1..N per village and year, no gap, no duplicate ($n2026 new)"

# every acknowledged write is in the database, and each has its log entry
python3 - hammer.json >expect.tsv <<'PY'
import json, sys
from collections import Counter
h = json.load(open(sys.argv[1]))
ent = {"person.create": "people"}
c = Counter((ent.get(w["kind"], "book_vouchers"), str(w["id"]), w["kind"]) for w in h["writes"])
for (e, k, a), n in sorted(c.items()):
    print(f"{e}\t{k}\t{a}\t{n}")
PY
psql "$url" -tAXF $'\t' -c "SELECT entity, key, action, COUNT(*) FROM trail
	WHERE seq >= $size_before AND entity IN ('book_vouchers', 'people')
	GROUP BY 1, 2, 3 ORDER BY 1, 2, 3" >got.tsv
diff <(sort expect.tsv) <(sort got.tsv) >trail.diff || { head -20 trail.diff; die "log entries differ from the acknowledged writes"; }
posted=$(psql "$url" -tAXc "SELECT COUNT(*) FROM book_vouchers WHERE voucher_no LIKE '2026-%' AND status = 'posted'")
[ "$posted" = $((WORKERS * ROUNDS)) ] || die "posted: $posted"
people=$(psql "$url" -tAXc "SELECT COUNT(*) FROM people WHERE name LIKE '并发%'")
[ "$people" = $((WORKERS * ROUNDS)) ] || die "people: $people"
ok "every 2xx write is stored ($posted vouchers posted, $people people) with its log entries"

read -r hsize rows maxseq < <(psql "$url" -tAXF ' ' -c \
	"SELECT (SELECT size FROM trail_head), COUNT(*), MAX(seq) + 1 FROM trail")
[ "$hsize" = "$rows" ] && [ "$rows" = "$maxseq" ] || die "log head $hsize, rows $rows, max seq + 1 $maxseq"
ok "log head size $hsize = entries = highest seq + 1 (no lost or doubled entry)"

cp=$(ls data/checkpoints/pg-*.checkpoint)
cpsize=$(sed -n 2p "$cp")
[ "$cpsize" -gt "$size_before" ] && [ "$cpsize" -le "$hsize" ] || die "checkpoint size $cpsize (log $hsize)"
"$Q" --db "$url" verify --checkpoint "$cp" >verify.log || { cat verify.log; die "verify"; }
ok "verify clean against the servers' checkpoint (size $cpsize of $hsize)"
echo "$passed passed, 0 failed"
