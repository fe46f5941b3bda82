/*
 * The discipline module's HTTP face: cases by the four forms with their
 * sub-kinds (a table, checked on every write), outcomes, and statistics by
 * village and form.  Every route needs perm_discipline (镇纪委 only); the
 * person a case is about never sees it, whatever their role.  SQL is in
 * discipline_db.c.  A decided case is not edited in place.
 */
#include "discipline.h"

#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "core/json_out.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

/* The sub-kinds of each form, as the 监督执纪工作规则 name them. */
static const char *const form_kinds[5][6] = {
    [1] = {"谈话提醒", "批评教育", "责令检查", "诫勉", NULL},
    [2] = {"警告", "严重警告", "组织调整", NULL},
    [3] = {"撤销党内职务", "留党察看", "开除党籍", "重大职务调整", NULL},
    [4] = {"追究刑事责任", NULL},
};
static const char *const form_labels[5] = {NULL, "第一种形态", "第二种形态", "第三种形态",
					   "第四种形态"};
static const char *const decide_states[] = {"decided", "revoked", NULL};

bool discipline_kind_valid(int form, const char *kind)
{
	if (form < 1 || form > 4 || !kind)
		return false;
	for (int i = 0; form_kinds[form][i]; i++)
		if (strcmp(form_kinds[form][i], kind) == 0)
			return true;
	return false;
}

static int64_t my_person(const struct req *r)
{
	return r->user ? r->user->person_id : 0;
}

/* village_of for {id}: a case about the user is answered as absent. */
static enum err case_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e = id ? db_one(r->db, &discipline_stmts, DC_ST_GET, DB_PARAMS(DB_INT(id)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "discipline.not_found", NULL, "案件不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	int64_t person = db_int(res, 3);
	db_done(res);
	if (person && person == my_person(r))
		return req_fail(r, E_NOTFOUND, "discipline.not_found", NULL, "案件不存在");
	return E_OK;
}

static void add_labels(json_t *items)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_int_t f = json_integer_value(json_object_get(it, "form"));
		if (f >= 1 && f <= 4)
			json_object_set_new(it, "form_label", json_string(form_labels[f]));
	}
}

static enum err list(struct req *r)
{
	int64_t limit, offset;
	req_paging(r, &limit, &offset);
	const char *year = modutil_query(r, "year");
	struct db_val p[8] = {
	    DB_INT(req_scope_all(r)),
	    DB_INT(req_scope_user(r)),
	    DB_INT(my_person(r)),
	    DB_TEXT(modutil_query(r, "village")),
	    DB_INT(req_query_int(r, "form", 0)),
	    DB_TEXT(year),
	    DB_INT(limit),
	    DB_INT(offset),
	};
	struct db_res *res;
	enum err e = db_one(r->db, &discipline_stmts, DC_ST_COUNT, p, 6, &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &discipline_stmts, DC_ST_LIST, p, 8, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	add_labels(items);
	return req_list(r, items, total);
}

/* By village and form, plus the township totals per form. */
static enum err stats(struct req *r)
{
	struct db_res *res;
	json_t *rows;
	enum err e = db_exec(r->db, &discipline_stmts, DC_ST_STATS,
			     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				       DB_INT(my_person(r)), DB_TEXT(modutil_query(r, "year"))),
			     &res);
	if (e != E_OK || (e = json_rows(res, &rows)) != E_OK)
		return e;
	add_labels(rows);
	json_int_t by_form[5] = {0};
	size_t i;
	json_t *it;
	json_array_foreach(rows, i, it)
	{
		json_int_t f = json_integer_value(json_object_get(it, "form"));
		if (f >= 1 && f <= 4)
			by_form[f] += json_integer_value(json_object_get(it, "total"));
	}
	json_t *forms = json_array();
	for (int f = 1; f <= 4; f++)
		json_array_append_new(forms, json_pack("{s:i,s:s,s:I}", "form", f, "form_label",
						       form_labels[f], "total", by_form[f]));
	return req_json(r, 200, json_pack("{s:o,s:o}", "by_village", rows, "by_form", forms));
}

static enum err get(struct req *r)
{
	struct db_res *res;
	enum err e = db_one(r->db, &discipline_stmts, DC_ST_ROW,
			    DB_PARAMS(DB_INT(modutil_path_id(r))), &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	json_int_t f = json_integer_value(json_object_get(o, "form"));
	if (f >= 1 && f <= 4)
		json_object_set_new(o, "form_label", json_string(form_labels[f]));
	return req_json(r, 200, json_pack("{s:o}", "case", o));
}

static const struct field create_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"id_no", "当事人身份证号", FT_IDNO, FIELD_REQUIRED},
    {"form", "形态", FT_INT, FIELD_REQUIRED},
    {"kind", "处理方式", FT_STR, FIELD_REQUIRED, 20},
    {"opened_date", "立案（启动）日期", FT_DATE, FIELD_REQUIRED},
    {"complaint_ref", "来源信访件编号", FT_STR, 0, 32},
    {"note", "案情摘要", FT_STR, 0, 2000},
    {0},
};

