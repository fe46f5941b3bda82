/*
 * The assessment's score computation on a fixed dataset, on both backends:
 * every computed indicator of the registry checked against counts worked out
 * by hand for the three fixture villages (甲村 201, 乙村 202, 丙社区 203, year
 * 2025, as of 2026-01-31), the scores, totals after deductions, grades and
 * ranks; the 示范村 chosen among the villages that pass, a manual negative-list
 * entry and a decided discipline case of the third form each vetoing a
 * village whatever its score; and the report rendered from the same figures.
 * The dataset is the HTTP fixture (villages, people, positions, archive,
 * vouchers) plus rows written here for the other modules' tables.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "mod/assess.h"
#include "mod/io.h"
#include "mod/org.h"
#include "mod/plan.h"

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the application on it */
	char dir[128];	/* scratch */
};

#define V(code)	 "(SELECT id FROM villages WHERE code = '3212831012" code "')"
#define P(id_no) "(SELECT id FROM people WHERE id_no = '" id_no "')"
#define ZHANG	 "321283197003151015" /* 张书记, 甲村 书记 */
#define LI	 "321283197506012025" /* 李主任, 甲村 主任 */
#define XIAOMING "321283199508084048" /* 张小明, 甲村 副主任 from 2025-04-01 */
#define ZHAO	 "321283196811115157" /* 赵书记, 乙村 书记 */
#define QIAN	 "321283197202026268" /* 钱委员, 乙村 委员 */
#define SUN	 "321283197707077378" /* 孙主任, 丙社区 主任 */
#define ZHOU	 "321283196012128488" /* 周居民, 丙社区 委员 until 2025-06-30 */

