/*
 * The books' files: accounts.csv (village sub-accounts) and vouchers.csv of
 * domain/formats.md — columns, loaders and exports in the same layout so that
 * export → import round-trips — and books.ledger, the ledger-cli journal that
 * `qinglian export DIR` writes beside them.  Imported vouchers come from legacy
 * books and are posted directly (source 导入): their approval happened on paper.
 * A voucher already in the books is never changed by an import: the same rows
 * again are "unchanged", different rows an error.  A loader checks every row
 * and writes nothing if any is bad.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "core/datefmt.h"
#include "core/money.h"
#include "core/rbac.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const pay_methods[] = {"现金", "转账", "其他", NULL};

static const struct col_spec account_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"code", "科目代码", COL_TEXT, true},
    {"name", "科目名称", COL_TEXT, true},
    {"parent_code", "上级科目", COL_TEXT, true},
};

enum vcol {
	VC_VILLAGE,
	VC_NO,
	VC_LINE,
	VC_DATE,
	VC_SUMMARY,
	VC_ACCOUNT,
	VC_DEBIT,
	VC_CREDIT,
	VC_PARTY,
	VC_PARTY_ID,
	VC_BANK,
	VC_PAY,
	VC_HANDLER,
	VC_APPROVER,
	VC_ENTERED,
	VC_MATTER,
	VC_PROJECT,
	VC_CONTRACT,
	VC__MAX
};

static const struct col_spec voucher_cols[VC__MAX] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"voucher_no", "凭证号", COL_TEXT, true},
    {"line", "行号", COL_INT, true},
    {"date", "日期", COL_DATE, true},
    {"summary", "摘要", COL_TEXT, true},
    {"account_code", "科目代码", COL_TEXT, true},
    {"debit", "借方", COL_MONEY, false},
    {"credit", "贷方", COL_MONEY, false},
    {"counterparty", "往来单位", COL_TEXT, false},
    {"counterparty_id", "往来证件号", COL_CREDIT_OR_IDNO, false},
    {"bank_account", "银行账号", COL_TEXT, false},
    {"pay_method", "结算方式", COL_ENUM, false, pay_methods},
    {"handler", "经办人", COL_TEXT, false},
    {"approver", "审批人", COL_TEXT, false},
    {"entered_at", "录入时间", COL_TIMESTAMP, false},
    {"matter_no", "决策事项编号", COL_TEXT, false},
    {"project_no", "项目编号", COL_TEXT, false},
    {"contract_no", "合同编号", COL_TEXT, false},
};

/* ---- villages of the rows, with a one-entry cache (files come sorted) ------------------- */

struct vcache {
	const char *code; /* last code resolved */
	int64_t vid;	  /* its id */
	bool ok;	  /* known and in scope */
};

static bool row_village(struct import_ctx *ic, const struct import_set *s,
			const struct import_row *row, struct vcache *vc, struct import_report *rep,
			int64_t *vid)
{
	const char *code = modutil_cell(row, 0);
	if (!code)
		return false;
	if (!vc->code || strcmp(vc->code, code) != 0) {
		vc->code = code;
		enum err e = org_village_id(ic->tc->db, code, &vc->vid);
		vc->ok = e == E_OK && (!ic->user || rbac_village_allowed(ic->user, vc->vid));
		if (!vc->ok)
			import_report_add(rep, row->line, s->headers[0], code,
					  e == E_OK ? "无权导入该村（居）的账务"
						    : "区划代码不在村居名册中");
	}
	*vid = vc->vid;
	return vc->ok;
}

static void report_ei(struct import_report *rep, const struct import_set *s, size_t line, int col,
		      const char *value, const struct errinfo *ei)
{
	import_report_add(rep, line, col >= 0 ? s->headers[col] : NULL, value, "%s", ei->msg);
}

/* ---- accounts.csv ---------------------------------------------------------------------------- */

