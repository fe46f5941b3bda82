/*
 * The disclose module's generator: disclosures.csv of domain/formats.md for
 * each village — every periodic item of the embedded catalogue (monthly,
 * quarterly, annual) for every period of the span whose deadline falls inside
 * it, mostly published on time, some late, some never — and the ground truth of
 * rules D01 and D02 of domain/rules.md as a scan with as_of = the span's last
 * day sees them (D01: a late or missing publication whose deadline is before
 * as_of).  The monthly 财务收支明细 (CZ-01) carries the month's total income and
 * expense as the books give them — read back from the vouchers books_gen has
 * just written for the village (vouchers.csv, flushed first: the file is the
 * interface, as the import is between modules), with domain/rules.md's
 * arithmetic (income and expense accounts by the chart's 50x / 51x–52x codes,
 * carry-forward vouchers on 321 left out) — except a few planted ones that
 * differ from the books (D02); every other total is the exact near-miss.
 * Without vouchers.csv the totals stay blank.  The first month's CZ-01 is
 * always published, so the village's first day is the span's first day.
 * Randomness only from its own streams ("disclose", and "disclose-d02" for the
 * D02 plants so that D01's draws do not move).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/csvio.h"
#include "core/money.h"
#include "disclose.h"
#include "mod/gen.h"

#define LATE_PERMILLE	 60 /* published after the deadline */
#define MISSING_PERMILLE 50 /* never published */
#define D02_PERMILLE	 30 /* a CZ-01 whose totals differ from the books */

struct dstate {
	struct gen_csv *out;	     /* disclosures.csv */
	struct disclose_item *items; /* the embedded catalogue */
	size_t n;		     /* entries */
	const char *vouchers;	     /* path of vouchers.csv */
	long read_at;		     /* bytes of it read so far */
	int64_t *income;	     /* the village's income by month of the span, fen */
	int64_t *expense;	     /* … expense */
	bool books;		     /* income and expense are known */
};

static enum err open_(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const header[] = {"village_code",   "item_code", "period",
					     "published_date", "title",	    "total_income",
					     "total_expense"};
	struct dstate *st = ARENA_NEW(&g->arena, struct dstate);
	*state = st;
	enum err e = disclose_catalogue_default(&g->arena, &st->items, &st->n, ei);
	if (e != E_OK)
		return e;
	size_t months = (size_t)(g->last_year - g->first_year + 1) * 12;
	st->income = ARENA_ARRAY(&g->arena, int64_t, months);
	st->expense = ARENA_ARRAY(&g->arena, int64_t, months);
	st->vouchers = arena_printf(&g->arena, "%s/vouchers.csv", g->opts->dir);
	return gen_csv_open(g, "disclosures.csv", header, 7, &st->out, ei);
}

/* Month index in the span of a date "YYYY-MM-DD", -1 outside. */
static long month_of(const struct gen_ctx *g, const char *ymd)
{
	int y, m;
	if (sscanf(ymd, "%d-%d", &y, &m) != 2 || y < g->first_year || y > g->last_year || m < 1 ||
	    m > 12)
		return -1;
	return (long)(y - g->first_year) * 12 + m - 1;
}

static int64_t fen_of(const char *s)
{
	int64_t fen = 0;
	struct errinfo ei = {0};
	return *s && money_parse(s, &fen, &ei) == E_OK ? fen : 0;
}

/* Add one voucher's income and expense to its month, unless it carries forward. */
static void book_voucher(const struct gen_ctx *g, struct dstate *st, const char *date, int64_t inc,
			 int64_t exp, bool carry)
{
	long k = month_of(g, date);
	if (carry || k < 0)
		return;
	st->income[k] += inc;
	st->expense[k] += exp;
}

/* The village's income and expense by month from the vouchers books_gen wrote
 * for it since the last call (the rows after st->read_at).  Leaves st->books
 * false when there is no vouchers.csv. */
static enum err books_read(struct gen_ctx *g, struct dstate *st, const struct gen_village *v,
			   struct errinfo *ei)
{
	size_t months = (size_t)(g->last_year - g->first_year + 1) * 12;
	memset(st->income, 0, months * sizeof(*st->income));
	memset(st->expense, 0, months * sizeof(*st->expense));
	fflush(NULL); /* the books generator's rows of this village reach the file */
	FILE *fp = fopen(st->vouchers, "rb");
	st->books = fp != NULL;
	if (!fp)
		return E_OK;
	struct buf data = BUF_INIT;
	char chunk[65536];
	size_t got;
	if (fseek(fp, st->read_at, SEEK_SET) == 0)
		while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&data, chunk, got);
	fclose(fp);
	st->read_at += (long)data.len;
	struct arena a = ARENA_INIT;
	struct table t;
	enum err e = csvio_parse(&a, "vouchers.csv", data.ptr, data.len, &t, ei);
	buf_release(&data);
	const char *no = NULL, *date = NULL;
	int64_t inc = 0, exp = 0;
	bool carry = false;
	for (size_t i = 0; e == E_OK && i < t.nrows; i++) {
		char **c = t.rows[i].cells;
		if (t.rows[i].ncells < 8 || strcmp(c[0], v->code) != 0)
			continue;
		if (!no || strcmp(no, c[1]) != 0) {
			if (no)
				book_voucher(g, st, date, inc, exp, carry);
			no = c[1];
			date = c[3];
			inc = exp = 0;
			carry = false;
		}
		const char *acct = c[5];
		int64_t dr = fen_of(c[6]), cr = fen_of(c[7]);
		if (acct[0] == '5' && acct[1] == '0')
			inc += cr - dr;
		else if (acct[0] == '5' && (acct[1] == '1' || acct[1] == '2'))
			exp += dr - cr;
		carry |= strncmp(acct, "321", 3) == 0;
	}
	if (e == E_OK && no)
		book_voucher(g, st, date, inc, exp, carry);
	arena_release(&a);
	return e;
}

