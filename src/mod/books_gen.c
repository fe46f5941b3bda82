/*
 * The books module's generator: accounts.csv (a bank account and two income
 * sub-accounts per village) and vouchers.csv of domain/formats.md — ten years
 * (the run's span) of plausible collective books per village: the opening
 * entry, quarterly operating subsidies (503), rent from contracts (501), wages
 * accrued and paid through 212 应付工资 (paid by the township's fiscal on the
 * village's behalf, 财政统发), management and non-productive spending (513xx),
 * public-welfare spending, small projects paid by instalments into 153 and
 * transferred to 151, cash drawn from the bank, bank interest, and the
 * year-end carry-forward to 321 and 322.  Every voucher balances.
 *
 * The ordinary books raise none of the book rules B01–B08 of domain/rules.md
 * (cash payments ≤ 1,000.00; payments < 5,000.00, to one counterparty at most
 * three within 30 days and ≤ 1,600.00 each or instalments 31+ days apart;
 * payments only to firms; entered within 10 days; handler ≠ approver), so the
 * ground truth is exactly the planted anomalies plus B04 and B08, which are
 * computed on the generated vouchers themselves.  Near-misses are planted
 * beside them, the anomalies at rates scaled by --rate (gen_plant).  The small
 * projects it pays are stored on the village for trade_gen, which registers
 * them (and plants P08 on them).  It draws randomness only from its own streams.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/idno.h"
#include "core/money.h"
#include "mod/gen.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))
#define YUAN(y) ((int64_t)(y)*100)

enum plant { P_NONE, P_B01, P_B02, P_B03, P_B05, P_B06, P_B07, P_B08 };

struct gline {
	const char *acct;  /* account code */
	int64_t dr, cr;	   /* fen */
	const char *party; /* counterparty name or NULL */
	const char *pid;   /* counterparty id or NULL */
};

struct gvou {
	int32_t date;	      /* days */
	int32_t entered;      /* days of entered_at */
	const char *summary;  /* 摘要 */
	const char *pay;      /* 结算方式 or NULL */
	const char *project;  /* project_no or NULL */
	const char *contract; /* contract_no or NULL */
	uint8_t plant;	      /* enum plant */
	uint8_t approver;     /* 0 normal, 1 empty, 2 same as handler */
	size_t line0, n;      /* lines in the year's line array */
	char no[12];	      /* voucher_no, once numbered */
};

struct vec {
	void *p;    /* elements */
	size_t n;   /* used */
	size_t cap; /* allocated */
};

static void *vec_push(struct vec *v, size_t size)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 256;
		v->p = realloc(v->p, v->cap * size);
		if (!v->p)
			abort();
	}
	void *e = (char *)v->p + v->n++ * size;
	memset(e, 0, size);
	return e;
}

struct books_gstate {
	struct gen_csv *accounts; /* accounts.csv */
	struct gen_csv *vouchers; /* vouchers.csv */
	struct vec vou;		  /* struct gvou of the year */
	struct vec lines;	  /* struct gline of the year */
};

struct firm {
	const char *name; /* 泰兴市…有限公司 */
	const char *id;	  /* 统一社会信用代码 (run arena, lines point at it) */
};

/* The income and expense accounts the books use, carried forward each year. */
static const char *const pl_codes[] = {"50101", "50102", "503",	  "504",   "511",   "51301",
				       "51302", "51303", "51304", "51305", "51306", "51307",
				       "51308", "51309", "51310", "51399", "514"};
#define N_PL N(pl_codes)

static int pl_index(const char *acct)
{
	for (size_t i = 0; i < N_PL; i++)
		if (strcmp(pl_codes[i], acct) == 0)
			return (int)i;
	return -1;
}

