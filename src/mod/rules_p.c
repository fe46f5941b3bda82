/*
 * Rule family P (工程项目与产权交易) of domain/rules.md: P01 先实施后补手续, P02
 * 拆分项目规避竞价, P03 应竞价未竞价, P04 竞争不充分, P05 报价高度接近（疑似围标）,
 * P06 同一承包方反复中标, P07 干部及亲属中标或受让, P08 工程款超合同价.  Reads the
 * village's projects, trades and bids, and (P08) the payment vouchers citing a
 * project through the engine.  A project is present when the earliest of its
 * dates is on or before as_of (or it has none), a trade once listed, a bid
 * unless dated after as_of.  Raises findings through the engine; no writes.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static const struct rules_param_def p02_params[] = {
    {"bidding_threshold", "须竞价的项目预算", RP_MONEY, 5000000, RULES_PF_BIDDING},
    {"split_window_days", "拆分项目时间窗（天）", RP_DAYS, 90, 0},
};
static const struct rules_param_def p04_params[] = {
    {"min_bidders", "最少报价人数", RP_COUNT, 3, 0},
};
static const struct rules_param_def p05_params[] = {
    {"bid_spread", "报价最大差幅", RP_RATIO, 20000, 0},
};
static const struct rules_param_def p06_params[] = {
    {"repeat_wins", "同一承包方年度中标数", RP_COUNT, 3, 0},
};
static const struct rules_param_def p08_params[] = {
    {"overrun_ratio", "工程款超合同价比例", RP_RATIO, 100000, 0},
};

static const struct rules_def p_rules[] = {
    {"P01", "先实施后补手续", "high", "project_no",
     "清廉村居建设实施方案“小型零散项目”：登记、审核、审批、公告、竞价、签约、实施、验收依次进行",
     NULL, 0},
    {"P02", "拆分项目规避竞价", "high", "project_nos",
     "《中华人民共和国招标投标法》第四条：不得将项目化整为零规避招标（竞价）", p02_params, 2},
    {"P03", "应竞价未竞价", "high", "project_no",
     "清廉村居建设实施方案“小型零散项目打包竞价”：达到标准的项目须竞价", NULL, 0},
    {"P04", "竞争不充分", "medium", "ref_no",
     "《中华人民共和国招标投标法》第二十八条：投标人少于三个的应重新招标", p04_params, 1},
    {"P05", "报价高度接近（疑似围标）", "high", "ref_no",
     "《中华人民共和国招标投标法实施条例》第四十条：投标文件异常一致或报价呈规律性差异视为串通投标",
     p05_params, 1},
    {"P06", "同一承包方反复中标", "medium", "contractor_id, year",
     "清廉村居建设实施方案：防止工程项目长期由少数承包方承揽", p06_params, 1},
    {"P07", "干部及亲属中标或受让", "high", "ref_no",
     "《中国共产党纪律处分条例》第一百零三条；村干部及其亲属不得违规承揽集体工程、受让集体资产",
     NULL, 0},
    {"P08", "工程款超合同价", "high", "project_no",
     "《农村集体经济组织财务制度》：工程价款按合同结算，变更须履行程序", p08_params, 1},
};

static const char *const p_entities[] = {"projects",	    "trades",	     "bids",
					 "project_bundles", "book_vouchers", "positions",
					 "relatives",	    "people",	     NULL};

enum { D_APPROVED, D_ANNOUNCED, D_BID, D_CONTRACT, D_START, D_ACCEPTED, D__N };
static const char *const date_names[D__N] = {"审批", "公告", "开标", "合同", "开工", "验收"};

struct project {
	int64_t id;		 /* projects.id */
	const char *no;		 /* project_no */
	const char *procurement; /* 采购方式 */
	int64_t budget;		 /* budget_fen */
	const char *date[D__N];	 /* as recorded, NULL when blank */
	const char *contractor;	 /* name, or NULL */
	const char *cid;	 /* contractor_id, or NULL */
	int64_t amount;		 /* contract_amount_fen, -1 when blank */
	const char *registered;	 /* registered_date, or NULL */
};

