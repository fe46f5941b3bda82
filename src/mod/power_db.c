/*
 * All SQL of the power module, in the subset SQLite and PostgreSQL both speak,
 * and the small typed reads other modules call through power.h.  Scope filter
 * of lists: $1 = 1 when the user sees every village, else $2 is the user id
 * whose user_village rows bound the result.  It must not see HTTP.
 */
#include "power.h"

#include <stdio.h>
#include <string.h>

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define ITEM_COLS                                                                                  \
	"id, code, version, category, name, legal_basis, major, prereview, time_limit_days, note"
#define ISTEP_COLS "id, item_id, seq, name, role, documents, time_limit_days"
#define SET_COLS                                                                                   \
	"id, township, major_threshold_fen, decision_threshold_fen, publicity_days, "              \
	"result_publish_days"
#define MATTER_COLS "id, village_id, matter_no, title, kind, amount_fen, proposed_date, item_id"
#define MSTEP_COLS                                                                                 \
	"id, village_id, matter_id, seq, step, date, meeting, members, attendees, votes_for, "     \
	"votes_against, votes_abstain, households, households_present, minutes"
#define ATT_COLS "id, village_id, step_id, name, sha256, size"
#define FIL_COLS                                                                                   \
	"id, village_id, matter_id, kind, filed_date, content, reply, reply_date, reply_text"
#define INQ_COLS                                                                                   \
	"id, village_id, matter_id, asker_role, asker, question, asked_date, due_date, answer, "   \
	"answered_date"
#define HOL_COLS "id, date, kind, name"

/* The step's date of a matter m, as a column. */
#define STEP_DATE(step, as)                                                                        \
	"(SELECT s.date FROM matter_steps s WHERE s.matter_id = m.id AND s.step = '" step "') "    \
	"AS " as

