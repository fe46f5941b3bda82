/*
 * Period close (月结) and the year-end carry-forward (年末结转).  Months close in
 * order: closing a month closes every earlier open month since the village's
 * first voucher, and only when no voucher up to its end is still unposted.
 * Closing December first posts two 结转 vouchers dated the 31st: every income
 * and expense account's net for the year to 321 本年收益, then 321's balance to
 * 322 收益分配 (its 未分配收益 sub-account when the village keeps one).  A closed
 * period is a row that is never changed.  It must not see HTTP.
 */
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "core/datefmt.h"

struct carry {
	struct books_line *lines; /* built lines */
	size_t n;		  /* used */
	size_t cap;		  /* allocated */
	int64_t net;		  /* Σ (debit − credit) moved off the accounts */
	struct arena *a;	  /* where lines live */
};

static struct books_line *carry_push(struct carry *k)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		struct books_line *n = ARENA_ARRAY(k->a, struct books_line, cap);
		if (k->n)
			memcpy(n, k->lines, k->n * sizeof(*n));
		k->lines = n;
		k->cap = cap;
	}
	return &k->lines[k->n++];
}

/* Lines that bring each account's net (debit − credit) to zero. */
static enum err carry_rows(struct db_conn *c, unsigned st, const struct db_val *p, size_t np,
			   struct carry *k)
{
	struct db_res *res;
	enum err e = db_exec(c, &books_stmts, st, p, np, &res);
	if (e != E_OK)
		return e;
	while (db_row(res)) {
		int64_t net = db_int(res, 2);
		struct books_line *l = carry_push(k);
		l->account_code = db_text_dup(k->a, res, 1);
		l->debit_fen = net < 0 ? -net : 0;
		l->credit_fen = net > 0 ? net : 0;
		k->net += net;
	}
	return db_done(res);
}

/* The leaf that receives a carry: code itself, or its sub-account named like
 * hint, or its first leaf sub-account. */
static enum err leaf_for(struct db_conn *c, int64_t vid, const char *code, const char *hint,
			 struct arena *a, const char **out)
{
	struct db_res *res;
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_ACCOUNTS_OF_VILLAGE,
			     DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid)), &res);
	if (e != E_OK)
		return e;
	*out = NULL;
	size_t n = strlen(code);
	while (db_row(res)) {
		const char *ac = db_text(res, 1);
		if (strncmp(ac, code, n) != 0 || !db_int(res, 8))
			continue;
		if (!*out || strstr(db_text(res, 2), hint))
			*out = db_text_dup(a, res, 1);
	}
	if (!*out)
		*out = arena_strdup(a, code);
	return db_done(res);
}

static enum err carry_post(struct trail_ctx *tc, int64_t vid, struct carry *k, const char *to,
			   const char *date, const char *summary, const char *by,
			   struct errinfo *ei)
{
	if (k->net != 0) {
		struct books_line *l = carry_push(k);
		l->account_code = to;
		l->debit_fen = k->net > 0 ? k->net : 0;
		l->credit_fen = k->net < 0 ? -k->net : 0;
	}
	if (k->n < 2)
		return E_OK;
	char ts[DATEFMT_TS_BUF];
	datefmt_timestamp_format(tc->now_us, ts);
	struct books_voucher v = {
	    .village_id = vid,
	    .date = date,
	    .summary = summary,
	    .source = "结转",
	    .status = "posted",
	    .maker = by,
	    .handler = by,
	    .approver = by,
	    .entered_at = ts,
	    .lines = k->lines,
	    .nlines = k->n,
	};
	int64_t id;
	return books_voucher_create(tc, &v, &id, ei);
}