/* An existing own account of that code: E_OK when unchanged or renamed. */
static enum err account_known(struct import_ctx *ic, const struct import_set *s,
			      const struct import_row *row, int64_t vid, bool *known,
			      struct import_report *rep)
{
	struct db_res *res;
	enum err e = db_one(
	    ic->tc->db, &books_stmts, BOOKS_ST_ACCOUNT_FIND,
	    DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid), DB_TEXT(modutil_cell(row, 1))), &res);
	*known = false;
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0), owner = db_int(res, 1);
	bool own = db_int(res, 7);
	db_done(res);
	if (!own)
		return E_OK;
	*known = true;
	if (owner == 0) {
		import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
				  "这是标准科目，不能作为明细科目导入");
		return E_OK;
	}
	if ((e = db_one(ic->tc->db, &books_stmts, BOOKS_ST_ACCOUNT_GET, DB_PARAMS(DB_INT(id)),
			&res)) != E_OK)
		return e;
	bool same_parent =
	    strcmp(db_text(res, 5) ? db_text(res, 5) : "", modutil_cell(row, 3)) == 0;
	db_done(res);
	if (!same_parent) {
		import_report_add(rep, row->line, s->headers[3], modutil_cell(row, 3),
				  "已有科目 %s 的上级科目不同，不能通过导入改变",
				  modutil_cell(row, 1));
		return E_OK;
	}
	struct errinfo ei = {0};
	if ((e = db_one(ic->tc->db, &books_stmts, BOOKS_ST_ACCOUNT_RENAME,
			DB_PARAMS(DB_INT(id), DB_TEXT(modutil_cell(row, 2))), &res)) ==
	    E_NOTFOUND) {
		ic->unchanged++;
		return E_OK;
	}
	if (e != E_OK)
		return e;
	db_done(res);
	ic->updated++;
	return trail_row(ic->tc, &books_tables[BOOKS_T_ACCOUNTS], id, "account.import_update", &ei);
}

static int by_code_len(const void *a, const void *b)
{
	const struct import_row *x = *(const struct import_row *const *)a;
	const struct import_row *y = *(const struct import_row *const *)b;
	size_t lx = strlen(x->v[1].text), ly = strlen(y->v[1].text);
	return lx < ly ? -1 : lx > ly ? 1 : (x->line > y->line) - (x->line < y->line);
}

static enum err load_accounts(struct import_ctx *ic, const struct import_set *s,
			      struct import_report *rep)
{
	struct errinfo ei = {0};
	struct vcache vc = {0};
	enum err e = books_chart_ensure(ic->tc, &ei);
	if (e != E_OK)
		return e;
	const struct import_row **fresh =
	    ARENA_ARRAY(ic->arena, const struct import_row *, s->nrows + 1);
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	size_t nf = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		bool known;
		if (!row_village(ic, s, row, &vc, rep, &vids[i]) ||
		    (e = account_known(ic, s, row, vids[i], &known, rep)) != E_OK || known)
			continue;
		fresh[nf++] = row;
	}
	if (e != E_OK || rep->nerrors)
		return e != E_OK ? e : E_INPUT;
	qsort(fresh, nf, sizeof(*fresh), by_code_len);
	for (size_t i = 0; i < nf; i++) {
		const struct import_row *row = fresh[i];
		int64_t id, vid = vids[row - s->rows];
		if (books_account_add(ic->tc, vid, modutil_cell(row, 1), modutil_cell(row, 2),
				      modutil_cell(row, 3), "account.import", &id, &ei) != E_OK)
			report_ei(rep, s, row->line, ei.field[0] == 'p' ? 3 : 1,
				  modutil_cell(row, 1), &ei);
		else
			ic->inserted++;
	}
	return rep->nerrors ? E_INPUT : E_OK;
}

/* ---- vouchers.csv: grouping rows into vouchers --------------------------------------------- */

static int row_cmp(const struct import_row *x, const struct import_row *y)
{
	int c = strcmp(x->v[VC_VILLAGE].text, y->v[VC_VILLAGE].text);
	if (c == 0)
		c = strcmp(x->v[VC_NO].text, y->v[VC_NO].text);
	if (c == 0)
		c = (x->v[VC_LINE].i > y->v[VC_LINE].i) - (x->v[VC_LINE].i < y->v[VC_LINE].i);
	return c;
}

static int row_cmp_q(const void *a, const void *b)
{
	return row_cmp(*(const struct import_row *const *)a, *(const struct import_row *const *)b);
}

