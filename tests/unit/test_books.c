/*
 * The books' rules below the API, on both backends: voucher numbers stay
 * without gaps or duplicates under concurrent entry; the per-month and per-year
 * balances kept as vouchers post equal a full recomputation from the lines
 * (and a tampered balance is caught); posted vouchers, their lines and closed
 * periods refuse UPDATE and DELETE in the database itself; closing December
 * carries income and expense to 321 and 321 to 322; and the log verifies clean
 * after all of it.  The fixture of the HTTP transcripts (tests/http/fixture)
 * is loaded through the real importer.
 */
#include "testdb.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/app.h"
#include "mod/books.h"
#include "mod/io.h"
#include "mod/org.h"

struct fix {
	struct db *tdb; /* the test database */
	struct app app; /* the application on it */
	int64_t v1, v2; /* 甲村, 乙村 */
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	assert_int_equal(testdb_open(&f->tdb, testdb_backend, "books"), E_OK);
	struct app_opts o = {0};
	o.db_url = db_url(f->tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	assert_int_equal(app_open(&f->app, &o, &ei), E_OK);
	char dir[4096];
	const char *src = getenv("QL_SRCDIR");
	snprintf(dir, sizeof(dir), "%s/tests/http/fixture", src ? src : ".");
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&f->app, dir, devnull, &ei);
	fclose(devnull);
	if (e != E_OK)
		fprintf(stderr, "import: %s\n", ei.msg);
	assert_int_equal(e, E_OK);
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(org_village_id(c, "321283101201", &f->v1), E_OK);
	assert_int_equal(org_village_id(c, "321283101202", &f->v2), E_OK);
	db_conn_put(f->app.db, c);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	app_close(&f->app);
	testdb_close(f->tdb);
	free(f);
	return 0;
}

/* ---- writing vouchers through the shared logic -------------------------------------------- */

struct one {
	int64_t village;     /* where */
	const char *date;    /* when */
	const char *status;  /* draft or posted */
	const char *source;  /* 录入 or 冲销 */
	const char *dr, *cr; /* accounts */
	int64_t fen;	     /* amount (negative for red) */
	int64_t id;	     /* out */
	struct errinfo ei;   /* out */
};

static enum err write_one(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct one *o = arg;
	struct books_line l[2] = {{.account_code = o->dr, .debit_fen = o->fen},
				  {.account_code = o->cr, .credit_fen = o->fen}};
	struct books_voucher v = {.village_id = o->village,
				  .date = o->date,
				  .summary = "测试",
				  .source = o->source,
				  .status = o->status,
				  .maker = "test",
				  .entered_at = "2026-06-15T02:00:00Z",
				  .lines = l,
				  .nlines = 2};
	enum err e = books_voucher_create(tc, &v, &o->id, &o->ei);
	if (e != E_OK)
		*ei = o->ei;
	return e;
}

static enum err voucher(struct fix *f, struct one *o)
{
	struct errinfo ei = {0};
	if (!o->status)
		o->status = "posted";
	if (!o->source)
		o->source = "录入";
	return app_write(&f->app, "test", write_one, o, &ei);
}

/* Check queries of the tests, registered before any connection is taken. */
enum { Q_NUMBERS, Q_PL_OPEN, Q_322, Q_PERIODS, Q__MAX };
static const struct db_sql q_sql[Q__MAX] = {
    [Q_NUMBERS] = {"test_books.numbers",
		   "SELECT COUNT(*) * 1000000 + COUNT(DISTINCT seq) * 1000 + MAX(seq) FROM "
		   "book_vouchers WHERE village_id = $1 AND year = $2"},
    [Q_PL_OPEN] = {"test_books.pl_open",
		   "SELECT COUNT(*) FROM (SELECT b.account_id FROM book_balances b JOIN "
		   "book_accounts a ON a.id = b.account_id WHERE b.village_id = $1 AND b.period "
		   "= 'Y' || $2 AND (a.category = '损益' OR a.code = '321') GROUP BY b.account_id "
		   "HAVING SUM(b.debit_fen) <> SUM(b.credit_fen)) x"},
    [Q_322] = {"test_books.q322",
	       "SELECT SUM(b.credit_fen) - SUM(b.debit_fen) FROM book_balances b JOIN "
	       "book_accounts a ON a.id = b.account_id WHERE b.village_id = $1 AND "
	       "b.period >= 'Y' AND a.code = $2"},
    [Q_PERIODS] = {"test_books.periods",
		   "SELECT COUNT(*) FROM book_periods WHERE village_id = $1 AND period <= $2"},
};
static struct db_stmts q_set = {"test_books", q_sql, Q__MAX, 0, false};

static int64_t count(struct fix *f, unsigned q, int64_t village, const char *text)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct db_res *res;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(db_one(c, &q_set, q, DB_PARAMS(DB_INT(village), DB_TEXT(text)), &res),
			 E_OK);
	int64_t n = db_int(res, 0);
	db_done(res);
	db_conn_put(f->app.db, c);
	return n;
}

/* ---- concurrent numbering ------------------------------------------------------------------- */

#define THREADS	   4
#define PER_THREAD 12

struct worker {
	struct fix *f; /* shared */
	int failures;  /* vouchers not written */
};

static void *entry(void *arg)
{
	struct worker *w = arg;
	for (int i = 0; i < PER_THREAD; i++) {
		struct one o = {.village = w->f->v1,
				.date = "2026-05-20",
				.status = "draft",
				.dr = "51302",
				.cr = "101",
				.fen = 100 + i};
		if (voucher(w->f, &o) != E_OK)
			w->failures++;
	}
	return NULL;
}

