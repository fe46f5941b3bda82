/*
 * The org module's generator: villages.csv, people.csv, positions.csv,
 * relatives.csv and archive_events.csv of domain/formats.md for each village the
 * driver (gen.c) hands it, and the ground truth of the cadre rules these files
 * alone decide (K01, K02, K05 of domain/rules.md, as a scan with as_of = the span's
 * last day sees them).  Villagers are a sample: every cadre with a family around
 * them, and ordinary households up to about one person per three households.
 * Terms follow the five-year 换届 of 2021, 2016, 2011 … with occasional departures
 * mid-term.  It must not draw randomness outside its own streams, and it stores
 * people, positions and relatives on the village for the generators after it.
 */
#include "mod/gen.h"

#include <stdlib.h>
#include <string.h>

/* ---- growable arrays, reused from village to village ------------------------------ */

struct vec {
	void *p;    /* elements */
	size_t n;   /* elements used */
	size_t cap; /* elements allocated */
};

static void *vec_push(struct vec *v, size_t size)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 64;
		void *p = realloc(v->p, cap * size);
		if (!p)
			abort();
		v->p = p;
		v->cap = cap;
	}
	void *e = (char *)v->p + v->n++ * size;
	memset(e, 0, size);
	return e;
}

/* n zeroed bytes of v, which then holds bytes; valid until the next call. */
static void *vec_bytes(struct vec *v, size_t n)
{
	v->n = 0;
	if (n > v->cap) {
		free(v->p);
		v->p = malloc(n);
		if (!v->p)
			abort();
		v->cap = n;
	}
	if (n)
		memset(v->p, 0, n);
	return v->p;
}

static void vec_free(struct vec *v)
{
	free(v->p);
	v->p = NULL;
	v->n = v->cap = 0;
}

/* ---- what one village is built from ------------------------------------------------- */

enum ev_kind {
	EV_CHENGNUO, /* 廉政承诺 */
	EV_SHUZHI,   /* 述职述廉 */
	EV_TANXIN,   /* 谈心谈话 */
	EV_PINGYI,   /* 民主评议 */
	EV_JIAFANG,  /* 廉政家访 */
	EV__MAX,
};

static const char *const ev_names[EV__MAX] = {"廉政承诺", "述职述廉", "谈心谈话", "民主评议",
					      "廉政家访"};

static const char *const ev_notes[] = {
    "",
    /* 民主评议 */
    "优秀",
    "称职",
    "基本称职",
    "不称职",
    /* 谈心谈话 */
    "镇党委谈心谈话",
    "镇纪委谈心谈话",
    "包村领导谈心谈话",
    /* 廉政家访 */
    "家属签订家庭助廉承诺书",
};
enum { NOTE_NONE = 0, NOTE_PINGYI = 1, NOTE_TANXIN = 5, NOTE_JIAFANG = 8 };

struct event {
	int32_t person; /* index into people */
	int32_t date;	/* days */
	uint8_t kind;	/* enum ev_kind */
	uint8_t note;	/* index into ev_notes */
};

struct org_state {
	struct gen_csv *villages;  /* villages.csv */
	struct gen_csv *people;	   /* people.csv */
	struct gen_csv *positions; /* positions.csv */
	struct gen_csv *relatives; /* relatives.csv */
	struct gen_csv *events;	   /* archive_events.csv */
	struct vec pv;		   /* struct gen_person of the village being built */
	struct vec posv;	   /* struct gen_position */
	struct vec relv;	   /* struct gen_relative; declared = earliest allowed day */
	struct vec evv;		   /* struct event */
	struct vec scratch;	   /* bytes: sort keys, per-person masks */
};

struct build {
	struct gen_ctx *g;     /* the run */
	struct org_state *st;  /* arrays */
	struct gen_village *v; /* the village */
	struct gen_rng r;      /* the village's stream */
	size_t clan[3];	       /* the village's clan surnames */
	size_t n_clan;	       /* entries in clan */
	int32_t *hh;	       /* household numbers not yet given out */
	size_t hh_left;	       /* entries of hh still free */
	int lax;	       /* permille of yearly duties skipped here */
};

#define PEOPLE(b) ((struct gen_person *)(b)->st->pv.p)
#define POS(b)	  ((struct gen_position *)(b)->st->posv.p)
#define RELS(b)	  ((struct gen_relative *)(b)->st->relv.p)
#define EVENTS(b) ((struct event *)(b)->st->evv.p)

static int32_t range32(struct build *b, int lo, int hi)
{
	return (int32_t)gen_rng_range(&b->r, lo, hi);
}

static bool chance(struct build *b, int permille)
{
	return gen_rng_permille(&b->r, permille);
}

/* A birth date for someone `age` years old on day `on`. */
static int32_t birth_for_age(struct build *b, int age, int32_t on)
{
	int y, m, d;
	gen_date_split(on, &y, &m, &d);
	int32_t birth = gen_date(y - age - 1, m, d) + 1 + range32(b, 0, 364);
	while (gen_age(birth, on) > age)
		birth++;
	while (gen_age(birth, on) < age)
		birth--;
	return birth;
}

static int32_t household_new(struct build *b)
{
	if (!b->hh_left) /* a tiny village full of sampled households: share one */
		return range32(b, 1, b->v->households);
	size_t i = (size_t)gen_rng_below(&b->r, b->hh_left);
	int32_t h = b->hh[i];
	b->hh[i] = b->hh[--b->hh_left];
	return h;
}

static int32_t person_new(struct build *b, enum gen_gender gender, size_t surname, int32_t birth,
			  int32_t household, int rank)
{
	struct gen_person *p = vec_push(&b->st->pv, sizeof(*p));
	p->gender = (uint8_t)gender;
	p->surname = (uint16_t)surname;
	p->birth = birth;
	p->death = GEN_NODATE;
	p->moved_out = GEN_NODATE;
	p->household = household;
	p->rank = rank;
	gen_name_make(&b->r, surname, gender, gen_date_year(birth), p->name, sizeof(p->name));
	gen_idno_new(b->g, &b->r, gen_idno_county(&b->r, b->v), birth, gender, p->id_no);
	int age = gen_age(birth, b->g->span_end);
	if (chance(b, age >= 75 ? 500 : 880))
		gen_phone_make(&b->r, p->phone);
	p->party = chance(b, age >= 30 ? 110 : 60);
	return (int32_t)(b->st->pv.n - 1);
}

static enum gen_gender other_gender(enum gen_gender g)
{
	return g == GEN_MALE ? GEN_FEMALE : GEN_MALE;
}

static enum gen_gender gender_draw(struct build *b, int male_permille)
{
	return chance(b, male_permille) ? GEN_MALE : GEN_FEMALE;
}

static size_t surname_draw(struct build *b)
{
	return gen_surname_pick(&b->r, b->clan, b->n_clan);
}

