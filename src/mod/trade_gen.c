/*
 * The trade module's generator: trades.csv (the listings of the assets plan,
 * see assets_gen.c), projects.csv and bids.csv of domain/formats.md, and the
 * ground truth of the project and trading rules P01–P07 of domain/rules.md
 * (defaults: bidding_threshold 50,000.00, split_window_days 90, min_bidders 3,
 * bid_spread 0.02, repeat_wins 3; as_of = the span's last day).
 *
 * Each village has one to three small projects a year (工程, 货物, 服务, under
 * the bidding threshold), competitive ones bid by three to five firms 5 % or
 * more apart and won by the lowest, pairs of them bid together (打包竞价), the
 * cheapest commissioned directly.  Planted now and then: work started before
 * approval (P01), one contractor's direct commissions split under the
 * threshold (P02), a large direct commission (P03), too few bids (P04), bids
 * within 1 % (P05), one contractor winning most of a year's projects (P06),
 * a cadre's relative commissioned (P07); beside them near-misses (two split
 * commissions under the threshold, a direct commission of 49,800.00, exactly
 * three bids, bids 3 % apart).  It also registers the small projects the books
 * generator paid (XM numbers, stored on the village), whose vouchers cite them:
 * P08 (paid more than 1.1 × the contract) is planted among them, beside
 * overruns within 10 % and, where the sum allows, paid exactly 1.1 × the
 * contract.  Planting rates go through gen_plant (--rate).  The truth is
 * computed from the generated rows by each rule's definition.  Dates after the
 * span's end are left blank; it draws randomness only from its own streams.
 */
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "core/idno.h"
#include "core/money.h"
#include "trade.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define YUAN(y) ((int64_t)(y)*100)

#define BIDDING_THRESHOLD YUAN(50000) /* rules.md P02/P03 */
#define SPLIT_WINDOW	  90	      /* rules.md P02 split_window_days */
#define MAX_BIDS	  6
#define NFIRMS		  6

enum step { S_APPROVED, S_ANNOUNCED, S_BID, S_CONTRACT, S_START, S_ACCEPTED, S__MAX };

struct gbid {
	const char *name; /* 投标人 */
	char id[19];	  /* 证件号 */
	int64_t price;	  /* fen */
	bool winner;	  /* 中标 */
};

struct gproj {
	char no[16];		    /* GC2021-03 */
	const char *name;	    /* 名称 */
	const char *kind;	    /* 工程 | 货物 | 服务 */
	int64_t budget;		    /* fen */
	const char *procurement;    /* 采购方式 */
	int32_t date[S__MAX];	    /* days, GEN_NODATE when absent */
	const char *contractor;	    /* 承包方 */
	char contractor_id[19];	    /* 证件号 */
	int32_t person;		    /* villager index, −1 for a firm */
	int64_t amount;		    /* contract amount, fen, −1 when none */
	struct gbid bids[MAX_BIDS]; /* in order of entry */
	int nbids;		    /* entries in bids */
};

struct firm {
	const char *name; /* 泰兴市宏达建筑工程有限公司 */
	char id[19];	  /* 统一社会信用代码 */
};

struct tb {
	struct gen_ctx *g;	     /* the run */
	const struct gen_village *v; /* the village */
	struct arena *a;	     /* this village's scratch */
	struct gen_rng r;	     /* its stream */
	struct firm firms[NFIRMS];   /* the contractors around */
	struct gproj *p;	     /* projects */
	size_t n, cap;		     /* used, allocated */
	int seq;		     /* numbers within the year */
	int year;		     /* the year being built */
};

static int64_t rng(struct tb *b, int64_t lo, int64_t hi)
{
	return gen_rng_range(&b->r, lo, hi);
}

static bool chance(struct tb *b, int permille)
{
	return gen_rng_permille(&b->r, permille);
}

static void firm_make(struct tb *b, struct firm *f, int k)
{
	static const char *const words[] = {"宏达", "路通", "鑫盛", "建安", "华泰", "永固",
					    "顺达", "利民", "恒基", "金鼎", "润泽", "广厦"};
	static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	f->name = arena_printf(b->a, "%s%s%s", b->v->town->county_name,
			       words[(k + b->v->index * 5) % (int)N(words)],
			       k % 3 == 2 ? "市政工程有限公司" : "建筑工程有限公司");
	char first[18];
	snprintf(first, sizeof(first), "91%.6sMA", b->v->town->county_code);
	for (int i = 10; i < 17; i++)
		first[i] = alpha[gen_rng_below(&b->r, 31)];
	first[17] = '\0';
	memcpy(f->id, first, 17);
	f->id[17] = credit_code_check_char(first);
	f->id[18] = '\0';
}