/* One village's build. */
struct vb {
	struct gen_ctx *g;	  /* the run */
	struct books_gstate *st;  /* arrays */
	struct gen_village *v;	  /* the village */
	struct gen_rng r;	  /* its stream */
	int year;		  /* being built */
	struct firm cat_firm[12]; /* the supplier of each spending category */
	int64_t pl_net[N_PL];	  /* year net (debit − credit) of pl_codes */
	int n_contracts;	  /* rent contracts */
	int64_t rent[6];	  /* their annual rent, fen */
	int plant_year;		  /* the year anomalies are planted in */
	unsigned plants;	  /* bit per enum plant */
	int firms_made;		  /* for unique names */
};

static int64_t range(struct vb *b, int64_t lo, int64_t hi)
{
	return gen_rng_range(&b->r, lo, hi);
}

/* ---- accounts and names --------------------------------------------------------------------- */

static bool nonproductive(const char *acct)
{
	return strncmp(acct, "5130", 4) == 0 && acct[4] >= '3' && acct[4] <= '8';
}

static bool expense(const char *acct)
{
	return acct[0] == '5' && acct[1] >= '1';
}

static const char *const firm_words[] = {
    "恒达", "永盛", "华兴", "宏远", "鑫源", "瑞丰", "通利", "佳美", "建邦", "润泽", "天禾", "富民",
    "利群", "兴旺", "金桥", "新元", "广源", "嘉禾", "安泰", "锦程", "同创", "惠民", "长青", "顺达"};
static const char *const firm_kinds[] = {"商贸", "建材",     "电器",	 "印务",     "汽车服务",
					 "餐饮", "文化用品", "水电安装", "建筑工程", "农业服务"};

/* Names are unique in a village (the rules key payments by name when there
 * is no ID), for the first 576 firms of a village. */
static void firm_make(struct vb *b, struct firm *f, const char *kind)
{
	int k = b->firms_made++;
	f->name = arena_printf(&b->g->arena, "%s%s%s%s有限公司", b->v->town->county_name,
			       firm_words[k % N(firm_words)],
			       firm_words[(k / N(firm_words) + b->v->index) % N(firm_words)],
			       kind ? kind : firm_kinds[gen_rng_below(&b->r, N(firm_kinds))]);
	char first[18];
	snprintf(first, sizeof(first), "91%.6s%09llu", b->v->town->county_code,
		 (unsigned long long)gen_rng_below(&b->r, 1000000000ull));
	f->id = arena_printf(&b->g->arena, "%s%c", first, credit_code_check_char(first));
}

/* ---- building vouchers ---------------------------------------------------------------------- */

static struct gvou *vou_new(struct vb *b, int32_t date, const char *summary, const char *pay)
{
	struct gvou *v = vec_push(&b->st->vou, sizeof(*v));
	v->date = date;
	v->entered = date + (int32_t)range(b, 0, 10);
	if (v->entered > b->g->span_end)
		v->entered = date;
	v->summary = summary;
	v->pay = pay;
	v->line0 = b->st->lines.n;
	return v;
}

static void line(struct vb *b, struct gvou *v, const char *acct, int64_t dr, int64_t cr,
		 const char *party, const char *pid)
{
	struct gline *l = vec_push(&b->st->lines, sizeof(*l));
	*l = (struct gline){acct, dr, cr, party, pid};
	v->n++;
	int k = pl_index(acct);
	if (k >= 0)
		b->pl_net[k] += dr - cr;
}

/* A payment from cash (101) or the bank (10201) for an expense account. */
static struct gvou *pay(struct vb *b, int32_t date, const char *summary, const char *acct,
			int64_t fen, const struct firm *f, bool cash)
{
	struct gvou *v = vou_new(b, date, summary, cash ? "现金" : "转账");
	line(b, v, acct, fen, 0, f->name, cash ? NULL : f->id);
	line(b, v, cash ? "101" : "10201", 0, fen, f->name, cash ? NULL : f->id);
	return v;
}

static void receipt(struct vb *b, int32_t date, const char *summary, const char *acct, int64_t fen,
		    const char *party, const char *contract)
{
	struct gvou *v = vou_new(b, date, summary, "转账");
	v->contract = contract;
	line(b, v, "10201", fen, 0, party, NULL);
	line(b, v, acct, 0, fen, party, NULL);
}

