/*
 * The assets module's rules and files: straight-line depreciation by month
 * (the month of acquisition not counted, the month of disposal counted, the
 * last month taking the remainder), ageing buckets at their edges, the
 * counterparty check (身份证号 or 统一社会信用代码), terms and lease values at
 * the boundaries rules.md draws, areas in hundredths of a 亩; then, on both
 * backends, the rules of a new contract through the module's own function
 * (nothing written when refused), and the seven files of formats.md imported,
 * exported, re-imported unchanged and exported byte for byte the same, with
 * `verify` clean after it all.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/trail.h"
#include "mod/assets.h"
#include "mod/io.h"
#include "mod/org.h"

/* ---- pure rules ------------------------------------------------------------------- */

static void test_assets__depreciation(void **state)
{
	(void)state;
	struct assets_depreciation d;
	/* 1,200,000.00 over 240 months from March 2016: April 2016 … December 2025 */
	assert_true(
	    assets_depreciation_at(120000000, 0, 240, "2016-03-10", NULL, "2025-12-31", &d));
	assert_int_equal(d.months, 117);
	assert_int_equal(d.monthly_fen, 500000);
	assert_int_equal(d.accumulated_fen, 58500000);
	assert_int_equal(d.net_fen, 61500000);
	/* mid-month: January has not ended */
	assert_true(
	    assets_depreciation_at(120000000, 0, 240, "2016-03-10", NULL, "2026-01-15", &d));
	assert_int_equal(d.months, 117);
	/* the month of acquisition is not depreciated, nor anything before it */
	assert_true(
	    assets_depreciation_at(120000000, 0, 240, "2016-03-10", NULL, "2016-03-31", &d));
	assert_int_equal(d.months, 0);
	assert_true(
	    assets_depreciation_at(120000000, 0, 240, "2016-03-10", NULL, "2015-01-31", &d));
	assert_int_equal(d.months, 0);
	assert_int_equal(d.net_fen, 120000000);
	/* 1,000.00 over 36 months: 27.77 a month, the last month takes the rest */
	assert_true(assets_depreciation_at(100000, 0, 36, "2020-01-15", NULL, "2022-12-31", &d));
	assert_int_equal(d.months, 35);
	assert_int_equal(d.monthly_fen, 2777);
	assert_int_equal(d.accumulated_fen, 97195);
	assert_true(assets_depreciation_at(100000, 0, 36, "2020-01-15", NULL, "2023-01-31", &d));
	assert_int_equal(d.months, 36);
	assert_int_equal(d.accumulated_fen, 100000);
	/* never beyond the life; a salvage value stays */
	assert_true(assets_depreciation_at(100000, 4000, 36, "2020-01-15", NULL, "2040-01-31", &d));
	assert_int_equal(d.months, 36);
	assert_int_equal(d.net_fen, 4000);
	/* disposed of in May 2026: May is depreciated, June is not */
	assert_true(assets_depreciation_at(120000000, 0, 240, "2016-03-10", "2026-05-20",
					   "2026-12-31", &d));
	assert_int_equal(d.months, 122);
	assert_false(assets_depreciation_at(1, 0, 240, "2016-02-30", NULL, "2026-12-31", &d));
	assert_false(assets_depreciation_at(1, 0, 0, "2016-02-01", NULL, "2026-12-31", &d));
}

static void test_assets__default_life(void **state)
{
	(void)state;
	assert_int_equal(assets_default_life_months("房屋及建筑物"), 240);
	assert_int_equal(assets_default_life_months("车辆"), 48);
	assert_int_equal(assets_default_life_months("电子设备"), 36);
	assert_int_equal(assets_default_life_months("机器设备"), 120);
	assert_int_equal(assets_default_life_months(NULL), 60);
	assert_int_equal(assets_default_life_months("杂项"), 60);
	assert_true(assets_default_life_months("其他") >= ASSETS_MIN_LIFE_MONTHS);
}

static void test_assets__ageing(void **state)
{
	(void)state;
	assert_int_equal(assets_ageing_bucket(-1), -1);
	assert_int_equal(assets_ageing_bucket(0), 0);
	assert_int_equal(assets_ageing_bucket(90), 0);
	assert_int_equal(assets_ageing_bucket(91), 1);
	assert_int_equal(assets_ageing_bucket(180), 1);
	assert_int_equal(assets_ageing_bucket(181), 2);
	assert_int_equal(assets_ageing_bucket(365), 2);
	assert_int_equal(assets_ageing_bucket(366), 3);
	assert_string_equal(assets_ageing_labels[3], "365天以上");
}