/* Rows in (village, voucher_no, line) order; most files already are. */
static const struct import_row **sorted_rows(struct import_ctx *ic, const struct import_set *s)
{
	const struct import_row **o =
	    ARENA_ARRAY(ic->arena, const struct import_row *, s->nrows + 1);
	bool sorted = true;
	for (size_t i = 0; i < s->nrows; i++) {
		o[i] = &s->rows[i];
		if (i && sorted && row_cmp(o[i - 1], o[i]) > 0)
			sorted = false;
	}
	if (!sorted)
		qsort(o, s->nrows, sizeof(*o), row_cmp_q);
	return o;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The voucher-wide columns must agree on every line of a voucher. */
static bool header_consistent(const struct import_set *s, const struct import_row **g, size_t n,
			      struct import_report *rep)
{
	static const int cols[] = {VC_DATE,    VC_PAY,	  VC_HANDLER, VC_APPROVER,
				   VC_ENTERED, VC_MATTER, VC_PROJECT, VC_CONTRACT};
	bool ok = true;
	for (size_t i = 1; i < n; i++) {
		if (g[i]->v[VC_LINE].i == g[i - 1]->v[VC_LINE].i) {
			import_report_add(rep, g[i]->line, s->headers[VC_LINE],
					  modutil_cell(g[i], VC_LINE), "凭证 %s 的行号重复",
					  modutil_cell(g[i], VC_NO));
			ok = false;
		}
		for (size_t k = 0; k < NCOLS(cols); k++)
			if (!same_text(modutil_cell(g[0], cols[k]), modutil_cell(g[i], cols[k]))) {
				import_report_add(
				    rep, g[i]->line, s->headers[cols[k]],
				    modutil_cell(g[i], cols[k]), "同一凭证 %s 各行的%s不一致",
				    modutil_cell(g[i], VC_NO), voucher_cols[cols[k]].zh);
				ok = false;
			}
	}
	return ok;
}

static void voucher_of(struct import_ctx *ic, const struct import_row **g, size_t n, int64_t vid,
		       struct books_voucher *v)
{
	memset(v, 0, sizeof(*v));
	v->village_id = vid;
	v->voucher_no = modutil_cell(g[0], VC_NO);
	v->date = modutil_cell(g[0], VC_DATE);
	v->summary = modutil_cell(g[0], VC_SUMMARY);
	v->source = "导入";
	v->status = "posted";
	v->maker = ic->user ? ic->user->username : "导入";
	v->pay_method = modutil_cell(g[0], VC_PAY);
	v->handler = modutil_cell(g[0], VC_HANDLER);
	v->approver = modutil_cell(g[0], VC_APPROVER);
	v->entered_at = modutil_cell(g[0], VC_ENTERED);
	v->matter_no = modutil_cell(g[0], VC_MATTER);
	v->project_no = modutil_cell(g[0], VC_PROJECT);
	v->contract_no = modutil_cell(g[0], VC_CONTRACT);
	v->lines = ARENA_ARRAY(ic->arena, struct books_line, n);
	v->nlines = n;
	for (size_t i = 0; i < n; i++) {
		struct books_line *l = &v->lines[i];
		l->account_code = modutil_cell(g[i], VC_ACCOUNT);
		l->summary = modutil_cell(g[i], VC_SUMMARY);
		l->debit_fen = g[i]->v[VC_DEBIT].present ? g[i]->v[VC_DEBIT].i : 0;
		l->credit_fen = g[i]->v[VC_CREDIT].present ? g[i]->v[VC_CREDIT].i : 0;
		l->counterparty = modutil_cell(g[i], VC_PARTY);
		l->counterparty_id = modutil_cell(g[i], VC_PARTY_ID);
		l->bank_account = modutil_cell(g[i], VC_BANK);
	}
}

/* ---- vouchers.csv: a voucher already in the books ------------------------------------------- */

static char *lines_text(struct arena *a, const struct books_voucher *v)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < v->nlines; i++) {
		const struct books_line *l = &v->lines[i];
		buf_addf(&b, "%s%zu|%lld|%lld|%lld|%s|%s|%s|%s", i ? ";" : "", i + 1,
			 (long long)l->account_id, (long long)l->debit_fen,
			 (long long)l->credit_fen, l->summary ? l->summary : v->summary,
			 l->counterparty ? l->counterparty : "",
			 l->counterparty_id ? l->counterparty_id : "",
			 l->bank_account ? l->bank_account : "");
	}
	char *t = arena_strdup(a, b.ptr);
	buf_release(&b);
	return t;
}

/* Columns of VOUCHER_COLS compared with the file: date, summary, pay_method …
 * contract_no. */
static bool head_same(struct db_res *res, const struct books_voucher *v)
{
	static const int col[] = {5, 6, 13, 14, 15, 16, 17, 18, 19};
	const char *mine[] = {v->date,	    v->summary,	   v->pay_method,
			      v->handler,   v->approver,   v->entered_at,
			      v->matter_no, v->project_no, v->contract_no};
	for (size_t i = 0; i < NCOLS(col); i++)
		if (!same_text(db_text(res, col[i]), mine[i]))
			return false;
	return strcmp(db_text(res, 8), "posted") == 0;
}

