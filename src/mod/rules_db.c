/*
 * All SQL of the red-flag engine: what the rule families read from the other
 * modules' tables (read-only, every date compared as 'YYYY-MM-DD' text), and the
 * engine's own tables (parameters, alerts, notes, runs).  Scope filter of lists:
 * $1 = 1 when the user sees every village, else $2 is the user whose
 * user_village rows bound the result.  It must not see HTTP.
 */
#include "rules.h"

#define SCOPE(col)  "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"
#define OPEN_STATES "('new','assigned','checking','confirmed','partial','rectifying')"

#define PARAM_COLS "id, township, rule, name, value, changed_by, changed_date, reason"
#define ALERT_COLS                                                                                 \
	"id, village_id, rule, family, keys, severity, message, evidence, fingerprint, state, "    \
	"raised, first_seen, raised_count, assignee_user_id, assigned_date, verdict, "             \
	"verdict_reason, verdict_date, rectification_id, closed_date, close_reason"
#define NOTE_COLS "id, village_id, alert_id, kind, body, date, user_id"
#define RUN_COLS                                                                                   \
	"id, kind, as_of, village_id, families, started_at, findings, opened, updated, lapsed, "   \
	"closed"

/* The people who ever held a post in a village of the batch, with the village. */
/* "status || ''" keeps SQLite on the disclosures' village index rather than
 * the (status, published_date) one, which reads every village's rows; "date ||
 * ''" keeps it on the vouchers' (status, village_id) index, in id order. */
#define HOLDERS                                                                                    \
	"(SELECT DISTINCT village_id, person_id FROM positions WHERE village_id BETWEEN $1 AND "   \
	"$2)"