static void test_assets__party(void **state)
{
	(void)state;
	assert_null(assets_party_problem("11010519491231002X"));
	assert_null(assets_party_problem("91321283MA1W2X3Y4W"));
	assert_string_equal(assets_party_problem("321283198506061234"), "身份证号校验位错误");
	assert_string_equal(assets_party_problem("91321283MA1W2X3Y4X"),
			    "统一社会信用代码校验位错误");
	assert_non_null(assets_party_problem("9132128"));
	assert_non_null(assets_party_problem(""));
	assert_non_null(assets_party_problem(NULL));
	assert_true(assets_party_is_firm("泰兴市宏达物流有限公司", "91321283MA1W2X3Y4W"));
	assert_false(assets_party_is_firm("王五", "11010519491231002X"));
	assert_true(assets_party_is_firm("泰兴市绿源农业专业合作社", NULL));
	assert_false(assets_party_is_firm("张三丰", NULL));
	assert_false(assets_party_is_firm(NULL, ""));
}

static void test_assets__term_and_value(void **state)
{
	(void)state;
	/* rules.md: 2025-01-01 … 2054-12-31 is exactly 30 years and does not exceed */
	assert_false(assets_term_exceeds("2025-01-01", "2054-12-31", 30));
	assert_true(assets_term_exceeds("2025-01-01", "2055-01-01", 30));
	/* from 29 February: twenty years later is again 29 February */
	assert_false(assets_term_exceeds("2024-02-29", "2044-02-28", 20));
	assert_true(assets_term_exceeds("2024-02-29", "2044-02-29", 20));
	/* 50,000.00 a year for 365 days reaches 50,000.00; a fen less does not */
	assert_true(assets_value_reaches(5000000, "2025-01-01", "2025-12-31", 5000000));
	assert_false(assets_value_reaches(4999999, "2025-01-01", "2025-12-31", 5000000));
	/* a leap year is 366/365 of a year */
	int64_t need = (5000000LL * 365 + 365) / 366;
	assert_true(assets_value_reaches(need, "2024-01-01", "2024-12-31", 5000000));
	assert_false(assets_value_reaches(need - 1, "2024-01-01", "2024-12-31", 5000000));
	assert_int_equal(assets_lease_value_fen(2000000, "2026-01-01", "2028-12-31"), 6005479);
	assert_false(assets_value_reaches(100, "2025-12-31", "2025-01-01", 1));
}

static void test_assets__area(void **state)
{
	(void)state;
	int64_t x;
	struct errinfo ei = {0};
	assert_int_equal(assets_area_parse("12.5", &x, &ei), E_OK);
	assert_int_equal(x, 1250);
	assert_int_equal(assets_area_parse("12.50亩", &x, &ei), E_OK);
	assert_int_equal(x, 1250);
	assert_int_equal(assets_area_parse("0", &x, &ei), E_OK);
	assert_int_equal(x, 0);
	assert_int_equal(assets_area_parse("120", &x, &ei), E_OK);
	assert_int_equal(x, 12000);
	const char *bad[] = {"12.", "12.345", "-1", "", "abc", "1,200", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(assets_area_parse(bad[i], &x, &ei), E_INPUT);
	assert_int_equal(assets_area_parse(NULL, &x, &ei), E_INPUT);
	assert_string_equal(ei.field, "area_mu");
	char out[32];
	assets_area_format(1250, out);
	assert_string_equal(out, "12.50");
	assets_area_format(5, out);
	assert_string_equal(out, "0.05");
}

/* ---- on a database ---------------------------------------------------------------- */

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the app on it */
	char dir[96];	/* scratch files */
};

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

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-assets-%d-%d", (int)getpid(),
		 (int)testdb_backend);
	if (testdb_open(&f->tdb, testdb_backend, "assets") != E_OK)
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
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s/in %s/out1 %s/out2", f->dir, f->dir,
		 f->dir, f->dir);
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

static int64_t count_contracts(struct fx *f)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct db_res *res;
	int64_t n = 0;
	assert_int_equal(db_exec(c, &assets_stmts, ASSETS_ST_CON_LOG_ALL, DB_NOPARAMS, &res), E_OK);
	while (db_row(res))
		n++;
	assert_int_equal(db_done(res), E_OK);
	db_conn_put(f->app.db, c);
	return n;
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

static const char assets_csv[] =
    "village_code,asset_no,name,category,acquired_date,original_value,location,status\n"
    "321283101201,ZC-001,集体厂房,房屋及建筑物,2012-05-01,\"800,000.00\",工业集中区,出租\n"
    "321283101201,ZC-002,保洁车,车辆,2023-05-06,68500,村部,在用\n";
