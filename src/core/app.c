/*
 * Building the application from the module list: statements, logged tables,
 * migrations, the merged and checked route table, the log signer.  Also the
 * clock, randomness and the write-transaction helper of the command line.
 */
#include "app.h"

#include <errno.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "auth.h"
#include "log.h"
#include "migrate.h"
#include "module.h"

static int64_t system_clock(void *ctx)
{
	(void)ctx;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void system_random(void *ctx, void *buf, size_t len)
{
	(void)ctx;
	randombytes_buf(buf, len);
}

int64_t app_now(struct app *app)
{
	return app->clock(app->clock_ctx);
}

void app_random(struct app *app, void *buf, size_t len)
{
	app->random(app->random_ctx, buf, len);
}

void app_timestamp(int64_t us, char out[32])
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(us % 1000000));
}

void app_today(struct app *app, char out[11])
{
	time_t t = (time_t)(app_now(app) / 1000000) + 8 * 3600; /* Asia/Shanghai, no DST */
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void mkdirs(const char *path)
{
	char tmp[1024];
	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0700);
			*p = '/';
		}
	mkdir(tmp, 0700);
}

/* The directory next to a SQLite file, or ./data for PostgreSQL. */
static void data_dir(const char *url, char out[512])
{
	if (strncmp(url, "postgres", 8) == 0) {
		snprintf(out, 512, "data");
		return;
	}
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%s", url);
	snprintf(out, 512, "%s", dirname(tmp));
}

static enum err build_routes(struct app *app, struct errinfo *ei)
{
	const struct route *tables[64];
	size_t counts[64], nt = 0, total = 0;
	for (const struct module *const *m = app->modules; *m && nt < 64; m++) {
		tables[nt] = (*m)->routes;
		counts[nt] = (*m)->nroutes;
		total += counts[nt++];
	}
	enum err e = router_check(tables, counts, nt, ei);
	if (e != E_OK)
		return e;
	app->routes = calloc(total ? total : 1, sizeof(*app->routes));
	if (!app->routes)
		abort();
	app->nroutes = 0;
	for (size_t t = 0; t < nt; t++)
		for (size_t i = 0; i < counts[t]; i++)
			app->routes[app->nroutes++] = &tables[t][i];
	return E_OK;
}

static enum err load_signer(struct app *app, const struct app_opts *o, struct errinfo *ei)
{
	char dir[512], path[1100];
	data_dir(o->db_url, dir);
	struct trail_signer *s = &app->signer;
	snprintf(s->origin, sizeof(s->origin), "%s", o->origin ? o->origin : "qinglian");
	char cpdir[600];
	if (o->checkpoint_dir)
		snprintf(cpdir, sizeof(cpdir), "%s", o->checkpoint_dir);
	else
		snprintf(cpdir, sizeof(cpdir), "%s/checkpoints", dir);
	mkdirs(cpdir);
	/* One checkpoint file per database: the file's name, or a digest of the URL. */
	if (strncmp(o->db_url, "postgres", 8) == 0) {
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[17];
		crypto_hash_sha256(h, (const unsigned char *)o->db_url, strlen(o->db_url));
		sodium_bin2hex(hex, sizeof(hex), h, 8);
		snprintf(s->file, sizeof(s->file), "%s/pg-%s.checkpoint", cpdir, hex);
	} else {
		char tmp[512];
		snprintf(tmp, sizeof(tmp), "%s", o->db_url);
		snprintf(s->file, sizeof(s->file), "%s/%s.checkpoint", cpdir, basename(tmp));
	}
	if (o->key_path) {
		snprintf(path, sizeof(path), "%s", o->key_path);
	} else {
		mkdirs(dir);
		snprintf(path, sizeof(path), "%s/trail.key", dir);
	}
	enum err e = checkpoint_key_load_or_create(path, s->origin, &s->key, ei);
	if (e != E_OK)
		return e;
	app->have_signer = true;
	return E_OK;
}

/* No log entry yet, or no log table at all. */
static bool log_is_empty(struct db *db)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	uint64_t size = 0;
	uint8_t root[32];
	if (db_conn_get(db, &c, &ei) != E_OK)
		return false;
	enum err e = trail_head(c, &size, root);
	db_conn_put(db, c);
	return e != E_OK || size == 0;
}

enum err app_open(struct app *app, const struct app_opts *o, struct errinfo *ei)
{
	enum err e;
	memset(app, 0, sizeof(*app));
	if (sodium_init() < 0)
		return err_set(ei, E_INTERNAL, "sodium", NULL, "libsodium 初始化失败");
	app->modules = modules;
	app->clock = system_clock;
	app->random = system_random;
	app->max_body = 64u << 20;
	app->session_hours = 8;
	app->lock_after = 5;
	app->lock_minutes = 15;
	app->pwhash_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	app->pwhash_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	app->web_root = o->web_root;

