/*
 * All SQL of the assets module, in the subset SQLite and PostgreSQL both speak.
 * Scope filter of lists: $1 = 1 when the user sees every village, else $2 is
 * the user id whose user_village rows bound the result.  The debts statement
 * reads the books module's tables (book_vouchers, book_lines, book_accounts)
 * read-only, because books.h offers no query of 债权债务 yet.  It must not see
 * HTTP.
 */
#include "assets.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define ASSET_COLS                                                                                 \
	"id, village_id, asset_no, name, category, acquired_date, original_value_fen, "            \
	"useful_life_months, salvage_fen, location, status, disposed_date"
#define RES_COLS "id, village_id, resource_no, name, kind, area_mu_x100, location"
#define CON_COLS                                                                                   \
	"id, village_id, contract_no, subject_no, counterparty, counterparty_id, sign_date, "      \
	"start_date, end_date, annual_rent_fen, area_mu_x100, trade_no, matter_no, "               \
	"original_end_date, terminate_reason"
#define BILL_COLS                                                                                  \
	"id, village_id, contract_id, due_date, amount_due_fen, paid_date, amount_paid_fen"
#define PAY_COLS "id, village_id, bill_id, date, amount_fen, voucher_no, note, recorded_by"

/* Paid on a bill by a date ($2): its receipts when it has any, else what an
 * import recorded on the bill (a receipt without a date counts as made). */
#define PAID_AS_OF                                                                                 \
	"CASE WHEN EXISTS (SELECT 1 FROM bill_payments p WHERE p.bill_id = b.id) "                 \
	"THEN COALESCE((SELECT CAST(SUM(p.amount_fen) AS BIGINT) FROM bill_payments p "            \
	"WHERE p.bill_id = b.id AND p.date <= $2), 0) "                                            \
	"WHEN b.paid_date IS NULL OR b.paid_date <= $2 THEN b.amount_paid_fen ELSE 0 END"

