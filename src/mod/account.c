/*
 * System and account routes.  The mechanisms (hashing, sessions, lock-out) are
 * in core/auth.c; this file is their HTTP face and the user administration of
 * the admin role, which never touches business records.
 */
#include "account.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/json_out.h"
#include "core/log.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

enum {
	ST_USERS_LIST,
	ST_USERS_COUNT,
	ST_USER_VILLAGE_CODES,
	ST_TRAIL_OF,
	ST_TRAIL_OF_COUNT,
	ST_USER_PASSWORD_HASH,
	ST__MAX
};

static const struct db_sql sql[ST__MAX] = {
    [ST_USERS_LIST] =
	{"account.users_list",
	 "SELECT u.id, u.username, u.display_name, u.role, u.dept, u.disabled, u.locked_until, "
	 "u.created_at, p.id_no AS person_id_no FROM users u LEFT JOIN people p ON p.id = "
	 "u.person_id "
	 "WHERE ($1 = '' OR u.username LIKE '%' || $1 || '%' OR u.display_name LIKE '%' || $1 || "
	 "'%') "
	 "ORDER BY u.id LIMIT $2 OFFSET $3"},
    [ST_USERS_COUNT] =
	{"account.users_count",
	 "SELECT COUNT(*) FROM users "
	 "WHERE ($1 = '' OR username LIKE '%' || $1 || '%' OR display_name LIKE '%' || $1 || '%')"},
    [ST_USER_VILLAGE_CODES] =
	{"account.user_village_codes",
	 "SELECT v.code FROM user_village uv JOIN villages v ON v.id = uv.village_id "
	 "WHERE uv.user_id = $1 ORDER BY v.code"},
    [ST_TRAIL_OF] = {"account.trail_of",
		     "SELECT seq, ts, actor, action, entry FROM trail "
		     "WHERE entity = $1 AND key = $2 ORDER BY seq DESC LIMIT $3 OFFSET $4"},
    [ST_TRAIL_OF_COUNT] = {"account.trail_of_count",
			   "SELECT COUNT(*) FROM trail WHERE entity = $1 AND key = $2"},
    [ST_USER_PASSWORD_HASH] = {"account.user_password_hash",
			       "SELECT password_hash FROM users WHERE id = $1"},
};

static struct db_stmts stmts = {"account", sql, ST__MAX, 0, false};

/* ---- health and metrics --------------------------------------------------- */

static enum err healthz(struct req *r)
{
	uint64_t size;
	uint8_t root[32];
	enum err e = trail_head(r->db, &size, root);
	if (e != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:s,s:s,s:I}", "status", "ok", "db",
				  db_backend(r->app->db) == DB_PG ? "postgresql" : "sqlite",
				  "trail_size", (json_int_t)size));
}

static enum err metrics(struct req *r)
{
	struct app_metrics *m = &r->app->metrics;
	uint64_t size;
	uint8_t root[32];
	enum err e = trail_head(r->db, &size, root);
	if (e != E_OK)
		return e;
	buf_reset(&r->resp);
	buf_addf(&r->resp,
		 "# HELP qinglian_requests_total HTTP requests answered.\n"
		 "# TYPE qinglian_requests_total counter\n"
		 "qinglian_requests_total %llu\n"
		 "# TYPE qinglian_errors_total counter\n"
		 "qinglian_errors_total{class=\"4xx\"} %llu\n"
		 "qinglian_errors_total{class=\"5xx\"} %llu\n"
		 "# HELP qinglian_request_seconds_total Time spent answering requests.\n"
		 "# TYPE qinglian_request_seconds_total counter\n"
		 "qinglian_request_seconds_total %.6f\n"
		 "# TYPE qinglian_tx_retries_total counter\n"
		 "qinglian_tx_retries_total %llu\n"
		 "# TYPE qinglian_write_transactions_total counter\n"
		 "qinglian_write_transactions_total %llu\n"
		 "# TYPE qinglian_logins_failed_total counter\n"
		 "qinglian_logins_failed_total %llu\n"
		 "# HELP qinglian_trail_size Entries in the tamper-evident log.\n"
		 "# TYPE qinglian_trail_size gauge\n"
		 "qinglian_trail_size %llu\n",
		 (unsigned long long)m->requests, (unsigned long long)m->errors_4xx,
		 (unsigned long long)m->errors_5xx, (double)m->duration_us / 1e6,
		 (unsigned long long)m->tx_retries, (unsigned long long)m->trail_appends,
		 (unsigned long long)m->logins_failed, (unsigned long long)size);
	r->resp_type = "text/plain; version=0.0.4; charset=utf-8";
	r->status = 200;
	return E_OK;
}

