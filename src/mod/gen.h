/*
 * `qinglian gen`: a realistic township (or, with many villages, a city's worth of
 * townships) written as the import files of domain/formats.md, plus
 * ground_truth.csv naming every red flag the data holds on purpose.  gen.c is the
 * driver: it plans the places, owns the deterministic random streams, the shared
 * name, date and number helpers, and calls each module's generator village by
 * village; <module>_gen.c files write that module's files.  Nothing here touches a
 * database, the clock, rand() or the locale: the same options give the same bytes.
 *
 * Adding a generator: write src/mod/<m>_gen.c with a `const struct gen_module
 * <m>_gen_module` (open its files, one call per village, close), declare it below
 * and add it to the list in gen.c.  It may read everything earlier generators
 * stored on the village (org_gen: people, positions, relatives; books_gen: the
 * projects it paid) and must draw its randomness from gen_rng_stream(g, "<m>",
 * v->index) so that adding it changes no other file.  It decides whether to
 * plant a rule's pattern with gen_plant (or gen_rate), so that `--rate` scales
 * it.
 */
#ifndef QL_GEN_H
#define QL_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

/* One `--rate` setting: a multiplier of the planting rates, of one rule or of all. */
struct gen_rate {
	char rule[4]; /* "P08", or "" for every rule */
	int milli;    /* the multiplier × 1000: 0 plants nothing, 1000 as by default */
};

#define GEN_MAX_RATES	   64	   /* --rate settings of one run */
#define GEN_MAX_RATE_MILLI 1000000 /* a multiplier of at most 1000 */

struct gen_opts {
	const char *dir; /* output directory, created if missing */
	int villages;	 /* villages and communities, 1 … GEN_MAX_VILLAGES */
	int years;	 /* calendar years of data ending 2025-12-31, 1 … GEN_MAX_YEARS */
	uint64_t seed;	 /* same seed, same bytes */
	struct gen_rate rates[GEN_MAX_RATES]; /* --rate settings, later ones win */
	size_t n_rates;			      /* entries in rates; none: every rate as by default */
};

#define GEN_DEFAULT_VILLAGES 12
#define GEN_DEFAULT_YEARS    10
#define GEN_DEFAULT_SEED     1
#define GEN_MAX_VILLAGES     5000
#define GEN_MAX_YEARS	     30
#define GEN_LAST_YEAR	     2025 /* the data span ends GEN_LAST_YEAR-12-31 */

/* Write the files into o->dir.  E_INPUT for bad options, E_IO when a file cannot
 * be written (ei says which). */
enum err gen_run(const struct gen_opts *o, struct errinfo *ei);

/* Add the settings of one `--rate SPEC` to o: SPEC is a comma-separated list of
 * MULT (every rule) or RULE=MULT (one rule, e.g. P08=3), MULT a decimal number
 * 0 … 1000 with up to three decimals.  E_INPUT (ei says why) for a bad SPEC. */
enum err gen_rate_parse(struct gen_opts *o, const char *spec, struct errinfo *ei);

/* ---- deterministic random numbers (xoshiro256**, seeded by splitmix64) ------- */

struct gen_rng {
	uint64_t s[4]; /* xoshiro256** state, never all zero */
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n), n > 0, without modulo bias. */
uint64_t gen_rng_below(struct gen_rng *r, uint64_t n);
/* Uniform in [lo, hi], lo ≤ hi. */
int64_t gen_rng_range(struct gen_rng *r, int64_t lo, int64_t hi);
/* True with probability permille / 1000. */
bool gen_rng_permille(struct gen_rng *r, int permille);
/* Index i in [0, n) with probability weight[i] / Σ weight; Σ weight > 0. */
size_t gen_rng_weighted(struct gen_rng *r, const uint32_t *weight, size_t n);

/* ---- dates: days since 1970-01-01 (negative before), proleptic Gregorian ---- */

#define GEN_NODATE INT32_MIN /* an absent date */

int32_t gen_date(int y, int m, int d);
void gen_date_split(int32_t days, int *y, int *m, int *d);
int gen_date_year(int32_t days);
/* "YYYY-MM-DD" into out (11 bytes); "" for GEN_NODATE. */
void gen_date_fmt(int32_t days, char out[11]);
/* Whole years of age on day `on` of a person born on `birth`. */
int gen_age(int32_t birth, int32_t on);

/* ---- places --------------------------------------------------------------- */

struct gen_person;
struct gen_position;
struct gen_relative;
struct gen_paid_project;

struct gen_town {
	char code[10];		 /* 9-digit township code, e.g. 321283101 */
	const char *name;	 /* 黄桥镇 */
	const char *county_code; /* 6-digit county code, 321283 */
	const char *county_name; /* 泰兴市 */
};

