/*
 * The assets module's generator: assets.csv, resources.csv, contracts.csv and
 * contract_bills.csv of domain/formats.md for each village, and the ground
 * truth of the contract rules C01–C06 of domain/rules.md (defaults:
 * trade_threshold 50,000.00, low_rent_ratio 0.7, max_resource_term 30,
 * arrears_grace_days 90, as_of = the span's last day).
 *
 * A village's plan (its resources, assets, leases, listings, bids and bills)
 * is a pure function of the seed and the village: assets_gen_plan_make
 * computes it, and the trade generator computes it again for trades.csv and
 * the listings' bids, so that the two generators share no state.  Rents per 亩
 * follow the resource kind and a factor of the township (±15 %) and vary by
 * ±10 % between leases; leases worth 50,000.00 or more go through a listing.
 * Anomalies are planted (an unlisted large lease, a low rent, an over-long
 * term, unpaid rent, a lease to a cadre or a cadre's relative, overlapping
 * leases) beside near-misses (a lease just under the threshold, a rent at 80 %,
 * a term of exactly 30 years, rent unpaid but within the grace period,
 * back-to-back leases), and the ground truth is computed from the generated
 * rows by each rule's own definition, so it holds whatever the draw (and
 * whatever --rate scales the anomalies' rates to).  No date lies after the
 * span's end (a lease's end_date excepted: the overlapping and long leases are
 * started and signed by then); it draws randomness only from its own streams.
 */
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "core/datefmt.h"
#include "core/idno.h"
#include "core/money.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define YUAN(y) ((int64_t)(y)*100)

#define TRADE_THRESHOLD YUAN(50000) /* rules.md C01 default */
#define GRACE_DAYS	90	    /* rules.md C04 default */

enum kind { K_FARM, K_FOREST, K_ORCHARD, K_WATER, K_WASTE, K_BUILD, K__MAX };

static const char *const kind_names[K__MAX] = {"耕地", "林地",	 "园地",
					       "水面", "四荒地", "建设用地"};
/* Rent in yuan per 亩 and year before the township's factor. */
static const int base_rent[K__MAX] = {900, 120, 1100, 1300, 80, 4000};
/* Lease terms in years, lowest and highest. */
static const int term_lo[K__MAX] = {3, 10, 5, 3, 10, 5};
static const int term_hi[K__MAX] = {5, 20, 10, 5, 20, 10};
static const char *const groups[] = {"一组", "二组", "三组", "四组", "五组",   "六组",
				     "七组", "八组", "九组", "十组", "十一组", "十二组"};
static const char *const firm_words[] = {"宏达", "鑫源", "恒泰", "绿源", "顺发", "金穗",
					 "汇丰", "永盛", "华兴", "天成", "瑞丰", "聚福"};

/* A resource of the plan. */
struct gres {
	char no[12];   /* ZY-001 */
	char name[48]; /* 三组承包地 */
	int kind;      /* enum kind */
	int64_t area;  /* hundredths of a 亩 */
	int32_t from;  /* first lease start considered */
};

/* A fixed asset of the plan. */
struct gasset {
	char no[12];	      /* ZC-001 */
	const char *name;     /* 集体厂房 */
	const char *category; /* 房屋及建筑物 */
	int32_t acquired;     /* days */
	int64_t value;	      /* fen */
	bool leased;	      /* let out (厂房, 门面房) */
	const char *status;   /* 在用 … */
};

/* A lease of the plan. */
struct gcon {
	char no[20];		  /* HT2019-003 */
	char subject[12];	  /* asset_no or resource_no */
	int kind;		  /* resource kind, −1 for an asset */
	bool resource;		  /* on a resource */
	const char *party;	  /* 承包方 */
	char party_id[19];	  /* 身份证号 or 统一社会信用代码 */
	int32_t person;		  /* index into the village's people, −1 for a firm */
	int32_t sign, start, end; /* days */
	int64_t rent;		  /* annual rent, fen */
	int64_t area;		  /* hundredths of a 亩, −1 when none */
	int trade;		  /* index into trades, −1 when none */
	bool arrears;		  /* planted: some rent unpaid */
};

struct gbill {
	int con;	 /* index into contracts */
	int32_t due;	 /* days */
	int64_t amount;	 /* fen */
	int32_t paid_on; /* days, GEN_NODATE when none */
	int64_t paid;	 /* fen */
};

struct vplan {
	struct gres *res;
	size_t nres;
	struct gasset *assets;
	size_t nassets;
	struct gcon *cons;
	size_t ncons;
	struct gbill *bills;
	size_t nbills;
	struct assets_gen_trade *trades;
	size_t ntrades;
};

