/*
 * The driver-independent half of the database layer: the process-wide registry
 * of statement tables, the connection pool (a mutex-protected free list) and the
 * dispatch of every db.h call to the driver of the connection (db_backend.h).
 * It must not include a driver header nor know either SQL dialect beyond picking
 * a statement's per-backend override.
 */
#include "db.h"
#include "db_backend.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db {
	char *url;		  /* as given to db_open */
	const struct db_ops *ops; /* the driver the URL chose */
	pthread_mutex_t mu;	  /* guards idle and nopen */
	struct db_conn *idle;	  /* free list of idle connections */
	unsigned nopen;		  /* connections open, idle or taken */
};

/* The registry: grows at start-up only, read without a lock afterwards. */
static struct db_stmts **registry; /* every registered table, in order */
static size_t registry_n;	   /* tables in registry */
static unsigned registry_total;	   /* statements in all tables */

void *db_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		abort();
	return p;
}

void db_stmts_register(struct db_stmts *set)
{
	if (set->registered)
		return;
	struct db_stmts **grown = realloc(registry, (registry_n + 1) * sizeof(*registry));
	if (!grown)
		abort();
	registry = grown;
	registry[registry_n++] = set;
	set->base = registry_total;
	registry_total += (unsigned)set->n;
	set->registered = true;
}

unsigned db_stmts_total(void)
{
	return registry_total;
}