/* ---- the ordinary year ---------------------------------------------------------------------- */

struct category {
	const char *acct;    /* account */
	const char *summary; /* 摘要 */
	const char *kind;    /* supplier kind */
	int lo, hi;	     /* yuan */
	int permille;	     /* chance in a month */
	bool cash;	     /* paid in cash */
};

static const struct category cats[] = {
    {"51302", "购买办公用品", "文化用品", 50, 800, 700, true},
    {"51309", "支付村部水电费", "水电安装", 200, 1500, 1000, false},
    {"51307", "支付电话宽带费", "电器", 100, 400, 900, false},
    {"51303", "报销差旅费", "汽车服务", 50, 600, 250, true},
    {"51304", "支付公务接待费", "餐饮", 100, 900, 150, true},
    {"51305", "支付会议费用", "餐饮", 100, 800, 200, true},
    {"51306", "支付车辆燃油维修费", "汽车服务", 100, 700, 250, true},
    {"51310", "支付设施维修费", "水电安装", 300, 1600, 300, false},
    {"514", "走访慰问困难群众", "商贸", 500, 1600, 150, false},
    {"511", "支付集体鱼塘维护费", "农业服务", 300, 1600, 200, false},
    {"51308", "订阅报刊", "印务", 800, 1500, 0, false},
};

static void month_spending(struct vb *b, int m)
{
	int64_t cash = 0;
	for (size_t c = 0; c < N(cats); c++) {
		const struct category *k = &cats[c];
		bool due = k->permille ? gen_rng_permille(&b->r, k->permille) : m == 12;
		if (!due)
			continue;
		int64_t fen = YUAN(range(b, k->lo, k->hi)) + range(b, 0, 9) * 10;
		if (fen > YUAN(k->cash ? 1000 : 1600))
			fen = YUAN(k->cash ? 1000 : 1600);
		pay(b, gen_date(b->year, m, (int)range(b, 2, 28)), k->summary, k->acct, fen,
		    &b->cat_firm[c], k->cash);
		cash += k->cash ? fen : 0;
	}
	if (cash) {
		struct gvou *v = vou_new(b, gen_date(b->year, m, 1), "从银行提取备用金", "转账");
		int64_t amt = (cash + YUAN(100) - 1) / YUAN(100) * YUAN(100);
		line(b, v, "101", amt, 0, NULL, NULL);
		line(b, v, "10201", 0, amt, NULL, NULL);
	}
}

/* Cadres paid on the village's roll this month: index into people. */
static size_t paid_cadres(struct vb *b, int32_t day, int32_t *who, size_t max)
{
	static const enum gen_post posts[] = {GEN_POST_SHUJI,	 GEN_POST_ZHUREN,  GEN_POST_FUSHUJI,
					      GEN_POST_FUZHUREN, GEN_POST_WEIYUAN, GEN_POST_KUAIJI};
	size_t n = 0;
	for (size_t i = 0; i < N(posts) && n < max; i++) {
		int32_t p = gen_post_holder(b->v, posts[i], day);
		bool dup = false;
		for (size_t j = 0; j < n; j++)
			dup = dup || who[j] == p;
		if (p >= 0 && !dup)
			who[n++] = p;
	}
	return n;
}

static void month_wages(struct vb *b, int m)
{
	int32_t day = gen_date(b->year, m, 25), who[8];
	size_t n = paid_cadres(b, day, who, N(who));
	if (!n)
		return;
	int64_t base = YUAN(2400 + 120 * (b->year - 2015)), total = 0;
	struct gvou *acc = vou_new(b, day, "计提村干部报酬", NULL);
	for (size_t i = 0; i < n; i++)
		total += base + (i == 0 ? YUAN(600) : 0);
	line(b, acc, "51301", total, 0, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		const struct gen_person *p = &b->v->people[who[i]];
		line(b, acc, "212", 0, base + (i == 0 ? YUAN(600) : 0), p->name, p->id_no);
	}
	struct gvou *paid = vou_new(b, day + 3, "镇财政统发村干部报酬", "其他");
	for (size_t i = 0; i < n; i++) {
		const struct gen_person *p = &b->v->people[who[i]];
		line(b, paid, "212", base + (i == 0 ? YUAN(600) : 0), 0, p->name, p->id_no);
	}
	line(b, paid, "503", 0, total, arena_printf(&b->g->arena, "%s财政所", b->v->town->name),
	     NULL);
}

