/*
 * The assets module's rules and HTTP face: the registers of fixed assets and
 * resources, contracts with every rule a new one must pass (shared with the
 * trade module's award), bills, receipts, arrears ageing and the 债权债务 of
 * the books.  SQL is in assets_db.c; imports in assets_import.c; the portal
 * section in assets_html.c.  It never edits a contract's terms in place except
 * to end it early (the original end date is kept beside the new one).
 */
#include "assets.h"

#include <stdlib.h>
#include <string.h>

#include "core/datefmt.h"
#include "core/idno.h"
#include "core/json_out.h"
#include "core/mask.h"
#include "core/money.h"
#include "perms.h"
#include "power.h"
#include "trade.h"
#include "modutil.h"

static const char *const asset_status[] = {"在用", "出租", "闲置", "处置", NULL};
static const char *const resource_kinds[] = {"耕地",   "林地",	   "园地", "水面",
					     "四荒地", "建设用地", "其他", NULL};

/* ---- pure rules ------------------------------------------------------------------ */

/* Months from the start of the epoch of a canonical date's month. */
static int64_t month_index(const char *ymd)
{
	return (int64_t)atoi(ymd) * 12 + (int64_t)atoi(ymd + 5) - 1;
}

static bool month_end(const char *ymd)
{
	int y = atoi(ymd), m = atoi(ymd + 5), d = atoi(ymd + 8);
	return d == datefmt_month_days(y, m);
}

bool assets_depreciation_at(int64_t original_fen, int64_t salvage_fen, int64_t life_months,
			    const char *acquired, const char *disposed, const char *as_of,
			    struct assets_depreciation *out)
{
	memset(out, 0, sizeof(*out));
	if (life_months < 1 || datefmt_days(acquired) == DATEFMT_INVALID ||
	    datefmt_days(as_of) == DATEFMT_INVALID ||
	    (disposed && datefmt_days(disposed) == DATEFMT_INVALID))
		return false;
	int64_t depreciable = original_fen - salvage_fen;
	if (depreciable < 0)
		depreciable = 0;
	/* the last month that has ended by as_of */
	int64_t last = month_index(as_of) - (month_end(as_of) ? 0 : 1);
	/* a disposed asset is depreciated in its month of disposal, not after */
	if (disposed && month_index(disposed) < last)
		last = month_index(disposed);
	int64_t months = last - month_index(acquired);
	if (months < 0)
		months = 0;
	if (months > life_months)
		months = life_months;
	out->months = months;
	out->monthly_fen = depreciable / life_months;
	out->accumulated_fen = months == life_months ? depreciable : out->monthly_fen * months;
	out->net_fen = original_fen - out->accumulated_fen;
	return true;
}

int64_t assets_default_life_months(const char *category)
{
	/* 《农村集体经济组织会计制度》 leaves lives to the collective; these are the
	 * minimums of 企业所得税法实施条例 第六十条, which townships commonly adopt. */
	static const struct {
		const char *word;
		int64_t months;
	} lives[] = {
	    /* the specific words before 设备 */
	    {"电子", 36},  {"电脑", 36},  {"车辆", 48},	 {"运输", 48},	{"机器", 120},
	    {"机械", 120}, {"房屋", 240}, {"建筑", 240}, {"水利", 240}, {"道路", 240},
	    {"生物", 120}, {"林木", 120}, {"设备", 60},	 {"家具", 60},	{"办公", 60},
	};
	for (size_t i = 0; category && i < sizeof(lives) / sizeof(lives[0]); i++)
		if (strstr(category, lives[i].word))
			return lives[i].months;
	return 60;
}

const char *const assets_ageing_labels[4] = {"0-90天", "91-180天", "181-365天", "365天以上"};

int assets_ageing_bucket(int64_t days_overdue)
{
	if (days_overdue < 0)
		return -1;
	if (days_overdue <= 90)
		return 0;
	if (days_overdue <= 180)
		return 1;
	if (days_overdue <= 365)
		return 2;
	return 3;
}

const char *assets_party_problem(const char *id)
{
	if (!id || !*id)
		return "请填写承包方的身份证号或统一社会信用代码";
	if (strlen(id) != 18)
		return "证件号应为18位身份证号或统一社会信用代码";
	bool digits = true;
	for (int i = 0; i < 17; i++)
		digits = digits && id[i] >= '0' && id[i] <= '9';
	/* A 身份证号 is 17 digits and a check character; a credit code starts with
	 * its registering authority (1–9, A, N, Y) and its ninth to seventeenth
	 * characters are the organisation code, which may hold letters. */
	if (digits && idno_valid(id))
		return NULL;
	if (credit_code_valid(id))
		return NULL;
	return digits ? idno_problem(id) : credit_code_problem(id);
}

bool assets_party_is_firm(const char *name, const char *id)
{
	if (id && *id)
		return credit_code_valid(id) && !idno_valid(id);
	/* multi-character endings only: a person's name must never pass for a
	 * firm's and be shown unmasked */
	static const char *const ends[] = {"公司", "合作社", "农场",   "厂",   "经营部", "中心",
					   "集团", "工作室", "委员会", "协会", "商行"};
	size_t n = name ? strlen(name) : 0;
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t k = strlen(ends[i]);
		if (n > k && strcmp(name + n - k, ends[i]) == 0)
			return true;
	}
	return false;
}

/* start + years calendar years; a 29 February start lands on 28 February. */
static bool add_years(const char *start, int years, char out[DATEFMT_DATE_BUF])
{
	int y = atoi(start) + years, m = atoi(start + 5), d = atoi(start + 8);
	if (d > datefmt_month_days(y, m))
		d = datefmt_month_days(y, m);
	if (!datefmt_ymd_valid(y, m, d))
		return false;
	snprintf(out, DATEFMT_DATE_BUF, "%04d-%02d-%02d", y, m, d);
	return true;
}

bool assets_term_exceeds(const char *start, const char *end, int years)
{
	char limit[DATEFMT_DATE_BUF];
	if (!add_years(start, years, limit))
		return false;
	return strcmp(end, limit) >= 0;
}

static int64_t term_days(const char *start, const char *end)
{
	int64_t s = datefmt_days(start), e = datefmt_days(end);
	if (s == DATEFMT_INVALID || e == DATEFMT_INVALID || e < s)
		return 0;
	return e - s + 1;
}

bool assets_value_reaches(int64_t annual_rent_fen, const char *start, const char *end,
			  int64_t threshold_fen)
{
	/* rent × days / 365 ≥ threshold, without a division: rents up to 10^11
	 * yuan over 100 years stay far inside int64. */
	return annual_rent_fen * term_days(start, end) >= threshold_fen * 365;
}

int64_t assets_lease_value_fen(int64_t annual_rent_fen, const char *start, const char *end)
{
	return annual_rent_fen * term_days(start, end) / 365;
}

