/*
 * The tamper-evident log.  Every write appends an entry — sequence number, time,
 * actor, action, entity (table), key (row id), village and the canonical JSON of
 * the row's new value as read back from the database — in the same transaction
 * as the change.  Entries are the leaves of an RFC 9162 Merkle tree whose
 * complete subtree hashes are stored as they form, so appends, inclusion proofs
 * and consistency proofs are O(log n).  Signed checkpoints (checkpoint.h) are
 * written to a file outside the database after each write transaction.
 *
 * trail_verify() recomputes everything from the entries and compares every
 * current row of every registered domain table with its latest logged value.
 * This file knows no table by name: modules register their tables.
 */
#ifndef QL_TRAIL_H
#define QL_TRAIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "checkpoint.h"
#include "db.h"
#include "err.h"
#include "merkle.h"
#include "rbac.h"

/* A domain table under the log's watch.  Its two statements must return the
 * same columns: get by id ($1), and all rows ordered by id. */
struct trail_table {
	const char *entity;        /* table name, used as the entry's entity */
	struct db_stmts *set;      /* the module's statement table */
	unsigned st_get;           /* SELECT ... WHERE id = $1 */
	unsigned st_all;           /* SELECT ... ORDER BY id */
	const char *village_col;   /* column giving the village id ("village_id", "id"), or NULL */
	/* Who may read the record's history (GET /api/v1/trail) beyond the usual
	 * village scope, e.g. complaints: the commission only.  NULL: the scope rules. */
	const struct perm *read_perm;
	/* Optional, for reading every row at once (verify).  A column that st_all
	 * aggregates from child rows (a voucher's lines) costs SQLite a correlated
	 * subquery and a printf per child; read apart, the same text costs half.
	 * When joined_col is set, st_all_bare returns st_all's columns with that one
	 * NULL, and st_parts returns (owner id, part, part, ...) ordered by owner id
	 * and the children's order: the column's value is each child's parts joined
	 * by '|' (a NULL part as ''), the children by ';', NULL for none — exactly
	 * what st_all computes (test_books: a clean log rereads no row). */
	const char *joined_col;
	unsigned st_all_bare;
	unsigned st_parts;
};

/* Who writes, and when; one per write transaction. */
struct trail_ctx {
	struct db_conn *db;           /* inside an open write transaction */
	const char *actor;            /* "user:12:wang" or "cli" */
	int64_t now_us;               /* UTC microseconds */
	int count;                    /* entries appended so far */
	bool loaded;                  /* fr holds the head read in this transaction */
	struct merkle_frontier fr;    /* the tree's right edge, cached for the transaction */
};

void trail_ctx_init(struct trail_ctx *tc, struct db_conn *db, const char *actor, int64_t now_us);
/* Write the tree head of this transaction's appends; call right before the
 * commit (the router and app_write do).  Appends keep the head in tc only, so a
 * transaction that never reaches this point is rolled back whole. */
enum err trail_finish(struct trail_ctx *tc);

/* Register the log's own statements (idempotent). */
void trail_register_core(void);
void trail_register(const struct trail_table *t);
const struct trail_table *trail_table_find(const char *entity);

/* Append the row's current value (after an insert or update). */
enum err trail_row(struct trail_ctx *tc, const struct trail_table *t, int64_t id,
		   const char *action, struct errinfo *ei);
/* Append a deletion of the row (before or after deleting it; value null). */
enum err trail_row_deleted(struct trail_ctx *tc, const struct trail_table *t, int64_t id,
			   int64_t village_id, const char *action, struct errinfo *ei);
/* Append an event that is not a row (a login, a decryption); value is any JSON text. */
enum err trail_event(struct trail_ctx *tc, const char *action, const char *entity,
		     const char *key, int64_t village_id, const char *value_json,
		     struct errinfo *ei);

/* Append a row's new value that the writer built from what it inserted,
 * instead of reading the row back: for bulk writers (an import of a million
 * voucher lines).  value is the row's canonical JSON — every column t->st_get
 * returns, as json_row would type it, keys in byte order, compact, strings as
 * trail_json_string writes them — and trail_verify holds it against the row
 * like any other entry, so a value that differs from the row is reported. */
enum err trail_row_json(struct trail_ctx *tc, const struct trail_table *t, int64_t id,
			int64_t village_id, const char *action, const char *value,
			struct errinfo *ei);
/* s as a JSON string, escaped exactly as json_canonical (jansson) escapes it. */
struct buf;
void trail_json_string(struct buf *b, const char *s);

/* Current tree size and root. */
enum err trail_head(struct db_conn *c, uint64_t *size, uint8_t root[32]);

/* Signing key and where checkpoints go; loaded once by the app. */
struct trail_signer {
	struct checkpoint_key key;  /* Ed25519 key kept outside the database */
	char origin[128];           /* "qinglian/<township>" */
	char file[1024];            /* where the latest checkpoint is kept, one per database */
};

/* Sign the current head; returns the note text (arena). */
enum err trail_checkpoint(struct db_conn *c, const struct trail_signer *s, struct arena *a,
			  char **note, struct errinfo *ei);
/* Sign and write the signer's checkpoint file atomically. */
enum err trail_checkpoint_save(struct db_conn *c, const struct trail_signer *s,
			       struct errinfo *ei);

/* Inclusion proof of entry seq in the tree of the given size (0 = current). */
enum err trail_inclusion_proof(struct db_conn *c, uint64_t seq, uint64_t size,
			       uint8_t (*proof)[32], size_t *n, struct errinfo *ei);
enum err trail_consistency_proof(struct db_conn *c, uint64_t size1, uint64_t size2,
				 uint8_t (*proof)[32], size_t *n, struct errinfo *ei);

/* Everything verify found; problems are also printed to out (Chinese, one per line). */
struct trail_report {
	uint64_t entries;       /* log entries read */
	uint64_t rows;          /* domain rows compared */
	uint64_t problems;      /* 0 = clean */
	uint64_t reread;        /* rows the fast path could not vouch for, read again by id */
};

/* checkpoint_text may be NULL (then the signer's checkpoint file is used if present). */
enum err trail_verify(struct db_conn *c, const struct trail_signer *s,
		      const char *checkpoint_text, FILE *out, struct trail_report *rep,
		      struct errinfo *ei);
/* trail_verify, where db (c's pool, or NULL) may lend a second connection: on
 * SQLite the worker thread then reads a share of the tables, in the same snapshot. */
enum err trail_verify_pool(struct db *db, struct db_conn *c, const struct trail_signer *s,
			   const char *checkpoint_text, FILE *out, struct trail_report *rep,
			   struct errinfo *ei);

/* Internal to the log's two files (trail.c, trail_verify.c). */
enum err trail_node_stored(struct db_conn *c, unsigned level, uint64_t index, uint8_t out[32]);
enum err trail_entries(struct db_conn *c, struct db_res **out);
char *trail_entry_text(struct db_conn *c, uint64_t seq); /* malloc'ed, NULL if none */
const struct trail_table *trail_table_at(size_t i);      /* NULL past the end */
char *trail_read_small_file(const char *path);          /* malloc'ed, NULL if none */

#endif
