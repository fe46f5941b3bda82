/*
 * The route table and the one gate.  A route declares its method and path
 * pattern, handler, permission, village scope, body fields, write flag and log
 * action; router_dispatch() enforces all of them before any handler runs
 * (session, permission, CSRF on writes, village scope, body decoding and
 * validation), runs a write route inside one database transaction with bounded
 * retries, and renders errors once.  It knows nothing of libmicrohttpd: http.c
 * fills a struct req and sends what the router leaves in it, and the in-process
 * test driver does the same without sockets.
 */
#ifndef QL_ROUTER_H
#define QL_ROUTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "err.h"
#include "rbac.h"
#include "trail.h"

struct app;
struct req;
struct module;

enum field_type {
	FT_STR,    /* string, trimmed; maxlen applies (characters of UTF-8) */
	FT_INT,    /* JSON integer */
	FT_BOOL,   /* JSON true/false */
	FT_DATE,   /* "YYYY-MM-DD", a real date */
	FT_MONEY,  /* "1234.50" string or integer fen: read with req_in_fen */
	FT_IDNO,   /* 身份证号 with a valid check digit */
	FT_AREA,   /* 12-digit 统计用区划代码 */
	FT_ENUM,   /* string among choices */
	FT_ARRAY,  /* JSON array, checked by the handler */
	FT_OBJECT, /* JSON object, checked by the handler */
};

#define FIELD_REQUIRED 1u

struct field {
	const char *name;             /* JSON key */
	const char *label;            /* Chinese name for error messages */
	enum field_type type;         /* what the value must be */
	unsigned flags;               /* FIELD_REQUIRED */
	int maxlen;                   /* FT_STR: characters, 0 = 200 */
	const char *const *choices;   /* FT_ENUM: NULL-terminated */
};

enum route_flag {
	ROUTE_WRITE = 1u << 0,    /* state-changing: CSRF, transaction, must log */
	ROUTE_RAW_BODY = 1u << 1, /* body is not JSON (upload); req->body holds it */
	ROUTE_HTML = 1u << 2,     /* answers HTML (portal); errors rendered as HTML */
	ROUTE_NO_CSRF = 1u << 3,  /* write without session CSRF: login, public forms */
	ROUTE_NO_LOG = 1u << 4,   /* write that touches no domain table (logout) */
};

enum scope {
	SCOPE_NONE,    /* township-level: permission alone decides */
	SCOPE_LIST,    /* lists over villages: the handler filters with req_scope_* */
	SCOPE_VILLAGE, /* touches one village: village_of() (or {village}/village_code) must be in scope */
};

struct route {
	const char *method;     /* "GET", "POST", "PUT", "DELETE" */
	const char *pattern;    /* "/api/v1/villages/{code}"; {name} matches one segment */
	enum err (*handler)(struct req *r);
	const struct perm *perm;            /* required; a NULL perm fails start-up */
	enum scope scope;                   /* data scope */
	/* SCOPE_VILLAGE: the village the request touches.  NULL means: the {village}
	 * path parameter, else the body's "village_code" (both 12-digit codes). */
	enum err (*village_of)(struct req *r, int64_t *village_id);
	const struct field *in; /* JSON body fields, {0}-terminated, or NULL */
	unsigned flags;         /* enum route_flag */
	const char *action;     /* log action of a write route: "village.create" */
	const char *summary;    /* Chinese, for `qinglian routes` and the API docs */
};

struct kv {
	const char *key;   /* decoded name */
	const char *value; /* decoded value */
};

#define REQ_MAX_PARAMS 8
#define REQ_MAX_HEADERS 16

struct req {
	struct app *app;          /* the application */
	struct arena arena;       /* everything of this request; freed at its end */
	char id[17];              /* request id (hex), echoed in X-Request-Id */
	size_t sent;              /* bytes of the answer's body, for the access log */
	int64_t start_us;         /* monotonic start, for the access log */

	/* filled by the transport */
	const char *method;       /* "GET" */
	const char *path;         /* decoded path without query */
	struct kv *query;         /* decoded query arguments */
	size_t nquery;            /* entries in query */
	const char *cookie_sid;   /* session cookie value or NULL */
	const char *csrf;         /* X-CSRF-Token header or NULL */
	const char *content_type; /* request Content-Type or NULL */
	const char *filename;     /* X-Filename header (uploads) or NULL */
	const char *remote;       /* client address, for rate limits and logs */
	const char *user_agent;   /* for the access log */
	const char *host;         /* Host header or NULL (absolute links: QR codes) */
	const char *body;         /* request body, NUL-terminated, or NULL */
	size_t body_len;          /* bytes in body */

