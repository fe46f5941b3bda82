/*
 * The red-flag engine: the registry of rule families, parameters per township,
 * the scan (a pure function of the data and as_of, evaluated village by
 * village), the JSON array of `qinglian scan`, the sync of findings into the
 * logged alerts table (fingerprints, 不属实 suppression, lapsing, closing after
 * 销号), incremental evaluation, the worker of `serve` that follows the log and
 * runs the nightly full scan, and the village risk colour.  The rules
 * themselves live in rules_<family>.c; the HTTP routes in rules_api.c; SQL in
 * rules_db.c.  It must not see HTTP.
 */
#include "rules.h"

#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/datefmt.h"
#include "core/json_out.h"
#include "core/log.h"
#include "core/money.h"
#include "org.h"
#include "power.h"
#include "trade.h"

/* The families whose data exists, in output order of their letters. */
static const struct rules_family *const families[] = {
    &rules_family_b, /* 账务 */
    &rules_family_c, /* 合同与资产资源 */
    &rules_family_d, /* 三务公开 */
    &rules_family_k, /* 干部 */
    &rules_family_m, /* 议事决策 */
    &rules_family_p, /* 工程项目与产权交易 */
    &rules_family_r, /* 信访与整改 */
    &rules_family_s, /* 惠民补助资金 */
    NULL,
};

#define NFAM_MAX 8

/* ---- registry ---------------------------------------------------------------------- */

static const struct rules_def *rule_find(const char *code, const struct rules_family **fam)
{
	for (size_t i = 0; families[i]; i++)
		for (size_t j = 0; j < families[i]->nrules; j++)
			if (strcmp(families[i]->rules[j].code, code) == 0) {
				if (fam)
					*fam = families[i];
				return &families[i]->rules[j];
			}
	return NULL;
}

const struct rules_family *const *rules_families(void)
{
	return families;
}

const struct rules_def *rules_def_find(const char *code)
{
	return rule_find(code, NULL);
}

const struct rules_param_def *rules_param_def_find(const char *rule, const char *name)
{
	const struct rules_def *d = rule_find(rule, NULL);
	for (size_t i = 0; d && i < d->nparams; i++)
		if (strcmp(d->params[i].name, name) == 0)
			return &d->params[i];
	return NULL;
}

unsigned rules_families_of_entity(const char *entity)
{
	unsigned m = 0;
	for (size_t i = 0; families[i]; i++)
		for (const char *const *e = families[i]->entities; e && *e; e++)
			if (strcmp(*e, entity) == 0)
				m |= families[i]->bit;
	return m;
}

static const struct rules_family *family_of_letter(const char *letter)
{
	for (size_t i = 0; families[i]; i++)
		if (strcmp(families[i]->letter, letter) == 0)
			return families[i];
	return NULL;
}

/* ---- parameter values ----------------------------------------------------------------- */

/* "0.15" → 150000 ppm; at most six decimals, 0 … 1000. */
static bool ratio_parse(const char *s, int64_t *ppm)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, nd = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && nd < 4) {
		whole = whole * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0)
		return false;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9' && digits < 6) {
			frac = frac * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0)
			return false;
	}
	if (*p)
		return false;
	for (; digits < 6; digits++)
		frac *= 10;
	*ppm = whole * 1000000 + frac;
	return true;
}

enum err rules_param_parse(const struct rules_param_def *d, const char *text, int64_t *out,
			   struct errinfo *ei)
{
	char *end;
	long long v;
	switch (d->kind) {
	case RP_MONEY:
		if (money_parse(text, out, ei) != E_OK || *out < 0)
			return err_set(ei, E_INPUT, "rules.param_value", "value",
				       "参数 %s 应为不小于零的金额（元）：%s", d->label, text);
		return E_OK;
	case RP_RATIO:
		if (!ratio_parse(text, out))
			return err_set(ei, E_INPUT, "rules.param_value", "value",
				       "参数 %s 应为小数（如 0.15，至多六位小数）：%s", d->label,
				       text);
		return E_OK;
	case RP_DAYS:
	case RP_COUNT:
		v = strtoll(text, &end, 10);
		if (!*text || *end || v < (d->kind == RP_COUNT ? 1 : 0) || v > 36500)
			return err_set(ei, E_INPUT, "rules.param_value", "value",
				       "参数 %s 应为%s整数：%s", d->label,
				       d->kind == RP_COUNT ? "正" : "非负", text);
		*out = v;
		return E_OK;
	}
	return err_set(ei, E_INTERNAL, NULL, NULL, "参数类型未知");
}

void rules_param_format(const struct rules_param_def *d, int64_t v, char out[MONEY_BUF])
{
	switch (d->kind) {
	case RP_MONEY:
		money_format(v, out);
		return;
	case RP_RATIO: {
		int n = snprintf(out, MONEY_BUF, "%lld.%06lld", (long long)(v / 1000000),
				 (long long)(v % 1000000));
		while (n > 0 && out[n - 1] == '0' && out[n - 2] != '.')
			out[--n] = '\0';
		return;
	}
	default:
		snprintf(out, MONEY_BUF, "%lld", (long long)v);
	}
}

/* ---- the scan's cache ---------------------------------------------------------------- */

struct param_row {
	const char *township; /* 乡镇 */
	const char *rule;     /* "B01" */
	const char *name;     /* "cash_limit" */
	const char *value;    /* as stored */
};

/* Words of the bloom filter of a village's cadres' and relations' id_nos. */
#define IDMASK_WORDS 32

/* One per-village statement being read batch by batch (rules_query). */
struct rules_rows {
	struct db_res *res; /* the batch's result, NULL when closed */
	int64_t hi;	    /* highest village id of that batch */
	int vcol;	    /* column of the village id */
	bool pending;	    /* res is on a row not yet handed out */
};

/* An account of the books with its tags as bits (rules_vouchers). */
struct acct {
	int64_t id;	/* book_accounts.id */
	unsigned flags; /* ACCT_* */
};

enum {
	ACCT_CASH = 1u << 0,	/* tagged cash */
	ACCT_BANK = 1u << 1,	/* tagged bank */
	ACCT_INCOME = 1u << 2,	/* tagged income */
	ACCT_EXPENSE = 1u << 3, /* tagged expense */
	ACCT_NONPROD = 1u << 4, /* tagged nonproductive */
	ACCT_PAYROLL = 1u << 5, /* tagged payroll */
	ACCT_CARRY = 1u << 6,	/* code 321…: carry-forward */
};

struct rules_cache {
	struct param_row *params;      /* every override, all townships */
	size_t nparams;		       /* entries in params */
	const char *power_township;    /* township whose power params are loaded, NULL none */
	struct power_params power;     /* of that township */
	const char *trade_township;    /* township whose trade thresholds are loaded */
	struct trade_thresholds trade; /* of that township */
	struct rules_rows rows[RULES_ST__MAX]; /* per-village statements in progress */
	struct acct *accts;		       /* the books' accounts by id, NULL until needed */
	size_t naccts;			       /* entries in accts */
	uint64_t idmask[IDMASK_WORDS];	       /* bloom bits of the id_nos in posts and rels */
	bool idmask_ok;			       /* idmask holds the current village's */
	bool posts_loaded;		       /* posts/rels hold the current village's */
	struct rules_post *posts;	       /* of the current village */
	size_t nposts;			       /* entries in posts */
	bool rels_loaded;		       /* rels hold the current village's */
	struct rules_rel *rels;		       /* touching its cadres */
	size_t nrels;			       /* entries in rels */
	bool vouchers_loaded;		       /* vouchers hold the current village's */
	struct rules_voucher *vouchers;	       /* of the current village, by date */
	size_t nvouchers;		       /* entries in vouchers */
	bool stream;			       /* per-village statements read by cursor */
	bool bad;			       /* a lookup failed: the scan reports it */
	struct errinfo err;		       /* what failed */
};

