/*
 * Rule family B (账务) of domain/rules.md: B01 大额现金支付, B02 拆分支付规避审批,
 * B03 大额支出未经集体决策, B04 非生产性开支偏高, B05 向干部或其亲属付款, B06
 * 凭证补录, B07 经办审批不分离, B08 金额分布异常（本福特）.  Reads the village's
 * posted vouchers through the engine (rules_vouchers: paid amounts, cash
 * payments, counterparty keys, income and expense by the accounts' tags) and its
 * matters' 决议 dates; raises findings through the engine.  It must not write.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/datefmt.h"
#include "rules.h"

static const struct rules_param_def b01_params[] = {
    {"cash_limit", "现金支付限额", RP_MONEY, 100000, 0},
};
static const struct rules_param_def b02_params[] = {
    {"decision_threshold", "须集体决策的支出金额", RP_MONEY, 500000, RULES_PF_DECISION},
    {"split_window_days", "拆分支付时间窗（天）", RP_DAYS, 30, 0},
};
static const struct rules_param_def b04_params[] = {
    {"nonprod_ratio", "非生产性开支占比上限", RP_RATIO, 150000, 0},
};
static const struct rules_param_def b06_params[] = {
    {"late_entry_days", "凭证补录天数", RP_DAYS, 30, 0},
};
static const struct rules_param_def b08_params[] = {
    {"benford_min_n", "本福特检验最少凭证数", RP_COUNT, 300, 0},
    {"benford_mad", "本福特平均绝对偏差上限", RP_RATIO, 15000, 0},
};

static const struct rules_def b_rules[] = {
    {"B01", "大额现金支付", "medium", "voucher_no",
     "《现金管理暂行条例》第五条；《农村集体经济组织财务制度》（财农〔2021〕121号）：严格控制现金"
     "支付，大额支付通过银行转账",
     b01_params, 1},
    {"B02", "拆分支付规避审批", "high", "voucher_nos",
     "《农村集体经济组织财务制度》；“四议两公开”：不得化整为零规避集体决策", b02_params, 2},
    {"B03", "大额支出未经集体决策", "high", "voucher_no",
     "《中华人民共和国村民委员会组织法》第二十四条；“四议两公开”：重大财务开支须经集体决策", NULL,
     0},
    {"B04", "非生产性开支偏高", "medium", "year",
     "《农村集体经济组织财务制度》第二十六条：严格控制非生产性开支", b04_params, 1},
    {"B05", "向干部或其亲属付款", "high", "voucher_no",
     "《中国共产党纪律处分条例》第一百零三条；村干部及其亲属不得违规与集体发生经济往来", NULL, 0},
    {"B06", "凭证补录", "low", "voucher_no",
     "《会计基础工作规范》第四十七条：根据审核无误的原始凭证及时填制记账凭证", b06_params, 1},
    {"B07", "经办审批不分离", "medium", "voucher_no",
     "《会计基础工作规范》；《农村集体经济组织财务制度》：不相容岗位相互分离，经办与审批不得为同一"
     "人",
     NULL, 0},
    {"B08", "金额分布异常（本福特）", "low", "year",
     "本福特定律（Benford's law）数据分析：首位数字分布显著偏离时提示人工核查", b08_params, 2},
};

static const char *const b_entities[] = {
    "book_vouchers", "book_accounts", "positions",    "relatives",
    "people",	     "matters",	      "matter_steps", NULL};

/* matter_no → its 决议 date (NULL when none); absent matters are not here. */
struct resolved {
	const char *no;	  /* matter_no */
	const char *date; /* 决议 date, NULL if none */
};

static enum err load_resolved(struct rules_ctx *cx, struct resolved **out, size_t *n,
			      struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_B_RESOLVED, false, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 16;
	*out = ARENA_ARRAY(cx->a, struct resolved, cap);
	*n = 0;
	while ((res = rules_next(cx, rr))) {
		if (*n == cap) {
			struct resolved *m = ARENA_ARRAY(cx->a, struct resolved, cap * 2);
			memcpy(m, *out, cap * sizeof(*m));
			*out = m;
			cap *= 2;
		}
		(*out)[*n].no = db_text_dup(cx->a, res, 0);
		(*out)[*n].date = db_text_dup(cx->a, res, 1);
		(*n)++;
	}
	return E_OK;
}