static const struct db_sql sql[RULES_ST__MAX] = {
    /* ---- the scan ---- */
    [RULES_ST_VILLAGES] = {"rules.villages", "SELECT id, code, name, township FROM villages "
					     "WHERE ($1 = 0 OR id = $1) ORDER BY code"},
    /* Per-village statements read a batch of villages at once: $1 and $2 are the
     * lowest and highest village id of the batch, $3 (where used) as_of; the last
     * column is the village id and rows come ordered by it first (rules_query). */
    [RULES_ST_FIRST_DAY] =
	{"rules.first_day",
	 "SELECT MIN(d), village_id FROM ("
	 "SELECT village_id, MIN(date) AS d FROM archive_events WHERE village_id BETWEEN $1 AND $2 "
	 "AND date <= $3 GROUP BY village_id "
	 "UNION ALL SELECT village_id, MIN(date) FROM book_vouchers WHERE status = 'posted' AND "
	 "village_id BETWEEN $1 AND $2 AND date <= $3 GROUP BY village_id "
	 "UNION ALL SELECT village_id, MIN(period_start) FROM disclosures WHERE village_id BETWEEN "
	 "$1 "
	 "AND $2 AND status || '' IN ('published','withdrawn') AND published_date <= $3 "
	 "GROUP BY village_id) x GROUP BY village_id ORDER BY village_id"},
    [RULES_ST_POSTS] =
	{"rules.posts",
	 "SELECT p.id, p.person_id, x.id_no, x.name, p.post, p.start_date, "
	 "p.end_date, p.village_id FROM positions p JOIN people x ON x.id = p.person_id "
	 "WHERE p.village_id BETWEEN $1 AND $2 AND p.start_date <= $3 "
	 "ORDER BY p.village_id, p.start_date, p.post, p.id"},
    [RULES_ST_RELS] =
	{"rules.rels",
	 "SELECT r.id, r.cadre_id, r.relative_id, a.id_no, b.id_no, a.name, b.name, "
	 "r.relation, x.vid FROM (SELECT h.village_id AS vid, r.id AS rid FROM " HOLDERS
	 " h JOIN relatives r ON r.cadre_id = h.person_id UNION "
	 "SELECT h.village_id, r.id FROM " HOLDERS " h JOIN relatives r "
	 "ON r.relative_id = h.person_id) x JOIN relatives r ON r.id = x.rid "
	 "JOIN people a ON a.id = r.cadre_id JOIN people b ON b.id = r.relative_id "
	 "ORDER BY x.vid, r.id"},
    [RULES_ST_PARAMS_ALL] = {"rules.params_all",
			     "SELECT township, rule, name, value FROM rule_params "
			     "ORDER BY township, rule, name"},
    [RULES_ST_ACCOUNTS] = {"rules.accounts",
			   "SELECT id, code, tags FROM book_accounts ORDER BY id"},
    /* a full scan sorts and hashes whole tables: in memory, for its transaction;
     * without JIT (it compiled the large statements each scan, about 0.4 s of a
     * city's) and without parallel workers (each rebuilt S05's whole hash table) */
    [RULES_ST_SCAN_MEM] = {"rules.scan_mem", "SELECT 0",
			   .pg = "SELECT set_config('work_mem', '64MB', true), "
				 "set_config('jit', 'off', true), "
				 "set_config('max_parallel_workers_per_gather', '0', true)"},

    /* ---- K 干部 ---- */
    [RULES_ST_K_EVENTS] = {"rules.k_events",
			   "SELECT e.person_id, e.kind, e.date, h.village_id FROM " HOLDERS " h "
			   "JOIN archive_events e ON e.person_id = h.person_id "
			   "WHERE e.kind IN ('廉政承诺','述职述廉') AND e.date <= $3 "
			   "ORDER BY h.village_id, e.person_id, e.date"},
    [RULES_ST_K_AUDITS] =
	{"rules.k_audits",
	 "SELECT a.id, a.kind, a.subject_person_id, a.period_from, a.period_to, "
	 "a.report_date, a.ref, a.village_id, x.vid FROM (SELECT village_id AS vid, "
	 "id AS aid FROM audits WHERE village_id BETWEEN $1 AND $2 UNION "
	 "SELECT h.village_id, a.id FROM " HOLDERS " h JOIN audits a "
	 "ON a.subject_person_id = h.person_id) x JOIN audits a ON a.id = x.aid "
	 "ORDER BY x.vid, a.id"},

    /* ---- M 议事决策 ---- */
    [RULES_ST_M_MATTERS] =
	{"rules.m_matters",
	 "SELECT id, matter_no, title, kind, amount_fen, village_id FROM matters "
	 "WHERE village_id BETWEEN $1 AND $2 ORDER BY village_id, matter_no"},
    [RULES_ST_M_STEPS] = {"rules.m_steps",
			  "SELECT id, matter_id, step, date, members, attendees, votes_for, "
			  "village_id FROM matter_steps WHERE village_id BETWEEN $1 AND $2 "
			  "ORDER BY village_id, matter_id, id"},
    /* the acts on a matter other than its 实施 step: vouchers (dated), contracts
     * (signed) and projects (contracted) citing it, by as_of */
    [RULES_ST_M_ACTS] =
	{"rules.m_acts",
	 "SELECT id, matter_no, 'book_vouchers', voucher_no, date, village_id FROM book_vouchers "
	 "WHERE status = 'posted' AND village_id BETWEEN $1 AND $2 AND matter_no IS NOT NULL "
	 "AND date <= $3 "
	 "UNION ALL SELECT id, matter_no, 'contracts', contract_no, sign_date, village_id "
	 "FROM contracts WHERE village_id BETWEEN $1 AND $2 AND matter_no IS NOT NULL "
	 "AND sign_date <= $3 "
	 "UNION ALL SELECT id, matter_no, 'projects', project_no, contract_date, village_id "
	 "FROM projects WHERE village_id BETWEEN $1 AND $2 AND matter_no IS NOT NULL "
	 "AND contract_date <= $3 ORDER BY 6, 2, 5, 3, 4"},

    /* ---- the books of a village (B, D, M, P) ---- */
    /* by (status, village_id): rows come in village and id order without a sort */
    [RULES_ST_VOUCHERS] =
	{"rules.vouchers",
	 "SELECT id, voucher_no, date, pay_method, handler, approver, entered_at, "
	 "matter_no, project_no, contract_no, village_id FROM book_vouchers "
	 "WHERE status = 'posted' AND village_id BETWEEN $1 AND $2 AND date || '' <= $3 "
	 "ORDER BY village_id, id",
	 /* PostgreSQL needs no steering, and the plain date compares faster */
	 .pg = "SELECT id, voucher_no, date, pay_method, handler, approver, entered_at, "
	       "matter_no, project_no, contract_no, village_id FROM book_vouchers "
	       "WHERE status = 'posted' AND village_id BETWEEN $1 AND $2 AND date <= $3 "
	       "ORDER BY village_id, id"},
    [RULES_ST_LINES] = {"rules.lines",
			"SELECT l.voucher_id, l.debit_fen, l.credit_fen, l.counterparty, "
			"l.counterparty_id, l.account_id, v.village_id FROM book_vouchers v "
			"JOIN book_lines l ON l.voucher_id = v.id "
			"WHERE v.status = 'posted' AND v.village_id BETWEEN $1 AND $2 "
			"AND v.date || '' <= $3 ORDER BY v.village_id, v.id, l.line_no",
			/* every line of the batch's villages by rules_book_lines_village,
			 * in order without a join or a sort; rules_vouchers skips the
			 * lines of vouchers it did not read ($3 only types the parameter) */
			.pg = "SELECT voucher_id, debit_fen, credit_fen, counterparty, "
			      "counterparty_id, account_id, village_id FROM book_lines "
			      "WHERE village_id BETWEEN $1 AND $2 AND CAST($3 AS TEXT) IS NOT NULL "
			      "ORDER BY village_id, voucher_id, line_no"},
    [RULES_ST_B_RESOLVED] =
	{"rules.b_resolved",
	 "SELECT m.matter_no, s.date, m.village_id FROM matters m "
	 "LEFT JOIN matter_steps s ON s.matter_id = m.id AND s.step = '决议' "
	 "WHERE m.village_id BETWEEN $1 AND $2 ORDER BY m.village_id, m.matter_no"},

    /* ---- C 合同与资产资源 ---- */
    [RULES_ST_C_CONTRACTS] =
	{"rules.c_contracts",
	 "SELECT c.id, c.contract_no, c.subject_no, c.counterparty, c.counterparty_id, "
	 "c.sign_date, c.start_date, c.end_date, c.annual_rent_fen, c.area_mu_x100, c.trade_no, "
	 "(SELECT MIN(t.id) FROM trades t WHERE t.village_id = c.village_id "
	 "AND t.trade_no = c.trade_no), "
	 "(SELECT MIN(a.id) FROM assets a WHERE a.village_id = c.village_id "
	 "AND a.asset_no = c.subject_no), "
	 "(SELECT MIN(r.id) FROM resources r WHERE r.village_id = c.village_id "
	 "AND r.resource_no = c.subject_no), "
	 "(SELECT MIN(r.kind) FROM resources r WHERE r.village_id = c.village_id "
	 "AND r.resource_no = c.subject_no), c.village_id "
	 "FROM contracts c WHERE c.village_id BETWEEN $1 AND $2 AND c.sign_date <= $3 "
	 "ORDER BY c.village_id, c.contract_no"},
    [RULES_ST_C_LEASES] =
	{"rules.c_leases",
	 "SELECT c.id, v.township, r.kind, c.annual_rent_fen, c.area_mu_x100 FROM contracts c "
	 "JOIN villages v ON v.id = c.village_id JOIN resources r ON r.village_id = c.village_id "
	 "AND r.resource_no = c.subject_no WHERE c.area_mu_x100 >= 100 AND c.sign_date <= $1 "
	 "ORDER BY v.township, r.kind, c.id"},
    [RULES_ST_C_BILLS] =
	{"rules.c_bills",
	 "SELECT b.id, b.contract_id, b.due_date, b.amount_due_fen, "
	 "CASE WHEN EXISTS (SELECT 1 FROM bill_payments p WHERE p.bill_id = b.id) "
	 "THEN (SELECT COALESCE(SUM(p.amount_fen), 0) FROM bill_payments p "
	 "WHERE p.bill_id = b.id AND p.date <= $3) "
	 "WHEN b.paid_date IS NULL OR b.paid_date <= $3 THEN b.amount_paid_fen ELSE 0 END, "
	 "b.village_id FROM contract_bills b WHERE b.village_id BETWEEN $1 AND $2 "
	 "ORDER BY b.village_id, b.contract_id, b.due_date"},

    /* ---- P 工程项目与产权交易 ---- */
    [RULES_ST_P_PROJECTS] =
	{"rules.p_projects",
	 "SELECT id, project_no, procurement, budget_fen, approved_date, announced_date, "
	 "bid_date, contract_date, start_date, accepted_date, contractor, contractor_id, "
	 "contract_amount_fen, registered_date, village_id FROM projects "
	 "WHERE village_id BETWEEN $1 AND $2 ORDER BY village_id, project_no"},
    [RULES_ST_P_TRADES] = {"rules.p_trades",
			   "SELECT id, trade_no, closing_date, winner, winner_id, listed_date, "
			   "village_id FROM trades WHERE village_id BETWEEN $1 AND $2 "
			   "AND listed_date <= $3 ORDER BY village_id, trade_no"},
    [RULES_ST_P_BIDS] =
	{"rules.p_bids",
	 "SELECT ref_no, bidder_id, price_fen, id, village_id FROM bids "
	 "WHERE village_id BETWEEN $1 AND $2 AND (bid_date IS NULL OR bid_date <= $3) "
	 "ORDER BY village_id, ref_no, price_fen, id"},

    /* ---- D 三务公开 ---- */
    [RULES_ST_D_DISCLOSURES] =
	{"rules.d_disclosures",
	 "SELECT id, item_code, period, published_date, period_start, period_end, "
	 "total_income_fen, total_expense_fen, village_id FROM disclosures "
	 "WHERE village_id BETWEEN $1 AND $2 AND "
	 "status || '' IN ('published','withdrawn') AND published_date <= $3 "
	 "ORDER BY village_id, item_code, period, published_date, id"},

    /* ---- S 惠民补助资金 ---- */
    [RULES_ST_S_PAYMENTS] =
	{"rules.s_payments",
	 "SELECT p.id, g.name, x.id_no, x.name, p.period, p.amount_fen, p.paid_date, "
	 "p.bank_account, x.village_id, x.death_date, x.moved_out_date, s.max_amount_fen, "
	 "hv.name, p.village_id FROM subsidy_payments p "
	 "JOIN subsidy_programmes g ON g.id = p.programme_id "
	 "JOIN people x ON x.id = p.person_id JOIN villages hv ON hv.id = x.village_id "
	 "LEFT JOIN subsidy_standards s ON s.programme_id = p.programme_id "
	 "AND s.year = CAST(SUBSTR(p.period, 1, 4) AS INTEGER) "
	 "WHERE p.village_id BETWEEN $1 AND $2 AND p.paid_date <= $3 "
	 "ORDER BY p.village_id, g.name, x.id_no, p.period, p.id",
	 /* the payees by primary key (LATERAL … OFFSET 0): a hash join read all of
	  * people once a batch */
	 .pg = "SELECT p.id, g.name, x.id_no, x.name, p.period, p.amount_fen, p.paid_date, "
	       "p.bank_account, x.village_id, x.death_date, x.moved_out_date, s.max_amount_fen, "
	       "hv.name, p.village_id FROM subsidy_payments p "
	       "JOIN subsidy_programmes g ON g.id = p.programme_id "
	       "CROSS JOIN LATERAL (SELECT id_no, name, village_id, death_date, moved_out_date "
	       "FROM people WHERE id = p.person_id OFFSET 0) x "
	       "JOIN villages hv ON hv.id = x.village_id "
	       "LEFT JOIN subsidy_standards s ON s.programme_id = p.programme_id "
	       "AND s.year = CAST(SUBSTR(p.period, 1, 4) AS INTEGER) "
	       "WHERE p.village_id BETWEEN $1 AND $2 AND p.paid_date <= $3 "
	       "ORDER BY p.village_id, g.name, x.id_no, p.period, p.id"},
    [RULES_ST_S_REPEATS] =
	{"rules.s_repeats",
	 "SELECT p.id, p.village_id, v.code, v.name, g.name, x.id_no, p.period, p.paid_date "
	 "FROM (SELECT programme_id, person_id, period FROM subsidy_payments "
	 "WHERE paid_date <= $1 GROUP BY programme_id, person_id, period "
	 "HAVING COUNT(*) >= 2) d JOIN subsidy_payments p ON p.programme_id = d.programme_id "
	 "AND p.person_id = d.person_id AND p.period = d.period "
	 "JOIN villages v ON v.id = p.village_id "
	 "JOIN subsidy_programmes g ON g.id = p.programme_id JOIN people x ON x.id = p.person_id "
	 "WHERE p.paid_date <= $1 "
	 "ORDER BY g.name, x.id_no, p.period, p.paid_date, v.code",
	 /* Hashing all 925 k (programme, person, period) groups of a city took
	  * 0.64 s.  A village pays a person once per programme and period (the
	  * table's UNIQUE key), so a repeat is paid by two villages: only the
	  * payees paid by more than one village are grouped (0.24 s). */
	 .pg = "WITH movers AS (SELECT person_id FROM subsidy_payments WHERE paid_date <= $1 "
	       "GROUP BY person_id HAVING MIN(village_id) <> MAX(village_id)) "
	       "SELECT p.id, p.village_id, v.code, v.name, g.name, x.id_no, p.period, p.paid_date "
	       "FROM (SELECT q.programme_id, q.person_id, q.period FROM subsidy_payments q "
	       "JOIN movers m ON m.person_id = q.person_id WHERE q.paid_date <= $1 "
	       "GROUP BY q.programme_id, q.person_id, q.period HAVING COUNT(*) >= 2) d "
	       "JOIN subsidy_payments p ON p.programme_id = d.programme_id "
	       "AND p.person_id = d.person_id AND p.period = d.period "
	       "JOIN villages v ON v.id = p.village_id "
	       "JOIN subsidy_programmes g ON g.id = p.programme_id JOIN people x ON x.id = p.person_id "
	       "WHERE p.paid_date <= $1 "
	       "ORDER BY g.name, x.id_no, p.period, p.paid_date, v.code"},
    [RULES_ST_S_SHARED] =
	{"rules.s_shared",
	 "SELECT g.name, p.bank_account, p.period, COUNT(DISTINCT p.person_id) "
	 "FROM subsidy_payments p JOIN subsidy_programmes g ON g.id = p.programme_id "
	 "WHERE p.paid_date <= $1 AND p.bank_account IS NOT NULL AND p.bank_account <> '' "
	 "GROUP BY g.name, p.bank_account, p.period HAVING COUNT(DISTINCT p.person_id) >= 2 "
	 "ORDER BY g.name, p.bank_account, p.period",
	 /* COUNT(DISTINCT) makes PostgreSQL sort every payment by text (1.5 s of a
	  * city's scan); the accounts with two payees are found by a hash
	  * aggregate first (MIN <> MAX), and only their payments counted (0.7 s).
	  * Programme names are unique, so grouping by id is grouping by name. */
	 .pg = "WITH shared AS (SELECT programme_id, bank_account, period FROM subsidy_payments "
	       "WHERE paid_date <= $1 AND bank_account <> '' "
	       "GROUP BY programme_id, bank_account, period "
	       "HAVING MIN(person_id) <> MAX(person_id)) "
	       "SELECT g.name, p.bank_account, p.period, COUNT(DISTINCT p.person_id) "
	       "FROM subsidy_payments p JOIN shared s USING (programme_id, bank_account, period) "
	       "JOIN subsidy_programmes g ON g.id = p.programme_id WHERE p.paid_date <= $1 "
	       "GROUP BY g.name, p.bank_account, p.period "
	       "ORDER BY g.name, p.bank_account, p.period"},

    /* ---- R 信访与整改 ---- */
    [RULES_ST_R_COMPLAINTS] = {"rules.r_complaints",
			       "SELECT id, ref, received_date, accepted_date, concluded_date, "
			       "village_id FROM complaints WHERE village_id BETWEEN $1 AND $2 "
			       "AND received_date <= $3 ORDER BY village_id, received_date, ref"},
    [RULES_ST_R_RECTS] = {"rules.r_rects",
			  "SELECT id, ref, source, deadline, closed_date, village_id "
			  "FROM rectifications WHERE village_id BETWEEN $1 AND $2 "
			  "ORDER BY village_id, ref"},

    /* ---- parameters ---- */
    [RULES_ST_PARAM_GET] = {"rules.param_get",
			    "SELECT " PARAM_COLS " FROM rule_params WHERE id = $1"},
    [RULES_ST_PARAM_ALL] = {"rules.param_all",
			    "SELECT " PARAM_COLS " FROM rule_params ORDER BY id"},
    [RULES_ST_PARAM_FIND] = {"rules.param_find",
			     "SELECT id, value FROM rule_params WHERE township = $1 AND rule = $2 "
			     "AND name = $3"},
    [RULES_ST_PARAM_INSERT] = {"rules.param_insert",
			       "INSERT INTO rule_params (township, rule, name, value, changed_by, "
			       "changed_date, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			       "RETURNING id"},
    [RULES_ST_PARAM_UPDATE] = {"rules.param_update",
			       "UPDATE rule_params SET value = $2, changed_by = $3, "
			       "changed_date = $4, reason = $5 WHERE id = $1"},
    [RULES_ST_PARAMS_OF_TOWNSHIP] = {"rules.params_of_township",
				     "SELECT rule, name, value, changed_date, reason "
				     "FROM rule_params WHERE township = $1 ORDER BY rule, name"},
    [RULES_ST_TOWNSHIPS] = {"rules.townships",
			    "SELECT DISTINCT township FROM villages ORDER BY township"},
    [RULES_ST_TOWNSHIP_VILLAGE] = {"rules.township_village",
				   "SELECT id FROM villages WHERE township = $1 ORDER BY code "
				   "LIMIT 1"},

    /* ---- alerts ---- */
    [RULES_ST_ALERT_GET] = {"rules.alert_get", "SELECT " ALERT_COLS " FROM alerts WHERE id = $1"},
    [RULES_ST_ALERT_ALL] = {"rules.alert_all", "SELECT " ALERT_COLS " FROM alerts ORDER BY id"},
    [RULES_ST_ALERTS_SCOPE] =
	{"rules.alerts_scope",
	 "SELECT a.id, a.village_id, a.rule, a.family, a.keys, a.severity, a.message, a.evidence, "
	 "a.fingerprint, a.state, a.raised, r.state FROM alerts a "
	 "LEFT JOIN rectifications r ON r.id = a.rectification_id "
	 "WHERE ($1 = 0 OR a.village_id = $1) ORDER BY a.id"},
    [RULES_ST_ALERT_INSERT] =
	{"rules.alert_insert",
	 "INSERT INTO alerts (village_id, rule, family, keys, severity, message, evidence, "
	 "fingerprint, state, raised, first_seen, raised_count) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'new', 1, $9, 1) RETURNING id"},
    [RULES_ST_ALERT_REFRESH] = {"rules.alert_refresh",
				"UPDATE alerts SET severity = $2, message = $3, evidence = $4, "
				"fingerprint = $5, raised = 1 WHERE id = $1"},
    [RULES_ST_ALERT_REOPEN] =
	{"rules.alert_reopen",
	 "UPDATE alerts SET state = 'new', severity = $2, message = $3, evidence = $4, "
	 "fingerprint = $5, raised = 1, raised_count = raised_count + 1, assignee_user_id = NULL, "
	 "assigned_date = NULL, verdict = NULL, verdict_reason = NULL, verdict_date = NULL, "
	 "rectification_id = NULL, closed_date = NULL, close_reason = NULL WHERE id = $1"},
    [RULES_ST_ALERT_UNRAISE] = {"rules.alert_unraise",
				"UPDATE alerts SET raised = 0 WHERE id = $1"},
    [RULES_ST_ALERT_FINISH] = {"rules.alert_finish",
			       "UPDATE alerts SET state = $2, raised = $3, closed_date = $4, "
			       "close_reason = $5 WHERE id = $1"},
    [RULES_ST_ALERT_ASSIGN] = {"rules.alert_assign",
			       "UPDATE alerts SET state = 'assigned', assignee_user_id = $2, "
			       "assigned_date = $3 WHERE id = $1"},
    [RULES_ST_ALERT_STATE] = {"rules.alert_state", "UPDATE alerts SET state = $2 WHERE id = $1"},
    [RULES_ST_ALERT_VERDICT] = {"rules.alert_verdict",
				"UPDATE alerts SET state = $2, verdict = $3, verdict_reason = $4, "
				"verdict_date = $5, closed_date = $6, close_reason = $7 "
				"WHERE id = $1"},
    [RULES_ST_ALERT_RECTIFY] = {"rules.alert_rectify",
				"UPDATE alerts SET state = 'rectifying', rectification_id = $2 "
				"WHERE id = $1"},
    [RULES_ST_ALERT_ROW] =
	{"rules.alert_row",
	 "SELECT a.id, a.village_id, v.code AS village, v.name AS village_name, a.rule, a.family, "
	 "a.keys, a.severity, a.message, a.evidence, a.fingerprint, a.state, a.raised, "
	 "a.first_seen, a.raised_count, a.assignee_user_id, u.display_name AS assignee, "
	 "a.assigned_date, a.verdict, a.verdict_reason, a.verdict_date, a.rectification_id, "
	 "r.ref AS rectification_ref, r.state AS rectification_state, "
	 "r.deadline AS rectification_deadline, a.closed_date, a.close_reason "
	 "FROM alerts a JOIN villages v ON v.id = a.village_id "
	 "LEFT JOIN users u ON u.id = a.assignee_user_id "
	 "LEFT JOIN rectifications r ON r.id = a.rectification_id WHERE a.id = $1"},
    [RULES_ST_ALERT_LIST] =
	{"rules.alert_list",
	 "SELECT a.id, v.code AS village, v.name AS village_name, a.rule, a.family, a.keys, "
	 "a.severity, a.message, a.state, a.raised, a.first_seen, u.display_name AS assignee, "
	 "a.verdict FROM alerts a JOIN villages v ON v.id = a.village_id "
	 "LEFT JOIN users u ON u.id = a.assignee_user_id WHERE " SCOPE(
	     "a.village_id") " "
			     "AND (CAST($3 AS TEXT) = '' OR v.code = $3) AND (CAST($4 AS TEXT) = "
			     "'' OR a.rule = $4) "
			     "AND (CAST($5 AS TEXT) = '' OR a.family = $5) "
			     "AND (CAST($6 AS TEXT) = '' OR a.severity = $6) "
			     "AND (CAST($7 AS TEXT) = '' OR a.state = $7 OR ($7 = 'open' AND "
			     "a.state IN " OPEN_STATES ")) ORDER BY CASE a.severity WHEN 'high' "
			     "THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, "
			     "v.code, a.rule, a.id LIMIT $8 OFFSET $9"},
    [RULES_ST_ALERT_COUNT] =
	{"rules.alert_count",
	 "SELECT COUNT(*) FROM alerts a JOIN villages v ON v.id = a.village_id "
	 "WHERE " SCOPE("a.village_id") " "
					"AND (CAST($3 AS TEXT) = '' OR v.code = $3) AND (CAST($4 "
					"AS TEXT) = '' OR a.rule = $4) "
					"AND (CAST($5 AS TEXT) = '' OR a.family = $5) "
					"AND (CAST($6 AS TEXT) = '' OR a.severity = $6) "
					"AND (CAST($7 AS TEXT) = '' OR a.state = $7 OR ($7 = "
					"'open' AND a.state IN " OPEN_STATES "))"},
    [RULES_ST_ALERT_FIND] = {"rules.alert_find",
			     "SELECT a.id FROM alerts a JOIN villages v ON v.id = a.village_id "
			     "WHERE " SCOPE("a.village_id") " AND v.code = $3 AND a.rule = $4 "
							    "AND a.keys = $5"},
    [RULES_ST_RISK_VILLAGE] =
	{"rules.risk_village",
	 "SELECT COALESCE(SUM(CASE WHEN severity = 'high' THEN 1 ELSE 0 END), 0), "
	 "COALESCE(SUM(CASE WHEN severity = 'medium' THEN 1 ELSE 0 END), 0), "
	 "COALESCE(SUM(CASE WHEN severity = 'low' THEN 1 ELSE 0 END), 0) FROM alerts "
	 "WHERE village_id = $1 AND state IN " OPEN_STATES},
    [RULES_ST_RISK_ALL] =
	{"rules.risk_all",
	 "SELECT v.id, v.code, v.name, v.township, "
	 "COALESCE(SUM(CASE WHEN a.severity = 'high' THEN 1 ELSE 0 END), 0), "
	 "COALESCE(SUM(CASE WHEN a.severity = 'medium' THEN 1 ELSE 0 END), 0), "
	 "COALESCE(SUM(CASE WHEN a.severity = 'low' THEN 1 ELSE 0 END), 0) FROM villages v "
	 "LEFT JOIN alerts a ON a.village_id = v.id AND a.state IN " OPEN_STATES " "
	 "WHERE " SCOPE("v.id") " GROUP BY v.id, v.code, v.name, v.township ORDER BY v.code"},
    [RULES_ST_GRID] = {"rules.grid", "SELECT v.code, a.family, a.severity, COUNT(*) FROM alerts a "
				     "JOIN villages v ON v.id = a.village_id WHERE " SCOPE(
					 "a.village_id") " "
							 "AND a.state IN " OPEN_STATES
							 " GROUP BY v.code, a.family, a.severity "
							 "ORDER BY v.code, a.family, a.severity"},

    /* ---- notes ---- */
    [RULES_ST_NOTE_GET] = {"rules.note_get", "SELECT " NOTE_COLS " FROM alert_notes WHERE id = $1"},
    [RULES_ST_NOTE_ALL] = {"rules.note_all", "SELECT " NOTE_COLS " FROM alert_notes ORDER BY id"},
    [RULES_ST_NOTE_INSERT] = {"rules.note_insert",
			      "INSERT INTO alert_notes (village_id, alert_id, kind, body, date, "
			      "user_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"},
    [RULES_ST_NOTES_OF] = {"rules.notes_of",
			   "SELECT n.id, n.kind, n.body, n.date, u.display_name AS user_name "
			   "FROM alert_notes n LEFT JOIN users u ON u.id = n.user_id "
			   "WHERE n.alert_id = $1 ORDER BY n.id"},
    [RULES_ST_USER_FIND] = {"rules.user_find",
			    "SELECT id, display_name, role FROM users WHERE username = $1 AND "
			    "disabled = 0"},

    /* ---- runs and the log ---- */
    [RULES_ST_RUN_GET] = {"rules.run_get", "SELECT " RUN_COLS " FROM rule_runs WHERE id = $1"},
    [RULES_ST_RUN_ALL] = {"rules.run_all", "SELECT " RUN_COLS " FROM rule_runs ORDER BY id"},
    [RULES_ST_RUN_INSERT] =
	{"rules.run_insert",
	 "INSERT INTO rule_runs (kind, as_of, village_id, families, started_at, "
	 "findings, opened, updated, lapsed, closed) "
	 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"},
    [RULES_ST_RUN_LAST_FULL] =
	{"rules.run_last_full",
	 "SELECT COALESCE(MAX(as_of), '') FROM rule_runs WHERE kind = 'full'"},
    [RULES_ST_RUNS_RECENT] = {"rules.runs_recent",
			      "SELECT " RUN_COLS " FROM rule_runs ORDER BY id DESC LIMIT 20"},
    [RULES_ST_TRAIL_MAX] = {"rules.trail_max", "SELECT COALESCE(MAX(seq), 0) FROM trail"},
    [RULES_ST_TRAIL_SINCE] = {"rules.trail_since",
			      "SELECT entity, village_id, COUNT(*) FROM trail WHERE seq > $1 AND "
			      "seq <= $2 GROUP BY entity, village_id ORDER BY entity, village_id"},
    [RULES_ST_TRAIL_COMPLAINTS] = {"rules.trail_complaints",
				   "SELECT DISTINCT c.village_id FROM trail t JOIN complaints c ON "
				   "c.id = CAST(t.key AS BIGINT) WHERE t.seq > $1 AND t.seq <= $2 "
				   "AND t.entity = 'complaints' ORDER BY 1"},

    /* ---- the console ---- */
    /* whom an alert of village $1 may be assigned to: the commission, and the
     * inspectors whose villages include it */
    [RULES_ST_ASSIGNEES] = {"rules.assignees",
			    "SELECT u.username, u.display_name, u.role FROM users u "
			    "WHERE u.disabled = 0 AND (u.role = 'jiwei' OR (u.role = 'inspector' "
			    "AND EXISTS (SELECT 1 FROM user_village x WHERE x.user_id = u.id "
			    "AND x.village_id = $1))) ORDER BY u.role, u.username"},
};

struct db_stmts rules_stmts = {"rules", sql, RULES_ST__MAX, 0, false};

const struct trail_table rules_tables[RULES_T__MAX] = {
    [RULES_T_PARAMS] = {"rule_params", &rules_stmts, RULES_ST_PARAM_GET, RULES_ST_PARAM_ALL, NULL},
    [RULES_T_ALERTS] = {"alerts", &rules_stmts, RULES_ST_ALERT_GET, RULES_ST_ALERT_ALL,
			"village_id"},
    [RULES_T_NOTES] = {"alert_notes", &rules_stmts, RULES_ST_NOTE_GET, RULES_ST_NOTE_ALL,
		       "village_id"},
    [RULES_T_RUNS] = {"rule_runs", &rules_stmts, RULES_ST_RUN_GET, RULES_ST_RUN_ALL, "village_id"},
};
