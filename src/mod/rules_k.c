/*
 * Rule family K (干部) of domain/rules.md: K01 未签廉政承诺, K02 未述职述廉, K03
 * 离任未审计, K04 年度审计缺失（一年一审）, K05 监委会成员不符合任职回避.  Reads
 * positions, relatives, archive events and audits of one village through
 * rules_db.c; raises findings through the engine.  It must not write anything.
 */
#include <string.h>

#include "core/datefmt.h"
#include "rules.h"

static const struct rules_param_def k03_params[] = {
    {"departure_audit_days", "离任审计期限（天）", RP_DAYS, 90, 0},
};

static const struct rules_def k_rules[] = {
    {"K01", "未签廉政承诺", "low", "id_no, year",
     "《中国共产党纪律处分条例》；清廉村居建设实施方案“勤廉管理”：村（社区）干部每年一季度签订廉政"
     "承诺书",
     NULL, 0},
    {"K02", "未述职述廉", "low", "id_no, year",
     "《中国共产党农村基层组织工作条例》第二十五条；村党组织书记每年述职述廉", NULL, 0},
    {"K03", "离任未审计", "high", "id_no, end_date",
     "《农村集体经济组织审计规定》（农业农村部令2024年第1号）：村干部离任经济责任审计", k03_params,
     1},
    {"K04", "年度审计缺失（一年一审）", "medium", "year",
     "《农村集体经济组织审计规定》；清廉村居建设实施方案“财务审计”：村党组织书记经济责任一年一审",
     NULL, 0},
    {"K05", "监委会成员不符合任职回避", "high", "id_no",
     "《中华人民共和国村民委员会组织法》第三十二条：村民委员会成员及其近亲属不得担任村务监督机构成"
     "员",
     NULL, 0},
};

static const char *const k_entities[] = {"positions", "relatives",     "archive_events", "audits",
					 "people",    "book_vouchers", "disclosures",	 NULL};

/* ---- what the family reads ------------------------------------------------------------- */

struct event {
	int64_t person_id; /* people.id */
	const char *kind;  /* 廉政承诺 | 述职述廉 */
	const char *date;  /* on or before as_of */
};

struct audit {
	int64_t id;	    /* audits.id */
	const char *kind;   /* 年度 | 离任 | 专项 */
	int64_t subject;    /* subject_person_id, 0 if none */
	const char *from;   /* period_from */
	const char *to;	    /* period_to */
	const char *report; /* report_date */
	const char *ref;    /* 编号 */
	int64_t village_id; /* its village */
};

struct kdata {
	struct event *ev; /* the village's cadres' events */
	size_t nev;	  /* entries */
	struct audit *au; /* audits of the village or of its cadres */
	size_t nau;	  /* entries */
};

static enum err load(struct rules_ctx *cx, struct kdata *d, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_K_EVENTS, true, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 32;
	d->ev = ARENA_ARRAY(cx->a, struct event, cap);
	while ((res = rules_next(cx, rr))) {
		if (d->nev == cap) {
			struct event *m = ARENA_ARRAY(cx->a, struct event, cap * 2);
			memcpy(m, d->ev, cap * sizeof(*m));
			d->ev = m;
			cap *= 2;
		}
		struct event *x = &d->ev[d->nev++];
		x->person_id = db_int(res, 0);
		x->kind = db_text_dup(cx->a, res, 1);
		x->date = db_text_dup(cx->a, res, 2);
	}
	if ((e = rules_query(cx, RULES_ST_K_AUDITS, false, &rr, ei)) != E_OK)
		return e;
	cap = 8;
	d->au = ARENA_ARRAY(cx->a, struct audit, cap);
	while ((res = rules_next(cx, rr))) {
		if (d->nau == cap) {
			struct audit *m = ARENA_ARRAY(cx->a, struct audit, cap * 2);
			memcpy(m, d->au, cap * sizeof(*m));
			d->au = m;
			cap *= 2;
		}
		struct audit *x = &d->au[d->nau++];
		x->id = db_int(res, 0);
		x->kind = db_text_dup(cx->a, res, 1);
		x->subject = db_int(res, 2);
		x->from = db_text_dup(cx->a, res, 3);
		x->to = db_text_dup(cx->a, res, 4);
		x->report = db_text_dup(cx->a, res, 5);
		x->ref = db_text_dup(cx->a, res, 6);
		x->village_id = db_int(res, 7);
	}
	return E_OK;
}

