/*
 * The application: database, route table, log signer, clock and randomness,
 * settings.  One per process (and one per test).  The clock and the random
 * source are fields so that tests can fix them.
 */
#ifndef QL_APP_H
#define QL_APP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "router.h"
#include "trail.h"

struct module;

struct app_metrics {
	atomic_ullong requests;        /* requests answered */
	atomic_ullong errors_4xx;      /* client errors */
	atomic_ullong errors_5xx;      /* server errors */
	atomic_ullong tx_retries;      /* write transactions retried on busy */
	atomic_ullong trail_appends;   /* log entries appended */
	atomic_ullong logins_failed;   /* failed logins */
	atomic_ullong duration_us;     /* summed request time */
};

struct app {
	struct db *db;                        /* the database */
	const struct module *const *modules;  /* NULL-terminated, from modules.c */
	const struct route **routes;          /* merged route table (pointers) */
	size_t nroutes;                       /* entries in routes */
	struct trail_signer signer;           /* checkpoint key and output */
	bool have_signer;                     /* false in tests that need none */
	const char *web_root;                 /* built console (web/dist), or NULL */
	size_t max_body;                      /* bytes; uploads included */
	int session_hours;                    /* idle session lifetime */
	int lock_after;                       /* failed logins before lock-out */
	int lock_minutes;                     /* lock-out duration */
	unsigned long long pwhash_ops;        /* argon2id opslimit */
	size_t pwhash_mem;                    /* argon2id memlimit */
	bool secure_cookie;                   /* add Secure to cookies (behind TLS) */
	bool quiet;                           /* no access log (tests) */
	int64_t (*clock)(void *ctx);          /* UTC microseconds */
	void *clock_ctx;                      /* for clock */
	void (*random)(void *ctx, void *buf, size_t len); /* random bytes */
	void *random_ctx;                     /* for random */
	struct app_metrics metrics;           /* counters for /metrics */
};

struct app_opts {
	const char *db_url;        /* SQLite path or postgresql:// URL */
	const char *key_path;      /* checkpoint key file, NULL = <data dir>/trail.key */
	const char *checkpoint_dir;/* NULL = <data dir>/checkpoints */
	const char *origin;        /* log origin, NULL = "qinglian" */
	const char *web_root;      /* NULL = none */
	bool migrate;              /* apply migrations at open */
	bool read_only;            /* with migrate: only check the schema is current (see app_open) */
	bool no_signer;            /* tests: no key file */
};

enum err app_open(struct app *app, const struct app_opts *o, struct errinfo *ei);
void app_close(struct app *app);

int64_t app_now(struct app *app);                 /* UTC microseconds */
void app_random(struct app *app, void *buf, size_t len);
/* "2026-11-27T09:04:53.123456Z" into out[32]. */
void app_timestamp(int64_t us, char out[32]);
/* Today's date in Asia/Shanghai (UTC+8, no DST), "YYYY-MM-DD". */
void app_today(struct app *app, char out[11]);

/* A write transaction outside HTTP (command line, imports): begins, hands a
 * trail context to fn, commits (and saves a checkpoint) or rolls back.
 * Retries on E_BUSY. */
enum err app_write(struct app *app, const char *actor,
		   enum err (*fn)(struct trail_ctx *tc, void *arg, struct errinfo *ei), void *arg,
		   struct errinfo *ei);

/* Village id of a 12-digit code, through the module that keeps villages
 * (E_NOTFOUND with a Chinese message when there is none). */
enum err app_village_id(struct req *r, const char *code, int64_t *id);
/* After a committed write: save a signed checkpoint of the new head. */
void app_after_write(struct app *app, struct db_conn *c);
/* Render r->err as an HTML page (portal routes). */
void app_render_html_error(struct req *r);

#endif
