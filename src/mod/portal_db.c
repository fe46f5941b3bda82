/*
 * All SQL of the public portal, in the subset SQLite and PostgreSQL both speak.
 * Read-only, over the org module's tables.  No statement here may select an ID
 * number, a phone or a bank account: what is not read cannot leak onto a page.
 * It must not see HTTP.
 */
#include "portal.h"

/* The order a notice board lists posts in: leaders first. */
#define POST_RANK                                                                                  \
	"CASE p.post WHEN '书记' THEN 1 WHEN '主任' THEN 2 WHEN '副书记' THEN 3 "           \
	"WHEN '副主任' THEN 4 WHEN '委员' THEN 5 WHEN '纪检委员' THEN 6 "                 \
	"WHEN '监委会主任' THEN 7 WHEN '监委会委员' THEN 8 WHEN '报账员' THEN 9 "     \
	"WHEN '会计' THEN 10 WHEN '出纳' THEN 11 ELSE 99 END"

/* Serving on the date $2 (or $3): started by then, not yet left. */
#define SERVING_ON_2 "p.start_date <= $2 AND (p.end_date IS NULL OR p.end_date >= $2)"
#define SERVING_ON_3 "p.start_date <= $3 AND (p.end_date IS NULL OR p.end_date >= $3)"

static const struct db_sql sql[PORTAL_ST__MAX] = {
    [PORTAL_ST_VILLAGES] = {"portal.villages", "SELECT code, name, kind, township FROM villages "
					       "ORDER BY township, code"},
    /* The village's own figures; the register's count where none was given
     * (people who died or moved out are not counted). */
    [PORTAL_ST_VILLAGE] =
	{"portal.village",
	 "SELECT v.id, v.code, v.name, v.kind, v.township, "
	 "COALESCE(v.households, (SELECT COUNT(DISTINCT x.household_no) FROM people x "
	 "WHERE x.village_id = v.id AND x.death_date IS NULL AND x.moved_out_date IS NULL)), "
	 "COALESCE(v.population, (SELECT COUNT(*) FROM people x WHERE x.village_id = v.id "
	 "AND x.death_date IS NULL AND x.moved_out_date IS NULL)) "
	 "FROM villages v WHERE v.code = $1"},
    [PORTAL_ST_CADRES] = {"portal.cadres",
			  "SELECT p.post, x.name, p.start_date FROM positions p "
			  "JOIN people x ON x.id = p.person_id WHERE p.village_id = $1 "
			  "AND " SERVING_ON_2 " ORDER BY " POST_RANK ", p.start_date, x.name"},
    /* Only serving cadres are named: the archive may hold others, and only
     * public office makes a name public. */
    [PORTAL_ST_COMMITMENTS] =
	{"portal.commitments",
	 "SELECT t.name, t.signed_on FROM (SELECT x.id, x.name, "
	 "(SELECT MIN(e.date) FROM archive_events e WHERE e.person_id = x.id "
	 "AND e.village_id = $1 AND e.kind = '廉政承诺' AND e.date >= $2 AND e.date <= $3) "
	 "AS signed_on FROM people x WHERE x.id IN (SELECT p.person_id FROM positions p "
	 "WHERE p.village_id = $1 AND " SERVING_ON_3 ")) t "
	 "ORDER BY CASE WHEN t.signed_on IS NULL THEN 1 ELSE 0 END, t.signed_on, t.name"},
    [PORTAL_ST_LOG_SIZE] = {"portal.log_size", "SELECT size FROM trail_head WHERE id = 1"},
};

struct db_stmts portal_stmts = {"portal", sql, PORTAL_ST__MAX, 0, false};
