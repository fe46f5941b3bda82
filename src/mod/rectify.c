/*
 * The rectification module's HTTP face, its workflow (problem → owner → tasks
 * → evidence → 整改完成 → 销号), the 见底清零 board, escalation, the function
 * other modules call to hand a problem over, and rectifications.csv.  SQL is
 * in rectify_db.c.  It must not let anyone but the commission 销号, nor change
 * a problem once it is closed.
 */
#include "rectify.h"

#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/datefmt.h"
#include "core/json_out.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"
#include "modutil_file.h"

static const char *const sources[] = {"巡察", "审计", "督查", "信访", "预警", NULL};
static const char *const state_labels[][2] = {
    {"open", "整改中"}, {"done", "整改完成待销号"}, {"closed", "已销号"}};

static bool source_ok(const char *s)
{
	for (int i = 0; s && sources[i]; i++)
		if (strcmp(sources[i], s) == 0)
			return true;
	return false;
}

static const char *state_label(const char *s)
{
	for (size_t i = 0; s && i < sizeof(state_labels) / sizeof(state_labels[0]); i++)
		if (strcmp(state_labels[i][0], s) == 0)
			return state_labels[i][1];
	return s;
}

static struct db_val opt_id(int64_t id)
{
	return id ? DB_INT(id) : DB_NULL;
}

/* ---- for other modules ---------------------------------------------------------- */

enum err rectify_task_create(struct trail_ctx *tc, const struct rectify_new *n, int64_t *id,
			     bool *created, struct errinfo *ei)
{
	struct db_res *res;
	enum err e;
	*id = 0;
	*created = false;
	if (!source_ok(n->source))
		return err_set(ei, E_INPUT, "rectify.source", "source", "整改来源无效：%s",
			       n->source ? n->source : "");
	if (!n->deadline || datefmt_days(n->deadline) == DATEFMT_INVALID)
		return err_set(ei, E_INPUT, "rectify.deadline", "deadline", "整改时限日期无效");
	if (!n->problem || !*n->problem)
		return err_set(ei, E_INPUT, "rectify.problem", "problem", "请填写问题");
	if (n->source_ref) {
		e = db_one(
		    tc->db, &rectify_stmts, RT_ST_FIND_SOURCE,
		    DB_PARAMS(DB_INT(n->village_id), DB_TEXT(n->source), DB_TEXT(n->source_ref)),
		    &res);
		if (e == E_OK) {
			*id = db_int(res, 0);
			return db_done(res);
		}
		if (e != E_NOTFOUND)
			return e;
	}
	char prefix[16], ref[32];
	snprintf(prefix, sizeof(prefix), "ZG%.4s-", n->created);
	if ((e = db_one(tc->db, &rectify_stmts, RT_ST_REF_COUNT,
			DB_PARAMS(DB_INT(n->village_id), DB_TEXT(prefix)), &res)) != E_OK)
		return e;
	snprintf(ref, sizeof(ref), "%s%04lld", prefix, (long long)db_int(res, 0) + 1);
	db_done(res);
	e = db_one(tc->db, &rectify_stmts, RT_ST_INSERT,
		   DB_PARAMS(DB_INT(n->village_id), DB_TEXT(ref), DB_TEXT(n->source),
			     DB_OPT(n->source_ref), DB_TEXT(n->problem), DB_OPT(n->owner),
			     opt_id(n->owner_user_id), DB_TEXT(n->deadline), DB_TEXT(n->created),
			     DB_TEXT("open"), DB_NULL),
		   &res);
	if (e == E_NOTFOUND || e == E_CONFLICT)
		return err_set(ei, E_BUSY, "rectify.ref_busy", NULL, "整改编号冲突，请重试");
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(tc, &rectify_tables[RT_T_PROBLEMS], *id, "rectify.create", ei)) != E_OK)
		return e;
	if (n->measures && *n->measures) {
		if ((e = db_one(tc->db, &rectify_stmts, RT_ST_TASK_INSERT,
				DB_PARAMS(DB_INT(n->village_id), DB_INT(*id), DB_TEXT(n->measures),
					  DB_OPT(n->owner), DB_TEXT(n->deadline)),
				&res)) != E_OK)
			return e;
		int64_t tid = db_int(res, 0);
		if ((e = db_done(res)) != E_OK)
			return e;
		if ((e = trail_row(tc, &rectify_tables[RT_T_TASKS], tid, "rectify.task_create",
				   ei)) != E_OK)
			return e;
	}
	*created = true;
	return E_OK;
}

