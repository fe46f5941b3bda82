/*
 * The RFC 9162 (RFC 6962) Merkle tree over SHA-256 that makes qinglian's log
 * tamper-evident: leaf and node hashes, a streaming frontier (compact range) that
 * appends leaves and reports every perfect subtree it completes, inclusion and
 * consistency proofs built from those stored subtrees, and their verification.
 * Pure computation: it must not touch the database, the clock or any file, and it
 * must not know what a leaf means; storing the nodes is the caller's business.
 */
#ifndef QL_MERKLE_H
#define QL_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define MERKLE_HASH_LEN	       32
#define MERKLE_FRONTIER_LEVELS 64
/* Longest proof this module makes: inclusion ≤ 64 hashes, consistency ≤ 65. */
#define MERKLE_PROOF_MAX 66
/* Longest encoded frontier: 8-byte size and up to 64 hashes. */
#define MERKLE_FRONTIER_ENCODED_MAX (8 + MERKLE_FRONTIER_LEVELS * MERKLE_HASH_LEN)

/* H(0x00 || data): the hash of one log entry. */
void merkle_leaf_hash(const void *data, size_t len, uint8_t out[32]);
/* H(0x01 || l || r): the hash of an interior node. */
void merkle_node_hash(const uint8_t l[32], const uint8_t r[32], uint8_t out[32]);
/* H(""): the root of the tree with no leaves. */
void merkle_empty_root(uint8_t out[32]);

/* MTH(D[n]) by the recursive definition of RFC 9162 §2.1.1, over n leaf hashes
 * (leaves[i] is already a leaf hash).  n = 0 gives H(""). */
void merkle_root_hash(const uint8_t (*leaves)[32], uint64_t n, uint8_t out[32]);

/*
 * The right edge of a tree of `size` leaves: for every bit l set in size, the hash
 * of the perfect subtree of 2^l leaves that ends the tree at that height.  Enough
 * to append further leaves and to compute the root, and small enough for one row.
 */
struct merkle_frontier {
	uint64_t size;				  /* leaves appended so far */
	uint8_t hash[MERKLE_FRONTIER_LEVELS][32]; /* hash[l] valid iff bit l of size */
};

/* Called for every perfect subtree completed by an append: level 0 is the leaf
 * itself, index its position among the nodes of that level (node (l, i) covers
 * leaves [i * 2^l, (i + 1) * 2^l)). */
typedef void merkle_node_fn(void *ctx, unsigned level, uint64_t index, const uint8_t hash[32]);

void merkle_frontier_init(struct merkle_frontier *f); /* the empty tree */
/* Appends one leaf hash; cb may be NULL.  The tree must hold fewer than
 * UINT64_MAX leaves (a log never gets there; the call aborts if it does). */
void merkle_frontier_append(struct merkle_frontier *f, const uint8_t leaf[32], merkle_node_fn *cb,
			    void *ctx);
void merkle_frontier_root(const struct merkle_frontier *f, uint8_t out[32]);

/* Bytes for a database row: the size as 8 bytes big-endian, then the hashes of
 * the set bits from the highest level down.  Returns the length written into out
 * (at most MERKLE_FRONTIER_ENCODED_MAX). */
size_t merkle_frontier_encode(const struct merkle_frontier *f,
			      uint8_t out[MERKLE_FRONTIER_ENCODED_MAX]);
/* The inverse; E_INPUT (with a Chinese message) when len does not match the size. */
enum err merkle_frontier_decode(struct merkle_frontier *f, const void *data, size_t len,
				struct errinfo *ei);

/* Fetches the stored perfect subtree (level, index) into out.  Returns E_OK (0),
 * or an error that the proof function hands back unchanged (E_NOTFOUND, E_DB…). */
typedef enum err merkle_get_node_fn(void *ctx, unsigned level, uint64_t index, uint8_t out[32]);

/* The root of the tree of `size` leaves (H("") for 0) from its stored perfect
 * subtrees: at most 64 fetches, for checking an old checkpoint's root. */
enum err merkle_root_from_nodes(uint64_t size, merkle_get_node_fn *get_node, void *ctx,
				uint8_t out[32]);

/* PATH(index, D[size]) of RFC 9162 §2.1.3.1, leaf side first, into proof (room for
 * MERKLE_PROOF_MAX hashes); *n receives the count.  E_INPUT unless index < size.
 * Only nodes of the tree of `size` leaves are fetched. */
enum err merkle_inclusion_proof(uint64_t size, uint64_t index, merkle_get_node_fn *get_node,
				void *ctx, uint8_t (*proof)[32], size_t *n);
/* PROOF(size1, D[size2]) of RFC 9162 §2.1.4.1 (room for MERKLE_PROOF_MAX hashes).
 * E_INPUT unless 0 < size1 <= size2; size1 == size2 gives the empty proof. */
enum err merkle_consistency_proof(uint64_t size1, uint64_t size2, merkle_get_node_fn *get_node,
				  void *ctx, uint8_t (*proof)[32], size_t *n);

/* RFC 9162 §2.1.3.2: is leaf (a leaf hash) at index in the tree of size with root? */
bool merkle_verify_inclusion(uint64_t index, uint64_t size, const uint8_t leaf[32],
			     const uint8_t (*proof)[32], size_t n, const uint8_t root[32]);
/* RFC 9162 §2.1.4.2: does the tree (size2, root2) extend (size1, root1)?  Equal
 * sizes need an empty proof and equal roots (H("") for size 0); size1 = 0 < size2
 * proves nothing and is refused. */
bool merkle_verify_consistency(uint64_t size1, uint64_t size2, const uint8_t root1[32],
			       const uint8_t root2[32], const uint8_t (*proof)[32], size_t n);

#endif
