/*
 * subsidy_standards.csv and subsidies.csv of domain/formats.md: columns,
 * loaders and exports (same layout, English headers, amounts in yuan, so that
 * export → import round-trips).  Imported payments are history: the red-flag
 * rules S01–S06 read them, the loader does not refuse them for it; but every
 * recipient must be on the people register, a programme named by a payment or
 * a standard is created when new, and a payment already on record is never
 * changed (the same row again is fine).  A loader checks every row first and
 * writes nothing if any is bad.
 */
#include <string.h>

#include "core/keyset.h"
#include "core/money.h"
#include "core/rbac.h"
#include "org.h"
#include "perms.h"
#include "subsidy.h"
#include "modutil.h"

static const struct col_spec std_cols[] = {
    {"programme", "补贴项目", COL_TEXT, true},
    {"year", "年度", COL_INT, true},
    {"max_amount", "每人每期上限", COL_MONEY, true},
};

static const struct col_spec pay_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"programme", "补贴项目", COL_TEXT, true},
    {"id_no", "身份证号", COL_IDNO, true},
    {"name", "姓名", COL_TEXT, true},
    {"period", "所属期", COL_PERIOD, true},
    {"amount", "金额", COL_MONEY, true},
    {"paid_date", "发放日期", COL_DATE, false},
    {"bank_account", "银行账号", COL_TEXT, false},
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static enum err fail_db(struct import_report *rep, size_t line, enum err e, const char *msg)
{
	import_report_add(rep, line, NULL, NULL, "写入数据库失败（%s）%s", err_default_msg(e),
			  msg ? msg : "");
	return e;
}

/* ---- subsidy_standards.csv ----------------------------------------------------------------- */

static enum err load_standards(struct import_ctx *ic, const struct import_set *s,
			       struct import_report *rep)
{
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (!modutil_cell(row, 0) || !row->v[1].present || !row->v[2].present) {
			ok = false;
			continue;
		}
		if (row->v[1].i < 1990 || row->v[1].i > 2100) {
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  "年度无效");
			ok = false;
		}
		if (row->v[2].i <= 0) {
			import_report_add(rep, row->line, s->headers[2], modutil_cell(row, 2),
					  "上限应大于零");
			ok = false;
		}
		for (size_t j = 0; j < i; j++)
			if (modutil_cell(&s->rows[j], 0) &&
			    strcmp(modutil_cell(&s->rows[j], 0), modutil_cell(row, 0)) == 0 &&
			    s->rows[j].v[1].i == row->v[1].i) {
				import_report_add(rep, row->line, s->headers[1],
						  modutil_cell(row, 1),
						  "同一项目同一年度在文件中重复");
				ok = false;
				break;
			}
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct errinfo ei = {0};
		int64_t pid;
		enum err e = subsidy_programme_id(ic->tc, modutil_cell(row, 0), true, &pid, &ei);
		if (e != E_OK)
			return fail_db(rep, row->line, e, ei.msg);
		struct db_res *res;
		e = db_one(ic->tc->db, &subsidy_stmts, SUBSIDY_ST_STD_FIND,
			   DB_PARAMS(DB_INT(pid), DB_INT(row->v[1].i)), &res);
		bool existed = e == E_OK;
		if (e == E_OK)
			db_done(res);
		else if (e != E_NOTFOUND)
			return fail_db(rep, row->line, e, NULL);
		e = db_one(ic->tc->db, &subsidy_stmts, SUBSIDY_ST_STD_UPSERT,
			   DB_PARAMS(DB_INT(pid), DB_INT(row->v[1].i), DB_INT(row->v[2].i)), &res);
		if (e == E_NOTFOUND) {
			ic->unchanged++;
			continue;
		}
		if (e != E_OK)
			return fail_db(rep, row->line, e, NULL);
		int64_t id = db_int(res, 0);
		db_done(res);
		if (existed)
			ic->updated++;
		else
			ic->inserted++;
		if ((e = trail_row(ic->tc, &subsidy_tables[SUBSIDY_T_STANDARDS], id,
				   existed ? "subsidy.standard_import_update"
					   : "subsidy.standard_import",
				   &ei)) != E_OK)
			return fail_db(rep, 0, e, ei.msg);
	}
	return E_OK;
}

