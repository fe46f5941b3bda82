/*
 * Rule family R (信访与整改) of domain/rules.md: R01 受理超期, R02 办结超期, R03
 * 信访集中, R04 整改超期.  Reads the dates of complaints (never their words or
 * complainants) and of rectifications; raises findings through the engine.  It
 * must not write anything.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

static const struct rules_param_def r01_params[] = {
    {"accept_days", "受理期限（天）", RP_DAYS, 15, 0},
};
static const struct rules_param_def r02_params[] = {
    {"conclude_days", "办结期限（天）", RP_DAYS, 60, 0},
};
static const struct rules_param_def r03_params[] = {
    {"hotspot_count", "集中信访件数", RP_COUNT, 3, 0},
    {"hotspot_days", "集中信访时间窗（天）", RP_DAYS, 90, 0},
};

static const struct rules_def r_rules[] = {
    {"R01", "受理超期", "medium", "ref",
     "《信访工作条例》第二十四条：收到信访事项之日起15日内决定是否受理", r01_params, 1},
    {"R02", "办结超期", "medium", "ref", "《信访工作条例》第三十二条：自受理之日起60日内办结",
     r02_params, 1},
    {"R03", "信访集中", "medium", "refs",
     "《信访工作条例》第三十八条；《纪检监察机关处理检举控告工作规则》：对集中反映的问题分析研判",
     r03_params, 2},
    {"R04", "整改超期", "medium", "ref",
     "《中国共产党巡视工作条例》第四十条；清廉村居建设实施方案“巡察整改”：按时限整改、见底清零",
     NULL, 0},
};

static const char *const r_entities[] = {"complaints", "rectifications", NULL};

struct complaint {
	int64_t id;	       /* complaints.id */
	const char *ref;       /* 编号 */
	const char *received;  /* on or before as_of */
	const char *accepted;  /* as recorded, or NULL */
	const char *concluded; /* as recorded, or NULL */
};

static void r01_r02(struct rules_ctx *cx, const struct complaint *c)
{
	int64_t acc_days = rules_param(cx, "R01", "accept_days");
	int64_t con_days = rules_param(cx, "R02", "conclude_days");
	const char *keys[1] = {c->ref};
	struct rules_cite cite = {"complaints", c->id};
	int64_t rec = rules_days(c->received);
	if (rules_present(cx, c->accepted)) {
		int64_t acc = rules_days(c->accepted);
		if (acc > rec + acc_days)
			rules_emit(cx, "R01", keys, 1, &cite, 1,
				   "信访举报 %s 于 %s 收到，%s 才受理，用时 %lld 天，超过 %lld "
				   "天的受理期限",
				   c->ref, c->received, c->accepted, (long long)(acc - rec),
				   (long long)acc_days);
		if (rules_present(cx, c->concluded)) {
			int64_t con = rules_days(c->concluded);
			if (con > acc + con_days)
				rules_emit(
				    cx, "R02", keys, 1, &cite, 1,
				    "信访举报 %s 于 %s 受理，%s 才办结，用时 %lld 天，超过 %lld "
				    "天的办结期限",
				    c->ref, c->accepted, c->concluded, (long long)(con - acc),
				    (long long)con_days);
		} else if (cx->as_of_days > acc + con_days) {
			rules_emit(cx, "R02", keys, 1, &cite, 1,
				   "信访举报 %s 于 %s 受理，至 %s 已 %lld 天仍未办结，超过 %lld "
				   "天的办结期限",
				   c->ref, c->accepted, cx->as_of,
				   (long long)(cx->as_of_days - acc), (long long)con_days);
		}
	} else if (cx->as_of_days > rec + acc_days) {
		rules_emit(
		    cx, "R01", keys, 1, &cite, 1,
		    "信访举报 %s 于 %s 收到，至 %s 已 %lld 天仍未受理，超过 %lld 天的受理期限",
		    c->ref, c->received, cx->as_of, (long long)(cx->as_of_days - rec),
		    (long long)acc_days);
	}
}

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Greedy groups in received order: the first complaint not yet grouped and
 * every later one received within hotspot_days of it. */
