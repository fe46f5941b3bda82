/*
 * Rule family D (三务公开) of domain/rules.md: D01 逾期未公开, D02 公开数据与账面
 * 不符.  Reads the township's effective catalogue (disclose.h: the embedded
 * domain/disclosure_catalogue.csv with the township's adjustments), the
 * village's published disclosures and its books (income and expense through
 * the engine); raises findings through the engine.  It must not write.
 */
#include <stdio.h>
#include <string.h>

#include "core/datefmt.h"
#include "disclose.h"
#include "rules.h"

static const struct rules_def d_rules[] = {
    {"D01", "逾期未公开", "medium", "item_code, period",
     "《中华人民共和国村民委员会组织法》第三十条；《农村集体经济组织财务公开规定》：按目录、按期限"
     "公开",
     NULL, 0},
    {"D02", "公开数据与账面不符", "high", "item_code, period",
     "《农村集体经济组织财务公开规定》：公开内容真实、准确，与账面一致", NULL, 0},
};

static const char *const d_entities[] = {"disclosures", "disclosure_catalogue", "book_vouchers",
					 "archive_events", NULL};

struct pub {
	int64_t id;	       /* disclosures.id */
	const char *item;      /* item_code */
	const char *period;    /* as stored (canonical) */
	const char *published; /* published_date, on or before as_of */
	const char *start;     /* period_start */
	const char *end;       /* period_end */
	int64_t income;	       /* total_income_fen, -1 when blank */
	int64_t expense;       /* total_expense_fen, -1 when blank */
};

static enum err load(struct rules_ctx *cx, struct pub **out, size_t *n, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_D_DISCLOSURES, true, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 64;
	*out = ARENA_ARRAY(cx->a, struct pub, cap);
	*n = 0;
	while ((res = rules_next(cx, rr))) {
		if (*n == cap) {
			struct pub *m = ARENA_ARRAY(cx->a, struct pub, cap * 2);
			memcpy(m, *out, cap * sizeof(*m));
			*out = m;
			cap *= 2;
		}
		struct pub *p = &(*out)[(*n)++];
		p->id = db_int(res, 0);
		p->item = db_text_dup(cx->a, res, 1);
		p->period = db_text_dup(cx->a, res, 2);
		p->published = db_text_dup(cx->a, res, 3);
		p->start = db_text_dup(cx->a, res, 4);
		p->end = db_text_dup(cx->a, res, 5);
		p->income = db_isnull(res, 6) ? -1 : db_int(res, 6);
		p->expense = db_isnull(res, 7) ? -1 : db_int(res, 7);
	}
	return E_OK;
}

