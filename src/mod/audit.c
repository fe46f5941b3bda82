/*
 * The audit module's HTTP face: plans (一年一审 generated for every village's
 * secretary, 离任审计 for the cadres who left office, special audits), reports,
 * findings handed over to rectification, the list of departed 书记/主任 still
 * owing a 离任审计, and audits.csv.  SQL is in audit_db.c.  A reported audit
 * is never re-planned, and findings come only after the report.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "core/datefmt.h"
#include "core/json_out.h"
#include "org.h"
#include "perms.h"
#include "rectify.h"
#include "modutil.h"

#define DEPARTURE_AUDIT_DAYS 90 /* rules.md K03 departure_audit_days */

static const char *const kinds[] = {"年度", "离任", "专项", NULL};
static const char *const topics[] = {"土地征用", "债权债务", "承包上交", "一事一议",
				     "群众反映", "其他",     NULL};

static struct db_val opt_id(int64_t id)
{
	return id ? DB_INT(id) : DB_NULL;
}

struct aud {
	int64_t id;		  /* audits.id */
	int64_t village_id;	  /* its village */
	int64_t findings;	  /* 问题数 */
	const char *ref;	  /* 编号 */
	const char *kind;	  /* 年度 / 离任 / 专项 */
	const char *report;	  /* 报告日期 or NULL */
	const char *period_to;	  /* 截止期 or NULL */
	const char *village_code; /* 区划代码 */
};

static enum err aud_load(struct req *r, int64_t id, struct aud *a)
{
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &audit_stmts, AU_ST_ROW, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "audit.not_found", NULL, "审计项目不存在");
	if (e != E_OK)
		return e;
	a->id = db_int(res, 0);
	a->village_id = db_int(res, 1);
	a->village_code = db_text_dup(&r->arena, res, 2);
	a->ref = db_text_dup(&r->arena, res, 4);
	a->kind = db_text_dup(&r->arena, res, 5);
	a->period_to = db_text_dup(&r->arena, res, 10);
	a->report = db_text_dup(&r->arena, res, 13);
	a->findings = db_int(res, 15);
	return db_done(res);
}

static enum err audit_village(struct req *r, int64_t *vid)
{
	struct aud a = {0};
	enum err e = aud_load(r, modutil_path_id(r), &a);
	if (e == E_OK)
		*vid = a.village_id;
	return e;
}

/* Did the person hold one of posts in the village (code) during [from, to]
 * (to NULL: ever), having left (end_date set) when must_have_left? */
static enum err held_post(struct req *r, int64_t pid, const char *code, const char *const *posts,
			  const char *from, const char *to, bool must_have_left, bool *held)
{
	struct db_res *res;
	*held = false;
	enum err e =
	    db_exec(r->db, &org_stmts, ORG_ST_POSITIONS_OF_PERSON, DB_PARAMS(DB_INT(pid)), &res);
	if (e != E_OK)
		return e;
	while (db_row(res)) {
		const char *vc = db_text(res, 1), *post = db_text(res, 3);
		const char *start = db_text(res, 4), *end = db_text(res, 5);
		bool post_ok = false;
		for (int i = 0; posts[i]; i++)
			post_ok = post_ok || strcmp(posts[i], post) == 0;
		if (!post_ok || strcmp(vc, code) != 0)
			continue;
		if (must_have_left && !end)
			continue;
		if (to && strcmp(start, to) > 0)
			continue;
		if (from && end && strcmp(end, from) < 0)
			continue;
		*held = true;
	}
	return db_done(res);
}

/* ---- lists ------------------------------------------------------------------------- */

