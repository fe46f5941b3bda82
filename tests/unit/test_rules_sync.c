/*
 * The red-flag engine beyond its fixtures, on real databases (both backends):
 * the risk colours at their boundaries, parameter values written and read back,
 * and incremental evaluation from the log (what the worker of `serve` does after
 * each write) leaving the alerts exactly where a full scan puts them — an
 * alert lapses when the record that silences it arrives, one is raised for a
 * new complaint, and a full scan afterwards changes nothing.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "mod/io.h"
#include "mod/rules.h"

/* ---- no database ------------------------------------------------------------------- */

static void test_rules__risk_colours(void **state)
{
	(void)state;
	struct rules_risk k;
	rules_risk_of(0, 0, 0, &k);
	assert_string_equal(k.colour, "绿");
	rules_risk_of(0, 0, 2, &k);
	assert_string_equal(k.level, "green");
	rules_risk_of(0, 0, 3, &k);
	assert_string_equal(k.colour, "黄");
	rules_risk_of(0, 1, 0, &k);
	assert_string_equal(k.level, "yellow");
	rules_risk_of(1, 0, 0, &k);
	assert_string_equal(k.colour, "红");
	assert_int_equal(k.high, 1);
}

static void test_rules__param_values(void **state)
{
	(void)state;
	const struct rules_param_def *ratio = rules_param_def_find("B04", "nonprod_ratio");
	const struct rules_param_def *money = rules_param_def_find("B01", "cash_limit");
	const struct rules_param_def *days = rules_param_def_find("R01", "accept_days");
	assert_non_null(ratio);
	assert_non_null(money);
	assert_non_null(days);
	assert_null(rules_param_def_find("B01", "no_such"));
	struct errinfo ei = {0};
	int64_t v;
	char out[32];
	assert_int_equal(rules_param_parse(ratio, "0.15", &v, &ei), E_OK);
	assert_int_equal(v, 150000);
	rules_param_format(ratio, v, out);
	assert_string_equal(out, "0.15");
	assert_int_equal(rules_param_parse(ratio, "0.015", &v, &ei), E_OK);
	assert_int_equal(v, 15000);
	assert_int_equal(rules_param_parse(ratio, "1", &v, &ei), E_OK);
	rules_param_format(ratio, v, out);
	assert_string_equal(out, "1.0");
	assert_int_equal(rules_param_parse(ratio, "0.1234567", &v, &ei), E_INPUT);
	assert_int_equal(rules_param_parse(ratio, ".5", &v, &ei), E_INPUT);
	assert_int_equal(rules_param_parse(money, "1,000.00", &v, &ei), E_OK);
	assert_int_equal(v, 100000);
	rules_param_format(money, v, out);
	assert_string_equal(out, "1000.00");
	assert_int_equal(rules_param_parse(money, "-1", &v, &ei), E_INPUT);
	assert_int_equal(rules_param_parse(days, "15", &v, &ei), E_OK);
	assert_int_equal(v, 15);
	assert_int_equal(rules_param_parse(days, "15天", &v, &ei), E_INPUT);
	/* the catalogue: 43 rules, each with its severity and basis */
	size_t n = 0;
	for (const struct rules_family *const *f = rules_families(); *f; f++)
		for (size_t i = 0; i < (*f)->nrules; i++, n++) {
			const struct rules_def *d = &(*f)->rules[i];
			assert_true(strcmp(d->severity, "high") == 0 ||
				    strcmp(d->severity, "medium") == 0 ||
				    strcmp(d->severity, "low") == 0);
			assert_true(strlen(d->basis) > 0);
			assert_ptr_equal(rules_def_find(d->code), d);
		}
	assert_int_equal(n, 43);
}

