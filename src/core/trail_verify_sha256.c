/*
 * SHA-256 with the x86 SHA extensions (SHA-NI) for verify's leaf and node
 * hashes, libsodium otherwise (see trail_verify_sha256.h).  The compression
 * function follows Intel's published sequence for the sha256rnds2 /
 * sha256msg1 / sha256msg2 instructions; padding is FIPS 180-4.  It must stay
 * pure computation and must never give a different digest than libsodium:
 * the first call compares both on inputs that cross every block boundary and
 * uses libsodium for good if they differ.
 */
#include "trail_verify_sha256.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "merkle.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TV_HAVE_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#ifdef TV_HAVE_NI
static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

/* Compress n 64-byte blocks into state (a..h). */
__attribute__((target("sha,sse4.1,ssse3"))) static void blocks_ni(uint32_t state[8],
								  const uint8_t *data, size_t n)
{
	const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);
	__m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);
	tmp = _mm_shuffle_epi32(tmp, 0xB1);	  /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);	  /* EFGH */
	__m128i s0 = _mm_alignr_epi8(tmp, s1, 8); /* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xF0);	  /* CDGH */

	for (; n; n--, data += 64) {
		__m128i abef = s0, cdgh = s1, w[4], msg;
		for (int g = 0; g < 4; g++)
			w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)),
						mask);
		for (int g = 0; g < 16; g++) {
			__m128i *cur = &w[g & 3];
			if (g >= 4) {
				/* W[4g..4g+3] from the four groups before it. */
				__m128i t = _mm_sha256msg1_epu32(*cur, w[(g + 1) & 3]);
				t = _mm_add_epi32(
				    t, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
				*cur = _mm_sha256msg2_epu32(t, w[(g + 3) & 3]);
			}
			msg = _mm_add_epi32(*cur, _mm_load_si128((const __m128i *)&K[4 * g]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			msg = _mm_shuffle_epi32(msg, 0x0E);
			s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}

	tmp = _mm_shuffle_epi32(s0, 0x1B);   /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);    /* DCHG */
	s0 = _mm_blend_epi16(tmp, s1, 0xF0); /* DCBA */
	s1 = _mm_alignr_epi8(s1, tmp, 8);    /* ABEF */
	_mm_storeu_si128((__m128i *)&state[0], s0);
	_mm_storeu_si128((__m128i *)&state[4], s1);
}

/* SHA-256 of prefix || data (one prefix byte, as RFC 9162 hashes). */
static void hash_ni(uint8_t prefix, const uint8_t *data, size_t len, uint8_t out[32])
{
	uint32_t st[8];
	uint8_t blk[128];
	size_t n;
	uint64_t bits = ((uint64_t)len + 1) * 8;
	memcpy(st, H0, sizeof(st));
	blk[0] = prefix;
	if (len >= 63) {
		memcpy(blk + 1, data, 63);
		blocks_ni(st, blk, 1);
		data += 63;
		len -= 63;
		blocks_ni(st, data, len / 64);
		data += len / 64 * 64;
		len %= 64;
		memcpy(blk, data, len);
		n = len;
	} else {
		memcpy(blk + 1, data, len);
		n = len + 1;
	}
	/* 0x80, zeros, the bit length big-endian: one or two blocks. */
	blk[n++] = 0x80;
	size_t total = n <= 56 ? 64 : 128;
	memset(blk + n, 0, total - 8 - n);
	for (int i = 0; i < 8; i++)
		blk[total - 1 - i] = (uint8_t)(bits >> (8 * i));
	blocks_ni(st, blk, total / 64);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(st[i] >> 24);
		out[4 * i + 1] = (uint8_t)(st[i] >> 16);
		out[4 * i + 2] = (uint8_t)(st[i] >> 8);
		out[4 * i + 3] = (uint8_t)st[i];
	}
}

static bool cpu_has_ni(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d))
		return false;
	bool ssse3 = c & (1u << 9), sse41 = c & (1u << 19);
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return ssse3 && sse41 && (b & (1u << 29));
}

/* Both implementations over lengths that end on and around every padding case. */
static bool self_test(void)
{
	uint8_t data[300], a[32], b[32];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof(data); len++) {
		hash_ni(0x00, data, len, a);
		merkle_leaf_hash(data, len, b);
		if (memcmp(a, b, 32) != 0)
			return false;
	}
	hash_ni(0x01, data, 64, a);
	merkle_node_hash(data, data + 32, b);
	return memcmp(a, b, 32) == 0;
}
#endif

enum { MODE_UNKNOWN, MODE_NI, MODE_SODIUM };
static atomic_int mode = MODE_UNKNOWN;

static int current_mode(void)
{
	int m = atomic_load_explicit(&mode, memory_order_relaxed);
	if (m != MODE_UNKNOWN)
		return m;
#ifdef TV_HAVE_NI
	m = cpu_has_ni() && self_test() ? MODE_NI : MODE_SODIUM;
#else
	m = MODE_SODIUM;
#endif
	atomic_store_explicit(&mode, m, memory_order_relaxed);
	return m;
}

void trail_verify_leaf_hash(const void *data, size_t len, uint8_t out[32])
{
#ifdef TV_HAVE_NI
	if (current_mode() == MODE_NI) {
		hash_ni(0x00, data, len, out);
		return;
	}
#endif
	merkle_leaf_hash(data, len, out);
}

void trail_verify_node_hash(const uint8_t l[32], const uint8_t r[32], uint8_t out[32])
{
#ifdef TV_HAVE_NI
	if (current_mode() == MODE_NI) {
		uint8_t both[64];
		memcpy(both, l, 32);
		memcpy(both + 32, r, 32);
		hash_ni(0x01, both, 64, out);
		return;
	}
#endif
	merkle_node_hash(l, r, out);
}

int trail_verify_sha256_accelerated(void)
{
	return current_mode() == MODE_NI;
}