static int age_at_end(struct build *b, int32_t person)
{
	return gen_age(PEOPLE(b)[person].birth, b->g->span_end);
}

/* A relation the cadre declares, with probability permille; `earliest` is the
 * first day it can be declared (GEN_NODATE: any day of the cadre's terms). */
static void declare(struct build *b, int32_t cadre, int32_t relative, enum gen_relation rel,
		    int permille, int32_t earliest)
{
	if (!chance(b, permille))
		return;
	struct gen_relative *r = vec_push(&b->st->relv, sizeof(*r));
	r->cadre = cadre;
	r->relative = relative;
	r->relation = (uint8_t)rel;
	r->declared = earliest;
	PEOPLE(b)[relative].relative = true;
}

static int32_t years_after(int32_t day, int years)
{
	int y, m, d;
	gen_date_split(day, &y, &m, &d);
	return gen_date(y + years, m, d == 29 && m == 2 ? 28 : d);
}

/* The people around a new cadre: spouse, children and their spouses, parents,
 * siblings, parents-in-law; each in the cadre's household or one of their own. */
static void family_build(struct build *b, int32_t c)
{
	const int32_t end = b->g->span_end;
	struct gen_person cp = PEOPLE(b)[c]; /* a copy: pushes move the array */
	int age = age_at_end(b, c);
	bool male = cp.gender == GEN_MALE;
	size_t kids_surname = cp.surname;
	int32_t spouse = -1;
	if (chance(b, 920)) {
		int sa = male ? age - range32(b, -2, 5) : age + range32(b, -2, 5);
		if (sa >= 20 && sa <= 90) {
			size_t ss = surname_draw(b);
			spouse = person_new(b, other_gender(cp.gender), ss,
					    birth_for_age(b, sa, end), cp.household, male ? 1 : 0);
			if (!male) { /* her husband heads the household */
				kids_surname = ss;
				PEOPLE(b)[c].rank = 1;
			}
			declare(b, c, spouse, GEN_REL_SPOUSE, 960, GEN_NODATE);
		}
	}
	if (age >= 41) {
		static const uint32_t nkids_w[3] = {100, 550, 350};
		size_t nk = gen_rng_weighted(&b->r, nkids_w, 3);
		for (size_t k = 0; k < nk; k++) {
			int ca = age - range32(b, 23, 32);
			if (ca < 18)
				continue;
			int32_t hh = cp.household;
			int rank = 4 + 2 * (int)k;
			if (ca >= 28 && chance(b, 400)) {
				hh = household_new(b);
				rank = 0;
			}
			enum gen_gender cg = gender_draw(b, 520);
			int32_t child =
			    person_new(b, cg, kids_surname, birth_for_age(b, ca, end), hh, rank);
			declare(b, c, child, GEN_REL_CHILD, 920, GEN_NODATE);
			if (ca >= 26 && chance(b, 550)) {
				int sa = ca + range32(b, -2, 3);
				int32_t cs = person_new(b, other_gender(cg), surname_draw(b),
							birth_for_age(b, sa, end), hh, rank + 1);
				/* Declared once they had married, at 23 or later. */
				declare(b, c, cs, GEN_REL_CHILD_SPOUSE, 850,
					years_after(PEOPLE(b)[child].birth, 23));
			}
		}
	}
	if (age <= 62) {
		int fa = age + range32(b, 23, 32);
		int ma = fa - range32(b, 0, 4);
		bool with_us = male && chance(b, 500);
		int32_t hh = with_us ? cp.household : household_new(b);
		int rank = with_us ? 2 : 0;
		if (fa <= 90 && chance(b, 700)) {
			int32_t f = person_new(b, GEN_MALE, cp.surname, birth_for_age(b, fa, end),
					       hh, rank);
			declare(b, c, f, GEN_REL_PARENT, 900, GEN_NODATE);
		}
		if (ma <= 90 && chance(b, 750)) {
			int32_t m = person_new(b, GEN_FEMALE, surname_draw(b),
					       birth_for_age(b, ma, end), hh, rank + 1);
			declare(b, c, m, GEN_REL_PARENT, 900, GEN_NODATE);
		}
	}
	static const uint32_t nsib_w[3] = {300, 450, 250};
	size_t ns = gen_rng_weighted(&b->r, nsib_w, 3);
	for (size_t k = 0; k < ns; k++) {
		int sa = age + range32(b, -8, 8);
		if (sa < 18 || sa > 90)
			continue;
		int32_t hh = household_new(b);
		enum gen_gender sg = gender_draw(b, 500);
		int32_t sib = person_new(b, sg, cp.surname, birth_for_age(b, sa, end), hh,
					 sg == GEN_MALE ? 0 : 1);
		if (chance(b, 700)) {
			int pa = sa + (sg == GEN_MALE ? -range32(b, 0, 4) : range32(b, 0, 4));
			if (pa >= 18 && pa <= 90)
				person_new(b, other_gender(sg), surname_draw(b),
					   birth_for_age(b, pa, end), hh, sg == GEN_MALE ? 1 : 0);
		}
		declare(b, c, sib, GEN_REL_SIBLING, 800, GEN_NODATE);
	}
	if (spouse >= 0 && age_at_end(b, spouse) <= 62 && chance(b, 550)) {
		struct gen_person sp = PEOPLE(b)[spouse];
		int fa = age_at_end(b, spouse) + range32(b, 23, 32);
		int ma = fa - range32(b, 0, 4);
		int32_t hh = household_new(b);
		if (fa <= 90 && chance(b, 700)) {
			int32_t f =
			    person_new(b, GEN_MALE, sp.surname, birth_for_age(b, fa, end), hh, 0);
			declare(b, c, f, GEN_REL_SPOUSE_PARENT, 850, GEN_NODATE);
		}
		if (ma <= 90 && chance(b, 750)) {
			int32_t m = person_new(b, GEN_FEMALE, surname_draw(b),
					       birth_for_age(b, ma, end), hh, 1);
			declare(b, c, m, GEN_REL_SPOUSE_PARENT, 850, GEN_NODATE);
		}
	}
}

/* An ordinary sampled household: head, spouse, grown children, an old parent;
 * some of them died or moved away during the span. */
