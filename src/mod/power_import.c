/*
 * The power files of domain/formats.md: matters.csv and matter_steps.csv —
 * their columns, their loaders and their exports (same layout, English
 * headers, amounts in yuan, so that export → import round-trips).  Imported
 * matters are history as the village kept it: the 五议两公开 order and the
 * quorum are not enforced here (the red-flag rules M01–M04 read them), but a
 * step must name its matter, counts must be possible, and a step already
 * recorded is never changed (a changed row is an error).  A loader checks every
 * row first and writes nothing if any is bad.
 */
#include <string.h>

#include "core/keyset.h"
#include "core/money.h"
#include "core/rbac.h"
#include "org.h"
#include "perms.h"
#include "power.h"
#include "modutil.h"

static const char *const kinds[] = {"重大", "一般", NULL};

static const struct col_spec matter_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"matter_no", "事项编号", COL_TEXT, true},
    {"title", "事项名称", COL_TEXT, true},
    {"kind", "类别", COL_ENUM, true, kinds},
    {"amount", "涉及金额", COL_MONEY, false},
    {"proposed_date", "提议日期", COL_DATE, false},
};

static const struct col_spec step_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},	{"matter_no", "事项编号", COL_TEXT, true},
    {"step", "环节", COL_ENUM, true, power_wuyi_names}, {"date", "日期", COL_DATE, true},
    {"attendees", "到会人数", COL_INT, false},		{"members", "应到人数", COL_INT, false},
    {"votes_for", "同意人数", COL_INT, false},
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* Is (village, key) already on an earlier row of the file?  ks holds the keys
 * of the rows before; key has one or two columns. */
static bool repeated(struct keyset *ks, const struct import_set *s, const int64_t *vids, size_t i,
		     const size_t *key, size_t nkey)
{
	const char *a = modutil_cell(&s->rows[i], key[0]),
		   *b = nkey > 1 ? modutil_cell(&s->rows[i], key[1]) : "";
	return a && b && keyset_seenf(ks, i, NULL, "%lld\x1f%s\x1f%s", (long long)vids[i], a, b);
}

/* ---- matters.csv ------------------------------------------------------------------- */

