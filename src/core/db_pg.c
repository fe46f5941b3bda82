/*
 * The PostgreSQL driver behind db.h: the only file that includes libpq-fe.h.  A
 * connection runs with client_min_messages=warning and TimeZone=UTC, and prepares
 * each statement on first use under the name "s<global index>".  Parameters go
 * as text (blobs as binary), results come back as text and are read as such:
 * int2/int4/int8/bool and integral numerics are integers, bytea is a blob.  It
 * must not let a libpq pointer out, nor know any table or module.
 */
#include "db.h"
#include "db_backend.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazy_pq.h"

/* Type OIDs from pg_type.h (server headers are not installed with libpq). */
#define OID_BOOL    16
#define OID_BYTEA   17
#define OID_INT8    20
#define OID_INT2    21
#define OID_INT4    23
#define OID_NUMERIC 1700

struct pg_res;

struct pg_conn {
	struct db_conn base;  /* must be first */
	PGconn *h;	      /* the connection */
	bool *prepared;	      /* by global index: "s<index>" exists on the server */
	size_t nprepared;     /* slots in prepared */
	struct pg_res *ahead; /* the cursor whose next FETCH is sent, not yet read */
};

struct pg_res {
	struct db_res base; /* must be first */
	PGresult *res;	    /* the whole result, fetched by db_exec */
	int row;	    /* current row, -1 before the first */
	int nrows;	    /* rows in res */
	char **blob;	    /* decoded bytea of the current row by column, or NULL */
	size_t *blob_len;   /* their lengths */
	char cursor[24];    /* db_exec_cursor: the cursor res is a batch of, or "" */
	bool more;	    /* the cursor may have rows after this batch */
	PGresult *next;	    /* the next batch, read ahead (ahead_collect), or NULL */
	enum err err;	    /* first error met fetching a batch */
};

static void ignore_notice(void *arg, const PGresult *res)
{
	(void)arg;
	(void)res;
}

static enum err map_state(const char *state)
{
	if (!state)
		return E_DB;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return E_BUSY;
	if (strncmp(state, "23", 2) == 0)
		return E_CONFLICT;
	return E_DB;
}

/* Check a result; on failure record the message, clear res and map SQLSTATE. */
static enum err check_res(struct pg_conn *c, PGresult *res)
{
	if (!res) {
		db_conn_errmsg_set(&c->base, PQerrorMessage(c->h));
		return E_DB;
	}
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		return E_OK;
	default:
		break;
	}
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	if (primary) {
		/* One line for the log: "message: detail (SQLSTATE)". */
		char msg[sizeof(c->base.errmsg)];
		snprintf(msg, sizeof(msg), "%s%s%s (%s)", primary, detail ? ": " : "",
			 detail ? detail : "", state ? state : "?");
		db_conn_errmsg_set(&c->base, msg);
	} else {
		db_conn_errmsg_set(&c->base, PQresultErrorMessage(res));
	}
	enum err err = map_state(state);
	PQclear(res);
	return err;
}

/* The FETCH of a cursor's next batch. */
static void fetch_sql(const struct pg_res *r, char out[64])
{
	snprintf(out, 64, "FETCH FORWARD %d FROM %s", DB_CURSOR_BATCH, r->cursor);
}

/* A cursor's batch is handed out while the server computes the next one: its
 * FETCH is sent at once (ahead_send) and read when the cursor or any other use
 * of the connection needs it (ahead_collect), so that the server and the
 * caller work at the same time.  One FETCH at most is ahead on a connection. */
static void ahead_collect(struct pg_conn *c)
{
	struct pg_res *r = c->ahead;
	if (!r)
		return;
	c->ahead = NULL;
	PGresult *res, *got = NULL;
	while ((res = PQgetResult(c->h)) != NULL) {
		if (got)
			PQclear(res);
		else
			got = res;
	}
	if (!got)
		got = PQmakeEmptyPGresult(c->h, PGRES_FATAL_ERROR);
	r->next = got;
}

