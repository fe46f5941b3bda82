/*
 * All SQL of the plan module, in the subset SQLite and PostgreSQL both speak.
 * Lists: $1 = 1 when the user sees every village, else $2 is the user whose
 * user_village rows bound them; township tasks (no village) are seen by every
 * reader.  It must not see HTTP.
 */
#include "plan.h"

#include <string.h>

#define SCOPE(col)   "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"
#define VISIBLE(col) "(" col " IS NULL OR " SCOPE(col) ")"

#define MEASURE_COLS "id, code, part, name, summary, units, start_month, end_month"
#define TASK_COLS                                                                                  \
	"id, village_id, measure_id, year, title, unit, due_date, state, percent, done_date, "     \
	"created_date"
#define MS_COLS	  "id, village_id, task_id, title, due_date, done_date"
#define NOTE_COLS "id, village_id, task_id, date, percent, note, user_id"
#define EV_COLS	  "id, village_id, task_id, sha256, filename, size, uploaded_at, user_id"
#define TASK_LIST_COLS                                                                             \
	"t.id, t.year, m.code AS measure_code, m.name AS measure_name, t.title, t.unit, "          \
	"v.code AS village_code, v.name AS village_name, t.due_date, t.state, t.percent, "         \
	"t.done_date, CASE WHEN t.state = 'open' AND t.due_date < CAST($8 AS TEXT) THEN 1 ELSE 0 " \
	"END AS overdue"
#define TASK_LIST_FROM                                                                             \
	" FROM plan_tasks t JOIN plan_measures m ON m.id = t.measure_id "                          \
	"LEFT JOIN villages v ON v.id = t.village_id WHERE " VISIBLE(                              \
	    "t.village_id") " AND ($3 = 0 OR t.year = $3)"                                         \
			    " AND (CAST($4 AS TEXT) = '' OR m.code = $4)"                          \
			    " AND (CAST($5 AS TEXT) = '' OR t.unit = $5)"                          \
			    " AND (CAST($6 AS TEXT) = '' OR v.code = $6)"                          \
			    " AND (CAST($7 AS TEXT) = '' OR t.state = $7 OR ($7 = 'overdue' AND "  \
			    "t.state = 'open' "                                                    \
			    "AND t.due_date < CAST($8 AS TEXT)))"
#define BOARD_SUMS                                                                                 \
	"COUNT(t.id) AS tasks, "                                                                   \
	"COALESCE(SUM(CASE WHEN t.state = 'done' THEN 1 ELSE 0 END), 0) AS done, "                 \
	"COALESCE(SUM(CASE WHEN t.state = 'done' AND t.done_date <= t.due_date THEN 1 ELSE 0 "     \
	"END), 0) AS done_on_time, "                                                               \
	"COALESCE(SUM(CASE WHEN t.state = 'open' AND t.due_date < CAST($4 AS TEXT) THEN 1 ELSE 0 " \
	"END), 0) AS overdue, COALESCE(SUM(t.percent), 0) AS percent_sum"