int64_t rules_param(struct rules_ctx *cx, const char *rule, const char *name)
{
	struct rules_cache *k = cx->cache;
	const struct rules_param_def *d = rules_param_def_find(rule, name);
	if (!d) {
		/* a programming error: the family names a parameter no rule declares */
		log_error("rules: unknown parameter %s.%s", rule, name);
		abort();
	}
	if (d->power_field == RULES_PF_TRADE || d->power_field == RULES_PF_BIDDING) {
		/* the thresholds are the township's: read once per township */
		if (!k->trade_township || strcmp(k->trade_township, cx->v->township) != 0) {
			if (trade_thresholds_of_village(cx->c, cx->v->id, &k->trade) != E_OK) {
				k->bad = true;
				err_set(&k->err, E_DB, NULL, NULL, "读取产权交易标准失败");
				return d->dflt;
			}
			k->trade_township = cx->v->township;
		}
		return d->power_field == RULES_PF_TRADE ? k->trade.trade_threshold_fen
							: k->trade.bidding_threshold_fen;
	}
	if (d->power_field) {
		if (!k->power_township || strcmp(k->power_township, cx->v->township) != 0) {
			if (power_params_of_village(cx->c, cx->v->id, &k->power) != E_OK) {
				k->bad = true;
				err_set(&k->err, E_DB, NULL, NULL, "读取议事决策参数失败");
				return d->dflt;
			}
			k->power_township = cx->v->township;
		}
		switch (d->power_field) {
		case RULES_PF_MAJOR:
			return k->power.major_threshold_fen;
		case RULES_PF_DECISION:
			return k->power.decision_threshold_fen;
		default:
			return k->power.result_publish_days;
		}
	}
	for (size_t i = 0; i < k->nparams; i++) {
		const struct param_row *p = &k->params[i];
		if (strcmp(p->township, cx->v->township) == 0 && strcmp(p->rule, rule) == 0 &&
		    strcmp(p->name, name) == 0) {
			int64_t v;
			struct errinfo ei = {0};
			if (rules_param_parse(d, p->value, &v, &ei) == E_OK)
				return v;
			break;
		}
	}
	return d->dflt;
}

static enum err params_load(struct rules_ctx *cx);

enum err rules_param_value(struct db_conn *c, struct arena *a, int64_t village_id, const char *rule,
			   const char *name, int64_t *out, struct errinfo *ei)
{
	struct rules_cache cache = {0};
	struct rules_village v = {.id = village_id};
	struct rules_ctx cx = {.c = c, .a = a, .cache = &cache, .v = &v};
	struct db_res *res;
	enum err e =
	    db_one(c, &rules_stmts, RULES_ST_VILLAGES, DB_PARAMS(DB_INT(village_id)), &res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "没有这个村（居）");
	v.township = db_text_dup(a, res, 3);
	db_done(res);
	if ((e = params_load(&cx)) != E_OK)
		return err_set(ei, e, NULL, NULL, "读取预警参数失败");
	*out = rules_param(&cx, rule, name);
	if (cache.bad) {
		*ei = cache.err;
		return E_DB;
	}
	return E_OK;
}

static enum err params_load(struct rules_ctx *cx)
{
	struct db_res *res;
	enum err e = db_exec(cx->c, &rules_stmts, RULES_ST_PARAMS_ALL, DB_NOPARAMS, &res);
	if (e != E_OK)
		return e;
	size_t cap = 0;
	struct rules_cache *k = cx->cache;
	while (db_row(res)) {
		if (k->nparams == cap) {
			cap = cap ? cap * 2 : 16;
			struct param_row *n = ARENA_ARRAY(cx->a, struct param_row, cap);
			if (k->nparams)
				memcpy(n, k->params, k->nparams * sizeof(*n));
			k->params = n;
		}
		struct param_row *p = &k->params[k->nparams++];
		p->township = db_text_dup(cx->a, res, 0);
		p->rule = db_text_dup(cx->a, res, 1);
		p->name = db_text_dup(cx->a, res, 2);
		p->value = db_text_dup(cx->a, res, 3);
	}
	return db_done(res);
}

/* ---- per-village statements, batch by batch ------------------------------------------------ */

static void rows_close(struct rules_ctx *cx, struct rules_rows *r)
{
	if (!r->res)
		return;
	enum err e = db_done(r->res);
	r->res = NULL;
	r->pending = false;
	if (e != E_OK && !cx->cache->bad) {
		cx->cache->bad = true;
		err_set(&cx->cache->err, e, NULL, NULL, "读取数据失败：%s", db_errmsg(cx->c));
	}
}

static void rows_close_all(struct rules_ctx *cx)
{
	for (size_t i = 0; i < RULES_ST__MAX; i++)
		rows_close(cx, &cx->cache->rows[i]);
}

enum err rules_query(struct rules_ctx *cx, unsigned st, bool with_as_of, struct rules_rows **out,
		     struct errinfo *ei)
{
	struct rules_rows *r = &cx->cache->rows[st];
	*out = r;
	if (r->hi == cx->batch_hi && (r->res || r->hi))
		return E_OK; /* this batch is being read (or was read to its end) */
	rows_close(cx, r);
	const struct db_val params[] = {DB_INT(cx->batch_lo), DB_INT(cx->batch_hi),
					DB_TEXT(cx->as_of)};
	enum err e =
	    cx->cache->stream
		? db_exec_stream(cx->c, &rules_stmts, st, params, with_as_of ? 3 : 2, &r->res)
		: db_exec(cx->c, &rules_stmts, st, params, with_as_of ? 3 : 2, &r->res);
	if (e != E_OK) {
		r->res = NULL;
		return err_set(ei, e, NULL, NULL, "读取数据失败：%s", db_errmsg(cx->c));
	}
	r->hi = cx->batch_hi;
	r->vcol = db_ncols(r->res) - 1;
	r->pending = false;
	return E_OK;
}

const struct db_res *rules_next(struct rules_ctx *cx, struct rules_rows *r)
{
	for (;;) {
		if (!r->res)
			return NULL;
		if (!r->pending) {
			if (!db_row(r->res)) {
				rows_close(cx, r); /* r->hi stays: the batch is read */
				return NULL;
			}
			r->pending = true;
		}
		int64_t vid = db_int(r->res, r->vcol);
		if (vid > cx->v->id)
			return NULL; /* a later village's: kept for it */
		r->pending = false;
		if (vid == cx->v->id)
			return r->res;
	}
}

/* ---- posts and relations of the current village ---------------------------------------- */

/* An id_no's hash (FNV-1a) for the bloom filter that rules out most strangers at
 * once in rules_related: two bits of IDMASK_WORDS × 64. */
static uint64_t id_hash(const char *id_no)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)id_no; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}

static void id_mark(uint64_t *mask, const char *id_no)
{
	uint64_t h = id_hash(id_no);
	unsigned b1 = h % (IDMASK_WORDS * 64), b2 = (h >> 32) % (IDMASK_WORDS * 64);
	mask[b1 / 64] |= 1ull << (b1 % 64);
	mask[b2 / 64] |= 1ull << (b2 % 64);
}

static bool id_maybe(const uint64_t *mask, const char *id_no)
{
	uint64_t h = id_hash(id_no);
	unsigned b1 = h % (IDMASK_WORDS * 64), b2 = (h >> 32) % (IDMASK_WORDS * 64);
	return (mask[b1 / 64] >> (b1 % 64) & 1) && (mask[b2 / 64] >> (b2 % 64) & 1);
}

enum err rules_posts(struct rules_ctx *cx, const struct rules_post **posts, size_t *n,
		     struct errinfo *ei)
{
	struct rules_cache *k = cx->cache;
	if (!k->posts_loaded) {
		struct rules_rows *rr;
		enum err e = rules_query(cx, RULES_ST_POSTS, true, &rr, ei);
		if (e != E_OK)
			return e;
		size_t cap = 16;
		k->posts = ARENA_ARRAY(cx->a, struct rules_post, cap);
		k->nposts = 0;
		const struct db_res *res;
		while ((res = rules_next(cx, rr))) {
			if (k->nposts == cap) {
				struct rules_post *m =
				    ARENA_ARRAY(cx->a, struct rules_post, cap * 2);
				memcpy(m, k->posts, cap * sizeof(*m));
				k->posts = m;
				cap *= 2;
			}
			struct rules_post *p = &k->posts[k->nposts++];
			p->id = db_int(res, 0);
			p->person_id = db_int(res, 1);
			p->id_no = db_text_dup(cx->a, res, 2);
			p->name = db_text_dup(cx->a, res, 3);
			p->post = db_text_dup(cx->a, res, 4);
			p->start = db_text_dup(cx->a, res, 5);
			p->end = db_text_dup(cx->a, res, 6);
		}
		k->posts_loaded = true;
	}
	*posts = k->posts;
	*n = k->nposts;
	return E_OK;
}

enum err rules_rels(struct rules_ctx *cx, const struct rules_rel **rels, size_t *n,
		    struct errinfo *ei)
{
	struct rules_cache *k = cx->cache;
	if (!k->rels_loaded) {
		struct rules_rows *rr;
		enum err e = rules_query(cx, RULES_ST_RELS, false, &rr, ei);
		if (e != E_OK)
			return e;
		size_t cap = 16;
		k->rels = ARENA_ARRAY(cx->a, struct rules_rel, cap);
		k->nrels = 0;
		const struct db_res *res;
		while ((res = rules_next(cx, rr))) {
			if (k->nrels == cap) {
				struct rules_rel *m = ARENA_ARRAY(cx->a, struct rules_rel, cap * 2);
				memcpy(m, k->rels, cap * sizeof(*m));
				k->rels = m;
				cap *= 2;
			}
			struct rules_rel *r = &k->rels[k->nrels++];
			r->id = db_int(res, 0);
			r->a = db_int(res, 1);
			r->b = db_int(res, 2);
			r->a_id_no = db_text_dup(cx->a, res, 3);
			r->b_id_no = db_text_dup(cx->a, res, 4);
			r->a_name = db_text_dup(cx->a, res, 5);
			r->b_name = db_text_dup(cx->a, res, 6);
			r->relation = db_text_dup(cx->a, res, 7);
		}
		k->rels_loaded = true;
	}
	*rels = k->rels;
	*n = k->nrels;
	return E_OK;
}

