/*
 * The disclose module's generator: disclosures.csv of domain/formats.md for
 * each village — every periodic item of the embedded catalogue (monthly,
 * quarterly, annual) for every period of the span whose deadline falls inside
 * it, mostly published on time, some late, some never — and the ground truth of
 * rule D01 of domain/rules.md as a scan with as_of = the span's last day sees
 * it (a late or missing publication whose deadline is before as_of).  Totals
 * are left blank: the books generator owns the figures, and D02 compares given
 * totals only.  The first month's CZ-01 is always published, so the village's
 * first day is the span's first day.  Randomness only from its own streams.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "disclose.h"
#include "mod/gen.h"

#define LATE_PERMILLE	 60 /* published after the deadline */
#define MISSING_PERMILLE 50 /* never published */

struct dstate {
	struct gen_csv *out;	     /* disclosures.csv */
	struct disclose_item *items; /* the embedded catalogue */
	size_t n;		     /* entries */
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
	return gen_csv_open(g, "disclosures.csv", header, 7, &st->out, ei);
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
	struct gen_rng r;
	gen_rng_stream(g, "disclose", v->index, &r);
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
				if (planted && gen_rng_permille(&r, MISSING_PERMILLE)) {
					pub = GEN_NODATE;
				} else if (planted && gen_rng_permille(&r, LATE_PERMILLE)) {
					pub = deadline + (int32_t)gen_rng_range(&r, 1, 45);
					if (pub > g->span_end)
						pub = GEN_NODATE;
				} else {
					pub =
					    end + (int32_t)gen_rng_range(&r, 1, it->deadline_days);
				}
				if (pub != GEN_NODATE) {
					char date[11], title[160], words[40];
					gen_date_fmt(pub, date);
					period_words(norm, words, sizeof(words));
					snprintf(title, sizeof(title), "%s%s%s", v->name, words,
						 it->name);
					const char *row[7] = {v->code, it->code, norm, date,
							      title,   NULL,	 NULL};
					enum err e = gen_csv_row(st->out, row, ei);
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