struct trade {
	int64_t id;	     /* trades.id */
	const char *no;	     /* trade_no */
	const char *closing; /* closing_date */
	const char *winner;  /* name, or NULL */
	const char *wid;     /* winner_id, or NULL */
};

struct bid {
	const char *ref;    /* project or trade number */
	const char *bidder; /* bidder_id */
	int64_t price;	    /* price_fen */
	int64_t id;	    /* bids.id */
};

static const char *opt(struct rules_ctx *cx, const struct db_res *res, int col)
{
	const char *t = db_text(res, col);
	return t && *t ? arena_strdup(cx->a, t) : NULL;
}

#define GROW(arr, n, cap, type)                                                                    \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			type *m_ = ARENA_ARRAY(cx->a, type, (cap)*2);                              \
			memcpy(m_, (arr), (cap) * sizeof(type));                                   \
			(arr) = m_;                                                                \
			(cap) *= 2;                                                                \
		}                                                                                  \
	} while (0)

struct pdata {
	struct project *pv; /* projects present */
	size_t np;	    /* entries */
	struct trade *tv;   /* trades listed */
	size_t nt;	    /* entries */
	struct bid *bv;	    /* bids present, by ref then price */
	size_t nb;	    /* entries */
};

static enum err load(struct rules_ctx *cx, struct pdata *d, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_P_PROJECTS, false, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 16;
	d->pv = ARENA_ARRAY(cx->a, struct project, cap);
	while ((res = rules_next(cx, rr))) {
		struct project p = {0};
		p.id = db_int(res, 0);
		p.no = db_text_dup(cx->a, res, 1);
		p.procurement = db_text_dup(cx->a, res, 2);
		p.budget = db_int(res, 3);
		for (int k = 0; k < D__N; k++)
			p.date[k] = opt(cx, res, 4 + k);
		p.contractor = opt(cx, res, 10);
		p.cid = opt(cx, res, 11);
		p.amount = db_isnull(res, 12) ? -1 : db_int(res, 12);
		p.registered = opt(cx, res, 13);
		/* present when its earliest date has come (or it has none) */
		const char *earliest = p.registered;
		for (int k = 0; k < D__N; k++)
			if (p.date[k] && (!earliest || strcmp(p.date[k], earliest) < 0))
				earliest = p.date[k];
		if (earliest && strcmp(earliest, cx->as_of) > 0)
			continue;
		GROW(d->pv, d->np, cap, struct project);
		d->pv[d->np++] = p;
	}
	if ((e = rules_query(cx, RULES_ST_P_TRADES, true, &rr, ei)) != E_OK)
		return e;
	cap = 16;
	d->tv = ARENA_ARRAY(cx->a, struct trade, cap);
	while ((res = rules_next(cx, rr))) {
		GROW(d->tv, d->nt, cap, struct trade);
		d->tv[d->nt++] =
		    (struct trade){db_int(res, 0), db_text_dup(cx->a, res, 1),
				   db_text_dup(cx->a, res, 2), opt(cx, res, 3), opt(cx, res, 4)};
	}
	if ((e = rules_query(cx, RULES_ST_P_BIDS, true, &rr, ei)) != E_OK)
		return e;
	cap = 32;
	d->bv = ARENA_ARRAY(cx->a, struct bid, cap);
	while ((res = rules_next(cx, rr))) {
		GROW(d->bv, d->nb, cap, struct bid);
		d->bv[d->nb++] =
		    (struct bid){db_text_dup(cx->a, res, 0), db_text_dup(cx->a, res, 1),
				 db_int(res, 2), db_int(res, 3)};
	}
	return E_OK;
}

static bool direct(const struct project *p)
{
	return strcmp(p->procurement, "直接委托") == 0;
}