enum err assets_area_parse(const char *s, int64_t *x100, struct errinfo *ei)
{
	const char *p = s ? s : "", *end = p + strlen(p);
	int64_t n = 0;
	int dec = -1;
	if (end - p > 3 && strcmp(end - 3, "亩") == 0)
		end -= 3;
	if (p == end)
		return err_set(ei, E_INPUT, "input.area", "area_mu",
			       "面积应为不超过两位小数的非负数（单位：亩）");
	for (; p < end; p++) {
		if (*p == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || (dec >= 0 && ++dec > 2) || n > 100000000000LL)
			return err_set(ei, E_INPUT, "input.area", "area_mu",
				       "面积应为不超过两位小数的非负数（单位：亩），收到：%s", s);
		n = n * 10 + (*p - '0');
	}
	if (dec == 0)
		return err_set(ei, E_INPUT, "input.area", "area_mu",
			       "面积应为不超过两位小数的非负数（单位：亩），收到：%s", s);
	for (int i = dec < 0 ? 0 : dec; i < 2; i++)
		n *= 10;
	*x100 = n;
	return E_OK;
}

void assets_area_format(int64_t x100, char out[32])
{
	snprintf(out, 32, "%lld.%02lld", (long long)(x100 / 100), (long long)(x100 % 100));
}

/* ---- subjects and contracts --------------------------------------------------- */

enum err assets_subject_find(struct db_conn *c, struct arena *a, int64_t village_id, const char *no,
			     struct assets_subject *out)
{
	struct db_res *res;
	enum err e = db_one(c, &assets_stmts, ASSETS_ST_ASSET_FIND,
			    DB_PARAMS(DB_INT(village_id), DB_TEXT(no)), &res);
	if (e == E_OK) {
		*out = (struct assets_subject){db_int(res, 0),
					       false,
					       db_text_dup(a, res, 2),
					       db_text_dup(a, res, 3),
					       db_text_dup(a, res, 4),
					       db_text_dup(a, res, 10),
					       -1};
		return db_done(res);
	}
	if (e != E_NOTFOUND)
		return e;
	if ((e = db_one(c, &assets_stmts, ASSETS_ST_RES_FIND,
			DB_PARAMS(DB_INT(village_id), DB_TEXT(no)), &res)) != E_OK)
		return e;
	*out = (struct assets_subject){
	    db_int(res, 0),	    true, db_text_dup(a, res, 2), db_text_dup(a, res, 3),
	    db_text_dup(a, res, 4), NULL, db_int(res, 5)};
	return db_done(res);
}

static const char *yuan(struct arena *a, int64_t fen)
{
	char b[MONEY_BUF];
	money_format_grouped(fen, b);
	return arena_strdup(a, b);
}

/* The listing a lease cites must be complete and match the contract. */
static enum err check_trade(struct db_conn *c, struct arena *a, const struct assets_contract *k,
			    const struct trade_thresholds *t, bool required, struct errinfo *ei)
{
	int64_t value = assets_lease_value_fen(k->annual_rent_fen, k->start_date, k->end_date);
	if (!k->trade_no || !*k->trade_no) {
		if (!required)
			return E_OK;
		return err_set(
		    ei, E_RULE, "assets.trade_required", "trade_no",
		    "合同价值 %s 元（年租金 × 年限）达到%s进场交易标准 %s 元，须经产权交易"
		    "挂牌成交后才能登记（应进必进），请填写交易编号",
		    yuan(a, value), t->township, yuan(a, t->trade_threshold_fen));
	}
	struct trade_award w;
	enum err e = trade_award_find(c, a, k->village_id, k->trade_no, &w);
	if (e == E_NOTFOUND)
		return err_set(ei, E_RULE, "assets.trade_unknown", "trade_no",
			       "交易编号 %s 在本村（居）的产权交易中不存在", k->trade_no);
	if (e != E_OK)
		return e;
	if (strcmp(w.status, "成交") != 0)
		return err_set(ei, E_RULE, "assets.trade_incomplete", "trade_no",
			       "交易 %s 尚未成交（当前状态：%s），不能据此登记合同", k->trade_no,
			       w.status);
	if (strcmp(w.subject_no, k->subject_no) != 0)
		return err_set(ei, E_RULE, "assets.trade_subject", "subject_no",
			       "交易 %s 挂牌的标的是 %s，与合同标的 %s 不一致", k->trade_no,
			       w.subject_no, k->subject_no);
	if (w.winner_id && strcmp(w.winner_id, k->counterparty_id) != 0)
		return err_set(ei, E_RULE, "assets.trade_winner", "counterparty_id",
			       "交易 %s 的受让方是 %s，合同承包方应为受让方", k->trade_no,
			       w.winner ? w.winner : w.winner_id);
	if (w.final_price_fen >= 0 && k->annual_rent_fen < w.final_price_fen)
		return err_set(ei, E_RULE, "assets.trade_price", "annual_rent",
			       "年租金 %s 元低于交易 %s 的成交价 %s 元",
			       yuan(a, k->annual_rent_fen), k->trade_no,
			       yuan(a, w.final_price_fen));
	if (w.term_years > 0 &&
	    assets_term_exceeds(k->start_date, k->end_date, (int)w.term_years)) {
		char limit[DATEFMT_DATE_BUF], last[DATEFMT_DATE_BUF];
		add_years(k->start_date, (int)w.term_years, limit);
		datefmt_add_days(limit, -1, last);
		return err_set(ei, E_RULE, "assets.trade_term", "end_date",
			       "交易 %s 挂牌租期 %lld 年，合同终止日期最晚为 %s", k->trade_no,
			       (long long)w.term_years, last);
	}
	const char *from = w.award_date ? w.award_date : w.closing_date;
	if (from && strcmp(k->sign_date, from) < 0)
		return err_set(ei, E_RULE, "assets.trade_sign_date", "sign_date",
			       "签订日期 %s 早于交易 %s 的成交日期 %s", k->sign_date, k->trade_no,
			       from);
	struct db_res *res;
	e = db_one(c, &assets_stmts, ASSETS_ST_CON_BY_TRADE,
		   DB_PARAMS(DB_INT(k->village_id), DB_TEXT(k->trade_no)), &res);
	if (e == E_OK) {
		const char *no = db_text_dup(a, res, 0);
		db_done(res);
		return err_set(ei, E_CONFLICT, "assets.trade_used", "trade_no",
			       "交易 %s 已据以签订合同 %s", k->trade_no, no);
	}
	return e == E_NOTFOUND ? E_OK : e;
}

