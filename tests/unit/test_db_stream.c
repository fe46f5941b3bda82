/*
 * Unit tests of db_exec_stream (db.h) on SQLite and, when QL_TEST_PG_URL is set,
 * on PostgreSQL: two large results with parameters read in turn with other
 * statements between their rows (on PostgreSQL two cursors, each with its next
 * batch asked for ahead), one closed half-read, the same outside a transaction,
 * and an error met in a later batch.  Nothing here is mocked.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_RANGE, S_DOWN, S_COUNT, S_DIV, S__MAX };

static const struct db_sql s_sql[S__MAX] = {
    [S_RANGE] = {"stream.range",
		 "SELECT n, 'n' || n FROM num WHERE n BETWEEN $1 AND $2 ORDER BY n"},
    [S_DOWN] = {"stream.down", "SELECT n FROM num WHERE n >= $1 ORDER BY n DESC"},
    [S_COUNT] = {"stream.count", "SELECT COUNT(*) FROM num WHERE n <= $1"},
    /* fails at n = 9000 on PostgreSQL (SQLite gives NULL) */
    [S_DIV] = {"stream.div", "SELECT n, 100 / (n - $1) FROM num ORDER BY n"},
};

static struct db_stmts s_stmts = {"stream", s_sql, S__MAX, 0, false};

/* 10,000 rows: more than two batches of a cursor (DB_CURSOR_BATCH). */
#define NROWS 10000

static const char schema_sqlite[] =
    "CREATE TABLE num (n INTEGER PRIMARY KEY);"
    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 10000) "
    "INSERT INTO num SELECT n FROM s;";

static const char schema_pg[] = "CREATE TABLE num (n BIGINT PRIMARY KEY);"
				"INSERT INTO num SELECT generate_series(1, 10000);";

static int fix_setup(void **state)
{
	return testdb_fix_setup(state, "stream", schema_sqlite, schema_pg);
}

static int64_t count_upto(struct db_conn *c, int64_t n)
{
	struct db_res *r;
	assert_int_equal(db_one(c, &s_stmts, S_COUNT, DB_PARAMS(DB_INT(n)), &r), E_OK);
	int64_t v = db_int(r, 0);
	assert_int_equal(db_done(r), E_OK);
	return v;
}

/* Read 2..9001 up and 10000..3001 down in turn, a count between rows now and
 * then, and close the second after 5,000 rows. */
static void interleave(struct db_conn *c)
{
	struct db_res *up, *down;
	assert_int_equal(
	    db_exec_stream(c, &s_stmts, S_RANGE, DB_PARAMS(DB_INT(2), DB_INT(9001)), &up), E_OK);
	assert_int_equal(db_exec_stream(c, &s_stmts, S_DOWN, DB_PARAMS(DB_INT(3001)), &down), E_OK);
	int64_t want_up = 2, want_down = NROWS;
	char text[32];
	while (db_row(up)) {
		assert_int_equal(db_int(up, 0), want_up);
		snprintf(text, sizeof(text), "n%lld", (long long)want_up);
		assert_string_equal(db_text(up, 1), text);
		want_up++;
		if (down && db_row(down)) {
			assert_int_equal(db_int(down, 0), want_down);
			want_down--;
		}
		if (down && want_down == NROWS - 5000) {
			assert_int_equal(db_done(down), E_OK); /* half-read */
			down = NULL;
		}
		if (want_up % 997 == 0)
			assert_int_equal(count_upto(c, want_up), want_up);
	}
	assert_int_equal(db_done(up), E_OK);
	assert_null(down);
	assert_int_equal(want_up, 9002);
	assert_int_equal(want_down, NROWS - 5000);
	/* the connection is free for anything after */
	assert_int_equal(count_upto(c, NROWS), NROWS);
}

static void test_stream__interleaved_in_tx(void **state)
{
	struct testdb_fix *f = *state;
	assert_int_equal(db_begin_snapshot(f->c), E_OK);
	interleave(f->c);
	interleave(f->c);
	db_rollback(f->c);
	assert_false(db_in_tx(f->c));
}

static void test_stream__outside_tx(void **state)
{
	struct testdb_fix *f = *state;
	/* no transaction: the whole result at once (db_exec), same rows */
	interleave(f->c);
	assert_false(db_in_tx(f->c));
}

static void test_stream__error_later(void **state)
{
	struct testdb_fix *f = *state;
	assert_int_equal(db_begin_snapshot(f->c), E_OK);
	struct db_res *r;
	assert_int_equal(db_exec_stream(f->c, &s_stmts, S_DIV, DB_PARAMS(DB_INT(9000)), &r), E_OK);
	int64_t rows = 0;
	while (db_row(r))
		rows++;
	enum err err = db_done(r);
	if (testdb_backend == DB_PG) {
		/* division by zero at n = 9000: the rows of the batches before it */
		assert_int_equal(err, E_DB);
		assert_true(rows < 9000);
		assert_true(rows >= DB_CURSOR_BATCH);
	} else {
		assert_int_equal(err, E_OK);
		assert_int_equal(rows, NROWS);
	}
	db_rollback(f->c);
	/* the connection works after the rollback */
	assert_int_equal(count_upto(f->c, 10), 10);
}

int main(void)
{
	db_stmts_register(&s_stmts);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_stream__interleaved_in_tx, fix_setup,
					    testdb_fix_teardown),
	    cmocka_unit_test_setup_teardown(test_stream__outside_tx, fix_setup,
					    testdb_fix_teardown),
	    cmocka_unit_test_setup_teardown(test_stream__error_later, fix_setup,
					    testdb_fix_teardown),
	};
	return testdb_run_group("test_db_stream", tests, NULL, NULL);
}
