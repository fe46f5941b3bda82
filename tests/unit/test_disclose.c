/*
 * The disclose module on real databases (both backends): the compliance board
 * village × item × period on a fixed as-of date (on time, late, missing, not
 * yet due; a publication after as_of does not count; the township's catalogue
 * overrides switch items off and change deadlines); disclosures.csv imported
 * all-or-nothing, a changed publication refused, export → import unchanged; and
 * an inclusion proof fetched from the portal's public route that verifies
 * offline with the verifier key, and fails when the entry or the key is wrong.
 */
#include "testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/router.h"
#include "mod/disclose.h"
#include "mod/io.h"
#include "mod/org.h"

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the app on it */
	char dir[64];	/* key, checkpoints and CSV files */
};

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1745110800LL * 1000000; /* 2025-04-20T01:00:00Z, 09:00 in Beijing */
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char villages_csv[] = "code,name,kind,township,households,population\n"
				   "321283101201,甲村,村,黄桥镇,800,2400\n"
				   "321283101202,乙村,村,黄桥镇,600,1800\n";

/* 甲村 in 2025, seen on 2025-04-20: CZ-01 January on time, February late,
 * March published only after as_of, CZ-02 Q1 on time. */
static const char disclosures_csv[] =
    "village_code,item_code,period,published_date,title,total_income,total_expense\n"
    "321283101201,CZ-01,2025-01,2025-02-05,甲村2025年1月财务收支,\"1,200.50\",300\n"
    "321283101201,CZ-01,2025-02,2025-03-15,甲村2025年2月财务收支,500,700.25\n"
    "321283101201,CZ-01,2025-03,2025-04-25,甲村2025年3月财务收支,,\n"
    "321283101201,CZ-02,2025-Q1,2025-04-14,甲村2025年第一季度资产情况,,\n";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-disclose-%d", (int)getpid());
	char cmd[128], key[128];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/csv", f->dir);
	if (system(cmd) != 0)
		return -1;
	snprintf(key, sizeof(key), "%s/trail.key", f->dir);
	if (testdb_open(&f->tdb, testdb_backend, "disclose") != E_OK)
		return -1;
	struct app_opts o = {0};
	o.db_url = db_url(f->tdb);
	o.migrate = true;
	o.key_path = key;
	o.checkpoint_dir = f->dir;
	o.origin = "test/disclose";
	struct errinfo ei = {0};
	if (app_open(&f->app, &o, &ei) != E_OK) {
		fprintf(stderr, "%s\n", ei.msg);
		return -1;
	}
	f->app.clock = fixed_clock;
	f->app.quiet = true;
	char csv[96];
	snprintf(csv, sizeof(csv), "%s/csv", f->dir);
	write_file(csv, "villages.csv", villages_csv);
	write_file(csv, "disclosures.csv", disclosures_csv);
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&f->app, csv, devnull, &ei);
	fclose(devnull);
	if (e != E_OK) {
		fprintf(stderr, "import: %s\n", ei.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	app_close(&f->app);
	testdb_close(f->tdb);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static const struct disclose_cell *cell(const struct disclose_board *b, const char *village,
					const char *item, const char *period)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->cells[i].village_code, village) == 0 &&
		    strcmp(b->cells[i].item_code, item) == 0 &&
		    strcmp(b->cells[i].period, period) == 0)
			return &b->cells[i];
	return NULL;
}

static void board(struct fx *f, int64_t vid, const char *as_of, struct arena *a,
		  struct disclose_board *b)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	enum err e = disclose_board_compute(c, a, 1, 0, vid, as_of, 2025, b, &ei);
	if (e != E_OK)
		fprintf(stderr, "board: %s\n", ei.msg);
	assert_int_equal(e, E_OK);
	db_conn_put(f->app.db, c);
}

static int64_t village(struct fx *f, const char *code)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	int64_t id = 0;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(org_village_id(c, code, &id), E_OK);
	db_conn_put(f->app.db, c);
	return id;
}