/* Rows of the other modules' tables, written as those modules would. */
static const char *const dataset[] = {
    /* org: two more terms, and the archive */
    "INSERT INTO positions (village_id, person_id, post, start_date, end_date) VALUES "
    "(" V("01") ", " P(XIAOMING) ", '副主任', '2025-04-01', NULL), "
				 "(" V("03") ", " P(ZHOU) ", '委员', '2021-02-10', '2025-06-30')",
    "INSERT INTO people (id_no, name, village_id, party_member) VALUES "
    "('321283196505051234', '吴前主任', " V("02") ", 1), "
						  "('321283196303031236', '郑前书记', " V(
						      "03") ", 1)",
    "INSERT INTO positions (village_id, person_id, post, start_date, end_date) VALUES "
    "(" V("02") ", " P(
	"321283196505051234") ", '主任', '2021-02-10', '2025-08-31'), "
			      "(" V("03") ", " P(
				  "321283196303031236") ", '书记', '2020-01-01', '2025-11-15')",
    "INSERT INTO archive_events (village_id, person_id, kind, date) VALUES "
    "(" V("01") ", " P(
	ZHANG) ", '廉政承诺', '2025-02-10'), "
	       "(" V("01") ", " P(
		   LI) ", '廉政承诺', '2025-04-02'), "
		       "(" V("02") ", " P(
			   ZHAO) ", '廉政承诺', '2025-03-31'), "
				 "(" V("02") ", " P(
				     QIAN) ", '廉政承诺', '2025-01-20'), "
					   "(" V("01") ", " P(
					       ZHANG) ", '述职述廉', '2025-12-28'), "
						      "(" V("01") ", " P(
							  XIAOMING) ", '述职述廉', '2026-01-20'), "
								    "(" V("01") ", " P(
									LI) ", '述职述廉', "
									    "'2025-06-30'), "
									    "(" V("02") ", " P(
										ZHAO) ", "
										      "'述职述廉', "
										      "'2026-02-05'"
										      "), "
										      "(" V("03") ", " P(
											  SUN) ", "
											       "'述"
											       "职"
											       "述"
											       "廉'"
											       ", "
											       "'20"
											       "25-"
											       "07-"
											       "01'"
											       ")",
    /* audit */
    "INSERT INTO audits (village_id, ref, kind, subject_person_id, period_from, period_to, "
    "report_date) VALUES "
    "(" V("01") ", 'SJ2025-01', '年度', " P(
	ZHANG) ", '2024-01-01', '2024-12-31', '2025-05-20'), "
	       "(" V("02") ", 'SJ2025-01', '年度', " P(
		   ZHAO) ", '2024-01-01', '2024-12-31', '2025-07-10'), "
			 "(" V("02") ", 'SJ2025-02', '离任', " P(
			     "321283196505051234") ", '2021-02-10', "
						   "'2025-08-31', '2025-11-01')",
    /* complaints: accepted, concluded, one conclusion deadline extended */
    "INSERT INTO complaints (village_id, ref, track, channel, subject, text_salt, text_digest, "
    "received_date, state, accepted_date, concluded_date) VALUES "
    "(" V("01") ", 'XF2024-0009', 'xinfang', '来信', 's', 'x', 'x', '2024-11-28', 'concluded', "
		"'2024-12-01', '2025-01-10'), "
		"(" V(
		    "01") ", 'XF2025-0001', 'xinfang', '来信', 's', 'x', 'x', '2025-02-08', "
			  "'concluded', "
			  "'2025-02-10', '2025-04-08'), "
			  "(" V(
			      "01") ", 'XF2025-0002', 'xinfang', '来访', 's', 'x', 'x', "
				    "'2025-08-30', 'concluded', "
				    "'2025-09-01', '2025-11-05'), "
				    "(" V(
					"01") ", 'XF2025-0003', 'xinfang', '网络', 's', 'x', 'x', "
					      "'2025-12-18', 'handling', "
					      "'2025-12-20', NULL), "
					      "(" V(
						  "02") ", 'XF2025-0001', 'xinfang', '电话', 's', "
							"'x', 'x', '2025-06-08', 'concluded', "
							"'2025-06-10', '2025-09-09'), "
							"(" V("02") ", 'JB2025-0001', 'jijian', "
								    "'网络', 's', 'x', 'x', "
								    "'2025-10-08', 'handling', "
								    "'2025-10-09', NULL)",
    "INSERT INTO complaint_extensions (village_id, complaint_id, due_code, days, old_due, "
    "new_due, reason, reason_salt, reason_digest, date) VALUES "
    "(" V("02") ", (SELECT id FROM complaints WHERE ref = 'XF2025-0001' AND village_id = " V(
	"02") "), 'conclude', 30, '2025-08-11', '2025-09-10', 'r', 'x', 'x', '2025-08-01')",
    /* rectification */
    "INSERT INTO rectifications (village_id, ref, source, problem, deadline, created_date, "
    "state, closed_date) VALUES "
    "(" V(
	"01") ", 'ZG2025-0001', '巡察', 'p', '2025-05-31', '2025-03-01', 'closed', '2025-05-30'), "
	      "(" V(
		  "01") ", 'ZG2025-0002', '审计', 'p', '2025-08-31', '2025-06-01', 'closed', "
			"'2025-09-10'), "
			"(" V(
			    "01") ", 'ZG2025-0003', '督查', 'p', '2025-12-31', '2025-10-01', "
				  "'open', NULL), "
				  "(" V(
				      "01") ", 'ZG2026-0001', '督查', 'p', '2026-03-31', "
					    "'2025-12-01', 'open', NULL), "
					    "(" V(
						"02") ", 'ZG2025-0001', '巡察', 'p', '2025-11-30', "
						      "'2025-09-01', 'closed', '2025-11-30')",
    /* disclosures of CZ-02 (quarterly, 15 days), the only item left active below */
    "INSERT INTO disclosures (village_id, item_code, category, period, period_start, period_end, "
    "title, status, source, created_by, created_at, published_date) VALUES "
    "(" V(
	"01") ", 'CZ-02', '财务', '2025-Q1', '2025-01-01', '2025-03-31', 't', 'published', "
	      "'录入', 'x', '2025-04-01T00:00:00Z', '2025-04-10'), "
	      "(" V(
		  "01") ", 'CZ-02', '财务', '2025-Q2', '2025-04-01', '2025-06-30', 't', "
			"'published', "
			"'录入', 'x', '2025-07-01T00:00:00Z', '2025-07-20'), "
			"(" V(
			    "01") ", 'CZ-02', '财务', '2025-Q3', '2025-07-01', '2025-09-30', 't', "
				  "'published', "
				  "'录入', 'x', '2025-10-01T00:00:00Z', '2025-10-15'), "
				  "(" V(
				      "02") ", 'CZ-02', '财务', '2025-Q1', '2025-01-01', "
					    "'2025-03-31', 't', 'published', "
					    "'录入', 'x', '2025-04-01T00:00:00Z', '2025-04-03'), "
					    "(" V(
						"02") ", 'CZ-02', '财务', '2025-Q2', '2025-04-01', "
						      "'2025-06-30', 't', 'published', "
						      "'录入', 'x', '2025-07-01T00:00:00Z', "
						      "'2025-07-03'), "
						      "(" V("02") ", 'CZ-02', '财务', '2025-Q3', "
								  "'2025-07-01', '2025-09-30', "
								  "'t', 'published', "
								  "'录入', 'x', "
								  "'2025-10-01T00:00:00Z', "
								  "'2025-10-03'), "
								  "(" V("02") ", 'CZ-02', '财务', "
									      "'2025-Q4', "
									      "'2025-10-01', "
									      "'2025-12-31', 't', "
									      "'published', "
									      "'录入', 'x', "
									      "'2026-01-01T00:00:"
									      "00Z', '2026-01-05')",
    /* plan: tasks of 2025 (the measures are seeded through plan.h) */
    "INSERT INTO plan_tasks (village_id, measure_id, year, title, unit, due_date, state, "
    "percent, done_date, created_date) VALUES "
    "(" V(
	"01") ", (SELECT id FROM plan_measures WHERE code = 'M12'), 2025, 't1', "
	      "'各村居党组织', '2025-06-30', 'done', 100, '2025-06-20', '2025-01-10'), "
	      "(" V(
		  "01") ", (SELECT id FROM plan_measures WHERE code = 'M12'), 2025, 't2', "
			"'各村居党组织', '2025-09-30', 'done', 100, '2025-10-05', '2025-01-10'), "
			"(" V(
			    "01") ", (SELECT id FROM plan_measures WHERE code = 'M13'), 2025, "
				  "'t3', "
				  "'各村居党组织', '2025-11-30', 'open', 60, NULL, '2025-01-10'), "
				  "(" V("02") ", (SELECT id FROM plan_measures WHERE code = "
					      "'M12'), 2025, 't4', "
					      "'各村居党组织', '2025-10-31', 'done', 100, "
					      "'2025-10-31', '2025-01-10'), "
					      "(NULL, (SELECT id FROM plan_measures WHERE code = "
					      "'M03'), 2025, 't5', '镇纪委', "
					      "'2025-03-31', 'open', 0, NULL, '2025-01-10')",
    /* edu: 以案五说 by quarter (one 纪法教育 that does not count) */
    "INSERT INTO edu_cases (title, year, category, summary, created_date) VALUES "
    "('案例', 2024, '其他', 's', '2025-01-01')",
    "INSERT INTO edu_activities (village_id, kind, title, date, participants, expected, "
    "attended, case_id) VALUES "
    "(" V(
	"01") ", '以案五说', 'a', '2025-02-15', 'p', 10, 9, (SELECT id FROM edu_cases)), "
	      "(" V(
		  "01") ", '以案五说', 'a', '2025-03-20', 'p', 10, 9, (SELECT id FROM edu_cases)), "
			"(" V("01") ", '以案五说', 'a', '2025-08-01', 'p', 10, 9, (SELECT id FROM "
				    "edu_cases)), "
				    "(" V(
					"01") ", '以案五说', 'a', '2025-11-11', 'p', 10, 9, "
					      "(SELECT id FROM edu_cases)), "
					      "(" V(
						  "02") ", '以案五说', 'a', '2025-05-05', 'p', 10, "
							"9, (SELECT id FROM edu_cases)), "
							"(" V(
							    "03") ", '纪法教育', 'a', "
								  "'2025-02-02', 'p', 10, 9, NULL)",
    /* rules: alerts and their verdicts */
    "INSERT INTO alerts (village_id, rule, family, keys, severity, message, evidence, "
    "fingerprint, state, first_seen, verdict, verdict_date) VALUES "
    "(" V("01") ", 'K01', 'K', '[\"a\"]', 'low', 'm', 'e', 'f1', 'confirmed', '2025-04-01', "
		"'属实', '2025-05-10'), "
		"(" V("01") ", 'B01', 'B', '[\"b\"]', 'medium', 'm', 'e', 'f2', 'dismissed', "
			    "'2025-05-01', "
			    "'不属实', '2025-06-01'), "
			    "(" V(
				"01") ", 'K02', 'K', '[\"g\"]', 'low', 'm', 'e', 'f6', 'new', "
				      "'2025-12-01', NULL, "
				      "NULL), "
				      "(" V(
					  "02") ", 'R01', 'R', '[\"c\"]', 'medium', 'm', 'e', "
						"'f3', 'partial', '2025-02-01', "
						"'部分属实', '2025-03-01'), "
						"(" V(
						    "02") ", 'R02', 'R', '[\"d\"]', 'medium', 'm', "
							  "'e', 'f4', 'closed', '2025-08-01', "
							  "'属实', '2025-09-01'), "
							  "(" V("02") ", 'M04', 'M', '[\"e\"]', "
								      "'medium', 'm', 'e', 'f5', "
								      "'confirmed', '2025-12-01', "
								      "'属实', '2026-01-10')",
    /* assess: the 2025 tree (8 computed × 10 + 2 manual × 10), scores, deductions */
    "INSERT INTO assess_sets (year, title, as_of, grade_a, grade_b, grade_c, models, state) "
    "VALUES (2025, '2025年度考核', '2026-01-31', 90, 80, 60, 3, 'draft')",
    "INSERT INTO assess_indicators (year, code, parent_id, seq, name, kind, source, weight) "
    "VALUES (2025, '1', NULL, 1, '自动计算', 'group', NULL, 80), "
    "(2025, '2', NULL, 10, '考核组评议', 'group', NULL, 20)",
    "INSERT INTO assess_indicators (year, code, parent_id, seq, name, kind, source, weight) "
    "VALUES "
    "(2025, '1.1', (SELECT id FROM assess_indicators WHERE code = '1'), 2, 'a', 'computed', "
    "'commitments_signed', 10), "
    "(2025, '1.2', (SELECT id FROM assess_indicators WHERE code = '1'), 3, 'b', 'computed', "
    "'reports_done', 10), "
    "(2025, '1.3', (SELECT id FROM assess_indicators WHERE code = '1'), 4, 'c', 'computed', "
    "'audits_done', 10), "
    "(2025, '1.4', (SELECT id FROM assess_indicators WHERE code = '1'), 5, 'd', 'computed', "
    "'complaints_on_time', 10), "
    "(2025, '1.5', (SELECT id FROM assess_indicators WHERE code = '1'), 6, 'e', 'computed', "
    "'rectify_on_time', 10), "
    "(2025, '1.6', (SELECT id FROM assess_indicators WHERE code = '1'), 7, 'f', 'computed', "
    "'disclosures_on_time', 10), "
    "(2025, '1.7', (SELECT id FROM assess_indicators WHERE code = '1'), 8, 'g', 'computed', "
    "'plan_tasks_on_time', 10), "
    "(2025, '1.8', (SELECT id FROM assess_indicators WHERE code = '1'), 9, 'h', 'computed', "
    "'warning_edu_quarters', 10), "
    "(2025, '2.1', (SELECT id FROM assess_indicators WHERE code = '2'), 11, '组织建设', "
    "'manual', NULL, 10), "
    "(2025, '2.2', (SELECT id FROM assess_indicators WHERE code = '2'), 12, '村务监督', "
    "'manual', NULL, 10)",
    "INSERT INTO assess_scores (village_id, year, indicator_id, score_centi, evidence, "
    "assessor, scored_date) VALUES "
    "(" V(
	"01") ", 2025, (SELECT id FROM assess_indicators WHERE code = '2.1'), 950, 'e', '考核组', "
	      "'2026-01-20'), "
	      "(" V("01") ", 2025, (SELECT id FROM assess_indicators WHERE code = '2.2'), 800, "
			  "'e', '考核组', "
			  "'2026-01-20'), "
			  "(" V(
			      "02") ", 2025, (SELECT id FROM assess_indicators WHERE code = "
				    "'2.1'), 1000, 'e', "
				    "'考核组', '2026-01-20'), "
				    "(" V(
					"02") ", 2025, (SELECT id FROM assess_indicators WHERE "
					      "code = '2.2'), 900, 'e', '考核组', "
					      "'2026-01-20'), "
					      "(" V(
						  "03") ", 2025, (SELECT id FROM assess_indicators "
							"WHERE code = '2.1'), 600, 'e', '考核组', "
							"'2026-01-20'), "
							"(" V("03") ", 2025, (SELECT id FROM "
								    "assess_indicators WHERE code "
								    "= '2.2'), 700, 'e', '考核组', "
								    "'2026-01-20')",
    "INSERT INTO assess_deductions (village_id, year, points_centi, reason, assessor, date) VALUES "
    "(" V("01") ", 2025, 150, '台账不全', '考核组', '2026-01-20'), "
		"(" V("03") ", 2025, 200, '任务推进迟缓', '考核组', '2026-01-20')",
};

