/*
 * The domain data files (the CSV files of domain/: chart of accounts, disclosure catalogue,
 * deadlines, holidays, programme) embedded in the binary, so that a database is
 * seeded without the source tree.  Facts, not code.
 */
#ifndef QL_DOMAIN_DATA_H
#define QL_DOMAIN_DATA_H

#include <stddef.h>

struct domain_file {
	const char *name; /* "holidays.csv" */
	const char *data; /* NUL-terminated UTF-8 */
	size_t len;       /* bytes, without the NUL */
};

extern const struct domain_file domain_files[];
extern const size_t domain_files_count;

/* NULL when no such file. */
const struct domain_file *domain_file_find(const char *name);

#endif
