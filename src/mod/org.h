/*
 * The org registry (programme measures 1–4): villages and 片区, people and
 * households, positions and terms, declared relatives, the reserve cadre pool,
 * the supervision assignments of 四员联督 (which also set an inspector's
 * village scope), and the cadres' integrity archive.  Other modules reach
 * villages and people only through this header.
 */
#ifndef QL_ORG_H
#define QL_ORG_H

#include "core/module.h"

extern const struct module org_module;
extern struct db_stmts org_stmts;

/* Statement indices of org_db.c. */
enum org_st {
	ORG_ST_VILLAGE_ID,
	ORG_ST_VILLAGE_GET,
	ORG_ST_VILLAGE_LOG_ALL,
	ORG_ST_VILLAGE_LIST,
	ORG_ST_VILLAGE_COUNT,
	ORG_ST_VILLAGE_INSERT,
	ORG_ST_VILLAGE_UPDATE,
	ORG_ST_VILLAGE_COUNTS,
	ORG_ST_VILLAGES_OF_USER,
	ORG_ST_VILLAGES_ALL_SHORT,
	ORG_ST_VILLAGE_EXPORT,
	ORG_ST_PERSON_ID,
	ORG_ST_PERSON_GET,
	ORG_ST_PERSON_LOG_ALL,
	ORG_ST_PERSON_DETAIL,
	ORG_ST_PEOPLE_LIST,
	ORG_ST_PEOPLE_COUNT,
	ORG_ST_PERSON_INSERT,
	ORG_ST_PERSON_UPDATE,
	ORG_ST_PERSON_UPDATE_CHANGED,
	ORG_ST_PEOPLE_EXPORT,
	ORG_ST_HOUSEHOLDS,
	ORG_ST_HOUSEHOLDS_COUNT,
	ORG_ST_POSITION_GET,
	ORG_ST_POSITION_LOG_ALL,
	ORG_ST_POSITION_FIND,
	ORG_ST_POSITION_INSERT,
	ORG_ST_POSITION_SET_END,
	ORG_ST_POSITION_OVERLAP,
	ORG_ST_POSITIONS_OF_VILLAGE,
	ORG_ST_POSITIONS_OF_PERSON,
	ORG_ST_POSITIONS_EXPORT,
	ORG_ST_RELATIVE_GET,
	ORG_ST_RELATIVE_LOG_ALL,
	ORG_ST_RELATIVE_FIND,
	ORG_ST_RELATIVE_INSERT,
	ORG_ST_RELATIVE_UPDATE,
	ORG_ST_RELATIVES_OF_VILLAGE,
	ORG_ST_RELATIVES_OF_PERSON,
	ORG_ST_RELATIVES_EXPORT,
	ORG_ST_EVENT_GET,
	ORG_ST_EVENT_LOG_ALL,
	ORG_ST_EVENT_FIND,
	ORG_ST_EVENT_INSERT,
	ORG_ST_EVENT_UPDATE_NOTE,
	ORG_ST_EVENTS_LIST,
	ORG_ST_EVENTS_COUNT,
	ORG_ST_EVENTS_OF_PERSON,
	ORG_ST_EVENTS_EXPORT,
	ORG_ST_RESERVE_GET,
	ORG_ST_RESERVE_LOG_ALL,
	ORG_ST_RESERVE_INSERT,
	ORG_ST_RESERVE_REVIEW,
	ORG_ST_RESERVE_LIST,
	ORG_ST_ASSIGN_GET,
	ORG_ST_ASSIGN_LOG_ALL,
	ORG_ST_ASSIGN_INSERT,
	ORG_ST_ASSIGN_LIST,
	ORG_ST_DISTRICT_GET,
	ORG_ST_DISTRICT_LOG_ALL,
	ORG_ST_DISTRICT_INSERT,
	ORG_ST_DISTRICT_LIST,
	ORG_ST_VILLAGE_SET_DISTRICT,
	ORG_ST_DASH_TOTALS,
	ORG_ST_DASH_BY_KIND,
	ORG_ST_DASH_BY_VILLAGE,
	ORG_ST_INBOX_NO_COMMITMENT,
	ORG_ST_INBOX_RESERVE_DUE,
	ORG_ST__MAX
};

/* The logged tables, indices into org_tables. */
enum org_table {
	ORG_T_VILLAGES,
	ORG_T_PEOPLE,
	ORG_T_POSITIONS,
	ORG_T_RELATIVES,
	ORG_T_EVENTS,
	ORG_T_RESERVE,
	ORG_T_ASSIGN,
	ORG_T_DISTRICTS,
	ORG_T__MAX
};
extern const struct trail_table org_tables[ORG_T__MAX];

/* code → id; E_NOTFOUND when there is no such village. */
enum err org_village_id(struct db_conn *c, const char *code, int64_t *id);
/* id_no → person id; E_NOTFOUND when absent. */
enum err org_person_id(struct db_conn *c, const char *id_no, int64_t *id);

/* Import files (org_import.c). */
extern const struct import_file org_imports[];
extern const size_t org_nimports;

/* Rows of a statement as a text table under the given header (exports). */
enum err org_table_from(struct db_res *res, struct arena *a, const char *const *header,
			size_t ncols, struct table *out);

#endif