static void one(struct rules_ctx *cx, const char *rule, const char *key, const char *entity,
		int64_t id, const struct rules_cite *extra, size_t nextra, const char *msg)
{
	const char *keys[1] = {key};
	struct rules_cite cites[4] = {{entity, id}};
	size_t nc = 1;
	for (size_t i = 0; i < nextra && nc < 4; i++)
		if (extra[i].id)
			cites[nc++] = extra[i];
	rules_emit(cx, rule, keys, 1, cites, nc, "%s", msg);
}

/* Bids of one ref: [*from, *to) of d->bv (sorted by ref). */
static void bids_of(const struct pdata *d, const char *ref, size_t *from, size_t *to)
{
	size_t i = 0;
	while (i < d->nb && strcmp(d->bv[i].ref, ref) < 0)
		i++;
	*from = i;
	while (i < d->nb && strcmp(d->bv[i].ref, ref) == 0)
		i++;
	*to = i;
}

static void p04_p05(struct rules_ctx *cx, const struct pdata *d, const char *ref,
		    const char *entity, int64_t id, bool check_count, const char *what)
{
	int64_t min_bidders = rules_param(cx, "P04", "min_bidders");
	int64_t spread = rules_param(cx, "P05", "bid_spread");
	size_t from, to;
	bids_of(d, ref, &from, &to);
	size_t n = to - from;
	if (check_count && (int64_t)n < min_bidders)
		one(cx, "P04", ref, entity, id, NULL, 0,
		    arena_printf(cx->a, "%s %s 只有 %zu 个报价，少于 %lld 个", what, ref, n,
				 (long long)min_bidders));
	if (n < 3)
		return;
	int64_t lo = d->bv[from].price, hi = d->bv[to - 1].price;
	/* (hi − lo) / lo < spread ⇔ (hi − lo) × 10⁶ < spread × lo */
	if (lo <= 0 || (__int128)(hi - lo) * 1000000 >= (__int128)spread * lo)
		return;
	struct rules_cite extra[3];
	size_t ne = 0;
	for (size_t k = from; k < to && ne < 3; k++)
		extra[ne++] = (struct rules_cite){"bids", d->bv[k].id};
	int64_t bp = (int64_t)((__int128)(hi - lo) * 10000 / lo);
	one(cx, "P05", ref, entity, id, extra, ne,
	    arena_printf(cx->a,
			 "%s %s 的 %zu 个报价在 %s 元至 %s 元之间，最大差幅 %lld.%02lld%%，小于 "
			 "%lld.%02lld%%",
			 what, ref, n, rules_money(cx, lo), rules_money(cx, hi),
			 (long long)(bp / 100), (long long)(bp % 100), (long long)(spread / 10000),
			 (long long)(spread / 100 % 100)));
}

struct cand {
	const struct project *p; /* a direct commission under the threshold */
};

