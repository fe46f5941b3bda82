/*
 * Rule family C (合同与资产资源) of domain/rules.md: C01 应进场未进场交易, C02 租金
 * 明显偏低, C03 租期超过法定上限, C04 租金拖欠, C05 干部及亲属承包集体资产资源, C06
 * 同一标的合同期重叠.  Terms and values use the assets module's own definitions
 * (assets_term_exceeds, assets_value_reaches); C02 compares with the township's
 * other leases (prepared once per scan).  A contract is present once signed on or
 * before as_of.  Raises findings through the engine; it must not write.
 */
#include <stdlib.h>
#include <string.h>

#include "assets.h"
#include "rules.h"

static const struct rules_param_def c01_params[] = {
    {"trade_threshold", "应进场交易的合同价值", RP_MONEY, 5000000, RULES_PF_TRADE},
};
static const struct rules_param_def c02_params[] = {
    {"low_rent_ratio", "租金偏低比例", RP_RATIO, 700000, 0},
};
static const struct rules_param_def c03_params[] = {
    {"max_resource_term", "资源发包最长年限", RP_COUNT, 30, 0},
};
static const struct rules_param_def c04_params[] = {
    {"arrears_grace_days", "租金拖欠宽限天数", RP_DAYS, 90, 0},
};

static const struct rules_def c_rules[] = {
    {"C01", "应进场未进场交易", "high", "contract_no",
     "《农村产权流转交易市场健康发展的意见》；清廉村居建设实施方案“应进必进”：达到标准的集体资产资"
     "源"
     "发包租赁须进场交易",
     c01_params, 1},
    {"C02", "租金明显偏低", "medium", "contract_no",
     "《农村集体经济组织财务制度》：集体资产资源发包租赁不得低于市场价格", c02_params, 1},
    {"C03", "租期超过法定上限", "medium", "contract_no",
     "《中华人民共和国民法典》第七百零五条（租赁期限不得超过二十年）；《农村土地承包法》",
     c03_params, 1},
    {"C04", "租金拖欠", "medium", "contract_no",
     "《农村集体经济组织财务制度》：及时收取发包租赁收入，清理拖欠", c04_params, 1},
    {"C05", "干部及亲属承包集体资产资源", "high", "contract_no",
     "《中国共产党纪律处分条例》第一百零三条；村干部及其亲属承包集体资产资源须回避并公开", NULL, 0},
    {"C06", "同一标的合同期重叠", "high", "contract_nos",
     "《中华人民共和国民法典》合同编：同一标的不得重复发包租赁", NULL, 0},
};

static const char *const c_entities[] = {
    "contracts", "contract_bills", "bill_payments", "assets", "resources",
    "trades",	 "positions",	   "relatives",	    "people", NULL};

/* A resource lease of ≥ 1 亩 anywhere, for the township medians of C02. */
struct lease {
	int64_t id;	      /* contracts.id */
	const char *township; /* its village's township */
	const char *kind;     /* the resource's kind */
	int64_t rent;	      /* annual_rent_fen */
	int64_t area;	      /* area_mu_x100 */
};

struct cstate {
	struct lease *lv; /* by township, kind, rent per 亩 */
	size_t n;	  /* entries */
};

/* rent/area comparison, exact: a.rent × b.area vs b.rent × a.area */
static int per_mu_cmp(const struct lease *a, const struct lease *b)
{
	__int128 x = (__int128)a->rent * b->area, y = (__int128)b->rent * a->area;
	return (x > y) - (x < y);
}