static int32_t days_of(const char *ymd)
{
	int y, m, d;
	if (sscanf(ymd, "%d-%d-%d", &y, &m, &d) != 3)
		return GEN_NODATE;
	return gen_date(y, m, d);
}

/* "2025年3月" / "2025年第1季度" / "2025年度" for a title. */
static void period_words(const char *p, char *out, size_t len)
{
	if (strlen(p) == 4)
		snprintf(out, len, "%s年度", p);
	else if (p[5] == 'Q')
		snprintf(out, len, "%.4s年第%c季度", p, p[6]);
	else
		snprintf(out, len, "%.4s年%d月", p, (p[5] - '0') * 10 + (p[6] - '0'));
}

static enum err village(struct gen_ctx *g, void *state, struct gen_village *v, struct errinfo *ei)
{
	struct dstate *st = state;
	struct gen_rng r, d02;
	gen_rng_stream(g, "disclose", v->index, &r);
	gen_rng_stream(g, "disclose-d02", v->index, &d02);
	enum err be = books_read(g, st, v, ei);
	if (be != E_OK)
		return be;
	for (size_t i = 0; i < st->n; i++) {
		const struct disclose_item *it = &st->items[i];
		if (strcmp(it->frequency, "event") == 0)
			continue;
		for (int y = g->first_year; y <= g->last_year; y++) {
			int np = strcmp(it->frequency, "monthly") == 0	   ? 12
				 : strcmp(it->frequency, "quarterly") == 0 ? 4
									   : 1;
			for (int k = 1; k <= np; k++) {
				char period[16], norm[8], pf[11], pl[11], dl[11];
				if (np == 12)
					snprintf(period, sizeof(period), "%04d-%02d", y, k);
				else if (np == 4)
					snprintf(period, sizeof(period), "%04d-Q%d", y, k);
				else
					snprintf(period, sizeof(period), "%04d", y);
				if (!disclose_period_check(it->frequency, period, norm, pf, pl))
					continue;
				disclose_deadline(pl, it->deadline_days, dl);
				int32_t end = days_of(pl), deadline = days_of(dl);
				if (deadline > g->span_end)
					continue; /* not yet due at the span's end */
				bool first =
				    y == g->first_year && k == 1 && strcmp(it->code, "CZ-01") == 0;
				bool planted = !first && deadline < g->span_end;
				int32_t pub;
				if (planted && gen_plant(g, &r, "D01", MISSING_PERMILLE)) {
					pub = GEN_NODATE;
				} else if (planted && gen_plant(g, &r, "D01", LATE_PERMILLE)) {
					pub = deadline + (int32_t)gen_rng_range(&r, 1, 45);
					if (pub > g->span_end)
						pub = GEN_NODATE;
				} else {
					pub =
					    end + (int32_t)gen_rng_range(&r, 1, it->deadline_days);
				}
				if (pub != GEN_NODATE) {
					char date[11], title[160], words[40];
					char inc[MONEY_BUF] = "", exp[MONEY_BUF] = "";
					gen_date_fmt(pub, date);
					period_words(norm, words, sizeof(words));
					snprintf(title, sizeof(title), "%s%s%s", v->name, words,
						 it->name);
					bool d02_bad = false;
					if (st->books && strcmp(it->code, "CZ-01") == 0) {
						long mi = (long)(y - g->first_year) * 12 + k - 1;
						int64_t in = st->income[mi], ex = st->expense[mi];
						if (gen_plant(g, &d02, "D02", D02_PERMILLE)) {
							/* understated spending or padded income */
							int64_t delta =
							    100 * gen_rng_range(&d02, 50, 2000);
							if (gen_rng_permille(&d02, 500))
								ex -= delta;
							else
								in += delta;
							d02_bad = true;
						}
						money_format(in, inc);
						money_format(ex, exp);
					}
					const char *row[7] = {v->code, it->code, norm, date,
							      title,   inc,	 exp};
					enum err e = gen_csv_row(st->out, row, ei);
					if (e == E_OK && d02_bad) {
						char keys[32];
						snprintf(keys, sizeof(keys), "%s,%s", it->code,
							 norm);
						e = gen_truth_add(g, "D02", v, keys,
								  "公开收支与账面不符", ei);
					}
					if (e != E_OK)
						return e;
				}
				if (pub == GEN_NODATE || pub > deadline) {
					char keys[32];
					snprintf(keys, sizeof(keys), "%s,%s", it->code, norm);
					enum err e = gen_truth_add(
					    g, "D01", v, keys,
					    pub == GEN_NODATE ? "未公开" : "逾期公开", ei);
					if (e != E_OK)
						return e;
				}
			}
		}
	}
	return E_OK;
}

static enum err close_(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct dstate *st = state;
	return st ? gen_csv_close(st->out, ei) : E_OK;
}

const struct gen_module disclose_gen_module = {"disclose", open_, village, close_};