static void ahead_send(struct pg_conn *c, struct pg_res *r)
{
	if (c->ahead || r->next || !r->more)
		return;
	char sql[64];
	fetch_sql(r, sql);
	/* on failure the FETCH is made again, in its turn, and reports */
	if (PQsendQuery(c->h, sql))
		c->ahead = r;
}

static void pg_conn_close(struct db_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	if (!c)
		return;
	PQfinish(c->h);
	free(c->prepared);
	free(c);
}

static enum err pg_conn_open(const char *url, struct db_conn **out, struct errinfo *ei)
{
	*out = NULL;
	struct pg_conn *c = db_xcalloc(1, sizeof(*c));
	c->base.ops = &db_pg_ops;
	c->h = PQconnectdb(url);
	if (!c->h)
		abort();
	if (PQstatus(c->h) != CONNECTION_OK) {
		db_conn_errmsg_set(&c->base, PQerrorMessage(c->h));
		enum err err = err_set(ei, E_DB, "db.open", NULL, "无法连接 PostgreSQL 数据库：%s",
				       c->base.errmsg);
		pg_conn_close(&c->base);
		return err;
	}
	PQsetNoticeReceiver(c->h, ignore_notice, NULL);
	PGresult *res = PQexec(c->h, "SET client_min_messages = warning; SET TimeZone = 'UTC'");
	enum err err = check_res(c, res);
	if (err != E_OK) {
		err_set(ei, E_DB, "db.open", NULL, "无法设置 PostgreSQL 连接：%s", c->base.errmsg);
		pg_conn_close(&c->base);
		return err;
	}
	PQclear(res);
	*out = &c->base;
	return E_OK;
}

static bool pg_conn_ok(const struct db_conn *base)
{
	const struct pg_conn *c = (const struct pg_conn *)base;
	return PQstatus(c->h) == CONNECTION_OK;
}

static bool pg_in_tx(const struct db_conn *base)
{
	const struct pg_conn *c = (const struct pg_conn *)base;
	PGTransactionStatusType s = PQtransactionStatus(c->h);
	return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

static enum err pg_script(struct db_conn *base, const char *sql)
{
	struct pg_conn *c = (struct pg_conn *)base;
	ahead_collect(c);
	PGresult *res = PQexec(c->h, sql);
	enum err err = check_res(c, res);
	if (err == E_OK)
		PQclear(res);
	return err;
}

static enum err pg_begin(struct db_conn *base, bool write)
{
	(void)write; /* READ COMMITTED; writers meet on row locks */
	return pg_script(base, "BEGIN ISOLATION LEVEL READ COMMITTED");
}

static enum err pg_commit(struct db_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	ahead_collect(c);
	PGresult *res = PQexec(c->h, "COMMIT");
	enum err err = check_res(c, res);
	if (err != E_OK)
		return err;
	/* COMMIT of a transaction that met an error answers ROLLBACK. */
	if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		db_conn_errmsg_set(base,
				   "transaction was aborted by an earlier error; rolled back");
		err = E_DB;
	}
	PQclear(res);
	return err;
}

static void pg_rollback(struct db_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	ahead_collect(c);
	PQclear(PQexec(c->h, "ROLLBACK"));
}

static enum err pg_check(struct db_conn *base, unsigned gidx, const char *sql)
{
	struct pg_conn *c = (struct pg_conn *)base;
	(void)gidx;
	ahead_collect(c);
	/* The unnamed statement: checked without touching the cache. */
	PGresult *res = PQprepare(c->h, "", sql, 0, NULL);
	enum err err = check_res(c, res);
	if (err == E_OK)
		PQclear(res);
	return err;
}

/* Parameters as libpq takes them: text (integers printed), blobs binary. */
struct pg_params {
	const char **values; /* by parameter, NULL for SQL NULL */
	int *lengths;	     /* of binary values */
	int *formats;	     /* 1 for binary */
	char (*ints)[24];    /* the printed integers */
};

