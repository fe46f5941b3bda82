/*
 * All SQL of the audit module.  Who needs a 离任审计 and who is the secretary
 * of a year are read from org's positions and people (read-only).  Lists are
 * filtered by village scope ($1 = 1 every village, else user $2's).  It must
 * not see HTTP.
 */
#include "audit.h"

#define SCOPE(col) "($1 = 1 OR " col " IN (SELECT village_id FROM user_village WHERE user_id = $2))"

#define LOG_COLS                                                                                   \
	"id, village_id, ref, kind, topic, subject_person_id, period_from, period_to, "            \
	"planned_date, auditor, report_date, summary, findings"
#define FINDING_COLS "id, village_id, audit_id, seq, description, amount_fen, rectification_id"
#define LIST_FROM                                                                                  \
	" FROM audits a JOIN villages v ON v.id = a.village_id "                                   \
	"LEFT JOIN people p ON p.id = a.subject_person_id WHERE " SCOPE(                           \
	    "a.village_id") " AND (CAST($3 AS TEXT) = '' OR v.code = $3)"                          \
			    " AND (CAST($4 AS TEXT) = '' OR a.kind = $4)"                          \
			    " AND (CAST($5 AS TEXT) = '' OR a.period_to LIKE $5 || '%' OR "        \
			    "a.planned_date LIKE $5 || "                                           \
			    "'%')"                                                                 \
			    " AND ($6 = 0 OR a.report_date IS NULL)"

