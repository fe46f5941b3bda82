/*
 * All SQL of the edu module, in the subset SQLite and PostgreSQL both speak.
 * Lists: $1 = 1 when the user sees every village, else $2 is the user whose
 * user_village rows bound them.  It must not see HTTP.
 */
#include "edu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define CASE_COLS "id, village_id, title, year, category, summary, lesson, source, created_date"
#define ACT_COLS                                                                                   \
	"id, village_id, kind, title, date, place, participants, expected, attended, materials, "  \
	"case_id, person_id, user_id"
#define MAT_COLS  "id, village_id, activity_id, sha256, filename, size, uploaded_at, user_id"
#define FAM_COLS  "id, village_id, year, household_no, head_name, title, deeds, activity_id"
#define RULE_COLS "id, village_id, version, title, adopted_date, matter_no, content, sha256, note"
#define CASE_FILTER                                                                                \
	" FROM edu_cases c WHERE (CAST($1 AS TEXT) = '' OR c.title LIKE '%' || $1 || '%' "         \
	"OR c.summary LIKE '%' || $1 || '%') AND (CAST($2 AS TEXT) = '' OR c.category = $2) "      \
	"AND ($3 = 0 OR c.year = $3)"
#define ACT_FROM                                                                                   \
	" FROM edu_activities a JOIN villages v ON v.id = a.village_id WHERE " SCOPE(              \
	    "a.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3)"                          \
			    " AND (CAST($4 AS TEXT) = '' OR a.kind = $4)"                          \
			    " AND (CAST($5 AS TEXT) = '' OR a.date LIKE $5 || '%')"

static const struct db_sql sql[EDU_ST__MAX] = {
    [EDU_ST_CASE_GET] = {"edu.case_get", "SELECT " CASE_COLS " FROM edu_cases WHERE id = $1"},
    [EDU_ST_CASE_ALL] = {"edu.case_all", "SELECT " CASE_COLS " FROM edu_cases ORDER BY id"},
    [EDU_ST_CASE_INSERT] =
	{"edu.case_insert",
	 "INSERT INTO edu_cases (village_id, title, year, category, summary, lesson, source, "
	 "created_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (title, year) DO "
	 "NOTHING RETURNING id"},
    [EDU_ST_CASE_LIST] =
	{"edu.case_list",
	 "SELECT c.id, c.title, c.year, c.category, c.summary, c.lesson, c.source, "
	 "(SELECT COUNT(*) FROM edu_activities a WHERE a.case_id = c.id) AS used" CASE_FILTER
	 " ORDER BY c.year DESC, c.id DESC LIMIT $4 OFFSET $5"},
    [EDU_ST_CASE_COUNT] = {"edu.case_count", "SELECT COUNT(*)" CASE_FILTER},

    [EDU_ST_ACT_GET] = {"edu.act_get", "SELECT " ACT_COLS " FROM edu_activities WHERE id = $1"},
    [EDU_ST_ACT_ALL] = {"edu.act_all", "SELECT " ACT_COLS " FROM edu_activities ORDER BY id"},
    [EDU_ST_ACT_INSERT] =
	{"edu.act_insert",
	 "INSERT INTO edu_activities (village_id, kind, title, date, place, participants, "
	 "expected, attended, materials, case_id, person_id, user_id) VALUES ($1, $2, $3, $4, $5, "
	 "$6, $7, $8, $9, $10, $11, $12) RETURNING id"},
    [EDU_ST_ACT_ROW] =
	{"edu.act_row",
	 "SELECT a.id, v.code AS village_code, v.name AS village_name, a.kind, a.title, a.date, "
	 "a.place, a.participants, a.expected, a.attended, a.materials, a.case_id, "
	 "c.title AS case_title, p.name AS person_name FROM edu_activities a "
	 "JOIN villages v ON v.id = a.village_id LEFT JOIN edu_cases c ON c.id = a.case_id "
	 "LEFT JOIN people p ON p.id = a.person_id WHERE a.id = $1"},
    [EDU_ST_ACT_LIST] = {"edu.act_list",
			 "SELECT a.id, v.code AS village_code, v.name AS village_name, a.kind, "
			 "a.title, a.date, a.place, a.expected, a.attended" ACT_FROM
			 " ORDER BY a.date DESC, a.id DESC LIMIT $6 OFFSET $7"},
    [EDU_ST_ACT_COUNT] = {"edu.act_count", "SELECT COUNT(*)" ACT_FROM},
    [EDU_ST_ACT_STATS] =
	{"edu.act_stats",
	 "SELECT v.code AS village_code, v.name AS village_name, a.kind, COUNT(*) AS activities, "
	 "SUM(a.expected) AS expected, SUM(a.attended) AS attended FROM edu_activities a "
	 "JOIN villages v ON v.id = a.village_id WHERE " SCOPE(
	     "a.village_id") " AND a.date LIKE $3 || '%' "
			     "GROUP BY v.code, v.name, a.kind ORDER BY v.code, a.kind"},
    [EDU_ST_ACT_WARNING] = {"edu.act_warning",
			    "SELECT village_id, date FROM edu_activities WHERE kind = $1 "
			    "AND date >= $2 AND date <= $3 ORDER BY village_id, date"},

    [EDU_ST_MAT_GET] = {"edu.mat_get", "SELECT " MAT_COLS " FROM edu_materials WHERE id = $1"},
    [EDU_ST_MAT_ALL] = {"edu.mat_all", "SELECT " MAT_COLS " FROM edu_materials ORDER BY id"},
    [EDU_ST_MAT_INSERT] = {"edu.mat_insert",
			   "INSERT INTO edu_materials (village_id, activity_id, sha256, filename, "
			   "size, uploaded_at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			   "ON CONFLICT (activity_id, sha256) DO NOTHING RETURNING id"},
    [EDU_ST_MAT_OF] = {"edu.mat_of",
		       "SELECT id, sha256, filename, size, uploaded_at FROM edu_materials "
		       "WHERE activity_id = $1 ORDER BY id"},
    [EDU_ST_FILE_PUT] = {"edu.file_put",
			 "INSERT INTO edu_files (sha256, size, content) VALUES ($1, $2, $3) "
			 "ON CONFLICT (sha256) DO NOTHING"},
    [EDU_ST_FILE_GET] = {"edu.file_get", "SELECT m.filename, f.content FROM edu_materials m "
					 "JOIN edu_files f ON f.sha256 = m.sha256 "
					 "WHERE m.activity_id = $1 AND m.sha256 = $2"},

    [EDU_ST_FAM_GET] = {"edu.fam_get", "SELECT " FAM_COLS " FROM edu_families WHERE id = $1"},
    [EDU_ST_FAM_ALL] = {"edu.fam_all", "SELECT " FAM_COLS " FROM edu_families ORDER BY id"},
    [EDU_ST_FAM_INSERT] =
	{"edu.fam_insert",
	 "INSERT INTO edu_families (village_id, year, household_no, head_name, title, deeds, "
	 "activity_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	 "ON CONFLICT (village_id, year, household_no, title) DO NOTHING RETURNING id"},
    [EDU_ST_FAM_LIST] =
	{"edu.fam_list",
	 "SELECT f.id, v.code AS village_code, v.name AS village_name, f.year, f.household_no, "
	 "f.head_name, f.title, f.deeds, f.activity_id FROM edu_families f "
	 "JOIN villages v ON v.id = f.village_id WHERE " SCOPE(
	     "f.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND ($4 = 0 OR f.year = $4) ORDER BY f.year DESC, v.code, f.id"},

    [EDU_ST_RULE_GET] = {"edu.rule_get",
			 "SELECT " RULE_COLS " FROM edu_village_rules WHERE id = $1"},
    [EDU_ST_RULE_ALL] = {"edu.rule_all", "SELECT " RULE_COLS " FROM edu_village_rules ORDER BY id"},
    [EDU_ST_RULE_LATEST] = {"edu.rule_latest",
			    "SELECT version, adopted_date, sha256 FROM edu_village_rules "
			    "WHERE village_id = $1 ORDER BY version DESC LIMIT 1"},
    [EDU_ST_RULE_INSERT] =
	{"edu.rule_insert",
	 "INSERT INTO edu_village_rules (village_id, version, title, adopted_date, matter_no, "
	 "content, sha256, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	 "ON CONFLICT (village_id, version) DO NOTHING RETURNING id"},
    [EDU_ST_RULES_OF] = {"edu.rules_of",
			 "SELECT id, version, title, adopted_date, matter_no, sha256, note "
			 "FROM edu_village_rules WHERE village_id = $1 ORDER BY version DESC"},
    [EDU_ST_RULE_ROW] = {"edu.rule_row",
			 "SELECT r.id, v.code AS village_code, v.name AS village_name, r.version, "
			 "r.title, r.adopted_date, r.matter_no, r.content, r.sha256, r.note "
			 "FROM edu_village_rules r JOIN villages v ON v.id = r.village_id "
			 "WHERE r.id = $1"},
};

struct db_stmts edu_stmts = {"edu", sql, EDU_ST__MAX, 0, false};

const struct trail_table edu_tables[EDU_T__MAX] = {
    [EDU_T_CASES] = {"edu_cases", &edu_stmts, EDU_ST_CASE_GET, EDU_ST_CASE_ALL, "village_id"},
    [EDU_T_ACTIVITIES] = {"edu_activities", &edu_stmts, EDU_ST_ACT_GET, EDU_ST_ACT_ALL,
			  "village_id"},
    [EDU_T_MATERIALS] = {"edu_materials", &edu_stmts, EDU_ST_MAT_GET, EDU_ST_MAT_ALL, "village_id"},
    [EDU_T_FAMILIES] = {"edu_families", &edu_stmts, EDU_ST_FAM_GET, EDU_ST_FAM_ALL, "village_id"},
    [EDU_T_RULES] = {"edu_village_rules", &edu_stmts, EDU_ST_RULE_GET, EDU_ST_RULE_ALL,
		     "village_id"},
};

int edu_quarters_ended(int year, const char *as_of)
{
	static const char *const ends[4] = {"-03-31", "-06-30", "-09-30", "-12-31"};
	int n = 0;
	for (int q = 0; q < 4; q++) {
		char end[16];
		snprintf(end, sizeof(end), "%04d%s", year, ends[q]);
		if (strcmp(end, as_of) <= 0)
			n++;
	}
	return n;
}

enum err edu_warning_quarters(struct db_conn *c, int year, const char *as_of, struct arena *a,
			      struct edu_village_quarters **out, size_t *n)
{
	int ended = edu_quarters_ended(year, as_of);
	char from[16], to[16];
	static const char *const ends[5] = {"", "-03-31", "-06-30", "-09-30", "-12-31"};
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d%s", year, ends[ended]);
	size_t cap = 16, k = 0;
	struct edu_village_quarters *v = ARENA_ARRAY(a, struct edu_village_quarters, cap);
	*out = v;
	*n = 0;
	if (ended == 0)
		return E_OK;
	struct db_res *res;
	enum err e =
	    db_exec(c, &edu_stmts, EDU_ST_ACT_WARNING,
		    DB_PARAMS(DB_TEXT(EDU_KIND_WARNING), DB_TEXT(from), DB_TEXT(to)), &res);
	if (e != E_OK)
		return e;
	int64_t cur = 0;
	unsigned seen = 0; /* quarter bits of the current village */
	while (db_row(res)) {
		int64_t vid = db_int(res, 0);
		const char *d = db_text(res, 1);
		int q = d && strlen(d) >= 7 ? (atoi(d + 5) - 1) / 3 : -1;
		if (vid != cur) {
			if (k == cap) {
				struct edu_village_quarters *w =
				    ARENA_ARRAY(a, struct edu_village_quarters, cap * 2);
				memcpy(w, v, sizeof(*v) * cap);
				v = w;
				cap *= 2;
			}
			v[k].village_id = vid;
			v[k].quarters = 0;
			k++;
			cur = vid;
			seen = 0;
		}
		if (q >= 0 && q < 4 && !(seen & (1u << q))) {
			seen |= 1u << q;
			v[k - 1].quarters++;
		}
	}
	*out = v;
	*n = k;
	return db_done(res);
}
