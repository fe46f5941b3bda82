/*
 * `qinglian backup FILE` and `qinglian restore FILE`: the whole database together
 * with a signed checkpoint of exactly the log it holds, so that `verify` after a
 * restore proves the data are the data that were backed up.  A backup is a zip
 * archive (manifest.json, checkpoint, database.sqlite or database.pgdump).  It
 * must not know any table by name, nor run a shell.
 */
#ifndef QL_BACKUP_H
#define QL_BACKUP_H

#include <stdint.h>
#include <stdio.h>

#include "app.h"

struct backup_manifest {
	char backend[8];    /* "sqlite" or "pg", as the migration directories */
	char created[32];   /* UTC timestamp of the backup */
	char origin[128];   /* the log's origin, as in the checkpoint */
	uint64_t tree_size; /* log entries in the backup (= the checkpoint's size) */
	char vkey[256];	    /* verifier key of the checkpoint's signer */
};

/*
 * Writes FILE (replaced atomically, mode 0600): SQLite through the online backup
 * API (consistent while `serve` writes), PostgreSQL through pg_dump in custom
 * format inside an exported REPEATABLE READ snapshot.  The checkpoint is signed
 * with app's key over the log of the copy itself.  m (may be NULL) receives the
 * manifest written.
 */
enum err backup_create(struct app *app, const char *file, struct backup_manifest *m,
		       struct errinfo *ei);

/*
 * Loads FILE into app's database, which app opened without migrations.  Refuses
 * (E_INPUT) a file that is not a backup, whose checkpoint does not verify, or
 * that comes from the other backend; refuses (E_CONFLICT) a database that has
 * tables unless force.  On success *note is the backup's checkpoint (malloc'ed).
 */
enum err backup_restore(struct app *app, const char *file, bool force, struct backup_manifest *m,
			char **note, struct errinfo *ei);

/*
 * After backup_restore and the migrations: trail_verify() against the backup's
 * checkpoint (its signature checked with the key named in the manifest; a note
 * goes to out when that is not app's own key).  When clean, the restored
 * database's checkpoint file is written anew with app's key, an older one being
 * kept beside it as "<file>.before-restore".
 */
enum err backup_verify(struct app *app, const struct backup_manifest *m, const char *note,
		       FILE *out, struct trail_report *rep, struct errinfo *ei);

#endif