static void test_books__numbers_under_concurrency(void **state)
{
	struct fix *f = *state;
	pthread_t t[THREADS];
	struct worker w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){f, 0};
		assert_int_equal(pthread_create(&t[i], NULL, entry, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].failures, 0);
	}
	int64_t n = THREADS * PER_THREAD;
	assert_int_equal(count(f, Q_NUMBERS, f->v1, "2026"), n * 1000000 + n * 1000 + n);
}

/* ---- balances -----------------------------------------------------------------------------------
 */

static void test_books__balances_equal_recomputation(void **state)
{
	struct fix *f = *state;
	static const char *const acct[] = {"101", "10201", "51302", "51309", "503", "50101", "212"};
	uint64_t x = 12345;
	for (int i = 0; i < 120; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		char date[11];
		snprintf(date, sizeof(date), "2025-%02d-%02d", (int)(x >> 33) % 12 + 1,
			 (int)(x >> 40) % 28 + 1);
		struct one o = {.village = f->v1,
				.date = date,
				.dr = acct[(x >> 20) % 7],
				.cr = acct[(x >> 24) % 7],
				.fen = (int64_t)((x >> 44) % 499999) + 1}; /* under the decision threshold */
		if (strcmp(o.dr, o.cr) == 0)
			o.cr = "212";
		if (strcmp(o.dr, o.cr) == 0)
			o.cr = "101";
		assert_int_equal(voucher(f, &o), E_OK);
	}
	struct one red = {.village = f->v1,
			  .date = "2025-11-30",
			  .source = "冲销",
			  .dr = "51302",
			  .cr = "101",
			  .fen = -5000};
	assert_int_equal(voucher(f, &red), E_OK);
	struct db_conn *c;
	struct errinfo ei = {0};
	int64_t diffs = -1;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(books_balances_check(c, 0, &diffs, &ei), E_OK);
	assert_int_equal(diffs, 0);
	/* every account's kept total equals the sum of its posted lines */
	assert_int_equal(db_exec_script(c, "UPDATE book_balances SET debit_fen = debit_fen + 1 "
					   "WHERE period = '2025-03' AND debit_fen > 0"),
			 E_OK);
	assert_int_equal(books_balances_check(c, f->v1, &diffs, &ei), E_OK);
	assert_true(diffs > 0);
	db_conn_put(f->app.db, c);
}

/* ---- immutability in the database
 * ------------------------------------------------------------------ */

static void test_books__posted_is_immutable(void **state)
{
	struct fix *f = *state;
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_not_equal(
	    db_exec_script(c, "UPDATE book_vouchers SET summary = 'x' WHERE status = 'posted'"),
	    E_OK);
	db_rollback(c);
	assert_int_not_equal(db_exec_script(c, "UPDATE book_lines SET debit_fen = 1"), E_OK);
	db_rollback(c);
	assert_int_not_equal(db_exec_script(c, "DELETE FROM book_lines"), E_OK);
	db_rollback(c);
	assert_int_not_equal(db_exec_script(c, "DELETE FROM book_vouchers"), E_OK);
	db_rollback(c);
	db_conn_put(f->app.db, c);
}

/* ---- period close and carry-forward
 * ---------------------------------------------------------------- */

struct close_arg {
	int64_t village;    /* which */
	const char *period; /* month */
};

static enum err close_cb(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct close_arg *a = arg;
	return books_period_close(tc, a->village, a->period, "2026-06-15", "test", ei);
}

static void test_books__close_carries_forward(void **state)
{
	struct fix *f = *state;
	struct close_arg a = {f->v1, "2026-01"};
	struct errinfo ei = {0};
	assert_int_equal(app_write(&f->app, "test", close_cb, &a, &ei), E_OK);
	/* income and expense of 2025 are cleared, 321 is back to zero, 322 holds
	 * the year's net income: 50,000.00 + 12,000.00 − 300.00 */
	assert_int_equal(count(f, Q_PL_OPEN, f->v1, "2025"), 0);
	assert_int_equal(count(f, Q_322, f->v1, "322"), 6170000);
	assert_int_equal(count(f, Q_PERIODS, f->v1, "2026-01"), 13);
	/* a closed period refuses UPDATE and DELETE in the database */
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_not_equal(db_exec_script(c, "DELETE FROM book_periods"), E_OK);
	db_rollback(c);
	db_conn_put(f->app.db, c);
	/* and the shared logic refuses a voucher dated in it */
	struct one o = {
	    .village = f->v1, .date = "2025-08-01", .dr = "51302", .cr = "101", .fen = 1};
	assert_int_equal(voucher(f, &o), E_RULE);
	assert_string_equal(o.ei.key, "voucher.period_closed");
}

static void test_books__log_verifies(void **state)
{
	struct fix *f = *state;
	struct one o = {
	    .village = f->v2, .date = "2026-05-02", .dr = "51309", .cr = "101", .fen = 777};
	assert_int_equal(voucher(f, &o), E_OK);
	struct db_conn *c;
	struct errinfo ei = {0};
	struct trail_report rep = {0};
	FILE *devnull = fopen("/dev/null", "w");
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(trail_verify(c, NULL, NULL, devnull, &rep, &ei), E_OK);
	fclose(devnull);
	db_conn_put(f->app.db, c);
	assert_int_equal(rep.problems, 0);
	assert_true(rep.rows > 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_books__numbers_under_concurrency, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_books__balances_equal_recomputation, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_books__posted_is_immutable, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_books__close_carries_forward, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_books__log_verifies, setup, teardown),
	};
	db_stmts_register(&q_set);
	return testdb_run_group("books", tests, NULL, NULL) ? 1 : 0;
}
