/*
 * RFC 9162 Merkle tree arithmetic for the tamper-evident log: hashing, the
 * streaming frontier, proof generation from stored perfect subtrees, and proof
 * verification as written in RFC 9162 §2.1.3.2 and §2.1.4.2.  It must stay pure:
 * no database, no files, no allocation; nodes come and go through callbacks.
 */
#include "merkle.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

static const uint8_t leaf_prefix = 0x00;
static const uint8_t node_prefix = 0x01;

void merkle_leaf_hash(const void *data, size_t len, uint8_t out[32])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &leaf_prefix, 1);
	crypto_hash_sha256_update(&st, data, len);
	crypto_hash_sha256_final(&st, out);
}

void merkle_node_hash(const uint8_t l[32], const uint8_t r[32], uint8_t out[32])
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, &node_prefix, 1);
	crypto_hash_sha256_update(&st, l, 32);
	crypto_hash_sha256_update(&st, r, 32);
	crypto_hash_sha256_final(&st, out);
}

void merkle_empty_root(uint8_t out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)"", 0);
}

/* Largest power of two strictly below n, for n >= 2 (the k of RFC 9162). */
static uint64_t split_point(uint64_t n)
{
	return (uint64_t)1 << (63 - __builtin_clzll(n - 1));
}

static bool is_pow2(uint64_t n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static void mth(const uint8_t (*leaves)[32], uint64_t n, uint8_t out[32])
{
	uint8_t l[32], r[32];
	uint64_t k;

	if (n == 1) {
		memcpy(out, leaves[0], 32);
		return;
	}
	k = split_point(n);
	mth(leaves, k, l);
	mth(leaves + k, n - k, r);
	merkle_node_hash(l, r, out);
}

void merkle_root_hash(const uint8_t (*leaves)[32], uint64_t n, uint8_t out[32])
{
	if (n == 0)
		merkle_empty_root(out);
	else
		mth(leaves, n, out);
}

void merkle_frontier_init(struct merkle_frontier *f)
{
	memset(f, 0, sizeof(*f));
}

void merkle_frontier_append(struct merkle_frontier *f, const uint8_t leaf[32], merkle_node_fn *cb,
			    void *ctx)
{
	uint8_t h[32];
	uint64_t pos = f->size;
	unsigned level = 0;

	if (pos == UINT64_MAX)
		abort();
	memcpy(h, leaf, 32);
	if (cb)
		cb(ctx, 0, pos, h);
	/* Each set low bit of pos is a finished left sibling waiting for h. */
	while (pos & ((uint64_t)1 << level)) {
		merkle_node_hash(f->hash[level], h, h);
		level++;
		if (cb)
			cb(ctx, level, pos >> level, h);
	}
	memcpy(f->hash[level], h, 32);
	memset(f->hash, 0, (size_t)level * 32); /* those levels are now clear bits */
	f->size = pos + 1;
}

void merkle_frontier_root(const struct merkle_frontier *f, uint8_t out[32])
{
	uint8_t h[32];
	unsigned level;
	bool have = false;

	for (level = 0; level < MERKLE_FRONTIER_LEVELS; level++) {
		if (!(f->size & ((uint64_t)1 << level)))
			continue;
		if (have) {
			merkle_node_hash(f->hash[level], h, h);
		} else {
			memcpy(h, f->hash[level], 32);
			have = true;
		}
	}
	if (have)
		memcpy(out, h, 32);
	else
		merkle_empty_root(out);
}

size_t merkle_frontier_encode(const struct merkle_frontier *f,
			      uint8_t out[MERKLE_FRONTIER_ENCODED_MAX])
{
	size_t len = 0;
	int level, i;

	for (i = 7; i >= 0; i--)
		out[len++] = (uint8_t)(f->size >> (8 * i));
	for (level = MERKLE_FRONTIER_LEVELS - 1; level >= 0; level--) {
		if (f->size & ((uint64_t)1 << level)) {
			memcpy(out + len, f->hash[level], 32);
			len += 32;
		}
	}
	return len;
}

enum err merkle_frontier_decode(struct merkle_frontier *f, const void *data, size_t len,
				struct errinfo *ei)
{
	const uint8_t *p = data;
	uint64_t size = 0;
	size_t want;
	int level, i;

	if (len < 8)
		return err_set(ei, E_INPUT, "merkle.frontier", NULL,
			       "日志树头数据损坏：长度 %zu 字节，不足 8 字节", len);
	for (i = 0; i < 8; i++)
		size = size << 8 | p[i];
	want = 8 + (size_t)__builtin_popcountll(size) * 32;
	if (len != want)
		return err_set(ei, E_INPUT, "merkle.frontier", NULL,
			       "日志树头数据损坏：大小 %llu 应有 %zu 字节，实有 %zu 字节",
			       (unsigned long long)size, want, len);
	merkle_frontier_init(f);
	f->size = size;
	p += 8;
	for (level = MERKLE_FRONTIER_LEVELS - 1; level >= 0; level--) {
		if (size & ((uint64_t)1 << level)) {
			memcpy(f->hash[level], p, 32);
			p += 32;
		}
	}
	return E_OK;
}

/* MTH of leaves [lo, lo + n), n >= 1, from perfect subtrees.  Every range the
 * proof recursion asks for starts at a multiple of the largest power of two
 * below n, so its left part is always one stored node. */
static enum err range_hash(merkle_get_node_fn *get_node, void *ctx, uint64_t lo, uint64_t n,
			   uint8_t out[32])
{
	uint8_t l[32], r[32];
	enum err err;
	uint64_t k;
	unsigned level;

	if (is_pow2(n)) {
		level = (unsigned)__builtin_ctzll(n);
		return get_node(ctx, level, lo >> level, out);
	}
	k = split_point(n);
	level = (unsigned)__builtin_ctzll(k);
	if ((err = get_node(ctx, level, lo >> level, l)) != E_OK)
		return err;
	if ((err = range_hash(get_node, ctx, lo + k, n - k, r)) != E_OK)
		return err;
	merkle_node_hash(l, r, out);
	return E_OK;
}

enum err merkle_root_from_nodes(uint64_t size, merkle_get_node_fn *get_node, void *ctx,
				uint8_t out[32])
{
	if (size == 0) {
		merkle_empty_root(out);
		return E_OK;
	}
	return range_hash(get_node, ctx, 0, size, out);
}

struct proof_out {
	merkle_get_node_fn *get_node; /* source of stored subtrees */
	void *ctx;		      /* its context */
	uint8_t (*proof)[32];	      /* caller's array, MERKLE_PROOF_MAX entries */
	size_t n;		      /* hashes written so far */
};

static enum err proof_add_range(struct proof_out *po, uint64_t lo, uint64_t n)
{
	if (po->n >= MERKLE_PROOF_MAX)
		return E_INTERNAL;
	return range_hash(po->get_node, po->ctx, lo, n, po->proof[po->n++]);
}

/* PATH(m, D[lo : lo + n]) of RFC 9162 §2.1.3.1. */
static enum err path(struct proof_out *po, uint64_t lo, uint64_t n, uint64_t m)
{
	enum err err;
	uint64_t k;

	if (n == 1)
		return E_OK;
	k = split_point(n);
	if (m < k) {
		if ((err = path(po, lo, k, m)) != E_OK)
			return err;
		return proof_add_range(po, lo + k, n - k);
	}
	if ((err = path(po, lo + k, n - k, m - k)) != E_OK)
		return err;
	return proof_add_range(po, lo, k);
}

/* SUBPROOF(m, D[lo : lo + n], b) of RFC 9162 §2.1.4.1. */
static enum err subproof(struct proof_out *po, uint64_t lo, uint64_t n, uint64_t m, bool b)
{
	enum err err;
	uint64_t k;

	if (m == n)
		return b ? E_OK : proof_add_range(po, lo, n);
	k = split_point(n);
	if (m <= k) {
		if ((err = subproof(po, lo, k, m, b)) != E_OK)
			return err;
		return proof_add_range(po, lo + k, n - k);
	}
	if ((err = subproof(po, lo + k, n - k, m - k, false)) != E_OK)
		return err;
	return proof_add_range(po, lo, k);
}

enum err merkle_inclusion_proof(uint64_t size, uint64_t index, merkle_get_node_fn *get_node,
				void *ctx, uint8_t (*proof)[32], size_t *n)
{
	struct proof_out po = {get_node, ctx, proof, 0};
	enum err err;

	*n = 0;
	if (index >= size)
		return E_INPUT;
	if ((err = path(&po, 0, size, index)) != E_OK)
		return err;
	*n = po.n;
	return E_OK;
}

enum err merkle_consistency_proof(uint64_t size1, uint64_t size2, merkle_get_node_fn *get_node,
				  void *ctx, uint8_t (*proof)[32], size_t *n)
{
	struct proof_out po = {get_node, ctx, proof, 0};
	enum err err;

	*n = 0;
	if (size1 == 0 || size1 > size2)
		return E_INPUT;
	if ((err = subproof(&po, 0, size2, size1, true)) != E_OK)
		return err;
	*n = po.n;
	return E_OK;
}

static bool hash_eq(const uint8_t a[32], const uint8_t b[32])
{
	return memcmp(a, b, 32) == 0;
}

bool merkle_verify_inclusion(uint64_t index, uint64_t size, const uint8_t leaf[32],
			     const uint8_t (*proof)[32], size_t n, const uint8_t root[32])
{
	uint8_t r[32];
	uint64_t fn, sn;
	size_t i;

	if (index >= size)
		return false;
	fn = index;
	sn = size - 1;
	memcpy(r, leaf, 32);
	for (i = 0; i < n; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], r, r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(r, proof[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && hash_eq(r, root);
}

bool merkle_verify_consistency(uint64_t size1, uint64_t size2, const uint8_t root1[32],
			       const uint8_t root2[32], const uint8_t (*proof)[32], size_t n)
{
	uint8_t fr[32], sr[32], empty[32];
	uint64_t fn, sn;
	size_t i = 0;

	if (size2 < size1)
		return false;
	if (size1 == size2) {
		if (n != 0 || !hash_eq(root1, root2))
			return false;
		if (size1 == 0) {
			merkle_empty_root(empty);
			return hash_eq(root1, empty);
		}
		return true;
	}
	if (size1 == 0 || n == 0)
		return false;
	/* A power-of-two first tree is itself a node of the second: the RFC
	 * prepends first_hash to the path; start from it instead of copying. */
	if (is_pow2(size1)) {
		memcpy(fr, root1, 32);
	} else {
		memcpy(fr, proof[0], 32);
		i = 1;
	}
	memcpy(sr, fr, 32);
	fn = size1 - 1;
	sn = size2 - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < n; i++) {
		if (sn == 0)
			return false;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node_hash(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && hash_eq(fr, root1) && hash_eq(sr, root2);
}