static void year_income(struct vb *b)
{
	for (int q = 1; q <= 4; q++)
		receipt(b, gen_date(b->year, 3 * q - 2, (int)range(b, 10, 20)),
			"收到村级组织运转经费", "503", YUAN(range(b, 15, 45)) * 1000,
			arena_printf(&b->g->arena, "%s财政所", b->v->town->name), NULL);
	for (int c = 0; c < b->n_contracts; c++) {
		char *no = arena_printf(&b->g->arena, "HT-%02d", c + 1);
		receipt(b, gen_date(b->year, 1 + (c * 5) % 12, (int)range(b, 5, 25)),
			c % 2 ? "收到集体厂房租金" : "收到土地发包款", c % 2 ? "50102" : "50101",
			b->rent[c], "承包户", no);
	}
	struct gvou *v = vou_new(b, gen_date(b->year, 12, 21), "结息", "转账");
	int64_t interest = YUAN(range(b, 50, 500));
	line(b, v, "10201", interest, 0, "农商银行", NULL);
	line(b, v, "504", 0, interest, "农商银行", NULL);
}

/* A small project paid by instalments 35–60 days apart, then put into use. */
static void year_project(struct vb *b, int k)
{
	struct firm f;
	firm_make(b, &f, "建筑工程");
	char *no = arena_printf(&b->g->arena, "XM%d-%02d", b->year, k);
	int32_t day = gen_date(b->year, (int)range(b, 2, 6), (int)range(b, 1, 28)), first = day;
	int32_t last_gap = 0;
	int64_t total = 0;
	int n = (int)range(b, 1, 3);
	for (int i = 0; i < n; i++) {
		int64_t fen = YUAN(range(b, 2000, 4900));
		struct gvou *v = pay(b, day, "支付村内小型工程款", "153", fen, &f, false);
		v->project = no;
		total += fen;
		day += last_gap = (int32_t)range(b, 35, 60);
	}
	struct gvou *v = vou_new(b, day, "工程完工验收转入固定资产", NULL);
	v->project = no;
	line(b, v, "151", total, 0, NULL, NULL);
	line(b, v, "153", 0, total, NULL, NULL);
	/* for trade_gen, which registers the project (and P08 on it) */
	b->v->paid_projects[b->v->n_paid_projects++] = (struct gen_paid_project){
	    .no = no,
	    .contractor = f.name,
	    .contractor_id = f.id,
	    .first_paid = first,
	    .last_paid = day - last_gap,
	    .accepted = day,
	    .paid = total,
	};
}

/* Year end: income and expense to 321, then 321 to 322. */
static void year_carry(struct vb *b)
{
	int32_t day = gen_date(b->year, 12, 31);
	struct gvou *v = vou_new(b, day, "结转本年收益", NULL);
	v->entered = day;
	int64_t net = 0;
	for (size_t k = 0; k < N_PL; k++) {
		int64_t x = b->pl_net[k];
		if (x)
			line(b, v, pl_codes[k], x < 0 ? -x : 0, x > 0 ? x : 0, NULL, NULL);
		net += x;
	}
	line(b, v, "321", net > 0 ? net : 0, net < 0 ? -net : 0, NULL, NULL);
	struct gvou *w = vou_new(b, day, "本年收益转入收益分配", NULL);
	w->entered = day;
	line(b, w, "321", net < 0 ? -net : 0, net > 0 ? net : 0, NULL, NULL);
	line(b, w, "322", net > 0 ? net : 0, net < 0 ? -net : 0, NULL, NULL);
	memset(b->pl_net, 0, sizeof(b->pl_net));
}

