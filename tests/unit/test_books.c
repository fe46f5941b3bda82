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
#include <unistd.h>

#include "core/app.h"
#include "core/json_out.h"
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
enum { Q_NUMBERS, Q_PL_OPEN, Q_322, Q_PERIODS, Q_OPEN_DIFF, Q_IMPORTED, Q__MAX };
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
    /* Accounts of village $1 whose opening of year $2 — as a trial balance
     * reads it from the kept rows (the head's year when the books end before
     * it) — differs from the posted lines dated before $3 (= "$2-01-01"),
     * summed here straight from the lines, not through any year key. */
    [Q_OPEN_DIFF] =
	{"test_books.open_diff",
	 "SELECT COUNT(*) FROM (SELECT account_id FROM (SELECT l.account_id, l.debit_fen AS d, "
	 "l.credit_fen AS c FROM book_lines l JOIN book_vouchers v ON v.id = l.voucher_id WHERE "
	 "v.status = 'posted' AND l.village_id = $1 AND v.date < $3 UNION ALL SELECT b.account_id, "
	 "-b.debit_fen, -b.credit_fen FROM book_opening_head h JOIN book_balances b ON "
	 "b.village_id = h.village_id WHERE h.village_id = $1 AND b.period = 'O' || CAST(CASE "
	 "WHEN h.year < $2 THEN h.year ELSE $2 END AS TEXT)) x GROUP BY account_id HAVING SUM(d) "
	 "<> 0 OR SUM(c) <> 0) y"},
    [Q_IMPORTED] = {"test_books.imported",
		    "SELECT entry FROM trail WHERE action = 'voucher.import' ORDER BY seq"},
};
static struct db_stmts q_set = {"test_books", q_sql, Q__MAX, 0, false};

static size_t imported_canonical(struct fix *f);
static uint64_t verify_problems(struct fix *f);

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
				.fen = (int64_t)((x >> 44) % 499999) +
				       1}; /* under the decision threshold */
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

struct close_arg {
	int64_t village;    /* which */
	const char *period; /* month */
};

static enum err close_cb(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct close_arg *a = arg;
	return books_period_close(tc, a->village, a->period, "2026-06-15", "test", ei);
}

/* Opening-balance rows under every way a voucher posts: entered and posted at
 * once, drafts posted after approval, red reversals, the year-end
 * carry-forward of a close, a late voucher of a year before the head, and
 * imports (a batch) before and after the books' years. */

static enum err post_cb(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	return books_voucher_post(tc, *(int64_t *)arg, "test", ei);
}

static void approve_and_post(struct fix *f, int64_t id)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	char sql[160];
	snprintf(sql, sizeof(sql),
		 "UPDATE book_vouchers SET status = 'approved', steps_done = 5 WHERE id = %lld",
		 (long long)id);
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(db_exec_script(c, sql), E_OK);
	db_conn_put(f->app.db, c);
	assert_int_equal(app_write(&f->app, "test", post_cb, &id, &ei), E_OK);
}

static void random_vouchers(struct fix *f, uint64_t *x, int n, const int *years, int nyears)
{
	static const char *const acct1[] = {"101", "10201", "51302", "51309",
					    "503", "50101", "212"};
	static const char *const acct2[] = {"101", "102", "51302", "51309", "503", "50102", "212"};
	for (int i = 0; i < n; i++) {
		*x = *x * 6364136223846793005ull + 1442695040888963407ull;
		bool second = (*x >> 61) & 1;
		const char *const *acct = second ? acct2 : acct1;
		char date[11];
		snprintf(date, sizeof(date), "%04d-%02d-%02d", years[(*x >> 50) % (unsigned)nyears],
			 (int)(*x >> 33) % 12 + 1, (int)(*x >> 40) % 28 + 1);
		struct one o = {.village = second ? f->v2 : f->v1,
				.date = date,
				.dr = acct[(*x >> 20) % 7],
				.cr = acct[(*x >> 24) % 7],
				.fen = (int64_t)((*x >> 44) % 499999) + 1};
		if (strcmp(o.dr, o.cr) == 0)
			o.cr = strcmp(o.dr, "212") == 0 ? "101" : "212";
		switch ((*x >> 8) % 5) {
		case 0: /* a red reversal, posted as entered */
			o.source = "冲销";
			o.fen = -o.fen;
			break;
		case 1: /* a draft that runs the chain and is posted later */
			o.status = "draft";
			break;
		}
		assert_int_equal(voucher(f, &o), E_OK);
		if (o.status && strcmp(o.status, "draft") == 0)
			approve_and_post(f, o.id);
	}
}

static const char vouchers_late[] =
    "village_code,voucher_no,line,date,summary,account_code,debit,credit\n"
    "321283101202,2021-0001,1,2021-03-05,补录往年收入,102,1234.56,\n"
    "321283101202,2021-0001,2,2021-03-05,补录往年收入,503,,1234.56\n"
    "321283101202,2021-0002,1,2021-11-30,补录往年支出,51309,300.00,\n"
    "321283101202,2021-0002,2,2021-11-30,补录往年支出,101,,300.00\n"
    "321283101202,2028-0001,1,2028-02-01,\"收入 \"\"引号\"\" 反斜杠\\\",101,88.00,\n"
    "321283101202,2028-0001,2,2028-02-01,\"收入 \"\"引号\"\" 反斜杠\\\",503,,88.00\n";