/* Has the person an event of kind dated from … to (inclusive)? */
static bool has_event(const struct kdata *d, int64_t person, const char *kind, const char *from,
		      const char *to)
{
	for (size_t i = 0; i < d->nev; i++)
		if (d->ev[i].person_id == person && strcmp(d->ev[i].kind, kind) == 0 &&
		    strcmp(d->ev[i].date, from) >= 0 && strcmp(d->ev[i].date, to) <= 0)
			return true;
	return false;
}

static bool in_list(const char *post, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(post, list[i]) == 0)
			return true;
	return false;
}

static const char *const k01_posts[] = {"书记", "主任", "副书记", "副主任", "委员", NULL};
static const char *const k05_posts[] = {"书记",	  "主任", "副书记", "副主任", "委员",
					"报账员", "会计", "出纳",   NULL};

static int first_year(const struct rules_ctx *cx)
{
	if (!cx->v->first_day)
		return 0;
	int y, m, d;
	datefmt_ymd_from_days(datefmt_days(cx->v->first_day), &y, &m, &d);
	return y;
}

static bool seen_before(const struct rules_post *posts, size_t i, const char *const *list,
			const char *day)
{
	for (size_t j = 0; j < i; j++)
		if (posts[j].person_id == posts[i].person_id && in_list(posts[j].post, list) &&
		    rules_post_holds(&posts[j], day))
			return true;
	return false;
}

/* ---- K01, K02 ------------------------------------------------------------------------ */

static void k01(struct rules_ctx *cx, const struct kdata *d, const struct rules_post *posts,
		size_t np, int fy)
{
	for (int y = fy; fy; y++) {
		char day[11], jan1[11], year[8];
		snprintf(day, sizeof(day), "%04d-03-31", y);
		if (strcmp(day, cx->as_of) > 0)
			break;
		snprintf(jan1, sizeof(jan1), "%04d-01-01", y);
		snprintf(year, sizeof(year), "%d", y);
		for (size_t i = 0; i < np; i++) {
			const struct rules_post *p = &posts[i];
			if (!in_list(p->post, k01_posts) || !rules_post_holds(p, day) ||
			    seen_before(posts, i, k01_posts, day) ||
			    has_event(d, p->person_id, "廉政承诺", jan1, day))
				continue;
			const char *keys[2] = {p->id_no, year};
			struct rules_cite cite = {"positions", p->id};
			rules_emit(
			    cx, "K01", keys, 2, &cite, 1,
			    "%s（%s，%s起任职）%d年3月31日在任，%d年1月1日至3月31日没有签订廉政"
			    "承诺书的记录",
			    p->name, p->post, p->start, y, y);
		}
	}
}

static void k02(struct rules_ctx *cx, const struct kdata *d, const struct rules_post *posts,
		size_t np, int fy)
{
	static const char *const shuji[] = {"书记", NULL};
	for (int y = fy; fy; y++) {
		char due[11], day[11], jul1[11], year[8];
		snprintf(due, sizeof(due), "%04d-01-31", y + 1);
		if (strcmp(due, cx->as_of) > 0)
			break;
		snprintf(day, sizeof(day), "%04d-12-31", y);
		snprintf(jul1, sizeof(jul1), "%04d-07-01", y);
		snprintf(year, sizeof(year), "%d", y);
		for (size_t i = 0; i < np; i++) {
			const struct rules_post *p = &posts[i];
			if (strcmp(p->post, "书记") != 0 || !rules_post_holds(p, day) ||
			    seen_before(posts, i, shuji, day) ||
			    has_event(d, p->person_id, "述职述廉", jul1, due))
				continue;
			const char *keys[2] = {p->id_no, year};
			struct rules_cite cite = {"positions", p->id};
			rules_emit(
			    cx, "K02", keys, 2, &cite, 1,
			    "书记%s %d年12月31日在任，%d年7月1日至%d年1月31日没有述职述廉的记录",
			    p->name, y, y, y + 1);
		}
	}
}

/* ---- K03 ----------------------------------------------------------------------------- */

