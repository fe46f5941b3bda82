/*
 * The books' reports, per village and period (month, quarter, year) and as
 * township totals: 科目余额表, 明细账, 现金日记账, 银行存款日记账, 资产负债表,
 * 收益及收益分配表, each as JSON, as a workbook (?format=xlsx) or printed on A4
 * (?format=pdf, drawn by books_pdf.c), every figure with a drill-down link to
 * the voucher lines behind it (GET /api/v1/book-lines).  Figures come from the
 * balances kept as vouchers post — opening rows per year, year rows, month rows
 * — never from a scan of every line, rolled up from leaves to their ancestors
 * by code prefix.  Income figures leave out carry-forward vouchers (those with
 * a line on 321), as domain/rules.md defines income and expense.
 */
#include <stdlib.h>
#include <string.h>

#include "books_api.h"
#include "core/datefmt.h"
#include "core/json_out.h"
#include "core/money.h"
#include "core/xlsx.h"

/* ---- period and accounts ---------------------------------------------------------------- */

struct span {
	char norm[DATEFMT_PERIOD_BUF]; /* "2025-03" / "2025-Q1" / "2025" */
	char first[DATEFMT_DATE_BUF];  /* first day */
	char last[DATEFMT_DATE_BUF];   /* last day */
	char m1[8], m2[8];	       /* first and last month */
	char year[5];		       /* year of the first month */
};

static enum err span_of(struct req *r, struct span *s)
{
	const char *p = req_query(r, "period");
	char today[11];
	app_today(r->app, today);
	if (!p || !*p)
		p = arena_printf(&r->arena, "%.4s", today);
	struct errinfo ei = {0};
	if (datefmt_period_parse(p, s->norm, s->first, s->last, &ei) != E_OK)
		return req_fail(r, E_INPUT, "period.invalid", "period",
				"期间应为月份（2025-03）、季度（2025-Q1）或年度（2025）：%s", p);
	snprintf(s->m1, sizeof(s->m1), "%.7s", s->first);
	snprintf(s->m2, sizeof(s->m2), "%.7s", s->last);
	snprintf(s->year, sizeof(s->year), "%.4s", s->first);
	return E_OK;
}

enum sum { OD, OC, PD, PC, PDN, PCN, NSUM }; /* opening, period, period without carry */

struct acct {
	char code[16];	   /* 科目代码 */
	char *name;	   /* 科目名称 */
	char direction[8]; /* 借 | 贷 */
	char category[16]; /* 资产 负债 权益 成本 损益 */
	bool leaf;	   /* no children in this village */
	int level;	   /* 1 for the chart's level-1 accounts */
	int64_t s[NSUM];   /* rolled-up sums */
};

struct tb {
	struct acct *a; /* in code order */
	size_t n;	/* entries */
};

static enum err tb_accounts(struct req *r, int64_t vid, struct tb *t)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_ACCOUNTS_OF_VILLAGE,
			     DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 128;
	t->a = ARENA_ARRAY(&r->arena, struct acct, cap);
	t->n = 0;
	while (db_row(res) && t->n < cap) {
		struct acct *a = &t->a[t->n++];
		snprintf(a->code, sizeof(a->code), "%s", db_text(res, 1));
		a->name = db_text_dup(&r->arena, res, 2);
		snprintf(a->direction, sizeof(a->direction), "%s", db_text(res, 4));
		snprintf(a->category, sizeof(a->category), "%s", db_text(res, 5));
		a->leaf = db_int(res, 8);
		a->level = 1;
		for (size_t i = 0; i + 1 < t->n; i++)
			if (strncmp(a->code, t->a[i].code, strlen(t->a[i].code)) == 0)
				a->level++;
	}
	return db_done(res);
}

/* Add a leaf's sums to every account whose code is a prefix of it. */
static void tb_add(struct tb *t, const char *code, const int64_t *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (strncmp(code, t->a[i].code, strlen(t->a[i].code)) == 0)
			for (int k = 0; k < NSUM; k++)
				t->a[i].s[k] += s[k];
}

