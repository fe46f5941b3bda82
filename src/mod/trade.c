/*
 * The trade module's rules and HTTP face: township thresholds; listings with
 * bids, award (highest valid bid, never below the reserve) or failure, and the
 * contract made from an award through the assets module; small projects step
 * by step, alone or bid in a bundle (打包竞价), with their payments from the
 * books.  A step is refused unless every step before it is done and dated no
 * later (no 先实施后补手续).  SQL is in trade_db.c.
 */
#include "trade.h"

#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "core/datefmt.h"
#include "core/json_out.h"
#include "core/money.h"
#include "perms.h"
#include "power.h"
#include "modutil.h"

static const char *const project_kinds[] = {"工程", "货物", "服务", NULL};
static const char *const procurements[] = {"打包竞价", "公开招标", "竞争性比选", "直接委托", NULL};
static const char *const review_results[] = {"通过", "不通过", NULL};

/* ---- the procedure -------------------------------------------------------------- */

const char *const trade_step_names[TRADE_STEP__MAX] = {
    "登记", "镇预审", "审批", "公告", "竞价", "合同", "开工", "验收",
};

static const char *const done_labels[TRADE_STEP__MAX] = {
    "已登记", "已预审", "已审批", "已公告", "已开标", "已签合同", "已开工", "已验收",
};

enum trade_step trade_next_step(const struct trade_progress *p)
{
	for (int s = 0; s < TRADE_STEP__MAX; s++) {
		if (s == TRADE_STEP_BID && p->direct)
			continue;
		if (!p->date[s])
			return (enum trade_step)s;
	}
	return TRADE_STEP__MAX;
}

const char *trade_status_label(const struct trade_progress *p)
{
	if (p->date[TRADE_STEP_REVIEW] && !p->review_passed)
		return "预审未通过";
	const char *label = done_labels[TRADE_STEP_REGISTER];
	for (int s = 0; s < TRADE_STEP__MAX; s++)
		if (p->date[s])
			label = done_labels[s];
	return label;
}

enum err trade_step_check(const struct trade_progress *p, enum trade_step step, const char *date,
			  const char *today, struct errinfo *ei)
{
	const char *name = trade_step_names[step];
	if (step == TRADE_STEP_BID && p->direct)
		return err_set(ei, E_RULE, "trade.no_bidding", "procurement",
			       "直接委托的项目没有竞价环节");
	if (p->date[step])
		return err_set(ei, E_CONFLICT, "trade.step_done", "date", "「%s」已于 %s 登记",
			       name, p->date[step]);
	if (step > TRADE_STEP_REVIEW && p->date[TRADE_STEP_REVIEW] && !p->review_passed)
		return err_set(ei, E_RULE, "trade.review_failed", "date",
			       "项目未通过镇预审，不能登记「%s」", name);
	const char *prev = NULL, *prev_name = NULL;
	for (int s = 0; s < (int)step; s++) {
		if (s == TRADE_STEP_BID && p->direct)
			continue;
		if (!p->date[s])
			return err_set(
			    ei, E_RULE, "trade.step_order", "date",
			    "「%s」尚未完成，不能登记「%s」：小型项目须依次完成登记、"
			    "镇预审、审批、公告、竞价、合同、开工、验收，不得先实施后补手续",
			    trade_step_names[s], name);
		if (!prev || strcmp(p->date[s], prev) >= 0) {
			prev = p->date[s];
			prev_name = trade_step_names[s];
		}
	}
	if (strcmp(date, today) > 0)
		return err_set(ei, E_INPUT, "trade.step_date", "date", "「%s」日期 %s 晚于今天 %s",
			       name, date, today);
	if (prev && strcmp(date, prev) < 0)
		return err_set(ei, E_INPUT, "trade.step_date", "date",
			       "「%s」日期 %s 早于「%s」日期 %s", name, date, prev_name, prev);
	return E_OK;
}

/* ---- helpers ------------------------------------------------------------------------ */

static const char *yuan(struct req *r, int64_t fen)
{
	char b[MONEY_BUF];
	money_format_grouped(fen, b);
	return arena_strdup(&r->arena, b);
}

static enum err village_of_row(struct req *r, unsigned st, int64_t *vid, const char *what)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = id ? db_one(r->db, &trade_stmts, st, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "trade.not_found", NULL, "%s不存在", what);
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err trade_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, TRADE_ST_TRADE_GET, vid, "产权交易");
}

static enum err project_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, TRADE_ST_PROJ_GET, vid, "项目");
}

static enum err bundle_village(struct req *r, int64_t *vid)
{
	return village_of_row(r, TRADE_ST_BUNDLE_GET, vid, "打包竞价");
}

static enum err logged(struct req *r, enum trade_table t, int64_t id, const char *action)
{
	return trail_row(&r->tc, &trade_tables[t], id, action, &r->err);
}

static enum err answer_id(struct req *r, int status, int64_t id)
{
	return req_json(r, status, json_pack("{s:I}", "id", (json_int_t)id));
}

static const char *today_of(struct req *r)
{
	char *t = arena_alloc(&r->arena, DATEFMT_DATE_BUF);
	app_today(r->app, t);
	return t;
}

static const char *id_norm(struct req *r, const char *id)
{
	char *s = arena_strdup(&r->arena, id ? id : "");
	for (char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

static enum err party_check(struct req *r, const char *field, const char *id)
{
	const char *why = assets_party_problem(id);
	if (why)
		return req_fail(r, E_INPUT, "trade.party_id", field, "证件号：%s", why);
	return E_OK;
}

/* ---- settings ---------------------------------------------------------------------------- */

static enum err settings_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(
	    r, &trade_stmts, TRADE_ST_SET_LIST,
	    DB_PARAMS(DB_INT(TRADE_DEFAULT_THRESHOLD_FEN), DB_INT(TRADE_DEFAULT_BIDDING_FEN)),
	    &items);
	if (e != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:o,s:{s:I,s:I}}", "items", items, "defaults",
				  "trade_threshold_fen", (json_int_t)TRADE_DEFAULT_THRESHOLD_FEN,
				  "bidding_threshold_fen", (json_int_t)TRADE_DEFAULT_BIDDING_FEN));
}

static const struct field settings_in[] = {
    {"trade_threshold", "进场交易标准", FT_MONEY, FIELD_REQUIRED},
    {"bidding_threshold", "项目竞价标准", FT_MONEY, FIELD_REQUIRED},
    {0},
};

