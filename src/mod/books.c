/*
 * The books module's table: its routes (chart, sub-accounts, vouchers and the
 * approval chain, periods, reports, drill-down), its statements, logged tables
 * and import files, and the handlers of the chart and the periods.  Voucher
 * handlers are in books_api.c, reports in books_report.c, the rules they apply
 * in books_voucher.c, books_account.c and books_close.c, SQL in books_db.c.
 */
#include "books.h"

#include <string.h>

#include "books_api.h"
#include "core/csvio.h"
#include "core/datefmt.h"
#include "core/domain_data.h"
#include "core/json_out.h"
#include "perms.h"

static enum err fail_from(struct req *r, enum err e, const struct errinfo *ei)
{
	if (e != E_OK && ei->code != E_OK)
		r->err = *ei;
	return e;
}

/* ---- chart and sub-accounts ------------------------------------------------------- */

/* The standard chart as the binary carries it (also before the first write
 * has seeded the table). */
static enum err chart_get(struct req *r)
{
	const struct domain_file *f = domain_file_find("chart_of_accounts.csv");
	struct table t;
	enum err e =
	    f ? table_read_mem(&r->arena, f->name, f->data, f->len, &t, &r->err) : E_INTERNAL;
	if (e != E_OK)
		return e;
	json_t *items = json_array();
	for (size_t i = 1; i < t.nrows; i++) {
		char **c = t.rows[i].cells;
		if (t.rows[i].ncells < 6)
			continue;
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "chart",
						       BOOKS_CHART, "code", c[0], "name", c[1],
						       "parent_code", c[2], "direction", c[3],
						       "category", c[4], "tags", c[5]));
	}
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err accounts_list(struct req *r)
{
	struct db_res *res;
	json_t *items;
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_ACCOUNTS_OF_VILLAGE,
			     DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(r->village_id)), &res);
	if (e != E_OK || (e = json_rows(res, &items)) != E_OK)
		return e;
	if (json_array_size(items) == 0) {
		json_decref(items);
		return chart_get(r);
	}
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field account_in[] = {
    {"code", "科目代码", FT_STR, FIELD_REQUIRED, 12},
    {"name", "科目名称", FT_STR, FIELD_REQUIRED, 40},
    {"parent_code", "上级科目", FT_STR, FIELD_REQUIRED, 12},
    {0},
};

static enum err account_create(struct req *r)
{
	struct errinfo ei = {0};
	int64_t id;
	enum err e =
	    books_account_add(&r->tc, r->village_id, req_in_str(r, "code"), req_in_str(r, "name"),
			      req_in_str(r, "parent_code"), "account.create", &id, &ei);
	if (e != E_OK)
		return fail_from(r, e, &ei);
	return req_json(
	    r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "code", req_in_str(r, "code")));
}

/* ---- periods ------------------------------------------------------------------------- */