/* ---- helpers -------------------------------------------------------------------- */

struct rect {
	int64_t id;	      /* rectifications.id */
	int64_t village_id;   /* its village */
	int64_t closed_by;    /* who closed it */
	int64_t escalated;    /* flagged overdue */
	const char *ref;      /* 编号 */
	const char *state;    /* open / done / closed */
	const char *deadline; /* 整改时限 */
	const char *done;     /* 整改完成日期 */
	const char *closed;   /* 销号日期 */
};

static enum err rect_load(struct req *r, int64_t id, struct rect *x)
{
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &rectify_stmts, RT_ST_ROW, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "rectify.not_found", NULL, "整改问题不存在");
	if (e != E_OK)
		return e;
	x->id = db_int(res, RC_ID);
	x->village_id = db_int(res, RC_VILLAGE_ID);
	x->closed_by = db_int(res, RC_CLOSED_BY);
	x->escalated = db_int(res, RC_ESCALATED);
	x->ref = db_text_dup(&r->arena, res, RC_REF);
	x->state = db_text_dup(&r->arena, res, RC_STATE);
	x->deadline = db_text_dup(&r->arena, res, RC_DEADLINE);
	x->done = db_text_dup(&r->arena, res, RC_DONE);
	x->closed = db_text_dup(&r->arena, res, RC_CLOSED);
	return db_done(res);
}

static enum err rect_store(struct req *r, const struct rect *x, const char *action)
{
	enum err e =
	    db_exec(r->db, &rectify_stmts, RT_ST_SET_STATE,
		    DB_PARAMS(DB_INT(x->id), DB_TEXT(x->state), DB_TEXT(x->done),
			      DB_TEXT(x->closed), opt_id(x->closed_by), DB_INT(x->escalated)),
		    NULL);
	if (e != E_OK)
		return e;
	return trail_row(&r->tc, &rectify_tables[RT_T_PROBLEMS], x->id, action, &r->err);
}

static enum err rect_village(struct req *r, int64_t *vid)
{
	struct rect x = {0};
	enum err e = rect_load(r, modutil_path_id(r), &x);
	if (e == E_OK)
		*vid = x.village_id;
	return e;
}

static enum err task_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e = id ? db_one(r->db, &rectify_stmts, RT_ST_TASK_GET, DB_PARAMS(DB_INT(id)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "rectify.task_not_found", NULL, "整改任务不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err answer(struct req *r, const struct rect *x, int status)
{
	return req_json(r, status,
			json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)x->id, "ref", x->ref,
				  "state", x->state, "state_label", state_label(x->state)));
}

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

/* ---- lists and the board --------------------------------------------------------- */

static enum err list(struct req *r)
{
	int64_t limit, offset;
	char today[11];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	struct db_val p[11] = {
	    DB_INT(req_scope_all(r)),
	    DB_INT(req_scope_user(r)),
	    DB_TEXT(today),
	    DB_TEXT(modutil_query(r, "village")),
	    DB_TEXT(modutil_query(r, "source")),
	    DB_TEXT(modutil_query(r, "state")),
	    DB_INT(req_query_int(r, "overdue", 0) ? 1 : 0),
	    DB_INT(req_query_int(r, "escalated", 0) ? 1 : 0),
	    DB_INT(req_query_int(r, "mine", 0) ? 1 : 0),
	    DB_INT(limit),
	    DB_INT(offset),
	};
	struct db_res *res;
	enum err e = db_one(r->db, &rectify_stmts, RT_ST_COUNT, p, 9, &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &rectify_stmts, RT_ST_LIST, p, 11, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	as_bool(items, "overdue");
	as_bool(items, "escalated");
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *s = json_string_value(json_object_get(it, "state"));
		json_object_set_new(it, "state_label", json_string(state_label(s)));
	}
	return req_list(r, items, total);
}

/* 见底清零: per source, every problem ever raised and how many are not yet
 * closed; a source is cleared when none is left open. */