static enum err seed_measures(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	(void)arg;
	return plan_measures_ensure(tc, NULL, ei);
}

/* The township switches off every disclosure item but CZ-02 (quarterly, 15 days). */
static enum err catalogue_narrow(struct db_conn *c)
{
	static const char *const items[][3] = {
	    {"CZ-01", "财务", "monthly"},   {"CZ-03", "财务", "quarterly"},
	    {"CZ-04", "财务", "quarterly"}, {"CZ-05", "财务", "annual"},
	    {"CZ-06", "财务", "annual"},    {"CZ-07", "财务", "quarterly"},
	    {"CW-01", "村务", "quarterly"}, {"CW-02", "村务", "quarterly"},
	    {"CW-03", "村务", "quarterly"}, {"CW-04", "村务", "event"},
	    {"CW-05", "村务", "event"},	    {"CW-06", "村务", "event"},
	    {"CW-07", "村务", "event"},	    {"DW-01", "党务", "quarterly"},
	    {"DW-02", "党务", "quarterly"}, {"DW-03", "党务", "annual"},
	    {"DW-04", "党务", "annual"},
	};
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		char sql[512];
		snprintf(
		    sql, sizeof(sql),
		    "INSERT INTO disclosure_catalogue (township, item_code, category, name, "
		    "frequency, deadline_days, active) VALUES ('黄桥镇', '%s', '%s', '%s', '%s', "
		    "15, 0)",
		    items[i][0], items[i][1], items[i][0], items[i][2]);
		enum err e = db_exec_script(c, sql);
		if (e != E_OK) {
			fprintf(stderr, "catalogue: %s\n", db_errmsg(c));
			return e;
		}
	}
	return E_OK;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-assess-%d-%d", (int)getpid(),
		 (int)testdb_backend);
	if (testdb_open(&f->tdb, testdb_backend, "assess") != E_OK)
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
	if (e != E_OK || app_write(&f->app, "test", seed_measures, NULL, &ei) != E_OK) {
		fprintf(stderr, "fixture: %s\n", ei.msg);
		return -1;
	}
	struct db_conn *c;
	if (db_conn_get(f->app.db, &c, &ei) != E_OK)
		return -1;
	for (size_t i = 0; i < sizeof(dataset) / sizeof(dataset[0]); i++)
		if (db_exec_script(c, dataset[i]) != E_OK) {
			fprintf(stderr, "dataset %zu: %s\n", i, db_errmsg(c));
			db_conn_put(f->app.db, c);
			return -1;
		}
	e = catalogue_narrow(c);
	db_conn_put(f->app.db, c);
	*state = f;
	return e == E_OK ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	app_close(&f->app);
	testdb_close(f->tdb);
	free(f);
	return 0;
}

