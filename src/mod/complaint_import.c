/*
 * complaints.csv of domain/formats.md: the columns, the loader (legacy
 * registers: no identity, no receipt code; the state follows the dates given)
 * and the export in the same layout.  The loader checks every row first and
 * writes nothing if any is bad.  A complaint already being handled in the
 * system is not overwritten by an import.  Log entries carry no words.
 */
#include <string.h>

#include "complaint.h"
#include "core/rbac.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

static const char *const channels[] = {"来信", "来访", "电话", "网络", "其他", NULL};
static const char *const outcomes[] = {"属实", "部分属实", "不属实", "其他", NULL};

enum {
	C_VILLAGE,
	C_REF,
	C_RECEIVED,
	C_CHANNEL,
	C_ANON,
	C_SUBJECT,
	C_CATEGORY,
	C_ACCEPTED,
	C_CONCLUDED,
	C_RESULT,
	C__N
};

static const struct col_spec cols[C__N] = {
    [C_VILLAGE] = {"village_code", "区划代码", COL_AREA_CODE, true},
    [C_REF] = {"ref", "编号", COL_TEXT, true},
    [C_RECEIVED] = {"received_date", "收到日期", COL_DATE, true},
    [C_CHANNEL] = {"channel", "渠道", COL_ENUM, true, channels},
    [C_ANON] = {"anonymous", "匿名", COL_BOOL, false},
    [C_SUBJECT] = {"subject", "反映事项", COL_TEXT, true},
    [C_CATEGORY] = {"category", "类别", COL_TEXT, false},
    [C_ACCEPTED] = {"accepted_date", "受理日期", COL_DATE, false},
    [C_CONCLUDED] = {"concluded_date", "办结日期", COL_DATE, false},
    [C_RESULT] = {"result", "办理结果", COL_TEXT, false},
};

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const char *outcome_of(const char *result)
{
	for (int i = 0; result && outcomes[i]; i++)
		if (strcmp(outcomes[i], result) == 0)
			return outcomes[i];
	return NULL;
}

/* What the dates say: state and the deadline running. */
struct derived {
	const char *state;    /* registered / accepted / closed */
	const char *decision; /* 受理 when accepted */
	const char *due_code; /* running deadline or NULL */
	char due[11];	      /* its due date */
};

static bool derive(const struct workdays_cal *cal, const struct import_row *row, struct derived *d)
{
	const char *acc = modutil_cell(row, C_ACCEPTED), *con = modutil_cell(row, C_CONCLUDED);
	memset(d, 0, sizeof(*d));
	if (con) {
		d->state = "closed";
		d->decision = "受理";
		return true;
	}
	d->state = acc ? "accepted" : "registered";
	d->decision = acc ? "受理" : NULL;
	d->due_code = acc ? "conclude" : "accept";
	const struct complaint_deadline *dl = complaint_deadline_find(d->due_code);
	return dl && complaint_deadline_due(cal, dl, acc ? acc : modutil_cell(row, C_RECEIVED), 0,
					    d->due);
}