/* ---- the books of the current village ------------------------------------------------------ */

static bool has_tag(const char *tags, const char *tag)
{
	size_t n = strlen(tag);
	for (const char *p = tags; p && (p = strstr(p, tag)); p += n)
		if ((p == tags || p[-1] == ' ' || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ' ' || p[n] == ','))
			return true;
	return false;
}

/* Every account of the books with its tags as bits, once a scan (a line's
 * account is looked up here rather than joined: 2 million lines in a city). */
static enum err accounts_load(struct rules_ctx *cx, struct errinfo *ei)
{
	struct rules_cache *k = cx->cache;
	struct db_res *res;
	enum err e = db_exec(cx->c, &rules_stmts, RULES_ST_ACCOUNTS, DB_NOPARAMS, &res);
	size_t cap = 256;
	k->accts = ARENA_ARRAY(cx->keep, struct acct, cap);
	k->naccts = 0;
	while (e == E_OK && db_row(res)) {
		if (k->naccts == cap) {
			struct acct *m = ARENA_ARRAY(cx->keep, struct acct, cap * 2);
			memcpy(m, k->accts, cap * sizeof(*m));
			k->accts = m;
			cap *= 2;
		}
		const char *code = db_text(res, 1), *tags = db_text(res, 2);
		unsigned f = 0;
		f |= has_tag(tags, "cash") ? ACCT_CASH : 0;
		f |= has_tag(tags, "bank") ? ACCT_BANK : 0;
		f |= has_tag(tags, "income") ? ACCT_INCOME : 0;
		f |= has_tag(tags, "expense") ? ACCT_EXPENSE : 0;
		f |= has_tag(tags, "nonproductive") ? ACCT_NONPROD : 0;
		f |= has_tag(tags, "payroll") ? ACCT_PAYROLL : 0;
		f |= code && strncmp(code, "321", 3) == 0 ? ACCT_CARRY : 0;
		k->accts[k->naccts++] = (struct acct){db_int(res, 0), f};
	}
	if (e == E_OK)
		e = db_done(res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "读取会计科目失败：%s", db_errmsg(cx->c));
	return E_OK;
}

static unsigned acct_flags(const struct rules_cache *k, int64_t id)
{
	size_t lo = 0, hi = k->naccts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->accts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->naccts && k->accts[lo].id == id ? k->accts[lo].flags : 0;
}

/* The Beijing date of a stored UTC timestamp ("2025-02-01T02:00:00Z"). */
static const char *beijing_date(struct arena *a, const char *ts)
{
	if (!ts || !*ts)
		return NULL;
	char utc[DATEFMT_TS_BUF], out[DATEFMT_DATE_BUF];
	int64_t us;
	struct errinfo ei = {0};
	if (datefmt_timestamp_parse(ts, utc, &us, &ei) != E_OK)
		return strlen(ts) >= 10 ? arena_strndup(a, ts, 10) : NULL;
	int64_t s = us / 1000000 + 8 * 3600;
	int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
	if (!datefmt_from_days(days, out))
		return NULL;
	return arena_strdup(a, out);
}

