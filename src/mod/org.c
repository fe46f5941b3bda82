/*
 * The org module's HTTP face: villages, people, households, positions,
 * relatives, the integrity archive, reserve cadres, assignments, and the
 * township dashboard and inbox built on them.  SQL is in org_db.c.
 */
#include "org.h"

#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "core/auth.h"
#include "core/json_out.h"
#include "perms.h"
#include "modutil.h"

static const char *const kinds_village[] = {"村", "居", NULL};
static const char *const posts[] = {"书记",   "主任",	  "副书记",	"副主任",
				    "委员",   "纪检委员", "监委会主任", "监委会委员",
				    "报账员", "会计",	  "出纳",	NULL};
static const char *const relations[] = {"配偶",	    "父母",	"子女", "兄弟姐妹",
					"配偶父母", "子女配偶", "其他", NULL};
static const char *const event_kinds[] = {"廉政承诺", "述职述廉", "谈心谈话",
					  "民主评议", "廉政家访", NULL};
static const char *const reserve_status[] = {"在库", "已任用", "已退出", NULL};
static const char *const assign_kinds[] = {"片区纪委委员", "勤廉督导员", "村纪检委员",
					   "村监委会成员", NULL};

/* ---- helpers -------------------------------------------------------------------- */

/* Boolean columns stored as 0/1 answer as JSON booleans. */
static void as_bool(json_t *items, const char *key)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *v = json_object_get(it, key);
		if (json_is_integer(v))
			json_object_set_new(it, key, json_boolean(json_integer_value(v)));
	}
}

static enum err row_village(struct req *r, unsigned st, int col, int64_t *vid, const char *what)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = id ? db_one(r->db, &org_stmts, st, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "org.not_found", NULL, "%s不存在", what);
	if (e != E_OK)
		return e;
	*vid = db_int(res, col);
	return db_done(res);
}

static enum err person_village(struct req *r, int64_t *vid)
{
	return row_village(r, ORG_ST_PERSON_GET, 3, vid, "人员");
}

static enum err position_village(struct req *r, int64_t *vid)
{
	return row_village(r, ORG_ST_POSITION_GET, 1, vid, "任职记录");
}

static enum err reserve_village(struct req *r, int64_t *vid)
{
	return row_village(r, ORG_ST_RESERVE_GET, 1, vid, "后备干部记录");
}

/* A person named by ID number, who must be on the register. */
static enum err person_by_idno(struct req *r, const char *field, int64_t *pid)
{
	const char *id_no = req_in_str(r, field);
	enum err e = org_person_id(r->db, id_no, pid);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "org.person_unknown", field,
				"身份证号 %s 不在人员名册中，请先登记人员", id_no);
	return e;
}

/* Run an INSERT … RETURNING id, log the new row, answer 201 {"id"}.  A duplicate
 * (unique violation, or ON CONFLICT DO NOTHING returning nothing) is a 409 with
 * the caller's message. */
