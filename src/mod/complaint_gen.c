/*
 * The complaint module's generator: complaints.csv of domain/formats.md for each
 * village — a few letters, visits, calls and web reports a year about the
 * matters villagers complain of, mostly accepted within the statutory 15 days
 * and concluded within 60 days of acceptance — and the ground truth of rules
 * R01 受理超期, R02 办结超期 and R03 信访集中 of domain/rules.md as a scan with
 * as_of = the span's last day sees them.  Late and missing acceptances and
 * conclusions and bursts of complaints on one matter are planted, with
 * near-misses on the limits (accepted on day 15, concluded on day 60, a third
 * complaint on day 91); the truth is computed on the records written, with the
 * rules' own arithmetic, so every line is exact.  No date lies after the span's
 * end (a step that would falls blank: still in hand).  It must not draw
 * randomness outside its own streams, and it writes no complainant's identity.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/gen.h"

#define ACCEPT_DAYS   15 /* R01 accept_days */
#define CONCLUDE_DAYS 60 /* R02 conclude_days */
#define HOTSPOT_COUNT 3	 /* R03 hotspot_count */
#define HOTSPOT_DAYS  90 /* R03 hotspot_days */

#define LATE_PERMILLE  40 /* a step taken after its limit */
#define NEVER_PERMILLE 15 /* a step never taken */
#define EDGE_PERMILLE  30 /* a step taken on the limit's last day */
#define BURST_PERMILLE 70 /* a burst of complaints on one matter in a year */
#define NEAR_PERMILLE  50 /* two complaints close together, a third just outside */

struct topic {
	const char *subject;  /* 反映事项 */
	const char *category; /* 类别 */
};

static const struct topic topics[] = {
    {"反映村集体土地发包不公开", "三资管理"}, {"反映集体资产出租价格偏低", "三资管理"},
    {"反映村级财务报销不规范", "三资管理"},   {"反映低保评定不公", "惠民资金"},
    {"反映惠农补贴发放不到位", "惠民资金"},   {"反映村干部优亲厚友", "干部作风"},
    {"反映村干部工作作风粗暴", "干部作风"},   {"反映道路修建工程质量问题", "工程项目"},
    {"反映村级工程未公开招标", "工程项目"},   {"反映村务公开不及时", "村务公开"},
    {"反映征地补偿款分配问题", "土地征收"},   {"反映宅基地审批问题", "宅基地"},
    {"反映环境卫生整治问题", "其他"},
};
#define N_TOPICS (sizeof(topics) / sizeof(topics[0]))

static const char *const channels[] = {"来信", "来访", "电话", "网络", "其他"};
static const uint32_t channel_w[] = {20, 25, 20, 30, 5};
static const char *const results[] = {"属实", "部分属实", "不属实", "其他"};
static const uint32_t result_w[] = {20, 25, 45, 10};

struct cp {
	int32_t received;  /* days */
	int32_t accepted;  /* days or GEN_NODATE */
	int32_t concluded; /* days or GEN_NODATE */
	uint8_t channel;   /* index into channels */
	uint8_t topic;	   /* index into topics */
	uint8_t result;	   /* index into results, when concluded */
	bool anonymous;	   /* 匿名 */
	uint32_t seq;	   /* order of drawing, breaks ties */
	char ref[16];	   /* 编号 XF2025-003 */
};

struct cstate {
	struct gen_csv *out; /* complaints.csv */
	struct cp *cv;	     /* the village's complaints, reused */
	size_t cap;	     /* entries allocated */
};

static enum err open_(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const header[] = {
	    "village_code", "ref",	"received_date", "channel",	   "anonymous",
	    "subject",	    "category", "accepted_date", "concluded_date", "result"};
	struct cstate *st = ARENA_NEW(&g->arena, struct cstate);
	*state = st;
	return gen_csv_open(g, "complaints.csv", header, 10, &st->out, ei);
}

static struct cp *push(struct cstate *st, size_t *n)
{
	if (*n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 64;
		st->cv = realloc(st->cv, st->cap * sizeof(*st->cv));
		if (!st->cv)
			abort();
	}
	struct cp *c = &st->cv[(*n)++];
	memset(c, 0, sizeof(*c));
	c->seq = (uint32_t)*n;
	return c;
}

