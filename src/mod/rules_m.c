/*
 * Rule family M (议事决策) of domain/rules.md: M01 重大事项程序缺失, M02 决策程序
 * 倒置, M03 会议人数或票数不足, M04 实施结果未公开.  Reads matters, their steps and
 * the vouchers, contracts and projects citing them;
 * raises findings through the engine.  It must not write anything.
 */
#include <string.h>

#include "power.h"
#include "rules.h"

static const struct rules_param_def m01_params[] = {
    {"major_threshold", "重大事项金额标准", RP_MONEY, 5000000, RULES_PF_MAJOR},
};
static const struct rules_param_def m04_params[] = {
    {"result_publish_days", "实施后结果公开期限（天）", RP_DAYS, 30, RULES_PF_RESULT_DAYS},
};

static const struct rules_def m_rules[] = {
    {"M01", "重大事项程序缺失", "high", "matter_no",
     "《中国共产党农村基层组织工作条例》第十九条；“四议两公开”（五议两公开）工作法：重大事项须经"
     "提议、商议、审议、决议、决议公开后方可实施",
     m01_params, 1},
    {"M02", "决策程序倒置", "high", "matter_no",
     "“五议两公开”：提议、商议、审议、决议、决议公开、实施、结果公开依次进行", NULL, 0},
    {"M03", "会议人数或票数不足", "high", "matter_no, step",
     "《中华人民共和国村民委员会组织法》第二十二条、第二十六条：应有三分之二以上组成人员参加，"
     "所作决定须经到会人员的过半数同意",
     NULL, 0},
    {"M04", "实施结果未公开", "medium", "matter_no",
     "《中华人民共和国村民委员会组织法》第三十条；“五议两公开”：实施结果及时公开", m04_params, 1},
};

static const char *const m_entities[] = {
    "matters", "matter_steps", "book_vouchers", "contracts", "projects", "power_settings", NULL};

struct step {
	int64_t id;	   /* matter_steps.id */
	const char *date;  /* 日期 */
	int64_t members;   /* 应到, -1 when blank */
	int64_t attendees; /* 到会, -1 when blank */
	int64_t votes_for; /* 同意, -1 when blank */
};

struct matter {
	int64_t id;			 /* matters.id */
	const char *no;			 /* matter_no */
	const char *title;		 /* 事项名称 */
	const char *kind;		 /* 重大 | 一般 */
	int64_t amount;			 /* fen, -1 when blank */
	struct step steps[POWER_WUYI_N]; /* by 五议两公开 index; id 0 when absent */
};

/* An act on a matter other than its 实施 step: a voucher, contract or project
 * citing it. */
struct act {
	const char *matter_no; /* the matter cited */
	const char *date;      /* on or before as_of */
	const char *what;      /* "付款（凭证 2025-0012）" */
	const char *entity;    /* cited table */
	int64_t id;	       /* cited row */
};

static int64_t opt_int(const struct db_res *res, int col)
{
	return db_isnull(res, col) ? -1 : db_int(res, col);
}