/* ---- helpers --------------------------------------------------------------------------- */

/* The year's JSON as of the fixture's "today". */
static json_t *year_2025(struct fx *f, struct arena *a)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	json_t *y = NULL;
	enum err e = assess_year_json(c, a, 2025, "2026-06-15", &y, &ei);
	if (e != E_OK)
		fprintf(stderr, "assess_year_json: %s\n", ei.msg);
	assert_int_equal(e, E_OK);
	db_conn_put(f->app.db, c);
	return y;
}

static json_t *village(json_t *y, const char *code)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(y, "villages"), i, v)
	{
		if (strcmp(json_string_value(json_object_get(v, "village_code")), code) == 0)
			return v;
	}
	fail_msg("village %s missing", code);
	return NULL;
}

static json_t *item(json_t *v, const char *code)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(v, "items"), i, it)
	{
		if (strcmp(json_string_value(json_object_get(it, "code")), code) == 0)
			return it;
	}
	fail_msg("item %s missing", code);
	return NULL;
}

/* num / den and the score of indicator code for village code. */
static void check_item(json_t *y, const char *vcode, const char *icode, json_int_t num,
		       json_int_t den, const char *score)
{
	json_t *it = item(village(y, vcode), icode);
	if (json_integer_value(json_object_get(it, "num")) != num ||
	    json_integer_value(json_object_get(it, "den")) != den ||
	    strcmp(json_string_value(json_object_get(it, "score")), score) != 0)
		fail_msg("%s %s (%s): %lld/%lld = %s, want %lld/%lld = %s", vcode, icode,
			 json_string_value(json_object_get(it, "source")),
			 (long long)json_integer_value(json_object_get(it, "num")),
			 (long long)json_integer_value(json_object_get(it, "den")),
			 json_string_value(json_object_get(it, "score")), (long long)num,
			 (long long)den, score);
}