static void params_encode(struct pg_params *pp, const struct db_val *params, size_t nparams)
{
	pp->values = db_xcalloc(nparams, sizeof(*pp->values));
	pp->lengths = db_xcalloc(nparams, sizeof(*pp->lengths));
	pp->formats = db_xcalloc(nparams, sizeof(*pp->formats));
	pp->ints = db_xcalloc(nparams, sizeof(*pp->ints));
	for (size_t i = 0; i < nparams; i++) {
		const struct db_val *v = &params[i];
		switch (v->type) {
		case DB_T_NULL:
			break;
		case DB_T_INT:
			snprintf(pp->ints[i], sizeof(pp->ints[i]), "%" PRId64, v->i);
			pp->values[i] = pp->ints[i];
			break;
		case DB_T_TEXT:
			pp->values[i] = v->s;
			break;
		case DB_T_BLOB:
			pp->values[i] = v->s ? v->s : "";
			pp->lengths[i] = (int)v->len;
			pp->formats[i] = 1; /* binary bytea is the bytes themselves */
			break;
		}
	}
}

static void params_free(struct pg_params *pp)
{
	free(pp->values);
	free(pp->lengths);
	free(pp->formats);
	free(pp->ints);
}

static enum err pg_exec(struct db_conn *base, unsigned gidx, const char *sql,
			const struct db_val *params, size_t nparams, struct db_res **out)
{
	struct pg_conn *c = (struct pg_conn *)base;
	char name[16];
	snprintf(name, sizeof(name), "s%u", gidx);
	if (gidx >= c->nprepared) {
		size_t n = db_stmts_total();
		if (n <= gidx)
			n = gidx + 1;
		bool *p = realloc(c->prepared, n * sizeof(*p));
		if (!p)
			abort();
		memset(p + c->nprepared, 0, (n - c->nprepared) * sizeof(*p));
		c->prepared = p;
		c->nprepared = n;
	}
	PGresult *res;
	enum err err;
	ahead_collect(c);
	if (!c->prepared[gidx]) {
		res = PQprepare(c->h, name, sql, 0, NULL);
		if ((err = check_res(c, res)) != E_OK)
			return err;
		PQclear(res);
		c->prepared[gidx] = true;
	}

	struct pg_params pp;
	params_encode(&pp, params, nparams);
	res = PQexecPrepared(c->h, name, (int)nparams, pp.values, pp.lengths, pp.formats, 0);
	params_free(&pp);
	if ((err = check_res(c, res)) != E_OK)
		return err;
	if (!out) {
		PQclear(res);
		return E_OK;
	}
	struct pg_res *r = db_xcalloc(1, sizeof(*r));
	r->base.ops = &db_pg_ops;
	r->base.c = base;
	r->res = res;
	r->row = -1;
	r->nrows = PQntuples(res);
	int ncols = PQnfields(res);
	r->blob = db_xcalloc((size_t)ncols, sizeof(*r->blob));
	r->blob_len = db_xcalloc((size_t)ncols, sizeof(*r->blob_len));
	*out = &r->base;
	return E_OK;
}

static void blobs_clear(struct pg_res *r)
{
	int ncols = PQnfields(r->res);
	for (int i = 0; i < ncols; i++) {
		free(r->blob[i]);
		r->blob[i] = NULL;
		r->blob_len[i] = 0;
	}
}

/* The cursor's next batch into r; false at the end or on error (r->err). */
static bool cursor_fetch(struct pg_res *r)
{
	struct pg_conn *c = (struct pg_conn *)r->base.c;
	if (c->ahead)
		ahead_collect(c);
	PGresult *res = r->next;
	r->next = NULL;
	if (!res) {
		char sql[64];
		fetch_sql(r, sql);
		res = PQexec(c->h, sql);
	}
	enum err err = check_res(c, res);
	r->more = false;
	if (err != E_OK) {
		r->err = err;
		return false;
	}
	PQclear(r->res);
	r->res = res;
	r->nrows = PQntuples(res);
	r->row = 0;
	r->more = r->nrows == DB_CURSOR_BATCH;
	ahead_send(c, r);
	return r->nrows > 0;
}

