/*
 * The audit module's generator: audits.csv of domain/formats.md for each village
 * — the 一年一审 of each year but the last (the 书记 in office at the year's end
 * audited for the whole year, reported by the next June 30), a 离任 audit of
 * every 书记 and 主任 who left a post (at 换届 or mid-term; report within 90
 * days), and now and then a 专项 audit — and the ground truth of rules K03
 * 离任未审计 and K04 年度审计缺失 of domain/rules.md as a scan with as_of = the
 * span's last day sees them.  Planted: years without an annual audit, with one
 * reported in July or later, or covering part of the year; departed cadres never
 * audited, or audited without a report.  Near-misses: annual reports dated June
 * 30, departure reports on the 90th day.  The truth is computed on the records
 * written with the rules' own conditions.  No date lies after the span's end (a
 * report that would is left blank: the audit is under way).  It reads the
 * people and positions org_gen stored and draws randomness only from its own
 * streams.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/gen.h"

#define DEPARTURE_DAYS 90 /* K03 departure_audit_days */

#define ANNUAL_MISSING	 50  /* permille of years without an annual audit */
#define ANNUAL_LATE	 30  /* … reported after June 30 */
#define ANNUAL_PARTIAL	 30  /* … whose period misses part of the year */
#define ANNUAL_EDGE	 40  /* … reported on June 30 itself */
#define LEAVER_UNAUDITED 100 /* permille of departed cadres never audited */
#define LEAVER_PENDING	 50  /* … audited without a report yet */
#define LEAVER_EDGE	 40  /* permille of departures reported on day 90 */
#define SPECIAL_PERMILLE 100 /* a 专项 audit in a year */

enum kind { K_ANNUAL, K_LEAVE, K_SPECIAL };
static const char *const kind_names[] = {"年度", "离任", "专项"};

struct au {
	uint8_t kind;	 /* enum kind */
	int32_t subject; /* index into the village's people, -1 for none */
	int32_t from;	 /* period_from, days */
	int32_t to;	 /* period_to, days */
	int32_t report;	 /* report_date, days or GEN_NODATE */
	int32_t when;	 /* orders and numbers the audits */
	int findings;	 /* 问题数 */
	uint32_t seq;	 /* order of drawing, breaks ties */
	char ref[16];	 /* 编号 SJ2025-002 */
};

/* A 书记 or 主任 post left: one (person, end_date) each. */
struct leave {
	int32_t person; /* index into people */
	int32_t start;	/* the post's start_date */
	int32_t end;	/* its end_date */
};

struct astate {
	struct gen_csv *out; /* audits.csv */
	struct au *av;	     /* the village's audits, reused */
	size_t cap;	     /* entries allocated */
};

static enum err open_(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const header[] = {"village_code",  "ref",	     "kind",
					     "subject_id_no", "period_from", "period_to",
					     "report_date",   "findings"};
	struct astate *st = ARENA_NEW(&g->arena, struct astate);
	*state = st;
	return gen_csv_open(g, "audits.csv", header, 8, &st->out, ei);
}

static struct au *push(struct astate *st, size_t *n)
{
	if (*n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 32;
		st->av = realloc(st->av, st->cap * sizeof(*st->av));
		if (!st->av)
			abort();
	}
	struct au *a = &st->av[(*n)++];
	memset(a, 0, sizeof(*a));
	a->seq = (uint32_t)*n;
	a->report = GEN_NODATE;
	a->subject = -1;
	return a;
}