static enum err load(struct rules_ctx *cx, struct matter **mv, size_t *nm, struct act **av,
		     size_t *na, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_M_MATTERS, false, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 16;
	*mv = ARENA_ARRAY(cx->a, struct matter, cap);
	*nm = 0;
	while ((res = rules_next(cx, rr))) {
		if (*nm == cap) {
			struct matter *m = ARENA_ARRAY(cx->a, struct matter, cap * 2);
			memcpy(m, *mv, cap * sizeof(*m));
			*mv = m;
			cap *= 2;
		}
		struct matter *m = &(*mv)[(*nm)++];
		m->id = db_int(res, 0);
		m->no = db_text_dup(cx->a, res, 1);
		m->title = db_text_dup(cx->a, res, 2);
		m->kind = db_text_dup(cx->a, res, 3);
		m->amount = opt_int(res, 4);
	}
	if ((e = rules_query(cx, RULES_ST_M_STEPS, false, &rr, ei)) != E_OK)
		return e;
	size_t k = 0;
	while ((res = rules_next(cx, rr))) {
		int64_t mid = db_int(res, 1);
		int idx = power_wuyi_index(db_text(res, 2));
		/* steps come ordered by matter id, matters by number: find it */
		if (k >= *nm || (*mv)[k].id != mid)
			for (k = 0; k < *nm && (*mv)[k].id != mid; k++)
				;
		if (k >= *nm || idx < 0)
			continue;
		struct step *s = &(*mv)[k].steps[idx];
		s->id = db_int(res, 0);
		s->date = db_text_dup(cx->a, res, 3);
		s->members = opt_int(res, 4);
		s->attendees = opt_int(res, 5);
		s->votes_for = opt_int(res, 6);
	}
	if ((e = rules_query(cx, RULES_ST_M_ACTS, true, &rr, ei)) != E_OK)
		return e;
	cap = 16;
	*av = ARENA_ARRAY(cx->a, struct act, cap);
	*na = 0;
	while ((res = rules_next(cx, rr))) {
		if (*na == cap) {
			struct act *m = ARENA_ARRAY(cx->a, struct act, cap * 2);
			memcpy(m, *av, cap * sizeof(*m));
			*av = m;
			cap *= 2;
		}
		struct act *x = &(*av)[(*na)++];
		x->id = db_int(res, 0);
		x->matter_no = db_text_dup(cx->a, res, 1);
		const char *what = db_text(res, 2);
		x->entity = strcmp(what, "contracts") == 0  ? "contracts"
			    : strcmp(what, "projects") == 0 ? "projects"
							    : "book_vouchers";
		x->what = arena_printf(cx->a,
				       strcmp(what, "contracts") == 0  ? "签订合同（%s）"
				       : strcmp(what, "projects") == 0 ? "签订项目合同（%s）"
								       : "付款（凭证 %s）",
				       db_text(res, 3));
		x->date = db_text_dup(cx->a, res, 4);
	}
	return E_OK;
}

static bool present(const struct rules_ctx *cx, const struct step *s)
{
	return s->id && rules_present(cx, s->date);
}

static const char *matter_label(struct rules_ctx *cx, const struct matter *m)
{
	if (m->amount >= 0)
		return arena_printf(cx->a, "%s事项 %s「%s」（涉及金额 %s 元）", m->kind, m->no,
				    m->title, rules_money(cx, m->amount));
	return arena_printf(cx->a, "%s事项 %s「%s」", m->kind, m->no, m->title);
}

static void m01(struct rules_ctx *cx, const struct matter *m, const struct act *acts, size_t na)
{
	int64_t major = rules_param(cx, "M01", "major_threshold");
	if (strcmp(m->kind, "重大") != 0 && !(m->amount >= 0 && m->amount >= major))
		return;
	const char *earliest = NULL, *what = NULL, *entity = NULL;
	int64_t act_id = 0;
	const struct step *impl = &m->steps[5];
	if (present(cx, impl)) {
		earliest = impl->date;
		what = "实施";
		entity = "matter_steps";
		act_id = impl->id;
	}
	for (size_t i = 0; i < na; i++)
		if (strcmp(acts[i].matter_no, m->no) == 0 &&
		    (!earliest || strcmp(acts[i].date, earliest) < 0)) {
			earliest = acts[i].date;
			what = acts[i].what;
			entity = acts[i].entity;
			act_id = acts[i].id;
		}
	if (!earliest)
		return;
	char missing[256] = "";
	size_t len = 0;
	struct rules_cite cites[8] = {{"matters", m->id}, {entity, act_id}};
	size_t nc = 2;
	for (int i = 0; i < 5; i++) {
		const struct step *s = &m->steps[i];
		if (s->id && strcmp(s->date, earliest) <= 0) {
			cites[nc++] = (struct rules_cite){"matter_steps", s->id};
			continue;
		}
		len += (size_t)snprintf(missing + len, sizeof(missing) - len, "%s%s",
					len ? "、" : "", power_wuyi_names[i]);
	}
	if (!len)
		return;
	const char *keys[1] = {m->no};
	rules_emit(cx, "M01", keys, 1, cites, nc, "%s于 %s %s，此前缺少%s环节", matter_label(cx, m),
		   earliest, what, missing);
}