static enum err settings_put(struct req *r)
{
	const char *town = req_param(r, "township");
	int64_t t = req_in_fen(r, "trade_threshold"), b = req_in_fen(r, "bidding_threshold");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &trade_stmts, TRADE_ST_TOWNSHIP_EXISTS, DB_PARAMS(DB_TEXT(town)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "trade.township_unknown", NULL,
				"没有属于「%s」的村（居）", town);
	if (e != E_OK)
		return e;
	db_done(res);
	if (t <= 0 || b <= 0)
		return req_fail(r, E_INPUT, "trade.threshold",
				t <= 0 ? "trade_threshold" : "bidding_threshold",
				"标准金额应大于零");
	if ((e = db_one(r->db, &trade_stmts, TRADE_ST_SET_UPSERT,
			DB_PARAMS(DB_TEXT(town), DB_INT(t), DB_INT(b)), &res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = logged(r, TRADE_T_SETTINGS, id, "trade_settings.update")) != E_OK)
		return e;
	return answer_id(r, 200, id);
}

/* ---- listings ------------------------------------------------------------------------------ */

struct listing {
	int64_t id;		/* trades.id */
	const char *trade_no;	/* 交易编号 */
	const char *subject;	/* subject_no */
	int64_t term_years;	/* −1 when none */
	int64_t area;		/* area_mu_x100, −1 when none */
	const char *listed;	/* listed_date */
	const char *closing;	/* closing_date */
	int64_t reserve;	/* reserve_price_fen */
	const char *matter_no;	/* or NULL */
	const char *status;	/* 挂牌 | 成交 | 流拍 */
	const char *award_date; /* or NULL */
	int64_t final_price;	/* −1 when none */
	const char *winner;	/* or NULL */
	const char *winner_id;	/* or NULL */
};

static enum err listing_load(struct req *r, int64_t id, struct listing *t)
{
	struct db_res *res;
	enum err e = db_one(r->db, &trade_stmts, TRADE_ST_TRADE_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	struct arena *a = &r->arena;
	*t = (struct listing){id,
			      db_text_dup(a, res, 2),
			      db_text_dup(a, res, 3),
			      db_isnull(res, 4) ? -1 : db_int(res, 4),
			      db_isnull(res, 5) ? -1 : db_int(res, 5),
			      db_text_dup(a, res, 6),
			      db_text_dup(a, res, 7),
			      db_int(res, 8),
			      db_text_dup(a, res, 10),
			      db_text_dup(a, res, 11),
			      db_text_dup(a, res, 12),
			      db_isnull(res, 13) ? -1 : db_int(res, 13),
			      db_text_dup(a, res, 14),
			      db_text_dup(a, res, 15)};
	return db_done(res);
}

static enum err trades_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "status")),
			     DB_TEXT(modutil_query(r, "q")),
			     DB_INT(limit),
			     DB_INT(offset)};
	enum err e = modutil_count(r, &trade_stmts, TRADE_ST_TRADES_COUNT, p, 5, &total);
	json_t *items;
	if (e != E_OK ||
	    (e = modutil_rows(r, &trade_stmts, TRADE_ST_TRADES_LIST, p, 7, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field trade_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"trade_no", "交易编号", FT_STR, FIELD_REQUIRED, 40},
    {"subject_no", "标的编号", FT_STR, FIELD_REQUIRED, 30},
    {"term_years", "租期（年）", FT_INT, FIELD_REQUIRED},
    {"area_mu", "面积（亩）", FT_STR, 0, 20},
    {"listed_date", "挂牌日期", FT_DATE, FIELD_REQUIRED},
    {"closing_date", "截止日期", FT_DATE, FIELD_REQUIRED},
    {"reserve_price", "底价（年租金）", FT_MONEY, FIELD_REQUIRED},
    {"announcement", "挂牌公告", FT_STR, FIELD_REQUIRED, 2000},
    {"matter_no", "决策事项编号", FT_STR, 0, 40},
    {0},
};

/* A listing names a known subject not already on offer, for a lawful term,
 * with a 决议 behind it when its value reaches the decision threshold. */
static enum err trade_create(struct req *r)
{
	const char *no = req_in_str(r, "trade_no"), *subject = req_in_str(r, "subject_no");
	const char *listed = req_in_str(r, "listed_date"), *closing = req_in_str(r, "closing_date");
	const char *matter = req_in_str(r, "matter_no");
	int64_t term = req_in_int(r, "term_years"), reserve = req_in_fen(r, "reserve_price");
	int64_t area = -1;
	enum err e;
	const char *area_s = req_in_str(r, "area_mu");
	if (area_s && *area_s && (e = assets_area_parse(area_s, &area, &r->err)) != E_OK)
		return e;
	if (strcmp(listed, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "input.future", "listed_date",
				"挂牌日期 %s 晚于今天 %s", listed, today_of(r));
	if (strcmp(closing, listed) <= 0)
		return req_fail(r, E_INPUT, "trade.closing_date", "closing_date",
				"截止日期 %s 应晚于挂牌日期 %s（挂牌期）", closing, listed);
	if (reserve <= 0)
		return req_fail(r, E_INPUT, "trade.reserve", "reserve_price", "底价应大于零");
	struct assets_subject s;
	e = assets_subject_find(r->db, &r->arena, r->village_id, subject, &s);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "trade.subject_unknown", "subject_no",
				"标的编号 %s 不在本村（居）的资产或资源台账中，请先登记", subject);
	if (e != E_OK)
		return e;
	if (s.status && strcmp(s.status, "处置") == 0)
		return req_fail(r, E_RULE, "trade.subject_disposed", "subject_no",
				"资产 %s 已处置，不能挂牌出租", subject);
	int limit = s.resource ? ASSETS_MAX_RESOURCE_YEARS : ASSETS_MAX_ASSET_YEARS;
	if (term < 1 || term > limit)
		return req_fail(r, term < 1 ? E_INPUT : E_RULE, "trade.term", "term_years",
				"租期应为 1 至 %d 年（%s）", limit,
				s.resource ? "集体资源发包" : "民法典 第七百零五条");
	if (s.resource && area > s.area_mu_x100)
		return req_fail(r, E_RULE, "trade.area_exceeds", "area_mu",
				"挂牌面积超过资源 %s 的面积", subject);
	struct db_res *res;
	e = db_one(r->db, &trade_stmts, TRADE_ST_TRADE_OPEN_ON_SUBJECT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(subject)), &res);
	if (e == E_OK) {
		req_fail(r, E_CONFLICT, "trade.subject_listed", "subject_no",
			 "标的 %s 正在挂牌（交易 %s），不能重复挂牌", subject, db_text(res, 0));
		db_done(res);
		return E_CONFLICT;
	}
	if (e != E_NOTFOUND)
		return e;
	if ((e = db_one(r->db, &trade_stmts, TRADE_ST_PROJ_FIND,
			DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no)), &res)) == E_OK) {
		db_done(res);
		return req_fail(r, E_CONFLICT, "trade.number_taken", "trade_no",
				"编号 %s 已用于本村（居）的项目", no);
	}
	if (e != E_NOTFOUND)
		return e;
	struct power_params pp;
	if ((e = power_params_of_village(r->db, r->village_id, &pp)) != E_OK)
		return e;
	if (reserve * term >= pp.decision_threshold_fen) {
		bool ok = false;
		if (matter && *matter &&
		    (e = power_matter_resolved(r->db, r->village_id, matter, listed, &ok)) != E_OK)
			return e;
		if (!ok)
			return req_fail(r, E_RULE, "trade.decision_missing", "matter_no",
					"挂牌价值 %s 元（底价 × 租期）达到%s集体决策标准 %s 元，须"
					"在挂牌前经村民（代表）会议决议：%s",
					yuan(r, reserve * term), pp.township,
					yuan(r, pp.decision_threshold_fen),
					matter && *matter ? "该事项在挂牌日期前没有决议"
							  : "请填写决策事项编号");
	}
	e = db_one(r->db, &trade_stmts, TRADE_ST_TRADE_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no), DB_TEXT(subject), DB_INT(term),
			     area >= 0 ? DB_INT(area) : DB_NULL, DB_TEXT(listed), DB_TEXT(closing),
			     DB_INT(reserve), DB_TEXT(req_in_str(r, "announcement")),
			     DB_OPT(matter), DB_TEXT("挂牌"), DB_NULL, DB_NULL, DB_NULL),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "trade.exists", "trade_no", "交易编号 %s 已存在",
				no);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = logged(r, TRADE_T_TRADES, id, "trade.list")) != E_OK)
		return e;
	return answer_id(r, 201, id);
}