static const char *vstr(json_t *y, const char *code, const char *key)
{
	return json_string_value(json_object_get(village(y, code), key));
}

static bool vbool(json_t *y, const char *code, const char *key)
{
	return json_is_true(json_object_get(village(y, code), key));
}

static json_int_t vint(json_t *y, const char *code, const char *key)
{
	return json_integer_value(json_object_get(village(y, code), key));
}

static void exec(struct fx *f, const char *sql)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	enum err e = db_exec_script(c, sql);
	if (e != E_OK)
		fprintf(stderr, "%s: %s\n", sql, db_errmsg(c));
	db_conn_put(f->app.db, c);
	assert_int_equal(e, E_OK);
}

#define JIA  "321283101201"
#define YI   "321283101202"
#define BING "321283101203"

/* ---- tests ------------------------------------------------------------------------------ */

static void test_assess__numbers(void **state)
{
	(void)state;
	assert_int_equal(assess_score_centi(10, 2, 3), 667);  /* 6.666… rounds up */
	assert_int_equal(assess_score_centi(10, 1, 3), 333);  /* 3.333… rounds down */
	assert_int_equal(assess_score_centi(10, 1, 8), 125);  /* exactly 1.25 */
	assert_int_equal(assess_score_centi(7, 1, 16), 44);   /* 0.4375 → 0.44 (half up) */
	assert_int_equal(assess_score_centi(10, 0, 0), 1000); /* nothing due: full marks */
	assert_int_equal(assess_score_centi(10, 5, 4), 1000); /* never above the weight */
	char s[24];
	assess_centi_text(6183, s);
	assert_string_equal(s, "61.83");
	assess_centi_text(5, s);
	assert_string_equal(s, "0.05");
	int64_t c;
	assert_true(assess_centi_parse("8.5", &c) && c == 850);
	assert_true(assess_centi_parse("8.05", &c) && c == 805);
	assert_true(assess_centi_parse("10", &c) && c == 1000);
	assert_false(assess_centi_parse("8.555", &c));
	assert_false(assess_centi_parse("-1", &c));
	assert_false(assess_centi_parse("8.", &c));
	assert_false(assess_centi_parse("", &c));
	assert_int_equal(assess_grade(9000, 90, 80, 60, false), 'A');
	assert_int_equal(assess_grade(8999, 90, 80, 60, false), 'B');
	assert_int_equal(assess_grade(6000, 90, 80, 60, false), 'C');
	assert_int_equal(assess_grade(5999, 90, 80, 60, false), 'D');
	assert_int_equal(assess_grade(10000, 90, 80, 60, true), 'D');
	/* the registry: every entry has a formula, a function and a unique code */
	for (size_t i = 0; i < assess_registry_count; i++) {
		assert_non_null(assess_registry[i].fn);
		assert_true(strlen(assess_registry[i].formula) > 20);
		assert_ptr_equal(assess_indicator_find(assess_registry[i].code),
				 &assess_registry[i]);
	}
	assert_null(assess_indicator_find("no_such_indicator"));
}

