/*
 * What a business module hands to the core: its routes, statements, logged
 * tables and import/export files.  src/mod/modules.c lists the modules; the core
 * iterates them and never names one.
 */
#ifndef QL_MODULE_H
#define QL_MODULE_H

#include <stddef.h>
#include <stdio.h>

#include "app.h"
#include "importer.h"
#include "router.h"
#include "trail.h"

/* Loading one import file: rows already typed by the importer.  The loader adds
 * business errors to rep (with line numbers) and writes nothing if it added any;
 * the caller's transaction makes the file all-or-nothing. */
struct import_ctx {
	struct app *app;            /* the application */
	struct trail_ctx *tc;       /* open write transaction and its log */
	const struct principal *user; /* NULL from the command line (all villages) */
	struct arena *arena;        /* for the load */
	int64_t inserted;           /* rows added */
	int64_t updated;            /* rows changed */
	int64_t unchanged;          /* rows already present as given */
};

struct import_file {
	const char *file;                 /* "people.csv" (also matches .xlsx) */
	const char *title;                /* Chinese: "人员" */
	const struct col_spec *cols;      /* columns of domain/formats.md */
	size_t ncols;                     /* entries in cols */
	const struct perm *perm;          /* needed to upload it in the console */
	enum err (*load)(struct import_ctx *ic, const struct import_set *rows,
			 struct import_report *rep);
	/* Write the file's rows (same header, English names) as a table. */
	enum err (*export_rows)(struct app *app, struct db_conn *c, const struct principal *user,
				struct arena *a, struct table *out, struct errinfo *ei);
};

struct module {
	const char *name;                  /* "org": also its migrations directory */
	const char *title;                 /* Chinese: "组织与干部" */
	const struct route *routes;        /* its route table */
	size_t nroutes;                    /* entries in routes */
	struct db_stmts *stmts;            /* its statements (may be NULL) */
	const struct trail_table *tables;  /* its logged tables */
	size_t ntables;                    /* entries in tables */
	const struct import_file *imports; /* files it loads, in load order */
	size_t nimports;                   /* entries in imports */
	/* The module that keeps villages answers code → id for the gate. */
	enum err (*village_lookup)(struct db_conn *c, const char *code, int64_t *id);
	/* Files of `qinglian export DIR` beyond the import layouts (books.ledger);
	 * NULL when none.  Reports what it wrote to out. */
	enum err (*export_extra)(struct app *app, struct db_conn *c, const char *dir, FILE *out,
				 struct errinfo *ei);
};

extern const struct module *const modules[]; /* NULL-terminated, in load order */

#endif