/* name without ASCII blanks and U+3000 */
static const char *strip_blanks(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	for (const char *p = s; *p;) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if ((unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
			   (unsigned char)p[2] == 0x80) {
			p += 3;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static int voucher_by_date(const void *a, const void *b)
{
	const struct rules_voucher *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : strcmp(x->no, y->no);
}

static const char *opt_text(struct arena *a, const struct db_res *res, int col)
{
	const char *t = db_text(res, col);
	return t && *t ? arena_strdup(a, t) : NULL;
}

enum err rules_vouchers(struct rules_ctx *cx, const struct rules_voucher **out, size_t *n,
			struct errinfo *ei)
{
	struct rules_cache *k = cx->cache;
	if (k->vouchers_loaded) {
		*out = k->vouchers;
		*n = k->nvouchers;
		return E_OK;
	}
	enum err e;
	if (!k->accts && (e = accounts_load(cx, ei)) != E_OK)
		return e;
	struct rules_rows *rr;
	if ((e = rules_query(cx, RULES_ST_VOUCHERS, true, &rr, ei)) != E_OK)
		return e;
	size_t nv = 0, cap = 64;
	struct rules_voucher *vv = ARENA_ARRAY(cx->a, struct rules_voucher, cap);
	const struct db_res *res;
	while ((res = rules_next(cx, rr))) {
		if (nv == cap) {
			struct rules_voucher *m = ARENA_ARRAY(cx->a, struct rules_voucher, cap * 2);
			memcpy(m, vv, cap * sizeof(*m));
			vv = m;
			cap *= 2;
		}
		struct rules_voucher *v = &vv[nv++];
		v->id = db_int(res, 0);
		v->no = db_text_dup(cx->a, res, 1);
		v->date = db_text_dup(cx->a, res, 2);
		v->pay_method = opt_text(cx->a, res, 3);
		v->handler = opt_text(cx->a, res, 4);
		v->approver = opt_text(cx->a, res, 5);
		v->entered = beijing_date(cx->a, db_text(res, 6));
		v->matter_no = opt_text(cx->a, res, 7);
		v->project_no = opt_text(cx->a, res, 8);
		v->contract_no = opt_text(cx->a, res, 9);
	}
	/* lines come by voucher id, vouchers are by id: walk both */
	int64_t *cb = ARENA_ARRAY(cx->a, int64_t, nv ? nv : 1); /* cash+bank credit − debit */
	bool *cash_cr = ARENA_ARRAY(cx->a, bool, nv ? nv : 1);
	if ((e = rules_query(cx, RULES_ST_LINES, true, &rr, ei)) != E_OK)
		return e;
	size_t i = 0;
	while ((res = rules_next(cx, rr))) {
		int64_t vid = db_int(res, 0);
		while (i < nv && vv[i].id < vid)
			i++;
		if (i >= nv || vv[i].id != vid)
			continue;
		struct rules_voucher *v = &vv[i];
		int64_t dr = db_int(res, 1), cr = db_int(res, 2);
		if (!v->party) {
			const char *party = db_text(res, 3);
			if (party && *party)
				v->party = arena_strdup(cx->a, party);
		}
		if (!v->party_id) {
			const char *pid = db_text(res, 4);
			if (pid && *pid)
				v->party_id = arena_strdup(cx->a, pid);
		}
		unsigned f = acct_flags(k, db_int(res, 5));
		if (f & (ACCT_CASH | ACCT_BANK))
			cb[i] += cr - dr;
		if ((f & ACCT_CASH) && cr > 0)
			cash_cr[i] = true;
		if (f & ACCT_INCOME)
			v->income += cr - dr;
		if (f & ACCT_EXPENSE)
			v->expense += dr - cr;
		if (f & ACCT_NONPROD)
			v->nonprod += dr - cr;
		if ((f & ACCT_PAYROLL) && dr > 0)
			v->payroll = true;
		if (f & ACCT_CARRY)
			v->carry = true;
	}
	for (i = 0; i < nv; i++) {
		struct rules_voucher *v = &vv[i];
		v->paid = cb[i] > 0 ? cb[i] : 0;
		v->cash = v->paid > 0 &&
			  ((v->pay_method && strcmp(v->pay_method, "现金") == 0) || cash_cr[i]);
		if (v->party_id)
			v->party_key = v->party_id;
		else if (v->party)
			v->party_key = strip_blanks(cx->a, v->party);
		if (v->party_key && !*v->party_key)
			v->party_key = NULL;
	}
	if (nv)
		qsort(vv, nv, sizeof(*vv), voucher_by_date);
	k->vouchers = vv;
	k->nvouchers = nv;
	k->vouchers_loaded = true;
	*out = vv;
	*n = nv;
	return E_OK;
}

bool rules_post_holds(const struct rules_post *p, const char *day)
{
	return strcmp(p->start, day) <= 0 && (!p->end || strcmp(p->end, day) >= 0);
}

const char *rules_related(struct rules_ctx *cx, const char *id_no, const char *day,
			  int64_t *post_id, int64_t *rel_id, struct errinfo *ei)
{
	const struct rules_post *posts;
	const struct rules_rel *rels;
	size_t np, nr;
	if (post_id)
		*post_id = 0;
	if (rel_id)
		*rel_id = 0;
	if (!id_no || !*id_no)
		return NULL;
	if (rules_posts(cx, &posts, &np, ei) != E_OK || rules_rels(cx, &rels, &nr, ei) != E_OK) {
		cx->cache->bad = true;
		cx->cache->err = *ei;
		return NULL;
	}
	struct rules_cache *k = cx->cache;
	if (!k->idmask_ok) {
		memset(k->idmask, 0, sizeof(k->idmask));
		for (size_t i = 0; i < np; i++)
			id_mark(k->idmask, posts[i].id_no);
		for (size_t r = 0; r < nr; r++) {
			id_mark(k->idmask, rels[r].a_id_no);
			id_mark(k->idmask, rels[r].b_id_no);
		}
		k->idmask_ok = true;
	}
	if (!id_maybe(k->idmask, id_no))
		return NULL; /* neither a cadre's nor a declared relation's */
	for (size_t i = 0; i < np; i++)
		if (strcmp(posts[i].id_no, id_no) == 0 && rules_post_holds(&posts[i], day)) {
			if (post_id)
				*post_id = posts[i].id;
			return arena_printf(cx->a, "本人时任%s", posts[i].post);
		}
	for (size_t r = 0; r < nr; r++) {
		const struct rules_rel *x = &rels[r];
		int64_t other;
		const char *other_name;
		bool forward = strcmp(x->b_id_no, id_no) == 0; /* id_no is the declared relative */
		if (forward) {
			other = x->a;
			other_name = x->a_name;
		} else if (strcmp(x->a_id_no, id_no) == 0) {
			other = x->b;
			other_name = x->b_name;
		} else {
			continue;
		}
		for (size_t i = 0; i < np; i++)
			if (posts[i].person_id == other && rules_post_holds(&posts[i], day)) {
				if (post_id)
					*post_id = posts[i].id;
				if (rel_id)
					*rel_id = x->id;
				return forward
					   ? arena_printf(cx->a, "系时任%s%s申报的亲属（%s）",
							  posts[i].post, other_name, x->relation)
					   : arena_printf(cx->a, "申报时任%s%s为其亲属（%s）",
							  posts[i].post, other_name, x->relation);
			}
	}
	return NULL;
}

/* ---- dates and money -------------------------------------------------------------------- */

int64_t rules_days(const char *ymd)
{
	return ymd ? datefmt_days(ymd) : DATEFMT_INVALID;
}

bool rules_present(const struct rules_ctx *cx, const char *ymd)
{
	return ymd && *ymd && strcmp(ymd, cx->as_of) <= 0;
}

const char *rules_date_add(struct rules_ctx *cx, const char *ymd, int64_t n)
{
	char out[DATEFMT_DATE_BUF];
	if (!datefmt_add_days(ymd, n, out))
		return "9999-12-31";
	return arena_strdup(cx->a, out);
}

const char *rules_money(struct rules_ctx *cx, int64_t fen)
{
	char b[MONEY_BUF];
	money_format_grouped(fen, b);
	return arena_strdup(cx->a, b);
}

/* ---- findings ------------------------------------------------------------------------- */

void rules_emit(struct rules_ctx *cx, const char *rule, const char *const *keys, size_t nkeys,
		const struct rules_cite *cites, size_t ncites, const char *fmt, ...)
{
	const struct rules_def *d = rule_find(rule, NULL);
	if (!d) {
		log_error("rules: unknown rule %s", rule);
		abort();
	}
	struct rules_scan *s = cx->out;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct rules_finding *m = ARENA_ARRAY(cx->keep, struct rules_finding, cap);
		if (s->n)
			memcpy(m, s->items, s->n * sizeof(*m));
		s->items = m;
		s->cap = cap;
	}
	struct rules_finding *f = &s->items[s->n++];
	f->rule = d->code;
	f->family = cx->fam->bit;
	f->village_id = cx->v->id;
	f->village = cx->v->code;
	f->severity = d->severity;
	f->nkeys = nkeys;
	f->keys = ARENA_ARRAY(cx->keep, const char *, nkeys ? nkeys : 1);
	for (size_t i = 0; i < nkeys; i++)
		f->keys[i] = arena_strdup(cx->keep, keys[i]);
	f->ncites = ncites;
	f->cites = ARENA_ARRAY(cx->keep, struct rules_cite, ncites ? ncites : 1);
	for (size_t i = 0; i < ncites; i++)
		f->cites[i] = cites[i];
	va_list ap;
	va_start(ap, fmt);
	f->message = arena_vprintf(cx->keep, fmt, ap);
	va_end(ap);
}

static int keys_cmp(const struct rules_finding *x, const struct rules_finding *y)
{
	for (size_t i = 0; i < x->nkeys && i < y->nkeys; i++) {
		int c = strcmp(x->keys[i], y->keys[i]);
		if (c)
			return c;
	}
	return x->nkeys < y->nkeys ? -1 : x->nkeys > y->nkeys;
}

/* Output order: rule, village code, keys. */
static int finding_cmp(const void *a, const void *b)
{
	const struct rules_finding *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);
	if (!c)
		c = strcmp(x->village, y->village);
	return c ? c : keys_cmp(x, y);
}

/* Villages a per-village statement reads at once (SQLite; a full scan on
 * PostgreSQL reads them all through cursors, scan_run). */
#define SCAN_BATCH 128

static int village_by_id(const void *a, const void *b)
{
	const struct rules_village *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static enum err scan_run(struct db_conn *c, struct arena *a, const char *as_of, int64_t village_id,
			 unsigned mask, bool stream, struct rules_scan *out, struct errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	if (!as_of || datefmt_days(as_of) == DATEFMT_INVALID)
		return err_set(ei, E_INPUT, "rules.as_of", "as_of", "扫描基准日期无效：%s",
			       as_of ? as_of : "");
	if (!mask)
		mask = RULES_FAM_ALL;
	out->as_of = arena_strdup(a, as_of);
	struct rules_cache cache = {.stream = stream};
	struct rules_ctx cx = {
	    .c = c, .a = a, .keep = a, .as_of = out->as_of, .out = out, .cache = &cache};
	cx.as_of_days = datefmt_days(as_of);
	enum err e;
	if ((e = params_load(&cx)) != E_OK)
		return err_set(ei, e, NULL, NULL, "读取预警参数失败：%s", db_errmsg(c));

	struct db_res *res;
	if ((e = db_exec(c, &rules_stmts, RULES_ST_VILLAGES, DB_PARAMS(DB_INT(village_id)),
			 &res)) != E_OK)
		return err_set(ei, e, NULL, NULL, "读取村居名册失败：%s", db_errmsg(c));
	size_t nv = 0, cap = 64;
	struct rules_village *vs = ARENA_ARRAY(a, struct rules_village, cap);
	while (db_row(res)) {
		if (nv == cap) {
			struct rules_village *m = ARENA_ARRAY(a, struct rules_village, cap * 2);
			memcpy(m, vs, cap * sizeof(*m));
			vs = m;
			cap *= 2;
		}
		struct rules_village *v = &vs[nv++];
		v->id = db_int(res, 0);
		v->code = db_text_dup(a, res, 1);
		v->name = db_text_dup(a, res, 2);
		v->township = db_text_dup(a, res, 3);
	}
	if ((e = db_done(res)) != E_OK)
		return err_set(ei, e, NULL, NULL, "读取村居名册失败");
	if (village_id && nv == 0)
		return err_set(ei, E_NOTFOUND, "rules.village", "village", "没有这个村（居）");

	void *states[NFAM_MAX] = {0};
	for (size_t f = 0; families[f]; f++) {
		if (!(families[f]->bit & mask) || !families[f]->prepare)
			continue;
		cx.fam = families[f];
		cx.fam_state = NULL;
		if ((e = families[f]->prepare(&cx, ei)) != E_OK)
			return e;
		states[f] = cx.fam_state;
	}
	/* villages in id order, in batches: each per-village statement runs once a
	 * batch (rules_query); the findings are sorted into output order below.
	 * In a full scan's own transaction on PostgreSQL one batch of every village,
	 * each statement read through a cursor (db_exec_stream): the server then
	 * reads and sorts each table once rather than once a batch. */
	if (nv)
		qsort(vs, nv, sizeof(*vs), village_by_id);
	size_t batch = cache.stream ? nv : SCAN_BATCH;
	struct arena va;
	arena_init(&va);
	for (size_t i = 0; i < nv && e == E_OK; i++) {
		struct rules_village *v = &vs[i];
		if (i % batch == 0) {
			size_t last = i + batch < nv ? i + batch - 1 : nv - 1;
			cx.batch_lo = v->id;
			cx.batch_hi = vs[last].id;
		}
		cx.v = v;
		cx.a = a;
		struct rules_rows *rr;
		const struct db_res *row;
		if ((e = rules_query(&cx, RULES_ST_FIRST_DAY, true, &rr, ei)) != E_OK)
			break;
		if ((row = rules_next(&cx, rr)))
			v->first_day = db_text_dup(a, row, 0);
		cache.posts_loaded = cache.rels_loaded = cache.vouchers_loaded = false;
		cache.idmask_ok = false;
		/* what a village's rules read lives until the next village */
		arena_release(&va);
		cx.a = &va;
		for (size_t f = 0; families[f] && e == E_OK; f++) {
			if (!(families[f]->bit & mask))
				continue;
			cx.fam = families[f];
			cx.fam_state = states[f];
			e = families[f]->village(&cx, ei);
			if (e == E_OK && cache.bad) {
				*ei = cache.err;
				e = ei->code ? ei->code : E_DB;
			}
		}
	}
	cx.a = a;
	rows_close_all(&cx);
	arena_release(&va);
	if (e == E_OK && cache.bad) {
		*ei = cache.err;
		e = ei->code ? ei->code : E_DB;
	}
	if (e != E_OK)
		return e;
	if (out->n)
		qsort(out->items, out->n, sizeof(out->items[0]), finding_cmp);
	return E_OK;
}

enum err rules_scan_run(struct db_conn *c, struct arena *a, const char *as_of, int64_t village_id,
			unsigned mask, struct rules_scan *out, struct errinfo *ei)
{
	/* A full scan reads most of the file: fetch it sequentially beside the
	 * scan rather than page by page at random (a cold read of the books: 3.4 s → 1.8 s). */
	struct db_warm *w = village_id == 0 ? db_warm_start(c) : NULL;
	/* On PostgreSQL a full scan outside a transaction reads in one of its own,
	 * through cursors, with room to sort and hash in memory (rules.scan_mem);
	 * otherwise libpq would hold each whole result (a city's 2.3 million voucher
	 * lines) and per-batch statements read whole tables again each batch. */
	bool stream = village_id == 0 && db_conn_backend(c) == DB_PG && !db_in_tx(c);
	if (stream) {
		enum err e = db_begin_snapshot(c);
		if (e == E_OK)
			e = db_exec(c, &rules_stmts, RULES_ST_SCAN_MEM, DB_NOPARAMS, NULL);
		if (e != E_OK) {
			db_rollback(c);
			db_warm_stop(w);
			return err_set(ei, e, NULL, NULL, "开始扫描失败：%s", db_errmsg(c));
		}
	}
	enum err e = scan_run(c, a, as_of, village_id, mask, stream, out, ei);
	if (stream)
		db_rollback(c);
	db_warm_stop(w);
	return e;
}

static json_t *keys_json(const struct rules_finding *f)
{
	json_t *k = json_array();
	for (size_t i = 0; i < f->nkeys; i++)
		json_array_append_new(k, json_string(f->keys[i]));
	return k;
}

char *rules_scan_json(struct arena *a, const struct rules_scan *s)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, s->n ? "[\n" : "[");
	for (size_t i = 0; i < s->n; i++) {
		const struct rules_finding *f = &s->items[i];
		json_t *o = json_object();
		json_object_set_new(o, "rule", json_string(f->rule));
		json_object_set_new(o, "village", json_string(f->village));
		json_object_set_new(o, "keys", keys_json(f));
		json_object_set_new(o, "severity", json_string(f->severity));
		json_object_set_new(o, "message", json_string(f->message));
		char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (!t)
			abort();
		buf_adds(&b, t);
		buf_adds(&b, i + 1 < s->n ? ",\n" : "\n");
		free(t);
	}
	buf_adds(&b, "]\n");
	char *r = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return r;
}