static void r03(struct rules_ctx *cx, const struct complaint *cv, size_t n)
{
	int64_t count = rules_param(cx, "R03", "hotspot_count");
	int64_t window = rules_param(cx, "R03", "hotspot_days");
	size_t i = 0;
	while (i < n) {
		int64_t first = rules_days(cv[i].received);
		size_t j = i;
		while (j < n && rules_days(cv[j].received) <= first + window)
			j++;
		size_t g = j - i;
		if ((int64_t)g >= count) {
			const char **keys = ARENA_ARRAY(cx->a, const char *, g);
			struct rules_cite *cites = ARENA_ARRAY(cx->a, struct rules_cite, g);
			for (size_t k = 0; k < g; k++) {
				keys[k] = cv[i + k].ref;
				cites[k] = (struct rules_cite){"complaints", cv[i + k].id};
			}
			qsort(keys, g, sizeof(*keys), ref_cmp);
			rules_emit(
			    cx, "R03", keys, g, cites, g,
			    "%s 至 %s 的 %lld 天内收到反映%s的信访举报 %zu 件（达到 %lld 件）",
			    cv[i].received, cv[j - 1].received, (long long)window, cx->v->name, g,
			    (long long)count);
		}
		i = j;
	}
}

static enum err r_village(struct rules_ctx *cx, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_R_COMPLAINTS, true, &rr, ei);
	if (e != E_OK)
		return e;
	size_t n = 0, cap = 16;
	struct complaint *cv = ARENA_ARRAY(cx->a, struct complaint, cap);
	while ((res = rules_next(cx, rr))) {
		if (n == cap) {
			struct complaint *m = ARENA_ARRAY(cx->a, struct complaint, cap * 2);
			memcpy(m, cv, cap * sizeof(*m));
			cv = m;
			cap *= 2;
		}
		struct complaint *c = &cv[n++];
		c->id = db_int(res, 0);
		c->ref = db_text_dup(cx->a, res, 1);
		c->received = db_text_dup(cx->a, res, 2);
		c->accepted = db_text_dup(cx->a, res, 3);
		c->concluded = db_text_dup(cx->a, res, 4);
	}
	for (size_t i = 0; i < n; i++)
		r01_r02(cx, &cv[i]);
	r03(cx, cv, n);

	if ((e = rules_query(cx, RULES_ST_R_RECTS, false, &rr, ei)) != E_OK)
		return e;
	while ((res = rules_next(cx, rr))) {
		const char *deadline = db_text(res, 3), *closed = db_text(res, 4);
		bool done = rules_present(cx, closed);
		bool late = done ? strcmp(closed, deadline) > 0 : strcmp(deadline, cx->as_of) < 0;
		if (!late)
			continue;
		const char *ref = db_text_dup(cx->a, res, 1);
		const char *keys[1] = {ref};
		struct rules_cite cite = {"rectifications", db_int(res, 0)};
		if (done)
			rules_emit(cx, "R04", keys, 1, &cite, 1,
				   "整改问题 %s（来源：%s）时限 %s，%s 才销号，超期 %lld 天", ref,
				   db_text(res, 2), deadline, closed,
				   (long long)(rules_days(closed) - rules_days(deadline)));
		else
			rules_emit(cx, "R04", keys, 1, &cite, 1,
				   "整改问题 %s（来源：%s）时限 %s，至 %s 已超期 %lld 天仍未销号",
				   ref, db_text(res, 2), deadline, cx->as_of,
				   (long long)(cx->as_of_days - rules_days(deadline)));
	}
	return E_OK;
}

const struct rules_family rules_family_r = {
    .bit = RULES_FAM_R,
    .letter = "R",
    .title = "信访与整改",
    .rules = r_rules,
    .nrules = sizeof(r_rules) / sizeof(r_rules[0]),
    .entities = r_entities,
    .village = r_village,
};
