/*
 * Passwords, sessions, CSRF and lock-out over the core tables users,
 * user_village and sessions.  The statement table below is all the SQL of this
 * file.  Must not know any business table.
 */
#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "ratelimit.h"

enum {
	ST_SESSION_GET,
	ST_SESSION_INSERT,
	ST_SESSION_DELETE,
	ST_SESSION_TOUCH,
	ST_SESSION_PURGE,
	ST_USER_BY_NAME,
	ST_USER_GET,
	ST_USER_VILLAGES,
	ST_USER_FAILED,
	ST_USER_LOGIN_OK,
	ST_USER_INSERT,
	ST_USER_PASSWORD,
	ST_USER_DISABLED,
	ST_USER_UPDATE,
	ST_USER_LOG_GET,
	ST_USER_LOG_ALL,
	ST_UV_INSERT,
	ST_UV_LIST_IDS,
	ST_UV_DELETE,
	ST_UV_LOG_GET,
	ST_UV_LOG_ALL,
	ST_SESSIONS_OF_USER_DELETE,
	ST_USER_IDS,
	ST__MAX
};

#define USER_LOG_COLS                                                                              \
	"SELECT id, username, display_name, role, dept, person_id, disabled, created_at, "           \
	"password_changed_at FROM users"

static const struct db_sql sql[ST__MAX] = {
	[ST_SESSION_GET] = {"auth.session_get",
			    "SELECT s.user_id, s.csrf, s.expires_at FROM sessions s "
			    "JOIN users u ON u.id = s.user_id "
			    "WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0"},
	[ST_SESSION_INSERT] = {"auth.session_insert",
			       "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) "
			       "VALUES ($1, $2, $3, $4, $5)"},
	[ST_SESSION_DELETE] = {"auth.session_delete", "DELETE FROM sessions WHERE id_hash = $1"},
	[ST_SESSION_TOUCH] = {"auth.session_touch",
			      "UPDATE sessions SET expires_at = $2 WHERE id_hash = $1"},
	[ST_SESSION_PURGE] = {"auth.session_purge", "DELETE FROM sessions WHERE expires_at <= $1"},
	[ST_USER_BY_NAME] = {"auth.user_by_name",
			     "SELECT id, password_hash, failed_logins, locked_until, disabled "
			     "FROM users WHERE username = $1"},
	[ST_USER_GET] = {"auth.user_get",
			 "SELECT id, username, display_name, role, dept, person_id "
			 "FROM users WHERE id = $1"},
	[ST_USER_VILLAGES] = {"auth.user_villages",
			      "SELECT village_id FROM user_village WHERE user_id = $1 "
			      "ORDER BY village_id"},
	[ST_USER_FAILED] = {"auth.user_failed",
			    "UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1"},
	[ST_USER_LOGIN_OK] = {"auth.user_login_ok",
			      "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1"},
	[ST_USER_INSERT] = {"auth.user_insert",
			    "INSERT INTO users (username, display_name, role, dept, password_hash, "
			    "created_at, password_changed_at, person_id) "
			    "VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id"},
	[ST_USER_PASSWORD] = {"auth.user_password",
			      "UPDATE users SET password_hash = $2, password_changed_at = $3, "
			      "failed_logins = 0, locked_until = NULL WHERE id = $1"},
	[ST_USER_DISABLED] = {"auth.user_disabled", "UPDATE users SET disabled = $2 WHERE id = $1"},
	[ST_USER_UPDATE] = {"auth.user_update",
			    "UPDATE users SET display_name = $2, role = $3, dept = $4, person_id = $5 "
			    "WHERE id = $1"},
	[ST_USER_LOG_GET] = {"auth.user_log_get", USER_LOG_COLS " WHERE id = $1"},
	[ST_USER_LOG_ALL] = {"auth.user_log_all", USER_LOG_COLS " ORDER BY id"},
	[ST_UV_INSERT] = {"auth.uv_insert",
			  "INSERT INTO user_village (user_id, village_id) VALUES ($1, $2) "
			  "RETURNING id"},
	[ST_UV_LIST_IDS] = {"auth.uv_list_ids",
			    "SELECT id, village_id FROM user_village WHERE user_id = $1 ORDER BY id"},
	[ST_UV_DELETE] = {"auth.uv_delete", "DELETE FROM user_village WHERE id = $1"},
	[ST_UV_LOG_GET] = {"auth.uv_log_get",
			   "SELECT id, user_id, village_id FROM user_village WHERE id = $1"},
	[ST_UV_LOG_ALL] = {"auth.uv_log_all",
			   "SELECT id, user_id, village_id FROM user_village ORDER BY id"},
	[ST_SESSIONS_OF_USER_DELETE] = {"auth.sessions_of_user_delete",
					"DELETE FROM sessions WHERE user_id = $1"},
	[ST_USER_IDS] = {"auth.user_ids", "SELECT id FROM users ORDER BY id"},
};

