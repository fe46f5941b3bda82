/*
 * The books' own rules, shared by the API, the importer, the period close and
 * the tests: the standard chart seeded from the embedded CSV, the checks every
 * voucher passes (balance, leaf accounts of its village, open period, amounts),
 * voucher numbers per village and year taken from a counter row inside the
 * write transaction (locked on PostgreSQL) so that they have neither gaps nor
 * duplicates, insertion with its log entry (an import's batch builds the entry
 * from what it inserted), posting with the month, year and opening balances
 * (sql/{sqlite,pg}/books/0002_opening.sql), and the check of those balances
 * against a recomputation.
 * It must not see HTTP: it takes a connection or a write transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "power.h"
#include "core/buf.h"
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

/* A balance the batch adds to, keyed by village, account, period and carry. */
struct bal {
	int64_t vid;   /* village; 0 = empty slot */
	int64_t acct;  /* account */
	int32_t key;   /* year * 16 + month (1..12), or year * 16 for the year row */
	int32_t carry; /* 1 for carry-forward vouchers */
	int64_t d, c;  /* debit and credit added */
};

struct balmap {
	struct bal *e; /* slots */
	size_t cap;    /* a power of two */
	size_t n;      /* used */
};

struct books_batch {
	struct arena a;	      /* keys and texts */
	struct hmap accts;    /* "vid|code" → id, own, leaf, found */
	struct hmap periods;  /* "vid|YYYY-MM" → closed */
	struct balmap bal;    /* balances to add at the flush */
	struct hmap seq;      /* "vid|year" → vid, year, max seq */
	struct hmap villages; /* "vid" → vid, last posted year, head year at the flush */
	int64_t last_vid;     /* village of the last posted voucher (villages cache) */
	int64_t last_year;    /* its last posted year so far */
	struct buf log;	      /* scratch for log values */
	struct buf lines;     /* scratch for a voucher's lines text */
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
	buf_init(&b->log);
	buf_init(&b->lines);
	return b;
}