static const char resources_csv[] = "village_code,resource_no,name,kind,area_mu,location\n"
				    "321283101201,ZY-001,东片耕地,耕地,120.5,一组\n"
				    "321283101202,ZY-001,村南鱼塘,水面,18.25,三组\n";
static const char trades_csv[] = "village_code,trade_no,subject_no,listed_date,closing_date,"
				 "reserve_price,final_price,winner,winner_id\n"
				 "321283101201,JY2020-01,ZY-001,2019-12-01,2019-12-20,10000,"
				 "12000,王五,321283198506061235\n";
static const char contracts_csv[] =
    "village_code,contract_no,subject_no,counterparty,counterparty_id,sign_date,start_date,"
    "end_date,annual_rent,area_mu,trade_no,matter_no\n"
    "321283101201,HT2020-01,ZY-001,王五,321283198506061235,2019-12-25,2020-01-01,2024-12-31,"
    "12000,120.5,JY2020-01,\n"
    "321283101201,HT2021-01,ZC-001,泰兴市宏达物流有限公司,91321283MA1W2X3Y4W,2020-12-20,"
    "2021-01-01,2025-12-31,30000.00,,,2020-404\n"
    "321283101202,HT2022-01,ZY-404,赵六,321283197809094566,2022-01-05,2022-01-01,2022-12-31,"
    "1500.5,,JY-404,\n";
static const char bills_csv[] =
    "village_code,contract_no,due_date,amount_due,paid_date,amount_paid\n"
    "321283101201,HT2020-01,2020-01-01,12000,2020-01-10,12000\n"
    "321283101201,HT2020-01,2021-01-01,12000,,\n"
    "321283101202,HT2022-01,2022-01-01,1500.50,2022-03-01,500\n";
static const char projects_csv[] =
    "village_code,project_no,name,kind,budget,procurement,matter_no,approved_date,"
    "announced_date,bid_date,contract_date,start_date,accepted_date,contractor,contractor_id,"
    "contract_amount\n"
    "321283101201,GC2021-01,村道修补,工程,30000,竞争性比选,,2021-03-01,2021-03-05,2021-03-20,"
    "2021-03-25,2021-04-01,2021-06-01,泰兴市路通市政工程有限公司,91321283MA1L2M3N46,27500\n"
    "321283101201,GC2021-02,保洁服务,服务,4000,直接委托,,2021-05-10,,,2021-04-01,,,钱七,"
    "321283199001017890,3900\n";
static const char bids_csv[] = "village_code,ref_no,bidder,bidder_id,price,winner\n"
			       "321283101201,GC2021-01,泰兴市路通市政工程有限公司,"
			       "91321283MA1L2M3N46,27500,是\n"
			       "321283101201,GC2021-01,孙八,321283196603023450,29000,否\n"
			       "321283101201,JY2020-01,王五,321283198506061235,12000,1\n";

static const char *const seven[] = {"assets.csv",    "resources.csv",	   "trades.csv",
				    "contracts.csv", "contract_bills.csv", "projects.csv",
				    "bids.csv"};

static void write_inputs(struct fx *f)
{
	char in[128];
	snprintf(in, sizeof(in), "%s/in", f->dir);
	write_file(in, "assets.csv", assets_csv);
	write_file(in, "resources.csv", resources_csv);
	write_file(in, "trades.csv", trades_csv);
	write_file(in, "contracts.csv", contracts_csv);
	write_file(in, "contract_bills.csv", bills_csv);
	write_file(in, "projects.csv", projects_csv);
	write_file(in, "bids.csv", bids_csv);
}

