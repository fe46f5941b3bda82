/*
 * All SQL of the discipline module.  Lists: $1/$2 village scope, $3 the
 * user's own person id, whose cases are never returned.  It must not see HTTP.
 */
#include "discipline.h"
#include "perms.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"
#define COLS                                                                                       \
	"id, village_id, ref, person_id, form, kind, opened_date, state, decided_date, outcome, "  \
	"complaint_id, note"
#define LIST_FROM                                                                                  \
	" FROM discipline_cases d JOIN villages v ON v.id = d.village_id "                         \
	"JOIN people p ON p.id = d.person_id WHERE " SCOPE(                                        \
	    "d.village_id") " AND ($3 = 0 OR d.person_id <> $3)"                                   \
			    " AND (CAST($4 AS TEXT) = '' OR v.code = $4)"                          \
			    " AND ($5 = 0 OR d.form = $5)"                                         \
			    " AND (CAST($6 AS TEXT) = '' OR d.opened_date LIKE $6 || '%')"

static const struct db_sql sql[DC_ST__MAX] = {
    [DC_ST_GET] = {"discipline.get", "SELECT " COLS " FROM discipline_cases WHERE id = $1"},
    [DC_ST_ALL] = {"discipline.all", "SELECT " COLS " FROM discipline_cases ORDER BY id"},
    [DC_ST_ROW] = {"discipline.row",
		   "SELECT d.id, d.village_id, v.code AS village_code, v.name AS village_name, "
		   "d.ref, d.person_id, p.name AS person_name, p.id_no, d.form, d.kind, "
		   "d.opened_date, d.state, d.decided_date, d.outcome, c.ref AS complaint_ref, "
		   "d.note FROM discipline_cases d JOIN villages v ON v.id = d.village_id "
		   "JOIN people p ON p.id = d.person_id "
		   "LEFT JOIN complaints c ON c.id = d.complaint_id WHERE d.id = $1"},
    [DC_ST_REF_COUNT] = {"discipline.ref_count",
			 "SELECT COUNT(*) FROM discipline_cases WHERE village_id = $1 "
			 "AND ref LIKE CAST($2 AS TEXT) || '%'"},
    [DC_ST_INSERT] = {"discipline.insert",
		      "INSERT INTO discipline_cases (village_id, ref, person_id, form, kind, "
		      "opened_date, state, complaint_id, note) VALUES ($1, $2, $3, $4, $5, $6, "
		      "'open', $7, $8) ON CONFLICT (village_id, ref) DO NOTHING RETURNING id"},
    [DC_ST_DECIDE] = {"discipline.decide",
		      "UPDATE discipline_cases SET state = $2, decided_date = $3, outcome = $4 "
		      "WHERE id = $1"},
    [DC_ST_LIST] = {"discipline.list",
		    "SELECT d.id, v.code AS village_code, v.name AS village_name, d.ref, "
		    "p.name AS person_name, d.form, d.kind, d.opened_date, d.state, "
		    "d.decided_date, d.outcome" LIST_FROM
		    " ORDER BY d.opened_date DESC, d.id DESC LIMIT $7 OFFSET $8"},
    [DC_ST_COUNT] = {"discipline.count", "SELECT COUNT(*)" LIST_FROM},
    [DC_ST_STATS] =
	{"discipline.stats",
	 "SELECT v.code AS village_code, v.name AS village_name, d.form, "
	 "COUNT(*) AS total, SUM(CASE WHEN d.state = 'decided' THEN 1 ELSE 0 END) AS "
	 "decided FROM discipline_cases d JOIN villages v ON v.id = d.village_id "
	 "WHERE " SCOPE(
	     "d.village_id") " AND ($3 = 0 OR d.person_id <> $3) "
			     "AND d.state <> 'revoked' "
			     "AND (CAST($4 AS TEXT) = '' OR d.opened_date LIKE $4 || '%') "
			     "GROUP BY v.code, v.name, d.form ORDER BY v.code, d.form"},
};

struct db_stmts discipline_stmts = {"discipline", sql, DC_ST__MAX, 0, false};

/* No village column: the record timeline of a case is not opened per village. */
const struct trail_table discipline_tables[DC_T__MAX] = {
    [DC_T_CASES] = {"discipline_cases", &discipline_stmts, DC_ST_GET, DC_ST_ALL, NULL,
		    &perm_discipline},
};