static void household_ordinary(struct build *b)
{
	const int32_t end = b->g->span_end;
	int32_t hh = household_new(b);
	static const uint32_t band_w[4] = {150, 400, 350, 100};
	static const int band_lo[4] = {25, 40, 60, 76}, band_hi[4] = {39, 59, 75, 88};
	size_t band = gen_rng_weighted(&b->r, band_w, 4);
	int age = range32(b, band_lo[band], band_hi[band]);
	enum gen_gender hg = gender_draw(b, 850);
	size_t hs = surname_draw(b);
	size_t first = b->st->pv.n;
	person_new(b, hg, hs, birth_for_age(b, age, end), hh, 0);
	size_t father_surname = hs;
	if (chance(b, age < 80 ? 820 : 450)) {
		int sa = hg == GEN_MALE ? age - range32(b, -2, 5) : age + range32(b, -2, 5);
		if (sa >= 18 && sa <= 90) {
			size_t ss = surname_draw(b);
			person_new(b, other_gender(hg), ss, birth_for_age(b, sa, end), hh, 1);
			if (hg == GEN_FEMALE)
				father_surname = ss;
		}
	}
	if (age >= 45 && chance(b, 500)) {
		int nk = range32(b, 1, 2);
		for (int k = 0; k < nk; k++) {
			int ca = age - range32(b, 22, 32);
			if (ca >= 18)
				person_new(b, gender_draw(b, 520), father_surname,
					   birth_for_age(b, ca, end), hh, 4 + k);
		}
	}
	if (age <= 55 && chance(b, 200)) {
		int pa = age + range32(b, 22, 30);
		if (pa <= 90) {
			enum gen_gender pg = gender_draw(b, 400);
			person_new(b, pg, pg == GEN_MALE ? hs : surname_draw(b),
				   birth_for_age(b, pa, end), hh, 2);
		}
	}
	int32_t span = b->g->span_end - b->g->span_start;
	for (size_t i = first; i < b->st->pv.n; i++) {
		struct gen_person *p = &PEOPLE(b)[i];
		int a = gen_age(p->birth, end);
		if (a >= 62 && chance(b, 140))
			p->death = b->g->span_start + range32(b, 0, span);
		else if (a <= 45 && chance(b, 60))
			p->moved_out = b->g->span_start + range32(b, 0, span);
	}
}

/* ---- posts and terms ---------------------------------------------------------------------- */

#define MAX_SEATS 12

struct seat {
	uint8_t post;	/* enum gen_post */
	int32_t person; /* holder, -1 while vacant */
	int32_t pos;	/* the holder's open position row, -1 while vacant */
};

struct term {
	int year;      /* election year */
	int32_t party; /* 党组织换届: 书记, 副书记, 纪检委员 start */
	int32_t comm;  /* 村(居)委会 and 监委会 election: the other posts start */
	int32_t bz;    /* 报账员 appointed */
};

static bool is_party_post(int post)
{
	return post == GEN_POST_SHUJI || post == GEN_POST_FUSHUJI || post == GEN_POST_JIJIAN;
}

static int32_t post_start(const struct term *t, int post)
{
	if (post == GEN_POST_BAOZHANG)
		return t->bz;
	return is_party_post(post) ? t->party : t->comm;
}

struct post_profile {
	int male;   /* permille of men among new holders */
	int age_lo; /* age when first taking the post */
	int age_hi; /* … */
	int party;  /* permille of party members */
	int stay;   /* permille re-elected at the next 换届 */
};

static const struct post_profile profiles[GEN_POST__MAX] = {
    [GEN_POST_SHUJI] = {880, 34, 50, 1000, 750},   [GEN_POST_ZHUREN] = {850, 32, 50, 900, 700},
    [GEN_POST_FUSHUJI] = {750, 30, 45, 1000, 700}, [GEN_POST_FUZHUREN] = {700, 30, 50, 600, 600},
    [GEN_POST_WEIYUAN] = {550, 26, 48, 800, 600},  [GEN_POST_JIJIAN] = {650, 30, 50, 1000, 650},
    [GEN_POST_JWZHUREN] = {750, 38, 55, 700, 600}, [GEN_POST_JWWEIYUAN] = {600, 30, 55, 400, 550},
    [GEN_POST_BAOZHANG] = {450, 25, 45, 600, 800}, [GEN_POST_KUAIJI] = {450, 25, 45, 600, 800},
    [GEN_POST_CHUNA] = {450, 25, 45, 600, 800},
};

static void make_party(struct build *b, int32_t person, int post)
{
	if (profiles[post].party >= 1000)
		PEOPLE(b)[person].party = true;
}

/* A villager new to office, with a family, `age_lo…age_hi` years old on `on`. */
static int32_t cadre_new(struct build *b, int post, int32_t on, bool force_female)
{
	const struct post_profile *pf = &profiles[post];
	enum gen_gender g = force_female ? GEN_FEMALE : gender_draw(b, pf->male);
	int age = range32(b, pf->age_lo, pf->age_hi);
	int32_t c =
	    person_new(b, g, surname_draw(b), birth_for_age(b, age, on), household_new(b), 0);
	PEOPLE(b)[c].cadre = true;
	PEOPLE(b)[c].party = chance(b, pf->party);
	make_party(b, c, post);
	family_build(b, c);
	return c;
}

static int32_t pos_open(struct build *b, int32_t person, int post, int32_t start)
{
	struct gen_position *p = vec_push(&b->st->posv, sizeof(*p));
	p->person = person;
	p->post = (uint8_t)post;
	p->start = start;
	p->end = GEN_NODATE;
	make_party(b, person, post);
	PEOPLE(b)[person].cadre = true;
	return (int32_t)(b->st->posv.n - 1);
}

/* Someone who held a post in the last term and may stand again. */
struct cand {
	int32_t person; /* who */
	uint8_t post;	/* their first post last term */
	bool stays;	/* re-elected */
	bool used;	/* given a seat this term */
};

static int32_t cand_take(struct cand *c, size_t n, int post)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].stays && !c[i].used && (post < 0 || c[i].post == post)) {
			c[i].used = true;
			return c[i].person;
		}
	return -1;
}

/* A two-committee member (书记, 主任, 副书记, 委员, 纪检委员) standing again. */
static int32_t cand_take_liangwei(struct cand *c, size_t n)
{
	static const int order[] = {GEN_POST_WEIYUAN, GEN_POST_FUSHUJI, GEN_POST_ZHUREN,
				    GEN_POST_JIJIAN};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		int32_t p = cand_take(c, n, order[i]);
		if (p >= 0)
			return p;
	}
	return -1;
}

static void seat_add(struct seat *s, size_t *n, int post, int32_t person)
{
	s[*n].post = (uint8_t)post;
	s[*n].person = person;
	s[*n].pos = -1;
	(*n)++;
}

/* A brother or sister of cadre c, with a household (and spouse) of their own,
 * declared by c; about c's age on day `on`. */
static int32_t sibling_of(struct build *b, int32_t c, int32_t on)
{
	struct gen_person cp = PEOPLE(b)[c];
	int age = gen_age(cp.birth, on) + range32(b, -8, 8);
	age = age < 28 ? 28 : age > 60 ? 60 : age;
	enum gen_gender sg = gender_draw(b, 600);
	int32_t hh = household_new(b);
	int32_t sib =
	    person_new(b, sg, cp.surname, birth_for_age(b, age, on), hh, sg == GEN_MALE ? 0 : 1);
	if (chance(b, 800)) {
		int32_t sp = person_new(b, other_gender(sg), surname_draw(b),
					birth_for_age(b, age + range32(b, -3, 3), on), hh,
					sg == GEN_MALE ? 1 : 0);
		declare(b, sib, sp, GEN_REL_SPOUSE, 1000, GEN_NODATE);
	}
	declare(b, c, sib, GEN_REL_SIBLING, 1000, GEN_NODATE);
	return sib;
}

