/*
 * The power module's generator: matters.csv and matter_steps.csv of
 * domain/formats.md for each village, a few 重大 matters (五议两公开, with the
 * quorum and votes the law asks) and a few 一般 ones (amount under the major
 * threshold) a year, and the ground truth of the decision rules M01–M04 of
 * domain/rules.md that these files alone decide, as a scan with as_of = the
 * span's last day sees them (major_threshold 50,000.00, result_publish_days
 * 30).  Anomalies are planted one per matter, each so that it raises exactly
 * its own rule.  No date lies after the span's end.  It draws randomness only
 * from its own streams.
 */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "mod/gen.h"
#include "mod/power.h"

enum plant {
	PLANT_NONE,
	PLANT_M01, /* 审议 and 决议 missing before 实施 */
	PLANT_M02, /* 决议 dated before 审议 */
	PLANT_M03, /* a 审议 or 决议 without quorum or majority */
	PLANT_M04, /* 实施 long ago, no 结果公开 */
};

struct power_state {
	struct gen_csv *matters; /* matters.csv */
	struct gen_csv *steps;	 /* matter_steps.csv */
};

static const char *const major_titles[] = {
    "村道硬化工程",	"村部办公用房维修改造", "集体鱼塘发包",	      "集体厂房租赁",
    "年度收益分配方案", "农田水利设施改造",	"购置保洁车辆",	      "村级光伏发电项目",
    "文化广场建设",	"集体林地承包",		"太阳能路灯安装工程", "河塘清淤整治工程",
    "农贸市场摊位出租", "村级债务化解方案",	"集体建设用地入市",
};