static enum err create_logged(struct req *r, unsigned st, const struct db_val *p, size_t n,
			      enum org_table t, const char *action, const char *dup_key,
			      const char *dup_field, const char *dup_msg)
{
	struct db_res *res;
	enum err e = db_one(r->db, &org_stmts, st, p, n, &res);
	if (e == E_CONFLICT || e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, dup_key, dup_field, "%s", dup_msg);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &org_tables[t], id, action, &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

json_t *org_villages_json(struct db_conn *c, const struct principal *u)
{
	struct db_res *res;
	enum err e =
	    u->all_villages
		? db_exec(c, &org_stmts, ORG_ST_VILLAGES_ALL_SHORT, DB_NOPARAMS, &res)
		: db_exec(c, &org_stmts, ORG_ST_VILLAGES_OF_USER, DB_PARAMS(DB_INT(u->id)), &res);
	json_t *a = NULL;
	if (e == E_OK && json_rows(res, &a) != E_OK)
		a = NULL;
	return a;
}

/* ---- villages ------------------------------------------------------------------- */

static enum err villages_list(struct req *r)
{
	int64_t limit, offset, total;
	char today[11];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	const char *q = modutil_query(r, "q"), *kind = modutil_query(r, "kind");
	enum err e = modutil_count(r, &org_stmts, ORG_ST_VILLAGE_COUNT,
				   DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					     DB_TEXT(q), DB_TEXT(kind)),
				   &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &org_stmts, ORG_ST_VILLAGE_LIST,
			      DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					DB_TEXT(q), DB_TEXT(kind), DB_TEXT(today),
					DB_TEXT(modutil_query(r, "sort")), DB_INT(limit),
					DB_INT(offset)),
			      &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field village_in[] = {
    {"code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"name", "名称", FT_STR, FIELD_REQUIRED, 40},
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, kinds_village},
    {"township", "乡镇", FT_STR, FIELD_REQUIRED, 40},
    {"households", "户数", FT_INT, 0},
    {"population", "人口", FT_INT, 0},
    {0},
};

static struct db_val opt_int(struct req *r, const char *name)
{
	return req_in_has(r, name) ? DB_INT(req_in_int(r, name)) : DB_NULL;
}

static enum err village_create(struct req *r)
{
	struct db_res *res;
	const char *code = req_in_str(r, "code");
	enum err e =
	    db_one(r->db, &org_stmts, ORG_ST_VILLAGE_INSERT,
		   DB_PARAMS(DB_TEXT(code), DB_TEXT(req_in_str(r, "name")),
			     DB_TEXT(req_in_str(r, "kind")), DB_TEXT(req_in_str(r, "township")),
			     opt_int(r, "households"), opt_int(r, "population")),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "village.exists", "code", "区划代码已存在：%s",
				code);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_VILLAGES], id, "village.create", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "code", code));
}

static const struct field village_update_in[] = {
    {"name", "名称", FT_STR, FIELD_REQUIRED, 40},
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, kinds_village},
    {"township", "乡镇", FT_STR, FIELD_REQUIRED, 40},
    {"households", "户数", FT_INT, 0},
    {"population", "人口", FT_INT, 0},
    {"code", "区划代码", FT_AREA, 0},
    {0},
};

static enum err village_update(struct req *r)
{
	const char *code = req_param(r, "village");
	const char *body_code = req_in_str(r, "code");
	if (body_code && strcmp(body_code, code) != 0)
		return req_fail(r, E_INPUT, "village.code_fixed", "code", "区划代码不能修改");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &org_stmts, ORG_ST_VILLAGE_UPDATE,
		   DB_PARAMS(DB_TEXT(code), DB_TEXT(req_in_str(r, "name")),
			     DB_TEXT(req_in_str(r, "kind")), DB_TEXT(req_in_str(r, "township")),
			     opt_int(r, "households"), opt_int(r, "population")),
		   &res);
	if (e == E_NOTFOUND) /* nothing changed: still a write route, log the unchanged value */
		return trail_row(&r->tc, &org_tables[ORG_T_VILLAGES], r->village_id,
				 "village.update", &r->err)
			   ?: req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)r->village_id));
	if (e != E_OK)
		return e;
	db_done(res);
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_VILLAGES], r->village_id, "village.update",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)r->village_id));
}

static enum err village_get(struct req *r)
{
	struct db_res *res;
	char today[11], year_start[11];
	app_today(r->app, today);
	memcpy(year_start, today, 5);
	memcpy(year_start + 5, "01-01", 6);
	enum err e =
	    db_one(r->db, &org_stmts, ORG_ST_VILLAGE_GET, DB_PARAMS(DB_INT(r->village_id)), &res);
	if (e != E_OK)
		return e;
	json_t *v = json_row(res);
	db_done(res);
	if ((e = db_one(r->db, &org_stmts, ORG_ST_VILLAGE_COUNTS,
			DB_PARAMS(DB_INT(r->village_id), DB_TEXT(today), DB_TEXT(year_start)),
			&res)) != E_OK) {
		json_decref(v);
		return e;
	}
	json_t *counts = json_row(res);
	db_done(res);
	return req_json(r, 200, json_pack("{s:o,s:o}", "village", v, "counts", counts));
}

static enum err village_people(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	const char *q = modutil_query(r, "q"), *hh = modutil_query(r, "household_no");
	enum err e =
	    modutil_count(r, &org_stmts, ORG_ST_PEOPLE_COUNT,
			  DB_PARAMS(DB_INT(r->village_id), DB_TEXT(q), DB_TEXT(hh)), &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &org_stmts, ORG_ST_PEOPLE_LIST,
			      DB_PARAMS(DB_INT(r->village_id), DB_TEXT(q), DB_TEXT(hh),
					DB_TEXT(modutil_query(r, "sort")), DB_INT(limit),
					DB_INT(offset)),
			      &items)) != E_OK)
		return e;
	as_bool(items, "party_member");
	return req_list(r, items, total);
}