struct db_stmts auth_stmts = {"core", sql, ST__MAX, 0, false};

/* The password hash and the lock-out counters are left out of the logged value:
 * a hash does not belong in a log that auditors read, and counters change on
 * every failed login (which is logged as an event of its own). */
const struct trail_table auth_users_table = {"users", &auth_stmts, ST_USER_LOG_GET,
					     ST_USER_LOG_ALL, NULL};
const struct trail_table auth_user_village_table = {"user_village", &auth_stmts, ST_UV_LOG_GET,
						    ST_UV_LOG_ALL, "village_id"};

void auth_register(void)
{
	db_stmts_register(&auth_stmts);
	trail_register(&auth_users_table);
	trail_register(&auth_user_village_table);
}

static void sha256_hex(const char *s, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static void random_token(struct app *app, char out[65])
{
	unsigned char b[32];
	app_random(app, b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
}

enum err auth_principal_load(struct db_conn *c, struct arena *a, int64_t user_id,
			     struct principal **out)
{
	struct db_res *res;
	enum err e = db_one(c, &auth_stmts, ST_USER_GET, DB_PARAMS(DB_INT(user_id)), &res);
	if (e != E_OK)
		return e;
	struct principal *u = ARENA_NEW(a, struct principal);
	u->id = db_int(res, 0);
	u->username = db_text_dup(a, res, 1);
	u->display_name = db_text_dup(a, res, 2);
	if (!rbac_role_parse(db_text(res, 3), &u->role)) {
		db_done(res);
		return E_INTERNAL;
	}
	u->dept = db_text_dup(a, res, 4);
	u->person_id = db_int(res, 5);
	u->all_villages = rbac_role_all_villages(u->role);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = db_exec(c, &auth_stmts, ST_USER_VILLAGES, DB_PARAMS(DB_INT(user_id)), &res)) !=
	    E_OK)
		return e;
	size_t cap = 8, n = 0;
	int64_t *v = ARENA_ARRAY(a, int64_t, cap);
	while (db_row(res)) {
		if (n == cap) {
			int64_t *nv = ARENA_ARRAY(a, int64_t, cap * 2);
			memcpy(nv, v, n * sizeof(*v));
			v = nv;
			cap *= 2;
		}
		v[n++] = db_int(res, 0);
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	u->villages = v;
	u->nvillages = n;
	*out = u;
	return E_OK;
}

enum err auth_session_load(struct req *r)
{
	if (!r->cookie_sid || strlen(r->cookie_sid) != 64)
		return E_OK;
	char hash[65], now[32];
	sha256_hex(r->cookie_sid, hash);
	int64_t now_us = app_now(r->app);
	app_timestamp(now_us, now);
	struct db_res *res;
	enum err e = db_one(r->db, &auth_stmts, ST_SESSION_GET, DB_PARAMS(DB_TEXT(hash), DB_TEXT(now)),
			    &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	int64_t uid = db_int(res, 0);
	char *csrf = db_text_dup(&r->arena, res, 1);
	char *expires = db_text_dup(&r->arena, res, 2);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = auth_principal_load(r->db, &r->arena, uid, &r->user)) != E_OK)
		return e == E_NOTFOUND ? E_OK : e;
	r->session_id = arena_strdup(&r->arena, hash);
	r->session_csrf = csrf;
	/* Sliding expiry, written at most every ten minutes. */
	char later[32];
	int64_t life = (int64_t)r->app->session_hours * 3600 * 1000000;
	app_timestamp(now_us + life - 600LL * 1000000, later);
	if (strcmp(expires, later) < 0) {
		app_timestamp(now_us + life, later);
		db_exec(r->db, &auth_stmts, ST_SESSION_TOUCH, DB_PARAMS(DB_TEXT(hash), DB_TEXT(later)),
			NULL);
	}
	return E_OK;
}

