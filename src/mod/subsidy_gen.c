/*
 * The subsidy module's generator: subsidy_standards.csv (four programmes, a
 * standard a year, rising) and subsidies.csv for each village — a few
 * villagers on 低保, 特困供养 and 高龄津贴 month by month, a few others on
 * the yearly 耕地地力保护补贴 — with the ground truth of the subsidy rules of
 * domain/rules.md that it plants: S01 (a payment for a period after the
 * recipient's death) and S03 (an amount above the year's standard), one rule
 * each, each raising only its own.  Ordinary recipients are never cadres or
 * their declared relatives (S04), are paid only while alive and not moved out
 * (S01, S06), once per programme and period (S02), each into an account of
 * their own (S05).  Randomness only from its own streams.
 */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "mod/gen.h"
#include "subsidy.h"

struct prog {
	const char *name; /* programme */
	bool monthly;	  /* period YYYY-MM, else YYYY */
	int64_t base_fen; /* standard in the first year */
	int64_t step_fen; /* added each year */
	int seats;	  /* recipients per village */
};

static const struct prog progs[] = {
    {"最低生活保障金", true, 60000, 3000, 5},
    {"特困人员供养金", true, 90000, 4000, 2},
    {"高龄津贴", true, 10000, 0, 4},
    {"耕地地力保护补贴", false, 150000, 5000, 8},
};
#define NPROGS (sizeof(progs) / sizeof(progs[0]))

struct sstate {
	struct gen_csv *std; /* subsidy_standards.csv */
	struct gen_csv *pay; /* subsidies.csv */
};

static int64_t standard(const struct gen_ctx *g, const struct prog *p, int year)
{
	return p->base_fen + p->step_fen * (year - g->first_year);
}

static enum err open_(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const h_std[] = {"programme", "year", "max_amount"};
	static const char *const h_pay[] = {"village_code", "programme",   "id_no",
					    "name",	    "period",	   "amount",
					    "paid_date",    "bank_account"};
	struct sstate *st = ARENA_NEW(&g->arena, struct sstate);
	*state = st;
	enum err e;
	if ((e = gen_csv_open(g, "subsidy_standards.csv", h_std, 3, &st->std, ei)) != E_OK ||
	    (e = gen_csv_open(g, "subsidies.csv", h_pay, 8, &st->pay, ei)) != E_OK)
		return e;
	for (size_t i = 0; i < NPROGS; i++)
		for (int y = g->first_year; y <= g->last_year; y++) {
			char year[8], m[MONEY_BUF];
			snprintf(year, sizeof(year), "%d", y);
			money_format(standard(g, &progs[i], y), m);
			const char *row[3] = {progs[i].name, year, m};
			if ((e = gen_csv_row(st->std, row, ei)) != E_OK)
				return e;
		}
	return E_OK;
}

/* A bank account of the person's own: 19 digits from village and person. */
static void account_of(const struct gen_village *v, size_t person, char out[24])
{
	snprintf(out, 24, "6228%07d%08zu", v->index, person);
}

static enum err pay(struct sstate *st, const struct gen_village *v, const struct gen_person *p,
		    const char *prog, const char *period, int64_t amount, int32_t paid,
		    const char *account, struct errinfo *ei)
{
	char m[MONEY_BUF], date[11];
	money_format(amount, m);
	gen_date_fmt(paid, date);
	const char *row[8] = {v->code, prog, p->id_no, p->name, period, m, date, account};
	return gen_csv_row(st->pay, row, ei);
}

/* An ordinary recipient: not a cadre nor a declared relative, not used yet. */
static bool eligible(const struct gen_person *p, const bool *used, size_t i)
{
	return !p->cadre && !p->relative && !used[i];
}

