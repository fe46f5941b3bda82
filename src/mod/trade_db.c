/*
 * All SQL of the trade module, in the subset SQLite and PostgreSQL both speak.
 * Scope filter of lists: $1 = 1 when the user sees every village, else $2 is
 * the user id whose user_village rows bound the result.  The payments of a
 * project are read from the books module's tables (book_vouchers, book_lines,
 * book_accounts) read-only, because books.h offers no such query yet: a
 * payment voucher is one whose credits on accounts tagged cash or bank exceed
 * its debits there (domain/rules.md).  It must not see HTTP.
 */
#include "trade.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define SET_COLS "id, township, trade_threshold_fen, bidding_threshold_fen"
#define TRADE_COLS                                                                                 \
	"id, village_id, trade_no, subject_no, term_years, area_mu_x100, listed_date, "            \
	"closing_date, reserve_price_fen, announcement, matter_no, status, award_date, "           \
	"final_price_fen, winner, winner_id"
#define BID_COLS    "id, village_id, ref_no, bundle_id, bidder, bidder_id, price_fen, bid_date, winner"
#define BUNDLE_COLS "id, village_id, bundle_no, name, created_date, opened_date"
#define PROJ_COLS                                                                                  \
	"id, village_id, project_no, name, kind, budget_fen, procurement, matter_no, "             \
	"registered_date, review_date, review_result, review_opinion, approved_date, "             \
	"announced_date, announcement, bid_date, contract_date, start_date, accepted_date, "       \
	"acceptance_note, contractor, contractor_id, contract_amount_fen, bundle_id"