struct code_map {
	int64_t *id; /* ascending */
	char **code; /* code of id[i] */
	size_t n;    /* entries */
};

static enum err codes_load(struct req *r, struct code_map *m)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_ACCOUNT_CODES,
			     DB_PARAMS(DB_TEXT(BOOKS_CHART)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 256;
	m->n = 0;
	m->id = ARENA_ARRAY(&r->arena, int64_t, cap);
	m->code = ARENA_ARRAY(&r->arena, char *, cap);
	while (db_row(res)) {
		if (m->n == cap) {
			int64_t *ni = ARENA_ARRAY(&r->arena, int64_t, cap * 2);
			char **nc = ARENA_ARRAY(&r->arena, char *, cap * 2);
			memcpy(ni, m->id, cap * sizeof(*ni));
			memcpy(nc, m->code, cap * sizeof(*nc));
			m->id = ni, m->code = nc, cap *= 2;
		}
		m->id[m->n] = db_int(res, 0);
		m->code[m->n++] = db_text_dup(&r->arena, res, 1);
	}
	return db_done(res);
}

static const char *code_of(const struct code_map *m, int64_t id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->id[lo] == id ? m->code[lo] : "";
}

/* vid 0: every village in the user's scope, standard accounts only. */
static enum err tb_build(struct req *r, int64_t vid, const struct span *sp, struct tb *t)
{
	struct code_map m;
	struct db_res *res;
	enum err e;
	if ((e = tb_accounts(r, vid, t)) != E_OK || (e = codes_load(r, &m)) != E_OK)
		return e;
	/* A whole year reads its year rows, anything shorter its month rows. */
	char y1[16], y2[16], ylast[16];
	snprintf(ylast, sizeof(ylast), "%s-12", sp->year);
	bool whole = strcmp(sp->m1 + 5, "01") == 0 && strcmp(sp->m2, ylast) == 0;
	snprintf(y1, sizeof(y1), "%s%s", whole ? "Y" : "", whole ? sp->year : sp->m1);
	snprintf(y2, sizeof(y2), "%s%s", whole ? "Y" : "", whole ? sp->year : sp->m2);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(sp->m1),
			     DB_TEXT(sp->year),
			     DB_INT(atoi(sp->year)),
			     DB_TEXT(y1),
			     DB_TEXT(y2),
			     DB_INT(vid)};
	if ((e = db_exec(r->db, &books_stmts, vid ? BOOKS_ST_TB_LEAF : BOOKS_ST_TB_LEAF_ALL, p,
			 vid ? 8 : 7, &res)) != E_OK)
		return e;
	while (db_row(res)) {
		int64_t s[NSUM];
		for (int k = 0; k < NSUM; k++)
			s[k] = db_int(res, 2 + k);
		tb_add(t, code_of(&m, db_int(res, 1)), s);
	}
	return db_done(res);
}

static struct acct *tb_find(struct tb *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->a[i].code, code) == 0)
			return &t->a[i];
	return NULL;
}

/* ---- output ------------------------------------------------------------------------------ */

struct col {
	const char *key;     /* JSON key of the row */
	const char *header;  /* Chinese header in the workbook and the PDF */
	enum xlsx_kind kind; /* *_fen keys are written as yuan */
	double width;	     /* share of the printed table's width */
};

static const char *cell(struct req *r, json_t *v, enum xlsx_kind kind)
{
	if (!v || json_is_null(v))
		return "";
	if (json_is_string(v))
		return json_string_value(v);
	if (kind == XLSX_MONEY) {
		char *b = arena_alloc(&r->arena, MONEY_BUF);
		money_format(json_integer_value(v), b);
		return b;
	}
	return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
}

