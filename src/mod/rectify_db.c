/*
 * All SQL of the rectification module.  Evidence bytes live in rect_files,
 * once per SHA-256, outside the log; the log keeps the hash (rect_evidence).
 * Lists filter by village scope as everywhere ($1 = 1 for every village, else
 * user $2's villages).  It must not see HTTP.
 */
#include "rectify.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define LOG_COLS                                                                                   \
	"id, village_id, ref, source, source_ref, problem, owner, owner_user_id, deadline, "       \
	"created_date, state, done_date, closed_date, closed_by, escalated"
#define TASK_COLS "id, village_id, rectification_id, measure, owner, deadline, done_date, note"
#define EV_COLS	  "id, village_id, rectification_id, sha256, filename, size, uploaded_at, user_id"
#define LIST_COLS                                                                                  \
	"x.id, v.code AS village_code, v.name AS village_name, x.ref, x.source, x.source_ref, "    \
	"x.problem, x.owner, u.username AS owner_user, x.deadline, x.created_date, x.state, "      \
	"x.done_date, x.closed_date, x.escalated, "                                                \
	"CASE WHEN x.state <> 'closed' AND x.deadline < CAST($3 AS TEXT) THEN 1 ELSE 0 END AS "    \
	"overdue"
#define LIST_FROM                                                                                  \
	" FROM rectifications x JOIN villages v ON v.id = x.village_id "                           \
	"LEFT JOIN users u ON u.id = x.owner_user_id WHERE " SCOPE(                                \
	    "x.village_id") " AND (CAST($4 AS TEXT) = '' OR v.code = $4)"                          \
			    " AND (CAST($5 AS TEXT) = '' OR x.source = $5)"                        \
			    " AND (CAST($6 AS TEXT) = '' OR x.state = $6)"                         \
			    " AND ($7 = 0 OR (x.state <> 'closed' AND x.deadline < $3))"           \
			    " AND ($8 = 0 OR x.escalated = 1)"                                     \
			    " AND ($9 = 0 OR x.owner_user_id = $2)"
#define BOARD_SUMS                                                                                 \
	"COUNT(*) AS total, "                                                                      \
	"SUM(CASE WHEN x.state = 'open' THEN 1 ELSE 0 END) AS open, "                              \
	"SUM(CASE WHEN x.state = 'done' THEN 1 ELSE 0 END) AS done, "                              \
	"SUM(CASE WHEN x.state = 'closed' THEN 1 ELSE 0 END) AS closed, "                          \
	"SUM(CASE WHEN x.state <> 'closed' AND x.deadline < CAST($3 AS TEXT) THEN 1 ELSE 0 END) "  \
	"AS overdue, "                                                                             \
	"SUM(CASE WHEN x.state <> 'closed' AND x.escalated = 1 THEN 1 ELSE 0 END) AS escalated"