static enum err carry_forward(struct trail_ctx *tc, int64_t vid, const char *year, const char *by,
			      struct errinfo *ei)
{
	struct arena a;
	arena_init(&a);
	char date[11], s1[64], s2[64];
	snprintf(date, sizeof(date), "%s-12-31", year);
	snprintf(s1, sizeof(s1), "结转%s年收入和支出至本年收益", year);
	snprintf(s2, sizeof(s2), "结转%s年本年收益至收益分配", year);
	struct carry k1 = {.a = &a}, k2 = {.a = &a};
	const char *to321, *to322;
	enum err e;
	if ((e = leaf_for(tc->db, vid, "321", "本年收益", &a, &to321)) != E_OK ||
	    (e = leaf_for(tc->db, vid, "322", "未分配", &a, &to322)) != E_OK ||
	    (e = carry_rows(tc->db, BOOKS_ST_YEAR_NET, DB_PARAMS(DB_INT(vid), DB_TEXT(year)),
			    &k1)) != E_OK ||
	    (e = carry_post(tc, vid, &k1, to321, date, s1, by, ei)) != E_OK ||
	    (e = carry_rows(tc->db, BOOKS_ST_NET_UNTIL,
			    DB_PARAMS(DB_INT(vid), DB_TEXT(year), DB_TEXT("321")), &k2)) != E_OK)
		goto out;
	e = carry_post(tc, vid, &k2, to322, date, s2, by, ei);
out:
	arena_release(&a);
	return e;
}

static void next_month(char m[8])
{
	int y = atoi(m), mo = atoi(m + 5) + 1;
	if (mo > 12) {
		mo = 1;
		y++;
	}
	snprintf(m, 8, "%04d-%02d", y % 10000, mo % 100);
}

static enum err close_one(struct trail_ctx *tc, int64_t vid, const char *m, const char *by,
			  struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(tc->db, &books_stmts, BOOKS_ST_PERIOD_CLOSED,
			    DB_PARAMS(DB_INT(vid), DB_TEXT(m)), &res);
	if (e == E_OK)
		return db_done(res);
	if (e != E_NOTFOUND)
		return e;
	if (strcmp(m + 5, "12") == 0) {
		char year[5];
		snprintf(year, sizeof(year), "%.4s", m);
		if ((e = carry_forward(tc, vid, year, by, ei)) != E_OK)
			return e;
	}
	char ts[DATEFMT_TS_BUF];
	datefmt_timestamp_format(tc->now_us, ts);
	if ((e = db_one(tc->db, &books_stmts, BOOKS_ST_PERIOD_INSERT,
			DB_PARAMS(DB_INT(vid), DB_TEXT(m), DB_TEXT(ts), DB_TEXT(by)), &res)) !=
	    E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return trail_row(tc, &books_tables[BOOKS_T_PERIODS], id, "period.close", ei);
}

static enum err close_checks(struct db_conn *c, int64_t vid, const char *period, const char *last,
			     const char *today, struct errinfo *ei)
{
	if (strcmp(last, today) >= 0)
		return err_set(ei, E_RULE, "period.not_over", "period",
			       "%s 会计期间尚未结束（截至 %s），不能结账", period, last);
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_PERIOD_CLOSED,
			    DB_PARAMS(DB_INT(vid), DB_TEXT(period)), &res);
	if (e == E_OK) {
		db_done(res);
		return err_set(ei, E_CONFLICT, "period.closed", "period", "%s 已经结账", period);
	}
	if (e != E_NOTFOUND || (e = db_one(c, &books_stmts, BOOKS_ST_UNPOSTED_UNTIL,
					   DB_PARAMS(DB_INT(vid), DB_TEXT(last)), &res)) != E_OK)
		return e;
	int64_t n = db_int(res, 0);
	if (n > 0)
		err_set(ei, E_RULE, "period.unposted", "period",
			"截至 %s 尚有 %lld 张凭证未记账（如 %s），请先完成审批记账或作废后再结账",
			last, (long long)n, db_text(res, 1));
	db_done(res);
	return n > 0 ? E_RULE : E_OK;
}

enum err books_period_close(struct trail_ctx *tc, int64_t vid, const char *period,
			    const char *today, const char *by, struct errinfo *ei)
{
	char last[11], m[8];
	snprintf(last, sizeof(last), "%s-%02d", period,
		 datefmt_month_days(atoi(period), atoi(period + 5)));
	struct db_res *res;
	enum err e;
	if ((e = close_checks(tc->db, vid, period, last, today, ei)) != E_OK ||
	    (e = db_one(tc->db, &books_stmts, BOOKS_ST_FIRST_MONTH, DB_PARAMS(DB_INT(vid)),
			&res)) != E_OK)
		return e;
	const char *first = db_text(res, 0);
	snprintf(m, sizeof(m), "%s", first && strcmp(first, period) < 0 ? first : period);
	db_done(res);
	for (; strcmp(m, period) <= 0 && e == E_OK; next_month(m))
		e = close_one(tc, vid, m, by, ei);
	return e;
}
