/*
 * Helpers shared by the business modules (see modutil.h).  Nothing here knows a
 * module's tables; the org lookups go through org.h like every other module's.
 */
#include "modutil.h"

#include <stdlib.h>

#include "core/json_out.h"
#include "core/rbac.h"
#include "org.h"

int64_t modutil_path_id(const struct req *r)
{
	const char *s = req_param(r, "id");
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 ? v : 0;
}

const char *modutil_query(const struct req *r, const char *name)
{
	const char *v = req_query(r, name);
	return v ? v : "";
}

enum err modutil_rows(struct req *r, const struct db_stmts *s, unsigned st, const struct db_val *p,
		      size_t n, json_t **items)
{
	struct db_res *res;
	enum err e = db_exec(r->db, s, st, p, n, &res);
	if (e != E_OK)
		return e;
	return json_rows(res, items);
}

enum err modutil_count(struct req *r, const struct db_stmts *s, unsigned st, const struct db_val *p,
		       size_t n, int64_t *total)
{
	struct db_res *res;
	enum err e = db_one(r->db, s, st, p, n, &res);
	if (e != E_OK)
		return e;
	*total = db_int(res, 0);
	return db_done(res);
}

const char *modutil_cell(const struct import_row *row, size_t col)
{
	return row->v[col].present ? row->v[col].text : NULL;
}

struct db_val modutil_cell_text(const struct import_row *row, size_t col)
{
	return DB_TEXT(modutil_cell(row, col));
}

struct db_val modutil_cell_int(const struct import_row *row, size_t col)
{
	return row->v[col].present ? DB_INT(row->v[col].i) : DB_NULL;
}

bool modutil_row_village(struct import_ctx *ic, const struct import_set *s,
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

bool modutil_row_person(struct import_ctx *ic, const struct import_set *s,
			const struct import_row *row, size_t col, struct import_report *rep,
			int64_t *pid)
{
	const char *id_no = modutil_cell(row, col);
	if (!id_no)
		return false;
	enum err e = org_person_id(ic->tc->db, id_no, pid);
	if (e != E_OK) {
		import_report_add(rep, row->line, s->headers[col], id_no,
				  e == E_NOTFOUND ? "身份证号不在人员名册（people.csv）中"
						  : "读取人员名册失败");
		return false;
	}
	return true;
}

enum err modutil_returning_id(struct import_ctx *ic, const struct db_stmts *s, unsigned st,
			      const struct db_val *p, size_t n, int64_t *id)
{
	struct db_res *res;
	*id = 0;
	enum err e = db_one(ic->tc->db, s, st, p, n, &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	return db_done(res);
}

enum err modutil_log_row(struct import_ctx *ic, const struct trail_table *t, int64_t id,
			 const char *action, struct import_report *rep)
{
	struct errinfo ei = {0};
	enum err e = trail_row(ic->tc, t, id, action, &ei);
	if (e != E_OK)
		import_report_add(rep, 0, NULL, NULL, "写入日志失败：%s", ei.msg);
	return e;
}

enum err modutil_export(struct db_conn *c, const struct db_stmts *s, unsigned st,
			const struct principal *u, const struct col_spec *cols, size_t ncols,
			struct arena *a, struct table *out)
{
	const char **header = ARENA_ARRAY(a, const char *, ncols);
	for (size_t i = 0; i < ncols; i++)
		header[i] = cols[i].en;
	struct db_res *res;
	int64_t all = !u || u->all_villages ? 1 : 0;
	enum err e = db_exec(c, s, st, DB_PARAMS(DB_INT(all), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	return org_table_from(res, a, header, ncols, out);
}

enum err modutil_db_failed(struct import_report *rep, size_t line, enum err e)
{
	import_report_add(rep, line, NULL, NULL, "写入数据库失败（%s）", err_default_msg(e));
	return e;
}