bool auth_csrf_ok(const struct req *r)
{
	if (!r->session_csrf || !r->csrf)
		return false;
	size_t n = strlen(r->session_csrf);
	return strlen(r->csrf) == n && sodium_memcmp(r->csrf, r->session_csrf, n) == 0;
}

const char *auth_csrf_token(struct req *r)
{
	return r->session_csrf;
}

static void set_cookie(struct req *r, const char *value, int max_age)
{
	char *c = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
			       AUTH_COOKIE, value, max_age, r->app->secure_cookie ? "; Secure" : "");
	req_header(r, "Set-Cookie", c);
}

static enum err login_failed(struct req *r, struct trail_ctx *tc, int64_t uid, int64_t failed,
			     const char *locked_until)
{
	enum err e;
	char val[160];
	atomic_fetch_add(&r->app->metrics.logins_failed, 1);
	ratelimit_note(r, RL_LOGIN);
	if (uid) {
		if ((e = db_exec(tc->db, &auth_stmts, ST_USER_FAILED,
				 DB_PARAMS(DB_INT(uid), DB_INT(failed), DB_TEXT(locked_until)),
				 NULL)) != E_OK)
			return e;
		snprintf(val, sizeof(val), "{\"failed_logins\":%lld,\"locked\":%s}",
			 (long long)failed, locked_until ? "true" : "false");
		char key[24];
		snprintf(key, sizeof(key), "%lld", (long long)uid);
		if ((e = trail_event(tc, "auth.login_failed", "users", key, 0, val, &r->err)) != E_OK)
			return e;
	}
	if (locked_until)
		return req_fail(r, E_LOCKED, "auth.locked", NULL,
				"登录失败次数过多，账号已锁定%d分钟", r->app->lock_minutes);
	return req_fail(r, E_UNAUTH, "auth.bad_credentials", "password", "用户名或密码错误");
}

