/*
 * The books' own rules, shared by the API, the importer, the period close and
 * the tests: the standard chart seeded from the embedded CSV, the checks every
 * voucher passes (balance, leaf accounts of its village, open period, amounts),
 * voucher numbers per village and year taken from a counter row inside the
 * write transaction (locked on PostgreSQL) so that they have neither gaps nor
 * duplicates, insertion with its log entry, posting with the per-month and
 * per-year balances, and the check of those balances against a recomputation.
 * It must not see HTTP: it takes a connection or a write transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "power.h"
#include "core/csvio.h"
#include "core/domain_data.h"
#include "core/money.h"

#define MAX_LINE_FEN 100000000000000LL /* 1 万亿 yuan: no single line is larger */

/* ---- the batch of an import: lookups cached, balances and numbers deferred ------- */

struct hent {
	char *key;    /* NULL = empty slot */
	int64_t v[6]; /* meaning depends on the map */
	char *text;   /* accounts: name; balances: period */
};

struct hmap {
	struct hent *e; /* slots */
	size_t cap;	/* a power of two */
	size_t n;	/* used */
};

struct books_batch {
	struct arena a;	      /* keys and texts */
	struct hmap accts;    /* "vid|code" → id, own, leaf, found */
	struct hmap periods;  /* "vid|YYYY-MM" → closed */
	struct hmap bal;      /* "vid|acct|period|carry" → vid, acct, carry, debit, credit */
	struct hmap seq;      /* "vid|year" → vid, year, max seq */
	struct hmap villages; /* "vid" → village touched */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 0xCBF29CE484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001B3ull;
	return h;
}

static struct hent *hput(struct hmap *m, struct arena *a, const char *key, bool *fresh);

static void hgrow(struct hmap *m, struct arena *a)
{
	struct hmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 256;
	m->e = calloc(m->cap, sizeof(*m->e));
	if (!m->e)
		abort();
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.e[i].key) {
			bool f;
			struct hent *h = hput(m, a, old.e[i].key, &f);
			memcpy(h->v, old.e[i].v, sizeof(h->v));
			h->text = old.e[i].text;
		}
	free(old.e);
}