static const struct db_sql sql[RT_ST__MAX] = {
    [RT_ST_GET] = {"rectify.get", "SELECT " LOG_COLS " FROM rectifications WHERE id = $1"},
    [RT_ST_ALL] = {"rectify.all", "SELECT " LOG_COLS " FROM rectifications ORDER BY id"},
    [RT_ST_ROW] = {"rectify.row",
		   "SELECT x.id, x.village_id, x.ref, x.source, x.source_ref, x.problem, x.owner, "
		   "x.owner_user_id, x.deadline, x.created_date, x.state, x.done_date, "
		   "x.closed_date, x.closed_by, x.escalated, v.code, v.name FROM rectifications x "
		   "JOIN villages v ON v.id = x.village_id WHERE x.id = $1"},
    [RT_ST_FIND] = {"rectify.find",
		    "SELECT id, source, problem, owner, deadline, closed_date, state "
		    "FROM rectifications WHERE village_id = $1 AND ref = $2"},
    [RT_ST_FIND_SOURCE] = {"rectify.find_source",
			   "SELECT id FROM rectifications WHERE village_id = $1 AND source = $2 "
			   "AND source_ref = $3"},
    [RT_ST_REF_COUNT] = {"rectify.ref_count",
			 "SELECT COUNT(*) FROM rectifications WHERE village_id = $1 "
			 "AND ref LIKE CAST($2 AS TEXT) || '%'"},
    [RT_ST_INSERT] =
	{"rectify.insert",
	 "INSERT INTO rectifications (village_id, ref, source, source_ref, problem, owner, "
	 "owner_user_id, deadline, created_date, state, closed_date) VALUES ($1, $2, $3, $4, $5, "
	 "$6, $7, $8, $9, $10, $11) ON CONFLICT (village_id, ref) DO NOTHING RETURNING id"},
    [RT_ST_SET_STATE] = {"rectify.set_state",
			 "UPDATE rectifications SET state = $2, done_date = $3, closed_date = $4, "
			 "closed_by = $5, escalated = $6 WHERE id = $1"},
    [RT_ST_SET_IMPORT] = {"rectify.set_import",
			  "UPDATE rectifications SET source = $2, problem = $3, owner = $4, "
			  "deadline = $5, closed_date = $6, state = $7 WHERE id = $1"},
    [RT_ST_LIST] = {"rectify.list", "SELECT " LIST_COLS LIST_FROM
				    " ORDER BY x.deadline, x.id LIMIT $10 OFFSET $11"},
    [RT_ST_COUNT] = {"rectify.count", "SELECT COUNT(*)" LIST_FROM},
    [RT_ST_BOARD] = {"rectify.board",
		     "SELECT x.source, " BOARD_SUMS " FROM rectifications x WHERE " SCOPE(
			 "x.village_id") " GROUP BY x.source ORDER BY x.source"},
    [RT_ST_BOARD_VILLAGE] = {"rectify.board_village",
			     "SELECT v.code AS village_code, v.name AS village_name, " BOARD_SUMS
			     " FROM rectifications x JOIN villages v ON v.id = x.village_id "
			     "WHERE " SCOPE("x.village_id") " GROUP BY v.code, v.name "
							    "ORDER BY v.code"},
    [RT_ST_OVERDUE_OPEN] = {"rectify.overdue_open",
			    "SELECT id FROM rectifications WHERE state <> 'closed' AND deadline < "
			    "$1 AND escalated = 0 ORDER BY id"},
    [RT_ST_EXPORT] = {"rectify.export",
		      "SELECT v.code, x.ref, x.source, x.problem, x.owner, x.deadline, "
		      "x.closed_date FROM rectifications x JOIN villages v ON v.id = x.village_id "
		      "WHERE " SCOPE("x.village_id") " ORDER BY v.code, x.ref"},

    [RT_ST_TASK_GET] = {"rectify.task_get", "SELECT " TASK_COLS " FROM rect_tasks WHERE id = $1"},
    [RT_ST_TASK_ALL] = {"rectify.task_all", "SELECT " TASK_COLS " FROM rect_tasks ORDER BY id"},
    [RT_ST_TASK_INSERT] = {"rectify.task_insert",
			   "INSERT INTO rect_tasks (village_id, rectification_id, measure, owner, "
			   "deadline) VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [RT_ST_TASK_DONE] = {"rectify.task_done",
			 "UPDATE rect_tasks SET done_date = $2, note = $3 WHERE id = $1"},
    [RT_ST_TASKS_OF] = {"rectify.tasks_of",
			"SELECT id, measure, owner, deadline, done_date, note FROM rect_tasks "
			"WHERE rectification_id = $1 ORDER BY id"},
    [RT_ST_TASKS_OPEN] = {"rectify.tasks_open",
			  "SELECT COUNT(*) FROM rect_tasks WHERE rectification_id = $1 "
			  "AND done_date IS NULL"},

    [RT_ST_EV_GET] = {"rectify.ev_get", "SELECT " EV_COLS " FROM rect_evidence WHERE id = $1"},
    [RT_ST_EV_ALL] = {"rectify.ev_all", "SELECT " EV_COLS " FROM rect_evidence ORDER BY id"},
    [RT_ST_EV_INSERT] =
	{"rectify.ev_insert",
	 "INSERT INTO rect_evidence (village_id, rectification_id, sha256, "
	 "filename, size, uploaded_at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	 "ON CONFLICT (rectification_id, sha256) DO NOTHING RETURNING id"},
    [RT_ST_EV_OF] = {"rectify.ev_of",
		     "SELECT e.id, e.sha256, e.filename, e.size, e.uploaded_at, u.username AS user "
		     "FROM rect_evidence e LEFT JOIN users u ON u.id = e.user_id "
		     "WHERE e.rectification_id = $1 ORDER BY e.id"},
    [RT_ST_FILE_PUT] = {"rectify.file_put",
			"INSERT INTO rect_files (sha256, size, content) VALUES ($1, $2, $3) "
			"ON CONFLICT (sha256) DO NOTHING"},
    [RT_ST_FILE_GET] = {"rectify.file_get", "SELECT e.filename, f.content FROM rect_evidence e "
					    "JOIN rect_files f ON f.sha256 = e.sha256 "
					    "WHERE e.rectification_id = $1 AND e.sha256 = $2"},
};

struct db_stmts rectify_stmts = {"rectify", sql, RT_ST__MAX, 0, false};

const struct trail_table rectify_tables[RT_T__MAX] = {
    [RT_T_PROBLEMS] = {"rectifications", &rectify_stmts, RT_ST_GET, RT_ST_ALL, "village_id"},
    [RT_T_TASKS] = {"rect_tasks", &rectify_stmts, RT_ST_TASK_GET, RT_ST_TASK_ALL, "village_id"},
    [RT_T_EVIDENCE] = {"rect_evidence", &rectify_stmts, RT_ST_EV_GET, RT_ST_EV_ALL, "village_id"},
};