/* Bids of a listing with their validity: a bid below the reserve is void. */
static json_t *bids_json(struct req *r, const char *ref_no, int64_t reserve, bool lease)
{
	json_t *items = NULL, *b;
	if (modutil_rows(r, &trade_stmts, TRADE_ST_BIDS_OF_REF,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(ref_no)), &items) != E_OK)
		return json_array();
	size_t i;
	json_array_foreach(items, i, b)
	{
		json_object_set_new(b, "winner",
				    json_boolean(json_integer_value(json_object_get(b, "winner"))));
		if (lease)
			json_object_set_new(b, "valid",
					    json_boolean(json_integer_value(json_object_get(
							     b, "price_fen")) >= reserve));
	}
	return items;
}

static enum err trade_get(struct req *r)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e =
	    db_one(r->db, &trade_stmts, TRADE_ST_TRADE_DETAIL, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *t = json_row(res);
	db_done(res);
	const char *no = json_string_value(json_object_get(t, "trade_no"));
	int64_t reserve = json_integer_value(json_object_get(t, "reserve_price_fen"));
	json_t *o = json_pack("{s:o,s:o}", "trade", t, "bids", bids_json(r, no, reserve, true));
	struct assets_subject s;
	if (assets_subject_find(r->db, &r->arena, r->village_id,
				json_string_value(json_object_get(t, "subject_no")), &s) == E_OK)
		json_object_set_new(o, "subject",
				    json_pack("{s:s,s:s,s:s*}", "type",
					      s.resource ? "资源" : "资产", "name", s.name, "kind",
					      s.kind));
	return req_json(r, 200, o);
}

static const struct field bid_in[] = {
    {"bidder", "竞买人", FT_STR, FIELD_REQUIRED, 60},
    {"bidder_id", "证件号", FT_STR, FIELD_REQUIRED, 18},
    {"price", "报价", FT_MONEY, FIELD_REQUIRED},
    {"date", "报价日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err bid_insert(struct req *r, const char *ref_no, int64_t bundle, const char *bidder,
			   const char *bidder_id, int64_t price, const char *date, int64_t *id)
{
	struct db_res *res;
	enum err e = db_one(r->db, &trade_stmts, TRADE_ST_BID_INSERT,
			    DB_PARAMS(DB_INT(r->village_id), DB_TEXT(ref_no),
				      bundle ? DB_INT(bundle) : DB_NULL, DB_TEXT(bidder),
				      DB_TEXT(bidder_id), DB_INT(price), DB_TEXT(date), DB_INT(0)),
			    &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "trade.bid_exists", "bidder_id",
				"%s 已对 %s 报价，不能重复报价", bidder, ref_no);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	return logged(r, TRADE_T_BIDS, *id, "bid.create");
}

/* A bid during the listing period.  One below the reserve is recorded (it was
 * made) but is not valid and can never win. */
static enum err trade_bid(struct req *r)
{
	struct listing t;
	enum err e = listing_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	const char *date = req_in_str(r, "date"),
		   *bidder_id = id_norm(r, req_in_str(r, "bidder_id"));
	int64_t price = req_in_fen(r, "price");
	if (strcmp(t.status, "挂牌") != 0)
		return req_fail(r, E_RULE, "trade.closed", NULL, "交易 %s 已%s，不再接受报价",
				t.trade_no, t.status);
	if ((e = party_check(r, "bidder_id", bidder_id)) != E_OK)
		return e;
	if (price <= 0)
		return req_fail(r, E_INPUT, "trade.price", "price", "报价应大于零");
	if (strcmp(date, t.listed) < 0 || strcmp(date, t.closing) > 0)
		return req_fail(r, E_RULE, "trade.bid_period", "date",
				"报价日期 %s 不在挂牌期 %s 至 %s 内", date, t.listed, t.closing);
	if (strcmp(date, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "input.future", "date", "报价日期 %s 晚于今天", date);
	int64_t id;
	if ((e = bid_insert(r, t.trade_no, 0, req_in_str(r, "bidder"), bidder_id, price, date,
			    &id)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:b}", "id", (json_int_t)id, "valid", price >= t.reserve));
}

static const struct field award_in[] = {
    {"date", "成交日期", FT_DATE, FIELD_REQUIRED},
    {"bid_id", "受让报价", FT_INT, 0},
    {0},
};

/* Award after the listing period to the highest bid (the earliest of equal
 * ones), never below the reserve. */
static enum err trade_award(struct req *r)
{
	struct listing t;
	enum err e = listing_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	const char *date = req_in_str(r, "date");
	if (strcmp(t.status, "挂牌") != 0)
		return req_fail(r, E_CONFLICT, "trade.closed", NULL, "交易 %s 已%s", t.trade_no,
				t.status);
	if (strcmp(date, t.closing) < 0)
		return req_fail(r, E_RULE, "trade.period_open", "date",
				"挂牌期至 %s 止，%s 尚不能成交", t.closing, date);
	if (strcmp(date, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "input.future", "date", "成交日期 %s 晚于今天", date);
	struct db_res *res;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BIDS_OF_REF,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(t.trade_no)), &res)) != E_OK)
		return e;
	/* ordered by price descending, then id: the first row is the best */
	int64_t best = 0, best_price = -1, chosen = 0, chosen_price = -1;
	int64_t want = req_in_has(r, "bid_id") ? req_in_int(r, "bid_id") : 0;
	const char *bidder = NULL, *bidder_id = NULL;
	while (db_row(res)) {
		if (!best) {
			best = db_int(res, 0);
			best_price = db_int(res, 3);
		}
		if ((!want && db_int(res, 0) == best) || db_int(res, 0) == want) {
			chosen = db_int(res, 0);
			chosen_price = db_int(res, 3);
			bidder = db_text_dup(&r->arena, res, 1);
			bidder_id = db_text_dup(&r->arena, res, 2);
		}
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	if (!best)
		return req_fail(r, E_RULE, "trade.no_bids", NULL,
				"交易 %s 没有报价，不能成交（可登记流拍）", t.trade_no);
	if (!chosen)
		return req_fail(r, E_INPUT, "trade.bid_unknown", "bid_id", "该报价不属于交易 %s",
				t.trade_no);
	if (chosen_price < t.reserve)
		return req_fail(r, E_RULE, "trade.below_reserve", "bid_id",
				"报价 %s 元低于底价 %s 元，不能成交%s", yuan(r, chosen_price),
				yuan(r, t.reserve),
				chosen == best ? "（没有有效报价，可登记流拍后重新挂牌）" : "");
	if (chosen != best)
		return req_fail(r, E_RULE, "trade.not_highest", "bid_id",
				"出租应由最高有效报价者受让：最高报价为 %s 元",
				yuan(r, best_price));
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BID_SET_WINNER, DB_PARAMS(DB_INT(chosen)),
			 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_BIDS, chosen, "trade.award")) != E_OK)
		return e;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_TRADE_AWARD,
			 DB_PARAMS(DB_INT(t.id), DB_TEXT(date), DB_INT(chosen_price),
				   DB_TEXT(bidder), DB_TEXT(bidder_id)),
			 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_TRADES, t.id, "trade.award")) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)t.id, "winner", bidder,
				  "winner_id", bidder_id, "final_price_fen",
				  (json_int_t)chosen_price));
}

static const struct field fail_in[] = {
    {"date", "流拍日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

/* No valid bid when the period ended: 流拍.  The subject may be listed again. */
static enum err trade_fail(struct req *r)
{
	struct listing t;
	enum err e = listing_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	const char *date = req_in_str(r, "date");
	if (strcmp(t.status, "挂牌") != 0)
		return req_fail(r, E_CONFLICT, "trade.closed", NULL, "交易 %s 已%s", t.trade_no,
				t.status);
	if (strcmp(date, t.closing) < 0)
		return req_fail(r, E_RULE, "trade.period_open", "date",
				"挂牌期至 %s 止，尚不能登记流拍", t.closing);
	if (strcmp(date, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "input.future", "date", "流拍日期 %s 晚于今天", date);
	struct db_res *res;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BIDS_OF_REF,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(t.trade_no)), &res)) != E_OK)
		return e;
	int64_t top = db_row(res) ? db_int(res, 3) : -1;
	if ((e = db_done(res)) != E_OK)
		return e;
	if (top >= t.reserve)
		return req_fail(r, E_RULE, "trade.has_valid_bid", NULL,
				"已有不低于底价的报价（%s 元），应当成交", yuan(r, top));
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_TRADE_FAIL,
			 DB_PARAMS(DB_INT(t.id), DB_TEXT(date)), NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_TRADES, t.id, "trade.fail")) != E_OK)
		return e;
	return answer_id(r, 200, t.id);
}

