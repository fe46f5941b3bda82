/*
 * The power module's rules and data on real databases (both backends): the
 * statutory meeting checks (村民委员会组织法 第二十二条, 第二十六条, 党员大会)
 * at their boundaries; the default catalogue (≥ 30 items, both categories,
 * 重大 items on the seven steps of 五议两公开) seeded once and logged; the
 * per-township parameters; matters.csv and matter_steps.csv imported (all or
 * nothing, a changed step refused), exported in the same layout and re-imported
 * unchanged; the 决议 tie-in other modules call; the holiday table laid over
 * the embedded calendar; and `verify` clean after it all.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/csvio.h"
#include "core/trail.h"
#include "mod/io.h"
#include "mod/org.h"
#include "mod/power.h"

/* ---- the meeting rules, no database ------------------------------------------------ */

static struct power_meeting meeting(const char *step, const char *type, int64_t members,
				    int64_t attendees, int64_t yes)
{
	struct power_meeting m = {step, type, members, attendees, yes, -1, -1, -1, -1};
	return m;
}

static enum err check(struct power_meeting m, const char *want_key)
{
	struct errinfo ei = {0};
	enum err e = power_meeting_check(&m, &ei);
	if (want_key)
		assert_string_equal(ei.key, want_key);
	if (e != E_OK)
		assert_true(strlen(ei.msg) > 0);
	return e;
}

static void test_power__representatives_article_26(void **state)
{
	(void)state;
	/* 30 members: 20 present is two thirds, 19 is not. */
	assert_int_equal(check(meeting("决议", "村民代表会议", 30, 20, 11), NULL), E_OK);
	assert_int_equal(check(meeting("决议", "村民代表会议", 30, 19, 19), "power.quorum"),
			 E_RULE);
	/* 31 members: two thirds is 20.67, so 21 are needed. */
	assert_int_equal(check(meeting("决议", "村民代表会议", 31, 20, 20), "power.quorum"),
			 E_RULE);
	assert_int_equal(check(meeting("决议", "村民代表会议", 31, 21, 11), NULL), E_OK);
	/* more than half of those present: 10 of 20 is not enough */
	assert_int_equal(check(meeting("决议", "村民代表会议", 30, 20, 10), "power.votes"), E_RULE);
	struct errinfo ei = {0};
	struct power_meeting m = meeting("决议", "村民代表会议", 30, 19, 19);
	power_meeting_check(&m, &ei);
	assert_non_null(strstr(ei.msg, "第二十六条"));
	assert_non_null(strstr(ei.msg, "至少需 20 人"));
}

static void test_power__village_assembly_article_22(void **state)
{
	(void)state;
	/* 1000 adult villagers: 501 present is more than half, 500 is not */
	assert_int_equal(check(meeting("决议", "村民会议", 1000, 501, 251), NULL), E_OK);
	assert_int_equal(check(meeting("决议", "村民会议", 1000, 500, 400), "power.quorum"),
			 E_RULE);
	/* … unless two thirds of the households are represented */
	struct power_meeting m = meeting("决议", "村民会议", 1000, 300, 200);
	m.households = 300;
	m.households_present = 200;
	assert_int_equal(check(m, NULL), E_OK);
	m.households_present = 199;
	assert_int_equal(check(m, "power.quorum"), E_RULE);
	struct errinfo ei = {0};
	power_meeting_check(&m, &ei);
	assert_non_null(strstr(ei.msg, "第二十二条"));
	/* more than half of those present in favour */
	assert_int_equal(check(meeting("决议", "村民会议", 1000, 600, 300), "power.votes"), E_RULE);
	m.households_present = 301;
	assert_int_equal(check(m, "power.households"), E_INPUT);
}