struct pb {
	struct gen_ctx *g;	     /* the run */
	const struct gen_village *v; /* the village */
	struct arena *a;	     /* where the plan lives */
	struct gen_rng r;	     /* the village's stream */
	struct vplan *p;	     /* being built */
	size_t cap_cons, cap_bills;  /* capacities */
	int seq;		     /* contract numbers */
	int town_permille;	     /* the township's rent factor */
};

static int64_t rng(struct pb *b, int64_t lo, int64_t hi)
{
	return gen_rng_range(&b->r, lo, hi);
}

static bool chance(struct pb *b, int permille)
{
	return gen_rng_permille(&b->r, permille);
}

/* start + years − 1 day: the last day of a lease of whole years (a lease
 * from 29 February runs to 27 February). */
static int32_t years_end(int32_t start, int years)
{
	int y, m, d;
	gen_date_split(start, &y, &m, &d);
	int last = datefmt_month_days(y + years, m);
	return gen_date(y + years, m, d > last ? last : d) - 1;
}

/* Deterministic factor of a township, 850…1150 permille. */
static int town_factor(const struct gen_town *t)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = t->code; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return 850 + (int)(h % 301);
}

static void firm(struct pb *b, const char *trade, const char **name, char id[19])
{
	static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	*name = arena_printf(b->a, "%s%s%s", b->v->town->county_name,
			     firm_words[gen_rng_below(&b->r, N(firm_words))], trade);
	char first[18];
	bool coop = strstr(trade, "合作社") != NULL;
	snprintf(first, sizeof(first), "%s%.6sMA", coop ? "93" : "91", b->v->town->county_code);
	for (int i = 10; i < 17; i++)
		first[i] = alpha[gen_rng_below(&b->r, 31)];
	first[17] = '\0';
	memcpy(id, first, 17);
	id[17] = credit_code_check_char(first);
	id[18] = '\0';
}

/* A villager who may sign on day: adult, alive, not moved out, and not related
 * to a cadre on that day (unless related is wanted, then only such a one). */
static int32_t villager(struct pb *b, int32_t day, bool related)
{
	const struct gen_village *v = b->v;
	if (!v->n_people)
		return -1;
	for (int tries = 0; tries < 400; tries++) {
		int32_t i = (int32_t)gen_rng_below(&b->r, v->n_people);
		const struct gen_person *p = &v->people[i];
		int age = gen_age(p->birth, day);
		if (age < 25 || age > 72 || (p->death != GEN_NODATE && p->death <= day) ||
		    (p->moved_out != GEN_NODATE && p->moved_out <= day))
			continue;
		if (gen_related_to_cadre(v, i, day) == related)
			return i;
	}
	return -1;
}

static struct gcon *con_new(struct pb *b)
{
	if (b->p->ncons == b->cap_cons) {
		size_t cap = b->cap_cons ? b->cap_cons * 2 : 64;
		struct gcon *grown = ARENA_ARRAY(b->a, struct gcon, cap);
		if (b->p->ncons)
			memcpy(grown, b->p->cons, b->p->ncons * sizeof(*grown));
		b->p->cons = grown;
		b->cap_cons = cap;
	}
	struct gcon *c = &b->p->cons[b->p->ncons++];
	memset(c, 0, sizeof(*c));
	c->trade = -1;
	c->area = -1;
	c->kind = -1;
	c->person = -1;
	return c;
}

static void party_person(struct pb *b, struct gcon *c, bool related)
{
	int32_t i = villager(b, c->sign, related);
	if (i < 0) {
		firm(b, "农业发展有限公司", &c->party, c->party_id);
		return;
	}
	c->person = i;
	c->party = b->v->people[i].name;
	memcpy(c->party_id, b->v->people[i].id_no, 19);
}

static void lease_number(struct pb *b, struct gcon *c)
{
	snprintf(c->no, sizeof(c->no), "HT%d-%03d", gen_date_year(c->start), ++b->seq);
}

/* A rent for area (hundredths of a 亩) at ratio permille of the township's
 * usual rent per 亩 of the kind, in whole yuan. */
static int64_t land_rent(struct pb *b, int kind, int64_t area, int permille)
{
	/* yuan per 亩 × 10⁶ */
	int64_t per_mu = (int64_t)base_rent[kind] * b->town_permille * permille;
	int64_t fen = per_mu * area / 1000000;
	return fen - fen % 100;
}

/* ---- the plan ------------------------------------------------------------------------ */

#define MAX_RES	   24 /* resources of a village, room for the planted parcels */
#define MAX_ASSETS 12 /* assets of a village */

static struct gres *res_add(struct pb *b, int kind, int64_t area, const char *word)
{
	if (b->p->nres == MAX_RES)
		return NULL;
	struct gres *r = &b->p->res[b->p->nres++];
	snprintf(r->no, sizeof(r->no), "ZY-%03zu", b->p->nres);
	snprintf(r->name, sizeof(r->name), "%s%s", groups[gen_rng_below(&b->r, N(groups))], word);
	r->kind = kind;
	r->area = area;
	r->from = b->g->span_start - (int32_t)rng(b, 0, 3 * 365);
	return r;
}