struct gen_village {
	int index;		     /* 0-based position in the run, seeds its streams */
	char code[13];		     /* 12-digit 统计用区划代码 */
	char name[40];		     /* 黄桥社区, 何杨村 */
	bool community;		     /* 居 (社区) rather than 村 */
	const struct gen_town *town; /* its township */
	int households;		     /* 户数 */
	int population;		     /* 人口 */
	/* Stored by org_gen for the generators after it (arena of the run). */
	struct gen_person *people;	/* sampled villagers, household order */
	size_t n_people;		/* entries in people */
	struct gen_position *positions; /* posts held, by post then start */
	size_t n_positions;		/* entries in positions */
	struct gen_relative *relatives; /* declared relatives of cadres */
	size_t n_relatives;		/* entries in relatives */
	/* Stored by books_gen: the small projects it paid (trade_gen registers them). */
	struct gen_paid_project *paid_projects; /* in order of the first payment */
	size_t n_paid_projects;			/* entries in paid_projects */
};

/* A small project the books paid: project_no cited by its payment vouchers. */
struct gen_paid_project {
	const char *no;		   /* XM2021-01 (run arena) */
	const char *contractor;	   /* the firm paid */
	const char *contractor_id; /* its 统一社会信用代码 */
	int32_t first_paid;	   /* date of the first payment, days */
	int32_t last_paid;	   /* date of the last payment, days */
	int32_t accepted;	   /* date of the transfer to fixed assets (完工验收), days */
	int64_t paid;		   /* Σ paid amounts of its payment vouchers, fen */
};

/* ---- the run ---------------------------------------------------------------- */

struct gen_idset {
	uint64_t *slot; /* open addressing on the first 17 digits, 0 = empty */
	size_t cap;	/* slots, a power of two */
	size_t n;	/* numbers stored */
};

struct gen_csv;

struct gen_ctx {
	const struct gen_opts *opts;  /* what was asked */
	struct arena arena;	      /* everything that lives for the run */
	int first_year;		      /* first calendar year of the span */
	int last_year;		      /* GEN_LAST_YEAR */
	int32_t span_start;	      /* first_year-01-01 */
	int32_t span_end;	      /* last_year-12-31, also the as_of of the ground truth */
	struct gen_town *towns;	      /* townships, in code order */
	size_t n_towns;		      /* entries in towns */
	struct gen_village *villages; /* villages, in code order */
	size_t n_villages;	      /* entries in villages */
	struct gen_idset ids;	      /* every 身份证号 handed out, never twice */
	struct gen_csv *truth;	      /* ground_truth.csv */
	size_t n_truth;		      /* lines written to it */
};

/* ---- planting rates (--rate) ------------------------------------------------------ */

/* The multiplier × 1000 of rule's planting rates: its own --rate setting, else
 * the run-wide one, else 1000. */
int gen_rate_milli(const struct gen_ctx *g, const char *rule);
/* A planting rate of rule, permille as written in its generator, scaled by
 * --rate and clamped to 0 … 1000. */
int gen_rate(const struct gen_ctx *g, const char *rule, int permille);
/* Whether to plant rule's pattern, planted at permille by default: true with
 * probability gen_rate(g, rule, permille) / 1000.  It draws from r exactly as
 * gen_rng_permille does, so that the default rates give the same bytes. */
bool gen_plant(const struct gen_ctx *g, struct gen_rng *r, const char *rule, int permille);
/* The same for a pattern planted by default in one village of every `every`,
 * those whose index ≡ phase (mod every): under --rate, the villages of the first
 * round(multiplier) residues from phase on (all of them at most), so that it
 * stays a function of the village and draws nothing. */
bool gen_plant_every(const struct gen_ctx *g, const char *rule, int index, int every, int phase);

/* An independent stream for one module and village (village −1: the module's
 * run-wide stream).  Streams do not depend on each other's use. */
void gen_rng_stream(const struct gen_ctx *g, const char *module, int village, struct gen_rng *out);

/* ---- files ------------------------------------------------------------------ */

/* Open dir/name for writing with the given header (English names). */
enum err gen_csv_open(struct gen_ctx *g, const char *name, const char *const *header, size_t ncols,
		      struct gen_csv **out, struct errinfo *ei);
/* One row of ncols cells; NULL or "" is an empty cell. */
enum err gen_csv_row(struct gen_csv *c, const char *const *cells, struct errinfo *ei);
/* Flush and close; NULL-safe.  Returns E_IO if the data did not reach the disk. */
enum err gen_csv_close(struct gen_csv *c, struct errinfo *ei);

/* One ground-truth line: the alert a scan with as_of = span_end must raise.
 * keys are joined with ',' (the keys of domain/rules.md, in its order). */
enum err gen_truth_add(struct gen_ctx *g, const char *rule, const struct gen_village *v,
		       const char *keys, const char *note, struct errinfo *ei);

/* ---- people ----------------------------------------------------------------- */

enum gen_gender {
	GEN_MALE = 1,	/* odd 17th digit */
	GEN_FEMALE = 2, /* even 17th digit */
};

/* Surname table: common Chinese surnames by frequency, a few compound ones. */
size_t gen_surname_count(void);
const char *gen_surname(size_t i);
/* A surname index drawn by frequency; `boost` (may be NULL, n_boost entries) are
 * the village's clan surnames, drawn far more often. */
