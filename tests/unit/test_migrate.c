/*
 * Unit tests of migrate_apply on the migrations really embedded in the build
 * (build/gen/migrations_gen.c), on SQLite and, when QL_TEST_PG_URL is set, on
 * PostgreSQL: a fresh database gets them all and a second run applies none; two
 * servers migrating at once apply each script once; a failing script leaves
 * nothing behind and is named in the error.  The "core" module is the subject
 * when it has migrations; otherwise whatever modules do.
 */
#include "testdb.h"

#include "core/migrate.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_LIST, M_COUNT, M_ADD, M__MAX };
static const struct db_sql m_sql[M__MAX] = {
    [M_LIST] = {"test.mig_list", "SELECT module, version, name, applied_at "
				 "FROM schema_migrations ORDER BY module, version"},
    [M_COUNT] = {"test.mig_count", "SELECT count(*) FROM schema_migrations"},
    [M_ADD] = {"test.mig_add", "INSERT INTO schema_migrations (module, version, name, "
			       "applied_at) VALUES ($1, $2, $3, $4)"},
};
static struct db_stmts m_stmts = {"test", m_sql, M__MAX, 0, false};

/* The modules under test, NULL-terminated, and how many scripts they hold. */
static const char *mods[64];
static int expected;

static const char *dir_of(enum db_backend b)
{
	return b == DB_PG ? "pg" : "sqlite";
}

static bool listed(const char *m)
{
	for (int i = 0; mods[i]; i++)
		if (strcmp(mods[i], m) == 0)
			return true;
	return false;
}

/* "core" if it has migrations for this backend, else every module that has. */
static void pick_modules(enum db_backend b)
{
	const char *dir = dir_of(b);
	int n = 0;
	expected = 0;
	memset(mods, 0, sizeof(mods));
	mods[n++] = "core";
	for (size_t i = 0; i < migrations_count; i++)
		if (strcmp(migrations[i].backend, dir) == 0 &&
		    strcmp(migrations[i].module, "core") == 0)
			expected++;
	if (expected == 0)
		for (size_t i = 0; i < migrations_count && n < 63; i++)
			if (strcmp(migrations[i].backend, dir) == 0 &&
			    !listed(migrations[i].module))
				mods[n++] = migrations[i].module;
	if (n > 1)
		for (size_t i = 0; i < migrations_count; i++)
			if (strcmp(migrations[i].backend, dir) == 0 && listed(migrations[i].module))
				expected++;
}

/* The script migrate_apply runs first: the lowest version of the first module
 * of mods that has any. */
static const struct migration *first_migration(void)
{
	const char *dir = dir_of(testdb_backend);
	for (int k = 0; mods[k]; k++) {
		const struct migration *best = NULL;
		for (size_t i = 0; i < migrations_count; i++) {
			const struct migration *m = &migrations[i];
			if (strcmp(m->backend, dir) == 0 && strcmp(m->module, mods[k]) == 0 &&
			    (!best || m->version < best->version))
				best = m;
		}
		if (best)
			return best;
	}
	return NULL;
}

struct fix {
	struct db *db; /* fresh database of the current backend */
};

static int fix_setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	assert_int_equal(testdb_open(&f->db, testdb_backend, "mig"), E_OK);
	pick_modules(testdb_backend);
	*state = f;
	return 0;
}

static int fix_teardown(void **state)
{
	struct fix *f = *state;
	testdb_close(f->db);
	free(f);
	return 0;
}

static int64_t count_rows(struct db *db)
{
	struct db_conn *c;
	struct db_res *r;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(db, &c, &ei), E_OK);
	assert_int_equal(db_one(c, &m_stmts, M_COUNT, DB_NOPARAMS, &r), E_OK);
	int64_t n = db_int(r, 0);
	assert_int_equal(db_done(r), E_OK);
	db_conn_put(db, c);
	return n;
}

