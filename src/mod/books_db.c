/*
 * All SQL of the books module, in the subset SQLite and PostgreSQL both speak,
 * with per-backend overrides where they differ: the row lock on the number
 * counter (PostgreSQL FOR UPDATE) and the ordered aggregate of a voucher's lines
 * (group_concat over an ordered subquery / string_agg ... ORDER BY).  Scope
 * filter of lists: $1 = 1 when the user sees every village, else $2 is the user
 * id whose user_village rows bound the result.  It must not see HTTP.
 */
#include "books.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define ACCOUNT_COLS "id, chart, village_id, code, name, parent_code, direction, category, tags"

/* A line in the log's text form: no|account_id|debit|credit|summary|party|party_id|bank. */
#define LINE_TEXT                                                                                  \
	"line_no || '|' || account_id || '|' || debit_fen || '|' || credit_fen || '|' || "         \
	"summary || '|' || COALESCE(counterparty, '') || '|' || COALESCE(counterparty_id, '') "    \
	"|| '|' || COALESCE(bank_account, '')"
/* The same text by one printf: SQLite builds it in one step instead of fifteen
 * concatenations (verify reads every voucher's lines this way).  Every column
 * but the three COALESCEd ones is NOT NULL, so %s gives what || gave. */
#define LINE_TEXT_SQLITE                                                                           \
	"printf('%s|%s|%s|%s|%s|%s|%s|%s', line_no, account_id, debit_fen, credit_fen, summary, "  \
	"COALESCE(counterparty, ''), COALESCE(counterparty_id, ''), COALESCE(bank_account, ''))"
#define LINES_SQLITE(vid)                                                                          \
	"(SELECT group_concat(t, ';') FROM (SELECT " LINE_TEXT_SQLITE " AS t FROM book_lines "     \
	"WHERE voucher_id = " vid " ORDER BY line_no))"
#define LINES_PG(vid)                                                                              \
	"(SELECT string_agg(" LINE_TEXT ", ';' ORDER BY line_no) FROM book_lines "                 \
	"WHERE voucher_id = " vid ")"

#define VOUCHER_COLS                                                                               \
	"v.id, v.village_id, v.year, v.seq, v.voucher_no, v.date, v.summary, v.source, v.status, " \
	"v.steps_done, v.round, v.maker_id, v.maker, v.pay_method, v.handler, v.approver, "        \
	"v.entered_at, v.matter_no, v.project_no, v.contract_no, v.reverses_id, v.total_fen, "     \
	"v.posted_at, v.posted_by"
#define VOUCHER_LOG(name, where)                                                                   \
	{                                                                                          \
		name,                                                                              \
		    "SELECT " VOUCHER_COLS                                                         \
		    ", " LINES_SQLITE("v.id") " AS lines FROM book_vouchers v " where,             \
		    NULL,                                                                          \
		    "SELECT " VOUCHER_COLS                                                         \
		    ", " LINES_PG("v.id") " AS lines FROM book_vouchers v " where                  \
	}

#define APPROVAL_COLS                                                                              \
	"id, village_id, voucher_id, round, step, step_name, decision, user_id, user_name, role, " \
	"comment, at"
#define ATTACH_COLS "id, village_id, voucher_id, sha256, filename, mime, size, added_by, added_at"
#define PERIOD_COLS "id, village_id, period, closed_at, closed_by"

/* 1 when account a has no child visible to village $2 (standard or its own). */
#define LEAF_EXPR                                                                                  \
	"CASE WHEN EXISTS (SELECT 1 FROM book_accounts c WHERE c.chart = a.chart AND "             \
	"c.parent_code = a.code AND (c.village_id IS NULL OR c.village_id = $2)) THEN 0 ELSE 1 "   \
	"END"

/* Posted lines of village $1 (0 = all) keyed as balances are: month "2025-03"
 * and year "Y2025" (year rows sort after every month row). */
#define POSTED_LINES(key, sign)                                                                    \
	"SELECT l.village_id, l.account_id, " key " AS period, " sign "l.debit_fen AS d, " sign    \
	"l.credit_fen AS c FROM book_lines l "                                                     \
	"JOIN book_vouchers v ON v.id = l.voucher_id WHERE v.status = 'posted' AND "               \
	"($1 = 0 OR l.village_id = $1)"

/* Leaf sums of a trial balance: opening (the kept opening rows "O"||year of
 * each village — of its head year when the books end before the year — and
 * the months of the year before $3) and period ($6..$7: month rows, or the
 * year row "Y2025" for a whole year; also without carry-forward), as index
 * range scans (CROSS JOIN: SQLite walks the heads and seeks each village's
 * rows, never the other way round).  where: the village filter of a column;
 * col, group: the village column and grouping (the township sums every village
 * into its accounts). */
#define TB_OPEN_PERIOD                                                                             \
	"b.period = 'O' || CAST(CASE WHEN h.year < $5 THEN h.year ELSE $5 END AS TEXT)"