static enum err board(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	json_t *rows, *villages;
	enum err e = db_exec(
	    r->db, &rectify_stmts, RT_ST_BOARD,
	    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(today)), &res);
	if (e != E_OK || (e = json_rows(res, &rows)) != E_OK)
		return e;
	json_t *out = json_array();
	for (int s = 0; sources[s]; s++) {
		json_t *found = NULL, *it;
		size_t i;
		json_array_foreach(rows, i, it)
		{
			if (strcmp(json_string_value(json_object_get(it, "source")), sources[s]) ==
			    0)
				found = it;
		}
		json_t *o = found ? json_deep_copy(found)
				  : json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:i}", "source", sources[s],
					      "total", 0, "open", 0, "done", 0, "closed", 0,
					      "overdue", 0, "escalated", 0);
		json_int_t left = json_integer_value(json_object_get(o, "open")) +
				  json_integer_value(json_object_get(o, "done"));
		json_object_set_new(o, "remaining", json_integer(left));
		json_object_set_new(o, "cleared", json_boolean(left == 0));
		json_array_append_new(out, o);
	}
	json_decref(rows);
	if ((e = db_exec(
		 r->db, &rectify_stmts, RT_ST_BOARD_VILLAGE,
		 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(today)),
		 &res)) != E_OK ||
	    (e = json_rows(res, &villages)) != E_OK) {
		json_decref(out);
		return e;
	}
	return req_json(
	    r, 200,
	    json_pack("{s:s,s:o,s:o}", "as_of", today, "sources", out, "villages", villages));
}

static enum err get(struct req *r)
{
	struct db_res *res;
	char today[11];
	app_today(r->app, today);
	int64_t id = modutil_path_id(r);
	enum err e = db_one(r->db, &rectify_stmts, RT_ST_ROW, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	const char *state = json_string_value(json_object_get(o, "state"));
	const char *deadline = json_string_value(json_object_get(o, "deadline"));
	json_object_set_new(o, "state_label", json_string(state_label(state)));
	json_object_set_new(
	    o, "overdue",
	    json_boolean(strcmp(state, "closed") != 0 && strcmp(deadline, today) < 0));
	json_t *tasks, *ev;
	if ((e = db_exec(r->db, &rectify_stmts, RT_ST_TASKS_OF, DB_PARAMS(DB_INT(id)), &res)) !=
		E_OK ||
	    (e = json_rows(res, &tasks)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "tasks", tasks);
	if ((e = db_exec(r->db, &rectify_stmts, RT_ST_EV_OF, DB_PARAMS(DB_INT(id)), &res)) !=
		E_OK ||
	    (e = json_rows(res, &ev)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "evidence", ev);
	return req_json(r, 200, json_pack("{s:o}", "rectification", o));
}

/* ---- writes ------------------------------------------------------------------------ */

static const struct field create_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"source", "来源", FT_ENUM, FIELD_REQUIRED, 0, sources},
    {"source_ref", "来源编号", FT_STR, 0, 64},
    {"problem", "问题", FT_STR, FIELD_REQUIRED, 2000},
    {"owner", "责任人", FT_STR, FIELD_REQUIRED, 40},
    {"owner_username", "责任人账号", FT_STR, 0, 32},
    {"deadline", "整改时限", FT_DATE, FIELD_REQUIRED},
    {"measures", "整改措施", FT_STR, 0, 2000},
    {0},
};

/* The login that answers for a problem: known, and responsible for the village. */
static enum err owner_user(struct req *r, const char *name, int64_t vid, int64_t *uid)
{
	*uid = 0;
	if (!name || !*name)
		return E_OK;
	enum err e = auth_user_find(r->db, name, uid);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "rectify.owner_unknown", "owner_username",
				"没有这个用户：%s", name);
	if (e != E_OK)
		return e;
	struct principal *p;
	if ((e = auth_principal_load(r->db, &r->arena, *uid, &p)) != E_OK)
		return e;
	if (!rbac_allows(&perm_rectify_report, p) || !rbac_village_allowed(p, vid))
		return req_fail(r, E_RULE, "rectify.owner_scope", "owner_username",
				"用户 %s 不能报送该村（居）的整改", name);
	return E_OK;
}