void db_conn_errmsg_set(struct db_conn *c, const char *msg)
{
	size_t n = 0;
	for (const char *p = msg ? msg : ""; *p && n + 1 < sizeof(c->errmsg); p++)
		c->errmsg[n++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
	while (n > 0 && c->errmsg[n - 1] == ' ')
		n--;
	c->errmsg[n] = '\0';
}

static bool url_is_pg(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

enum err db_open(struct db **out, const char *url, struct errinfo *ei)
{
	*out = NULL;
	if (!url || !*url)
		return err_set(ei, E_DB, "db.url", NULL, "未指定数据库地址");
	struct db *db = db_xcalloc(1, sizeof(*db));
	db->url = strdup(url);
	if (!db->url)
		abort();
	db->ops = url_is_pg(url) ? &db_pg_ops : &db_sqlite_ops;
	pthread_mutex_init(&db->mu, NULL);

	/* Open the first connection now, so a wrong URL fails here and not later. */
	struct db_conn *c;
	enum err err = db_conn_get(db, &c, ei);
	if (err != E_OK) {
		db_free(db);
		return err;
	}
	db_conn_put(db, c);
	*out = db;
	return E_OK;
}

void db_free(struct db *db)
{
	if (!db)
		return;
	unsigned closed = 0;
	while (db->idle) {
		struct db_conn *c = db->idle;
		db->idle = c->next;
		db->ops->conn_close(c);
		closed++;
	}
	if (closed != db->nopen)
		fprintf(stderr, "db_free: %u connection(s) still taken from the pool of %s\n",
			db->nopen - closed, db->url);
	pthread_mutex_destroy(&db->mu);
	free(db->url);
	free(db);
}

enum db_backend db_backend(const struct db *db)
{
	return db->ops->kind;
}

const char *db_url(const struct db *db)
{
	return db->url;
}

enum err db_conn_get(struct db *db, struct db_conn **out, struct errinfo *ei)
{
	pthread_mutex_lock(&db->mu);
	struct db_conn *c = db->idle;
	if (c) {
		db->idle = c->next;
		c->next = NULL;
	}
	pthread_mutex_unlock(&db->mu);
	if (!c) {
		enum err err = db->ops->conn_open(db->url, &c, ei);
		if (err != E_OK) {
			*out = NULL;
			return err;
		}
		pthread_mutex_lock(&db->mu);
		db->nopen++;
		pthread_mutex_unlock(&db->mu);
	}
	c->errmsg[0] = '\0';
	*out = c;
	return E_OK;
}

void db_conn_put(struct db *db, struct db_conn *c)
{
	if (!c)
		return;
	/* A transaction left open is a bug of the caller; never hand it on. */
	if (c->ops->in_tx(c))
		c->ops->rollback(c);
	if (!c->ops->conn_ok(c)) {
		c->ops->conn_close(c);
		pthread_mutex_lock(&db->mu);
		db->nopen--;
		pthread_mutex_unlock(&db->mu);
		return;
	}
	pthread_mutex_lock(&db->mu);
	c->next = db->idle;
	db->idle = c;
	pthread_mutex_unlock(&db->mu);
}

static const char *sql_text(const struct db_sql *s, enum db_backend b)
{
	if (b == DB_SQLITE && s->sqlite)
		return s->sqlite;
	if (b == DB_PG && s->pg)
		return s->pg;
	return s->text;
}

enum err db_check_all(struct db_conn *c, struct errinfo *ei)
{
	for (size_t t = 0; t < registry_n; t++) {
		const struct db_stmts *set = registry[t];
		for (size_t i = 0; i < set->n; i++) {
			const struct db_sql *s = &set->sql[i];
			const char *text = sql_text(s, c->ops->kind);
			if (!text)
				return err_set(ei, E_INTERNAL, "db.stmt_missing", NULL,
					       "SQL 语句 %s.%zu（%s）没有文本", set->module, i,
					       s->name ? s->name : "?");
			enum err err = c->ops->check(c, set->base + (unsigned)i, text);
			if (err != E_OK)
				return err_set(ei, E_DB, "db.stmt_invalid", NULL,
					       "SQL 语句 %s 无法在 %s 上预编译：%s",
					       s->name ? s->name : set->module, c->ops->name,
					       c->errmsg);
		}
	}
	return E_OK;
}

enum err db_begin(struct db_conn *c, bool write)
{
	if (c->ops->in_tx(c)) {
		db_conn_errmsg_set(c, "db_begin: a transaction is already open");
		return E_INTERNAL;
	}
	return c->ops->begin(c, write);
}

enum err db_commit(struct db_conn *c)
{
	if (!c->ops->in_tx(c)) {
		db_conn_errmsg_set(c, "db_commit: no transaction is open");
		return E_INTERNAL;
	}
	enum err err = c->ops->commit(c);
	/* A failed COMMIT leaves nothing half-done: the transaction is gone. */
	if (err != E_OK && c->ops->in_tx(c))
		c->ops->rollback(c);
	return err;
}

void db_rollback(struct db_conn *c)
{
	if (c->ops->in_tx(c))
		c->ops->rollback(c);
}

enum db_backend db_conn_backend(const struct db_conn *c)
{
	return c->ops->kind;
}

bool db_in_tx(const struct db_conn *c)
{
	return c->ops->in_tx(c);
}

enum err db_exec(struct db_conn *c, const struct db_stmts *set, unsigned idx,
		 const struct db_val *params, size_t nparams, struct db_res **out)
{
	if (out)
		*out = NULL;
	if (!set->registered || idx >= set->n) {
		char msg[160];
		snprintf(msg, sizeof(msg), "statement %s.%u is not registered", set->module, idx);
		db_conn_errmsg_set(c, msg);
		return E_INTERNAL;
	}
	const struct db_sql *s = &set->sql[idx];
	const char *text = sql_text(s, c->ops->kind);
	if (!text) {
		db_conn_errmsg_set(c, "statement has no text for this backend");
		return E_INTERNAL;
	}
	return c->ops->exec(c, set->base + idx, text, params, nparams, out);
}

enum err db_one(struct db_conn *c, const struct db_stmts *set, unsigned idx,
		const struct db_val *params, size_t nparams, struct db_res **out)
{
	struct db_res *r;
	enum err err = db_exec(c, set, idx, params, nparams, &r);
	if (out)
		*out = NULL;
	if (err != E_OK)
		return err;
	if (!db_row(r)) {
		err = db_done(r);
		return err != E_OK ? err : E_NOTFOUND;
	}
	if (!out)
		return db_done(r);
	*out = r;
	return E_OK;
}

enum err db_exec_script(struct db_conn *c, const char *sql)
{
	return c->ops->script(c, sql);
}

bool db_row(struct db_res *r)
{
	return r->ops->row(r);
}

enum err db_done(struct db_res *r)
{
	if (!r)
		return E_OK;
	return r->ops->done(r);
}

int64_t db_changes(const struct db_res *r)
{
	return r->ops->changes(r);
}

int db_ncols(const struct db_res *r)
{
	return r->ops->ncols(r);
}

const char *db_colname(const struct db_res *r, int col)
{
	return r->ops->colname(r, col);
}

enum db_type db_coltype(const struct db_res *r, int col)
{
	return r->ops->coltype(r, col);
}

bool db_isnull(const struct db_res *r, int col)
{
	return r->ops->coltype(r, col) == DB_T_NULL;
}

int64_t db_int(const struct db_res *r, int col)
{
	return r->ops->get_int(r, col);
}

const char *db_text(const struct db_res *r, int col)
{
	return r->ops->get_text(r, col);
}

size_t db_len(const struct db_res *r, int col)
{
	return r->ops->get_len(r, col);
}

void db_cell(const struct db_res *r, int col, struct db_cell *out)
{
	if (r->ops->get_cell) {
		r->ops->get_cell(r, col, out);
		return;
	}
	out->type = r->ops->coltype(r, col);
	out->i = out->type == DB_T_INT ? r->ops->get_int(r, col) : 0;
	out->s = NULL;
	out->len = 0;
	if (out->type == DB_T_TEXT || out->type == DB_T_BLOB) {
		out->s = r->ops->get_text(r, col);
		out->len = r->ops->get_len(r, col);
	}
}

char *db_text_dup(struct arena *a, const struct db_res *r, int col)
{
	const char *s = r->ops->get_text(r, col);
	if (!s)
		return NULL;
	size_t len = r->ops->get_len(r, col);
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

const char *db_errmsg(const struct db_conn *c)
{
	return c->errmsg;
}
