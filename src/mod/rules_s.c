/*
 * Rule family S (惠民补助资金) of domain/rules.md: S01 已故人员领取, S02 重复领取,
 * S03 超标准发放, S04 干部及亲属领取, S05 多人补贴进同一账户, S06 非本村或已迁出
 * 人员领取.  A payment is present when its paid_date is on or before as_of.
 * S02 and S05 look across villages (prepared once per scan); the rest read the
 * village's payments with their recipients and standards.  Raises findings
 * through the engine; it must not write.
 */
#include <string.h>

#include "core/datefmt.h"
#include "rules.h"

static const struct rules_param_def s05_params[] = {
    {"shared_account_min", "同一账户领取人数", RP_COUNT, 3, 0},
};

static const struct rules_def s_rules[] = {
    {"S01", "已故人员领取", "high", "programme, id_no, period",
     "《社会救助暂行办法》第十一条；惠民惠农财政补贴资金“一卡通”管理：死亡人员应及时停发", NULL, 0},
    {"S02", "重复领取", "high", "programme, id_no, period",
     "惠民惠农财政补贴资金“一卡通”管理：同一补贴同一期不得重复发放", NULL, 0},
    {"S03", "超标准发放", "high", "programme, id_no, period",
     "各项补贴资金发放标准：不得超标准发放", NULL, 0},
    {"S04", "干部及亲属领取", "medium", "programme, id_no, period",
     "《最低生活保障审核确认办法》第十三条：村干部及其近亲属申请须单独登记备案", NULL, 0},
    {"S05", "多人补贴进同一账户", "high", "programme, bank_account, period",
     "惠民惠农财政补贴资金“一卡通”管理：补贴资金发放至本人账户", s05_params, 1},
    {"S06", "非本村或已迁出人员领取", "medium", "programme, id_no, period",
     "《社会救助暂行办法》：户籍迁出应停止享受", NULL, 0},
};

static const char *const s_entities[] = {"subsidy_payments",
					 "subsidy_standards",
					 "subsidy_programmes",
					 "people",
					 "positions",
					 "relatives",
					 NULL};

/* Repeated payments of one programme, person and period (all villages). */
struct repeat {
	int64_t id;		/* subsidy_payments.id */
	int64_t village_id;	/* paying village */
	const char *first_date; /* the group's first payment's paid_date */
	const char *first_name; /* and its village's name */
	int64_t first_id;	/* and its id (0 for the first itself) */
};

/* Accounts shared by several recipients of one programme and period. */
struct shared {
	const char *programme; /* name */
	const char *account;   /* bank_account */
	const char *period;    /* period */
	int64_t people;	       /* distinct recipients, all villages */
};

struct sstate {
	struct repeat *rep; /* every repeated payment but the first of each group */
	size_t nrep;	    /* entries */
	struct shared *sh;  /* accounts with two recipients or more */
	size_t nsh;	    /* entries */
};

static int repeat_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct repeat *)a)->id, y = ((const struct repeat *)b)->id;
	return (x > y) - (x < y);
}

/* Shared accounts in strcmp order of (programme, account, period). */
static int shared_cmp(const void *a, const void *b)
{
	const struct shared *x = a, *y = b;
	int c = strcmp(x->programme, y->programme);
	if (!c)
		c = strcmp(x->account, y->account);
	return c ? c : strcmp(x->period, y->period);
}