static int lease_cmp(const void *x, const void *y)
{
	const struct lease *a = x, *b = y;
	int c = strcmp(a->township, b->township);
	if (!c)
		c = strcmp(a->kind, b->kind);
	if (!c)
		c = per_mu_cmp(a, b);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static enum err c_prepare(struct rules_ctx *cx, struct errinfo *ei)
{
	struct cstate *st = ARENA_NEW(cx->a, struct cstate);
	struct db_res *res;
	enum err e =
	    db_exec(cx->c, &rules_stmts, RULES_ST_C_LEASES, DB_PARAMS(DB_TEXT(cx->as_of)), &res);
	size_t cap = 64;
	st->lv = ARENA_ARRAY(cx->a, struct lease, cap);
	while (e == E_OK && db_row(res)) {
		if (st->n == cap) {
			struct lease *m = ARENA_ARRAY(cx->a, struct lease, cap * 2);
			memcpy(m, st->lv, cap * sizeof(*m));
			st->lv = m;
			cap *= 2;
		}
		st->lv[st->n++] =
		    (struct lease){db_int(res, 0), db_text_dup(cx->a, res, 1),
				   db_text_dup(cx->a, res, 2), db_int(res, 3), db_int(res, 4)};
	}
	if (e == E_OK)
		e = db_done(res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "读取资源发包合同失败：%s", db_errmsg(cx->c));
	if (st->n)
		qsort(st->lv, st->n, sizeof(*st->lv), lease_cmp);
	cx->fam_state = st;
	return E_OK;
}

struct contract {
	int64_t id;	      /* contracts.id */
	const char *no;	      /* contract_no */
	const char *subject;  /* subject_no */
	const char *party;    /* counterparty */
	const char *party_id; /* counterparty_id, or NULL */
	const char *sign;     /* sign_date */
	const char *start;    /* start_date */
	const char *end;      /* end_date */
	int64_t rent;	      /* annual_rent_fen */
	int64_t area;	      /* area_mu_x100, -1 when blank */
	const char *trade_no; /* as written, or NULL */
	int64_t trade_id;     /* the trade it names, 0 when none */
	int64_t asset_id;     /* the asset its subject names, 0 when none */
	int64_t resource_id;  /* the resource its subject names, 0 when none */
	const char *kind;     /* that resource's kind, or NULL */
};

static enum err load(struct rules_ctx *cx, struct contract **out, size_t *n, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_C_CONTRACTS, true, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 32;
	*out = ARENA_ARRAY(cx->a, struct contract, cap);
	*n = 0;
	while ((res = rules_next(cx, rr))) {
		if (*n == cap) {
			struct contract *m = ARENA_ARRAY(cx->a, struct contract, cap * 2);
			memcpy(m, *out, cap * sizeof(*m));
			*out = m;
			cap *= 2;
		}
		struct contract *c = &(*out)[(*n)++];
		c->id = db_int(res, 0);
		c->no = db_text_dup(cx->a, res, 1);
		c->subject = db_text_dup(cx->a, res, 2);
		c->party = db_text_dup(cx->a, res, 3);
		c->party_id =
		    db_text(res, 4) && *db_text(res, 4) ? db_text_dup(cx->a, res, 4) : NULL;
		c->sign = db_text_dup(cx->a, res, 5);
		c->start = db_text_dup(cx->a, res, 6);
		c->end = db_text_dup(cx->a, res, 7);
		c->rent = db_int(res, 8);
		c->area = db_isnull(res, 9) ? -1 : db_int(res, 9);
		c->trade_no = db_text_dup(cx->a, res, 10);
		c->trade_id = db_int(res, 11);
		c->asset_id = db_int(res, 12);
		c->resource_id = db_int(res, 13);
		c->kind = db_text_dup(cx->a, res, 14);
	}
	return E_OK;
}

static void one(struct rules_ctx *cx, const char *rule, const struct contract *c,
		const struct rules_cite *extra, size_t nextra, const char *msg)
{
	const char *keys[1] = {c->no};
	struct rules_cite cites[8] = {{"contracts", c->id}};
	size_t nc = 1;
	for (size_t i = 0; i < nextra && nc < 8; i++)
		if (extra[i].id)
			cites[nc++] = extra[i];
	rules_emit(cx, rule, keys, 1, cites, nc, "%s", msg);
}

static const char *per_mu(struct rules_ctx *cx, int64_t rent, int64_t area)
{
	return rules_money(cx, (int64_t)((__int128)rent * 100 / area));
}

/* C02 for one lease of this village: the township's other leases of its kind. */
static void c02(struct rules_ctx *cx, const struct contract *c, const char *kind)
{
	const struct cstate *st = cx->fam_state;
	if (!st || c->area < 100)
		return;
	int64_t ratio = rules_param(cx, "C02", "low_rent_ratio");
	/* binary search for the first lease of (township, kind) */
	size_t from = 0, hi = st->n;
	while (from < hi) {
		size_t mid = from + (hi - from) / 2;
		int c1 = strcmp(st->lv[mid].township, cx->v->township);
		if (c1 < 0 || (c1 == 0 && strcmp(st->lv[mid].kind, kind) < 0))
			from = mid + 1;
		else
			hi = mid;
	}
	size_t to = from, self = (size_t)-1;
	for (; to < st->n && strcmp(st->lv[to].township, cx->v->township) == 0 &&
	       strcmp(st->lv[to].kind, kind) == 0;
	     to++)
		if (st->lv[to].id == c->id)
			self = to;
	size_t others = to - from - (self != (size_t)-1);
	if (others < 5)
		return;
#define OTHER(k) (&st->lv[from + (k) + (self != (size_t)-1 && from + (k) >= self)])
	const struct lease *m1 = OTHER((others - 1) / 2), *m2 = OTHER(others / 2);
#undef OTHER
	/* rent/area < ratio/10⁶ × (m1 + m2)/2, in integers */
	__int128 lhs = (__int128)c->rent * 2000000 * m1->area * m2->area;
	__int128 rhs = (__int128)ratio * c->area *
		       ((__int128)m1->rent * m2->area + (__int128)m2->rent * m1->area);
	if (lhs >= rhs)
		return;
	/* the median per 亩 for the message, in fen (rounded down) */
	int64_t med =
	    (int64_t)(((__int128)m1->rent * 100 * m2->area + (__int128)m2->rent * 100 * m1->area) /
		      ((__int128)2 * m1->area * m2->area));
	char area[32];
	assets_area_format(c->area, area);
	one(cx, "C02", c, (struct rules_cite[]){{"resources", c->resource_id}}, 1,
	    arena_printf(
		cx->a,
		"合同 %s（%s %s，%s 亩）年租金 %s 元，每亩 %s 元，低于本镇其他 %zu 份%s合同"
		"每亩租金中位数 %s 元的 %lld%%",
		c->no, kind, c->subject, area, rules_money(cx, c->rent),
		per_mu(cx, c->rent, c->area), others, kind, rules_money(cx, med),
		(long long)(ratio / 10000)));
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum err c_village(struct rules_ctx *cx, struct errinfo *ei)
{
	struct contract *cv;
	size_t n;
	enum err e = load(cx, &cv, &n, ei);
	if (e != E_OK)
		return e;
	int64_t threshold = rules_param(cx, "C01", "trade_threshold");
	int64_t max_res = rules_param(cx, "C03", "max_resource_term");
	int64_t grace = rules_param(cx, "C04", "arrears_grace_days");
	for (size_t i = 0; i < n; i++) {
		const struct contract *c = &cv[i];
		if (!c->trade_id && assets_value_reaches(c->rent, c->start, c->end, threshold))
			one(cx, "C01", c, NULL, 0,
			    arena_printf(
				cx->a,
				"合同 %s（%s，%s 至 %s）年租金 %s 元，合同价值 %s 元，达到进场"
				"交易标准 %s 元，%s",
				c->no, c->party, c->start, c->end, rules_money(cx, c->rent),
				rules_money(cx, assets_lease_value_fen(c->rent, c->start, c->end)),
				rules_money(cx, threshold),
				c->trade_no
				    ? arena_printf(cx->a, "所注交易编号 %s 不存在", c->trade_no)
				    : "没有经过产权交易"));
		int years = c->resource_id ? (int)max_res : c->asset_id ? 20 : 0;
		if (years && assets_term_exceeds(c->start, c->end, years))
			one(cx, "C03", c,
			    (struct rules_cite[]){{c->resource_id ? "resources" : "assets",
						   c->resource_id ? c->resource_id : c->asset_id}},
			    1,
			    arena_printf(
				cx->a, "合同 %s（%s %s）租期 %s 至 %s，超过%s %d 年的上限", c->no,
				c->resource_id ? "资源" : "资产", c->subject, c->start, c->end,
				c->resource_id ? "资源发包" : "资产租赁（民法典第七百零五条）",
				years));
		if (c->party_id) {
			int64_t post_id, rel_id;
			const char *why =
			    rules_related(cx, c->party_id, c->sign, &post_id, &rel_id, ei);
			if (why)
				one(cx, "C05", c,
				    (struct rules_cite[]){{"positions", post_id},
							  {"relatives", rel_id}},
				    2,
				    arena_printf(cx->a, "合同 %s 于 %s 签订，承包方%s（%s）%s",
						 c->no, c->sign, c->party, c->party_id, why));
		}
	}
	for (size_t i = 0; i < n; i++)
		if (cv[i].kind)
			c02(cx, &cv[i], cv[i].kind);
	/* C04: bills past due + grace, not fully paid by as_of; one alert a contract */
	struct rules_rows *rr;
	const struct db_res *res;
	if ((e = rules_query(cx, RULES_ST_C_BILLS, true, &rr, ei)) != E_OK)
		return e;
	int64_t cur = 0, owed = 0, bills = 0;
	struct rules_cite cites[8];
	size_t nc = 0;
	const char *oldest = NULL;
	for (bool more = (res = rules_next(cx, rr)) != NULL;;
	     more = (res = rules_next(cx, rr)) != NULL) {
		int64_t cid = more ? db_int(res, 1) : -1;
		if (cid != cur && cur && bills) {
			for (size_t i = 0; i < n; i++)
				if (cv[i].id == cur) {
					one(cx, "C04", &cv[i], cites, nc,
					    arena_printf(cx->a,
							 "合同 %s（%s）有 %lld 期租金逾期超过 %lld "
							 "天未收齐，"
							 "最早一期应收日 %s，共欠 %s 元",
							 cv[i].no, cv[i].party, (long long)bills,
							 (long long)grace, oldest,
							 rules_money(cx, owed)));
					break;
				}
		}
		if (!more)
			break;
		if (cid != cur) {
			cur = cid;
			owed = bills = 0;
			nc = 0;
			oldest = NULL;
		}
		const char *due = db_text(res, 2);
		int64_t amount = db_int(res, 3), paid = db_int(res, 4);
		if (rules_days(due) + grace < cx->as_of_days && paid < amount) {
			bills++;
			owed += amount - paid;
			if (!oldest)
				oldest = db_text_dup(cx->a, res, 2);
			if (nc < 8)
				cites[nc++] = (struct rules_cite){"contract_bills", db_int(res, 0)};
		}
	}
	/* C06: pairs on one subject whose periods overlap */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) {
			const struct contract *a = &cv[i], *b = &cv[k];
			if (strcmp(a->subject, b->subject) != 0 || strcmp(a->start, b->end) > 0 ||
			    strcmp(b->start, a->end) > 0)
				continue;
			const char *keys[2] = {a->no, b->no};
			qsort(keys, 2, sizeof(keys[0]), str_cmp);
			struct rules_cite pair[2] = {{"contracts", a->id}, {"contracts", b->id}};
			rules_emit(cx, "C06", keys, 2, pair, 2,
				   "标的 %s 的合同 %s（%s 至 %s）与 %s（%s 至 %s）期限重叠",
				   a->subject, a->no, a->start, a->end, b->no, b->start, b->end);
		}
	return E_OK;
}

const struct rules_family rules_family_c = {
    .bit = RULES_FAM_C,
    .letter = "C",
    .title = "合同与资产资源",
    .rules = c_rules,
    .nrules = sizeof(c_rules) / sizeof(c_rules[0]),
    .entities = c_entities,
    .cross_village = true,
    .prepare = c_prepare,
    .village = c_village,
};
