/*
 * Fresh databases for tests on both backends (see testdb.h).  It keeps a small
 * list of what it opened so that testdb_close knows which file or schema to
 * remove.  Not thread-safe: open and close from the test's main thread.  It must
 * not be linked into the program, and must not create tables: tests and
 * migrate_apply do that.
 */
#include "testdb.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum db_backend testdb_backend = DB_SQLITE;

struct opened {
	struct db *db;	      /* what testdb_open handed out */
	enum db_backend kind; /* its backend */
	char *name;	      /* SQLite file path, or PostgreSQL schema */
	struct opened *next;  /* next in the list */
};

static struct opened *opened; /* every database not yet closed */

const char *testdb_backend_name(enum db_backend b)
{
	return b == DB_PG ? "PostgreSQL" : "SQLite";
}

bool testdb_pg_available(void)
{
	const char *url = getenv("QL_TEST_PG_URL");
	return url && *url;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		abort();
	return p;
}

/* tag → [a-z0-9_]{1,32} */
static void clean_tag(char *dst, size_t size, const char *tag)
{
	size_t n = 0;
	for (const char *p = tag ? tag : ""; *p && n + 1 < size && n < 32; p++)
		dst[n++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '_';
	if (n == 0)
		dst[n++] = 'x';
	dst[n] = '\0';
}

static void sqlite_remove(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char f[4096];
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(f, sizeof(f), "%s%s", path, suffix[i]);
		unlink(f);
	}
}

/* Run sql on the database of QL_TEST_PG_URL itself (not a test schema). */
static enum err pg_admin(const char *sql)
{
	struct errinfo ei = {0};
	struct db *db;
	enum err err = db_open(&db, getenv("QL_TEST_PG_URL"), &ei);
	if (err != E_OK) {
		fprintf(stderr, "testdb: %s\n", ei.msg);
		return err;
	}
	struct db_conn *c;
	if ((err = db_conn_get(db, &c, &ei)) == E_OK) {
		if ((err = db_exec_script(c, sql)) != E_OK)
			fprintf(stderr, "testdb: %s: %s\n", sql, db_errmsg(c));
		db_conn_put(db, c);
	} else {
		fprintf(stderr, "testdb: %s\n", ei.msg);
	}
	db_free(db);
	return err;
}

enum err testdb_open(struct db **out, enum db_backend b, const char *tag)
{
	char t[40], name[128], url[4096], sql[512];
	struct errinfo ei = {0};
	enum err err;

	*out = NULL;
	clean_tag(t, sizeof(t), tag);
	if (b == DB_SQLITE) {
		const char *dir = getenv("TMPDIR");
		snprintf(name, sizeof(name), "%s/qltest_%d_%s.db", dir && *dir ? dir : "/tmp",
			 (int)getpid(), t);
		sqlite_remove(name);
		snprintf(url, sizeof(url), "%s", name);
	} else {
		if (!testdb_pg_available()) {
			fprintf(stderr, "testdb: QL_TEST_PG_URL is not set\n");
			return E_DB;
		}
		const char *base = getenv("QL_TEST_PG_URL");
		snprintf(name, sizeof(name), "t_%d_%s", (int)getpid(), t);
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s",
			 name, name);
		if ((err = pg_admin(sql)) != E_OK)
			return err;
		snprintf(url, sizeof(url), "%s%coptions=-csearch_path%%3D%s", base,
			 strchr(base, '?') ? '&' : '?', name);
	}
	if ((err = db_open(out, url, &ei)) != E_OK) {
		fprintf(stderr, "testdb: %s\n", ei.msg);
		if (b == DB_SQLITE)
			sqlite_remove(name);
		return err;
	}
	struct opened *o = calloc(1, sizeof(*o));
	if (!o)
		abort();
	o->db = *out;
	o->kind = b;
	o->name = xstrdup(name);
	o->next = opened;
	opened = o;
	return E_OK;
}

void testdb_close(struct db *db)
{
	if (!db)
		return;
	struct opened **pp = &opened;
	while (*pp && (*pp)->db != db)
		pp = &(*pp)->next;
	struct opened *o = *pp;
	db_free(db);
	if (!o)
		return;
	*pp = o->next;
	if (o->kind == DB_SQLITE) {
		sqlite_remove(o->name);
	} else {
		char sql[256];
		snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE", o->name);
		pg_admin(sql);
	}
	free(o->name);
	free(o);
}

int testdb_run(const char *name, const struct CMUnitTest *tests, size_t n, CMFixtureFunction setup,
	       CMFixtureFunction teardown)
{
	static const enum db_backend all[] = {DB_SQLITE, DB_PG};
	const char *only = getenv("QL_TEST_BACKEND");
	int failures = 0;
	char group[256];

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		enum db_backend b = all[i];
		const char *key = b == DB_PG ? "pg" : "sqlite";
		if (only && *only && strcmp(only, key) != 0)
			continue;
		if (b == DB_PG && !testdb_pg_available()) {
			if (only && *only) {
				fprintf(stderr,
					"%s: QL_TEST_BACKEND=pg but QL_TEST_PG_URL is not set\n",
					name);
				failures++;
			} else {
				printf("%s: PostgreSQL skipped (QL_TEST_PG_URL not set)\n", name);
			}
			continue;
		}
		testdb_backend = b;
		printf("%s: running on %s\n", name, testdb_backend_name(b));
		fflush(stdout);
		snprintf(group, sizeof(group), "%s [%s]", name, testdb_backend_name(b));
		failures += _cmocka_run_group_tests(group, tests, n, setup, teardown);
	}
	testdb_backend = DB_SQLITE;
	return failures;
}

int testdb_fix_setup(void **state, const char *tag, const char *schema_sqlite,
		     const char *schema_pg)
{
	struct testdb_fix *f = calloc(1, sizeof(*f));
	struct errinfo ei = {0};
	assert_non_null(f);
	assert_int_equal(testdb_open(&f->db, testdb_backend, tag), E_OK);
	assert_int_equal(db_backend(f->db), testdb_backend);
	assert_int_equal(db_conn_get(f->db, &f->c, &ei), E_OK);
	assert_int_equal(db_conn_backend(f->c), testdb_backend);
	enum err err = db_exec_script(f->c, testdb_backend == DB_PG ? schema_pg : schema_sqlite);
	if (err != E_OK)
		fail_msg("schema: %s", db_errmsg(f->c));
	*state = f;
	return 0;
}

int testdb_fix_teardown(void **state)
{
	struct testdb_fix *f = *state;
	db_conn_put(f->db, f->c);
	testdb_close(f->db);
	free(f);
	return 0;
}