/* *exists when the village already has this number: then the rows must be the
 * very voucher in the books (resolved account ids in v). */
static enum err existing(struct import_ctx *ic, const struct books_voucher *v, bool *exists,
			 bool *same)
{
	struct db_res *res;
	enum err e = db_one(ic->tc->db, &books_stmts, BOOKS_ST_VOUCHER_BY_NO,
			    DB_PARAMS(DB_INT(v->village_id), DB_TEXT(v->voucher_no)), &res);
	*exists = e == E_OK;
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	*same = head_same(res, v);
	db_done(res);
	char *have;
	if (*same && (e = books_lines_text(ic->tc->db, id, ic->arena, &have)) == E_OK)
		*same = strcmp(have, lines_text(ic->arena, v)) == 0;
	return e;
}

/* ---- vouchers.csv: the loader ---------------------------------------------------------------- */

struct vload {
	struct books_voucher *v; /* vouchers to insert */
	size_t n;		 /* used */
	size_t *line;		 /* first file line of each */
	int64_t vid;		 /* last village asked whether it has vouchers */
	bool had;		 /* its answer: when not, no number can exist */
};

static enum err village_had(struct import_ctx *ic, struct vload *vl, int64_t vid)
{
	if (vl->vid == vid)
		return E_OK;
	struct db_res *res;
	enum err e = db_one(ic->tc->db, &books_stmts, BOOKS_ST_VILLAGE_HAS_VOUCHERS,
			    DB_PARAMS(DB_INT(vid)), &res);
	vl->vid = vid;
	vl->had = e == E_OK;
	if (e == E_OK)
		db_done(res);
	return e == E_NOTFOUND ? E_OK : e;
}

static enum err check_group(struct import_ctx *ic, const struct import_set *s,
			    const struct import_row **g, size_t n, int64_t vid,
			    struct books_batch *b, struct vload *vl, struct import_report *rep)
{
	if (!header_consistent(s, g, n, rep))
		return E_OK;
	struct books_voucher *v = &vl->v[vl->n];
	voucher_of(ic, g, n, vid, v);
	struct errinfo ei = {0};
	enum err e = books_voucher_check(ic->tc->db, v, b, &ei);
	if (e != E_OK && e != E_RULE && e != E_INPUT)
		return e;
	/* A voucher of a closed period may still be the same one again. */
	bool closed = e == E_RULE && strcmp(ei.key, "voucher.period_closed") == 0;
	if (e != E_OK && !closed) {
		report_ei(rep, s, g[0]->line, VC_ACCOUNT, v->voucher_no, &ei);
		return E_OK;
	}
	bool exists = false, same = false;
	if ((e = village_had(ic, vl, vid)) != E_OK ||
	    (vl->had && (e = existing(ic, v, &exists, &same)) != E_OK))
		return e;
	if (closed && !exists) {
		report_ei(rep, s, g[0]->line, VC_DATE, v->date, &ei);
		return E_OK;
	}
	if (exists && !same)
		import_report_add(rep, g[0]->line, s->headers[VC_NO], v->voucher_no,
				  "凭证 %s 已在账中（已记账凭证不能修改），本文件中的内容与之不同；"
				  "更正请填制红字冲销凭证",
				  v->voucher_no);
	else if (exists)
		ic->unchanged++;
	else
		vl->line[vl->n++] = g[0]->line;
	return E_OK;
}

