/*
 * Evidence files of red-flag alerts (预警核查的证据材料, the 证据 of issue 9's
 * 核查 step): a checker uploads a file (a photo of a meeting record, a scanned
 * receipt, a PDF) to an open alert; its bytes are stored once per SHA-256
 * (content-addressed, outside the log) and its row — alert, village, name,
 * type, size, hash, note, who and when — is logged, so the log proves which
 * file was put forward and when.  The alert itself stays the engine's
 * (rules.h): this module only reads an alert's village and state and never
 * writes the engine's tables.
 */
#ifndef QL_ALERT_EVIDENCE_H
#define QL_ALERT_EVIDENCE_H

#include "core/module.h"

extern const struct module alert_evidence_module;
extern struct db_stmts alert_evidence_stmts;

enum alert_evidence_st {
	AEV_ST_GET,	 /* one row by id (log) */
	AEV_ST_ALL,	 /* every row by id (verify) */
	AEV_ST_ALERT,	 /* an alert's village and state */
	AEV_ST_FILE_PUT, /* the bytes, once per key */
	AEV_ST_FILE_GET, /* the bytes of a key */
	AEV_ST_INSERT,	 /* a new row, none on a repeated (alert, sha256) */
	AEV_ST_OF_ALERT, /* an alert's files with their uploaders */
	AEV_ST_ROW,	 /* one file for download: name, type, hash, key */
	AEV_ST__MAX
};

enum alert_evidence_table { AEV_T_EVIDENCE, AEV_T__MAX };
extern const struct trail_table alert_evidence_tables[AEV_T__MAX];

#endif