static int by_received(const void *a, const void *b)
{
	const struct cp *x = a, *y = b;
	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A step `limit` days after `from`: late, never (both planting `rule`, at
 * rates scaled by --rate), on the last day, or in time. */
static int32_t step_after(const struct gen_ctx *g, const char *rule, struct gen_rng *r,
			  int32_t from, int limit, int lo)
{
	int x = (int)gen_rng_below(r, 1000);
	int late = gen_rate(g, rule, LATE_PERMILLE), never = gen_rate(g, rule, NEVER_PERMILLE);
	if (x < late)
		return from + limit + (int32_t)gen_rng_range(r, 1, limit * 2);
	if (x < late + never)
		return GEN_NODATE;
	if (x < late + never + EDGE_PERMILLE)
		return from + limit;
	return from + (int32_t)gen_rng_range(r, lo, limit - 1);
}

static void draw(struct gen_ctx *g, struct gen_rng *r, struct cp *c, int32_t day, int topic)
{
	c->received = day;
	c->topic = (uint8_t)(topic >= 0 ? topic : (int)gen_rng_below(r, N_TOPICS));
	c->channel = (uint8_t)gen_rng_weighted(r, channel_w, 5);
	c->anonymous = gen_rng_permille(r, 300);
	c->accepted = step_after(g, "R01", r, day, ACCEPT_DAYS, 1);
	if (c->accepted != GEN_NODATE && c->accepted > g->span_end)
		c->accepted = GEN_NODATE; /* still being registered at the span's end */
	c->concluded = GEN_NODATE;
	if (c->accepted != GEN_NODATE) {
		c->concluded = step_after(g, "R02", r, c->accepted, CONCLUDE_DAYS, 7);
		if (c->concluded != GEN_NODATE && c->concluded > g->span_end)
			c->concluded = GEN_NODATE;
	}
	c->result = (uint8_t)gen_rng_weighted(r, result_w, 4);
}

/* The village's complaints of year y: a few on their own, sometimes a burst. */
static void year(struct gen_ctx *g, struct cstate *st, struct gen_rng *r, int y, size_t *n)
{
	static const uint32_t count_w[] = {30, 35, 25, 10};
	int32_t jan1 = gen_date(y, 1, 1), len = gen_date(y + 1, 1, 1) - jan1;
	int k = (int)gen_rng_weighted(r, count_w, 4);
	for (int i = 0; i < k; i++)
		draw(g, r, push(st, n), jan1 + (int32_t)gen_rng_below(r, (uint64_t)len), -1);
	if (gen_plant(g, r, "R03", BURST_PERMILLE)) {
		/* several villagers on one matter within a season */
		int32_t d0 = jan1 + (int32_t)gen_rng_below(r, (uint64_t)len);
		int topic = (int)gen_rng_below(r, N_TOPICS);
		int m = (int)gen_rng_range(r, HOTSPOT_COUNT, HOTSPOT_COUNT + 1);
		draw(g, r, push(st, n), d0, topic);
		for (int i = 1; i < m; i++) {
			int32_t d = d0 + (int32_t)gen_rng_range(r, 0, HOTSPOT_DAYS - 5);
			if (d <= g->span_end)
				draw(g, r, push(st, n), d, topic);
		}
	} else if (gen_rng_permille(r, NEAR_PERMILLE)) {
		/* two close together, the third one day past the window */
		int32_t d0 = jan1 + (int32_t)gen_rng_below(r, (uint64_t)len);
		int topic = (int)gen_rng_below(r, N_TOPICS);
		draw(g, r, push(st, n), d0, topic);
		int32_t d1 = d0 + (int32_t)gen_rng_range(r, 10, 60);
		if (d1 <= g->span_end)
			draw(g, r, push(st, n), d1, topic);
		if (d0 + HOTSPOT_DAYS + 1 <= g->span_end)
			draw(g, r, push(st, n), d0 + HOTSPOT_DAYS + 1, topic);
	}
}

static enum err truth(struct gen_ctx *g, const struct gen_village *v, const struct cp *c,
		      struct errinfo *ei)
{
	enum err e = E_OK;
	if (c->accepted != GEN_NODATE ? c->accepted > c->received + ACCEPT_DAYS
				      : g->span_end > c->received + ACCEPT_DAYS)
		e = gen_truth_add(g, "R01", v, c->ref,
				  c->accepted != GEN_NODATE ? "受理超期" : "逾期未受理", ei);
	if (e == E_OK && c->accepted != GEN_NODATE &&
	    (c->concluded != GEN_NODATE ? c->concluded > c->accepted + CONCLUDE_DAYS
					: g->span_end > c->accepted + CONCLUDE_DAYS))
		e = gen_truth_add(g, "R02", v, c->ref,
				  c->concluded != GEN_NODATE ? "办结超期" : "逾期未办结", ei);
	return e;
}

/* R03 as the rule groups them: greedily in received order, each group the
 * first complaint not yet grouped and every later one within the window. */
static enum err hotspots(struct gen_ctx *g, const struct gen_village *v, const struct cp *cv,
			 size_t n, struct errinfo *ei)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && cv[j].received <= cv[i].received + HOTSPOT_DAYS)
			j++;
		if (j - i >= HOTSPOT_COUNT) {
			const char **refs = malloc((j - i) * sizeof(*refs));
			if (!refs)
				abort();
			for (size_t k = i; k < j; k++)
				refs[k - i] = cv[k].ref;
			qsort(refs, j - i, sizeof(*refs), ref_cmp);
			struct buf keys = BUF_INIT;
			for (size_t k = 0; k < j - i; k++)
				buf_addf(&keys, "%s%s", k ? "," : "", refs[k]);
			free(refs);
			enum err e = gen_truth_add(g, "R03", v, keys.ptr, "信访集中", ei);
			buf_release(&keys);
			if (e != E_OK)
				return e;
		}
		i = j;
	}
	return E_OK;
}