static void plan_resources(struct pb *b)
{
	static const int lo[K__MAX] = {3, 0, 0, 1, 0, 0}, hi[K__MAX] = {6, 2, 1, 3, 1, 1};
	static const int alo[K__MAX] = {3000, 2000, 1000, 500, 1000, 300};
	static const int ahi[K__MAX] = {26000, 12000, 6000, 4500, 8000, 1500};
	static const char *const words[K__MAX] = {"承包地", "林地", "果园",
						  "鱼塘",   "荒地", "集体建设用地"};
	b->p->res = ARENA_ARRAY(b->a, struct gres, MAX_RES);
	for (int k = 0; k < K__MAX; k++) {
		int n = (int)rng(b, lo[k], hi[k]);
		if (b->v->community)
			n = k == K_BUILD ? (int)rng(b, 1, 2) : k == K_FARM ? (int)rng(b, 0, 1) : 0;
		for (int i = 0; i < n; i++)
			res_add(b, k, rng(b, alo[k], ahi[k]) * 10, words[k]);
	}
}

static struct gasset *asset_add(struct pb *b, const char *name, const char *category, int64_t value,
				bool leased)
{
	if (b->p->nassets == MAX_ASSETS)
		return NULL;
	struct gasset *a = &b->p->assets[b->p->nassets++];
	snprintf(a->no, sizeof(a->no), "ZC-%03zu", b->p->nassets);
	a->name = name;
	a->category = category;
	a->acquired = b->g->span_end - (int32_t)rng(b, 200, 20 * 365);
	a->value = value;
	a->leased = leased;
	a->status = leased ? "出租" : chance(b, 80) ? "闲置" : "在用";
	return a;
}

static void plan_assets(struct pb *b)
{
	static const struct {
		const char *name, *category;
		int lo, hi;   /* value, thousands of yuan */
		bool leased;  /* let out */
		int permille; /* how often a village has one */
	} kinds[] = {
	    {"村部办公楼", "房屋及建筑物", 300, 1500, false, 1000},
	    {"集体厂房", "房屋及建筑物", 200, 1000, true, 700},
	    {"沿街门面房", "房屋及建筑物", 150, 600, true, 500},
	    {"保洁车", "车辆", 50, 150, false, 800},
	    {"办公电脑", "电子设备", 5, 12, false, 900},
	    {"小型农机", "机器设备", 20, 120, false, 500},
	    {"太阳能路灯", "电子设备", 30, 90, false, 400},
	    {"文化广场健身器材", "其他设备", 10, 60, false, 600},
	};
	b->p->assets = ARENA_ARRAY(b->a, struct gasset, MAX_ASSETS);
	for (size_t i = 0; i < N(kinds); i++)
		if (chance(b, kinds[i].permille))
			asset_add(b, kinds[i].name, kinds[i].category,
				  YUAN(rng(b, kinds[i].lo, kinds[i].hi) * 1000 + rng(b, 0, 999)),
				  kinds[i].leased);
}

/* A lease of subject from start for years. */
static struct gcon *lease(struct pb *b, const char *subject, int kind, int64_t area, int32_t start,
			  int32_t end)
{
	struct gcon *c = con_new(b);
	c->start = start;
	c->end = end;
	c->sign = start - (int32_t)rng(b, 5, 30);
	snprintf(c->subject, sizeof(c->subject), "%s", subject);
	c->kind = kind;
	c->resource = kind >= 0;
	c->area = kind >= 0 ? area : -1;
	return c;
}

/* Consecutive leases of a subject through the span. */
static void plan_leases_of(struct pb *b, const char *subject, int kind, int64_t area,
			   int64_t asset_value, int32_t from)
{
	int32_t t = from;
	while (t <= b->g->span_end - 30) {
		int lo = kind >= 0 ? term_lo[kind] : 1, hi = kind >= 0 ? term_hi[kind] : 5;
		struct gcon *c =
		    lease(b, subject, kind, area, t, years_end(t, (int)rng(b, lo, hi)));
		if (kind >= 0) {
			c->rent = land_rent(b, kind, area, (int)rng(b, 900, 1100));
		} else {
			c->rent = asset_value * rng(b, 50, 90) / 1000;
			c->rent -= c->rent % 10000;
		}
		if (c->rent < YUAN(100))
			c->rent = YUAN(100);
		bool company = kind == K_BUILD || kind < 0 ? chance(b, 700) : chance(b, 120);
		if (company)
			firm(b,
			     kind == K_WATER   ? "水产养殖专业合作社"
			     : kind < 0	       ? "物流有限公司"
			     : kind == K_BUILD ? "建材有限公司"
					       : "农业发展有限公司",
			     &c->party, c->party_id);
		else
			party_person(b, c, false);
		lease_number(b, c);
		/* back to back, or after an idle spell */
		t = c->end + 1 + (chance(b, 250) ? (int32_t)rng(b, 30, 365) : 0);
	}
}