enum err auth_login(struct req *r, struct trail_ctx *tc, const char *username,
		    const char *password)
{
	struct db_res *res;
	char now[32];
	int64_t now_us = app_now(r->app);
	app_timestamp(now_us, now);
	/* Too many failures from this address (across accounts): refused before
	 * any password is looked at. */
	enum err e = ratelimit_check(r, RL_LOGIN);
	if (e != E_OK)
		return e;
	e = db_one(tc->db, &auth_stmts, ST_USER_BY_NAME, DB_PARAMS(DB_TEXT(username)), &res);
	if (e == E_NOTFOUND) {
		/* Spend the same time as a real check so names cannot be probed. */
		char dummy[crypto_pwhash_STRBYTES];
		int rc = crypto_pwhash_str(dummy, password, strlen(password), r->app->pwhash_ops,
					   r->app->pwhash_mem);
		(void)rc;
		return login_failed(r, tc, 0, 0, NULL);
	}
	if (e != E_OK)
		return e;
	int64_t uid = db_int(res, 0);
	char *hash = db_text_dup(&r->arena, res, 1);
	int64_t failed = db_int(res, 2);
	char *locked = db_text_dup(&r->arena, res, 3);
	bool disabled = db_int(res, 4) != 0;
	if ((e = db_done(res)) != E_OK)
		return e;
	if (locked && strcmp(locked, now) > 0)
		return req_fail(r, E_LOCKED, "auth.locked", NULL,
				"登录失败次数过多，账号已锁定，请稍后再试");
	if (disabled || !auth_password_verify(hash, password)) {
		failed++;
		char until[32];
		bool lock = failed >= r->app->lock_after;
		if (lock)
			app_timestamp(now_us + (int64_t)r->app->lock_minutes * 60 * 1000000, until);
		return login_failed(r, tc, uid, lock ? 0 : failed, lock ? until : NULL);
	}
	if (failed && (e = db_exec(tc->db, &auth_stmts, ST_USER_LOGIN_OK, DB_PARAMS(DB_INT(uid)),
				   NULL)) != E_OK)
		return e;
	/* A new session id at every login (no fixation), and the session the
	 * request came with, if any, ends here. */
	if (r->session_id && (e = db_exec(tc->db, &auth_stmts, ST_SESSION_DELETE,
					  DB_PARAMS(DB_TEXT(r->session_id)), NULL)) != E_OK)
		return e;
	char sid[65], sid_hash[65], csrf[65], expires[32];
	random_token(r->app, sid);
	random_token(r->app, csrf);
	sha256_hex(sid, sid_hash);
	app_timestamp(now_us + (int64_t)r->app->session_hours * 3600 * 1000000, expires);
	db_exec(tc->db, &auth_stmts, ST_SESSION_PURGE, DB_PARAMS(DB_TEXT(now)), NULL);
	if ((e = db_exec(tc->db, &auth_stmts, ST_SESSION_INSERT,
			 DB_PARAMS(DB_TEXT(sid_hash), DB_INT(uid), DB_TEXT(csrf), DB_TEXT(now),
				   DB_TEXT(expires)),
			 NULL)) != E_OK)
		return e;
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)uid);
	if ((e = trail_event(tc, "auth.login", "users", key, 0, "{}", &r->err)) != E_OK)
		return e;
	if ((e = auth_principal_load(tc->db, &r->arena, uid, &r->user)) != E_OK)
		return e;
	r->session_id = arena_strdup(&r->arena, sid_hash);
	r->session_csrf = arena_strdup(&r->arena, csrf);
	set_cookie(r, sid, r->app->session_hours * 3600);
	return E_OK;
}

enum err auth_logout(struct req *r)
{
	if (r->session_id)
		db_exec(r->db, &auth_stmts, ST_SESSION_DELETE, DB_PARAMS(DB_TEXT(r->session_id)),
			NULL);
	set_cookie(r, "", 0);
	return E_OK;
}

bool auth_password_verify(const char *hash, const char *password)
{
	return hash && password &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

enum err auth_password_check_strength(const char *password, struct errinfo *ei)
{
	if (!password || strlen(password) < 8)
		return err_set(ei, E_INPUT, "user.password_weak", "password", "密码至少需要8个字符");
	if (strlen(password) > 128)
		return err_set(ei, E_INPUT, "user.password_long", "password", "密码不能超过128个字符");
	return E_OK;
}

static enum err hash_password(struct app *app, const char *password, char out[crypto_pwhash_STRBYTES],
			      struct errinfo *ei)
{
	enum err e = auth_password_check_strength(password, ei);
	if (e != E_OK)
		return e;
	if (crypto_pwhash_str(out, password, strlen(password), app->pwhash_ops, app->pwhash_mem) !=
	    0)
		return err_set(ei, E_INTERNAL, "user.hash", NULL, "密码处理失败（内存不足）");
	return E_OK;
}

static bool username_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
	}
	return true;
}

static enum err check_scope_count(const struct user_new *u, struct errinfo *ei)
{
	if ((u->role == ROLE_VILLAGE || u->role == ROLE_SUPERVISOR) && u->nvillages != 1)
		return err_set(ei, E_INPUT, "user.village", "village_codes",
			       "%s账号必须指定且只能指定一个村（居）", rbac_role_label(u->role));
	if ((u->role == ROLE_ACCOUNTANT || u->role == ROLE_INSPECTOR) && u->nvillages == 0)
		return err_set(ei, E_INPUT, "user.village", "village_codes",
			       "%s账号至少需要分配一个村（居）", rbac_role_label(u->role));
	if (rbac_role_all_villages(u->role) && u->nvillages)
		return err_set(ei, E_INPUT, "user.village", "village_codes",
			       "%s可查看全部村（居），不需要分配", rbac_role_label(u->role));
	if (u->role == ROLE_DEPT && (!u->dept || !*u->dept))
		return err_set(ei, E_INPUT, "user.dept", "dept", "职能部门账号需要填写所属部门");
	return E_OK;
}