static enum err s_prepare(struct rules_ctx *cx, struct errinfo *ei)
{
	struct sstate *st = ARENA_NEW(cx->a, struct sstate);
	struct db_res *res;
	enum err e =
	    db_exec(cx->c, &rules_stmts, RULES_ST_S_REPEATS, DB_PARAMS(DB_TEXT(cx->as_of)), &res);
	size_t cap = 16;
	st->rep = ARENA_ARRAY(cx->a, struct repeat, cap);
	const char *g_prog = NULL, *g_id = NULL, *g_period = NULL, *g_date = NULL, *g_name = NULL;
	int64_t g_first = 0;
	while (e == E_OK && db_row(res)) {
		const char *prog = db_text(res, 4), *id_no = db_text(res, 5),
			   *period = db_text(res, 6);
		if (g_prog && strcmp(g_prog, prog) == 0 && strcmp(g_id, id_no) == 0 &&
		    strcmp(g_period, period) == 0) {
			if (st->nrep == cap) {
				struct repeat *m = ARENA_ARRAY(cx->a, struct repeat, cap * 2);
				memcpy(m, st->rep, cap * sizeof(*m));
				st->rep = m;
				cap *= 2;
			}
			st->rep[st->nrep++] = (struct repeat){db_int(res, 0), db_int(res, 1),
							      g_date, g_name, g_first};
			continue;
		}
		g_prog = db_text_dup(cx->a, res, 4);
		g_id = db_text_dup(cx->a, res, 5);
		g_period = db_text_dup(cx->a, res, 6);
		g_date = db_text_dup(cx->a, res, 7);
		g_name = db_text_dup(cx->a, res, 3);
		g_first = db_int(res, 0);
	}
	if (e == E_OK)
		e = db_done(res);
	if (e == E_OK)
		e = db_exec(cx->c, &rules_stmts, RULES_ST_S_SHARED, DB_PARAMS(DB_TEXT(cx->as_of)),
			    &res);
	cap = 16;
	st->sh = ARENA_ARRAY(cx->a, struct shared, cap);
	while (e == E_OK && db_row(res)) {
		if (st->nsh == cap) {
			struct shared *m = ARENA_ARRAY(cx->a, struct shared, cap * 2);
			memcpy(m, st->sh, cap * sizeof(*m));
			st->sh = m;
			cap *= 2;
		}
		st->sh[st->nsh++] =
		    (struct shared){db_text_dup(cx->a, res, 0), db_text_dup(cx->a, res, 1),
				    db_text_dup(cx->a, res, 2), db_int(res, 3)};
	}
	if (e == E_OK)
		e = db_done(res);
	if (e != E_OK)
		return err_set(ei, e, NULL, NULL, "读取惠民资金发放记录失败：%s", db_errmsg(cx->c));
	if (st->nrep)
		qsort(st->rep, st->nrep, sizeof(*st->rep), repeat_cmp);
	if (st->nsh)
		qsort(st->sh, st->nsh, sizeof(*st->sh), shared_cmp);
	cx->fam_state = st;
	return E_OK;
}

struct pay {
	int64_t id;	       /* subsidy_payments.id */
	const char *prog;      /* programme name */
	const char *id_no;     /* recipient's 身份证号 */
	const char *name;      /* recipient's name */
	const char *period;    /* YYYY-MM or YYYY */
	const char *start;     /* the period's first day */
	int64_t amount;	       /* fen */
	const char *paid;      /* paid_date, on or before as_of */
	const char *account;   /* bank_account or NULL */
	int64_t home;	       /* the recipient's village */
	const char *death;     /* death_date or NULL */
	const char *moved;     /* moved_out_date or NULL */
	int64_t max;	       /* the year's standard, -1 when none */
	const char *home_name; /* the recipient's village's name */
};

static enum err load(struct rules_ctx *cx, struct pay **out, size_t *n, struct errinfo *ei)
{
	struct rules_rows *rr;
	const struct db_res *res;
	enum err e = rules_query(cx, RULES_ST_S_PAYMENTS, true, &rr, ei);
	if (e != E_OK)
		return e;
	size_t cap = 64;
	*out = ARENA_ARRAY(cx->a, struct pay, cap);
	*n = 0;
	while ((res = rules_next(cx, rr))) {
		if (*n == cap) {
			struct pay *m = ARENA_ARRAY(cx->a, struct pay, cap * 2);
			memcpy(m, *out, cap * sizeof(*m));
			*out = m;
			cap *= 2;
		}
		struct pay *p = &(*out)[(*n)++];
		p->id = db_int(res, 0);
		p->prog = db_text_dup(cx->a, res, 1);
		p->id_no = db_text_dup(cx->a, res, 2);
		p->name = db_text_dup(cx->a, res, 3);
		p->period = db_text_dup(cx->a, res, 4);
		p->amount = db_int(res, 5);
		p->paid = db_text_dup(cx->a, res, 6);
		p->account =
		    db_text(res, 7) && *db_text(res, 7) ? db_text_dup(cx->a, res, 7) : NULL;
		p->home = db_int(res, 8);
		p->death = db_text_dup(cx->a, res, 9);
		p->moved = db_text_dup(cx->a, res, 10);
		p->max = db_isnull(res, 11) ? -1 : db_int(res, 11);
		p->home_name = db_text_dup(cx->a, res, 12);
		char norm[DATEFMT_PERIOD_BUF], first[DATEFMT_DATE_BUF];
		struct errinfo pe = {0};
		p->start = datefmt_period_parse(p->period, norm, first, NULL, &pe) == E_OK
			       ? arena_strdup(cx->a, first)
			       : p->period;
	}
	return E_OK;
}

static void emit3(struct rules_ctx *cx, const char *rule, const struct pay *p,
		  const struct rules_cite *extra, size_t nextra, const char *msg)
{
	const char *keys[3] = {p->prog, p->id_no, p->period};
	struct rules_cite cites[4] = {{"subsidy_payments", p->id}};
	size_t nc = 1;
	for (size_t i = 0; i < nextra && nc < 4; i++)
		if (extra[i].id)
			cites[nc++] = extra[i];
	rules_emit(cx, rule, keys, 3, cites, nc, "%s", msg);
}

