/*
 * The power generator: matters.csv and matter_steps.csv have the layout of
 * docs/formats.md, every step names a generated matter, no date lies after the
 * span, and the ground truth of M01–M04 is exactly what an independent reading
 * of domain/rules.md over the files finds (as_of = 2025-12-31, major_threshold
 * 50,000.00, result_publish_days 30) — no planted anomaly missing, none
 * unplanted.  The files then load through the real importer.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/csvio.h"
#include "core/datefmt.h"
#include "core/money.h"
#include "mod/gen.h"
#include "mod/io.h"
#include "mod/power.h"

#define AS_OF "2025-12-31"

static char *tmp_dir(const char *tag)
{
	char *d = malloc(96);
	snprintf(d, 96, "/tmp/ql-powergen-%s-%d", tag, (int)getpid());
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", d);
	assert_int_equal(system(cmd), 0);
	return d;
}

static void rm_dir(char *d)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", d);
	assert_int_equal(system(cmd), 0);
	free(d);
}

static void run_gen(const char *dir, int villages, int years, uint64_t seed)
{
	struct gen_opts o = {dir, villages, years, seed};
	struct errinfo ei = {0};
	enum err e = gen_run(&o, &ei);
	if (e != E_OK)
		fail_msg("gen: %s", ei.msg);
}

static void read_table(struct arena *a, const char *dir, const char *name, struct table *t)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	struct errinfo ei = {0};
	if (table_read_file(a, path, t, &ei) != E_OK)
		fail_msg("%s: %s", name, ei.msg);
}

/* One matter as the files say, its steps by index of 五议两公开. */
struct m {
	const char *village, *no, *kind; /* key and kind */
	int64_t amount;			 /* fen, -1 blank */
	const char *date[POWER_WUYI_N];	 /* step dates, NULL absent */
	int64_t att[POWER_WUYI_N], mem[POWER_WUYI_N], yes[POWER_WUYI_N]; /* -1 blank */
};

static int64_t num(const char *s)
{
	return s && *s ? atoll(s) : -1;
}

