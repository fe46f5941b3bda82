/*
 * Growable byte buffer with git strbuf's ownership verbs: _init (no allocation),
 * _release (free and re-init), _detach (hand the bytes over; caller frees).
 * The contents are always NUL-terminated.  Out of memory aborts.
 */
#ifndef QL_BUF_H
#define QL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;  /* NUL-terminated contents, never NULL after init */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated, 0 while ptr points at the static empty string */
};

#define BUF_INIT {buf_empty, 0, 0}
extern char buf_empty[];

void buf_init(struct buf *b);
void buf_release(struct buf *b);
char *buf_detach(struct buf *b, size_t *len); /* malloc'ed, caller frees */
void buf_grow(struct buf *b, size_t extra);
void buf_reset(struct buf *b); /* len = 0, keeps the memory */
void buf_add(struct buf *b, const void *p, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);

#endif