	/* filled by the gate */
	const struct route *route;          /* matched route */
	struct kv params[REQ_MAX_PARAMS];   /* {name} path parameters */
	size_t nparams;                     /* entries in params */
	json_t *in;                         /* decoded JSON body (owned; freed at end) */
	struct principal *user;             /* NULL when anonymous */
	const char *session_id;             /* the session's id hash, when logged in */
	const char *session_csrf;           /* the session's CSRF token */
	int64_t village_id;                 /* SCOPE_VILLAGE: the village checked */
	struct db_conn *db;                 /* connection for the whole request */
	struct trail_ctx tc;                /* write routes: the transaction's log context */

	/* the answer */
	int status;                         /* HTTP status */
	const char *resp_type;              /* Content-Type */
	struct buf resp;                    /* body */
	struct kv resp_headers[REQ_MAX_HEADERS]; /* extra headers */
	size_t nresp_headers;               /* entries in resp_headers */
	struct errinfo err;                 /* details of a failure */
	json_t *err_extra;                  /* owned; "report" of an import failure */
};

void req_init(struct req *r, struct app *app);
void req_release(struct req *r); /* frees everything of r, returns its db connection */

/* Run the request through the route table and the gate; leaves the answer in r. */
void router_dispatch(struct req *r);

/* Start-up check of the merged route table: every route has a permission,
 * write routes have a log action (or ROUTE_NO_LOG), no duplicate method+pattern,
 * patterns well formed, body fields typed.  ei names the first offending route. */
enum err router_check(const struct route *const *tables, const size_t *counts, size_t ntables,
		      struct errinfo *ei);

/* Match a path against a pattern, filling params; exposed for tests and fuzzing. */
bool router_match(const char *pattern, const char *path, struct kv *params, size_t *nparams,
		  struct arena *a);
/* Parse "a=1&b=%E4%B8%AD" into r->query; exposed for the in-process driver. */
void router_parse_query(struct req *r, const char *qs);
/* The gate's body step for r->route: r->body decoded into r->in (a JSON object)
 * and checked against r->route->in (unknown, required, typed and formatted
 * fields); r->err says what is wrong.  Exposed for fuzzing. */
enum err router_decode_body(struct req *r);

/* Accessors for handlers. */
const char *req_param(const struct req *r, const char *name);   /* path {name} */
const char *req_query(const struct req *r, const char *name);   /* NULL if absent */
int64_t req_query_int(const struct req *r, const char *name, int64_t dflt);
const char *req_in_str(const struct req *r, const char *name);  /* NULL if absent/null */
bool req_in_has(const struct req *r, const char *name);
int64_t req_in_int(const struct req *r, const char *name);
bool req_in_bool(const struct req *r, const char *name);
int64_t req_in_fen(const struct req *r, const char *name);      /* FT_MONEY, validated */

/* Answers.  req_json steals the reference to v. */
enum err req_json(struct req *r, int status, json_t *v);
void req_header(struct req *r, const char *name, const char *value); /* copied */
/* A fail helper that names the field: return req_fail(r, E_INPUT, "x.y", "name", "…%s", v); */
enum err req_fail(struct req *r, enum err code, const char *key, const char *field,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Render e (details from r->err) as the answer.  The gate does this for a
 * handler's error; a write handler that must commit and still refuse (a failed
 * login is counted) calls it and returns E_OK. */
void req_answer_error(struct req *r, enum err e);

/* Data scope for SCOPE_LIST handlers: pass these two as statement parameters and
 * filter with  "($1 = 1 OR village_id IN (SELECT village_id FROM user_village WHERE user_id = $2))". */
int64_t req_scope_all(const struct req *r);
int64_t req_scope_user(const struct req *r);

/* Paging from ?page=&per_page= (1-based, per_page 1..500, default 20). */
void req_paging(const struct req *r, int64_t *limit, int64_t *offset);
/* {"items": items, "total": total, "page": p, "per_page": n}; steals items. */
enum err req_list(struct req *r, json_t *items, int64_t total);

#endif
