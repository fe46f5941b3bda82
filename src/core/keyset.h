/*
 * A set of byte-string keys with a number kept beside each, for the importers'
 * "given twice in this file" checks in linear time (a row's key against every
 * earlier row was quadratic: minutes for a city's subsidies).  Keys are copied;
 * the set owns its memory until keyset_free.  It must not know rows or files:
 * callers build the key (keyset_seenf formats it; join fields with "\x1f", a
 * byte no CSV cell of ours holds).
 */
#ifndef QL_KEYSET_H
#define QL_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct keyset_slot {
	const char *key; /* copy in the set's blocks; NULL = empty slot */
	size_t len;	 /* bytes of key */
	uint64_t hash;	 /* of key */
	size_t value;	 /* what the first sight of key gave */
};

struct keyset {
	struct keyset_slot *slot; /* open addressing, linear probing */
	size_t cap;		  /* slots, a power of two (0 before the first key) */
	size_t n;		  /* keys held */
	char *pool;		  /* current block of key copies */
	size_t pool_left;	  /* bytes free at pool */
	void *blocks;		  /* list of key blocks, for keyset_free */
};

#define KEYSET_INIT                                                                                \
	{                                                                                          \
		0                                                                                  \
	}

void keyset_free(struct keyset *s); /* the set is empty and reusable after */

/* Whether key (len bytes) was seen before: then true, the set is unchanged and
 * *first (if not NULL) gets the value given when it was first seen; else the
 * key is added with value and false returned. */
bool keyset_seen(struct keyset *s, const char *key, size_t len, size_t value, size_t *first);

/* keyset_seen of the formatted key. */
bool keyset_seenf(struct keyset *s, size_t value, size_t *first, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