static enum err check_all(struct import_ctx *ic, const struct import_set *s,
			  const struct import_row **o, struct books_batch *b, struct vload *vl,
			  struct import_report *rep)
{
	struct vcache vc = {0};
	for (size_t i = 0, j; i < s->nrows; i = j) {
		for (j = i + 1;
		     j < s->nrows &&
		     strcmp(modutil_cell(o[i], VC_VILLAGE), modutil_cell(o[j], VC_VILLAGE)) == 0 &&
		     strcmp(modutil_cell(o[i], VC_NO), modutil_cell(o[j], VC_NO)) == 0;
		     j++)
			;
		int64_t vid;
		if (!row_village(ic, s, o[i], &vc, rep, &vid))
			continue;
		enum err e = check_group(ic, s, o + i, j - i, vid, b, vl, rep);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

static enum err insert_all(struct import_ctx *ic, const struct import_set *s, struct books_batch *b,
			   struct vload *vl, struct import_report *rep)
{
	struct errinfo ei = {0};
	for (size_t i = 0; i < vl->n; i++) {
		int64_t id;
		enum err e = books_voucher_insert(ic->tc, &vl->v[i], b, &id, &ei);
		if (e == E_CONFLICT || e == E_RULE || e == E_INPUT) {
			report_ei(rep, s, vl->line[i], VC_NO, vl->v[i].voucher_no, &ei);
			continue;
		}
		if (e != E_OK)
			return e;
		ic->inserted++;
	}
	if (rep->nerrors)
		return E_INPUT;
	enum err e = books_batch_flush(ic->tc, b, &ei);
	if (e == E_RULE)
		import_report_add(rep, 0, NULL, NULL, "%s", ei.msg);
	return e == E_RULE ? E_INPUT : e;
}

static enum err load_vouchers(struct import_ctx *ic, const struct import_set *s,
			      struct import_report *rep)
{
	struct errinfo ei = {0};
	enum err e = books_chart_ensure(ic->tc, &ei);
	if (e != E_OK)
		return e;
	const struct import_row **o = sorted_rows(ic, s);
	struct vload vl = {ARENA_ARRAY(ic->arena, struct books_voucher, s->nrows + 1), 0,
			   ARENA_ARRAY(ic->arena, size_t, s->nrows + 1)};
	if ((e = db_exec(ic->tc->db, &books_stmts, BOOKS_ST_BULK_ON, DB_NOPARAMS, NULL)) != E_OK)
		return e;
	struct books_batch *b = books_batch_new();
	e = check_all(ic, s, o, b, &vl, rep);
	if (e == E_OK && !rep->nerrors)
		e = insert_all(ic, s, b, &vl, rep);
	books_batch_free(b);
	enum err e2 = db_exec(ic->tc->db, &books_stmts, BOOKS_ST_BULK_OFF, DB_NOPARAMS, NULL);
	e = e != E_OK ? e : e2;
	return e != E_OK ? e : rep->nerrors ? E_INPUT : E_OK;
}

/* ---- exports ------------------------------------------------------------------------------ */

static struct table_row *table_push(struct arena *a, struct table *t, size_t *cap, size_t ncols)
{
	if (t->nrows == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		struct table_row *n = ARENA_ARRAY(a, struct table_row, nc);
		if (t->nrows)
			memcpy(n, t->rows, t->nrows * sizeof(*n));
		t->rows = n;
		*cap = nc;
	}
	struct table_row *r = &t->rows[t->nrows];
	r->line = ++t->nrows;
	r->ncells = ncols;
	r->cells = ARENA_ARRAY(a, char *, ncols);
	t->ncols_max = ncols;
	return r;
}

static void header_row(struct arena *a, struct table *t, size_t *cap, const struct col_spec *c,
		       size_t n)
{
	struct table_row *r = table_push(a, t, cap, n);
	for (size_t i = 0; i < n; i++)
		r->cells[i] = (char *)c[i].en;
}

static enum err export_accounts(struct app *app, struct db_conn *c, const struct principal *u,
				struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app, (void)ei;
	struct db_res *res;
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	header_row(a, out, &cap, account_cols, NCOLS(account_cols));
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_ACCOUNTS_EXPORT,
			     DB_PARAMS(DB_INT(!u || u->all_villages), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	while (db_row(res)) {
		struct table_row *r = table_push(a, out, &cap, 4);
		for (int i = 0; i < 4; i++)
			r->cells[i] = db_isnull(res, i) ? "" : db_text_dup(a, res, i);
	}
	return db_done(res);
}

static char *yuan(struct arena *a, int64_t fen)
{
	if (!fen)
		return "";
	char *b = arena_alloc(a, MONEY_BUF);
	money_format(fen, b);
	return b;
}

/* Stored UTC "…Z" → Beijing "YYYY-MM-DD HH:MM:SS", as people type it. */
static char *beijing(struct arena *a, const char *utc)
{
	int64_t us;
	char ts[DATEFMT_TS_BUF];
	struct errinfo ei = {0};
	if (!utc || datefmt_timestamp_parse(utc, ts, &us, &ei) != E_OK)
		return "";
	datefmt_timestamp_format(us + 8LL * 3600 * 1000000, ts);
	ts[10] = ' ';
	ts[19] = '\0';
	return arena_strdup(a, ts);
}

static void voucher_cells(struct arena *a, struct db_res *res, char **cell)
{
	for (int i = 0; i < VC__MAX; i++)
		cell[i] = db_isnull(res, i) ? "" : db_text_dup(a, res, i);
	cell[VC_LINE] = arena_printf(a, "%lld", (long long)db_int(res, VC_LINE));
	cell[VC_DEBIT] = yuan(a, db_int(res, VC_DEBIT));
	cell[VC_CREDIT] = yuan(a, db_int(res, VC_CREDIT));
	cell[VC_ENTERED] = beijing(a, db_text(res, VC_ENTERED));
}

static enum err export_vouchers(struct app *app, struct db_conn *c, const struct principal *u,
				struct arena *a, struct table *out, struct errinfo *ei)
{
	(void)app, (void)ei;
	struct db_res *res;
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	header_row(a, out, &cap, voucher_cols, VC__MAX);
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_VOUCHERS_EXPORT,
			     DB_PARAMS(DB_INT(!u || u->all_villages), DB_INT(u ? u->id : 0)), &res);
	if (e != E_OK)
		return e;
	while (db_row(res))
		voucher_cells(a, res, table_push(a, out, &cap, VC__MAX)->cells);
	return db_done(res);
}

const struct import_file books_imports[] = {
    {"accounts.csv", "明细会计科目", account_cols, NCOLS(account_cols), &perm_books_import,
     load_accounts, export_accounts},
    {"vouchers.csv", "记账凭证（历史账套，导入即记账）", voucher_cols, VC__MAX, &perm_books_import,
     load_vouchers, export_vouchers},
};
const size_t books_nimports = NCOLS(books_imports);

/* ---- books.ledger ------------------------------------------------------------------------------
 */

/* A payee ledger-cli and hledger read as written: no comment or note marks. */
static void payee(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == ';')
			fputs("；", fp);
		else if (*s == '|')
			fputs("｜", fp);
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', fp);
		else
			fputc(*s, fp);
	}
}

