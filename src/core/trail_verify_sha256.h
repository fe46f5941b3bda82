/*
 * SHA-256 for `qinglian verify`'s hot loop: the RFC 9162 leaf and node hashes
 * of merkle.h, computed with the x86 SHA extensions when the processor has
 * them (one entry per microsecond instead of four) and with libsodium
 * otherwise.  The results are the same bytes as merkle_leaf_hash and
 * merkle_node_hash; a self-test against libsodium at first use falls back to
 * libsodium if they are not.  It must not know what an entry means, and the
 * log's writer keeps using merkle.h.
 */
#ifndef QL_TRAIL_VERIFY_SHA256_H
#define QL_TRAIL_VERIFY_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* H(0x00 || data), as merkle_leaf_hash. */
void trail_verify_leaf_hash(const void *data, size_t len, uint8_t out[32]);
/* H(0x01 || l || r), as merkle_node_hash. */
void trail_verify_node_hash(const uint8_t l[32], const uint8_t r[32], uint8_t out[32]);
/* True when the SHA extensions are in use (for the benchmark notes). */
int trail_verify_sha256_accelerated(void);

#endif