static enum err set_villages(struct trail_ctx *tc, int64_t uid, const int64_t *v, size_t n,
			     const char *action, struct errinfo *ei)
{
	struct db_res *res;
	enum err e;
	if ((e = db_exec(tc->db, &auth_stmts, ST_UV_LIST_IDS, DB_PARAMS(DB_INT(uid)), &res)) != E_OK)
		return e;
	int64_t old[256][2];
	size_t nold = 0;
	while (db_row(res) && nold < 256) {
		old[nold][0] = db_int(res, 0);
		old[nold][1] = db_int(res, 1);
		nold++;
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	for (size_t i = 0; i < nold; i++) {
		if ((e = trail_row_deleted(tc, &auth_user_village_table, old[i][0], old[i][1], action,
					   ei)) != E_OK)
			return e;
		if ((e = db_exec(tc->db, &auth_stmts, ST_UV_DELETE, DB_PARAMS(DB_INT(old[i][0])),
				 NULL)) != E_OK)
			return e;
	}
	for (size_t i = 0; i < n; i++) {
		e = db_one(tc->db, &auth_stmts, ST_UV_INSERT, DB_PARAMS(DB_INT(uid), DB_INT(v[i])),
			   &res);
		if (e == E_CONFLICT)
			continue; /* the same village named twice */
		if (e != E_OK)
			return e;
		int64_t id = db_int(res, 0);
		if ((e = db_done(res)) != E_OK)
			return e;
		if ((e = trail_row(tc, &auth_user_village_table, id, action, ei)) != E_OK)
			return e;
	}
	return E_OK;
}

enum err auth_user_add(struct app *app, struct trail_ctx *tc, const struct user_new *u,
		       int64_t *id, struct errinfo *ei)
{
	enum err e;
	char hash[crypto_pwhash_STRBYTES], now[32];
	if (!username_ok(u->username))
		return err_set(ei, E_INPUT, "user.username", "username",
			       "用户名应为2至32位小写字母、数字或 _ . -");
	if (!u->display_name || !*u->display_name)
		return err_set(ei, E_INPUT, "user.display_name", "display_name", "请填写姓名");
	if ((e = check_scope_count(u, ei)) != E_OK)
		return e;
	if ((e = hash_password(app, u->password, hash, ei)) != E_OK)
		return e;
	app_timestamp(tc->now_us, now);
	struct db_res *res;
	e = db_one(tc->db, &auth_stmts, ST_USER_INSERT,
		   DB_PARAMS(DB_TEXT(u->username), DB_TEXT(u->display_name),
			     DB_TEXT(rbac_role_name(u->role)), DB_OPT(u->dept), DB_TEXT(hash),
			     DB_TEXT(now), u->person_id ? DB_INT(u->person_id) : DB_NULL),
		   &res);
	if (e == E_CONFLICT)
		return err_set(ei, E_CONFLICT, "user.exists", "username", "用户名已存在：%s",
			       u->username);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(tc, &auth_users_table, *id, "user.create", ei)) != E_OK)
		return e;
	return set_villages(tc, *id, u->villages, u->nvillages, "user.create", ei);
}

