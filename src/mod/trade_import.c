/*
 * The trade files of domain/formats.md: trades.csv (listed by the assets
 * module between resources.csv and contracts.csv), projects.csv and bids.csv —
 * columns, loaders and exports in the same layout.  A loader checks every row
 * first and writes nothing if any is bad.  References a paper record may cite
 * without a record here (a listing's subject, a project's matter, a bid's
 * ref_no) are kept as given and reported as warnings; steps out of order are
 * imported as they happened (with a warning) because the red-flag rules are
 * there to see them.  An award below the reserve price is an error.
 */
#include <string.h>

#include "assets.h"
#include "core/keyset.h"
#include "perms.h"
#include "power.h"
#include "trade.h"
#include "modutil.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const project_kinds[] = {"工程", "货物", "服务", NULL};
static const char *const procurements[] = {"打包竞价", "公开招标", "竞争性比选", "直接委托", NULL};

const struct col_spec trade_trade_cols[TRADE_TRADE_NCOLS] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"trade_no", "交易编号", COL_TEXT, true},
    {"subject_no", "标的编号", COL_TEXT, true},
    {"listed_date", "挂牌日期", COL_DATE, true},
    {"closing_date", "截止日期", COL_DATE, true},
    {"reserve_price", "底价", COL_MONEY, true},
    {"final_price", "成交价", COL_MONEY, false},
    {"winner", "受让方", COL_TEXT, false},
    {"winner_id", "受让方证件号", COL_CREDIT_OR_IDNO, false},
};

static const struct col_spec project_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"project_no", "项目编号", COL_TEXT, true},
    {"name", "名称", COL_TEXT, true},
    {"kind", "类别", COL_ENUM, true, project_kinds},
    {"budget", "预算", COL_MONEY, true},
    {"procurement", "采购方式", COL_ENUM, true, procurements},
    {"matter_no", "决策事项编号", COL_TEXT, false},
    {"approved_date", "审批日期", COL_DATE, false},
    {"announced_date", "公告日期", COL_DATE, false},
    {"bid_date", "开标日期", COL_DATE, false},
    {"contract_date", "合同日期", COL_DATE, false},
    {"start_date", "开工日期", COL_DATE, false},
    {"accepted_date", "验收日期", COL_DATE, false},
    {"contractor", "承包方", COL_TEXT, false},
    {"contractor_id", "承包方证件号", COL_CREDIT_OR_IDNO, false},
    {"contract_amount", "合同金额", COL_MONEY, false},
};

static const struct col_spec bid_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"ref_no", "项目或交易编号", COL_TEXT, true},
    {"bidder", "投标人", COL_TEXT, true},
    {"bidder_id", "投标人证件号", COL_CREDIT_OR_IDNO, true},
    {"price", "报价", COL_MONEY, true},
    {"winner", "是否中标", COL_BOOL, false},
};

/* Update when changed, else insert when new, else count it unchanged; log. */
static enum err upsert(struct import_ctx *ic, struct import_report *rep, size_t line,
		       unsigned st_update, const struct db_val *pu, size_t nu, unsigned st_insert,
		       const struct db_val *pi, size_t ni, enum trade_table t, const char *what)
{
	int64_t id;
	enum err e = modutil_returning_id(ic, &trade_stmts, st_update, pu, nu, &id);
	if (e != E_OK)
		return modutil_db_failed(rep, line, e);
	const char *action = arena_printf(ic->arena, "%s.import_update", what);
	if (!id) {
		if ((e = modutil_returning_id(ic, &trade_stmts, st_insert, pi, ni, &id)) != E_OK)
			return modutil_db_failed(rep, line, e);
		if (!id) {
			ic->unchanged++;
			return E_OK;
		}
		action = arena_printf(ic->arena, "%s.import", what);
		ic->inserted++;
	} else {
		ic->updated++;
	}
	struct errinfo ei = {0};
	if ((e = trail_row(ic->tc, &trade_tables[t], id, action, &ei)) != E_OK)
		import_report_add(rep, 0, NULL, NULL, "写入日志失败：%s", ei.msg);
	return e;
}

/* The key (village, col[, col2]) given on an earlier row of the file (ks: the keys
 * of the rows before). */
static bool duplicate(struct keyset *ks, const struct import_set *s, size_t i, const int64_t *vids,
		      size_t col, size_t col2, struct import_report *rep)
{
	const char *a = modutil_cell(&s->rows[i], col),
		   *b = col2 ? modutil_cell(&s->rows[i], col2) : "";
	size_t j;
	if (!a || !b || !keyset_seenf(ks, i, &j, "%lld\x1f%s\x1f%s", (long long)vids[i], a, b))
		return false;
	import_report_add(rep, s->rows[i].line, s->headers[col], a, "与第 %zu 行重复",
			  s->rows[j].line);
	return true;
}

