/*
 * Rectification (整改, programme measure 9): a problem list (from 巡察, 审计,
 * 督查, 信访 or a 预警 alert) with its responsible owner and deadline, the task
 * list of measures, evidence files content-addressed by SHA-256, 销号 by the
 * discipline commission only, the 见底清零 board per source, and escalation of
 * overdue problems.  Other modules create tasks through rectify_task_create()
 * (audit findings, the red-flag engine) and reach nothing else here.
 */
#ifndef QL_RECTIFY_H
#define QL_RECTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/module.h"

extern const struct module rectify_module;
extern struct db_stmts rectify_stmts;

/* A problem to rectify, as another module hands it over. */
struct rectify_new {
	int64_t village_id;	/* the village it belongs to */
	const char *source;	/* 巡察 | 审计 | 督查 | 信访 | 预警 */
	const char *source_ref; /* what raised it (audit ref, alert key), or NULL */
	const char *problem;	/* the problem, in Chinese */
	const char *owner;	/* 责任人 (name or unit), or NULL */
	int64_t owner_user_id;	/* the owner's login, 0 if none */
	const char *deadline;	/* 整改时限 "YYYY-MM-DD" */
	const char *measures;	/* first task's measures, or NULL for none */
	const char *created;	/* 交办日期 "YYYY-MM-DD" */
};

/* Create the problem (and its first task when measures are given), each row
 * logged in tc's transaction.  Idempotent on (village, source, source_ref): a
 * second call for the same source_ref returns the existing id with *created
 * false.  E_INPUT for an unknown source or a malformed deadline. */
enum err rectify_task_create(struct trail_ctx *tc, const struct rectify_new *n, int64_t *id,
			     bool *created, struct errinfo *ei);

enum rectify_st {
	RT_ST_GET,
	RT_ST_ALL,
	RT_ST_ROW,
	RT_ST_FIND,
	RT_ST_FIND_SOURCE,
	RT_ST_REF_COUNT,
	RT_ST_INSERT,
	RT_ST_SET_STATE,
	RT_ST_SET_IMPORT,
	RT_ST_LIST,
	RT_ST_COUNT,
	RT_ST_BOARD,
	RT_ST_BOARD_VILLAGE,
	RT_ST_OVERDUE_OPEN,
	RT_ST_EXPORT,
	RT_ST_TASK_GET,
	RT_ST_TASK_ALL,
	RT_ST_TASK_INSERT,
	RT_ST_TASK_DONE,
	RT_ST_TASKS_OF,
	RT_ST_TASKS_OPEN,
	RT_ST_EV_GET,
	RT_ST_EV_ALL,
	RT_ST_EV_INSERT,
	RT_ST_EV_OF,
	RT_ST_FILE_PUT,
	RT_ST_FILE_GET,
	RT_ST__MAX
};

enum rectify_table { RT_T_PROBLEMS, RT_T_TASKS, RT_T_EVIDENCE, RT_T__MAX };
extern const struct trail_table rectify_tables[RT_T__MAX];

/* Columns of RT_ST_ROW. */
enum rectify_col {
	RC_ID,
	RC_VILLAGE_ID,
	RC_REF,
	RC_SOURCE,
	RC_SOURCE_REF,
	RC_PROBLEM,
	RC_OWNER,
	RC_OWNER_USER,
	RC_DEADLINE,
	RC_CREATED,
	RC_STATE,
	RC_DONE,
	RC_CLOSED,
	RC_CLOSED_BY,
	RC_ESCALATED,
	RC_VILLAGE_CODE,
	RC_VILLAGE_NAME,
};

#endif