static enum err check_contract(struct db_conn *c, struct arena *a, const struct assets_contract *k,
			       const char *today, struct errinfo *ei)
{
	const char *why = assets_party_problem(k->counterparty_id);
	if (why)
		return err_set(ei, E_INPUT, "assets.party_id", "counterparty_id",
			       "承包方证件号：%s", why);
	if (strcmp(k->sign_date, today) > 0)
		return err_set(ei, E_INPUT, "assets.sign_future", "sign_date",
			       "签订日期 %s 晚于今天 %s", k->sign_date, today);
	if (strcmp(k->end_date, k->start_date) < 0)
		return err_set(ei, E_INPUT, "assets.contract_dates", "end_date",
			       "终止日期 %s 早于起始日期 %s", k->end_date, k->start_date);
	if (k->annual_rent_fen < 0)
		return err_set(ei, E_INPUT, "assets.rent_negative", "annual_rent",
			       "年租金不能为负数");
	struct assets_subject s;
	enum err e = assets_subject_find(c, a, k->village_id, k->subject_no, &s);
	if (e == E_NOTFOUND)
		return err_set(ei, E_INPUT, "assets.subject_unknown", "subject_no",
			       "标的编号 %s 不在本村（居）的资产或资源台账中，请先登记资产或资源",
			       k->subject_no);
	if (e != E_OK)
		return e;
	if (s.status && strcmp(s.status, "处置") == 0)
		return err_set(ei, E_RULE, "assets.subject_disposed", "subject_no",
			       "资产 %s（%s）已处置，不能再发包或出租", s.no, s.name);
	if (s.resource && k->area_mu_x100 > s.area_mu_x100) {
		char want[32], have[32];
		assets_area_format(k->area_mu_x100, want);
		assets_area_format(s.area_mu_x100, have);
		return err_set(ei, E_RULE, "assets.area_exceeds", "area_mu",
			       "合同面积 %s 亩超过资源 %s（%s）的面积 %s 亩", want, s.no, s.name,
			       have);
	}
	int limit = s.resource ? ASSETS_MAX_RESOURCE_YEARS : ASSETS_MAX_ASSET_YEARS;
	if (assets_term_exceeds(k->start_date, k->end_date, limit))
		return err_set(
		    ei, E_RULE, "assets.term_limit", "end_date",
		    s.resource ? "租期超过 %d 年：集体资源发包期限不得超过 %d 年"
			       : "租期超过 %d 年：租赁期限不得超过二十年（民法典 第七百零五条）",
		    limit, limit);
	struct db_res *res;
	e = db_one(c, &assets_stmts, ASSETS_ST_CON_OVERLAP,
		   DB_PARAMS(DB_INT(k->village_id), DB_TEXT(k->subject_no), DB_TEXT(k->start_date),
			     DB_TEXT(k->end_date), DB_INT(0)),
		   &res);
	if (e == E_OK) {
		err_set(ei, E_RULE, "assets.contract_overlap", "start_date",
			"标的 %s 已有合同 %s（%s，%s 至 %s），期限与本合同重叠", k->subject_no,
			db_text(res, 0), db_text(res, 1), db_text(res, 2), db_text(res, 3));
		db_done(res);
		return E_RULE;
	}
	if (e != E_NOTFOUND)
		return e;
	struct trade_thresholds t;
	if ((e = trade_thresholds_of_village(c, k->village_id, &t)) != E_OK)
		return e;
	bool listed = assets_value_reaches(k->annual_rent_fen, k->start_date, k->end_date,
					   t.trade_threshold_fen);
	if ((e = check_trade(c, a, k, &t, listed, ei)) != E_OK)
		return e;
	struct power_params pp;
	if ((e = power_params_of_village(c, k->village_id, &pp)) != E_OK)
		return e;
	if (assets_value_reaches(k->annual_rent_fen, k->start_date, k->end_date,
				 pp.decision_threshold_fen)) {
		int64_t value =
		    assets_lease_value_fen(k->annual_rent_fen, k->start_date, k->end_date);
		if (!k->matter_no || !*k->matter_no)
			return err_set(
			    ei, E_RULE, "assets.decision_missing", "matter_no",
			    "合同价值 %s 元达到%s集体决策标准 %s 元，须填写经村民（代表）"
			    "会议决议的决策事项编号",
			    yuan(a, value), pp.township, yuan(a, pp.decision_threshold_fen));
		bool ok;
		if ((e = power_matter_resolved(c, k->village_id, k->matter_no, k->sign_date,
					       &ok)) != E_OK)
			return e;
		if (!ok)
			return err_set(ei, E_RULE, "assets.decision_missing", "matter_no",
				       "决策事项 %s 在签订日期 %s 前没有形成决议（五议两公开），"
				       "不能签订合同",
				       k->matter_no, k->sign_date);
	}
	return E_OK;
}

enum err assets_contract_create(struct trail_ctx *tc, struct arena *a,
				const struct assets_contract *k, const char *today, int64_t *id,
				struct errinfo *ei)
{
	enum err e = check_contract(tc->db, a, k, today, ei);
	if (e != E_OK)
		return e;
	struct db_res *res;
	e = db_one(tc->db, &assets_stmts, ASSETS_ST_CON_INSERT,
		   DB_PARAMS(DB_INT(k->village_id), DB_TEXT(k->contract_no), DB_TEXT(k->subject_no),
			     DB_TEXT(k->counterparty), DB_TEXT(k->counterparty_id),
			     DB_TEXT(k->sign_date), DB_TEXT(k->start_date), DB_TEXT(k->end_date),
			     DB_INT(k->annual_rent_fen),
			     k->area_mu_x100 >= 0 ? DB_INT(k->area_mu_x100) : DB_NULL,
			     DB_OPT(k->trade_no), DB_OPT(k->matter_no)),
		   &res);
	if (e == E_NOTFOUND || e == E_CONFLICT)
		return err_set(ei, E_CONFLICT, "assets.contract_exists", "contract_no",
			       "合同编号 %s 已存在", k->contract_no);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	return trail_row(tc, &assets_tables[ASSETS_T_CONTRACTS], *id, "contract.create", ei);
}

/* ---- handler helpers -------------------------------------------------------------- */

static enum err row_of(struct req *r, unsigned st, const struct db_val *p, size_t n, json_t **row)
{
	struct db_res *res;
	enum err e = db_one(r->db, &assets_stmts, st, p, n, &res);
	if (e != E_OK)
		return e;
	*row = json_row(res);
	return db_done(res);
}

static enum err village_of_row(struct req *r, unsigned st, int64_t *vid, const char *what)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &assets_stmts, st, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "assets.not_found", NULL, "%s不存在", what);
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err asset_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, ASSETS_ST_ASSET_GET, vid, "资产");
}

static enum err resource_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, ASSETS_ST_RES_GET, vid, "资源");
}

static enum err contract_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, ASSETS_ST_CON_GET, vid, "合同");
}

static enum err bill_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, ASSETS_ST_BILL_GET, vid, "账单");
}