static const struct db_sql sql[POWER_ST__MAX] = {
    [POWER_ST_ITEM_GET] = {"power.item_get", "SELECT " ITEM_COLS " FROM power_items WHERE id = $1"},
    [POWER_ST_ITEM_LOG_ALL] = {"power.item_log_all",
			       "SELECT " ITEM_COLS " FROM power_items ORDER BY id"},
    /* The current catalogue: the latest version of every item. */
    [POWER_ST_ITEM_LIST] =
	{"power.item_list",
	 "SELECT i.id, i.code, i.version, i.category, i.name, i.legal_basis, i.major, "
	 "i.prereview, i.time_limit_days, "
	 "(SELECT COUNT(*) FROM power_item_steps s WHERE s.item_id = i.id) AS steps "
	 "FROM power_items i WHERE i.version = "
	 "(SELECT MAX(x.version) FROM power_items x WHERE x.code = i.code) "
	 "AND (CAST($1 AS TEXT) = '' OR i.category = $1) "
	 "AND (CAST($2 AS TEXT) = '' OR i.name LIKE '%' || $2 || '%' OR i.code = $2) "
	 "ORDER BY i.code"},
    [POWER_ST_ITEM_COUNT] = {"power.item_count", "SELECT COUNT(*) FROM power_items"},
    [POWER_ST_ITEM_VERSIONS] = {"power.item_versions",
				"SELECT id, code, version, name, note FROM power_items "
				"WHERE code = $1 ORDER BY version DESC"},
    [POWER_ST_ITEM_LATEST] = {"power.item_latest",
			      "SELECT id, version FROM power_items WHERE code = $1 "
			      "ORDER BY version DESC LIMIT 1"},
    [POWER_ST_ITEM_INSERT] =
	{"power.item_insert",
	 "INSERT INTO power_items (code, version, category, name, legal_basis, major, prereview, "
	 "time_limit_days, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
	 "ON CONFLICT (code, version) DO NOTHING RETURNING id"},
    [POWER_ST_ISTEP_GET] = {"power.istep_get",
			    "SELECT " ISTEP_COLS " FROM power_item_steps WHERE id = $1"},
    [POWER_ST_ISTEP_LOG_ALL] = {"power.istep_log_all",
				"SELECT " ISTEP_COLS " FROM power_item_steps ORDER BY id"},
    [POWER_ST_ISTEPS_OF_ITEM] = {"power.isteps_of_item",
				 "SELECT id, seq, name, role, documents, time_limit_days "
				 "FROM power_item_steps WHERE item_id = $1 ORDER BY seq"},
    [POWER_ST_ISTEP_INSERT] =
	{"power.istep_insert",
	 "INSERT INTO power_item_steps (item_id, seq, name, role, documents, time_limit_days) "
	 "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},

    [POWER_ST_SET_GET] = {"power.set_get", "SELECT " SET_COLS " FROM power_settings WHERE id = $1"},
    [POWER_ST_SET_LOG_ALL] = {"power.set_log_all",
			      "SELECT " SET_COLS " FROM power_settings ORDER BY id"},
    [POWER_ST_SET_LIST] =
	{"power.set_list",
	 "SELECT t.township, COALESCE(s.major_threshold_fen, $1) AS major_threshold_fen, "
	 "COALESCE(s.decision_threshold_fen, $2) AS decision_threshold_fen, "
	 "COALESCE(s.publicity_days, $3) AS publicity_days, "
	 "COALESCE(s.result_publish_days, $4) AS result_publish_days, "
	 "CASE WHEN s.id IS NULL THEN 0 ELSE 1 END AS customised "
	 "FROM (SELECT DISTINCT township FROM villages) t "
	 "LEFT JOIN power_settings s ON s.township = t.township ORDER BY t.township"},
    [POWER_ST_SET_UPSERT] =
	{"power.set_upsert",
	 "INSERT INTO power_settings (township, major_threshold_fen, decision_threshold_fen, "
	 "publicity_days, result_publish_days) VALUES ($1, $2, $3, $4, $5) "
	 "ON CONFLICT (township) DO UPDATE SET major_threshold_fen = excluded.major_threshold_fen, "
	 "decision_threshold_fen = excluded.decision_threshold_fen, "
	 "publicity_days = excluded.publicity_days, "
	 "result_publish_days = excluded.result_publish_days RETURNING id"},
    [POWER_ST_SET_OF_VILLAGE] =
	{"power.set_of_village",
	 "SELECT v.township, COALESCE(s.major_threshold_fen, $2), "
	 "COALESCE(s.decision_threshold_fen, $3), COALESCE(s.publicity_days, $4), "
	 "COALESCE(s.result_publish_days, $5) FROM villages v "
	 "LEFT JOIN power_settings s ON s.township = v.township WHERE v.id = $1"},

    [POWER_ST_MATTER_GET] = {"power.matter_get",
			     "SELECT " MATTER_COLS " FROM matters WHERE id = $1"},
    [POWER_ST_MATTER_LOG_ALL] = {"power.matter_log_all",
				 "SELECT " MATTER_COLS " FROM matters ORDER BY id"},
    [POWER_ST_MATTER_DETAIL] =
	{"power.matter_detail",
	 "SELECT m.id, m.village_id, v.code AS village_code, v.name AS village_name, "
	 "v.township, m.matter_no, m.title, m.kind, m.amount_fen, m.proposed_date, m.item_id, "
	 "i.code AS item_code, i.name AS item_name, i.version AS item_version, "
	 "i.major AS item_major, i.prereview AS item_prereview FROM matters m "
	 "JOIN villages v ON v.id = m.village_id LEFT JOIN power_items i ON i.id = m.item_id "
	 "WHERE m.id = $1"},
    [POWER_ST_MATTER_LIST] =
	{"power.matter_list",
	 "SELECT m.id, v.code AS village_code, v.name AS village_name, m.matter_no, m.title, "
	 "m.kind, m.amount_fen, m.proposed_date, i.code AS item_code, i.name AS item_name, "
	 "(SELECT COUNT(*) FROM matter_steps s WHERE s.matter_id = m.id) AS steps_done, "
	 "(SELECT s.step FROM matter_steps s WHERE s.matter_id = m.id ORDER BY s.seq DESC "
	 "LIMIT 1) AS last_step, " STEP_DATE(
	     "决议",
	     "resolved_date") ", "
			      "(SELECT COUNT(*) FROM inquiries q WHERE q.matter_id = m.id AND "
			      "q.answered_date IS NULL "
			      "AND q.due_date < CAST($6 AS TEXT)) AS overdue_inquiries "
			      "FROM matters m JOIN villages v ON v.id = m.village_id "
			      "LEFT JOIN power_items i ON i.id = m.item_id WHERE " SCOPE(
				  "m.village_id") " "
						  "AND (CAST($3 AS TEXT) = '' OR v.code = $3) AND "
						  "(CAST($4 AS TEXT) = '' OR m.kind = $4) "
						  "AND (CAST($5 AS TEXT) = '' OR m.title LIKE '%' "
						  "|| $5 || '%' OR m.matter_no = $5) "
						  "ORDER BY v.code, m.matter_no DESC LIMIT $7 "
						  "OFFSET $8"},
    [POWER_ST_MATTER_COUNT] =
	{"power.matter_count",
	 "SELECT COUNT(*) FROM matters m JOIN villages v ON v.id = m.village_id "
	 "WHERE " SCOPE("m.village_id") " "
					"AND (CAST($3 AS TEXT) = '' OR v.code = $3) AND (CAST($4 "
					"AS TEXT) = '' OR m.kind = $4) "
					"AND (CAST($5 AS TEXT) = '' OR m.title LIKE '%' || $5 || "
					"'%' OR m.matter_no = $5)"},
    [POWER_ST_MATTER_INSERT] =
	{"power.matter_insert",
	 "INSERT INTO matters (village_id, matter_no, title, kind, amount_fen, proposed_date, "
	 "item_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
	 "ON CONFLICT (village_id, matter_no) DO NOTHING RETURNING id"},
    [POWER_ST_MATTER_FIND] = {"power.matter_find",
			      "SELECT id FROM matters WHERE village_id = $1 AND matter_no = $2"},
    [POWER_ST_MATTER_UPDATE_CHANGED] =
	{"power.matter_update_changed",
	 "UPDATE matters SET title = $3, kind = $4, amount_fen = $5, proposed_date = $6 "
	 "WHERE village_id = $1 AND matter_no = $2 AND (title IS DISTINCT FROM $3 OR "
	 "kind IS DISTINCT FROM $4 OR amount_fen IS DISTINCT FROM $5 OR "
	 "proposed_date IS DISTINCT FROM $6) RETURNING id"},
    [POWER_ST_MATTER_SET_PROPOSED] = {"power.matter_set_proposed",
				      "UPDATE matters SET proposed_date = $2 "
				      "WHERE id = $1 AND proposed_date IS NULL RETURNING id"},
    [POWER_ST_MATTER_NEXT_NO] = {"power.matter_next_no",
				 "SELECT COUNT(*) FROM matters WHERE village_id = $1 "
				 "AND matter_no LIKE CAST($2 AS TEXT) || '-%'"},
    [POWER_ST_MATTERS_EXPORT] =
	{"power.matters_export",
	 "SELECT v.code, m.matter_no, m.title, m.kind, m.amount_fen, m.proposed_date "
	 "FROM matters m JOIN villages v ON v.id = m.village_id "
	 "WHERE " SCOPE("m.village_id") " ORDER BY v.code, m.matter_no"},

    [POWER_ST_MSTEP_GET] = {"power.mstep_get",
			    "SELECT " MSTEP_COLS " FROM matter_steps WHERE id = $1"},
    [POWER_ST_MSTEP_LOG_ALL] = {"power.mstep_log_all",
				"SELECT " MSTEP_COLS " FROM matter_steps ORDER BY id"},
    [POWER_ST_MSTEPS_OF_MATTER] = {"power.msteps_of_matter",
				   "SELECT " MSTEP_COLS " FROM matter_steps WHERE matter_id = $1 "
				   "ORDER BY seq"},
    [POWER_ST_MSTEP_INSERT] =
	{"power.mstep_insert",
	 "INSERT INTO matter_steps (village_id, matter_id, seq, step, date, meeting, members, "
	 "attendees, votes_for, votes_against, votes_abstain, households, households_present, "
	 "minutes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
	 "ON CONFLICT (matter_id, step) DO NOTHING RETURNING id"},
    [POWER_ST_MSTEP_FIND] = {"power.mstep_find",
			     "SELECT id, date, attendees, members, votes_for FROM matter_steps "
			     "WHERE matter_id = $1 AND step = $2"},
    [POWER_ST_MSTEPS_EXPORT] =
	{"power.msteps_export",
	 "SELECT v.code, m.matter_no, s.step, s.date, s.attendees, s.members, s.votes_for "
	 "FROM matter_steps s JOIN matters m ON m.id = s.matter_id "
	 "JOIN villages v ON v.id = s.village_id WHERE " SCOPE(
	     "s.village_id") " "
			     "AND s.step IN "
			     "('提议','商议','审议','决议','决议公开','实施','结果公开') "
			     "ORDER BY v.code, m.matter_no, s.seq"},

    [POWER_ST_ATT_GET] = {"power.att_get",
			  "SELECT " ATT_COLS " FROM matter_attachments WHERE id = $1"},
    [POWER_ST_ATT_LOG_ALL] = {"power.att_log_all",
			      "SELECT " ATT_COLS " FROM matter_attachments ORDER BY id"},
    [POWER_ST_ATTS_OF_MATTER] =
	{"power.atts_of_matter",
	 "SELECT a.id, a.step_id, a.name, a.sha256, a.size "
	 "FROM matter_attachments a JOIN matter_steps s ON s.id = a.step_id "
	 "WHERE s.matter_id = $1 ORDER BY a.id"},
    [POWER_ST_ATT_INSERT] = {"power.att_insert",
			     "INSERT INTO matter_attachments (village_id, step_id, name, sha256, "
			     "size) VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [POWER_ST_BLOB_PUT] = {"power.blob_put",
			   "INSERT INTO power_blobs (sha256, size, content) VALUES ($1, $2, $3) "
			   "ON CONFLICT (sha256) DO NOTHING"},
    [POWER_ST_BLOB_GET] = {"power.blob_get",
			   "SELECT content, size FROM power_blobs WHERE sha256 = $1"},

    [POWER_ST_FIL_GET] = {"power.fil_get", "SELECT " FIL_COLS " FROM matter_filings WHERE id = $1"},
    [POWER_ST_FIL_LOG_ALL] = {"power.fil_log_all",
			      "SELECT " FIL_COLS " FROM matter_filings ORDER BY id"},
    [POWER_ST_FILS_OF_MATTER] = {"power.fils_of_matter",
				 "SELECT " FIL_COLS " FROM matter_filings WHERE matter_id = $1 "
				 "ORDER BY id"},
    [POWER_ST_FIL_INSERT] = {"power.fil_insert",
			     "INSERT INTO matter_filings (village_id, matter_id, kind, filed_date, "
			     "content) VALUES ($1, $2, $3, $4, $5) RETURNING id"},
    [POWER_ST_FIL_REPLY] =
	{"power.fil_reply",
	 "UPDATE matter_filings SET reply = $2, reply_date = $3, reply_text = $4 "
	 "WHERE id = $1 AND reply IS NULL RETURNING id"},
    [POWER_ST_FIL_BEFORE] = {"power.fil_before",
			     "SELECT id, filed_date, reply, reply_date FROM matter_filings "
			     "WHERE matter_id = $1 AND kind = $2 AND filed_date <= $3 ORDER BY id"},

    [POWER_ST_INQ_GET] = {"power.inq_get", "SELECT " INQ_COLS " FROM inquiries WHERE id = $1"},
    [POWER_ST_INQ_LOG_ALL] = {"power.inq_log_all",
			      "SELECT " INQ_COLS " FROM inquiries ORDER BY id"},
    [POWER_ST_INQ_LIST] =
	{"power.inq_list",
	 "SELECT q.id, v.code AS village_code, v.name AS village_name, q.matter_id, "
	 "m.matter_no, q.asker_role, q.asker, q.question, q.asked_date, q.due_date, q.answer, "
	 "q.answered_date, CASE WHEN q.answered_date IS NULL AND q.due_date < CAST($3 AS TEXT) "
	 "THEN 1 ELSE 0 END AS overdue, "
	 "CASE WHEN q.answered_date > q.due_date THEN 1 ELSE 0 END AS answered_late "
	 "FROM inquiries q JOIN villages v ON v.id = q.village_id "
	 "LEFT JOIN matters m ON m.id = q.matter_id WHERE " SCOPE(
	     "q.village_id") " "
			     "AND (CAST($4 AS TEXT) = '' OR v.code = $4) "
			     "AND ($5 = 0 OR q.answered_date IS NULL) "
			     "AND ($6 = 0 OR (q.answered_date IS NULL AND q.due_date < $3)) "
			     "ORDER BY q.asked_date DESC, q.id DESC LIMIT $7 OFFSET $8"},
    [POWER_ST_INQ_COUNT] =
	{"power.inq_count",
	 "SELECT COUNT(*) FROM inquiries q JOIN villages v ON v.id = q.village_id "
	 "WHERE " SCOPE("q.village_id") " AND (CAST($4 AS TEXT) = '' OR v.code = $4) "
					"AND ($5 = 0 OR q.answered_date IS NULL) "
					"AND ($6 = 0 OR (q.answered_date IS NULL AND q.due_date < "
					"CAST($3 AS TEXT)))"},
    [POWER_ST_INQ_INSERT] = {"power.inq_insert",
			     "INSERT INTO inquiries (village_id, matter_id, asker_role, asker, "
			     "question, asked_date, due_date) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			     "RETURNING id"},
    [POWER_ST_INQ_ANSWER] = {"power.inq_answer",
			     "UPDATE inquiries SET answer = $2, answered_date = $3 "
			     "WHERE id = $1 AND answered_date IS NULL RETURNING id"},
    [POWER_ST_INQS_OF_MATTER] =
	{"power.inqs_of_matter",
	 "SELECT " INQ_COLS ", CASE WHEN answered_date IS NULL AND due_date < CAST($2 AS TEXT) "
	 "THEN 1 ELSE 0 END AS overdue FROM inquiries WHERE matter_id = $1 ORDER BY id"},

    [POWER_ST_HOL_GET] = {"power.hol_get", "SELECT " HOL_COLS " FROM holidays WHERE id = $1"},
    [POWER_ST_HOL_LOG_ALL] = {"power.hol_log_all", "SELECT " HOL_COLS " FROM holidays ORDER BY id"},
    [POWER_ST_HOL_UPSERT] = {"power.hol_upsert",
			     "INSERT INTO holidays (date, kind, name) VALUES ($1, $2, $3) "
			     "ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, "
			     "name = excluded.name RETURNING id"},

    /* Matters whose flow is not finished: 五议两公开 (7 steps) for 重大 and
     * item-less matters, the item's own steps otherwise. */
    [POWER_ST_INBOX_MATTERS] =
	{"power.inbox_matters",
	 "SELECT m.id, m.matter_no, m.title, v.code, v.name, m.kind, m.item_id, "
	 "COALESCE((SELECT MAX(s.seq) FROM matter_steps s WHERE s.matter_id = m.id), 0) AS "
	 "last_seq, (SELECT MAX(s.date) FROM matter_steps s WHERE s.matter_id = m.id) AS "
	 "last_date FROM matters m JOIN villages v ON v.id = m.village_id "
	 "WHERE " SCOPE(
	     "m.village_id") " AND "
			     "COALESCE((SELECT MAX(s.seq) FROM matter_steps s WHERE s.matter_id = "
			     "m.id), 0) < "
			     "CASE WHEN m.kind = '重大' OR m.item_id IS NULL THEN 7 ELSE "
			     "(SELECT COUNT(*) FROM power_item_steps x WHERE x.item_id = "
			     "m.item_id) END "
			     "ORDER BY v.code, m.matter_no LIMIT 200"},
    [POWER_ST_INBOX_INQUIRIES] =
	{"power.inbox_inquiries",
	 "SELECT q.id, v.code, v.name, q.question, q.asked_date, q.due_date, "
	 "CASE WHEN q.due_date < CAST($3 AS TEXT) THEN 1 ELSE 0 END AS overdue "
	 "FROM inquiries q JOIN villages v ON v.id = q.village_id "
	 "WHERE " SCOPE("q.village_id") " AND q.answered_date IS NULL "
					"ORDER BY q.due_date, q.id LIMIT 200"},
    [POWER_ST_INBOX_FILINGS] =
	{"power.inbox_filings",
	 "SELECT f.id, f.matter_id, m.matter_no, m.title, v.code, v.name, f.kind, f.filed_date "
	 "FROM matter_filings f JOIN matters m ON m.id = f.matter_id "
	 "JOIN villages v ON v.id = f.village_id WHERE " SCOPE(
	     "f.village_id") " "
			     "AND f.reply IS NULL ORDER BY f.filed_date, f.id LIMIT 200"},
    [POWER_ST_RESOLVED] = {"power.resolved",
			   "SELECT s.date FROM matter_steps s JOIN matters m ON m.id = s.matter_id "
			   "WHERE m.village_id = $1 AND m.matter_no = $2 AND s.step = '决议' "
			   "AND s.date <= $3"},
    [POWER_ST_PORTAL_VILLAGE] = {"power.portal_village",
				 "SELECT id, name, township FROM villages WHERE code = $1"},
    [POWER_ST_PORTAL_DECISIONS] =
	{"power.portal_decisions",
	 "SELECT m.matter_no, m.title, m.amount_fen, " STEP_DATE("提议", "proposed") ", " STEP_DATE("决议", "resolved") ", " STEP_DATE(
	     "决议公开",
	     "published") ", " STEP_DATE("实施",
					 "implemented") ", " STEP_DATE("结果公开",
								       "result_published") ", "
											   "(SELECT"
											   " s."
											   "meeting"
											   " FROM "
											   "matter_"
											   "steps "
											   "s "
											   "WHERE "
											   "s."
											   "matter_"
											   "id = "
											   "m.id "
											   "AND "
											   "s.step "
											   "= "
											   "'决议')"
											   " AS "
											   "meeting"
											   ", "
											   "(SELECT"
											   " s."
											   "attende"
											   "es "
											   "FROM "
											   "matter_"
											   "steps "
											   "s "
											   "WHERE "
											   "s."
											   "matter_"
											   "id = "
											   "m.id "
											   "AND "
											   "s.step "
											   "= "
											   "'决议')"
											   " AS "
											   "attende"
											   "es, "
											   "(SELECT"
											   " s."
											   "votes_"
											   "for "
											   "FROM "
											   "matter_"
											   "steps "
											   "s "
											   "WHERE "
											   "s."
											   "matter_"
											   "id = "
											   "m.id "
											   "AND "
											   "s.step "
											   "= "
											   "'决议')"
											   " AS "
											   "votes_"
											   "for "
											   "FROM "
											   "matters"
											   " m "
											   "WHERE "
											   "m."
											   "village"
											   "_id = "
											   "$1 AND "
											   "EXISTS "
											   "(SELECT"
											   " 1 "
											   "FROM "
											   "matter_"
											   "steps "
											   "s "
											   "WHERE "
											   "s."
											   "matter_"
											   "id = "
											   "m.id "
											   "AND "
											   "s.step "
											   "= "
											   "'决议公"
											   "开') "
											   "ORDER "
											   "BY "
											   "publish"
											   "ed "
											   "DESC, "
											   "m."
											   "matter_"
											   "no "
											   "DESC "
											   "LIMIT "
											   "100"},
};

struct db_stmts power_stmts = {"power", sql, POWER_ST__MAX, 0, false};

const struct trail_table power_tables[POWER_T__MAX] = {
    [POWER_T_ITEMS] = {"power_items", &power_stmts, POWER_ST_ITEM_GET, POWER_ST_ITEM_LOG_ALL, NULL},
    [POWER_T_ISTEPS] = {"power_item_steps", &power_stmts, POWER_ST_ISTEP_GET,
			POWER_ST_ISTEP_LOG_ALL, NULL},
    [POWER_T_SETTINGS] = {"power_settings", &power_stmts, POWER_ST_SET_GET, POWER_ST_SET_LOG_ALL,
			  NULL},
    [POWER_T_MATTERS] = {"matters", &power_stmts, POWER_ST_MATTER_GET, POWER_ST_MATTER_LOG_ALL,
			 "village_id"},
    [POWER_T_MSTEPS] = {"matter_steps", &power_stmts, POWER_ST_MSTEP_GET, POWER_ST_MSTEP_LOG_ALL,
			"village_id"},
    [POWER_T_ATTACHMENTS] = {"matter_attachments", &power_stmts, POWER_ST_ATT_GET,
			     POWER_ST_ATT_LOG_ALL, "village_id"},
    [POWER_T_FILINGS] = {"matter_filings", &power_stmts, POWER_ST_FIL_GET, POWER_ST_FIL_LOG_ALL,
			 "village_id"},
    [POWER_T_INQUIRIES] = {"inquiries", &power_stmts, POWER_ST_INQ_GET, POWER_ST_INQ_LOG_ALL,
			   "village_id"},
    [POWER_T_HOLIDAYS] = {"holidays", &power_stmts, POWER_ST_HOL_GET, POWER_ST_HOL_LOG_ALL, NULL},
};

enum err power_params_of_village(struct db_conn *c, int64_t village_id, struct power_params *out)
{
	struct db_res *res;
	enum err e =
	    db_one(c, &power_stmts, POWER_ST_SET_OF_VILLAGE,
		   DB_PARAMS(DB_INT(village_id), DB_INT(POWER_DEFAULT_MAJOR_FEN),
			     DB_INT(POWER_DEFAULT_DECISION_FEN), DB_INT(POWER_DEFAULT_PUBLICITY),
			     DB_INT(POWER_DEFAULT_RESULT_DAYS)),
		   &res);
	if (e != E_OK)
		return e;
	snprintf(out->township, sizeof(out->township), "%s", db_text(res, 0));
	out->major_threshold_fen = db_int(res, 1);
	out->decision_threshold_fen = db_int(res, 2);
	out->publicity_days = db_int(res, 3);
	out->result_publish_days = db_int(res, 4);
	return db_done(res);
}

enum err power_matter_resolved(struct db_conn *c, int64_t village_id, const char *matter_no,
			       const char *date, bool *resolved)
{
	struct db_res *res;
	*resolved = false;
	enum err e = db_one(c, &power_stmts, POWER_ST_RESOLVED,
			    DB_PARAMS(DB_INT(village_id), DB_TEXT(matter_no), DB_TEXT(date)), &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	*resolved = true;
	return db_done(res);
}

enum err power_calendar_load(struct db_conn *c, struct arena *a, struct workdays_cal *cal,
			     struct errinfo *ei)
{
	enum err e = workdays_cal_load(cal, a, ei);
	if (e != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_exec(c, &power_stmts, POWER_ST_HOL_LOG_ALL, DB_NOPARAMS, &res)) != E_OK)
		return e;
	while (db_row(res)) {
		enum workdays_kind k;
		if (workdays_kind_parse(db_text(res, 2), &k))
			workdays_cal_set(cal, db_text(res, 1), k, db_text(res, 3), ei);
	}
	return db_done(res);
}

static enum err seed_item(struct trail_ctx *tc, const struct power_item_def *d, int64_t *id,
			  struct errinfo *ei)
{
	struct db_res *res;
	*id = 0;
	enum err e =
	    db_one(tc->db, &power_stmts, POWER_ST_ITEM_INSERT,
		   DB_PARAMS(DB_TEXT(d->code), DB_INT(1), DB_TEXT(d->category), DB_TEXT(d->name),
			     DB_TEXT(d->legal_basis), DB_INT(d->major), DB_INT(d->prereview),
			     d->days ? DB_INT(d->days) : DB_NULL, DB_TEXT("默认清单")),
		   &res);
	if (e == E_NOTFOUND)
		return E_OK; /* present already */
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(tc, &power_tables[POWER_T_ITEMS], *id, "power_item.seed", ei)) != E_OK)
		return e;
	for (size_t s = 0; s < d->nsteps; s++) {
		const struct power_step_def *st = &d->steps[s];
		if ((e = db_one(tc->db, &power_stmts, POWER_ST_ISTEP_INSERT,
				DB_PARAMS(DB_INT(*id), DB_INT((int64_t)s + 1), DB_TEXT(st->name),
					  DB_TEXT(st->role), DB_OPT(st->documents),
					  st->days ? DB_INT(st->days) : DB_NULL),
				&res)) != E_OK)
			return e;
		int64_t sid = db_int(res, 0);
		db_done(res);
		if ((e = trail_row(tc, &power_tables[POWER_T_ISTEPS], sid, "power_item.seed",
				   ei)) != E_OK)
			return e;
	}
	return E_OK;
}

enum err power_catalog_seed(struct trail_ctx *tc, int64_t *inserted, struct errinfo *ei)
{
	*inserted = 0;
	for (size_t i = 0; i < power_catalog_count; i++) {
		int64_t id;
		enum err e = seed_item(tc, &power_catalog[i], &id, ei);
		if (e != E_OK)
			return e;
		*inserted += id != 0;
	}
	return E_OK;
}