static const struct field contract_in[] = {
    {"contract_no", "合同编号", FT_STR, FIELD_REQUIRED, 40},
    {"sign_date", "签订日期", FT_DATE, FIELD_REQUIRED},
    {"start_date", "起始日期", FT_DATE, FIELD_REQUIRED},
    {"end_date", "终止日期", FT_DATE, FIELD_REQUIRED},
    {"area_mu", "面积（亩）", FT_STR, 0, 20},
    {0},
};

/* The contract of an award: its subject, winner, price, listing and decision
 * come from the listing; the assets module applies every contract rule. */
static enum err trade_contract(struct req *r)
{
	struct listing t;
	enum err e = listing_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	if (strcmp(t.status, "成交") != 0)
		return req_fail(r, E_RULE, "trade.not_awarded", NULL,
				"交易 %s 尚未成交（当前状态：%s），不能签订合同", t.trade_no,
				t.status);
	struct assets_contract k = {r->village_id,
				    req_in_str(r, "contract_no"),
				    t.subject,
				    t.winner,
				    t.winner_id,
				    req_in_str(r, "sign_date"),
				    req_in_str(r, "start_date"),
				    req_in_str(r, "end_date"),
				    t.final_price,
				    t.area,
				    t.trade_no,
				    t.matter_no};
	const char *area = req_in_str(r, "area_mu");
	if (area && *area && (e = assets_area_parse(area, &k.area_mu_x100, &r->err)) != E_OK)
		return e;
	int64_t id;
	if ((e = assets_contract_create(&r->tc, &r->arena, &k, today_of(r), &id, &r->err)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:s}", "id", (json_int_t)id, "contract_no", k.contract_no));
}

/* ---- projects ------------------------------------------------------------------------------ */

struct project {
	int64_t id;		    /* projects.id */
	const char *no;		    /* project_no */
	const char *name;	    /* 名称 */
	int64_t budget;		    /* budget_fen */
	const char *procurement;    /* 采购方式 */
	int64_t bundle;		    /* bundle_id, 0 when none */
	struct trade_progress prog; /* its steps */
};

static void project_from(struct req *r, struct db_res *res, struct project *p)
{
	struct arena *a = &r->arena;
	memset(p, 0, sizeof(*p));
	p->id = db_int(res, 0);
	p->no = db_text_dup(a, res, 2);
	p->name = db_text_dup(a, res, 3);
	p->budget = db_int(res, 5);
	p->procurement = db_text_dup(a, res, 6);
	p->bundle = db_int(res, 23);
	/* a row on the register is registered, with or without its date */
	const char *reg = db_text_dup(a, res, 8);
	p->prog.date[TRADE_STEP_REGISTER] = reg ? reg : "";
	static const int cols[TRADE_STEP__MAX] = {8, 9, 12, 13, 15, 16, 17, 18};
	for (int s = TRADE_STEP_REVIEW; s < TRADE_STEP__MAX; s++)
		p->prog.date[s] = db_text_dup(a, res, cols[s]);
	const char *result = db_text(res, 10);
	p->prog.review_passed = result && strcmp(result, "通过") == 0;
	p->prog.direct = strcmp(p->procurement, "直接委托") == 0;
}

static enum err project_load(struct req *r, int64_t id, struct project *p)
{
	struct db_res *res;
	enum err e = db_one(r->db, &trade_stmts, TRADE_ST_PROJ_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	project_from(r, res, p);
	return db_done(res);
}

static enum err projects_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "procurement")),
			     DB_TEXT(modutil_query(r, "q")),
			     DB_INT(limit),
			     DB_INT(offset)};
	enum err e = modutil_count(r, &trade_stmts, TRADE_ST_PROJECTS_COUNT, p, 5, &total);
	json_t *items, *it;
	if (e != E_OK ||
	    (e = modutil_rows(r, &trade_stmts, TRADE_ST_PROJECTS_LIST, p, 7, &items)) != E_OK)
		return e;
	size_t i;
	json_array_foreach(items, i, it)
	{
		struct trade_progress pr = {0};
		static const char *const keys[TRADE_STEP__MAX] = {
		    "registered_date", "review_date",	"approved_date", "announced_date",
		    "bid_date",	       "contract_date", "start_date",	 "accepted_date"};
		for (int s = 0; s < TRADE_STEP__MAX; s++)
			pr.date[s] = json_string_value(json_object_get(it, keys[s]));
		if (!pr.date[TRADE_STEP_REGISTER])
			pr.date[TRADE_STEP_REGISTER] = "";
		const char *res = json_string_value(json_object_get(it, "review_result"));
		pr.review_passed = res && strcmp(res, "通过") == 0;
		pr.direct =
		    strcmp(json_string_value(json_object_get(it, "procurement")), "直接委托") == 0;
		json_object_set_new(it, "status", json_string(trade_status_label(&pr)));
	}
	return req_list(r, items, total);
}

static const struct field project_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"project_no", "项目编号", FT_STR, FIELD_REQUIRED, 40},
    {"name", "名称", FT_STR, FIELD_REQUIRED, 100},
    {"kind", "类别", FT_ENUM, FIELD_REQUIRED, 0, project_kinds},
    {"budget", "预算", FT_MONEY, FIELD_REQUIRED},
    {"procurement", "采购方式", FT_ENUM, FIELD_REQUIRED, 0, procurements},
    {"date", "登记日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err project_create(struct req *r)
{
	const char *no = req_in_str(r, "project_no"), *proc = req_in_str(r, "procurement");
	const char *date = req_in_str(r, "date");
	int64_t budget = req_in_fen(r, "budget");
	if (budget <= 0)
		return req_fail(r, E_INPUT, "trade.budget", "budget", "预算应大于零");
	if (strcmp(date, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "input.future", "date", "登记日期 %s 晚于今天", date);
	struct trade_thresholds th;
	enum err e = trade_thresholds_of_village(r->db, r->village_id, &th);
	if (e != E_OK)
		return e;
	if (strcmp(proc, "直接委托") == 0 && budget >= th.bidding_threshold_fen)
		return req_fail(r, E_RULE, "trade.must_bid", "procurement",
				"预算 %s 元达到%s竞价标准 %s 元，不能直接委托，应公开招标、竞争性"
				"比选或打包竞价",
				yuan(r, budget), th.township, yuan(r, th.bidding_threshold_fen));
	struct db_res *res;
	if ((e = db_one(r->db, &trade_stmts, TRADE_ST_TRADE_FIND,
			DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no)), &res)) == E_OK) {
		db_done(res);
		return req_fail(r, E_CONFLICT, "trade.number_taken", "project_no",
				"编号 %s 已用于本村（居）的产权交易", no);
	}
	if (e != E_NOTFOUND)
		return e;
	e = db_one(r->db, &trade_stmts, TRADE_ST_PROJ_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no), DB_TEXT(req_in_str(r, "name")),
			     DB_TEXT(req_in_str(r, "kind")), DB_INT(budget), DB_TEXT(proc), DB_NULL,
			     DB_TEXT(date), DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL,
			     DB_NULL, DB_NULL, DB_NULL),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "trade.project_exists", "project_no",
				"项目编号 %s 已存在", no);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = logged(r, TRADE_T_PROJECTS, id, "project.register")) != E_OK)
		return e;
	return answer_id(r, 201, id);
}