static const char *const minor_titles[] = {
    "办公用品采购",	  "节日慰问困难群众", "村民小组长误工补贴发放", "绿化养护服务",
    "宣传栏更新制作",	  "防汛物资采购",     "生活垃圾清运服务",	"村务公开栏维护",
    "老年活动室设备添置", "消防器材更换",     "道路标识标线修补",	"电脑打印机维修",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct step {
	int idx;       /* index into power_wuyi_names */
	int32_t date;  /* days */
	int members;   /* 应到, 0 = blank */
	int attendees; /* 到会, 0 = blank */
	int votes_for; /* 同意, 0 = blank */
};

static int range(struct gen_rng *r, int lo, int hi)
{
	return (int)gen_rng_range(r, lo, hi);
}

/* A meeting that meets the law: ⅔ present, more than half of them in favour. */
static void lawful(struct gen_rng *r, struct step *s, int lo, int hi)
{
	s->members = range(r, lo, hi);
	s->attendees = range(r, (2 * s->members + 2) / 3, s->members);
	s->votes_for = range(r, s->attendees / 2 + 1, s->attendees);
}

static enum err write_matter(struct gen_ctx *g, struct power_state *st, const struct gen_village *v,
			     const char *no, const char *title, bool major, int64_t amount_fen,
			     const struct step *steps, size_t n, struct errinfo *ei)
{
	char amount[MONEY_BUF] = "", proposed[11] = "";
	if (amount_fen >= 0)
		money_format(amount_fen, amount);
	for (size_t i = 0; i < n; i++)
		if (steps[i].idx == 0)
			gen_date_fmt(steps[i].date, proposed);
	const char *row[6] = {v->code, no, title, major ? "重大" : "一般", amount, proposed};
	enum err rc = gen_csv_row(st->matters, row, ei);
	for (size_t i = 0; rc == E_OK && i < n; i++) {
		char date[11], m[12] = "", a[12] = "", f[12] = "";
		gen_date_fmt(steps[i].date, date);
		if (steps[i].members) {
			snprintf(m, sizeof(m), "%d", steps[i].members);
			snprintf(a, sizeof(a), "%d", steps[i].attendees);
		}
		if (steps[i].votes_for)
			snprintf(f, sizeof(f), "%d", steps[i].votes_for);
		const char *cells[7] = {v->code, no, power_wuyi_names[steps[i].idx], date, a, m, f};
		rc = gen_csv_row(st->steps, cells, ei);
	}
	(void)g;
	return rc;
}

/* One 重大 matter: the seven steps, then perhaps an anomaly, then whatever lies
 * beyond the span is cut off (a matter still in progress). */
static enum err major_matter(struct gen_ctx *g, struct power_state *st, struct gen_rng *r,
			     const struct gen_village *v, const char *no, int32_t start,
			     struct errinfo *ei)
{
	struct step s[POWER_WUYI_N] = {{0}};
	static const int gap[POWER_WUYI_N][2] = {{0, 0}, {2, 10}, {3, 15}, {2, 10},
						 {1, 3}, {6, 30}, {8, 25}};
	int32_t d = start;
	for (int i = 0; i < POWER_WUYI_N; i++) {
		d += range(r, gap[i][0], gap[i][1]);
		s[i].idx = i;
		s[i].date = d;
	}
	s[1].members = range(r, 7, 11); /* 两委联席会议 */
	s[1].attendees = range(r, s[1].members - 2, s[1].members);
	lawful(r, &s[2], 18, 70); /* 党员大会 */
	lawful(r, &s[3], 25, 60); /* 村民代表会议 */
	const char *title = major_titles[gen_rng_below(r, N(major_titles))];
	int64_t amount = gen_rng_permille(r, 300) ? -1 : range(r, 5000, 80000) * (int64_t)1000;
	enum plant plant = PLANT_NONE;
	/* one of M01–M04 at 110‰ in all; under --rate at the highest of their
	 * scaled rates, each then kept at its own share of it (an extra draw only
	 * when the rates differ) */
	static const char *const codes[] = {"", "M01", "M02", "M03", "M04"};
	int top = 0;
	for (int k = 1; k <= 4; k++)
		top = gen_rate(g, codes[k], 110) > top ? gen_rate(g, codes[k], 110) : top;
	if (gen_rng_permille(r, top)) {
		plant = (enum plant)(1 + gen_rng_below(r, 4));
		int own = gen_rate(g, codes[plant], 110);
		if (own < top && !gen_rng_permille(r, (int)((int64_t)own * 1000 / top)))
			plant = PLANT_NONE;
	}
	/* Anomalies need the whole procedure inside the span (M04 also 30 days of
	 * silence after 实施). */
	if (s[6].date > g->span_end || (plant == PLANT_M04 && s[5].date + 31 > g->span_end))
		plant = PLANT_NONE;

	struct step out[POWER_WUYI_N];
	size_t n = 0;
	const char *step3 = "决议";
	char keys[64], note[256];
	switch (plant) {
	case PLANT_M01:
		for (int i = 0; i < POWER_WUYI_N; i++)
			if (i != 2 && i != 3)
				out[n++] = s[i];
		snprintf(note, sizeof(note), "%s未经党员大会审议和村民代表会议决议即于实施", title);
		break;
	case PLANT_M02: {
		int32_t t = s[2].date;
		s[2].date = s[3].date;
		s[3].date = t - 1; /* strictly before the 审议 now */
		if (s[3].date < s[1].date)
			s[3].date = s[1].date;
		for (int i = 0; i < POWER_WUYI_N; i++)
			out[n++] = s[i];
		snprintf(note, sizeof(note), "%s先决议后审议，程序倒置", title);
		break;
	}
	case PLANT_M03: {
		int which = gen_rng_permille(r, 500) ? 3 : 2;
		struct step *m = &s[which];
		step3 = power_wuyi_names[which];
		if (gen_rng_permille(r, 500)) { /* short of two thirds present */
			m->attendees = range(r, m->members / 2, (2 * m->members + 2) / 3 - 1);
			m->votes_for = range(r, m->attendees / 2 + 1, m->attendees);
			snprintf(note, sizeof(note), "%s%s到会 %d 人，不足应到 %d 人的三分之二",
				 title, step3, m->attendees, m->members);
		} else { /* not more than half in favour */
			m->votes_for = range(r, m->attendees / 4 + 1, m->attendees / 2);
			snprintf(note, sizeof(note), "%s%s同意 %d 票，未过到会 %d 人的半数", title,
				 step3, m->votes_for, m->attendees);
		}
		for (int i = 0; i < POWER_WUYI_N; i++)
			out[n++] = s[i];
		break;
	}
	case PLANT_M04: {
		char date[11];
		gen_date_fmt(s[5].date, date);
		for (int i = 0; i < 6; i++)
			out[n++] = s[i];
		snprintf(note, sizeof(note), "%s于 %s 实施，结果至今未公开", title, date);
		break;
	}
	default:
		for (int i = 0; i < POWER_WUYI_N; i++)
			if (s[i].date <= g->span_end)
				out[n++] = s[i];
		break;
	}
	enum err rc = write_matter(g, st, v, no, title, true, amount, out, n, ei);
	if (rc != E_OK || plant == PLANT_NONE)
		return rc;
	static const char *const rule[] = {"", "M01", "M02", "M03", "M04"};
	if (plant == PLANT_M03)
		snprintf(keys, sizeof(keys), "%s,%s", no, step3);
	else
		snprintf(keys, sizeof(keys), "%s", no);
	return gen_truth_add(g, rule[plant], v, keys, note, ei);
}

/* One 一般 matter: under the threshold, proposed, carried out, result shown. */
static enum err minor_matter(struct gen_ctx *g, struct power_state *st, struct gen_rng *r,
			     const struct gen_village *v, const char *no, int32_t start,
			     struct errinfo *ei)
{
	struct step s[3] = {{0}};
	s[0].idx = 0;
	s[0].date = start;
	s[1].idx = 5;
	s[1].date = start + range(r, 3, 30);
	s[2].idx = 6;
	s[2].date = s[1].date + range(r, 3, 20);
	size_t n = 0;
	while (n < 3 && s[n].date <= g->span_end)
		n++;
	int64_t amount = range(r, 200, 4900) * (int64_t)1000 + range(r, 0, 99) * 10;
	return write_matter(g, st, v, no, minor_titles[gen_rng_below(r, N(minor_titles))], false,
			    amount, s, n, ei);
}

static enum err power_open(struct gen_ctx *g, void **state, struct errinfo *ei)
{
	static const char *const h_matters[] = {"village_code", "matter_no", "title",
						"kind",		"amount",    "proposed_date"};
	static const char *const h_steps[] = {"village_code", "matter_no", "step",     "date",
					      "attendees",    "members",   "votes_for"};
	struct power_state *st = ARENA_NEW(&g->arena, struct power_state);
	*state = st;
	enum err rc;
	if ((rc = gen_csv_open(g, "matters.csv", h_matters, 6, &st->matters, ei)) != E_OK ||
	    (rc = gen_csv_open(g, "matter_steps.csv", h_steps, 7, &st->steps, ei)) != E_OK)
		return rc;
	return E_OK;
}

static enum err power_village(struct gen_ctx *g, void *state, struct gen_village *v,
			      struct errinfo *ei)
{
	struct power_state *st = state;
	struct gen_rng r;
	gen_rng_stream(g, "power", v->index, &r);
	for (int y = g->first_year; y <= g->last_year; y++) {
		int n_major = range(&r, 1, 3), n_minor = range(&r, 1, 4);
		int total = n_major + n_minor, seq = 0;
		/* Proposals spread over the year, in number order, kinds mixed. */
		int32_t at = gen_date(y, 1, 1) + range(&r, 5, 40);
		for (int i = 0; i < total; i++) {
			char no[16];
			snprintf(no, sizeof(no), "%d-%03d", y, ++seq);
			bool major = (int)gen_rng_below(&r, (uint64_t)(total - i)) < n_major;
			n_major -= major;
			enum err rc = major ? major_matter(g, st, &r, v, no, at, ei)
					    : minor_matter(g, st, &r, v, no, at, ei);
			if (rc != E_OK)
				return rc;
			at += range(&r, 10, 300 / total);
			if (at > gen_date(y, 12, 20))
				at = gen_date(y, 12, 20);
		}
	}
	return E_OK;
}

static enum err power_close(struct gen_ctx *g, void *state, struct errinfo *ei)
{
	(void)g;
	struct power_state *st = state;
	enum err rc = gen_csv_close(st->matters, ei);
	enum err c = gen_csv_close(st->steps, ei);
	return rc != E_OK ? rc : c;
}

const struct gen_module power_gen_module = {
    .name = "power",
    .open = power_open,
    .village = power_village,
    .close = power_close,
};