/* ---- subsidies.csv ------------------------------------------------------------------------- */

struct prow {
	int64_t vid;	/* village */
	int64_t person; /* people.id */
	int64_t prog;	/* programme id, 0 = to be created */
	bool existing;	/* the same payment already on record */
};

static bool same_opt(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static enum err load_payments(struct import_ctx *ic, const struct import_set *s,
			      struct import_report *rep)
{
	struct prow *p = ARENA_ARRAY(ic->arena, struct prow, s->nrows + 1);
	bool ok = true;
	struct keyset ks = KEYSET_INIT; /* (village, person, programme, period) */
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		p[i].vid = -1 - (int64_t)i;
		if (!modutil_cell(row, 0) || !modutil_cell(row, 1) || !modutil_cell(row, 2) ||
		    !modutil_cell(row, 4) || !row->v[5].present) {
			ok = false;
			continue;
		}
		enum err e = org_village_id(ic->tc->db, modutil_cell(row, 0), &p[i].vid);
		if (e != E_OK) {
			import_report_add(rep, row->line, s->headers[0], modutil_cell(row, 0),
					  e == E_NOTFOUND ? "区划代码不在村居名册中"
							  : "读取村居名册失败");
			ok = false;
			continue;
		}
		if (ic->user && !rbac_village_allowed(ic->user, p[i].vid)) {
			import_report_add(rep, row->line, s->headers[0], modutil_cell(row, 0),
					  "无权导入该村（居）的数据");
			ok = false;
			continue;
		}
		if ((e = org_person_id(ic->tc->db, modutil_cell(row, 2), &p[i].person)) != E_OK) {
			import_report_add(rep, row->line, s->headers[2], modutil_cell(row, 2),
					  e == E_NOTFOUND ? "身份证号不在人员名册（people.csv）中"
							  : "读取人员名册失败");
			ok = false;
		}
		if (strchr(modutil_cell(row, 4), 'Q')) {
			import_report_add(rep, row->line, s->headers[4], modutil_cell(row, 4),
					  "补贴所属期应为 YYYY-MM 或 YYYY");
			ok = false;
		}
		if (row->v[5].i < 0) {
			import_report_add(rep, row->line, s->headers[5], modutil_cell(row, 5),
					  "金额不能为负数");
			ok = false;
		}
		if (keyset_seenf(&ks, i, NULL, "%lld\x1f%lld\x1f%s\x1f%s", (long long)p[i].vid,
				 (long long)p[i].person, modutil_cell(row, 1),
				 modutil_cell(row, 4))) {
			import_report_add(rep, row->line, s->headers[4], modutil_cell(row, 4),
					  "同一人同一项目同一所属期在文件中重复");
			ok = false;
		}
	}
	keyset_free(&ks);
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		enum err e = db_one(ic->tc->db, &subsidy_stmts, SUBSIDY_ST_PROG_FIND,
				    DB_PARAMS(DB_TEXT(modutil_cell(row, 1))), &res);
		if (e == E_OK) {
			p[i].prog = db_int(res, 0);
			db_done(res);
		} else if (e != E_NOTFOUND) {
			return fail_db(rep, row->line, e, NULL);
		}
		if (!p[i].prog)
			continue;
		e = db_one(ic->tc->db, &subsidy_stmts, SUBSIDY_ST_PAY_FIND,
			   DB_PARAMS(DB_INT(p[i].vid), DB_INT(p[i].prog), DB_INT(p[i].person),
				     DB_TEXT(modutil_cell(row, 4))),
			   &res);
		if (e == E_NOTFOUND)
			continue;
		if (e != E_OK)
			return fail_db(rep, row->line, e, NULL);
		bool same = strcmp(db_text(res, 1), modutil_cell(row, 3)) == 0 &&
			    db_int(res, 2) == row->v[5].i &&
			    same_opt(db_text(res, 3), modutil_cell(row, 6)) &&
			    same_opt(db_text(res, 4), modutil_cell(row, 7));
		db_done(res);
		if (!same) {
			import_report_add(rep, row->line, s->headers[4], modutil_cell(row, 4),
					  "该笔发放已登记，发放记录不能修改");
			ok = false;
		}
		p[i].existing = true;
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		if (p[i].existing) {
			ic->unchanged++;
			continue;
		}
		struct errinfo ei = {0};
		enum err e;
		if ((e = subsidy_programme_id(ic->tc, modutil_cell(row, 1), true, &p[i].prog,
					      &ei)) != E_OK)
			return fail_db(rep, row->line, e, ei.msg);
		struct db_res *res;
		if ((e = db_one(ic->tc->db, &subsidy_stmts, SUBSIDY_ST_PAY_INSERT,
				DB_PARAMS(DB_INT(p[i].vid), DB_INT(p[i].prog), DB_INT(p[i].person),
					  DB_TEXT(modutil_cell(row, 3)),
					  DB_TEXT(modutil_cell(row, 4)), DB_INT(row->v[5].i),
					  DB_TEXT(modutil_cell(row, 6)),
					  DB_TEXT(modutil_cell(row, 7))),
				&res)) != E_OK)
			return fail_db(rep, row->line, e, NULL);
		int64_t id = db_int(res, 0);
		db_done(res);
		ic->inserted++;
		if ((e = trail_row(ic->tc, &subsidy_tables[SUBSIDY_T_PAYMENTS], id,
				   "subsidy.payment_import", &ei)) != E_OK)
			return fail_db(rep, 0, e, ei.msg);
	}
	return E_OK;
}

