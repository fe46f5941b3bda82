/*
 * All SQL of the draw module and its logged table.  It must not see HTTP.
 */
#include "draw.h"

#define DRAW_COLS                                                                                  \
	"id, township, title, targets, inspectors, n_targets, n_inspectors, seed_hash, "           \
	"announced_at, announced_by, seed, result, drawn_at, drawn_by"

static const struct db_sql sql[DRAW_ST__MAX] = {
    [DRAW_ST_GET] = {"draw.get", "SELECT " DRAW_COLS " FROM draws WHERE id = $1"},
    [DRAW_ST_ALL] = {"draw.all", "SELECT " DRAW_COLS " FROM draws ORDER BY id"},
    [DRAW_ST_INSERT] = {"draw.insert",
			"INSERT INTO draws (township, title, targets, inspectors, n_targets, "
			"n_inspectors, seed_hash, announced_at, announced_by) VALUES ($1, $2, $3, "
			"$4, $5, $6, $7, $8, $9) RETURNING id"},
    [DRAW_ST_SET_RESULT] = {"draw.set_result",
			    "UPDATE draws SET seed = $2, result = $3, drawn_at = $4, drawn_by = $5 "
			    "WHERE id = $1 AND seed IS NULL"},
    [DRAW_ST_LIST] = {"draw.list",
		      "SELECT id, township, title, n_targets, n_inspectors, seed_hash, "
		      "announced_at, drawn_at FROM draws ORDER BY id DESC LIMIT 200"},
    [DRAW_ST_TOWN_VILLAGES] = {"draw.town_villages",
			       "SELECT code, name FROM villages WHERE township = $1 ORDER BY code"},
};

struct db_stmts draw_stmts = {"draw", sql, DRAW_ST__MAX, 0, false};

const struct trail_table draw_tables[DRAW_T__MAX] = {
    [DRAW_T_DRAWS] = {"draws", &draw_stmts, DRAW_ST_GET, DRAW_ST_ALL, NULL},
};