static enum err load(struct import_ctx *ic, const struct import_set *s, struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		const char *code = modutil_cell(row, C_VILLAGE);
		if (code) {
			enum err e = org_village_id(ic->tc->db, code, &vids[i]);
			if (e != E_OK) {
				import_report_add(rep, row->line, s->headers[C_VILLAGE], code,
						  "区划代码不在村居名册中");
				ok = false;
			} else if (ic->user && !rbac_village_allowed(ic->user, vids[i])) {
				import_report_add(rep, row->line, s->headers[C_VILLAGE], code,
						  "无权导入该村（居）的数据");
				ok = false;
			}
		}
		const char *rec = modutil_cell(row, C_RECEIVED),
			   *acc = modutil_cell(row, C_ACCEPTED);
		const char *con = modutil_cell(row, C_CONCLUDED);
		if (rec && acc && strcmp(acc, rec) < 0) {
			import_report_add(rep, row->line, s->headers[C_ACCEPTED], acc,
					  "受理日期早于收到日期 %s", rec);
			ok = false;
		}
		if (con && !acc) {
			import_report_add(rep, row->line, s->headers[C_CONCLUDED], con,
					  "有办结日期却没有受理日期");
			ok = false;
		} else if (con && acc && strcmp(con, acc) < 0) {
			import_report_add(rep, row->line, s->headers[C_CONCLUDED], con,
					  "办结日期早于受理日期 %s", acc);
			ok = false;
		}
	}
	if (!ok)
		return E_INPUT;
	struct workdays_cal cal;
	struct errinfo ei = {0};
	enum err e = complaint_calendar(ic->tc->db, ic->arena, &cal, &ei);
	if (e != E_OK) {
		import_report_add(rep, 0, NULL, NULL, "读取节假日失败：%s", ei.msg);
		return e;
	}
	/* Second pass: a complaint being handled in the system is not overwritten. */
	int64_t *ids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		e = db_one(ic->tc->db, &complaint_stmts, CP_ST_FIND,
			   DB_PARAMS(DB_INT(vids[i]), DB_TEXT(modutil_cell(row, C_REF))), &res);
		if (e == E_NOTFOUND)
			continue;
		if (e != E_OK)
			return e;
		ids[i] = db_int(res, 0);
		db_done(res);
		if ((e = db_one(ic->tc->db, &complaint_stmts, CP_ST_ROW, DB_PARAMS(DB_INT(ids[i])),
				&res)) != E_OK)
			return e;
		const char *state = db_text(res, CC_STATE);
		if (strcmp(state, "registered") != 0 && strcmp(state, "accepted") != 0 &&
		    strcmp(state, "closed") != 0) {
			import_report_add(rep, row->line, s->headers[C_REF],
					  modutil_cell(row, C_REF),
					  "该信访件正在系统中办理，不能用导入覆盖");
			ok = false;
		}
		db_done(res);
	}
	if (!ok)
		return E_INPUT;

	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct derived d;
		if (!derive(&cal, row, &d)) {
			import_report_add(rep, row->line, NULL, NULL, "时限计算失败");
			return E_INTERNAL;
		}
		const char *con = modutil_cell(row, C_CONCLUDED),
			   *acc = modutil_cell(row, C_ACCEPTED);
		const char *result = modutil_cell(row, C_RESULT),
			   *category = modutil_cell(row, C_CATEGORY);
		int64_t anon = row->v[C_ANON].present ? row->v[C_ANON].i : 0;
		struct db_res *res;
		int64_t id = ids[i];
		const char *action;
		char salt[33], digest[65];
		if (id) {
			if ((e = db_one(ic->tc->db, &complaint_stmts, CP_ST_ROW,
					DB_PARAMS(DB_INT(id)), &res)) != E_OK)
				return e;
			bool unchanged =
			    same(db_text(res, CC_RECEIVED), modutil_cell(row, C_RECEIVED)) &&
			    same(db_text(res, CC_CHANNEL), modutil_cell(row, C_CHANNEL)) &&
			    db_int(res, CC_ANONYMOUS) == anon &&
			    same(db_text(res, CC_SUBJECT), modutil_cell(row, C_SUBJECT)) &&
			    same(db_text(res, CC_CATEGORY), category) &&
			    same(db_text(res, CC_ACCEPTED), acc) &&
			    same(db_text(res, CC_CONCLUDED), con) &&
			    same(db_text(res, CC_RESULT), result);
			snprintf(salt, sizeof(salt), "%s", db_text(res, CC_TEXT_SALT));
			char *content = db_text_dup(ic->arena, res, CC_CONTENT);
			db_done(res);
			if (unchanged) {
				ic->unchanged++;
				continue;
			}
			complaint_digest(
			    salt,
			    arena_printf(ic->arena, "%s\x1f%s\x1f%s\x1f%s",
					 modutil_cell(row, C_SUBJECT), content ? content : "",
					 category ? category : "", result ? result : ""),
			    digest);
			if ((e = db_exec(
				 ic->tc->db, &complaint_stmts, CP_ST_SET_IMPORT,
				 DB_PARAMS(DB_INT(id), DB_TEXT(modutil_cell(row, C_RECEIVED)),
					   DB_TEXT(modutil_cell(row, C_CHANNEL)), DB_INT(anon),
					   DB_TEXT(modutil_cell(row, C_SUBJECT)), DB_TEXT(category),
					   DB_TEXT(acc), DB_TEXT(con), DB_TEXT(result),
					   DB_TEXT(digest), DB_TEXT(d.state), DB_TEXT(d.decision),
					   DB_TEXT(acc), DB_TEXT(outcome_of(result)), DB_TEXT(con),
					   DB_TEXT(d.due_code), DB_TEXT(d.due_code ? d.due : NULL)),
				 NULL)) != E_OK)
				return e;
			ic->updated++;
			action = "complaint.import_update";
		} else {
			complaint_salt_new(ic->app, salt);
			complaint_digest(salt,
					 arena_printf(ic->arena, "%s\x1f\x1f%s\x1f%s",
						      modutil_cell(row, C_SUBJECT),
						      category ? category : "",
						      result ? result : ""),
					 digest);
			if ((e = db_one(
				 ic->tc->db, &complaint_stmts, CP_ST_INSERT,
				 DB_PARAMS(DB_INT(vids[i]), DB_TEXT(modutil_cell(row, C_REF)),
					   DB_TEXT("xinfang"),
					   DB_TEXT(modutil_cell(row, C_CHANNEL)), DB_INT(anon),
					   DB_TEXT(category), DB_TEXT(modutil_cell(row, C_SUBJECT)),
					   DB_NULL, DB_TEXT(result), DB_TEXT(salt), DB_TEXT(digest),
					   DB_NULL, DB_NULL, DB_NULL, DB_NULL,
					   DB_TEXT(modutil_cell(row, C_RECEIVED)), DB_TEXT(d.state),
					   DB_TEXT(d.decision), DB_TEXT(acc), DB_TEXT(acc),
					   DB_TEXT(con), DB_TEXT(outcome_of(result)), DB_TEXT(con),
					   DB_TEXT(d.due_code), DB_TEXT(d.due_code ? d.due : NULL)),
				 &res)) != E_OK) {
				import_report_add(rep, row->line, NULL, NULL,
						  "写入数据库失败（%s）", err_default_msg(e));
				return e;
			}
			id = db_int(res, 0);
			db_done(res);
			ic->inserted++;
			action = "complaint.import";
		}
		struct errinfo lei = {0};
		if ((e = trail_row(ic->tc, &complaint_tables[CP_T_COMPLAINTS], id, action, &lei)) !=
		    E_OK) {
			import_report_add(rep, 0, NULL, NULL, "写入日志失败：%s", lei.msg);
			return e;
		}
	}
	return E_OK;
}

static enum err export_rows(struct app *app, struct db_conn *c, const struct principal *u,
			    struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	const char *header[C__N];
	for (size_t i = 0; i < C__N; i++)
		header[i] = cols[i].en;
	struct db_res *res;
	int64_t all = !u || u->all_villages ? 1 : 0;
	enum err e = db_exec(
	    c, &complaint_stmts, CP_ST_EXPORT,
	    DB_PARAMS(DB_INT(all), DB_INT(u ? u->id : 0), DB_INT(u ? u->person_id : 0)), &res);
	if (e != E_OK)
		return e;
	return org_table_from(res, a, header, C__N, out);
}

const struct import_file complaint_imports[] = {
    {"complaints.csv", "信访举报", cols, C__N, &perm_complaint_manage, load, export_rows},
};
const size_t complaint_nimports = 1;