static enum err send_xlsx(struct req *r, const char *title, const struct col *cols, size_t n,
			  json_t *rows)
{
	struct xlsx_column *xc = ARENA_ARRAY(&r->arena, struct xlsx_column, n);
	const char **cells = ARENA_ARRAY(&r->arena, const char *, n);
	for (size_t i = 0; i < n; i++)
		xc[i] = (struct xlsx_column){cols[i].header, cols[i].kind, 0};
	struct xlsx_writer *w = xlsx_writer_new(NULL, title, xc, n, &r->err);
	if (!w)
		return r->err.code ? r->err.code : E_IO;
	size_t i;
	json_t *row;
	enum err e = E_OK;
	json_array_foreach(rows, i, row)
	{
		for (size_t c = 0; c < n; c++)
			cells[c] = cell(r, json_object_get(row, cols[c].key), cols[c].kind);
		if ((e = xlsx_writer_row(w, cells, &r->err)) != E_OK)
			break;
	}
	if (e != E_OK) {
		xlsx_writer_free(w);
		return e;
	}
	buf_reset(&r->resp);
	if ((e = xlsx_writer_close(w, &r->resp, &r->err)) != E_OK)
		return e;
	r->status = 200;
	r->resp_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_header(r, "Content-Disposition", "attachment; filename=\"report.xlsx\"");
	return E_OK;
}

/* ---- the printed report (?format=pdf) ------------------------------------------------- */

#define PDF_ROWS_MAX 20000 /* about 450 pages; longer prints are an .xlsx's job */

/* "甲村" for a village's report, "黄桥镇（全镇汇总）" for the township's. */
static enum err pdf_owner(struct req *r, const char **out)
{
	struct db_res *res;
	enum err e;
	if (r->village_id)
		e = db_one(r->db, &books_stmts, BOOKS_ST_VILLAGE_TITLE,
			   DB_PARAMS(DB_INT(r->village_id)), &res);
	else
		e = db_one(r->db, &books_stmts, BOOKS_ST_TOWNSHIP_TITLE,
			   DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r))), &res);
	if (e != E_OK)
		return e;
	const char *name = db_text(res, 0) ? db_text(res, 0) : "";
	*out = r->village_id
		   ? arena_strdup(&r->arena, name)
		   : arena_printf(&r->arena, "%s%s（汇总）", name, db_int(res, 1) > 1 ? "等" : "");
	return db_done(res);
}

/* A printed cell: amounts grouped ("1,234.50"); a zero debit or credit left
 * blank as account books print them, other zeros shown. */
static const char *pdf_cell(struct req *r, json_t *v, const struct col *c)
{
	if (c->kind != XLSX_MONEY || !json_is_integer(v))
		return cell(r, v, c->kind);
	int64_t fen = json_integer_value(v);
	size_t n = strlen(c->key);
	bool side = (n >= 9 && strcmp(c->key + n - 9, "debit_fen") == 0) ||
		    (n >= 10 && strcmp(c->key + n - 10, "credit_fen") == 0);
	if (!fen && side)
		return "";
	char *b = arena_alloc(&r->arena, MONEY_BUF);
	money_format_grouped(fen, b);
	return b;
}

/* RFC 5987 percent-encoding of a file name (UTF-8 bytes beyond letters,
 * digits and "-._"). */
static const char *pct(struct req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *o = arena_alloc(&r->arena, 3 * strlen(s) + 1), *p = o;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    c == '-' || c == '.' || c == '_') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return o;
}

