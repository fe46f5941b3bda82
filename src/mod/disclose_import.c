/*
 * disclosures.csv of domain/formats.md: its columns, its loader and its export
 * (same layout, English headers, amounts in yuan, so that export → import
 * round-trips).  An imported row is a publication the village already made
 * (status published, source 导入): the item must be in the township's
 * catalogue, the period must fit the item's frequency, and a publication
 * already on record is never changed — the same row again is fine, a different
 * one is an error (a correction is published in the system, naming what it
 * corrects).  The loader checks every row first and writes nothing if any is
 * bad.
 */
#include <string.h>

#include "core/datefmt.h"
#include "core/keyset.h"
#include "core/money.h"
#include "core/rbac.h"
#include "disclose.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

static const struct col_spec cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"item_code", "目录编号", COL_TEXT, true},
    {"period", "所属期", COL_PERIOD, true},
    {"published_date", "公开日期", COL_DATE, true},
    {"title", "标题", COL_TEXT, true},
    {"total_income", "收入合计", COL_MONEY, false},
    {"total_expense", "支出合计", COL_MONEY, false},
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

enum { C_VILLAGE, C_ITEM, C_PERIOD, C_DATE, C_TITLE, C_INCOME, C_EXPENSE };

static struct db_val val_fen(const struct import_row *row, size_t col)
{
	return row->v[col].present ? DB_INT(row->v[col].i) : DB_NULL;
}

struct prow {
	int64_t vid;			/* village */
	const struct disclose_item *it; /* catalogue item */
	char period[8];			/* normalised */
	char first[11], last[11];	/* period span */
	int64_t existing;		/* id of the same publication on record, 0 = new */
};

/* The township catalogue of a village, cached for the file. */
struct cat_cache {
	const char *township;	     /* last township looked up */
	struct disclose_item *items; /* its catalogue */
	size_t n;		     /* entries */
};

static enum err village_catalogue(struct import_ctx *ic, int64_t vid, struct cat_cache *cc,
				  struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(ic->tc->db, &disclose_stmts, DISCLOSE_ST_VILLAGE_TOWNSHIP,
			    DB_PARAMS(DB_INT(vid)), &res);
	if (e != E_OK)
		return e;
	bool same = cc->township && strcmp(cc->township, db_text(res, 0)) == 0;
	const char *t = same ? NULL : arena_strdup(ic->arena, db_text(res, 0));
	db_done(res);
	if (same)
		return E_OK;
	cc->township = t;
	return disclose_catalogue_load(ic->tc->db, ic->arena, t, &cc->items, &cc->n, ei);
}

static bool same_fen(const struct db_res *res, int col, const struct import_row *row, size_t c)
{
	if (db_isnull(res, col) || !row->v[c].present)
		return db_isnull(res, col) && !row->v[c].present;
	return db_int(res, col) == row->v[c].i;
}

static bool row_check(struct import_ctx *ic, const struct import_set *s, size_t i, struct prow *p,
		      struct cat_cache *cc, struct import_report *rep)
{
	const struct import_row *row = &s->rows[i];
	const char *code = modutil_cell(row, C_VILLAGE);
	if (!code || !modutil_cell(row, C_ITEM) || !modutil_cell(row, C_PERIOD) ||
	    !modutil_cell(row, C_DATE))
		return false; /* reported by the importer */
	enum err e = org_village_id(ic->tc->db, code, &p->vid);
	if (e != E_OK) {
		import_report_add(rep, row->line, s->headers[C_VILLAGE], code,
				  e == E_NOTFOUND ? "区划代码不在村居名册中" : "读取村居名册失败");
		return false;
	}
	if (ic->user && !rbac_village_allowed(ic->user, p->vid)) {
		import_report_add(rep, row->line, s->headers[C_VILLAGE], code,
				  "无权导入该村（居）的数据");
		return false;
	}
	struct errinfo ei = {0};
	if (village_catalogue(ic, p->vid, cc, &ei) != E_OK) {
		import_report_add(rep, row->line, NULL, NULL, "读取公开目录失败：%s", ei.msg);
		return false;
	}
	p->it = disclose_item_find(cc->items, cc->n, modutil_cell(row, C_ITEM));
	if (!p->it) {
		import_report_add(rep, row->line, s->headers[C_ITEM], modutil_cell(row, C_ITEM),
				  "目录编号不在公开目录中");
		return false;
	}
	bool ok = true;
	if (!disclose_period_check(p->it->frequency, modutil_cell(row, C_PERIOD), p->period,
				   p->first, p->last)) {
		import_report_add(rep, row->line, s->headers[C_PERIOD], modutil_cell(row, C_PERIOD),
				  "所属期与该事项的公开频次（%s）不符", p->it->frequency);
		ok = false;
	} else if (strcmp(modutil_cell(row, C_DATE), p->first) < 0) {
		import_report_add(rep, row->line, s->headers[C_DATE], modutil_cell(row, C_DATE),
				  "公开日期早于所属期开始（%s）", p->first);
		ok = false;
	}
	for (size_t c = C_INCOME; c <= C_EXPENSE; c++)
		if (row->v[c].present && row->v[c].i < 0) {
			import_report_add(rep, row->line, s->headers[c], modutil_cell(row, c),
					  "金额不能为负数");
			ok = false;
		}
	return ok;
}