/* Every computed indicator against the counts worked out by hand. */
static void test_assess__computed_indicators(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	json_t *y = year_2025(f, &a);
	assert_string_equal(json_string_value(json_object_get(y, "as_of")), "2026-01-31");
	/* 廉政承诺 (cadres on 2025-03-31, signed 01-01…03-31): 甲村 张书记 yes, 李主任
	 * late (04-02), 张小明 not yet in office; 乙村 赵书记 (03-31 counts) and 钱委员,
	 * not 吴前主任 (in office until 08-31); 丙社区 孙主任, 周居民 and 郑前书记 (all
	 * still in office on 03-31), none. */
	check_item(y, JIA, "1.1", 1, 2, "5.00");
	check_item(y, YI, "1.1", 2, 3, "6.67");
	check_item(y, BING, "1.1", 0, 3, "0.00");
	/* 述职述廉 (cadres on 2025-12-31, 07-01…2026-01-31): 甲村 张书记 12-28 and
	 * 张小明 01-20, not 李主任 (06-30); 乙村 赵书记 too late (02-05), 钱委员 none;
	 * 丙社区 孙主任 07-01 (周居民 left, 郑前书记 left). */
	check_item(y, JIA, "1.2", 2, 3, "6.67");
	check_item(y, YI, "1.2", 0, 2, "0.00");
	check_item(y, BING, "1.2", 1, 1, "10.00");
	/* Audits: the 2024 一年一审 due 2025-06-30 for every village (甲村 05-20 on
	 * time, 乙村 07-10 late, 丙社区 none); 乙村's 吴前主任 left 08-31, due 11-29,
	 * reported 11-01; 丙社区's 郑前书记 left 11-15, due 2026-02-13: not this year. */
	check_item(y, JIA, "1.3", 1, 1, "10.00");
	check_item(y, YI, "1.3", 1, 2, "5.00");
	check_item(y, BING, "1.3", 0, 1, "0.00");
	/* Complaints accepted in 2025: 甲村 02-10 → due 04-11, concluded 04-08 (in
	 * time); 09-01 → due 10-31, concluded 11-05 (late); 12-20 → due 2026-02-24,
	 * open, not yet due (left out); the 2024 one is not this year's.  乙村 06-10
	 * → 08-11, extended to 09-10, concluded 09-09 (in time); 10-09 → due 12-08,
	 * open (late).  丙社区 none: full marks. */
	check_item(y, JIA, "1.4", 1, 2, "5.00");
	check_item(y, YI, "1.4", 1, 2, "5.00");
	check_item(y, BING, "1.4", 0, 0, "10.00");
	/* Rectification with a 2025 deadline: 甲村 05-31 closed 05-30, 08-31 closed
	 * 09-10 (late), 12-31 open (past it); the 2026 one not counted.  乙村 11-30
	 * closed that day. */
	check_item(y, JIA, "1.5", 1, 3, "3.33");
	check_item(y, YI, "1.5", 1, 1, "10.00");
	check_item(y, BING, "1.5", 0, 0, "10.00");
	/* CZ-02 quarters (deadline quarter end + 15): 甲村 Q1 04-10 on time, Q2 07-20
	 * late, Q3 10-15 on the day, Q4 missing; 乙村 all on time; 丙社区's first day
	 * is its first archive event (2025-07-01): Q3 and Q4, both missing. */
	check_item(y, JIA, "1.6", 2, 4, "5.00");
	check_item(y, YI, "1.6", 4, 4, "10.00");
	check_item(y, BING, "1.6", 0, 2, "0.00");
	/* Tasks due in 2025: 甲村 06-30 done 06-20, 09-30 done 10-05 (late), 11-30
	 * open; 乙村 10-31 done that day; the township's own task counts for none. */
	check_item(y, JIA, "1.7", 1, 3, "3.33");
	check_item(y, YI, "1.7", 1, 1, "10.00");
	check_item(y, BING, "1.7", 0, 0, "10.00");
	/* 以案五说 quarters (4 ended by 2026-01-31): 甲村 Q1 (twice), Q3, Q4; 乙村 Q2;
	 * 丙社区's 纪法教育 is not warning education. */
	check_item(y, JIA, "1.8", 3, 4, "7.50");
	check_item(y, YI, "1.8", 1, 4, "2.50");
	check_item(y, BING, "1.8", 0, 4, "0.00");
	/* each item shows its formula and the score rule */
	json_t *it = item(village(y, JIA), "1.1");
	assert_non_null(strstr(json_string_value(json_object_get(it, "formula")), "3月31日"));
	assert_string_equal(json_string_value(json_object_get(it, "value_percent")), "50.00");
	assert_string_equal(
	    json_string_value(json_object_get(item(village(y, BING), "1.4"), "note")),
	    "无到期应办事项，按满分计");
	/* manual items carry their assessor */
	it = item(village(y, JIA), "2.1");
	assert_string_equal(json_string_value(json_object_get(it, "score")), "9.50");
	assert_string_equal(json_string_value(json_object_get(it, "assessor")), "考核组");
	json_decref(y);
	arena_release(&a);
}