static enum err village_households(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	enum err e = modutil_count(r, &org_stmts, ORG_ST_HOUSEHOLDS_COUNT,
				   DB_PARAMS(DB_INT(r->village_id)), &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &org_stmts, ORG_ST_HOUSEHOLDS,
			      DB_PARAMS(DB_INT(r->village_id), DB_INT(limit), DB_INT(offset)),
			      &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static enum err village_positions(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	json_t *items;
	enum err e = modutil_rows(r, &org_stmts, ORG_ST_POSITIONS_OF_VILLAGE,
				  DB_PARAMS(DB_INT(r->village_id),
					    DB_INT(req_query_int(r, "current", 0)), DB_TEXT(today)),
				  &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err village_relatives(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(r, &org_stmts, ORG_ST_RELATIVES_OF_VILLAGE,
				  DB_PARAMS(DB_INT(r->village_id)), &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

/* ---- people ----------------------------------------------------------------------- */

static enum err person_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &org_stmts, ORG_ST_PERSON_DETAIL, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *p = json_row(res);
	db_done(res);
	json_object_set_new(p, "party_member",
			    json_boolean(json_integer_value(json_object_get(p, "party_member"))));
	json_t *positions = NULL, *archive = NULL, *relatives = NULL;
	if ((e = modutil_rows(r, &org_stmts, ORG_ST_POSITIONS_OF_PERSON, DB_PARAMS(DB_INT(id)),
			      &positions)) != E_OK ||
	    (e = modutil_rows(r, &org_stmts, ORG_ST_EVENTS_OF_PERSON, DB_PARAMS(DB_INT(id)),
			      &archive)) != E_OK) {
		json_decref(p);
		json_decref(positions);
		return e;
	}
	json_t *o =
	    json_pack("{s:o,s:o,s:o}", "person", p, "positions", positions, "archive", archive);
	/* Declared relatives are the commission's knowledge only. */
	if (rbac_allows(&perm_relatives_read, r->user)) {
		if ((e = modutil_rows(r, &org_stmts, ORG_ST_RELATIVES_OF_PERSON,
				      DB_PARAMS(DB_INT(id)), &relatives)) != E_OK) {
			json_decref(o);
			return e;
		}
		json_object_set_new(o, "relatives", relatives);
	}
	return req_json(r, 200, o);
}

static const struct field person_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"id_no", "身份证号", FT_IDNO, FIELD_REQUIRED},
    {"name", "姓名", FT_STR, FIELD_REQUIRED, 40},
    {"household_no", "户号", FT_STR, 0, 20},
    {"death_date", "死亡日期", FT_DATE, 0},
    {"moved_out_date", "迁出日期", FT_DATE, 0},
    {"party_member", "党员", FT_BOOL, 0},
    {"phone", "电话", FT_STR, 0, 20},
    {0},
};

static enum err person_create(struct req *r)
{
	struct db_res *res;
	const char *id_no = req_in_str(r, "id_no");
	char idn[19];
	snprintf(idn, sizeof(idn), "%s", id_no);
	if (idn[17] == 'x')
		idn[17] = 'X';
	enum err e = db_one(
	    r->db, &org_stmts, ORG_ST_PERSON_INSERT,
	    DB_PARAMS(DB_TEXT(idn), DB_TEXT(req_in_str(r, "name")), DB_INT(r->village_id),
		      DB_OPT(req_in_str(r, "household_no")), DB_OPT(req_in_str(r, "death_date")),
		      DB_OPT(req_in_str(r, "moved_out_date")),
		      DB_INT(req_in_bool(r, "party_member")), DB_OPT(req_in_str(r, "phone"))),
	    &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "person.exists", "id_no", "该身份证号已登记：%s",
				idn);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_PEOPLE], id, "person.create", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static const struct field person_update_in[] = {
    {"name", "姓名", FT_STR, FIELD_REQUIRED, 40},
    {"household_no", "户号", FT_STR, 0, 20},
    {"death_date", "死亡日期", FT_DATE, 0},
    {"moved_out_date", "迁出日期", FT_DATE, 0},
    {"party_member", "党员", FT_BOOL, 0},
    {"phone", "电话", FT_STR, 0, 20},
    {0},
};

static enum err person_update(struct req *r)
{
	int64_t id = modutil_path_id(r);
	enum err e = db_exec(
	    r->db, &org_stmts, ORG_ST_PERSON_UPDATE,
	    DB_PARAMS(DB_INT(id), DB_TEXT(req_in_str(r, "name")),
		      DB_OPT(req_in_str(r, "household_no")), DB_OPT(req_in_str(r, "death_date")),
		      DB_OPT(req_in_str(r, "moved_out_date")),
		      DB_INT(req_in_bool(r, "party_member")), DB_OPT(req_in_str(r, "phone"))),
	    NULL);
	if (e != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_PEOPLE], id, "person.update", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- positions -------------------------------------------------------------------- */

/* One holder at a time for these posts; several 委员 may serve together. */
static bool post_is_single(const char *post)
{
	return strcmp(post, "书记") == 0 || strcmp(post, "主任") == 0 ||
	       strcmp(post, "监委会主任") == 0 || strcmp(post, "纪检委员") == 0;
}

static enum err check_position(struct req *r, int64_t vid, const char *post, const char *start,
			       const char *end, int64_t self)
{
	if (end && *end && strcmp(end, start) < 0)
		return req_fail(r, E_INPUT, "position.dates", "end_date",
				"离任日期 %s 早于任职日期 %s", end, start);
	if (!post_is_single(post))
		return E_OK;
	struct db_res *res;
	enum err e = db_one(
	    r->db, &org_stmts, ORG_ST_POSITION_OVERLAP,
	    DB_PARAMS(DB_INT(vid), DB_TEXT(post), DB_TEXT(start), DB_OPT(end), DB_INT(self)), &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	req_fail(r, E_RULE, "position.overlap", "start_date",
		 "任期重叠：%s 自 %s 起任%s%s%s，同一职务同一时间只能一人担任", db_text(res, 1),
		 db_text(res, 2), post, db_isnull(res, 3) ? "至今" : "至 ",
		 db_isnull(res, 3) ? "" : db_text(res, 3));
	db_done(res);
	return E_RULE;
}

static const struct field position_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"id_no", "身份证号", FT_IDNO, FIELD_REQUIRED},
    {"post", "职务", FT_ENUM, FIELD_REQUIRED, 0, posts},
    {"start_date", "任职日期", FT_DATE, FIELD_REQUIRED},
    {"end_date", "离任日期", FT_DATE, 0},
    {0},
};

static enum err position_create(struct req *r)
{
	int64_t pid;
	enum err e = person_by_idno(r, "id_no", &pid);
	if (e != E_OK)
		return e;
	const char *post = req_in_str(r, "post"), *start = req_in_str(r, "start_date");
	const char *end = req_in_str(r, "end_date");
	if ((e = check_position(r, r->village_id, post, start, end, 0)) != E_OK)
		return e;
	return create_logged(r, ORG_ST_POSITION_INSERT,
			     DB_PARAMS(DB_INT(r->village_id), DB_INT(pid), DB_TEXT(post),
				       DB_TEXT(start), DB_OPT(end)),
			     ORG_T_POSITIONS, "position.create", "position.exists", "start_date",
			     "该任职记录已存在");
}

static const struct field position_end_in[] = {
    {"end_date", "离任日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err position_end(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &org_stmts, ORG_ST_POSITION_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	const char *post = db_text_dup(&r->arena, res, 3), *start = db_text_dup(&r->arena, res, 4);
	db_done(res);
	const char *end = req_in_str(r, "end_date");
	if ((e = check_position(r, r->village_id, post, start, end, id)) != E_OK)
		return e;
	if ((e = db_exec(r->db, &org_stmts, ORG_ST_POSITION_SET_END,
			 DB_PARAMS(DB_INT(id), DB_TEXT(end)), NULL)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_POSITIONS], id, "position.end", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- relatives ------------------------------------------------------------------------ */

static const struct field relative_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"cadre_id_no", "干部身份证号", FT_IDNO, FIELD_REQUIRED},
    {"relative_id_no", "亲属身份证号", FT_IDNO, FIELD_REQUIRED},
    {"relation", "关系", FT_ENUM, FIELD_REQUIRED, 0, relations},
    {"declared_date", "申报日期", FT_DATE, 0},
    {0},
};

static enum err relative_create(struct req *r)
{
	int64_t cadre, rel;
	enum err e;
	if ((e = person_by_idno(r, "cadre_id_no", &cadre)) != E_OK ||
	    (e = person_by_idno(r, "relative_id_no", &rel)) != E_OK)
		return e;
	if (cadre == rel)
		return req_fail(r, E_INPUT, "relative.self", "relative_id_no",
				"亲属不能是干部本人");
	return create_logged(r, ORG_ST_RELATIVE_INSERT,
			     DB_PARAMS(DB_INT(r->village_id), DB_INT(cadre), DB_INT(rel),
				       DB_TEXT(req_in_str(r, "relation")),
				       DB_OPT(req_in_str(r, "declared_date"))),
			     ORG_T_RELATIVES, "relative.create", "relative.exists",
			     "relative_id_no", "该亲属关系已申报");
}

/* ---- archive ---------------------------------------------------------------------------- */

static enum err events_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	const char *village = modutil_query(r, "village"), *kind = modutil_query(r, "kind");
	const char *year = modutil_query(r, "year");
	enum err e = modutil_count(r, &org_stmts, ORG_ST_EVENTS_COUNT,
				   DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					     DB_TEXT(village), DB_TEXT(kind), DB_TEXT(year)),
				   &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &org_stmts, ORG_ST_EVENTS_LIST,
			      DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					DB_TEXT(village), DB_TEXT(kind), DB_TEXT(year),
					DB_INT(limit), DB_INT(offset)),
			      &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field event_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"id_no", "身份证号", FT_IDNO, FIELD_REQUIRED},
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, event_kinds},
    {"date", "日期", FT_DATE, FIELD_REQUIRED},
    {"note", "备注", FT_STR, 0, 500},
    {0},
};

