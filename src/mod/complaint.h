/*
 * Complaints (信访举报, programme measure 10): intake from every channel, the
 * complainant's identity sealed to the discipline commission's key, receipt
 * codes, acceptance and handling with statutory deadlines (domain/deadlines.csv,
 * calendar or working days), 包案, conclusion, feedback, satisfaction, 复查 and
 * 复核, reopening, links, escalation and statistics.  A complaint is never shown
 * to the person it accuses.  Log entries of its tables hold ids, states, dates,
 * digests and ciphertext only — never a complainant's words or identity.
 * Other modules reach complaints only through this header.
 */
#ifndef QL_COMPLAINT_H
#define QL_COMPLAINT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/module.h"
#include "core/workdays.h"

extern const struct module complaint_module;
extern struct db_stmts complaint_stmts;

/* ---- statutory deadlines (complaint_deadline.c) --------------------------------- */

struct complaint_deadline {
	const char *code;	 /* "accept", "conclude", ... (deadlines.csv) */
	const char *start_event; /* "received", "accepted", ... */
	bool workdays;		 /* 工作日 (true) or calendar days 日 (false) */
	int days;		 /* length */
	int extension;		 /* longest extension allowed, 0 = none */
	const char *basis;	 /* the law it comes from */
};

/* The deadline of that code in the embedded deadlines.csv, or NULL. */
const struct complaint_deadline *complaint_deadline_find(const char *code);
/* Due date of d counted from start ("YYYY-MM-DD") plus ext days of extension
 * (in d's unit).  A calendar-day period whose last day is a rest day ends on
 * the next working day.  False for a malformed start. */
bool complaint_deadline_due(const struct workdays_cal *cal, const struct complaint_deadline *d,
			    const char *start, int64_t ext, char out[11]);
/* The working-day calendar: holidays.csv with the admin's corrections. */
enum err complaint_calendar(struct db_conn *c, struct arena *a, struct workdays_cal *cal,
			    struct errinfo *ei);

/* ---- sealing, receipts and digests (complaint_seal.c) ------------------------------ */

#define COMPLAINT_PK_BYTES    32
#define COMPLAINT_RECEIPT_LEN 23 /* "XXXXX-XXXXX-XXXXX-XXXXX": 100 random bits */

/* Where the commission's key files live: $QL_JIWEI_KEY_DIR, else the directory
 * of the SQLite file (./data for PostgreSQL), beside the checkpoint key. */
void complaint_key_dir(const struct app *app, char out[512]);
/* Make a key pair, write its secret key sealed by the passphrase (argon2id +
 * secretbox) to <dir>/jiwei-<fingerprint>.key (mode 0600), and return the
 * public key and the file's path.  E_INPUT for a passphrase under 12
 * characters, E_IO when the file cannot be written. */
enum err complaint_key_create(struct app *app, const char *dir, const char *passphrase,
			      unsigned char pk[COMPLAINT_PK_BYTES], char path[1024],
			      struct errinfo *ei);
/* Open the key file of public key pk with the passphrase into sk.  E_NOTFOUND
 * without the file, E_FORBIDDEN for a wrong passphrase. */
enum err complaint_key_open(const struct app *app, const char *dir,
			    const unsigned char pk[COMPLAINT_PK_BYTES], const char *passphrase,
			    unsigned char sk[COMPLAINT_PK_BYTES], struct errinfo *ei);
/* 16 hex digits naming a public key. */
void complaint_key_fingerprint(const unsigned char pk[COMPLAINT_PK_BYTES], char out[17]);
/* Sealed box (crypto_box_seal) of text to pk, base64 (arena). */
char *complaint_seal(struct arena *a, const unsigned char pk[COMPLAINT_PK_BYTES], const char *text);
/* Open a sealed box; NULL when it does not open with this key pair. */
char *complaint_unseal(struct arena *a, const unsigned char pk[COMPLAINT_PK_BYTES],
		       const unsigned char sk[COMPLAINT_PK_BYTES], const char *b64);
/* A new receipt code (shown once) and the hash that is stored. */
void complaint_receipt_new(struct app *app, char code[COMPLAINT_RECEIPT_LEN + 1], char hash[65]);
/* The stored hash of a receipt code as typed (case, dashes and blanks, O/I/L
 * read as 0/1); false when it cannot be a receipt code. */
bool complaint_receipt_hash(const char *code, char hash[65]);
/* A fresh salt (hex) and the salted digest of text (BLAKE2b keyed by the salt):
 * what the log keeps instead of words. */