static void m02(struct rules_ctx *cx, const struct matter *m)
{
	int prev = -1;
	for (int i = 0; i < POWER_WUYI_N; i++) {
		const struct step *s = &m->steps[i];
		if (!present(cx, s))
			continue;
		if (prev >= 0 && strcmp(m->steps[prev].date, s->date) > 0) {
			const char *keys[1] = {m->no};
			struct rules_cite cites[3] = {{"matters", m->id},
						      {"matter_steps", m->steps[prev].id},
						      {"matter_steps", s->id}};
			rules_emit(cx, "M02", keys, 1, cites, 3,
				   "%s的%s（%s）晚于其后的%s（%s），决策程序倒置",
				   matter_label(cx, m), power_wuyi_names[prev], m->steps[prev].date,
				   power_wuyi_names[i], s->date);
			return;
		}
		prev = i;
	}
}

static void m03(struct rules_ctx *cx, const struct matter *m)
{
	for (int i = 2; i <= 3; i++) {
		const struct step *s = &m->steps[i];
		if (!present(cx, s))
			continue;
		bool quorum =
		    s->members >= 0 && s->attendees >= 0 && s->attendees * 3 < s->members * 2;
		bool votes =
		    s->votes_for >= 0 && s->attendees >= 0 && s->votes_for * 2 <= s->attendees;
		if (!quorum && !votes)
			continue;
		const char *keys[2] = {m->no, power_wuyi_names[i]};
		struct rules_cite cites[2] = {{"matters", m->id}, {"matter_steps", s->id}};
		const char *why = quorum && votes
				      ? "到会不足应到人数的三分之二，且同意票未过到会人数的半数"
				  : quorum ? "到会不足应到人数的三分之二"
					   : "同意票未过到会人数的半数";
		char counts[128];
		if (s->votes_for >= 0)
			snprintf(counts, sizeof(counts), "应到 %lld 人、到会 %lld 人、同意 %lld 票",
				 (long long)s->members, (long long)s->attendees,
				 (long long)s->votes_for);
		else
			snprintf(counts, sizeof(counts), "应到 %lld 人、到会 %lld 人",
				 (long long)s->members, (long long)s->attendees);
		rules_emit(cx, "M03", keys, 2, cites, 2, "%s的%s（%s）%s：%s", matter_label(cx, m),
			   power_wuyi_names[i], s->date, counts, why);
	}
}

static void m04(struct rules_ctx *cx, const struct matter *m)
{
	int64_t days = rules_param(cx, "M04", "result_publish_days");
	const struct step *impl = &m->steps[5];
	if (!present(cx, impl) || present(cx, &m->steps[6]) ||
	    rules_days(impl->date) + days >= cx->as_of_days)
		return;
	const char *keys[1] = {m->no};
	struct rules_cite cites[2] = {{"matters", m->id}, {"matter_steps", impl->id}};
	rules_emit(cx, "M04", keys, 1, cites, 2,
		   "%s于 %s 实施，至 %s 已 %lld 天（期限 %lld 天），没有结果公开",
		   matter_label(cx, m), impl->date, cx->as_of,
		   (long long)(cx->as_of_days - rules_days(impl->date)), (long long)days);
}

static enum err m_village(struct rules_ctx *cx, struct errinfo *ei)
{
	struct matter *mv;
	struct act *av;
	size_t nm, na;
	enum err e = load(cx, &mv, &nm, &av, &na, ei);
	if (e != E_OK)
		return e;
	for (size_t i = 0; i < nm; i++) {
		m01(cx, &mv[i], av, na);
		m02(cx, &mv[i]);
		m03(cx, &mv[i]);
		m04(cx, &mv[i]);
	}
	return E_OK;
}

const struct rules_family rules_family_m = {
    .bit = RULES_FAM_M,
    .letter = "M",
    .title = "议事决策",
    .rules = m_rules,
    .nrules = sizeof(m_rules) / sizeof(m_rules[0]),
    .entities = m_entities,
    .village = m_village,
};