static enum err list(struct req *r)
{
	int64_t limit, offset;
	req_paging(r, &limit, &offset);
	struct db_val p[8] = {
	    DB_INT(req_scope_all(r)),
	    DB_INT(req_scope_user(r)),
	    DB_TEXT(modutil_query(r, "village")),
	    DB_TEXT(modutil_query(r, "kind")),
	    DB_TEXT(modutil_query(r, "year")),
	    DB_INT(req_query_int(r, "unreported", 0) ? 1 : 0),
	    DB_INT(limit),
	    DB_INT(offset),
	};
	struct db_res *res;
	enum err e = db_one(r->db, &audit_stmts, AU_ST_COUNT, p, 6, &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &audit_stmts, AU_ST_LIST, p, 8, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

/* 书记 and 主任 who left office and have no reported 离任审计 (K03). */
static enum err departures(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	json_t *items;
	enum err e = db_exec(
	    r->db, &audit_stmts, AU_ST_DEPARTURES,
	    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(today)), &res);
	if (e != E_OK || (e = json_rows(res, &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *end = json_string_value(json_object_get(it, "end_date"));
		int64_t since = datefmt_days(today) - datefmt_days(end);
		json_object_set_new(it, "days_since", json_integer(since));
		json_object_set_new(it, "overdue", json_boolean(since > DEPARTURE_AUDIT_DAYS));
	}
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err get(struct req *r)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e = db_one(r->db, &audit_stmts, AU_ST_ROW, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res), *f;
	db_done(res);
	if ((e = db_exec(r->db, &audit_stmts, AU_ST_FINDINGS_OF, DB_PARAMS(DB_INT(id)), &res)) !=
		E_OK ||
	    (e = json_rows(res, &f)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "finding_list", f);
	return req_json(r, 200, json_pack("{s:o}", "audit", o));
}

/* ---- plans ------------------------------------------------------------------------- */

static enum err insert_audit(struct req *r, struct trail_ctx *tc, int64_t vid, const char *ref,
			     const char *kind, const char *topic, int64_t pid, const char *from,
			     const char *to, const char *planned, const char *auditor, int64_t *id)
{
	char gen[32];
	struct db_res *res;
	enum err e;
	if (!ref) {
		char prefix[16];
		snprintf(prefix, sizeof(prefix), "SJ%.4s-", planned);
		if ((e = db_one(tc->db, &audit_stmts, AU_ST_REF_COUNT,
				DB_PARAMS(DB_INT(vid), DB_TEXT(prefix)), &res)) != E_OK)
			return e;
		snprintf(gen, sizeof(gen), "%s%04lld", prefix, (long long)db_int(res, 0) + 1);
		db_done(res);
		ref = gen;
	}
	e = db_one(tc->db, &audit_stmts, AU_ST_INSERT,
		   DB_PARAMS(DB_INT(vid), DB_TEXT(ref), DB_TEXT(kind), DB_OPT(topic), opt_id(pid),
			     DB_OPT(from), DB_OPT(to), DB_OPT(planned), DB_OPT(auditor), DB_NULL,
			     DB_NULL),
		   &res);
	if (e == E_NOTFOUND || e == E_CONFLICT)
		return req_fail(r, E_CONFLICT, "audit.exists", "ref", "审计编号 %s 已存在", ref);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	return trail_row(tc, &audit_tables[AU_T_AUDITS], *id, "audit.plan", &r->err);
}

static const struct field create_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"ref", "编号", FT_STR, 0, 32},
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, kinds},
    {"topic", "专项审计事项", FT_ENUM, 0, 0, topics},
    {"subject_id_no", "被审计人身份证号", FT_IDNO, 0},
    {"period_from", "起始期", FT_DATE, 0},
    {"period_to", "截止期", FT_DATE, 0},
    {"planned_date", "计划日期", FT_DATE, 0},
    {"auditor", "审计单位", FT_STR, 0, 60},
    {0},
};

static enum err create(struct req *r)
{
	static const char *const secretary[] = {"书记", NULL};
	static const char *const leaders[] = {"书记", "主任", NULL};
	const char *kind = req_in_str(r, "kind"), *topic = req_in_str(r, "topic");
	const char *from = req_in_str(r, "period_from"), *to = req_in_str(r, "period_to");
	const char *id_no = req_in_str(r, "subject_id_no"), *code = req_in_str(r, "village_code");
	char today[11];
	app_today(r->app, today);
	const char *planned = req_in_str(r, "planned_date");
	if (!planned)
		planned = today;
	if (from && to && strcmp(from, to) > 0)
		return req_fail(r, E_INPUT, "audit.period", "period_to", "截止期早于起始期");
	bool special = strcmp(kind, "专项") == 0;
	if (special && !topic)
		return req_fail(r, E_INPUT, "audit.topic", "topic", "专项审计请选择审计事项");
	if (!special && !id_no)
		return req_fail(r, E_INPUT, "audit.subject", "subject_id_no",
				"%s审计须指定被审计人", kind);
	if (strcmp(kind, "年度") == 0 && (!from || !to))
		return req_fail(r, E_INPUT, "audit.period", "period_from",
				"年度审计须写明审计期间");
	int64_t pid = 0;
	enum err e;
	if (id_no) {
		e = org_person_id(r->db, id_no, &pid);
		if (e == E_NOTFOUND)
			return req_fail(r, E_INPUT, "audit.subject_unknown", "subject_id_no",
					"被审计人不在人员名册中");
		if (e != E_OK)
			return e;
		bool held;
		if (strcmp(kind, "年度") == 0) {
			if ((e = held_post(r, pid, code, secretary, from, to, false, &held)) !=
			    E_OK)
				return e;
			if (!held)
				return req_fail(r, E_RULE, "audit.not_secretary", "subject_id_no",
						"被审计人在审计期间不是该村（居）书记");
		} else if (strcmp(kind, "离任") == 0) {
			if ((e = held_post(r, pid, code, leaders, NULL, NULL, true, &held)) != E_OK)
				return e;
			if (!held)
				return req_fail(r, E_RULE, "audit.not_departed", "subject_id_no",
						"被审计人没有该村（居）书记或主任的离任记录");
		}
	}
	int64_t id;
	if ((e = insert_audit(r, &r->tc, r->village_id, req_in_str(r, "ref"), kind, topic, pid,
			      from, to, planned, req_in_str(r, "auditor"), &id)) != E_OK)
		return e;
	struct aud a = {0};
	if ((e = aud_load(r, id, &a)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "ref", a.ref));
}

static const struct field annual_in[] = {
    {"year", "年度", FT_INT, FIELD_REQUIRED},
    {"auditor", "审计单位", FT_STR, 0, 60},
    {0},
};

/* 一年一审: for every village, a 年度 audit of the year's secretary (the one
 * who held the post last in that year), unless one covers the year already. */
static enum err annual_plan(struct req *r)
{
	int64_t year = req_in_int(r, "year");
	char today[11];
	app_today(r->app, today);
	if (year < 2000 || year > atoi(today))
		return req_fail(r, E_INPUT, "audit.year", "year", "年度应在 2000 至 %.4s 之间",
				today);
	char from[11], to[11], ref[16];
	snprintf(from, sizeof(from), "%04d-01-01", (int)year);
	snprintf(to, sizeof(to), "%04d-12-31", (int)year);
	snprintf(ref, sizeof(ref), "NS%04d", (int)year);
	struct db_res *res;
	enum err e = db_exec(r->db, &audit_stmts, AU_ST_SECRETARIES,
			     DB_PARAMS(DB_TEXT(from), DB_TEXT(to)), &res);
	if (e != E_OK)
		return e;
	struct row {
		int64_t vid, pid; /* village, secretary */
	} rows[1024];		  /* a township's villages; more are planned by the next call */
	size_t n = 0;
	while (db_row(res) && n < 1024) {
		int64_t vid = db_int(res, 0);
		if (n && rows[n - 1].vid == vid)
			continue; /* the latest secretary of the year comes first */
		rows[n].vid = vid;
		rows[n].pid = db_int(res, 2);
		n++;
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	json_t *created = json_array();
	for (size_t i = 0; i < n; i++) {
		e = db_one(r->db, &audit_stmts, AU_ST_ANNUAL_EXISTS,
			   DB_PARAMS(DB_INT(rows[i].vid), DB_TEXT(from), DB_TEXT(to)), &res);
		if (e == E_OK) {
			db_done(res);
			continue;
		}
		int64_t id;
		if (e != E_NOTFOUND ||
		    (e = insert_audit(r, &r->tc, rows[i].vid, ref, "年度", NULL, rows[i].pid, from,
				      to, today, req_in_str(r, "auditor"), &id)) != E_OK) {
			json_decref(created);
			return e;
		}
		json_array_append_new(created, json_integer(id));
	}
	return req_json(r, 200,
			json_pack("{s:I,s:o}", "created", (json_int_t)json_array_size(created),
				  "ids", created));
}

/* ---- reports and findings ---------------------------------------------------------- */

static const struct field report_in[] = {
    {"report_date", "报告日期", FT_DATE, FIELD_REQUIRED},
    {"summary", "审计结论", FT_STR, FIELD_REQUIRED, 5000},
    {0},
};

static enum err report(struct req *r)
{
	struct aud a = {0};
	enum err e = aud_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	if (a.report)
		return req_fail(r, E_CONFLICT, "audit.reported", "report_date",
				"审计报告已于 %s 登记", a.report);
	char today[11];
	app_today(r->app, today);
	const char *date = req_in_str(r, "report_date");
	if (strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "audit.future", "report_date", "报告日期不能晚于今天");
	if (a.period_to && strcmp(date, a.period_to) < 0)
		return req_fail(r, E_RULE, "audit.report_early", "report_date",
				"报告日期早于审计期间截止日 %s", a.period_to);
	if ((e = db_exec(r->db, &audit_stmts, AU_ST_REPORT,
			 DB_PARAMS(DB_INT(a.id), DB_TEXT(date), DB_TEXT(req_in_str(r, "summary"))),
			 NULL)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &audit_tables[AU_T_AUDITS], a.id, "audit.report", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s}", "id", (json_int_t)a.id, "report_date", date));
}

static const struct field finding_in[] = {
    {"description", "问题描述", FT_STR, FIELD_REQUIRED, 2000},
    {"amount", "涉及金额", FT_MONEY, 0},
    {"owner", "整改责任人", FT_STR, FIELD_REQUIRED, 40},
    {"deadline", "整改时限", FT_DATE, FIELD_REQUIRED},
    {"measures", "整改措施", FT_STR, 0, 2000},
    {0},
};

static enum err finding(struct req *r)
{
	struct aud a = {0};
	enum err e = aud_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	if (!a.report)
		return req_fail(r, E_RULE, "audit.unreported", NULL,
				"请先登记审计报告，再登记审计发现的问题");
	char today[11];
	app_today(r->app, today);
	const char *deadline = req_in_str(r, "deadline");
	if (strcmp(deadline, today) < 0)
		return req_fail(r, E_RULE, "audit.deadline_past", "deadline", "整改时限早于今天");
	struct db_res *res;
	if ((e = db_one(r->db, &audit_stmts, AU_ST_FINDING_NEXT, DB_PARAMS(DB_INT(a.id)), &res)) !=
	    E_OK)
		return e;
	int64_t seq = db_int(res, 0);
	db_done(res);
	char *source_ref = arena_printf(&r->arena, "%s#%lld", a.ref, (long long)seq);
	struct rectify_new n = {a.village_id,
				"审计",
				source_ref,
				req_in_str(r, "description"),
				req_in_str(r, "owner"),
				0,
				deadline,
				req_in_str(r, "measures"),
				today};
	int64_t rid;
	bool created;
	if ((e = rectify_task_create(&r->tc, &n, &rid, &created, &r->err)) != E_OK)
		return e;
	struct db_val amount = req_in_has(r, "amount") ? DB_INT(req_in_fen(r, "amount")) : DB_NULL;
	if ((e = db_one(r->db, &audit_stmts, AU_ST_FINDING_INSERT,
			DB_PARAMS(DB_INT(a.village_id), DB_INT(a.id), DB_INT(seq),
				  DB_TEXT(req_in_str(r, "description")), amount, DB_INT(rid)),
			&res)) != E_OK)
		return e;
	int64_t fid = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &audit_tables[AU_T_FINDINGS], fid, "audit.finding", &r->err)) !=
	    E_OK)
		return e;
	if (seq > a.findings) {
		if ((e = db_exec(r->db, &audit_stmts, AU_ST_SET_FINDINGS,
				 DB_PARAMS(DB_INT(a.id), DB_INT(seq)), NULL)) != E_OK ||
		    (e = trail_row(&r->tc, &audit_tables[AU_T_AUDITS], a.id, "audit.finding",
				   &r->err)) != E_OK)
			return e;
	}
	return req_json(r, 201,
			json_pack("{s:I,s:I,s:I}", "id", (json_int_t)fid, "seq", (json_int_t)seq,
				  "rectification_id", (json_int_t)rid));
}