/* Drop leases that ended before the span began. */
static void keep_in_span(struct pb *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->p->ncons; i++)
		if (b->p->cons[i].end >= b->g->span_start)
			b->p->cons[n++] = b->p->cons[i];
	b->p->ncons = n;
}

/* Index of a lease to a villager on a resource signed on or after not_before,
 * or −1. */
static long pick_lease(struct pb *b, int32_t not_before)
{
	for (int tries = 0; tries < 60 && b->p->ncons; tries++) {
		size_t i = gen_rng_below(&b->r, b->p->ncons);
		const struct gcon *c = &b->p->cons[i];
		if (c->resource && c->sign >= not_before && c->trade == -1 && c->person >= 0 &&
		    c->area >= 100)
			return (long)i;
	}
	return -1;
}

/* The anomalies and their near-misses. */
static void plan_plants(struct pb *b)
{
	const struct gen_ctx *g = b->g;
	struct gcon *c;
	struct gres *r;
	struct gasset *a;
	long i;
	/* C01: a warehouse let for three years at 18,000–30,000.00 a year, never listed */
	if (gen_plant(g, &b->r, "C01", 450) &&
	    (a = asset_add(b, "闲置仓库", "房屋及建筑物", YUAN(rng(b, 300, 600) * 1000), true))) {
		int32_t start = g->span_end - (int32_t)rng(b, 400, 900);
		c = lease(b, a->no, -1, -1, start, years_end(start, 3));
		c->rent = YUAN(rng(b, 18, 30) * 1000);
		firm(b, "商贸有限公司", &c->party, c->party_id);
		lease_number(b, c);
		c->trade = -2; /* planted: no listing */
	}
	/* near-miss of C01: three years at 16,500.00, just under the threshold */
	if (chance(b, 400) && (r = res_add(b, K_BUILD, rng(b, 300, 500) * 10, "集体建设用地"))) {
		int32_t start = g->span_end - (int32_t)rng(b, 1200, 2000);
		c = lease(b, r->no, K_BUILD, r->area, start, years_end(start, 3));
		c->rent = YUAN(16500);
		party_person(b, c, false);
		lease_number(b, c);
	}
	/* C02: a rent far below the township's; its near-miss at 80 % */
	for (int k = 0; k < 2; k++)
		if ((k == 0 ? gen_plant(g, &b->r, "C02", 350) : chance(b, 350)) &&
		    (i = pick_lease(b, g->span_start)) >= 0) {
			c = &b->p->cons[i];
			c->rent = land_rent(b, c->kind, c->area, k == 0 ? 450 : 800);
		}
	/* C03: wasteland let for 32 years; its near-miss exactly 30 */
	for (int k = 0; k < 2; k++)
		if ((k == 0 ? gen_plant(g, &b->r, "C03", 350) : chance(b, 350)) &&
		    (r = res_add(b, K_WASTE, rng(b, 1000, 6000) * 10, "荒地"))) {
			int32_t start = g->span_start + (int32_t)rng(b, 0, 5 * 365);
			if (start > g->span_end) /* a short span: signed and begun within it */
				start = g->span_end;
			c = lease(b, r->no, K_WASTE, r->area, start,
				  years_end(start, k == 0 ? 32 : 30));
			c->rent = land_rent(b, K_WASTE, r->area, (int)rng(b, 950, 1050));
			party_person(b, c, false);
			lease_number(b, c);
		}
	/* C05: a lease to someone related to a cadre on the signing day */
	if (gen_plant(g, &b->r, "C05", 400) && (i = pick_lease(b, g->span_start + 365)) >= 0) {
		c = &b->p->cons[i];
		int32_t who = villager(b, c->sign, true);
		if (who >= 0) {
			c->person = who;
			c->party = b->v->people[who].name;
			memcpy(c->party_id, b->v->people[who].id_no, 19);
		}
	}
	/* C06: a second lease of a parcel while the first runs */
	if (gen_plant(g, &b->r, "C06", 350) && (i = pick_lease(b, g->span_start + 365)) >= 0) {
		struct gcon first = b->p->cons[i];
		int32_t start = first.start + (int32_t)rng(b, 60, 200);
		/* begun (and signed 5–30 days before) within the span, still overlapping
		 * the first, which began by span_end − 30 */
		if (start > g->span_end)
			start = g->span_end;
		c = lease(b, first.subject, first.kind, first.area, start, years_end(start, 2));
		c->rent = first.rent;
		party_person(b, c, false);
		lease_number(b, c);
	}
	/* C04: rent unpaid on one lease (planted in its bills) */
	if (gen_plant(g, &b->r, "C04", 500) && (i = pick_lease(b, g->span_start)) >= 0)
		b->p->cons[i].arrears = true;
}