#define TB_SQL(where, col, group)                                                                  \
	"SELECT " col                                                                              \
	", account_id, SUM(od), SUM(oc), SUM(pd), SUM(pc), SUM(pdn), SUM(pcn) FROM ("              \
	"SELECT b.village_id, b.account_id, b.debit_fen AS od, b.credit_fen AS oc, 0 AS pd, "      \
	"0 AS pc, 0 AS pdn, 0 AS pcn FROM book_opening_head h CROSS JOIN book_balances b WHERE "   \
	"b.village_id = h.village_id AND " TB_OPEN_PERIOD " AND " where(                           \
	    "h.village_id") " UNION ALL SELECT b.village_id, b.account_id, b.debit_fen, "          \
			    "b.credit_fen, 0, 0, 0, 0 "                                            \
			    "FROM book_balances b WHERE b.period >= $4 || '-01' AND b.period < "   \
			    "$3 AND " where(                                                       \
				"b.village_id") " UNION ALL SELECT b.village_id, b.account_id, "   \
						"0, 0, b.debit_fen, "                              \
						"b.credit_fen, b.debit_fen * (1 - b.carry), "      \
						"b.credit_fen * (1 - "                             \
						"b.carry) FROM book_balances b WHERE b.period >= " \
						"$6 AND b.period "                                 \
						"<= $7 AND " where(                                \
						    "b.village_id") ") x GROUP BY " group
#define TB_ONE(col) col " = $8 AND " SCOPE(col)
#define TB_ALL(col) SCOPE(col)

/* Opening rows a posted line of year v.year adds: "O"||y for every year y
 * after it up to the village's head year. */
#define OPEN_YEARS                                                                                 \
	"WITH RECURSIVE ys(y) AS (SELECT MIN(year) + 1 FROM book_vouchers UNION ALL SELECT y + 1 " \
	"FROM ys WHERE y < (SELECT MAX(year) FROM book_opening_head)) "

/* $2 = 1: the month row "2025-03", else the year row "Y2025". */
#define BAL_KEY "CASE WHEN $2 = 1 THEN substr(v.date, 1, 7) ELSE 'Y' || substr(v.date, 1, 4) END"

