/*
 * All SQL of the assess module, in the subset SQLite and PostgreSQL both speak.
 * It reads its own tables only (and villages for names and the user's scope);
 * the records of other modules reach the assessment through their headers, in
 * assess.c.  It must not see HTTP.
 */
#include "assess.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define SET_COLS "id, year, title, as_of, grade_a, grade_b, grade_c, models, state, finalized_at"
#define IND_COLS "id, year, code, parent_id, seq, name, kind, source, weight, criteria"
#define SCORE_COLS                                                                                 \
	"id, village_id, year, indicator_id, score_centi, evidence, evidence_sha256, assessor, "   \
	"user_id, scored_date"
#define EV_COLS	 "id, village_id, year, sha256, filename, size, uploaded_at, user_id"
#define DED_COLS "id, village_id, year, points_centi, reason, measure_code, assessor, user_id, date"
#define NEG_COLS "id, village_id, year, reason, ref, assessor, user_id, date"
#define RES_COLS "id, village_id, year, total_centi, grade, rank, vetoed, model, breakdown"

static const struct db_sql sql[AS_ST__MAX] = {
    [AS_ST_SET_GET] = {"assess.set_get", "SELECT " SET_COLS " FROM assess_sets WHERE id = $1"},
    [AS_ST_SET_ALL] = {"assess.set_all", "SELECT " SET_COLS " FROM assess_sets ORDER BY id"},
    [AS_ST_SET_BY_YEAR] = {"assess.set_by_year",
			   "SELECT " SET_COLS " FROM assess_sets WHERE year = $1"},
    [AS_ST_SET_UPSERT] =
	{"assess.set_upsert",
	 "INSERT INTO assess_sets (year, title, as_of, grade_a, grade_b, grade_c, models, state) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft') ON CONFLICT (year) DO UPDATE SET "
	 "title = excluded.title, as_of = excluded.as_of, grade_a = excluded.grade_a, "
	 "grade_b = excluded.grade_b, grade_c = excluded.grade_c, models = excluded.models "
	 "RETURNING id"},
    [AS_ST_SET_FINALIZE] = {"assess.set_finalize",
			    "UPDATE assess_sets SET state = 'final', finalized_at = $2, as_of = $3 "
			    "WHERE id = $1 AND state = 'draft' RETURNING id"},
    [AS_ST_SET_YEARS] = {"assess.set_years",
			 "SELECT year, title, state FROM assess_sets ORDER BY year"},

    [AS_ST_IND_GET] = {"assess.ind_get",
		       "SELECT " IND_COLS " FROM assess_indicators WHERE id = $1"},
    [AS_ST_IND_ALL] = {"assess.ind_all", "SELECT " IND_COLS " FROM assess_indicators ORDER BY id"},
    [AS_ST_IND_OF_YEAR] =
	{"assess.ind_of_year",
	 "SELECT i.id, i.code, i.parent_id, p.code AS parent_code, p.name AS parent_name, i.seq, "
	 "i.name, i.kind, i.source, i.weight, i.criteria FROM assess_indicators i "
	 "LEFT JOIN assess_indicators p ON p.id = i.parent_id WHERE i.year = $1 ORDER BY i.seq"},
    [AS_ST_IND_INSERT] =
	{"assess.ind_insert",
	 "INSERT INTO assess_indicators (year, code, parent_id, seq, name, kind, source, weight, "
	 "criteria) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"},
    [AS_ST_IND_DELETE] = {"assess.ind_delete", "DELETE FROM assess_indicators WHERE id = $1"},
    /* Leaves before their groups, so that no parent goes first. */
    [AS_ST_IND_DELETE_ORDER] = {"assess.ind_delete_order",
				"SELECT id FROM assess_indicators WHERE year = $1 ORDER BY "
				"CASE WHEN parent_id IS NULL THEN 1 ELSE 0 END, id DESC"},
    [AS_ST_IND_BY_CODE] = {"assess.ind_by_code",
			   "SELECT id, kind, weight, name FROM assess_indicators "
			   "WHERE year = $1 AND code = $2"},

    [AS_ST_SCORE_GET] = {"assess.score_get",
			 "SELECT " SCORE_COLS " FROM assess_scores WHERE id = $1"},
    [AS_ST_SCORE_ALL] = {"assess.score_all",
			 "SELECT " SCORE_COLS " FROM assess_scores ORDER BY id"},
    [AS_ST_SCORE_UPSERT] =
	{"assess.score_upsert",
	 "INSERT INTO assess_scores (village_id, year, indicator_id, score_centi, evidence, "
	 "evidence_sha256, assessor, user_id, scored_date) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	 "$8, $9) ON CONFLICT (village_id, indicator_id) DO UPDATE SET "
	 "score_centi = excluded.score_centi, evidence = excluded.evidence, "
	 "evidence_sha256 = excluded.evidence_sha256, assessor = excluded.assessor, "
	 "user_id = excluded.user_id, scored_date = excluded.scored_date RETURNING id"},
    [AS_ST_SCORES_OF_YEAR] = {"assess.scores_of_year",
			      "SELECT village_id, indicator_id, score_centi, evidence, "
			      "evidence_sha256, assessor, scored_date FROM assess_scores "
			      "WHERE year = $1 ORDER BY village_id, indicator_id"},
    [AS_ST_SCORE_COUNT] = {"assess.score_count",
			   "SELECT COUNT(*) FROM assess_scores WHERE year = $1"},

    [AS_ST_EV_GET] = {"assess.ev_get", "SELECT " EV_COLS " FROM assess_evidence WHERE id = $1"},
    [AS_ST_EV_ALL] = {"assess.ev_all", "SELECT " EV_COLS " FROM assess_evidence ORDER BY id"},
    [AS_ST_EV_INSERT] = {"assess.ev_insert",
			 "INSERT INTO assess_evidence (village_id, year, sha256, filename, size, "
			 "uploaded_at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			 "ON CONFLICT (village_id, year, sha256) DO NOTHING RETURNING id"},
    [AS_ST_EV_FIND] =
	{"assess.ev_find",
	 "SELECT id, filename FROM assess_evidence WHERE village_id = $1 AND year = $2 "
	 "AND sha256 = $3"},
    [AS_ST_FILE_PUT] = {"assess.file_put",
			"INSERT INTO assess_files (sha256, size, content) VALUES ($1, $2, $3) "
			"ON CONFLICT (sha256) DO NOTHING"},
    [AS_ST_FILE_GET] = {"assess.file_get",
			"SELECT e.filename, f.content FROM assess_evidence e "
			"JOIN assess_files f ON f.sha256 = e.sha256 "
			"WHERE e.village_id = $1 AND e.year = $2 AND e.sha256 = $3"},

    [AS_ST_DED_GET] = {"assess.ded_get",
		       "SELECT " DED_COLS " FROM assess_deductions WHERE id = $1"},
    [AS_ST_DED_ALL] = {"assess.ded_all", "SELECT " DED_COLS " FROM assess_deductions ORDER BY id"},
    [AS_ST_DED_INSERT] = {"assess.ded_insert",
			  "INSERT INTO assess_deductions (village_id, year, points_centi, reason, "
			  "measure_code, assessor, user_id, date) VALUES ($1, $2, $3, $4, $5, $6, "
			  "$7, $8) RETURNING id"},
    [AS_ST_DED_OF_YEAR] = {"assess.ded_of_year",
			   "SELECT id, village_id, points_centi, reason, measure_code, assessor, "
			   "date FROM assess_deductions WHERE year = $1 ORDER BY village_id, id"},
    [AS_ST_DED_DELETE] = {"assess.ded_delete", "DELETE FROM assess_deductions WHERE id = $1"},

    [AS_ST_NEG_GET] = {"assess.neg_get", "SELECT " NEG_COLS " FROM assess_negative WHERE id = $1"},
    [AS_ST_NEG_ALL] = {"assess.neg_all", "SELECT " NEG_COLS " FROM assess_negative ORDER BY id"},
    [AS_ST_NEG_INSERT] = {"assess.neg_insert",
			  "INSERT INTO assess_negative (village_id, year, reason, ref, assessor, "
			  "user_id, date) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"},
    [AS_ST_NEG_OF_YEAR] =
	{"assess.neg_of_year",
	 "SELECT id, village_id, reason, ref, assessor, date FROM assess_negative "
	 "WHERE year = $1 ORDER BY village_id, id"},
    [AS_ST_NEG_DELETE] = {"assess.neg_delete", "DELETE FROM assess_negative WHERE id = $1"},

    [AS_ST_RES_GET] = {"assess.res_get", "SELECT " RES_COLS " FROM assess_results WHERE id = $1"},
    [AS_ST_RES_ALL] = {"assess.res_all", "SELECT " RES_COLS " FROM assess_results ORDER BY id"},
    [AS_ST_RES_INSERT] = {"assess.res_insert",
			  "INSERT INTO assess_results (village_id, year, total_centi, grade, rank, "
			  "vetoed, model, breakdown) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
			  "RETURNING id"},
    [AS_ST_RES_OF_YEAR] = {"assess.res_of_year",
			   "SELECT breakdown FROM assess_results WHERE year = $1 "
			   "ORDER BY rank, id"},
    [AS_ST_VISIBLE] = {"assess.visible",
		       "SELECT v.id FROM villages v WHERE " SCOPE("v.id") " ORDER BY v.id"},
};

