/*
 * All SQL of the org module, in the subset SQLite and PostgreSQL both speak.
 * Scope filter of lists: $1 = 1 when the user sees every village, else $2 is
 * the user id whose user_village rows bound the result.  It must not see HTTP.
 */
#include "org.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define VILLAGE_COLS "id, code, name, kind, township, district_id, households, population"
#define PERSON_COLS                                                                                \
	"id, id_no, name, village_id, household_no, death_date, moved_out_date, party_member, "    \
	"phone"
#define POSITION_COLS "id, village_id, person_id, post, start_date, end_date"
#define RELATIVE_COLS "id, village_id, cadre_id, relative_id, relation, declared_date"
#define EVENT_COLS    "id, village_id, person_id, kind, date, note"
#define RESERVE_COLS  "id, village_id, person_id, added_date, reviewed_date, status, note"
#define ASSIGN_COLS   "id, kind, village_id, district_id, person_id, user_id, start_date, end_date"

static const struct db_sql sql[ORG_ST__MAX] = {
    [ORG_ST_VILLAGE_ID] = {"org.village_id", "SELECT id FROM villages WHERE code = $1"},
    [ORG_ST_VILLAGE_GET] = {"org.village_get",
			    "SELECT " VILLAGE_COLS " FROM villages WHERE id = $1"},
    [ORG_ST_VILLAGE_LOG_ALL] = {"org.village_log_all",
				"SELECT " VILLAGE_COLS " FROM villages ORDER BY id"},
    [ORG_ST_VILLAGE_LIST] =
	{"org.village_list",
	 "SELECT v.id, v.code, v.name, v.kind, v.township, v.households, v.population, "
	 "(SELECT COUNT(*) FROM positions p WHERE p.village_id = v.id AND p.start_date <= $5 "
	 "AND (p.end_date IS NULL OR p.end_date >= $5)) AS cadres "
	 "FROM villages v WHERE " SCOPE(
	     "v.id") " "
		     "AND (CAST($3 AS TEXT) = '' OR v.name LIKE '%' || $3 || '%' OR v.code LIKE $3 "
		     "|| '%') "
		     "AND (CAST($4 AS TEXT) = '' OR v.kind = $4) "
		     "ORDER BY CASE WHEN $6 = 'name' THEN v.name END, CASE WHEN $6 = '-name' THEN "
		     "v.name END DESC, "
		     "CASE WHEN $6 = 'households' THEN v.households END, "
		     "CASE WHEN $6 = '-households' THEN v.households END DESC, "
		     "CASE WHEN $6 = 'population' THEN v.population END, "
		     "CASE WHEN $6 = '-population' THEN v.population END DESC, "
		     "CASE WHEN $6 = '-code' THEN v.code END DESC, v.code LIMIT $7 OFFSET $8"},
    [ORG_ST_VILLAGE_COUNT] = {"org.village_count",
			      "SELECT COUNT(*) FROM villages v WHERE " SCOPE(
				  "v.id") " "
					  "AND (CAST($3 AS TEXT) = '' OR v.name LIKE '%' || $3 || "
					  "'%' OR v.code LIKE $3 || '%') "
					  "AND (CAST($4 AS TEXT) = '' OR v.kind = $4)"},
    [ORG_ST_VILLAGE_INSERT] =
	{"org.village_insert",
	 "INSERT INTO villages (code, name, kind, township, households, population) "
	 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING id"},
    [ORG_ST_VILLAGE_UPDATE] =
	{"org.village_update",
	 "UPDATE villages SET name = $2, kind = $3, township = $4, households = $5, population = "
	 "$6 "
	 "WHERE code = $1 AND (name IS DISTINCT FROM $2 OR kind IS DISTINCT FROM $3 OR "
	 "township IS DISTINCT FROM $4 OR households IS DISTINCT FROM $5 OR "
	 "population IS DISTINCT FROM $6) RETURNING id"},
    [ORG_ST_VILLAGE_COUNTS] =
	{"org.village_counts",
	 "SELECT (SELECT COUNT(*) FROM people WHERE village_id = $1) AS people, "
	 "(SELECT COUNT(DISTINCT household_no) FROM people WHERE village_id = $1) AS households, "
	 "(SELECT COUNT(*) FROM positions WHERE village_id = $1 AND start_date <= $2 AND "
	 "(end_date IS NULL OR end_date >= $2)) AS cadres, "
	 "(SELECT COUNT(*) FROM archive_events WHERE village_id = $1 AND date >= $3) AS "
	 "archive_events_year"},
    [ORG_ST_VILLAGES_OF_USER] = {"org.villages_of_user",
				 "SELECT v.id, v.code, v.name FROM user_village uv "
				 "JOIN villages v ON v.id = uv.village_id WHERE uv.user_id = $1 "
				 "ORDER BY v.code"},
    [ORG_ST_VILLAGES_ALL_SHORT] = {"org.villages_all_short",
				   "SELECT id, code, name FROM villages ORDER BY code"},
    [ORG_ST_VILLAGE_EXPORT] =
	{"org.village_export",
	 "SELECT code, name, kind, township, households, population FROM villages v "
	 "WHERE " SCOPE("v.id") " ORDER BY code"},

    [ORG_ST_PERSON_ID] = {"org.person_id", "SELECT id, village_id FROM people WHERE id_no = $1"},
    [ORG_ST_PERSON_GET] = {"org.person_get", "SELECT " PERSON_COLS " FROM people WHERE id = $1"},
    [ORG_ST_PERSON_LOG_ALL] = {"org.person_log_all",
			       "SELECT " PERSON_COLS " FROM people ORDER BY id"},
    [ORG_ST_PERSON_DETAIL] =
	{"org.person_detail",
	 "SELECT p.id, p.id_no, p.name, p.village_id, v.code AS village_code, v.name AS "
	 "village_name, p.household_no, p.death_date, p.moved_out_date, p.party_member, p.phone "
	 "FROM people p JOIN villages v ON v.id = p.village_id WHERE p.id = $1"},
    [ORG_ST_PEOPLE_LIST] =
	{"org.people_list",
	 "SELECT id, id_no, name, household_no, party_member, phone, death_date, moved_out_date "
	 "FROM people WHERE village_id = $1 "
	 "AND (CAST($2 AS TEXT) = '' OR name LIKE '%' || $2 || '%' OR id_no LIKE $2 || '%') "
	 "AND (CAST($3 AS TEXT) = '' OR household_no = $3) "
	 "ORDER BY CASE WHEN $4 = 'name' THEN name END, CASE WHEN $4 = '-name' THEN name END DESC, "
	 "CASE WHEN $4 = '-household_no' THEN household_no END DESC, household_no, id "
	 "LIMIT $5 OFFSET $6"},
    [ORG_ST_PEOPLE_COUNT] =
	{"org.people_count",
	 "SELECT COUNT(*) FROM people WHERE village_id = $1 "
	 "AND (CAST($2 AS TEXT) = '' OR name LIKE '%' || $2 || '%' OR id_no LIKE $2 || '%') "
	 "AND (CAST($3 AS TEXT) = '' OR household_no = $3)"},
    [ORG_ST_PERSON_INSERT] =
	{"org.person_insert",
	 "INSERT INTO people (id_no, name, village_id, household_no, death_date, moved_out_date, "
	 "party_member, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	 "ON CONFLICT (id_no) DO NOTHING RETURNING id"},
    [ORG_ST_PERSON_UPDATE] =
	{"org.person_update",
	 "UPDATE people SET name = $2, household_no = $3, death_date = $4, moved_out_date = $5, "
	 "party_member = $6, phone = $7 WHERE id = $1"},
    [ORG_ST_PERSON_UPDATE_CHANGED] =
	{"org.person_update_changed",
	 "UPDATE people SET name = $2, village_id = $3, household_no = $4, death_date = $5, "
	 "moved_out_date = $6, party_member = $7, phone = $8 WHERE id_no = $1 AND "
	 "(name IS DISTINCT FROM $2 OR village_id IS DISTINCT FROM $3 OR "
	 "household_no IS DISTINCT FROM $4 OR death_date IS DISTINCT FROM $5 OR "
	 "moved_out_date IS DISTINCT FROM $6 OR party_member IS DISTINCT FROM $7 OR "
	 "phone IS DISTINCT FROM $8) RETURNING id"},
    [ORG_ST_PEOPLE_EXPORT] =
	{"org.people_export",
	 "SELECT p.id_no, p.name, v.code, p.household_no, p.death_date, p.moved_out_date, "
	 "CASE WHEN p.party_member = 1 THEN '是' ELSE '否' END, p.phone "
	 "FROM people p JOIN villages v ON v.id = p.village_id WHERE " SCOPE(
	     "p.village_id") " "
			     "ORDER BY v.code, p.household_no, p.id_no"},
    [ORG_ST_HOUSEHOLDS] =
	{"org.households",
	 "SELECT household_no, COUNT(*) AS members, MIN(name) AS head_name FROM people "
	 "WHERE village_id = $1 AND household_no IS NOT NULL GROUP BY household_no "
	 "ORDER BY household_no LIMIT $2 OFFSET $3"},
    [ORG_ST_HOUSEHOLDS_COUNT] =
	{"org.households_count",
	 "SELECT COUNT(DISTINCT household_no) FROM people WHERE village_id = $1"},

    [ORG_ST_POSITION_GET] = {"org.position_get",
			     "SELECT " POSITION_COLS " FROM positions WHERE id = $1"},
    [ORG_ST_POSITION_LOG_ALL] = {"org.position_log_all",
				 "SELECT " POSITION_COLS " FROM positions ORDER BY id"},
    [ORG_ST_POSITION_FIND] = {"org.position_find",
			      "SELECT id, end_date FROM positions WHERE village_id = $1 AND "
			      "person_id = $2 AND post = $3 AND start_date = $4"},
    [ORG_ST_POSITION_INSERT] =
	{"org.position_insert",
	 "INSERT INTO positions (village_id, person_id, post, start_date, end_date) "
	 "VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [ORG_ST_POSITION_SET_END] = {"org.position_set_end",
				 "UPDATE positions SET end_date = $2 WHERE id = $1"},
    /* Posts held by one person at a time (书记, 主任, 监委会主任) must not overlap. */
    [ORG_ST_POSITION_OVERLAP] =
	{"org.position_overlap",
	 "SELECT p.id, x.name, p.start_date, p.end_date FROM positions p "
	 "JOIN people x ON x.id = p.person_id WHERE p.village_id = $1 AND p.post = $2 "
	 "AND p.id <> $5 AND p.start_date <= COALESCE(CAST($4 AS TEXT), '9999-12-31') "
	 "AND COALESCE(p.end_date, '9999-12-31') >= $3 LIMIT 1"},
    [ORG_ST_POSITIONS_OF_VILLAGE] =
	{"org.positions_of_village",
	 "SELECT p.id, p.person_id, x.name, x.id_no, p.post, p.start_date, p.end_date "
	 "FROM positions p JOIN people x ON x.id = p.person_id WHERE p.village_id = $1 "
	 "AND ($2 = 0 OR (p.start_date <= $3 AND (p.end_date IS NULL OR p.end_date >= $3))) "
	 "ORDER BY p.start_date DESC, p.post, p.id"},
    [ORG_ST_POSITIONS_OF_PERSON] =
	{"org.positions_of_person",
	 "SELECT p.id, v.code AS village_code, v.name AS village_name, p.post, p.start_date, "
	 "p.end_date FROM positions p JOIN villages v ON v.id = p.village_id "
	 "WHERE p.person_id = $1 ORDER BY p.start_date DESC"},
    [ORG_ST_POSITIONS_EXPORT] =
	{"org.positions_export",
	 "SELECT v.code, x.id_no, p.post, p.start_date, p.end_date FROM positions p "
	 "JOIN villages v ON v.id = p.village_id JOIN people x ON x.id = p.person_id "
	 "WHERE " SCOPE("p.village_id") " ORDER BY v.code, p.start_date, p.post, x.id_no"},

    [ORG_ST_RELATIVE_GET] = {"org.relative_get",
			     "SELECT " RELATIVE_COLS " FROM relatives WHERE id = $1"},
    [ORG_ST_RELATIVE_LOG_ALL] = {"org.relative_log_all",
				 "SELECT " RELATIVE_COLS " FROM relatives ORDER BY id"},
    [ORG_ST_RELATIVE_FIND] = {"org.relative_find",
			      "SELECT id, relation, declared_date FROM relatives "
			      "WHERE cadre_id = $1 AND relative_id = $2"},
    [ORG_ST_RELATIVE_INSERT] =
	{"org.relative_insert",
	 "INSERT INTO relatives (village_id, cadre_id, relative_id, relation, "
	 "declared_date) VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [ORG_ST_RELATIVE_UPDATE] =
	{"org.relative_update",
	 "UPDATE relatives SET relation = $2, declared_date = $3 WHERE id = $1"},
    [ORG_ST_RELATIVES_OF_VILLAGE] =
	{"org.relatives_of_village",
	 "SELECT r.id, r.cadre_id, c.name AS cadre_name, r.relative_id, x.name AS relative_name, "
	 "x.id_no AS relative_id_no, r.relation, r.declared_date FROM relatives r "
	 "JOIN people c ON c.id = r.cadre_id JOIN people x ON x.id = r.relative_id "
	 "WHERE r.village_id = $1 ORDER BY c.name, r.id"},
    [ORG_ST_RELATIVES_OF_PERSON] =
	{"org.relatives_of_person",
	 "SELECT r.id, r.relative_id, x.name AS relative_name, x.id_no AS relative_id_no, "
	 "r.relation, r.declared_date FROM relatives r JOIN people x ON x.id = r.relative_id "
	 "WHERE r.cadre_id = $1 ORDER BY r.id"},
    [ORG_ST_RELATIVES_EXPORT] =
	{"org.relatives_export",
	 "SELECT c.id_no, x.id_no, r.relation, r.declared_date FROM relatives r "
	 "JOIN people c ON c.id = r.cadre_id JOIN people x ON x.id = r.relative_id "
	 "WHERE " SCOPE("r.village_id") " ORDER BY c.id_no, x.id_no"},

    [ORG_ST_EVENT_GET] = {"org.event_get",
			  "SELECT " EVENT_COLS " FROM archive_events WHERE id = $1"},
    [ORG_ST_EVENT_LOG_ALL] = {"org.event_log_all",
			      "SELECT " EVENT_COLS " FROM archive_events ORDER BY id"},
    [ORG_ST_EVENT_FIND] = {"org.event_find",
			   "SELECT id, note FROM archive_events WHERE village_id = $1 AND "
			   "person_id = $2 AND kind = $3 AND date = $4"},
    [ORG_ST_EVENT_INSERT] = {"org.event_insert",
			     "INSERT INTO archive_events (village_id, person_id, kind, date, note) "
			     "VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [ORG_ST_EVENT_UPDATE_NOTE] = {"org.event_update_note",
				  "UPDATE archive_events SET note = $2 WHERE id = $1"},
    [ORG_ST_EVENTS_LIST] =
	{"org.events_list",
	 "SELECT e.id, v.code AS village_code, v.name AS village_name, e.person_id, x.name, "
	 "e.kind, e.date, e.note FROM archive_events e JOIN villages v ON v.id = e.village_id "
	 "JOIN people x ON x.id = e.person_id WHERE " SCOPE(
	     "e.village_id") " "
			     "AND (CAST($3 AS TEXT) = '' OR v.code = $3) AND (CAST($4 AS TEXT) = "
			     "'' OR e.kind = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR e.date LIKE $5 || '%') "
			     "ORDER BY e.date DESC, e.id DESC LIMIT $6 OFFSET $7"},
    [ORG_ST_EVENTS_COUNT] =
	{"org.events_count",
	 "SELECT COUNT(*) FROM archive_events e JOIN villages v ON v.id = e.village_id "
	 "WHERE " SCOPE("e.village_id") " "
					"AND (CAST($3 AS TEXT) = '' OR v.code = $3) AND (CAST($4 "
					"AS TEXT) = '' OR e.kind = $4) "
					"AND (CAST($5 AS TEXT) = '' OR e.date LIKE $5 || '%')"},
    [ORG_ST_EVENTS_OF_PERSON] = {"org.events_of_person",
				 "SELECT id, kind, date, note FROM archive_events "
				 "WHERE person_id = $1 ORDER BY date DESC, id DESC"},
    [ORG_ST_EVENTS_EXPORT] =
	{"org.events_export",
	 "SELECT v.code, x.id_no, e.kind, e.date, e.note FROM archive_events e "
	 "JOIN villages v ON v.id = e.village_id JOIN people x ON x.id = e.person_id "
	 "WHERE " SCOPE("e.village_id") " ORDER BY v.code, e.date, x.id_no, e.kind"},

    [ORG_ST_RESERVE_GET] = {"org.reserve_get",
			    "SELECT " RESERVE_COLS " FROM reserve_cadres WHERE id = $1"},
    [ORG_ST_RESERVE_LOG_ALL] = {"org.reserve_log_all",
				"SELECT " RESERVE_COLS " FROM reserve_cadres ORDER BY id"},
    [ORG_ST_RESERVE_INSERT] =
	{"org.reserve_insert",
	 "INSERT INTO reserve_cadres (village_id, person_id, added_date, note) "
	 "VALUES ($1, $2, $3, $4) RETURNING id"},
    [ORG_ST_RESERVE_REVIEW] =
	{"org.reserve_review",
	 "UPDATE reserve_cadres SET reviewed_date = $2, status = $3, note = $4 "
	 "WHERE id = $1"},
    [ORG_ST_RESERVE_LIST] =
	{"org.reserve_list",
	 "SELECT r.id, v.code AS village_code, v.name AS village_name, r.person_id, x.name, "
	 "r.added_date, r.reviewed_date, r.status, r.note FROM reserve_cadres r "
	 "JOIN villages v ON v.id = r.village_id JOIN people x ON x.id = r.person_id "
	 "WHERE " SCOPE("r.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"ORDER BY v.code, r.added_date"},

    [ORG_ST_ASSIGN_GET] = {"org.assign_get",
			   "SELECT " ASSIGN_COLS " FROM assignments WHERE id = $1"},
    [ORG_ST_ASSIGN_LOG_ALL] = {"org.assign_log_all",
			       "SELECT " ASSIGN_COLS " FROM assignments ORDER BY id"},
    [ORG_ST_ASSIGN_INSERT] =
	{"org.assign_insert",
	 "INSERT INTO assignments (kind, village_id, person_id, user_id, start_date) "
	 "VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [ORG_ST_ASSIGN_LIST] =
	{"org.assign_list",
	 "SELECT a.id, a.kind, v.code AS village_code, v.name AS village_name, x.name, "
	 "u.username, a.start_date, a.end_date FROM assignments a "
	 "LEFT JOIN villages v ON v.id = a.village_id LEFT JOIN people x ON x.id = a.person_id "
	 "LEFT JOIN users u ON u.id = a.user_id WHERE " SCOPE(
	     "a.village_id") " "
			     "ORDER BY v.code, a.kind, a.id"},
    [ORG_ST_DISTRICT_GET] = {"org.district_get",
			     "SELECT id, township, name FROM districts WHERE id = $1"},
    [ORG_ST_DISTRICT_LOG_ALL] = {"org.district_log_all",
				 "SELECT id, township, name FROM districts ORDER BY id"},

    [ORG_ST_DISTRICT_INSERT] = {"org.district_insert",
				"INSERT INTO districts (township, name) VALUES ($1, $2) RETURNING id"},
    [ORG_ST_DISTRICT_LIST] =
	{"org.district_list",
	 "SELECT d.id, d.township, d.name, COUNT(v.id) AS villages FROM districts d "
	 "LEFT JOIN villages v ON v.district_id = d.id GROUP BY d.id, d.township, d.name "
	 "ORDER BY d.township, d.name"},
    [ORG_ST_VILLAGE_SET_DISTRICT] = {"org.village_set_district",
				     "UPDATE villages SET district_id = $2 WHERE id = $1"},
    [ORG_ST_DASH_TOTALS] =
	{"org.dash_totals",
	 "SELECT (SELECT COUNT(*) FROM villages v WHERE " SCOPE(
	     "v.id") ") AS villages, "
		     "(SELECT COUNT(*) FROM people p WHERE " SCOPE(
			 "p.village_id") ") AS people, "
					 "(SELECT COUNT(*) FROM positions p WHERE " SCOPE(
					     "p.village_id") " AND "
							     "p.start_date <= $3 AND (p.end_date "
							     "IS NULL OR p.end_date >= $3)) AS "
							     "cadres, "
							     "(SELECT COUNT(*) FROM archive_events "
							     "e WHERE " SCOPE(
								 "e.village_id") " AND "
										 "e.date LIKE $4 "
										 "|| '%') AS "
										 "archive_events_"
										 "year"},
    [ORG_ST_DASH_BY_KIND] = {"org.dash_by_kind",
			     "SELECT e.kind, COUNT(*) AS count FROM archive_events e "
			     "WHERE " SCOPE("e.village_id") " AND e.date LIKE $3 || '%' "
							    "GROUP BY e.kind ORDER BY e.kind"},
    [ORG_ST_DASH_BY_VILLAGE] =
	{"org.dash_by_village",
	 "SELECT v.code, v.name, COUNT(e.id) AS count FROM villages v "
	 "LEFT JOIN archive_events e ON e.village_id = v.id AND e.date LIKE $3 || '%' "
	 "WHERE " SCOPE("v.id") " GROUP BY v.code, v.name ORDER BY v.code"},
    /* Serving cadres without a 廉政承诺 this year: the commitment is signed every year. */
    [ORG_ST_INBOX_NO_COMMITMENT] =
	{"org.inbox_no_commitment",
	 "SELECT DISTINCT x.id, x.name, v.code, v.name FROM positions p "
	 "JOIN people x ON x.id = p.person_id JOIN villages v ON v.id = p.village_id "
	 "WHERE " SCOPE("p.village_id") " AND p.start_date <= $3 AND "
					"(p.end_date IS NULL OR p.end_date >= $3) AND NOT EXISTS "
					"(SELECT 1 FROM archive_events e "
					"WHERE e.person_id = p.person_id AND e.kind = '廉政承诺' "
					"AND e.date LIKE $4 || '%') "
					"ORDER BY v.code, x.name LIMIT 200"},
    /* Reserve cadres not reviewed for a year (the pool is reviewed yearly). */
    [ORG_ST_INBOX_RESERVE_DUE] =
	{"org.inbox_reserve_due",
	 "SELECT r.id, x.name, v.code, v.name, COALESCE(r.reviewed_date, r.added_date) FROM "
	 "reserve_cadres r JOIN people x ON x.id = r.person_id JOIN villages v ON v.id = "
	 "r.village_id "
	 "WHERE " SCOPE(
	     "r.village_id") " AND r.status = '在库' AND "
			     "COALESCE(r.reviewed_date, r.added_date) < $3 ORDER BY 5 LIMIT 200"},
};

struct db_stmts org_stmts = {"org", sql, ORG_ST__MAX, 0, false};

const struct trail_table org_tables[ORG_T__MAX] = {
    [ORG_T_VILLAGES] = {"villages", &org_stmts, ORG_ST_VILLAGE_GET, ORG_ST_VILLAGE_LOG_ALL, "id"},
    [ORG_T_PEOPLE] = {"people", &org_stmts, ORG_ST_PERSON_GET, ORG_ST_PERSON_LOG_ALL, "village_id"},
    [ORG_T_POSITIONS] = {"positions", &org_stmts, ORG_ST_POSITION_GET, ORG_ST_POSITION_LOG_ALL,
			 "village_id"},
    [ORG_T_RELATIVES] = {"relatives", &org_stmts, ORG_ST_RELATIVE_GET, ORG_ST_RELATIVE_LOG_ALL,
			 "village_id"},
    [ORG_T_EVENTS] = {"archive_events", &org_stmts, ORG_ST_EVENT_GET, ORG_ST_EVENT_LOG_ALL,
		      "village_id"},
    [ORG_T_RESERVE] = {"reserve_cadres", &org_stmts, ORG_ST_RESERVE_GET, ORG_ST_RESERVE_LOG_ALL,
		       "village_id"},
    [ORG_T_ASSIGN] = {"assignments", &org_stmts, ORG_ST_ASSIGN_GET, ORG_ST_ASSIGN_LOG_ALL,
		      "village_id"},
    [ORG_T_DISTRICTS] = {"districts", &org_stmts, ORG_ST_DISTRICT_GET, ORG_ST_DISTRICT_LOG_ALL,
			 NULL},
};

enum err org_village_id(struct db_conn *c, const char *code, int64_t *id)
{
	struct db_res *res;
	enum err e = db_one(c, &org_stmts, ORG_ST_VILLAGE_ID, DB_PARAMS(DB_TEXT(code)), &res);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	return db_done(res);
}

enum err org_person_id(struct db_conn *c, const char *id_no, int64_t *id)
{
	struct db_res *res;
	enum err e = db_one(c, &org_stmts, ORG_ST_PERSON_ID, DB_PARAMS(DB_TEXT(id_no)), &res);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	return db_done(res);
}