/* The entry of key, added (zeroed, *fresh true) when absent. */
static struct hent *hput(struct hmap *m, struct arena *a, const char *key, bool *fresh)
{
	if ((m->n + 1) * 10 > m->cap * 7)
		hgrow(m, a);
	size_t i = hash(key) & (m->cap - 1);
	while (m->e[i].key && strcmp(m->e[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	*fresh = !m->e[i].key;
	if (*fresh) {
		m->e[i].key = arena_strdup(a, key);
		m->n++;
	}
	return &m->e[i];
}

struct books_batch *books_batch_new(void)
{
	struct books_batch *b = calloc(1, sizeof(*b));
	if (!b)
		abort();
	arena_init(&b->a);
	return b;
}

void books_batch_free(struct books_batch *b)
{
	if (!b)
		return;
	free(b->accts.e);
	free(b->periods.e);
	free(b->bal.e);
	free(b->seq.e);
	free(b->villages.e);
	arena_release(&b->a);
	free(b);
}

/* ---- the standard chart ------------------------------------------------------- */

static enum err seed_row(struct trail_ctx *tc, char *const *cell, size_t n, struct errinfo *ei)
{
	if (n < 6 || !cell[0][0])
		return E_OK;
	struct db_res *res;
	enum err e =
	    db_one(tc->db, &books_stmts, BOOKS_ST_ACCOUNT_INSERT,
		   DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_NULL, DB_TEXT(cell[0]), DB_TEXT(cell[1]),
			     DB_OPT(cell[2]), DB_TEXT(cell[3]), DB_TEXT(cell[4]), DB_TEXT(cell[5])),
		   &res);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return trail_row(tc, &books_tables[BOOKS_T_ACCOUNTS], id, "account.seed", ei);
}

enum err books_chart_ensure(struct trail_ctx *tc, struct errinfo *ei)
{
	struct db_res *res;
	enum err e =
	    db_one(tc->db, &books_stmts, BOOKS_ST_STD_COUNT, DB_PARAMS(DB_TEXT(BOOKS_CHART)), &res);
	if (e != E_OK)
		return e;
	int64_t n = db_int(res, 0);
	db_done(res);
	if (n > 0)
		return E_OK;
	const struct domain_file *f = domain_file_find("chart_of_accounts.csv");
	if (!f)
		return err_set(ei, E_INTERNAL, "books.chart", NULL, "程序中缺少标准科目表");
	struct arena a;
	arena_init(&a);
	struct table t;
	e = table_read_mem(&a, f->name, f->data, f->len, &t, ei);
	for (size_t i = 1; e == E_OK && i < t.nrows; i++)
		e = seed_row(tc, t.rows[i].cells, t.rows[i].ncells, ei);
	arena_release(&a);
	return e;
}

/* ---- checks ---------------------------------------------------------------------- */

static enum err period_closed(struct db_conn *c, int64_t vid, const char *period,
			      struct books_batch *b, bool *closed)
{
	char key[40];
	bool fresh = true;
	struct hent *h = NULL;
	if (b) {
		snprintf(key, sizeof(key), "%lld|%s", (long long)vid, period);
		h = hput(&b->periods, &b->a, key, &fresh);
	}
	if (!fresh) {
		*closed = h->v[0];
		return E_OK;
	}
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_PERIOD_CLOSED,
			    DB_PARAMS(DB_INT(vid), DB_TEXT(period)), &res);
	*closed = e == E_OK;
	if (e == E_OK)
		db_done(res);
	else if (e != E_NOTFOUND)
		return e;
	if (h)
		h->v[0] = *closed;
	return E_OK;
}

static enum err period_open(struct db_conn *c, int64_t village_id, const char *date,
			    struct books_batch *b, struct errinfo *ei)
{
	char period[8];
	bool closed;
	snprintf(period, sizeof(period), "%.7s", date);
	enum err e = period_closed(c, village_id, period, b, &closed);
	if (e != E_OK || !closed)
		return e;
	return err_set(ei, E_RULE, "voucher.period_closed", "date",
		       "%s 会计期间已结账，不能再录入或记账（更正请在未结账期间填制红字冲销凭证）",
		       period);
}

enum err books_period_open(struct db_conn *c, int64_t village_id, const char *date,
			   struct errinfo *ei)
{
	return period_open(c, village_id, date, NULL, ei);
}

static enum err check_amounts(const struct books_line *l, size_t i, bool red, struct errinfo *ei)
{
	if (!red && (l->debit_fen < 0 || l->credit_fen < 0))
		return err_set(ei, E_RULE, "voucher.negative", "lines",
			       "第%zu行：金额不能为负数（更正已记账凭证请用红字冲销）", i + 1);
	if ((l->debit_fen != 0) == (l->credit_fen != 0))
		return err_set(ei, E_RULE, "voucher.line_amount", "lines",
			       l->debit_fen ? "第%zu行：借方和贷方只能填一方"
					    : "第%zu行：借方或贷方须填写金额",
			       i + 1);
	if (llabs(l->debit_fen) > MAX_LINE_FEN || llabs(l->credit_fen) > MAX_LINE_FEN)
		return err_set(ei, E_RULE, "voucher.line_amount", "lines", "第%zu行：金额过大",
			       i + 1);
	return E_OK;
}

struct acct_info {
	int64_t id;	  /* book_accounts.id, 0 when the code is unknown */
	bool own;	  /* standard or the village's own */
	bool leaf;	  /* no children in the village */
	const char *name; /* 科目名称 */
};

static enum err acct_lookup(struct db_conn *c, int64_t vid, const char *code, struct books_batch *b,
			    struct arena *a, struct acct_info *out)
{
	char key[64];
	bool fresh = true;
	struct hent *h = NULL;
	if (b) {
		snprintf(key, sizeof(key), "%lld|%.40s", (long long)vid, code);
		h = hput(&b->accts, &b->a, key, &fresh);
		a = &b->a;
	}
	if (!fresh) {
		*out = (struct acct_info){h->v[0], h->v[1], h->v[2], h->text};
		return E_OK;
	}
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_ACCOUNT_FIND,
			    DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid), DB_TEXT(code)), &res);
	memset(out, 0, sizeof(*out));
	if (e == E_OK) {
		*out = (struct acct_info){db_int(res, 0), db_int(res, 7), db_int(res, 6),
					  db_text_dup(a, res, 2)};
		db_done(res);
	} else if (e != E_NOTFOUND) {
		return e;
	}
	if (h) {
		h->v[0] = out->id, h->v[1] = out->own, h->v[2] = out->leaf;
		h->text = (char *)out->name;
	}
	return E_OK;
}