void complaint_salt_new(struct app *app, char salt[33]);
void complaint_digest(const char *salt, const char *text, char out[65]);

/* ---- states ------------------------------------------------------------------------ */

enum complaint_state {
	CS_REGISTERED,	      /* 已登记 */
	CS_ACCEPTED,	      /* 已受理 */
	CS_REJECTED,	      /* 不予受理 */
	CS_TRANSFERRED,	      /* 已转办 */
	CS_ASSIGNED,	      /* 已包案交办 */
	CS_HANDLING,	      /* 办理中 */
	CS_CONCLUDED,	      /* 已办结 */
	CS_REPLIED,	      /* 已反馈 */
	CS_REVIEW_REQUESTED,  /* 申请复查 */
	CS_REVIEWED,	      /* 已复查 */
	CS_RECHECK_REQUESTED, /* 申请复核 */
	CS_RECHECKED,	      /* 已复核 */
	CS_CLOSED,	      /* 已结案 */
	CS__MAX
};

const char *complaint_state_name(enum complaint_state s);  /* "registered" */
const char *complaint_state_label(enum complaint_state s); /* "已登记" */
bool complaint_state_parse(const char *s, enum complaint_state *out);

/* ---- statements and logged tables (complaint_db.c) ------------------------------ */

enum complaint_st {
	CP_ST_KEY_GET,
	CP_ST_KEY_ALL,
	CP_ST_KEY_CURRENT,
	CP_ST_KEY_BY_ID,
	CP_ST_KEY_INSERT,
	CP_ST_GET,
	CP_ST_ALL,
	CP_ST_ROW,
	CP_ST_BY_RECEIPT,
	CP_ST_FIND,
	CP_ST_REF_COUNT,
	CP_ST_INSERT,
	CP_ST_SET_STATE,
	CP_ST_SET_CLASS,
	CP_ST_SET_IMPORT,
	CP_ST_LIST,
	CP_ST_COUNT,
	CP_ST_INBOX,
	CP_ST_STATS_VILLAGE,
	CP_ST_STATS_CATEGORY,
	CP_ST_STATS_CHANNEL,
	CP_ST_STATS_OUTCOME,
	CP_ST_OVERDUE_OPEN,
	CP_ST_EXPORT,
	CP_ST_ACTION_GET,
	CP_ST_ACTION_ALL,
	CP_ST_ACTION_INSERT,
	CP_ST_ACTIONS_OF,
	CP_ST_ACTIONS_PUBLIC,
	CP_ST_LINK_GET,
	CP_ST_LINK_ALL,
	CP_ST_LINK_INSERT,
	CP_ST_LINKS_OF,
	CP_ST_EXT_GET,
	CP_ST_EXT_ALL,
	CP_ST_EXT_INSERT,
	CP_ST_EXT_OF,
	CP_ST_RATE_BUMP,
	CP_ST_RATE_PURGE,
	CP_ST_USER_NAME,
	CP_ST__MAX
};

enum complaint_table {
	CP_T_COMPLAINTS,
	CP_T_ACTIONS,
	CP_T_LINKS,
	CP_T_EXTENSIONS,
	CP_T_KEYS,
	CP_T__MAX
};
extern const struct trail_table complaint_tables[CP_T__MAX];

/* Columns of CP_ST_ROW, in order. */
enum complaint_col {
	CC_ID,
	CC_VILLAGE_ID,
	CC_REF,
	CC_TRACK,
	CC_CHANNEL,
	CC_ANONYMOUS,
	CC_CATEGORY,
	CC_SUBJECT,
	CC_CONTENT,
	CC_RESULT,
	CC_TEXT_SALT,
	CC_ACCUSED,
	CC_KEY_ID,
	CC_IDENTITY_BOX,
	CC_RECEIVED,
	CC_STATE,
	CC_DECISION,
	CC_DECISION_DATE,
	CC_ACCEPTED,
	CC_HANDLER,
	CC_ASSIGNED,
	CC_CONCLUDED,
	CC_OUTCOME,
	CC_REPLIED,
	CC_SATISFACTION,
	CC_CLOSED,
	CC_DUE_CODE,
	CC_DUE_DATE,
	CC_EXTENDED,
	CC_ESCALATED,
	CC_VILLAGE_CODE,
	CC_VILLAGE_NAME,
	CC__MAX
};

/* Import files (complaint_import.c). */
extern const struct import_file complaint_imports[];
extern const size_t complaint_nimports;

#endif