/* A bidder for a listing closing on day: a villager unrelated to the cadres,
 * or a firm. */
static void bidder(struct pb *b, int32_t day, struct assets_gen_bid *bd)
{
	int32_t who = chance(b, 400) ? -1 : villager(b, day, false);
	if (who < 0) {
		firm(b, "农业发展有限公司", &bd->name, bd->id);
		return;
	}
	bd->name = b->v->people[who].name;
	memcpy(bd->id, b->v->people[who].id_no, 19);
}

/* The shape of a listing from a draw d of 0 … 39: by default 0 too few bids
 * (P04), 1 bids within 1 % (P05), 2 the near-miss (three bids 3 % apart), 3
 * the others.  Under --rate P04 and P05 take round(multiplier) of the 40 draws
 * each (at most 18), the extra ones from 3 on. */
static int trade_shape(struct pb *b, int d)
{
	int n04 = (gen_rate_milli(b->g, "P04") + 500) / 1000;
	int n05 = (gen_rate_milli(b->g, "P05") + 500) / 1000;
	n04 = n04 > 18 ? 18 : n04;
	n05 = n05 > 18 ? 18 : n05;
	int x04 = n04 > 1 ? n04 - 1 : 0, x05 = n05 > 1 ? n05 - 1 : 0;
	if (d <= 1)
		return (d == 0 ? n04 : n05) ? d : 3;
	if (d == 2)
		return 2;
	if (d < 3 + x04)
		return 0;
	if (d < 3 + x04 + x05)
		return 1;
	return 3;
}

/* Listings of leases worth the threshold, with their bids: the lease's
 * holder won at its rent; the others bid 5–20 % lower.  Now and then too few
 * bids (P04) or bids within 1 % of each other (P05), and their near-misses
 * (exactly three bids; bids 3 % apart). */
static void plan_trades(struct pb *b)
{
	b->p->trades = ARENA_ARRAY(b->a, struct assets_gen_trade, b->p->ncons + 1);
	int seq = 0;
	for (size_t i = 0; i < b->p->ncons; i++) {
		struct gcon *c = &b->p->cons[i];
		char s[11], e[11];
		gen_date_fmt(c->start, s);
		gen_date_fmt(c->end, e);
		if (c->trade != -1 || !assets_value_reaches(c->rent, s, e, TRADE_THRESHOLD))
			continue;
		struct assets_gen_trade *t = &b->p->trades[b->p->ntrades];
		c->trade = (int)b->p->ntrades++;
		snprintf(t->no, sizeof(t->no), "JY%d-%02d", gen_date_year(c->sign), ++seq);
		snprintf(t->subject, sizeof(t->subject), "%s", c->subject);
		t->closing = c->sign - (int32_t)rng(b, 3, 10);
		t->listed = t->closing - (int32_t)rng(b, 15, 25);
		t->final = c->rent;
		t->reserve = c->rent * rng(b, 900, 980) / 1000;
		t->reserve -= t->reserve % 1000;
		t->winner = c->party;
		memcpy(t->winner_id, c->party_id, 19);
		t->bids[0].name = c->party;
		memcpy(t->bids[0].id, c->party_id, 19);
		t->bids[0].price = c->rent;
		int shape = trade_shape(b, (int)rng(b, 0, 39));
		int nb = shape == 0 ? 2 : shape <= 2 ? 3 : (int)rng(b, 3, 5);
		t->nbids = 1;
		for (int tries = 0; t->nbids < nb && tries < 20; tries++) {
			struct assets_gen_bid *bd = &t->bids[t->nbids];
			bidder(b, t->closing, bd);
			bool dup = false;
			for (int j = 0; j < t->nbids; j++)
				dup = dup || strcmp(t->bids[j].id, bd->id) == 0;
			if (dup)
				continue;
			int k = t->nbids;
			int permille = shape == 1   ? 995 - 5 * k
				       : shape == 2 ? 985 - 15 * k
						    : (int)rng(b, 800, 950);
			bd->price = c->rent * permille / 1000;
			bd->price -= bd->price % 100;
			t->nbids++;
		}
	}
}

static struct gbill *bill_new(struct pb *b)
{
	if (b->p->nbills == b->cap_bills) {
		size_t cap = b->cap_bills ? b->cap_bills * 2 : 256;
		struct gbill *grown = ARENA_ARRAY(b->a, struct gbill, cap);
		if (b->p->nbills)
			memcpy(grown, b->p->bills, b->p->nbills * sizeof(*grown));
		b->p->bills = grown;
		b->cap_bills = cap;
	}
	return &b->p->bills[b->p->nbills++];
}

/* A bill each contract year within the span, the rent in advance (a last
 * part-year by its days); paid within three weeks, except the planted
 * arrears and, now and then, the last rent of the span (still in grace). */