static enum err event_create(struct req *r)
{
	int64_t pid;
	enum err e = person_by_idno(r, "id_no", &pid);
	if (e != E_OK)
		return e;
	return create_logged(
	    r, ORG_ST_EVENT_INSERT,
	    DB_PARAMS(DB_INT(r->village_id), DB_INT(pid), DB_TEXT(req_in_str(r, "kind")),
		      DB_TEXT(req_in_str(r, "date")), DB_OPT(req_in_str(r, "note"))),
	    ORG_T_EVENTS, "archive.create", "event.exists", "date", "同一天的同类档案事项已登记");
}

/* ---- reserve cadres and assignments ------------------------------------------------------ */

static enum err reserve_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(r, &org_stmts, ORG_ST_RESERVE_LIST,
				  DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					    DB_TEXT(modutil_query(r, "village"))),
				  &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field reserve_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"id_no", "身份证号", FT_IDNO, FIELD_REQUIRED},
    {"added_date", "入库日期", FT_DATE, FIELD_REQUIRED},
    {"note", "备注", FT_STR, 0, 500},
    {0},
};

static enum err reserve_create(struct req *r)
{
	int64_t pid;
	enum err e = person_by_idno(r, "id_no", &pid);
	if (e != E_OK)
		return e;
	return create_logged(
	    r, ORG_ST_RESERVE_INSERT,
	    DB_PARAMS(DB_INT(r->village_id), DB_INT(pid), DB_TEXT(req_in_str(r, "added_date")),
		      DB_OPT(req_in_str(r, "note"))),
	    ORG_T_RESERVE, "reserve.create", "reserve.exists", "id_no", "此人已在后备干部库中");
}