static const struct db_sql sql[BOOKS_ST__MAX] = {
    /* ---- chart ---- */
    [BOOKS_ST_STD_COUNT] = {"books.std_count",
			    "SELECT COUNT(*) FROM book_accounts WHERE chart = $1 AND village_id "
			    "IS NULL"},
    [BOOKS_ST_ACCOUNT_INSERT] = {"books.account_insert",
				 "INSERT INTO book_accounts (chart, village_id, code, name, "
				 "parent_code, direction, category, tags) "
				 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"},
    [BOOKS_ST_ACCOUNT_GET] = {"books.account_get",
			      "SELECT " ACCOUNT_COLS " FROM book_accounts WHERE id = $1"},
    [BOOKS_ST_ACCOUNT_ALL] = {"books.account_all",
			      "SELECT " ACCOUNT_COLS " FROM book_accounts ORDER BY id"},
    /* The account of that code a voucher of village $2 would post to: its own
     * or a standard one first; another village's only to name the mistake. */
    [BOOKS_ST_ACCOUNT_FIND] =
	{"books.account_find",
	 "SELECT a.id, a.village_id, a.name, a.direction, a.category, a.tags, " LEAF_EXPR
	 " AS leaf, CASE WHEN a.village_id IS NULL OR a.village_id = $2 THEN 1 ELSE 0 END AS own "
	 "FROM book_accounts a WHERE a.chart = $1 AND a.code = $3 "
	 "ORDER BY CASE WHEN a.village_id IS NULL OR a.village_id = $2 THEN 0 ELSE 1 END, a.id "
	 "LIMIT 1"},
    [BOOKS_ST_ACCOUNTS_OF_VILLAGE] =
	{"books.accounts_of_village",
	 "SELECT a.id, a.code, a.name, a.parent_code, a.direction, a.category, a.tags, "
	 "CASE WHEN a.village_id IS NULL THEN 1 ELSE 0 END AS standard, " LEAF_EXPR " AS leaf "
	 "FROM book_accounts a WHERE a.chart = $1 AND (a.village_id IS NULL OR a.village_id = $2) "
	 "ORDER BY a.code"},
    [BOOKS_ST_ACCOUNT_HAS_LINES] = {"books.account_has_lines",
				    "SELECT 1 FROM book_lines WHERE account_id = $1 AND "
				    "village_id = $2 LIMIT 1"},
    [BOOKS_ST_ACCOUNT_RENAME] = {"books.account_rename",
				 "UPDATE book_accounts SET name = $2 WHERE id = $1 AND name <> $2 "
				 "RETURNING id"},
    [BOOKS_ST_ACCOUNTS_EXPORT] =
	{"books.accounts_export",
	 "SELECT vg.code, a.code, a.name, a.parent_code FROM book_accounts a "
	 "JOIN villages vg ON vg.id = a.village_id WHERE a.chart = '" BOOKS_CHART
	 "' AND " SCOPE("a.village_id") " ORDER BY vg.code, a.code"},

    /* ---- numbers ---- */
    [BOOKS_ST_SEQ_ENSURE] = {"books.seq_ensure",
			     "INSERT INTO book_seq (village_id, year, last_seq) VALUES ($1, $2, 0) "
			     "ON CONFLICT (village_id, year) DO NOTHING"},
    [BOOKS_ST_SEQ_LOCK] = {"books.seq_lock",
			   "SELECT last_seq FROM book_seq WHERE village_id = $1 AND year = $2",
			   NULL,
			   "SELECT last_seq FROM book_seq WHERE village_id = $1 AND year = $2 "
			   "FOR UPDATE"},
    [BOOKS_ST_SEQ_SET] = {"books.seq_set",
			  "UPDATE book_seq SET last_seq = $3 WHERE village_id = $1 AND year = $2"},
    [BOOKS_ST_SEQ_CHECK] = {"books.seq_check",
			    "SELECT year, COUNT(*), MAX(seq) FROM book_vouchers WHERE village_id = "
			    "$1 GROUP BY year HAVING COUNT(*) <> MAX(seq) ORDER BY year"},

    /* ---- vouchers ---- */
    [BOOKS_ST_VOUCHER_INSERT] =
	{"books.voucher_insert",
	 "INSERT INTO book_vouchers (village_id, year, seq, voucher_no, date, summary, source, "
	 "status, maker_id, maker, pay_method, handler, approver, entered_at, matter_no, "
	 "project_no, contract_no, reverses_id, total_fen, posted_at, posted_by) VALUES ($1, $2, "
	 "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) "
	 "ON CONFLICT (village_id, voucher_no) DO NOTHING RETURNING id"},
    /* The same for a batch: RETURNING costs SQLite an ephemeral table per row
     * (half the insert's time), so the batch reads the changes and the id
     * (last_insert_rowid / lastval) instead. */
    [BOOKS_ST_VOUCHER_INSERT_BULK] =
	{"books.voucher_insert_bulk",
	 "INSERT INTO book_vouchers (village_id, year, seq, voucher_no, date, summary, source, "
	 "status, maker_id, maker, pay_method, handler, approver, entered_at, matter_no, "
	 "project_no, contract_no, reverses_id, total_fen, posted_at, posted_by) VALUES ($1, $2, "
	 "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) "
	 "ON CONFLICT (village_id, voucher_no) DO NOTHING"},
    [BOOKS_ST_LAST_ID] = {"books.last_id", "SELECT last_insert_rowid()", NULL, "SELECT lastval()"},
    [BOOKS_ST_VOUCHER_GET] = VOUCHER_LOG("books.voucher_get", "WHERE v.id = $1"),
    [BOOKS_ST_VOUCHER_ALL] = VOUCHER_LOG("books.voucher_all", "ORDER BY v.id"),
    /* The same, lines apart (trail_table.joined_col): verify builds LINE_TEXT. */
    [BOOKS_ST_VOUCHER_ALL_BARE] = {"books.voucher_all_bare",
				   "SELECT " VOUCHER_COLS ", NULL AS lines FROM book_vouchers v "
				   "ORDER BY v.id"},
    [BOOKS_ST_LINE_PARTS] = {"books.line_parts",
			     "SELECT voucher_id, line_no, account_id, debit_fen, credit_fen, summary, "
			     "counterparty, counterparty_id, bank_account FROM book_lines "
			     "ORDER BY voucher_id, line_no"},
    [BOOKS_ST_VOUCHER_HEAD] = {"books.voucher_head",
			       "SELECT " VOUCHER_COLS ", vg.code AS village_code, vg.name AS "
			       "village_name FROM book_vouchers v JOIN villages vg ON vg.id = "
			       "v.village_id WHERE v.id = $1"},
    [BOOKS_ST_VOUCHER_BY_NO] = {"books.voucher_by_no",
				"SELECT " VOUCHER_COLS " FROM book_vouchers v WHERE v.village_id = "
				"$1 AND v.voucher_no = $2"},
    [BOOKS_ST_VILLAGE_HAS_VOUCHERS] = {"books.village_has_vouchers",
				       "SELECT 1 FROM book_vouchers WHERE village_id = $1 LIMIT 1"},
    [BOOKS_ST_VOUCHER_UPDATE] =
	{"books.voucher_update",
	 "UPDATE book_vouchers SET date = $2, summary = $3, pay_method = $4, matter_no = $5, "
	 "project_no = $6, contract_no = $7, total_fen = $8, status = 'draft', steps_done = 0 "
	 "WHERE id = $1"},
    [BOOKS_ST_VOUCHER_STATE] =
	{"books.voucher_state",
	 "UPDATE book_vouchers SET status = $2, steps_done = $3, round = $4, "
	 "handler = COALESCE(CAST($5 AS TEXT), handler), "
	 "approver = COALESCE(CAST($6 AS TEXT), approver) WHERE id = $1"},
    [BOOKS_ST_VOUCHER_POST] = {"books.voucher_post",
			       "UPDATE book_vouchers SET status = 'posted', posted_at = $2, "
			       "posted_by = $3 WHERE id = $1 AND status = 'approved'"},
    [BOOKS_ST_VOUCHER_REVERSAL_OF] = {"books.voucher_reversal_of",
				      "SELECT id, voucher_no, status FROM book_vouchers WHERE "
				      "reverses_id = $1"},
    [BOOKS_ST_VOUCHERS_LIST] =
	{"books.vouchers_list",
	 "SELECT v.id, vg.code AS village_code, vg.name AS village_name, v.voucher_no, v.date, "
	 "v.summary, v.source, v.status, v.steps_done, v.total_fen, v.maker, v.handler, "
	 "v.approver, v.reverses_id FROM book_vouchers v JOIN villages vg ON vg.id = v.village_id "
	 "WHERE " SCOPE("v.village_id") " AND (CAST($3 AS TEXT) = '' OR vg.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR v.status = $4) AND (CAST($5 "
					"AS TEXT) = '' OR v.date >= $5) "
					"AND (CAST($6 AS TEXT) = '' OR v.date <= $6) AND (CAST($7 "
					"AS TEXT) = '' OR v.summary "
					"LIKE '%' || $7 || '%' OR v.voucher_no = $7) ORDER BY "
					"vg.code, v.year DESC, v.seq DESC "
					"LIMIT $8 OFFSET $9"},
    [BOOKS_ST_VOUCHERS_COUNT] =
	{"books.vouchers_count",
	 "SELECT COUNT(*) FROM book_vouchers v JOIN villages vg ON vg.id = v.village_id "
	 "WHERE " SCOPE("v.village_id") " AND (CAST($3 AS TEXT) = '' OR vg.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR v.status = $4) AND (CAST($5 "
					"AS TEXT) = '' OR v.date >= $5) "
					"AND (CAST($6 AS TEXT) = '' OR v.date <= $6) AND (CAST($7 "
					"AS TEXT) = '' OR v.summary "
					"LIKE '%' || $7 || '%' OR v.voucher_no = $7)"},
    /* Waiting for this user: the next step is one of $3/$4 (−1 none), or the
     * user's own drafts and returned vouchers, or ($5 = 1) approved to post. */
    [BOOKS_ST_INBOX] =
	{"books.inbox",
	 "SELECT v.id, vg.code AS village_code, vg.name AS village_name, v.voucher_no, v.date, "
	 "v.summary, v.status, v.steps_done, v.total_fen, v.maker FROM book_vouchers v "
	 "JOIN villages vg ON vg.id = v.village_id WHERE " SCOPE(
	     "v.village_id") " AND "
			     "((v.status = 'pending' AND (v.steps_done = $3 OR v.steps_done = $4)) "
			     "OR (v.status IN ('draft','rejected') AND v.maker_id = $2) "
			     "OR (v.status = 'approved' AND $5 = 1)) ORDER BY v.date, v.id LIMIT "
			     "500"},

    /* ---- lines ---- */
    [BOOKS_ST_LINE_INSERT] =
	{"books.line_insert",
	 "INSERT INTO book_lines (village_id, voucher_id, line_no, account_id, summary, debit_fen, "
	 "credit_fen, counterparty, counterparty_id, bank_account) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"},
    [BOOKS_ST_LINES_DELETE] = {"books.lines_delete",
			       "DELETE FROM book_lines WHERE voucher_id = $1"},
    [BOOKS_ST_LINES_OF] = {"books.lines_of",
			   "SELECT l.line_no, a.code AS account_code, a.name AS account_name, "
			   "l.summary, l.debit_fen, l.credit_fen, l.counterparty, "
			   "l.counterparty_id, l.bank_account FROM book_lines l JOIN "
			   "book_accounts a ON a.id = l.account_id WHERE l.voucher_id = $1 "
			   "ORDER BY l.line_no"},
    [BOOKS_ST_LINES_TEXT] = {"books.lines_text", "SELECT " LINES_SQLITE("$1"), NULL,
			     "SELECT " LINES_PG("CAST($1 AS BIGINT)")},

    /* ---- balances: month (len 7) and year (len 4) rows, carry or not ---- */
    [BOOKS_ST_BALANCE_ADD] =
	{"books.balance_add",
	 "INSERT INTO book_balances (village_id, account_id, period, carry, debit_fen, credit_fen) "
	 "SELECT l.village_id, l.account_id, " BAL_KEY ", CAST($3 AS BIGINT), SUM(l.debit_fen), "
	 "SUM(l.credit_fen) FROM book_lines l JOIN book_vouchers v ON v.id = l.voucher_id "
	 "WHERE l.voucher_id = $1 GROUP BY l.village_id, l.account_id, " BAL_KEY " "
	 "ON CONFLICT (village_id, account_id, period, carry) DO UPDATE SET "
	 "debit_fen = book_balances.debit_fen + excluded.debit_fen, "
	 "credit_fen = book_balances.credit_fen + excluded.credit_fen"},
    [BOOKS_ST_BALANCE_ADD_ONE] =
	{"books.balance_add_one",
	 "INSERT INTO book_balances (village_id, account_id, period, carry, debit_fen, credit_fen) "
	 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (village_id, account_id, period, carry) DO "
	 "UPDATE SET debit_fen = book_balances.debit_fen + excluded.debit_fen, "
	 "credit_fen = book_balances.credit_fen + excluded.credit_fen"},
    /* A carry-forward voucher has a line on 321 本年收益 (domain/rules.md). */
    [BOOKS_ST_IS_CARRY] = {"books.is_carry",
			   "SELECT COUNT(*) FROM book_lines l JOIN book_accounts a ON a.id = "
			   "l.account_id WHERE l.voucher_id = $1 AND a.code LIKE '321%'"},
    /* Opening rows (see sql/{sqlite,pg}/books/0002_opening.sql): the village's head year
     * (0: no posted voucher yet), read FOR UPDATE on PostgreSQL so that two
     * posts of one village extend it one after the other. */
    [BOOKS_ST_OPEN_HEAD_ENSURE] =
	{"books.open_head_ensure",
	 "INSERT INTO book_opening_head (village_id, year) VALUES ($1, 0) "
	 "ON CONFLICT (village_id) DO NOTHING"},
    [BOOKS_ST_OPEN_HEAD_LOCK] = {"books.open_head_lock",
				 "SELECT year FROM book_opening_head WHERE village_id = $1", NULL,
				 "SELECT year FROM book_opening_head WHERE village_id = $1 FOR "
				 "UPDATE"},
    [BOOKS_ST_OPEN_HEAD_SET] = {"books.open_head_set",
				"UPDATE book_opening_head SET year = $2 WHERE village_id = $1"},
    /* The opening rows $2 of village $1 copied to $3 (a new head year). */
    [BOOKS_ST_OPEN_COPY] =
	{"books.open_copy",
	 "INSERT INTO book_balances (village_id, account_id, period, carry, debit_fen, credit_fen) "
	 "SELECT village_id, account_id, $3, 0, debit_fen, credit_fen FROM book_balances WHERE "
	 "village_id = $1 AND period = $2 AND carry = 0 ON CONFLICT (village_id, account_id, "
	 "period, carry) DO UPDATE SET debit_fen = book_balances.debit_fen + excluded.debit_fen, "
	 "credit_fen = book_balances.credit_fen + excluded.credit_fen"},
    /* Voucher $1's lines added to the opening rows $2. */
    [BOOKS_ST_OPEN_ADD] =
	{"books.open_add",
	 "INSERT INTO book_balances (village_id, account_id, period, carry, debit_fen, credit_fen) "
	 "SELECT l.village_id, l.account_id, $2, 0, SUM(l.debit_fen), SUM(l.credit_fen) FROM "
	 "book_lines l WHERE l.voucher_id = $1 GROUP BY l.village_id, l.account_id "
	 "ON CONFLICT (village_id, account_id, period, carry) DO UPDATE SET "
	 "debit_fen = book_balances.debit_fen + excluded.debit_fen, "
	 "credit_fen = book_balances.credit_fen + excluded.credit_fen"},

    /* ---- approvals ---- */
    [BOOKS_ST_APPROVAL_INSERT] =
	{"books.approval_insert",
	 "INSERT INTO book_approvals (village_id, voucher_id, round, step, step_name, decision, "
	 "user_id, user_name, role, comment, at) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"},
    [BOOKS_ST_APPROVAL_GET] = {"books.approval_get",
			       "SELECT " APPROVAL_COLS " FROM book_approvals WHERE id = $1"},
    [BOOKS_ST_APPROVAL_ALL] = {"books.approval_all",
			       "SELECT " APPROVAL_COLS " FROM book_approvals ORDER BY id"},
    [BOOKS_ST_APPROVALS_OF] = {"books.approvals_of",
			       "SELECT round, step, step_name, decision, user_name, role, comment, "
			       "at FROM book_approvals WHERE voucher_id = $1 ORDER BY id"},
    [BOOKS_ST_APPROVAL_USER_IN_ROUND] = {"books.approval_user_in_round",
					 "SELECT step_name FROM book_approvals WHERE voucher_id = "
					 "$1 AND round = $2 AND user_id = $3 LIMIT 1"},

    /* ---- attachments ---- */
    [BOOKS_ST_BLOB_PUT] = {"books.blob_put",
			   "INSERT INTO book_blobs (sha256, size, content) VALUES ($1, $2, $3) "
			   "ON CONFLICT (sha256) DO NOTHING"},
    [BOOKS_ST_BLOB_GET] = {"books.blob_get",
			   "SELECT size, content FROM book_blobs WHERE sha256 = $1"},
    [BOOKS_ST_ATTACH_INSERT] =
	{"books.attach_insert",
	 "INSERT INTO book_attachments (village_id, voucher_id, sha256, filename, mime, size, "
	 "added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"},
    [BOOKS_ST_ATTACH_GET] = {"books.attach_get",
			     "SELECT " ATTACH_COLS " FROM book_attachments WHERE id = $1"},
    [BOOKS_ST_ATTACH_ALL] = {"books.attach_all",
			     "SELECT " ATTACH_COLS " FROM book_attachments ORDER BY id"},
    [BOOKS_ST_ATTACHMENTS_OF] = {"books.attachments_of",
				 "SELECT id, sha256, filename, mime, size, added_by, added_at FROM "
				 "book_attachments WHERE voucher_id = $1 ORDER BY id"},

    /* ---- periods ---- */
    [BOOKS_ST_PERIOD_CLOSED] =
	{"books.period_closed",
	 "SELECT id FROM book_periods WHERE village_id = $1 AND period = $2"},
    [BOOKS_ST_PERIOD_INSERT] = {"books.period_insert",
				"INSERT INTO book_periods (village_id, period, closed_at, "
				"closed_by) VALUES ($1, $2, $3, $4) RETURNING id"},
    [BOOKS_ST_PERIOD_GET] = {"books.period_get",
			     "SELECT " PERIOD_COLS " FROM book_periods WHERE id = $1"},
    [BOOKS_ST_PERIOD_ALL] = {"books.period_all",
			     "SELECT " PERIOD_COLS " FROM book_periods ORDER BY id"},
    [BOOKS_ST_PERIODS_OF] = {"books.periods_of",
			     "SELECT period, closed_at, closed_by FROM book_periods WHERE "
			     "village_id = $1 ORDER BY period"},
    [BOOKS_ST_FIRST_MONTH] = {"books.first_month",
			      "SELECT MIN(substr(date, 1, 7)) FROM book_vouchers WHERE village_id "
			      "= $1 AND status <> 'void'"},
    [BOOKS_ST_UNPOSTED_UNTIL] = {"books.unposted_until",
				 "SELECT COUNT(*), MIN(voucher_no) FROM book_vouchers WHERE "
				 "village_id = $1 AND date <= $2 AND status IN "
				 "('draft','pending','rejected','approved')"},
    [BOOKS_ST_YEAR_NET] =
	{"books.year_net",
	 "SELECT b.account_id, a.code, SUM(b.debit_fen) - SUM(b.credit_fen) FROM book_balances b "
	 "JOIN book_accounts a ON a.id = b.account_id WHERE b.village_id = $1 AND b.period = 'Y' "
	 "|| $2 "
	 "AND a.category = '损益' GROUP BY b.account_id, a.code "
	 "HAVING SUM(b.debit_fen) <> SUM(b.credit_fen) ORDER BY a.code"},
    [BOOKS_ST_NET_UNTIL] =
	{"books.net_until",
	 "SELECT b.account_id, a.code, SUM(b.debit_fen) - SUM(b.credit_fen) FROM book_balances b "
	 "JOIN book_accounts a ON a.id = b.account_id WHERE b.village_id = $1 AND "
	 "b.period >= 'Y' AND b.period <= 'Y' || $2 AND a.code LIKE $3 || '%' "
	 "GROUP BY b.account_id, a.code HAVING SUM(b.debit_fen) <> SUM(b.credit_fen) "
	 "ORDER BY a.code"},
    /* Opening debit − credit of village $1's accounts under prefix $2 ('' = all)
     * and with tag $3 ('' = any) before month $4 of year $5. */
    [BOOKS_ST_OPENING] =
	{"books.opening",
	 "SELECT COALESCE(SUM(b.debit_fen) - SUM(b.credit_fen), 0) FROM book_balances b "
	 "JOIN book_accounts a ON a.id = b.account_id WHERE b.village_id = $1 AND "
	 "(CAST($2 AS TEXT) = '' OR a.code LIKE $2 || '%') AND (CAST($3 AS TEXT) = '' OR "
	 "(' ' || a.tags || ' ') LIKE '% ' || $3 || ' %') AND "
	 "((b.period >= 'Y' AND b.period < 'Y' || CAST($5 AS TEXT)) OR "
	 "(b.period >= CAST($5 AS TEXT) || '-01' AND b.period < CAST($4 AS TEXT)))"},

    /* ---- reports ---- */
    /* $1 scope all, $2 user, $3 first month, $4 its year (text), $5 the same
     * year (integer), $6..$7 the period's balance keys, $8 village (TB_LEAF). */
    [BOOKS_ST_TB_LEAF] = {"books.tb_leaf", TB_SQL(TB_ONE, "village_id", "village_id, account_id")},
    [BOOKS_ST_TB_LEAF_ALL] = {"books.tb_leaf_all", TB_SQL(TB_ALL, "0", "account_id")},
    [BOOKS_ST_ACCOUNT_CODES] = {"books.account_codes",
				"SELECT id, code FROM book_accounts WHERE chart = $1 ORDER BY id"},
    /* Kept balances (month, year and opening rows) that differ from the posted
     * lines, plus villages whose opening head is not past their last posted
     * year (whose later openings would be missing). */
    [BOOKS_ST_TB_RECOMPUTE] =
	{"books.tb_recompute", OPEN_YEARS
	 "SELECT (SELECT COUNT(*) FROM (SELECT village_id, account_id, period FROM ("
	 "SELECT village_id, account_id, period, debit_fen AS d, credit_fen AS c "
	 "FROM book_balances WHERE ($1 = 0 OR village_id = $1) UNION ALL " POSTED_LINES(
	     "substr(v.date, 1, 7)",
	     "-") " UNION ALL " POSTED_LINES("'Y' || substr(v.date, 1, 4)",
					     "-") " UNION ALL SELECT l.village_id, "
						  "l.account_id, 'O' || CAST(ys.y AS "
						  "TEXT), -l.debit_fen, -l.credit_fen "
						  "FROM book_lines l JOIN book_vouchers "
						  "v ON v.id = l.voucher_id JOIN "
						  "book_opening_head h ON h.village_id "
						  "= l.village_id JOIN ys ON ys.y > "
						  "v.year AND ys.y <= h.year WHERE "
						  "v.status = 'posted' AND ($1 = 0 OR "
						  "l.village_id = $1)"
						  ") x GROUP BY village_id, account_id, period "
						  "HAVING SUM(d) <> 0 OR SUM(c) <> 0) "
						  "y) + (SELECT COUNT(*) FROM (SELECT village_id, "
						  "MAX(year) AS y FROM "
						  "book_vouchers WHERE status = 'posted' AND ($1 = "
						  "0 OR village_id = $1) GROUP BY "
						  "village_id) m LEFT JOIN book_opening_head h ON "
						  "h.village_id = m.village_id "
						  "WHERE h.year IS NULL OR h.year <= m.y)"},
    [BOOKS_ST_DETAIL] =
	{"books.detail",
	 "SELECT v.id AS voucher_id, v.voucher_no, v.date, l.line_no, a.code AS account_code, "
	 "a.name AS account_name, l.summary, l.debit_fen, l.credit_fen FROM book_lines l "
	 "JOIN book_vouchers v ON v.id = l.voucher_id JOIN book_accounts a ON a.id = "
	 "l.account_id WHERE l.village_id = $1 AND v.status = 'posted' AND v.date >= $4 AND "
	 "v.date <= $5 AND (CAST($2 AS TEXT) = '' OR a.code LIKE $2 || '%') AND (CAST($3 AS "
	 "TEXT) = '' OR (' ' || a.tags || ' ') LIKE '% ' || $3 || ' %') "
	 "ORDER BY v.date, v.year, v.seq, l.line_no LIMIT 100000"},
    /* The lines behind a figure: scope, village ($3, 0 = all in scope), account
     * prefix ($4), dates ($5..$6), carry-forward vouchers excluded when $7 = 1. */
    [BOOKS_ST_DRILL] =
	{"books.drill",
	 "SELECT v.id AS voucher_id, vg.code AS village_code, v.voucher_no, v.date, l.line_no, "
	 "a.code AS account_code, a.name AS account_name, l.summary, l.debit_fen, l.credit_fen "
	 "FROM book_lines l JOIN book_vouchers v ON v.id = l.voucher_id JOIN book_accounts a ON "
	 "a.id = l.account_id JOIN villages vg ON vg.id = l.village_id WHERE " SCOPE(
	     "l.village_id") " AND ($3 = 0 OR l.village_id = $3) AND v.status = 'posted' AND "
			     "(CAST($4 AS TEXT) = '' OR a.code LIKE $4 || '%') AND v.date >= $5 "
			     "AND v.date <= $6 AND ($7 = 0 OR NOT EXISTS (SELECT 1 FROM book_lines "
			     "l2 JOIN book_accounts a2 ON a2.id = l2.account_id WHERE "
			     "l2.voucher_id = v.id AND a2.code LIKE '321%')) "
			     "ORDER BY vg.code, v.date, v.year, v.seq, l.line_no LIMIT $8 OFFSET "
			     "$9"},
    [BOOKS_ST_DRILL_COUNT] =
	{"books.drill_count",
	 "SELECT COUNT(*) FROM book_lines l JOIN book_vouchers v ON v.id = l.voucher_id "
	 "JOIN book_accounts a ON a.id = l.account_id WHERE " SCOPE(
	     "l.village_id") " AND ($3 = 0 OR l.village_id = $3) AND v.status = 'posted' AND "
			     "(CAST($4 AS TEXT) = '' OR a.code LIKE $4 || '%') AND v.date >= $5 "
			     "AND v.date <= $6 AND ($7 = 0 OR NOT EXISTS (SELECT 1 FROM book_lines "
			     "l2 JOIN book_accounts a2 ON a2.id = l2.account_id WHERE "
			     "l2.voucher_id = v.id AND a2.code LIKE '321%'))"},
    [BOOKS_ST_VILLAGES_SCOPE] = {"books.villages_scope",
				 "SELECT id, code, name FROM villages WHERE " SCOPE(
				     "id") " ORDER BY code"},
    [BOOKS_ST_VOUCHERS_EXPORT] =
	{"books.vouchers_export",
	 "SELECT vg.code, v.voucher_no, l.line_no, v.date, l.summary, a.code, l.debit_fen, "
	 "l.credit_fen, l.counterparty, l.counterparty_id, l.bank_account, v.pay_method, "
	 "v.handler, v.approver, v.entered_at, v.matter_no, v.project_no, v.contract_no, v.summary "
	 "FROM book_vouchers v JOIN book_lines l ON l.voucher_id = v.id JOIN book_accounts a ON "
	 "a.id = l.account_id JOIN villages vg ON vg.id = v.village_id WHERE v.status = 'posted' "
	 "AND " SCOPE("v.village_id") " ORDER BY vg.code, v.year, v.seq, l.line_no"},
    [BOOKS_ST_LEDGER_ACCOUNTS] =
	{"books.ledger_accounts",
	 "SELECT DISTINCT vg.code, a.code, a.name FROM book_balances b JOIN book_accounts a ON "
	 "a.id = b.account_id JOIN villages vg ON vg.id = b.village_id WHERE b.period >= 'Y' "
	 "ORDER BY vg.code, a.code"},
    [BOOKS_ST_FINANCE_LINES] =
	{"books.finance_lines",
	 "SELECT v.voucher_no, v.date, v.summary, "
	 "SUM(CASE WHEN ' ' || a.tags || ' ' LIKE '% income %' THEN l.credit_fen - l.debit_fen "
	 "ELSE 0 END) AS income_fen, "
	 "SUM(CASE WHEN ' ' || a.tags || ' ' LIKE '% expense %' THEN l.debit_fen - l.credit_fen "
	 "ELSE 0 END) AS expense_fen "
	 "FROM book_vouchers v JOIN book_lines l ON l.voucher_id = v.id "
	 "JOIN book_accounts a ON a.id = l.account_id "
	 "WHERE v.village_id = $1 AND v.status = 'posted' AND v.date >= $2 AND v.date <= $3 "
	 "AND NOT EXISTS (SELECT 1 FROM book_lines l2 JOIN book_accounts a2 ON a2.id = "
	 "l2.account_id "
	 "WHERE l2.voucher_id = v.id AND a2.code LIKE '321%') "
	 "GROUP BY v.id, v.voucher_no, v.date, v.summary "
	 "ORDER BY v.date, v.voucher_no"},

    /* ---- an import's page cache (SQLite): a million lines make ~200k new
     * pages in one transaction; with the default 2 MB cache every clean page
     * the inserts look up (accounts, villages, the indexes' upper levels) is
     * evicted by the dirty ones and read again from the file, 1.4M reads for
     * 300k lines.  1 GiB while the import runs, then SQLite's default again
     * (db_sqlite.c sets none).  PostgreSQL: nothing to do. ---- */
    [BOOKS_ST_BULK_ON] = {"books.bulk_on", "SELECT 1", "PRAGMA cache_size = -1048576", NULL},
    [BOOKS_ST_BULK_OFF] = {"books.bulk_off", "SELECT 1", "PRAGMA cache_size = -2000", NULL},

    /* ---- titles of printed reports ---- */
    [BOOKS_ST_VILLAGE_TITLE] = {"books.village_title",
				"SELECT name, township FROM villages WHERE id = $1"},
    [BOOKS_ST_TOWNSHIP_TITLE] = {"books.township_title",
				 "SELECT MIN(township), COUNT(DISTINCT township) FROM villages "
				 "WHERE " SCOPE("id")},
};

struct db_stmts books_stmts = {"books", sql, BOOKS_ST__MAX, 0, false};

const struct trail_table books_tables[BOOKS_T__MAX] = {
    [BOOKS_T_ACCOUNTS] = {"book_accounts", &books_stmts, BOOKS_ST_ACCOUNT_GET, BOOKS_ST_ACCOUNT_ALL,
			  "village_id"},
    [BOOKS_T_VOUCHERS] = {"book_vouchers", &books_stmts, BOOKS_ST_VOUCHER_GET, BOOKS_ST_VOUCHER_ALL,
			  "village_id", NULL, "lines", BOOKS_ST_VOUCHER_ALL_BARE, BOOKS_ST_LINE_PARTS},
    [BOOKS_T_APPROVALS] = {"book_approvals", &books_stmts, BOOKS_ST_APPROVAL_GET,
			   BOOKS_ST_APPROVAL_ALL, "village_id"},
    [BOOKS_T_ATTACHMENTS] = {"book_attachments", &books_stmts, BOOKS_ST_ATTACH_GET,
			     BOOKS_ST_ATTACH_ALL, "village_id"},
    [BOOKS_T_PERIODS] = {"book_periods", &books_stmts, BOOKS_ST_PERIOD_GET, BOOKS_ST_PERIOD_ALL,
			 "village_id"},
};