/* The holders of term t's posts, from last term's holders (prev) and newcomers. */
static size_t term_roster(struct build *b, const struct term *t, const struct seat *prev,
			  size_t n_prev, struct seat *cur, bool last_term)
{
	struct cand c[MAX_SEATS];
	size_t nc = 0;
	for (size_t i = 0; i < n_prev; i++) {
		if (prev[i].person < 0)
			continue;
		bool dup = false;
		for (size_t j = 0; j < nc; j++)
			dup |= c[j].person == prev[i].person;
		if (dup)
			continue;
		int age = gen_age(PEOPLE(b)[prev[i].person].birth, t->party);
		int limit = prev[i].post == GEN_POST_SHUJI ? 60 : 58;
		c[nc] =
		    (struct cand){prev[i].person, prev[i].post,
				  age <= limit && chance(b, profiles[prev[i].post].stay), false};
		nc++;
	}
	size_t n = 0;
	int32_t p;

	/* 书记: the incumbent, else often someone from the two committees, else a
	 * newcomer (回引人才, 选派). */
	if ((p = cand_take(c, nc, GEN_POST_SHUJI)) < 0 && chance(b, 550))
		if ((p = cand_take(c, nc, GEN_POST_FUSHUJI)) < 0 &&
		    (p = cand_take(c, nc, GEN_POST_ZHUREN)) < 0)
			p = cand_take(c, nc, GEN_POST_WEIYUAN);
	int32_t shuji = p >= 0 ? p : cadre_new(b, GEN_POST_SHUJI, t->party, false);
	seat_add(cur, &n, GEN_POST_SHUJI, shuji);

	/* 主任: 一肩挑 far more often since the 2021 换届. */
	bool yijiantiao = chance(b, t->year >= 2021 ? 850 : 550);
	if (yijiantiao)
		p = shuji;
	else if ((p = cand_take(c, nc, GEN_POST_ZHUREN)) < 0)
		p = cand_take(c, nc, GEN_POST_WEIYUAN);
	seat_add(cur, &n, GEN_POST_ZHUREN,
		 p >= 0 ? p : cadre_new(b, GEN_POST_ZHUREN, t->comm, false));

	if (chance(b, 400)) {
		if ((p = cand_take(c, nc, GEN_POST_FUSHUJI)) < 0)
			p = cand_take(c, nc, GEN_POST_WEIYUAN);
		seat_add(cur, &n, GEN_POST_FUSHUJI,
			 p >= 0 ? p : cadre_new(b, GEN_POST_FUSHUJI, t->party, false));
	}

	int n_wy = range32(b, 2, 4);
	size_t wy_first = n;
	bool woman = false;
	for (int k = 0; k < n_wy; k++) {
		p = cand_take_liangwei(c, nc);
		/* The last seat goes to a woman (妇女主任) if none sits yet. */
		bool need_woman = k == n_wy - 1 && !woman;
		if (p >= 0 && need_woman && PEOPLE(b)[p].gender != GEN_FEMALE)
			p = -1;
		if (p < 0)
			p = cadre_new(b, GEN_POST_WEIYUAN, t->comm, need_woman);
		woman |= PEOPLE(b)[p].gender == GEN_FEMALE;
		seat_add(cur, &n, GEN_POST_WEIYUAN, p);
	}

	/* 纪检委员: half the time one of the 委员 also serves. */
	if (chance(b, 500))
		p = cur[wy_first + gen_rng_below(&b->r, (uint64_t)n_wy)].person;
	else if ((p = cand_take(c, nc, GEN_POST_JIJIAN)) < 0)
		p = cadre_new(b, GEN_POST_JIJIAN, t->party, false);
	seat_add(cur, &n, GEN_POST_JIJIAN, p);

	/* 监委会: its own people, never holding another post (组织法 第三十二条). */
	if ((p = cand_take(c, nc, GEN_POST_JWZHUREN)) < 0 &&
	    (p = cand_take(c, nc, GEN_POST_JWWEIYUAN)) < 0)
		p = cadre_new(b, GEN_POST_JWZHUREN, t->comm, false);
	seat_add(cur, &n, GEN_POST_JWZHUREN, p);
	/* Planted (K05): in some villages the 书记's brother or sister sits on the
	 * 监委会 of the current term, the kinship declared. */
	bool plant = last_term && gen_plant(b->g, &b->r, "K05", 120);
	for (int k = 0; k < 2; k++) {
		if (plant && k == 1)
			p = sibling_of(b, shuji, t->comm);
		else if ((p = cand_take(c, nc, GEN_POST_JWWEIYUAN)) < 0)
			p = cadre_new(b, GEN_POST_JWWEIYUAN, t->comm, false);
		seat_add(cur, &n, GEN_POST_JWWEIYUAN, p);
	}

	if ((p = cand_take(c, nc, GEN_POST_BAOZHANG)) < 0)
		p = cadre_new(b, GEN_POST_BAOZHANG, t->bz, false);
	seat_add(cur, &n, GEN_POST_BAOZHANG, p);

	return n;
}

static void seat_fill(struct build *b, struct seat *s, int32_t person, int32_t start)
{
	s->person = person;
	s->pos = pos_open(b, person, s->post, start);
}

static void seat_vacate(struct build *b, struct seat *s, int32_t end)
{
	if (s->pos >= 0)
		POS(b)[s->pos].end = end;
	s->person = -1;
	s->pos = -1;
}

/* Someone leaves mid-term on day d (resignation, transfer, illness); the posts
 * are refilled later by promotion, appointment or 补选, or stay vacant. */