static int by_when(const void *a, const void *b)
{
	const struct au *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The annual audit of year y, planted or not; true if K04 holds for y. */
static bool annual(struct gen_ctx *g, struct astate *st, struct gen_rng *r,
		   const struct gen_village *v, int y, size_t *n)
{
	int32_t jan1 = gen_date(y, 1, 1), dec31 = gen_date(y, 12, 31);
	int32_t due = gen_date(y + 1, 6, 30);
	int x = (int)gen_rng_below(r, 1000);
	/* the planted shapes of K04 at rates scaled by --rate */
	int missing = gen_rate(g, "K04", ANNUAL_MISSING), late = gen_rate(g, "K04", ANNUAL_LATE);
	int partial = gen_rate(g, "K04", ANNUAL_PARTIAL);
	if (x < missing)
		return true;
	int32_t who = gen_post_holder(v, GEN_POST_SHUJI, dec31);
	if (who < 0)
		who = gen_post_holder(v, GEN_POST_ZHUREN, dec31);
	if (who < 0)
		return true; /* nobody to audit: the year goes unaudited */
	struct au *a = push(st, n);
	a->kind = K_ANNUAL;
	a->subject = who;
	a->from = jan1;
	a->to = dec31;
	a->findings = (int)gen_rng_range(r, 0, 4);
	x -= missing;
	if (x < late)
		a->report = due + (int32_t)gen_rng_range(r, 1, 90);
	else if (x < late + partial) {
		a->report = gen_date(y + 1, 3, 1) + (int32_t)gen_rng_range(r, 0, 100);
		if (gen_rng_permille(r, 500))
			a->from = gen_date(y, 4, 1); /* audited from the new secretary's start */
		else
			a->to = gen_date(y, 9, 30);
	} else if (x < late + partial + ANNUAL_EDGE)
		a->report = due;
	else
		a->report = gen_date(y + 1, 3, 1) + (int32_t)gen_rng_range(r, 0, 110);
	if (a->report > g->span_end)
		a->report = GEN_NODATE;
	a->when = a->report != GEN_NODATE ? a->report : gen_date(y + 1, 3, 1);
	return !(a->report != GEN_NODATE && a->from <= jan1 && a->to >= dec31 && a->report <= due);
}

static enum err village(struct gen_ctx *g, void *state, struct gen_village *v, struct errinfo *ei)
{
	struct astate *st = state;
	struct gen_rng r;
	gen_rng_stream(g, "audit", v->index, &r);
	if (!v->n_people)
		return E_OK;
	size_t n = 0;
	enum err e = E_OK;

	/* K04: years from the first whose report is due by the span's end */
	bool *unaudited = calloc((size_t)(g->last_year - g->first_year + 1), sizeof(bool));
	if (!unaudited)
		abort();
	for (int y = g->first_year; gen_date(y + 1, 6, 30) <= g->span_end; y++)
		unaudited[y - g->first_year] = annual(g, st, &r, v, y, &n);

	/* K03: every (person, end_date) of a 书记 or 主任 post left */
	struct leave *lv = calloc(v->n_positions + 1, sizeof(*lv));
	size_t nl = 0;
	if (!lv)
		abort();
	for (size_t i = 0; i < v->n_positions; i++) {
		const struct gen_position *p = &v->positions[i];
		if ((p->post != GEN_POST_SHUJI && p->post != GEN_POST_ZHUREN) ||
		    p->end == GEN_NODATE)
			continue;
		bool dup = false;
		for (size_t k = 0; k < nl && !dup; k++)
			dup = lv[k].person == p->person && lv[k].end == p->end;
		if (!dup)
			lv[nl++] = (struct leave){p->person, p->start, p->end};
	}
	/* the plant is per person: one reported 离任 audit clears all their departures */
	bool *reported = calloc(v->n_people + 1, sizeof(bool));
	uint8_t *plan = calloc(v->n_people + 1, 1); /* 0 unknown, 1 audited, 2 never, 3 pending */
	if (!reported || !plan)
		abort();
	int never = gen_rate(g, "K03", LEAVER_UNAUDITED),
	    pending = gen_rate(g, "K03", LEAVER_PENDING);
	for (size_t k = 0; k < nl; k++) {
		int32_t who = lv[k].person;
		if (!plan[who]) {
			int x = (int)gen_rng_below(&r, 1000);
			plan[who] = x < never ? 2 : x < never + pending ? 3 : 1;
		}
		if (plan[who] == 2)
			continue;
		struct au *a = push(st, &n);
		a->kind = K_LEAVE;
		a->subject = who;
		a->from = lv[k].start;
		a->to = lv[k].end;
		a->findings = (int)gen_rng_range(&r, 0, 3);
		a->when = lv[k].end + 1;
		if (plan[who] == 1) {
			a->report =
			    gen_rng_permille(&r, LEAVER_EDGE)
				? lv[k].end + DEPARTURE_DAYS
				: lv[k].end + (int32_t)gen_rng_range(&r, 20, DEPARTURE_DAYS - 1);
			if (a->report > g->span_end)
				a->report = GEN_NODATE;
			else
				reported[who] = true;
		}
	}

	/* 专项: a project or a fund looked into, no person named */
	for (int y = g->first_year; y <= g->last_year; y++) {
		if (!gen_rng_permille(&r, SPECIAL_PERMILLE))
			continue;
		struct au *a = push(st, &n);
		a->kind = K_SPECIAL;
		a->from = gen_date(y, 1, 1);
		a->to = gen_date(y, 6, 30);
		a->report = gen_date(y, 8, 1) + (int32_t)gen_rng_range(&r, 0, 120);
		if (a->report > g->span_end)
			a->report = GEN_NODATE;
		a->findings = (int)gen_rng_range(&r, 1, 5);
		a->when = gen_date(y, 8, 1);
	}

	qsort(st->av, n, sizeof(*st->av), by_when);
	int ny = 0, seq = 0;
	for (size_t i = 0; i < n; i++) {
		int y = gen_date_year(st->av[i].when);
		seq = y == ny ? seq + 1 : 1;
		ny = y;
		snprintf(st->av[i].ref, sizeof(st->av[i].ref), "SJ%04d-%03d", y, seq);
	}
	for (size_t i = 0; e == E_OK && i < n; i++) {
		const struct au *a = &st->av[i];
		char from[11], to[11], rep[11], nf[12];
		gen_date_fmt(a->from, from);
		gen_date_fmt(a->to, to);
		gen_date_fmt(a->report, rep);
		snprintf(nf, sizeof(nf), "%d", a->findings);
		const char *row[8] = {v->code,
				      a->ref,
				      kind_names[a->kind],
				      a->subject >= 0 ? v->people[a->subject].id_no : NULL,
				      from,
				      to,
				      rep,
				      a->report != GEN_NODATE ? nf : NULL};
		e = gen_csv_row(st->out, row, ei);
	}

	for (int y = g->first_year; e == E_OK && gen_date(y + 1, 6, 30) <= g->span_end; y++) {
		if (!unaudited[y - g->first_year])
			continue;
		char year[8];
		snprintf(year, sizeof(year), "%d", y);
		e = gen_truth_add(g, "K04", v, year, "年度审计缺失", ei);
	}
	for (size_t k = 0; e == E_OK && k < nl; k++) {
		if (reported[lv[k].person] || lv[k].end + DEPARTURE_DAYS >= g->span_end)
			continue;
		char keys[40], end[11];
		gen_date_fmt(lv[k].end, end);
		snprintf(keys, sizeof(keys), "%s,%s", v->people[lv[k].person].id_no, end);
		e = gen_truth_add(g, "K03", v, keys,
				  plan[lv[k].person] == 3 ? "离任审计未出报告" : "离任未审计", ei);
	}
	free(unaudited);
	free(lv);
	free(reported);
	free(plan);
	return e;
}

static enum err close_(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct astate *st = state;
	if (!st)
		return E_OK;
	free(st->av);
	st->av = NULL;
	return gen_csv_close(st->out, ei);
}

const struct gen_module audit_gen_module = {"audit", open_, village, close_};
