/*
 * The rectify module's generator: rectifications.csv of domain/formats.md for
 * each village — problems handed down by 巡察 rounds, audits, 督查, complaints
 * found true and red-flag alerts, each with the cadre responsible, a deadline
 * and, mostly, a closing date on or before it — and the ground truth of rule
 * R04 整改超期 of domain/rules.md as a scan with as_of = the span's last day
 * sees it.  Planted: problems closed after their deadline and problems still
 * open past it; near-misses closed on the deadline itself.  The truth is
 * computed on the records written with the rule's own condition.  No date lies
 * after the span's end (deadlines included: a problem handed down late in the
 * span is due by then at the latest; one whose closing would fall later is
 * still open).  It reads the positions org_gen stored and draws randomness only
 * from its own streams.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/gen.h"

#define OPEN_PERMILLE 50 /* left open past the deadline */
#define LATE_PERMILLE 70 /* closed after the deadline */
#define EDGE_PERMILLE 50 /* closed on the deadline */

enum source { S_XUNCHA, S_AUDIT, S_DUCHA, S_XINFANG, S_ALERT, S__N };
static const char *const source_names[S__N] = {"巡察", "审计", "督查", "信访", "预警"};

/* What each source typically finds. */
static const char *const problems[S__N][6] = {
    [S_XUNCHA] = {"“三重一大”事项未经集体研究决策", "村级工程项目未按规定公开招标",
		  "集体资产资源台账不全、底数不清", "村务公开内容不全、更新不及时",
		  "党组织“三会一课”记录不规范", "村干部廉政承诺履行情况检查不到位"},
    [S_AUDIT] = {"白条入账、报销凭证不规范", "非生产性开支超标", "合同租金未足额收取",
		 "往来款项长期挂账未清理", "工程款支付超进度", "固定资产未及时入账"},
    [S_DUCHA] = {"人居环境整治问题未按期整改", "惠民资金公示不规范", "小微权力清单执行不到位",
		 "村务监督委员会未全程参与监督", "“一事一议”程序不完整", "档案资料管理不规范"},
    [S_XINFANG] = {"低保评定程序不规范", "征地补偿款分配未公开", "集体土地发包程序不规范",
		   "宅基地审批材料不全", "村干部工作作风简单粗暴", "道路工程质量存在问题"},
    [S_ALERT] = {"大额现金支付未说明原因", "凭证补录、事后补手续", "同一承包方反复中标",
		 "公开数据与账面不符", "租金拖欠未催收", "合同到期未续签仍在使用"},
};

/* Per village and year: chance, and items when it happens. */
static const struct {
	int permille; /* chance of the source in a year */
	int lo, hi;   /* items it hands down */
	int month_lo; /* months it comes in */
	int month_hi; /* … */
	int days_lo;  /* deadline after handing down */
	int days_hi;  /* … */
} sources[S__N] = {
    [S_XUNCHA] = {200, 2, 5, 3, 11, 60, 180}, [S_AUDIT] = {600, 1, 3, 4, 7, 30, 120},
    [S_DUCHA] = {200, 1, 2, 1, 12, 15, 60},   [S_XINFANG] = {300, 1, 1, 1, 12, 30, 60},
    [S_ALERT] = {150, 1, 1, 1, 12, 15, 45},
};

struct rp {
	uint8_t source;	  /* enum source */
	uint8_t problem;  /* index into problems[source] */
	int32_t owner;	  /* index into people, -1: 村委会 */
	int32_t handed;	  /* handed down, days: orders and numbers */
	int32_t deadline; /* days */
	int32_t closed;	  /* days or GEN_NODATE */
	uint32_t seq;	  /* order of drawing, breaks ties */
	char ref[16];	  /* 编号 ZG2025-004 */
};

struct rstate {
	struct gen_csv *out; /* rectifications.csv */
	struct rp *rv;	     /* the village's problems, reused */
	size_t cap;	     /* entries allocated */
};

static enum err open_(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const header[] = {"village_code", "ref",	 "source",     "problem",
					     "owner",	     "deadline", "closed_date"};
	struct rstate *st = ARENA_NEW(&g->arena, struct rstate);
	*state = st;
	return gen_csv_open(g, "rectifications.csv", header, 7, &st->out, ei);
}

