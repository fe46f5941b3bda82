/*
 * The edu module's HTTP face and rules: education and culture activities with
 * attendance and materials (kept once per SHA-256), the warning-education
 * case library, 好家风 household records, and the versions of each village's
 * 村规民约.  A 以案五说 session names a case of the library; a 廉政家访 names
 * the cadre visited; a 村规民约 version is accepted only when the decision
 * matter it cites has a 决议 on or before its adoption (through power.h).
 * Nothing is edited in place: a new 村规民约 is a new version.  SQL is in
 * edu_db.c.
 */
#include "edu.h"

#include <stdlib.h>
#include <string.h>

#include "core/json_out.h"
#include "org.h"
#include "perms.h"
#include "power.h"
#include "modutil.h"
#include "modutil_file.h"

#define MAX_MATERIAL (20u * 1024 * 1024) /* bytes of one material file */

static const char *const kinds[] = {
    "廉政家访",	    "好家风评选", EDU_KIND_WARNING, "纪法教育", "道德讲堂",
    "农家书屋更新", "移风易俗",	  "文化阵地活动",   "其他",	NULL};
static const char *const case_categories[] = {"侵占挪用集体资金",
					      "优亲厚友",
					      "虚报冒领惠民资金",
					      "违规发包集体资产资源",
					      "工程项目违规",
					      "违反八项规定",
					      "失职失责",
					      "其他",
					      NULL};

/* ---- helpers ------------------------------------------------------------------------ */

static enum err not_future(struct req *r, const char *field, const char *date)
{
	char today[11];
	app_today(r->app, today);
	if (strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "edu.future_date", field, "日期 %s 不能晚于今天 %s",
				date, today);
	return E_OK;
}

/* Insert with RETURNING id, log the row, answer 201 {"id"}; a duplicate is a
 * 409 with the caller's message. */