size_t gen_surname_pick(struct gen_rng *r, const size_t *boost, size_t n_boost);
/* A full name "surname + 1–2 characters" fitting the gender and birth year, into
 * out (at least 24 bytes). */
void gen_name_make(struct gen_rng *r, size_t surname, enum gen_gender gender, int birth_year,
		   char *out, size_t len);

/* A fresh, valid 18-digit 身份证号 for a person of that county, birth date and
 * gender, never handed out before in this run. */
void gen_idno_new(struct gen_ctx *g, struct gen_rng *r, const char *county, int32_t birth,
		  enum gen_gender gender, char out[19]);
/* The county of a villager's 身份证号: mostly the village's own, sometimes a
 * neighbour's (married in, moved in). */
const char *gen_idno_county(struct gen_rng *r, const struct gen_village *v);
/* A mobile number 13x/15x/18x, 11 digits, into out (12 bytes). */
void gen_phone_make(struct gen_rng *r, char out[12]);

/* What org_gen stores of a person. */
struct gen_person {
	char id_no[19];	   /* 身份证号 */
	char name[24];	   /* 姓名, UTF-8 */
	uint8_t gender;	   /* enum gen_gender */
	bool party;	   /* 党员 */
	bool cadre;	   /* holds or held a post in positions */
	bool relative;	   /* declared as some cadre's relative */
	uint16_t surname;  /* index for gen_surname() */
	int32_t birth;	   /* days */
	int32_t death;	   /* days or GEN_NODATE */
	int32_t moved_out; /* days or GEN_NODATE */
	int32_t household; /* 户号 1 … households */
	int32_t rank;	   /* order inside the household (0 = head) */
	char phone[12];	   /* "" when none on record */
};

enum gen_post {
	GEN_POST_SHUJI,	    /* 书记 */
	GEN_POST_ZHUREN,    /* 主任 */
	GEN_POST_FUSHUJI,   /* 副书记 */
	GEN_POST_FUZHUREN,  /* 副主任 */
	GEN_POST_WEIYUAN,   /* 委员 */
	GEN_POST_JIJIAN,    /* 纪检委员 */
	GEN_POST_JWZHUREN,  /* 监委会主任 */
	GEN_POST_JWWEIYUAN, /* 监委会委员 */
	GEN_POST_BAOZHANG,  /* 报账员 */
	GEN_POST_KUAIJI,    /* 会计 */
	GEN_POST_CHUNA,	    /* 出纳 */
	GEN_POST__MAX,
};

const char *gen_post_name(enum gen_post p);

struct gen_position {
	int32_t person; /* index into the village's people */
	uint8_t post;	/* enum gen_post */
	int32_t start;	/* start_date, days */
	int32_t end;	/* end_date, days, GEN_NODATE while in office */
};

enum gen_relation {
	GEN_REL_SPOUSE,	       /* 配偶 */
	GEN_REL_PARENT,	       /* 父母 */
	GEN_REL_CHILD,	       /* 子女 */
	GEN_REL_SIBLING,       /* 兄弟姐妹 */
	GEN_REL_SPOUSE_PARENT, /* 配偶父母 */
	GEN_REL_CHILD_SPOUSE,  /* 子女配偶 */
	GEN_REL__MAX,
};

const char *gen_relation_name(enum gen_relation r);

struct gen_relative {
	int32_t cadre;	  /* index into the village's people */
	int32_t relative; /* index into the village's people */
	uint8_t relation; /* enum gen_relation */
	int32_t declared; /* declared_date, days */
};

/* The holder (index into v->people) of `post` on `day`, the first by start date
 * for a post of several seats; -1 if vacant. */
int32_t gen_post_holder(const struct gen_village *v, enum gen_post post, int32_t day);
/* domain/rules.md's "related to a cadre on date d": person holds a post on day,
 * or is a declared relative (either direction) of someone who does.  A person
 * with neither `cadre` nor `relative` set never is. */
bool gen_related_to_cadre(const struct gen_village *v, int32_t person, int32_t day);

/* ---- generators --------------------------------------------------------------- */

struct gen_module {
	const char *name; /* its stream name, e.g. "org" */
	/* Open its files; *state is its own, allocated from g->arena. */
	enum err (*open)(struct gen_ctx *g, void **state, struct errinfo *ei);
	/* Generate one village (villages come in code order). */
	enum err (*village)(struct gen_ctx *g, void *state, struct gen_village *v,
			    struct errinfo *ei);
	/* Close its files; called once for every successful open, also after an
	 * error elsewhere.  Returns E_IO if data was lost. */
	enum err (*close)(struct gen_ctx *g, void *state, struct errinfo *ei);
};

extern const struct gen_module org_gen_module; /* org_gen.c: villages … archive_events */
/* complaint_gen.c, audit_gen.c, rectify_gen.c: complaints.csv (R01–R03), audits.csv (K03,
 * K04), rectifications.csv (R04); declared here, their modules' headers being theirs. */
extern const struct gen_module complaint_gen_module;
extern const struct gen_module audit_gen_module;
extern const struct gen_module rectify_gen_module;

#endif