static enum err load(struct import_ctx *ic, const struct import_set *s, struct import_report *rep)
{
	struct prow *p = ARENA_ARRAY(ic->arena, struct prow, s->nrows + 1);
	struct cat_cache cc = {0};
	bool ok = true;
	struct keyset ks = KEYSET_INIT; /* (village, item, period) of the rows before */
	for (size_t i = 0; i < s->nrows; i++) {
		if (!row_check(ic, s, i, &p[i], &cc, rep)) {
			ok = false;
			p[i].vid = -1 - (int64_t)i;
			continue;
		}
		if (keyset_seenf(&ks, i, NULL, "%lld\x1f%p\x1f%s", (long long)p[i].vid,
				 (const void *)p[i].it, p[i].period)) {
			import_report_add(rep, s->rows[i].line, s->headers[C_PERIOD], p[i].period,
					  "同一村、同一事项、同一所属期在文件中重复");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	/* A publication on record is never changed. */
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		enum err e = db_exec(
		    ic->tc->db, &disclose_stmts, DISCLOSE_ST_FIND_PUBLISHED,
		    DB_PARAMS(DB_INT(p[i].vid), DB_TEXT(p[i].it->code), DB_TEXT(p[i].period)),
		    &res);
		if (e != E_OK)
			return e;
		bool any = false, same = false;
		while (db_row(res)) { /* the newest publication stands */
			any = true;
			same = strcmp(db_text(res, 1), modutil_cell(row, C_DATE)) == 0 &&
			       strcmp(db_text(res, 2), modutil_cell(row, C_TITLE)) == 0 &&
			       same_fen(res, 3, row, C_INCOME) && same_fen(res, 4, row, C_EXPENSE);
			p[i].existing = db_int(res, 0);
		}
		if ((e = db_done(res)) != E_OK)
			return e;
		if (any && !same) {
			import_report_add(rep, row->line, s->headers[C_TITLE],
					  modutil_cell(row, C_TITLE),
					  "该公开已发布，已发布的公开不能修改；更正请在系统中发布"
					  "更正公开");
			ok = false;
		}
	}
	if (!ok)
		return E_INPUT;
	char ts[32];
	app_timestamp(ic->tc->now_us, ts);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (p[i].existing) {
			ic->unchanged++;
			continue;
		}
		char until[11];
		datefmt_add_days(modutil_cell(row, C_DATE), DISCLOSE_RETAIN_MIN, until);
		struct db_res *res;
		enum err e = db_one(
		    ic->tc->db, &disclose_stmts, DISCLOSE_ST_INSERT,
		    DB_PARAMS(DB_INT(p[i].vid), DB_TEXT(p[i].it->code), DB_TEXT(p[i].it->category),
			      DB_TEXT(p[i].period), DB_TEXT(p[i].first), DB_TEXT(p[i].last),
			      DB_TEXT(modutil_cell(row, C_TITLE)), DB_NULL, val_fen(row, C_INCOME),
			      val_fen(row, C_EXPENSE), DB_TEXT("published"), DB_TEXT("导入"),
			      DB_NULL, DB_TEXT("导入"), DB_TEXT(ts),
			      DB_TEXT(modutil_cell(row, C_DATE)), DB_TEXT(until), DB_TEXT("导入")),
		    &res);
		if (e != E_OK) {
			import_report_add(rep, row->line, NULL, NULL, "写入数据库失败（%s）",
					  err_default_msg(e));
			return e;
		}
		int64_t id = db_int(res, 0);
		db_done(res);
		struct errinfo ei = {0};
		if ((e = trail_row(ic->tc, &disclose_tables[DISCLOSE_T_DISCLOSURES], id,
				   "disclosure.import", &ei)) != E_OK) {
			import_report_add(rep, 0, NULL, NULL, "写入日志失败：%s", ei.msg);
			return e;
		}
		ic->inserted++;
	}
	return E_OK;
}

static enum err export_rows(struct app *app, struct db_conn *c, const struct principal *u,
			    struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	struct db_res *res;
	int64_t all = !u || u->all_villages ? 1 : 0;
	enum err e = db_exec(c, &disclose_stmts, DISCLOSE_ST_EXPORT,
			     DB_PARAMS(DB_INT(all), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 64, n = 1;
	struct table_row *rows = ARENA_ARRAY(a, struct table_row, cap);
	rows[0] = (struct table_row){1, NCOLS, ARENA_ARRAY(a, char *, NCOLS)};
	for (size_t k = 0; k < NCOLS; k++)
		rows[0].cells[k] = arena_strdup(a, cols[k].en);
	while (db_row(res)) {
		if (n == cap) {
			struct table_row *g = ARENA_ARRAY(a, struct table_row, cap * 2);
			memcpy(g, rows, n * sizeof(*g));
			rows = g;
			cap *= 2;
		}
		rows[n] = (struct table_row){n + 1, NCOLS, ARENA_ARRAY(a, char *, NCOLS)};
		for (size_t k = 0; k < NCOLS; k++) {
			char m[MONEY_BUF];
			if (db_isnull(res, (int)k)) {
				rows[n].cells[k] = arena_strdup(a, "");
			} else if (k >= C_INCOME) {
				money_format(db_int(res, (int)k), m);
				rows[n].cells[k] = arena_strdup(a, m);
			} else {
				rows[n].cells[k] = db_text_dup(a, res, (int)k);
			}
		}
		n++;
	}
	out->rows = rows;
	out->nrows = n;
	out->ncols_max = NCOLS;
	return db_done(res);
}

const struct import_file disclose_imports[] = {
    {"disclosures.csv", "三务公开记录", cols, NCOLS, &perm_disclose_write, load, export_rows},
};
const size_t disclose_nimports = sizeof(disclose_imports) / sizeof(disclose_imports[0]);