/* ---- exports -------------------------------------------------------------------------------- */

static enum err table_of(struct db_res *res, struct arena *a, const struct col_spec *cols,
			 size_t ncols, int money_col, struct table *out)
{
	size_t cap = 64, n = 1;
	struct table_row *rows = ARENA_ARRAY(a, struct table_row, cap);
	rows[0] = (struct table_row){1, ncols, ARENA_ARRAY(a, char *, ncols)};
	for (size_t c = 0; c < ncols; c++)
		rows[0].cells[c] = arena_strdup(a, cols[c].en);
	while (db_row(res)) {
		if (n == cap) {
			struct table_row *g = ARENA_ARRAY(a, struct table_row, cap * 2);
			memcpy(g, rows, n * sizeof(*g));
			rows = g;
			cap *= 2;
		}
		rows[n] = (struct table_row){n + 1, ncols, ARENA_ARRAY(a, char *, ncols)};
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

static enum err export_standards(struct app *app, struct db_conn *c, const struct principal *u,
				 struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)u;
	(void)ei;
	struct db_res *res;
	enum err e = db_exec(c, &subsidy_stmts, SUBSIDY_ST_STD_EXPORT, DB_NOPARAMS, &res);
	if (e != E_OK)
		return e;
	return table_of(res, a, std_cols, NCOLS(std_cols), 2, out);
}

static enum err export_payments(struct app *app, struct db_conn *c, const struct principal *u,
				struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	struct db_res *res;
	int64_t all = !u || u->all_villages ? 1 : 0;
	enum err e = db_exec(c, &subsidy_stmts, SUBSIDY_ST_PAY_EXPORT,
			     DB_PARAMS(DB_INT(all), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	return table_of(res, a, pay_cols, NCOLS(pay_cols), 5, out);
}

const struct import_file subsidy_imports[] = {
    {"subsidy_standards.csv", "补贴发放标准", std_cols, NCOLS(std_cols), &perm_subsidy_admin,
     load_standards, export_standards},
    {"subsidies.csv", "惠民资金发放名单", pay_cols, NCOLS(pay_cols), &perm_subsidy_write,
     load_payments, export_payments},
};
const size_t subsidy_nimports = NCOLS(subsidy_imports);