static enum err send_pdf(struct req *r, const char *title, const struct span *sp,
			 const struct col *cols, size_t n, json_t *rows)
{
	size_t nrows = json_array_size(rows);
	if (nrows > PDF_ROWS_MAX)
		return req_fail(r, E_INPUT, "report.too_large", "period",
				"报表共 %zu 行，超过 PDF 打印上限 %d 行：请缩短期间，或导出 Excel",
				nrows, PDF_ROWS_MAX);
	const char *owner, *account = req_query(r, "account");
	enum err e = pdf_owner(r, &owner);
	if (e != E_OK)
		return e;
	struct books_pdf_col *pc = ARENA_ARRAY(&r->arena, struct books_pdf_col, n);
	const char **cells = ARENA_ARRAY(&r->arena, const char *, nrows *n + 1);
	bool *bold = ARENA_ARRAY(&r->arena, bool, nrows + 1);
	for (size_t c = 0; c < n; c++)
		pc[c] = (struct books_pdf_col){cols[c].header, cols[c].width,
					       cols[c].kind == XLSX_MONEY};
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		const char *code = json_string_value(json_object_get(row, "code"));
		const char *summary = json_string_value(json_object_get(row, "summary"));
		bold[i] = (code && !*code) || (summary && strcmp(summary, "期初余额") == 0);
		json_int_t level = json_integer_value(json_object_get(row, "level"));
		for (size_t c = 0; c < n; c++) {
			cells[i * n + c] = pdf_cell(r, json_object_get(row, cols[c].key), &cols[c]);
			/* sub-accounts indented under their parents, as printed books do */
			if (level > 1 && strcmp(cols[c].key, "name") == 0)
				cells[i * n + c] = arena_printf(
				    &r->arena, "%*s%s", (int)(level - 1) * 2, "", cells[i * n + c]);
		}
	}
	char today[11], ts[32];
	app_today(r->app, today);
	app_timestamp(app_now(r->app), ts);
	ts[19] = '\0';
	struct books_pdf p = {
	    .title = arena_printf(&r->arena, "%s %s", owner, title),
	    .subtitle = arena_printf(
		&r->arena, "%s%s%s期间：%s（%s 至 %s）　金额单位：元",
		account && *account ? "科目：" : "", account && *account ? account : "",
		account && *account ? "　" : "", sp->norm, sp->first, sp->last),
	    .footer = arena_printf(&r->arena, "清廉村居监督平台 · 打印日期 %s", today),
	    .created = ts,
	    .cols = pc,
	    .ncols = n,
	    .cells = cells,
	    .nrows = nrows,
	    .bold = bold,
	};
	if ((e = books_pdf_render(&p, &r->resp, &r->err)) != E_OK)
		return e;
	r->status = 200;
	r->resp_type = "application/pdf";
	req_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"report-%s.pdf\"; filename*=UTF-8''%s",
			 sp->norm,
			 pct(r, arena_printf(&r->arena, "%s%s%s.pdf", owner, title, sp->norm))));
	return E_OK;
}

/* JSON {report, period, from, to, village?, rows, ...extra}, the workbook
 * (format=xlsx) or the printed report (format=pdf). */
static enum err send_report(struct req *r, const char *title, const struct span *sp,
			    const struct col *cols, size_t ncols, json_t *rows, json_t *extra)
{
	const char *f = req_query(r, "format");
	if (f && (strcmp(f, "xlsx") == 0 || strcmp(f, "pdf") == 0)) {
		enum err e = f[0] == 'x' ? send_xlsx(r, title, cols, ncols, rows)
					 : send_pdf(r, title, sp, cols, ncols, rows);
		json_decref(rows);
		json_decref(extra);
		return e;
	}
	json_t *o = extra ? extra : json_object();
	json_object_set_new(o, "report", json_string(title));
	json_object_set_new(o, "period", json_string(sp->norm));
	json_object_set_new(o, "from", json_string(sp->first));
	json_object_set_new(o, "to", json_string(sp->last));
	json_object_set_new(o, "rows", rows);
	return req_json(r, 200, o);
}

static const char *village_code(struct req *r)
{
	return req_param(r, "village") ? req_param(r, "village") : "";
}

static json_t *drill(struct req *r, const char *code, const struct span *sp, bool nocarry)
{
	return json_string(arena_printf(
	    &r->arena, "/api/v1/book-lines?village=%s&account=%s&from=%s&to=%s%s", village_code(r),
	    code, sp->first, sp->last, nocarry ? "&exclude_carry=1" : ""));
}

/* ---- 科目余额表 ---------------------------------------------------------------------------- */