static const struct db_sql sql[PLAN_ST__MAX] = {
    [PLAN_ST_MEASURE_GET] = {"plan.measure_get",
			     "SELECT " MEASURE_COLS " FROM plan_measures WHERE id = $1"},
    [PLAN_ST_MEASURE_ALL] = {"plan.measure_all",
			     "SELECT " MEASURE_COLS " FROM plan_measures ORDER BY id"},
    [PLAN_ST_MEASURE_BY_CODE] = {"plan.measure_by_code",
				 "SELECT " MEASURE_COLS " FROM plan_measures WHERE code = $1"},
    [PLAN_ST_MEASURE_INSERT] =
	{"plan.measure_insert",
	 "INSERT INTO plan_measures (code, part, name, summary, units, start_month, end_month) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING id"},
    [PLAN_ST_MEASURE_LIST] = {"plan.measure_list",
			      "SELECT " MEASURE_COLS " FROM plan_measures ORDER BY id"},

    [PLAN_ST_TASK_GET] = {"plan.task_get", "SELECT " TASK_COLS " FROM plan_tasks WHERE id = $1"},
    [PLAN_ST_TASK_ALL] = {"plan.task_all", "SELECT " TASK_COLS " FROM plan_tasks ORDER BY id"},
    [PLAN_ST_TASK_INSERT] =
	{"plan.task_insert",
	 "INSERT INTO plan_tasks (village_id, measure_id, year, title, unit, due_date, state, "
	 "percent, created_date) VALUES ($1, $2, $3, $4, $5, $6, 'open', 0, $7) RETURNING id"},
    [PLAN_ST_TASK_ROW] =
	{"plan.task_row",
	 "SELECT t.id, t.village_id, t.year, m.code AS measure_code, m.name AS measure_name, "
	 "m.part, t.title, t.unit, v.code AS village_code, v.name AS village_name, t.due_date, "
	 "t.state, t.percent, t.done_date, t.created_date FROM plan_tasks t "
	 "JOIN plan_measures m ON m.id = t.measure_id LEFT JOIN villages v ON v.id = t.village_id "
	 "WHERE t.id = $1"},
    [PLAN_ST_TASK_LIST] = {"plan.task_list",
			   "SELECT " TASK_LIST_COLS TASK_LIST_FROM
			   " ORDER BY t.year DESC, m.id, t.due_date, v.code, t.id "
			   "LIMIT $9 OFFSET $10"},
    [PLAN_ST_TASK_COUNT] = {"plan.task_count", "SELECT COUNT(*)" TASK_LIST_FROM},
    [PLAN_ST_TASK_PROGRESS] = {"plan.task_progress",
			       "UPDATE plan_tasks SET percent = $2, state = $3, done_date = $4 "
			       "WHERE id = $1"},
    [PLAN_ST_TASK_VILLAGES] =
	{"plan.task_villages",
	 "SELECT village_id, COUNT(*) AS due, "
	 "SUM(CASE WHEN state = 'done' AND done_date <= due_date THEN 1 ELSE 0 END) AS on_time "
	 "FROM plan_tasks WHERE village_id IS NOT NULL AND year = $1 AND due_date <= $2 "
	 "GROUP BY village_id ORDER BY village_id"},
    [PLAN_ST_VILLAGES_ALL] = {"plan.villages_all", "SELECT id FROM villages ORDER BY code"},

    [PLAN_ST_MS_GET] = {"plan.ms_get", "SELECT " MS_COLS " FROM plan_milestones WHERE id = $1"},
    [PLAN_ST_MS_ALL] = {"plan.ms_all", "SELECT " MS_COLS " FROM plan_milestones ORDER BY id"},
    [PLAN_ST_MS_INSERT] = {"plan.ms_insert",
			   "INSERT INTO plan_milestones (village_id, task_id, title, due_date) "
			   "VALUES ($1, $2, $3, $4) RETURNING id"},
    [PLAN_ST_MS_DONE] = {"plan.ms_done",
			 "UPDATE plan_milestones SET done_date = $2 WHERE id = $1 AND done_date IS "
			 "NULL RETURNING id"},
    [PLAN_ST_MS_OF_TASK] = {"plan.ms_of_task",
			    "SELECT id, title, due_date, done_date FROM plan_milestones "
			    "WHERE task_id = $1 ORDER BY due_date, id"},

    [PLAN_ST_NOTE_GET] = {"plan.note_get", "SELECT " NOTE_COLS " FROM plan_notes WHERE id = $1"},
    [PLAN_ST_NOTE_ALL] = {"plan.note_all", "SELECT " NOTE_COLS " FROM plan_notes ORDER BY id"},
    [PLAN_ST_NOTE_INSERT] = {"plan.note_insert",
			     "INSERT INTO plan_notes (village_id, task_id, date, percent, note, "
			     "user_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},
    [PLAN_ST_NOTES_OF_TASK] =
	{"plan.notes_of_task",
	 "SELECT n.id, n.date, n.percent, n.note, u.username FROM plan_notes n "
	 "LEFT JOIN users u ON u.id = n.user_id WHERE n.task_id = $1 "
	 "ORDER BY n.date, n.id"},

    [PLAN_ST_EV_GET] = {"plan.ev_get", "SELECT " EV_COLS " FROM plan_evidence WHERE id = $1"},
    [PLAN_ST_EV_ALL] = {"plan.ev_all", "SELECT " EV_COLS " FROM plan_evidence ORDER BY id"},
    [PLAN_ST_EV_INSERT] =
	{"plan.ev_insert",
	 "INSERT INTO plan_evidence (village_id, task_id, sha256, filename, size, "
	 "uploaded_at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	 "ON CONFLICT (task_id, sha256) DO NOTHING RETURNING id"},
    [PLAN_ST_EV_OF_TASK] = {"plan.ev_of_task",
			    "SELECT id, sha256, filename, size, uploaded_at FROM plan_evidence "
			    "WHERE task_id = $1 ORDER BY id"},
    [PLAN_ST_FILE_PUT] = {"plan.file_put",
			  "INSERT INTO plan_files (sha256, size, content) VALUES ($1, $2, $3) "
			  "ON CONFLICT (sha256) DO NOTHING"},
    [PLAN_ST_FILE_GET] = {"plan.file_get", "SELECT e.filename, f.content FROM plan_evidence e "
					   "JOIN plan_files f ON f.sha256 = e.sha256 "
					   "WHERE e.task_id = $1 AND e.sha256 = $2"},

    [PLAN_ST_BOARD_MEASURE] =
	{"plan.board_measure",
	 "SELECT m.code, m.part, m.name, m.units, " BOARD_SUMS " FROM plan_measures m "
	 "LEFT JOIN plan_tasks t ON t.measure_id = m.id AND t.year = $3 "
	 "AND " VISIBLE("t.village_id") " GROUP BY m.id, m.code, m.part, m.name, m.units "
					"ORDER BY m.id"},
    [PLAN_ST_BOARD_UNIT] =
	{"plan.board_unit",
	 "SELECT t.unit, v.code AS village_code, v.name AS village_name, " BOARD_SUMS
	 " FROM plan_tasks t LEFT JOIN villages v ON v.id = t.village_id WHERE t.year = $3 "
	 "AND " VISIBLE("t.village_id") " GROUP BY t.unit, v.code, v.name ORDER BY t.unit, v.code"},
};

struct db_stmts plan_stmts = {"plan", sql, PLAN_ST__MAX, 0, false};

const struct trail_table plan_tables[PLAN_T__MAX] = {
    [PLAN_T_MEASURES] = {"plan_measures", &plan_stmts, PLAN_ST_MEASURE_GET, PLAN_ST_MEASURE_ALL,
			 NULL},
    [PLAN_T_TASKS] = {"plan_tasks", &plan_stmts, PLAN_ST_TASK_GET, PLAN_ST_TASK_ALL, "village_id"},
    [PLAN_T_MILESTONES] = {"plan_milestones", &plan_stmts, PLAN_ST_MS_GET, PLAN_ST_MS_ALL,
			   "village_id"},
    [PLAN_T_NOTES] = {"plan_notes", &plan_stmts, PLAN_ST_NOTE_GET, PLAN_ST_NOTE_ALL, "village_id"},
    [PLAN_T_EVIDENCE] = {"plan_evidence", &plan_stmts, PLAN_ST_EV_GET, PLAN_ST_EV_ALL,
			 "village_id"},
};

enum err plan_tasks_due(struct db_conn *c, int year, const char *as_of, struct arena *a,
			struct plan_village_tasks **out, size_t *n)
{
	struct db_res *res;
	enum err e = db_exec(c, &plan_stmts, PLAN_ST_TASK_VILLAGES,
			     DB_PARAMS(DB_INT(year), DB_TEXT(as_of)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 16, k = 0;
	struct plan_village_tasks *v = ARENA_ARRAY(a, struct plan_village_tasks, cap);
	while (db_row(res)) {
		if (k == cap) {
			struct plan_village_tasks *w =
			    ARENA_ARRAY(a, struct plan_village_tasks, cap * 2);
			memcpy(w, v, sizeof(*v) * cap);
			v = w;
			cap *= 2;
		}
		v[k].village_id = db_int(res, 0);
		v[k].due = db_int(res, 1);
		v[k].on_time = db_int(res, 2);
		k++;
	}
	*out = v;
	*n = k;
	return db_done(res);
}
