/*
 * The trade module's project procedure as data (each step refused until the
 * earlier ones are done and dated no later; a direct commission without its
 * bidding step; a failed township review final), and its generator with the
 * assets one: the same seed gives the same bytes, every rule C01–C06 and
 * P01–P07 is planted and every truth line names rows that exist and show the
 * pattern; then, on both backends, the generated files of a few villages load
 * without an error.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/csvio.h"
#include "mod/gen.h"
#include "mod/io.h"
#include "mod/trade.h"

/* ---- the procedure ------------------------------------------------------------------ */

static enum err step(const struct trade_progress *p, enum trade_step s, const char *date,
		     const char *want_key)
{
	struct errinfo ei = {0};
	enum err e = trade_step_check(p, s, date, "2026-06-15", &ei);
	if (want_key)
		assert_string_equal(ei.key, want_key);
	else
		assert_int_equal(e, E_OK);
	return e;
}

static void test_trade__step_order(void **state)
{
	(void)state;
	struct trade_progress p = {{"2026-03-01"}, false, false};
	assert_int_equal(trade_next_step(&p), TRADE_STEP_REVIEW);
	assert_string_equal(trade_status_label(&p), "已登记");
	/* every later step waits for the review */
	for (int s = TRADE_STEP_APPROVE; s < TRADE_STEP__MAX; s++)
		assert_int_equal(step(&p, (enum trade_step)s, "2026-03-10", "trade.step_order"),
				 E_RULE);
	step(&p, TRADE_STEP_REVIEW, "2026-03-05", NULL);
	/* dated before registration, or after today */
	assert_int_equal(step(&p, TRADE_STEP_REVIEW, "2026-02-28", "trade.step_date"), E_INPUT);
	assert_int_equal(step(&p, TRADE_STEP_REVIEW, "2026-06-16", "trade.step_date"), E_INPUT);
	p.date[TRADE_STEP_REVIEW] = "2026-03-05";
	p.review_passed = true;
	assert_int_equal(step(&p, TRADE_STEP_REVIEW, "2026-03-06", "trade.step_done"), E_CONFLICT);
	assert_int_equal(step(&p, TRADE_STEP_ANNOUNCE, "2026-03-10", "trade.step_order"), E_RULE);
	p.date[TRADE_STEP_APPROVE] = "2026-03-12";
	p.date[TRADE_STEP_ANNOUNCE] = "2026-03-15";
	assert_int_equal(trade_next_step(&p), TRADE_STEP_BID);
	/* 先实施后补手续: no start, no contract before the bidding */
	assert_int_equal(step(&p, TRADE_STEP_START, "2026-04-01", "trade.step_order"), E_RULE);
	assert_int_equal(step(&p, TRADE_STEP_CONTRACT, "2026-04-01", "trade.step_order"), E_RULE);
	step(&p, TRADE_STEP_BID, "2026-03-15", NULL);
	/* the same day as the previous step is fine; the day before is not */
	assert_int_equal(step(&p, TRADE_STEP_BID, "2026-03-14", "trade.step_date"), E_INPUT);
	struct errinfo ei = {0};
	trade_step_check(&p, TRADE_STEP_BID, "2026-03-14", "2026-06-15", &ei);
	assert_string_equal(ei.msg, "「竞价」日期 2026-03-14 早于「公告」日期 2026-03-15");
	p.date[TRADE_STEP_BID] = "2026-03-25";
	p.date[TRADE_STEP_CONTRACT] = "2026-03-28";
	p.date[TRADE_STEP_START] = "2026-04-01";
	assert_string_equal(trade_status_label(&p), "已开工");
	p.date[TRADE_STEP_ACCEPT] = "2026-05-20";
	assert_int_equal(trade_next_step(&p), TRADE_STEP__MAX);
	assert_string_equal(trade_status_label(&p), "已验收");
}