static void test_migrate__fresh_then_idempotent(void **state)
{
	struct fix *f = *state;
	struct errinfo ei = {0};
	int applied = -1;
	if (migrate_apply(f->db, mods, &applied, &ei) != E_OK)
		fail_msg("migrate: %s", ei.msg);
	printf("  %s: %d migration(s) applied for %s%s\n", testdb_backend_name(testdb_backend),
	       applied, mods[0], mods[1] ? " and others" : "");
	assert_int_equal(applied, expected);
	assert_int_equal(count_rows(f->db), expected);

	/* Every row names an embedded migration of this backend, stamped in UTC. */
	struct db_conn *c;
	struct db_res *r;
	assert_int_equal(db_conn_get(f->db, &c, &ei), E_OK);
	assert_int_equal(db_exec(c, &m_stmts, M_LIST, DB_NOPARAMS, &r), E_OK);
	int rows = 0;
	while (db_row(r)) {
		bool found = false;
		for (size_t i = 0; i < migrations_count; i++) {
			const struct migration *m = &migrations[i];
			if (strcmp(m->backend, dir_of(testdb_backend)) == 0 &&
			    strcmp(m->module, db_text(r, 0)) == 0 && m->version == db_int(r, 1)) {
				assert_string_equal(m->name, db_text(r, 2));
				found = true;
			}
		}
		assert_true(found);
		const char *at = db_text(r, 3);
		assert_int_equal(strlen(at), 20);
		assert_int_equal(at[10], 'T');
		assert_int_equal(at[19], 'Z');
		rows++;
	}
	assert_int_equal(db_done(r), E_OK);
	assert_int_equal(rows, expected);

	/* The migrated schema prepares every registered statement. */
	if (db_check_all(c, &ei) != E_OK)
		fail_msg("check_all after migrate: %s", ei.msg);
	db_conn_put(f->db, c);

	/* Nothing is left to do the second time. */
	applied = -1;
	assert_int_equal(migrate_apply(f->db, mods, &applied, &ei), E_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(count_rows(f->db), expected);
	assert_int_equal(migrate_apply(f->db, mods, NULL, &ei), E_OK);
}

static void test_migrate__table(void **state)
{
	struct fix *f = *state;
	struct errinfo ei = {0};
	int applied = -1;
	static const char *const none[] = {"no_such_module", NULL};
	static const char *const empty[] = {NULL};

	/* Unknown modules and an empty list apply nothing, yet make the table. */
	assert_int_equal(migrate_apply(f->db, none, &applied, &ei), E_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_apply(f->db, empty, &applied, &ei), E_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(count_rows(f->db), 0);

	/* (module, version) is its primary key. */
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->db, &c, &ei), E_OK);
	assert_int_equal(db_exec(c, &m_stmts, M_ADD,
				 DB_PARAMS(DB_TEXT("x"), DB_INT(1), DB_TEXT("init"),
					   DB_TEXT("2024-01-01T00:00:00Z")),
				 NULL),
			 E_OK);
	assert_int_equal(db_exec(c, &m_stmts, M_ADD,
				 DB_PARAMS(DB_TEXT("x"), DB_INT(1), DB_TEXT("again"),
					   DB_TEXT("2024-01-01T00:00:00Z")),
				 NULL),
			 E_CONFLICT);
	assert_int_equal(
	    db_exec(c, &m_stmts, M_ADD,
		    DB_PARAMS(DB_TEXT("x"), DB_INT(2), DB_NULL, DB_TEXT("2024-01-01T00:00:00Z")),
		    NULL),
	    E_CONFLICT);
	db_conn_put(f->db, c);
	assert_int_equal(count_rows(f->db), 1);
}

struct server {
	struct db *db;	   /* its own pool on the shared database */
	int applied;	   /* scripts it ran */
	enum err err;	   /* its result */
	struct errinfo ei; /* details on failure */
};

static void *server_main(void *arg)
{
	struct server *s = arg;
	s->err = migrate_apply(s->db, mods, &s->applied, &s->ei);
	return NULL;
}

static void test_migrate__two_servers(void **state)
{
	struct fix *f = *state;
	struct server s[2] = {0};
	pthread_t t[2];
	struct errinfo ei = {0};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(db_open(&s[i].db, db_url(f->db), &ei), E_OK);
		assert_int_equal(pthread_create(&t[i], NULL, server_main, &s[i]), 0);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 2; i++) {
		if (s[i].err != E_OK)
			fail_msg("server %d: %s", i, s[i].ei.msg);
		db_free(s[i].db);
	}
	assert_int_equal(s[0].applied + s[1].applied, expected);
	assert_int_equal(count_rows(f->db), expected);
}

static void test_migrate__failure_rolls_back(void **state)
{
	struct fix *f = *state;
	struct errinfo ei = {0};
	int applied = -1;
	if (expected == 0) {
		printf("  no migrations embedded for %s: failure path needs one\n",
		       dir_of(testdb_backend));
		skip();
	}
	/* A schema_migrations without "name": the first script runs, its record
	 * cannot be written, and the whole transaction must go. */
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->db, &c, &ei), E_OK);
	assert_int_equal(db_exec_script(c, "CREATE TABLE schema_migrations (module TEXT, "
					   "version INTEGER, applied_at TEXT)"),
			 E_OK);
	db_conn_put(f->db, c);
	assert_int_equal(migrate_apply(f->db, mods, &applied, &ei), E_DB);
	assert_int_equal(applied, 0);
	assert_string_equal(ei.key, "migrate.failed");
	assert_non_null(strstr(ei.msg, "数据库迁移失败"));
	const struct migration *first = first_migration();
	assert_non_null(strstr(ei.msg, first->module));
	assert_non_null(strstr(ei.msg, first->name));
	assert_non_null(strstr(ei.msg, "name"));
	printf("  expected failure: %s\n", ei.msg);
	assert_int_equal(count_rows(f->db), 0);

	/* With the table put right, every script applies cleanly: nothing of the
	 * failed attempt was left behind. */
	assert_int_equal(db_conn_get(f->db, &c, &ei), E_OK);
	assert_int_equal(db_exec_script(c, "DROP TABLE schema_migrations"), E_OK);
	db_conn_put(f->db, c);
	if (migrate_apply(f->db, mods, &applied, &ei) != E_OK)
		fail_msg("migrate after repair: %s", ei.msg);
	assert_int_equal(applied, expected);
}

int main(void)
{
	db_stmts_register(&m_stmts);
	printf("test_migrate: %zu migration(s) embedded in this build\n", migrations_count);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_migrate__fresh_then_idempotent, fix_setup,
					    fix_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate__table, fix_setup, fix_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate__two_servers, fix_setup, fix_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate__failure_rolls_back, fix_setup,
					    fix_teardown),
	};
	return testdb_run_group("test_migrate", tests, NULL, NULL);
}