/* ---- audits.csv ------------------------------------------------------------------- */

enum { I_VILLAGE, I_REF, I_KIND, I_SUBJECT, I_FROM, I_TO, I_REPORT, I_FINDINGS, I__N };

static const struct col_spec cols[I__N] = {
    [I_VILLAGE] = {"village_code", "区划代码", COL_AREA_CODE, true},
    [I_REF] = {"ref", "编号", COL_TEXT, true},
    [I_KIND] = {"kind", "类型", COL_ENUM, true, kinds},
    [I_SUBJECT] = {"subject_id_no", "被审计人身份证号", COL_IDNO, false},
    [I_FROM] = {"period_from", "起始期", COL_DATE, false},
    [I_TO] = {"period_to", "截止期", COL_DATE, false},
    [I_REPORT] = {"report_date", "报告日期", COL_DATE, false},
    [I_FINDINGS] = {"findings", "问题数", COL_INT, false},
};

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static enum err load(struct import_ctx *ic, const struct import_set *s, struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *pids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		const char *code = modutil_cell(row, I_VILLAGE),
			   *id_no = modutil_cell(row, I_SUBJECT);
		if (code && org_village_id(ic->tc->db, code, &vids[i]) != E_OK) {
			import_report_add(rep, row->line, s->headers[I_VILLAGE], code,
					  "区划代码不在村居名册中");
			ok = false;
		} else if (code && ic->user && !rbac_village_allowed(ic->user, vids[i])) {
			import_report_add(rep, row->line, s->headers[I_VILLAGE], code,
					  "无权导入该村（居）的数据");
			ok = false;
		}
		if (id_no && org_person_id(ic->tc->db, id_no, &pids[i]) != E_OK) {
			import_report_add(rep, row->line, s->headers[I_SUBJECT], id_no,
					  "身份证号不在人员名册（people.csv）中");
			ok = false;
		}
		const char *kind = modutil_cell(row, I_KIND);
		if (kind && strcmp(kind, "专项") != 0 && !id_no) {
			import_report_add(rep, row->line, s->headers[I_SUBJECT], NULL,
					  "%s审计须填写被审计人身份证号", kind);
			ok = false;
		}
		const char *from = modutil_cell(row, I_FROM), *to = modutil_cell(row, I_TO);
		if (from && to && strcmp(from, to) > 0) {
			import_report_add(rep, row->line, s->headers[I_TO], to,
					  "截止期早于起始期 %s", from);
			ok = false;
		}
		if (row->v[I_FINDINGS].present && row->v[I_FINDINGS].i < 0) {
			import_report_add(rep, row->line, s->headers[I_FINDINGS],
					  modutil_cell(row, I_FINDINGS), "问题数不能为负");
			ok = false;
		}
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		struct db_val findings =
		    row->v[I_FINDINGS].present ? DB_INT(row->v[I_FINDINGS].i) : DB_NULL;
		enum err e =
		    db_one(ic->tc->db, &audit_stmts, AU_ST_FIND,
			   DB_PARAMS(DB_INT(vids[i]), DB_TEXT(modutil_cell(row, I_REF))), &res);
		int64_t id = 0;
		const char *action;
		if (e == E_OK) {
			id = db_int(res, 0);
			bool unchanged = same(db_text(res, 1), modutil_cell(row, I_KIND)) &&
					 db_int(res, 2) == pids[i] &&
					 same(db_text(res, 3), modutil_cell(row, I_FROM)) &&
					 same(db_text(res, 4), modutil_cell(row, I_TO)) &&
					 same(db_text(res, 5), modutil_cell(row, I_REPORT)) &&
					 db_isnull(res, 6) == !row->v[I_FINDINGS].present &&
					 db_int(res, 6) == row->v[I_FINDINGS].i;
			db_done(res);
			if (unchanged) {
				ic->unchanged++;
				continue;
			}
			if ((e = db_exec(ic->tc->db, &audit_stmts, AU_ST_SET_IMPORT,
					 DB_PARAMS(DB_INT(id), DB_TEXT(modutil_cell(row, I_KIND)),
						   opt_id(pids[i]),
						   DB_TEXT(modutil_cell(row, I_FROM)),
						   DB_TEXT(modutil_cell(row, I_TO)),
						   DB_TEXT(modutil_cell(row, I_REPORT)), findings),
					 NULL)) != E_OK)
				return e;
			ic->updated++;
			action = "audit.import_update";
		} else if (e == E_NOTFOUND) {
			if ((e = db_one(
				 ic->tc->db, &audit_stmts, AU_ST_INSERT,
				 DB_PARAMS(DB_INT(vids[i]), DB_TEXT(modutil_cell(row, I_REF)),
					   DB_TEXT(modutil_cell(row, I_KIND)), DB_NULL,
					   opt_id(pids[i]), DB_TEXT(modutil_cell(row, I_FROM)),
					   DB_TEXT(modutil_cell(row, I_TO)), DB_NULL, DB_NULL,
					   DB_TEXT(modutil_cell(row, I_REPORT)), findings),
				 &res)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			id = db_int(res, 0);
			db_done(res);
			ic->inserted++;
			action = "audit.import";
		} else {
			return e;
		}
		if ((e = modutil_log_row(ic, &audit_tables[AU_T_AUDITS], id, action, rep)) != E_OK)
			return e;
	}
	return E_OK;
}

static enum err export_rows(struct app *app, struct db_conn *c, const struct principal *u,
			    struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return modutil_export(c, &audit_stmts, AU_ST_EXPORT, u, cols, I__N, a, out);
}

static const struct import_file imports[] = {
    {"audits.csv", "审计", cols, I__N, &perm_audit_write, load, export_rows},
};

/* ---- the route table -------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/api/v1/audits", list, &perm_audit_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "审计项目（village, kind, year, unreported=1）"},
    {"GET", "/api/v1/audits/departures", departures, &perm_audit_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "已离任、尚无离任审计报告的书记和主任"},
    {"POST", "/api/v1/audits/annual-plan", annual_plan, &perm_audit_write, SCOPE_NONE, NULL,
     annual_in, ROUTE_WRITE | ROUTE_NO_LOG, "audit.plan", "生成一年一审计划（每村书记）"},
    {"POST", "/api/v1/audits", create, &perm_audit_write, SCOPE_VILLAGE, NULL, create_in,
     ROUTE_WRITE, "audit.plan", "安排审计（年度、离任、专项）"},
    {"GET", "/api/v1/audits/{id}", get, &perm_audit_read, SCOPE_VILLAGE, audit_village, NULL, 0,
     NULL, "审计详情与发现的问题"},
    {"POST", "/api/v1/audits/{id}/report", report, &perm_audit_write, SCOPE_VILLAGE, audit_village,
     report_in, ROUTE_WRITE, "audit.report", "登记审计报告"},
    {"POST", "/api/v1/audits/{id}/findings", finding, &perm_audit_write, SCOPE_VILLAGE,
     audit_village, finding_in, ROUTE_WRITE, "audit.finding", "登记审计发现的问题（自动交办整改）"},
};

const struct module audit_module = {
    .name = "audit",
    .title = "审计",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &audit_stmts,
    .tables = audit_tables,
    .ntables = AU_T__MAX,
    .imports = imports,
    .nimports = 1,
};