/* A villager unrelated to the cadres on day (or, related, one who is), or −1. */
static int32_t villager(struct tb *b, int32_t day, bool related)
{
	const struct gen_village *v = b->v;
	for (int tries = 0; v->n_people && tries < 400; tries++) {
		int32_t i = (int32_t)gen_rng_below(&b->r, v->n_people);
		const struct gen_person *p = &v->people[i];
		int age = gen_age(p->birth, day);
		if (age < 25 || age > 65 || (p->death != GEN_NODATE && p->death <= day))
			continue;
		if (gen_related_to_cadre(v, i, day) == related)
			return i;
	}
	return -1;
}

static struct gproj *proj_new(struct tb *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct gproj *grown = ARENA_ARRAY(b->a, struct gproj, cap);
		if (b->n)
			memcpy(grown, b->p, b->n * sizeof(*grown));
		b->p = grown;
		b->cap = cap;
	}
	struct gproj *p = &b->p[b->n++];
	memset(p, 0, sizeof(*p));
	for (int s = 0; s < S__MAX; s++)
		p->date[s] = GEN_NODATE;
	p->person = -1;
	p->amount = -1;
	snprintf(p->no, sizeof(p->no), "GC%d-%02d", b->year, ++b->seq);
	return p;
}

static const char *const works[] = {"村道修补", "沟渠清淤",	"涵洞修复",	"护坡加固",
				    "桥梁维修", "排水管网改造", "村部屋面维修", "河塘驳岸"};
static const char *const goods[] = {"垃圾桶采购", "办公桌椅采购", "防汛物资采购", "路灯灯具采购"};
static const char *const services[] = {"绿化养护", "保洁服务", "监控运维", "宣传栏制作"};

static void kind_and_name(struct tb *b, struct gproj *p)
{
	int k = (int)rng(b, 0, 9);
	if (k < 7) {
		p->kind = "工程";
		p->name = works[gen_rng_below(&b->r, N(works))];
	} else if (k < 8) {
		p->kind = "货物";
		p->name = goods[gen_rng_below(&b->r, N(goods))];
	} else {
		p->kind = "服务";
		p->name = services[gen_rng_below(&b->r, N(services))];
	}
}

/* Dates of the steps from approval; those after the span's end are blank.
 * A directly commissioned project has no bidding. */
static void schedule(struct tb *b, struct gproj *p, int32_t approved)
{
	bool direct = strcmp(p->procurement, "直接委托") == 0;
	int32_t d = approved;
	p->date[S_APPROVED] = d;
	p->date[S_ANNOUNCED] = d += (int32_t)rng(b, 3, 10);
	if (!direct)
		p->date[S_BID] = d += (int32_t)rng(b, 7, 15);
	p->date[S_CONTRACT] = d += (int32_t)rng(b, 2, 7);
	p->date[S_START] = d += (int32_t)rng(b, 3, 15);
	p->date[S_ACCEPTED] = d += (int32_t)rng(b, 20, 90);
	for (int s = 0; s < S__MAX; s++)
		if (p->date[s] != GEN_NODATE && p->date[s] > b->g->span_end)
			for (int t = s; t < S__MAX; t++)
				p->date[t] = GEN_NODATE;
}

/* Bids of firms spaced ≥ 5 % apart (spread_permille between lowest and
 * highest when given: P05 and its near-miss); the winner (firm index w) bids
 * lowest.  nb bids in all. */