static void test_assets__import_export_roundtrip(void **state)
{
	struct fx *f = *state;
	write_inputs(f);
	char in[128], out1[128], out2[128];
	snprintf(in, sizeof(in), "%s/in", f->dir);
	snprintf(out1, sizeof(out1), "%s/out1", f->dir);
	snprintf(out2, sizeof(out2), "%s/out2", f->dir);
	struct errinfo ei = {0};
	char *report = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&report, &len);
	assert_int_equal(io_import_dir(&f->app, in, mem, &ei), E_OK);
	fclose(mem);
	/* references kept as given, with warnings */
	assert_non_null(strstr(report, "contracts.csv：新增 3，更新 0，未变 0"));
	assert_non_null(strstr(report, "[警告] contracts.csv 第4行 subject_no \"ZY-404\""));
	assert_non_null(strstr(report, "[警告] contracts.csv 第3行 matter_no \"2020-404\""));
	assert_null(strstr(report, "[警告] bids.csv"));
	assert_non_null(strstr(report, "[警告] projects.csv 第3行"));
	free(report);
	assert_int_equal(count_contracts(f), 3);

	FILE *null = fopen("/dev/null", "w");
	assert_int_equal(io_export_dir(&f->app, out1, null, &ei), E_OK);
	char *c1 = slurp(out1, "contracts.csv");
	assert_non_null(c1);
	/* money and area written as the importer reads them back */
	assert_non_null(strstr(c1, "321283101202,HT2022-01,ZY-404,赵六,321283197809094566,"
				   "2022-01-05,2022-01-01,2022-12-31,1500.50,,JY-404,"));
	assert_non_null(strstr(c1, "HT2020-01,ZY-001,王五,321283198506061235,2019-12-25,2020-01-01,"
				   "2024-12-31,12000.00,120.50,JY2020-01,"));
	char *b1 = slurp(out1, "contract_bills.csv");
	assert_non_null(strstr(b1, "321283101201,HT2020-01,2021-01-01,12000.00,,\r\n"));
	char *w1 = slurp(out1, "bids.csv");
	assert_non_null(strstr(w1, "321283101201,JY2020-01,王五,321283198506061235,12000.00,是"));
	free(c1);
	free(b1);
	free(w1);

	/* the export imports again unchanged */
	report = NULL;
	mem = open_memstream(&report, &len);
	assert_int_equal(io_import_dir(&f->app, out1, mem, &ei), E_OK);
	fclose(mem);
	for (size_t i = 0; i < sizeof(seven) / sizeof(seven[0]); i++) {
		char line[128];
		snprintf(line, sizeof(line), "%s：新增 0，更新 0，", seven[i]);
		assert_non_null(strstr(report, line));
	}
	free(report);
	/* and exports byte for byte the same */
	assert_int_equal(io_export_dir(&f->app, out2, null, &ei), E_OK);
	fclose(null);
	for (size_t i = 0; i < sizeof(seven) / sizeof(seven[0]); i++) {
		char *x = slurp(out1, seven[i]), *y = slurp(out2, seven[i]);
		assert_non_null(x);
		assert_non_null(y);
		assert_string_equal(x, y);
		free(x);
		free(y);
	}
	verify_clean(f);
}

/* A file with a bad row loads nothing, and every bad line is reported. */
static void test_assets__import_all_or_nothing(void **state)
{
	struct fx *f = *state;
	write_inputs(f);
	char in[128];
	snprintf(in, sizeof(in), "%s/in", f->dir);
	write_file(in, "contracts.csv",
		   "village_code,contract_no,subject_no,counterparty,counterparty_id,sign_date,"
		   "start_date,end_date,annual_rent\n"
		   "321283101201,HT2020-01,ZY-001,王五,321283198506061235,2019-12-25,2020-01-01,"
		   "2024-12-31,12000\n"
		   "321283101201,HT2020-02,ZY-001,王五,321283198506061235,2019-12-25,2020-01-01,"
		   "2019-12-31,12000\n"
		   "321283101299,HT2020-03,ZY-001,王五,321283198506061235,2019-12-25,2020-01-01,"
		   "2020-12-31,12000\n");
	struct errinfo ei = {0};
	char *report = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&report, &len);
	assert_int_equal(io_import_dir(&f->app, in, mem, &ei), E_INPUT);
	fclose(mem);
	assert_non_null(
	    strstr(report, "contracts.csv 第3行 end_date \"2019-12-31\"：终止日期早于起始日期"));
	assert_non_null(strstr(report, "contracts.csv 第4行 village_code \"321283101299\"："
				       "区划代码不在村居名册中"));
	/* contract_bills.csv names contracts that were not loaded: refused too */
	assert_non_null(strstr(report, "contract_bills.csv：有"));
	free(report);
	assert_int_equal(count_contracts(f), 0);
}

struct
try {
	struct assets_contract k; /* what to create */
	enum err want;		  /* expected */
	const char *key;	  /* expected errinfo key */
};

static enum err create_cb(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct try *t = arg;
	struct arena a = ARENA_INIT;
	int64_t id;
	enum err e = assets_contract_create(tc, &a, &t->k, "2026-06-15", &id, ei);
	arena_release(&a);
	return e;
}

/* The rules of a new contract, through the function the HTTP handler and the
 * award both use: each refusal leaves nothing behind. */