static const struct db_sql sql[AU_ST__MAX] = {
    [AU_ST_GET] = {"audit.get", "SELECT " LOG_COLS " FROM audits WHERE id = $1"},
    [AU_ST_ALL] = {"audit.all", "SELECT " LOG_COLS " FROM audits ORDER BY id"},
    [AU_ST_ROW] = {"audit.row",
		   "SELECT a.id, a.village_id, v.code AS village_code, v.name AS village_name, "
		   "a.ref, a.kind, a.topic, p.name AS subject_name, p.id_no AS subject_id_no, "
		   "a.period_from, a.period_to, a.planned_date, a.auditor, a.report_date, "
		   "a.summary, a.findings FROM audits a JOIN villages v ON v.id = a.village_id "
		   "LEFT JOIN people p ON p.id = a.subject_person_id WHERE a.id = $1"},
    [AU_ST_FIND] = {"audit.find",
		    "SELECT id, kind, subject_person_id, period_from, period_to, report_date, "
		    "findings FROM audits WHERE village_id = $1 AND ref = $2"},
    [AU_ST_REF_COUNT] = {"audit.ref_count", "SELECT COUNT(*) FROM audits WHERE village_id = $1 "
					    "AND ref LIKE CAST($2 AS TEXT) || '%'"},
    [AU_ST_INSERT] =
	{"audit.insert",
	 "INSERT INTO audits (village_id, ref, kind, topic, subject_person_id, period_from, "
	 "period_to, planned_date, auditor, report_date, findings) VALUES ($1, $2, $3, $4, $5, $6, "
	 "$7, $8, $9, $10, $11) ON CONFLICT (village_id, ref) DO NOTHING RETURNING id"},
    [AU_ST_REPORT] = {"audit.report",
		      "UPDATE audits SET report_date = $2, summary = $3, findings = "
		      "COALESCE(findings, 0) WHERE id = $1"},
    [AU_ST_SET_IMPORT] = {"audit.set_import",
			  "UPDATE audits SET kind = $2, subject_person_id = $3, period_from = $4, "
			  "period_to = $5, report_date = $6, findings = $7 WHERE id = $1"},
    [AU_ST_SET_FINDINGS] = {"audit.set_findings", "UPDATE audits SET findings = $2 WHERE id = $1"},
    [AU_ST_LIST] =
	{"audit.list",
	 "SELECT a.id, v.code AS village_code, v.name AS village_name, a.ref, a.kind, "
	 "a.topic, p.name AS subject_name, a.period_from, a.period_to, a.planned_date, "
	 "a.auditor, a.report_date, a.findings" LIST_FROM
	 " ORDER BY COALESCE(a.report_date, a.planned_date, a.period_to) DESC, a.id DESC "
	 "LIMIT $7 OFFSET $8"},
    [AU_ST_COUNT] = {"audit.count", "SELECT COUNT(*)" LIST_FROM},
    [AU_ST_DEPARTURES] =
	{"audit.departures",
	 "SELECT s.id AS position_id, v.code AS village_code, v.name AS village_name, x.name, "
	 "x.id_no, s.post, s.start_date, s.end_date, "
	 "(SELECT a.ref FROM audits a WHERE a.subject_person_id = s.person_id AND a.kind = '离任' "
	 "ORDER BY a.id DESC LIMIT 1) AS planned_ref "
	 "FROM positions s JOIN villages v ON v.id = s.village_id "
	 "JOIN people x ON x.id = s.person_id WHERE " SCOPE(
	     "s.village_id") " AND s.post IN ('书记', '主任') AND s.end_date IS NOT NULL AND "
			     "s.end_date <= $3 "
			     "AND NOT EXISTS (SELECT 1 FROM audits a WHERE a.subject_person_id = "
			     "s.person_id "
			     "AND a.kind = '离任' AND a.report_date IS NOT NULL) ORDER BY "
			     "s.end_date, s.id"},
    [AU_ST_SECRETARIES] = {"audit.secretaries",
			   "SELECT s.village_id, v.code, s.person_id FROM positions s "
			   "JOIN villages v ON v.id = s.village_id WHERE s.post = '书记' "
			   "AND s.start_date <= $2 AND (s.end_date IS NULL OR s.end_date >= $1) "
			   "ORDER BY v.code, s.start_date DESC"},
    [AU_ST_ANNUAL_EXISTS] = {"audit.annual_exists",
			     "SELECT id FROM audits WHERE village_id = $1 AND kind = '年度' "
			     "AND period_from <= $2 AND period_to >= $3"},
    [AU_ST_EXPORT] = {"audit.export",
		      "SELECT v.code, a.ref, a.kind, p.id_no, a.period_from, a.period_to, "
		      "a.report_date, a.findings FROM audits a JOIN villages v ON v.id = "
		      "a.village_id LEFT JOIN people p ON p.id = a.subject_person_id "
		      "WHERE " SCOPE("a.village_id") " ORDER BY v.code, a.ref"},

    [AU_ST_FINDING_GET] = {"audit.finding_get",
			   "SELECT " FINDING_COLS " FROM audit_findings WHERE id = $1"},
    [AU_ST_FINDING_ALL] = {"audit.finding_all",
			   "SELECT " FINDING_COLS " FROM audit_findings ORDER BY id"},
    [AU_ST_FINDING_INSERT] = {"audit.finding_insert",
			      "INSERT INTO audit_findings (village_id, audit_id, seq, description, "
			      "amount_fen, rectification_id) VALUES ($1, $2, $3, $4, $5, $6) "
			      "RETURNING id"},
    [AU_ST_FINDINGS_OF] = {"audit.findings_of",
			   "SELECT f.id, f.seq, f.description, f.amount_fen, f.rectification_id, "
			   "r.ref AS rectification_ref, r.state AS rectification_state "
			   "FROM audit_findings f LEFT JOIN rectifications r ON r.id = "
			   "f.rectification_id WHERE f.audit_id = $1 ORDER BY f.seq"},
    [AU_ST_FINDING_NEXT] = {"audit.finding_next",
			    "SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_findings WHERE audit_id = "
			    "$1"},
};

struct db_stmts audit_stmts = {"audit", sql, AU_ST__MAX, 0, false};

const struct trail_table audit_tables[AU_T__MAX] = {
    [AU_T_AUDITS] = {"audits", &audit_stmts, AU_ST_GET, AU_ST_ALL, "village_id"},
    [AU_T_FINDINGS] = {"audit_findings", &audit_stmts, AU_ST_FINDING_GET, AU_ST_FINDING_ALL,
		       "village_id"},
};