/* The period of that frequency containing day, into norm/first/last. */
static void period_of(const char *frequency, const char *day, char norm[8], char first[11],
		      char last[11])
{
	int y, m, d;
	datefmt_ymd_from_days(datefmt_days(day), &y, &m, &d);
	char p[16];
	if (strcmp(frequency, "monthly") == 0)
		snprintf(p, sizeof(p), "%04d-%02d", y, m);
	else if (strcmp(frequency, "quarterly") == 0)
		snprintf(p, sizeof(p), "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(p, sizeof(p), "%04d", y);
	disclose_period_check(frequency, p, norm, first, last);
}

static void d01(struct rules_ctx *cx, const struct disclose_item *it, const struct pub *pv,
		size_t np)
{
	char norm[8], first[11], last[11], deadline[11];
	/* the item's publications: a run of pv (ordered by item, period) in which
	 * periods of one frequency sort as they follow each other */
	size_t lo = 0, hi;
	while (lo < np && strcmp(pv[lo].item, it->code) != 0)
		lo++;
	for (hi = lo; hi < np && strcmp(pv[hi].item, it->code) == 0; hi++)
		;
	size_t k = lo;
	period_of(it->frequency, cx->v->first_day, norm, first, last);
	for (;;) {
		disclose_deadline(last, it->deadline_days, deadline);
		if (strcmp(deadline, cx->as_of) >= 0)
			break;
		const struct pub *on_time = NULL, *late = NULL;
		while (k < hi && strcmp(pv[k].period, norm) < 0)
			k++;
		for (size_t i = k; i < hi && strcmp(pv[i].period, norm) == 0; i++) {
			if (strcmp(pv[i].published, deadline) <= 0)
				on_time = &pv[i];
			else if (!late)
				late = &pv[i];
		}
		if (!on_time) {
			const char *keys[2] = {it->code, norm};
			struct rules_cite cites[2] = {{"villages", cx->v->id}};
			size_t nc = 1;
			if (late)
				cites[nc++] = (struct rules_cite){"disclosures", late->id};
			if (late)
				rules_emit(cx, "D01", keys, 2, cites, nc,
					   "%s（%s）%s期应于 %s 前公开，%s 才公开", it->name,
					   it->code, norm, deadline, late->published);
			else
				rules_emit(cx, "D01", keys, 2, cites, nc,
					   "%s（%s）%s期应于 %s 前公开，至 %s 仍未公开", it->name,
					   it->code, norm, deadline, cx->as_of);
		}
		/* the next period starts the day after this one ends */
		char next[11];
		if (!datefmt_add_days(last, 1, next))
			break;
		period_of(it->frequency, next, norm, first, last);
	}
}

static void d02(struct rules_ctx *cx, const struct pub *pv, size_t np,
		const struct rules_voucher *vv, size_t nv)
{
	for (size_t i = 0; i < np; i++) {
		const struct pub *p = &pv[i];
		/* the latest publication of an item and period speaks for it */
		if (i + 1 < np && strcmp(pv[i + 1].item, p->item) == 0 &&
		    strcmp(pv[i + 1].period, p->period) == 0)
			continue;
		if (p->income < 0 && p->expense < 0)
			continue;
		int64_t income = 0, expense = 0;
		for (size_t k = 0; k < nv; k++)
			if (!vv[k].carry && strcmp(vv[k].date, p->start) >= 0 &&
			    strcmp(vv[k].date, p->end) <= 0) {
				income += vv[k].income;
				expense += vv[k].expense;
			}
		bool bad_in = p->income >= 0 && p->income != income;
		bool bad_ex = p->expense >= 0 && p->expense != expense;
		if (!bad_in && !bad_ex)
			continue;
		struct buf why = BUF_INIT;
		if (bad_in)
			buf_addf(&why, "公开收入 %s 元，账面收入 %s 元", rules_money(cx, p->income),
				 rules_money(cx, income));
		if (bad_ex)
			buf_addf(&why, "%s公开支出 %s 元，账面支出 %s 元", bad_in ? "；" : "",
				 rules_money(cx, p->expense), rules_money(cx, expense));
		const char *keys[2] = {p->item, p->period};
		struct rules_cite cite = {"disclosures", p->id};
		rules_emit(cx, "D02", keys, 2, &cite, 1,
			   "%s %s期公开（%s，%s 至 %s）与账面不符：%s", p->item, p->period,
			   p->published, p->start, p->end, why.ptr);
		buf_release(&why);
	}
}

/* The catalogue of the township being scanned: villages come in id order, a
 * township's together, so it is read once a township rather than once a village. */
struct dstate {
	const char *township;	     /* whose catalogue items holds, NULL none yet */
	struct disclose_item *items; /* that catalogue (the scan's arena) */
	size_t n;		     /* entries in items */
};

static enum err d_prepare(struct rules_ctx *cx, struct errinfo *ei)
{
	(void)ei;
	cx->fam_state = ARENA_NEW(cx->a, struct dstate);
	return E_OK;
}

static enum err d_village(struct rules_ctx *cx, struct errinfo *ei)
{
	struct pub *pv;
	size_t np, nv;
	struct dstate *st = cx->fam_state;
	const struct rules_voucher *vv;
	enum err e;
	if ((e = load(cx, &pv, &np, ei)) != E_OK || (e = rules_vouchers(cx, &vv, &nv, ei)) != E_OK)
		return e;
	if (cx->v->first_day) {
		if (!st->township || strcmp(st->township, cx->v->township) != 0) {
			if ((e = disclose_catalogue_load(cx->c, cx->keep, cx->v->township,
							 &st->items, &st->n, ei)) != E_OK)
				return e;
			st->township = cx->v->township;
		}
		for (size_t i = 0; i < st->n; i++)
			if (st->items[i].active && strcmp(st->items[i].frequency, "event") != 0)
				d01(cx, &st->items[i], pv, np);
	}
	d02(cx, pv, np, vv, nv);
	return E_OK;
}

const struct rules_family rules_family_d = {
    .bit = RULES_FAM_D,
    .letter = "D",
    .title = "三务公开",
    .rules = d_rules,
    .nrules = sizeof(d_rules) / sizeof(d_rules[0]),
    .entities = d_entities,
    .prepare = d_prepare,
    .village = d_village,
};
