/*
 * Rows to JSON.  Money columns are integers (fen) and stay integers.
 */
#include "json_out.h"

#include <sodium.h>
#include <stdlib.h>

json_t *json_col(const struct db_res *r, int col)
{
	switch (db_coltype(r, col)) {
	case DB_T_NULL:
		return json_null();
	case DB_T_INT:
		return json_integer((json_int_t)db_int(r, col));
	case DB_T_TEXT:
		return json_stringn(db_text(r, col), db_len(r, col));
	case DB_T_BLOB: {
		size_t n = db_len(r, col);
		char *hex = malloc(2 * n + 1);
		if (!hex)
			abort();
		sodium_bin2hex(hex, 2 * n + 1, (const unsigned char *)db_text(r, col), n);
		json_t *v = json_string(hex);
		free(hex);
		return v;
	}
	}
	return json_null();
}

json_t *json_row(const struct db_res *r)
{
	json_t *o = json_object();
	int n = db_ncols(r);
	for (int i = 0; i < n; i++)
		json_object_set_new(o, db_colname(r, i), json_col(r, i));
	return o;
}

enum err json_rows(struct db_res *r, json_t **out)
{
	json_t *a = json_array();
	while (db_row(r))
		json_array_append_new(a, json_row(r));
	enum err e = db_done(r);
	if (e != E_OK) {
		json_decref(a);
		return e;
	}
	*out = a;
	return E_OK;
}

char *json_canonical(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}
