/*
 * Education and culture (programme measures 12 弘扬乡风家风, 13 建强文化阵地,
 * 14 强化纪法规矩教育): activities (廉政家访, 好家风评选, 以案五说 warning
 * education, 纪法教育, 道德讲堂, 农家书屋 updates …) with date, village,
 * participants, attendance and materials (files content-addressed by
 * SHA-256); the township's warning-education case library; 好家风 household
 * records; and the versions of each village's 村规民约, each adopted by a
 * decision matter that power.h must show resolved.  Other modules reach
 * education records only through this header.
 */
#ifndef QL_EDU_H
#define QL_EDU_H

#include <stdint.h>

#include "core/module.h"

extern const struct module edu_module;
extern struct db_stmts edu_stmts;

/* The activity kind of 以案五说 warning education. */
#define EDU_KIND_WARNING "以案五说"

/* Warning education of one village in one year. */
struct edu_village_quarters {
	int64_t village_id; /* the village */
	int quarters;	    /* quarters ended by as_of with at least one 以案五说 activity */
};

/* Quarters of year that ended on or before as_of (0–4). */
int edu_quarters_ended(int year, const char *as_of);
/* Per village with any 以案五说 activity in a quarter of year ended by as_of,
 * ordered by village id, in arena a. */
enum err edu_warning_quarters(struct db_conn *c, int year, const char *as_of, struct arena *a,
			      struct edu_village_quarters **out, size_t *n);

/* Statement indices of edu_db.c. */
enum edu_st {
	EDU_ST_CASE_GET,
	EDU_ST_CASE_ALL,
	EDU_ST_CASE_INSERT,
	EDU_ST_CASE_LIST,
	EDU_ST_CASE_COUNT,
	EDU_ST_ACT_GET,
	EDU_ST_ACT_ALL,
	EDU_ST_ACT_INSERT,
	EDU_ST_ACT_ROW,
	EDU_ST_ACT_LIST,
	EDU_ST_ACT_COUNT,
	EDU_ST_ACT_STATS,
	EDU_ST_ACT_WARNING,
	EDU_ST_MAT_GET,
	EDU_ST_MAT_ALL,
	EDU_ST_MAT_INSERT,
	EDU_ST_MAT_OF,
	EDU_ST_FILE_PUT,
	EDU_ST_FILE_GET,
	EDU_ST_FAM_GET,
	EDU_ST_FAM_ALL,
	EDU_ST_FAM_INSERT,
	EDU_ST_FAM_LIST,
	EDU_ST_RULE_GET,
	EDU_ST_RULE_ALL,
	EDU_ST_RULE_LATEST,
	EDU_ST_RULE_INSERT,
	EDU_ST_RULES_OF,
	EDU_ST_RULE_ROW,
	EDU_ST__MAX
};

/* The logged tables, indices into edu_tables. */
enum edu_table {
	EDU_T_CASES,
	EDU_T_ACTIVITIES,
	EDU_T_MATERIALS,
	EDU_T_FAMILIES,
	EDU_T_RULES,
	EDU_T__MAX
};
extern const struct trail_table edu_tables[EDU_T__MAX];

#endif