static void opening(struct vb *b)
{
	int32_t day = gen_date(b->year, 1, 1);
	struct gvou *v = vou_new(b, day, "期初建账", NULL);
	int64_t bank = YUAN(range(b, 200, 800)) * 1000, fixed = YUAN(range(b, 500, 3000)) * 1000;
	line(b, v, "10201", bank, 0, NULL, NULL);
	line(b, v, "101", YUAN(2000), 0, NULL, NULL);
	line(b, v, "151", fixed, 0, NULL, NULL);
	line(b, v, "301", 0, bank + fixed + YUAN(2000), NULL, NULL);
}

/* ---- anomalies ------------------------------------------------------------------------------- */

static struct gvou *plant_pay(struct vb *b, int32_t day, const char *summary, const char *acct,
			      int64_t fen, bool cash, enum plant p)
{
	struct firm f;
	firm_make(b, &f, NULL);
	struct gvou *v = pay(b, day, summary, acct, fen, &f, cash);
	v->plant = (uint8_t)p;
	return v;
}

/* A relative of a cadre on that day (domain/rules.md), or −1. */
static int32_t cadre_relative(struct vb *b, int32_t day)
{
	for (size_t i = 0; i < b->v->n_relatives; i++) {
		int32_t p = b->v->relatives[i].relative;
		if (!b->v->people[p].cadre && gen_related_to_cadre(b->v, p, day))
			return p;
	}
	return -1;
}

static void plant_b05(struct vb *b, int32_t day)
{
	int32_t p = cadre_relative(b, day);
	if (p < 0)
		return;
	const struct gen_person *x = &b->v->people[p];
	struct gvou *v = vou_new(b, day, "支付零星劳务费", "转账");
	line(b, v, "51399", YUAN(3000), 0, x->name, x->id_no);
	line(b, v, "10201", 0, YUAN(3000), x->name, x->id_no);
	v->plant = P_B05;
	b->plants |= 1u << P_B05;
}

static void plant_b08(struct vb *b)
{
	struct firm f[40];
	for (size_t i = 0; i < N(f); i++)
		firm_make(b, &f[i], "商贸");
	int32_t start = gen_date(b->year, 1, 2);
	for (int i = 0; i < 320; i++) {
		int64_t fen = YUAN(range(b, 500, 999)) + range(b, 0, 99);
		pay(b, start + i * 359 / 320, "零星物资采购", "51399", fen, &f[i % 40], false);
	}
}

/* Meetings paid to many caterers: non-productive spending far over 15%. */
static void plant_b04(struct vb *b)
{
	int32_t start = gen_date(b->year, 1, 5);
	for (int i = 0; i < 40; i++) {
		struct firm f;
		firm_make(b, &f, "餐饮");
		pay(b, start + i * 8, "召开会议用餐", "51305", YUAN(range(b, 1200, 1600)), &f,
		    false);
	}
}