/* ---- sync --------------------------------------------------------------------------- */

/* What is stored of an alert. */
struct stored {
	int64_t id;		 /* alerts.id */
	int64_t village_id;	 /* its village */
	const char *rule;	 /* "K01" */
	const char *keys;	 /* JSON array text */
	const char *severity;	 /* high | medium | low */
	const char *message;	 /* as last synced */
	const char *evidence;	 /* JSON array text */
	const char *fingerprint; /* hex */
	const char *state;	 /* new, ... */
	bool raised;		 /* the rules raised it at the last sync */
	const char *rect_state;	 /* its rectification's state, NULL if none */
	bool matched;		 /* a finding of this sync is this alert */
};

/* A finding with what the sync needs of it. */
struct pending {
	const struct rules_finding *f; /* the finding */
	const char *keys;	       /* JSON array text */
	const char *evidence;	       /* JSON array text */
};

static const char *keys_text(struct arena *a, const struct rules_finding *f)
{
	json_t *k = keys_json(f);
	char *t = json_dumps(k, JSON_COMPACT);
	json_decref(k);
	if (!t)
		abort();
	char *r = arena_strdup(a, t);
	free(t);
	return r;
}

static const char *evidence_text(struct arena *a, const struct rules_finding *f)
{
	json_t *ev = json_array();
	for (size_t i = 0; i < f->ncites; i++)
		json_array_append_new(ev, json_pack("{s:s,s:I}", "entity", f->cites[i].entity, "id",
						    (json_int_t)f->cites[i].id));
	char *t = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(ev);
	if (!t)
		abort();
	char *r = arena_strdup(a, t);
	free(t);
	return r;
}

/* BLAKE2b-256 over the message (it carries the figures the rule computed:
 * sums, counts, days) and each cited row's logged value (its log table's get
 * statement, in canonical JSON), in citation order. */
static enum err fingerprint(struct db_conn *c, struct arena *a, const struct rules_finding *f,
			    const char **out, struct errinfo *ei)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)f->message, strlen(f->message) + 1);
	for (size_t i = 0; i < f->ncites; i++) {
		const struct trail_table *t = trail_table_find(f->cites[i].entity);
		char head[96];
		int n = snprintf(head, sizeof(head), "%s#%lld=", f->cites[i].entity,
				 (long long)f->cites[i].id);
		crypto_generichash_update(&st, (const unsigned char *)head, (size_t)n);
		if (!t)
			continue;
		struct db_res *res;
		enum err e = db_one(c, t->set, t->st_get, DB_PARAMS(DB_INT(f->cites[i].id)), &res);
		if (e == E_NOTFOUND)
			continue;
		if (e != E_OK)
			return err_set(ei, e, NULL, NULL, "读取预警所引记录失败：%s", db_errmsg(c));
		json_t *row = json_row(res);
		db_done(res);
		char *canon = json_canonical(row);
		json_decref(row);
		if (!canon)
			abort();
		crypto_generichash_update(&st, (const unsigned char *)canon, strlen(canon));
		free(canon);
	}
	unsigned char h[32];
	crypto_generichash_final(&st, h, sizeof(h));
	char *hex = arena_alloc(a, 65);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	*out = hex;
	return E_OK;
}

static int stored_cmp(const void *a, const void *b)
{
	const struct stored *x = a, *y = b;
	if (x->village_id != y->village_id)
		return x->village_id < y->village_id ? -1 : 1;
	int c = strcmp(x->rule, y->rule);
	return c ? c : strcmp(x->keys, y->keys);
}

static int pending_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	if (x->f->village_id != y->f->village_id)
		return x->f->village_id < y->f->village_id ? -1 : 1;
	int c = strcmp(x->f->rule, y->f->rule);
	return c ? c : strcmp(x->keys, y->keys);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool state_open(const char *s)
{
	static const char *const open[] = {"new",     "assigned",   "checking", "confirmed",
					   "partial", "rectifying", NULL};
	for (size_t i = 0; open[i]; i++)
		if (strcmp(open[i], s) == 0)
			return true;
	return false;
}

static enum err note_system(struct trail_ctx *tc, int64_t village_id, int64_t alert_id,
			    const char *date, const char *body, struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(tc->db, &rules_stmts, RULES_ST_NOTE_INSERT,
			    DB_PARAMS(DB_INT(village_id), DB_INT(alert_id), DB_TEXT("系统"),
				      DB_TEXT(body), DB_TEXT(date), DB_NULL),
			    &res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "记录预警说明失败：%s", db_errmsg(tc->db));
	int64_t id = db_int(res, 0);
	db_done(res);
	return trail_row(tc, &rules_tables[RULES_T_NOTES], id, "alert.note", ei);
}

static enum err alert_logged(struct trail_ctx *tc, int64_t id, const char *action,
			     struct errinfo *ei)
{
	return trail_row(tc, &rules_tables[RULES_T_ALERTS], id, action, ei);
}

static enum err exec_logged(struct trail_ctx *tc, unsigned st, const struct db_val *p, size_t n,
			    int64_t id, const char *action, struct errinfo *ei)
{
	enum err e = db_exec(tc->db, &rules_stmts, st, p, n, NULL);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "更新预警失败：%s", db_errmsg(tc->db));
	return alert_logged(tc, id, action, ei);
}