static enum err create(struct req *r)
{
	int64_t form = req_in_int(r, "form");
	const char *kind = req_in_str(r, "kind");
	if (form < 1 || form > 4)
		return req_fail(r, E_INPUT, "discipline.form", "form", "形态应为 1 至 4");
	if (!discipline_kind_valid((int)form, kind))
		return req_fail(r, E_RULE, "discipline.kind_form", "kind", "“%s”不属于%s", kind,
				form_labels[form]);
	char today[11];
	app_today(r->app, today);
	const char *opened = req_in_str(r, "opened_date");
	if (strcmp(opened, today) > 0)
		return req_fail(r, E_INPUT, "discipline.future", "opened_date", "日期不能晚于今天");
	int64_t pid, cid = 0;
	const char *id_no = req_in_str(r, "id_no");
	enum err e = org_person_id(r->db, id_no, &pid);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "discipline.person_unknown", "id_no",
				"当事人不在人员名册中");
	if (e != E_OK)
		return e;
	if (pid == my_person(r))
		return req_fail(r, E_RULE, "discipline.self", "id_no", "当事人是您本人，应当回避");
	struct db_res *res;
	const char *cref = req_in_str(r, "complaint_ref");
	if (cref) {
		e = db_one(r->db, &complaint_stmts, CP_ST_FIND,
			   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(cref)), &res);
		if (e == E_NOTFOUND)
			return req_fail(r, E_INPUT, "discipline.complaint_unknown", "complaint_ref",
					"本村（居）没有这个信访件：%s", cref);
		if (e != E_OK)
			return e;
		cid = db_int(res, 0);
		db_done(res);
	}
	char prefix[16], ref[32];
	snprintf(prefix, sizeof(prefix), "JL%.4s-", opened);
	if ((e = db_one(r->db, &discipline_stmts, DC_ST_REF_COUNT,
			DB_PARAMS(DB_INT(r->village_id), DB_TEXT(prefix)), &res)) != E_OK)
		return e;
	snprintf(ref, sizeof(ref), "%s%04lld", prefix, (long long)db_int(res, 0) + 1);
	db_done(res);
	e = db_one(r->db, &discipline_stmts, DC_ST_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(ref), DB_INT(pid), DB_INT(form),
			     DB_TEXT(kind), DB_TEXT(opened), cid ? DB_INT(cid) : DB_NULL,
			     DB_OPT(req_in_str(r, "note"))),
		   &res);
	if (e == E_NOTFOUND || e == E_CONFLICT)
		return req_fail(r, E_BUSY, "discipline.ref_busy", NULL, "编号冲突，请重试");
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &discipline_tables[DC_T_CASES], id, "discipline.create",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "ref", ref));
}

static const struct field decide_in[] = {
    {"state", "结果", FT_ENUM, FIELD_REQUIRED, 0, decide_states},
    {"decided_date", "处理日期", FT_DATE, FIELD_REQUIRED},
    {"outcome", "处理结果", FT_STR, FIELD_REQUIRED, 2000},
    {0},
};

static enum err decide(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &discipline_stmts, DC_ST_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	bool open = strcmp(db_text(res, 7), "open") == 0;
	char *opened = db_text_dup(&r->arena, res, 6);
	db_done(res);
	if (!open)
		return req_fail(r, E_CONFLICT, "discipline.decided", "state",
				"案件已经处理完毕，不能修改；如需更正请另立案件");
	const char *date = req_in_str(r, "decided_date");
	char today[11];
	app_today(r->app, today);
	if (strcmp(date, opened) < 0 || strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "discipline.date", "decided_date",
				"处理日期应在 %s 至 %s 之间", opened, today);
	if ((e = db_exec(r->db, &discipline_stmts, DC_ST_DECIDE,
			 DB_PARAMS(DB_INT(id), DB_TEXT(req_in_str(r, "state")), DB_TEXT(date),
				   DB_TEXT(req_in_str(r, "outcome"))),
			 NULL)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &discipline_tables[DC_T_CASES], id, "discipline.decide",
			   &r->err)) != E_OK)
		return e;
	return req_json(
	    r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", req_in_str(r, "state")));
}

static const struct route routes[] = {
    {"GET", "/api/v1/discipline/cases", list, &perm_discipline, SCOPE_LIST, NULL, NULL, 0, NULL,
     "四种形态案件（village, form, year）"},
    {"GET", "/api/v1/discipline/stats", stats, &perm_discipline, SCOPE_LIST, NULL, NULL, 0, NULL,
     "四种形态统计：按村、按形态（year）"},
    {"POST", "/api/v1/discipline/cases", create, &perm_discipline, SCOPE_VILLAGE, NULL, create_in,
     ROUTE_WRITE, "discipline.create", "登记四种形态案件"},
    {"GET", "/api/v1/discipline/cases/{id}", get, &perm_discipline, SCOPE_VILLAGE, case_village,
     NULL, 0, NULL, "案件详情"},
    {"PUT", "/api/v1/discipline/cases/{id}", decide, &perm_discipline, SCOPE_VILLAGE, case_village,
     decide_in, ROUTE_WRITE, "discipline.decide", "登记处理结果（办结或撤销）"},
};

const struct module discipline_module = {
    .name = "discipline",
    .title = "四种形态",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &discipline_stmts,
    .tables = discipline_tables,
    .ntables = DC_T__MAX,
};