/* ?as_of=YYYY-MM-DD, default today. */
static enum err as_of_param(struct req *r, char out[DATEFMT_DATE_BUF])
{
	const char *s = req_query(r, "as_of");
	if (!s || !*s) {
		app_today(r->app, out);
		return E_OK;
	}
	if (datefmt_days(s) == DATEFMT_INVALID)
		return req_fail(r, E_INPUT, "input.date", "as_of", "截止日期应为 YYYY-MM-DD：%s",
				s);
	snprintf(out, DATEFMT_DATE_BUF, "%s", s);
	return E_OK;
}

static enum err not_future(struct req *r, const char *field, const char *label, const char *date)
{
	char today[DATEFMT_DATE_BUF];
	app_today(r->app, today);
	if (date && strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "input.future", field, "%s %s 晚于今天 %s", label, date,
				today);
	return E_OK;
}

/* A number must name one thing in a village: an asset or a resource. */
static enum err number_free(struct req *r, const char *field, const char *no)
{
	struct assets_subject s;
	enum err e = assets_subject_find(r->db, &r->arena, r->village_id, no, &s);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	return req_fail(r, E_CONFLICT, "assets.number_taken", field,
			"编号 %s 已用于本村（居）的%s「%s」", no, s.resource ? "资源" : "资产",
			s.name);
}

static enum err log_answer(struct req *r, enum assets_table t, int64_t id, const char *action,
			   int status)
{
	enum err e = trail_row(&r->tc, &assets_tables[t], id, action, &r->err);
	if (e != E_OK)
		return e;
	return req_json(r, status, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- fixed assets ------------------------------------------------------------------ */

static void add_depreciation(json_t *o, const char *as_of)
{
	struct assets_depreciation d;
	const char *disposed = json_string_value(json_object_get(o, "disposed_date"));
	if (!assets_depreciation_at(json_integer_value(json_object_get(o, "original_value_fen")),
				    json_integer_value(json_object_get(o, "salvage_fen")),
				    json_integer_value(json_object_get(o, "useful_life_months")),
				    json_string_value(json_object_get(o, "acquired_date")),
				    disposed, as_of, &d))
		return;
	json_object_set_new(
	    o, "depreciation",
	    json_pack("{s:s,s:I,s:I,s:I,s:I}", "as_of", as_of, "months", (json_int_t)d.months,
		      "monthly_fen", (json_int_t)d.monthly_fen, "accumulated_fen",
		      (json_int_t)d.accumulated_fen, "net_fen", (json_int_t)d.net_fen));
}

static enum err assets_list(struct req *r)
{
	int64_t limit, offset;
	char as_of[DATEFMT_DATE_BUF];
	enum err e = as_of_param(r, as_of);
	if (e != E_OK)
		return e;
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "status")),
			     DB_TEXT(modutil_query(r, "q")),
			     DB_INT(limit),
			     DB_INT(offset)};
	struct db_res *res;
	if ((e = db_one(r->db, &assets_stmts, ASSETS_ST_ASSETS_COUNT, p, 5, &res)) != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items, *v;
	if ((e = modutil_rows(r, &assets_stmts, ASSETS_ST_ASSETS_LIST, p, 7, &items)) != E_OK)
		return e;
	size_t i;
	json_array_foreach(items, i, v) add_depreciation(v, as_of);
	return req_list(r, items, total);
}

static const struct field asset_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"asset_no", "资产编号", FT_STR, FIELD_REQUIRED, 30},
    {"name", "名称", FT_STR, FIELD_REQUIRED, 60},
    {"category", "类别", FT_STR, 0, 30},
    {"acquired_date", "取得日期", FT_DATE, FIELD_REQUIRED},
    {"original_value", "原值", FT_MONEY, FIELD_REQUIRED},
    {"useful_life_months", "使用年限（月）", FT_INT, 0},
    {"salvage", "预计净残值", FT_MONEY, 0},
    {"location", "坐落", FT_STR, 0, 100},
    {"status", "状态", FT_ENUM, 0, 0, asset_status},
    {0},
};

static enum err asset_create(struct req *r)
{
	const char *no = req_in_str(r, "asset_no");
	const char *category = req_in_str(r, "category");
	int64_t value = req_in_fen(r, "original_value");
	int64_t salvage = req_in_has(r, "salvage") ? req_in_fen(r, "salvage") : 0;
	int64_t life = req_in_has(r, "useful_life_months") ? req_in_int(r, "useful_life_months")
							   : assets_default_life_months(category);
	const char *status = req_in_str(r, "status");
	if (!status)
		status = "在用";
	char b[MONEY_BUF];
	enum err e;
	if ((e = not_future(r, "acquired_date", "取得日期", req_in_str(r, "acquired_date"))) !=
	    E_OK)
		return e;
	if (value < ASSETS_MIN_VALUE_FEN) {
		money_format_grouped(value, b);
		return req_fail(r, E_RULE, "assets.not_fixed", "original_value",
				"原值 %s 元低于 500 元，不属于固定资产（单位价值 500 元以上、使用"
				"年限一年以上），请作为库存物资登记",
				b);
	}
	if (life < ASSETS_MIN_LIFE_MONTHS)
		return req_fail(r, E_RULE, "assets.short_life", "useful_life_months",
				"使用年限 %lld 个月不超过一年，不属于固定资产", (long long)life);
	if (salvage < 0 || salvage >= value)
		return req_fail(r, E_INPUT, "assets.salvage", "salvage",
				"预计净残值应不小于零且小于原值");
	if (strcmp(status, "处置") == 0)
		return req_fail(r, E_INPUT, "assets.status_new", "status",
				"新登记的资产不能是“处置”状态");
	if ((e = number_free(r, "asset_no", no)) != E_OK)
		return e;
	struct db_res *res;
	e = db_one(r->db, &assets_stmts, ASSETS_ST_ASSET_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no), DB_TEXT(req_in_str(r, "name")),
			     DB_OPT(category), DB_TEXT(req_in_str(r, "acquired_date")),
			     DB_INT(value), DB_INT(life), DB_INT(salvage),
			     DB_OPT(req_in_str(r, "location")), DB_TEXT(status), DB_NULL),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "assets.number_taken", "asset_no",
				"资产编号 %s 已存在", no);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return log_answer(r, ASSETS_T_ASSETS, id, "asset.create", 201);
}

static enum err asset_get(struct req *r)
{
	char as_of[DATEFMT_DATE_BUF];
	enum err e = as_of_param(r, as_of);
	json_t *a, *contracts;
	if (e != E_OK ||
	    (e = row_of(r, ASSETS_ST_ASSET_GET, DB_PARAMS(DB_INT(modutil_path_id(r))), &a)) != E_OK)
		return e;
	add_depreciation(a, as_of);
	if ((e = modutil_rows(r, &assets_stmts, ASSETS_ST_CON_OF_SUBJECT,
			      DB_PARAMS(DB_INT(r->village_id),
					DB_TEXT(json_string_value(json_object_get(a, "asset_no")))),
			      &contracts)) != E_OK) {
		json_decref(a);
		return e;
	}
	return req_json(r, 200, json_pack("{s:o,s:o}", "asset", a, "contracts", contracts));
}