struct db_stmts assess_stmts = {"assess", sql, AS_ST__MAX, 0, false};

const struct trail_table assess_tables[AS_T__MAX] = {
    [AS_T_SETS] = {"assess_sets", &assess_stmts, AS_ST_SET_GET, AS_ST_SET_ALL, NULL},
    [AS_T_INDICATORS] = {"assess_indicators", &assess_stmts, AS_ST_IND_GET, AS_ST_IND_ALL, NULL},
    [AS_T_EVIDENCE] = {"assess_evidence", &assess_stmts, AS_ST_EV_GET, AS_ST_EV_ALL, "village_id"},
    [AS_T_SCORES] = {"assess_scores", &assess_stmts, AS_ST_SCORE_GET, AS_ST_SCORE_ALL,
		     "village_id"},
    [AS_T_DEDUCTIONS] = {"assess_deductions", &assess_stmts, AS_ST_DED_GET, AS_ST_DED_ALL,
			 "village_id"},
    [AS_T_NEGATIVE] = {"assess_negative", &assess_stmts, AS_ST_NEG_GET, AS_ST_NEG_ALL,
		       "village_id"},
    [AS_T_RESULTS] = {"assess_results", &assess_stmts, AS_ST_RES_GET, AS_ST_RES_ALL, "village_id"},
};