static const struct col tb_cols[] = {
    {"code", "科目代码", XLSX_TEXT, 0.9},
    {"name", "科目名称", XLSX_TEXT, 1.9},
    {"opening_debit_fen", "期初借方", XLSX_MONEY, 1.3},
    {"opening_credit_fen", "期初贷方", XLSX_MONEY, 1.3},
    {"debit_fen", "本期借方", XLSX_MONEY, 1.3},
    {"credit_fen", "本期贷方", XLSX_MONEY, 1.3},
    {"closing_debit_fen", "期末借方", XLSX_MONEY, 1.3},
    {"closing_credit_fen", "期末贷方", XLSX_MONEY, 1.3},
};
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static void sides(json_t *o, const char *dk, const char *ck, int64_t net)
{
	json_object_set_new(o, dk, json_integer(net > 0 ? net : 0));
	json_object_set_new(o, ck, json_integer(net < 0 ? -net : 0));
}

static json_t *tb_row(struct req *r, const struct acct *a, const struct span *sp)
{
	int64_t open = a->s[OD] - a->s[OC];
	json_t *o = json_pack("{s:s,s:s,s:i,s:s,s:b}", "code", a->code, "name", a->name, "level",
			      a->level, "direction", a->direction, "leaf", a->leaf);
	sides(o, "opening_debit_fen", "opening_credit_fen", open);
	json_object_set_new(o, "debit_fen", json_integer(a->s[PD]));
	json_object_set_new(o, "credit_fen", json_integer(a->s[PC]));
	sides(o, "closing_debit_fen", "closing_credit_fen", open + a->s[PD] - a->s[PC]);
	json_object_set_new(o, "drill", drill(r, a->code, sp, false));
	return o;
}

static bool all_zero(const struct acct *a)
{
	return a->s[OD] == a->s[OC] && !a->s[PD] && !a->s[PC];
}

static enum err trial_answer(struct req *r, struct tb *t, const struct span *sp, json_t *extra)
{
	bool all = req_query_int(r, "all", 0) == 1;
	json_t *rows = json_array();
	int64_t tot[NSUM] = {0}, od = 0, oc = 0, cd = 0, cc = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct acct *a = &t->a[i];
		if (all || !all_zero(a))
			json_array_append_new(rows, tb_row(r, a, sp));
		if (a->level != 1)
			continue;
		int64_t open = a->s[OD] - a->s[OC], close = open + a->s[PD] - a->s[PC];
		od += open > 0 ? open : 0, oc += open < 0 ? -open : 0;
		cd += close > 0 ? close : 0, cc += close < 0 ? -close : 0;
		tot[PD] += a->s[PD], tot[PC] += a->s[PC];
	}
	json_t *totals =
	    json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "code", "", "name", "合计",
		      "opening_debit_fen", (json_int_t)od, "opening_credit_fen", (json_int_t)oc,
		      "debit_fen", (json_int_t)tot[PD], "credit_fen", (json_int_t)tot[PC],
		      "closing_debit_fen", (json_int_t)cd, "closing_credit_fen", (json_int_t)cc);
	json_t *o = extra ? extra : json_object();
	json_object_set(o, "totals", totals);
	json_object_set_new(o, "balanced",
			    json_boolean(od == oc && tot[PD] == tot[PC] && cd == cc));
	json_array_append_new(rows, totals);
	return send_report(r, "科目余额表", sp, tb_cols, NCOLS(tb_cols), rows, o);
}

enum err books_report_trial(struct req *r)
{
	struct span sp;
	struct tb t;
	enum err e;
	if ((e = span_of(r, &sp)) != E_OK || (e = tb_build(r, r->village_id, &sp, &t)) != E_OK)
		return e;
	return trial_answer(r, &t, &sp, json_pack("{s:s}", "village", village_code(r)));
}

/* ---- 资产负债表 ------------------------------------------------------------------------------ */

static const struct col bs_cols[] = {
    {"section", "类别", XLSX_TEXT, 1.0},	{"code", "科目代码", XLSX_TEXT, 0.9},
    {"name", "项目", XLSX_TEXT, 2.4},		{"year_start_fen", "年初数", XLSX_MONEY, 1.5},
    {"closing_fen", "期末数", XLSX_MONEY, 1.5},
};

static const char *bs_section(const char *category)
{
	if (strcmp(category, "资产") == 0 || strcmp(category, "成本") == 0)
		return "资产";
	if (strcmp(category, "负债") == 0)
		return "负债";
	return strcmp(category, "权益") == 0 ? "所有者权益" : NULL;
}