static const struct resolved *matter_of(const struct resolved *rv, size_t n, const char *no)
{
	if (!no)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rv[i].no, no) == 0)
			return &rv[i];
	return NULL;
}

static const char *party_of(const struct rules_voucher *v)
{
	return v->party ? v->party : v->party_id ? v->party_id : "（未填收款方）";
}

static void one_key(struct rules_ctx *cx, const char *rule, const struct rules_voucher *v,
		    const char *fmt_msg)
{
	const char *keys[1] = {v->no};
	struct rules_cite cite = {"book_vouchers", v->id};
	rules_emit(cx, rule, keys, 1, &cite, 1, "%s", fmt_msg);
}

/* ---- B02 ------------------------------------------------------------------------------ */

struct cand {
	const struct rules_voucher *v; /* a small payment without a decision */
};

static int cand_cmp(const void *a, const void *b)
{
	const struct rules_voucher *x = ((const struct cand *)a)->v,
				   *y = ((const struct cand *)b)->v;
	int c = strcmp(x->party_key, y->party_key);
	if (!c)
		c = strcmp(x->date, y->date);
	return c ? c : strcmp(x->no, y->no);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void b02(struct rules_ctx *cx, const struct rules_voucher *vv, size_t nv,
		const struct resolved *rv, size_t nr)
{
	int64_t threshold = rules_param(cx, "B02", "decision_threshold");
	int64_t window = rules_param(cx, "B02", "split_window_days");
	struct cand *c = ARENA_ARRAY(cx->a, struct cand, nv ? nv : 1);
	size_t n = 0;
	for (size_t i = 0; i < nv; i++)
		if (vv[i].paid > 0 && vv[i].paid < threshold && vv[i].party_key &&
		    !matter_of(rv, nr, vv[i].matter_no))
			c[n++].v = &vv[i];
	if (n)
		qsort(c, n, sizeof(*c), cand_cmp);
	size_t i = 0;
	while (i < n) {
		size_t j = i + 1;
		int64_t first = rules_days(c[i].v->date), sum = c[i].v->paid;
		while (j < n && strcmp(c[j].v->party_key, c[i].v->party_key) == 0 &&
		       rules_days(c[j].v->date) <= first + window) {
			sum += c[j].v->paid;
			j++;
		}
		size_t g = j - i;
		if (g >= 2 && sum >= threshold) {
			const char **keys = ARENA_ARRAY(cx->a, const char *, g);
			struct rules_cite *cites = ARENA_ARRAY(cx->a, struct rules_cite, g);
			for (size_t k = 0; k < g; k++) {
				keys[k] = c[i + k].v->no;
				cites[k] = (struct rules_cite){"book_vouchers", c[i + k].v->id};
			}
			qsort(keys, g, sizeof(*keys), str_cmp);
			struct buf list = BUF_INIT;
			for (size_t k = 0; k < g; k++)
				buf_addf(&list, "%s%s", k ? "、" : "", keys[k]);
			rules_emit(
			    cx, "B02", keys, g, cites, g,
			    "%s 至 %s 的 %lld 天内向%s付款 %zu 笔，合计 %s 元，达到须集体决策的 %s "
			    "元，但每笔均低于该标准且未经决策（凭证 %s）",
			    c[i].v->date, c[j - 1].v->date, (long long)window, party_of(c[i].v), g,
			    rules_money(cx, sum), rules_money(cx, threshold), list.ptr);
			buf_release(&list);
		}
		/* the next group starts at the first voucher not yet grouped */
		i = j;
	}
}

/* ---- B04, B08: per calendar year ------------------------------------------------------- */

/* ppm → "15.0001" (percent, up to four decimals) */
static void percent(int64_t ppm, char out[32])
{
	int n =
	    snprintf(out, 32, "%lld.%04lld", (long long)(ppm / 10000), (long long)(ppm % 10000));
	while (n > 0 && out[n - 1] == '0')
		out[--n] = '\0';
	if (n > 0 && out[n - 1] == '.')
		out[--n] = '\0';
}

static int64_t year_of(const char *date)
{
	return strtoll(date, NULL, 10);
}

static void b04(struct rules_ctx *cx, const struct rules_voucher *vv, size_t nv)
{
	int64_t ratio = rules_param(cx, "B04", "nonprod_ratio");
	size_t i = 0;
	while (i < nv) {
		int64_t y = year_of(vv[i].date), expense = 0, nonprod = 0;
		size_t j = i;
		for (; j < nv && year_of(vv[j].date) == y; j++)
			if (!vv[j].carry) {
				expense += vv[j].expense;
				nonprod += vv[j].nonprod;
			}
		/* nonprod / expense > ratio ⇔ nonprod × 10⁶ > ratio × expense */
		if (expense >= 1000000 && (__int128)nonprod * 1000000 > (__int128)ratio * expense) {
			char year[8], pct[32], lim[32];
			snprintf(year, sizeof(year), "%lld", (long long)y);
			/* percentages to four decimals, trailing zeros dropped */
			percent((int64_t)((__int128)nonprod * 1000000 / expense), pct);
			percent(ratio, lim);
			/* cite the year's largest non-productive vouchers (at most 20) */
			struct rules_cite cites[21] = {{"villages", cx->v->id}};
			size_t nc = 1;
			bool *used = ARENA_ARRAY(cx->a, bool, j - i);
			while (nc < 21) {
				size_t best = j;
				for (size_t k = i; k < j; k++)
					if (!used[k - i] && !vv[k].carry && vv[k].nonprod > 0 &&
					    (best == j || vv[k].nonprod > vv[best].nonprod))
						best = k;
				if (best == j)
					break;
				used[best - i] = true;
				cites[nc++] = (struct rules_cite){"book_vouchers", vv[best].id};
			}
			const char *keys[1] = {year};
			rules_emit(
			    cx, "B04", keys, 1, cites, nc,
			    "%lld年非生产性开支 %s 元，占支出 %s 元的 %s%%，超过 %s%% 的控制比例",
			    (long long)y, rules_money(cx, nonprod), rules_money(cx, expense), pct,
			    lim);
		}
		i = j;
	}
}

static int first_digit(int64_t fen)
{
	while (fen >= 10)
		fen /= 10;
	return (int)fen;
}

static void b08(struct rules_ctx *cx, const struct rules_voucher *vv, size_t nv)
{
	int64_t min_n = rules_param(cx, "B08", "benford_min_n");
	int64_t mad_ppm = rules_param(cx, "B08", "benford_mad");
	size_t i = 0;
	while (i < nv) {
		int64_t y = year_of(vv[i].date), count[10] = {0}, n = 0;
		size_t j = i;
		for (; j < nv && year_of(vv[j].date) == y; j++)
			if (vv[j].paid >= 1000) {
				count[first_digit(vv[j].paid)]++;
				n++;
			}
		if (n >= min_n) {
			double mad = 0;
			for (int d = 1; d <= 9; d++)
				mad += fabs((double)count[d] / (double)n - log10(1.0 + 1.0 / d));
			mad /= 9;
			if (mad * 1e6 > (double)mad_ppm) {
				char year[8];
				snprintf(year, sizeof(year), "%lld", (long long)y);
				const char *keys[1] = {year};
				struct rules_cite cite = {"villages", cx->v->id};
				rules_emit(
				    cx, "B08", keys, 1, &cite, 1,
				    "%lld年金额 10.00 元以上的付款凭证 %lld "
				    "张，首位数字分布与本福特"
				    "定律的平均绝对偏差为 %.4f，超过 %.4f（首位 1–9 各 %lld、%lld、"
				    "%lld、%lld、%lld、%lld、%lld、%lld、%lld 张）",
				    (long long)y, (long long)n, mad, (double)mad_ppm / 1e6,
				    (long long)count[1], (long long)count[2], (long long)count[3],
				    (long long)count[4], (long long)count[5], (long long)count[6],
				    (long long)count[7], (long long)count[8], (long long)count[9]);
			}
		}
		i = j;
	}
}

/* ---- the rest, voucher by voucher ---------------------------------------------------------- */

static enum err b_village(struct rules_ctx *cx, struct errinfo *ei)
{
	const struct rules_voucher *vv;
	size_t nv, nr;
	struct resolved *rv;
	enum err e;
	if ((e = rules_vouchers(cx, &vv, &nv, ei)) != E_OK ||
	    (e = load_resolved(cx, &rv, &nr, ei)) != E_OK)
		return e;
	int64_t cash_limit = rules_param(cx, "B01", "cash_limit");
	int64_t threshold = rules_param(cx, "B02", "decision_threshold");
	int64_t late = rules_param(cx, "B06", "late_entry_days");
	for (size_t i = 0; i < nv; i++) {
		const struct rules_voucher *v = &vv[i];
		if (v->cash && v->paid > cash_limit)
			one_key(cx, "B01", v,
				arena_printf(
				    cx->a,
				    "凭证 %s（%s）以现金向%s支付 %s 元，超过现金支付限额 %s 元",
				    v->no, v->date, party_of(v), rules_money(cx, v->paid),
				    rules_money(cx, cash_limit)));
	}
	b02(cx, vv, nv, rv, nr);
	for (size_t i = 0; i < nv; i++) {
		const struct rules_voucher *v = &vv[i];
		if (v->paid < threshold || v->paid <= 0)
			continue;
		const struct resolved *m = matter_of(rv, nr, v->matter_no);
		const char *why = NULL;
		if (!v->matter_no)
			why = "没有注明决策事项";
		else if (!m)
			why = arena_printf(cx->a, "所注决策事项 %s 不存在", v->matter_no);
		else if (!m->date || strcmp(m->date, v->date) > 0)
			why = m->date ? arena_printf(cx->a, "所注决策事项 %s 的决议（%s）晚于付款",
						     v->matter_no, m->date)
				      : arena_printf(cx->a, "所注决策事项 %s 没有决议环节",
						     v->matter_no);
		if (why)
			one_key(
			    cx, "B03", v,
			    arena_printf(cx->a,
					 "凭证 %s（%s）向%s支付 %s 元，达到须集体决策的 %s 元，%s",
					 v->no, v->date, party_of(v), rules_money(cx, v->paid),
					 rules_money(cx, threshold), why));
	}
	b04(cx, vv, nv);
	for (size_t i = 0; i < nv; i++) {
		const struct rules_voucher *v = &vv[i];
		if (v->paid <= 0 || !v->party_id || v->payroll)
			continue;
		int64_t post_id, rel_id;
		const char *why = rules_related(cx, v->party_id, v->date, &post_id, &rel_id, ei);
		if (!why)
			continue;
		const char *keys[1] = {v->no};
		struct rules_cite cites[3] = {{"book_vouchers", v->id}, {"positions", post_id}};
		size_t nc = 2;
		if (rel_id)
			cites[nc++] = (struct rules_cite){"relatives", rel_id};
		rules_emit(cx, "B05", keys, 1, cites, nc,
			   "凭证 %s（%s）向%s（证件号 %s）支付 %s 元，收款人%s", v->no, v->date,
			   party_of(v), v->party_id, rules_money(cx, v->paid), why);
	}
	for (size_t i = 0; i < nv; i++) {
		const struct rules_voucher *v = &vv[i];
		if (!v->entered || !rules_present(cx, v->entered))
			continue;
		int64_t gap = rules_days(v->entered) - rules_days(v->date);
		if (gap > late)
			one_key(cx, "B06", v,
				arena_printf(
				    cx->a, "凭证 %s 日期 %s，%s 才录入，相隔 %lld 天，超过 %lld 天",
				    v->no, v->date, v->entered, (long long)gap, (long long)late));
	}
	for (size_t i = 0; i < nv; i++) {
		const struct rules_voucher *v = &vv[i];
		if (v->paid <= 0)
			continue;
		const char *why = !v->handler && !v->approver ? "经办人和审批人均未填写"
				  : !v->handler		      ? "经办人未填写"
				  : !v->approver	      ? "审批人未填写"
				  : strcmp(v->handler, v->approver) == 0
				      ? arena_printf(cx->a, "经办人与审批人同为%s", v->handler)
				      : NULL;
		if (why)
			one_key(cx, "B07", v,
				arena_printf(cx->a, "付款凭证 %s（%s，%s 元）%s", v->no, v->date,
					     rules_money(cx, v->paid), why));
	}
	b08(cx, vv, nv);
	return E_OK;
}

const struct rules_family rules_family_b = {
    .bit = RULES_FAM_B,
    .letter = "B",
    .title = "账务",
    .rules = b_rules,
    .nrules = sizeof(b_rules) / sizeof(b_rules[0]),
    .entities = b_entities,
    .village = b_village,
};