/* The alerts of the scope, sorted like the pending findings. */
static enum err stored_load(struct db_conn *c, struct arena *a, int64_t village_id, unsigned mask,
			    struct stored **out, size_t *n, struct errinfo *ei)
{
	struct db_res *res;
	enum err e =
	    db_exec(c, &rules_stmts, RULES_ST_ALERTS_SCOPE, DB_PARAMS(DB_INT(village_id)), &res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "读取预警失败：%s", db_errmsg(c));
	size_t cap = 64;
	*out = ARENA_ARRAY(a, struct stored, cap);
	*n = 0;
	while (db_row(res)) {
		const struct rules_family *fam = family_of_letter(db_text(res, 3));
		if (!fam || !(fam->bit & mask))
			continue;
		if (*n == cap) {
			struct stored *m = ARENA_ARRAY(a, struct stored, cap * 2);
			memcpy(m, *out, cap * sizeof(*m));
			*out = m;
			cap *= 2;
		}
		struct stored *s = &(*out)[(*n)++];
		s->id = db_int(res, 0);
		s->village_id = db_int(res, 1);
		s->rule = db_text_dup(a, res, 2);
		s->keys = db_text_dup(a, res, 4);
		s->severity = db_text_dup(a, res, 5);
		s->message = db_text_dup(a, res, 6);
		s->evidence = db_text_dup(a, res, 7);
		s->fingerprint = db_text_dup(a, res, 8);
		s->state = db_text_dup(a, res, 9);
		s->raised = db_int(res, 10) != 0;
		s->rect_state = db_text_dup(a, res, 11);
	}
	if ((e = db_done(res)) != E_OK)
		return err_set(ei, e, NULL, NULL, "读取预警失败");
	if (*n)
		qsort(*out, *n, sizeof(**out), stored_cmp);
	return E_OK;
}

static enum err sync_one(struct trail_ctx *tc, struct arena *a, const char *as_of,
			 const struct pending *p, struct stored *s, struct rules_sync_stats *st,
			 struct errinfo *ei)
{
	const struct rules_finding *f = p->f;
	const char *fp = NULL;
	enum err e = fingerprint(tc->db, a, f, &fp, ei);
	if (e != E_OK)
		return e;
	if (!s) {
		const struct rules_family *fam = NULL;
		rule_find(f->rule, &fam);
		struct db_res *res;
		e = db_one(tc->db, &rules_stmts, RULES_ST_ALERT_INSERT,
			   DB_PARAMS(DB_INT(f->village_id), DB_TEXT(f->rule), DB_TEXT(fam->letter),
				     DB_TEXT(p->keys), DB_TEXT(f->severity), DB_TEXT(f->message),
				     DB_TEXT(p->evidence), DB_TEXT(fp), DB_TEXT(as_of)),
			   &res);
		if (e != E_OK)
			return err_set(ei, e, NULL, NULL, "保存预警失败：%s", db_errmsg(tc->db));
		int64_t id = db_int(res, 0);
		db_done(res);
		st->opened++;
		return alert_logged(tc, id, "alert.raise", ei);
	}
	s->matched = true;
	const struct db_val upd[] = {DB_INT(s->id), DB_TEXT(f->severity), DB_TEXT(f->message),
				     DB_TEXT(p->evidence), DB_TEXT(fp)};
	bool changed = !same(s->fingerprint, fp);
	if (strcmp(s->state, "lapsed") == 0 ||
	    ((strcmp(s->state, "dismissed") == 0 || strcmp(s->state, "closed") == 0) && changed)) {
		st->opened++;
		if ((e = exec_logged(tc, RULES_ST_ALERT_REOPEN, upd, 5, s->id, "alert.reraise",
				     ei)) != E_OK)
			return e;
		return note_system(tc, s->village_id, s->id, as_of,
				   strcmp(s->state, "lapsed") == 0
				       ? "规则再次触发，预警重新生成"
				       : "所引记录已变化，原核查结论不再适用，预警重新生成",
				   ei);
	}
	if (!state_open(s->state))
		return E_OK;
	if (strcmp(s->state, "rectifying") == 0 && same(s->rect_state, "closed")) {
		st->closed++;
		return exec_logged(tc, RULES_ST_ALERT_FINISH,
				   DB_PARAMS(DB_INT(s->id), DB_TEXT("closed"), DB_INT(1),
					     DB_TEXT(as_of), DB_TEXT("整改已销号")),
				   s->id, "alert.close", ei);
	}
	if (changed || !s->raised || strcmp(s->severity, f->severity) != 0 ||
	    strcmp(s->message, f->message) != 0 || strcmp(s->evidence, p->evidence) != 0) {
		st->updated++;
		return exec_logged(tc, RULES_ST_ALERT_REFRESH, upd, 5, s->id, "alert.refresh", ei);
	}
	return E_OK;
}

/* An alert of the scope that no finding raised. */
static enum err sync_gone(struct trail_ctx *tc, const char *as_of, struct stored *s,
			  struct rules_sync_stats *st, struct errinfo *ei)
{
	if (strcmp(s->state, "new") == 0) {
		st->lapsed++;
		return exec_logged(tc, RULES_ST_ALERT_FINISH,
				   DB_PARAMS(DB_INT(s->id), DB_TEXT("lapsed"), DB_INT(0),
					     DB_TEXT(as_of),
					     DB_TEXT("规则不再触发（数据已更正或情形消失）")),
				   s->id, "alert.lapse", ei);
	}
	if (strcmp(s->state, "rectifying") == 0 && same(s->rect_state, "closed")) {
		st->closed++;
		return exec_logged(tc, RULES_ST_ALERT_FINISH,
				   DB_PARAMS(DB_INT(s->id), DB_TEXT("closed"), DB_INT(0),
					     DB_TEXT(as_of), DB_TEXT("整改已销号")),
				   s->id, "alert.close", ei);
	}
	if (state_open(s->state) && s->raised) {
		st->updated++;
		return exec_logged(tc, RULES_ST_ALERT_UNRAISE, DB_PARAMS(DB_INT(s->id)), s->id,
				   "alert.unraise", ei);
	}
	return E_OK;
}

/* Sync findings items[0..n) — all of village_id's (0: every village) in mask. */
static enum err sync_slice(struct trail_ctx *tc, struct arena *a, const char *as_of,
			   const struct rules_finding *items, size_t n, int64_t village_id,
			   unsigned mask, struct rules_sync_stats *st, struct errinfo *ei)
{
	struct stored *sv = NULL;
	size_t ns = 0;
	enum err e = stored_load(tc->db, a, village_id, mask, &sv, &ns, ei);
	if (e != E_OK)
		return e;
	struct pending *pv = ARENA_ARRAY(a, struct pending, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		pv[i].f = &items[i];
		pv[i].keys = keys_text(a, &items[i]);
		pv[i].evidence = evidence_text(a, &items[i]);
	}
	if (n)
		qsort(pv, n, sizeof(*pv), pending_cmp);
	st->findings += (int64_t)n;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		struct stored key = {
		    .village_id = pv[i].f->village_id, .rule = pv[i].f->rule, .keys = pv[i].keys};
		while (j < ns && stored_cmp(&sv[j], &key) < 0)
			j++;
		struct stored *s = j < ns && stored_cmp(&sv[j], &key) == 0 ? &sv[j] : NULL;
		if ((e = sync_one(tc, a, as_of, &pv[i], s, st, ei)) != E_OK)
			return e;
	}
	for (size_t k = 0; k < ns; k++)
		if (!sv[k].matched && (e = sync_gone(tc, as_of, &sv[k], st, ei)) != E_OK)
			return e;
	return E_OK;
}

enum err rules_sync(struct trail_ctx *tc, struct arena *a, const struct rules_scan *s,
		    int64_t village_id, unsigned mask, struct rules_sync_stats *st,
		    struct errinfo *ei)
{
	return sync_slice(tc, a, s->as_of, s->items, s->n, village_id, mask ? mask : RULES_FAM_ALL,
			  st, ei);
}

static const char *mask_text(struct arena *a, unsigned mask)
{
	char b[16];
	size_t n = 0;
	for (size_t i = 0; families[i] && n < sizeof(b) - 1; i++)
		if (families[i]->bit & mask)
			b[n++] = families[i]->letter[0];
	b[n] = '\0';
	return arena_strdup(a, b);
}

enum err rules_run_record(struct trail_ctx *tc, struct arena *a, const char *kind,
			  const char *as_of, int64_t village_id, unsigned mask,
			  const struct rules_sync_stats *st, struct errinfo *ei)
{
	char ts[32];
	app_timestamp(tc->now_us, ts);
	struct db_res *res;
	enum err e = db_one(tc->db, &rules_stmts, RULES_ST_RUN_INSERT,
			    DB_PARAMS(DB_TEXT(kind), DB_TEXT(as_of),
				      village_id ? DB_INT(village_id) : DB_NULL,
				      DB_TEXT(mask_text(a, mask ? mask : RULES_FAM_ALL)),
				      DB_TEXT(ts), DB_INT(st->findings), DB_INT(st->opened),
				      DB_INT(st->updated), DB_INT(st->lapsed), DB_INT(st->closed)),
			    &res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "记录扫描失败：%s", db_errmsg(tc->db));
	int64_t id = db_int(res, 0);
	db_done(res);
	return trail_row(tc, &rules_tables[RULES_T_RUNS], id, "rules.run", ei);
}