static size_t bal_slot(const struct balmap *m, int64_t vid, int64_t acct, int32_t key,
		       int32_t carry)
{
	uint64_t h = (uint64_t)vid * 0x9E3779B97F4A7C15ull ^
		     (uint64_t)acct * 0xC2B2AE3D27D4EB4Full ^
		     ((uint64_t)(uint32_t)key << 1 | (uint64_t)carry) * 0x165667B19E3779F9ull;
	size_t i = (h ^ h >> 29) & (m->cap - 1);
	while (m->e[i].vid && (m->e[i].vid != vid || m->e[i].acct != acct || m->e[i].key != key ||
			       m->e[i].carry != carry))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void bal_add(struct balmap *m, int64_t vid, int64_t acct, int32_t key, int32_t carry,
		    int64_t d, int64_t c)
{
	if ((m->n + 1) * 10 > m->cap * 7) {
		struct balmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 1024;
		m->e = calloc(m->cap, sizeof(*m->e));
		if (!m->e)
			abort();
		for (size_t i = 0; i < old.cap; i++)
			if (old.e[i].vid)
				m->e[bal_slot(m, old.e[i].vid, old.e[i].acct, old.e[i].key,
					      old.e[i].carry)] = old.e[i];
		free(old.e);
	}
	struct bal *e = &m->e[bal_slot(m, vid, acct, key, carry)];
	if (!e->vid) {
		*e = (struct bal){vid, acct, key, carry, 0, 0};
		m->n++;
	}
	e->d += d;
	e->c += c;
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
	buf_release(&b->log);
	buf_release(&b->lines);
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

/* ---- opening rows: "O2025" = every posted line before 2025, up to the head year --------- */

static void open_key(char out[16], int64_t year)
{
	snprintf(out, 16, "O%04lld", (long long)year);
}

/* The village's head year (0: nothing posted yet), locked on PostgreSQL. */
static enum err open_head(struct db_conn *c, int64_t vid, int64_t *year)
{
	struct db_res *res;
	enum err e =
	    db_exec(c, &books_stmts, BOOKS_ST_OPEN_HEAD_ENSURE, DB_PARAMS(DB_INT(vid)), NULL);
	if (e != E_OK || (e = db_one(c, &books_stmts, BOOKS_ST_OPEN_HEAD_LOCK,
				     DB_PARAMS(DB_INT(vid)), &res)) != E_OK)
		return e;
	*year = db_int(res, 0);
	return db_done(res);
}

/* Move the head from h to `to`: the years between open with everything, as
 * nothing is posted in a year at or after the head. */
static enum err open_extend(struct db_conn *c, int64_t vid, int64_t h, int64_t to)
{
	char from[16], key[16];
	enum err e = E_OK;
	if (to == h)
		return E_OK;
	open_key(from, h);
	for (int64_t k = h + 1; h && k <= to && e == E_OK; k++) {
		open_key(key, k);
		e = db_exec(c, &books_stmts, BOOKS_ST_OPEN_COPY,
			    DB_PARAMS(DB_INT(vid), DB_TEXT(from), DB_TEXT(key)), NULL);
	}
	if (e != E_OK)
		return e;
	return db_exec(c, &books_stmts, BOOKS_ST_OPEN_HEAD_SET, DB_PARAMS(DB_INT(vid), DB_INT(to)),
		       NULL);
}

/* A voucher of the year posted: it opens every later year up to the head. */
static enum err open_add(struct db_conn *c, int64_t id, int64_t vid, int64_t year)
{
	int64_t h;
	char key[16];
	enum err e = open_head(c, vid, &h);
	int64_t to = h > year ? h : year + 1;
	if (e != E_OK || (e = open_extend(c, vid, h, to)) != E_OK)
		return e;
	for (int64_t k = year + 1; k <= to && e == E_OK; k++) {
		open_key(key, k);
		e = db_exec(c, &books_stmts, BOOKS_ST_OPEN_ADD, DB_PARAMS(DB_INT(id), DB_TEXT(key)),
			    NULL);
	}
	return e;
}

static enum err apply_balances(struct db_conn *c, int64_t id, int64_t vid, int64_t year)
{
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_IS_CARRY, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	int64_t carry = db_int(res, 0) > 0;
	db_done(res);
	if ((e = db_exec(c, &books_stmts, BOOKS_ST_BALANCE_ADD,
			 DB_PARAMS(DB_INT(id), DB_INT(1), DB_INT(carry)), NULL)) != E_OK ||
	    (e = db_exec(c, &books_stmts, BOOKS_ST_BALANCE_ADD,
			 DB_PARAMS(DB_INT(id), DB_INT(0), DB_INT(carry)), NULL)) != E_OK)
		return e;
	return open_add(c, id, vid, year);
}

static struct hent *batch_village(struct books_batch *b, int64_t vid)
{
	char key[24];
	bool fresh;
	snprintf(key, sizeof(key), "%lld", (long long)vid);
	struct hent *h = hput(&b->villages, &b->a, key, &fresh);
	h->v[0] = vid;
	return h;
}

/* The balances a posted voucher adds, kept in the batch until the flush. */
static void batch_balances(struct books_batch *b, const struct books_voucher *v)
{
	int carry = 0, year = atoi(v->date), month = atoi(v->date + 5);
	for (size_t i = 0; i < v->nlines; i++)
		carry |= strncmp(v->lines[i].account_code, "321", 3) == 0;
	for (size_t i = 0; i < v->nlines; i++) {
		const struct books_line *l = &v->lines[i];
		bal_add(&b->bal, v->village_id, l->account_id, year * 16 + month, carry,
			l->debit_fen, l->credit_fen);
		bal_add(&b->bal, v->village_id, l->account_id, year * 16, carry, l->debit_fen,
			l->credit_fen);
	}
	if (b->last_vid != v->village_id || year > b->last_year) {
		struct hent *h = batch_village(b, v->village_id);
		h->v[1] = year > h->v[1] ? year : h->v[1];
		b->last_vid = v->village_id;
		b->last_year = h->v[1];
	}
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
	const struct bal *a = *(const struct bal *const *)x, *c = *(const struct bal *const *)y;
	if (a->vid != c->vid)
		return a->vid < c->vid ? -1 : 1;
	if (a->acct != c->acct)
		return a->acct < c->acct ? -1 : 1;
	if (a->key != c->key)
		return a->key < c->key ? -1 : 1;
	return (a->carry > c->carry) - (a->carry < c->carry);
}

static enum err bal_write(struct db_conn *c, int64_t vid, int64_t acct, const char *period,
			  int64_t carry, int64_t d, int64_t k)
{
	return db_exec(c, &books_stmts, BOOKS_ST_BALANCE_ADD_ONE,
		       DB_PARAMS(DB_INT(vid), DB_INT(acct), DB_TEXT(period), DB_INT(carry),
				 DB_INT(d), DB_INT(k)),
		       NULL);
}

/* The opening rows of one account of the batch: sums[i] are its year rows
 * (both carry flags) in year order; every year after the first up to the
 * village's head opens with the sum of the years before it. */
static enum err flush_openings(struct db_conn *c, int64_t vid, int64_t acct, const struct bal *sums,
			       size_t n, int64_t to)
{
	int64_t d = 0, k = 0;
	char key[16];
	enum err e = E_OK;
	size_t i = 0;
	for (int64_t y = n ? sums[0].key / 16 + 1 : to + 1; y <= to && e == E_OK; y++) {
		for (; i < n && sums[i].key / 16 < y; i++)
			d += sums[i].d, k += sums[i].c;
		if (!d && !k)
			continue;
		open_key(key, y);
		e = bal_write(c, vid, acct, key, 0, d, k);
	}
	return e;
}

static enum err flush_balances(struct db_conn *c, struct books_batch *b)
{
	const struct bal **sorted = malloc((b->bal.n + 1) * sizeof(*sorted));
	struct bal *sums = malloc((b->bal.n + 1) * sizeof(*sums));
	if (!sorted || !sums)
		abort();
	size_t n = 0, ns = 0;
	for (size_t i = 0; i < b->bal.cap; i++)
		if (b->bal.e[i].vid)
			sorted[n++] = &b->bal.e[i];
	qsort(sorted, n, sizeof(*sorted), bal_cmp);
	enum err e = E_OK;
	int64_t to = 0, to_vid = 0;
	for (size_t i = 0; i < n && e == E_OK; i++) {
		const struct bal *h = sorted[i];
		char period[16];
		if (h->key % 16)
			snprintf(period, sizeof(period), "%04d-%02d", h->key / 16, h->key % 16);
		else
			snprintf(period, sizeof(period), "Y%04d", h->key / 16);
		e = bal_write(c, h->vid, h->acct, period, h->carry, h->d, h->c);
		if (h->key % 16 == 0) {
			if (ns && sums[ns - 1].key == h->key)
				sums[ns - 1].d += h->d, sums[ns - 1].c += h->c;
			else
				sums[ns++] = *h;
		}
		if (e != E_OK ||
		    (i + 1 < n && sorted[i + 1]->vid == h->vid && sorted[i + 1]->acct == h->acct))
			continue;
		if (to_vid != h->vid) {
			to_vid = h->vid;
			to = batch_village(b, h->vid)->v[2];
		}
		e = flush_openings(c, h->vid, h->acct, sums, ns, to);
		ns = 0;
	}
	free(sums);
	free(sorted);
	return e;
}

/* Each village's head moves past the batch's last year first, so that the
 * batch's opening rows land on years that exist. */
static enum err flush_heads(struct db_conn *c, struct books_batch *b)
{
	enum err e = E_OK;
	for (size_t i = 0; i < b->villages.cap && e == E_OK; i++) {
		struct hent *v = &b->villages.e[i];
		int64_t h;
		if (!v->key || (e = open_head(c, v->v[0], &h)) != E_OK)
			continue;
		v->v[2] = h > v->v[1] ? h : v->v[1] + 1;
		e = open_extend(c, v->v[0], h, v->v[2]);
	}
	return e;
}

enum err books_batch_flush(struct trail_ctx *tc, struct books_batch *b, struct errinfo *ei)
{
	enum err e = flush_heads(tc->db, b);
	if (e == E_OK)
		e = flush_balances(tc->db, b);
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

/* What books_voucher_insert wrote besides the voucher as given. */
struct row_head {
	int64_t id;	/* book_vouchers.id */
	int year;	/* of the number */
	int64_t seq;	/* of the number */
	const char *no; /* "2025-0042" */
	bool posted;	/* status posted */
};

static void jkey(struct buf *o, const char *key)
{
	buf_addc(o, o->len ? ',' : '{');
	buf_addc(o, '"');
	buf_adds(o, key);
	buf_adds(o, "\":");
}

/* x in decimal, without printf (a million calls per import). */
static void add_int(struct buf *o, int64_t x)
{
	char d[24], *p = d + sizeof(d);
	uint64_t u = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (x < 0)
		*--p = '-';
	buf_add(o, p, (size_t)(d + sizeof(d) - p));
}

/* A text column as bound: NULL (and, opt, "") is null. */
static void jtext(struct buf *o, const char *key, const char *s, bool opt)
{
	jkey(o, key);
	if (!s || (opt && !*s))
		buf_adds(o, "null");
	else
		trail_json_string(o, s);
}

static void jint(struct buf *o, const char *key, int64_t x, bool null)
{
	jkey(o, key);
	if (null)
		buf_adds(o, "null");
	else
		add_int(o, x);
}

/* The voucher's row as BOOKS_ST_VOUCHER_GET reads it back and json_row types
 * it — its columns in byte order, lines in the LINE_TEXT form of books_db.c —
 * into b->log. */
static void log_value(struct books_batch *b, const struct books_voucher *v,
		      const struct row_head *h)
{
	struct buf *o = &b->log, *l = &b->lines;
	buf_reset(o);
	buf_reset(l);
	for (size_t i = 0; i < v->nlines; i++) {
		const struct books_line *x = &v->lines[i];
		const char *summary = x->summary && *x->summary ? x->summary : v->summary;
		const char *texts[] = {summary, x->counterparty, x->counterparty_id,
				       x->bank_account};
		if (i)
			buf_addc(l, ';');
		add_int(l, (int64_t)i + 1);
		buf_addc(l, '|');
		add_int(l, x->account_id);
		buf_addc(l, '|');
		add_int(l, x->debit_fen);
		buf_addc(l, '|');
		add_int(l, x->credit_fen);
		for (size_t k = 0; k < 4; k++) {
			buf_addc(l, '|');
			buf_adds(l, texts[k] ? texts[k] : "");
		}
	}
	jtext(o, "approver", v->approver, true);
	jtext(o, "contract_no", v->contract_no, true);
	jtext(o, "date", v->date, false);
	jtext(o, "entered_at", v->entered_at, true);
	jtext(o, "handler", v->handler, true);
	jint(o, "id", h->id, false);
	jtext(o, "lines", v->nlines ? l->ptr : NULL, false);
	jtext(o, "maker", v->maker, true);
	jint(o, "maker_id", v->maker_id, !v->maker_id);
	jtext(o, "matter_no", v->matter_no, true);
	jtext(o, "pay_method", v->pay_method, true);
	jtext(o, "posted_at", h->posted ? v->entered_at : NULL, true);
	jtext(o, "posted_by", h->posted ? v->maker : NULL, true);
	jtext(o, "project_no", v->project_no, true);
	jint(o, "reverses_id", v->reverses_id, !v->reverses_id);
	jint(o, "round", 0, false);
	jint(o, "seq", h->seq, false);
	jtext(o, "source", v->source, false);
	jtext(o, "status", v->status, false);
	jint(o, "steps_done", 0, false);
	jtext(o, "summary", v->summary, false);
	jint(o, "total_fen", total_debit(v), false);
	jint(o, "village_id", v->village_id, false);
	jtext(o, "voucher_no", h->no, false);
	jint(o, "year", h->year, false);
	buf_addc(o, '}');
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
	struct db_val p[] = {DB_INT(v->village_id),
			     DB_INT(year),
			     DB_INT(seq),
			     DB_TEXT(no),
			     DB_TEXT(v->date),
			     DB_TEXT(v->summary),
			     DB_TEXT(v->source),
			     DB_TEXT(v->status),
			     v->maker_id ? DB_INT(v->maker_id) : DB_NULL,
			     DB_OPT(v->maker),
			     DB_OPT(v->pay_method),
			     DB_OPT(v->handler),
			     DB_OPT(v->approver),
			     DB_OPT(v->entered_at),
			     DB_OPT(v->matter_no),
			     DB_OPT(v->project_no),
			     DB_OPT(v->contract_no),
			     v->reverses_id ? DB_INT(v->reverses_id) : DB_NULL,
			     DB_INT(total_debit(v)),
			     posted ? DB_OPT(v->entered_at) : DB_NULL,
			     posted ? DB_OPT(v->maker) : DB_NULL};
	size_t np = sizeof(p) / sizeof(p[0]);
	if (b) {
		e = db_exec(c, &books_stmts, BOOKS_ST_VOUCHER_INSERT_BULK, p, np, &res);
		int64_t n = e == E_OK ? db_changes(res) : 0;
		if (e == E_OK && (e = db_done(res)) == E_OK)
			e = n ? db_one(c, &books_stmts, BOOKS_ST_LAST_ID, DB_NOPARAMS, &res)
			      : E_NOTFOUND;
	} else {
		e = db_one(c, &books_stmts, BOOKS_ST_VOUCHER_INSERT, p, np, &res);
	}
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
	else if (posted && (e = apply_balances(c, *id, v->village_id, year)) != E_OK)
		return e;
	if (!b)
		return trail_row(tc, &books_tables[BOOKS_T_VOUCHERS], *id, create_action(v->source),
				 ei);
	/* A batch logs the row it inserted without reading it back. */
	struct row_head rh = {*id, year, seq, no, posted};
	log_value(b, v, &rh);
	return trail_row_json(tc, &books_tables[BOOKS_T_VOUCHERS], *id, v->village_id,
			      create_action(v->source), b->log.ptr, ei);
}

/* Spending that reaches the township's decision threshold needs the village's
 * collective decision first (五议两公开): the voucher must cite a matter with a
 * 决议 dated on or before it.  The paid amount is rules.md's: credits exceeding
 * debits on 库存现金 (101…) and 银行存款 (102…) lines.  Entered vouchers only:
 * imported legacy books are history, checked by the red-flag rules instead. */
static enum err check_decision(struct db_conn *c, const struct books_voucher *v, struct errinfo *ei)
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
	return err_set(
	    ei, E_RULE, "voucher.needs_decision", "matter_no",
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
	    (e = apply_balances(tc->db, id, vid, atoi(date))) != E_OK)
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