static const struct field asset_status_in[] = {
    {"status", "状态", FT_ENUM, FIELD_REQUIRED, 0, asset_status},
    {"date", "日期", FT_DATE, 0},
    {0},
};

/* 在用 ↔ 出租 ↔ 闲置 freely; 处置 (with its date) is final. */
static enum err asset_set_status(struct req *r)
{
	int64_t id = modutil_path_id(r);
	const char *status = req_in_str(r, "status"), *date = req_in_str(r, "date");
	struct db_res *res;
	enum err e = db_one(r->db, &assets_stmts, ASSETS_ST_ASSET_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	const char *old = db_text_dup(&r->arena, res, 10);
	const char *acquired = db_text_dup(&r->arena, res, 5);
	db_done(res);
	if (strcmp(old, "处置") == 0)
		return req_fail(r, E_RULE, "assets.disposed", "status",
				"资产已处置，不能再变更状态");
	if (strcmp(old, status) == 0)
		return req_fail(r, E_CONFLICT, "assets.status_same", "status", "资产已是“%s”状态",
				status);
	bool dispose = strcmp(status, "处置") == 0;
	if (dispose && !date)
		return req_fail(r, E_INPUT, "input.required", "date", "处置资产须填写处置日期");
	if (dispose && strcmp(date, acquired) < 0)
		return req_fail(r, E_INPUT, "assets.dispose_date", "date",
				"处置日期 %s 早于取得日期 %s", date, acquired);
	if ((e = not_future(r, "date", "处置日期", date)) != E_OK)
		return e;
	if ((e = db_exec(r->db, &assets_stmts, ASSETS_ST_ASSET_SET_STATUS,
			 DB_PARAMS(DB_INT(id), DB_TEXT(status), dispose ? DB_TEXT(date) : DB_NULL),
			 NULL)) != E_OK)
		return e;
	return log_answer(r, ASSETS_T_ASSETS, id, dispose ? "asset.dispose" : "asset.status", 200);
}

/* ---- resources ------------------------------------------------------------------------ */

static enum err resources_list(struct req *r)
{
	int64_t limit, offset;
	char today[DATEFMT_DATE_BUF];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "kind")),
			     DB_TEXT(modutil_query(r, "q")),
			     DB_TEXT(today),
			     DB_INT(limit),
			     DB_INT(offset)};
	struct db_res *res;
	enum err e = db_one(r->db, &assets_stmts, ASSETS_ST_RES_COUNT, p, 5, &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = modutil_rows(r, &assets_stmts, ASSETS_ST_RES_LIST, p, 8, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field resource_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"resource_no", "资源编号", FT_STR, FIELD_REQUIRED, 30},
    {"name", "名称", FT_STR, FIELD_REQUIRED, 60},
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, resource_kinds},
    {"area_mu", "面积（亩）", FT_STR, FIELD_REQUIRED, 20},
    {"location", "坐落", FT_STR, 0, 100},
    {0},
};

static enum err resource_create(struct req *r)
{
	const char *no = req_in_str(r, "resource_no");
	int64_t area;
	enum err e = assets_area_parse(req_in_str(r, "area_mu"), &area, &r->err);
	if (e != E_OK)
		return e;
	if ((e = number_free(r, "resource_no", no)) != E_OK)
		return e;
	struct db_res *res;
	e = db_one(r->db, &assets_stmts, ASSETS_ST_RES_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no), DB_TEXT(req_in_str(r, "name")),
			     DB_TEXT(req_in_str(r, "kind")), DB_INT(area),
			     DB_OPT(req_in_str(r, "location"))),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "assets.number_taken", "resource_no",
				"资源编号 %s 已存在", no);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return log_answer(r, ASSETS_T_RESOURCES, id, "resource.create", 201);
}

static enum err resource_get(struct req *r)
{
	json_t *o, *contracts;
	enum err e = row_of(r, ASSETS_ST_RES_GET, DB_PARAMS(DB_INT(modutil_path_id(r))), &o);
	if (e != E_OK)
		return e;
	if ((e = modutil_rows(
		 r, &assets_stmts, ASSETS_ST_CON_OF_SUBJECT,
		 DB_PARAMS(DB_INT(r->village_id),
			   DB_TEXT(json_string_value(json_object_get(o, "resource_no")))),
		 &contracts)) != E_OK) {
		json_decref(o);
		return e;
	}
	return req_json(r, 200, json_pack("{s:o,s:o}", "resource", o, "contracts", contracts));
}

/* ---- contracts ------------------------------------------------------------------------- */

static enum err contracts_list(struct req *r)
{
	int64_t limit, offset, total;
	char today[DATEFMT_DATE_BUF];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "q")),
			     DB_TEXT(modutil_query(r, "subject")),
			     DB_TEXT(modutil_query(r, "status")),
			     DB_TEXT(today),
			     DB_INT(limit),
			     DB_INT(offset)};
	struct db_res *res;
	enum err e = db_one(r->db, &assets_stmts, ASSETS_ST_CON_COUNT, p, 7, &res);
	if (e != E_OK)
		return e;
	total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = modutil_rows(r, &assets_stmts, ASSETS_ST_CON_LIST, p, 9, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field contract_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"contract_no", "合同编号", FT_STR, FIELD_REQUIRED, 40},
    {"subject_no", "标的编号", FT_STR, FIELD_REQUIRED, 30},
    {"counterparty", "承包方", FT_STR, FIELD_REQUIRED, 60},
    {"counterparty_id", "承包方证件号", FT_STR, FIELD_REQUIRED, 18},
    {"sign_date", "签订日期", FT_DATE, FIELD_REQUIRED},
    {"start_date", "起始日期", FT_DATE, FIELD_REQUIRED},
    {"end_date", "终止日期", FT_DATE, FIELD_REQUIRED},
    {"annual_rent", "年租金", FT_MONEY, FIELD_REQUIRED},
    {"area_mu", "面积（亩）", FT_STR, 0, 20},
    {"trade_no", "交易编号", FT_STR, 0, 40},
    {"matter_no", "决策事项编号", FT_STR, 0, 40},
    {0},
};