static enum err load_matters(struct import_ctx *ic, const struct import_set *s,
			     struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT;
	static const size_t key[] = {1};
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!modutil_row_village(ic, s, row, 0, rep, &vids[i])) {
			ok = false;
			vids[i] = -1 - (int64_t)i;
			continue;
		}
		if (repeated(&ks, s, vids, i, key, 1)) {
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  "同一村（居）的事项编号在文件中重复");
			ok = false;
		}
		if (row->v[4].present && row->v[4].i < 0) {
			import_report_add(rep, row->line, s->headers[4], modutil_cell(row, 4),
					  "涉及金额不能为负数");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_val p[] = {DB_INT(vids[i]),
				     DB_TEXT(modutil_cell(row, 1)),
				     DB_TEXT(modutil_cell(row, 2)),
				     DB_TEXT(modutil_cell(row, 3)),
				     modutil_cell_int(row, 4),
				     DB_TEXT(modutil_cell(row, 5)),
				     DB_NULL};
		int64_t id;
		enum err e = modutil_returning_id(ic, &power_stmts, POWER_ST_MATTER_UPDATE_CHANGED,
						  p, 6, &id);
		if (e != E_OK)
			return modutil_db_failed(rep, row->line, e);
		const char *action = "matter.import_update";
		if (!id) {
			if ((e = modutil_returning_id(ic, &power_stmts, POWER_ST_MATTER_INSERT, p,
						      7, &id)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			action = "matter.import";
			if (!id) {
				ic->unchanged++;
				continue;
			}
			ic->inserted++;
		} else {
			ic->updated++;
		}
		if ((e = modutil_log_row(ic, &power_tables[POWER_T_MATTERS], id, action, rep)) !=
		    E_OK)
			return e;
	}
	return E_OK;
}

/* ---- matter_steps.csv ---------------------------------------------------------------- */

static bool same_int(const struct db_res *res, int col, const struct import_row *row, size_t c)
{
	if (db_isnull(res, col) || !row->v[c].present)
		return db_isnull(res, col) && !row->v[c].present;
	return db_int(res, col) == row->v[c].i;
}

static enum err load_steps(struct import_ctx *ic, const struct import_set *s,
			   struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *mids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT;
	static const size_t key[] = {1, 2};
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!modutil_row_village(ic, s, row, 0, rep, &vids[i])) {
			ok = false;
			vids[i] = -1 - (int64_t)i;
			continue;
		}
		struct db_res *res;
		enum err e =
		    db_one(ic->tc->db, &power_stmts, POWER_ST_MATTER_FIND,
			   DB_PARAMS(DB_INT(vids[i]), DB_TEXT(modutil_cell(row, 1))), &res);
		if (e == E_OK) {
			mids[i] = db_int(res, 0);
			db_done(res);
		} else {
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  e == E_NOTFOUND
					      ? "事项编号不在事项表（matters.csv）中，请先导入事项"
					      : "读取事项失败");
			ok = false;
		}
		if (repeated(&ks, s, vids, i, key, 2)) {
			import_report_add(rep, row->line, s->headers[2], modutil_cell(row, 2),
					  "同一事项的同一环节在文件中重复");
			ok = false;
		}
		for (size_t c = 4; c <= 6; c++)
			if (row->v[c].present && row->v[c].i < 0) {
				import_report_add(rep, row->line, s->headers[c],
						  modutil_cell(row, c), "人数不能为负数");
				ok = false;
			}
		const struct import_value *att = &row->v[4], *mem = &row->v[5], *yes = &row->v[6];
		if (att->present && mem->present && att->i > mem->i) {
			import_report_add(rep, row->line, s->headers[4], modutil_cell(row, 4),
					  "到会人数超过应到人数 %lld", (long long)mem->i);
			ok = false;
		}
		if (yes->present && att->present && yes->i > att->i) {
			import_report_add(rep, row->line, s->headers[6], modutil_cell(row, 6),
					  "同意人数超过到会人数 %lld", (long long)att->i);
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	/* A step already on record is a trace: the same row again is fine, a
	 * different one is refused. */
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		enum err e =
		    db_one(ic->tc->db, &power_stmts, POWER_ST_MSTEP_FIND,
			   DB_PARAMS(DB_INT(mids[i]), DB_TEXT(modutil_cell(row, 2))), &res);
		if (e == E_OK) {
			bool same = strcmp(db_text(res, 1), modutil_cell(row, 3)) == 0 &&
				    same_int(res, 2, row, 4) && same_int(res, 3, row, 5) &&
				    same_int(res, 4, row, 6);
			db_done(res);
			if (!same) {
				import_report_add(rep, row->line, s->headers[2],
						  modutil_cell(row, 2),
						  "该环节已有记录，环节记录不能修改");
				ok = false;
			}
		} else if (e != E_NOTFOUND) {
			return modutil_db_failed(rep, row->line, e);
		}
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		int64_t id;
		enum err e = modutil_returning_id(
		    ic, &power_stmts, POWER_ST_MSTEP_INSERT,
		    DB_PARAMS(DB_INT(vids[i]), DB_INT(mids[i]),
			      DB_INT(power_wuyi_index(modutil_cell(row, 2)) + 1),
			      DB_TEXT(modutil_cell(row, 2)), DB_TEXT(modutil_cell(row, 3)), DB_NULL,
			      modutil_cell_int(row, 5), modutil_cell_int(row, 4),
			      modutil_cell_int(row, 6), DB_NULL, DB_NULL, DB_NULL, DB_NULL,
			      DB_NULL),
		    &id);
		if (e != E_OK)
			return modutil_db_failed(rep, row->line, e);
		if (!id) {
			ic->unchanged++;
			continue;
		}
		ic->inserted++;
		if ((e = modutil_log_row(ic, &power_tables[POWER_T_MSTEPS], id,
					 "matter.import_step", rep)) != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- exports -------------------------------------------------------------------------- */

/* Rows of res as a text table under the English header; column money_col (or
 * none, -1) is written in yuan. */
static enum err table_of(struct db_res *res, struct arena *a, const struct col_spec *cols,
			 size_t ncols, int money_col, struct table *out)
{
	size_t cap = 64, n = 1;
	struct table_row *rows = ARENA_ARRAY(a, struct table_row, cap);
	rows[0].line = 1;
	rows[0].ncells = ncols;
	rows[0].cells = ARENA_ARRAY(a, char *, ncols);
	for (size_t c = 0; c < ncols; c++)
		rows[0].cells[c] = arena_strdup(a, cols[c].en);
	while (db_row(res)) {
		if (n == cap) {
			struct table_row *nr = ARENA_ARRAY(a, struct table_row, cap * 2);
			memcpy(nr, rows, n * sizeof(*rows));
			rows = nr;
			cap *= 2;
		}
		rows[n].line = n + 1;
		rows[n].ncells = ncols;
		rows[n].cells = ARENA_ARRAY(a, char *, ncols);
		for (size_t c = 0; c < ncols; c++) {
			char m[MONEY_BUF];
			if (db_isnull(res, (int)c)) {
				rows[n].cells[c] = arena_strdup(a, "");
			} else if ((int)c == money_col) {
				money_format(db_int(res, (int)c), m);
				rows[n].cells[c] = arena_strdup(a, m);
			} else if (db_coltype(res, (int)c) == DB_T_INT) {
				rows[n].cells[c] =
				    arena_printf(a, "%lld", (long long)db_int(res, (int)c));
			} else {
				rows[n].cells[c] = db_text_dup(a, res, (int)c);
			}
		}
		n++;
	}
	out->rows = rows;
	out->nrows = n;
	out->ncols_max = ncols;
	return db_done(res);
}

static enum err export_with(struct db_conn *c, const struct principal *u, struct arena *a,
			    unsigned st, const struct col_spec *cols, size_t ncols, int money_col,
			    struct table *out)
{
	struct db_res *res;
	int64_t all = !u || u->all_villages ? 1 : 0;
	enum err e =
	    db_exec(c, &power_stmts, st, DB_PARAMS(DB_INT(all), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	return table_of(res, a, cols, ncols, money_col, out);
}

static enum err export_matters(struct app *app, struct db_conn *c, const struct principal *u,
			       struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return export_with(c, u, a, POWER_ST_MATTERS_EXPORT, matter_cols, NCOLS(matter_cols), 4,
			   out);
}

static enum err export_steps(struct app *app, struct db_conn *c, const struct principal *u,
			     struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return export_with(c, u, a, POWER_ST_MSTEPS_EXPORT, step_cols, NCOLS(step_cols), -1, out);
}

const struct import_file power_imports[] = {
    {"matters.csv", "议事决策事项", matter_cols, NCOLS(matter_cols), &perm_power_write,
     load_matters, export_matters},
    {"matter_steps.csv", "议事决策环节", step_cols, NCOLS(step_cols), &perm_power_write, load_steps,
     export_steps},
};
const size_t power_nimports = NCOLS(power_imports);