/* "rule|village|keys" of every alert the rules raise over the files. */
static size_t expected_alerts(struct m *ms, size_t n, char (*out)[96])
{
	size_t k = 0;
	char limit[11];
	datefmt_add_days(AS_OF, -30, limit);
	for (size_t i = 0; i < n; i++) {
		struct m *m = &ms[i];
		bool major = strcmp(m->kind, "重大") == 0 || m->amount >= 5000000;
		const char *act = m->date[5];
		if (major && act) {
			bool lacks = false;
			for (int s = 0; s < 5; s++)
				lacks = lacks || !m->date[s] || strcmp(m->date[s], act) > 0;
			if (lacks)
				snprintf(out[k++], 96, "M01|%s|%s", m->village, m->no);
		}
		const char *prev = NULL;
		bool disorder = false;
		for (int s = 0; s < POWER_WUYI_N; s++) {
			if (!m->date[s])
				continue;
			disorder = disorder || (prev && strcmp(m->date[s], prev) < 0);
			prev = m->date[s];
		}
		if (disorder)
			snprintf(out[k++], 96, "M02|%s|%s", m->village, m->no);
		for (int s = 2; s <= 3; s++)
			if (m->date[s] && m->att[s] >= 0 && m->mem[s] >= 0 && m->yes[s] >= 0 &&
			    (m->att[s] * 3 < m->mem[s] * 2 || m->yes[s] * 2 <= m->att[s]))
				snprintf(out[k++], 96, "M03|%s|%s,%s", m->village, m->no,
					 power_wuyi_names[s]);
		if (act && strcmp(act, limit) < 0 && !m->date[6])
			snprintf(out[k++], 96, "M04|%s|%s", m->village, m->no);
	}
	return k;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_power_gen__truth_is_exact(void **state)
{
	(void)state;
	char *d = tmp_dir("truth");
	run_gen(d, 12, 10, 1);
	struct arena a = ARENA_INIT;
	struct table tm, ts, tt;
	read_table(&a, d, "matters.csv", &tm);
	read_table(&a, d, "matter_steps.csv", &ts);
	read_table(&a, d, "ground_truth.csv", &tt);
	static const char *const hm[] = {"village_code", "matter_no", "title",
					 "kind",	 "amount",    "proposed_date"};
	static const char *const hs[] = {"village_code", "matter_no", "step",	  "date",
					 "attendees",	 "members",   "votes_for"};
	for (size_t c = 0; c < 6; c++)
		assert_string_equal(tm.rows[0].cells[c], hm[c]);
	for (size_t c = 0; c < 7; c++)
		assert_string_equal(ts.rows[0].cells[c], hs[c]);
	size_t n = tm.nrows - 1;
	assert_true(n > 100);
	struct m *ms = calloc(n, sizeof(*ms));
	for (size_t i = 0; i < n; i++) {
		char **c = tm.rows[i + 1].cells;
		ms[i].village = c[0];
		ms[i].no = c[1];
		ms[i].kind = c[3];
		ms[i].amount = -1;
		struct errinfo ei = {0};
		if (*c[4])
			assert_int_equal(money_parse(c[4], &ms[i].amount, &ei), E_OK);
		if (strcmp(c[3], "一般") == 0)
			assert_true(ms[i].amount < 5000000);
		for (size_t j = 0; j < i; j++)
			assert_false(strcmp(ms[j].village, c[0]) == 0 &&
				     strcmp(ms[j].no, c[1]) == 0);
	}
	for (size_t r = 1; r < ts.nrows; r++) {
		char **c = ts.rows[r].cells;
		struct m *m = NULL;
		for (size_t i = 0; i < n && !m; i++)
			if (strcmp(ms[i].village, c[0]) == 0 && strcmp(ms[i].no, c[1]) == 0)
				m = &ms[i];
		assert_non_null(m); /* every step names a matter */
		int s = power_wuyi_index(c[2]);
		assert_true(s >= 0);
		assert_null(m->date[s]); /* once */
		assert_true(datefmt_days(c[3]) != DATEFMT_INVALID);
		assert_true(strcmp(c[3], AS_OF) <= 0);
		m->date[s] = c[3];
		m->att[s] = num(c[4]);
		m->mem[s] = num(c[5]);
		m->yes[s] = num(c[6]);
	}
	for (size_t i = 0; i < n; i++)
		for (int s = 0; s < POWER_WUYI_N; s++)
			if (!ms[i].date[s])
				ms[i].att[s] = ms[i].mem[s] = ms[i].yes[s] = -1;
	char(*want)[96] = calloc(4 * n + 1, 96);
	size_t nw = expected_alerts(ms, n, want);
	char(*got)[96] = calloc(tt.nrows + 1, 96);
	size_t ng = 0;
	int per_rule[5] = {0};
	for (size_t r = 1; r < tt.nrows; r++) {
		char **c = tt.rows[r].cells;
		if (c[0][0] != 'M')
			continue;
		assert_true(strlen(c[3]) > 0); /* a note for people */
		snprintf(got[ng++], 96, "%s|%s|%s", c[0], c[1], c[2]);
		per_rule[c[0][2] - '0']++;
	}
	qsort(want, nw, 96, cmp);
	qsort(got, ng, 96, cmp);
	for (size_t i = 0; i < nw || i < ng; i++)
		if (i >= nw || i >= ng || strcmp(want[i], got[i]) != 0)
			fail_msg("ground truth differs at %zu: rules say %s, truth says %s", i,
				 i < nw ? want[i] : "(end)", i < ng ? got[i] : "(end)");
	for (int rule = 1; rule <= 4; rule++)
		if (per_rule[rule] == 0)
			fail_msg("no M0%d planted", rule);
	free(want);
	free(got);
	free(ms);
	arena_release(&a);
	rm_dir(d);
}

static void test_power_gen__same_seed_same_bytes(void **state)
{
	(void)state;
	char *d1 = tmp_dir("s1"), *d2 = tmp_dir("s2"), *d3 = tmp_dir("s3");
	run_gen(d1, 4, 3, 7);
	run_gen(d2, 4, 3, 7);
	run_gen(d3, 4, 3, 8);
	struct arena a = ARENA_INIT;
	struct table t1, t2, t3;
	read_table(&a, d1, "matter_steps.csv", &t1);
	read_table(&a, d2, "matter_steps.csv", &t2);
	read_table(&a, d3, "matter_steps.csv", &t3);
	assert_int_equal(t1.nrows, t2.nrows);
	bool differs = t1.nrows != t3.nrows;
	for (size_t r = 0; r < t1.nrows; r++)
		for (size_t c = 0; c < 7; c++) {
			assert_string_equal(t1.rows[r].cells[c], t2.rows[r].cells[c]);
			differs = differs || (r < t3.nrows && strcmp(t1.rows[r].cells[c],
								     t3.rows[r].cells[c]) != 0);
		}
	assert_true(differs);
	arena_release(&a);
	rm_dir(d1);
	rm_dir(d2);
	rm_dir(d3);
}

/* The generated town loads through the importer, every matter and step. */
static void test_power_gen__imports(void **state)
{
	(void)state;
	char *d = tmp_dir("import");
	run_gen(d, 3, 3, 11);
	struct db *tdb;
	assert_int_equal(testdb_open(&tdb, testdb_backend, "powergen"), E_OK);
	struct app app;
	struct app_opts o = {0};
	o.db_url = db_url(tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	assert_int_equal(app_open(&app, &o, &ei), E_OK);
	FILE *null = fopen("/dev/null", "w");
	enum err e = io_import_dir(&app, d, null, &ei);
	fclose(null);
	assert_int_equal(e, E_OK);
	struct arena a = ARENA_INIT;
	struct table tm, ts;
	read_table(&a, d, "matters.csv", &tm);
	read_table(&a, d, "matter_steps.csv", &ts);
	struct db_conn *c;
	assert_int_equal(db_conn_get(app.db, &c, &ei), E_OK);
	struct db_res *res;
	size_t nm = 0, ns = 0;
	assert_int_equal(db_exec(c, &power_stmts, POWER_ST_MATTERS_EXPORT,
				 DB_PARAMS(DB_INT(1), DB_INT(0)), &res),
			 E_OK);
	while (db_row(res))
		nm++;
	db_done(res);
	assert_int_equal(
	    db_exec(c, &power_stmts, POWER_ST_MSTEPS_EXPORT, DB_PARAMS(DB_INT(1), DB_INT(0)), &res),
	    E_OK);
	while (db_row(res))
		ns++;
	db_done(res);
	db_conn_put(app.db, c);
	assert_int_equal(nm, tm.nrows - 1);
	assert_int_equal(ns, ts.nrows - 1);
	arena_release(&a);
	app_close(&app);
	testdb_close(tdb);
	rm_dir(d);
}

int main(void)
{
	const struct CMUnitTest files[] = {
	    cmocka_unit_test(test_power_gen__truth_is_exact),
	    cmocka_unit_test(test_power_gen__same_seed_same_bytes),
	};
	const struct CMUnitTest db[] = {
	    cmocka_unit_test(test_power_gen__imports),
	};
	int failed = cmocka_run_group_tests_name("power gen", files, NULL, NULL);
	return failed + testdb_run_group("power gen import", db, NULL, NULL);
}
