/*
 * The subsidy module's generator: subsidy_standards.csv (four programmes, a
 * standard a year, rising) and subsidies.csv for each village — a few
 * villagers on 低保, 特困供养 and 高龄津贴 month by month, a few others on
 * the yearly 耕地地力保护补贴 — with the ground truth of every subsidy rule of
 * domain/rules.md (S01–S06) as a scan with as_of = the span's last day sees it.
 * Ordinary recipients are never cadres or their declared relatives, are paid
 * only while alive and not moved out, once per programme and period, each into
 * an account of their own.  Planted: a payment for a period after the
 * recipient's death (S01); a payment for a period the previous village already
 * paid the same person (S02, and S06: the person is not this village's); an
 * amount above the year's standard (S03); a cadre's relative on the yearly
 * subsidy (S04, for the payments made while related); three 高龄津贴 recipients
 * paid into one agent's account for a few months (S05; two into one account is
 * the near-miss); payments for months after moving out (S06; the month of the
 * move is the near-miss) and to a villager of the previous village (S06).  The
 * truth of S01, S03, S04 and S06 is computed for every payment written, with
 * the rules' own conditions.  Randomness only from its own streams ("subsidy"
 * for the ordinary payments, "subsidy-plant" for the later plants).
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

/* A monthly recipient of a village, for the next village's S02 plant. */
struct seatrec {
	uint8_t prog;	/* index into progs */
	int32_t person; /* index into the village's people */
	int32_t first;	/* first day of the first period paid */
	int32_t stop;	/* no period starting after it is paid */
};

struct sstate {
	struct gen_csv *std;		/* subsidy_standards.csv */
	struct gen_csv *pay;		/* subsidies.csv */
	const struct gen_village *prev; /* the village generated before, or NULL */
	struct seatrec *prev_seats;	/* its monthly recipients (run arena) */
	size_t prev_n;			/* entries */
	const bool *prev_used;		/* its recipients, by person (run arena) */
};

#define S02_PERMILLE	  250 /* a period the previous village paid, paid again */
#define S04_PERMILLE	  400 /* a cadre's relative on the yearly subsidy */
#define S05_PERMILLE	  250 /* three recipients into one agent's account */
#define S05_NEAR_PERMILLE 200 /* two recipients into one account */
#define S06_MOVED	  200 /* paid on after moving out */
#define S06_FOREIGN	  200 /* a villager of the previous village paid here */
#define SHARED_MIN	  3   /* S05 shared_account_min */

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

/* The first day of a period "YYYY-MM" or "YYYY". */
static int32_t period_start(const char *period)
{
	int y = 0, m = 1;
	if (sscanf(period, "%d-%d", &y, &m) < 1)
		return GEN_NODATE;
	return gen_date(y, m, 1);
}

/* One payment by village `v` to person `who` of village `home`, and the truth of
 * the per-payment rules S01, S03, S04 and S06 on it. */
static enum err pay(struct gen_ctx *g, struct sstate *st, const struct gen_village *v,
		    const struct gen_village *home, size_t who, size_t prog, const char *period,
		    int64_t amount, int32_t paid, const char *account, struct errinfo *ei)
{
	const struct gen_person *p = &home->people[who];
	const struct prog *pg = &progs[prog];
	char m[MONEY_BUF], date[11];
	money_format(amount, m);
	gen_date_fmt(paid, date);
	const char *row[8] = {v->code, pg->name, p->id_no, p->name, period, m, date, account};
	enum err e = gen_csv_row(st->pay, row, ei);
	int32_t start = period_start(period);
	char keys[96];
	snprintf(keys, sizeof(keys), "%s,%s,%s", pg->name, p->id_no, period);
	if (e == E_OK && p->death != GEN_NODATE && p->death <= g->span_end && start > p->death)
		e = gen_truth_add(g, "S01", v, keys, "已故人员领取", ei);
	if (e == E_OK && amount > standard(g, pg, gen_date_year(start)))
		e = gen_truth_add(g, "S03", v, keys, "超标准发放", ei);
	if (e == E_OK && home == v && gen_related_to_cadre(v, (int32_t)who, paid))
		e = gen_truth_add(g, "S04", v, keys, "干部及亲属领取", ei);
	if (e == E_OK && home != v)
		e = gen_truth_add(g, "S06", v, keys, "非本村人员领取", ei);
	else if (e == E_OK && p->moved_out != GEN_NODATE && p->moved_out <= g->span_end &&
		 start > p->moved_out)
		e = gen_truth_add(g, "S06", v, keys, "已迁出人员领取", ei);
	return e;
}

