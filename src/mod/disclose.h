/*
 * 三务公开 (programme measure 7): the disclosure catalogue (the embedded
 * domain/disclosure_catalogue.csv, overridable per township, every change
 * logged), publications with the review chain draft → 村务监督委员会 review →
 * publish (retained on the board at least DISCLOSE_RETAIN_MIN days), villagers'
 * objections (within 5 days of publication, answered within the
 * disclosure_objection_reply period of domain/deadlines.csv), the compliance
 * board village × item × period, inclusion proofs of published items from the
 * tamper-evident log, and the public portal pages of disclose_html.c.  A
 * published disclosure is never edited: a correction is a new publication that
 * names the one it corrects.  Other modules reach disclosures only through
 * this header.
 */
#ifndef QL_DISCLOSE_H
#define QL_DISCLOSE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/module.h"

extern const struct module disclose_module;
extern struct db_stmts disclose_stmts;

#define DISCLOSE_RETAIN_MIN	5 /* days a publication stays on the board, at least */
#define DISCLOSE_OBJECTION_DAYS 5 /* days after publication villagers may object */

/* Statement indices of disclose_db.c. */
enum disclose_st {
	DISCLOSE_ST_CAT_GET,
	DISCLOSE_ST_CAT_ALL,
	DISCLOSE_ST_CAT_OF_TOWNSHIP,
	DISCLOSE_ST_CAT_UPSERT,
	DISCLOSE_ST_GET,
	DISCLOSE_ST_ALL,
	DISCLOSE_ST_ROW,
	DISCLOSE_ST_LIST,
	DISCLOSE_ST_COUNT,
	DISCLOSE_ST_INSERT,
	DISCLOSE_ST_UPDATE_DRAFT,
	DISCLOSE_ST_SET_STATUS,
	DISCLOSE_ST_PUBLISH,
	DISCLOSE_ST_FIND_PUBLISHED,
	DISCLOSE_ST_EXPORT,
	DISCLOSE_ST_FIRST_PUBLISHED,
	DISCLOSE_ST_LINE_GET,
	DISCLOSE_ST_LINE_ALL,
	DISCLOSE_ST_LINE_INSERT,
	DISCLOSE_ST_LINES_OF,
	DISCLOSE_ST_OBJ_GET,
	DISCLOSE_ST_OBJ_ALL,
	DISCLOSE_ST_OBJ_INSERT,
	DISCLOSE_ST_OBJ_REPLY,
	DISCLOSE_ST_OBJ_OF,
	DISCLOSE_ST_OBJ_LIST,
	DISCLOSE_ST_OBJ_COUNT_DAY,
	DISCLOSE_ST_VILLAGE_TOWNSHIP,
	DISCLOSE_ST_VILLAGES_SCOPE,
	DISCLOSE_ST_PORTAL_VILLAGE,
	DISCLOSE_ST_PORTAL_PUBLISHED,
	DISCLOSE_ST_PORTAL_FINANCE,
	DISCLOSE_ST_PORTAL_MONTH,
	DISCLOSE_ST_TRAIL_SEQ,
	DISCLOSE_ST_TRAIL_ENTRY,
	DISCLOSE_ST__MAX
};

/* The logged tables, indices into disclose_tables. */
enum disclose_table {
	DISCLOSE_T_CATALOGUE,
	DISCLOSE_T_DISCLOSURES,
	DISCLOSE_T_LINES,
	DISCLOSE_T_OBJECTIONS,
	DISCLOSE_T__MAX
};
extern const struct trail_table disclose_tables[DISCLOSE_T__MAX];

/* ---- the catalogue ------------------------------------------------------------ */

struct disclose_item {
	const char *code;      /* "CZ-01" */
	const char *category;  /* 党务 | 村务 | 财务 */
	const char *name;      /* 财务收支明细（逐项逐笔） */
	const char *frequency; /* monthly | quarterly | annual | event */
	int deadline_days;     /* days after the period's end */
	const char *basis;     /* legal basis, or NULL */
	bool active;	       /* false: the township has switched it off */
};

/* The township's effective catalogue: the embedded file with the township's
 * rows laid over it (and its own extra items), in item-code order, in a. */
enum err disclose_catalogue_load(struct db_conn *c, struct arena *a, const char *township,
				 struct disclose_item **items, size_t *n, struct errinfo *ei);
/* The embedded domain/disclosure_catalogue.csv only (no database). */
enum err disclose_catalogue_default(struct arena *a, struct disclose_item **items, size_t *n,
				    struct errinfo *ei);
const struct disclose_item *disclose_item_find(const struct disclose_item *items, size_t n,
					       const char *code);

/* ---- periods ------------------------------------------------------------------------ */

