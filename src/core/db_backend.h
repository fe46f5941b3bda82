/*
 * The private contract between db.c (statement registry, pool, dispatch) and the
 * two drivers, db_sqlite.c and db_pg.c.  A driver fills a struct db_ops and embeds
 * struct db_conn / struct db_res as the first member of its own connection and
 * result types.  Only db.c, db_sqlite.c and db_pg.c include this file; it must not
 * mention a driver type (no sqlite3.h, no libpq-fe.h here).
 */
#ifndef QL_DB_BACKEND_H
#define QL_DB_BACKEND_H

#include "db.h"

struct db_ops {
	enum db_backend kind; /* DB_SQLITE or DB_PG */
	const char *name;     /* "sqlite" or "pg", as the migration directories */

	enum err (*conn_open)(const char *url, struct db_conn **out,
			      struct errinfo *ei);	  /* one connection; ei says why not */
	void (*conn_close)(struct db_conn *c);		  /* NULL-safe; frees c */
	bool (*conn_ok)(const struct db_conn *c);	  /* still usable for the pool */
	bool (*in_tx)(const struct db_conn *c);		  /* inside BEGIN ... COMMIT */
	enum err (*begin)(struct db_conn *c, bool write); /* as db_begin */
	enum err (*commit)(struct db_conn *c);		  /* E_DB when the server rolled back */
	void (*rollback)(struct db_conn *c);		  /* only called inside a transaction */

	enum err (*check)(struct db_conn *c, unsigned gidx,
			  const char *sql); /* prepare afresh, not from the cache */
	enum err (*exec)(struct db_conn *c, unsigned gidx, const char *sql,
			 const struct db_val *params, size_t nparams,
			 struct db_res **out); /* statement gidx (base + idx), prepared once */
	enum err (*script)(struct db_conn *c, const char *sql); /* several, no params */

	bool (*row)(struct db_res *r);				  /* as db_row */
	enum err (*done)(struct db_res *r);			  /* frees r */
	int64_t (*changes)(const struct db_res *r);		  /* rows written, 0 for reads */
	int (*ncols)(const struct db_res *r);			  /* as db_ncols */
	const char *(*colname)(const struct db_res *r, int col);  /* as db_colname */
	enum db_type (*coltype)(const struct db_res *r, int col); /* DB_T_NULL off a row */
	int64_t (*get_int)(const struct db_res *r, int col);	  /* as db_int */
	const char *(*get_text)(const struct db_res *r, int col); /* text or blob bytes */
	size_t (*get_len)(const struct db_res *r, int col);	  /* as db_len */
	/* as db_cell; NULL: db_cell asks the four above */
	void (*get_cell)(const struct db_res *r, int col, struct db_cell *out);
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* The head of every driver connection. */
struct db_conn {
	const struct db_ops *ops; /* the driver */
	struct db_conn *next;	  /* next idle connection in the pool */
	char errmsg[512];	  /* the driver's last message, one line */
};

/* The head of every driver result. */
struct db_res {
	const struct db_ops *ops; /* the driver */
	struct db_conn *c;	  /* the connection it runs on */
};

/* Record the driver's message on c (newlines become spaces, trailing blanks go). */
void db_conn_errmsg_set(struct db_conn *c, const char *msg);
/* Statements registered so far: the size a per-connection cache must reach. */
unsigned db_stmts_total(void);
/* calloc that aborts when out of memory. */
void *db_xcalloc(size_t n, size_t size);

#endif