static void term_departure(struct build *b, struct seat *s, size_t n, int32_t leaver, int32_t d)
{
	int32_t new_shuji = -1, new_shuji_start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i].person != leaver)
			continue;
		seat_vacate(b, &s[i], d);
		int post = s[i].post;
		int32_t start, p = -1;
		switch (post) {
		case GEN_POST_SHUJI:
			start = d + range32(b, 15, 60);
			for (size_t j = 0; j < n; j++)
				if (s[j].post == GEN_POST_FUSHUJI && s[j].person >= 0 &&
				    s[j].person != leaver) {
					p = s[j].person;
					seat_vacate(b, &s[j], start - 1);
				}
			if (p < 0)
				p = cadre_new(b, GEN_POST_SHUJI, start, false);
			new_shuji = p;
			new_shuji_start = start;
			break;
		case GEN_POST_ZHUREN:
			if (new_shuji >= 0) { /* 一肩挑: the new 书记 is elected 主任 too */
				p = new_shuji;
				start = new_shuji_start + range32(b, 10, 60);
				break;
			}
			start = d + range32(b, 30, 90);
			for (size_t j = 0; j < n && p < 0; j++)
				if (s[j].post == GEN_POST_WEIYUAN && s[j].person >= 0 &&
				    s[j].person != leaver && chance(b, 500)) {
					p = s[j].person;
					seat_vacate(b, &s[j], start - 1);
				}
			if (p < 0)
				p = cadre_new(b, GEN_POST_ZHUREN, start, false);
			break;
		case GEN_POST_JIJIAN:
			start = d + range32(b, 20, 60);
			for (size_t j = 0; j < n && p < 0; j++)
				if (s[j].post == GEN_POST_WEIYUAN && s[j].person >= 0 &&
				    s[j].person != leaver)
					p = s[j].person;
			if (p < 0)
				p = cadre_new(b, GEN_POST_JIJIAN, start, false);
			break;
		case GEN_POST_JWZHUREN:
			start = d + range32(b, 20, 60);
			p = cadre_new(b, GEN_POST_JWZHUREN, start, false);
			break;
		case GEN_POST_BAOZHANG:
			start = d + range32(b, 10, 30);
			p = cadre_new(b, GEN_POST_BAOZHANG, start, false);
			break;
		case GEN_POST_WEIYUAN:
		case GEN_POST_JWWEIYUAN:
			start = d + range32(b, 30, 120);
			if (chance(b, 500))
				p = cadre_new(b, post, start, false);
			break;
		default: /* 副书记: vacant until the next 换届 */
			start = 0;
			break;
		}
		if (p >= 0)
			seat_fill(b, &s[i], p, start);
	}
}

/* Every term in force on some day of the span, oldest first. */
static void positions_build(struct build *b)
{
	const struct gen_ctx *g = b->g;
	int oldest = 2021 - 5 * ((2026 - g->first_year) / 5);
	size_t nt = (size_t)(2021 - oldest) / 5 + 1;
	struct term terms[GEN_MAX_YEARS / 5 + 3];
	for (size_t k = 0; k < nt; k++) {
		struct term *t = &terms[k];
		t->year = oldest + 5 * (int)k;
		t->party = gen_date(t->year, 1, 8) + range32(b, 0, 49);
		t->comm = t->party + range32(b, 20, 40);
		t->bz = t->comm + range32(b, 3, 15);
	}
	struct seat prev[MAX_SEATS], cur[MAX_SEATS];
	size_t n_prev = 0;
	for (size_t k = 0; k < nt; k++) {
		const struct term *t = &terms[k];
		size_t n = term_roster(b, t, prev, n_prev, cur, k == nt - 1);
		for (size_t i = 0; i < n_prev; i++)
			if (prev[i].pos >= 0)
				POS(b)[prev[i].pos].end = post_start(t, prev[i].post) - 1;
		for (size_t i = 0; i < n; i++)
			seat_fill(b, &cur[i], cur[i].person, post_start(t, cur[i].post));

		/* At most one departure a term, inside the span, well before the
		 * next 换届 and early enough that the successor is in by year end. */
		int32_t lo = t->party + 365, hi = g->span_end - 150;
		if (lo < g->span_start + 30)
			lo = g->span_start + 30;
		if (k + 1 < nt && hi > terms[k + 1].party - 200)
			hi = terms[k + 1].party - 200;
		if (lo <= hi && chance(b, 450)) {
			size_t i = (size_t)gen_rng_below(&b->r, n);
			term_departure(b, cur, n, cur[i].person, range32(b, lo, hi));
		}
		memcpy(prev, cur, sizeof(cur));
		n_prev = n;
	}
}

/* ---- declarations and the integrity archive ---------------------------------------------- */

struct row_key {
	int32_t person; /* holder */
	int32_t start;	/* start_date */
	int32_t post;	/* enum gen_post */
	int32_t row;	/* index into the positions */
};

static int cmp_row_key(const void *x, const void *y)
{
	const struct row_key *a = x, *b = y;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->post != b->post)
		return a->post < b->post ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

struct span {
	int32_t s; /* first day */
	int32_t e; /* last day */
};

#define MAX_SPANS 64

/* The days a person held any post, within the data span, merged. */
static size_t person_spans(struct build *b, const struct row_key *rows, size_t n, struct span *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct gen_position *p = &POS(b)[rows[i].row];
		int32_t s = p->start < b->g->span_start ? b->g->span_start : p->start;
		int32_t e = p->end == GEN_NODATE ? b->g->span_end : p->end;
		if (e < s)
			continue;
		if (k && s <= out[k - 1].e + 1) {
			if (e > out[k - 1].e)
				out[k - 1].e = e;
		} else if (k < MAX_SPANS) {
			out[k++] = (struct span){s, e};
		}
	}
	return k;
}

static const struct span *span_at(const struct span *sp, size_t n, int32_t day)
{
	for (size_t i = 0; i < n; i++)
		if (sp[i].s <= day && day <= sp[i].e)
			return &sp[i];
	return NULL;
}

/* A random day of [y0, y1] on which the person held a post; 0 held days → false. */
static bool held_day(struct build *b, const struct span *sp, size_t n, int32_t y0, int32_t y1,
		     int32_t *out)
{
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t s = sp[i].s > y0 ? sp[i].s : y0, e = sp[i].e < y1 ? sp[i].e : y1;
		if (s <= e)
			total += e - s + 1;
	}
	if (!total)
		return false;
	int64_t x = (int64_t)gen_rng_below(&b->r, (uint64_t)total);
	for (size_t i = 0; i < n; i++) {
		int32_t s = sp[i].s > y0 ? sp[i].s : y0, e = sp[i].e < y1 ? sp[i].e : y1;
		if (s > e)
			continue;
		if (x <= e - s) {
			*out = s + (int32_t)x;
			return true;
		}
		x -= e - s + 1;
	}
	return false;
}

static void event_add(struct build *b, int32_t person, int kind, int32_t date, int note)
{
	struct event *e = vec_push(&b->st->evv, sizeof(*e));
	e->person = person;
	e->kind = (uint8_t)kind;
	e->date = date;
	e->note = (uint8_t)note;
}

/* One cadre's archive, year by year in office: the 廉政承诺书 early in the year (or
 * soon after taking office), 述职述廉 and 民主评议 at the year's end, 谈心谈话,
 * now and then a 廉政家访.  Some villages keep it less well than others. */
