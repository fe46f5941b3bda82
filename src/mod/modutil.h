/*
 * Small helpers every business module's handlers and import loaders use: the
 * {id} path parameter, an optional query value, a statement's rows or count as
 * JSON, and the import-row accessors (typed values, the row's village or person,
 * an UPDATE/INSERT … RETURNING id, the row's log entry).  They only read and
 * report; what a module writes and which statements it runs stay in the module.
 */
#ifndef QL_MODUTIL_H
#define QL_MODUTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"
#include "core/importer.h"
#include "core/module.h"
#include "core/router.h"
#include "core/trail.h"

/* ---- requests ---------------------------------------------------------------- */

/* The {id} path parameter as a positive integer, 0 when absent or malformed. */
int64_t modutil_path_id(const struct req *r);
/* A query parameter, "" when absent (for optional filters bound as TEXT). */
const char *modutil_query(const struct req *r, const char *name);
/* All rows of statement st as a JSON array in *items. */
enum err modutil_rows(struct req *r, const struct db_stmts *s, unsigned st, const struct db_val *p,
		      size_t n, json_t **items);
/* The first column of the one row of statement st (a COUNT) in *total. */
enum err modutil_count(struct req *r, const struct db_stmts *s, unsigned st, const struct db_val *p,
		       size_t n, int64_t *total);

/* ---- import loaders -------------------------------------------------------------- */

/* Column col of a checked row: its text, NULL when the cell was empty. */
const char *modutil_cell(const struct import_row *row, size_t col);
/* The same as a statement parameter: text (NULL when empty), integer. */
struct db_val modutil_cell_text(const struct import_row *row, size_t col);
struct db_val modutil_cell_int(const struct import_row *row, size_t col);
/* The village named by column col (a 区划代码): known and within the importing
 * user's scope; otherwise the row is reported and false returned. */
bool modutil_row_village(struct import_ctx *ic, const struct import_set *s,
			 const struct import_row *row, size_t col, struct import_report *rep,
			 int64_t *vid);
/* The person named by column col (an ID number) in the people register. */
bool modutil_row_person(struct import_ctx *ic, const struct import_set *s,
			const struct import_row *row, size_t col, struct import_report *rep,
			int64_t *pid);
/* Run st (UPDATE … WHERE changed … RETURNING id, or INSERT … RETURNING id);
 * *id is 0 when it returned no row. */
enum err modutil_returning_id(struct import_ctx *ic, const struct db_stmts *s, unsigned st,
			      const struct db_val *p, size_t n, int64_t *id);
/* The log entry of row id of table t, a failure reported on the file. */
enum err modutil_log_row(struct import_ctx *ic, const struct trail_table *t, int64_t id,
			 const char *action, struct import_report *rep);
/* An export file: a header row of cols' English names, then every row of
 * statement st, whose parameters are the scope pair (all villages?, user id). */
enum err modutil_export(struct db_conn *c, const struct db_stmts *s, unsigned st,
			const struct principal *u, const struct col_spec *cols, size_t ncols,
			struct arena *a, struct table *out);
/* Report a failed database write on line (0: the file) and return e. */
enum err modutil_db_failed(struct import_report *rep, size_t line, enum err e);

#endif