static void import_late(struct fix *f)
{
	char dir[] = "/tmp/test_books_XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/vouchers.csv", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(vouchers_late, fp);
	fclose(fp);
	struct errinfo ei = {0};
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&f->app, dir, devnull, &ei);
	fclose(devnull);
	unlink(path);
	rmdir(dir);
	if (e != E_OK)
		fprintf(stderr, "import: %s\n", ei.msg);
	assert_int_equal(e, E_OK);
}

static int64_t open_diffs(struct fix *f, int64_t village, int year)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct db_res *res;
	char first[16];
	snprintf(first, sizeof(first), "%04d-01-01", year);
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(db_one(c, &q_set, Q_OPEN_DIFF,
				DB_PARAMS(DB_INT(village), DB_INT(year), DB_TEXT(first)), &res),
			 E_OK);
	int64_t n = db_int(res, 0);
	db_done(res);
	db_conn_put(f->app.db, c);
	return n;
}

static void test_books__openings_equal_recomputation(void **state)
{
	struct fix *f = *state;
	uint64_t x = 777;
	static const int early[] = {2024, 2023, 2026, 2024};
	random_vouchers(f, &x, 80, early, 4);
	/* closing December 2024 posts the carry-forward of 2023 and of 2024 */
	struct close_arg a = {f->v1, "2024-12"};
	struct errinfo ei = {0};
	assert_int_equal(app_write(&f->app, "test", close_cb, &a, &ei), E_OK);
	assert_int_equal(count(f, Q_PL_OPEN, f->v1, "2024"), 0);
	static const int late[] = {2025, 2026};
	random_vouchers(f, &x, 40, late, 2);
	/* a voucher of a year before 乙村's head: every later opening moves */
	struct one old = {
	    .village = f->v2, .date = "2022-06-30", .dr = "51302", .cr = "101", .fen = 4321};
	assert_int_equal(voucher(f, &old), E_OK);
	import_late(f);
	assert_int_equal(imported_canonical(f), 8);
	assert_int_equal(verify_problems(f), 0);

	struct db_conn *c;
	int64_t diffs = -1;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(books_balances_check(c, 0, &diffs, &ei), E_OK);
	assert_int_equal(diffs, 0);
	db_conn_put(f->app.db, c);
	for (int y = 2020; y <= 2030; y++) {
		assert_int_equal(open_diffs(f, f->v1, y), 0);
		assert_int_equal(open_diffs(f, f->v2, y), 0);
	}

	/* a tampered opening row, and a head pulled back, are both caught */
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(db_exec_script(c, "UPDATE book_balances SET credit_fen = credit_fen + 1 "
					   "WHERE period = 'O2026' AND credit_fen > 0"),
			 E_OK);
	assert_int_equal(books_balances_check(c, f->v1, &diffs, &ei), E_OK);
	assert_true(diffs > 0);
	assert_true(open_diffs(f, f->v1, 2026) > 0);
	assert_int_equal(db_exec_script(c, "UPDATE book_balances SET credit_fen = credit_fen - 1 "
					   "WHERE period = 'O2026' AND credit_fen > 0"),
			 E_OK);
	assert_int_equal(books_balances_check(c, 0, &diffs, &ei), E_OK);
	assert_int_equal(diffs, 0);
	char sql[128];
	snprintf(sql, sizeof(sql),
		 "UPDATE book_opening_head SET year = 2027 WHERE village_id = %lld",
		 (long long)f->v2);
	assert_int_equal(db_exec_script(c, sql), E_OK);
	assert_int_equal(books_balances_check(c, f->v2, &diffs, &ei), E_OK);
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

static uint64_t verify_problems(struct fix *f)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct trail_report rep = {0};
	FILE *devnull = fopen("/dev/null", "w");
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(trail_verify(c, NULL, NULL, devnull, &rep, &ei), E_OK);
	fclose(devnull);
	db_conn_put(f->app.db, c);
	return rep.problems;
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
	assert_int_equal(rep.reread, 0); /* the lines read apart give the logged text */
	assert_true(rep.rows > 60);
	assert_int_equal(imported_canonical(f), 5);
}

/* An imported voucher's entry, built without reading the row back, is already
 * in the canonical form json_canonical gives its parse; returns how many. */
static size_t imported_canonical(struct fix *f)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct db_res *res;
	size_t n = 0;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(db_exec(c, &q_set, Q_IMPORTED, DB_NOPARAMS, &res), E_OK);
	while (db_row(res)) {
		json_t *entry = json_loads(db_text(res, 0), 0, NULL);
		assert_non_null(entry);
		assert_non_null(json_object_get(json_object_get(entry, "value"), "lines"));
		char *t = json_canonical(entry);
		assert_string_equal(t, db_text(res, 0));
		free(t);
		json_decref(entry);
		n++;
	}
	assert_int_equal(db_done(res), E_OK);
	db_conn_put(f->app.db, c);
	return n;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_books__numbers_under_concurrency, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_books__balances_equal_recomputation, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_books__openings_equal_recomputation, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_books__posted_is_immutable, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_books__close_carries_forward, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_books__log_verifies, setup, teardown),
	};
	db_stmts_register(&q_set);
	return testdb_run_group("books", tests, NULL, NULL) ? 1 : 0;
}
