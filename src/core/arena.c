/*
 * Chunked bump allocator.  Large requests get a chunk of their own so that a big
 * upload does not waste a whole default chunk.
 */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE (16 * 1024)

struct arena_chunk {
	struct arena_chunk *next; /* older chunk */
	size_t cap;               /* usable bytes in data */
	size_t used;              /* bytes handed out */
	_Alignas(16) unsigned char data[];
};

static void *xmalloc(size_t len)
{
	void *p = malloc(len);
	if (!p) {
		fputs("qinglian: 内存不足\n", stderr);
		abort();
	}
	return p;
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t len)
{
	size_t need = (len + 15) & ~(size_t)15;
	struct arena_chunk *c = a->head;
	if (need == 0)
		need = 16;
	if (!c || c->cap - c->used < need) {
		size_t cap = need > CHUNK_SIZE / 2 ? need : CHUNK_SIZE;
		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		if (need > CHUNK_SIZE / 2 && a->head) {
			/* keep the partly used chunk in front for later small requests */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	void *p = c->data + c->used;
	c->used += need;
	a->total += need;
	memset(p, 0, need);
	return p;
}

void *arena_memdup(struct arena *a, const void *p, size_t len)
{
	void *q = arena_alloc(a, len + 1);
	if (len)
		memcpy(q, p, len);
	return q;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_memdup(a, s, strlen(s)) : NULL;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	return arena_memdup(a, s, len);
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = arena_alloc(a, (size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}