static enum err checkpoint_get(struct req *r)
{
	if (!r->app->have_signer)
		return req_fail(r, E_NOTFOUND, "checkpoint.none", NULL,
				"本系统未配置检查点签名密钥");
	char *note;
	enum err e = trail_checkpoint(r->db, &r->app->signer, &r->arena, &note, &r->err);
	if (e != E_OK)
		return e;
	struct buf vkey = BUF_INIT;
	checkpoint_vkey(&r->app->signer.key, &vkey);
	e = req_json(r, 200, json_pack("{s:s,s:s}", "checkpoint", note, "vkey", vkey.ptr));
	buf_release(&vkey);
	return e;
}

/* ---- session ------------------------------------------------------------------ */

static json_t *user_json(struct req *r)
{
	const struct principal *u = r->user;
	json_t *o =
	    json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)u->id, "username", u->username,
		      "display_name", u->display_name, "role", rbac_role_name(u->role),
		      "role_label", rbac_role_label(u->role), "all_villages", u->all_villages);
	json_object_set_new(o, "dept", u->dept ? json_string(u->dept) : json_null());
	json_t *v = org_villages_json(r->db, u);
	json_object_set_new(o, "villages", v ? v : json_array());
	return o;
}

static enum err session_answer(struct req *r)
{
	return req_json(r, 200,
			json_pack("{s:o,s:s}", "user", user_json(r), "csrf", r->session_csrf));
}

static enum err session_get(struct req *r)
{
	return session_answer(r);
}

static const struct field login_in[] = {
    {"username", "用户名", FT_STR, FIELD_REQUIRED, 32},
    {"password", "密码", FT_STR, FIELD_REQUIRED, 128},
    {0},
};

static enum err session_login(struct req *r)
{
	enum err e = auth_login(r, &r->tc, req_in_str(r, "username"), req_in_str(r, "password"));
	if (e == E_UNAUTH || e == E_LOCKED) {
		/* Answer the refusal but commit the failure count and its log entry. */
		req_answer_error(r, e);
		return E_OK;
	}
	if (e != E_OK)
		return e;
	return session_answer(r);
}