static const struct field reserve_review_in[] = {
    {"reviewed_date", "审核日期", FT_DATE, FIELD_REQUIRED},
    {"status", "状态", FT_ENUM, FIELD_REQUIRED, 0, reserve_status},
    {"note", "审核意见", FT_STR, 0, 500},
    {0},
};

static enum err reserve_review(struct req *r)
{
	int64_t id = modutil_path_id(r);
	enum err e =
	    db_exec(r->db, &org_stmts, ORG_ST_RESERVE_REVIEW,
		    DB_PARAMS(DB_INT(id), DB_TEXT(req_in_str(r, "reviewed_date")),
			      DB_TEXT(req_in_str(r, "status")), DB_OPT(req_in_str(r, "note"))),
		    NULL);
	if (e != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_RESERVE], id, "reserve.review", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

static enum err assignments_list(struct req *r)
{
	json_t *items;
	enum err e =
	    modutil_rows(r, &org_stmts, ORG_ST_ASSIGN_LIST,
			 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r))), &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field assign_in[] = {
    {"kind", "类别", FT_ENUM, FIELD_REQUIRED, 0, assign_kinds},
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"id_no", "身份证号", FT_IDNO, 0},
    {"username", "系统账号", FT_STR, 0, 32},
    {"start_date", "开始日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

/* An assignment names a person, a login, or both.  An inspector's login gets
 * the village into its scope, so that 四员联督 and data scope stay one fact. */
static enum err assignment_create(struct req *r)
{
	int64_t pid = 0, uid = 0;
	enum err e;
	if (req_in_has(r, "id_no") && (e = person_by_idno(r, "id_no", &pid)) != E_OK)
		return e;
	const char *username = req_in_str(r, "username");
	if (username && *username) {
		if ((e = auth_user_find(r->db, username, &uid)) == E_NOTFOUND)
			return req_fail(r, E_INPUT, "assign.user", "username",
					"没有这个系统账号：%s", username);
		if (e != E_OK)
			return e;
	}
	if (!pid && !uid)
		return req_fail(r, E_INPUT, "assign.who", "id_no", "请填写身份证号或系统账号");
	struct db_res *res;
	e = db_one(r->db, &org_stmts, ORG_ST_ASSIGN_INSERT,
		   DB_PARAMS(DB_TEXT(req_in_str(r, "kind")), DB_INT(r->village_id),
			     pid ? DB_INT(pid) : DB_NULL, uid ? DB_INT(uid) : DB_NULL,
			     DB_TEXT(req_in_str(r, "start_date"))),
		   &res);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_ASSIGN], id, "assignment.create", &r->err)) !=
	    E_OK)
		return e;
	if (uid && (e = auth_user_scope_add(&r->tc, uid, r->village_id, &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- 片区 ------------------------------------------------------------------------------ */

static enum err districts_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(r, &org_stmts, ORG_ST_DISTRICT_LIST, DB_NOPARAMS, &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field district_in[] = {
    {"township", "乡镇", FT_STR, FIELD_REQUIRED, 40},
    {"name", "片区名称", FT_STR, FIELD_REQUIRED, 40},
    {0},
};

static enum err district_create(struct req *r)
{
	return create_logged(
	    r, ORG_ST_DISTRICT_INSERT,
	    DB_PARAMS(DB_TEXT(req_in_str(r, "township")), DB_TEXT(req_in_str(r, "name"))),
	    ORG_T_DISTRICTS, "district.create", "district.exists", "name", "该片区已存在");
}

static const struct field village_district_in[] = {
    {"district_id", "片区", FT_INT, 0},
    {0},
};

/* Put a village into a 片区 (or take it out with null). */
static enum err village_set_district(struct req *r)
{
	struct db_val d = DB_NULL;
	if (req_in_has(r, "district_id")) {
		struct db_res *res;
		int64_t did = req_in_int(r, "district_id");
		enum err e =
		    db_one(r->db, &org_stmts, ORG_ST_DISTRICT_GET, DB_PARAMS(DB_INT(did)), &res);
		if (e == E_NOTFOUND)
			return req_fail(r, E_INPUT, "district.unknown", "district_id",
					"没有这个片区");
		if (e != E_OK)
			return e;
		db_done(res);
		d = DB_INT(did);
	}
	enum err e = db_exec(r->db, &org_stmts, ORG_ST_VILLAGE_SET_DISTRICT,
			     DB_PARAMS(DB_INT(r->village_id), d), NULL);
	if (e != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &org_tables[ORG_T_VILLAGES], r->village_id, "village.district",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)r->village_id));
}

/* ---- dashboard and inbox ------------------------------------------------------------------ */

/* ?year=YYYY chooses the year of the charts (default: this year in Beijing). */
static void dashboard_year(struct req *r, const char *today, char year[5])
{
	const char *y = req_query(r, "year");
	bool ok = y && strlen(y) == 4;
	for (int i = 0; ok && i < 4; i++)
		ok = y[i] >= '0' && y[i] <= '9';
	memcpy(year, ok ? y : today, 4);
	year[4] = '\0';
}

static enum err dashboard(struct req *r)
{
	char today[11], year[5];
	app_today(r->app, today);
	dashboard_year(r, today, year);
	struct db_res *res;
	enum err e = db_one(r->db, &org_stmts, ORG_ST_DASH_TOTALS,
			    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				      DB_TEXT(today), DB_TEXT(year)),
			    &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	json_t *by_kind = NULL, *by_village = NULL;
	if ((e = modutil_rows(
		 r, &org_stmts, ORG_ST_DASH_BY_KIND,
		 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(year)),
		 &by_kind)) != E_OK ||
	    (e = modutil_rows(
		 r, &org_stmts, ORG_ST_DASH_BY_VILLAGE,
		 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(year)),
		 &by_village)) != E_OK) {
		json_decref(o);
		json_decref(by_kind);
		return e;
	}
	json_object_set_new(o, "events_by_kind", by_kind);
	json_object_set_new(o, "events_by_village", by_village);
	json_object_set_new(o, "year", json_string(year));
	return req_json(r, 200, o);
}