enum err rules_village_eval(struct trail_ctx *tc, int64_t village_id, unsigned mask,
			    const char *as_of, struct rules_sync_stats *st, struct errinfo *ei)
{
	if (!mask)
		mask = RULES_FAM_ALL;
	/* families whose alerts depend on other villages are evaluated for all */
	unsigned cross = 0;
	for (size_t i = 0; families[i]; i++)
		if (families[i]->cross_village && (families[i]->bit & mask))
			cross |= families[i]->bit;
	unsigned local = mask & ~cross;
	enum err e = E_OK;
	for (int pass = 0; pass < 2 && e == E_OK; pass++) {
		unsigned m = pass ? cross : local;
		int64_t vid = pass ? 0 : village_id;
		bool any = false;
		for (size_t i = 0; families[i]; i++)
			any = any || (families[i]->bit & m);
		if (!any)
			continue;
		struct arena a;
		arena_init(&a);
		struct rules_scan s;
		e = rules_scan_run(tc->db, &a, as_of, vid, m, &s, ei);
		if (e == E_OK)
			e = rules_sync(tc, &a, &s, vid, m, st, ei);
		arena_release(&a);
	}
	return e;
}

/* ---- full scans (command line, worker, console) --------------------------------------------- */

struct slice_job {
	struct arena *a;		   /* scan arena */
	const char *as_of;		   /* of the scan */
	const struct rules_finding *items; /* the village's findings */
	size_t n;			   /* entries */
	int64_t village_id;		   /* the village */
	struct rules_sync_stats *st;	   /* running totals */
};

static enum err slice_write(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct slice_job *j = arg;
	struct rules_sync_stats before = *j->st;
	enum err e =
	    sync_slice(tc, j->a, j->as_of, j->items, j->n, j->village_id, RULES_FAM_ALL, j->st, ei);
	if (e != E_OK)
		*j->st = before; /* the transaction is retried or abandoned */
	return e;
}

static int village_cmp(const void *a, const void *b)
{
	const struct rules_finding *x = a, *y = b;
	if (x->village_id != y->village_id)
		return x->village_id < y->village_id ? -1 : 1;
	return 0;
}

struct run_job {
	struct arena *a;		   /* scan arena */
	const char *kind;		   /* full | village */
	const char *as_of;		   /* of the scan */
	int64_t village_id;		   /* 0 = every village */
	const struct rules_sync_stats *st; /* totals */
};

static enum err run_write(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct run_job *j = arg;
	return rules_run_record(tc, j->a, j->kind, j->as_of, j->village_id, RULES_FAM_ALL, j->st,
				ei);
}

/* Sync a scan of every family village by village, one short write transaction
 * each, so that a city's scan never holds the write lock for long. */
enum err rules_full_sync(struct app *app, struct arena *a, struct rules_scan *s, int64_t village_id,
			 struct rules_sync_stats *st, struct errinfo *ei)
{
	struct db_conn *c;
	enum err e = db_conn_get(app->db, &c, ei);
	if (e != E_OK)
		return e;
	struct db_res *res;
	e = db_exec(c, &rules_stmts, RULES_ST_VILLAGES, DB_PARAMS(DB_INT(village_id)), &res);
	size_t nv = 0, cap = 64;
	int64_t *ids = ARENA_ARRAY(a, int64_t, cap);
	while (e == E_OK && db_row(res)) {
		if (nv == cap) {
			int64_t *m = ARENA_ARRAY(a, int64_t, cap * 2);
			memcpy(m, ids, cap * sizeof(*m));
			ids = m;
			cap *= 2;
		}
		ids[nv++] = db_int(res, 0);
	}
	if (e == E_OK)
		e = db_done(res);
	db_conn_put(app->db, c);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "读取村居名册失败");
	/* findings by village id (stable within a village: output order kept) */
	struct rules_finding *byv = ARENA_ARRAY(a, struct rules_finding, s->n ? s->n : 1);
	if (s->n) {
		memcpy(byv, s->items, s->n * sizeof(*byv));
		qsort(byv, s->n, sizeof(*byv), village_cmp);
	}
	size_t k = 0;
	for (size_t i = 0; i < nv; i++) {
		while (k < s->n && byv[k].village_id < ids[i])
			k++;
		size_t from = k;
		while (k < s->n && byv[k].village_id == ids[i])
			k++;
		struct arena va;
		arena_init(&va);
		struct slice_job j = {&va, s->as_of, byv + from, k - from, ids[i], st};
		e = app_write(app, "system:rules", slice_write, &j, ei);
		arena_release(&va);
		if (e != E_OK)
			return e;
	}
	struct run_job rj = {a, village_id ? "village" : "full", s->as_of, village_id, st};
	return app_write(app, "system:rules", run_write, &rj, ei);
}

enum err rules_cli_scan(struct app *app, const char *as_of, const char *village_code, bool json,
			FILE *out, struct errinfo *ei)
{
	char today[11];
	app_today(app, today);
	if (!as_of)
		as_of = today;
	struct db_conn *c;
	enum err e = db_conn_get(app->db, &c, ei);
	if (e != E_OK)
		return e;
	int64_t vid = 0;
	if (village_code && (e = org_village_id(c, village_code, &vid)) != E_OK) {
		db_conn_put(app->db, c);
		if (e == E_NOTFOUND)
			return err_set(ei, E_INPUT, "rules.village", "village",
				       "没有这个村（居）：%s", village_code);
		return err_set(ei, e, NULL, NULL, "读取村居名册失败");
	}
	struct arena a;
	arena_init(&a);
	struct rules_scan s;
	e = rules_scan_run(c, &a, as_of, vid, 0, &s, ei);
	db_conn_put(app->db, c);
	struct rules_sync_stats st = {0};
	if (e == E_OK && strcmp(as_of, today) == 0)
		e = rules_full_sync(app, &a, &s, vid, &st, ei);
	if (e == E_OK) {
		if (json) {
			fputs(rules_scan_json(&a, &s), out);
		} else {
			static const char *const sev[] = {"high", "高",	 "medium",
							  "中",	  "low", "低"};
			for (size_t i = 0; i < s.n; i++) {
				const struct rules_finding *f = &s.items[i];
				const char *sl = f->severity;
				for (size_t x = 0; x < 6; x += 2)
					if (strcmp(sev[x], f->severity) == 0)
						sl = sev[x + 1];
				fprintf(out, "%s  %s  [%s]  %s\n", f->rule, f->village, sl,
					f->message);
			}
			fprintf(out, "扫描基准日 %s：共 %zu 条预警", as_of, s.n);
			if (strcmp(as_of, today) == 0)
				fprintf(out,
					"（已同步：新增 %lld，更新 %lld，消除 %lld，关闭 %lld）",
					(long long)st.opened, (long long)st.updated,
					(long long)st.lapsed, (long long)st.closed);
			fputc('\n', out);
		}
	}
	arena_release(&a);
	return e;
}

/* ---- the worker of `serve` -------------------------------------------------------------- */

static struct {
	pthread_t thread;   /* the worker */
	bool running;	    /* started and not yet joined */
	pthread_mutex_t mu; /* guards stop */
	pthread_cond_t cv;  /* signalled by stop */
	bool stop;	    /* asked to stop */
	struct app *app;    /* the application */
} wk = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

#define WORKER_TICK_S	  2   /* poll the log this often; evaluate after a quiet tick… */
#define WORKER_MAX_WAIT_S 30  /* …or at the latest this long after the first write */
#define NIGHTLY_MINUTE	  120 /* 02:00 Beijing time */

static bool worker_sleep(int seconds)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += seconds;
	pthread_mutex_lock(&wk.mu);
	while (!wk.stop && pthread_cond_timedwait(&wk.cv, &wk.mu, &until) == 0)
		;
	bool stop = wk.stop;
	pthread_mutex_unlock(&wk.mu);
	return !stop;
}

static enum err int_of(struct app *app, unsigned st, const struct db_val *p, size_t n, int64_t *out,
		       char *text, size_t tlen, struct errinfo *ei)
{
	struct db_conn *c;
	enum err e = db_conn_get(app->db, &c, ei);
	if (e != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_one(c, &rules_stmts, st, p, n, &res)) == E_OK) {
		if (out)
			*out = db_int(res, 0);
		if (text)
			snprintf(text, tlen, "%s", db_text(res, 0) ? db_text(res, 0) : "");
		e = db_done(res);
	}
	db_conn_put(app->db, c);
	return e;
}