static enum err ledger_accounts(struct db_conn *c, FILE *fp)
{
	struct db_res *res;
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_LEDGER_ACCOUNTS, DB_NOPARAMS, &res);
	if (e != E_OK)
		return e;
	while (db_row(res))
		fprintf(fp, "account %s:%s\n    note %s\n\n", db_text(res, 0), db_text(res, 1),
			db_text(res, 2));
	return db_done(res);
}

static enum err ledger_transactions(struct db_conn *c, FILE *fp, size_t *n)
{
	struct db_res *res;
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_VOUCHERS_EXPORT,
			     DB_PARAMS(DB_INT(1), DB_INT(0)), &res);
	if (e != E_OK)
		return e;
	char last[40] = "";
	while (db_row(res)) {
		char key[40], amt[MONEY_BUF];
		snprintf(key, sizeof(key), "%s/%s", db_text(res, 0), db_text(res, 1));
		if (strcmp(key, last) != 0) {
			fprintf(fp, "%s%s (%s) ", *last ? "\n" : "", db_text(res, 3),
				db_text(res, 1));
			payee(fp, db_text(res, 18));
			fputc('\n', fp);
			snprintf(last, sizeof(last), "%s", key);
			(*n)++;
		}
		money_format(db_int(res, 6) - db_int(res, 7), amt);
		fprintf(fp, "    %s:%s  CNY %s\n", db_text(res, 0), db_text(res, 5), amt);
	}
	return db_done(res);
}

enum err books_export_ledger(struct app *app, struct db_conn *c, const char *dir, FILE *out,
			     struct errinfo *ei)
{
	(void)app;
	char path[1024];
	snprintf(path, sizeof(path), "%s/books.ledger", dir);
	FILE *fp = fopen(path, "w");
	if (!fp)
		return err_set(ei, E_IO, "export.file", NULL, "无法写入 %s：%s", path,
			       strerror(errno));
	size_t n = 0;
	fputs(
	    "; 村集体账务 ledger-cli 日记账：每张已记账凭证一笔交易，科目为 区划代码:科目代码\n\n",
	    fp);
	enum err e = ledger_accounts(c, fp);
	if (e == E_OK)
		e = ledger_transactions(c, fp, &n);
	if (fclose(fp) != 0 && e == E_OK)
		e = err_set(ei, E_IO, "export.file", NULL, "无法写入 %s", path);
	if (e == E_OK)
		fprintf(out, "books.ledger：%zu 笔交易\n", n);
	return e;
}