static void archive_person(struct build *b, int32_t person, const struct span *sp, size_t n)
{
	const struct gen_ctx *g = b->g;
	for (int y = g->first_year; y <= g->last_year; y++) {
		int32_t y0 = gen_date(y, 1, 1), y1 = gen_date(y, 12, 31), m31 = gen_date(y, 3, 31);
		int32_t day;
		if (!held_day(b, sp, n, y0, y1, &day))
			continue;
		const struct span *s = span_at(sp, n, m31);
		if (s) {
			int32_t lo = s->s > y0 + 3 ? s->s : y0 + 3;
			if (!chance(b, gen_rate(b->g, "K01", b->lax)))
				event_add(b, person, EV_CHENGNUO, range32(b, lo, m31), NOTE_NONE);
		} else {
			for (size_t i = 0; i < n; i++)
				if (sp[i].s > m31 && sp[i].s <= y1) {
					int32_t d = sp[i].s + range32(b, 5, 30);
					if (d > sp[i].e)
						d = sp[i].e;
					if (d > y1)
						d = y1;
					if (!chance(b, gen_rate(b->g, "K01", b->lax)))
						event_add(b, person, EV_CHENGNUO, d, NOTE_NONE);
					break;
				}
		}
		if ((s = span_at(sp, n, y1)) != NULL) {
			int32_t d = gen_date(y, 12, 10) + range32(b, 0, 21);
			if (y < g->last_year && chance(b, 400)) {
				int32_t jan = gen_date(y + 1, 1, 5) + range32(b, 0, 20);
				if (jan <= s->e)
					d = jan;
			}
			if (!chance(b, gen_rate(b->g, "K02", b->lax)))
				event_add(b, person, EV_SHUZHI, d, NOTE_NONE);
			static const uint32_t grade_w[4] = {220, 700, 70, 10};
			event_add(b, person, EV_PINGYI, gen_date(y, 12, 15) + range32(b, 0, 15),
				  NOTE_PINGYI + (int)gen_rng_weighted(&b->r, grade_w, 4));
		}
		int talks = range32(b, 1, 3);
		for (int k = 0; k < talks; k++)
			if (held_day(b, sp, n, y0, y1, &day))
				event_add(b, person, EV_TANXIN, day,
					  NOTE_TANXIN + range32(b, 0, 2));
		if (chance(b, 120) && held_day(b, sp, n, y0, y1, &day))
			event_add(b, person, EV_JIAFANG, day, NOTE_JIAFANG);
	}
}

/* Declared dates (within the cadre's first term in the span, after `earliest`;
 * a relation that could not have been declared yet is dropped) and the archive. */
static void archive_build(struct build *b)
{
	struct org_state *st = b->st;
	size_t n_rows = st->posv.n;
	struct row_key *rows = vec_bytes(&st->scratch, n_rows * sizeof(*rows));
	for (size_t i = 0; i < n_rows; i++)
		rows[i] =
		    (struct row_key){POS(b)[i].person, POS(b)[i].start, POS(b)[i].post, (int32_t)i};
	qsort(rows, n_rows, sizeof(*rows), cmp_row_key);
	size_t nr = st->relv.n, kept = 0;
	for (size_t i = 0; i < n_rows;) {
		int32_t person = rows[i].person;
		size_t j = i;
		while (j < n_rows && rows[j].person == person)
			j++;
		struct span sp[MAX_SPANS];
		size_t nsp = person_spans(b, rows + i, j - i, sp);
		archive_person(b, person, sp, nsp);
		/* relations of this cadre */
		for (size_t r = 0; r < nr; r++) {
			struct gen_relative *rel = &RELS(b)[r];
			if (rel->cadre != person)
				continue;
			int32_t earliest = rel->declared, when = GEN_NODATE;
			for (size_t k = 0; k < nsp && when == GEN_NODATE; k++) {
				int32_t lo = sp[k].s;
				if (earliest != GEN_NODATE && earliest > lo)
					lo = earliest;
				if (lo > sp[k].e)
					continue;
				int32_t hi = sp[k].e < lo + 60 ? sp[k].e : lo + 60;
				when = range32(b, lo, hi);
			}
			rel->declared = when;
			rel->cadre = -1 - rel->cadre; /* mark as done */
		}
		i = j;
	}
	for (size_t i = 0; i < st->pv.n; i++)
		PEOPLE(b)[i].relative = false;
	for (size_t r = 0; r < nr; r++) {
		struct gen_relative rel = RELS(b)[r];
		if (rel.cadre >= 0 || rel.declared == GEN_NODATE)
			continue; /* never in office in the span, or too early */
		rel.cadre = -1 - rel.cadre;
		PEOPLE(b)[rel.relative].relative = true;
		RELS(b)[kept++] = rel;
	}
	st->relv.n = kept;
}

/* ---- order and output -------------------------------------------------------------------- */

struct person_key {
	int32_t household; /* household_no */
	int32_t rank;	   /* place in the household */
	int32_t idx;	   /* creation order */
};

static int cmp_person_key(const void *x, const void *y)
{
	const struct person_key *a = x, *b = y;
	if (a->household != b->household)
		return a->household < b->household ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_position(const void *x, const void *y)
{
	const struct gen_position *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->post != b->post)
		return a->post < b->post ? -1 : 1;
	return a->person < b->person ? -1 : a->person > b->person;
}

static int cmp_relative(const void *x, const void *y)
{
	const struct gen_relative *a = x, *b = y;
	if (a->cadre != b->cadre)
		return a->cadre < b->cadre ? -1 : 1;
	if (a->relation != b->relation)
		return a->relation < b->relation ? -1 : 1;
	return a->relative < b->relative ? -1 : a->relative > b->relative;
}

static int cmp_event(const void *x, const void *y)
{
	const struct event *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->note < b->note ? -1 : a->note > b->note;
}

/* People in household order; every index into them follows. */
static void sort_everything(struct build *b)
{
	struct org_state *st = b->st;
	size_t n = st->pv.n;
	struct person_key *order =
	    vec_bytes(&st->scratch, n * (sizeof(struct person_key) + sizeof(int32_t)));
	int32_t *where = (int32_t *)(order + n);
	for (size_t i = 0; i < n; i++)
		order[i] =
		    (struct person_key){PEOPLE(b)[i].household, PEOPLE(b)[i].rank, (int32_t)i};
	qsort(order, n, sizeof(*order), cmp_person_key);
	for (size_t i = 0; i < n; i++)
		where[order[i].idx] = (int32_t)i;
	struct gen_person *sorted = malloc(n * sizeof(*sorted));
	if (!sorted)
		abort();
	for (size_t i = 0; i < n; i++)
		sorted[i] = PEOPLE(b)[order[i].idx];
	memcpy(PEOPLE(b), sorted, n * sizeof(*sorted));
	free(sorted);
	for (size_t i = 0; i < st->posv.n; i++)
		POS(b)[i].person = where[POS(b)[i].person];
	for (size_t i = 0; i < st->relv.n; i++) {
		RELS(b)[i].cadre = where[RELS(b)[i].cadre];
		RELS(b)[i].relative = where[RELS(b)[i].relative];
	}
	for (size_t i = 0; i < st->evv.n; i++)
		EVENTS(b)[i].person = where[EVENTS(b)[i].person];
	qsort(st->posv.p, st->posv.n, sizeof(struct gen_position), cmp_position);
	qsort(st->relv.p, st->relv.n, sizeof(struct gen_relative), cmp_relative);
	qsort(st->evv.p, st->evv.n, sizeof(struct event), cmp_event);
	/* Two talks drawn on one day are one talk (the key is person, kind, date). */
	size_t k = 0;
	for (size_t i = 0; i < st->evv.n; i++) {
		struct event *e = &EVENTS(b)[i];
		if (k && EVENTS(b)[k - 1].date == e->date && EVENTS(b)[k - 1].person == e->person &&
		    EVENTS(b)[k - 1].kind == e->kind)
			continue;
		EVENTS(b)[k++] = *e;
	}
	st->evv.n = k;
}