static enum err periods_list(struct req *r)
{
	struct db_res *res;
	json_t *items;
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_PERIODS_OF,
			     DB_PARAMS(DB_INT(r->village_id)), &res);
	if (e != E_OK || (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err period_close(struct req *r)
{
	char norm[DATEFMT_PERIOD_BUF], today[11];
	struct errinfo ei = {0};
	const char *p = req_param(r, "period");
	if (datefmt_period_parse(p, norm, NULL, NULL, &ei) != E_OK || strlen(norm) != 7)
		return req_fail(r, E_INPUT, "period.invalid", "period",
				"结账期间应为月份，例如 2026-05：%s", p);
	app_today(r->app, today);
	const char *by = r->user->display_name ? r->user->display_name : r->user->username;
	enum err e = books_period_close(&r->tc, r->village_id, norm, today, by, &ei);
	if (e != E_OK)
		return fail_from(r, e, &ei);
	return req_json(r, 200, json_pack("{s:s,s:b}", "period", norm, "closed", 1));
}

/* ---- routes ---------------------------------------------------------------------------- */

static const char *const pay_methods[] = {"现金", "转账", "其他", NULL};

#define VOUCHER_FIELDS                                                                             \
	{"date", "凭证日期", FT_DATE, FIELD_REQUIRED}, {"summary", "摘要", FT_STR, 0, 100},        \
	    {"voucher_no", "凭证号", FT_STR, 0, 12},                                               \
	    {"pay_method", "结算方式", FT_ENUM, 0, 0, pay_methods},                                \
	    {"matter_no", "决策事项编号", FT_STR, 0, 40},                                          \
	    {"project_no", "项目编号", FT_STR, 0, 40}, {"contract_no", "合同编号", FT_STR, 0, 40}, \
	{                                                                                          \
		"lines", "分录", FT_ARRAY, FIELD_REQUIRED                                          \
	}

static const struct field voucher_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    VOUCHER_FIELDS,
    {0},
};

static const struct field voucher_update_in[] = {
    VOUCHER_FIELDS,
    {0},
};

static const struct field comment_in[] = {
    {"comment", "审批意见", FT_STR, 0, 500},
    {0},
};

static const struct field reject_in[] = {
    {"comment", "退回理由", FT_STR, FIELD_REQUIRED, 500},
    {0},
};

static const struct field reverse_in[] = {
    {"date", "冲销日期", FT_DATE, 0},
    {"summary", "摘要", FT_STR, 0, 100},
    {0},
};

static const struct field empty_in[] = {
    {0},
};

#define V_ROUTE(m, path, fn, perm, in, flags, action, summary)                                     \
	{                                                                                          \
		m, "/api/v1/vouchers/{id}" path, fn, &perm, SCOPE_VILLAGE, books_voucher_village,  \
		    in, flags, action, summary                                                     \
	}
#define B_ROUTE(m, path, fn, perm, in, flags, action, summary)                                     \
	{                                                                                          \
		m, "/api/v1/books/{village}" path, fn, &perm, SCOPE_VILLAGE, NULL, in, flags,      \
		    action, summary                                                                \
	}

static const struct route routes[] = {
    {"GET", "/api/v1/books/chart", chart_get, &perm_books_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "标准会计科目表（2024 制度）"},
    B_ROUTE("GET", "/accounts", accounts_list, perm_books_read, NULL, 0, NULL,
	    "本村（居）科目表（含明细科目，leaf=1 为末级）"),
    B_ROUTE("POST", "/accounts", account_create, perm_books_write, account_in, ROUTE_WRITE,
	    "account.create", "增设明细科目"),
    B_ROUTE("GET", "/periods", periods_list, perm_books_read, NULL, 0, NULL, "已结账期间"),
    B_ROUTE("POST", "/periods/{period}/close", period_close, perm_books_post, empty_in, ROUTE_WRITE,
	    "period.close", "月末结账（12 月结账先做年末收益结转）"),
    B_ROUTE("GET", "/trial-balance", books_report_trial, perm_books_read, NULL, 0, NULL,
	    "科目余额表（period=2025-03|2025-Q1|2025，format=xlsx）"),
    B_ROUTE("GET", "/ledger", books_report_detail, perm_books_read, NULL, 0, NULL,
	    "明细账（account=科目代码, period）"),
    B_ROUTE("GET", "/cash-journal", books_report_cash, perm_books_read, NULL, 0, NULL,
	    "现金日记账（period）"),
    B_ROUTE("GET", "/bank-journal", books_report_bank, perm_books_read, NULL, 0, NULL,
	    "银行存款日记账（period）"),
    B_ROUTE("GET", "/balance-sheet", books_report_balance_sheet, perm_books_read, NULL, 0, NULL,
	    "资产负债表（period 的期末）"),
    B_ROUTE("GET", "/income", books_report_income, perm_books_read, NULL, 0, NULL,
	    "收益及收益分配表（period）"),
    B_ROUTE("GET", "/balances/check", books_report_balances_check, perm_books_read, NULL, 0, NULL,
	    "核对逐月余额与凭证重算是否一致"),
    {"GET", "/api/v1/township/books/{report}", books_report_township, &perm_books_read, SCOPE_LIST,
     NULL, NULL, 0, NULL,
     "全镇汇总（report=trial-balance|balance-sheet|income，period），只含本人可见的村"},
    {"GET", "/api/v1/book-lines", books_report_drill, &perm_books_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "穿透查询：某科目某期间的凭证分录（village, account, period|from,to, exclude_carry）"},
    {"GET", "/api/v1/vouchers", books_api_list, &perm_books_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "凭证列表（village, status, from, to, q）"},
    {"POST", "/api/v1/vouchers", books_api_create, &perm_books_write, SCOPE_VILLAGE, NULL,
     voucher_in, ROUTE_WRITE, "voucher.create", "填制凭证（草稿，分录金额为分）"},
    {"GET", "/api/v1/books/inbox", books_api_inbox, &perm_books_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "待我办理的凭证（审批环节、退回、待记账）"},
    V_ROUTE("GET", "", books_api_get, perm_books_read, NULL, 0, NULL,
	    "凭证详情（分录、审批记录、附件）"),
    V_ROUTE("PUT", "", books_api_update, perm_books_write, voucher_update_in, ROUTE_WRITE,
	    "voucher.update", "修改草稿或被退回的凭证（仅制单人）"),
    V_ROUTE("POST", "/submit", books_api_submit, perm_books_write, empty_in, ROUTE_WRITE,
	    "voucher.submit", "经办：制单人提交审批"),
    V_ROUTE("POST", "/approve", books_api_approve, perm_books_approve, comment_in, ROUTE_WRITE,
	    "voucher.approve", "审批通过当前环节（证明、监委会审核、书记审批、镇审核）"),
    V_ROUTE("POST", "/reject", books_api_reject, perm_books_approve, reject_in, ROUTE_WRITE,
	    "voucher.reject", "退回制单人"),
    V_ROUTE("POST", "/post", books_api_post, perm_books_post, empty_in, ROUTE_WRITE, "voucher.post",
	    "记账（审批完成后）"),
    V_ROUTE("POST", "/reverse", books_api_reverse, perm_books_post, reverse_in, ROUTE_WRITE,
	    "voucher.reverse", "红字冲销已记账凭证（生成冲销凭证草稿）"),
    V_ROUTE("POST", "/void", books_api_void, perm_books_write, empty_in, ROUTE_WRITE,
	    "voucher.void", "作废草稿（凭证号保留，不断号）"),
    V_ROUTE("POST", "/attachments", books_api_attach, perm_books_write, NULL,
	    ROUTE_WRITE | ROUTE_RAW_BODY, "voucher.attach", "上传附件（JPG/PNG/PDF 原始内容）"),
    V_ROUTE("GET", "/attachments/{aid}", books_api_attachment_get, perm_books_read, NULL, 0, NULL,
	    "下载附件"),
};

static enum err export_ledger(struct app *app, struct db_conn *c, const char *dir, FILE *out,
			      struct errinfo *ei)
{
	return books_export_ledger(app, c, dir, out, ei);
}

const struct module books_module = {
    .name = "books",
    .title = "村集体账务",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &books_stmts,
    .tables = books_tables,
    .ntables = BOOKS_T__MAX,
    .imports = books_imports,
    .nimports = 2,
    .export_extra = export_ledger,
};
