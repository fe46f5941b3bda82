/*
 * Programme tasks (五.1–2 任务清单): the programme's own measures, pre-loaded
 * from the embedded domain/programme.csv (measures M01–M14, the steps S1–S5 and
 * the goal T1, with their parts, responsible units and periods); yearly tasks
 * per measure assigned to a responsible unit and, for the villages' own
 * tasks, to a village; milestones, progress notes and evidence files
 * (content-addressed by SHA-256); and the progress board by measure and by
 * unit.  Other modules reach tasks only through this header.
 */
#ifndef QL_PLAN_H
#define QL_PLAN_H

#include <stdint.h>

#include "core/module.h"

extern const struct module plan_module;
extern struct db_stmts plan_stmts;

/* The responsible unit of the villages' own tasks (programme.csv's wording). */
#define PLAN_UNIT_VILLAGE "各村居党组织"

/* Load the measures of programme.csv that are not in the database yet, each
 * row logged in tc's transaction.  *inserted (may be NULL) receives how many
 * were added.  Idempotent. */
enum err plan_measures_ensure(struct trail_ctx *tc, int64_t *inserted, struct errinfo *ei);

/* Tasks of one village in one year that fell due (due_date ≤ as_of). */
struct plan_village_tasks {
	int64_t village_id; /* the village */
	int64_t due;	    /* tasks due by as_of */
	int64_t on_time;    /* of those, done on or before their due date */
};

/* Per village with any task of year due by as_of, ordered by village id, in
 * arena a. */
enum err plan_tasks_due(struct db_conn *c, int year, const char *as_of, struct arena *a,
			struct plan_village_tasks **out, size_t *n);

/* Statement indices of plan_db.c. */
enum plan_st {
	PLAN_ST_MEASURE_GET,
	PLAN_ST_MEASURE_ALL,
	PLAN_ST_MEASURE_BY_CODE,
	PLAN_ST_MEASURE_INSERT,
	PLAN_ST_MEASURE_LIST,
	PLAN_ST_TASK_GET,
	PLAN_ST_TASK_ALL,
	PLAN_ST_TASK_INSERT,
	PLAN_ST_TASK_ROW,
	PLAN_ST_TASK_LIST,
	PLAN_ST_TASK_COUNT,
	PLAN_ST_TASK_PROGRESS,
	PLAN_ST_TASK_VILLAGES,
	PLAN_ST_VILLAGES_ALL,
	PLAN_ST_MS_GET,
	PLAN_ST_MS_ALL,
	PLAN_ST_MS_INSERT,
	PLAN_ST_MS_DONE,
	PLAN_ST_MS_OF_TASK,
	PLAN_ST_NOTE_GET,
	PLAN_ST_NOTE_ALL,
	PLAN_ST_NOTE_INSERT,
	PLAN_ST_NOTES_OF_TASK,
	PLAN_ST_EV_GET,
	PLAN_ST_EV_ALL,
	PLAN_ST_EV_INSERT,
	PLAN_ST_EV_OF_TASK,
	PLAN_ST_FILE_PUT,
	PLAN_ST_FILE_GET,
	PLAN_ST_BOARD_MEASURE,
	PLAN_ST_BOARD_UNIT,
	PLAN_ST__MAX
};

/* The logged tables, indices into plan_tables. */
enum plan_table {
	PLAN_T_MEASURES,
	PLAN_T_TASKS,
	PLAN_T_MILESTONES,
	PLAN_T_NOTES,
	PLAN_T_EVIDENCE,
	PLAN_T__MAX
};
extern const struct trail_table plan_tables[PLAN_T__MAX];

#endif