static void bs_totals(json_t *rows, const char *label, int64_t start, int64_t close)
{
	json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:I,s:I}", "section", label, "code", "",
					      "name", label, "year_start_fen", (json_int_t)start,
					      "closing_fen", (json_int_t)close));
}

static enum err balance_sheet(struct req *r, struct tb *t, const struct span *sp, json_t *extra)
{
	json_t *rows = json_array();
	int64_t st[3] = {0}, cl[3] = {0}, pl_start = 0, pl_close = 0;
	static const char *const secs[3] = {"资产", "负债", "所有者权益"};
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < t->n; i++) {
			const struct acct *a = &t->a[i];
			const char *sec = bs_section(a->category);
			int sign = k == 0 ? 1 : -1;
			if (a->level != 1 || !sec || strcmp(sec, secs[k]) != 0)
				continue;
			int64_t s0 = sign * (a->s[OD] - a->s[OC]);
			int64_t s1 = s0 + sign * (a->s[PD] - a->s[PC]);
			st[k] += s0, cl[k] += s1;
			if (s0 || s1)
				json_array_append_new(
				    rows,
				    json_pack("{s:s,s:s,s:s,s:I,s:I,s:o}", "section", sec, "code",
					      a->code, "name", a->name, "year_start_fen",
					      (json_int_t)s0, "closing_fen", (json_int_t)s1,
					      "drill", drill(r, a->code, sp, false)));
		}
	for (size_t i = 0; i < t->n; i++)
		if (t->a[i].level == 1 && strcmp(t->a[i].category, "损益") == 0) {
			pl_start += t->a[i].s[OC] - t->a[i].s[OD];
			pl_close += t->a[i].s[OC] - t->a[i].s[OD] + t->a[i].s[PC] - t->a[i].s[PD];
		}
	json_array_append_new(rows,
			      json_pack("{s:s,s:s,s:s,s:I,s:I}", "section", "所有者权益", "code",
					"", "name", "未结转的本年收益", "year_start_fen",
					(json_int_t)pl_start, "closing_fen", (json_int_t)pl_close));
	st[2] += pl_start, cl[2] += pl_close;
	bs_totals(rows, "资产总计", st[0], cl[0]);
	bs_totals(rows, "负债合计", st[1], cl[1]);
	bs_totals(rows, "所有者权益合计", st[2], cl[2]);
	bs_totals(rows, "负债和所有者权益总计", st[1] + st[2], cl[1] + cl[2]);
	json_object_set_new(extra, "balanced",
			    json_boolean(st[0] == st[1] + st[2] && cl[0] == cl[1] + cl[2]));
	return send_report(r, "资产负债表", sp, bs_cols, NCOLS(bs_cols), rows, extra);
}

/* The sheet is at the end of the period, with the start of its year beside it. */
static enum err year_span(struct req *r, struct span *sp)
{
	enum err e = span_of(r, sp);
	if (e == E_OK) {
		snprintf(sp->m1, sizeof(sp->m1), "%s-01", sp->year);
		snprintf(sp->first, sizeof(sp->first), "%s-01-01", sp->year);
	}
	return e;
}

enum err books_report_balance_sheet(struct req *r)
{
	struct span sp;
	struct tb t;
	enum err e;
	if ((e = year_span(r, &sp)) != E_OK || (e = tb_build(r, r->village_id, &sp, &t)) != E_OK)
		return e;
	return balance_sheet(r, &t, &sp, json_pack("{s:s}", "village", village_code(r)));
}

/* ---- 收益及收益分配表 -------------------------------------------------------------------------
 */

static const struct col inc_cols[] = {
    {"item", "项目", XLSX_TEXT, 3.0},
    {"code", "科目", XLSX_TEXT, 1.0},
    {"amount_fen", "本期金额", XLSX_MONEY, 1.6},
};

/* Net of the period without carry-forward: credit − debit (income side). */
static int64_t inc_net(struct tb *t, const char *code)
{
	struct acct *a = tb_find(t, code);
	return a ? a->s[PCN] - a->s[PDN] : 0;
}