static void test_assets__contract_rules(void **state)
{
	struct fx *f = *state;
	write_inputs(f);
	char in[128];
	snprintf(in, sizeof(in), "%s/in", f->dir);
	/* only the registers: the leases are made here */
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm %s/contracts.csv %s/contract_bills.csv %s/bids.csv", in, in,
		 in);
	assert_int_equal(system(cmd), 0);
	struct errinfo ei = {0};
	FILE *null = fopen("/dev/null", "w");
	assert_int_equal(io_import_dir(&f->app, in, null, &ei), E_OK);
	fclose(null);
	struct db_conn *c;
	int64_t vid;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(org_village_id(c, "321283101201", &vid), E_OK);
	db_conn_put(f->app.db, c);
	struct assets_contract base = {
	    vid,	  "HT2026-01",	"ZY-001",     "王五", "321283198506061235",
	    "2026-01-05", "2026-01-01", "2026-12-31", 300000, -1,
	    NULL,	  NULL};
	struct try t = {base, E_OK, NULL};
	assert_int_equal(app_write(&f->app, "test", create_cb, &t, &ei), E_OK);
	struct {
		const char *what;
		const char *field;
		const char *value;
		enum err want;
		const char *key;
	} cases[] = {
	    {"overlap", "start_date", "2026-12-31", E_RULE, "assets.contract_overlap"},
	    {"unknown subject", "subject_no", "ZY-404", E_INPUT, "assets.subject_unknown"},
	    {"end before start", "end_date", "2025-12-31", E_INPUT, "assets.contract_dates"},
	    {"bad id", "counterparty_id", "321283198506061234", E_INPUT, "assets.party_id"},
	    {"sign in the future", "sign_date", "2026-07-01", E_INPUT, "assets.sign_future"},
	    {"duplicate number", "contract_no", "HT2026-01", E_CONFLICT, "assets.contract_exists"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct try x = {base, cases[i].want, cases[i].key};
		x.k.contract_no = "HT2026-09";
		x.k.start_date = "2027-01-01";
		x.k.end_date = "2027-12-31";
		if (strcmp(cases[i].field, "start_date") == 0)
			x.k.start_date = cases[i].value;
		else if (strcmp(cases[i].field, "subject_no") == 0)
			x.k.subject_no = cases[i].value;
		else if (strcmp(cases[i].field, "end_date") == 0)
			x.k.end_date = cases[i].value;
		else if (strcmp(cases[i].field, "counterparty_id") == 0)
			x.k.counterparty_id = cases[i].value;
		else if (strcmp(cases[i].field, "sign_date") == 0)
			x.k.sign_date = cases[i].value;
		else
			x.k.contract_no = cases[i].value;
		err_clear(&ei);
		assert_int_equal(app_write(&f->app, "test", create_cb, &x, &ei), cases[i].want);
		assert_string_equal(ei.key, cases[i].key);
		assert_string_equal(ei.field, cases[i].field);
	}
	/* 应进必进: 20,000.00 for three years on the workshop, no listing */
	struct try big = {base, E_RULE, NULL};
	big.k.contract_no = "HT2026-02";
	big.k.subject_no = "ZC-001";
	big.k.counterparty = "泰兴市宏达物流有限公司";
	big.k.counterparty_id = "91321283MA1W2X3Y4W";
	big.k.end_date = "2028-12-31";
	big.k.annual_rent_fen = 2000000;
	err_clear(&ei);
	assert_int_equal(app_write(&f->app, "test", create_cb, &big, &ei), E_RULE);
	assert_string_equal(ei.key, "assets.trade_required");
	/* a listing that names another subject does not do */
	big.k.trade_no = "JY2020-01";
	err_clear(&ei);
	assert_int_equal(app_write(&f->app, "test", create_cb, &big, &ei), E_RULE);
	assert_string_equal(ei.key, "assets.trade_subject");
	/* a building let for twenty years */
	struct try longer = {base, E_RULE, NULL};
	longer.k.contract_no = "HT2026-03";
	longer.k.subject_no = "ZC-001";
	longer.k.end_date = "2046-01-01";
	longer.k.annual_rent_fen = 100;
	err_clear(&ei);
	assert_int_equal(app_write(&f->app, "test", create_cb, &longer, &ei), E_RULE);
	assert_string_equal(ei.key, "assets.term_limit");
	assert_int_equal(count_contracts(f), 1);
	verify_clean(f);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_assets__depreciation),
	    cmocka_unit_test(test_assets__default_life),
	    cmocka_unit_test(test_assets__ageing),
	    cmocka_unit_test(test_assets__party),
	    cmocka_unit_test(test_assets__term_and_value),
	    cmocka_unit_test(test_assets__area),
	};
	const struct CMUnitTest db[] = {
	    cmocka_unit_test_setup_teardown(test_assets__import_export_roundtrip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_assets__import_all_or_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_assets__contract_rules, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("assets rules", pure, NULL, NULL);
	return failed + testdb_run_group("assets on a database", db, NULL, NULL);
}