static enum err write_village(struct build *b, struct errinfo *ei)
{
	struct org_state *st = b->st;
	const char *vc = b->v->code;
	enum err rc;
	char d1[11], d2[11], hh[16];
	for (size_t i = 0; i < st->pv.n; i++) {
		const struct gen_person *p = &PEOPLE(b)[i];
		gen_date_fmt(p->death, d1);
		gen_date_fmt(p->moved_out, d2);
		snprintf(hh, sizeof(hh), "%04d", (int)p->household);
		const char *cells[8] = {p->id_no, p->name, vc, hh, d1, d2, p->party ? "是" : "否",
					p->phone};
		if ((rc = gen_csv_row(st->people, cells, ei)) != E_OK)
			return rc;
	}
	for (size_t i = 0; i < st->posv.n; i++) {
		const struct gen_position *p = &POS(b)[i];
		gen_date_fmt(p->start, d1);
		gen_date_fmt(p->end, d2);
		const char *cells[5] = {vc, PEOPLE(b)[p->person].id_no, gen_post_name(p->post), d1,
					d2};
		if ((rc = gen_csv_row(st->positions, cells, ei)) != E_OK)
			return rc;
	}
	for (size_t i = 0; i < st->relv.n; i++) {
		const struct gen_relative *r = &RELS(b)[i];
		gen_date_fmt(r->declared, d1);
		const char *cells[4] = {PEOPLE(b)[r->cadre].id_no, PEOPLE(b)[r->relative].id_no,
					gen_relation_name(r->relation), d1};
		if ((rc = gen_csv_row(st->relatives, cells, ei)) != E_OK)
			return rc;
	}
	for (size_t i = 0; i < st->evv.n; i++) {
		const struct event *e = &EVENTS(b)[i];
		gen_date_fmt(e->date, d1);
		const char *cells[5] = {vc, PEOPLE(b)[e->person].id_no, ev_names[e->kind], d1,
					ev_notes[e->note]};
		if ((rc = gen_csv_row(st->events, cells, ei)) != E_OK)
			return rc;
	}
	return E_OK;
}

/* ---- ground truth: K01, K02 and K05 exactly as domain/rules.md reads them ------------- */

static bool holds(const struct gen_position *p, int32_t day)
{
	return p->start <= day && (p->end == GEN_NODATE || p->end >= day);
}

static bool overlaps(const struct gen_position *a, const struct gen_position *b)
{
	int32_t ae = a->end == GEN_NODATE ? INT32_MAX : a->end;
	int32_t be = b->end == GEN_NODATE ? INT32_MAX : b->end;
	return a->start <= be && b->start <= ae;
}

static bool k01_post(int post)
{
	return post == GEN_POST_SHUJI || post == GEN_POST_ZHUREN || post == GEN_POST_FUSHUJI ||
	       post == GEN_POST_FUZHUREN || post == GEN_POST_WEIYUAN;
}

static bool k05_post(int post)
{
	return k01_post(post) || post == GEN_POST_BAOZHANG || post == GEN_POST_KUAIJI ||
	       post == GEN_POST_CHUNA;
}

static enum err truth_village(struct build *b, struct errinfo *ei)
{
	struct gen_ctx *g = b->g;
	struct org_state *st = b->st;
	const struct gen_position *pos = POS(b);
	const struct gen_person *pv = PEOPLE(b);
	size_t np = st->posv.n, npeople = st->pv.n;
	enum err rc;
	char keys[64], note[256];
	const int32_t as_of = g->span_end;
	/* The village's first year; with no events the yearly rules have none. */
	int fy = st->evv.n ? gen_date_year(EVENTS(b)[0].date) : g->last_year + 1;

	/* per person: bit (Y − fy) set when the year's duty is on record */
	uint32_t *commit = vec_bytes(&st->scratch, 3 * npeople * sizeof(uint32_t));
	uint32_t *report = commit + npeople;
	int32_t *seen = (int32_t *)(report + npeople);
	for (size_t i = 0; i < st->evv.n; i++) {
		const struct event *e = &EVENTS(b)[i];
		int y, m, d;
		gen_date_split(e->date, &y, &m, &d);
		if (e->kind == EV_CHENGNUO && m <= 3)
			commit[e->person] |= 1u << (y - fy);
		if (e->kind == EV_SHUZHI && m >= 7)
			report[e->person] |= 1u << (y - fy);
		if (e->kind == EV_SHUZHI && m == 1 && y > fy)
			report[e->person] |= 1u << (y - 1 - fy);
	}

	for (int y = fy; y <= g->last_year && gen_date(y, 3, 31) <= as_of; y++) {
		int32_t m31 = gen_date(y, 3, 31);
		for (size_t i = 0; i < np; i++) {
			const struct gen_position *p = &pos[i];
			if (!k01_post(p->post) || !holds(p, m31) || seen[p->person] == y)
				continue;
			seen[p->person] = y;
			if (commit[p->person] & (1u << (y - fy)))
				continue;
			snprintf(keys, sizeof(keys), "%s,%d", pv[p->person].id_no, y);
			snprintf(note, sizeof(note), "%s（%s）%d年未签订廉政承诺书",
				 pv[p->person].name, gen_post_name(p->post), y);
			if ((rc = gen_truth_add(g, "K01", b->v, keys, note, ei)) != E_OK)
				return rc;
		}
	}
	for (int y = fy; y <= g->last_year && gen_date(y + 1, 1, 31) <= as_of; y++) {
		int32_t d31 = gen_date(y, 12, 31);
		for (size_t i = 0; i < np; i++) {
			const struct gen_position *p = &pos[i];
			if (p->post != GEN_POST_SHUJI || !holds(p, d31) ||
			    (report[p->person] & (1u << (y - fy))))
				continue;
			snprintf(keys, sizeof(keys), "%s,%d", pv[p->person].id_no, y);
			snprintf(note, sizeof(note), "书记%s %d年度未述职述廉", pv[p->person].name,
				 y);
			if ((rc = gen_truth_add(g, "K02", b->v, keys, note, ei)) != E_OK)
				return rc;
		}
	}

