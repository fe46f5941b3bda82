/*
 * Fresh, empty databases for tests, on SQLite always and on PostgreSQL when
 * QL_TEST_PG_URL is set, and a way for a cmocka file to run its tests once per
 * backend.  SQLite databases are files under $TMPDIR (or /tmp) named by pid and
 * tag; PostgreSQL ones are schemas t_<pid>_<tag> in the database of
 * QL_TEST_PG_URL, reached through search_path.  testdb_close removes them.  For
 * tests only: it must not be linked into the program.
 */
#ifndef QL_TESTDB_H
#define QL_TESTDB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/db.h"

/* The backend of the pass testdb_run is making (DB_SQLITE outside one). */
extern enum db_backend testdb_backend;

/* "SQLite" or "PostgreSQL". */
const char *testdb_backend_name(enum db_backend b);

/* QL_TEST_PG_URL is set (and non-empty). */
bool testdb_pg_available(void);

/* Make a fresh empty database for backend b; tag ([a-z0-9_], short) tells it apart
 * from others of this process.  On failure says why on stderr. */
enum err testdb_open(struct db **out, enum db_backend b, const char *tag);
/* Free db and remove its file or schema; NULL-safe. */
void testdb_close(struct db *db);

/* A fresh database of the current pass's backend and one connection from its
 * pool, with a schema made by one script per backend: the fixture of tests
 * that talk to the db layer itself (test_db, test_db_stream). */
struct testdb_fix {
	struct db *db;	   /* fresh database of the current backend */
	struct db_conn *c; /* a connection taken from its pool */
};
/* Sets *state to a new struct testdb_fix; fails the test if anything fails. */
int testdb_fix_setup(void **state, const char *tag, const char *schema_sqlite,
		     const char *schema_pg);
int testdb_fix_teardown(void **state);

/* Run tests once per available backend (restricted by QL_TEST_BACKEND=sqlite|pg),
 * setting testdb_backend for each pass and printing which backends ran and which
 * were skipped.  Returns the number of failures. */
int testdb_run(const char *name, const struct CMUnitTest *tests, size_t n, CMFixtureFunction setup,
	       CMFixtureFunction teardown);
#define testdb_run_group(name, tests, setup, teardown)                                             \
	testdb_run(name, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)

#endif