/* The registry's red-flag indicator, called directly: alerts verified 属实 or
 * 部分属实 in 2025 — 甲村 one (its 不属实 and unverified ones do not count), 乙村
 * two (the third was verified in 2026), 丙社区 none. */
static void test_assess__red_flags(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	const char *codes[3] = {JIA, YI, BING};
	int64_t ids[3];
	for (int i = 0; i < 3; i++)
		assert_int_equal(org_village_id(c, codes[i], &ids[i]), E_OK);
	assert_true(ids[0] < ids[1] && ids[1] < ids[2]); /* the fixture's load order */
	struct assess_count out[3] = {{0}};
	struct assess_calc cx = {c, &a, 2025, "2026-01-31", 3, ids, codes, out, &ei};
	const struct assess_indicator_def *d = assess_indicator_find("red_flags_clear");
	assert_non_null(d);
	assert_int_equal(d->fn(&cx), E_OK);
	assert_int_equal(out[0].num, 4);
	assert_int_equal(out[0].den, 5);
	assert_int_equal(out[1].num, 3);
	assert_int_equal(out[1].den, 5);
	assert_int_equal(out[2].num, 5);
	assert_int_equal(out[2].den, 5);
	assert_int_equal(assess_score_centi(10, out[0].num, out[0].den), 800);
	assert_int_equal(assess_score_centi(10, out[1].num, out[1].den), 600);
	/* as of mid-2025 the September verdict is not yet there */
	memset(out, 0, sizeof(out));
	cx.as_of = "2025-06-30";
	assert_int_equal(d->fn(&cx), E_OK);
	assert_int_equal(out[1].num, 4);
	db_conn_put(f->app.db, c);
	arena_release(&a);
}

/* Totals, deductions, grades, ranks and the 示范村 without any veto. */
static void test_assess__totals_and_models(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	json_t *y = year_2025(f, &a);
	/* 甲村 45.83 computed + 17.50 manual − 1.50; 乙村 49.17 + 19.00; 丙社区
	 * 40.00 + 13.00 − 2.00. */
	assert_string_equal(vstr(y, JIA, "items_score"), "63.33");
	assert_string_equal(vstr(y, JIA, "deducted"), "1.50");
	assert_string_equal(vstr(y, JIA, "total"), "61.83");
	assert_string_equal(vstr(y, YI, "total"), "68.17");
	assert_string_equal(vstr(y, BING, "total"), "51.00");
	assert_string_equal(vstr(y, YI, "grade"), "C");
	assert_string_equal(vstr(y, JIA, "grade"), "C");
	assert_string_equal(vstr(y, BING, "grade"), "D");
	assert_int_equal(vint(y, YI, "rank"), 1);
	assert_int_equal(vint(y, JIA, "rank"), 2);
	assert_int_equal(vint(y, BING, "rank"), 3);
	/* three places, but only the two that pass */
	assert_true(vbool(y, YI, "model"));
	assert_true(vbool(y, JIA, "model"));
	assert_false(vbool(y, BING, "model"));
	assert_false(vbool(y, BING, "passed"));
	json_t *sum = json_object_get(y, "summary");
	assert_int_equal(json_array_size(json_object_get(sum, "models")), 2);
	assert_string_equal(json_string_value(json_object_get(sum, "average_total")), "60.33");
	json_decref(y);
	arena_release(&a);
}

/* The negative list vetoes whatever the score: a manual entry, and a decided
 * case of the third form (not one of the second form, not an open or revoked
 * one); the 示范村 come from the villages that pass. */