static enum err village(struct gen_ctx *g, void *state, struct gen_village *v, struct errinfo *ei)
{
	struct sstate *st = state;
	struct gen_rng r;
	gen_rng_stream(g, "subsidy", v->index, &r);
	if (!v->n_people)
		return E_OK;
	bool *used = ARENA_ARRAY(&g->arena, bool, v->n_people);
	enum err e;
	for (size_t k = 0; k < NPROGS; k++) {
		const struct prog *pg = &progs[k];
		for (int seat = 0; seat < pg->seats; seat++) {
			size_t i = gen_rng_below(&r, v->n_people), tries = 0;
			while (tries++ < v->n_people && !eligible(&v->people[i], used, i))
				i = (i + 1) % v->n_people;
			if (!eligible(&v->people[i], used, i))
				break;
			used[i] = true;
			const struct gen_person *p = &v->people[i];
			char acct[24];
			account_of(v, i, acct);
			/* paid from a start month until death, moving out or the span's end */
			int32_t from = g->span_start + (int32_t)gen_rng_below(&r, 365 * 2);
			int32_t stop = g->span_end;
			if (p->death != GEN_NODATE && p->death < stop)
				stop = p->death;
			if (p->moved_out != GEN_NODATE && p->moved_out < stop)
				stop = p->moved_out;
			int fy, fm, fd;
			gen_date_split(from, &fy, &fm, &fd);
			bool planted_s03 = gen_rng_permille(&r, 120);
			for (int y = fy; y <= g->last_year; y++) {
				for (int m = pg->monthly ? (y == fy ? fm : 1) : 0;
				     m <= (pg->monthly ? 12 : 0); m++) {
					int32_t pstart = gen_date(y, pg->monthly ? m : 1, 1);
					if (pstart > stop || (!pg->monthly && y == fy && fm > 1))
						continue;
					int32_t paid =
					    pg->monthly ? gen_date(y, m, 15) : gen_date(y, 6, 20);
					if (paid > g->span_end)
						continue;
					char period[8];
					if (pg->monthly)
						snprintf(period, sizeof(period), "%04d-%02d", y, m);
					else
						snprintf(period, sizeof(period), "%04d", y);
					int64_t max = standard(g, pg, y);
					int64_t amount =
					    max - 100 * gen_rng_range(&r, 0, max / 400);
					if (planted_s03 && y == g->last_year - 1 &&
					    (!pg->monthly || m == 3)) {
						amount = max + 100 * gen_rng_range(&r, 1, 500);
						planted_s03 = false;
						char keys[96];
						snprintf(keys, sizeof(keys), "%s,%s,%s", pg->name,
							 p->id_no, period);
						if ((e = gen_truth_add(g, "S03", v, keys,
								       "超标准发放", ei)) != E_OK)
							return e;
					}
					if ((e = pay(st, v, p, pg->name, period, amount, paid, acct,
						     ei)) != E_OK)
						return e;
				}
			}
		}
	}
	/* S01: one payment to someone who died, for a month after the death. */
	if (gen_rng_permille(&r, 250)) {
		for (size_t i = 0; i < v->n_people; i++) {
			const struct gen_person *p = &v->people[i];
			if (!eligible(p, used, i) || p->death == GEN_NODATE ||
			    p->death > g->span_end - 120 || p->death < g->span_start ||
			    (p->moved_out != GEN_NODATE))
				continue;
			int y, m, d;
			gen_date_split(p->death, &y, &m, &d);
			if (++m > 12) {
				m = 1;
				y++;
			}
			char period[8], acct[24];
			snprintf(period, sizeof(period), "%04d-%02d", y, m);
			account_of(v, i, acct);
			int64_t max = standard(g, &progs[2], y);
			if ((e = pay(st, v, p, progs[2].name, period, max, gen_date(y, m, 15), acct,
				     ei)) != E_OK)
				return e;
			char keys[96];
			snprintf(keys, sizeof(keys), "%s,%s,%s", progs[2].name, p->id_no, period);
			return gen_truth_add(g, "S01", v, keys, "已故人员领取", ei);
		}
	}
	return E_OK;
}

static enum err close_(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct sstate *st = state;
	if (!st)
		return E_OK;
	enum err a = gen_csv_close(st->std, ei), b = gen_csv_close(st->pay, ei);
	return a != E_OK ? a : b;
}

const struct gen_module subsidy_gen_module = {"subsidy", open_, village, close_};