static void plan_bills(struct pb *b)
{
	const struct gen_ctx *g = b->g;
	for (size_t i = 0; i < b->p->ncons; i++) {
		struct gcon *c = &b->p->cons[i];
		bool planted = false;
		for (int k = 0;; k++) {
			int32_t due = k ? years_end(c->start, k) + 1 : c->start;
			if (due > c->end || due > g->span_end)
				break;
			if (due < g->span_start)
				continue;
			struct gbill *bl = bill_new(b);
			bl->con = (int)i;
			bl->due = due;
			int32_t last = years_end(c->start, k + 1);
			bl->amount =
			    last <= c->end ? c->rent : (c->rent * (c->end - due + 1) + 182) / 365;
			int32_t room = g->span_end - due;
			bl->paid_on = due + (int32_t)rng(b, 0, room < 20 ? room : 20);
			bl->paid = bl->amount;
			if (c->arrears && !planted && due + GRACE_DAYS + 30 < g->span_end &&
			    chance(b, 500)) {
				planted = true;
				bl->paid = chance(b, 500) ? 0 : bl->amount * rng(b, 3, 7) / 10;
			}
			if (due > g->span_end - 60 && chance(b, 300))
				bl->paid = 0;
			if (!bl->paid)
				bl->paid_on = GEN_NODATE;
		}
	}
}

static struct vplan *plan_make(struct gen_ctx *g, const struct gen_village *v, struct arena *a)
{
	struct vplan *p = ARENA_NEW(a, struct vplan);
	struct pb b = {.g = g, .v = v, .a = a, .p = p};
	gen_rng_stream(g, "assets", v->index, &b.r);
	b.town_permille = town_factor(v->town);
	plan_resources(&b);
	plan_assets(&b);
	for (size_t i = 0; i < p->nres; i++)
		plan_leases_of(&b, p->res[i].no, p->res[i].kind, p->res[i].area, 0, p->res[i].from);
	for (size_t i = 0; i < p->nassets; i++)
		if (p->assets[i].leased)
			plan_leases_of(&b, p->assets[i].no, -1, -1, p->assets[i].value,
				       g->span_start - (int32_t)rng(&b, 0, 2 * 365));
	keep_in_span(&b);
	plan_plants(&b);
	plan_trades(&b);
	plan_bills(&b);
	return p;
}

enum err assets_gen_plan_make(struct gen_ctx *g, const struct gen_village *v, struct arena *a,
			      struct assets_gen_plan *out)
{
	struct vplan *p = plan_make(g, v, a);
	out->trades = p->trades;
	out->n_trades = p->ntrades;
	return E_OK;
}

/* ---- ground truth ------------------------------------------------------------------- */

/* A lease's rent per 亩 (fen per 亩 × 10⁴) on a resource of a township. */
struct sample {
	int kind;	/* enum kind */
	int village;	/* index of the village */
	const char *no; /* contract_no */
	int64_t per_mu; /* rent × 10⁶ / area (area in hundredths) */
};

static int cmp_sample(const void *x, const void *y)
{
	const struct sample *a = x, *b = y;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	return (a->per_mu > b->per_mu) - (a->per_mu < b->per_mu);
}

struct assets_state {
	struct gen_csv *assets;	     /* assets.csv */
	struct gen_csv *resources;   /* resources.csv */
	struct gen_csv *contracts;   /* contracts.csv */
	struct gen_csv *bills;	     /* contract_bills.csv */
	const struct gen_town *town; /* the township of samples */
	struct arena town_arena;     /* its plans and samples */
	struct sample *samples;	     /* rents per 亩 of its resource leases, by kind, ascending */
	size_t nsamples;	     /* entries in samples */
	bool failed;		     /* a village failed: no C02 truth at close */
};

/* The resource of a lease, so that its kind is the resource's (rules.md: a
 * subject that names no resource has no kind). */
static const struct gres *lease_resource(const struct vplan *p, const struct gcon *c)
{
	for (size_t i = 0; i < p->nres; i++)
		if (strcmp(p->res[i].no, c->subject) == 0)
			return &p->res[i];
	return NULL;
}

static void town_samples(struct gen_ctx *g, struct assets_state *st, const struct gen_town *t)
{
	arena_release(&st->town_arena);
	st->town = t;
	size_t cap = 256, n = 0;
	struct sample *s = ARENA_ARRAY(&st->town_arena, struct sample, cap);
	for (size_t w = 0; w < g->n_villages; w++) {
		if (g->villages[w].town != t)
			continue;
		struct vplan *p = plan_make(g, &g->villages[w], &st->town_arena);
		for (size_t i = 0; i < p->ncons; i++) {
			const struct gcon *c = &p->cons[i];
			const struct gres *r = lease_resource(p, c);
			if (!r || c->area < 100)
				continue;
			if (n == cap) {
				struct sample *grown =
				    ARENA_ARRAY(&st->town_arena, struct sample, cap * 2);
				memcpy(grown, s, n * sizeof(*s));
				s = grown;
				cap *= 2;
			}
			s[n++] =
			    (struct sample){r->kind, (int)w, c->no, c->rent * 1000000 / c->area};
		}
	}
	qsort(s, n, sizeof(*s), cmp_sample);
	st->samples = s;
	st->nsamples = n;
}