static void test_assess__negative_list(void **state)
{
	struct fx *f = *state;
	struct arena a = ARENA_INIT;
	/* 丙社区 passes once the bar is 50: three candidates for three places */
	exec(f, "UPDATE assess_sets SET grade_c = 50 WHERE year = 2025");
	json_t *y = year_2025(f, &a);
	assert_true(vbool(y, BING, "model"));
	json_decref(y);

	/* 乙村, the best, on the negative list by hand */
	exec(f, "INSERT INTO assess_negative (village_id, year, reason, assessor, date) VALUES "
		"(" V("02") ", 2025, '发生重大安全责任事故', '镇纪委', '2026-01-25')");
	/* cases that veto nothing: second form, open, revoked, another year */
	exec(f,
	     "INSERT INTO discipline_cases (village_id, ref, person_id, form, kind, opened_date, "
	     "state, decided_date) VALUES "
	     "(" V("01") ", 'AJ2025-01', " P(
		 LI) ", 2, '警告', '2025-03-01', 'decided', "
		     "'2025-04-01'), "
		     "(" V("01") ", 'AJ2025-02', " P(
			 LI) ", 3, '留党察看', '2025-05-01', 'open', NULL), "
			     "(" V("01") ", 'AJ2025-03', " P(
				 LI) ", 3, '留党察看', '2025-05-01', 'revoked', "
				     "'2025-06-01'), "
				     "(" V("01") ", 'AJ2024-09', " P(
					 LI) ", 4, '追究刑事责任', '2024-05-01', 'decided', "
					     "'2024-12-01')");
	y = year_2025(f, &a);
	assert_true(vbool(y, YI, "vetoed"));
	assert_false(vbool(y, JIA, "vetoed"));
	assert_string_equal(vstr(y, YI, "total"), "68.17"); /* the score stands … */
	assert_string_equal(vstr(y, YI, "grade"), "D");	    /* … the grade does not */
	assert_false(vbool(y, YI, "model"));
	assert_int_equal(vint(y, YI, "rank"), 3); /* after every village not vetoed */
	assert_int_equal(vint(y, JIA, "rank"), 1);
	assert_int_equal(vint(y, BING, "rank"), 2);
	assert_true(vbool(y, JIA, "model"));
	assert_true(vbool(y, BING, "model"));
	json_t *neg = json_array_get(json_object_get(village(y, YI), "negative"), 0);
	assert_string_equal(json_string_value(json_object_get(neg, "source")), "manual");
	json_decref(y);

	/* a decided 第三种形态 case in 丙社区 vetoes it too */
	exec(f,
	     "INSERT INTO discipline_cases (village_id, ref, person_id, form, kind, opened_date, "
	     "state, decided_date) VALUES (" V("03") ", 'AJ2025-04', " P(
		 SUN) ", 3, "
		      "'撤销党内职务', '2025-05-01', 'decided', '2025-09-20')");
	y = year_2025(f, &a);
	assert_true(vbool(y, BING, "vetoed"));
	assert_string_equal(vstr(y, BING, "grade"), "D");
	neg = json_array_get(json_object_get(village(y, BING), "negative"), 0);
	assert_string_equal(json_string_value(json_object_get(neg, "source")), "discipline");
	assert_string_equal(json_string_value(json_object_get(neg, "date")), "2025-09-20");
	assert_null(strstr(json_string_value(json_object_get(neg, "reason")),
			   "AJ2025")); /* no case number */
	assert_int_equal(vint(y, JIA, "rank"), 1);
	assert_int_equal(vint(y, YI, "rank"), 2);
	assert_int_equal(vint(y, BING, "rank"), 3);
	assert_true(vbool(y, JIA, "model"));
	assert_false(vbool(y, YI, "model"));
	assert_false(vbool(y, BING, "model"));
	json_t *sum = json_object_get(y, "summary");
	assert_int_equal(json_integer_value(json_object_get(sum, "vetoed")), 2);
	assert_int_equal(json_array_size(json_object_get(sum, "models")), 1);

	/* the report carries the same figures */
	struct buf pdf = BUF_INIT, xlsx = BUF_INIT;
	struct errinfo ei = {0};
	assert_int_equal(assess_report_pdf(y, NULL, "2026-06-15T02:00:00Z", &pdf, &ei), E_OK);
	assert_true(pdf.len > 2000 && memcmp(pdf.ptr, "%PDF", 4) == 0);
	buf_reset(&pdf);
	assert_int_equal(assess_report_pdf(y, village(y, JIA), "2026-06-15T02:00:00Z", &pdf, &ei),
			 E_OK);
	assert_true(pdf.len > 2000 && memcmp(pdf.ptr, "%PDF", 4) == 0);
	assert_int_equal(assess_report_xlsx(y, NULL, NULL, &xlsx, &ei), E_OK);
	assert_true(xlsx.len > 1000 && memcmp(xlsx.ptr, "PK", 2) == 0);
	buf_reset(&xlsx);
	assert_int_equal(assess_report_xlsx(y, village(y, BING), NULL, &xlsx, &ei), E_OK);
	assert_true(xlsx.len > 1000 && memcmp(xlsx.ptr, "PK", 2) == 0);
	buf_release(&pdf);
	buf_release(&xlsx);
	json_decref(y);

	exec(f, "DELETE FROM discipline_cases");
	exec(f, "DELETE FROM assess_negative");
	exec(f, "UPDATE assess_sets SET grade_c = 60 WHERE year = 2025");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_assess__numbers),
	    cmocka_unit_test(test_assess__computed_indicators),
	    cmocka_unit_test(test_assess__red_flags),
	    cmocka_unit_test(test_assess__totals_and_models),
	    cmocka_unit_test(test_assess__negative_list),
	};
	return testdb_run_group("assess", tests, setup, teardown);
}
