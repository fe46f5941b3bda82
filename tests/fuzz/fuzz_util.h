/*
 * Small helpers shared by the libFuzzer targets of tests/fuzz: a NUL-terminated
 * copy of the input, splitting it, and a check that aborts (so that libFuzzer
 * records the input) when a property of the code under test does not hold.
 * For fuzz targets only: it must not be linked into the program.
 */
#ifndef QL_FUZZ_UTIL_H
#define QL_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message: libFuzzer keeps the input as a crash. */
#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__,        \
				#cond);                                                            \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* malloc'ed copy of data with a NUL after it (data may hold NULs of its own). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Cut s (NUL-terminated, modified) at the first newline: returns the rest, or
 * "" when there is none. */
static inline char *fuzz_cut_line(char *s)
{
	char *nl = strchr(s, '\n');
	if (!nl)
		return s + strlen(s);
	*nl = '\0';
	return nl + 1;
}

#endif