/* 身份证号 with a lower-case x is the same number. */
static const char *party_id_norm(struct req *r, const char *id)
{
	char *s = arena_strdup(&r->arena, id ? id : "");
	for (char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

static enum err contract_create(struct req *r)
{
	struct assets_contract k = {
	    r->village_id,
	    req_in_str(r, "contract_no"),
	    req_in_str(r, "subject_no"),
	    req_in_str(r, "counterparty"),
	    party_id_norm(r, req_in_str(r, "counterparty_id")),
	    req_in_str(r, "sign_date"),
	    req_in_str(r, "start_date"),
	    req_in_str(r, "end_date"),
	    req_in_fen(r, "annual_rent"),
	    -1,
	    req_in_str(r, "trade_no"),
	    req_in_str(r, "matter_no"),
	};
	enum err e;
	const char *area = req_in_str(r, "area_mu");
	if (area && *area && (e = assets_area_parse(area, &k.area_mu_x100, &r->err)) != E_OK)
		return e;
	char today[DATEFMT_DATE_BUF];
	app_today(r->app, today);
	int64_t id;
	if ((e = assets_contract_create(&r->tc, &r->arena, &k, today, &id, &r->err)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:s}", "id", (json_int_t)id, "contract_no", k.contract_no));
}

static enum err contract_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	char today[DATEFMT_DATE_BUF];
	app_today(r->app, today);
	json_t *c, *bills = NULL, *pays = NULL;
	enum err e = row_of(r, ASSETS_ST_CON_DETAIL, DB_PARAMS(DB_INT(id)), &c);
	if (e != E_OK)
		return e;
	if ((e = modutil_rows(r, &assets_stmts, ASSETS_ST_BILLS_OF_CONTRACT, DB_PARAMS(DB_INT(id)),
			      &bills)) != E_OK ||
	    (e = modutil_rows(r, &assets_stmts, ASSETS_ST_PAYS_OF_CONTRACT, DB_PARAMS(DB_INT(id)),
			      &pays)) != E_OK) {
		json_decref(c);
		json_decref(bills);
		return e;
	}
	int64_t due = 0, paid = 0, overdue = 0, day = datefmt_days(today);
	size_t i;
	json_t *b;
	json_array_foreach(bills, i, b)
	{
		int64_t d = json_integer_value(json_object_get(b, "amount_due_fen"));
		int64_t p = json_integer_value(json_object_get(b, "amount_paid_fen"));
		const char *dd = json_string_value(json_object_get(b, "due_date"));
		due += d;
		paid += p;
		/* the bill's place in the arrears ageing today (null when nothing is overdue) */
		int bucket = -1;
		int64_t days = 0;
		if (strcmp(dd, today) <= 0 && p < d) {
			overdue += d - p;
			days = day - datefmt_days(dd);
			bucket = assets_ageing_bucket(days);
		}
		json_object_set_new(b, "days_overdue",
				    bucket >= 0 ? json_integer(days) : json_null());
		json_object_set_new(b, "bucket",
				    bucket >= 0 ? json_string(assets_ageing_labels[bucket])
						: json_null());
	}
	const char *start = json_string_value(json_object_get(c, "start_date"));
	const char *end = json_string_value(json_object_get(c, "end_date"));
	int64_t rent = json_integer_value(json_object_get(c, "annual_rent_fen"));
	json_object_set_new(c, "value_fen", json_integer(assets_lease_value_fen(rent, start, end)));
	/* The public form of the counterparty (domain/masking.md) beside the whole
	 * one, so that a page can show the masked form unless asked: a person by
	 * mask_name and mask_idno, a firm whole. */
	const char *party = json_string_value(json_object_get(c, "counterparty"));
	const char *party_id = json_string_value(json_object_get(c, "counterparty_id"));
	bool person = party_id && idno_valid(party_id);
	json_object_set_new(c, "counterparty_is_person", json_boolean(person));
	json_object_set_new(
	    c, "counterparty_masked",
	    json_string(person && party ? mask_name(&r->arena, party) : (party ? party : "")));
	json_object_set_new(c, "counterparty_id_masked",
			    party_id
				? json_string(person ? mask_idno(&r->arena, party_id) : party_id)
				: json_null());
	return req_json(r, 200,
			json_pack("{s:o,s:o,s:o,s:{s:s,s:I,s:I,s:I}}", "contract", c, "bills",
				  bills, "payments", pays, "totals", "as_of", today, "due_fen",
				  (json_int_t)due, "paid_fen", (json_int_t)paid, "overdue_fen",
				  (json_int_t)overdue));
}

static const struct field terminate_in[] = {
    {"date", "终止日期", FT_DATE, FIELD_REQUIRED},
    {"reason", "终止原因", FT_STR, FIELD_REQUIRED, 200},
    {0},
};

/* End a contract early: the new end date lies within its term; the original
 * stays beside it.  Bills due after the new end are left for the village to
 * settle (they are facts of the old terms). */
static enum err contract_terminate(struct req *r)
{
	int64_t id = modutil_path_id(r);
	const char *date = req_in_str(r, "date");
	struct db_res *res;
	enum err e = db_one(r->db, &assets_stmts, ASSETS_ST_CON_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	const char *start = db_text_dup(&r->arena, res, 7), *end = db_text_dup(&r->arena, res, 8);
	bool ended = !db_isnull(res, 13);
	db_done(res);
	if (ended)
		return req_fail(r, E_CONFLICT, "assets.terminated", NULL, "合同已提前终止");
	if (strcmp(date, start) < 0 || strcmp(date, end) >= 0)
		return req_fail(r, E_INPUT, "assets.terminate_date", "date",
				"提前终止日期应在起始日期 %s 之后、原终止日期 %s 之前", start, end);
	if ((e = not_future(r, "date", "终止日期", date)) != E_OK)
		return e;
	if ((e = db_exec(r->db, &assets_stmts, ASSETS_ST_CON_TERMINATE,
			 DB_PARAMS(DB_INT(id), DB_TEXT(date), DB_TEXT(req_in_str(r, "reason"))),
			 NULL)) != E_OK)
		return e;
	return log_answer(r, ASSETS_T_CONTRACTS, id, "contract.terminate", 200);
}

/* ---- bills and receipts ----------------------------------------------------------------- */

struct contract_head {
	int64_t id;		 /* contracts.id */
	const char *contract_no; /* 合同编号 */
	const char *start;	 /* start_date */
	const char *end;	 /* end_date */
	int64_t rent;		 /* annual_rent_fen */
};

static enum err contract_head(struct req *r, struct contract_head *h)
{
	struct db_res *res;
	h->id = modutil_path_id(r);
	enum err e =
	    db_one(r->db, &assets_stmts, ASSETS_ST_CON_GET, DB_PARAMS(DB_INT(h->id)), &res);
	if (e != E_OK)
		return e;
	h->contract_no = db_text_dup(&r->arena, res, 2);
	h->start = db_text_dup(&r->arena, res, 7);
	h->end = db_text_dup(&r->arena, res, 8);
	h->rent = db_int(res, 9);
	return db_done(res);
}

/* Insert a bill; *id 0 when one with that due date exists. */
static enum err bill_insert(struct req *r, int64_t contract_id, const char *due, int64_t amount,
			    int64_t *id)
{
	struct db_res *res;
	*id = 0;
	enum err e = db_one(r->db, &assets_stmts, ASSETS_ST_BILL_INSERT,
			    DB_PARAMS(DB_INT(r->village_id), DB_INT(contract_id), DB_TEXT(due),
				      DB_INT(amount), DB_NULL, DB_INT(0)),
			    &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	return trail_row(&r->tc, &assets_tables[ASSETS_T_BILLS], *id, "bill.create", &r->err);
}

static const struct field bill_in[] = {
    {"due_date", "应收日期", FT_DATE, FIELD_REQUIRED},
    {"amount_due", "应收金额", FT_MONEY, FIELD_REQUIRED},
    {0},
};

static enum err bill_create(struct req *r)
{
	struct contract_head h;
	enum err e = contract_head(r, &h);
	if (e != E_OK)
		return e;
	const char *due = req_in_str(r, "due_date");
	int64_t amount = req_in_fen(r, "amount_due");
	if (amount <= 0)
		return req_fail(r, E_INPUT, "assets.bill_amount", "amount_due", "应收金额应大于零");
	if (strcmp(due, h.end) > 0)
		return req_fail(r, E_INPUT, "assets.bill_after_end", "due_date",
				"应收日期 %s 晚于合同终止日期 %s", due, h.end);
	int64_t id;
	if ((e = bill_insert(r, h.id, due, amount, &id)) != E_OK)
		return e;
	if (!id)
		return req_fail(r, E_CONFLICT, "assets.bill_exists", "due_date",
				"合同 %s 已有 %s 应收的账单", h.contract_no, due);
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* One bill per contract year, due on its first day, the rent in advance; a
 * last part-year is charged by its days (a year being 365 days). */
static enum err bill_schedule(struct req *r)
{
	struct contract_head h;
	enum err e = contract_head(r, &h);
	if (e != E_OK)
		return e;
	json_t *made = json_array();
	for (int k = 0; k < 200; k++) {
		char from[DATEFMT_DATE_BUF], next[DATEFMT_DATE_BUF], last[DATEFMT_DATE_BUF];
		if (!add_years(h.start, k, from) || strcmp(from, h.end) > 0)
			break;
		add_years(h.start, k + 1, next);
		datefmt_add_days(next, -1, last);
		int64_t amount = h.rent;
		if (strcmp(last, h.end) > 0)
			amount = (h.rent * term_days(from, h.end) + 182) / 365;
		int64_t id;
		if (amount > 0 && (e = bill_insert(r, h.id, from, amount, &id)) != E_OK) {
			json_decref(made);
			return e;
		}
		if (amount > 0 && id)
			json_array_append_new(made, json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id,
							      "due_date", from, "amount_due_fen",
							      (json_int_t)amount));
	}
	if (!json_array_size(made)) {
		json_decref(made);
		return req_fail(r, E_CONFLICT, "assets.bills_complete", NULL,
				"合同 %s 的各年度账单均已生成", h.contract_no);
	}
	return req_json(r, 201, json_pack("{s:o}", "bills", made));
}

static const struct field payment_in[] = {
    {"date", "收款日期", FT_DATE, FIELD_REQUIRED},
    {"amount", "收款金额", FT_MONEY, FIELD_REQUIRED},
    {"voucher_no", "凭证号", FT_STR, 0, 20},
    {"note", "备注", FT_STR, 0, 200},
    {0},
};

/* A receipt against a bill: never more than is still owed on it.  The bill
 * keeps the sum and the latest date, so that contract_bills.csv says what the
 * receipts say. */
static enum err payment_create(struct req *r)
{
	int64_t bill = modutil_path_id(r);
	const char *date = req_in_str(r, "date");
	int64_t amount = req_in_fen(r, "amount");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &assets_stmts, ASSETS_ST_BILL_GET, DB_PARAMS(DB_INT(bill)), &res);
	if (e != E_OK)
		return e;
	int64_t due = db_int(res, 4), paid = db_int(res, 6);
	const char *paid_date = db_text_dup(&r->arena, res, 5);
	db_done(res);
	if ((e = db_one(r->db, &assets_stmts, ASSETS_ST_BILL_PAYMENT_COUNT, DB_PARAMS(DB_INT(bill)),
			&res)) != E_OK)
		return e;
	int64_t npay = db_int(res, 0);
	const char *latest = db_text_dup(&r->arena, res, 2);
	db_done(res);
	if (amount <= 0)
		return req_fail(r, E_INPUT, "assets.pay_amount", "amount", "收款金额应大于零");
	if ((e = not_future(r, "date", "收款日期", date)) != E_OK)
		return e;
	/* An imported bill may already record what was paid on it: that is the
	 * opening of its receipts. */
	if (!npay && paid > 0) {
		struct db_res *pr;
		if ((e = db_one(r->db, &assets_stmts, ASSETS_ST_PAY_INSERT,
				DB_PARAMS(DB_INT(r->village_id), DB_INT(bill),
					  DB_TEXT(paid_date ? paid_date : date), DB_INT(paid),
					  DB_NULL, DB_TEXT("导入时已收"), DB_TEXT("import")),
				&pr)) != E_OK)
			return e;
		int64_t pid = db_int(pr, 0);
		db_done(pr);
		if ((e = trail_row(&r->tc, &assets_tables[ASSETS_T_PAYMENTS], pid, "bill.payment",
				   &r->err)) != E_OK)
			return e;
		latest = paid_date;
	}
	char b1[MONEY_BUF], b2[MONEY_BUF];
	if (paid + amount > due) {
		money_format_grouped(amount, b1);
		money_format_grouped(due - paid, b2);
		return req_fail(r, E_RULE, "assets.overpaid", "amount",
				"收款 %s 元超过该账单尚欠的 %s 元", b1, b2);
	}
	if ((e = db_one(r->db, &assets_stmts, ASSETS_ST_PAY_INSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_INT(bill), DB_TEXT(date),
				  DB_INT(amount), DB_OPT(req_in_str(r, "voucher_no")),
				  DB_OPT(req_in_str(r, "note")), DB_TEXT(r->user->username)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &assets_tables[ASSETS_T_PAYMENTS], id, "bill.payment",
			   &r->err)) != E_OK)
		return e;
	const char *newest = latest && strcmp(latest, date) > 0 ? latest : date;
	if ((e = db_exec(r->db, &assets_stmts, ASSETS_ST_BILL_SET_PAID,
			 DB_PARAMS(DB_INT(bill), DB_INT(paid + amount), DB_TEXT(newest)), NULL)) !=
	    E_OK)
		return e;
	if ((e = trail_row(&r->tc, &assets_tables[ASSETS_T_BILLS], bill, "bill.payment",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:I,s:I}", "id", (json_int_t)id, "amount_paid_fen",
				  (json_int_t)(paid + amount), "outstanding_fen",
				  (json_int_t)(due - paid - amount)));
}

/* ---- arrears ageing and debts ------------------------------------------------------------ */

static enum err arrears(struct req *r)
{
	char as_of[DATEFMT_DATE_BUF];
	enum err e = as_of_param(r, as_of);
	if (e != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_exec(r->db, &assets_stmts, ASSETS_ST_ARREARS,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(as_of)), &res)) != E_OK)
		return e;
	int64_t sums[4] = {0}, counts[4] = {0}, total = 0;
	json_t *items = json_array();
	int64_t day = datefmt_days(as_of);
	while (db_row(res)) {
		int64_t due = db_int(res, 7), paid = db_int(res, 8);
		if (paid >= due)
			continue;
		int64_t days = day - datefmt_days(db_text(res, 6));
		int bucket = assets_ageing_bucket(days);
		if (bucket < 0)
			continue;
		sums[bucket] += due - paid;
		counts[bucket]++;
		total += due - paid;
		json_array_append_new(
		    items,
		    json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:s}", "bill_id",
			      (json_int_t)db_int(res, 0), "contract_id", (json_int_t)db_int(res, 1),
			      "contract_no", db_text(res, 2), "subject_no", db_text(res, 3),
			      "counterparty", db_text(res, 4), "due_date", db_text(res, 6),
			      "amount_due_fen", (json_int_t)due, "paid_fen", (json_int_t)paid,
			      "outstanding_fen", (json_int_t)(due - paid), "days_overdue",
			      (json_int_t)days, "bucket", assets_ageing_labels[bucket]));
	}
	if ((e = db_done(res)) != E_OK) {
		json_decref(items);
		return e;
	}
	json_t *buckets = json_array();
	for (int i = 0; i < 4; i++)
		json_array_append_new(buckets,
				      json_pack("{s:s,s:I,s:I}", "bucket", assets_ageing_labels[i],
						"count", (json_int_t)counts[i], "outstanding_fen",
						(json_int_t)sums[i]));
	return req_json(r, 200,
			json_pack("{s:s,s:o,s:I,s:o}", "as_of", as_of, "buckets", buckets,
				  "total_outstanding_fen", (json_int_t)total, "items", items));
}