static enum err s_village(struct rules_ctx *cx, struct errinfo *ei)
{
	const struct sstate *st = cx->fam_state;
	struct pay *pv;
	size_t n;
	enum err e = load(cx, &pv, &n, ei);
	if (e != E_OK)
		return e;
	int64_t shared_min = rules_param(cx, "S05", "shared_account_min");
	for (size_t i = 0; i < n; i++) {
		const struct pay *p = &pv[i];
		const char *who =
		    arena_printf(cx->a, "%s（%s）%s %s期", p->name, p->id_no, p->prog, p->period);
		if (rules_present(cx, p->death) && strcmp(p->start, p->death) > 0)
			emit3(cx, "S01", p, NULL, 0,
			      arena_printf(cx->a, "%s补贴 %s 元于 %s 发放，而其已于 %s 死亡", who,
					   rules_money(cx, p->amount), p->paid, p->death));
		const struct repeat key = {.id = p->id};
		const struct repeat *rp =
		    st && st->nrep ? bsearch(&key, st->rep, st->nrep, sizeof(key), repeat_cmp)
				   : NULL;
		if (rp) {
			struct rules_cite first = {"subsidy_payments", rp->first_id};
			emit3(cx, "S02", p, &first, 1,
			      arena_printf(cx->a,
					   "%s补贴已于 %s 由%s发放，本村（居）于 %s 再次发放 %s 元",
					   who, rp->first_date, rp->first_name, p->paid,
					   rules_money(cx, p->amount)));
		}
		if (p->max >= 0 && p->amount > p->max)
			emit3(cx, "S03", p, NULL, 0,
			      arena_printf(cx->a, "%s发放 %s 元，超过 %.4s 年每人每期上限 %s 元",
					   who, rules_money(cx, p->amount), p->period,
					   rules_money(cx, p->max)));
		int64_t post_id, rel_id;
		const char *why = rules_related(cx, p->id_no, p->paid, &post_id, &rel_id, ei);
		if (why) {
			struct rules_cite extra[2] = {{"positions", post_id},
						      {"relatives", rel_id}};
			emit3(cx, "S04", p, extra, 2,
			      arena_printf(cx->a, "%s补贴 %s 元于 %s 发放，领取人%s", who,
					   rules_money(cx, p->amount), p->paid, why));
		}
		if (p->home != cx->v->id)
			emit3(cx, "S06", p, NULL, 0,
			      arena_printf(cx->a, "%s补贴由本村（居）发放，而领取人属于%s", who,
					   p->home_name));
		else if (rules_present(cx, p->moved) && strcmp(p->start, p->moved) > 0)
			emit3(cx, "S06", p, NULL, 0,
			      arena_printf(cx->a, "%s补贴 %s 元于 %s 发放，而领取人已于 %s 迁出",
					   who, rules_money(cx, p->amount), p->paid, p->moved));
	}
	/* S05: one alert per shared account, programme and period in this village */
	for (size_t k = 0; st && st->nsh && k < n; k++) {
		if (!pv[k].account)
			continue;
		const struct shared key = {pv[k].prog, pv[k].account, pv[k].period, 0};
		const struct shared *s = bsearch(&key, st->sh, st->nsh, sizeof(key), shared_cmp);
		if (!s || s->people < shared_min)
			continue;
		/* once per (programme, account, period): at its first payment here */
		bool seen = false;
		for (size_t i = 0; i < k && !seen; i++)
			seen = pv[i].account &&
			       shared_cmp(&key, &(struct shared){pv[i].prog, pv[i].account,
								 pv[i].period, 0}) == 0;
		if (seen)
			continue;
		struct rules_cite cites[16];
		size_t nc = 0, mine = 0;
		for (size_t i = k; i < n; i++)
			if (pv[i].account && strcmp(pv[i].account, s->account) == 0 &&
			    strcmp(pv[i].prog, s->programme) == 0 &&
			    strcmp(pv[i].period, s->period) == 0) {
				mine++;
				if (nc < 16)
					cites[nc++] =
					    (struct rules_cite){"subsidy_payments", pv[i].id};
			}
		const char *keys[3] = {s->programme, s->account, s->period};
		rules_emit(cx, "S05", keys, 3, cites, nc,
			   "%s %s期补贴共有 %lld 人的款项发入同一账户 %s（本村（居）发放 %zu 笔）",
			   s->programme, s->period, (long long)s->people, s->account, mine);
	}
	return E_OK;
}

const struct rules_family rules_family_s = {
    .bit = RULES_FAM_S,
    .letter = "S",
    .title = "惠民补助资金",
    .rules = s_rules,
    .nrules = sizeof(s_rules) / sizeof(s_rules[0]),
    .entities = s_entities,
    .cross_village = true,
    .prepare = s_prepare,
    .village = s_village,
};