static const struct db_sql sql[ASSETS_ST__MAX] = {
    [ASSETS_ST_ASSET_GET] = {"assets.asset_get", "SELECT " ASSET_COLS " FROM assets WHERE id = $1"},
    [ASSETS_ST_ASSET_LOG_ALL] = {"assets.asset_log_all",
				 "SELECT " ASSET_COLS " FROM assets ORDER BY id"},
    [ASSETS_ST_ASSET_FIND] = {"assets.asset_find",
			      "SELECT " ASSET_COLS
			      " FROM assets WHERE village_id = $1 AND asset_no = $2"},
    [ASSETS_ST_ASSET_INSERT] =
	{"assets.asset_insert",
	 "INSERT INTO assets (village_id, asset_no, name, category, acquired_date, "
	 "original_value_fen, useful_life_months, salvage_fen, location, status, disposed_date) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
	 "ON CONFLICT (village_id, asset_no) DO NOTHING RETURNING id"},
    /* The columns of assets.csv only: life and salvage stay as they were set. */
    [ASSETS_ST_ASSET_IMPORT_UPDATE] =
	{"assets.asset_import_update",
	 "UPDATE assets SET name = $3, category = $4, acquired_date = $5, original_value_fen = $6, "
	 "location = $7, status = $8 WHERE village_id = $1 AND asset_no = $2 AND "
	 "(name IS DISTINCT FROM $3 OR category IS DISTINCT FROM $4 OR "
	 "acquired_date IS DISTINCT FROM $5 OR original_value_fen IS DISTINCT FROM $6 OR "
	 "location IS DISTINCT FROM $7 OR status IS DISTINCT FROM $8) RETURNING id"},
    [ASSETS_ST_ASSET_SET_STATUS] =
	{"assets.asset_set_status",
	 "UPDATE assets SET status = $2, disposed_date = $3 WHERE id = $1"},
    [ASSETS_ST_ASSETS_LIST] =
	{"assets.assets_list",
	 "SELECT a.id, v.code AS village_code, v.name AS village_name, a.asset_no, a.name, "
	 "a.category, a.acquired_date, a.original_value_fen, a.useful_life_months, a.salvage_fen, "
	 "a.location, a.status, a.disposed_date FROM assets a JOIN villages v ON v.id = "
	 "a.village_id "
	 "WHERE " SCOPE("a.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR a.status = $4) "
					"AND (CAST($5 AS TEXT) = '' OR a.name LIKE '%' || $5 || "
					"'%' OR a.asset_no LIKE $5 || '%') "
					"ORDER BY v.code, a.asset_no LIMIT $6 OFFSET $7"},
    [ASSETS_ST_ASSETS_COUNT] =
	{"assets.assets_count",
	 "SELECT COUNT(*), COALESCE(CAST(SUM(a.original_value_fen) AS BIGINT), 0) FROM assets a "
	 "JOIN villages v ON v.id = a.village_id "
	 "WHERE " SCOPE("a.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR a.status = $4) "
					"AND (CAST($5 AS TEXT) = '' OR a.name LIKE '%' || $5 || "
					"'%' OR a.asset_no LIKE $5 || '%')"},
    [ASSETS_ST_ASSETS_EXPORT] =
	{"assets.assets_export",
	 "SELECT v.code, a.asset_no, a.name, a.category, a.acquired_date, a.original_value_fen, "
	 "a.location, a.status FROM assets a JOIN villages v ON v.id = a.village_id "
	 "WHERE " SCOPE("a.village_id") " ORDER BY v.code, a.asset_no"},

    [ASSETS_ST_RES_GET] = {"assets.res_get", "SELECT " RES_COLS " FROM resources WHERE id = $1"},
    [ASSETS_ST_RES_LOG_ALL] = {"assets.res_log_all",
			       "SELECT " RES_COLS " FROM resources ORDER BY id"},
    [ASSETS_ST_RES_FIND] = {"assets.res_find",
			    "SELECT " RES_COLS
			    " FROM resources WHERE village_id = $1 AND resource_no = $2"},
    [ASSETS_ST_RES_INSERT] =
	{"assets.res_insert",
	 "INSERT INTO resources (village_id, resource_no, name, kind, area_mu_x100, location) "
	 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (village_id, resource_no) DO NOTHING "
	 "RETURNING id"},
    [ASSETS_ST_RES_IMPORT_UPDATE] =
	{"assets.res_import_update",
	 "UPDATE resources SET name = $3, kind = $4, area_mu_x100 = $5, location = $6 "
	 "WHERE village_id = $1 AND resource_no = $2 AND (name IS DISTINCT FROM $3 OR "
	 "kind IS DISTINCT FROM $4 OR area_mu_x100 IS DISTINCT FROM $5 OR "
	 "location IS DISTINCT FROM $6) RETURNING id"},
    [ASSETS_ST_RES_LIST] =
	{"assets.res_list",
	 "SELECT r.id, v.code AS village_code, v.name AS village_name, r.resource_no, r.name, "
	 "r.kind, r.area_mu_x100, r.location, (SELECT COUNT(*) FROM contracts c "
	 "WHERE c.village_id = r.village_id AND c.subject_no = r.resource_no AND c.start_date <= "
	 "$6 "
	 "AND c.end_date >= $6) AS contracts_in_force FROM resources r "
	 "JOIN villages v ON v.id = r.village_id "
	 "WHERE " SCOPE("r.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR r.kind = $4) "
					"AND (CAST($5 AS TEXT) = '' OR r.name LIKE '%' || $5 || "
					"'%' OR r.resource_no LIKE $5 || "
					"'%') ORDER BY v.code, r.resource_no LIMIT $7 OFFSET $8"},
    [ASSETS_ST_RES_COUNT] =
	{"assets.res_count",
	 "SELECT COUNT(*), COALESCE(CAST(SUM(r.area_mu_x100) AS BIGINT), 0) FROM resources r "
	 "JOIN villages v ON v.id = r.village_id "
	 "WHERE " SCOPE("r.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR r.kind = $4) "
					"AND (CAST($5 AS TEXT) = '' OR r.name LIKE '%' || $5 || "
					"'%' OR r.resource_no LIKE $5 || "
					"'%')"},
    [ASSETS_ST_RES_EXPORT] = {"assets.res_export",
			      "SELECT v.code, r.resource_no, r.name, r.kind, r.area_mu_x100, "
			      "r.location FROM resources r "
			      "JOIN villages v ON v.id = r.village_id WHERE " SCOPE(
				  "r.village_id") " "
						  "ORDER BY v.code, r.resource_no"},

    [ASSETS_ST_CON_GET] = {"assets.con_get", "SELECT " CON_COLS " FROM contracts WHERE id = $1"},
    [ASSETS_ST_CON_LOG_ALL] = {"assets.con_log_all",
			       "SELECT " CON_COLS " FROM contracts ORDER BY id"},
    [ASSETS_ST_CON_FIND] = {"assets.con_find",
			    "SELECT " CON_COLS
			    " FROM contracts WHERE village_id = $1 AND contract_no = $2"},
    [ASSETS_ST_CON_INSERT] =
	{"assets.con_insert",
	 "INSERT INTO contracts (village_id, contract_no, subject_no, counterparty, "
	 "counterparty_id, sign_date, start_date, end_date, annual_rent_fen, area_mu_x100, "
	 "trade_no, matter_no) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
	 "ON CONFLICT (village_id, contract_no) DO NOTHING RETURNING id"},
    [ASSETS_ST_CON_IMPORT_UPDATE] =
	{"assets.con_import_update",
	 "UPDATE contracts SET subject_no = $3, counterparty = $4, counterparty_id = $5, "
	 "sign_date = $6, start_date = $7, end_date = $8, annual_rent_fen = $9, area_mu_x100 = "
	 "$10, "
	 "trade_no = $11, matter_no = $12 WHERE village_id = $1 AND contract_no = $2 AND "
	 "(subject_no IS DISTINCT FROM $3 OR counterparty IS DISTINCT FROM $4 OR "
	 "counterparty_id IS DISTINCT FROM $5 OR sign_date IS DISTINCT FROM $6 OR "
	 "start_date IS DISTINCT FROM $7 OR end_date IS DISTINCT FROM $8 OR "
	 "annual_rent_fen IS DISTINCT FROM $9 OR area_mu_x100 IS DISTINCT FROM $10 OR "
	 "trade_no IS DISTINCT FROM $11 OR matter_no IS DISTINCT FROM $12) RETURNING id"},
    [ASSETS_ST_CON_TERMINATE] =
	{"assets.con_terminate",
	 "UPDATE contracts SET original_end_date = end_date, end_date = $2, "
	 "terminate_reason = $3 WHERE id = $1"},
    /* Another contract on the subject whose period meets [$3, $4]. */
    [ASSETS_ST_CON_OVERLAP] =
	{"assets.con_overlap",
	 "SELECT contract_no, counterparty, start_date, end_date FROM contracts "
	 "WHERE village_id = $1 AND subject_no = $2 AND id <> $5 AND start_date <= $4 "
	 "AND end_date >= $3 ORDER BY start_date LIMIT 1"},
    [ASSETS_ST_CON_BY_TRADE] = {"assets.con_by_trade",
				"SELECT contract_no FROM contracts WHERE village_id = $1 AND "
				"trade_no = $2 ORDER BY id LIMIT 1"},
    [ASSETS_ST_CON_LIST] =
	{"assets.con_list",
	 "SELECT c.id, v.code AS village_code, v.name AS village_name, c.contract_no, "
	 "c.subject_no, "
	 "COALESCE(r.name, a.name) AS subject_name, CASE WHEN r.id IS NOT NULL THEN '资源' WHEN "
	 "a.id IS NOT NULL THEN '资产' END AS subject_type, c.counterparty, c.counterparty_id, "
	 "c.sign_date, c.start_date, c.end_date, c.annual_rent_fen, c.area_mu_x100, c.trade_no, "
	 "c.matter_no, (SELECT COALESCE(CAST(SUM(b.amount_due_fen - b.amount_paid_fen) AS BIGINT), "
	 "0) FROM contract_bills b WHERE b.contract_id = c.id AND b.due_date <= $7) AS "
	 "arrears_fen FROM contracts c JOIN villages v ON v.id = c.village_id "
	 "LEFT JOIN resources r ON r.village_id = c.village_id AND r.resource_no = c.subject_no "
	 "LEFT JOIN assets a ON a.village_id = c.village_id AND a.asset_no = c.subject_no "
	 "WHERE " SCOPE(
	     "c.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND (CAST($4 AS TEXT) = '' OR c.contract_no LIKE '%' || $4 || '%' OR "
			     "c.counterparty LIKE '%' || $4 || '%' OR c.subject_no = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR c.subject_no = $5) "
			     "AND (CAST($6 AS TEXT) = '' OR ($6 = 'active' AND c.start_date <= $7 "
			     "AND c.end_date >= $7) "
			     "OR ($6 = 'expired' AND c.end_date < $7) OR ($6 = 'future' AND "
			     "c.start_date > $7)) "
			     "ORDER BY v.code, c.start_date DESC, c.contract_no LIMIT $8 OFFSET "
			     "$9"},
    [ASSETS_ST_CON_COUNT] =
	{"assets.con_count",
	 "SELECT COUNT(*) FROM contracts c JOIN villages v ON v.id = c.village_id "
	 "WHERE " SCOPE(
	     "c.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
			     "AND (CAST($4 AS TEXT) = '' OR c.contract_no LIKE '%' || $4 || '%' OR "
			     "c.counterparty LIKE '%' || $4 || '%' OR c.subject_no = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR c.subject_no = $5) "
			     "AND (CAST($6 AS TEXT) = '' OR ($6 = 'active' AND c.start_date <= $7 "
			     "AND c.end_date >= $7) "
			     "OR ($6 = 'expired' AND c.end_date < $7) OR ($6 = 'future' AND "
			     "c.start_date > $7))"},
    [ASSETS_ST_CON_DETAIL] =
	{"assets.con_detail",
	 "SELECT c.id, v.code AS village_code, v.name AS village_name, c.contract_no, "
	 "c.subject_no, "
	 "COALESCE(r.name, a.name) AS subject_name, CASE WHEN r.id IS NOT NULL THEN '资源' WHEN "
	 "a.id IS NOT NULL THEN '资产' END AS subject_type, COALESCE(r.kind, a.category) AS "
	 "subject_kind, c.counterparty, c.counterparty_id, c.sign_date, c.start_date, c.end_date, "
	 "c.annual_rent_fen, c.area_mu_x100, c.trade_no, c.matter_no, c.original_end_date, "
	 "c.terminate_reason, (SELECT t.id FROM trades t WHERE t.village_id = c.village_id AND "
	 "t.trade_no = c.trade_no) AS trade_id, (SELECT m.id FROM matters m WHERE m.village_id = "
	 "c.village_id AND m.matter_no = c.matter_no) AS matter_id "
	 "FROM contracts c JOIN villages v ON v.id = c.village_id "
	 "LEFT JOIN resources r ON r.village_id = c.village_id AND r.resource_no = c.subject_no "
	 "LEFT JOIN assets a ON a.village_id = c.village_id AND a.asset_no = c.subject_no "
	 "WHERE c.id = $1"},
    [ASSETS_ST_CON_OF_SUBJECT] =
	{"assets.con_of_subject",
	 "SELECT id, contract_no, counterparty, start_date, end_date, annual_rent_fen, trade_no "
	 "FROM contracts WHERE village_id = $1 AND subject_no = $2 ORDER BY start_date DESC"},
    [ASSETS_ST_CON_EXPORT] =
	{"assets.con_export",
	 "SELECT v.code, c.contract_no, c.subject_no, c.counterparty, c.counterparty_id, "
	 "c.sign_date, c.start_date, c.end_date, c.annual_rent_fen, c.area_mu_x100, c.trade_no, "
	 "c.matter_no FROM contracts c JOIN villages v ON v.id = c.village_id "
	 "WHERE " SCOPE("c.village_id") " ORDER BY v.code, c.contract_no"},

    [ASSETS_ST_BILL_GET] = {"assets.bill_get",
			    "SELECT " BILL_COLS " FROM contract_bills WHERE id = $1"},
    [ASSETS_ST_BILL_LOG_ALL] = {"assets.bill_log_all",
				"SELECT " BILL_COLS " FROM contract_bills ORDER BY id"},
    [ASSETS_ST_BILL_FIND] = {"assets.bill_find",
			     "SELECT " BILL_COLS
			     " FROM contract_bills WHERE contract_id = $1 AND due_date = $2"},
    [ASSETS_ST_BILL_INSERT] = {"assets.bill_insert",
			       "INSERT INTO contract_bills (village_id, contract_id, due_date, "
			       "amount_due_fen, paid_date, "
			       "amount_paid_fen) VALUES ($1, $2, $3, $4, $5, $6) "
			       "ON CONFLICT (contract_id, due_date) DO NOTHING RETURNING id"},
    [ASSETS_ST_BILL_IMPORT_UPDATE] =
	{"assets.bill_import_update",
	 "UPDATE contract_bills SET amount_due_fen = $3, paid_date = $4, amount_paid_fen = $5 "
	 "WHERE contract_id = $1 AND due_date = $2 AND (amount_due_fen IS DISTINCT FROM $3 OR "
	 "paid_date IS DISTINCT FROM $4 OR amount_paid_fen IS DISTINCT FROM $5) RETURNING id"},
    [ASSETS_ST_BILL_SET_PAID] = {"assets.bill_set_paid",
				 "UPDATE contract_bills SET amount_paid_fen = $2, paid_date = $3 "
				 "WHERE id = $1"},
    [ASSETS_ST_BILL_PAYMENT_COUNT] = {"assets.bill_payment_count",
				      "SELECT COUNT(*), COALESCE(CAST(SUM(amount_fen) AS BIGINT), "
				      "0), MAX(date) FROM bill_payments WHERE bill_id = $1"},
    [ASSETS_ST_BILLS_OF_CONTRACT] =
	{"assets.bills_of_contract",
	 "SELECT b.id, b.due_date, b.amount_due_fen, b.paid_date, b.amount_paid_fen, "
	 "b.amount_due_fen - b.amount_paid_fen AS outstanding_fen FROM contract_bills b "
	 "WHERE b.contract_id = $1 ORDER BY b.due_date"},
    [ASSETS_ST_BILLS_EXPORT] =
	{"assets.bills_export",
	 "SELECT v.code, c.contract_no, b.due_date, b.amount_due_fen, b.paid_date, "
	 "CASE WHEN b.amount_paid_fen = 0 AND b.paid_date IS NULL THEN NULL ELSE b.amount_paid_fen "
	 "END FROM contract_bills b JOIN contracts c ON c.id = b.contract_id "
	 "JOIN villages v ON v.id = b.village_id WHERE " SCOPE(
	     "b.village_id") " "
			     "ORDER BY v.code, c.contract_no, b.due_date"},

    [ASSETS_ST_PAY_GET] = {"assets.pay_get",
			   "SELECT " PAY_COLS " FROM bill_payments WHERE id = $1"},
    [ASSETS_ST_PAY_LOG_ALL] = {"assets.pay_log_all",
			       "SELECT " PAY_COLS " FROM bill_payments ORDER BY id"},
    [ASSETS_ST_PAY_INSERT] =
	{"assets.pay_insert",
	 "INSERT INTO bill_payments (village_id, bill_id, date, amount_fen, voucher_no, note, "
	 "recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"},
    /* The payment history: the receipts (with the voucher they name, when the
     * books hold it), and what an import recorded on a bill that has no
     * receipts yet (source 'bill'; it becomes the opening receipt when the
     * first receipt is recorded by hand). */
    [ASSETS_ST_PAYS_OF_CONTRACT] =
	{"assets.pays_of_contract",
	 "SELECT x.id, x.bill_id, x.due_date, x.date, x.amount_fen, x.voucher_no, x.voucher_id, "
	 "x.note, x.recorded_by, x.source FROM ("
	 "SELECT p.id AS id, p.bill_id AS bill_id, b.due_date AS due_date, p.date AS date, "
	 "p.amount_fen AS amount_fen, p.voucher_no AS voucher_no, bv.id AS voucher_id, "
	 "p.note AS note, p.recorded_by AS recorded_by, 'receipt' AS source "
	 "FROM bill_payments p JOIN contract_bills b ON b.id = p.bill_id "
	 "LEFT JOIN book_vouchers bv ON bv.village_id = p.village_id AND bv.voucher_no = "
	 "p.voucher_no WHERE b.contract_id = $1 "
	 "UNION ALL SELECT NULL, b.id, b.due_date, COALESCE(b.paid_date, b.due_date), "
	 "b.amount_paid_fen, NULL, NULL, '导入时已收', 'import', 'bill' FROM contract_bills b "
	 "WHERE b.contract_id = $1 AND b.amount_paid_fen > 0 AND NOT EXISTS (SELECT 1 FROM "
	 "bill_payments q WHERE q.bill_id = b.id)) x ORDER BY x.date, x.bill_id, "
	 "COALESCE(x.id, 0)"},
    /* Bills due by $2 with what was paid on them by then. */
    [ASSETS_ST_ARREARS] =
	{"assets.arrears",
	 "SELECT b.id, c.id, c.contract_no, c.subject_no, c.counterparty, c.counterparty_id, "
	 "b.due_date, b.amount_due_fen, " PAID_AS_OF " FROM contract_bills b "
	 "JOIN contracts c ON c.id = b.contract_id WHERE b.village_id = $1 AND b.due_date <= $2 "
	 "ORDER BY b.due_date, c.contract_no"},
    /* 债权 (112 应收款, 113 内部往来: debit balances) and 债务 (201 短期借款, 211 应付款,
     * 221 长期借款及应付款: credit balances) by counterparty, from posted vouchers. */
    [ASSETS_ST_DEBTS] =
	{"assets.debts",
	 "SELECT CASE WHEN SUBSTR(a.code, 1, 2) = '11' THEN '债权' ELSE '债务' END AS side, "
	 "SUBSTR(a.code, 1, 3) AS account_code, "
	 "COALESCE(NULLIF(l.counterparty_id, ''), NULLIF(l.counterparty, ''), '（未注明）') AS "
	 "party_key, MAX(l.counterparty) AS counterparty, MAX(l.counterparty_id) AS "
	 "counterparty_id, CAST(SUM(l.debit_fen - l.credit_fen) AS BIGINT) AS net_debit_fen, "
	 "MIN(v.date) AS first_date, MAX(v.date) AS last_date FROM book_lines l "
	 "JOIN book_vouchers v ON v.id = l.voucher_id JOIN book_accounts a ON a.id = l.account_id "
	 "WHERE l.village_id = $1 AND v.status = 'posted' AND v.date <= $2 AND "
	 "SUBSTR(a.code, 1, 3) IN ('112', '113', '201', '211', '221') "
	 "GROUP BY SUBSTR(a.code, 1, 2), SUBSTR(a.code, 1, 3), "
	 "COALESCE(NULLIF(l.counterparty_id, ''), NULLIF(l.counterparty, ''), '（未注明）') "
	 "HAVING SUM(l.debit_fen - l.credit_fen) <> 0 ORDER BY 2, 3"},
    [ASSETS_ST_PORTAL_CONTRACTS] =
	{"assets.portal_contracts",
	 "SELECT c.contract_no, c.subject_no, COALESCE(r.name, a.name), COALESCE(r.kind, "
	 "a.category), c.counterparty, c.counterparty_id, c.sign_date, c.start_date, c.end_date, "
	 "c.annual_rent_fen, c.area_mu_x100, c.trade_no FROM contracts c "
	 "LEFT JOIN resources r ON r.village_id = c.village_id AND r.resource_no = c.subject_no "
	 "LEFT JOIN assets a ON a.village_id = c.village_id AND a.asset_no = c.subject_no "
	 "WHERE c.village_id = $1 ORDER BY c.start_date DESC, c.contract_no LIMIT 300"},
};

struct db_stmts assets_stmts = {"assets", sql, ASSETS_ST__MAX, 0, false};

const struct trail_table assets_tables[ASSETS_T__MAX] = {
    [ASSETS_T_ASSETS] = {"assets", &assets_stmts, ASSETS_ST_ASSET_GET, ASSETS_ST_ASSET_LOG_ALL,
			 "village_id"},
    [ASSETS_T_RESOURCES] = {"resources", &assets_stmts, ASSETS_ST_RES_GET, ASSETS_ST_RES_LOG_ALL,
			    "village_id"},
    [ASSETS_T_CONTRACTS] = {"contracts", &assets_stmts, ASSETS_ST_CON_GET, ASSETS_ST_CON_LOG_ALL,
			    "village_id"},
    [ASSETS_T_BILLS] = {"contract_bills", &assets_stmts, ASSETS_ST_BILL_GET, ASSETS_ST_BILL_LOG_ALL,
			"village_id"},
    [ASSETS_T_PAYMENTS] = {"bill_payments", &assets_stmts, ASSETS_ST_PAY_GET, ASSETS_ST_PAY_LOG_ALL,
			   "village_id"},
};