static enum err inbox(struct req *r)
{
	char today[11], year[5], year_ago[11];
	app_today(r->app, today);
	memcpy(year, today, 4);
	year[4] = '\0';
	snprintf(year_ago, sizeof(year_ago), "%04d%s", atoi(year) - 1, today + 4);
	json_t *items = json_array();
	struct db_res *res;
	enum err e = db_exec(r->db, &org_stmts, ORG_ST_INBOX_NO_COMMITMENT,
			     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				       DB_TEXT(today), DB_TEXT(year)),
			     &res);
	if (e != E_OK) {
		json_decref(items);
		return e;
	}
	while (db_row(res))
		json_array_append_new(
		    items,
		    json_pack("{s:s,s:s,s:s,s:s}", "kind", "廉政承诺", "title",
			      arena_printf(&r->arena, "%s %s 尚未签订%s年度廉政承诺书",
					   db_text(res, 3), db_text(res, 1), year),
			      "link",
			      arena_printf(&r->arena, "/people/%lld", (long long)db_int(res, 0)),
			      /* rules.md K01: signed by March 31 */
			      "due_date", arena_printf(&r->arena, "%s-03-31", year)));
	db_done(res);
	if ((e = db_exec(
		 r->db, &org_stmts, ORG_ST_INBOX_RESERVE_DUE,
		 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(year_ago)),
		 &res)) != E_OK) {
		json_decref(items);
		return e;
	}
	while (db_row(res))
		json_array_append_new(
		    items,
		    json_pack("{s:s,s:s,s:s,s:s}", "kind", "后备干部", "title",
			      arena_printf(&r->arena, "%s 后备干部 %s 已超过一年未审核",
					   db_text(res, 3), db_text(res, 1)),
			      "link", arena_printf(&r->arena, "/villages/%s", db_text(res, 2)),
			      "due_date", db_text(res, 4)));
	db_done(res);
	return req_json(r, 200, json_pack("{s:o}", "items", items));
}