/* ---- trades.csv --------------------------------------------------------------------- */

enum err trade_load_trades(struct import_ctx *ic, const struct import_set *s,
			   struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!assets_import_village(ic, s, row, 0, rep, &vids[i])) {
			ok = false;
			continue;
		}
		ok = !duplicate(&ks, s, i, vids, 1, 0, rep) && ok;
		const char *listed = modutil_cell(row, 3), *closing = modutil_cell(row, 4);
		if (listed && closing && strcmp(closing, listed) < 0) {
			import_report_add(rep, row->line, s->headers[4], closing,
					  "截止日期早于挂牌日期 %s", listed);
			ok = false;
		}
		if (row->v[6].present && row->v[5].present && row->v[6].i < row->v[5].i) {
			import_report_add(rep, row->line, s->headers[6], modutil_cell(row, 6),
					  "成交价低于底价 %s", modutil_cell(row, 5));
			ok = false;
		}
		if (row->v[5].present && row->v[5].i < 0) {
			import_report_add(rep, row->line, s->headers[5], modutil_cell(row, 5),
					  "底价不能为负数");
			ok = false;
		}
		bool price = row->v[6].present, who = modutil_cell(row, 7) || modutil_cell(row, 8);
		if (price != who) {
			import_report_add(rep, row->line, s->headers[price ? 7 : 6], NULL,
					  "成交价与受让方应同时填写");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct assets_subject subj;
		if (assets_subject_find(ic->tc->db, ic->arena, vids[i], modutil_cell(row, 2),
					&subj) == E_NOTFOUND)
			import_report_warn(
			    rep, row->line, s->headers[2], modutil_cell(row, 2),
			    "标的编号在本村（居）资产、资源台账中不存在（按原样保留）");
		struct db_val pu[] = {DB_INT(vids[i]),		 modutil_cell_text(row, 1),
				      modutil_cell_text(row, 2), modutil_cell_text(row, 3),
				      modutil_cell_text(row, 4), modutil_cell_int(row, 5),
				      modutil_cell_int(row, 6),	 modutil_cell_text(row, 7),
				      modutil_cell_text(row, 8)};
		struct db_val pi[] = {DB_INT(vids[i]),
				      modutil_cell_text(row, 1),
				      modutil_cell_text(row, 2),
				      DB_NULL,
				      DB_NULL,
				      modutil_cell_text(row, 3),
				      modutil_cell_text(row, 4),
				      modutil_cell_int(row, 5),
				      DB_NULL,
				      DB_NULL,
				      DB_TEXT(row->v[6].present ? "成交" : "挂牌"),
				      modutil_cell_int(row, 6),
				      modutil_cell_text(row, 7),
				      modutil_cell_text(row, 8)};
		enum err e = upsert(ic, rep, row->line, TRADE_ST_TRADE_IMPORT_UPDATE, pu, NCOLS(pu),
				    TRADE_ST_TRADE_INSERT, pi, NCOLS(pi), TRADE_T_TRADES, "trade");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- projects.csv ------------------------------------------------------------------------ */

/* Dates present among approved … accepted (columns 7–12) out of order. */
static bool steps_out_of_order(const struct import_row *row)
{
	const char *prev = NULL;
	for (size_t c = 7; c <= 12; c++) {
		const char *d = modutil_cell(row, c);
		if (!d)
			continue;
		if (prev && strcmp(d, prev) < 0)
			return true;
		prev = d;
	}
	return false;
}

static enum err load_projects(struct import_ctx *ic, const struct import_set *s,
			      struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!assets_import_village(ic, s, row, 0, rep, &vids[i])) {
			ok = false;
			continue;
		}
		ok = !duplicate(&ks, s, i, vids, 1, 0, rep) && ok;
		for (size_t c = 4; c <= 15; c += 11)
			if (row->v[c].present && row->v[c].i < 0) {
				import_report_add(rep, row->line, s->headers[c],
						  modutil_cell(row, c), "金额不能为负数");
				ok = false;
			}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		bool resolved = true;
		if (modutil_cell(row, 6) &&
		    power_matter_resolved(ic->tc->db, vids[i], modutil_cell(row, 6), "9999-12-31",
					  &resolved) == E_OK &&
		    !resolved)
			import_report_warn(rep, row->line, s->headers[6], modutil_cell(row, 6),
					   "决策事项编号在系统中不存在或没有决议（按原样保留）");
		if (steps_out_of_order(row))
			import_report_warn(rep, row->line, NULL, NULL,
					   "审批、公告、开标、合同、开工、验收日期顺序颠倒");
		struct db_val pu[16];
		pu[0] = DB_INT(vids[i]);
		for (size_t c = 1; c < 16; c++)
			pu[c] = c == 4 || c == 15 ? modutil_cell_int(row, c)
						  : modutil_cell_text(row, c);
		struct db_val pi[] = {pu[0],  pu[1],   pu[2],  pu[3],  pu[4], pu[5],
				      pu[6],  DB_NULL, pu[7],  pu[8],  pu[9], pu[10],
				      pu[11], pu[12],  pu[13], pu[14], pu[15]};
		enum err e =
		    upsert(ic, rep, row->line, TRADE_ST_PROJ_IMPORT_UPDATE, pu, 16,
			   TRADE_ST_PROJ_INSERT, pi, NCOLS(pi), TRADE_T_PROJECTS, "project");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- bids.csv ------------------------------------------------------------------------------ */

static enum err load_bids(struct import_ctx *ic, const struct import_set *s,
			  struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!assets_import_village(ic, s, row, 0, rep, &vids[i])) {
			ok = false;
			continue;
		}
		ok = !duplicate(&ks, s, i, vids, 1, 3, rep) && ok;
		if (row->v[4].present && row->v[4].i < 0) {
			import_report_add(rep, row->line, s->headers[4], modutil_cell(row, 4),
					  "报价不能为负数");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		bool known = false;
		if (db_one(ic->tc->db, &trade_stmts, TRADE_ST_TRADE_FIND,
			   DB_PARAMS(DB_INT(vids[i]), modutil_cell_text(row, 1)), &res) == E_OK ||
		    db_one(ic->tc->db, &trade_stmts, TRADE_ST_PROJ_FIND,
			   DB_PARAMS(DB_INT(vids[i]), modutil_cell_text(row, 1)), &res) == E_OK) {
			known = true;
			db_done(res);
		}
		if (!known)
			import_report_warn(rep, row->line, s->headers[1], modutil_cell(row, 1),
					   "项目或交易编号在系统中不存在（按原样保留）");
		struct db_val winner = DB_INT(row->v[5].present ? row->v[5].i : 0);
		struct db_val pu[] = {DB_INT(vids[i]),		 modutil_cell_text(row, 1),
				      modutil_cell_text(row, 3), modutil_cell_text(row, 2),
				      modutil_cell_int(row, 4),	 winner};
		struct db_val pi[] = {DB_INT(vids[i]),
				      modutil_cell_text(row, 1),
				      DB_NULL,
				      modutil_cell_text(row, 2),
				      modutil_cell_text(row, 3),
				      modutil_cell_int(row, 4),
				      DB_NULL,
				      winner};
		enum err e = upsert(ic, rep, row->line, TRADE_ST_BID_IMPORT_UPDATE, pu, NCOLS(pu),
				    TRADE_ST_BID_INSERT, pi, NCOLS(pi), TRADE_T_BIDS, "bid");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- exports ----------------------------------------------------------------------------------
 */

enum err trade_export_trades(struct app *app, struct db_conn *c, const struct principal *u,
			     struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return assets_export_table(c, u, a, &trade_stmts, TRADE_ST_TRADES_EXPORT, trade_trade_cols,
				   TRADE_TRADE_NCOLS, out);
}

static enum err export_projects(struct app *app, struct db_conn *c, const struct principal *u,
				struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return assets_export_table(c, u, a, &trade_stmts, TRADE_ST_PROJECTS_EXPORT, project_cols,
				   NCOLS(project_cols), out);
}

static enum err export_bids(struct app *app, struct db_conn *c, const struct principal *u,
			    struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return assets_export_table(c, u, a, &trade_stmts, TRADE_ST_BIDS_EXPORT, bid_cols,
				   NCOLS(bid_cols), out);
}

const struct import_file trade_imports[] = {
    {"projects.csv", "小型项目", project_cols, NCOLS(project_cols), &perm_trade_write,
     load_projects, export_projects},
    {"bids.csv", "报价", bid_cols, NCOLS(bid_cols), &perm_trade_write, load_bids, export_bids},
};
const size_t trade_nimports = NCOLS(trade_imports);