static enum err create(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	const char *deadline = req_in_str(r, "deadline");
	if (strcmp(deadline, today) < 0)
		return req_fail(r, E_RULE, "rectify.deadline_past", "deadline",
				"整改时限 %s 早于今天", deadline);
	int64_t uid;
	enum err e = owner_user(r, req_in_str(r, "owner_username"), r->village_id, &uid);
	if (e != E_OK)
		return e;
	struct rectify_new n = {r->village_id,
				req_in_str(r, "source"),
				req_in_str(r, "source_ref"),
				req_in_str(r, "problem"),
				req_in_str(r, "owner"),
				uid,
				deadline,
				req_in_str(r, "measures"),
				today};
	int64_t id;
	bool created;
	if ((e = rectify_task_create(&r->tc, &n, &id, &created, &r->err)) != E_OK)
		return e;
	if (!created)
		return req_fail(r, E_CONFLICT, "rectify.exists", "source_ref",
				"该来源编号的问题已经交办");
	struct rect x = {0};
	if ((e = rect_load(r, id, &x)) != E_OK)
		return e;
	return answer(r, &x, 201);
}

static const struct field task_in[] = {
    {"measure", "整改措施", FT_STR, FIELD_REQUIRED, 2000},
    {"owner", "责任人", FT_STR, 0, 40},
    {"deadline", "完成时限", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err task_create(struct req *r)
{
	struct rect x = {0};
	enum err e = rect_load(r, modutil_path_id(r), &x);
	if (e != E_OK)
		return e;
	if (strcmp(x.state, "open") != 0)
		return req_fail(r, E_CONFLICT, "rectify.state", "state",
				"问题状态为“%s”，不能再增加任务", state_label(x.state));
	const char *deadline = req_in_str(r, "deadline");
	if (strcmp(deadline, x.deadline) > 0)
		return req_fail(r, E_RULE, "rectify.task_deadline", "deadline",
				"任务时限 %s 晚于问题的整改时限 %s", deadline, x.deadline);
	struct db_res *res;
	if ((e = db_one(r->db, &rectify_stmts, RT_ST_TASK_INSERT,
			DB_PARAMS(DB_INT(x.village_id), DB_INT(x.id),
				  DB_TEXT(req_in_str(r, "measure")), DB_OPT(req_in_str(r, "owner")),
				  DB_TEXT(deadline)),
			&res)) != E_OK)
		return e;
	int64_t tid = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &rectify_tables[RT_T_TASKS], tid, "rectify.task_create",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)tid));
}

static const struct field task_done_in[] = {
    {"done_date", "完成日期", FT_DATE, FIELD_REQUIRED},
    {"note", "完成情况", FT_STR, 0, 2000},
    {0},
};

static enum err task_done(struct req *r)
{
	int64_t tid = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &rectify_stmts, RT_ST_TASK_GET, DB_PARAMS(DB_INT(tid)), &res);
	if (e != E_OK)
		return e;
	int64_t rid = db_int(res, 2);
	db_done(res);
	struct rect x = {0};
	if ((e = rect_load(r, rid, &x)) != E_OK)
		return e;
	if (strcmp(x.state, "open") != 0)
		return req_fail(r, E_CONFLICT, "rectify.state", "state",
				"问题状态为“%s”，任务不能再修改", state_label(x.state));
	char today[11];
	app_today(r->app, today);
	const char *done = req_in_str(r, "done_date");
	if (strcmp(done, today) > 0)
		return req_fail(r, E_INPUT, "rectify.future", "done_date",
				"完成日期不能晚于今天（%s）", today);
	if ((e = db_exec(r->db, &rectify_stmts, RT_ST_TASK_DONE,
			 DB_PARAMS(DB_INT(tid), DB_TEXT(done), DB_OPT(req_in_str(r, "note"))),
			 NULL)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &rectify_tables[RT_T_TASKS], tid, "rectify.task_done",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)tid));
}

