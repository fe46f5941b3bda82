/*
 * Schema migrations: numbered .sql files per backend and module, embedded at build
 * time (scripts/embed_sql.cmake), applied in order — the core first, then the
 * modules in the order of src/mod/modules.c — each in its own transaction, and
 * recorded in schema_migrations.  Must not know any module by name.
 */
#ifndef QL_MIGRATE_H
#define QL_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

struct migration {
	const char *backend; /* "sqlite" or "pg" */
	const char *module;  /* "core", "org", ... */
	int version;         /* NNNN of the file name */
	const char *name;    /* rest of the file name */
	const char *sql;     /* the script */
};

extern const struct migration migrations[];
extern const size_t migrations_count;

/* Apply what is missing for the modules named (NULL-terminated, "core" first).
 * *applied (may be NULL) receives the number of scripts run. */
enum err migrate_apply(struct db *db, const char *const *modules, int *applied,
		       struct errinfo *ei);

/* Without writing: *current says whether every script of the modules named has
 * been applied.  When not, ei holds the Chinese line naming the first one
 * missing (or that the database was never migrated) and the call still
 * returns E_OK; errors are those of the connection. */
enum err migrate_check(struct db *db, const char *const *modules, bool *current,
		       struct errinfo *ei);

#endif