static enum err session_logout(struct req *r)
{
	enum err e = auth_logout(r);
	if (e != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static const struct field password_in[] = {
    {"old_password", "原密码", FT_STR, FIELD_REQUIRED, 128},
    {"new_password", "新密码", FT_STR, FIELD_REQUIRED, 128},
    {0},
};

static enum err session_password(struct req *r)
{
	struct db_res *res;
	enum err e =
	    db_one(r->db, &stmts, ST_USER_PASSWORD_HASH, DB_PARAMS(DB_INT(r->user->id)), &res);
	if (e != E_OK)
		return e;
	bool ok = auth_password_verify(db_text(res, 0), req_in_str(r, "old_password"));
	if ((e = db_done(res)) != E_OK)
		return e;
	if (!ok)
		return req_fail(r, E_INPUT, "user.old_password", "old_password", "原密码不正确");
	e = auth_user_set_password(r->app, &r->tc, r->user->id, req_in_str(r, "new_password"),
				   &r->err);
	if (e != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:b}", "ok", 1));
}

static enum err menu(struct req *r)
{
	json_t *a = json_array();
	for (const struct module *const *m = r->app->modules; *m; m++) {
		bool any = false;
		for (size_t i = 0; i < (*m)->nroutes && !any; i++) {
			const struct route *rt = &(*m)->routes[i];
			any = strncmp(rt->pattern, "/api/", 5) == 0 && !rt->perm->anonymous &&
			      rt->perm != &perm_session && rbac_allows(rt->perm, r->user);
		}
		if (any)
			json_array_append_new(
			    a, json_pack("{s:s,s:s}", "name", (*m)->name, "title", (*m)->title));
	}
	return req_json(r, 200, json_pack("{s:o}", "modules", a));
}

/* ---- users (admin) -------------------------------------------------------------- */

static enum err users_list(struct req *r)
{
	int64_t limit, offset, total = 0;
	const char *q = req_query(r, "q");
	if (!q)
		q = "";
	req_paging(r, &limit, &offset);
	struct db_res *res;
	enum err e = db_one(r->db, &stmts, ST_USERS_COUNT, DB_PARAMS(DB_TEXT(q)), &res);
	if (e != E_OK)
		return e;
	total = db_int(res, 0);
	db_done(res);
	if ((e = db_exec(r->db, &stmts, ST_USERS_LIST,
			 DB_PARAMS(DB_TEXT(q), DB_INT(limit), DB_INT(offset)), &res)) != E_OK)
		return e;
	json_t *items;
	if ((e = json_rows(res, &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		enum role role;
		rbac_role_parse(json_string_value(json_object_get(it, "role")), &role);
		json_object_set_new(it, "role_label", json_string(rbac_role_label(role)));
		json_object_set_new(
		    it, "disabled",
		    json_boolean(json_integer_value(json_object_get(it, "disabled"))));
		json_t *codes = json_array();
		struct db_res *vr;
		int64_t uid = json_integer_value(json_object_get(it, "id"));
		if ((e = db_exec(r->db, &stmts, ST_USER_VILLAGE_CODES, DB_PARAMS(DB_INT(uid)),
				 &vr)) != E_OK) {
			json_decref(codes);
			json_decref(items);
			return e;
		}
		while (db_row(vr))
			json_array_append_new(codes, json_string(db_text(vr, 0)));
		db_done(vr);
		json_object_set_new(it, "villages", codes);
	}
	return req_list(r, items, total);
}

static const char *const role_names[] = {"admin",   "jiwei",	  "dept",      "accountant",
					 "village", "supervisor", "inspector", NULL};

static const struct field user_in[] = {
    {"username", "用户名", FT_STR, FIELD_REQUIRED, 32},
    {"display_name", "姓名", FT_STR, FIELD_REQUIRED, 40},
    {"role", "角色", FT_ENUM, FIELD_REQUIRED, 0, role_names},
    {"dept", "所属部门", FT_STR, 0, 40},
    {"password", "初始密码", FT_STR, FIELD_REQUIRED, 128},
    {"village_codes", "负责村（居）", FT_ARRAY, 0},
    {"person_id_no", "本人身份证号", FT_IDNO, 0},
    {0},
};

static const struct field user_update_in[] = {
    {"display_name", "姓名", FT_STR, FIELD_REQUIRED, 40},
    {"role", "角色", FT_ENUM, FIELD_REQUIRED, 0, role_names},
    {"dept", "所属部门", FT_STR, 0, 40},
    {"village_codes", "负责村（居）", FT_ARRAY, 0},
    {"disabled", "停用", FT_BOOL, 0},
    {"person_id_no", "本人身份证号", FT_IDNO, 0},
    {0},
};

/* village_codes → ids, each checked to exist. */
static enum err village_ids(struct req *r, int64_t **ids, size_t *n)
{
	json_t *a = json_object_get(r->in, "village_codes");
	size_t cnt = json_is_array(a) ? json_array_size(a) : 0;
	*ids = ARENA_ARRAY(&r->arena, int64_t, cnt + 1);
	*n = 0;
	for (size_t i = 0; i < cnt; i++) {
		const char *code = json_string_value(json_array_get(a, i));
		if (!code)
			return req_fail(r, E_INPUT, "input.type", "village_codes",
					"负责村（居）应为区划代码列表");
		enum err e = app_village_id(r, code, &(*ids)[*n]);
		if (e != E_OK)
			return e;
		(*n)++;
	}
	return E_OK;
}

static enum err user_from_input(struct req *r, struct user_new *u)
{
	memset(u, 0, sizeof(*u));
	u->username = req_in_str(r, "username");
	u->display_name = req_in_str(r, "display_name");
	u->dept = req_in_str(r, "dept");
	u->password = req_in_str(r, "password");
	rbac_role_parse(req_in_str(r, "role"), &u->role);
	int64_t *ids;
	size_t n;
	enum err e = village_ids(r, &ids, &n);
	u->villages = ids;
	u->nvillages = n;
	if (e != E_OK)
		return e;
	/* The login's own person on the register: what is about them stays hidden from them. */
	const char *id_no = req_in_str(r, "person_id_no");
	if (id_no && *id_no && (e = org_person_id(r->db, id_no, &u->person_id)) == E_NOTFOUND)
		return req_fail(r, E_INPUT, "user.person", "person_id_no",
				"身份证号 %s 不在人员名册中", id_no);
	return e;
}

static enum err user_create(struct req *r)
{
	struct user_new u;
	int64_t id;
	enum err e = user_from_input(r, &u);
	if (e != E_OK)
		return e;
	if ((e = auth_user_add(r->app, &r->tc, &u, &id, &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static enum err user_update(struct req *r)
{
	struct user_new u;
	int64_t id = modutil_path_id(r);
	if (!id)
		return req_fail(r, E_NOTFOUND, "user.not_found", NULL, "用户不存在");
	enum err e = user_from_input(r, &u);
	if (e != E_OK)
		return e;
	if ((e = auth_user_update(&r->tc, &u, id, &r->err)) != E_OK)
		return e;
	if (req_in_has(r, "disabled")) {
		if (id == r->user->id && req_in_bool(r, "disabled"))
			return req_fail(r, E_RULE, "user.disable_self", "disabled",
					"不能停用自己的账号");
		if ((e = auth_user_set_disabled(&r->tc, id, req_in_bool(r, "disabled"), &r->err)) !=
		    E_OK)
			return e;
	}
	return req_json(r, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

static const struct field reset_in[] = {
    {"password", "新密码", FT_STR, FIELD_REQUIRED, 128},
    {0},
};

static enum err user_reset_password(struct req *r)
{
	int64_t id = modutil_path_id(r);
	if (!id)
		return req_fail(r, E_NOTFOUND, "user.not_found", NULL, "用户不存在");
	enum err e = auth_user_set_password(r->app, &r->tc, id, req_in_str(r, "password"), &r->err);
	if (e != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:b}", "ok", 1));
}

/* ---- record timeline ---------------------------------------------------------- */

static enum err trail_of(struct req *r)
{
	const char *entity = req_query(r, "entity");
	const char *key = req_query(r, "key");
	const struct trail_table *t = entity ? trail_table_find(entity) : NULL;
	if (!t || !key)
		return req_fail(r, E_INPUT, "trail.entity", "entity", "请指定要查看的记录");
	if (t->read_perm && !rbac_allows(t->read_perm, r->user))
		return req_fail(r, E_FORBIDDEN, "auth.forbidden", NULL, "没有权限查看该记录的历史");
	/* The record must be one the user may see: its village in scope, and
	 * account records only for the admin. */
	if (strcmp(entity, "users") == 0 || strcmp(entity, "user_village") == 0) {
		if (r->user->role != ROLE_ADMIN)
			return req_fail(r, E_FORBIDDEN, "auth.forbidden", NULL,
					"没有权限查看账号记录");
	} else if (r->user->role == ROLE_ADMIN) {
		return req_fail(r, E_FORBIDDEN, "auth.forbidden", NULL, "系统管理员不查看业务记录");
	} else {
		struct db_res *res;
		char *end;
		long long id = strtoll(key, &end, 10);
		if (*end || !*key)
			return req_fail(r, E_INPUT, "trail.key", "key", "记录编号无效");
		enum err e = db_one(r->db, t->set, t->st_get, DB_PARAMS(DB_INT(id)), &res);
		if (e == E_NOTFOUND)
			return req_fail(r, E_NOTFOUND, "trail.record", NULL, "记录不存在");
		if (e != E_OK)
			return e;
		json_t *row = json_row(res);
		db_done(res);
		int64_t vid =
		    t->village_col ? json_integer_value(json_object_get(row, t->village_col)) : 0;
		json_decref(row);
		if (vid && !rbac_village_allowed(r->user, vid))
			return req_fail(r, E_FORBIDDEN, "scope.village", NULL,
					"无权访问该村（居）的数据");
		if (!t->village_col && !r->user->all_villages)
			return req_fail(r, E_FORBIDDEN, "scope.village", NULL, "无权查看该记录");
	}
	int64_t limit, offset;
	req_paging(r, &limit, &offset);
	struct db_res *res;
	enum err e = db_one(r->db, &stmts, ST_TRAIL_OF_COUNT,
			    DB_PARAMS(DB_TEXT(entity), DB_TEXT(key)), &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	if ((e = db_exec(r->db, &stmts, ST_TRAIL_OF,
			 DB_PARAMS(DB_TEXT(entity), DB_TEXT(key), DB_INT(limit), DB_INT(offset)),
			 &res)) != E_OK)
		return e;
	json_t *items = json_array();
	while (db_row(res)) {
		json_t *entry = json_loads(db_text(res, 4), 0, NULL);
		json_t *it =
		    json_pack("{s:I,s:s,s:s,s:s}", "seq", (json_int_t)db_int(res, 0), "ts",
			      db_text(res, 1), "actor", db_text(res, 2), "action", db_text(res, 3));
		json_object_set(it, "value", entry ? json_object_get(entry, "value") : json_null());
		json_decref(entry);
		json_array_append_new(items, it);
	}
	if ((e = db_done(res)) != E_OK) {
		json_decref(items);
		return e;
	}
	return req_list(r, items, total);
}

static const struct route routes[] = {
    {"GET", "/healthz", healthz, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL, "健康检查"},
    {"GET", "/metrics", metrics, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL,
     "运行指标（Prometheus 文本格式）"},
    {"GET", "/api/v1/checkpoint", checkpoint_get, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL,
     "当前签名检查点与验证公钥"},
    {"POST", "/api/v1/session", session_login, &perm_public, SCOPE_NONE, NULL, login_in,
     ROUTE_WRITE | ROUTE_NO_CSRF | ROUTE_NO_LOG, "auth.login", "登录"},
    {"GET", "/api/v1/session", session_get, &perm_session, SCOPE_NONE, NULL, NULL, 0, NULL,
     "当前用户与 CSRF 令牌"},
    {"DELETE", "/api/v1/session", session_logout, &perm_session, SCOPE_NONE, NULL, NULL,
     ROUTE_WRITE | ROUTE_NO_LOG, NULL, "退出登录"},
    {"POST", "/api/v1/session/password", session_password, &perm_session, SCOPE_NONE, NULL,
     password_in, ROUTE_WRITE, "user.password", "修改本人密码"},
    {"GET", "/api/v1/menu", menu, &perm_session, SCOPE_NONE, NULL, NULL, 0, NULL, "本人可用的模块"},
    {"GET", "/api/v1/users", users_list, &perm_user_admin, SCOPE_NONE, NULL, NULL, 0, NULL,
     "用户列表"},
    {"POST", "/api/v1/users", user_create, &perm_user_admin, SCOPE_NONE, NULL, user_in, ROUTE_WRITE,
     "user.create", "新增用户"},
    {"PUT", "/api/v1/users/{id}", user_update, &perm_user_admin, SCOPE_NONE, NULL, user_update_in,
     ROUTE_WRITE, "user.update", "修改用户（角色、负责村居、停用）"},
    {"POST", "/api/v1/users/{id}/password", user_reset_password, &perm_user_admin, SCOPE_NONE, NULL,
     reset_in, ROUTE_WRITE, "user.password", "重置用户密码"},
    {"GET", "/api/v1/trail", trail_of, &perm_session, SCOPE_NONE, NULL, NULL, 0, NULL,
     "一条记录的变更历史"},
};

const struct module account_module = {
    .name = "account",
    .title = "系统与账号",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &stmts,
};