static bool pg_row(struct db_res *base)
{
	struct pg_res *r = (struct pg_res *)base;
	blobs_clear(r);
	if (r->row < r->nrows)
		r->row++;
	if (r->row >= r->nrows && r->more)
		return cursor_fetch(r);
	return r->row < r->nrows;
}

static enum err pg_done(struct db_res *base)
{
	struct pg_res *r = (struct pg_res *)base;
	enum err err = r->err;
	if (r->cursor[0]) {
		struct pg_conn *c = (struct pg_conn *)base->c;
		ahead_collect(c);
		PQclear(r->next);
		char sql[48];
		snprintf(sql, sizeof(sql), "CLOSE %s", r->cursor);
		/* Fails harmlessly in a transaction an error has aborted. */
		PQclear(PQexec(((struct pg_conn *)base->c)->h, sql));
	}
	blobs_clear(r);
	free(r->blob);
	free(r->blob_len);
	PQclear(r->res);
	free(r);
	return err;
}

static int64_t pg_changes(const struct db_res *base)
{
	const struct pg_res *r = (const struct pg_res *)base;
	/* PQcmdTuples counts a SELECT's rows too: those are not writes. */
	if (strncmp(PQcmdStatus(r->res), "SELECT", 6) == 0)
		return 0;
	return strtoll(PQcmdTuples(r->res), NULL, 10);
}

static int pg_ncols(const struct db_res *base)
{
	return PQnfields(((const struct pg_res *)base)->res);
}

static const char *pg_colname(const struct db_res *base, int col)
{
	return PQfname(((const struct pg_res *)base)->res, col);
}

static bool on_value(const struct pg_res *r, int col)
{
	return r->row >= 0 && r->row < r->nrows && col >= 0 && col < PQnfields(r->res) &&
	       !PQgetisnull(r->res, r->row, col);
}

static enum db_type pg_coltype(const struct db_res *base, int col)
{
	const struct pg_res *r = (const struct pg_res *)base;
	if (!on_value(r, col))
		return DB_T_NULL;
	switch (PQftype(r->res, col)) {
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_BOOL:
		return DB_T_INT;
	case OID_NUMERIC:
		/* SUM(bigint) is numeric: integral when it has no fraction. */
		return strpbrk(PQgetvalue(r->res, r->row, col), ".eENI") ? DB_T_TEXT : DB_T_INT;
	case OID_BYTEA:
		return DB_T_BLOB;
	default:
		return DB_T_TEXT;
	}
}

static int64_t pg_get_int(const struct db_res *base, int col)
{
	const struct pg_res *r = (const struct pg_res *)base;
	if (!on_value(r, col))
		return 0;
	const char *s = PQgetvalue(r->res, r->row, col);
	if (PQftype(r->res, col) == OID_BOOL)
		return s[0] == 't';
	return strtoll(s, NULL, 10);
}

/* Decode the bytea at col of the current row once, NUL-terminated. */
static void blob_decode(struct pg_res *r, int col)
{
	if (r->blob[col])
		return;
	size_t len = 0;
	unsigned char *raw =
	    PQunescapeBytea((const unsigned char *)PQgetvalue(r->res, r->row, col), &len);
	if (!raw)
		abort();
	r->blob[col] = malloc(len + 1);
	if (!r->blob[col])
		abort();
	memcpy(r->blob[col], raw, len);
	r->blob[col][len] = '\0';
	r->blob_len[col] = len;
	PQfreemem(raw);
}

static const char *pg_get_text(const struct db_res *base, int col)
{
	/* Not const in truth: the decoded blob is cached on the result. */
	struct pg_res *r = (struct pg_res *)base;
	if (!on_value(r, col))
		return NULL;
	if (PQftype(r->res, col) == OID_BYTEA) {
		blob_decode(r, col);
		return r->blob[col];
	}
	return PQgetvalue(r->res, r->row, col);
}