static enum err project_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &trade_stmts, TRADE_ST_PROJ_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	struct project p;
	project_from(r, res, &p);
	json_t *o = json_row(res);
	db_done(res);
	json_object_set_new(o, "status", json_string(trade_status_label(&p.prog)));
	if ((e = db_one(r->db, &trade_stmts, TRADE_ST_PROJ_REFS, DB_PARAMS(DB_INT(id)), &res)) !=
	    E_OK) {
		json_decref(o);
		return e;
	}
	json_t *refs = json_row(res);
	db_done(res);
	json_object_update(o, refs);
	json_decref(refs);
	json_t *steps = json_array();
	enum trade_step next = trade_next_step(&p.prog);
	for (int s = 0; s < TRADE_STEP__MAX; s++) {
		if (s == TRADE_STEP_BID && p.prog.direct)
			continue;
		/* a row on the register is registered, dated or not (imports) */
		const char *d = p.prog.date[s];
		json_array_append_new(steps,
				      json_pack("{s:s,s:s?,s:b,s:b}", "step", trade_step_names[s],
						"date", d && *d ? d : NULL, "done",
						d && (*d || s == TRADE_STEP_REGISTER), "next",
						(int)next == s));
	}
	json_t *payments = NULL;
	if ((e = modutil_rows(r, &trade_stmts, TRADE_ST_PROJ_PAYMENTS,
			      DB_PARAMS(DB_INT(r->village_id), DB_TEXT(p.no)), &payments)) !=
	    E_OK) {
		json_decref(o);
		json_decref(steps);
		return e;
	}
	int64_t paid = 0;
	size_t i;
	json_t *v;
	json_array_foreach(payments, i, v) paid +=
	    json_integer_value(json_object_get(v, "paid_fen"));
	json_t *amount = json_object_get(o, "contract_amount_fen");
	json_t *money = json_pack("{s:I,s:O}", "paid_fen", (json_int_t)paid, "contract_amount_fen",
				  amount ? amount : json_null());
	if (json_is_integer(amount)) {
		int64_t c = json_integer_value(amount);
		json_object_set_new(money, "overrun_fen", json_integer(paid > c ? paid - c : 0));
		json_object_set_new(money, "overrun", json_boolean(paid > c));
		json_object_set_new(money, "remaining_fen", json_integer(c - paid));
	}
	return req_json(r, 200,
			json_pack("{s:o,s:o,s:o,s:o,s:o}", "project", o, "steps", steps, "bids",
				  bids_json(r, p.no, 0, false), "payments", payments, "money",
				  money));
}

/* Load the project of the path and check that step may be recorded on date. */
static enum err project_step(struct req *r, enum trade_step step, const char *date,
			     struct project *p)
{
	enum err e = project_load(r, modutil_path_id(r), p);
	if (e != E_OK)
		return e;
	return trade_step_check(&p->prog, step, date, today_of(r), &r->err);
}

static const struct field review_in[] = {
    {"date", "预审日期", FT_DATE, FIELD_REQUIRED},
    {"result", "预审结论", FT_ENUM, FIELD_REQUIRED, 0, review_results},
    {"opinion", "预审意见", FT_STR, 0, 1000},
    {0},
};

static enum err project_review(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date");
	enum err e = project_step(r, TRADE_STEP_REVIEW, date, &p);
	if (e != E_OK)
		return e;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_REVIEW,
			 DB_PARAMS(DB_INT(p.id), DB_TEXT(date), DB_TEXT(req_in_str(r, "result")),
				   DB_OPT(req_in_str(r, "opinion"))),
			 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.review")) != E_OK)
		return e;
	return answer_id(r, 200, p.id);
}

static const struct field approve_in[] = {
    {"date", "审批日期", FT_DATE, FIELD_REQUIRED},
    {"matter_no", "决策事项编号", FT_STR, FIELD_REQUIRED, 40},
    {0},
};

/* Approval cites the matter whose 决议 decided the project, on or before. */
static enum err project_approve(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date"), *matter = req_in_str(r, "matter_no");
	enum err e = project_step(r, TRADE_STEP_APPROVE, date, &p);
	if (e != E_OK)
		return e;
	bool ok;
	if ((e = power_matter_resolved(r->db, r->village_id, matter, date, &ok)) != E_OK)
		return e;
	if (!ok)
		return req_fail(r, E_RULE, "trade.decision_missing", "matter_no",
				"决策事项 %s 在 %s 前没有形成决议（五议两公开），项目不能审批",
				matter, date);
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_APPROVE,
			 DB_PARAMS(DB_INT(p.id), DB_TEXT(date), DB_TEXT(matter)), NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.approve")) != E_OK)
		return e;
	return answer_id(r, 200, p.id);
}

static const struct field announce_in[] = {
    {"date", "公告日期", FT_DATE, FIELD_REQUIRED},
    {"announcement", "公告内容", FT_STR, FIELD_REQUIRED, 2000},
    {0},
};

static enum err project_announce(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date");
	enum err e = project_step(r, TRADE_STEP_ANNOUNCE, date, &p);
	if (e != E_OK)
		return e;
	if ((e = db_exec(
		 r->db, &trade_stmts, TRADE_ST_PROJ_ANNOUNCE,
		 DB_PARAMS(DB_INT(p.id), DB_TEXT(date), DB_TEXT(req_in_str(r, "announcement"))),
		 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.announce")) != E_OK)
		return e;
	return answer_id(r, 200, p.id);
}

/* A bid on a project bid alone (公开招标, 竞争性比选) after its announcement,
 * not above its budget (the ceiling price). */
static enum err project_bid(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date"),
		   *bidder_id = id_norm(r, req_in_str(r, "bidder_id"));
	int64_t price = req_in_fen(r, "price");
	enum err e = project_load(r, modutil_path_id(r), &p);
	if (e != E_OK)
		return e;
	if (p.prog.direct)
		return req_fail(r, E_RULE, "trade.no_bidding", NULL, "直接委托的项目没有竞价环节");
	if (strcmp(p.procurement, "打包竞价") == 0)
		return req_fail(r, E_RULE, "trade.bundle_only", NULL,
				"打包竞价的项目须编入打包竞价后统一报价");
	/* bids come between the announcement and the opening */
	if ((e = trade_step_check(&p.prog, TRADE_STEP_BID, date, today_of(r), &r->err)) != E_OK)
		return e;
	if ((e = party_check(r, "bidder_id", bidder_id)) != E_OK)
		return e;
	if (price <= 0 || price > p.budget)
		return req_fail(r, price <= 0 ? E_INPUT : E_RULE, "trade.over_budget", "price",
				"报价 %s 元应大于零且不高于预算（最高限价）%s 元", yuan(r, price),
				yuan(r, p.budget));
	int64_t id;
	if ((e = bid_insert(r, p.no, 0, req_in_str(r, "bidder"), bidder_id, price, date, &id)) !=
	    E_OK)
		return e;
	return answer_id(r, 201, id);
}

static const struct field open_in[] = {
    {"date", "开标日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

/* Opening: the lowest bid wins (the earliest of equal ones). */
static enum err project_open(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date");
	enum err e = project_step(r, TRADE_STEP_BID, date, &p);
	if (e != E_OK)
		return e;
	if (p.bundle || strcmp(p.procurement, "打包竞价") == 0)
		return req_fail(r, E_RULE, "trade.bundle_only", NULL,
				"打包竞价的项目随打包竞价统一开标");
	struct db_res *res;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BIDS_OF_REF,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(p.no)), &res)) != E_OK)
		return e;
	int64_t win = 0, low = 0;
	while (db_row(res))
		if (!win || db_int(res, 3) <= low) {
			win = db_int(res, 0);
			low = db_int(res, 3);
		}
	if ((e = db_done(res)) != E_OK)
		return e;
	if (!win)
		return req_fail(r, E_RULE, "trade.no_bids", NULL, "项目 %s 没有报价，不能开标",
				p.no);
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BID_SET_WINNER, DB_PARAMS(DB_INT(win)),
			 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_BIDS, win, "project.open")) != E_OK ||
	    (e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_BID,
			 DB_PARAMS(DB_INT(p.id), DB_TEXT(date)), NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.open")) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:I,s:I}", "id", (json_int_t)p.id, "winning_bid_id",
				  (json_int_t)win, "price_fen", (json_int_t)low));
}

