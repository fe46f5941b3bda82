/*
 * The assets files of domain/formats.md: assets.csv, resources.csv,
 * contracts.csv and contract_bills.csv — their columns, loaders and exports
 * (the same layout, English headers, so that export → import round-trips) —
 * and the list of this module's import files, which places the trade module's
 * trades.csv between resources.csv and contracts.csv as formats.md orders
 * them.  A loader checks every row first and writes nothing if any is bad;
 * references a paper record may cite without a record here (subject_no,
 * trade_no, matter_no) are kept as given and reported as warnings.  It does
 * not apply the rules of a new contract (overlap, trade threshold, term): an
 * import records what was signed, and the red-flag rules judge it.
 */
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "core/keyset.h"
#include "core/money.h"
#include "core/rbac.h"
#include "org.h"
#include "perms.h"
#include "power.h"
#include "trade.h"
#include "modutil.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const asset_status[] = {"在用", "出租", "闲置", "处置", NULL};
static const char *const resource_kinds[] = {"耕地",   "林地",	   "园地", "水面",
					     "四荒地", "建设用地", "其他", NULL};

static const struct col_spec asset_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"asset_no", "资产编号", COL_TEXT, true},
    {"name", "名称", COL_TEXT, true},
    {"category", "类别", COL_TEXT, false},
    {"acquired_date", "取得日期", COL_DATE, true},
    {"original_value", "原值", COL_MONEY, true},
    {"location", "坐落", COL_TEXT, false},
    {"status", "状态", COL_ENUM, false, asset_status},
};

static const struct col_spec resource_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"resource_no", "资源编号", COL_TEXT, true},
    {"name", "名称", COL_TEXT, true},
    {"kind", "类型", COL_ENUM, true, resource_kinds},
    {"area_mu", "面积亩", COL_AREA_MU, true},
    {"location", "坐落", COL_TEXT, false},
};

static const struct col_spec contract_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"contract_no", "合同编号", COL_TEXT, true},
    {"subject_no", "标的编号", COL_TEXT, true},
    {"counterparty", "承包方", COL_TEXT, true},
    {"counterparty_id", "承包方证件号", COL_CREDIT_OR_IDNO, false},
    {"sign_date", "签订日期", COL_DATE, true},
    {"start_date", "起始日期", COL_DATE, true},
    {"end_date", "终止日期", COL_DATE, true},
    {"annual_rent", "年租金", COL_MONEY, true},
    {"area_mu", "面积亩", COL_AREA_MU, false},
    {"trade_no", "交易编号", COL_TEXT, false},
    {"matter_no", "决策事项编号", COL_TEXT, false},
};

static const struct col_spec bill_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"contract_no", "合同编号", COL_TEXT, true},
    {"due_date", "应收日期", COL_DATE, true},
    {"amount_due", "应收金额", COL_MONEY, true},
    {"paid_date", "实收日期", COL_DATE, false},
    {"amount_paid", "实收金额", COL_MONEY, false},
};

/* ---- shared helpers (trade_import.c uses them through assets.h) ------------------- */

bool assets_import_village(struct import_ctx *ic, const struct import_set *s,
			   const struct import_row *row, size_t col, struct import_report *rep,
			   int64_t *vid)
{
	const char *code = modutil_cell(row, col);
	if (!code)
		return false; /* already reported by the importer */
	enum err e = org_village_id(ic->tc->db, code, vid);
	if (e != E_OK) {
		import_report_add(rep, row->line, s->headers[col], code,
				  e == E_NOTFOUND ? "区划代码不在村居名册中" : "读取村居名册失败");
		return false;
	}
	if (ic->user && !rbac_village_allowed(ic->user, *vid)) {
		import_report_add(rep, row->line, s->headers[col], code,
				  "无权导入该村（居）的数据");
		return false;
	}
	return true;
}

