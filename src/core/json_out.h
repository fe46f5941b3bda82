/*
 * JSON from database rows: the one place that decides how a column becomes a
 * JSON value (integers as integers, text as strings, NULL as null, blobs as
 * hex), used by the log's canonical values and by the API alike.
 */
#ifndef QL_JSON_OUT_H
#define QL_JSON_OUT_H

#include <jansson.h>

#include "db.h"

/* The current row as an object keyed by column name (new reference). */
json_t *json_row(const struct db_res *r);
/* Column col of the current row as a JSON value (new reference). */
json_t *json_col(const struct db_res *r, int col);
/* Every remaining row of r as an array of objects; finishes r (db_done). */
enum err json_rows(struct db_res *r, json_t **out);
/* Canonical text: compact, keys sorted, UTF-8 (malloc'ed). */
char *json_canonical(const json_t *v);

#endif
