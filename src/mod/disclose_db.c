/*
 * All SQL of the disclose module, in the subset SQLite and PostgreSQL both
 * speak, and its logged tables.  List scope: $1 = 1 when the user sees every
 * village, else $2 is the user whose user_village rows bound the result.  It
 * reads villages, archive_events, book_vouchers and the log's own table only
 * to answer (first days, proofs); it writes nothing but its own tables, and it
 * must not see HTTP.
 */
#include "disclose.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define CAT_COLS "id, township, item_code, category, name, frequency, deadline_days, basis, active"
#define D_COLS                                                                                     \
	"id, village_id, item_code, category, period, period_start, period_end, title, body, "     \
	"total_income_fen, total_expense_fen, status, source, corrects_id, created_by, "           \
	"created_at, submitted_at, reviewed_by, reviewed_at, review_comment, published_date, "     \
	"retain_until, published_by"
#define L_COLS "id, village_id, disclosure_id, line_no, date, summary, income_fen, expense_fen"
#define O_COLS                                                                                     \
	"id, village_id, disclosure_id, ref, received_date, content, due_date, reply, "            \
	"replied_date, replied_by"

/* The newest publication of each (village, item, period): corrections supersede. */
#define LATEST(d)                                                                                  \
	d ".id = (SELECT MAX(x.id) FROM disclosures x WHERE x.village_id = " d ".village_id "      \
	  "AND x.item_code = " d ".item_code AND x.period = " d                                    \
	  ".period AND x.status = 'published')"

