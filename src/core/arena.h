/*
 * Per-request (or per-command) memory pool, after nginx's and h2o's pools: many
 * small allocations, freed all at once by arena_release().  Out of memory aborts.
 * Nothing allocated from an arena is ever freed on its own.
 */
#ifndef QL_ARENA_H
#define QL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t total;             /* bytes handed out, for metrics */
};

#define ARENA_INIT {0}

void arena_init(struct arena *a);
void arena_release(struct arena *a); /* frees everything; the arena can be reused */

void *arena_alloc(struct arena *a, size_t len);  /* zeroed, 16-aligned */
void *arena_memdup(struct arena *a, const void *p, size_t len);
char *arena_strdup(struct arena *a, const char *s); /* NULL → NULL */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (n)))

#endif