static enum err debts(struct req *r)
{
	char as_of[DATEFMT_DATE_BUF];
	enum err e = as_of_param(r, as_of);
	if (e != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_exec(r->db, &assets_stmts, ASSETS_ST_DEBTS,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(as_of)), &res)) != E_OK)
		return e;
	json_t *items = json_array();
	int64_t claims = 0, owed = 0;
	while (db_row(res)) {
		bool claim = strcmp(db_text(res, 0), "债权") == 0;
		int64_t amount = claim ? db_int(res, 5) : -db_int(res, 5);
		*(claim ? &claims : &owed) += amount;
		json_t *o = json_row(res);
		json_object_del(o, "net_debit_fen");
		json_object_set_new(o, "balance_fen", json_integer(amount));
		json_array_append_new(items, o);
	}
	if ((e = db_done(res)) != E_OK) {
		json_decref(items);
		return e;
	}
	return req_json(r, 200,
			json_pack("{s:s,s:I,s:I,s:o}", "as_of", as_of, "receivable_fen",
				  (json_int_t)claims, "payable_fen", (json_int_t)owed, "items",
				  items));
}

static const struct route routes[] = {
    {"GET", "/api/v1/assets", assets_list, &perm_assets_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "固定资产台账（village, status, q；as_of 折旧截止日）"},
    {"POST", "/api/v1/assets", asset_create, &perm_assets_write, SCOPE_VILLAGE, NULL, asset_in,
     ROUTE_WRITE, "asset.create", "登记固定资产（单位价值 500 元以上、使用年限一年以上）"},
    {"GET", "/api/v1/assets/{id}", asset_get, &perm_assets_read, SCOPE_VILLAGE, asset_village, NULL,
     0, NULL, "固定资产详情、按月直线法折旧与合同"},
    {"PUT", "/api/v1/assets/{id}/status", asset_set_status, &perm_assets_write, SCOPE_VILLAGE,
     asset_village, asset_status_in, ROUTE_WRITE, "asset.status",
     "变更资产状态（在用、出租、闲置、处置）"},
    {"GET", "/api/v1/resources", resources_list, &perm_assets_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "资源台账（village, kind, q）"},
    {"POST", "/api/v1/resources", resource_create, &perm_assets_write, SCOPE_VILLAGE, NULL,
     resource_in, ROUTE_WRITE, "resource.create", "登记资源（面积以亩计）"},
    {"GET", "/api/v1/resources/{id}", resource_get, &perm_assets_read, SCOPE_VILLAGE,
     resource_village, NULL, 0, NULL, "资源详情与合同"},
    {"GET", "/api/v1/contracts", contracts_list, &perm_assets_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "合同台账（village, q, subject, status=active|expired|future）"},
    {"POST", "/api/v1/contracts", contract_create, &perm_assets_write, SCOPE_VILLAGE, NULL,
     contract_in, ROUTE_WRITE, "contract.create",
     "登记发包、租赁合同（期限、重叠、应进必进、集体决策均校验）"},
    {"GET", "/api/v1/contracts/{id}", contract_get, &perm_assets_read, SCOPE_VILLAGE,
     contract_village, NULL, 0, NULL, "合同详情、账单与收款记录"},
    {"PUT", "/api/v1/contracts/{id}/terminate", contract_terminate, &perm_assets_write,
     SCOPE_VILLAGE, contract_village, terminate_in, ROUTE_WRITE, "contract.terminate",
     "合同提前终止（保留原终止日期）"},
    {"POST", "/api/v1/contracts/{id}/bills", bill_create, &perm_assets_write, SCOPE_VILLAGE,
     contract_village, bill_in, ROUTE_WRITE, "bill.create", "登记应收账单"},
    {"POST", "/api/v1/contracts/{id}/bills/schedule", bill_schedule, &perm_assets_write,
     SCOPE_VILLAGE, contract_village, NULL, ROUTE_WRITE, "bill.create",
     "按合同年度生成应收账单（年初预收，末年按天折算）"},
    {"POST", "/api/v1/bills/{id}/payments", payment_create, &perm_assets_collect, SCOPE_VILLAGE,
     bill_village, payment_in, ROUTE_WRITE, "bill.payment", "登记收款（不得超过尚欠金额）"},
    {"GET", "/api/v1/villages/{village}/arrears", arrears, &perm_assets_read, SCOPE_VILLAGE, NULL,
     NULL, 0, NULL, "欠款账龄（as_of 截止日：0-90、91-180、181-365、365天以上）"},
    {"GET", "/api/v1/villages/{village}/debts", debts, &perm_assets_read, SCOPE_VILLAGE, NULL, NULL,
     0, NULL, "债权债务（据已记账凭证：应收款、内部往来、借款、应付款）"},
};

const struct module assets_module = {
    .name = "assets",
    .title = "资产资源与合同",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &assets_stmts,
    .tables = assets_tables,
    .ntables = ASSETS_T__MAX,
    .imports = assets_imports,
    .nimports = 5,
};