static void test_power__party_assembly_and_others(void **state)
{
	(void)state;
	assert_int_equal(check(meeting("审议", "党员大会", 45, 30, 16), NULL), E_OK);
	assert_int_equal(check(meeting("审议", "党员大会", 45, 29, 29), "power.quorum"), E_RULE);
	assert_int_equal(check(meeting("审议", "党员大会", 45, 30, 15), "power.votes"), E_RULE);
	assert_int_equal(check(meeting("审议", "村民代表会议", 45, 30, 16), "power.meeting_type"),
			 E_RULE);
	assert_int_equal(check(meeting("审议", NULL, 45, 30, 16), "power.meeting_type"), E_RULE);
	assert_int_equal(check(meeting("决议", "两委联席会议", 9, 9, 9), "power.meeting_type"),
			 E_RULE);
	/* votes must be recorded */
	assert_int_equal(check(meeting("审议", "党员大会", 45, 30, -1), "power.votes_missing"),
			 E_RULE);
	assert_int_equal(check(meeting("决议", "村民代表会议", -1, 30, 20), "power.votes_missing"),
			 E_RULE);
	/* 商议 records attendance; 提议 and the public steps need no meeting */
	assert_int_equal(
	    check(meeting("商议", "两委联席会议", 9, -1, -1), "power.attendance_missing"), E_RULE);
	assert_int_equal(check(meeting("商议", "两委联席会议", 9, 7, -1), NULL), E_OK);
	assert_int_equal(check(meeting("提议", NULL, -1, -1, -1), NULL), E_OK);
	assert_int_equal(check(meeting("结果公开", NULL, -1, -1, -1), NULL), E_OK);
	/* impossible numbers are bad input wherever they appear */
	assert_int_equal(check(meeting("审议", "党员大会", 30, 31, 20), "power.attendees"),
			 E_INPUT);
	struct power_meeting m = meeting("决议", "村民代表会议", 30, 25, 20);
	m.votes_against = 4;
	m.votes_abstain = 2;
	assert_int_equal(check(m, "power.votes_sum"), E_INPUT);
	m.votes_abstain = 1;
	assert_int_equal(check(m, NULL), E_OK);
	assert_int_equal(check(meeting("决议", "村民代表会议", 30, -5, 20), "power.count_negative"),
			 E_INPUT);
	assert_int_equal(power_wuyi_index("决议公开"), 4);
	assert_int_equal(power_wuyi_index("公开"), -1);
}

static void test_power__catalogue_data(void **state)
{
	(void)state;
	assert_true(power_catalog_count >= 30);
	size_t collective = 0, service = 0, major = 0;
	for (size_t i = 0; i < power_catalog_count; i++) {
		const struct power_item_def *d = &power_catalog[i];
		collective += strcmp(d->category, "集体管理") == 0;
		service += strcmp(d->category, "便民服务") == 0;
		assert_true(d->nsteps > 0 && d->nsteps <= 30);
		assert_true(strlen(d->legal_basis) > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(power_catalog[j].code, d->code);
		if (d->major) {
			major++;
			assert_int_equal(d->nsteps, POWER_WUYI_N);
			for (size_t s = 0; s < d->nsteps; s++)
				assert_string_equal(d->steps[s].name, power_wuyi_names[s]);
		}
		for (size_t s = 0; s < d->nsteps; s++)
			assert_true(strlen(d->steps[s].role) > 0);
	}
	assert_int_equal(collective + service, power_catalog_count);
	assert_true(collective >= 10 && service >= 10 && major >= 5);
}

/* ---- on a database ------------------------------------------------------------------ */

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the app on it */
	char dir[96];	/* scratch files */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-power-%d-%d", (int)getpid(), (int)testdb_backend);
	if (testdb_open(&f->tdb, testdb_backend, "power") != E_OK)
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
	char cmd[160];
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
	char cmd[160];
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

static char *slurp(const char *dir, const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return strdup(buf);
}

static int64_t count(struct fx *f, unsigned st, const struct db_val *p, size_t n)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct db_res *res;
	int64_t rows = 0;
	assert_int_equal(db_exec(c, &power_stmts, st, p, n, &res), E_OK);
	while (db_row(res))
		rows++;
	assert_int_equal(db_done(res), E_OK);
	db_conn_put(f->app.db, c);
	return rows;
}

static enum err seed(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	return power_catalog_seed(tc, arg, ei);
}

static void verify_clean(struct fx *f)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct trail_report rep = {0};
	FILE *null = fopen("/dev/null", "w");
	assert_int_equal(trail_verify(c, NULL, NULL, null, &rep, &ei), E_OK);
	fclose(null);
	db_conn_put(f->app.db, c);
	assert_int_equal(rep.problems, 0);
	assert_true(rep.rows > 0);
}

static void test_power__catalogue_seed_once(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	int64_t n = 0;
	assert_int_equal(app_write(&f->app, "test", seed, &n, &ei), E_OK);
	assert_int_equal(n, (int64_t)power_catalog_count);
	assert_int_equal(count(f, POWER_ST_ITEM_LIST, DB_PARAMS(DB_TEXT(""), DB_TEXT(""))),
			 (int64_t)power_catalog_count);
	assert_int_equal(count(f, POWER_ST_ITEM_LIST, DB_PARAMS(DB_TEXT("便民服务"), DB_TEXT(""))),
			 15);
	/* again: nothing new */
	assert_int_equal(app_write(&f->app, "test", seed, &n, &ei), E_OK);
	assert_int_equal(n, 0);
	verify_clean(f);
}