static void inc_row(struct req *r, json_t *rows, const char *item, const char *code, int64_t amount,
		    const struct span *sp)
{
	json_t *o = json_pack("{s:s,s:s,s:I}", "item", item, "code", code, "amount_fen",
			      (json_int_t)amount);
	if (*code)
		json_object_set_new(o, "drill", drill(r, code, sp, true));
	json_array_append_new(rows, o);
}

static enum err income(struct req *r, struct tb *t, const struct span *sp, json_t *extra)
{
	static const struct {
		const char *code, *item;
		int sign;
	} lines[] = {{"501", "一、经营收入", 1}, {"511", "减：经营支出", -1},
		     {"512", "税金及附加", -1},	 {"513", "管理费用", -1},
		     {"502", "加：投资收益", 1}, {"503", "补助收入", 1},
		     {"504", "其他收入", 1},	 {"514", "减：公益支出", -1},
		     {"515", "其他支出", -1},	 {"521", "减：所得税费用", -1}};
	json_t *rows = json_array();
	int64_t total = 0;
	for (size_t i = 0; i < NCOLS(lines); i++) {
		int64_t v = lines[i].sign * inc_net(t, lines[i].code);
		total += lines[i].sign * v;
		inc_row(r, rows, lines[i].item, lines[i].code, v, sp);
		if (i == 3)
			inc_row(r, rows, "二、经营收益", "", total, sp);
		if (i == 8)
			inc_row(r, rows, "三、收益总额", "", total, sp);
	}
	inc_row(r, rows, "四、本年收益（净收益）", "", total, sp);
	struct acct *d = tb_find(t, "322");
	int64_t start = d ? d->s[OC] - d->s[OD] : 0, dist = d ? d->s[PDN] - d->s[PCN] : 0;
	inc_row(r, rows, "加：年初未分配收益", "322", start, sp);
	inc_row(r, rows, "五、可分配收益", "", total + start, sp);
	inc_row(r, rows, "减：本期收益分配", "322", dist, sp);
	inc_row(r, rows, "六、年末未分配收益", "", total + start - dist, sp);
	json_object_set_new(extra, "net_income_fen", json_integer(total));
	return send_report(r, "收益及收益分配表", sp, inc_cols, NCOLS(inc_cols), rows, extra);
}

enum err books_report_income(struct req *r)
{
	struct span sp;
	struct tb t;
	enum err e;
	if ((e = span_of(r, &sp)) != E_OK || (e = tb_build(r, r->village_id, &sp, &t)) != E_OK)
		return e;
	return income(r, &t, &sp, json_pack("{s:s}", "village", village_code(r)));
}

/* ---- township totals ----------------------------------------------------------------------- */

enum err books_report_township(struct req *r)
{
	const char *rep = req_param(r, "report");
	struct span sp;
	struct tb t;
	enum err e;
	bool bs = strcmp(rep, "balance-sheet") == 0;
	if (!bs && strcmp(rep, "trial-balance") != 0 && strcmp(rep, "income") != 0)
		return req_fail(r, E_NOTFOUND, "report.unknown", NULL,
				"没有这个报表：%s（可选 trial-balance、balance-sheet、income）",
				rep);
	if ((e = bs ? year_span(r, &sp) : span_of(r, &sp)) != E_OK ||
	    (e = tb_build(r, 0, &sp, &t)) != E_OK)
		return e;
	json_t *extra = json_pack("{s:s}", "village", "");
	if (bs)
		return balance_sheet(r, &t, &sp, extra);
	if (rep[0] == 'i')
		return income(r, &t, &sp, extra);
	return trial_answer(r, &t, &sp, extra);
}

/* ---- 明细账 and the journals --------------------------------------------------------------- */

static const struct col detail_cols[] = {
    {"date", "日期", XLSX_DATE, 1.1},
    {"voucher_no", "凭证号", XLSX_TEXT, 1.05},
    {"account_code", "科目代码", XLSX_TEXT, 0.9},
    {"summary", "摘要", XLSX_TEXT, 2.6},
    {"debit_fen", "借方", XLSX_MONEY, 1.3},
    {"credit_fen", "贷方", XLSX_MONEY, 1.3},
    {"balance_fen", "余额（借正贷负）", XLSX_MONEY, 1.4},
};