static void bid_firms(struct tb *b, struct gproj *p, int nb, int w, int spread_permille)
{
	int low = (int)rng(b, 820, 880);
	p->nbids = 0;
	for (int k = 0, f = w; k < nb; k++, f = (f + 1) % NFIRMS) {
		int permille = spread_permille ? low + spread_permille * k / (nb - 1)
					       : low + k * (int)rng(b, 40, 60);
		struct gbid *bd = &p->bids[p->nbids++];
		bd->name = b->firms[f].name;
		memcpy(bd->id, b->firms[f].id, 19);
		bd->price = p->budget * permille / 1000;
		bd->price -= bd->price % 100;
		bd->winner = k == 0;
	}
	if (p->date[S_CONTRACT] != GEN_NODATE) {
		p->contractor = p->bids[0].name;
		memcpy(p->contractor_id, p->bids[0].id, 19);
		p->amount = p->bids[0].price;
	}
}

static void direct_to(struct tb *b, struct gproj *p, const struct firm *f, int32_t person)
{
	if (p->date[S_CONTRACT] == GEN_NODATE)
		return;
	if (person >= 0) {
		p->person = person;
		p->contractor = b->v->people[person].name;
		memcpy(p->contractor_id, b->v->people[person].id_no, 19);
	} else {
		p->contractor = f->name;
		memcpy(p->contractor_id, f->id, 19);
	}
	p->amount = p->budget * rng(b, 900, 1000) / 1000;
	p->amount -= p->amount % 100;
}

/* Wins of firm f among this year's projects so far. */
static int wins(const struct tb *b, size_t from, const struct firm *f)
{
	int n = 0;
	for (size_t i = from; i < b->n; i++)
		n += b->p[i].contractor && strcmp(b->p[i].contractor_id, f->id) == 0;
	return n;
}

/* A firm that has not yet won twice this year. */
static int fresh_firm(struct tb *b, size_t year_from)
{
	for (int tries = 0; tries < 20; tries++) {
		int f = (int)gen_rng_below(&b->r, NFIRMS);
		if (wins(b, year_from, &b->firms[f]) < 2)
			return f;
	}
	return (int)gen_rng_below(&b->r, NFIRMS);
}

static int32_t day_in_year(struct tb *b, int lo_month, int hi_month)
{
	return gen_date(b->year, (int)rng(b, lo_month, hi_month), (int)rng(b, 1, 28));
}

static void year_projects(struct tb *b)
{
	size_t from = b->n;
	int n = b->v->community ? (int)rng(b, 0, 2) : (int)rng(b, 1, 3);
	for (int i = 0; i < n; i++) {
		struct gproj *p = proj_new(b);
		kind_and_name(b, p);
		bool works_ = strcmp(p->kind, "工程") == 0;
		p->budget = YUAN(rng(b, works_ ? 80 : 20, works_ ? 480 : 300) * 100);
		int k = (int)rng(b, 0, 9);
		if (p->budget < YUAN(10000) && k < 7) {
			p->procurement = "直接委托";
			schedule(b, p, day_in_year(b, 1, 10));
			int32_t who = strcmp(p->kind, "服务") == 0
					  ? villager(b, p->date[S_APPROVED], false)
					  : -1;
			direct_to(b, p, &b->firms[fresh_firm(b, from)], who);
		} else if (k < 3) {
			/* a pair bid together */
			p->procurement = "打包竞价";
			struct gproj *q = proj_new(b);
			p = &b->p[b->n - 2];
			kind_and_name(b, q);
			q->budget = YUAN(rng(b, 50, 300) * 100);
			q->procurement = "打包竞价";
			int32_t day = day_in_year(b, 1, 10);
			schedule(b, p, day);
			memcpy(q->date, p->date, sizeof(q->date));
			int w = fresh_firm(b, from), nb = (int)rng(b, 3, 4);
			bid_firms(b, p, nb, w, 0);
			bid_firms(b, q, nb, w, 0);
		} else {
			p->procurement = chance(b, 300) ? "公开招标" : "竞争性比选";
			schedule(b, p, day_in_year(b, 1, 10));
			bid_firms(b, p, (int)rng(b, 3, 5), fresh_firm(b, from), 0);
		}
	}
}