static void test_disclose__board_fixed_date(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct disclose_board b;
	board(f, village(f, "321283101201"), "2025-04-20", &a, &b);
	/* 1 monthly item × Jan–Apr, 9 quarterly × Q1–Q2, 4 annual × 2025 */
	assert_int_equal(b.n, 26);
	const struct disclose_cell *x = cell(&b, "321283101201", "CZ-01", "2025-01");
	assert_non_null(x);
	assert_int_equal(x->state, DISCLOSE_ON_TIME);
	assert_string_equal(x->deadline, "2025-02-10");
	assert_string_equal(x->published, "2025-02-05");
	x = cell(&b, "321283101201", "CZ-01", "2025-02");
	assert_int_equal(x->state, DISCLOSE_LATE);
	assert_string_equal(x->deadline, "2025-03-10");
	/* published 2025-04-25, after as_of: not yet there */
	x = cell(&b, "321283101201", "CZ-01", "2025-03");
	assert_int_equal(x->state, DISCLOSE_MISSING);
	assert_null(x->published);
	x = cell(&b, "321283101201", "CZ-01", "2025-04");
	assert_int_equal(x->state, DISCLOSE_PENDING);
	assert_null(cell(&b, "321283101201", "CZ-01", "2025-05"));
	assert_int_equal(cell(&b, "321283101201", "CZ-02", "2025-Q1")->state, DISCLOSE_ON_TIME);
	assert_int_equal(cell(&b, "321283101201", "DW-01", "2025-Q1")->state, DISCLOSE_MISSING);
	assert_string_equal(cell(&b, "321283101201", "DW-01", "2025-Q1")->deadline, "2025-04-15");
	assert_int_equal(cell(&b, "321283101201", "CW-02", "2025-Q2")->state, DISCLOSE_PENDING);
	assert_int_equal(cell(&b, "321283101201", "CZ-05", "2025")->state, DISCLOSE_PENDING);
	assert_int_equal(b.count[DISCLOSE_ON_TIME], 2);
	assert_int_equal(b.count[DISCLOSE_LATE], 1);
	/* CW-01 has 20 days: due on as_of itself, so not yet missing */
	x = cell(&b, "321283101201", "CW-01", "2025-Q1");
	assert_string_equal(x->deadline, "2025-04-20");
	assert_int_equal(x->state, DISCLOSE_PENDING);
	assert_int_equal(b.count[DISCLOSE_MISSING], 8);
	assert_int_equal(b.count[DISCLOSE_PENDING], 15);

	/* a day later the March publication is still missing; on 2025-04-25 it is late */
	board(f, village(f, "321283101201"), "2025-04-25", &a, &b);
	assert_int_equal(cell(&b, "321283101201", "CZ-01", "2025-03")->state, DISCLOSE_LATE);
	/* 乙村 has no records: it starts at the year */
	board(f, village(f, "321283101202"), "2025-04-20", &a, &b);
	assert_int_equal(b.n, 26);
	assert_int_equal(b.count[DISCLOSE_MISSING], 11);
	assert_int_equal(b.count[DISCLOSE_ON_TIME], 0);
	arena_release(&a);
}

static enum err override(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	(void)arg;
	static const struct {
		const char *code, *cat, *name, *freq;
		int days, active;
	} rows[] = {{"CW-03", "村务", "宅基地审批", "quarterly", 15, 0},
		    {"DW-01", "党务", "党组织工作安排及“三会一课”落实", "quarterly", 30, 1}};
	for (size_t i = 0; i < 2; i++) {
		struct db_res *res;
		enum err e =
		    db_one(tc->db, &disclose_stmts, DISCLOSE_ST_CAT_UPSERT,
			   DB_PARAMS(DB_TEXT("黄桥镇"), DB_TEXT(rows[i].code), DB_TEXT(rows[i].cat),
				     DB_TEXT(rows[i].name), DB_TEXT(rows[i].freq),
				     DB_INT(rows[i].days), DB_NULL, DB_INT(rows[i].active)),
			   &res);
		if (e != E_OK)
			return e;
		int64_t id = db_int(res, 0);
		db_done(res);
		if ((e = trail_row(tc, &disclose_tables[DISCLOSE_T_CATALOGUE], id,
				   "catalogue.update", ei)) != E_OK)
			return e;
	}
	return E_OK;
}

