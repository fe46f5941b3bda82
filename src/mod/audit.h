/*
 * Audits (审计, programme measure 8): the 一年一审 of each village secretary's
 * economic responsibility, the 离任审计 of a 书记 or 主任 who leaves office,
 * special audits (土地征用, 债权债务, 承包上交, 一事一议, matters villagers
 * complain about); reports and findings, each finding handed over as a
 * rectification task (rectify.h).  Other modules reach audits only through
 * this header.
 */
#ifndef QL_AUDIT_H
#define QL_AUDIT_H

#include "core/module.h"

extern const struct module audit_module;
extern struct db_stmts audit_stmts;

enum audit_st {
	AU_ST_GET,
	AU_ST_ALL,
	AU_ST_ROW,
	AU_ST_FIND,
	AU_ST_REF_COUNT,
	AU_ST_INSERT,
	AU_ST_REPORT,
	AU_ST_SET_IMPORT,
	AU_ST_SET_FINDINGS,
	AU_ST_LIST,
	AU_ST_COUNT,
	AU_ST_DEPARTURES,
	AU_ST_SECRETARIES,
	AU_ST_ANNUAL_EXISTS,
	AU_ST_EXPORT,
	AU_ST_FINDING_GET,
	AU_ST_FINDING_ALL,
	AU_ST_FINDING_INSERT,
	AU_ST_FINDINGS_OF,
	AU_ST_FINDING_NEXT,
	AU_ST__MAX
};

enum audit_table { AU_T_AUDITS, AU_T_FINDINGS, AU_T__MAX };
extern const struct trail_table audit_tables[AU_T__MAX];

#endif