static void plant(struct vb *b)
{
	int32_t d = gen_date(b->year, (int)range(b, 2, 6), (int)range(b, 1, 20));
	if (gen_plant(b->g, &b->r, "B01", 400))
		plant_pay(b, d, "支付招待费", "51304", YUAN(range(b, 1200, 2800)), true, P_B01);
	plant_pay(b, d + 3, "购买办公设备", "51302", YUAN(1000), true, P_NONE); /* B01 near miss */
	if (gen_plant(b->g, &b->r, "B02", 400)) {
		struct firm f;
		firm_make(b, &f, "水电安装");
		int64_t a = YUAN(range(b, 1800, 2400));
		for (int i = 0; i < 3; i++)
			pay(b, d + 40 + 10 * i, "支付维修费", "51310", a + YUAN(100) * i, &f, false)
			    ->plant = P_B02;
	}
	struct firm near;
	firm_make(b, &near, "水电安装"); /* B02 near miss: two within 20 days, 4,900.00 */
	pay(b, d + 90, "支付维修费", "51310", YUAN(2400), &near, false);
	pay(b, d + 110, "支付维修费", "51310", YUAN(2500), &near, false);
	if (gen_plant(b->g, &b->r, "B03", 400))
		plant_pay(b, d + 60, "支付道路维修款", "51310", YUAN(range(b, 6000, 18000)), false,
			  P_B03);
	plant_pay(b, d + 65, "支付道路维修款", "51310", YUAN(4999), false, P_NONE);
	if (gen_plant(b->g, &b->r, "B05", 400))
		plant_b05(b, d + 70);
	if (gen_plant(b->g, &b->r, "B06", 400))
		plant_pay(b, d + 80, "补录报销单据", "51302", YUAN(300), true, P_B06)->entered =
		    d + 80 + (int32_t)range(b, 40, 60);
	plant_pay(b, d + 85, "补录报销单据", "51302", YUAN(280), true, P_NONE)->entered = d + 115;
	if (gen_plant(b->g, &b->r, "B07", 400))
		plant_pay(b, d + 100, "支付宣传栏制作费", "51399", YUAN(range(b, 600, 1500)), false,
			  P_B07)
		    ->approver = (uint8_t)(1 + gen_rng_below(&b->r, 2));
	if (gen_plant_every(b->g, "B08", b->v->index, 10, 3))
		plant_b08(b);
	if (gen_plant_every(b->g, "B04", b->v->index, 5, 1))
		plant_b04(b);
}

/* ---- numbering, writing, ground truth ----------------------------------------------------------
 */

static int by_date(const void *x, const void *y)
{
	const struct gvou *a = x, *c = y;
	if (a->date != c->date)
		return a->date < c->date ? -1 : 1;
	return (a->line0 > c->line0) - (a->line0 < c->line0);
}

static void names_on(struct vb *b, int32_t day, const char **handler, const char **approver)
{
	static const enum gen_post hp[] = {GEN_POST_BAOZHANG, GEN_POST_KUAIJI, GEN_POST_CHUNA,
					   GEN_POST_WEIYUAN};
	static const enum gen_post ap[] = {GEN_POST_SHUJI, GEN_POST_ZHUREN, GEN_POST_FUSHUJI};
	int32_t h = -1, a = -1;
	for (size_t i = 0; i < N(ap) && a < 0; i++)
		a = gen_post_holder(b->v, ap[i], day);
	for (size_t i = 0; i < N(hp) && (h < 0 || h == a); i++)
		h = gen_post_holder(b->v, hp[i], day);
	*approver = a >= 0 ? b->v->people[a].name : "村书记";
	*handler = h >= 0 && strcmp(b->v->people[h].name, *approver) != 0 ? b->v->people[h].name
									  : "村报账员";
	if (strcmp(*handler, *approver) == 0)
		*handler = "村报账员";
}