static enum err village(struct gen_ctx *g, void *state, struct gen_village *v, struct errinfo *ei)
{
	struct cstate *st = state;
	struct gen_rng r;
	gen_rng_stream(g, "complaint", v->index, &r);
	size_t n = 0;
	for (int y = g->first_year; y <= g->last_year; y++)
		year(g, st, &r, y, &n);
	if (!n)
		return E_OK;
	qsort(st->cv, n, sizeof(*st->cv), by_received);
	/* numbered by year in the order received, so that ref order is file order */
	int ny = 0, seq = 0;
	for (size_t i = 0; i < n; i++) {
		int y = gen_date_year(st->cv[i].received);
		seq = y == ny ? seq + 1 : 1;
		ny = y;
		snprintf(st->cv[i].ref, sizeof(st->cv[i].ref), "XF%04d-%03d", y, seq);
	}
	enum err e = E_OK;
	for (size_t i = 0; e == E_OK && i < n; i++) {
		const struct cp *c = &st->cv[i];
		char rec[11], acc[11], con[11];
		gen_date_fmt(c->received, rec);
		gen_date_fmt(c->accepted, acc);
		gen_date_fmt(c->concluded, con);
		const struct topic *t = &topics[c->topic];
		const char *row[10] = {v->code,
				       c->ref,
				       rec,
				       channels[c->channel],
				       c->anonymous ? "1" : "0",
				       t->subject,
				       t->category,
				       acc,
				       con,
				       c->concluded != GEN_NODATE ? results[c->result] : NULL};
		if ((e = gen_csv_row(st->out, row, ei)) == E_OK)
			e = truth(g, v, c, ei);
	}
	return e == E_OK ? hotspots(g, v, st->cv, n, ei) : e;
}

static enum err close_(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct cstate *st = state;
	if (!st)
		return E_OK;
	free(st->cv);
	st->cv = NULL;
	return gen_csv_close(st->out, ei);
}

const struct gen_module complaint_gen_module = {"complaint", open_, village, close_};