static const struct field pcontract_in[] = {
    {"date", "合同日期", FT_DATE, FIELD_REQUIRED},
    {"contractor", "承包方", FT_STR, 0, 60},
    {"contractor_id", "承包方证件号", FT_STR, 0, 18},
    {"contract_amount", "合同金额", FT_MONEY, 0},
    {0},
};

/* The contract goes to the winning bidder at the winning price; a directly
 * commissioned project names its contractor, within budget and below the
 * township's bidding threshold. */
static enum err project_contract(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date");
	enum err e = project_step(r, TRADE_STEP_CONTRACT, date, &p);
	if (e != E_OK)
		return e;
	const char *who = req_in_str(r, "contractor");
	const char *who_id =
	    req_in_has(r, "contractor_id") ? id_norm(r, req_in_str(r, "contractor_id")) : NULL;
	int64_t amount = req_in_has(r, "contract_amount") ? req_in_fen(r, "contract_amount") : -1;
	if (!p.prog.direct) {
		struct db_res *res;
		if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BIDS_OF_REF,
				 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(p.no)), &res)) != E_OK)
			return e;
		const char *w = NULL, *wid = NULL;
		int64_t price = 0;
		while (db_row(res))
			if (db_int(res, 5)) {
				w = db_text_dup(&r->arena, res, 1);
				wid = db_text_dup(&r->arena, res, 2);
				price = db_int(res, 3);
			}
		if ((e = db_done(res)) != E_OK)
			return e;
		if (!wid)
			return req_fail(r, E_RULE, "trade.no_winner", NULL, "项目 %s 没有中标人",
					p.no);
		if (who_id && strcmp(who_id, wid) != 0)
			return req_fail(r, E_RULE, "trade.not_winner", "contractor_id",
					"合同应与中标人 %s 签订", w);
		if (amount >= 0 && amount != price)
			return req_fail(r, E_RULE, "trade.amount_mismatch", "contract_amount",
					"合同金额 %s 元应等于中标价 %s 元", yuan(r, amount),
					yuan(r, price));
		who = w;
		who_id = wid;
		amount = price;
	} else {
		if (!who || !*who || !who_id || amount < 0)
			return req_fail(r, E_INPUT, "input.required",
					!who || !*who ? "contractor"
					: !who_id     ? "contractor_id"
						      : "contract_amount",
					"直接委托的项目须填写承包方、证件号和合同金额");
		if ((e = party_check(r, "contractor_id", who_id)) != E_OK)
			return e;
		struct trade_thresholds th;
		if ((e = trade_thresholds_of_village(r->db, r->village_id, &th)) != E_OK)
			return e;
		if (amount <= 0 || amount > p.budget || amount >= th.bidding_threshold_fen)
			return req_fail(
			    r, E_RULE, "trade.direct_amount", "contract_amount",
			    "直接委托的合同金额应大于零、不超过预算 %s 元且低于竞价标准 "
			    "%s 元",
			    yuan(r, p.budget), yuan(r, th.bidding_threshold_fen));
	}
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_CONTRACT,
			 DB_PARAMS(DB_INT(p.id), DB_TEXT(date), DB_TEXT(who), DB_TEXT(who_id),
				   DB_INT(amount)),
			 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.contract")) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)p.id, "contractor", who,
				  "contractor_id", who_id, "contract_amount_fen",
				  (json_int_t)amount));
}

static const struct field date_in[] = {
    {"date", "日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err project_start(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date");
	enum err e = project_step(r, TRADE_STEP_START, date, &p);
	if (e != E_OK)
		return e;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_START,
			 DB_PARAMS(DB_INT(p.id), DB_TEXT(date)), NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.start")) != E_OK)
		return e;
	return answer_id(r, 200, p.id);
}

static const struct field accept_in[] = {
    {"date", "验收日期", FT_DATE, FIELD_REQUIRED},
    {"note", "验收意见", FT_STR, FIELD_REQUIRED, 1000},
    {0},
};

static enum err project_accept(struct req *r)
{
	struct project p;
	const char *date = req_in_str(r, "date");
	enum err e = project_step(r, TRADE_STEP_ACCEPT, date, &p);
	if (e != E_OK)
		return e;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_ACCEPT,
			 DB_PARAMS(DB_INT(p.id), DB_TEXT(date), DB_TEXT(req_in_str(r, "note"))),
			 NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_PROJECTS, p.id, "project.accept")) != E_OK)
		return e;
	return answer_id(r, 200, p.id);
}

/* ---- bundles (打包竞价) ------------------------------------------------------------------- */

static enum err bundles_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(r, &trade_stmts, TRADE_ST_BUNDLES_LIST,
				  DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					    DB_TEXT(modutil_query(r, "village"))),
				  &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field bundle_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"bundle_no", "打包编号", FT_STR, FIELD_REQUIRED, 40},
    {"name", "名称", FT_STR, FIELD_REQUIRED, 100},
    {"date", "打包日期", FT_DATE, FIELD_REQUIRED},
    {"project_nos", "项目", FT_ARRAY, FIELD_REQUIRED},
    {0},
};

/* Several announced 打包竞价 projects of one village, in no other bundle. */
static enum err bundle_create(struct req *r)
{
	json_t *nos = json_object_get(r->in, "project_nos");
	const char *date = req_in_str(r, "date");
	size_t n = json_array_size(nos);
	if (n < 2 || n > 16)
		return req_fail(r, E_INPUT, "trade.bundle_size", "project_nos",
				"打包竞价应包括 2 至 16 个项目");
	if (strcmp(date, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "input.future", "date", "打包日期 %s 晚于今天", date);
	struct project *ps = ARENA_ARRAY(&r->arena, struct project, n);
	enum err e;
	for (size_t i = 0; i < n; i++) {
		const char *no = json_string_value(json_array_get(nos, i));
		if (!no)
			return req_fail(r, E_INPUT, "input.type", "project_nos",
					"项目编号应为文本");
		for (size_t j = 0; j < i; j++)
			if (strcmp(ps[j].no, no) == 0)
				return req_fail(r, E_INPUT, "trade.bundle_dup", "project_nos",
						"项目 %s 重复", no);
		struct db_res *res;
		e = db_one(r->db, &trade_stmts, TRADE_ST_PROJ_FIND,
			   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(no)), &res);
		if (e == E_NOTFOUND)
			return req_fail(r, E_INPUT, "trade.project_unknown", "project_nos",
					"本村（居）没有项目 %s", no);
		if (e != E_OK)
			return e;
		project_from(r, res, &ps[i]);
		db_done(res);
		if (strcmp(ps[i].procurement, "打包竞价") != 0)
			return req_fail(r, E_RULE, "trade.bundle_procurement", "project_nos",
					"项目 %s 的采购方式是%s，不能打包竞价", no,
					ps[i].procurement);
		if (ps[i].bundle)
			return req_fail(r, E_CONFLICT, "trade.bundled", "project_nos",
					"项目 %s 已编入其他打包竞价", no);
		if ((e = trade_step_check(&ps[i].prog, TRADE_STEP_BID, date, today_of(r),
					  &r->err)) != E_OK) {
			const char *key = arena_strdup(&r->arena, r->err.key);
			const char *msg = arena_strdup(&r->arena, r->err.msg);
			return req_fail(r, e, key, "project_nos", "项目 %s：%s", no, msg);
		}
	}
	struct db_res *res;
	e = db_one(r->db, &trade_stmts, TRADE_ST_BUNDLE_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(req_in_str(r, "bundle_no")),
			     DB_TEXT(req_in_str(r, "name")), DB_TEXT(date)),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "trade.bundle_exists", "bundle_no",
				"打包编号 %s 已存在", req_in_str(r, "bundle_no"));
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = logged(r, TRADE_T_BUNDLES, id, "bundle.create")) != E_OK)
		return e;
	for (size_t i = 0; i < n; i++)
		if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_SET_BUNDLE,
				 DB_PARAMS(DB_INT(ps[i].id), DB_INT(id)), NULL)) != E_OK ||
		    (e = logged(r, TRADE_T_PROJECTS, ps[i].id, "bundle.create")) != E_OK)
			return e;
	return answer_id(r, 201, id);
}