enum err rules_full_scan(struct app *app, const char *today, struct errinfo *eo)
{
	struct errinfo ei = {0};
	struct db_conn *c;
	enum err e = db_conn_get(app->db, &c, &ei);
	if (e != E_OK)
		return e;
	struct arena a;
	arena_init(&a);
	struct rules_scan s;
	int64_t t0 = log_monotonic_us();
	e = rules_scan_run(c, &a, today, 0, 0, &s, &ei);
	db_conn_put(app->db, c);
	struct rules_sync_stats st = {0};
	if (e == E_OK)
		e = rules_full_sync(app, &a, &s, 0, &st, &ei);
	if (e == E_OK)
		log_info("rules: full scan %s: %zu findings, %lld new, %lld updated, %lld lapsed, "
			 "%lld closed in %lld ms",
			 today, s.n, (long long)st.opened, (long long)st.updated,
			 (long long)st.lapsed, (long long)st.closed,
			 (long long)((log_monotonic_us() - t0) / 1000));
	else
		log_error("rules: full scan %s failed: %s", today, ei.msg);
	arena_release(&a);
	if (e != E_OK && eo)
		*eo = ei;
	return e;
}

struct touched {
	int64_t village_id; /* 0: every village */
	unsigned mask;	    /* families */
};

struct eval_job {
	int64_t village_id;	    /* the village */
	unsigned mask;		    /* families */
	const char *as_of;	    /* today */
	struct rules_sync_stats st; /* what changed */
};

static enum err eval_write(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct eval_job *j = arg;
	memset(&j->st, 0, sizeof(j->st));
	enum err e = rules_village_eval(tc, j->village_id, j->mask, j->as_of, &j->st, ei);
	if (e != E_OK || (!j->st.opened && !j->st.updated && !j->st.lapsed && !j->st.closed))
		return e;
	struct arena a;
	arena_init(&a);
	e = rules_run_record(tc, &a, "village", j->as_of, j->village_id, j->mask, &j->st, ei);
	arena_release(&a);
	return e;
}

static void add_touch(struct touched **v, size_t *n, size_t *cap, int64_t vid, unsigned mask)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].village_id == vid) {
			(*v)[i].mask |= mask;
			return;
		}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = realloc(*v, *cap * sizeof(**v));
		if (!*v)
			abort();
	}
	(*v)[(*n)++] = (struct touched){vid, mask};
}

enum err rules_log_head(struct app *app, int64_t *seq, struct errinfo *ei)
{
	return int_of(app, RULES_ST_TRAIL_MAX, DB_NOPARAMS, seq, NULL, 0, ei);
}

enum err rules_log_apply(struct app *app, int64_t from, int64_t to, const char *today,
			 struct errinfo *ei)
{
	struct db_conn *c;
	enum err e0 = db_conn_get(app->db, &c, ei);
	if (e0 != E_OK)
		return e0;
	struct touched *tv = NULL;
	size_t n = 0, cap = 0;
	bool all = false;
	struct db_res *res;
	enum err e = db_exec(c, &rules_stmts, RULES_ST_TRAIL_SINCE,
			     DB_PARAMS(DB_INT(from), DB_INT(to)), &res);
	bool complaints = false;
	while (e == E_OK && db_row(res)) {
		const char *entity = db_text(res, 0);
		unsigned mask = rules_families_of_entity(entity);
		if (strcmp(entity, "rule_params") == 0 || strcmp(entity, "power_settings") == 0 ||
		    strcmp(entity, "trade_settings") == 0 ||
		    strcmp(entity, "disclosure_catalogue") == 0 ||
		    strcmp(entity, "villages") == 0) {
			all = true;
		} else if (strcmp(entity, "rectifications") == 0 && !db_isnull(res, 1)) {
			/* a 销号 may close alerts of any family */
			add_touch(&tv, &n, &cap, db_int(res, 1), RULES_FAM_ALL);
		} else if (mask && db_isnull(res, 1)) {
			complaints = complaints || strcmp(entity, "complaints") == 0;
			if (strcmp(entity, "complaints") != 0)
				all = true;
		} else if (mask) {
			add_touch(&tv, &n, &cap, db_int(res, 1), mask);
		}
	}
	if (e == E_OK)
		e = db_done(res);
	if (e == E_OK && complaints &&
	    (e = db_exec(c, &rules_stmts, RULES_ST_TRAIL_COMPLAINTS,
			 DB_PARAMS(DB_INT(from), DB_INT(to)), &res)) == E_OK) {
		unsigned m = rules_families_of_entity("complaints");
		while (db_row(res))
			add_touch(&tv, &n, &cap, db_int(res, 0), m);
		e = db_done(res);
	}
	db_conn_put(app->db, c);
	if (e != E_OK) {
		err_set(ei, e, NULL, NULL, "读取操作日志失败");
	} else if (all) {
		e = rules_full_scan(app, today, ei);
	} else {
		for (size_t i = 0; i < n && e == E_OK; i++) {
			struct eval_job j = {tv[i].village_id, tv[i].mask, today, {0}};
			e = app_write(app, "system:rules", eval_write, &j, ei);
		}
	}
	free(tv);
	return e;
}

static int beijing_minute(struct app *app)
{
	int64_t s = app_now(app) / 1000000 + 8 * 3600;
	return (int)((s % 86400 + 86400) % 86400 / 60);
}

static void *worker_main(void *arg)
{
	(void)arg;
	struct app *app = wk.app;
	struct errinfo ei = {0};
	int64_t seen = 0;
	char today[11], last_full[16] = "";
	if (int_of(app, RULES_ST_TRAIL_MAX, DB_NOPARAMS, &seen, NULL, 0, &ei) != E_OK ||
	    int_of(app, RULES_ST_RUN_LAST_FULL, DB_NOPARAMS, NULL, last_full, sizeof(last_full),
		   &ei) != E_OK) {
		log_error("rules: worker cannot read the database");
		return NULL;
	}
	app_today(app, today);
	if (strcmp(last_full, today) != 0 && rules_full_scan(app, today, &ei) == E_OK) {
		snprintf(last_full, sizeof(last_full), "%s", today);
		int_of(app, RULES_ST_TRAIL_MAX, DB_NOPARAMS, &seen, NULL, 0, &ei);
	}
	int64_t last_head = seen, first_change = 0;
	while (worker_sleep(WORKER_TICK_S)) {
		app_today(app, today);
		int64_t head = seen;
		if (int_of(app, RULES_ST_TRAIL_MAX, DB_NOPARAMS, &head, NULL, 0, &ei) != E_OK)
			continue;
		if (strcmp(last_full, today) != 0 && beijing_minute(app) >= NIGHTLY_MINUTE) {
			if (rules_full_scan(app, today, &ei) == E_OK) {
				snprintf(last_full, sizeof(last_full), "%s", today);
				seen = last_head = head;
				first_change = 0;
			}
			continue;
		}
		if (head == seen)
			continue;
		int64_t now = log_monotonic_us() / 1000000;
		if (!first_change)
			first_change = now;
		/* debounce: wait for a tick without new entries, but not for ever */
		if (head != last_head && now - first_change < WORKER_MAX_WAIT_S) {
			last_head = head;
			continue;
		}
		/* our own entries (alerts, notes, runs) feed no family and are skipped */
		if (rules_log_apply(app, seen, head, today, &ei) != E_OK)
			log_error("rules: incremental evaluation failed: %s", ei.msg);
		seen = last_head = head;
		first_change = 0;
	}
	return NULL;
}

enum err rules_worker_start(struct app *app, struct errinfo *ei)
{
	if (wk.running)
		return E_OK;
	wk.app = app;
	wk.stop = false;
	/* the worker must not take SIGINT/SIGTERM: the main thread waits for them */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&wk.thread, NULL, worker_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return err_set(ei, E_INTERNAL, "rules.worker", NULL, "无法启动预警扫描线程");
	wk.running = true;
	return E_OK;
}

void rules_worker_stop(void)
{
	if (!wk.running)
		return;
	pthread_mutex_lock(&wk.mu);
	wk.stop = true;
	pthread_cond_broadcast(&wk.cv);
	pthread_mutex_unlock(&wk.mu);
	pthread_join(wk.thread, NULL);
	wk.running = false;
}

/* ---- risk colour ------------------------------------------------------------------------ */

void rules_risk_of(int64_t high, int64_t medium, int64_t low, struct rules_risk *out)
{
	out->high = high;
	out->medium = medium;
	out->low = low;
	if (high > 0) {
		out->colour = "红";
		out->level = "red";
	} else if (medium > 0 || low >= 3) {
		out->colour = "黄";
		out->level = "yellow";
	} else {
		out->colour = "绿";
		out->level = "green";
	}
}

enum err rules_village_risk(struct db_conn *c, int64_t village_id, struct rules_risk *out)
{
	struct db_res *res;
	enum err e =
	    db_one(c, &rules_stmts, RULES_ST_RISK_VILLAGE, DB_PARAMS(DB_INT(village_id)), &res);
	if (e != E_OK)
		return e;
	rules_risk_of(db_int(res, 0), db_int(res, 1), db_int(res, 2), out);
	return db_done(res);
}