static enum err write_voucher(struct vb *b, const struct gvou *v, struct errinfo *ei)
{
	char date[11], ent[11], seq[8], dr[MONEY_BUF], cr[MONEY_BUF], at[24];
	const char *handler, *approver;
	gen_date_fmt(v->date, date);
	gen_date_fmt(v->entered, ent);
	snprintf(at, sizeof(at), "%s %02d:%02d:00", ent, 8 + (int)(v->line0 % 9),
		 (int)(v->line0 * 7 % 60));
	names_on(b, v->date, &handler, &approver);
	if (v->approver == 1)
		approver = "";
	else if (v->approver == 2)
		approver = handler;
	const struct gline *ls = (const struct gline *)b->st->lines.p + v->line0;
	for (size_t i = 0; i < v->n; i++) {
		snprintf(seq, sizeof(seq), "%zu", i + 1);
		money_format(ls[i].dr, dr);
		money_format(ls[i].cr, cr);
		const char *cells[18] = {b->v->code,
					 v->no,
					 seq,
					 date,
					 v->summary,
					 ls[i].acct,
					 ls[i].dr ? dr : "",
					 ls[i].cr ? cr : "",
					 ls[i].party,
					 ls[i].pid,
					 NULL,
					 v->pay,
					 handler,
					 approver,
					 at,
					 NULL,
					 v->project,
					 v->contract};
		enum err e = gen_csv_row(b->st->vouchers, cells, ei);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

struct ystat {
	int64_t expense, nonprod; /* fen, carry-forward left out */
	int npay;		  /* payment vouchers of ≥ 10.00 */
	int digit[10];		  /* their first digits */
};

static void stat_voucher(struct vb *b, const struct gvou *v, struct ystat *s)
{
	const struct gline *ls = (const struct gline *)b->st->lines.p + v->line0;
	int64_t paid = 0;
	bool carry = false;
	for (size_t i = 0; i < v->n; i++)
		carry = carry || strcmp(ls[i].acct, "321") == 0;
	for (size_t i = 0; i < v->n; i++) {
		if (!carry && expense(ls[i].acct))
			s->expense += ls[i].dr - ls[i].cr;
		if (!carry && nonproductive(ls[i].acct))
			s->nonprod += ls[i].dr - ls[i].cr;
		if (!strcmp(ls[i].acct, "101") || !strcmp(ls[i].acct, "10201"))
			paid += ls[i].cr - ls[i].dr;
	}
	if (paid >= YUAN(10)) {
		char d[24];
		snprintf(d, sizeof(d), "%lld", (long long)paid);
		s->npay++;
		s->digit[d[0] - '0']++;
	}
}

static double benford_mad(const struct ystat *s)
{
	double mad = 0;
	for (int d = 1; d <= 9; d++)
		mad += fabs((double)s->digit[d] / s->npay - log10(1.0 + 1.0 / d));
	return mad / 9;
}

static enum err truth_year(struct vb *b, const struct ystat *s, struct errinfo *ei)
{
	char year[8], note[160], e1[MONEY_BUF], e2[MONEY_BUF];
	snprintf(year, sizeof(year), "%d", b->year);
	enum err e = E_OK;
	if (s->expense >= YUAN(10000) && s->nonprod * 20 > s->expense * 3) {
		money_format(s->nonprod, e1);
		money_format(s->expense, e2);
		snprintf(note, sizeof(note), "%d 年非生产性支出 %s 元，占总支出 %s 元的 15%% 以上",
			 b->year, e1, e2);
		e = gen_truth_add(b->g, "B04", b->v, year, note, ei);
	}
	if (e == E_OK && s->npay >= 300 && benford_mad(s) > 0.015) {
		snprintf(note, sizeof(note), "%d 年 %d 张付款凭证金额首位数字偏离本福特分布",
			 b->year, s->npay);
		e = gen_truth_add(b->g, "B08", b->v, year, note, ei);
	}
	return e;
}

static enum err truth_voucher(struct vb *b, const struct gvou *v, struct errinfo *ei)
{
	static const char *const rule[] = {"", "B01", "", "B03", "B05", "B06", "B07", ""};
	static const char *const why[] = {"",
					  "大额现金支付",
					  "",
					  "大额支出无集体决策",
					  "向干部亲属付款",
					  "凭证录入距凭证日期超过30天",
					  "经办人与审批人未分离",
					  ""};
	if (!rule[v->plant][0])
		return E_OK;
	return gen_truth_add(b->g, rule[v->plant], b->v, v->no,
			     arena_printf(&b->g->arena, "%s：%s", why[v->plant], v->summary), ei);
}

static enum err truth_b02(struct vb *b, struct gvou *vs, size_t n, struct errinfo *ei)
{
	char keys[64] = "";
	for (size_t i = 0; i < n; i++)
		if (vs[i].plant == P_B02)
			snprintf(keys + strlen(keys), sizeof(keys) - strlen(keys), "%s%s",
				 keys[0] ? "," : "", vs[i].no);
	if (!keys[0])
		return E_OK;
	return gen_truth_add(b->g, "B02", b->v, keys, "同一收款方30天内多笔小额付款合计超过5000元",
			     ei);
}

static enum err write_year(struct vb *b, struct errinfo *ei)
{
	struct gvou *vs = b->st->vou.p;
	size_t n = b->st->vou.n;
	qsort(vs, n, sizeof(*vs), by_date);
	struct ystat s = {0};
	enum err e = E_OK;
	for (size_t i = 0; i < n && e == E_OK; i++) {
		snprintf(vs[i].no, sizeof(vs[i].no), "%d-%04zu", b->year, i + 1);
		stat_voucher(b, &vs[i], &s);
		if ((e = write_voucher(b, &vs[i], ei)) == E_OK)
			e = truth_voucher(b, &vs[i], ei);
	}
	if (e == E_OK)
		e = truth_b02(b, vs, n, ei);
	if (e == E_OK)
		e = truth_year(b, &s, ei);
	b->st->vou.n = b->st->lines.n = 0;
	return e;
}

static enum err build_year(struct vb *b, struct errinfo *ei)
{
	if (b->year == b->g->first_year)
		opening(b);
	year_income(b);
	for (int m = 1; m <= 12; m++) {
		month_wages(b, m);
		month_spending(b, m);
	}
	for (int k = 1, n = (int)range(b, 0, 2); k <= n; k++)
		year_project(b, k);
	if (b->year == b->plant_year)
		plant(b);
	year_carry(b);
	return write_year(b, ei);
}

/* ---- the generator ------------------------------------------------------------------------------
 */

static enum err write_accounts(struct vb *b, struct errinfo *ei)
{
	static const char *const rows[][3] = {
	    {"10201", "农商银行基本户", "102"},
	    {"50101", "资源发包收入", "501"},
	    {"50102", "资产租赁收入", "501"},
	};
	enum err e = E_OK;
	for (size_t i = 0; i < N(rows) && e == E_OK; i++) {
		const char *cells[4] = {b->v->code, rows[i][0], rows[i][1], rows[i][2]};
		e = gen_csv_row(b->st->accounts, cells, ei);
	}
	return e;
}

static enum err books_village(struct gen_ctx *g, void *state, struct gen_village *v,
			      struct errinfo *ei)
{
	struct vb b = {.g = g, .st = state, .v = v};
	gen_rng_stream(g, "books", v->index, &b.r);
	for (size_t c = 0; c < N(cats); c++)
		firm_make(&b, &b.cat_firm[c], cats[c].kind);
	b.n_contracts = (int)range(&b, 1, 5);
	for (int c = 0; c < b.n_contracts; c++)
		b.rent[c] = YUAN(range(&b, 20, 120)) * 100;
	b.plant_year = (int)range(&b, g->first_year, g->last_year);
	v->paid_projects =
	    ARENA_ARRAY(&g->arena, struct gen_paid_project, 2 * (size_t)g->opts->years);
	v->n_paid_projects = 0;
	enum err e = write_accounts(&b, ei);
	for (b.year = g->first_year; b.year <= g->last_year && e == E_OK; b.year++)
		e = build_year(&b, ei);
	return e;
}

static enum err books_open(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const h_accounts[] = {"village_code", "code", "name", "parent_code"};
	static const char *const h_vouchers[] = {
	    "village_code", "voucher_no", "line",	"date",		"summary",
	    "account_code", "debit",	  "credit",	"counterparty", "counterparty_id",
	    "bank_account", "pay_method", "handler",	"approver",	"entered_at",
	    "matter_no",    "project_no", "contract_no"};
	struct books_gstate *st = ARENA_NEW(&g->arena, struct books_gstate);
	*state = st;
	enum err e = gen_csv_open(g, "accounts.csv", h_accounts, 4, &st->accounts, ei);
	if (e == E_OK)
		e = gen_csv_open(g, "vouchers.csv", h_vouchers, 18, &st->vouchers, ei);
	return e;
}

static enum err books_close(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct books_gstate *st = state;
	enum err e = gen_csv_close(st->accounts, ei);
	enum err c = gen_csv_close(st->vouchers, ei);
	free(st->vou.p);
	free(st->lines.p);
	return e != E_OK ? e : c;
}

const struct gen_module books_gen_module = {
    .name = "books",
    .open = books_open,
    .village = books_village,
    .close = books_close,
};