static enum err resolve_account(struct db_conn *c, int64_t vid, struct books_line *l, size_t i,
				struct books_batch *b, struct errinfo *ei)
{
	const char *code = l->account_code ? l->account_code : "";
	struct arena a;
	arena_init(&a);
	struct acct_info ai;
	enum err e = acct_lookup(c, vid, code, b, &a, &ai);
	if (e == E_OK && !ai.id)
		e = err_set(ei, E_RULE, "voucher.account_unknown", "lines",
			    "第%zu行：科目代码 %s 不在科目表中", i + 1, code);
	else if (e == E_OK && !ai.own)
		e = err_set(ei, E_RULE, "voucher.account_other_village", "lines",
			    "第%zu行：科目 %s %s 是其他村（居）的明细科目，不能使用", i + 1, code,
			    ai.name);
	else if (e == E_OK && !ai.leaf)
		e = err_set(ei, E_RULE, "voucher.account_not_leaf", "lines",
			    "第%zu行：科目 %s %s 设有下级科目，只能记入末级科目", i + 1, code,
			    ai.name);
	l->account_id = ai.id;
	arena_release(&a);
	return e;
}

enum err books_voucher_check(struct db_conn *c, struct books_voucher *v, struct books_batch *b,
			     struct errinfo *ei)
{
	if (v->nlines < 2)
		return err_set(ei, E_RULE, "voucher.lines", "lines", "凭证至少要有借贷两行分录");
	bool red = strcmp(v->source, "冲销") == 0 || strcmp(v->source, "导入") == 0;
	int64_t dr = 0, cr = 0;
	enum err e;
	for (size_t i = 0; i < v->nlines; i++) {
		if ((e = check_amounts(&v->lines[i], i, red, ei)) != E_OK ||
		    (e = resolve_account(c, v->village_id, &v->lines[i], i, b, ei)) != E_OK)
			return e;
		dr += v->lines[i].debit_fen;
		cr += v->lines[i].credit_fen;
	}
	if (dr != cr) {
		char d[MONEY_BUF], k[MONEY_BUF];
		money_format_grouped(dr, d);
		money_format_grouped(cr, k);
		return err_set(ei, E_RULE, "voucher.unbalanced", "lines",
			       "借贷不平衡：借方合计 %s 元，贷方合计 %s 元", d, k);
	}
	return period_open(c, v->village_id, v->date, b, ei);
}

/* ---- numbers ----------------------------------------------------------------------- */