	/* K05: one alert per 监委会 member, whatever the number of conflicts. */
	for (size_t i = 0; i < npeople; i++)
		seen[i] = 0;
	for (size_t i = 0; i < np; i++) {
		const struct gen_position *m = &pos[i];
		if ((m->post != GEN_POST_JWZHUREN && m->post != GEN_POST_JWWEIYUAN) ||
		    seen[m->person])
			continue;
		note[0] = '\0';
		for (size_t j = 0; j < np && !note[0]; j++)
			if (pos[j].person == m->person && pos[j].post != m->post &&
			    overlaps(m, &pos[j]))
				snprintf(note, sizeof(note), "%s任%s期间同时担任%s",
					 pv[m->person].name, gen_post_name(m->post),
					 gen_post_name(pos[j].post));
		for (size_t r = 0; r < st->relv.n && !note[0]; r++) {
			const struct gen_relative *rel = &RELS(b)[r];
			int32_t other = rel->cadre == m->person	     ? rel->relative
					: rel->relative == m->person ? rel->cadre
								     : -1;
			if (other < 0)
				continue;
			for (size_t j = 0; j < np && !note[0]; j++)
				if (pos[j].person == other && k05_post(pos[j].post) &&
				    overlaps(m, &pos[j]))
					snprintf(note, sizeof(note),
						 "%s任%s期间，其亲属%s（%s，已申报）任%s",
						 pv[m->person].name, gen_post_name(m->post),
						 pv[other].name, gen_relation_name(rel->relation),
						 gen_post_name(pos[j].post));
		}
		if (!note[0])
			continue;
		seen[m->person] = 1;
		if ((rc = gen_truth_add(g, "K05", b->v, pv[m->person].id_no, note, ei)) != E_OK)
			return rc;
	}
	return E_OK;
}

/* ---- the module ------------------------------------------------------------------------- */

static enum err org_open(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const h_villages[] = {"code",     "name",	   "kind",
						 "township", "households", "population"};
	static const char *const h_people[] = {"id_no",	       "name",	     "village_code",
					       "household_no", "death_date", "moved_out_date",
					       "party_member", "phone"};
	static const char *const h_positions[] = {"village_code", "id_no", "post", "start_date",
						  "end_date"};
	static const char *const h_relatives[] = {"cadre_id_no", "relative_id_no", "relation",
						  "declared_date"};
	static const char *const h_events[] = {"village_code", "id_no", "kind", "date", "note"};
	struct org_state *st = ARENA_NEW(&g->arena, struct org_state);
	*state = st;
	enum err rc;
	if ((rc = gen_csv_open(g, "villages.csv", h_villages, 6, &st->villages, ei)) != E_OK ||
	    (rc = gen_csv_open(g, "people.csv", h_people, 8, &st->people, ei)) != E_OK ||
	    (rc = gen_csv_open(g, "positions.csv", h_positions, 5, &st->positions, ei)) != E_OK ||
	    (rc = gen_csv_open(g, "relatives.csv", h_relatives, 4, &st->relatives, ei)) != E_OK ||
	    (rc = gen_csv_open(g, "archive_events.csv", h_events, 5, &st->events, ei)) != E_OK)
		return rc;
	char hh[16], pop[16];
	for (size_t i = 0; i < g->n_villages; i++) {
		const struct gen_village *v = &g->villages[i];
		snprintf(hh, sizeof(hh), "%d", v->households);
		snprintf(pop, sizeof(pop), "%d", v->population);
		const char *cells[6] = {v->code,       v->name, v->community ? "居" : "村",
					v->town->name, hh,	pop};
		if ((rc = gen_csv_row(st->villages, cells, ei)) != E_OK)
			return rc;
	}
	return E_OK;
}

static const char *const clan_names[] = {"丁", "朱", "陈", "张", "刘", "顾", "严", "殷",
					 "鞠", "封", "季", "印", "缪", "何", "吴", "叶",
					 "蔡", "王", "黄", "周", "徐", "孙", "戴", "钱"};

static size_t surname_index(const char *s)
{
	for (size_t i = 0; i < gen_surname_count(); i++)
		if (strcmp(gen_surname(i), s) == 0)
			return i;
	return 0;
}

static enum err org_village(struct gen_ctx *g, void *state, struct gen_village *v,
			    struct errinfo *ei)
{
	struct org_state *st = state;
	struct build b = {.g = g, .st = st, .v = v};
	gen_rng_stream(g, "org", v->index, &b.r);
	st->pv.n = st->posv.n = st->relv.n = st->evv.n = 0;

	b.n_clan = (size_t)range32(&b, 1, 3);
	for (size_t i = 0; i < b.n_clan; i++)
		b.clan[i] = surname_index(
		    clan_names[gen_rng_below(&b.r, sizeof(clan_names) / sizeof(clan_names[0]))]);
	b.lax = chance(&b, 250) ? 50 : 8;

	/* household numbers 1 … households, drawn without replacement */
	b.hh = malloc((size_t)v->households * sizeof(int32_t));
	if (!b.hh)
		abort();
	for (int i = 0; i < v->households; i++)
		b.hh[i] = i + 1;
	b.hh_left = (size_t)v->households;

	positions_build(&b);
	size_t target = (size_t)v->households / 3;
	while (st->pv.n < target)
		household_ordinary(&b);
	free(b.hh);
	b.hh = NULL;

	archive_build(&b);
	sort_everything(&b);

	enum err rc;
	if ((rc = write_village(&b, ei)) != E_OK || (rc = truth_village(&b, ei)) != E_OK)
		return rc;

	v->people = arena_memdup(&g->arena, st->pv.p, st->pv.n * sizeof(struct gen_person));
	v->n_people = st->pv.n;
	v->positions =
	    arena_memdup(&g->arena, st->posv.p, st->posv.n * sizeof(struct gen_position));
	v->n_positions = st->posv.n;
	v->relatives =
	    arena_memdup(&g->arena, st->relv.p, st->relv.n * sizeof(struct gen_relative));
	v->n_relatives = st->relv.n;
	return E_OK;
}

static enum err org_close(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct org_state *st = state;
	struct gen_csv *files[5] = {st->villages, st->people, st->positions, st->relatives,
				    st->events};
	enum err rc = E_OK;
	for (size_t i = 0; i < 5; i++) {
		enum err c = gen_csv_close(files[i], ei);
		if (rc == E_OK)
			rc = c;
	}
	vec_free(&st->pv);
	vec_free(&st->posv);
	vec_free(&st->relv);
	vec_free(&st->evv);
	vec_free(&st->scratch);
	return rc;
}

const struct gen_module org_gen_module = {
    .name = "org",
    .open = org_open,
    .village = org_village,
    .close = org_close,
};