enum err assets_export_table(struct db_conn *c, const struct principal *u, struct arena *a,
			     const struct db_stmts *set, unsigned st, const struct col_spec *cols,
			     size_t ncols, struct table *out)
{
	struct db_res *res;
	int64_t all = !u || u->all_villages ? 1 : 0;
	enum err e = db_exec(c, set, st, DB_PARAMS(DB_INT(all), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 64, n = 1;
	struct table_row *rows = ARENA_ARRAY(a, struct table_row, cap);
	rows[0].line = 1;
	rows[0].ncells = ncols;
	rows[0].cells = ARENA_ARRAY(a, char *, ncols);
	for (size_t k = 0; k < ncols; k++)
		rows[0].cells[k] = arena_strdup(a, cols[k].en);
	while (db_row(res)) {
		if (n == cap) {
			struct table_row *grown = ARENA_ARRAY(a, struct table_row, cap * 2);
			memcpy(grown, rows, n * sizeof(*rows));
			rows = grown;
			cap *= 2;
		}
		rows[n].line = n + 1;
		rows[n].ncells = ncols;
		rows[n].cells = ARENA_ARRAY(a, char *, ncols);
		for (size_t k = 0; k < ncols; k++) {
			int col = (int)k;
			char b[MONEY_BUF + 8];
			if (db_isnull(res, col)) {
				rows[n].cells[k] = arena_strdup(a, "");
				continue;
			}
			switch (cols[k].type) {
			case COL_MONEY:
				money_format(db_int(res, col), b);
				rows[n].cells[k] = arena_strdup(a, b);
				break;
			case COL_AREA_MU:
				assets_area_format(db_int(res, col), b);
				rows[n].cells[k] = arena_strdup(a, b);
				break;
			case COL_BOOL:
				rows[n].cells[k] = arena_strdup(a, db_int(res, col) ? "是" : "否");
				break;
			case COL_INT:
				rows[n].cells[k] =
				    arena_printf(a, "%lld", (long long)db_int(res, col));
				break;
			default:
				rows[n].cells[k] = db_text_dup(a, res, col);
			}
		}
		n++;
	}
	out->rows = rows;
	out->nrows = n;
	out->ncols_max = ncols;
	return db_done(res);
}

/* Run stmt (UPDATE … WHERE changed … RETURNING id, or INSERT … ON CONFLICT DO
 * NOTHING RETURNING id); *id is 0 when it returned no row. */
/* Update when changed, else insert when new, else count it unchanged; log. */
static enum err upsert(struct import_ctx *ic, struct import_report *rep, size_t line,
		       unsigned st_update, const struct db_val *pu, size_t nu, unsigned st_insert,
		       const struct db_val *pi, size_t ni, enum assets_table t, const char *what)
{
	int64_t id;
	enum err e = modutil_returning_id(ic, &assets_stmts, st_update, pu, nu, &id);
	if (e != E_OK)
		return modutil_db_failed(rep, line, e);
	const char *action = arena_printf(ic->arena, "%s.import_update", what);
	if (!id) {
		if ((e = modutil_returning_id(ic, &assets_stmts, st_insert, pi, ni, &id)) != E_OK)
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
	return modutil_log_row(ic, &assets_tables[t], id, action, rep);
}

/* Keys given twice in one file (ks: the keys of the rows before). */
static bool duplicate(struct keyset *ks, const struct import_set *s, size_t i, const int64_t *vids,
		      size_t col, struct import_report *rep)
{
	const char *no = modutil_cell(&s->rows[i], col);
	size_t j;
	if (!no || !keyset_seenf(ks, i, &j, "%lld\x1f%s", (long long)vids[i], no))
		return false;
	import_report_add(rep, s->rows[i].line, s->headers[col], no, "与第 %zu 行重复",
			  s->rows[j].line);
	return true;
}

/* ---- assets and resources ----------------------------------------------------------- */

static enum err load_assets(struct import_ctx *ic, const struct import_set *s,
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
		ok = !duplicate(&ks, s, i, vids, 1, rep) && ok;
		if (row->v[5].present && row->v[5].i < ASSETS_MIN_VALUE_FEN) {
			import_report_add(rep, row->line, s->headers[5], modutil_cell(row, 5),
					  "原值低于 500 元，不属于固定资产");
			ok = false;
		}
		struct db_res *res;
		if (modutil_cell(row, 1) &&
		    db_one(ic->tc->db, &assets_stmts, ASSETS_ST_RES_FIND,
			   DB_PARAMS(DB_INT(vids[i]), modutil_cell_text(row, 1)), &res) == E_OK) {
			db_done(res);
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  "编号已用于本村（居）的资源");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		const char *status = modutil_cell(row, 7) ? modutil_cell(row, 7) : "在用";
		struct db_val pu[] = {DB_INT(vids[i]),		 modutil_cell_text(row, 1),
				      modutil_cell_text(row, 2), modutil_cell_text(row, 3),
				      modutil_cell_text(row, 4), modutil_cell_int(row, 5),
				      modutil_cell_text(row, 6), DB_TEXT(status)};
		struct db_val pi[] = {DB_INT(vids[i]),
				      modutil_cell_text(row, 1),
				      modutil_cell_text(row, 2),
				      modutil_cell_text(row, 3),
				      modutil_cell_text(row, 4),
				      modutil_cell_int(row, 5),
				      DB_INT(assets_default_life_months(modutil_cell(row, 3))),
				      DB_INT(0),
				      modutil_cell_text(row, 6),
				      DB_TEXT(status),
				      DB_NULL};
		enum err e =
		    upsert(ic, rep, row->line, ASSETS_ST_ASSET_IMPORT_UPDATE, pu, NCOLS(pu),
			   ASSETS_ST_ASSET_INSERT, pi, NCOLS(pi), ASSETS_T_ASSETS, "asset");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

static enum err load_resources(struct import_ctx *ic, const struct import_set *s,
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
		ok = !duplicate(&ks, s, i, vids, 1, rep) && ok;
		struct db_res *res;
		if (modutil_cell(row, 1) &&
		    db_one(ic->tc->db, &assets_stmts, ASSETS_ST_ASSET_FIND,
			   DB_PARAMS(DB_INT(vids[i]), modutil_cell_text(row, 1)), &res) == E_OK) {
			db_done(res);
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  "编号已用于本村（居）的资产");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_val p[] = {DB_INT(vids[i]),		modutil_cell_text(row, 1),
				     modutil_cell_text(row, 2), modutil_cell_text(row, 3),
				     modutil_cell_int(row, 4),	modutil_cell_text(row, 5)};
		enum err e =
		    upsert(ic, rep, row->line, ASSETS_ST_RES_IMPORT_UPDATE, p, NCOLS(p),
			   ASSETS_ST_RES_INSERT, p, NCOLS(p), ASSETS_T_RESOURCES, "resource");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- contracts and bills ------------------------------------------------------------------ */

static void contract_warnings(struct import_ctx *ic, const struct import_set *s,
			      const struct import_row *row, int64_t vid, struct import_report *rep)
{
	struct assets_subject subj;
	struct trade_award w;
	if (assets_subject_find(ic->tc->db, ic->arena, vid, modutil_cell(row, 2), &subj) ==
	    E_NOTFOUND)
		import_report_warn(rep, row->line, s->headers[2], modutil_cell(row, 2),
				   "标的编号在本村（居）资产、资源台账中不存在（按原样保留）");
	if (modutil_cell(row, 10) &&
	    trade_award_find(ic->tc->db, ic->arena, vid, modutil_cell(row, 10), &w) == E_NOTFOUND)
		import_report_warn(rep, row->line, s->headers[10], modutil_cell(row, 10),
				   "交易编号在系统中不存在（按原样保留）");
	bool resolved = true;
	if (modutil_cell(row, 11) &&
	    power_matter_resolved(ic->tc->db, vid, modutil_cell(row, 11), "9999-12-31",
				  &resolved) == E_OK &&
	    !resolved)
		import_report_warn(rep, row->line, s->headers[11], modutil_cell(row, 11),
				   "决策事项编号在系统中不存在或没有决议（按原样保留）");
	struct trade_thresholds t;
	if (!modutil_cell(row, 10) && row->v[8].present && modutil_cell(row, 6) &&
	    modutil_cell(row, 7) && trade_thresholds_of_village(ic->tc->db, vid, &t) == E_OK &&
	    assets_value_reaches(row->v[8].i, modutil_cell(row, 6), modutil_cell(row, 7),
				 t.trade_threshold_fen))
		import_report_warn(rep, row->line, s->headers[10], NULL,
				   "合同价值达到%s进场交易标准，但没有交易编号", t.township);
}

static enum err load_contracts(struct import_ctx *ic, const struct import_set *s,
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
		ok = !duplicate(&ks, s, i, vids, 1, rep) && ok;
		const char *start = modutil_cell(row, 6), *end = modutil_cell(row, 7);
		if (start && end && strcmp(end, start) < 0) {
			import_report_add(rep, row->line, s->headers[7], end,
					  "终止日期早于起始日期 %s", start);
			ok = false;
		}
		if (row->v[8].present && row->v[8].i < 0) {
			import_report_add(rep, row->line, s->headers[8], modutil_cell(row, 8),
					  "年租金不能为负数");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		contract_warnings(ic, s, row, vids[i], rep);
		struct db_val p[] = {DB_INT(vids[i]),
				     modutil_cell_text(row, 1),
				     modutil_cell_text(row, 2),
				     modutil_cell_text(row, 3),
				     modutil_cell_text(row, 4),
				     modutil_cell_text(row, 5),
				     modutil_cell_text(row, 6),
				     modutil_cell_text(row, 7),
				     modutil_cell_int(row, 8),
				     modutil_cell_int(row, 9),
				     modutil_cell_text(row, 10),
				     modutil_cell_text(row, 11)};
		enum err e =
		    upsert(ic, rep, row->line, ASSETS_ST_CON_IMPORT_UPDATE, p, NCOLS(p),
			   ASSETS_ST_CON_INSERT, p, NCOLS(p), ASSETS_T_CONTRACTS, "contract");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

static enum err load_bills(struct import_ctx *ic, const struct import_set *s,
			   struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *cids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!assets_import_village(ic, s, row, 0, rep, &vids[i])) {
			ok = false;
			continue;
		}
		struct db_res *res;
		enum err e = db_one(ic->tc->db, &assets_stmts, ASSETS_ST_CON_FIND,
				    DB_PARAMS(DB_INT(vids[i]), modutil_cell_text(row, 1)), &res);
		if (e != E_OK) {
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  "合同编号在本村（居）合同台账（contracts.csv）中不存在");
			ok = false;
			continue;
		}
		cids[i] = db_int(res, 0);
		db_done(res);
		int64_t due = row->v[3].present ? row->v[3].i : 0;
		int64_t paid = row->v[5].present ? row->v[5].i : 0;
		if (due < 0 || paid < 0) {
			import_report_add(rep, row->line, s->headers[due < 0 ? 3 : 5], NULL,
					  "金额不能为负数");
			ok = false;
		} else if (paid > due) {
			import_report_add(rep, row->line, s->headers[5], modutil_cell(row, 5),
					  "实收金额超过应收金额 %s", modutil_cell(row, 3));
			ok = false;
		}
		size_t j;
		if (modutil_cell(row, 2) &&
		    keyset_seenf(&ks, i, &j, "%lld\x1f%s", (long long)cids[i],
				 modutil_cell(row, 2))) {
			import_report_add(rep, row->line, s->headers[2], modutil_cell(row, 2),
					  "与第 %zu 行重复", s->rows[j].line);
			ok = false;
		}
		/* A bill with receipts recorded against it says what they say. */
		if (db_one(ic->tc->db, &assets_stmts, ASSETS_ST_BILL_FIND,
			   DB_PARAMS(DB_INT(cids[i]), modutil_cell_text(row, 2)), &res) == E_OK) {
			int64_t bill = db_int(res, 0), had = db_int(res, 6);
			db_done(res);
			if (db_one(ic->tc->db, &assets_stmts, ASSETS_ST_BILL_PAYMENT_COUNT,
				   DB_PARAMS(DB_INT(bill)), &res) == E_OK) {
				int64_t npay = db_int(res, 0);
				db_done(res);
				if (npay && paid != had) {
					import_report_add(
					    rep, row->line, s->headers[5], modutil_cell(row, 5),
					    "该账单已登记收款明细，实收金额应为明细合计");
					ok = false;
				}
			}
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_val paid = DB_INT(row->v[5].present ? row->v[5].i : 0);
		struct db_val pu[] = {DB_INT(cids[i]), modutil_cell_text(row, 2),
				      modutil_cell_int(row, 3), modutil_cell_text(row, 4), paid};
		struct db_val pi[] = {DB_INT(vids[i]), modutil_cell_text(row, 2),
				      modutil_cell_int(row, 3), modutil_cell_text(row, 4), paid};
		struct db_val pins[] = {pi[0], DB_INT(cids[i]), pi[1], pi[2], pi[3], pi[4]};
		enum err e =
		    upsert(ic, rep, row->line, ASSETS_ST_BILL_IMPORT_UPDATE, pu, NCOLS(pu),
			   ASSETS_ST_BILL_INSERT, pins, NCOLS(pins), ASSETS_T_BILLS, "bill");
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- exports -------------------------------------------------------------------------------- */

#define EXPORT_FN(fn, st, cols)                                                                    \
	static enum err fn(struct app *app, struct db_conn *c, const struct principal *u,          \
			   struct arena *a, struct table *out, struct errinfo *ei)                 \
	{                                                                                          \
		(void)app;                                                                         \
		(void)ei;                                                                          \
		return assets_export_table(c, u, a, &assets_stmts, st, cols, NCOLS(cols), out);    \
	}

EXPORT_FN(export_assets, ASSETS_ST_ASSETS_EXPORT, asset_cols)
EXPORT_FN(export_resources, ASSETS_ST_RES_EXPORT, resource_cols)
EXPORT_FN(export_contracts, ASSETS_ST_CON_EXPORT, contract_cols)
EXPORT_FN(export_bills, ASSETS_ST_BILLS_EXPORT, bill_cols)

const struct import_file assets_imports[] = {
    {"assets.csv", "固定资产", asset_cols, NCOLS(asset_cols), &perm_assets_write, load_assets,
     export_assets},
    {"resources.csv", "资源", resource_cols, NCOLS(resource_cols), &perm_assets_write,
     load_resources, export_resources},
    {"trades.csv", "产权交易", trade_trade_cols, TRADE_TRADE_NCOLS, &perm_trade_write,
     trade_load_trades, trade_export_trades},
    {"contracts.csv", "合同", contract_cols, NCOLS(contract_cols), &perm_assets_write,
     load_contracts, export_contracts},
    {"contract_bills.csv", "合同账单", bill_cols, NCOLS(bill_cols), &perm_assets_write, load_bills,
     export_bills},
};
const size_t assets_nimports = NCOLS(assets_imports);
