# The command line on SQLite: gen → import → export round trip; verify catches a
# changed cell, a deleted row and a cut log; a GBK people.csv with a bad check
# digit on line 7 and an unknown column is rejected whole with both problems.
. "$(dirname "$0")/lib.bash"

"$Q" gen --villages 4 --years 3 --seed 11 gen >/dev/null
"$Q" gen --villages 4 --years 3 --seed 11 gen2 >/dev/null
diff -r gen gen2 >/dev/null || die "gen is not deterministic"
ok "gen: same seed, same bytes"

"$Q" --db a.db import gen >import.log || { cat import.log; die "import failed"; }
grep -q 'people.csv：新增' import.log || die "import printed no counts"
"$Q" --db a.db export out >/dev/null
for f in villages people positions relatives archive_events; do
	diff <(tr -d '\r' <gen/$f.csv | sort) <(tr -d '\r' <out/$f.csv | sort) >/dev/null || die "$f.csv does not round-trip"
done
"$Q" --db b.db import out >/dev/null
"$Q" --db b.db export out2 >/dev/null
diff -r out out2 >/dev/null || die "export → import → export differs"
ok "gen → import → export round-trips the same records"

"$Q" --db a.db import gen >again.log
grep -q '新增 0，更新 0' again.log || die "re-import is not idempotent"
ok "re-import changes nothing"

"$Q" --db a.db verify >v.log || { cat v.log; die "untouched database does not verify"; }
ok "untouched database verifies clean"

cp a.db t1.db
sqlite3 t1.db "UPDATE people SET name = '篡改' WHERE id = 7;"
if "$Q" --db t1.db verify >v1.log; then die "changed cell not detected"; fi
grep -q '表 people 记录 7' v1.log || { cat v1.log; die "changed cell not named"; }
grep -q 'name' v1.log || die "changed column not named"
ok "verify names a cell changed behind the program's back"

cp a.db t2.db
sqlite3 t2.db "DELETE FROM positions WHERE id = 2;"
if "$Q" --db t2.db verify >v2.log; then die "deleted position not detected"; fi
grep -q '表 positions 记录 2' v2.log || { cat v2.log; die "deleted row not named"; }
ok "verify names a deleted position"

# Rows changed in tables large and small (the reading thread takes the large
# ones, the worker the small ones): reported in the tables' order whoever read
# them.
cp a.db t4.db
sqlite3 t4.db "$(sqlite3 t4.db "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger'")
UPDATE villages SET population = population + 1 WHERE id = 3;
UPDATE people SET name = name || '改' WHERE id = 10;
UPDATE book_lines SET summary = summary || '改' WHERE id = 100;
DELETE FROM subsidy_payments WHERE id = 2;"
if "$Q" --db t4.db verify >v4a.log; then die "changes in four tables not detected"; fi
grep -o '^表 [a-z_]*' v4a.log | uniq | tr '\n' ' ' >v4a.order
[ "$(cat v4a.order)" = "表 villages 表 people 表 book_vouchers 表 subsidy_payments " ] ||
	{ cat v4a.log; die "changed tables not reported in their order: $(cat v4a.order)"; }
grep -q '4 处问题' v4a.log || { cat v4a.log; die "not four problems"; }
ok "verify reports changes in four tables in the tables' order"

cp a.db t3.db
cp checkpoints/a.db.checkpoint checkpoints/t3.db.checkpoint  # the checkpoint the program saved
n=$(sqlite3 t3.db "SELECT COUNT(*) FROM trail")
sqlite3 t3.db "DROP TRIGGER trail_no_delete; DELETE FROM trail WHERE seq >= $((n - 5)); UPDATE trail_head SET size = $((n - 5));"
if "$Q" --db t3.db verify >v3.log; then die "cut log not detected"; fi
grep -q '日志被截断' v3.log || { cat v3.log; die "truncation not reported"; }
ok "verify reports deleted newest log entries against the checkpoint"

"$Q" --db a.db checkpoint >cp.txt
sqlite3 a.db "SELECT 1" >/dev/null
"$Q" --db a.db verify --checkpoint cp.txt >/dev/null || die "verify with its own checkpoint failed"
sed -i '2s/.*/99999999/' cp.txt
if "$Q" --db a.db verify --checkpoint cp.txt >v4.log; then die "forged checkpoint accepted"; fi
ok "verify --checkpoint refuses a forged checkpoint"

# verify only reads: a schema behind the binary (here: its newest migration's
# row removed) is refused with the way out, never migrated by verify.
cp a.db old.db
last=$(sqlite3 old.db "SELECT module || ' ' || version FROM schema_migrations ORDER BY rowid DESC LIMIT 1")
sqlite3 old.db "DELETE FROM schema_migrations WHERE module || ' ' || version = '$last'"
if "$Q" --db old.db verify >old.log 2>&1; then die "verify ran on a schema behind the binary"; fi
grep -q 'qinglian migrate' old.log || { cat old.log; die "behind schema not explained"; }
[ "$(sqlite3 old.db "SELECT COUNT(*) FROM schema_migrations WHERE module || ' ' || version = '$last'")" = 0 ] ||
	die "verify migrated the database"
ok "verify refuses a schema behind the binary and leaves it as it is"

# people.csv in GBK: Chinese headers, an unknown column, a bad check digit on line 7.
mkdir bad
{
	echo "身份证号,姓名,区划代码,户号,籍贯"
	sed -n '2,6p' gen/people.csv | tr -d '\r' | awk -F, '{print $1","$2","$3","$4",江苏"}'
	echo "110105194912310021,错号,$(sed -n 2p gen/villages.csv | cut -d, -f1),0001,江苏"
} | iconv -f UTF-8 -t GBK >bad/people.csv
if "$Q" --db c.db import bad >bad.log 2>&1; then die "bad GBK file accepted"; fi
grep -q '第7行' bad.log || { cat bad.log; die "line 7 not reported"; }
grep -q '籍贯' bad.log || { cat bad.log; die "unknown column not reported"; }
[ "$(sqlite3 c.db 'SELECT COUNT(*) FROM people')" = 0 ] || die "bad file half-written"
ok "GBK people.csv with a bad check digit on line 7 and an unknown column: rejected whole, both reported"

if "$Q" --db c.db import /nonexistent >/dev/null 2>&1; then die "missing dir accepted"; fi
: >empty.csv; mkdir e; cp empty.csv e/people.csv
if "$Q" --db c.db import e >e.log 2>&1; then die "empty file accepted"; fi
grep -q '文件为空' e.log || { cat e.log; die "empty file not explained"; }
ok "missing directory and empty file give Chinese errors"

echo "$passed passed, 0 failed"