static enum err bundle_projects(struct req *r, int64_t bundle, struct project **out, size_t *n)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJECTS_OF_BUNDLE,
			     DB_PARAMS(DB_INT(bundle)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 16;
	*out = ARENA_ARRAY(&r->arena, struct project, cap);
	*n = 0;
	while (db_row(res) && *n < cap)
		project_from(r, res, &(*out)[(*n)++]);
	return db_done(res);
}

static enum err bundle_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &trade_stmts, TRADE_ST_BUNDLE_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *b = json_row(res);
	db_done(res);
	json_t *projects = NULL, *bidders = NULL;
	if ((e = modutil_rows(r, &trade_stmts, TRADE_ST_PROJECTS_OF_BUNDLE, DB_PARAMS(DB_INT(id)),
			      &projects)) != E_OK) {
		json_decref(b);
		return e;
	}
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BUNDLE_BIDDERS, DB_PARAMS(DB_INT(id)),
			 &res)) != E_OK) {
		json_decref(b);
		json_decref(projects);
		return e;
	}
	bidders = json_array();
	while (db_row(res))
		json_array_append_new(bidders, json_pack("{s:s,s:s,s:I,s:I}", "bidder_id",
							 db_text(res, 0), "bidder", db_text(res, 1),
							 "total_fen", (json_int_t)db_int(res, 2),
							 "prices", (json_int_t)db_int(res, 3)));
	db_done(res);
	return req_json(
	    r, 200,
	    json_pack("{s:o,s:o,s:o}", "bundle", b, "projects", projects, "bidders", bidders));
}

static const struct field bundle_bid_in[] = {
    {"bidder", "竞价人", FT_STR, FIELD_REQUIRED, 60},
    {"bidder_id", "证件号", FT_STR, FIELD_REQUIRED, 18},
    {"date", "报价日期", FT_DATE, FIELD_REQUIRED},
    {"prices", "分项报价", FT_OBJECT, FIELD_REQUIRED},
    {0},
};

/* One bidder's offer for the whole bundle: a price for every project in it,
 * none above its budget. */
static enum err bundle_bid(struct req *r)
{
	int64_t bundle = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    db_one(r->db, &trade_stmts, TRADE_ST_BUNDLE_GET, DB_PARAMS(DB_INT(bundle)), &res);
	if (e != E_OK)
		return e;
	const char *no = db_text_dup(&r->arena, res, 2), *made = db_text_dup(&r->arena, res, 4);
	bool opened = !db_isnull(res, 5);
	db_done(res);
	const char *date = req_in_str(r, "date"),
		   *bidder_id = id_norm(r, req_in_str(r, "bidder_id"));
	if (opened)
		return req_fail(r, E_RULE, "trade.bundle_opened", NULL, "打包竞价 %s 已开标", no);
	if ((e = party_check(r, "bidder_id", bidder_id)) != E_OK)
		return e;
	if (strcmp(date, made) < 0 || strcmp(date, today_of(r)) > 0)
		return req_fail(r, E_INPUT, "trade.bid_date", "date",
				"报价日期 %s 应在打包日期 %s 之后、今天之前", date, made);
	struct project *ps;
	size_t n;
	if ((e = bundle_projects(r, bundle, &ps, &n)) != E_OK)
		return e;
	json_t *prices = json_object_get(r->in, "prices");
	if (json_object_size(prices) != n)
		return req_fail(r, E_INPUT, "trade.bundle_prices", "prices",
				"须对打包内全部 %zu 个项目分别报价", n);
	int64_t *fen = ARENA_ARRAY(&r->arena, int64_t, n);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(prices, ps[i].no);
		struct errinfo tmp;
		if (!v)
			return req_fail(r, E_INPUT, "trade.bundle_prices", "prices",
					"缺少项目 %s 的报价", ps[i].no);
		if (json_is_integer(v))
			fen[i] = json_integer_value(v);
		else if (!json_is_string(v) ||
			 money_parse(json_string_value(v), &fen[i], &tmp) != E_OK)
			return req_fail(r, E_INPUT, "input.money", "prices",
					"项目 %s 的报价应为金额", ps[i].no);
		if (fen[i] <= 0 || fen[i] > ps[i].budget)
			return req_fail(r, E_RULE, "trade.over_budget", "prices",
					"项目 %s 报价 %s 元应大于零且不高于预算（最高限价）%s 元",
					ps[i].no, yuan(r, fen[i]), yuan(r, ps[i].budget));
	}
	int64_t total = 0, id;
	for (size_t i = 0; i < n; i++) {
		if ((e = bid_insert(r, ps[i].no, bundle, req_in_str(r, "bidder"), bidder_id, fen[i],
				    date, &id)) != E_OK)
			return e;
		total += fen[i];
	}
	return req_json(
	    r, 201,
	    json_pack("{s:I,s:I}", "projects", (json_int_t)n, "total_fen", (json_int_t)total));
}

/* Opening a bundle: the lowest total wins every project of it at its own
 * prices; each project's 竞价 step is dated. */