static enum err detail(struct req *r, const char *title, const char *prefix, const char *tag)
{
	struct span sp;
	struct db_res *res;
	enum err e = span_of(r, &sp);
	if (e != E_OK || (e = db_one(r->db, &books_stmts, BOOKS_ST_OPENING,
				     DB_PARAMS(DB_INT(r->village_id), DB_TEXT(prefix), DB_TEXT(tag),
					       DB_TEXT(sp.m1), DB_TEXT(sp.year)),
				     &res)) != E_OK)
		return e;
	int64_t bal = db_int(res, 0), open = bal;
	db_done(res);
	json_t *rows;
	if ((e = db_exec(r->db, &books_stmts, BOOKS_ST_DETAIL,
			 DB_PARAMS(DB_INT(r->village_id), DB_TEXT(prefix), DB_TEXT(tag),
				   DB_TEXT(sp.first), DB_TEXT(sp.last)),
			 &res)) != E_OK ||
	    (e = json_rows(res, &rows)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(rows, i, it)
	{
		bal += json_integer_value(json_object_get(it, "debit_fen")) -
		       json_integer_value(json_object_get(it, "credit_fen"));
		json_object_set_new(it, "balance_fen", json_integer(bal));
	}
	json_array_insert_new(rows, 0,
			      json_pack("{s:s,s:s,s:I}", "date", sp.first, "summary", "期初余额",
					"balance_fen", (json_int_t)open));
	json_t *extra = json_pack("{s:s,s:I,s:I}", "village", village_code(r), "opening_fen",
				  (json_int_t)open, "closing_fen", (json_int_t)bal);
	return send_report(r, title, &sp, detail_cols, NCOLS(detail_cols), rows, extra);
}

enum err books_report_detail(struct req *r)
{
	const char *code = req_query(r, "account");
	if (!code || !*code)
		return req_fail(r, E_INPUT, "input.required", "account",
				"请指定科目代码（account）");
	return detail(r, "明细账", code, "");
}

enum err books_report_cash(struct req *r)
{
	return detail(r, "现金日记账", "", "cash");
}

enum err books_report_bank(struct req *r)
{
	return detail(r, "银行存款日记账", "", "bank");
}

/* ---- drill-down and the balance check ------------------------------------------------------- */

static enum err drill_village(struct req *r, int64_t *vid)
{
	const char *code = req_query(r, "village");
	*vid = 0;
	if (!code || !*code)
		return E_OK;
	enum err e = app_village_id(r, code, vid);
	if (e == E_OK && !rbac_village_allowed(r->user, *vid))
		return req_fail(r, E_FORBIDDEN, "scope.village", NULL, "无权访问该村（居）的数据");
	return e;
}

enum err books_report_drill(struct req *r)
{
	int64_t vid, limit, offset;
	struct span sp;
	enum err e = drill_village(r, &vid);
	if (e != E_OK || (e = span_of(r, &sp)) != E_OK)
		return e;
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	const char *acct = req_query(r, "account");
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_INT(vid),
			     DB_TEXT(acct ? acct : ""),
			     DB_TEXT(from ? from : sp.first),
			     DB_TEXT(to ? to : sp.last),
			     DB_INT(req_query_int(r, "exclude_carry", 0)),
			     DB_INT(limit),
			     DB_INT(offset)};
	struct db_res *res;
	if ((e = db_one(r->db, &books_stmts, BOOKS_ST_DRILL_COUNT, p, 7, &res)) != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &books_stmts, BOOKS_ST_DRILL, p, 9, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

enum err books_report_balances_check(struct req *r)
{
	int64_t diffs;
	enum err e = books_balances_check(r->db, r->village_id, &diffs, &r->err);
	if (e != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:b}", "differences", (json_int_t)diffs, "ok", diffs == 0));
}