/* "2025-0042" → year 2025, seq 42; false when not of that shape. */
static bool parse_no(const char *no, int *year, int64_t *seq)
{
	size_t n = no ? strlen(no) : 0;
	if (n < 6 || n > 11 || no[4] != '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (i != 4 && (no[i] < '0' || no[i] > '9'))
			return false;
	*year = atoi(no);
	*seq = atoll(no + 5);
	return *seq > 0;
}

static enum err seq_last(struct db_conn *c, int64_t vid, int year, int64_t *last)
{
	enum err e = db_exec(c, &books_stmts, BOOKS_ST_SEQ_ENSURE,
			     DB_PARAMS(DB_INT(vid), DB_INT(year)), NULL);
	struct db_res *res;
	if (e != E_OK || (e = db_one(c, &books_stmts, BOOKS_ST_SEQ_LOCK,
				     DB_PARAMS(DB_INT(vid), DB_INT(year)), &res)) != E_OK)
		return e;
	*last = db_int(res, 0);
	return db_done(res);
}

/* The number: the next one, or the one given (checked: the next free
 * one; in a batch, any number, whose gaps books_batch_flush refuses). */
static enum err take_number(struct db_conn *c, struct books_voucher *v, struct books_batch *b,
			    int *year, int64_t *seq, struct errinfo *ei)
{
	int64_t last = 0;
	*year = atoi(v->date);
	*seq = 0;
	if (v->voucher_no && !parse_no(v->voucher_no, year, seq))
		return err_set(ei, E_INPUT, "voucher.no_format", "voucher_no",
			       "凭证号格式应为“年度-序号”，例如 2025-0042：%s", v->voucher_no);
	if (v->voucher_no && *year != atoi(v->date))
		return err_set(ei, E_RULE, "voucher.no_year", "voucher_no",
			       "凭证号 %s 的年度与凭证日期 %s 不符", v->voucher_no, v->date);
	if (b && v->voucher_no) {
		char key[40];
		bool fresh;
		snprintf(key, sizeof(key), "%lld|%d", (long long)v->village_id, *year);
		struct hent *h = hput(&b->seq, &b->a, key, &fresh);
		h->v[0] = v->village_id, h->v[1] = *year;
		h->v[2] = *seq > h->v[2] ? *seq : h->v[2];
		return E_OK;
	}
	enum err e = seq_last(c, v->village_id, *year, &last);
	if (e != E_OK)
		return e;
	if (!v->voucher_no)
		*seq = last + 1;
	else if (*seq <= last)
		return err_set(ei, E_CONFLICT, "voucher.duplicate_no", "voucher_no",
			       "凭证号 %s 已被使用，不能重号", v->voucher_no);
	else if (*seq != last + 1)
		return err_set(ei, E_RULE, "voucher.number_gap", "voucher_no",
			       "凭证号不能跳号：%d 年下一个凭证号应为 %d-%04lld", *year, *year,
			       (long long)(last + 1));
	return db_exec(c, &books_stmts, BOOKS_ST_SEQ_SET,
		       DB_PARAMS(DB_INT(v->village_id), DB_INT(*year), DB_INT(*seq)), NULL);
}

enum err books_seq_verify(struct db_conn *c, int64_t village_id, struct errinfo *ei)
{
	struct db_res *res;
	enum err e =
	    db_one(c, &books_stmts, BOOKS_ST_SEQ_CHECK, DB_PARAMS(DB_INT(village_id)), &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	err_set(ei, E_RULE, "voucher.number_gap", "voucher_no",
		"凭证号不连续：%lld 年共有 %lld 张凭证，最大号为 %lld-%04lld",
		(long long)db_int(res, 0), (long long)db_int(res, 1), (long long)db_int(res, 0),
		(long long)db_int(res, 2));
	db_done(res);
	return E_RULE;
}

/* ---- insertion and posting ------------------------------------------------------------ */

static enum err apply_balances(struct db_conn *c, int64_t id)
{
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_IS_CARRY, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	int64_t carry = db_int(res, 0) > 0;
	db_done(res);
	if ((e = db_exec(c, &books_stmts, BOOKS_ST_BALANCE_ADD,
			 DB_PARAMS(DB_INT(id), DB_INT(1), DB_INT(carry)), NULL)) != E_OK)
		return e;
	return db_exec(c, &books_stmts, BOOKS_ST_BALANCE_ADD,
		       DB_PARAMS(DB_INT(id), DB_INT(0), DB_INT(carry)), NULL);
}

static void batch_add(struct books_batch *b, int64_t vid, int64_t acct, const char *period,
		      int carry, const struct books_line *l)
{
	char key[64];
	bool fresh;
	snprintf(key, sizeof(key), "%lld|%lld|%s|%d", (long long)vid, (long long)acct, period,
		 carry);
	struct hent *h = hput(&b->bal, &b->a, key, &fresh);
	if (fresh) {
		h->v[0] = vid, h->v[1] = acct, h->v[2] = carry;
		h->text = arena_strdup(&b->a, period);
	}
	h->v[3] += l->debit_fen;
	h->v[4] += l->credit_fen;
}

/* The balances a posted voucher adds, kept in the batch until the flush. */
static void batch_balances(struct books_batch *b, const struct books_voucher *v)
{
	int carry = 0;
	char month[8], year[6];
	for (size_t i = 0; i < v->nlines; i++)
		carry |= strncmp(v->lines[i].account_code, "321", 3) == 0;
	snprintf(month, sizeof(month), "%.7s", v->date);
	snprintf(year, sizeof(year), "Y%.4s", v->date);
	for (size_t i = 0; i < v->nlines; i++) {
		batch_add(b, v->village_id, v->lines[i].account_id, month, carry, &v->lines[i]);
		batch_add(b, v->village_id, v->lines[i].account_id, year, carry, &v->lines[i]);
	}
	char key[24];
	bool fresh;
	snprintf(key, sizeof(key), "%lld", (long long)v->village_id);
	hput(&b->villages, &b->a, key, &fresh)->v[0] = v->village_id;
}

static enum err flush_seq(struct db_conn *c, const struct hent *h, struct errinfo *ei)
{
	int64_t last;
	(void)ei;
	enum err e = seq_last(c, h->v[0], (int)h->v[1], &last);
	if (e != E_OK || h->v[2] <= last)
		return e;
	return db_exec(c, &books_stmts, BOOKS_ST_SEQ_SET,
		       DB_PARAMS(DB_INT(h->v[0]), DB_INT(h->v[1]), DB_INT(h->v[2])), NULL);
}

/* Balances in key order, so that the upserts walk the table's index. */
static int bal_cmp(const void *x, const void *y)
{
	const struct hent *a = *(const struct hent *const *)x, *c = *(const struct hent *const *)y;
	for (int k = 0; k < 2; k++)
		if (a->v[k] != c->v[k])
			return a->v[k] < c->v[k] ? -1 : 1;
	int t = strcmp(a->text, c->text);
	return t ? t : (a->v[2] > c->v[2]) - (a->v[2] < c->v[2]);
}

static enum err flush_balances(struct db_conn *c, struct books_batch *b)
{
	const struct hent **sorted = malloc((b->bal.n + 1) * sizeof(*sorted));
	if (!sorted)
		abort();
	size_t n = 0;
	for (size_t i = 0; i < b->bal.cap; i++)
		if (b->bal.e[i].key)
			sorted[n++] = &b->bal.e[i];
	qsort(sorted, n, sizeof(*sorted), bal_cmp);
	enum err e = E_OK;
	for (size_t i = 0; i < n && e == E_OK; i++) {
		const struct hent *h = sorted[i];
		e = db_exec(c, &books_stmts, BOOKS_ST_BALANCE_ADD_ONE,
			    DB_PARAMS(DB_INT(h->v[0]), DB_INT(h->v[1]), DB_TEXT(h->text),
				      DB_INT(h->v[2]), DB_INT(h->v[3]), DB_INT(h->v[4])),
			    NULL);
	}
	free(sorted);
	return e;
}

enum err books_batch_flush(struct trail_ctx *tc, struct books_batch *b, struct errinfo *ei)
{
	enum err e = flush_balances(tc->db, b);
	for (size_t i = 0; i < b->seq.cap && e == E_OK; i++)
		if (b->seq.e[i].key)
			e = flush_seq(tc->db, &b->seq.e[i], ei);
	for (size_t i = 0; i < b->villages.cap && e == E_OK; i++)
		if (b->villages.e[i].key)
			e = books_seq_verify(tc->db, b->villages.e[i].v[0], ei);
	return e;
}

static enum err insert_lines(struct db_conn *c, const struct books_voucher *v, int64_t id)
{
	enum err e = E_OK;
	for (size_t i = 0; i < v->nlines && e == E_OK; i++) {
		const struct books_line *l = &v->lines[i];
		const char *summary = l->summary && *l->summary ? l->summary : v->summary;
		e = db_exec(c, &books_stmts, BOOKS_ST_LINE_INSERT,
			    DB_PARAMS(DB_INT(v->village_id), DB_INT(id), DB_INT((int64_t)i + 1),
				      DB_INT(l->account_id), DB_TEXT(summary ? summary : ""),
				      DB_INT(l->debit_fen), DB_INT(l->credit_fen),
				      DB_OPT(l->counterparty), DB_OPT(l->counterparty_id),
				      DB_OPT(l->bank_account)),
			    NULL);
	}
	return e;
}

static const char *create_action(const char *source)
{
	if (strcmp(source, "导入") == 0)
		return "voucher.import";
	if (strcmp(source, "冲销") == 0)
		return "voucher.reverse";
	if (strcmp(source, "结转") == 0)
		return "voucher.carry_forward";
	return "voucher.create";
}

static int64_t total_debit(const struct books_voucher *v)
{
	int64_t t = 0;
	for (size_t i = 0; i < v->nlines; i++)
		t += v->lines[i].debit_fen;
	return t;
}

enum err books_voucher_insert(struct trail_ctx *tc, struct books_voucher *v, struct books_batch *b,
			      int64_t *id, struct errinfo *ei)
{
	struct db_conn *c = tc->db;
	int year;
	int64_t seq;
	enum err e = take_number(c, v, b, &year, &seq, ei);
	if (e != E_OK)
		return e;
	char no[16];
	snprintf(no, sizeof(no), "%04d-%04lld", year, (long long)seq);
	bool posted = strcmp(v->status, "posted") == 0;
	struct db_res *res;
	e = db_one(c, &books_stmts, BOOKS_ST_VOUCHER_INSERT,
		   DB_PARAMS(DB_INT(v->village_id), DB_INT(year), DB_INT(seq), DB_TEXT(no),
			     DB_TEXT(v->date), DB_TEXT(v->summary), DB_TEXT(v->source),
			     DB_TEXT(v->status), v->maker_id ? DB_INT(v->maker_id) : DB_NULL,
			     DB_OPT(v->maker), DB_OPT(v->pay_method), DB_OPT(v->handler),
			     DB_OPT(v->approver), DB_OPT(v->entered_at), DB_OPT(v->matter_no),
			     DB_OPT(v->project_no), DB_OPT(v->contract_no),
			     v->reverses_id ? DB_INT(v->reverses_id) : DB_NULL,
			     DB_INT(total_debit(v)), posted ? DB_OPT(v->entered_at) : DB_NULL,
			     posted ? DB_OPT(v->maker) : DB_NULL),
		   &res);
	if (e == E_NOTFOUND)
		return err_set(ei, E_CONFLICT, "voucher.duplicate_no", "voucher_no",
			       "凭证号 %s 已存在，不能重号", no);
	if (e == E_CONFLICT && v->reverses_id)
		return err_set(ei, E_CONFLICT, "voucher.already_reversed", NULL,
			       "该凭证已有红字冲销凭证，不能重复冲销");
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	if ((e = insert_lines(c, v, *id)) != E_OK)
		return e;
	if (posted && b)
		batch_balances(b, v);
	else if (posted && (e = apply_balances(c, *id)) != E_OK)
		return e;
	return trail_row(tc, &books_tables[BOOKS_T_VOUCHERS], *id, create_action(v->source), ei);
}

/* Spending that reaches the township's decision threshold needs the village's
 * collective decision first (五议两公开): the voucher must cite a matter with a
 * 决议 dated on or before it.  The paid amount is rules.md's: credits exceeding
 * debits on 库存现金 (101…) and 银行存款 (102…) lines.  Entered vouchers only:
 * imported legacy books are history, checked by the red-flag rules instead. */
static enum err check_decision(struct db_conn *c, const struct books_voucher *v,
			       struct errinfo *ei)
{
	int64_t paid = 0;
	for (size_t i = 0; i < v->nlines; i++) {
		const char *code = v->lines[i].account_code;
		if (code && (strncmp(code, "101", 3) == 0 || strncmp(code, "102", 3) == 0))
			paid += v->lines[i].credit_fen - v->lines[i].debit_fen;
	}
	if (paid <= 0)
		return E_OK;
	struct power_params p;
	enum err e = power_params_of_village(c, v->village_id, &p);
	if (e != E_OK || paid < p.decision_threshold_fen)
		return e;
	bool resolved = false;
	if (v->matter_no && *v->matter_no &&
	    (e = power_matter_resolved(c, v->village_id, v->matter_no, v->date, &resolved)) != E_OK)
		return e;
	if (resolved)
		return E_OK;
	char a[MONEY_BUF], b[MONEY_BUF];
	money_format_grouped(paid, a);
	money_format_grouped(p.decision_threshold_fen, b);
	return err_set(ei, E_RULE, "voucher.needs_decision", "matter_no",
		       "支付 %s 元达到本镇集体决策标准（%s 元）：须注明已作出决议（决议日期不晚于凭证日期 "
		       "%s）的决策事项编号",
		       a, b, v->date);
}

enum err books_voucher_create(struct trail_ctx *tc, struct books_voucher *v, int64_t *id,
			      struct errinfo *ei)
{
	enum err e;
	if (!v->summary || !*v->summary)
		v->summary = v->lines && v->nlines ? v->lines[0].summary : NULL;
	if (!v->summary || !*v->summary)
		return err_set(ei, E_INPUT, "voucher.summary", "summary", "请填写摘要");
	if ((e = books_chart_ensure(tc, ei)) != E_OK ||
	    (e = books_voucher_check(tc->db, v, NULL, ei)) != E_OK ||
	    (e = check_decision(tc->db, v, ei)) != E_OK)
		return e;
	return books_voucher_insert(tc, v, NULL, id, ei);
}

enum err books_voucher_post(struct trail_ctx *tc, int64_t id, const char *by, struct errinfo *ei)
{
	struct db_res *res;
	enum err e =
	    db_one(tc->db, &books_stmts, BOOKS_ST_VOUCHER_HEAD, DB_PARAMS(DB_INT(id)), &res);
	if (e == E_NOTFOUND)
		return err_set(ei, E_NOTFOUND, "voucher.not_found", NULL, "凭证不存在");
	if (e != E_OK)
		return e;
	int64_t vid = db_int(res, 1);
	char date[11], status[16], now[32];
	snprintf(date, sizeof(date), "%s", db_text(res, 5));
	snprintf(status, sizeof(status), "%s", db_text(res, 8));
	db_done(res);
	if (strcmp(status, "approved") != 0)
		return err_set(
		    ei, E_RULE, "voucher.not_approved", NULL,
		    strcmp(status, "posted") == 0
			? "凭证已记账，不能重复记账"
			: "凭证尚未完成审批（经办、证明、监委会审核、书记审批、镇审核），不能记账");
	if ((e = books_period_open(tc->db, vid, date, ei)) != E_OK)
		return e;
	app_timestamp(tc->now_us, now);
	if ((e = db_exec(tc->db, &books_stmts, BOOKS_ST_VOUCHER_POST,
			 DB_PARAMS(DB_INT(id), DB_TEXT(now), DB_TEXT(by)), NULL)) != E_OK ||
	    (e = apply_balances(tc->db, id)) != E_OK)
		return e;
	return trail_row(tc, &books_tables[BOOKS_T_VOUCHERS], id, "voucher.post", ei);
}

enum err books_lines_text(struct db_conn *c, int64_t voucher_id, struct arena *a, char **out)
{
	struct db_res *res;
	enum err e =
	    db_one(c, &books_stmts, BOOKS_ST_LINES_TEXT, DB_PARAMS(DB_INT(voucher_id)), &res);
	if (e != E_OK)
		return e;
	*out = db_isnull(res, 0) ? arena_strdup(a, "") : db_text_dup(a, res, 0);
	return db_done(res);
}

enum err books_balances_check(struct db_conn *c, int64_t village_id, int64_t *diffs,
			      struct errinfo *ei)
{
	(void)ei;
	struct db_res *res;
	enum err e =
	    db_one(c, &books_stmts, BOOKS_ST_TB_RECOMPUTE, DB_PARAMS(DB_INT(village_id)), &res);
	if (e != E_OK)
		return e;
	*diffs = db_int(res, 0);
	return db_done(res);
}