static const struct db_sql sql[TRADE_ST__MAX] = {
    [TRADE_ST_SET_GET] = {"trade.set_get", "SELECT " SET_COLS " FROM trade_settings WHERE id = $1"},
    [TRADE_ST_SET_LOG_ALL] = {"trade.set_log_all",
			      "SELECT " SET_COLS " FROM trade_settings ORDER BY id"},
    [TRADE_ST_SET_LIST] = {"trade.set_list",
			   "SELECT t.township, COALESCE(s.trade_threshold_fen, $1) AS "
			   "trade_threshold_fen, COALESCE(s.bidding_threshold_fen, $2) AS "
			   "bidding_threshold_fen, CASE WHEN s.id IS NULL THEN 1 ELSE 0 END AS "
			   "is_default FROM (SELECT DISTINCT township FROM villages) t "
			   "LEFT JOIN trade_settings s ON s.township = t.township ORDER BY "
			   "t.township"},
    [TRADE_ST_SET_UPSERT] =
	{"trade.set_upsert",
	 "INSERT INTO trade_settings (township, trade_threshold_fen, bidding_threshold_fen) "
	 "VALUES ($1, $2, $3) ON CONFLICT (township) DO UPDATE SET "
	 "trade_threshold_fen = excluded.trade_threshold_fen, "
	 "bidding_threshold_fen = excluded.bidding_threshold_fen RETURNING id"},
    [TRADE_ST_SET_OF_VILLAGE] = {"trade.set_of_village",
				 "SELECT v.township, COALESCE(s.trade_threshold_fen, $2), "
				 "COALESCE(s.bidding_threshold_fen, $3) FROM villages v "
				 "LEFT JOIN trade_settings s ON s.township = v.township "
				 "WHERE v.id = $1"},
    [TRADE_ST_TOWNSHIP_EXISTS] = {"trade.township_exists",
				  "SELECT 1 FROM villages WHERE township = $1 LIMIT 1"},

    [TRADE_ST_TRADE_GET] = {"trade.trade_get", "SELECT " TRADE_COLS " FROM trades WHERE id = $1"},
    [TRADE_ST_TRADE_LOG_ALL] = {"trade.trade_log_all",
				"SELECT " TRADE_COLS " FROM trades ORDER BY id"},
    [TRADE_ST_TRADE_FIND] = {"trade.trade_find",
			     "SELECT " TRADE_COLS
			     " FROM trades WHERE village_id = $1 AND trade_no = $2"},
    [TRADE_ST_TRADE_INSERT] =
	{"trade.trade_insert",
	 "INSERT INTO trades (village_id, trade_no, subject_no, term_years, area_mu_x100, "
	 "listed_date, closing_date, reserve_price_fen, announcement, matter_no, status, "
	 "final_price_fen, winner, winner_id) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
	 "ON CONFLICT (village_id, trade_no) DO NOTHING RETURNING id"},
    /* The columns of trades.csv; an award given there completes the listing. */
    [TRADE_ST_TRADE_IMPORT_UPDATE] =
	{"trade.trade_import_update",
	 "UPDATE trades SET subject_no = $3, listed_date = $4, closing_date = $5, "
	 "reserve_price_fen = $6, final_price_fen = $7, winner = $8, winner_id = $9, "
	 "status = CASE WHEN CAST($7 AS BIGINT) IS NOT NULL THEN '成交' WHEN status = '成交' "
	 "THEN '挂牌' ELSE status END WHERE village_id = $1 AND trade_no = $2 AND "
	 "(subject_no IS DISTINCT FROM $3 OR listed_date IS DISTINCT FROM $4 OR "
	 "closing_date IS DISTINCT FROM $5 OR reserve_price_fen IS DISTINCT FROM $6 OR "
	 "final_price_fen IS DISTINCT FROM $7 OR winner IS DISTINCT FROM $8 OR "
	 "winner_id IS DISTINCT FROM $9) RETURNING id"},
    [TRADE_ST_TRADE_OPEN_ON_SUBJECT] = {"trade.trade_open_on_subject",
					"SELECT trade_no FROM trades WHERE village_id = $1 AND "
					"subject_no = $2 AND status = '挂牌' LIMIT 1"},
    [TRADE_ST_TRADE_AWARD] = {"trade.trade_award",
			      "UPDATE trades SET status = '成交', award_date = $2, "
			      "final_price_fen = $3, winner = $4, winner_id = $5 WHERE id = $1"},
    [TRADE_ST_TRADE_FAIL] = {"trade.trade_fail",
			     "UPDATE trades SET status = '流拍', award_date = $2 WHERE id = $1"},
    [TRADE_ST_TRADES_LIST] =
	{"trade.trades_list",
	 "SELECT t.id, v.code AS village_code, v.name AS village_name, t.trade_no, t.subject_no, "
	 "t.term_years, t.listed_date, t.closing_date, t.reserve_price_fen, t.status, "
	 "t.award_date, "
	 "t.final_price_fen, t.winner, t.winner_id, (SELECT COUNT(*) FROM bids b "
	 "WHERE b.village_id = t.village_id AND b.ref_no = t.trade_no) AS bids "
	 "FROM trades t JOIN villages v ON v.id = t.village_id "
	 "WHERE " SCOPE(
	     "t.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND (CAST($4 AS TEXT) = '' OR t.status = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR t.trade_no LIKE '%' || $5 || '%' OR "
			     "t.subject_no = $5) "
			     "ORDER BY v.code, t.listed_date DESC, t.trade_no LIMIT $6 OFFSET $7"},
    [TRADE_ST_TRADES_COUNT] =
	{"trade.trades_count",
	 "SELECT COUNT(*) FROM trades t JOIN villages v ON v.id = t.village_id "
	 "WHERE " SCOPE("t.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR t.status = $4) "
					"AND (CAST($5 AS TEXT) = '' OR t.trade_no LIKE '%' || $5 "
					"|| '%' OR t.subject_no = $5)"},
    [TRADE_ST_TRADE_DETAIL] =
	{"trade.trade_detail",
	 "SELECT t.id, v.code AS village_code, v.name AS village_name, t.trade_no, t.subject_no, "
	 "t.term_years, t.area_mu_x100, t.listed_date, t.closing_date, t.reserve_price_fen, "
	 "t.announcement, t.matter_no, t.status, t.award_date, t.final_price_fen, t.winner, "
	 "t.winner_id FROM trades t JOIN villages v ON v.id = t.village_id WHERE t.id = $1"},
    [TRADE_ST_TRADES_EXPORT] =
	{"trade.trades_export",
	 "SELECT v.code, t.trade_no, t.subject_no, t.listed_date, t.closing_date, "
	 "t.reserve_price_fen, t.final_price_fen, t.winner, t.winner_id FROM trades t "
	 "JOIN villages v ON v.id = t.village_id WHERE " SCOPE(
	     "t.village_id") " "
			     "ORDER BY v.code, t.trade_no"},

    [TRADE_ST_BID_GET] = {"trade.bid_get", "SELECT " BID_COLS " FROM bids WHERE id = $1"},
    [TRADE_ST_BID_LOG_ALL] = {"trade.bid_log_all", "SELECT " BID_COLS " FROM bids ORDER BY id"},
    [TRADE_ST_BID_FIND] = {"trade.bid_find",
			   "SELECT " BID_COLS
			   " FROM bids WHERE village_id = $1 AND ref_no = $2 AND bidder_id = $3"},
    [TRADE_ST_BID_INSERT] =
	{"trade.bid_insert",
	 "INSERT INTO bids (village_id, ref_no, bundle_id, bidder, bidder_id, price_fen, bid_date, "
	 "winner) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
	 "ON CONFLICT (village_id, ref_no, bidder_id) DO NOTHING RETURNING id"},
    [TRADE_ST_BID_IMPORT_UPDATE] =
	{"trade.bid_import_update",
	 "UPDATE bids SET bidder = $4, price_fen = $5, winner = $6 WHERE village_id = $1 AND "
	 "ref_no = $2 AND bidder_id = $3 AND (bidder IS DISTINCT FROM $4 OR "
	 "price_fen IS DISTINCT FROM $5 OR winner IS DISTINCT FROM $6) RETURNING id"},
    [TRADE_ST_BID_SET_WINNER] = {"trade.bid_set_winner",
				 "UPDATE bids SET winner = 1 WHERE id = $1"},
    [TRADE_ST_BIDS_OF_REF] =
	{"trade.bids_of_ref",
	 "SELECT id, bidder, bidder_id, price_fen, bid_date, winner, bundle_id "
	 "FROM bids WHERE village_id = $1 AND ref_no = $2 "
	 "ORDER BY price_fen DESC, id"},
    [TRADE_ST_BIDS_EXPORT] =
	{"trade.bids_export",
	 "SELECT v.code, b.ref_no, b.bidder, b.bidder_id, b.price_fen, b.winner FROM bids b "
	 "JOIN villages v ON v.id = b.village_id WHERE " SCOPE(
	     "b.village_id") " "
			     "ORDER BY v.code, b.ref_no, b.bidder_id"},

    [TRADE_ST_BUNDLE_GET] = {"trade.bundle_get",
			     "SELECT " BUNDLE_COLS " FROM project_bundles WHERE id = $1"},
    [TRADE_ST_BUNDLE_LOG_ALL] = {"trade.bundle_log_all",
				 "SELECT " BUNDLE_COLS " FROM project_bundles ORDER BY id"},
    [TRADE_ST_BUNDLE_INSERT] =
	{"trade.bundle_insert",
	 "INSERT INTO project_bundles (village_id, bundle_no, name, created_date) "
	 "VALUES ($1, $2, $3, $4) ON CONFLICT (village_id, bundle_no) DO NOTHING RETURNING id"},
    [TRADE_ST_BUNDLE_OPEN] = {"trade.bundle_open",
			      "UPDATE project_bundles SET opened_date = $2 WHERE id = $1"},
    [TRADE_ST_BUNDLES_LIST] =
	{"trade.bundles_list",
	 "SELECT u.id, v.code AS village_code, v.name AS village_name, u.bundle_no, u.name, "
	 "u.created_date, u.opened_date, (SELECT COUNT(*) FROM projects p WHERE p.bundle_id = "
	 "u.id) AS projects FROM project_bundles u JOIN villages v ON v.id = u.village_id "
	 "WHERE " SCOPE("u.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"ORDER BY v.code, u.created_date DESC, u.bundle_no"},
    /* Each bidder of a bundle with the sum of its prices, lowest first. */
    [TRADE_ST_BUNDLE_BIDDERS] =
	{"trade.bundle_bidders",
	 "SELECT bidder_id, MAX(bidder), CAST(SUM(price_fen) AS BIGINT), COUNT(*), MIN(id), "
	 "MIN(bid_date) FROM bids WHERE bundle_id = $1 GROUP BY bidder_id ORDER BY 3, 5"},

    [TRADE_ST_PROJ_GET] = {"trade.proj_get", "SELECT " PROJ_COLS " FROM projects WHERE id = $1"},
    [TRADE_ST_PROJ_LOG_ALL] = {"trade.proj_log_all",
			       "SELECT " PROJ_COLS " FROM projects ORDER BY id"},
    [TRADE_ST_PROJ_FIND] = {"trade.proj_find",
			    "SELECT " PROJ_COLS
			    " FROM projects WHERE village_id = $1 AND project_no = $2"},
    [TRADE_ST_PROJ_INSERT] =
	{"trade.proj_insert",
	 "INSERT INTO projects (village_id, project_no, name, kind, budget_fen, procurement, "
	 "matter_no, registered_date, approved_date, announced_date, bid_date, contract_date, "
	 "start_date, accepted_date, contractor, contractor_id, contract_amount_fen) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
	 "ON CONFLICT (village_id, project_no) DO NOTHING RETURNING id"},
    [TRADE_ST_PROJ_IMPORT_UPDATE] =
	{"trade.proj_import_update",
	 "UPDATE projects SET name = $3, kind = $4, budget_fen = $5, procurement = $6, "
	 "matter_no = $7, approved_date = $8, announced_date = $9, bid_date = $10, "
	 "contract_date = $11, start_date = $12, accepted_date = $13, contractor = $14, "
	 "contractor_id = $15, contract_amount_fen = $16 WHERE village_id = $1 AND "
	 "project_no = $2 AND (name IS DISTINCT FROM $3 OR kind IS DISTINCT FROM $4 OR "
	 "budget_fen IS DISTINCT FROM $5 OR procurement IS DISTINCT FROM $6 OR "
	 "matter_no IS DISTINCT FROM $7 OR approved_date IS DISTINCT FROM $8 OR "
	 "announced_date IS DISTINCT FROM $9 OR bid_date IS DISTINCT FROM $10 OR "
	 "contract_date IS DISTINCT FROM $11 OR start_date IS DISTINCT FROM $12 OR "
	 "accepted_date IS DISTINCT FROM $13 OR contractor IS DISTINCT FROM $14 OR "
	 "contractor_id IS DISTINCT FROM $15 OR contract_amount_fen IS DISTINCT FROM $16) "
	 "RETURNING id"},
    [TRADE_ST_PROJ_REVIEW] = {"trade.proj_review",
			      "UPDATE projects SET review_date = $2, review_result = $3, "
			      "review_opinion = $4 WHERE id = $1"},
    [TRADE_ST_PROJ_APPROVE] =
	{"trade.proj_approve",
	 "UPDATE projects SET approved_date = $2, matter_no = $3 WHERE id = $1"},
    [TRADE_ST_PROJ_ANNOUNCE] = {"trade.proj_announce",
				"UPDATE projects SET announced_date = $2, announcement = $3 "
				"WHERE id = $1"},
    [TRADE_ST_PROJ_BID] = {"trade.proj_bid", "UPDATE projects SET bid_date = $2 WHERE id = $1"},
    [TRADE_ST_PROJ_CONTRACT] = {"trade.proj_contract",
				"UPDATE projects SET contract_date = $2, contractor = $3, "
				"contractor_id = $4, contract_amount_fen = $5 WHERE id = $1"},
    [TRADE_ST_PROJ_START] = {"trade.proj_start",
			     "UPDATE projects SET start_date = $2 WHERE id = $1"},
    [TRADE_ST_PROJ_ACCEPT] = {"trade.proj_accept",
			      "UPDATE projects SET accepted_date = $2, acceptance_note = $3 "
			      "WHERE id = $1"},
    [TRADE_ST_PROJ_SET_BUNDLE] = {"trade.proj_set_bundle",
				  "UPDATE projects SET bundle_id = $2 WHERE id = $1"},
    [TRADE_ST_PROJECTS_LIST] =
	{"trade.projects_list",
	 "SELECT p.id, v.code AS village_code, v.name AS village_name, p.project_no, p.name, "
	 "p.kind, p.budget_fen, p.procurement, p.matter_no, p.registered_date, p.review_date, "
	 "p.review_result, p.approved_date, p.announced_date, p.bid_date, p.contract_date, "
	 "p.start_date, p.accepted_date, p.contractor, p.contractor_id, p.contract_amount_fen, "
	 "u.bundle_no FROM projects p JOIN villages v ON v.id = p.village_id "
	 "LEFT JOIN project_bundles u ON u.id = p.bundle_id "
	 "WHERE " SCOPE(
	     "p.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND (CAST($4 AS TEXT) = '' OR p.procurement = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR p.name LIKE '%' || $5 || '%' OR "
			     "p.project_no LIKE $5 || "
			     "'%') ORDER BY v.code, p.project_no DESC LIMIT $6 OFFSET $7"},
    [TRADE_ST_PROJECTS_COUNT] =
	{"trade.projects_count",
	 "SELECT COUNT(*) FROM projects p JOIN villages v ON v.id = p.village_id "
	 "WHERE " SCOPE("p.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR p.procurement = $4) "
					"AND (CAST($5 AS TEXT) = '' OR p.name LIKE '%' || $5 || "
					"'%' OR p.project_no LIKE $5 || "
					"'%')"},
    [TRADE_ST_PROJECTS_OF_BUNDLE] = {"trade.projects_of_bundle",
				     "SELECT " PROJ_COLS
				     " FROM projects WHERE bundle_id = $1 ORDER BY project_no"},
    [TRADE_ST_PROJECTS_EXPORT] =
	{"trade.projects_export",
	 "SELECT v.code, p.project_no, p.name, p.kind, p.budget_fen, p.procurement, p.matter_no, "
	 "p.approved_date, p.announced_date, p.bid_date, p.contract_date, p.start_date, "
	 "p.accepted_date, p.contractor, p.contractor_id, p.contract_amount_fen FROM projects p "
	 "JOIN villages v ON v.id = p.village_id WHERE " SCOPE(
	     "p.village_id") " "
			     "ORDER BY v.code, p.project_no"},
    [TRADE_ST_PROJ_PAYMENTS] =
	{"trade.proj_payments",
	 "SELECT v.id, v.voucher_no, v.date, v.summary, "
	 "CAST(SUM(l.credit_fen - l.debit_fen) AS BIGINT) AS paid_fen FROM book_vouchers v "
	 "JOIN book_lines l ON l.voucher_id = v.id JOIN book_accounts a ON a.id = l.account_id "
	 "WHERE v.village_id = $1 AND v.project_no = $2 AND v.status = 'posted' AND "
	 "(' ' || a.tags || ' ' LIKE '% cash %' OR ' ' || a.tags || ' ' LIKE '% bank %') "
	 "GROUP BY v.id, v.voucher_no, v.date, v.summary "
	 "HAVING SUM(l.credit_fen - l.debit_fen) > 0 ORDER BY v.date, v.voucher_no"},
    /* What a project's page links to: its village, the matter of its
     * approval, its bundle. */
    [TRADE_ST_PROJ_REFS] =
	{"trade.proj_refs",
	 "SELECT v.code AS village_code, v.name AS village_name, (SELECT m.id FROM matters m "
	 "WHERE m.village_id = p.village_id AND m.matter_no = p.matter_no) AS matter_id, "
	 "b.bundle_no AS bundle_no FROM projects p JOIN villages v ON v.id = p.village_id "
	 "LEFT JOIN project_bundles b ON b.id = p.bundle_id WHERE p.id = $1"},

    [TRADE_ST_PORTAL_VILLAGE] = {"trade.portal_village",
				 "SELECT id, name, township, kind FROM villages WHERE code = $1"},
    [TRADE_ST_PORTAL_TRADES] =
	{"trade.portal_trades",
	 "SELECT t.trade_no, t.subject_no, t.listed_date, t.closing_date, t.reserve_price_fen, "
	 "t.status, t.final_price_fen, t.winner, t.winner_id, t.term_years, (SELECT COUNT(*) FROM "
	 "bids b WHERE b.village_id = t.village_id AND b.ref_no = t.trade_no) FROM trades t "
	 "WHERE t.village_id = $1 AND t.status IN ('成交', '流拍') "
	 "ORDER BY t.closing_date DESC, t.trade_no LIMIT 200"},
    [TRADE_ST_PORTAL_PROJECTS] =
	{"trade.portal_projects",
	 "SELECT p.project_no, p.name, p.kind, p.budget_fen, p.procurement, p.approved_date, "
	 "p.announced_date, p.bid_date, p.contract_date, p.start_date, p.accepted_date, "
	 "p.contractor, p.contractor_id, p.contract_amount_fen, (SELECT COUNT(*) FROM bids b "
	 "WHERE b.village_id = p.village_id AND b.ref_no = p.project_no) FROM projects p "
	 "WHERE p.village_id = $1 AND p.approved_date IS NOT NULL "
	 "ORDER BY p.approved_date DESC, p.project_no LIMIT 200"},
};

struct db_stmts trade_stmts = {"trade", sql, TRADE_ST__MAX, 0, false};

const struct trail_table trade_tables[TRADE_T__MAX] = {
    [TRADE_T_SETTINGS] = {"trade_settings", &trade_stmts, TRADE_ST_SET_GET, TRADE_ST_SET_LOG_ALL,
			  NULL},
    [TRADE_T_TRADES] = {"trades", &trade_stmts, TRADE_ST_TRADE_GET, TRADE_ST_TRADE_LOG_ALL,
			"village_id"},
    [TRADE_T_BIDS] = {"bids", &trade_stmts, TRADE_ST_BID_GET, TRADE_ST_BID_LOG_ALL, "village_id"},
    [TRADE_T_BUNDLES] = {"project_bundles", &trade_stmts, TRADE_ST_BUNDLE_GET,
			 TRADE_ST_BUNDLE_LOG_ALL, "village_id"},
    [TRADE_T_PROJECTS] = {"projects", &trade_stmts, TRADE_ST_PROJ_GET, TRADE_ST_PROJ_LOG_ALL,
			  "village_id"},
};

enum err trade_thresholds_of_village(struct db_conn *c, int64_t village_id,
				     struct trade_thresholds *out)
{
	struct db_res *res;
	enum err e = db_one(c, &trade_stmts, TRADE_ST_SET_OF_VILLAGE,
			    DB_PARAMS(DB_INT(village_id), DB_INT(TRADE_DEFAULT_THRESHOLD_FEN),
				      DB_INT(TRADE_DEFAULT_BIDDING_FEN)),
			    &res);
	if (e != E_OK)
		return e;
	snprintf(out->township, sizeof(out->township), "%s", db_text(res, 0));
	out->trade_threshold_fen = db_int(res, 1);
	out->bidding_threshold_fen = db_int(res, 2);
	return db_done(res);
}

enum err trade_award_find(struct db_conn *c, struct arena *a, int64_t village_id,
			  const char *trade_no, struct trade_award *out)
{
	struct db_res *res;
	enum err e = db_one(c, &trade_stmts, TRADE_ST_TRADE_FIND,
			    DB_PARAMS(DB_INT(village_id), DB_TEXT(trade_no)), &res);
	if (e != E_OK)
		return e;
	*out = (struct trade_award){
	    db_int(res, 0),
	    db_text_dup(a, res, 11),
	    db_text_dup(a, res, 3),
	    db_text_dup(a, res, 12),
	    db_text_dup(a, res, 7),
	    db_isnull(res, 13) ? -1 : db_int(res, 13),
	    db_text_dup(a, res, 14),
	    db_text_dup(a, res, 15),
	    db_isnull(res, 4) ? -1 : db_int(res, 4),
	    db_text_dup(a, res, 10),
	};
	return db_done(res);
}