/* An ordinary recipient: not a cadre nor a declared relative, not used yet. */
static bool eligible(const struct gen_person *p, const bool *used, size_t i)
{
	return !p->cadre && !p->relative && !used[i];
}

/* An agent's account (代领), one per village, never a recipient's own. */
static void agent_account(const struct gen_village *v, char out[24])
{
	snprintf(out, 24, "6217%07d%08d", v->index, 0);
}

/* A period string of year y and month m (0 for a yearly period). */
static void period_fmt(int y, int m, char out[8])
{
	if (m)
		snprintf(out, 8, "%04d-%02d", y, m % 100);
	else
		snprintf(out, 8, "%04d", y);
}

/* S05 plan of a village: 高龄津贴 of the first `share` seats for months m0 … m1
 * of year `year` into the agent's account. */
struct shared_plan {
	int share;   /* seats sharing, 0 none */
	int year;    /* the year */
	int m0, m1;  /* months */
	int cnt[13]; /* recipients paid into it, by month */
};

/* The ordinary recipients of every programme (and the S01, S03, S05 plants
 * among them); their monthly seats are recorded in *seats. */
static enum err ordinary(struct gen_ctx *g, struct sstate *st, struct gen_village *v,
			 struct gen_rng *r, bool *used, struct shared_plan *sp,
			 struct seatrec *seats, size_t *nseats, struct errinfo *ei)
{
	enum err e;
	char agent[24];
	agent_account(v, agent);
	for (size_t k = 0; k < NPROGS; k++) {
		const struct prog *pg = &progs[k];
		for (int seat = 0; seat < pg->seats; seat++) {
			size_t i = gen_rng_below(r, v->n_people), tries = 0;
			while (tries++ < v->n_people && !eligible(&v->people[i], used, i))
				i = (i + 1) % v->n_people;
			if (!eligible(&v->people[i], used, i))
				break;
			used[i] = true;
			const struct gen_person *p = &v->people[i];
			char acct[24];
			account_of(v, i, acct);
			/* paid from a start month until death, moving out or the span's end */
			int32_t from = g->span_start + (int32_t)gen_rng_below(r, 365 * 2);
			int32_t stop = g->span_end;
			if (p->death != GEN_NODATE && p->death < stop)
				stop = p->death;
			if (p->moved_out != GEN_NODATE && p->moved_out < stop)
				stop = p->moved_out;
			int fy, fm, fd;
			gen_date_split(from, &fy, &fm, &fd);
			if (pg->monthly)
				seats[(*nseats)++] = (struct seatrec){(uint8_t)k, (int32_t)i,
								      gen_date(fy, fm, 1), stop};
			bool planted_s03 = gen_plant(g, r, "S03", 120);
			bool shares = k == 2 && seat < sp->share;
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
					period_fmt(y, pg->monthly ? m : 0, period);
					int64_t max = standard(g, pg, y);
					int64_t amount = max - 100 * gen_rng_range(r, 0, max / 400);
					if (planted_s03 && y == g->last_year - 1 &&
					    (!pg->monthly || m == 3)) {
						amount = max + 100 * gen_rng_range(r, 1, 500);
						planted_s03 = false;
					}
					bool agent_paid =
					    shares && y == sp->year && m >= sp->m0 && m <= sp->m1;
					if (agent_paid)
						sp->cnt[m]++;
					if ((e = pay(g, st, v, v, i, k, period, amount, paid,
						     agent_paid ? agent : acct, ei)) != E_OK)
						return e;
				}
			}
		}
	}
	/* S05: the months at least SHARED_MIN recipients were paid into the agent's */
	for (int m = sp->m0; sp->share && m <= sp->m1; m++) {
		if (sp->cnt[m] < SHARED_MIN)
			continue;
		char period[8], keys[96];
		period_fmt(sp->year, m, period);
		snprintf(keys, sizeof(keys), "%s,%s,%s", progs[2].name, agent, period);
		if ((e = gen_truth_add(g, "S05", v, keys, "多人补贴进同一账户", ei)) != E_OK)
			return e;
	}
	/* S01: one payment to someone who died, for a month after the death. */
	if (gen_plant(g, r, "S01", 250)) {
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
			period_fmt(y, m, period);
			account_of(v, i, acct);
			used[i] = true;
			return pay(g, st, v, v, i, 2, period, standard(g, &progs[2], y),
				   gen_date(y, m, 15), acct, ei);
		}
	}
	return E_OK;
}