static void test_trade__direct_and_failed_review(void **state)
{
	(void)state;
	struct trade_progress d = {{"", "2026-03-05", "2026-03-12", "2026-03-13"}, true, true};
	/* a direct commission skips the bidding */
	assert_int_equal(trade_next_step(&d), TRADE_STEP_CONTRACT);
	assert_int_equal(step(&d, TRADE_STEP_BID, "2026-03-20", "trade.no_bidding"), E_RULE);
	step(&d, TRADE_STEP_CONTRACT, "2026-03-20", NULL);
	/* a review that did not pass ends the procedure */
	struct trade_progress f = {{"2026-03-01", "2026-03-05"}, false, false};
	assert_string_equal(trade_status_label(&f), "预审未通过");
	assert_int_equal(step(&f, TRADE_STEP_APPROVE, "2026-03-12", "trade.review_failed"), E_RULE);
	assert_string_equal(trade_step_names[TRADE_STEP_REVIEW], "镇预审");
}

/* ---- the generators ----------------------------------------------------------------- */

static const char *const files[] = {"assets.csv",    "resources.csv",	   "trades.csv",
				    "contracts.csv", "contract_bills.csv", "projects.csv",
				    "bids.csv"};

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	size_t got = fread(buf, 1, (size_t)n, fp);
	buf[got] = '\0';
	fclose(fp);
	if (len)
		*len = got;
	return buf;
}

static void gen_into(const char *dir, int villages, int years, uint64_t seed)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	struct gen_opts o = {dir, villages, years, seed};
	struct errinfo ei = {0};
	assert_int_equal(gen_run(&o, &ei), E_OK);
}

/* Column en of a table's header row, or -1. */
static int col(const struct table *t, const char *en)
{
	for (size_t c = 0; c < t->rows[0].ncells; c++)
		if (strcmp(t->rows[0].cells[c], en) == 0)
			return (int)c;
	return -1;
}

static const struct table_row *find(const struct table *t, const char *village, const char *key,
				    const char *value)
{
	int vc = col(t, "village_code"), kc = col(t, key);
	for (size_t r = 1; r < t->nrows; r++)
		if (strcmp(t->rows[r].cells[vc], village) == 0 &&
		    strcmp(t->rows[r].cells[kc], value) == 0)
			return &t->rows[r];
	return NULL;
}

static void test_trade__gen_deterministic(void **state)
{
	(void)state;
	char a[96], b[96];
	snprintf(a, sizeof(a), "/tmp/ql-tradegen-a-%d", (int)getpid());
	snprintf(b, sizeof(b), "/tmp/ql-tradegen-b-%d", (int)getpid());
	gen_into(a, 6, 4, 11);
	gen_into(b, 6, 4, 11);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		size_t la, lb;
		char *x = slurp(a, files[i], &la), *y = slurp(b, files[i], &lb);
		assert_non_null(x);
		assert_non_null(y);
		assert_true(la > 100);
		assert_int_equal(la, lb);
		assert_memory_equal(x, y, la);
		free(x);
		free(y);
	}
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s %s", a, b);
	assert_int_equal(system(cmd), 0);
}