static void test_disclose__board_township_catalogue(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	assert_int_equal(app_write(&f->app, "test", override, NULL, &ei), E_OK);
	struct arena a = ARENA_INIT;
	struct disclose_board b;
	board(f, village(f, "321283101201"), "2025-04-20", &a, &b);
	assert_int_equal(b.n, 24); /* CW-03 switched off */
	assert_null(cell(&b, "321283101201", "CW-03", "2025-Q1"));
	/* DW-01 now has 30 days: Q1 is due on 2025-04-30 */
	const struct disclose_cell *x = cell(&b, "321283101201", "DW-01", "2025-Q1");
	assert_string_equal(x->deadline, "2025-04-30");
	assert_int_equal(x->state, DISCLOSE_PENDING);
	assert_int_equal(b.count[DISCLOSE_MISSING], 6);
	arena_release(&a);
}

/* ---- import -------------------------------------------------------------------------- */

static enum err import_one(struct fx *f, const char *csv, char *msg, size_t len)
{
	char dir[96];
	snprintf(dir, sizeof(dir), "%s/again", f->dir);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s", dir, dir);
	assert_int_equal(system(cmd), 0);
	write_file(dir, "disclosures.csv", csv);
	char out[4096] = "";
	FILE *m = fmemopen(out, sizeof(out) - 1, "w");
	struct errinfo ei = {0};
	enum err e = io_import_dir(&f->app, dir, m, &ei);
	fclose(m);
	snprintf(msg, len, "%s %s", ei.msg, out);
	return e;
}

static void test_disclose__import_never_changes_a_publication(void **state)
{
	struct fx *f = *state;
	char msg[8192];
	/* the same file again: nothing new */
	assert_int_equal(import_one(f, disclosures_csv, msg, sizeof(msg)), E_OK);
	/* a changed total of a published item is refused, with the line */
	static const char changed[] =
	    "village_code,item_code,period,published_date,title,total_income,total_expense\n"
	    "321283101201,CZ-01,2025-01,2025-02-05,甲村2025年1月财务收支,1300,300\n";
	assert_int_not_equal(import_one(f, changed, msg, sizeof(msg)), E_OK);
	assert_non_null(strstr(msg, "已发布的公开不能修改"));
	/* a period that does not fit the item's frequency */
	static const char wrong[] =
	    "village_code,item_code,period,published_date,title,total_income,total_expense\n"
	    "321283101201,CZ-01,2025-Q2,2025-07-05,错误,,\n"
	    "321283101201,XX-99,2025-05,2025-06-05,错误,,\n";
	assert_int_not_equal(import_one(f, wrong, msg, sizeof(msg)), E_OK);
	assert_non_null(strstr(msg, "公开频次"));
	assert_non_null(strstr(msg, "不在公开目录中"));
}

/* ---- a proof from the portal, checked offline ---------------------------------------- */

static int get(struct fx *f, const char *path, struct buf *out)
{
	struct req r;
	req_init(&r, &f->app);
	r.method = "GET";
	char *p = arena_strdup(&r.arena, path), *q = strchr(p, '?');
	if (q) {
		*q = '\0';
		router_parse_query(&r, q + 1);
	}
	r.path = p;
	r.remote = "127.0.0.1";
	router_dispatch(&r);
	int status = r.status;
	buf_reset(out);
	buf_add(out, r.resp.ptr, r.resp.len);
	req_release(&r);
	return status;
}

static int64_t first_disclosure(struct fx *f)
{
	struct buf b = BUF_INIT;
	assert_int_equal(get(f, "/p/321283101201/disclosures?year=2025", &b), 200);
	const char *p = strstr(b.ptr, "/p/321283101201/disclosures/");
	assert_non_null(p);
	int64_t id = atoll(p + strlen("/p/321283101201/disclosures/"));
	buf_release(&b);
	return id;
}