/* S04: a cadre or a cadre's declared relative, alive and at home, on the
 * yearly subsidy for the last three years; S04 holds for the payments made
 * while related.  Mostly someone related at the last payment; sometimes
 * (the near-miss) a relative of a former cadre, related on none of them. */
static enum err plant_s04(struct gen_ctx *g, struct sstate *st, struct gen_village *v,
			  struct gen_rng *r, bool *used, struct errinfo *ei)
{
	bool want = gen_rng_permille(r, 800);
	int32_t last = gen_date(g->last_year, 6, 20);
	size_t i = gen_rng_below(r, v->n_people), tries = 0;
	for (; tries < v->n_people; tries++, i = (i + 1) % v->n_people) {
		const struct gen_person *p = &v->people[i];
		if ((p->cadre || p->relative) && !used[i] && p->death == GEN_NODATE &&
		    p->moved_out == GEN_NODATE && gen_related_to_cadre(v, (int32_t)i, last) == want)
			break;
	}
	if (tries == v->n_people)
		return E_OK;
	used[i] = true;
	char acct[24];
	account_of(v, i, acct);
	for (int y = g->last_year - 2; y <= g->last_year; y++) {
		if (y < g->first_year)
			continue;
		char period[8];
		period_fmt(y, 0, period);
		int64_t max = standard(g, &progs[3], y);
		enum err e = pay(g, st, v, v, i, 3, period, max - 100 * gen_rng_range(r, 0, 50),
				 gen_date(y, 6, 20), acct, ei);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* S06: an ordinary villager who moved out, on 低保 for the three months before
 * the move and the two after (the month of the move is still due). */
static enum err plant_s06_moved(struct gen_ctx *g, struct sstate *st, struct gen_village *v,
				struct gen_rng *r, bool *used, struct errinfo *ei)
{
	size_t i = gen_rng_below(r, v->n_people), tries = 0;
	for (; tries < v->n_people; tries++, i = (i + 1) % v->n_people) {
		const struct gen_person *p = &v->people[i];
		if (eligible(p, used, i) && p->moved_out != GEN_NODATE &&
		    p->moved_out >= g->span_start + 120 && p->moved_out <= g->span_end - 120 &&
		    (p->death == GEN_NODATE || p->death > p->moved_out + 120))
			break;
	}
	if (tries == v->n_people)
		return E_OK;
	used[i] = true;
	const struct gen_person *p = &v->people[i];
	char acct[24];
	account_of(v, i, acct);
	int y, m, d;
	gen_date_split(p->moved_out, &y, &m, &d);
	for (int k = -3; k <= 2; k++) {
		int yy = y, mm = m + k;
		if (mm < 1) {
			mm += 12;
			yy--;
		} else if (mm > 12) {
			mm -= 12;
			yy++;
		}
		if (gen_date(yy, mm, 1) < g->span_start)
			continue;
		char period[8];
		period_fmt(yy, mm, period);
		int64_t max = standard(g, &progs[0], yy);
		enum err e = pay(g, st, v, v, i, 0, period, max - 100 * gen_rng_range(r, 0, 60),
				 gen_date(yy, mm, 15), acct, ei);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* S02 (and S06): a month the previous village paid one of its recipients, paid
 * again here ten days later into the recipient's own account. */
static enum err plant_s02(struct gen_ctx *g, struct sstate *st, struct gen_village *v,
			  struct gen_rng *r, struct errinfo *ei)
{
	if (!st->prev || !st->prev_n)
		return E_OK;
	int y = g->last_year - (int)gen_rng_below(r, 2), m = (int)gen_rng_range(r, 1, 11);
	int32_t start = gen_date(y, m, 1);
	if (start < g->span_start)
		return E_OK;
	size_t k = gen_rng_below(r, st->prev_n);
	for (size_t tries = 0; tries < st->prev_n; tries++, k = (k + 1) % st->prev_n) {
		const struct seatrec *s = &st->prev_seats[k];
		if (s->first > start || s->stop < start)
			continue;
		char period[8], acct[24], keys[96];
		period_fmt(y, m, period);
		account_of(st->prev, (size_t)s->person, acct);
		int64_t max = standard(g, &progs[s->prog], y);
		enum err e = pay(g, st, v, st->prev, (size_t)s->person, s->prog, period,
				 max - 100 * gen_rng_range(r, 0, 50), gen_date(y, m, 25), acct, ei);
		if (e != E_OK)
			return e;
		snprintf(keys, sizeof(keys), "%s,%s,%s", progs[s->prog].name,
			 st->prev->people[s->person].id_no, period);
		return gen_truth_add(g, "S02", v, keys, "重复领取", ei);
	}
	return E_OK;
}

/* S06: an ordinary villager of the previous village, never paid there, on this
 * village's yearly subsidy. */
static enum err plant_s06_foreign(struct gen_ctx *g, struct sstate *st, struct gen_village *v,
				  struct gen_rng *r, struct errinfo *ei)
{
	const struct gen_village *h = st->prev;
	if (!h || !h->n_people || g->last_year - 1 < g->first_year)
		return E_OK;
	size_t i = gen_rng_below(r, h->n_people);
	for (size_t tries = 0; tries < h->n_people; tries++, i = (i + 1) % h->n_people) {
		const struct gen_person *p = &h->people[i];
		if (!eligible(p, st->prev_used, i) || p->death != GEN_NODATE ||
		    p->moved_out != GEN_NODATE)
			continue;
		char acct[24];
		account_of(h, i, acct);
		int y = g->last_year - 1;
		return pay(g, st, v, h, i, 3, arena_printf(&g->arena, "%04d", y),
			   standard(g, &progs[3], y) - 100 * gen_rng_range(r, 0, 50),
			   gen_date(y, 6, 20), acct, ei);
	}
	return E_OK;
}

static enum err village(struct gen_ctx *g, void *state, struct gen_village *v, struct errinfo *ei)
{
	struct sstate *st = state;
	struct gen_rng r, pr;
	gen_rng_stream(g, "subsidy", v->index, &r);
	gen_rng_stream(g, "subsidy-plant", v->index, &pr);
	if (!v->n_people)
		return E_OK;
	bool *used = ARENA_ARRAY(&g->arena, bool, v->n_people);
	size_t max_seats = 0;
	for (size_t k = 0; k < NPROGS; k++)
		max_seats += (size_t)progs[k].seats;
	struct seatrec *seats = ARENA_ARRAY(&g->arena, struct seatrec, max_seats);
	size_t nseats = 0;
	struct shared_plan sp = {0};
	int x = (int)gen_rng_below(&pr, 1000);
	int s05 = gen_rate(g, "S05", S05_PERMILLE);
	if (x < s05 + S05_NEAR_PERMILLE) {
		sp.share = x < s05 ? SHARED_MIN : SHARED_MIN - 1;
		sp.year = g->last_year - (int)gen_rng_below(&pr, 3);
		if (sp.year < g->first_year)
			sp.year = g->first_year;
		sp.m0 = (int)gen_rng_range(&pr, 1, 10);
		sp.m1 = sp.m0 + (int)gen_rng_range(&pr, 0, 2);
	}
	enum err e = ordinary(g, st, v, &r, used, &sp, seats, &nseats, ei);
	if (e == E_OK && gen_plant(g, &pr, "S04", S04_PERMILLE))
		e = plant_s04(g, st, v, &pr, used, ei);
	if (e == E_OK && gen_plant(g, &pr, "S06", S06_MOVED))
		e = plant_s06_moved(g, st, v, &pr, used, ei);
	if (e == E_OK && gen_plant(g, &pr, "S02", S02_PERMILLE))
		e = plant_s02(g, st, v, &pr, ei);
	if (e == E_OK && gen_plant(g, &pr, "S06", S06_FOREIGN))
		e = plant_s06_foreign(g, st, v, &pr, ei);
	st->prev = v;
	st->prev_seats = seats;
	st->prev_n = nseats;
	st->prev_used = used;
	return e;
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
