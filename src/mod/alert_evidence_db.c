/*
 * All SQL of the alert evidence module: its logged table alert_evidence, the
 * content-addressed bytes in alert_evidence_files (not logged; the row's
 * sha256 is), and one read of the engine's alerts (village and state).  The
 * rows' history is for those who may read alerts (rules_read), like the rows.  It
 * must not see HTTP, nor write any table but its own.
 */
#include "alert_evidence.h"
#include "perms.h"

#define EV_COLS                                                                                    \
	"id, alert_id, village_id, filename, content_type, size, sha256, file_key, note, "         \
	"uploaded_by, uploaded_at"

static const struct db_sql sql[AEV_ST__MAX] = {
    [AEV_ST_GET] = {"alert_evidence.get", "SELECT " EV_COLS " FROM alert_evidence WHERE id = $1"},
    [AEV_ST_ALL] = {"alert_evidence.all", "SELECT " EV_COLS " FROM alert_evidence ORDER BY id"},
    [AEV_ST_ALERT] = {"alert_evidence.alert",
		      "SELECT id, village_id, state FROM alerts WHERE id = $1"},
    [AEV_ST_FILE_PUT] = {"alert_evidence.file_put",
			 "INSERT INTO alert_evidence_files (file_key, size, content) "
			 "VALUES ($1, $2, $3) ON CONFLICT (file_key) DO NOTHING"},
    [AEV_ST_FILE_GET] = {"alert_evidence.file_get",
			 "SELECT content FROM alert_evidence_files WHERE file_key = $1"},
    [AEV_ST_INSERT] = {"alert_evidence.insert",
		       "INSERT INTO alert_evidence (alert_id, village_id, filename, content_type, "
		       "size, sha256, file_key, note, uploaded_by, uploaded_at) "
		       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
		       "ON CONFLICT (alert_id, sha256) DO NOTHING RETURNING id"},
    [AEV_ST_OF_ALERT] = {"alert_evidence.of_alert",
			 "SELECT e.id, e.alert_id, e.filename, e.content_type, e.size, e.sha256, "
			 "e.note, e.uploaded_at, u.username AS uploaded_by, "
			 "u.display_name AS uploaded_by_name "
			 "FROM alert_evidence e LEFT JOIN users u ON u.id = e.uploaded_by "
			 "WHERE e.alert_id = $1 ORDER BY e.id"},
    [AEV_ST_ROW] = {"alert_evidence.row",
		    "SELECT id, village_id, filename, content_type, sha256, file_key "
		    "FROM alert_evidence WHERE id = $1"},
};

struct db_stmts alert_evidence_stmts = {"alert_evidence", sql, AEV_ST__MAX, 0, false};

const struct trail_table alert_evidence_tables[AEV_T__MAX] = {
    [AEV_T_EVIDENCE] = {"alert_evidence", &alert_evidence_stmts, AEV_ST_GET, AEV_ST_ALL,
			"village_id", &perm_rules_read},
};
