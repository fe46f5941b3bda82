/*
 * The key set of keyset.h: FNV-1a hashes, open addressing with linear probing at
 * most 70 % full, keys copied into 64 KiB blocks (a longer key gets a block of
 * its own).  Out of memory aborts.  It must not be used for secrets (FNV is not
 * keyed: a crafted file can make it slow, never wrong).
 */
#include "keyset.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 65536

struct block {
	struct block *next; /* the block allocated before */
};

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		abort();
	return p;
}

static uint64_t hash(const char *key, size_t len)
{
	uint64_t h = 0xCBF29CE484222325ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 0x100000001B3ull;
	return h;
}

void keyset_free(struct keyset *s)
{
	for (struct block *b = s->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

static const char *copy_key(struct keyset *s, const char *key, size_t len)
{
	if (len + 1 > s->pool_left) {
		size_t size = len + 1 > BLOCK / 2 ? sizeof(struct block) + len + 1 : BLOCK;
		struct block *b = xmalloc(size);
		b->next = s->blocks;
		s->blocks = b;
		s->pool = (char *)(b + 1);
		s->pool_left = size - sizeof(*b);
	}
	char *p = s->pool;
	memcpy(p, key, len);
	p[len] = '\0';
	s->pool += len + 1;
	s->pool_left -= len + 1;
	return p;
}

static void grow(struct keyset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	struct keyset_slot *slot = calloc(cap, sizeof(*slot));
	if (!slot)
		abort();
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slot[i].key)
			continue;
		size_t j = s->slot[i].hash & (cap - 1);
		while (slot[j].key)
			j = (j + 1) & (cap - 1);
		slot[j] = s->slot[i];
	}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
}

bool keyset_seen(struct keyset *s, const char *key, size_t len, size_t value, size_t *first)
{
	if ((s->n + 1) * 10 > s->cap * 7)
		grow(s);
	uint64_t h = hash(key, len);
	size_t i = h & (s->cap - 1);
	for (; s->slot[i].key; i = (i + 1) & (s->cap - 1)) {
		const struct keyset_slot *e = &s->slot[i];
		if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0) {
			if (first)
				*first = e->value;
			return true;
		}
	}
	s->slot[i] = (struct keyset_slot){copy_key(s, key, len), len, h, value};
	s->n++;
	return false;
}

bool keyset_seenf(struct keyset *s, size_t value, size_t *first, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	if ((size_t)n < sizeof(small))
		return keyset_seen(s, small, (size_t)n, value, first);
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	bool seen = keyset_seen(s, big, (size_t)n, value, first);
	free(big);
	return seen;
}
