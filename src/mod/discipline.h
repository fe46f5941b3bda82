/*
 * Discipline cases by the 四种形态 (programme measure 11): form 1 谈话提醒,
 * 批评教育, 责令检查, 诫勉; form 2 党纪轻处分 (警告, 严重警告), 组织调整;
 * form 3 党纪重处分 (撤销党内职务, 留党察看, 开除党籍), 重大职务调整; form 4
 * 严重违纪涉嫌犯罪追究刑事责任 — with outcomes and statistics by village and
 * form.  Visible to the discipline commission only, and never to the person
 * a case is about.
 */
#ifndef QL_DISCIPLINE_H
#define QL_DISCIPLINE_H

#include <stdbool.h>

#include "core/module.h"

extern const struct module discipline_module;
extern struct db_stmts discipline_stmts;

/* Is kind one of the sub-kinds of form (1–4)? */
bool discipline_kind_valid(int form, const char *kind);

enum discipline_st {
	DC_ST_GET,
	DC_ST_ALL,
	DC_ST_ROW,
	DC_ST_REF_COUNT,
	DC_ST_INSERT,
	DC_ST_DECIDE,
	DC_ST_LIST,
	DC_ST_COUNT,
	DC_ST_STATS,
	DC_ST__MAX
};

enum discipline_table { DC_T_CASES, DC_T__MAX };
extern const struct trail_table discipline_tables[DC_T__MAX];

#endif