	auth_register();
	trail_register_core();
	for (const struct module *const *m = app->modules; *m; m++) {
		if ((*m)->stmts)
			db_stmts_register((*m)->stmts);
		for (size_t i = 0; i < (*m)->ntables; i++)
			trail_register(&(*m)->tables[i]);
	}
	if ((e = build_routes(app, ei)) != E_OK)
		return e;
	if ((e = db_open(&app->db, o->db_url, ei)) != E_OK)
		return e;
	if (o->migrate) {
		const char *names[64];
		size_t n = 0;
		names[n++] = "core";
		for (const struct module *const *m = app->modules; *m && n < 63; m++)
			names[n++] = (*m)->name;
		names[n] = NULL;
		bool current = false;
		if (o->read_only && (e = migrate_check(app->db, names, &current, ei)) != E_OK)
			return e;
		if (current)
			return o->no_signer ? E_OK : load_signer(app, o, ei);
		if (o->read_only) {
			/* Behind: refuse, unless nothing is logged yet (a new database, or its
			 * first migrate cut short) — migrating it hides nothing. */
			if (!log_is_empty(app->db))
				return ei->code;
			err_clear(ei);
		}
		if ((e = migrate_apply(app->db, names, NULL, ei)) != E_OK)
			return e;
		struct db_conn *c;
		if ((e = db_conn_get(app->db, &c, ei)) != E_OK)
			return e;
		e = db_check_all(c, ei);
		db_conn_put(app->db, c);
		if (e != E_OK)
			return e;
	}
	if (!o->no_signer && (e = load_signer(app, o, ei)) != E_OK)
		return e;
	return E_OK;
}

void app_close(struct app *app)
{
	db_free(app->db);
	free(app->routes);
	sodium_memzero(&app->signer, sizeof(app->signer));
	memset(app, 0, sizeof(*app));
}

enum err app_village_id(struct req *r, const char *code, int64_t *id)
{
	for (const struct module *const *m = r->app->modules; *m; m++) {
		if (!(*m)->village_lookup)
			continue;
		enum err e = (*m)->village_lookup(r->db, code, id);
		if (e == E_NOTFOUND)
			return req_fail(r, E_NOTFOUND, "village.not_found", "village_code",
					"没有这个村（居）：%s", code);
		return e;
	}
	return req_fail(r, E_INTERNAL, "village.registry", NULL, "系统未配置村居名册");
}

void app_after_write(struct app *app, struct db_conn *c)
{
	struct errinfo ei = {0};
	atomic_fetch_add(&app->metrics.trail_appends, 1);
	if (app->have_signer && trail_checkpoint_save(c, &app->signer, &ei) != E_OK)
		log_error("checkpoint not saved: %s", ei.msg);
}

void app_render_html_error(struct req *r)
{
	static const char head[] = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
				   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
				   "<title>出错了</title></head><body><h1>出错了</h1><p>";
	buf_reset(&r->resp);
	buf_adds(&r->resp, head);
	for (const char *p = r->err.msg; *p; p++) {
		switch (*p) {
		case '<': buf_adds(&r->resp, "&lt;"); break;
		case '>': buf_adds(&r->resp, "&gt;"); break;
		case '&': buf_adds(&r->resp, "&amp;"); break;
		case '"': buf_adds(&r->resp, "&quot;"); break;
		case '\'': buf_adds(&r->resp, "&#39;"); break;
		default: buf_addc(&r->resp, *p);
		}
	}
	buf_adds(&r->resp, "</p><p><a href=\"/p/\">返回首页</a></p></body></html>");
	r->resp_type = "text/html; charset=utf-8";
}

enum err app_write(struct app *app, const char *actor,
		   enum err (*fn)(struct trail_ctx *tc, void *arg, struct errinfo *ei), void *arg,
		   struct errinfo *ei)
{
	struct db_conn *c;
	enum err e = db_conn_get(app->db, &c, ei);
	if (e != E_OK)
		return e;
	for (int attempt = 0; attempt < 5; attempt++) {
		struct trail_ctx tc;
		trail_ctx_init(&tc, c, actor, app_now(app));
		if ((e = db_begin(c, true)) != E_OK)
			break;
		e = fn(&tc, arg, ei);
		if (e == E_OK)
			e = trail_finish(&tc);
		if (e == E_OK)
			e = db_commit(c);
		if (e == E_OK) {
			if (tc.count)
				app_after_write(app, c);
			break;
		}
		db_rollback(c);
		if (e != E_BUSY)
			break;
	}
	if (e != E_OK && ei->code == E_OK)
		err_set(ei, e, NULL, NULL, "%s（%s）", err_default_msg(e), db_errmsg(c));
	db_conn_put(app->db, c);
	return e;
}