/* Normalise period for an item of that frequency (monthly "YYYY-MM", quarterly
 * "YYYY-Qn", annual "YYYY"; event: any of the three) and give its first and
 * last day.  False when it is not a period of that frequency. */
bool disclose_period_check(const char *frequency, const char *period, char norm[8], char first[11],
			   char last[11]);
/* Last day of the period + deadline_days. */
void disclose_deadline(const char *period_end, int deadline_days, char out[11]);

/* ---- the compliance board ---------------------------------------------------------- */

enum disclose_state {
	DISCLOSE_ON_TIME, /* published on or before the deadline */
	DISCLOSE_LATE,	  /* published after the deadline (by as_of) */
	DISCLOSE_MISSING, /* deadline before as_of, nothing published by as_of */
	DISCLOSE_PENDING, /* not yet due and not yet published */
	DISCLOSE__STATES
};
const char *disclose_state_name(enum disclose_state s);	 /* "on_time" */
const char *disclose_state_label(enum disclose_state s); /* "按时" */

struct disclose_cell {
	const char *village_code;  /* 12-digit code */
	const char *village_name;  /* 甲村 */
	const char *item_code;	   /* CZ-01 */
	const char *item_name;	   /* 财务收支明细（逐项逐笔） */
	const char *category;	   /* 财务 */
	char period[8];		   /* 2025-03 */
	char deadline[11];	   /* period end + deadline_days */
	const char *published;	   /* first publication on or before as_of, or NULL */
	enum disclose_state state; /* the verdict */
};

struct disclose_board {
	struct disclose_cell *cells;	/* village code, item code, period order */
	size_t n;			/* entries in cells */
	size_t count[DISCLOSE__STATES]; /* cells by state */
};

/*
 * Every periodic item (monthly, quarterly, annual) of each village's township
 * catalogue and each of its periods in `year` that has begun by as_of, from the
 * period containing the village's first day (domain/rules.md: the earliest of
 * its voucher dates, disclosure period starts and archive event dates; a village
 * without records starts at the year).  Villages: one (village_id > 0) or all
 * those in scope (all = 1, else user's).
 */
enum err disclose_board_compute(struct db_conn *c, struct arena *a, int64_t all, int64_t user_id,
				int64_t village_id, const char *as_of, int year,
				struct disclose_board *out, struct errinfo *ei);

/* ---- inclusion proofs ---------------------------------------------------------------- */

/*
 * The proof that the latest log entry of a published record (entity
 * "disclosures" with status published, or "draws" once drawn) is in the log:
 * {"format":"qinglian-proof/1","entity","id","leaf_index","tree_size","entry",
 * "leaf_hash","proof":[hex...],"checkpoint","vkey"}.  E_NOTFOUND when the record
 * is not published or not logged, E_RULE without a signing key.
 */
enum err disclose_proof(struct db_conn *c, const struct trail_signer *s, struct arena *a,
			const char *entity, int64_t id, json_t **out, struct errinfo *ei);
/*
 * Check a saved proof offline: the checkpoint is signed by vkey (NULL: the
 * proof's own "vkey", with a warning to compare it with one obtained
 * elsewhere), the entry hashes to the leaf, and the proof leads from the leaf
 * to the checkpoint's root.  Prints what it checked (Chinese) to out.
 */
enum err disclose_proof_verify(const char *proof_json, const char *vkey, FILE *out,
			       struct errinfo *ei);

/* ---- files, generator, portal ------------------------------------------------------------- */

extern const struct import_file disclose_imports[];
extern const size_t disclose_nimports;

struct gen_module;
extern const struct gen_module disclose_gen_module; /* disclose_gen.c: disclosures.csv, D01 */

/* Portal pages (disclose_html.c). */
enum err disclose_html_list(struct req *r);	      /* /p/{code}/disclosures */
enum err disclose_html_one(struct req *r);	      /* /p/{code}/disclosures/{id} */
enum err disclose_html_objection(struct req *r);      /* POST form: an objection (质询) */
enum err disclose_html_finance(struct req *r);	      /* /p/{code}/finance (SVG charts) */
enum err disclose_html_verify(struct req *r);	      /* /p/{code}/verify (核验) */
enum err disclose_html_complaint(struct req *r);      /* /p/{code}/complaint form */
enum err disclose_html_complaint_post(struct req *r); /* POST: hands over to complaints */
enum err disclose_html_monthly(struct req *r);	      /* /p/{code}/monthly.pdf?month= */

/* An objection from the portal's form, as the public API takes it: *ref and
 * *due receive its number and the reply's due date.  Inside a write route. */
enum err disclose_html_objection_add(struct req *r, int64_t did, const char *content,
				     const char **ref, const char **due);

/* Decode an application/x-www-form-urlencoded body into a JSON object of
 * strings (arena-free, new reference); NULL when malformed. */
json_t *disclose_form_decode(const char *body, size_t len);

#endif