static size_t pg_get_len(const struct db_res *base, int col)
{
	struct pg_res *r = (struct pg_res *)base;
	if (!on_value(r, col))
		return 0;
	if (PQftype(r->res, col) == OID_BYTEA) {
		blob_decode(r, col);
		return r->blob_len[col];
	}
	return (size_t)PQgetlength(r->res, r->row, col);
}

/* ---- long readers (db.h): both backends, PostgreSQL's way here ---------------- */

enum err db_begin_snapshot(struct db_conn *base)
{
	if (base->ops != &db_pg_ops)
		return db_begin(base, false);
	/* A cursor over a whole table is read to its end: plan for all rows. */
	return pg_script(base, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
			       "SET LOCAL cursor_tuple_fraction = 1.0");
}

enum err db_exec_cursor(struct db_conn *base, const struct db_stmts *set, unsigned idx,
			struct db_res **out)
{
	return db_exec_stream(base, set, idx, DB_NOPARAMS, out);
}

enum err db_exec_stream(struct db_conn *base, const struct db_stmts *set, unsigned idx,
			const struct db_val *params, size_t nparams, struct db_res **out)
{
	*out = NULL;
	/* SQLite steps row by row anyway; outside a transaction there is no cursor;
	 * db_exec reports an unregistered statement. */
	if (base->ops != &db_pg_ops || !pg_in_tx(base) || !set->registered || idx >= set->n)
		return db_exec(base, set, idx, params, nparams, out);
	struct pg_conn *c = (struct pg_conn *)base;
	const struct db_sql *s = &set->sql[idx];
	const char *text = s->pg ? s->pg : s->text;
	static atomic_uint serial;
	struct pg_res *r = db_xcalloc(1, sizeof(*r));
	r->base.ops = &db_pg_ops;
	r->base.c = base;
	snprintf(r->cursor, sizeof(r->cursor), "ql_cursor_%u", atomic_fetch_add(&serial, 1));
	size_t len = strlen(text) + 64;
	char *sql = db_xcalloc(1, len);
	snprintf(sql, len, "DECLARE %s NO SCROLL CURSOR FOR %s", r->cursor, text);
	ahead_collect(c);
	/* the parameters go with the DECLARE, which plans the query for their values */
	struct pg_params pp;
	params_encode(&pp, params, nparams);
	PGresult *res =
	    PQexecParams(c->h, sql, (int)nparams, NULL, pp.values, pp.lengths, pp.formats, 0);
	params_free(&pp);
	free(sql);
	enum err err = check_res(c, res);
	if (err != E_OK) {
		free(r);
		return err;
	}
	PQclear(res);
	r->more = true;
	r->row = -1;
	/* The first batch, positioned before its first row. */
	if (!cursor_fetch(r) && r->err != E_OK) {
		/* The error aborted the transaction, and the cursor with it. */
		err = r->err;
		free(r);
		return err;
	}
	r->row = -1;
	int ncols = PQnfields(r->res);
	r->blob = db_xcalloc((size_t)ncols, sizeof(*r->blob));
	r->blob_len = db_xcalloc((size_t)ncols, sizeof(*r->blob_len));
	*out = &r->base;
	return E_OK;
}

const struct db_ops db_pg_ops = {
    .kind = DB_PG,
    .name = "pg",
    .conn_open = pg_conn_open,
    .conn_close = pg_conn_close,
    .conn_ok = pg_conn_ok,
    .in_tx = pg_in_tx,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .check = pg_check,
    .exec = pg_exec,
    .script = pg_script,
    .row = pg_row,
    .done = pg_done,
    .changes = pg_changes,
    .ncols = pg_ncols,
    .colname = pg_colname,
    .coltype = pg_coltype,
    .get_int = pg_get_int,
    .get_text = pg_get_text,
    .get_len = pg_get_len,
};
