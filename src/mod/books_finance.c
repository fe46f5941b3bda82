/*
 * The books' answer to a finance disclosure: a village's income and expense
 * over a span of closed months, voucher by voucher (逐项逐笔), computed from the
 * posted vouchers alone, so that a published figure cannot differ from the
 * books.  It must not see HTTP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"

enum err books_finance(struct db_conn *c, struct arena *a, int64_t village_id, const char *from,
		       const char *to, struct books_fin_line **lines, size_t *n,
		       int64_t *income_fen, int64_t *expense_fen)
{
	struct db_res *res;
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_FINANCE_LINES,
			     DB_PARAMS(DB_INT(village_id), DB_TEXT(from), DB_TEXT(to)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 64;
	*lines = ARENA_ARRAY(a, struct books_fin_line, cap);
	*n = 0;
	*income_fen = *expense_fen = 0;
	while (db_row(res)) {
		int64_t inc = db_int(res, 3), exp = db_int(res, 4);
		if (inc == 0 && exp == 0)
			continue; /* a transfer between balance-sheet accounts */
		if (*n == cap) {
			struct books_fin_line *more = ARENA_ARRAY(a, struct books_fin_line, cap * 2);
			memcpy(more, *lines, cap * sizeof(*more));
			*lines = more;
			cap *= 2;
		}
		struct books_fin_line *l = &(*lines)[(*n)++];
		l->voucher_no = db_text_dup(a, res, 0);
		l->date = db_text_dup(a, res, 1);
		l->summary = db_text_dup(a, res, 2);
		l->income_fen = inc;
		l->expense_fen = exp;
		*income_fen += inc;
		*expense_fen += exp;
	}
	return db_done(res);
}

enum err books_span_closed(struct db_conn *c, int64_t village_id, const char *from,
			   const char *to, struct errinfo *ei)
{
	int y = atoi(from), m = atoi(from + 5);
	int ly = atoi(to), lm = atoi(to + 5);
	for (; y < ly || (y == ly && m <= lm); m = m == 12 ? 1 : m + 1, y += m == 1) {
		char period[8];
		snprintf(period, sizeof(period), "%04d-%02d", y, m);
		struct db_res *res;
		enum err e = db_one(c, &books_stmts, BOOKS_ST_PERIOD_CLOSED,
				    DB_PARAMS(DB_INT(village_id), DB_TEXT(period)), &res);
		if (e == E_NOTFOUND)
			return err_set(ei, E_RULE, "disclosure.period_open", "period",
				       "%s 月尚未结账：账务结账后才能生成财务公开", period);
		if (e != E_OK)
			return e;
		db_done(res);
	}
	return E_OK;
}