static int cand_cmp(const void *a, const void *b)
{
	const struct project *x = ((const struct cand *)a)->p, *y = ((const struct cand *)b)->p;
	int c = strcmp(x->cid, y->cid);
	if (!c)
		c = strcmp(x->date[D_APPROVED], y->date[D_APPROVED]);
	return c ? c : strcmp(x->no, y->no);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void p02(struct rules_ctx *cx, const struct pdata *d)
{
	int64_t threshold = rules_param(cx, "P02", "bidding_threshold");
	int64_t window = rules_param(cx, "P02", "split_window_days");
	struct cand *c = ARENA_ARRAY(cx->a, struct cand, d->np ? d->np : 1);
	size_t n = 0;
	for (size_t i = 0; i < d->np; i++) {
		const struct project *p = &d->pv[i];
		if (direct(p) && p->cid && p->budget < threshold &&
		    rules_present(cx, p->date[D_APPROVED]))
			c[n++].p = p;
	}
	if (n)
		qsort(c, n, sizeof(*c), cand_cmp);
	size_t i = 0;
	while (i < n) {
		int64_t first = rules_days(c[i].p->date[D_APPROVED]), sum = c[i].p->budget;
		size_t j = i + 1;
		while (j < n && strcmp(c[j].p->cid, c[i].p->cid) == 0 &&
		       rules_days(c[j].p->date[D_APPROVED]) <= first + window) {
			sum += c[j].p->budget;
			j++;
		}
		size_t g = j - i;
		if (g >= 2 && sum >= threshold) {
			const char **keys = ARENA_ARRAY(cx->a, const char *, g);
			struct rules_cite *cites = ARENA_ARRAY(cx->a, struct rules_cite, g);
			for (size_t k = 0; k < g; k++) {
				keys[k] = c[i + k].p->no;
				cites[k] = (struct rules_cite){"projects", c[i + k].p->id};
			}
			qsort(keys, g, sizeof(*keys), str_cmp);
			struct buf list = BUF_INIT;
			for (size_t k = 0; k < g; k++)
				buf_addf(&list, "%s%s", k ? "、" : "", keys[k]);
			rules_emit(
			    cx, "P02", keys, g, cites, g,
			    "%s 至 %s 的 %lld 天内直接委托%s（%s）项目 %zu 个，预算合计 %s 元，"
			    "达到竞价标准 %s 元，但每个均低于该标准（%s）",
			    c[i].p->date[D_APPROVED], c[j - 1].p->date[D_APPROVED],
			    (long long)window,
			    c[i].p->contractor ? c[i].p->contractor : c[i].p->cid, c[i].p->cid, g,
			    rules_money(cx, sum), rules_money(cx, threshold), list.ptr);
			buf_release(&list);
		}
		i = j;
	}
}

static void p06(struct rules_ctx *cx, const struct pdata *d)
{
	int64_t wins = rules_param(cx, "P06", "repeat_wins");
	for (size_t i = 0; i < d->np; i++) {
		const struct project *p = &d->pv[i];
		if (!p->cid || !rules_present(cx, p->date[D_CONTRACT]))
			continue;
		char year[5];
		memcpy(year, p->date[D_CONTRACT], 4);
		year[4] = '\0';
		int64_t all = 0, mine = 0;
		bool first = true;
		struct rules_cite cites[16];
		size_t nc = 0;
		for (size_t k = 0; k < d->np; k++) {
			const struct project *q = &d->pv[k];
			if (!rules_present(cx, q->date[D_CONTRACT]) ||
			    strncmp(q->date[D_CONTRACT], year, 4) != 0)
				continue;
			all++;
			if (q->cid && strcmp(q->cid, p->cid) == 0) {
				mine++;
				first = first && k >= i;
				if (nc < 16)
					cites[nc++] = (struct rules_cite){"projects", q->id};
			}
		}
		if (!first || mine < wins || 2 * mine < all)
			continue;
		const char *keys[2] = {p->cid, year};
		rules_emit(
		    cx, "P06", keys, 2, cites, nc,
		    "%s（%s）%s年承揽本村（居）项目 %lld 个，占当年签订合同项目 %lld 个的半数"
		    "以上",
		    p->contractor ? p->contractor : p->cid, p->cid, year, (long long)mine,
		    (long long)all);
	}
}

static enum err p_village(struct rules_ctx *cx, struct errinfo *ei)
{
	struct pdata d = {0};
	const struct rules_voucher *vv;
	size_t nv;
	enum err e;
	if ((e = load(cx, &d, ei)) != E_OK || (e = rules_vouchers(cx, &vv, &nv, ei)) != E_OK)
		return e;
	int64_t threshold = rules_param(cx, "P02", "bidding_threshold");
	int64_t overrun = rules_param(cx, "P08", "overrun_ratio");
	for (size_t i = 0; i < d.np; i++) {
		const struct project *p = &d.pv[i];
		/* P01: the dates present must not go backwards */
		int prev = -1;
		for (int k = 0; k < D__N; k++) {
			if (!rules_present(cx, p->date[k]))
				continue;
			if (prev >= 0 && strcmp(p->date[prev], p->date[k]) > 0) {
				one(cx, "P01", p->no, "projects", p->id, NULL, 0,
				    arena_printf(cx->a,
						 "项目 %s 的%s日期（%s）晚于其后的%s日期（%s）",
						 p->no, date_names[prev], p->date[prev],
						 date_names[k], p->date[k]));
				break;
			}
			prev = k;
		}
		if (direct(p) && p->budget >= threshold)
			one(cx, "P03", p->no, "projects", p->id, NULL, 0,
			    arena_printf(
				cx->a, "项目 %s 预算 %s 元，达到竞价标准 %s 元，却直接委托%s",
				p->no, rules_money(cx, p->budget), rules_money(cx, threshold),
				p->contractor ? p->contractor : ""));
		if (!direct(p))
			p04_p05(cx, &d, p->no, "projects", p->id, true, "项目");
		else
			p04_p05(cx, &d, p->no, "projects", p->id, false, "项目");
		if (p->cid && rules_present(cx, p->date[D_CONTRACT])) {
			int64_t post_id, rel_id;
			const char *why =
			    rules_related(cx, p->cid, p->date[D_CONTRACT], &post_id, &rel_id, ei);
			if (why)
				one(cx, "P07", p->no, "projects", p->id,
				    (struct rules_cite[]){{"positions", post_id},
							  {"relatives", rel_id}},
				    2,
				    arena_printf(cx->a, "项目 %s 于 %s 签订合同，承包方%s（%s）%s",
						 p->no, p->date[D_CONTRACT],
						 p->contractor ? p->contractor : "", p->cid, why));
		}
		if (p->amount >= 0) {
			int64_t paid = 0;
			struct rules_cite extra[3];
			size_t ne = 0;
			for (size_t k = 0; k < nv; k++)
				if (vv[k].paid > 0 && vv[k].project_no &&
				    strcmp(vv[k].project_no, p->no) == 0) {
					paid += vv[k].paid;
					if (ne < 3)
						extra[ne++] =
						    (struct rules_cite){"book_vouchers", vv[k].id};
				}
			/* paid > amount × (1 + overrun) ⇔ paid × 10⁶ > amount × (10⁶ + overrun) */
			if ((__int128)paid * 1000000 > (__int128)p->amount * (1000000 + overrun))
				one(cx, "P08", p->no, "projects", p->id, extra, ne,
				    arena_printf(
					cx->a,
					"项目 %s 合同金额 %s 元，已付工程款 %s 元，超过合同价的 "
					"%lld%%",
					p->no, rules_money(cx, p->amount), rules_money(cx, paid),
					(long long)(overrun / 10000)));
		}
	}
	p02(cx, &d);
	p06(cx, &d);
	for (size_t i = 0; i < d.nt; i++) {
		const struct trade *t = &d.tv[i];
		p04_p05(cx, &d, t->no, "trades", t->id, true, "产权交易");
		if (t->wid && rules_present(cx, t->closing)) {
			int64_t post_id, rel_id;
			const char *why =
			    rules_related(cx, t->wid, t->closing, &post_id, &rel_id, ei);
			if (why)
				one(cx, "P07", t->no, "trades", t->id,
				    (struct rules_cite[]){{"positions", post_id},
							  {"relatives", rel_id}},
				    2,
				    arena_printf(cx->a, "产权交易 %s 于 %s 截止，受让方%s（%s）%s",
						 t->no, t->closing, t->winner ? t->winner : "",
						 t->wid, why));
		}
	}
	return E_OK;
}

const struct rules_family rules_family_p = {
    .bit = RULES_FAM_P,
    .letter = "P",
    .title = "工程项目与产权交易",
    .rules = p_rules,
    .nrules = sizeof(p_rules) / sizeof(p_rules[0]),
    .entities = p_entities,
    .village = p_village,
};