static struct rp *push(struct rstate *st, size_t *n)
{
	if (*n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 64;
		st->rv = realloc(st->rv, st->cap * sizeof(*st->rv));
		if (!st->rv)
			abort();
	}
	struct rp *x = &st->rv[(*n)++];
	memset(x, 0, sizeof(*x));
	x->seq = (uint32_t)*n;
	return x;
}

static int by_handed(const void *a, const void *b)
{
	const struct rp *x = a, *y = b;
	if (x->handed != y->handed)
		return x->handed < y->handed ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void item(struct gen_ctx *g, struct rstate *st, struct gen_rng *r,
		 const struct gen_village *v, enum source s, int32_t day, size_t *n)
{
	int32_t deadline = day + (int32_t)gen_rng_range(r, sources[s].days_lo, sources[s].days_hi);
	if (deadline > g->span_end)
		deadline = g->span_end;
	struct rp *x = push(st, n);
	x->source = (uint8_t)s;
	x->problem = (uint8_t)gen_rng_below(r, 6);
	x->owner = gen_post_holder(v, GEN_POST_SHUJI, day);
	if (x->owner < 0)
		x->owner = gen_post_holder(v, GEN_POST_ZHUREN, day);
	x->handed = day;
	x->deadline = deadline;
	int k = (int)gen_rng_below(r, 1000);
	int open = gen_rate(g, "R04", OPEN_PERMILLE), late = gen_rate(g, "R04", LATE_PERMILLE);
	if (k < open)
		x->closed = GEN_NODATE;
	else if (k < open + late)
		x->closed = deadline + (int32_t)gen_rng_range(r, 1, 60);
	else if (k < open + late + EDGE_PERMILLE)
		x->closed = deadline;
	else
		x->closed = day + (int32_t)gen_rng_range(r, 7, deadline - day); /* ≥ 7 days */
	if (x->closed != GEN_NODATE && x->closed > g->span_end)
		x->closed = GEN_NODATE; /* still being put right */
}

static enum err village(struct gen_ctx *g, void *state, struct gen_village *v, struct errinfo *ei)
{
	struct rstate *st = state;
	struct gen_rng r;
	gen_rng_stream(g, "rectify", v->index, &r);
	size_t n = 0;
	for (int y = g->first_year; y <= g->last_year; y++)
		for (int s = 0; s < S__N; s++) {
			if (!gen_rng_permille(&r, sources[s].permille))
				continue;
			int32_t day = gen_date(
			    y, (int)gen_rng_range(&r, sources[s].month_lo, sources[s].month_hi),
			    (int)gen_rng_range(&r, 1, 28));
			int k = (int)gen_rng_range(&r, sources[s].lo, sources[s].hi);
			/* handed down at least a week before the span's end */
			for (int i = 0; i < k && day + 7 <= g->span_end; i++)
				item(g, st, &r, v, (enum source)s, day, &n);
		}
	qsort(st->rv, n, sizeof(*st->rv), by_handed);
	int ny = 0, seq = 0;
	for (size_t i = 0; i < n; i++) {
		int y = gen_date_year(st->rv[i].handed);
		seq = y == ny ? seq + 1 : 1;
		ny = y;
		snprintf(st->rv[i].ref, sizeof(st->rv[i].ref), "ZG%04d-%03d", y, seq);
	}
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < n; i++) {
		const struct rp *x = &st->rv[i];
		char deadline[11], closed[11];
		gen_date_fmt(x->deadline, deadline);
		gen_date_fmt(x->closed, closed);
		const char *row[7] = {v->code,
				      x->ref,
				      source_names[x->source],
				      problems[x->source][x->problem],
				      x->owner >= 0 ? v->people[x->owner].name : "村民委员会",
				      deadline,
				      closed};
		if ((e = gen_csv_row(st->out, row, ei)) != E_OK)
			break;
		bool late =
		    x->closed != GEN_NODATE ? x->closed > x->deadline : x->deadline < g->span_end;
		if (late)
			e = gen_truth_add(g, "R04", v, x->ref,
					  x->closed != GEN_NODATE ? "逾期销号" : "超期未销号", ei);
	}
	return e;
}

static enum err close_(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct rstate *st = state;
	if (!st)
		return E_OK;
	free(st->rv);
	st->rv = NULL;
	return gen_csv_close(st->out, ei);
}

const struct gen_module rectify_gen_module = {"rectify", open_, village, close_};
