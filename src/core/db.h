/*
 * The one narrow interface to the database, over SQLite (db_sqlite.c) and
 * PostgreSQL (db_pg.c).  Only those two files include a driver header; driver
 * pointers never escape them.  SQL is written in the subset both speak, with
 * numbered placeholders $1..$n; a statement may carry a per-backend override
 * where the dialects differ (row locks, upserts on old versions).
 *
 * Statements live in tables (struct db_stmts), one per module, registered once
 * before use.  Each connection prepares a statement on first use and keeps it;
 * db_check_all() prepares every registered statement so a typo fails at start-up
 * and in a unit test on both backends, never in front of a user.
 *
 * Four-way status as GNU Taler: E_OK (rows or done), E_NOTFOUND (db_one found no
 * row), E_BUSY (retry the transaction), E_CONFLICT (unique/foreign key/check
 * violation), E_DB (anything else; db_errmsg says what).
 */
#ifndef QL_DB_H
#define QL_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

struct db;      /* a database: its URL and a pool of connections (thread-safe) */
struct db_conn; /* one connection; used by one thread at a time */
struct db_res;  /* the result of one statement, read row by row */

enum db_backend { DB_SQLITE, DB_PG };

enum db_type { DB_T_NULL, DB_T_INT, DB_T_TEXT, DB_T_BLOB };

/* A bound parameter.  Text is borrowed for the duration of the call. */
struct db_val {
	enum db_type type; /* DB_T_NULL for SQL NULL */
	int64_t i;         /* DB_T_INT */
	const char *s;     /* DB_T_TEXT (NUL-terminated) and DB_T_BLOB */
	size_t len;        /* DB_T_BLOB length */
};

#define DB_NULL ((struct db_val){DB_T_NULL, 0, NULL, 0})
#define DB_INT(x) ((struct db_val){DB_T_INT, (int64_t)(x), NULL, 0})
/* NULL pointer → SQL NULL */
#define DB_TEXT(x) db_val_text(x)
#define DB_BLOB(p, n) ((struct db_val){DB_T_BLOB, 0, (const char *)(p), (n)})
static inline struct db_val db_val_text(const char *s)
{
	struct db_val v = {s ? DB_T_TEXT : DB_T_NULL, 0, s, 0};
	return v;
}
/* Empty string → SQL NULL (optional form fields) */
static inline struct db_val db_val_opt(const char *s)
{
	return db_val_text(s && *s ? s : NULL);
}
#define DB_OPT(x) db_val_opt(x)

/* DB_PARAMS(DB_INT(id), DB_TEXT(name)) expands to "array, count". */
#define DB_PARAMS(...)                                                                             \
	((const struct db_val[]){__VA_ARGS__}),                                                    \
	    (sizeof((const struct db_val[]){__VA_ARGS__}) / sizeof(struct db_val))
#define DB_NOPARAMS NULL, 0

struct db_sql {
	const char *name;   /* for diagnostics: "org.village_get" */
	const char *text;   /* common SQL with $1..$n */
	const char *sqlite; /* override for SQLite, or NULL */
	const char *pg;     /* override for PostgreSQL, or NULL */
};

struct db_stmts {
	const char *module;        /* "org" */
	const struct db_sql *sql;  /* indexed by the module's enum */
	size_t n;                  /* entries in sql */
	unsigned base;             /* assigned by db_stmts_register */
	bool registered;           /* set by db_stmts_register */
};

/* Register a statement table (process-wide, idempotent, not thread-safe: call at
 * start-up before the first connection is taken). */
void db_stmts_register(struct db_stmts *set);

/* url: a file path for SQLite ("data/qinglian.db"; parent directory created), or
 * "postgresql://..." / "postgres://...". */
enum err db_open(struct db **out, const char *url, struct errinfo *ei);
void db_free(struct db *db); /* NULL-safe; all connections must be back */
enum db_backend db_backend(const struct db *db);
const char *db_url(const struct db *db);

/* Pool: take a connection (opening one if none is idle) and give it back. */
enum err db_conn_get(struct db *db, struct db_conn **out, struct errinfo *ei);
void db_conn_put(struct db *db, struct db_conn *c);

/* Prepare every registered statement on c; on failure ei names the statement and
 * the driver's message. */
enum err db_check_all(struct db_conn *c, struct errinfo *ei);

/* Transactions.  write=true takes the write lock at once (SQLite BEGIN IMMEDIATE)
 * so that concurrent writers queue instead of failing half-way. */
enum err db_begin(struct db_conn *c, bool write);
enum err db_commit(struct db_conn *c);
void db_rollback(struct db_conn *c); /* never fails; harmless outside a transaction */
bool db_in_tx(const struct db_conn *c);