static const struct db_sql sql[DISCLOSE_ST__MAX] = {
    [DISCLOSE_ST_CAT_GET] = {"disclose.cat_get",
			     "SELECT " CAT_COLS " FROM disclosure_catalogue WHERE id = $1"},
    [DISCLOSE_ST_CAT_ALL] = {"disclose.cat_all",
			     "SELECT " CAT_COLS " FROM disclosure_catalogue ORDER BY id"},
    [DISCLOSE_ST_CAT_OF_TOWNSHIP] = {"disclose.cat_of_township",
				     "SELECT " CAT_COLS " FROM disclosure_catalogue "
				     "WHERE township = $1 ORDER BY item_code"},
    [DISCLOSE_ST_CAT_UPSERT] =
	{"disclose.cat_upsert",
	 "INSERT INTO disclosure_catalogue (township, item_code, category, name, frequency, "
	 "deadline_days, basis, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	 "ON CONFLICT (township, item_code) DO UPDATE SET category = $3, name = $4, "
	 "frequency = $5, deadline_days = $6, basis = $7, active = $8 RETURNING id"},

    [DISCLOSE_ST_GET] = {"disclose.get", "SELECT " D_COLS " FROM disclosures WHERE id = $1"},
    [DISCLOSE_ST_ALL] = {"disclose.all", "SELECT " D_COLS " FROM disclosures ORDER BY id"},
    [DISCLOSE_ST_ROW] = {"disclose.row",
			 "SELECT d.id, v.code AS village_code, v.name AS village_name, "
			 "d.item_code, d.category, d.period, d.period_start, d.period_end, "
			 "d.title, d.body, d.total_income_fen, d.total_expense_fen, d.status, "
			 "d.source, d.corrects_id, d.created_by, d.created_at, d.submitted_at, "
			 "d.reviewed_by, d.reviewed_at, d.review_comment, d.published_date, "
			 "d.retain_until, d.published_by, d.village_id "
			 "FROM disclosures d JOIN villages v ON v.id = d.village_id "
			 "WHERE d.id = $1"},
    [DISCLOSE_ST_LIST] =
	{"disclose.list",
	 "SELECT d.id, v.code AS village_code, v.name AS village_name, d.item_code, d.category, "
	 "d.period, d.title, d.status, d.source, d.corrects_id, d.published_date, "
	 "d.retain_until, d.total_income_fen, d.total_expense_fen "
	 "FROM disclosures d JOIN villages v ON v.id = d.village_id WHERE " SCOPE(
	     "d.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND (CAST($4 AS TEXT) = '' OR d.item_code = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR d.status = $5) "
			     "AND (CAST($6 AS TEXT) = '' OR d.period_start LIKE $6 || '%') "
			     "ORDER BY d.id DESC LIMIT $7 OFFSET $8"},
    [DISCLOSE_ST_COUNT] =
	{"disclose.count",
	 "SELECT COUNT(*) FROM disclosures d JOIN villages v ON v.id = d.village_id "
	 "WHERE " SCOPE(
	     "d.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND (CAST($4 AS TEXT) = '' OR d.item_code = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR d.status = $5) "
			     "AND (CAST($6 AS TEXT) = '' OR d.period_start LIKE $6 || '%')"},
    [DISCLOSE_ST_INSERT] =
	{"disclose.insert",
	 "INSERT INTO disclosures (village_id, item_code, category, period, period_start, "
	 "period_end, title, body, total_income_fen, total_expense_fen, status, source, "
	 "corrects_id, created_by, created_at, published_date, retain_until, published_by) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "
	 "RETURNING id"},
    [DISCLOSE_ST_UPDATE_DRAFT] =
	{"disclose.update_draft",
	 "UPDATE disclosures SET title = $2, body = $3, total_income_fen = $4, "
	 "total_expense_fen = $5, status = 'draft' WHERE id = $1 AND status IN "
	 "('draft','rejected')"},
    [DISCLOSE_ST_SET_STATUS] =
	{"disclose.set_status",
	 "UPDATE disclosures SET status = $2, submitted_at = COALESCE(CAST($3 AS TEXT), "
	 "submitted_at), reviewed_by = $4, reviewed_at = $5, "
	 "review_comment = $6 WHERE id = $1 AND status = $7"},
    [DISCLOSE_ST_PUBLISH] = {"disclose.publish",
			     "UPDATE disclosures SET status = 'published', published_date = $2, "
			     "retain_until = $3, published_by = $4 WHERE id = $1 AND status = "
			     "'approved'"},
    [DISCLOSE_ST_FIND_PUBLISHED] = {"disclose.find_published",
				    "SELECT id, published_date, title, total_income_fen, "
				    "total_expense_fen FROM disclosures WHERE village_id = $1 AND "
				    "item_code = $2 AND period = $3 AND status = 'published' "
				    "ORDER BY id"},
    [DISCLOSE_ST_EXPORT] =
	{"disclose.export",
	 "SELECT v.code, d.item_code, d.period, d.published_date, d.title, d.total_income_fen, "
	 "d.total_expense_fen FROM disclosures d JOIN villages v ON v.id = d.village_id "
	 "WHERE d.status = 'published' AND " SCOPE("d.village_id") " AND " LATEST(
	     "d") " ORDER BY v.code, d.item_code, d.period_start, d.period"},
    [DISCLOSE_ST_FIRST_PUBLISHED] =
	{"disclose.first_published",
	 "SELECT village_id, item_code, period, MIN(published_date) FROM disclosures "
	 "WHERE status = 'published' AND published_date <= $1 "
	 "AND ($2 = 0 OR village_id = $2) AND period_start <= $3 AND period_end >= $4 "
	 "GROUP BY village_id, item_code, period"},

    [DISCLOSE_ST_LINE_GET] = {"disclose.line_get",
			      "SELECT " L_COLS " FROM disclosure_lines WHERE id = $1"},
    [DISCLOSE_ST_LINE_ALL] = {"disclose.line_all",
			      "SELECT " L_COLS " FROM disclosure_lines ORDER BY id"},
    [DISCLOSE_ST_LINE_INSERT] =
	{"disclose.line_insert",
	 "INSERT INTO disclosure_lines (village_id, disclosure_id, line_no, "
	 "date, summary, income_fen, expense_fen) VALUES ($1, $2, $3, $4, "
	 "$5, $6, $7) RETURNING id"},
    [DISCLOSE_ST_LINES_OF] = {"disclose.lines_of",
			      "SELECT line_no, date, summary, income_fen, expense_fen FROM "
			      "disclosure_lines WHERE disclosure_id = $1 ORDER BY line_no"},

    [DISCLOSE_ST_OBJ_GET] = {"disclose.obj_get",
			     "SELECT " O_COLS " FROM disclosure_objections WHERE id = $1"},
    [DISCLOSE_ST_OBJ_ALL] = {"disclose.obj_all",
			     "SELECT " O_COLS " FROM disclosure_objections ORDER BY id"},
    [DISCLOSE_ST_OBJ_INSERT] =
	{"disclose.obj_insert",
	 "INSERT INTO disclosure_objections (village_id, disclosure_id, ref, "
	 "received_date, content, due_date) VALUES ($1, $2, $3, $4, $5, $6) "
	 "RETURNING id"},
    [DISCLOSE_ST_OBJ_REPLY] = {"disclose.obj_reply",
			       "UPDATE disclosure_objections SET reply = $2, replied_date = $3, "
			       "replied_by = $4 WHERE id = $1 AND reply IS NULL"},
    [DISCLOSE_ST_OBJ_OF] = {"disclose.obj_of",
			    "SELECT id, ref, received_date, content, due_date, reply, replied_date "
			    "FROM disclosure_objections WHERE disclosure_id = $1 ORDER BY id"},
    [DISCLOSE_ST_OBJ_LIST] =
	{"disclose.obj_list",
	 "SELECT o.id, v.code AS village_code, v.name AS village_name, o.disclosure_id, "
	 "d.title, o.ref, o.received_date, o.content, o.due_date, o.reply, o.replied_date, "
	 "CASE WHEN o.reply IS NULL AND o.due_date < $3 THEN 1 ELSE 0 END AS overdue "
	 "FROM disclosure_objections o JOIN disclosures d ON d.id = o.disclosure_id "
	 "JOIN villages v ON v.id = o.village_id WHERE " SCOPE(
	     "o.village_id") " AND ($4 = 0 OR o.reply IS NULL) ORDER BY o.id DESC"},
    [DISCLOSE_ST_OBJ_COUNT_DAY] = {"disclose.obj_count_day",
				   "SELECT COUNT(*) FROM disclosure_objections WHERE ref LIKE "
				   "CAST($1 AS TEXT) || '%'"},

    [DISCLOSE_ST_VILLAGE_TOWNSHIP] = {"disclose.village_township",
				      "SELECT township, code, name FROM villages WHERE id = $1"},
    [DISCLOSE_ST_VILLAGES_SCOPE] =
	{"disclose.villages_scope",
	 "SELECT v.id, v.code, v.name, v.township, "
	 "(SELECT MIN(period_start) FROM disclosures d WHERE d.village_id = v.id), "
	 "(SELECT MIN(date) FROM archive_events e WHERE e.village_id = v.id), "
	 "(SELECT MIN(date) FROM book_vouchers b WHERE b.village_id = v.id) "
	 "FROM villages v WHERE " SCOPE("v.id") " AND ($3 = 0 OR v.id = $3) ORDER BY v.code"},

    [DISCLOSE_ST_PORTAL_VILLAGE] = {"disclose.portal_village",
				    "SELECT id, code, name, township, kind FROM villages "
				    "WHERE code = $1"},
    [DISCLOSE_ST_PORTAL_PUBLISHED] =
	{"disclose.portal_published",
	 "SELECT d.id, d.item_code, d.category, d.period, d.title, d.published_date, "
	 "d.corrects_id, d.total_income_fen, d.total_expense_fen, d.retain_until "
	 "FROM disclosures d WHERE d.village_id = $1 AND d.status = 'published' "
	 "AND d.period_start LIKE CAST($2 AS TEXT) || '%' "
	 "ORDER BY d.category, d.period_start DESC, d.item_code, d.id"},
    [DISCLOSE_ST_PORTAL_FINANCE] =
	{"disclose.portal_finance",
	 "SELECT d.period, d.total_income_fen, d.total_expense_fen, d.id FROM disclosures d "
	 "WHERE d.village_id = $1 AND d.item_code = 'CZ-01' AND d.status = 'published' "
	 "AND d.period_start LIKE CAST($2 AS TEXT) || '%' AND " LATEST("d") " ORDER BY d.period"},
    [DISCLOSE_ST_PORTAL_MONTH] =
	{"disclose.portal_month",
	 "SELECT d.item_code, d.period, d.title, d.published_date FROM disclosures d "
	 "WHERE d.village_id = $1 AND d.status = 'published' AND d.published_date >= $2 "
	 "AND d.published_date <= $3 ORDER BY d.published_date, d.item_code"},

    [DISCLOSE_ST_TRAIL_SEQ] = {"disclose.trail_seq",
			       "SELECT MAX(seq) FROM trail WHERE entity = $1 AND key = $2"},
    [DISCLOSE_ST_TRAIL_ENTRY] = {"disclose.trail_entry",
				 "SELECT entry, leaf_hash FROM trail WHERE seq = $1"},
};

struct db_stmts disclose_stmts = {"disclose", sql, DISCLOSE_ST__MAX, 0, false};

const struct trail_table disclose_tables[DISCLOSE_T__MAX] = {
    [DISCLOSE_T_CATALOGUE] = {"disclosure_catalogue", &disclose_stmts, DISCLOSE_ST_CAT_GET,
			      DISCLOSE_ST_CAT_ALL, NULL},
    [DISCLOSE_T_DISCLOSURES] = {"disclosures", &disclose_stmts, DISCLOSE_ST_GET, DISCLOSE_ST_ALL,
				"village_id"},
    [DISCLOSE_T_LINES] = {"disclosure_lines", &disclose_stmts, DISCLOSE_ST_LINE_GET,
			  DISCLOSE_ST_LINE_ALL, "village_id"},
    [DISCLOSE_T_OBJECTIONS] = {"disclosure_objections", &disclose_stmts, DISCLOSE_ST_OBJ_GET,
			       DISCLOSE_ST_OBJ_ALL, "village_id"},
};