static const struct route routes[] = {
    {"GET", "/api/v1/villages", villages_list, &perm_org_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "村居列表（q 搜索, kind 类型, sort 排序）"},
    {"POST", "/api/v1/villages", village_create, &perm_village_admin, SCOPE_NONE, NULL, village_in,
     ROUTE_WRITE, "village.create", "新增村（居）"},
    {"GET", "/api/v1/villages/{village}", village_get, &perm_org_read, SCOPE_VILLAGE, NULL, NULL, 0,
     NULL, "村（居）概况"},
    {"PUT", "/api/v1/villages/{village}", village_update, &perm_village_admin, SCOPE_VILLAGE, NULL,
     village_update_in, ROUTE_WRITE, "village.update", "修改村（居）信息"},
    {"GET", "/api/v1/villages/{village}/people", village_people, &perm_org_read, SCOPE_VILLAGE,
     NULL, NULL, 0, NULL, "村（居）人员"},
    {"GET", "/api/v1/villages/{village}/households", village_households, &perm_org_read,
     SCOPE_VILLAGE, NULL, NULL, 0, NULL, "村（居）户籍"},
    {"GET", "/api/v1/villages/{village}/positions", village_positions, &perm_org_read,
     SCOPE_VILLAGE, NULL, NULL, 0, NULL, "村（居）干部任职（current=1 仅现任）"},
    {"GET", "/api/v1/villages/{village}/relatives", village_relatives, &perm_relatives_read,
     SCOPE_VILLAGE, NULL, NULL, 0, NULL, "村（居）干部亲属申报"},
    {"GET", "/api/v1/people/{id}", person_get, &perm_org_read, SCOPE_VILLAGE, person_village, NULL,
     0, NULL, "人员详情与廉政档案"},
    {"POST", "/api/v1/people", person_create, &perm_org_write, SCOPE_VILLAGE, NULL, person_in,
     ROUTE_WRITE, "person.create", "登记人员"},
    {"PUT", "/api/v1/people/{id}", person_update, &perm_org_write, SCOPE_VILLAGE, person_village,
     person_update_in, ROUTE_WRITE, "person.update", "修改人员信息"},
    {"POST", "/api/v1/positions", position_create, &perm_org_write, SCOPE_VILLAGE, NULL,
     position_in, ROUTE_WRITE, "position.create", "登记干部任职"},
    {"PUT", "/api/v1/positions/{id}", position_end, &perm_org_write, SCOPE_VILLAGE,
     position_village, position_end_in, ROUTE_WRITE, "position.end", "登记干部离任"},
    {"POST", "/api/v1/relatives", relative_create, &perm_relatives_write, SCOPE_VILLAGE, NULL,
     relative_in, ROUTE_WRITE, "relative.create", "登记干部亲属申报"},
    {"GET", "/api/v1/archive-events", events_list, &perm_archive_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "廉政档案事项（village, kind, year 筛选）"},
    {"POST", "/api/v1/archive-events", event_create, &perm_archive_write, SCOPE_VILLAGE, NULL,
     event_in, ROUTE_WRITE, "archive.create", "登记廉政档案事项"},
    {"GET", "/api/v1/reserve-cadres", reserve_list, &perm_org_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "后备干部库"},
    {"POST", "/api/v1/reserve-cadres", reserve_create, &perm_org_write, SCOPE_VILLAGE, NULL,
     reserve_in, ROUTE_WRITE, "reserve.create", "后备干部入库"},
    {"PUT", "/api/v1/reserve-cadres/{id}", reserve_review, &perm_archive_write, SCOPE_VILLAGE,
     reserve_village, reserve_review_in, ROUTE_WRITE, "reserve.review", "后备干部定期审核"},
    {"GET", "/api/v1/assignments", assignments_list, &perm_org_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "四员联督安排"},
    {"POST", "/api/v1/assignments", assignment_create, &perm_assign_write, SCOPE_VILLAGE, NULL,
     assign_in, ROUTE_WRITE, "assignment.create", "安排四员联督（督导员获得该村数据权限）"},
    {"GET", "/api/v1/districts", districts_list, &perm_org_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "片区列表"},
    {"POST", "/api/v1/districts", district_create, &perm_village_admin, SCOPE_NONE, NULL,
     district_in, ROUTE_WRITE, "district.create", "新增片区"},
    {"PUT", "/api/v1/villages/{village}/district", village_set_district, &perm_village_admin,
     SCOPE_VILLAGE, NULL, village_district_in, ROUTE_WRITE, "village.district",
     "设置村（居）所属片区"},
    {"GET", "/api/v1/dashboard", dashboard, &perm_org_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "首页统计"},
    {"GET", "/api/v1/inbox", inbox, &perm_org_read, SCOPE_LIST, NULL, NULL, 0, NULL, "待办事项"},
};

static enum err village_lookup(struct db_conn *c, const char *code, int64_t *id)
{
	return org_village_id(c, code, id);
}

const struct module org_module = {
    .name = "org",
    .title = "组织与干部",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &org_stmts,
    .tables = org_tables,
    .ntables = ORG_T__MAX,
    .imports = org_imports,
    .nimports = 5,
    .village_lookup = village_lookup,
};