/* Evidence: the raw body, stored once per SHA-256; the hash is what the log keeps. */
static enum err evidence_upload(struct req *r)
{
	struct rect x = {0};
	enum err e = rect_load(r, modutil_path_id(r), &x);
	if (e != E_OK)
		return e;
	if (strcmp(x.state, "closed") == 0)
		return req_fail(r, E_CONFLICT, "rectify.state", "state",
				"已销号的问题不能再上传材料");
	static const struct modutil_upload spec = {
	    .filename_key = "rectify.filename",
	    .filename_field = "filename",
	    .empty_key = "rectify.empty",
	};
	struct modutil_upfile f;
	if ((e = modutil_upload_check(r, &spec, &f)) != E_OK)
		return e;
	static const struct modutil_file_store store = {
	    .stmts = &rectify_stmts,
	    .put = RT_ST_FILE_PUT,
	    .insert = RT_ST_EV_INSERT,
	    .table = &rectify_tables[RT_T_EVIDENCE],
	    .action = "rectify.evidence",
	    .exists_key = "rectify.evidence_exists",
	    .exists_msg = "同一份材料已经上传过",
	};
	int64_t eid;
	if ((e = modutil_file_put(r, &store, &f,
				  DB_PARAMS(DB_INT(x.village_id), DB_INT(x.id), DB_TEXT(f.sha256),
					    DB_TEXT(f.name), DB_INT((int64_t)f.size), DB_TEXT(f.at),
					    DB_INT(r->user->id)),
				  &eid)) != E_OK)
		return e;
	return modutil_file_created(r, eid, &f);
}

/* The bytes as stored, if they still hash to the key the log holds (the
 * statement finds them only under that key). */
static enum err evidence_get(struct req *r)
{
	const char *sha = req_param(r, "sha256");
	const struct modutil_download d = {
	    .sha256 = sha,
	    .corrupt_key = "rectify.evidence_corrupt",
	    .corrupt_what = "材料内容",
	    .name = "evidence",
	};
	enum err e = modutil_file_send(r, &rectify_stmts, RT_ST_FILE_GET,
				       DB_PARAMS(DB_INT(modutil_path_id(r)), DB_TEXT(sha)), 1, &d);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "rectify.evidence_missing", NULL, "没有这份材料");
	return e;
}

