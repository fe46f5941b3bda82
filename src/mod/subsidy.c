/*
 * The subsidy module's logic and HTTP face: programmes and standards (the
 * township's departments), recipient lists and payments entered by villages
 * with the checks a new payment must pass (the person on the village's
 * register, alive and not moved out when the period starts, at most the year's
 * standard, once per programme and period), the staff lists (unmasked, within
 * scope) and the villager's self-query, logged as an event.  SQL is in
 * subsidy_db.c, public pages in subsidy_html.c.  It must never answer the
 * public with another person's ID number, phone or account.
 */
#include "subsidy.h"

#include <stdlib.h>
#include <string.h>

#include "core/datefmt.h"
#include "core/json_out.h"
#include "core/money.h"
#include "core/ratelimit.h"
#include "perms.h"
#include "modutil.h"

enum err subsidy_programme_id(struct trail_ctx *tc, const char *name, bool create, int64_t *id,
			      struct errinfo *ei)
{
	struct db_res *res;
	enum err e =
	    db_one(tc->db, &subsidy_stmts, SUBSIDY_ST_PROG_FIND, DB_PARAMS(DB_TEXT(name)), &res);
	if (e == E_OK) {
		*id = db_int(res, 0);
		return db_done(res);
	}
	if (e != E_NOTFOUND || !create)
		return e;
	if ((e = db_one(tc->db, &subsidy_stmts, SUBSIDY_ST_PROG_INSERT,
			DB_PARAMS(DB_TEXT(name), DB_NULL, DB_NULL), &res)) != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	return trail_row(tc, &subsidy_tables[SUBSIDY_T_PROGRAMMES], *id, "subsidy.programme", ei);
}

static bool same_text(const char *a, const char *b)
{
	return a && *a && b && *b && strcmp(a, b) == 0;
}

enum err subsidy_self_match(struct db_conn *c, const char *id_no, const char *phone,
			    const char *household_no, int64_t *person_id, struct errinfo *ei)
{
	char idn[19];
	snprintf(idn, sizeof(idn), "%s", id_no ? id_no : "");
	if (strlen(idn) == 18 && idn[17] == 'x')
		idn[17] = 'X';
	struct db_res *res;
	enum err e = db_one(c, &subsidy_stmts, SUBSIDY_ST_PERSON, DB_PARAMS(DB_TEXT(idn)), &res);
	bool match = false;
	if (e == E_OK) {
		*person_id = db_int(res, 0);
		match =
		    same_text(phone, db_text(res, 5)) || same_text(household_no, db_text(res, 6));
		db_done(res);
	} else if (e != E_NOTFOUND) {
		return e;
	}
	if (!match)
		return err_set(ei, E_NOTFOUND, "subsidy.self_mismatch", NULL,
			       "身份证号与登记的电话或户号不一致，或没有登记信息；"
			       "请核对后重试，或到村（居）委会查询");
	return E_OK;
}

/* ---- programmes and standards ------------------------------------------------------- */

static enum err rows_answer(struct req *r, unsigned st)
{
	struct db_res *res;
	json_t *items;
	enum err e;
	if ((e = db_exec(r->db, &subsidy_stmts, st, DB_NOPARAMS, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err programmes_list(struct req *r)
{
	return rows_answer(r, SUBSIDY_ST_PROG_LIST);
}

static const struct field programme_in[] = {
    {"name", "补贴项目", FT_STR, FIELD_REQUIRED, 60},
    {"department", "主管部门", FT_STR, 0, 60},
    {"note", "说明", FT_STR, 0, 500},
    {0},
};

static enum err programme_create(struct req *r)
{
	struct db_res *res;
	enum err e =
	    db_one(r->db, &subsidy_stmts, SUBSIDY_ST_PROG_INSERT,
		   DB_PARAMS(DB_TEXT(req_in_str(r, "name")), DB_OPT(req_in_str(r, "department")),
			     DB_OPT(req_in_str(r, "note"))),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "subsidy.programme_exists", "name",
				"补贴项目已存在：%s", req_in_str(r, "name"));
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &subsidy_tables[SUBSIDY_T_PROGRAMMES], id, "subsidy.programme",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static enum err standards_list(struct req *r)
{
	return rows_answer(r, SUBSIDY_ST_STD_LIST);
}

static const struct field standard_in[] = {
    {"programme", "补贴项目", FT_STR, FIELD_REQUIRED, 60},
    {"year", "年度", FT_INT, FIELD_REQUIRED},
    {"max_amount", "每人每期上限", FT_MONEY, FIELD_REQUIRED},
    {0},
};

static enum err standard_put(struct req *r)
{
	int64_t pid, year = req_in_int(r, "year"), max = req_in_fen(r, "max_amount");
	if (year < 1990 || year > 2100)
		return req_fail(r, E_INPUT, "subsidy.year", "year", "年度无效：%lld",
				(long long)year);
	if (max <= 0)
		return req_fail(r, E_INPUT, "subsidy.max", "max_amount", "上限应大于零");
	enum err e = subsidy_programme_id(&r->tc, req_in_str(r, "programme"), false, &pid, &r->err);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "subsidy.programme", "programme",
				"没有这个补贴项目：%s", req_in_str(r, "programme"));
	if (e != E_OK)
		return e;
	struct db_res *res;
	e = db_one(r->db, &subsidy_stmts, SUBSIDY_ST_STD_UPSERT,
		   DB_PARAMS(DB_INT(pid), DB_INT(year), DB_INT(max)), &res);
	int64_t id;
	if (e == E_NOTFOUND) { /* unchanged: log the row as it stands */
		if ((e = db_one(r->db, &subsidy_stmts, SUBSIDY_ST_STD_FIND,
				DB_PARAMS(DB_INT(pid), DB_INT(year)), &res)) != E_OK)
			return e;
	} else if (e != E_OK) {
		return e;
	}
	id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &subsidy_tables[SUBSIDY_T_STANDARDS], id, "subsidy.standard",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- payments -------------------------------------------------------------------------- */

static enum err payments_list(struct req *r)
{
	int64_t limit, offset;
	req_paging(r, &limit, &offset);
	const char *v = modutil_query(r, "village"), *prog = modutil_query(r, "programme");
	const char *period = modutil_query(r, "period");
	struct db_res *res;
	enum err e = db_one(r->db, &subsidy_stmts, SUBSIDY_ST_PAY_COUNT,
			    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				      DB_TEXT(v), DB_TEXT(prog), DB_TEXT(period)),
			    &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &subsidy_stmts, SUBSIDY_ST_PAY_LIST,
			 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(v),
				   DB_TEXT(prog), DB_TEXT(period), DB_INT(limit), DB_INT(offset)),
			 &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field payment_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"programme", "补贴项目", FT_STR, FIELD_REQUIRED, 60},
    {"id_no", "身份证号", FT_IDNO, FIELD_REQUIRED},
    {"period", "所属期", FT_STR, FIELD_REQUIRED, 16},
    {"amount", "金额", FT_MONEY, FIELD_REQUIRED},
    {"paid_date", "发放日期", FT_DATE, 0},
    {"bank_account", "银行账号", FT_STR, 0, 40},
    {0},
};

/* A new payment: person of this village, alive and not moved out at the
 * period's start, within the year's standard, once per programme and period. */
static enum err payment_create(struct req *r)
{
	char norm[8], pf[11], pl[11];
	struct errinfo tmp;
	const char *period = req_in_str(r, "period");
	if (datefmt_period_parse(period, norm, pf, pl, &tmp) != E_OK || norm[5] == 'Q')
		return req_fail(r, E_INPUT, "subsidy.period", "period",
				"所属期应为 YYYY-MM 或 YYYY：%s", period);
	int64_t amount = req_in_fen(r, "amount");
	if (amount <= 0)
		return req_fail(r, E_INPUT, "subsidy.amount", "amount", "金额应大于零");
	int64_t pid;
	enum err e = subsidy_programme_id(&r->tc, req_in_str(r, "programme"), false, &pid, &r->err);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "subsidy.programme", "programme",
				"没有这个补贴项目：%s", req_in_str(r, "programme"));
	if (e != E_OK)
		return e;
	struct db_res *res;
	const char *id_no = req_in_str(r, "id_no");
	if ((e = db_one(r->db, &subsidy_stmts, SUBSIDY_ST_PERSON, DB_PARAMS(DB_TEXT(id_no)),
			&res)) == E_NOTFOUND)
		return req_fail(r, E_INPUT, "subsidy.person", "id_no",
				"身份证号 %s 不在人员名册中，请先登记人员", id_no);
	if (e != E_OK)
		return e;
	int64_t person = db_int(res, 0), pvid = db_int(res, 2);
	const char *name = db_text_dup(&r->arena, res, 1);
	const char *death = db_text_dup(&r->arena, res, 3);
	const char *moved = db_text_dup(&r->arena, res, 4);
	db_done(res);
	if (pvid != r->village_id)
		return req_fail(r, E_RULE, "subsidy.other_village", "id_no",
				"%s 不是本村（居）人员，不能在本村发放", name);
	if (death && strcmp(pf, death) > 0)
		return req_fail(r, E_RULE, "subsidy.deceased", "id_no",
				"%s 已于 %s 死亡，不能发放 %s 的补贴", name, death, norm);
	if (moved && strcmp(pf, moved) > 0)
		return req_fail(r, E_RULE, "subsidy.moved_out", "id_no",
				"%s 已于 %s 迁出，不能发放 %s 的补贴", name, moved, norm);
	if ((e = db_one(r->db, &subsidy_stmts, SUBSIDY_ST_STD_FIND,
			DB_PARAMS(DB_INT(pid), DB_INT(atoi(norm))), &res)) == E_OK) {
		int64_t max = db_int(res, 1);
		db_done(res);
		if (amount > max) {
			char a[MONEY_BUF], b[MONEY_BUF];
			money_format_grouped(amount, a);
			money_format_grouped(max, b);
			return req_fail(r, E_RULE, "subsidy.over_standard", "amount",
					"发放金额 %s 元超过 %.4s 年标准（每人每期 %s 元）", a, norm,
					b);
		}
	} else if (e != E_NOTFOUND) {
		return e;
	}
	if ((e = db_one(
		 r->db, &subsidy_stmts, SUBSIDY_ST_PAY_FIND,
		 DB_PARAMS(DB_INT(r->village_id), DB_INT(pid), DB_INT(person), DB_TEXT(norm)),
		 &res)) == E_OK) {
		db_done(res);
		return req_fail(r, E_CONFLICT, "subsidy.duplicate", "period",
				"%s 的 %s %s 已发放，不能重复发放", name,
				req_in_str(r, "programme"), norm);
	}
	if (e != E_NOTFOUND)
		return e;
	if ((e = db_one(r->db, &subsidy_stmts, SUBSIDY_ST_PAY_INSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_INT(pid), DB_INT(person), DB_TEXT(name),
				  DB_TEXT(norm), DB_INT(amount), DB_OPT(req_in_str(r, "paid_date")),
				  DB_OPT(req_in_str(r, "bank_account"))),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &subsidy_tables[SUBSIDY_T_PAYMENTS], id, "subsidy.payment",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- the villager's self-query ----------------------------------------------------------- */

static const struct field self_in[] = {
    {"id_no", "身份证号", FT_IDNO, FIELD_REQUIRED},
    {"phone", "登记的电话", FT_STR, 0, 20},
    {"household_no", "户号", FT_STR, 0, 20},
    {0},
};

/* Log the view (ids only) and answer the person's own records, unmasked. */
static enum err self_answer(struct req *r, int64_t person, json_t **items)
{
	struct db_res *res;
	enum err e =
	    db_exec(r->db, &subsidy_stmts, SUBSIDY_ST_SELF, DB_PARAMS(DB_INT(person)), &res);
	if (e != E_OK || (e = json_rows(res, items)) != E_OK)
		return e;
	char key[24], value[96];
	snprintf(key, sizeof(key), "%lld", (long long)person);
	snprintf(value, sizeof(value), "{\"person_id\":%lld,\"records\":%zu}", (long long)person,
		 json_array_size(*items));
	e = trail_event(&r->tc, "subsidy.self_query", "people", key, 0, value, &r->err);
	if (e != E_OK) {
		json_decref(*items);
		*items = NULL;
	}
	return e;
}

enum err subsidy_self_query(struct req *r, const char *id_no, const char *phone,
			    const char *household_no, json_t **items)
{
	/* Each try counts, found or not: 身份证号 are not to be enumerated. */
	enum err e = ratelimit_hit(r, RL_SELF_QUERY);
	if (e != E_OK)
		return e;
	if ((!phone || !*phone) && (!household_no || !*household_no))
		return req_fail(r, E_INPUT, "subsidy.self_proof", "phone",
				"请填写登记的电话或户号，用于核对身份");
	int64_t person;
	e = subsidy_self_match(r->db, id_no, phone, household_no, &person, &r->err);
	if (e != E_OK)
		return e;
	return self_answer(r, person, items);
}

static enum err public_self_query(struct req *r)
{
	json_t *items;
	enum err e = subsidy_self_query(r, req_in_str(r, "id_no"), req_in_str(r, "phone"),
					req_in_str(r, "household_no"), &items);
	if (e != E_OK)
		return e;
	req_header(r, "Cache-Control", "no-store");
	return req_json(r, 200, json_pack("{s:o}", "items", items));
}

static const struct route routes[] = {
    {"GET", "/api/v1/subsidy-programmes", programmes_list, &perm_subsidy_read, SCOPE_NONE, NULL,
     NULL, 0, NULL, "补贴项目"},
    {"POST", "/api/v1/subsidy-programmes", programme_create, &perm_subsidy_admin, SCOPE_NONE, NULL,
     programme_in, ROUTE_WRITE, "subsidy.programme", "新增补贴项目"},
    {"GET", "/api/v1/subsidy-standards", standards_list, &perm_subsidy_read, SCOPE_NONE, NULL, NULL,
     0, NULL, "补贴发放标准（每人每期上限）"},
    {"PUT", "/api/v1/subsidy-standards", standard_put, &perm_subsidy_admin, SCOPE_NONE, NULL,
     standard_in, ROUTE_WRITE, "subsidy.standard", "设置某项目某年度的发放标准"},
    {"GET", "/api/v1/subsidies", payments_list, &perm_subsidy_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "惠民资金发放明细（village, programme, period 筛选；工作人员不打码）"},
    {"POST", "/api/v1/subsidies", payment_create, &perm_subsidy_write, SCOPE_VILLAGE, NULL,
     payment_in, ROUTE_WRITE, "subsidy.payment", "登记一笔发放（名单）"},
    {"POST", "/api/v1/public/subsidies/query", public_self_query, &perm_public, SCOPE_NONE, NULL,
     self_in, ROUTE_WRITE | ROUTE_NO_CSRF, "subsidy.self_query",
     "村民本人查询（身份证号 + 登记电话或户号）：显示本人记录，每次查询记入日志"},
    {"GET", "/p/{code}/subsidies", subsidy_html_list, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：惠民资金发放名单（打码）"},
    {"POST", "/p/{code}/subsidies/query", subsidy_html_query, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML | ROUTE_WRITE | ROUTE_NO_CSRF | ROUTE_RAW_BODY, "subsidy.self_query",
     "公开门户：村民本人查询（表单）"},
};

const struct module subsidy_module = {
    .name = "subsidy",
    .title = "惠民资金",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &subsidy_stmts,
    .tables = subsidy_tables,
    .ntables = SUBSIDY_T__MAX,
    .imports = subsidy_imports,
    .nimports = 2,
};
