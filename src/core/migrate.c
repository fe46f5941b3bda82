/*
 * Applies the embedded migrations (struct migration, generated from
 * sql/<backend>/<module>/NNNN_name.sql) that a database lacks, module by module in
 * the order the caller gives, each script in its own transaction together with
 * its row in schema_migrations.  On PostgreSQL each transaction first takes an
 * advisory lock so that servers starting together migrate one after the other.
 * It must not know any module by name, nor write SQL for any table but
 * schema_migrations.
 */
#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The advisory lock key all qinglian servers agree on. */
#define MIGRATE_LOCK_KEY "7262"

enum { MIGRATE_ST_LOCK, MIGRATE_ST_APPLIED, MIGRATE_ST_RECORD, MIGRATE_ST_ALL, MIGRATE_ST__MAX };

static const struct db_sql migrate_sql[MIGRATE_ST__MAX] = {
    [MIGRATE_ST_LOCK] = {"migrate.lock", "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK_KEY ")",
			 .sqlite = "SELECT 0"},
    [MIGRATE_ST_APPLIED] = {"migrate.applied",
			    "SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2"},
    [MIGRATE_ST_RECORD] = {"migrate.record",
			   "INSERT INTO schema_migrations (module, version, name, applied_at) "
			   "VALUES ($1, $2, $3, $4)"},
    [MIGRATE_ST_ALL] = {"migrate.all", "SELECT module, version FROM schema_migrations"},
};

static struct db_stmts migrate_stmts = {"migrate", migrate_sql, MIGRATE_ST__MAX, 0, false};

static const char create_table[] = "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
				   "  module TEXT NOT NULL,\n"
				   "  version INTEGER NOT NULL,\n"
				   "  name TEXT NOT NULL,\n"
				   "  applied_at TEXT NOT NULL,\n"
				   "  PRIMARY KEY (module, version)\n"
				   ")";

static const char *backend_dir(enum db_backend b)
{
	return b == DB_PG ? "pg" : "sqlite";
}

/* Begin a write transaction holding the migration lock (PostgreSQL). */
static enum err begin_locked(struct db_conn *c)
{
	enum err err = db_begin(c, true);
	if (err != E_OK)
		return err;
	if ((err = db_exec(c, &migrate_stmts, MIGRATE_ST_LOCK, DB_NOPARAMS, NULL)) != E_OK)
		db_rollback(c);
	return err;
}

static enum err ensure_table(struct db_conn *c, struct errinfo *ei)
{
	enum err err = begin_locked(c);
	if (err == E_OK && (err = db_exec_script(c, create_table)) == E_OK)
		err = db_commit(c);
	db_rollback(c);
	if (err != E_OK)
		return err_set(ei, err == E_BUSY ? E_BUSY : E_DB, "migrate.table", NULL,
			       "无法创建迁移记录表 schema_migrations：%s", db_errmsg(c));
	return E_OK;
}

static int by_version(const void *a, const void *b)
{
	const struct migration *x = *(const struct migration *const *)a;
	const struct migration *y = *(const struct migration *const *)b;
	return (x->version > y->version) - (x->version < y->version);
}

/* Run one migration unless another server already has; *ran says which. */
static enum err apply_one(struct db_conn *c, const struct migration *m, bool *ran,
			  struct errinfo *ei)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);

	*ran = false;
	enum err err = begin_locked(c);
	if (err == E_OK) {
		err = db_one(c, &migrate_stmts, MIGRATE_ST_APPLIED,
			     DB_PARAMS(DB_TEXT(m->module), DB_INT(m->version)), NULL);
		if (err == E_OK) {
			db_rollback(c);
			return E_OK;
		}
		if (err == E_NOTFOUND && (err = db_exec_script(c, m->sql)) == E_OK &&
		    (err = db_exec(c, &migrate_stmts, MIGRATE_ST_RECORD,
				   DB_PARAMS(DB_TEXT(m->module), DB_INT(m->version),
					     DB_TEXT(m->name), DB_TEXT(now)),
				   NULL)) == E_OK)
			err = db_commit(c);
	}
	if (err != E_OK) {
		char msg[512];
		snprintf(msg, sizeof(msg), "%s", db_errmsg(c));
		db_rollback(c);
		return err_set(ei, err == E_BUSY ? E_BUSY : E_DB, "migrate.failed", NULL,
			       "数据库迁移失败：模块 %s 第 %04d 号迁移（%s，%s）：%s", m->module,
			       m->version, m->name, m->backend, msg);
	}
	*ran = true;
	return E_OK;
}