/* The anomalies of one village, each in a year of its own choosing. */
static void plants(struct tb *b)
{
	const struct gen_ctx *g = b->g;
	int first = g->first_year, last = g->last_year;
	struct gproj *p;
	/* P01: work started before approval */
	if (gen_plant(g, &b->r, "P01", 350)) {
		b->year = (int)rng(b, first, last);
		b->seq = 50;
		p = proj_new(b);
		kind_and_name(b, p);
		p->budget = YUAN(rng(b, 30, 90) * 100);
		p->procurement = "直接委托";
		schedule(b, p, day_in_year(b, 3, 9));
		direct_to(b, p, &b->firms[0], -1);
		if (p->date[S_START] != GEN_NODATE) {
			p->date[S_START] = p->date[S_APPROVED] - (int32_t)rng(b, 10, 30);
			p->date[S_CONTRACT] = p->date[S_START] - 3;
		}
	}
	/* P02: three direct commissions to one firm within 60 days; near-miss two
	 * whose sum stays under the threshold */
	for (int k = 0; k < 2; k++) {
		if (!(k == 0 ? gen_plant(g, &b->r, "P02", 300) : chance(b, 300)))
			continue;
		b->year = (int)rng(b, first, last);
		b->seq = 60 + 10 * k;
		int32_t day = day_in_year(b, 2, 8);
		int count = k == 0 ? 3 : 2;
		for (int i = 0; i < count; i++) {
			p = proj_new(b);
			kind_and_name(b, p);
			p->budget =
			    k == 0 ? YUAN(rng(b, 170, 190) * 100) : YUAN(rng(b, 150, 240) * 100);
			p->procurement = "直接委托";
			schedule(b, p, day + i * (int32_t)rng(b, 10, 28));
			direct_to(b, p, &b->firms[1 + k], -1);
		}
	}
	/* P03: a large direct commission; near-miss at 49,800.00 */
	for (int k = 0; k < 2; k++) {
		if (!(k == 0 ? gen_plant(g, &b->r, "P03", 300) : chance(b, 300)))
			continue;
		b->year = (int)rng(b, first, last);
		b->seq = 80 + k;
		p = proj_new(b);
		p->kind = "工程";
		p->name = "村部改造工程";
		p->budget = k == 0 ? YUAN(rng(b, 580, 900) * 100) : YUAN(49800);
		p->procurement = "直接委托";
		schedule(b, p, day_in_year(b, 2, 9));
		direct_to(b, p, &b->firms[3 + k], -1);
	}
	/* P04 (two bids) and its near-miss (three); P05 (within 1.2 %) and its
	 * near-miss (3 %) */
	for (int k = 0; k < 4; k++) {
		if (!(k == 0   ? gen_plant(g, &b->r, "P04", 250)
		      : k == 2 ? gen_plant(g, &b->r, "P05", 250)
			       : chance(b, 250)))
			continue;
		b->year = (int)rng(b, first, last);
		b->seq = 85 + k;
		p = proj_new(b);
		kind_and_name(b, p);
		p->budget = YUAN(rng(b, 150, 450) * 100);
		p->procurement = "竞争性比选";
		schedule(b, p, day_in_year(b, 1, 10));
		bid_firms(b, p, k == 0 ? 2 : 3, (int)gen_rng_below(&b->r, NFIRMS),
			  k == 2   ? 12
			  : k == 3 ? 30
				   : 0);
	}
	/* P06: one firm wins three more projects in a year */
	if (gen_plant(g, &b->r, "P06", 200)) {
		b->year = (int)rng(b, first, last);
		b->seq = 90;
		for (int i = 0; i < 3; i++) {
			p = proj_new(b);
			kind_and_name(b, p);
			p->budget = YUAN(rng(b, 150, 450) * 100);
			p->procurement = "竞争性比选";
			schedule(b, p, day_in_year(b, 1, 9));
			bid_firms(b, p, 3, 5, 0);
		}
	}
	/* P07: a service commissioned to a cadre's relative */
	if (gen_plant(g, &b->r, "P07", 300)) {
		b->year = (int)rng(b, first + 1, last);
		b->seq = 95;
		p = proj_new(b);
		p->kind = "服务";
		p->name = "保洁服务";
		p->budget = YUAN(rng(b, 30, 90) * 100);
		p->procurement = "直接委托";
		schedule(b, p, day_in_year(b, 1, 10));
		int32_t who =
		    p->date[S_CONTRACT] != GEN_NODATE ? villager(b, p->date[S_CONTRACT], true) : -1;
		direct_to(b, p, &b->firms[0], who);
	}
}