static void k03(struct rules_ctx *cx, const struct kdata *d, const struct rules_post *posts,
		size_t np)
{
	int64_t days = rules_param(cx, "K03", "departure_audit_days");
	for (size_t i = 0; i < np; i++) {
		const struct rules_post *p = &posts[i];
		if ((strcmp(p->post, "书记") != 0 && strcmp(p->post, "主任") != 0) ||
		    !rules_present(cx, p->end) || rules_days(p->end) + days >= cx->as_of_days)
			continue;
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = posts[j].person_id == p->person_id && posts[j].end &&
			      strcmp(posts[j].end, p->end) == 0 &&
			      (strcmp(posts[j].post, "书记") == 0 ||
			       strcmp(posts[j].post, "主任") == 0);
		if (dup)
			continue;
		bool audited = false;
		for (size_t a = 0; a < d->nau && !audited; a++)
			audited = d->au[a].subject == p->person_id &&
				  strcmp(d->au[a].kind, "离任") == 0 &&
				  rules_present(cx, d->au[a].report);
		if (audited)
			continue;
		/* the same person leaving both posts the same day: one alert, both cited */
		struct rules_cite cites[2] = {{"positions", p->id}, {"positions", 0}};
		size_t nc = 1;
		for (size_t j = i + 1; j < np && nc == 1; j++)
			if (posts[j].person_id == p->person_id && posts[j].end &&
			    strcmp(posts[j].end, p->end) == 0 &&
			    (strcmp(posts[j].post, "书记") == 0 ||
			     strcmp(posts[j].post, "主任") == 0))
				cites[nc++].id = posts[j].id;
		const char *keys[2] = {p->id_no, p->end};
		const char *title = nc == 2 ? "书记、主任" : p->post;
		rules_emit(cx, "K03", keys, 2, cites, nc,
			   "%s%s于%s离任，至%s已%lld天（期限%lld天），没有出具报告的离任审计",
			   title, p->name, p->end, cx->as_of,
			   (long long)(cx->as_of_days - rules_days(p->end)), (long long)days);
	}
}

/* ---- K04 ----------------------------------------------------------------------------- */

static void k04(struct rules_ctx *cx, const struct kdata *d, int fy)
{
	for (int y = fy; fy; y++) {
		char due[11], from[11], to[11], year[8];
		snprintf(due, sizeof(due), "%04d-06-30", y + 1);
		if (strcmp(due, cx->as_of) > 0)
			break;
		snprintf(from, sizeof(from), "%04d-01-01", y);
		snprintf(to, sizeof(to), "%04d-12-31", y);
		snprintf(year, sizeof(year), "%d", y);
		bool ok = false;
		struct rules_cite cites[9] = {{"villages", cx->v->id}};
		size_t nc = 1;
		for (size_t a = 0; a < d->nau && !ok; a++) {
			const struct audit *x = &d->au[a];
			if (x->village_id != cx->v->id || strcmp(x->kind, "年度") != 0)
				continue;
			if (x->from && x->to && x->report && strcmp(x->from, from) <= 0 &&
			    strcmp(x->to, to) >= 0 && strcmp(x->report, due) <= 0) {
				ok = true;
				break;
			}
			/* near misses of the year are cited: correcting one re-opens the case */
			bool touches = (!x->from || strcmp(x->from, to) <= 0) &&
				       (!x->to || strcmp(x->to, from) >= 0);
			if (touches && nc < 9)
				cites[nc++] = (struct rules_cite){"audits", x->id};
		}
		if (ok)
			continue;
		const char *keys[1] = {year};
		rules_emit(cx, "K04", keys, 1, cites, nc,
			   "%d年度没有审计期间覆盖全年（%s至%s）、报告日期不晚于%s的年度审计%s", y,
			   from, to, due, nc > 1 ? "（已有的年度审计期间或报告日期不符）" : "");
	}
}

/* ---- K05 ----------------------------------------------------------------------------- */

/* The days both posts were held, capped at as_of, are not empty. */
static bool overlap(const struct rules_ctx *cx, const struct rules_post *a,
		    const struct rules_post *b)
{
	const char *start = strcmp(a->start, b->start) > 0 ? a->start : b->start;
	const char *end = cx->as_of;
	if (a->end && strcmp(a->end, end) < 0)
		end = a->end;
	if (b->end && strcmp(b->end, end) < 0)
		end = b->end;
	return strcmp(start, end) <= 0;
}