enum err migrate_apply(struct db *db, const char *const *modules, int *applied, struct errinfo *ei)
{
	if (applied)
		*applied = 0;
	db_stmts_register(&migrate_stmts);
	const char *dir = backend_dir(db_backend(db));

	struct db_conn *c;
	enum err err = db_conn_get(db, &c, ei);
	if (err != E_OK)
		return err;
	if ((err = ensure_table(c, ei)) != E_OK) {
		db_conn_put(db, c);
		return err;
	}

	const struct migration **todo =
	    calloc(migrations_count ? migrations_count : 1, sizeof(*todo));
	if (!todo)
		abort();
	for (size_t k = 0; modules && modules[k] && err == E_OK; k++) {
		size_t n = 0;
		for (size_t i = 0; i < migrations_count; i++)
			if (strcmp(migrations[i].backend, dir) == 0 &&
			    strcmp(migrations[i].module, modules[k]) == 0)
				todo[n++] = &migrations[i];
		qsort(todo, n, sizeof(*todo), by_version);
		for (size_t i = 0; i < n && err == E_OK; i++) {
			bool ran;
			err = apply_one(c, todo[i], &ran, ei);
			if (err == E_OK && ran && applied)
				(*applied)++;
		}
	}
	free(todo);
	db_conn_put(db, c);
	return err;
}

enum err migrate_check(struct db *db, const char *const *modules, bool *current, struct errinfo *ei)
{
	*current = false;
	db_stmts_register(&migrate_stmts);
	const char *dir = backend_dir(db_backend(db));
	/* The scripts this binary would run, ticked off by the rows recorded. */
	bool *have = calloc(migrations_count ? migrations_count : 1, sizeof(*have));
	if (!have)
		abort();
	struct db_conn *c;
	enum err err = db_conn_get(db, &c, ei);
	if (err != E_OK) {
		free(have);
		return err;
	}
	struct db_res *r;
	/* No schema_migrations at all: a database never migrated. */
	if (db_exec(c, &migrate_stmts, MIGRATE_ST_ALL, DB_NOPARAMS, &r) == E_OK) {
		while (db_row(r)) {
			const char *module = db_text(r, 0);
			int64_t version = db_int(r, 1);
			for (size_t i = 0; module && i < migrations_count; i++)
				if (!have[i] && migrations[i].version == version &&
				    strcmp(migrations[i].module, module) == 0 &&
				    strcmp(migrations[i].backend, dir) == 0)
					have[i] = true;
		}
		if (db_done(r) == E_OK)
			*current = true;
	}
	db_conn_put(db, c);
	for (size_t k = 0; *current && modules && modules[k]; k++)
		for (size_t i = 0; i < migrations_count && *current; i++)
			if (!have[i] && strcmp(migrations[i].backend, dir) == 0 &&
			    strcmp(migrations[i].module, modules[k]) == 0) {
				*current = false;
				err_set(ei, E_INPUT, "migrate.behind", NULL,
					"数据库结构不是最新版本（缺少模块 %s 第 %04d 号迁移 "
					"%s）；此命令只读、"
					"不迁移数据库：请先运行 qinglian migrate（或启动一次 "
					"serve）后重试",
					migrations[i].module, migrations[i].version,
					migrations[i].name);
			}
	if (!*current && ei->code == E_OK)
		err_set(ei, E_INPUT, "migrate.none", NULL,
			"数据库尚未建立结构（没有 "
			"schema_migrations）；此命令只读、不迁移数据库：请先运行 "
			"qinglian migrate（或启动一次 serve）后重试");
	free(have);
	return E_OK;
}