static void test_power__params_default_and_set(void **state)
{
	struct fx *f = *state;
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	int64_t vid;
	assert_int_equal(org_village_id(c, "321283101201", &vid), E_OK);
	struct power_params p;
	assert_int_equal(power_params_of_village(c, vid, &p), E_OK);
	assert_string_equal(p.township, "黄桥镇");
	assert_int_equal(p.major_threshold_fen, 5000000);
	assert_int_equal(p.decision_threshold_fen, 500000);
	assert_int_equal(p.result_publish_days, 30);
	assert_int_equal(db_begin(c, true), E_OK);
	struct db_res *res;
	assert_int_equal(db_one(c, &power_stmts, POWER_ST_SET_UPSERT,
				DB_PARAMS(DB_TEXT("黄桥镇"), DB_INT(8000000), DB_INT(300000),
					  DB_INT(7), DB_INT(20)),
				&res),
			 E_OK);
	db_done(res);
	assert_int_equal(db_commit(c), E_OK);
	assert_int_equal(power_params_of_village(c, vid, &p), E_OK);
	assert_int_equal(p.major_threshold_fen, 8000000);
	assert_int_equal(p.decision_threshold_fen, 300000);
	assert_int_equal(p.publicity_days, 7);
	db_conn_put(f->app.db, c);
}

static const char matters_csv[] =
    "区划代码,事项编号,事项名称,类别,涉及金额,提议日期\n"
    "321283101201,2025-001,村道硬化工程,重大,\"186,000.00\",2025-03-02\n"
    "321283101201,2025-002,办公用品采购,一般,3200,2025-04-01\n"
    "321283101202,2025-001,鱼塘发包,重大,,2025-05-06\n";

static const char steps_csv[] = "village_code,matter_no,step,date,attendees,members,votes_for\n"
				"321283101201,2025-001,提议,2025-03-02,,,\n"
				"321283101201,2025-001,商议,2025-03-05,9,9,\n"
				"321283101201,2025-001,审议,2025-03-12,38,45,35\n"
				"321283101201,2025-001,决议,2025-03-20,30,36,28\n"
				"321283101201,2025-001,决议公开,2025-03-21,,,\n"
				"321283101202,2025-001,决议,2025-05-20,20,40,15\n";

static void test_power__import_export_roundtrip(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	write_file(f->dir, "matters.csv", matters_csv);
	write_file(f->dir, "matter_steps.csv", steps_csv);
	FILE *null = fopen("/dev/null", "w");
	assert_int_equal(io_import_dir(&f->app, f->dir, null, &ei), E_OK);
	int64_t all = 1;
	assert_int_equal(count(f, POWER_ST_MATTERS_EXPORT, DB_PARAMS(DB_INT(all), DB_INT(0))), 3);
	assert_int_equal(count(f, POWER_ST_MSTEPS_EXPORT, DB_PARAMS(DB_INT(all), DB_INT(0))), 6);

	/* the tie-in: 决议 on or before a date */
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	int64_t a, b;
	assert_int_equal(org_village_id(c, "321283101201", &a), E_OK);
	assert_int_equal(org_village_id(c, "321283101202", &b), E_OK);
	bool yes;
	assert_int_equal(power_matter_resolved(c, a, "2025-001", "2025-03-20", &yes), E_OK);
	assert_true(yes);
	assert_int_equal(power_matter_resolved(c, a, "2025-001", "2025-03-19", &yes), E_OK);
	assert_false(yes);
	assert_int_equal(power_matter_resolved(c, a, "2025-002", "2025-12-31", &yes), E_OK);
	assert_false(yes);
	assert_int_equal(power_matter_resolved(c, a, "9999-999", "2025-12-31", &yes), E_OK);
	assert_false(yes);
	/* another village's matter of the same number is another matter */
	assert_int_equal(power_matter_resolved(c, b, "2025-001", "2025-05-19", &yes), E_OK);
	assert_false(yes);
	assert_int_equal(power_matter_resolved(c, b, "2025-001", "2025-05-20", &yes), E_OK);
	assert_true(yes);
	db_conn_put(f->app.db, c);

	/* export, then import the export: nothing changes */
	char out[128];
	snprintf(out, sizeof(out), "%s/out", f->dir);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", out);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(io_export_dir(&f->app, out, null, &ei), E_OK);
	char *m = slurp(out, "matters.csv"), *s = slurp(out, "matter_steps.csv");
	assert_non_null(m);
	assert_non_null(s);
	assert_non_null(strstr(m, "village_code,matter_no,title,kind,amount,proposed_date"));
	assert_non_null(strstr(m, "321283101201,2025-001,村道硬化工程,重大,186000.00,2025-03-02"));
	assert_non_null(strstr(s, "321283101201,2025-001,审议,2025-03-12,38,45,35"));
	free(m);
	free(s);
	uint64_t before, after;
	uint8_t root[32];
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(trail_head(c, &before, root), E_OK);
	db_conn_put(f->app.db, c);
	assert_int_equal(io_import_dir(&f->app, out, null, &ei), E_OK);
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(trail_head(c, &after, root), E_OK);
	db_conn_put(f->app.db, c);
	assert_int_equal(before, after); /* not one row written */
	fclose(null);
	verify_clean(f);
}

