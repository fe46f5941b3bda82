/*
 * Users, passwords (argon2id via libsodium), sessions, CSRF tokens and
 * lock-out.  The mechanisms only: the login/logout/users routes are in
 * src/mod/account.c.  Session ids and CSRF tokens are 256-bit random; the
 * database keeps only the SHA-256 of a session id.  Never logs a secret.
 */
#ifndef QL_AUTH_H
#define QL_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "rbac.h"
#include "router.h"
#include "trail.h"

#define AUTH_COOKIE "qlsid"

extern struct db_stmts auth_stmts;
extern const struct trail_table auth_users_table;
extern const struct trail_table auth_user_village_table;

/* Register the core's statements and logged tables (idempotent). */
void auth_register(void);

/* Gate: load r->user from the session cookie, if any (a stale or unknown
 * cookie is no error: the request is anonymous). */
enum err auth_session_load(struct req *r);
/* Gate: the X-CSRF-Token header matches the session's token. */
bool auth_csrf_ok(const struct req *r);

/* The user's CSRF token (arena), for the session answer. */
const char *auth_csrf_token(struct req *r);

/* Check a password; on success create a session (Set-Cookie on r) and set
 * r->user.  Failed attempts are counted and lock the account for
 * app->lock_minutes after app->lock_after failures; both outcomes are logged.
 * Returns E_UNAUTH / E_LOCKED with details in r->err, but commits the count:
 * the caller answers with the error and lets the transaction commit. */
enum err auth_login(struct req *r, struct trail_ctx *tc, const char *username,
		    const char *password);
/* Delete the session and expire the cookie. */
enum err auth_logout(struct req *r);

struct user_new {
	const char *username;      /* [a-z0-9_.-]{2,32} */
	const char *display_name;  /* shown in the console */
	enum role role;            /* role */
	const char *dept;          /* ROLE_DEPT: department name */
	const char *password;      /* at least 8 characters */
	const int64_t *villages;   /* village ids in scope (village/supervisor: exactly one) */
	size_t nvillages;          /* entries in villages */
	int64_t person_id;         /* the org person this login is, 0 if none: complaints about
				      that person are hidden from this login */
};

enum err auth_user_add(struct app *app, struct trail_ctx *tc, const struct user_new *u,
		       int64_t *id, struct errinfo *ei);
enum err auth_user_set_password(struct app *app, struct trail_ctx *tc, int64_t id,
				const char *password, struct errinfo *ei);
enum err auth_user_set_disabled(struct trail_ctx *tc, int64_t id, bool disabled,
				struct errinfo *ei);
/* Replace the user's role/display name/department and village scope. */
enum err auth_user_update(struct trail_ctx *tc, const struct user_new *u, int64_t id,
			  struct errinfo *ei);
/* Add one village to a user's scope (no-op when present). */
enum err auth_user_scope_add(struct trail_ctx *tc, int64_t user_id, int64_t village_id,
			     struct errinfo *ei);
/* Every user id, in order (arena). */
enum err auth_user_ids(struct db_conn *c, struct arena *a, int64_t **ids, size_t *n);
enum err auth_user_find(struct db_conn *c, const char *username, int64_t *id);
bool auth_password_verify(const char *hash, const char *password);
enum err auth_password_check_strength(const char *password, struct errinfo *ei);

/* Load a user as a principal (arena), with the village scope. */
enum err auth_principal_load(struct db_conn *c, struct arena *a, int64_t user_id,
			     struct principal **out);

#endif