/* The small projects the books paid (books_gen's XM numbers, stored on the
 * village), registered with the contractor the books paid and dates that end
 * at the books' acceptance: approved 25–40 days before the first payment (not
 * before 2 January of its year), the steps a few days apart, work started on
 * or before the first payment.  The contract amount is at least what was paid,
 * rounded up to 100.00 (now and then 91–99 % of it: an overrun within
 * overrun_ratio); planted at P08_PERMILLE, 70–88 % of it (P08); and, when the
 * paid amount allows, the near-miss paid = exactly 1.1 × contract.  Budgets
 * over 10,000.00 are competed by three firms 5–15 % apart, the books' firm
 * lowest.  Drawn from a stream of their own, so the other projects keep their
 * bytes. */
#define P08_PERMILLE 60	 /* a project paid more than 1.1 × its contract */
#define P08_NEAR     500 /* of those whose paid amount is a multiple of 11.00 */
#define P08_WITHIN   150 /* an overrun within the 10 % allowed */

static int64_t round_up(int64_t fen, int64_t unit)
{
	return (fen + unit - 1) / unit * unit;
}

static void paid_projects(struct tb *b)
{
	const struct gen_village *v = b->v;
	for (size_t i = 0; i < v->n_paid_projects; i++) {
		const struct gen_paid_project *pp = &v->paid_projects[i];
		b->year = gen_date_year(pp->first_paid);
		struct gproj *p = proj_new(b);
		b->seq--; /* the GC numbers stay as they were */
		snprintf(p->no, sizeof(p->no), "%s", pp->no);
		p->kind = "工程";
		p->name = "村内小型工程";
		bool p08 = gen_plant(b->g, &b->r, "P08", P08_PERMILLE);
		bool near = chance(b, P08_NEAR) && !p08 && pp->paid % 1100 == 0;
		bool within = chance(b, P08_WITHIN);
		if (p08)
			p->amount = pp->paid * rng(b, 700, 880) / 1000 / 100 * 100;
		else if (near)
			p->amount = pp->paid / 11 * 10;
		else if (within)
			p->amount = round_up(pp->paid * rng(b, 910, 990) / 1000, 100);
		else
			p->amount = round_up(pp->paid * rng(b, 1000, 1080) / 1000, YUAN(100));
		p->budget = round_up(p->amount * rng(b, 1000, 1100) / 1000, YUAN(100));
		bool compete = p->budget > YUAN(10000);
		p->procurement = compete ? "竞争性比选" : "直接委托";
		int32_t d = pp->first_paid - (int32_t)rng(b, 25, 40);
		int32_t jan2 = gen_date(b->year, 1, 2);
		p->date[S_APPROVED] = d = d < jan2 ? jan2 : d;
		p->date[S_ANNOUNCED] = d += (int32_t)rng(b, 3, 5);
		if (compete)
			p->date[S_BID] = d += (int32_t)rng(b, 7, 10);
		p->date[S_CONTRACT] = d += (int32_t)rng(b, 2, 4);
		p->date[S_START] = d += (int32_t)rng(b, 1, 3);
		p->date[S_ACCEPTED] = pp->accepted;
		p->contractor = pp->contractor;
		memcpy(p->contractor_id, pp->contractor_id, 19);
		if (!compete)
			continue;
		p->nbids = 3;
		int f = (int)gen_rng_below(&b->r, NFIRMS);
		int64_t price = p->amount;
		for (int k = 0; k < 3; k++) {
			struct gbid *bd = &p->bids[k];
			if (k == 0) {
				bd->name = pp->contractor;
				memcpy(bd->id, pp->contractor_id, 19);
			} else {
				const struct firm *o = &b->firms[(f + k) % NFIRMS];
				bd->name = o->name;
				memcpy(bd->id, o->id, 19);
				price = price * rng(b, 1050, 1150) / 1000 / 100 * 100;
			}
			bd->price = price;
			bd->winner = k == 0;
		}
	}
}

/* ---- ground truth ------------------------------------------------------------------- */

static int person_of(const struct gen_village *v, const char *id)
{
	for (size_t i = 0; i < v->n_people; i++)
		if (strcmp(v->people[i].id_no, id) == 0)
			return (int)i;
	return -1;
}