static void test_disclose__portal_proof_verifies_offline(void **state)
{
	struct fx *f = *state;
	int64_t id = first_disclosure(f);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/public/proof/disclosures/%lld", (long long)id);
	struct buf b = BUF_INIT;
	assert_int_equal(get(f, path, &b), 200);
	json_error_t je;
	json_t *proof = json_loads(b.ptr, 0, &je);
	assert_non_null(proof);
	char *vkey = strdup(json_string_value(json_object_get(proof, "vkey")));
	assert_non_null(strstr(json_string_value(json_object_get(proof, "entry")),
			       "\"entity\":\"disclosures\""));
	char out[8192];
	FILE *m = fmemopen(out, sizeof(out) - 1, "w");
	struct errinfo ei = {0};
	enum err e = disclose_proof_verify(b.ptr, vkey, m, &ei);
	fclose(m);
	if (e != E_OK)
		fprintf(stderr, "verify: %s\n", ei.msg);
	assert_int_equal(e, E_OK);
	assert_non_null(strstr(out, "包含证明成立"));

	/* the entry changed by one character: the leaf no longer matches */
	char *entry = strdup(json_string_value(json_object_get(proof, "entry")));
	char *t = strstr(entry, "2025");
	assert_non_null(t);
	t[3] = '6';
	json_object_set_new(proof, "entry", json_string(entry));
	json_object_del(proof, "leaf_hash");
	char *bad = json_dumps(proof, 0);
	m = fmemopen(out, sizeof(out) - 1, "w");
	assert_int_equal(disclose_proof_verify(bad, vkey, m, &ei), E_INPUT);
	fclose(m);
	assert_string_equal(ei.key, "proof.invalid");
	free(bad);
	free(entry);

	/* another key: the checkpoint's signature does not verify */
	static const char other[] = "other+5aa6c1cc+AVq4nuVhmpgoNXKwLA4dj6b7cWIXQ/xXjJ4lQGG+MJtE";
	m = fmemopen(out, sizeof(out) - 1, "w");
	assert_int_not_equal(disclose_proof_verify(b.ptr, other, m, &ei), E_OK);
	fclose(m);
	/* a draft is not published: no proof */
	assert_int_equal(get(f, "/api/v1/public/proof/disclosures/999999", &b), 404);
	assert_int_equal(get(f, "/api/v1/public/proof/people/1", &b), 404);
	free(vkey);
	json_decref(proof);
	buf_release(&b);
}

static void test_disclose__portal_pages(void **state)
{
	struct fx *f = *state;
	struct buf b = BUF_INIT;
	assert_int_equal(get(f, "/p/321283101201/disclosures?year=2025", &b), 200);
	assert_non_null(strstr(b.ptr, "<h2>财务公开</h2>"));
	assert_non_null(strstr(b.ptr, "甲村2025年2月财务收支"));
	assert_null(strstr(b.ptr, "<script"));
	assert_true(b.len < 50 * 1024);
	assert_int_equal(get(f, "/p/321283101201/finance?year=2025", &b), 200);
	assert_non_null(strstr(b.ptr, "<svg"));
	assert_non_null(strstr(b.ptr, "1,200.50"));
	assert_non_null(strstr(b.ptr, "700.25"));
	assert_int_equal(get(f, "/p/321283101201/verify", &b), 200);
	assert_non_null(strstr(b.ptr, "qinglian verify-proof"));
	assert_non_null(strstr(b.ptr, "test/disclose"));
	assert_int_equal(get(f, "/p/321283101201/monthly.pdf?month=2025-03", &b), 200);
	assert_memory_equal(b.ptr, "%PDF", 4);
	assert_int_equal(get(f, "/p/321283101299/disclosures", &b), 404);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_disclose__board_fixed_date, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disclose__board_township_catalogue, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_disclose__import_never_changes_a_publication,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disclose__portal_proof_verifies_offline, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_disclose__portal_pages, setup, teardown),
	};
	return testdb_run_group("disclose", tests, NULL, NULL);
}