static void k05(struct rules_ctx *cx, const struct rules_post *posts, size_t np,
		const struct rules_rel *rels, size_t nr)
{
	for (size_t i = 0; i < np; i++) {
		const struct rules_post *m = &posts[i];
		if (strcmp(m->post, "监委会主任") != 0 && strcmp(m->post, "监委会委员") != 0)
			continue;
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = posts[j].person_id == m->person_id &&
			      (strcmp(posts[j].post, "监委会主任") == 0 ||
			       strcmp(posts[j].post, "监委会委员") == 0);
		if (dup)
			continue;
		struct rules_cite cites[16];
		size_t nc = 0, conflicts = 0;
		char first[256] = "";
		/* every term of this person on the 监委会 */
		for (size_t t = i; t < np; t++) {
			const struct rules_post *term = &posts[t];
			if (term->person_id != m->person_id ||
			    (strcmp(term->post, "监委会主任") != 0 &&
			     strcmp(term->post, "监委会委员") != 0))
				continue;
			bool cited = false;
			for (size_t j = 0; j < np; j++) {
				const struct rules_post *o = &posts[j];
				if (o->person_id != m->person_id ||
				    strcmp(o->post, term->post) == 0 || !overlap(cx, term, o))
					continue;
				if (!first[0])
					snprintf(first, sizeof(first), "任%s期间同时担任%s（%s起）",
						 term->post, o->post, o->start);
				conflicts++;
				if (!cited && nc < 16)
					cites[nc++] = (struct rules_cite){"positions", term->id};
				cited = true;
				if (nc < 16)
					cites[nc++] = (struct rules_cite){"positions", o->id};
			}
			for (size_t r = 0; r < nr; r++) {
				const struct rules_rel *x = &rels[r];
				int64_t other = x->a == m->person_id   ? x->b
						: x->b == m->person_id ? x->a
								       : 0;
				if (!other)
					continue;
				const char *oname = x->a == m->person_id ? x->b_name : x->a_name;
				for (size_t j = 0; j < np; j++) {
					const struct rules_post *o = &posts[j];
					if (o->person_id != other || !in_list(o->post, k05_posts) ||
					    !overlap(cx, term, o))
						continue;
					if (!first[0])
						snprintf(first, sizeof(first),
							 "任%s期间，其亲属%s（申报关系：%s）任%s（%"
							 "s起）",
							 term->post, oname, x->relation, o->post,
							 o->start);
					conflicts++;
					if (!cited && nc < 16)
						cites[nc++] =
						    (struct rules_cite){"positions", term->id};
					cited = true;
					if (nc < 15) {
						cites[nc++] =
						    (struct rules_cite){"relatives", x->id};
						cites[nc++] =
						    (struct rules_cite){"positions", o->id};
					}
				}
			}
		}
		if (!conflicts)
			continue;
		const char *keys[1] = {m->id_no};
		if (conflicts > 1)
			rules_emit(cx, "K05", keys, 1, cites, nc,
				   "监委会成员%s%s，不符合任职回避规定（共 %zu 处冲突）", m->name,
				   first, conflicts);
		else
			rules_emit(cx, "K05", keys, 1, cites, nc,
				   "监委会成员%s%s，不符合任职回避规定", m->name, first);
	}
}

static enum err k_village(struct rules_ctx *cx, struct errinfo *ei)
{
	const struct rules_post *posts;
	const struct rules_rel *rels;
	size_t np, nr;
	struct kdata d = {0};
	enum err e;
	if ((e = rules_posts(cx, &posts, &np, ei)) != E_OK ||
	    (e = rules_rels(cx, &rels, &nr, ei)) != E_OK || (e = load(cx, &d, ei)) != E_OK)
		return e;
	int fy = first_year(cx);
	k01(cx, &d, posts, np, fy);
	k02(cx, &d, posts, np, fy);
	k03(cx, &d, posts, np);
	k04(cx, &d, fy);
	k05(cx, posts, np, rels, nr);
	return E_OK;
}

const struct rules_family rules_family_k = {
    .bit = RULES_FAM_K,
    .letter = "K",
    .title = "干部",
    .rules = k_rules,
    .nrules = sizeof(k_rules) / sizeof(k_rules[0]),
    .entities = k_entities,
    .village = k_village,
};