/* rules.md C02 for one lease: rent per 亩 below 0.7 × the median of the other
 * leases of its kind in the township (at least five of them). */
static bool low_rent(const struct assets_state *st, int village, const char *no, int kind,
		     int64_t per_mu)
{
	size_t from = 0, to;
	while (from < st->nsamples && st->samples[from].kind != kind)
		from++;
	for (to = from; to < st->nsamples && st->samples[to].kind == kind; to++)
		;
	size_t self = to;
	for (size_t i = from; i < to; i++)
		if (st->samples[i].village == village && strcmp(st->samples[i].no, no) == 0)
			self = i;
	size_t n = to - from - (self < to);
	if (n < 5)
		return false;
		/* the k-th of the others, skipping self */
#define OTHER(k) st->samples[from + (k) + (self < to && from + (k) >= self)].per_mu
	int64_t twice = n % 2 ? 2 * OTHER(n / 2) : OTHER(n / 2 - 1) + OTHER(n / 2);
#undef OTHER
	return per_mu * 20 < 7 * twice;
}

static bool term_exceeds(int32_t start, int32_t end, int years)
{
	return end >= years_end(start, years) + 1;
}

static enum err truth(struct gen_ctx *g, const struct gen_village *v, const struct vplan *p,
		      struct errinfo *ei)
{
	enum err e = E_OK;
	char s[11], en[11];
	for (size_t i = 0; e == E_OK && i < p->ncons; i++) {
		const struct gcon *c = &p->cons[i];
		gen_date_fmt(c->start, s);
		gen_date_fmt(c->end, en);
		if (c->trade < 0 && assets_value_reaches(c->rent, s, en, TRADE_THRESHOLD))
			e = gen_truth_add(g, "C01", v, c->no,
					  "年租金×年限达到进场交易标准，未经产权交易", ei);
		const struct gres *r = lease_resource(p, c);
		if (e == E_OK &&
		    term_exceeds(c->start, c->end,
				 r ? ASSETS_MAX_RESOURCE_YEARS : ASSETS_MAX_ASSET_YEARS) &&
		    (r || !c->resource))
			e = gen_truth_add(g, "C03", v, c->no, "租期超过法定上限", ei);
		bool owed = false;
		for (size_t k = 0; k < p->nbills; k++) {
			const struct gbill *bl = &p->bills[k];
			owed = owed || (bl->con == (int)i && bl->due + GRACE_DAYS < g->span_end &&
					bl->paid < bl->amount);
		}
		if (e == E_OK && owed)
			e = gen_truth_add(g, "C04", v, c->no, "租金拖欠超过90天", ei);
		if (e == E_OK && c->person >= 0 && gen_related_to_cadre(v, c->person, c->sign))
			e = gen_truth_add(g, "C05", v, c->no, "承包方为干部或其亲属", ei);
		for (size_t k = i + 1; e == E_OK && k < p->ncons; k++) {
			const struct gcon *o = &p->cons[k];
			if (strcmp(o->subject, c->subject) != 0 || o->start > c->end ||
			    o->end < c->start)
				continue;
			const char *lo = strcmp(c->no, o->no) < 0 ? c->no : o->no;
			const char *hi = lo == c->no ? o->no : c->no;
			e = gen_truth_add(g, "C06", v, arena_printf(&g->arena, "%s,%s", lo, hi),
					  "同一标的合同期重叠", ei);
		}
	}
	return e;
}

/* ---- files ---------------------------------------------------------------------------- */

static enum err assets_open(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const h_assets[] = {"village_code", "asset_no",	"name",
					       "category",     "acquired_date", "original_value",
					       "location",     "status"};
	static const char *const h_res[] = {"village_code", "resource_no", "name",
					    "kind",	    "area_mu",	   "location"};
	static const char *const h_con[] = {"village_code", "contract_no",     "subject_no",
					    "counterparty", "counterparty_id", "sign_date",
					    "start_date",   "end_date",	       "annual_rent",
					    "area_mu",	    "trade_no",	       "matter_no"};
	static const char *const h_bills[] = {"village_code", "contract_no", "due_date",
					      "amount_due",   "paid_date",   "amount_paid"};
	struct assets_state *st = ARENA_NEW(&g->arena, struct assets_state);
	arena_init(&st->town_arena);
	*state = st;
	enum err e;
	if ((e = gen_csv_open(g, "assets.csv", h_assets, N(h_assets), &st->assets, ei)) != E_OK ||
	    (e = gen_csv_open(g, "resources.csv", h_res, N(h_res), &st->resources, ei)) != E_OK ||
	    (e = gen_csv_open(g, "contracts.csv", h_con, N(h_con), &st->contracts, ei)) != E_OK ||
	    (e = gen_csv_open(g, "contract_bills.csv", h_bills, N(h_bills), &st->bills, ei)) !=
		E_OK)
		return e;
	return E_OK;
}

