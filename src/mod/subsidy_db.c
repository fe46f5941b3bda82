/*
 * All SQL of the subsidy module and its logged tables.  List scope: $1 = 1 when
 * the user sees every village, else $2 bounds the result by user_village.  The
 * portal's statements read no ID number, phone or bank account: the page cannot
 * show what it never had.  It must not see HTTP.
 */
#include "subsidy.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define PROG_COLS "id, name, department, note"
#define STD_COLS  "id, programme_id, year, max_amount_fen"
#define PAY_COLS                                                                                   \
	"id, village_id, programme_id, person_id, name, period, amount_fen, paid_date, "           \
	"bank_account"

static const struct db_sql sql[SUBSIDY_ST__MAX] = {
    [SUBSIDY_ST_PROG_GET] = {"subsidy.prog_get",
			     "SELECT " PROG_COLS " FROM subsidy_programmes WHERE id = $1"},
    [SUBSIDY_ST_PROG_ALL] = {"subsidy.prog_all",
			     "SELECT " PROG_COLS " FROM subsidy_programmes ORDER BY id"},
    [SUBSIDY_ST_PROG_FIND] = {"subsidy.prog_find",
			      "SELECT id FROM subsidy_programmes WHERE name = $1"},
    [SUBSIDY_ST_PROG_INSERT] = {"subsidy.prog_insert",
				"INSERT INTO subsidy_programmes (name, department, note) VALUES "
				"($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id"},
    [SUBSIDY_ST_PROG_LIST] = {"subsidy.prog_list",
			      "SELECT " PROG_COLS " FROM subsidy_programmes ORDER BY name"},

    [SUBSIDY_ST_STD_GET] = {"subsidy.std_get",
			    "SELECT " STD_COLS " FROM subsidy_standards WHERE id = $1"},
    [SUBSIDY_ST_STD_ALL] = {"subsidy.std_all",
			    "SELECT " STD_COLS " FROM subsidy_standards ORDER BY id"},
    [SUBSIDY_ST_STD_FIND] = {"subsidy.std_find", "SELECT id, max_amount_fen FROM subsidy_standards "
						 "WHERE programme_id = $1 AND year = $2"},
    [SUBSIDY_ST_STD_UPSERT] =
	{"subsidy.std_upsert",
	 "INSERT INTO subsidy_standards (programme_id, year, max_amount_fen) VALUES ($1, $2, $3) "
	 "ON CONFLICT (programme_id, year) DO UPDATE SET max_amount_fen = $3 "
	 "WHERE subsidy_standards.max_amount_fen IS DISTINCT FROM $3 RETURNING id"},
    [SUBSIDY_ST_STD_LIST] = {"subsidy.std_list",
			     "SELECT s.id, p.name AS programme, s.year, s.max_amount_fen "
			     "FROM subsidy_standards s JOIN subsidy_programmes p ON p.id = "
			     "s.programme_id ORDER BY p.name, s.year"},
    [SUBSIDY_ST_STD_EXPORT] =
	{"subsidy.std_export",
	 "SELECT p.name, s.year, s.max_amount_fen FROM subsidy_standards s "
	 "JOIN subsidy_programmes p ON p.id = s.programme_id ORDER BY p.name, s.year"},

    [SUBSIDY_ST_PAY_GET] = {"subsidy.pay_get",
			    "SELECT " PAY_COLS " FROM subsidy_payments WHERE id = $1"},
    [SUBSIDY_ST_PAY_ALL] = {"subsidy.pay_all",
			    "SELECT " PAY_COLS " FROM subsidy_payments ORDER BY id"},
    [SUBSIDY_ST_PAY_FIND] = {"subsidy.pay_find",
			     "SELECT id, name, amount_fen, paid_date, bank_account FROM "
			     "subsidy_payments WHERE village_id = $1 AND programme_id = $2 AND "
			     "person_id = $3 AND period = $4"},
    [SUBSIDY_ST_PAY_INSERT] = {"subsidy.pay_insert",
			       "INSERT INTO subsidy_payments (village_id, programme_id, person_id, "
			       "name, period, amount_fen, paid_date, bank_account) VALUES ($1, $2, "
			       "$3, $4, $5, $6, $7, $8) RETURNING id"},
    [SUBSIDY_ST_PAY_LIST] =
	{"subsidy.pay_list",
	 "SELECT s.id, v.code AS village_code, v.name AS village_name, p.name AS programme, "
	 "pe.id_no, s.name, s.period, s.amount_fen, s.paid_date, s.bank_account "
	 "FROM subsidy_payments s JOIN villages v ON v.id = s.village_id "
	 "JOIN subsidy_programmes p ON p.id = s.programme_id JOIN people pe ON pe.id = s.person_id "
	 "WHERE " SCOPE("s.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR p.name = $4) "
					"AND (CAST($5 AS TEXT) = '' OR s.period LIKE $5 || '%') "
					"ORDER BY v.code, s.period DESC, p.name, s.id "
					"LIMIT $6 OFFSET $7"},
    [SUBSIDY_ST_PAY_COUNT] =
	{"subsidy.pay_count",
	 "SELECT COUNT(*) FROM subsidy_payments s JOIN villages v ON v.id = s.village_id "
	 "JOIN subsidy_programmes p ON p.id = s.programme_id "
	 "WHERE " SCOPE("s.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3) "
					"AND (CAST($4 AS TEXT) = '' OR p.name = $4) "
					"AND (CAST($5 AS TEXT) = '' OR s.period LIKE $5 || '%')"},
    [SUBSIDY_ST_PAY_EXPORT] =
	{"subsidy.pay_export",
	 "SELECT v.code, p.name, pe.id_no, s.name, s.period, s.amount_fen, s.paid_date, "
	 "s.bank_account FROM subsidy_payments s JOIN villages v ON v.id = s.village_id "
	 "JOIN subsidy_programmes p ON p.id = s.programme_id JOIN people pe ON pe.id = s.person_id "
	 "WHERE " SCOPE("s.village_id") " ORDER BY v.code, s.period, p.name, pe.id_no"},

    [SUBSIDY_ST_PERSON] =
	{"subsidy.person",
	 "SELECT id, name, village_id, death_date, moved_out_date, phone, household_no "
	 "FROM people "
	 "WHERE id_no = $1"},
    [SUBSIDY_ST_SELF] =
	{"subsidy.self",
	 "SELECT v.name AS village_name, p.name AS programme, s.name, pe.id_no, s.period, "
	 "s.amount_fen, s.paid_date, s.bank_account FROM subsidy_payments s "
	 "JOIN villages v ON v.id = s.village_id JOIN subsidy_programmes p ON p.id = "
	 "s.programme_id JOIN people pe ON pe.id = s.person_id WHERE s.person_id = $1 "
	 "ORDER BY s.period DESC, p.name LIMIT 500"},
    [SUBSIDY_ST_PORTAL_VILLAGE] = {"subsidy.portal_village",
				   "SELECT id, code, name FROM villages WHERE code = $1"},
    [SUBSIDY_ST_PORTAL_LIST] =
	{"subsidy.portal_list",
	 "SELECT p.name, s.name, s.period, s.amount_fen, s.paid_date FROM subsidy_payments s "
	 "JOIN subsidy_programmes p ON p.id = s.programme_id WHERE s.village_id = $1 "
	 "AND s.period LIKE CAST($2 AS TEXT) || '%' ORDER BY p.name, s.period DESC, s.id "
	 "LIMIT 400"},
    [SUBSIDY_ST_PORTAL_TOTALS] =
	{"subsidy.portal_totals",
	 "SELECT p.name, COUNT(DISTINCT s.person_id), COUNT(*), SUM(s.amount_fen) "
	 "FROM subsidy_payments s JOIN subsidy_programmes p ON p.id = s.programme_id "
	 "WHERE s.village_id = $1 AND s.period LIKE CAST($2 AS TEXT) || '%' "
	 "GROUP BY p.name ORDER BY p.name"},
};

struct db_stmts subsidy_stmts = {"subsidy", sql, SUBSIDY_ST__MAX, 0, false};

const struct trail_table subsidy_tables[SUBSIDY_T__MAX] = {
    [SUBSIDY_T_PROGRAMMES] = {"subsidy_programmes", &subsidy_stmts, SUBSIDY_ST_PROG_GET,
			      SUBSIDY_ST_PROG_ALL, NULL},
    [SUBSIDY_T_STANDARDS] = {"subsidy_standards", &subsidy_stmts, SUBSIDY_ST_STD_GET,
			     SUBSIDY_ST_STD_ALL, NULL},
    [SUBSIDY_T_PAYMENTS] = {"subsidy_payments", &subsidy_stmts, SUBSIDY_ST_PAY_GET,
			    SUBSIDY_ST_PAY_ALL, "village_id"},
};