static void test_power__import_refusals(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	write_file(f->dir, "matters.csv", matters_csv);
	FILE *null = fopen("/dev/null", "w");
	assert_int_equal(io_import_dir(&f->app, f->dir, null, &ei), E_OK);
	/* a step of an unknown matter, a count over the members, a duplicate: the
	 * whole file is refused */
	char bad[128];
	snprintf(bad, sizeof(bad), "%s/bad", f->dir);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", bad);
	assert_int_equal(system(cmd), 0);
	write_file(bad, "matter_steps.csv",
		   "village_code,matter_no,step,date,attendees,members,votes_for\n"
		   "321283101201,2025-001,提议,2025-03-02,,,\n"
		   "321283101201,2099-404,提议,2025-03-02,,,\n"
		   "321283101201,2025-001,审议,2025-03-12,50,45,35\n"
		   "321283101201,2025-001,提议,2025-03-02,,,\n");
	char *report = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&report, &len);
	assert_int_equal(io_import_dir(&f->app, bad, mem, &ei), E_INPUT);
	fclose(mem);
	assert_non_null(strstr(report, "第3行"));
	assert_non_null(strstr(report, "第4行"));
	assert_non_null(strstr(report, "第5行"));
	free(report);
	assert_int_equal(count(f, POWER_ST_MSTEPS_EXPORT, DB_PARAMS(DB_INT(1), DB_INT(0))), 0);
	/* a recorded step is a trace: importing a different date is refused */
	write_file(f->dir, "matter_steps.csv", steps_csv);
	assert_int_equal(io_import_dir(&f->app, f->dir, null, &ei), E_OK);
	write_file(bad, "matter_steps.csv",
		   "village_code,matter_no,step,date,attendees,members,votes_for\n"
		   "321283101201,2025-001,决议,2025-03-01,30,36,28\n");
	mem = open_memstream(&report, &len);
	assert_int_equal(io_import_dir(&f->app, bad, mem, &ei), E_INPUT);
	fclose(mem);
	assert_non_null(strstr(report, "环节记录不能修改"));
	free(report);
	fclose(null);
	verify_clean(f);
}

static void test_power__holiday_table_overrides(void **state)
{
	struct fx *f = *state;
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct arena a = ARENA_INIT;
	struct workdays_cal cal;
	assert_int_equal(power_calendar_load(c, &a, &cal, &ei), E_OK);
	char due[11];
	workdays_add_workdays(&cal, "2026-06-15", 15, due);
	assert_string_equal(due, "2026-07-07");
	assert_int_equal(db_begin(c, true), E_OK);
	struct db_res *res;
	assert_int_equal(
	    db_one(c, &power_stmts, POWER_ST_HOL_UPSERT,
		   DB_PARAMS(DB_TEXT("2026-06-22"), DB_TEXT("holiday"), DB_TEXT("测试")), &res),
	    E_OK);
	db_done(res);
	assert_int_equal(db_commit(c), E_OK);
	assert_int_equal(power_calendar_load(c, &a, &cal, &ei), E_OK);
	workdays_add_workdays(&cal, "2026-06-15", 15, due);
	assert_string_equal(due, "2026-07-08");
	arena_release(&a);
	db_conn_put(f->app.db, c);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_power__representatives_article_26),
	    cmocka_unit_test(test_power__village_assembly_article_22),
	    cmocka_unit_test(test_power__party_assembly_and_others),
	    cmocka_unit_test(test_power__catalogue_data),
	};
	const struct CMUnitTest db[] = {
	    cmocka_unit_test_setup_teardown(test_power__catalogue_seed_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_power__params_default_and_set, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_power__import_export_roundtrip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_power__import_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_power__holiday_table_overrides, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("power rules", pure, NULL, NULL);
	return failed + testdb_run_group("power on a database", db, NULL, NULL);
}