/* P05: ≥ 3 prices all within bid_spread 0.02 of the lowest. */
static bool close_bids(const int64_t *price, int n)
{
	if (n < 3)
		return false;
	int64_t lo = price[0], hi = price[0];
	for (int i = 1; i < n; i++) {
		lo = price[i] < lo ? price[i] : lo;
		hi = price[i] > hi ? price[i] : hi;
	}
	return lo > 0 && (hi - lo) * 50 < lo;
}

static bool direct(const struct gproj *p)
{
	return strcmp(p->procurement, "直接委托") == 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int cmp_approved(const void *x, const void *y)
{
	const struct gproj *a = *(const struct gproj *const *)x,
			   *b = *(const struct gproj *const *)y;
	if (a->date[S_APPROVED] != b->date[S_APPROVED])
		return a->date[S_APPROVED] < b->date[S_APPROVED] ? -1 : 1;
	return strcmp(a->no, b->no);
}

static enum err split_truth(struct tb *b, struct errinfo *ei)
{
	const struct gproj **list = ARENA_ARRAY(b->a, const struct gproj *, b->n + 1);
	bool *done = ARENA_ARRAY(b->a, bool, b->n + 1);
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < b->n; i++) {
		const struct gproj *p = &b->p[i];
		if (!direct(p) || p->budget >= BIDDING_THRESHOLD || !p->contractor ||
		    p->date[S_APPROVED] == GEN_NODATE)
			continue;
		/* each contractor once: at its first project */
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || (b->p[j].contractor &&
					strcmp(b->p[j].contractor_id, p->contractor_id) == 0 &&
					direct(&b->p[j]) && b->p[j].budget < BIDDING_THRESHOLD &&
					b->p[j].date[S_APPROVED] != GEN_NODATE);
		if (seen)
			continue;
		size_t n = 0;
		for (size_t j = i; j < b->n; j++) {
			const struct gproj *q = &b->p[j];
			if (direct(q) && q->budget < BIDDING_THRESHOLD && q->contractor &&
			    q->date[S_APPROVED] != GEN_NODATE &&
			    strcmp(q->contractor_id, p->contractor_id) == 0)
				list[n++] = q;
		}
		qsort(list, n, sizeof(*list), cmp_approved);
		memset(done, 0, n);
		for (size_t s = 0; e == E_OK && s < n; s++) {
			if (done[s])
				continue;
			const char *nos[64];
			size_t m = 0;
			int64_t sum = 0;
			for (size_t t = s; t < n && m < 64; t++)
				if (!done[t] && list[t]->date[S_APPROVED] <=
						    list[s]->date[S_APPROVED] + SPLIT_WINDOW) {
					done[t] = true;
					nos[m++] = list[t]->no;
					sum += list[t]->budget;
				}
			if (m < 2 || sum < BIDDING_THRESHOLD)
				continue;
			qsort(nos, m, sizeof(nos[0]), cmp_str);
			struct buf keys = BUF_INIT;
			for (size_t t = 0; t < m; t++)
				buf_addf(&keys, "%s%s", t ? "," : "", nos[t]);
			e = gen_truth_add(b->g, "P02", b->v, keys.ptr,
					  "同一承包方直接委托拆分项目规避竞价", ei);
			buf_release(&keys);
		}
	}
	return e;
}

static enum err repeat_truth(struct tb *b, struct errinfo *ei)
{
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < b->n; i++) {
		const struct gproj *p = &b->p[i];
		if (!p->contractor || p->date[S_CONTRACT] == GEN_NODATE)
			continue;
		int year = gen_date_year(p->date[S_CONTRACT]);
		int mine = 0, all = 0;
		bool first = true;
		for (size_t j = 0; j < b->n; j++) {
			const struct gproj *q = &b->p[j];
			if (q->date[S_CONTRACT] == GEN_NODATE ||
			    gen_date_year(q->date[S_CONTRACT]) != year)
				continue;
			all++;
			if (q->contractor && strcmp(q->contractor_id, p->contractor_id) == 0) {
				mine++;
				first = first && j >= i;
			}
		}
		if (first && mine >= 3 && 2 * mine >= all)
			e = gen_truth_add(b->g, "P06", b->v,
					  arena_printf(b->a, "%s,%d", p->contractor_id, year),
					  "同一承包方反复中标", ei);
	}
	return e;
}