static const struct field done_in[] = {
    {"done_date", "整改完成日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err mark_done(struct req *r)
{
	struct rect x = {0};
	enum err e = rect_load(r, modutil_path_id(r), &x);
	if (e != E_OK)
		return e;
	if (strcmp(x.state, "open") != 0)
		return req_fail(r, E_CONFLICT, "rectify.state", "state",
				"问题状态为“%s”，不能报送完成", state_label(x.state));
	char today[11];
	app_today(r->app, today);
	const char *done = req_in_str(r, "done_date");
	if (strcmp(done, today) > 0)
		return req_fail(r, E_INPUT, "rectify.future", "done_date",
				"完成日期不能晚于今天（%s）", today);
	struct db_res *res;
	if ((e = db_one(r->db, &rectify_stmts, RT_ST_TASKS_OPEN, DB_PARAMS(DB_INT(x.id)), &res)) !=
	    E_OK)
		return e;
	int64_t open = db_int(res, 0);
	db_done(res);
	if (open)
		return req_fail(r, E_RULE, "rectify.tasks_open", NULL, "还有 %lld 项整改任务未完成",
				(long long)open);
	json_t *ev;
	if ((e = db_exec(r->db, &rectify_stmts, RT_ST_EV_OF, DB_PARAMS(DB_INT(x.id)), &res)) !=
		E_OK ||
	    (e = json_rows(res, &ev)) != E_OK)
		return e;
	size_t nev = json_array_size(ev);
	json_decref(ev);
	if (!nev)
		return req_fail(r, E_RULE, "rectify.no_evidence", NULL,
				"请先上传整改佐证材料，再报送完成");
	x.state = "done";
	x.done = done;
	if ((e = rect_store(r, &x, "rectify.done")) != E_OK)
		return e;
	return answer(r, &x, 200);
}

static enum err close_problem(struct req *r)
{
	struct rect x = {0};
	enum err e = rect_load(r, modutil_path_id(r), &x);
	if (e != E_OK)
		return e;
	if (strcmp(x.state, "done") != 0)
		return req_fail(r, E_CONFLICT, "rectify.state", "state",
				"问题状态为“%s”，整改完成并经报送后才能销号", state_label(x.state));
	char today[11];
	app_today(r->app, today);
	x.state = "closed";
	x.closed = arena_strdup(&r->arena, today);
	x.closed_by = r->user->id;
	if ((e = rect_store(r, &x, "rectify.close")) != E_OK)
		return e;
	return answer(r, &x, 200);
}

static enum err escalate(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	enum err e =
	    db_exec(r->db, &rectify_stmts, RT_ST_OVERDUE_OPEN, DB_PARAMS(DB_TEXT(today)), &res);
	if (e != E_OK)
		return e;
	int64_t ids[512]; /* at most 512 a call: the rest on the next */
	size_t n = 0;
	while (db_row(res) && n < 512)
		ids[n++] = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	json_t *refs = json_array();
	for (size_t i = 0; i < n; i++) {
		struct rect x;
		if ((e = rect_load(r, ids[i], &x)) != E_OK) {
			json_decref(refs);
			return e;
		}
		x.escalated = 1;
		if ((e = rect_store(r, &x, "rectify.escalate")) != E_OK) {
			json_decref(refs);
			return e;
		}
		json_array_append_new(refs, json_string(x.ref));
	}
	return req_json(r, 200, json_pack("{s:I,s:o}", "escalated", (json_int_t)n, "refs", refs));
}

/* ---- rectifications.csv ---------------------------------------------------------- */

enum { I_VILLAGE, I_REF, I_SOURCE, I_PROBLEM, I_OWNER, I_DEADLINE, I_CLOSED, I__N };

static const struct col_spec cols[I__N] = {
    [I_VILLAGE] = {"village_code", "区划代码", COL_AREA_CODE, true},
    [I_REF] = {"ref", "编号", COL_TEXT, true},
    [I_SOURCE] = {"source", "来源", COL_ENUM, true, sources},
    [I_PROBLEM] = {"problem", "问题", COL_TEXT, true},
    [I_OWNER] = {"owner", "责任人", COL_TEXT, false},
    [I_DEADLINE] = {"deadline", "整改时限", COL_DATE, true},
    [I_CLOSED] = {"closed_date", "销号日期", COL_DATE, false},
};

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static enum err load(struct import_ctx *ic, const struct import_set *s, struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *ids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool *changed = ARENA_ARRAY(ic->arena, bool, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		const char *code = modutil_cell(row, I_VILLAGE);
		if (!code)
			continue;
		if (org_village_id(ic->tc->db, code, &vids[i]) != E_OK) {
			import_report_add(rep, row->line, s->headers[I_VILLAGE], code,
					  "区划代码不在村居名册中");
			ok = false;
			continue;
		}
		if (ic->user && !rbac_village_allowed(ic->user, vids[i])) {
			import_report_add(rep, row->line, s->headers[I_VILLAGE], code,
					  "无权导入该村（居）的数据");
			ok = false;
			continue;
		}
		struct db_res *res;
		enum err e =
		    db_one(ic->tc->db, &rectify_stmts, RT_ST_FIND,
			   DB_PARAMS(DB_INT(vids[i]), DB_TEXT(modutil_cell(row, I_REF))), &res);
		if (e == E_NOTFOUND)
			continue;
		if (e != E_OK)
			return e;
		ids[i] = db_int(res, 0);
		changed[i] = !same(db_text(res, 1), modutil_cell(row, I_SOURCE)) ||
			     !same(db_text(res, 2), modutil_cell(row, I_PROBLEM)) ||
			     !same(db_text(res, 3), modutil_cell(row, I_OWNER)) ||
			     !same(db_text(res, 4), modutil_cell(row, I_DEADLINE)) ||
			     !same(db_text(res, 5), modutil_cell(row, I_CLOSED));
		bool closed = strcmp(db_text(res, 6), "closed") == 0;
		bool in_system = strcmp(db_text(res, 6), "done") == 0;
		db_done(res);
		if (changed[i] && (in_system || (closed && !modutil_cell(row, I_CLOSED)))) {
			import_report_add(rep, row->line, s->headers[I_REF],
					  modutil_cell(row, I_REF),
					  "该问题已在系统中报送完成或销号，不能用导入修改");
			ok = false;
		}
	}
	if (!ok)
		return E_INPUT;
	char today[11];
	app_today(ic->app, today);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		const char *closed = modutil_cell(row, I_CLOSED);
		const char *state = closed ? "closed" : "open";
		enum err e;
		int64_t id = ids[i];
		const char *action;
		if (id) {
			if (!changed[i]) {
				ic->unchanged++;
				continue;
			}
			if ((e = db_exec(ic->tc->db, &rectify_stmts, RT_ST_SET_IMPORT,
					 DB_PARAMS(DB_INT(id), DB_TEXT(modutil_cell(row, I_SOURCE)),
						   DB_TEXT(modutil_cell(row, I_PROBLEM)),
						   DB_TEXT(modutil_cell(row, I_OWNER)),
						   DB_TEXT(modutil_cell(row, I_DEADLINE)),
						   DB_TEXT(closed), DB_TEXT(state)),
					 NULL)) != E_OK)
				return e;
			ic->updated++;
			action = "rectify.import_update";
		} else {
			struct db_res *res;
			if ((e = db_one(ic->tc->db, &rectify_stmts, RT_ST_INSERT,
					DB_PARAMS(DB_INT(vids[i]),
						  DB_TEXT(modutil_cell(row, I_REF)),
						  DB_TEXT(modutil_cell(row, I_SOURCE)), DB_NULL,
						  DB_TEXT(modutil_cell(row, I_PROBLEM)),
						  DB_TEXT(modutil_cell(row, I_OWNER)), DB_NULL,
						  DB_TEXT(modutil_cell(row, I_DEADLINE)),
						  DB_TEXT(today), DB_TEXT(state), DB_TEXT(closed)),
					&res)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			id = db_int(res, 0);
			db_done(res);
			ic->inserted++;
			action = "rectify.import";
		}
		if ((e = modutil_log_row(ic, &rectify_tables[RT_T_PROBLEMS], id, action, rep)) !=
		    E_OK)
			return e;
	}
	return E_OK;
}

static enum err export_rows(struct app *app, struct db_conn *c, const struct principal *u,
			    struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app;
	(void)ei;
	return modutil_export(c, &rectify_stmts, RT_ST_EXPORT, u, cols, I__N, a, out);
}

static const struct import_file imports[] = {
    {"rectifications.csv", "整改清单", cols, I__N, &perm_rectify_write, load, export_rows},
};

/* ---- the route table -------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/api/v1/rectifications", list, &perm_rectify_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "整改清单（village, source, state, overdue=1, escalated=1, mine=1）"},
    {"GET", "/api/v1/rectifications/board", board, &perm_rectify_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "见底清零台账：按来源、按村统计"},
    {"POST", "/api/v1/rectifications/escalate", escalate, &perm_rectify_close, SCOPE_NONE, NULL,
     NULL, ROUTE_WRITE | ROUTE_NO_LOG, "rectify.escalate", "将超期未销号的问题标记为督办"},
    {"POST", "/api/v1/rectifications", create, &perm_rectify_write, SCOPE_VILLAGE, NULL, create_in,
     ROUTE_WRITE, "rectify.create", "交办整改问题（责任人、时限、措施）"},
    {"GET", "/api/v1/rectifications/{id}", get, &perm_rectify_read, SCOPE_VILLAGE, rect_village,
     NULL, 0, NULL, "整改问题详情、任务与佐证材料"},
    {"POST", "/api/v1/rectifications/{id}/tasks", task_create, &perm_rectify_write, SCOPE_VILLAGE,
     rect_village, task_in, ROUTE_WRITE, "rectify.task_create", "增加整改任务"},
    {"PUT", "/api/v1/rect-tasks/{id}", task_done, &perm_rectify_report, SCOPE_VILLAGE, task_village,
     task_done_in, ROUTE_WRITE, "rectify.task_done", "登记整改任务完成"},
    {"POST", "/api/v1/rectifications/{id}/evidence", evidence_upload, &perm_rectify_report,
     SCOPE_VILLAGE, rect_village, NULL, ROUTE_WRITE | ROUTE_RAW_BODY, "rectify.evidence",
     "上传整改佐证材料（按 SHA-256 存储）"},
    {"GET", "/api/v1/rectifications/{id}/evidence/{sha256}", evidence_get, &perm_rectify_read,
     SCOPE_VILLAGE, rect_village, NULL, 0, NULL, "下载整改佐证材料"},
    {"POST", "/api/v1/rectifications/{id}/done", mark_done, &perm_rectify_report, SCOPE_VILLAGE,
     rect_village, done_in, ROUTE_WRITE, "rectify.done", "报送整改完成（待销号）"},
    {"POST", "/api/v1/rectifications/{id}/close", close_problem, &perm_rectify_close, SCOPE_VILLAGE,
     rect_village, NULL, ROUTE_WRITE, "rectify.close", "销号（仅镇纪委）"},
};

const struct module rectify_module = {
    .name = "rectify",
    .title = "整改",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &rectify_stmts,
    .tables = rectify_tables,
    .ntables = RT_T__MAX,
    .imports = imports,
    .nimports = 1,
};