static enum err create_logged(struct req *r, unsigned st, const struct db_val *p, size_t n,
			      enum edu_table t, const char *action, const char *dup_key,
			      const char *dup_field, const char *dup_msg)
{
	struct db_res *res;
	enum err e = db_one(r->db, &edu_stmts, st, p, n, &res);
	if (e == E_CONFLICT || e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, dup_key, dup_field, "%s", dup_msg);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK ||
	    (e = trail_row(&r->tc, &edu_tables[t], id, action, &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static enum err activity_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e = id ? db_one(r->db, &edu_stmts, EDU_ST_ACT_GET, DB_PARAMS(DB_INT(id)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "edu.activity_not_found", NULL, "活动不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err rule_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e = id ? db_one(r->db, &edu_stmts, EDU_ST_RULE_GET, DB_PARAMS(DB_INT(id)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "edu.rules_not_found", NULL, "村规民约版本不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

/* ---- the case library --------------------------------------------------------------- */

static enum err cases_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	const char *q = modutil_query(r, "q"), *cat = modutil_query(r, "category");
	int64_t year = req_query_int(r, "year", 0);
	enum err e = modutil_count(r, &edu_stmts, EDU_ST_CASE_COUNT,
				   DB_PARAMS(DB_TEXT(q), DB_TEXT(cat), DB_INT(year)), &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(
		 r, &edu_stmts, EDU_ST_CASE_LIST,
		 DB_PARAMS(DB_TEXT(q), DB_TEXT(cat), DB_INT(year), DB_INT(limit), DB_INT(offset)),
		 &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field case_in[] = {
    {"title", "案例标题", FT_STR, FIELD_REQUIRED, 100},
    {"year", "年份", FT_INT, FIELD_REQUIRED},
    {"category", "问题类别", FT_ENUM, FIELD_REQUIRED, 0, case_categories},
    {"summary", "基本案情", FT_STR, FIELD_REQUIRED, 4000},
    {"lesson", "警示意义（以案说德、说纪、说法、说权、说责）", FT_STR, 0, 4000},
    {"source", "来源（通报文号等）", FT_STR, 0, 200},
    {"village_code", "发生地村（居）", FT_AREA, 0},
    {0},
};

static enum err case_create(struct req *r)
{
	int64_t year = req_in_int(r, "year"), vid = 0;
	char today[11];
	app_today(r->app, today);
	if (year < 1980 || year > atoi(today))
		return req_fail(r, E_INPUT, "edu.case_year", "year", "年份应在 1980 至 %d 之间",
				atoi(today));
	const char *vcode = req_in_str(r, "village_code");
	enum err e;
	if (vcode && (e = app_village_id(r, vcode, &vid)) != E_OK)
		return e;
	return create_logged(
	    r, EDU_ST_CASE_INSERT,
	    DB_PARAMS(vid ? DB_INT(vid) : DB_NULL, DB_TEXT(req_in_str(r, "title")), DB_INT(year),
		      DB_TEXT(req_in_str(r, "category")), DB_TEXT(req_in_str(r, "summary")),
		      DB_OPT(req_in_str(r, "lesson")), DB_OPT(req_in_str(r, "source")),
		      DB_TEXT(today)),
	    EDU_T_CASES, "edu.case_create", "edu.case_exists", "title", "同一年份已有同名案例");
}

/* ---- activities ----------------------------------------------------------------------- */

static enum err activities_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "kind")),
			     DB_TEXT(modutil_query(r, "year")),
			     DB_INT(limit),
			     DB_INT(offset)};
	enum err e = modutil_count(r, &edu_stmts, EDU_ST_ACT_COUNT, p, 5, &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &edu_stmts, EDU_ST_ACT_LIST, p, 7, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field activity_in[] = {
    {"village_code", "村（居）", FT_AREA, FIELD_REQUIRED},
    {"kind", "活动类型", FT_ENUM, FIELD_REQUIRED, 0, kinds},
    {"title", "活动名称", FT_STR, FIELD_REQUIRED, 100},
    {"date", "活动日期", FT_DATE, FIELD_REQUIRED},
    {"place", "地点", FT_STR, 0, 100},
    {"participants", "参加对象", FT_STR, FIELD_REQUIRED, 500},
    {"expected", "应到人数", FT_INT, FIELD_REQUIRED},
    {"attended", "实到人数", FT_INT, FIELD_REQUIRED},
    {"materials", "活动材料（说明）", FT_STR, 0, 2000},
    {"case_id", "警示案例", FT_INT, 0},
    {"id_no", "走访对象身份证号", FT_IDNO, 0},
    {0},
};

static enum err activity_create(struct req *r)
{
	const char *kind = req_in_str(r, "kind"), *date = req_in_str(r, "date");
	int64_t expected = req_in_int(r, "expected"), attended = req_in_int(r, "attended");
	enum err e;
	if ((e = not_future(r, "date", date)) != E_OK)
		return e;
	if (expected < 1)
		return req_fail(r, E_INPUT, "edu.expected", "expected", "应到人数至少为 1");
	if (attended < 0 || attended > expected)
		return req_fail(r, E_INPUT, "edu.attended", "attended",
				"实到人数 %lld 应在 0 至应到人数 %lld 之间", (long long)attended,
				(long long)expected);
	int64_t case_id = req_in_has(r, "case_id") ? req_in_int(r, "case_id") : 0;
	if (strcmp(kind, EDU_KIND_WARNING) == 0 && !case_id)
		return req_fail(r, E_RULE, "edu.case_required", "case_id",
				"以案五说警示教育须选用警示教育案例库中的案例");
	if (case_id) {
		struct db_res *res;
		if ((e = db_one(r->db, &edu_stmts, EDU_ST_CASE_GET, DB_PARAMS(DB_INT(case_id)),
				&res)) == E_NOTFOUND)
			return req_fail(r, E_INPUT, "edu.case_unknown", "case_id",
					"案例库中没有编号为 %lld 的案例", (long long)case_id);
		if (e != E_OK)
			return e;
		db_done(res);
	}
	int64_t pid = 0;
	const char *id_no = req_in_str(r, "id_no");
	if (strcmp(kind, "廉政家访") == 0 && !id_no)
		return req_fail(r, E_RULE, "edu.visit_person", "id_no",
				"廉政家访须写明走访的干部（身份证号）");
	if (id_no && (e = org_person_id(r->db, id_no, &pid)) == E_NOTFOUND)
		return req_fail(r, E_INPUT, "edu.person_unknown", "id_no",
				"身份证号 %s 不在人员名册中", id_no);
	if (id_no && e != E_OK)
		return e;
	return create_logged(
	    r, EDU_ST_ACT_INSERT,
	    DB_PARAMS(DB_INT(r->village_id), DB_TEXT(kind), DB_TEXT(req_in_str(r, "title")),
		      DB_TEXT(date), DB_OPT(req_in_str(r, "place")),
		      DB_TEXT(req_in_str(r, "participants")), DB_INT(expected), DB_INT(attended),
		      DB_OPT(req_in_str(r, "materials")), case_id ? DB_INT(case_id) : DB_NULL,
		      pid ? DB_INT(pid) : DB_NULL, DB_INT(r->user->id)),
	    EDU_T_ACTIVITIES, "edu.activity_create", "edu.activity_exists", NULL, "活动已登记");
}

static enum err activity_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &edu_stmts, EDU_ST_ACT_ROW, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	json_t *mats;
	if ((e = modutil_rows(r, &edu_stmts, EDU_ST_MAT_OF, DB_PARAMS(DB_INT(id)), &mats)) !=
	    E_OK) {
		json_decref(o);
		return e;
	}
	json_int_t exp = json_integer_value(json_object_get(o, "expected"));
	json_int_t att = json_integer_value(json_object_get(o, "attended"));
	json_object_set_new(o, "attendance_percent",
			    exp ? json_integer((att * 100 + exp / 2) / exp) : json_null());
	json_object_set_new(o, "files", mats);
	return req_json(r, 200, o);
}

static enum err material_upload(struct req *r)
{
	int64_t id = modutil_path_id(r);
	static const struct modutil_upload spec = {
	    .filename_key = "edu.filename",
	    .filename_field = "filename",
	    .empty_key = "edu.empty",
	    .too_big_key = "edu.too_big",
	    .max = MAX_MATERIAL,
	};
	struct modutil_upfile f;
	enum err e = modutil_upload_check(r, &spec, &f);
	if (e != E_OK)
		return e;
	static const struct modutil_file_store store = {
	    .stmts = &edu_stmts,
	    .put = EDU_ST_FILE_PUT,
	    .insert = EDU_ST_MAT_INSERT,
	    .table = &edu_tables[EDU_T_MATERIALS],
	    .action = "edu.material",
	    .exists_key = "edu.material_exists",
	    .exists_msg = "同一份材料已经上传过",
	};
	int64_t mid;
	if ((e = modutil_file_put(r, &store, &f,
				  DB_PARAMS(DB_INT(r->village_id), DB_INT(id), DB_TEXT(f.sha256),
					    DB_TEXT(f.name), DB_INT((int64_t)f.size), DB_TEXT(f.at),
					    DB_INT(r->user->id)),
				  &mid)) != E_OK)
		return e;
	return modutil_file_created(r, mid, &f);
}

static enum err material_get(struct req *r)
{
	const char *sha = req_param(r, "sha256");
	const struct modutil_download d = {
	    .sha256 = sha,
	    .corrupt_key = "edu.material_corrupt",
	    .corrupt_what = "材料内容",
	    .plain_name = "material",
	};
	enum err e = modutil_file_send(r, &edu_stmts, EDU_ST_FILE_GET,
				       DB_PARAMS(DB_INT(modutil_path_id(r)), DB_TEXT(sha)), 1, &d);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "edu.material_missing", NULL, "没有这份材料");
	return e;
}

/* Activities by village and kind in a year, with the attendance rate. */
static enum err stats(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	const char *y = req_query(r, "year");
	char year[5];
	snprintf(year, sizeof(year), "%.4s", y && strlen(y) == 4 ? y : today);
	json_t *items;
	enum err e = modutil_rows(
	    r, &edu_stmts, EDU_ST_ACT_STATS,
	    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(year)), &items);
	if (e != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_int_t exp = json_integer_value(json_object_get(it, "expected"));
		json_int_t att = json_integer_value(json_object_get(it, "attended"));
		json_object_set_new(it, "attendance_percent",
				    exp ? json_integer((att * 100 + exp / 2) / exp) : json_null());
	}
	return req_json(r, 200, json_pack("{s:s,s:o}", "year", year, "items", items));
}

/* ---- 好家风 records ------------------------------------------------------------------- */

static enum err families_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(r, &edu_stmts, EDU_ST_FAM_LIST,
				  DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					    DB_TEXT(modutil_query(r, "village")),
					    DB_INT(req_query_int(r, "year", 0))),
				  &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field family_in[] = {
    {"village_code", "村（居）", FT_AREA, FIELD_REQUIRED},
    {"year", "年度", FT_INT, FIELD_REQUIRED},
    {"household_no", "户号", FT_STR, FIELD_REQUIRED, 20},
    {"head_name", "户主", FT_STR, FIELD_REQUIRED, 40},
    {"title", "荣誉称号", FT_STR, FIELD_REQUIRED, 40},
    {"deeds", "事迹", FT_STR, 0, 2000},
    {"activity_id", "评选活动", FT_INT, 0},
    {0},
};

static enum err family_create(struct req *r)
{
	int64_t aid = req_in_has(r, "activity_id") ? req_in_int(r, "activity_id") : 0;
	int64_t year = req_in_int(r, "year");
	enum err e;
	if (year < 2000 || year > 2100)
		return req_fail(r, E_INPUT, "edu.year", "year", "年度应为 2000 至 2100 之间的年份");
	if (aid) {
		struct db_res *res;
		if ((e = db_one(r->db, &edu_stmts, EDU_ST_ACT_GET, DB_PARAMS(DB_INT(aid)), &res)) ==
		    E_NOTFOUND)
			return req_fail(r, E_INPUT, "edu.activity_unknown", "activity_id",
					"没有编号为 %lld 的活动", (long long)aid);
		if (e != E_OK)
			return e;
		bool ok = db_int(res, 1) == r->village_id &&
			  strcmp(db_text(res, 2), "好家风评选") == 0 &&
			  atoi(db_text(res, 4)) == year;
		db_done(res);
		if (!ok)
			return req_fail(r, E_RULE, "edu.family_activity", "activity_id",
					"所引用的活动不是本村（居）%lld 年度的好家风评选活动",
					(long long)year);
	}
	return create_logged(
	    r, EDU_ST_FAM_INSERT,
	    DB_PARAMS(DB_INT(r->village_id), DB_INT(year), DB_TEXT(req_in_str(r, "household_no")),
		      DB_TEXT(req_in_str(r, "head_name")), DB_TEXT(req_in_str(r, "title")),
		      DB_OPT(req_in_str(r, "deeds")), aid ? DB_INT(aid) : DB_NULL),
	    EDU_T_FAMILIES, "edu.family_create", "edu.family_exists", "household_no",
	    "该户本年度已获此称号");
}

/* ---- 村规民约 ------------------------------------------------------------------------- */

static enum err rules_list(struct req *r)
{
	json_t *items;
	enum err e =
	    modutil_rows(r, &edu_stmts, EDU_ST_RULES_OF, DB_PARAMS(DB_INT(r->village_id)), &items);
	if (e != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err rule_get(struct req *r)
{
	struct db_res *res;
	enum err e =
	    db_one(r->db, &edu_stmts, EDU_ST_RULE_ROW, DB_PARAMS(DB_INT(modutil_path_id(r))), &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	return req_json(r, 200, o);
}

static const struct field rule_in[] = {
    {"title", "名称", FT_STR, FIELD_REQUIRED, 100},
    {"adopted_date", "通过日期", FT_DATE, FIELD_REQUIRED},
    {"matter_no", "决策事项编号", FT_STR, FIELD_REQUIRED, 40},
    {"content", "全文", FT_STR, FIELD_REQUIRED, 50000},
    {"note", "修订说明", FT_STR, 0, 2000},
    {0},
};

static enum err rule_adopt(struct req *r)
{
	const char *date = req_in_str(r, "adopted_date"), *matter = req_in_str(r, "matter_no");
	const char *content = req_in_str(r, "content");
	enum err e;
	if ((e = not_future(r, "adopted_date", date)) != E_OK)
		return e;
	/* 村民委员会组织法 第二十七条: 村规民约 are adopted by the 村民会议 (or its
	 * representatives): the matter that adopted it must show its 决议. */
	bool resolved = false;
	if ((e = power_matter_resolved(r->db, r->village_id, matter, date, &resolved)) != E_OK)
		return e;
	if (!resolved)
		return req_fail(r, E_RULE, "edu.matter_unresolved", "matter_no",
				"决策事项 %s 在 %s 前没有决议：村规民约须经村民会议或村民代表会议"
				"讨论决定（村民委员会组织法第二十七条）",
				matter, date);
	char hex[65];
	modutil_sha256_hex(content, strlen(content), hex);
	struct db_res *res;
	int64_t version = 1;
	e = db_one(r->db, &edu_stmts, EDU_ST_RULE_LATEST, DB_PARAMS(DB_INT(r->village_id)), &res);
	if (e == E_OK) {
		version = db_int(res, 0) + 1;
		bool earlier = strcmp(date, db_text(res, 1)) < 0;
		bool same = strcmp(hex, db_text(res, 2)) == 0;
		const char *prev = arena_strdup(&r->arena, db_text(res, 1));
		db_done(res);
		if (same)
			return req_fail(r, E_CONFLICT, "edu.rules_unchanged", "content",
					"内容与第 %lld 版相同，无需登记新版本",
					(long long)(version - 1));
		if (earlier)
			return req_fail(r, E_RULE, "edu.rules_date", "adopted_date",
					"通过日期 %s 早于上一版本的通过日期 %s", date, prev);
	} else if (e != E_NOTFOUND) {
		return e;
	}
	if ((e = db_one(r->db, &edu_stmts, EDU_ST_RULE_INSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_INT(version),
				  DB_TEXT(req_in_str(r, "title")), DB_TEXT(date), DB_TEXT(matter),
				  DB_TEXT(content), DB_TEXT(hex), DB_OPT(req_in_str(r, "note"))),
			&res)) != E_OK)
		return e == E_NOTFOUND ? req_fail(r, E_CONFLICT, "edu.rules_version", NULL,
						  "版本号冲突，请重试")
				       : e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK || (e = trail_row(&r->tc, &edu_tables[EDU_T_RULES], id,
							 "edu.rules_adopt", &r->err)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:I,s:s}", "id", (json_int_t)id, "version",
				  (json_int_t)version, "sha256", hex));
}

static const struct route routes[] = {
    {"GET", "/api/v1/edu/cases", cases_list, &perm_edu_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "警示教育案例库（q, category, year 筛选）"},
    {"POST", "/api/v1/edu/cases", case_create, &perm_edu_cases, SCOPE_NONE, NULL, case_in,
     ROUTE_WRITE, "edu.case_create", "新增警示教育案例"},
    {"GET", "/api/v1/edu/activities", activities_list, &perm_edu_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "教育与文化活动（village, kind, year 筛选）"},
    {"POST", "/api/v1/edu/activities", activity_create, &perm_edu_write, SCOPE_VILLAGE, NULL,
     activity_in, ROUTE_WRITE, "edu.activity_create",
     "登记活动（以案五说须选案例，廉政家访须写走访对象）"},
    {"GET", "/api/v1/edu/activities/{id}", activity_get, &perm_edu_read, SCOPE_VILLAGE,
     activity_village, NULL, 0, NULL, "活动详情、出勤率与材料"},
    {"POST", "/api/v1/edu/activities/{id}/materials", material_upload, &perm_edu_write,
     SCOPE_VILLAGE, activity_village, NULL, ROUTE_WRITE | ROUTE_RAW_BODY, "edu.material",
     "上传活动材料（请求体为文件，X-Filename 为文件名）"},
    {"GET", "/api/v1/edu/activities/{id}/materials/{sha256}", material_get, &perm_edu_read,
     SCOPE_VILLAGE, activity_village, NULL, 0, NULL, "下载活动材料（按 SHA-256 校验）"},
    {"GET", "/api/v1/edu/stats", stats, &perm_edu_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "各村（居）各类活动次数与出勤率（year）"},
    {"GET", "/api/v1/edu/families", families_list, &perm_edu_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "好家风家庭记录（village, year 筛选）"},
    {"POST", "/api/v1/edu/families", family_create, &perm_edu_write, SCOPE_VILLAGE, NULL, family_in,
     ROUTE_WRITE, "edu.family_create", "登记好家风家庭"},
    {"GET", "/api/v1/villages/{village}/village-rules", rules_list, &perm_edu_read, SCOPE_VILLAGE,
     NULL, NULL, 0, NULL, "村规民约各版本"},
    {"POST", "/api/v1/villages/{village}/village-rules", rule_adopt, &perm_edu_write, SCOPE_VILLAGE,
     NULL, rule_in, ROUTE_WRITE, "edu.rules_adopt", "登记村规民约新版本（须引用已决议的决策事项）"},
    {"GET", "/api/v1/village-rules/{id}", rule_get, &perm_edu_read, SCOPE_VILLAGE, rule_village,
     NULL, 0, NULL, "村规民约某一版本全文"},
};

const struct module edu_module = {
    .name = "edu",
    .title = "家风与纪法教育",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &edu_stmts,
    .tables = edu_tables,
    .ntables = EDU_T__MAX,
};