/* Run statement idx of set.  out may be NULL when no rows are wanted (the
 * statement is run to completion).  Otherwise read rows with db_row() and finish
 * with db_done(), which frees the result and returns any error met while reading. */
enum err db_exec(struct db_conn *c, const struct db_stmts *set, unsigned idx,
		 const struct db_val *params, size_t nparams, struct db_res **out);
/* Like db_exec, positioned on the first row; E_NOTFOUND (and *out NULL) when none. */
enum err db_one(struct db_conn *c, const struct db_stmts *set, unsigned idx,
		const struct db_val *params, size_t nparams, struct db_res **out);
/* A transaction that reads one snapshot of the database throughout, for a long
 * reader such as verify: SQLite BEGIN (the snapshot is taken at the first
 * read), PostgreSQL REPEATABLE READ READ ONLY.  End it with db_rollback. */
enum err db_begin_snapshot(struct db_conn *c);
/* db_exec for a parameterless SELECT whose result may be large (a whole table):
 * on PostgreSQL the rows come through a cursor, DB_CURSOR_BATCH at a time, so
 * the result is never held whole; needs an open transaction there
 * (db_begin_snapshot).  On SQLite it is db_exec, which steps row by row. */
#define DB_CURSOR_BATCH 4096
enum err db_exec_cursor(struct db_conn *c, const struct db_stmts *set, unsigned idx,
			struct db_res **out);
/* db_exec_cursor with parameters, for a large SELECT read alongside others (a
 * full red-flag scan): on PostgreSQL inside a transaction the rows come through
 * a cursor, DB_CURSOR_BATCH at a time, and the next batch is asked for while
 * the caller reads this one; elsewhere it is db_exec. */
enum err db_exec_stream(struct db_conn *c, const struct db_stmts *set, unsigned idx,
			const struct db_val *params, size_t nparams, struct db_res **out);
/* The backend c talks to. */
enum db_backend db_conn_backend(const struct db_conn *c);
/* Run a script of several statements without parameters (migrations, tests). */
enum err db_exec_script(struct db_conn *c, const char *sql);

bool db_row(struct db_res *r);        /* advance; false at the end or on error */
enum err db_done(struct db_res *r);   /* NULL-safe; frees r */
int64_t db_changes(const struct db_res *r); /* rows written by an INSERT/UPDATE/DELETE */

int db_ncols(const struct db_res *r);
const char *db_colname(const struct db_res *r, int col);
enum db_type db_coltype(const struct db_res *r, int col); /* of the current row's value */
bool db_isnull(const struct db_res *r, int col);
int64_t db_int(const struct db_res *r, int col); /* NULL → 0 */
/* Borrowed until the next db_row/db_done; NULL for SQL NULL. */
const char *db_text(const struct db_res *r, int col);
size_t db_len(const struct db_res *r, int col); /* bytes of text or blob */
char *db_text_dup(struct arena *a, const struct db_res *r, int col); /* NULL for NULL */
/* The current row's value at col in one call, for readers of whole tables
 * (verify): db_coltype, then db_int or db_text and db_len, ask SQLite five times. */
struct db_cell {
	enum db_type type; /* DB_T_NULL off a row */
	int64_t i;	   /* DB_T_INT: the value; else 0 */
	const char *s;	   /* DB_T_TEXT, DB_T_BLOB: the bytes, a NUL after them; else NULL */
	size_t len;	   /* their length */
};
void db_cell(const struct db_res *r, int col, struct db_cell *out);

/* The driver's last message on c, for logs (never shown to users verbatim). */
const char *db_errmsg(const struct db_conn *c);

/* Copy the SQLite database file from into to (created or overwritten whole) with
 * SQLite's online backup API, in one step under one read transaction of the
 * source: the copy is a consistent snapshot even while other connections write.
 * Used by backup and restore (backup.c); E_DB with a Chinese message on failure. */
enum err db_sqlite_copy(const char *from, const char *to, struct errinfo *ei);

/* Warm the page cache for a read of (nearly) the whole database, such as a full
 * red-flag scan: on SQLite a thread reads the file front to back while the
 * caller works, when the file fits in half of the memory the kernel can spare.
 * NULL (nothing to stop) on PostgreSQL, for a file in memory, or too large.
 * db_warm_stop ends the reading (NULL-safe); the data read is only cached. */
struct db_warm;
struct db_warm *db_warm_start(struct db_conn *c);
void db_warm_stop(struct db_warm *w);

/* Rewrite $1..$n placeholders to SQLite's ?1..?n, leaving quoted text alone.
 * Returns a malloc'ed string, or NULL when text has an unterminated quote.
 * Exposed for the fuzz target and unit test. */
char *db_sqlite_placeholders(const char *text);

#endif