static enum err write_plan(struct assets_state *st, const struct gen_village *v,
			   const struct vplan *p, struct errinfo *ei)
{
	char d1[11], d2[11], d3[11], m1[MONEY_BUF], m2[MONEY_BUF], area[32];
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < p->nassets; i++) {
		const struct gasset *a = &p->assets[i];
		gen_date_fmt(a->acquired, d1);
		money_format(a->value, m1);
		const char *row[] = {v->code, a->no, a->name, a->category,
				     d1,      m1,    "村部",  a->status};
		e = gen_csv_row(st->assets, row, ei);
	}
	for (size_t i = 0; e == E_OK && i < p->nres; i++) {
		const struct gres *r = &p->res[i];
		assets_area_format(r->area, area);
		const char *row[] = {v->code, r->no, r->name, kind_names[r->kind], area, r->name};
		e = gen_csv_row(st->resources, row, ei);
	}
	for (size_t i = 0; e == E_OK && i < p->ncons; i++) {
		const struct gcon *c = &p->cons[i];
		gen_date_fmt(c->sign, d1);
		gen_date_fmt(c->start, d2);
		gen_date_fmt(c->end, d3);
		money_format(c->rent, m1);
		area[0] = '\0';
		if (c->area >= 0)
			assets_area_format(c->area, area);
		const char *row[] = {v->code,
				     c->no,
				     c->subject,
				     c->party,
				     c->party_id,
				     d1,
				     d2,
				     d3,
				     m1,
				     area,
				     c->trade >= 0 ? p->trades[c->trade].no : "",
				     ""};
		e = gen_csv_row(st->contracts, row, ei);
	}
	for (size_t i = 0; e == E_OK && i < p->nbills; i++) {
		const struct gbill *bl = &p->bills[i];
		gen_date_fmt(bl->due, d1);
		gen_date_fmt(bl->paid_on, d2);
		money_format(bl->amount, m1);
		money_format(bl->paid, m2);
		const char *row[] = {v->code, p->cons[bl->con].no, d1, m1, d2, bl->paid ? m2 : ""};
		e = gen_csv_row(st->bills, row, ei);
	}
	return e;
}

static enum err assets_village(struct gen_ctx *g, void *state, struct gen_village *v,
			       struct errinfo *ei)
{
	struct assets_state *st = state;
	struct arena a;
	arena_init(&a);
	struct vplan *p = plan_make(g, v, &a);
	enum err e = write_plan(st, v, p, ei);
	if (e == E_OK)
		e = truth(g, v, p, ei);
	arena_release(&a);
	st->failed = st->failed || e != E_OK;
	return e;
}

/* C02 needs every lease of the township: once all villages are written (and
 * all their people known), each township's plans are made again, in its own
 * arena, and their low rents written to the ground truth. */
static enum err low_rent_truth(struct gen_ctx *g, struct assets_state *st, struct errinfo *ei)
{
	enum err e = E_OK;
	for (size_t w = 0; e == E_OK && w < g->n_villages; w++) {
		const struct gen_village *v = &g->villages[w];
		if (st->town != v->town)
			town_samples(g, st, v->town);
		struct arena a;
		arena_init(&a);
		struct vplan *p = plan_make(g, v, &a);
		for (size_t i = 0; e == E_OK && i < p->ncons; i++) {
			const struct gcon *c = &p->cons[i];
			const struct gres *r = lease_resource(p, c);
			if (r && c->area >= 100 &&
			    low_rent(st, v->index, c->no, r->kind, c->rent * 1000000 / c->area))
				e = gen_truth_add(g, "C02", v, c->no,
						  "每亩租金低于本镇同类资源中位数的70%", ei);
		}
		arena_release(&a);
	}
	return e;
}

static enum err assets_close(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	struct assets_state *st = state;
	enum err e = st->failed ? E_OK : low_rent_truth(g, st, ei), c;
	struct gen_csv *files[] = {st->assets, st->resources, st->contracts, st->bills};
	for (size_t i = 0; i < N(files); i++)
		if ((c = gen_csv_close(files[i], e == E_OK ? ei : &(struct errinfo){0})) != E_OK &&
		    e == E_OK)
			e = c;
	arena_release(&st->town_arena);
	return e;
}

const struct gen_module assets_gen_module = {"assets", assets_open, assets_village, assets_close};