/* Every rule is planted, and its truth lines name rows that show it. */
static void test_trade__gen_truth(void **state)
{
	(void)state;
	char dir[96];
	snprintf(dir, sizeof(dir), "/tmp/ql-tradegen-t-%d", (int)getpid());
	gen_into(dir, 12, 8, 1);
	struct arena a = ARENA_INIT;
	struct table truth, contracts, projects, trades, bids;
	struct errinfo ei = {0};
	char path[256];
#define READ(t, name)                                                                              \
	snprintf(path, sizeof(path), "%s/%s", dir, name);                                          \
	assert_int_equal(table_read_file(&a, path, &t, &ei), E_OK)
	READ(truth, "ground_truth.csv");
	READ(contracts, "contracts.csv");
	READ(projects, "projects.csv");
	READ(trades, "trades.csv");
	READ(bids, "bids.csv");
#undef READ
	static const char *const rules[] = {"C01", "C02", "C03", "C04", "C05", "C06", "P01",
					    "P02", "P03", "P04", "P05", "P06", "P07"};
	int seen[13] = {0};
	for (size_t r = 1; r < truth.nrows; r++) {
		const char *rule = truth.rows[r].cells[0], *village = truth.rows[r].cells[1];
		const char *keys = truth.rows[r].cells[2];
		for (int k = 0; k < 13; k++)
			seen[k] += strcmp(rule, rules[k]) == 0;
		if (rule[0] == 'C' && strcmp(rule, "C06") != 0)
			assert_non_null(find(&contracts, village, "contract_no", keys));
		if (strcmp(rule, "C01") == 0) /* not traded */
			assert_string_equal(find(&contracts, village, "contract_no", keys)
						->cells[col(&contracts, "trade_no")],
					    "");
		if (strcmp(rule, "C06") == 0) {
			char first[32];
			snprintf(first, sizeof(first), "%.*s", (int)strcspn(keys, ","), keys);
			const struct table_row *x = find(&contracts, village, "contract_no", first);
			const struct table_row *y =
			    find(&contracts, village, "contract_no", strchr(keys, ',') + 1);
			assert_non_null(x);
			assert_non_null(y);
			int s = col(&contracts, "subject_no");
			assert_string_equal(x->cells[s], y->cells[s]);
		}
		if (strcmp(rule, "P03") == 0 || strcmp(rule, "P01") == 0)
			assert_non_null(find(&projects, village, "project_no", keys));
		if (strcmp(rule, "P03") == 0)
			assert_string_equal(find(&projects, village, "project_no", keys)
						->cells[col(&projects, "procurement")],
					    "直接委托");
		if (strcmp(rule, "P04") == 0 || strcmp(rule, "P05") == 0) {
			assert_true(find(&projects, village, "project_no", keys) ||
				    find(&trades, village, "trade_no", keys));
			int n = 0;
			for (size_t b = 1; b < bids.nrows; b++)
				n += strcmp(bids.rows[b].cells[0], village) == 0 &&
				     strcmp(bids.rows[b].cells[1], keys) == 0;
			if (strcmp(rule, "P04") == 0)
				assert_true(n < 3);
			else
				assert_true(n >= 3);
		}
	}
	for (int k = 0; k < 13; k++) {
		if (!seen[k])
			fprintf(stderr, "no %s planted\n", rules[k]);
		assert_true(seen[k] > 0);
	}
	/* every listed lease cites its listing, and every listing has bids */
	int tc = col(&contracts, "trade_no");
	for (size_t r = 1; r < contracts.nrows; r++) {
		const char *t = contracts.rows[r].cells[tc];
		if (*t)
			assert_non_null(find(&trades, contracts.rows[r].cells[0], "trade_no", t));
	}
	arena_release(&a);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* The generated files load on either backend without an error. */
static void test_trade__gen_imports(void **state)
{
	(void)state;
	char dir[96], sub[128], cmd[600];
	snprintf(dir, sizeof(dir), "/tmp/ql-tradegen-i-%d-%d", (int)getpid(), (int)testdb_backend);
	gen_into(dir, 3, 3, 5);
	/* the files these depend on, and these */
	snprintf(sub, sizeof(sub), "%s/only", dir);
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s && cd %s && cp villages.csv people.csv positions.csv relatives.csv "
		 "assets.csv resources.csv trades.csv contracts.csv contract_bills.csv "
		 "projects.csv bids.csv only/",
		 sub, dir);
	assert_int_equal(system(cmd), 0);
	struct db *tdb;
	assert_int_equal(testdb_open(&tdb, testdb_backend, "tradegen"), E_OK);
	struct app app;
	struct app_opts o = {0};
	o.db_url = db_url(tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	assert_int_equal(app_open(&app, &o, &ei), E_OK);
	char *report = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&report, &len);
	enum err e = io_import_dir(&app, sub, mem, &ei);
	fclose(mem);
	if (e != E_OK)
		fprintf(stderr, "%s\n", report);
	assert_int_equal(e, E_OK);
	assert_non_null(strstr(report, "contracts.csv：新增"));
	assert_null(strstr(report, "处错误"));
	free(report);
	app_close(&app);
	testdb_close(tdb);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_trade__step_order),
	    cmocka_unit_test(test_trade__direct_and_failed_review),
	    cmocka_unit_test(test_trade__gen_deterministic),
	    cmocka_unit_test(test_trade__gen_truth),
	};
	const struct CMUnitTest db[] = {
	    cmocka_unit_test(test_trade__gen_imports),
	};
	int failed = cmocka_run_group_tests_name("trade rules and generator", pure, NULL, NULL);
	return failed + testdb_run_group("trade generator on a database", db, NULL, NULL);
}