static enum err truth(struct tb *b, const struct assets_gen_plan *plan, struct errinfo *ei)
{
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < b->n; i++) {
		const struct gproj *p = &b->p[i];
		int32_t prev = GEN_NODATE;
		bool disorder = false;
		for (int s = 0; s < S__MAX; s++) {
			if (p->date[s] == GEN_NODATE)
				continue;
			disorder = disorder || (prev != GEN_NODATE && p->date[s] < prev);
			prev = p->date[s];
		}
		if (disorder)
			e = gen_truth_add(b->g, "P01", b->v, p->no, "先实施后补手续", ei);
		if (e == E_OK && direct(p) && p->budget >= BIDDING_THRESHOLD)
			e = gen_truth_add(b->g, "P03", b->v, p->no, "达到竞价标准的项目直接委托",
					  ei);
		if (e == E_OK && !direct(p) && p->nbids < 3)
			e = gen_truth_add(b->g, "P04", b->v, p->no, "竞争不充分", ei);
		int64_t prices[MAX_BIDS];
		for (int k = 0; k < p->nbids; k++)
			prices[k] = p->bids[k].price;
		if (e == E_OK && close_bids(prices, p->nbids))
			e = gen_truth_add(b->g, "P05", b->v, p->no, "报价高度接近", ei);
		if (e == E_OK && p->person >= 0 && p->date[S_CONTRACT] != GEN_NODATE &&
		    gen_related_to_cadre(b->v, p->person, p->date[S_CONTRACT]))
			e = gen_truth_add(b->g, "P07", b->v, p->no, "干部及亲属承揽项目", ei);
		/* P08: paid > amount × (1 + 0.10) */
		int64_t paid = 0;
		for (size_t k = 0; k < b->v->n_paid_projects; k++)
			if (strcmp(b->v->paid_projects[k].no, p->no) == 0)
				paid += b->v->paid_projects[k].paid;
		if (e == E_OK && p->amount >= 0 && paid * 10 > p->amount * 11)
			e = gen_truth_add(b->g, "P08", b->v, p->no, "工程款超合同价", ei);
	}
	for (size_t i = 0; e == E_OK && i < plan->n_trades; i++) {
		const struct assets_gen_trade *t = &plan->trades[i];
		if (t->nbids < 3)
			e = gen_truth_add(b->g, "P04", b->v, t->no, "产权交易竞争不充分", ei);
		int64_t prices[ASSETS_GEN_MAX_BIDS];
		for (int k = 0; k < t->nbids; k++)
			prices[k] = t->bids[k].price;
		if (e == E_OK && close_bids(prices, t->nbids))
			e = gen_truth_add(b->g, "P05", b->v, t->no, "竞买报价高度接近", ei);
		int who = person_of(b->v, t->winner_id);
		if (e == E_OK && who >= 0 && gen_related_to_cadre(b->v, who, t->closing))
			e = gen_truth_add(b->g, "P07", b->v, t->no, "干部及亲属受让集体资产资源",
					  ei);
	}
	if (e == E_OK)
		e = split_truth(b, ei);
	if (e == E_OK)
		e = repeat_truth(b, ei);
	return e;
}

/* ---- files ---------------------------------------------------------------------------- */

struct trade_state {
	struct gen_csv *trades;	  /* trades.csv */
	struct gen_csv *projects; /* projects.csv */
	struct gen_csv *bids;	  /* bids.csv */
};

static enum err trade_open(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const h_trades[] = {"village_code", "trade_no",     "subject_no",
					       "listed_date",  "closing_date", "reserve_price",
					       "final_price",  "winner",       "winner_id"};
	static const char *const h_proj[] = {
	    "village_code",   "project_no",  "name",	      "kind",
	    "budget",	      "procurement", "matter_no",     "approved_date",
	    "announced_date", "bid_date",    "contract_date", "start_date",
	    "accepted_date",  "contractor",  "contractor_id", "contract_amount"};
	static const char *const h_bids[] = {"village_code", "ref_no", "bidder",
					     "bidder_id",    "price",  "winner"};
	struct trade_state *st = ARENA_NEW(&g->arena, struct trade_state);
	*state = st;
	enum err e;
	if ((e = gen_csv_open(g, "trades.csv", h_trades, N(h_trades), &st->trades, ei)) != E_OK ||
	    (e = gen_csv_open(g, "projects.csv", h_proj, N(h_proj), &st->projects, ei)) != E_OK ||
	    (e = gen_csv_open(g, "bids.csv", h_bids, N(h_bids), &st->bids, ei)) != E_OK)
		return e;
	return E_OK;
}