/* ---- incremental evaluation ----------------------------------------------------------- */

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the application on it */
	char dir[128];	/* files of the second import */
};

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1781488800LL * 1000000; /* 2026-06-15 10:00 Beijing */
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-rules-%d-%d", (int)getpid(), (int)testdb_backend);
	if (testdb_open(&f->tdb, testdb_backend, "rules") != E_OK)
		return -1;
	struct app_opts o = {0};
	o.db_url = db_url(f->tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	if (app_open(&f->app, &o, &ei) != E_OK) {
		fprintf(stderr, "app_open: %s\n", ei.msg);
		return -1;
	}
	f->app.clock = fixed_clock;
	f->app.quiet = true;
	char fixture[1024];
	const char *src = getenv("QL_SRCDIR");
	snprintf(fixture, sizeof(fixture), "%s/tests/http/fixture", src ? src : ".");
	FILE *null = fopen("/dev/null", "w");
	enum err e = io_import_dir(&f->app, fixture, null, &ei);
	fclose(null);
	if (e != E_OK) {
		fprintf(stderr, "fixture: %s\n", ei.msg);
		return -1;
	}
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s", f->dir, f->dir);
	if (system(cmd) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	app_close(&f->app);
	testdb_close(f->tdb);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* The state of the alert a scan line names ("" when there is none). */
static void alert_state(struct app *app, const char *village, const char *rule, const char *keys,
			char out[16])
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(app->db, &c, &ei), E_OK);
	struct db_res *res;
	enum err e = db_one(
	    c, &rules_stmts, RULES_ST_ALERT_FIND,
	    DB_PARAMS(DB_INT(1), DB_INT(0), DB_TEXT(village), DB_TEXT(rule), DB_TEXT(keys)), &res);
	out[0] = '\0';
	if (e == E_OK) {
		int64_t id = db_int(res, 0);
		db_done(res);
		assert_int_equal(
		    db_one(c, &rules_stmts, RULES_ST_ALERT_GET, DB_PARAMS(DB_INT(id)), &res), E_OK);
		snprintf(out, 16, "%s", db_text(res, 9));
		db_done(res);
	} else {
		assert_int_equal(e, E_NOTFOUND);
	}
	db_conn_put(app->db, c);
}

/* A full scan of today synced; *changes receives what it changed. */
static void full(struct app *app, int64_t *changes)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct arena a;
	arena_init(&a);
	assert_int_equal(db_conn_get(app->db, &c, &ei), E_OK);
	struct rules_scan s;
	assert_int_equal(rules_scan_run(c, &a, "2026-06-15", 0, 0, &s, &ei), E_OK);
	db_conn_put(app->db, c);
	struct rules_sync_stats st = {0};
	assert_int_equal(rules_full_sync(app, &a, &s, 0, &st, &ei), E_OK);
	*changes = st.opened + st.updated + st.lapsed + st.closed;
	arena_release(&a);
}

static void test_rules__incremental_equals_full(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	int64_t changes, head, head2;
	full(&f->app, &changes);
	assert_int_equal(changes, 138);
	char st[16];
	alert_state(&f->app, "321283101202", "K01", "[\"321283197202026268\",\"2025\"]", st);
	assert_string_equal(st, "new");
	alert_state(&f->app, "321283101203", "R01", "[\"XF-2026-001\"]", st);
	assert_string_equal(st, "");

	/* two writes: 钱委员's 2025 commitment is filed, 丙社区 gets a complaint */
	assert_int_equal(rules_log_head(&f->app, &head, &ei), E_OK);
	write_file(f->dir, "archive_events.csv",
		   "village_code,id_no,kind,date,note\n"
		   "321283101202,321283197202026268,廉政承诺,2025-03-20,补录\n");
	write_file(f->dir, "complaints.csv",
		   "village_code,ref,received_date,channel,anonymous,subject,category,"
		   "accepted_date,concluded_date,result\n"
		   "321283101203,XF-2026-001,2026-05-01,来信,是,反映低保评定不公,惠民资金,,,\n");
	FILE *null = fopen("/dev/null", "w");
	assert_int_equal(io_import_dir(&f->app, f->dir, null, &ei), E_OK);
	fclose(null);
	assert_int_equal(rules_log_head(&f->app, &head2, &ei), E_OK);
	assert_true(head2 > head);

	/* the worker's step over those entries */
	assert_int_equal(rules_log_apply(&f->app, head, head2, "2026-06-15", &ei), E_OK);
	alert_state(&f->app, "321283101202", "K01", "[\"321283197202026268\",\"2025\"]", st);
	assert_string_equal(st, "lapsed");
	alert_state(&f->app, "321283101203", "R01", "[\"XF-2026-001\"]", st);
	assert_string_equal(st, "new");

	/* a full scan now finds nothing left to change */
	full(&f->app, &changes);
	assert_int_equal(changes, 0);

	/* our own entries feed no family: applying them changes nothing */
	int64_t head3;
	assert_int_equal(rules_log_head(&f->app, &head3, &ei), E_OK);
	assert_int_equal(rules_log_apply(&f->app, head2, head3, "2026-06-15", &ei), E_OK);
	int64_t head4;
	assert_int_equal(rules_log_head(&f->app, &head4, &ei), E_OK);
	assert_int_equal(head4, head3);
}

int main(void)
{
	const struct CMUnitTest plain[] = {
	    cmocka_unit_test(test_rules__risk_colours),
	    cmocka_unit_test(test_rules__param_values),
	};
	int failed = cmocka_run_group_tests_name("rules", plain, NULL, NULL);
	const struct CMUnitTest db[] = {
	    cmocka_unit_test_setup_teardown(test_rules__incremental_equals_full, setup, teardown),
	};
	return failed + testdb_run_group("rules_sync", db, NULL, NULL);
}