static enum err bundle_open(struct req *r)
{
	int64_t bundle = modutil_path_id(r);
	const char *date = req_in_str(r, "date");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &trade_stmts, TRADE_ST_BUNDLE_GET, DB_PARAMS(DB_INT(bundle)), &res);
	if (e != E_OK)
		return e;
	const char *no = db_text_dup(&r->arena, res, 2);
	bool opened = !db_isnull(res, 5);
	db_done(res);
	if (opened)
		return req_fail(r, E_CONFLICT, "trade.bundle_opened", NULL, "打包竞价 %s 已开标",
				no);
	struct project *ps;
	size_t n;
	if ((e = bundle_projects(r, bundle, &ps, &n)) != E_OK)
		return e;
	for (size_t i = 0; i < n; i++)
		if ((e = trade_step_check(&ps[i].prog, TRADE_STEP_BID, date, today_of(r),
					  &r->err)) != E_OK)
			return e;
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BUNDLE_BIDDERS, DB_PARAMS(DB_INT(bundle)),
			 &res)) != E_OK)
		return e;
	const char *win = NULL, *win_name = NULL, *first_bid = NULL;
	int64_t total = 0, bidders = 0;
	while (db_row(res)) {
		if (!win) {
			win = db_text_dup(&r->arena, res, 0);
			win_name = db_text_dup(&r->arena, res, 1);
			total = db_int(res, 2);
			first_bid = db_text_dup(&r->arena, res, 5);
		}
		bidders++;
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	if (!win)
		return req_fail(r, E_RULE, "trade.no_bids", NULL, "打包竞价 %s 没有报价，不能开标",
				no);
	if (first_bid && strcmp(date, first_bid) < 0)
		return req_fail(r, E_INPUT, "trade.step_date", "date",
				"开标日期 %s 早于报价日期 %s", date, first_bid);
	for (size_t i = 0; i < n; i++) {
		if ((e = db_one(r->db, &trade_stmts, TRADE_ST_BID_FIND,
				DB_PARAMS(DB_INT(r->village_id), DB_TEXT(ps[i].no), DB_TEXT(win)),
				&res)) != E_OK)
			return e;
		int64_t bid = db_int(res, 0);
		db_done(res);
		if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BID_SET_WINNER,
				 DB_PARAMS(DB_INT(bid)), NULL)) != E_OK ||
		    (e = logged(r, TRADE_T_BIDS, bid, "bundle.open")) != E_OK ||
		    (e = db_exec(r->db, &trade_stmts, TRADE_ST_PROJ_BID,
				 DB_PARAMS(DB_INT(ps[i].id), DB_TEXT(date)), NULL)) != E_OK ||
		    (e = logged(r, TRADE_T_PROJECTS, ps[i].id, "bundle.open")) != E_OK)
			return e;
	}
	if ((e = db_exec(r->db, &trade_stmts, TRADE_ST_BUNDLE_OPEN,
			 DB_PARAMS(DB_INT(bundle), DB_TEXT(date)), NULL)) != E_OK ||
	    (e = logged(r, TRADE_T_BUNDLES, bundle, "bundle.open")) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:I,s:I}", "id", (json_int_t)bundle, "winner",
				  win_name, "winner_id", win, "total_fen", (json_int_t)total,
				  "bidders", (json_int_t)bidders));
}

static const struct route routes[] = {
    {"GET", "/api/v1/trade/settings", settings_list, &perm_trade_read, SCOPE_NONE, NULL, NULL, 0,
     NULL, "各乡镇进场交易与项目竞价标准"},
    {"PUT", "/api/v1/trade/settings/{township}", settings_put, &perm_trade_settings, SCOPE_NONE,
     NULL, settings_in, ROUTE_WRITE, "trade_settings.update", "设置乡镇进场交易与项目竞价标准"},
    {"GET", "/api/v1/trades", trades_list, &perm_trade_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "产权交易（village, status, q）"},
    {"POST", "/api/v1/trades", trade_create, &perm_trade_write, SCOPE_VILLAGE, NULL, trade_in,
     ROUTE_WRITE, "trade.list", "申请挂牌（标的、底价、挂牌期、公告）"},
    {"GET", "/api/v1/trades/{id}", trade_get, &perm_trade_read, SCOPE_VILLAGE, trade_village, NULL,
     0, NULL, "产权交易详情与报价"},
    {"POST", "/api/v1/trades/{id}/bids", trade_bid, &perm_trade_center, SCOPE_VILLAGE,
     trade_village, bid_in, ROUTE_WRITE, "bid.create", "登记竞买报价（挂牌期内）"},
    {"PUT", "/api/v1/trades/{id}/award", trade_award, &perm_trade_center, SCOPE_VILLAGE,
     trade_village, award_in, ROUTE_WRITE, "trade.award", "成交（最高有效报价，不得低于底价）"},
    {"PUT", "/api/v1/trades/{id}/fail", trade_fail, &perm_trade_center, SCOPE_VILLAGE,
     trade_village, fail_in, ROUTE_WRITE, "trade.fail", "流拍（挂牌期满无有效报价）"},
    {"POST", "/api/v1/trades/{id}/contract", trade_contract, &perm_trade_write, SCOPE_VILLAGE,
     trade_village, contract_in, ROUTE_WRITE, "contract.create", "依成交结果签订合同"},
    {"GET", "/api/v1/projects", projects_list, &perm_trade_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "小型项目（village, procurement, q）"},
    {"POST", "/api/v1/projects", project_create, &perm_trade_write, SCOPE_VILLAGE, NULL, project_in,
     ROUTE_WRITE, "project.register", "登记小型项目"},
    {"GET", "/api/v1/projects/{id}", project_get, &perm_trade_read, SCOPE_VILLAGE, project_village,
     NULL, 0, NULL, "项目详情、环节时间线、报价、付款与超支"},
    {"PUT", "/api/v1/projects/{id}/review", project_review, &perm_trade_review, SCOPE_VILLAGE,
     project_village, review_in, ROUTE_WRITE, "project.review", "镇预审"},
    {"PUT", "/api/v1/projects/{id}/approve", project_approve, &perm_trade_write, SCOPE_VILLAGE,
     project_village, approve_in, ROUTE_WRITE, "project.approve", "审批（须引用已决议的事项）"},
    {"PUT", "/api/v1/projects/{id}/announce", project_announce, &perm_trade_write, SCOPE_VILLAGE,
     project_village, announce_in, ROUTE_WRITE, "project.announce", "发布项目公告"},
    {"POST", "/api/v1/projects/{id}/bids", project_bid, &perm_trade_center, SCOPE_VILLAGE,
     project_village, bid_in, ROUTE_WRITE, "bid.create", "登记项目报价（不高于预算）"},
    {"PUT", "/api/v1/projects/{id}/open", project_open, &perm_trade_center, SCOPE_VILLAGE,
     project_village, open_in, ROUTE_WRITE, "project.open", "开标（最低报价中标）"},
    {"PUT", "/api/v1/projects/{id}/contract", project_contract, &perm_trade_write, SCOPE_VILLAGE,
     project_village, pcontract_in, ROUTE_WRITE, "project.contract", "签订项目合同"},
    {"PUT", "/api/v1/projects/{id}/start", project_start, &perm_trade_write, SCOPE_VILLAGE,
     project_village, date_in, ROUTE_WRITE, "project.start", "开工"},
    {"PUT", "/api/v1/projects/{id}/accept", project_accept, &perm_trade_write, SCOPE_VILLAGE,
     project_village, accept_in, ROUTE_WRITE, "project.accept", "验收"},
    {"GET", "/api/v1/bundles", bundles_list, &perm_trade_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "打包竞价（village）"},
    {"POST", "/api/v1/bundles", bundle_create, &perm_trade_write, SCOPE_VILLAGE, NULL, bundle_in,
     ROUTE_WRITE, "bundle.create", "将已公告的小型项目打包竞价"},
    {"GET", "/api/v1/bundles/{id}", bundle_get, &perm_trade_read, SCOPE_VILLAGE, bundle_village,
     NULL, 0, NULL, "打包竞价详情、项目与竞价人合计报价"},
    {"POST", "/api/v1/bundles/{id}/bids", bundle_bid, &perm_trade_center, SCOPE_VILLAGE,
     bundle_village, bundle_bid_in, ROUTE_WRITE, "bid.create", "登记打包报价（逐项报价）"},
    {"PUT", "/api/v1/bundles/{id}/open", bundle_open, &perm_trade_center, SCOPE_VILLAGE,
     bundle_village, open_in, ROUTE_WRITE, "bundle.open", "打包竞价开标（合计最低者中标）"},
    {"GET", "/p/{code}/contracts", trade_html_page, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：村（居）合同、产权交易结果与项目结果"},
};

const struct module trade_module = {
    .name = "trade",
    .title = "产权交易与小型项目",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &trade_stmts,
    .tables = trade_tables,
    .ntables = TRADE_T__MAX,
    .imports = trade_imports,
    .nimports = 2,
};