static enum err write_trades(struct trade_state *st, const struct gen_village *v,
			     const struct assets_gen_plan *plan, struct errinfo *ei)
{
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < plan->n_trades; i++) {
		const struct assets_gen_trade *t = &plan->trades[i];
		char l[11], c[11], res[MONEY_BUF], fin[MONEY_BUF], price[MONEY_BUF];
		gen_date_fmt(t->listed, l);
		gen_date_fmt(t->closing, c);
		money_format(t->reserve, res);
		money_format(t->final, fin);
		const char *row[] = {v->code, t->no, t->subject, l,	      c,
				     res,     fin,   t->winner,	 t->winner_id};
		e = gen_csv_row(st->trades, row, ei);
		for (int k = 0; e == E_OK && k < t->nbids; k++) {
			money_format(t->bids[k].price, price);
			const char *brow[] = {v->code,	     t->no, t->bids[k].name,
					      t->bids[k].id, price, k == 0 ? "是" : "否"};
			e = gen_csv_row(st->bids, brow, ei);
		}
	}
	return e;
}

static enum err write_projects(struct trade_state *st, struct tb *b, struct errinfo *ei)
{
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < b->n; i++) {
		const struct gproj *p = &b->p[i];
		char d[S__MAX][11], budget[MONEY_BUF], amount[MONEY_BUF] = "", price[MONEY_BUF];
		for (int s = 0; s < S__MAX; s++)
			gen_date_fmt(p->date[s], d[s]);
		money_format(p->budget, budget);
		if (p->amount >= 0)
			money_format(p->amount, amount);
		const char *row[] = {b->v->code,
				     p->no,
				     p->name,
				     p->kind,
				     budget,
				     p->procurement,
				     "",
				     d[S_APPROVED],
				     d[S_ANNOUNCED],
				     d[S_BID],
				     d[S_CONTRACT],
				     d[S_START],
				     d[S_ACCEPTED],
				     p->contractor ? p->contractor : "",
				     p->contractor ? p->contractor_id : "",
				     amount};
		e = gen_csv_row(st->projects, row, ei);
		for (int k = 0; e == E_OK && k < p->nbids; k++) {
			money_format(p->bids[k].price, price);
			const char *brow[] = {b->v->code,      p->no,
					      p->bids[k].name, p->bids[k].id,
					      price,	       p->bids[k].winner ? "是" : "否"};
			e = gen_csv_row(st->bids, brow, ei);
		}
	}
	return e;
}

static enum err trade_village(struct gen_ctx *g, void *state, struct gen_village *v,
			      struct errinfo *ei)
{
	struct trade_state *st = state;
	struct arena a;
	arena_init(&a);
	struct assets_gen_plan plan;
	enum err e = assets_gen_plan_make(g, v, &a, &plan);
	struct tb b = {.g = g, .v = v, .a = &a};
	gen_rng_stream(g, "trade", v->index, &b.r);
	for (int k = 0; k < NFIRMS; k++)
		firm_make(&b, &b.firms[k], k);
	for (b.year = g->first_year; b.year <= g->last_year; b.year++) {
		b.seq = 0;
		year_projects(&b);
	}
	plants(&b);
	gen_rng_stream(g, "trade_paid", v->index, &b.r);
	paid_projects(&b);
	if (e == E_OK)
		e = write_trades(st, v, &plan, ei);
	if (e == E_OK)
		e = write_projects(st, &b, ei);
	if (e == E_OK)
		e = truth(&b, &plan, ei);
	arena_release(&a);
	return e;
}

static enum err trade_close(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct trade_state *st = state;
	enum err e = E_OK, c;
	struct gen_csv *files[] = {st->trades, st->projects, st->bids};
	for (size_t i = 0; i < N(files); i++)
		if ((c = gen_csv_close(files[i], e == E_OK ? ei : &(struct errinfo){0})) != E_OK &&
		    e == E_OK)
			e = c;
	return e;
}

const struct gen_module trade_gen_module = {"trade", trade_open, trade_village, trade_close};