enum err auth_user_update(struct trail_ctx *tc, const struct user_new *u, int64_t id,
			  struct errinfo *ei)
{
	enum err e;
	if (!u->display_name || !*u->display_name)
		return err_set(ei, E_INPUT, "user.display_name", "display_name", "请填写姓名");
	if ((e = check_scope_count(u, ei)) != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_exec(tc->db, &auth_stmts, ST_USER_UPDATE,
			 DB_PARAMS(DB_INT(id), DB_TEXT(u->display_name),
				   DB_TEXT(rbac_role_name(u->role)), DB_OPT(u->dept),
				   u->person_id ? DB_INT(u->person_id) : DB_NULL),
			 &res)) != E_OK)
		return e;
	int64_t n = db_changes(res);
	if ((e = db_done(res)) != E_OK)
		return e;
	if (n == 0)
		return err_set(ei, E_NOTFOUND, "user.not_found", NULL, "用户不存在");
	if ((e = trail_row(tc, &auth_users_table, id, "user.update", ei)) != E_OK)
		return e;
	/* A changed scope must not survive in open sessions. */
	if ((e = db_exec(tc->db, &auth_stmts, ST_SESSIONS_OF_USER_DELETE, DB_PARAMS(DB_INT(id)),
			 NULL)) != E_OK)
		return e;
	return set_villages(tc, id, u->villages, u->nvillages, "user.update", ei);
}

enum err auth_user_set_password(struct app *app, struct trail_ctx *tc, int64_t id,
				const char *password, struct errinfo *ei)
{
	char hash[crypto_pwhash_STRBYTES], now[32];
	enum err e;
	if ((e = hash_password(app, password, hash, ei)) != E_OK)
		return e;
	app_timestamp(tc->now_us, now);
	struct db_res *res;
	if ((e = db_exec(tc->db, &auth_stmts, ST_USER_PASSWORD,
			 DB_PARAMS(DB_INT(id), DB_TEXT(hash), DB_TEXT(now)), &res)) != E_OK)
		return e;
	int64_t n = db_changes(res);
	if ((e = db_done(res)) != E_OK)
		return e;
	if (n == 0)
		return err_set(ei, E_NOTFOUND, "user.not_found", NULL, "用户不存在");
	return trail_row(tc, &auth_users_table, id, "user.password", ei);
}

enum err auth_user_set_disabled(struct trail_ctx *tc, int64_t id, bool disabled,
				struct errinfo *ei)
{
	enum err e;
	struct db_res *res;
	if ((e = db_exec(tc->db, &auth_stmts, ST_USER_DISABLED,
			 DB_PARAMS(DB_INT(id), DB_INT(disabled ? 1 : 0)), &res)) != E_OK)
		return e;
	int64_t n = db_changes(res);
	if ((e = db_done(res)) != E_OK)
		return e;
	if (n == 0)
		return err_set(ei, E_NOTFOUND, "user.not_found", NULL, "用户不存在");
	if (disabled && (e = db_exec(tc->db, &auth_stmts, ST_SESSIONS_OF_USER_DELETE,
				     DB_PARAMS(DB_INT(id)), NULL)) != E_OK)
		return e;
	return trail_row(tc, &auth_users_table, id, disabled ? "user.disable" : "user.enable", ei);
}

enum err auth_user_find(struct db_conn *c, const char *username, int64_t *id)
{
	struct db_res *res;
	enum err e = db_one(c, &auth_stmts, ST_USER_BY_NAME, DB_PARAMS(DB_TEXT(username)), &res);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	return db_done(res);
}

enum err auth_user_scope_add(struct trail_ctx *tc, int64_t user_id, int64_t village_id,
			     struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(tc->db, &auth_stmts, ST_UV_INSERT,
			    DB_PARAMS(DB_INT(user_id), DB_INT(village_id)), &res);
	if (e == E_CONFLICT)
		return E_OK; /* already in scope */
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	return trail_row(tc, &auth_user_village_table, id, "user.scope_add", ei);
}

enum err auth_user_ids(struct db_conn *c, struct arena *a, int64_t **ids, size_t *n)
{
	struct db_res *res;
	enum err e = db_exec(c, &auth_stmts, ST_USER_IDS, DB_NOPARAMS, &res);
	if (e != E_OK)
		return e;
	size_t cap = 16;
	*ids = ARENA_ARRAY(a, int64_t, cap);
	*n = 0;
	while (db_row(res)) {
		if (*n == cap) {
			int64_t *more = ARENA_ARRAY(a, int64_t, cap * 2);
			memcpy(more, *ids, cap * sizeof(**ids));
			*ids = more;
			cap *= 2;
		}
		(*ids)[(*n)++] = db_int(res, 0);
	}
	return db_done(res);
}
