/*
 * Lookup over the embedded domain files (the table is generated at build time).
 */
#include "domain_data.h"

#include <string.h>

const struct domain_file *domain_file_find(const char *name)
{
	for (size_t i = 0; i < domain_files_count; i++)
		if (strcmp(domain_files[i].name, name) == 0)
			return &domain_files[i];
	return NULL;
}
