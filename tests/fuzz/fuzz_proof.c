/*
 * libFuzzer target for proof parsing and verification: the saved inclusion
 * proof `qinglian verify-proof` checks (disclose_proof_verify, which parses the
 * JSON, the verifier key and the signed checkpoint, then walks the Merkle
 * path), and merkle.c's RFC 9162 inclusion and consistency verification and
 * frontier decoding.  Inputs starting with '{' are JSON: a qinglian proof, or a
 * transparency-dev test vector ("leafIdx"/"treeSize" or "size1"/"size2").  Any
 * other input is bytes: a stored frontier to decode, raw sizes, hashes and
 * proof for both verifiers, and the leaves of a small tree whose own proofs
 * must verify (and must stop verifying when a bit of them changes).  It must
 * not test anything but proof handling.
 */
#include "fuzz_util.h"

#include <jansson.h>
#include <sodium.h>

#include "core/merkle.h"
#include "mod/disclose.h"

static FILE *devnull;

static bool b64_hash(json_t *v, uint8_t out[32])
{
	size_t len = 0;
	const char *s = json_string_value(v);
	return s &&
	       sodium_base642bin(out, 32, s, strlen(s), NULL, &len, NULL,
				 sodium_base64_VARIANT_ORIGINAL) == 0 &&
	       len == 32;
}

static void vector(const char *text)
{
	json_t *o = json_loads(text, 0, NULL);
	uint8_t proof[MERKLE_PROOF_MAX + 4][32], a[32], b[32];
	size_t n = 0, i;
	json_t *v, *arr = json_object_get(o, "proof");
	if (!o)
		return;
	json_array_foreach(arr, i, v)
	{
		if (n == MERKLE_PROOF_MAX + 4 || !b64_hash(v, proof[n]))
			break;
		n++;
	}
	json_t *idx = json_object_get(o, "leafIdx"), *size = json_object_get(o, "treeSize");
	if (json_is_integer(idx) && json_is_integer(size) &&
	    b64_hash(json_object_get(o, "leafHash"), a) && b64_hash(json_object_get(o, "root"), b))
		(void)merkle_verify_inclusion((uint64_t)json_integer_value(idx),
					      (uint64_t)json_integer_value(size), a,
					      (const uint8_t(*)[32])proof, n, b);
	json_t *s1 = json_object_get(o, "size1"), *s2 = json_object_get(o, "size2");
	if (json_is_integer(s1) && json_is_integer(s2) &&
	    b64_hash(json_object_get(o, "root1"), a) && b64_hash(json_object_get(o, "root2"), b))
		(void)merkle_verify_consistency((uint64_t)json_integer_value(s1),
						(uint64_t)json_integer_value(s2), a, b,
						(const uint8_t(*)[32])proof, n);
	json_decref(o);
}

/* A tree of up to 64 leaves with every perfect subtree kept, as the log keeps them. */
struct tree {
	uint64_t size;		 /* leaves */
	uint8_t node[7][64][32]; /* node[level][index] */
};

static void keep(void *ctx, unsigned level, uint64_t index, const uint8_t hash[32])
{
	struct tree *t = ctx;
	FUZZ_CHECK(level < 7 && index < 64);
	memcpy(t->node[level][index], hash, 32);
}

static enum err get(void *ctx, unsigned level, uint64_t index, uint8_t out[32])
{
	struct tree *t = ctx;
	if (level >= 7 || index >= 64 || ((index + 1) << level) > t->size)
		return E_NOTFOUND;
	memcpy(out, t->node[level][index], 32);
	return E_OK;
}

static void own_tree(const uint8_t *data, size_t size)
{
	static struct tree t;
	static uint8_t leaves[64][32], roots[65][32];
	uint8_t proof[MERKLE_PROOF_MAX][32];
	struct merkle_frontier f;
	size_t n, nleaves = size ? data[0] % 64 + 1 : 0;

	if (!nleaves)
		return;
	memset(&t, 0, sizeof(t));
	merkle_frontier_init(&f);
	merkle_empty_root(roots[0]);
	for (size_t i = 0; i < nleaves; i++) {
		size_t off = (i * 7) % size, len = size - off < 9 ? size - off : 9;
		merkle_leaf_hash(data + off, len, leaves[i]);
		merkle_frontier_append(&f, leaves[i], keep, &t);
		t.size = i + 1;
		merkle_frontier_root(&f, roots[i + 1]);
		uint8_t direct[32];
		merkle_root_hash((const uint8_t(*)[32])leaves, i + 1, direct);
		FUZZ_CHECK(memcmp(direct, roots[i + 1], 32) == 0);
		FUZZ_CHECK(merkle_root_from_nodes(i + 1, get, &t, direct) == E_OK);
		FUZZ_CHECK(memcmp(direct, roots[i + 1], 32) == 0);
	}
	uint64_t size2 = nleaves, idx = size > 1 ? data[1] % size2 : 0;
	uint64_t size1 = size > 2 ? data[2] % size2 + 1 : size2;
	FUZZ_CHECK(merkle_inclusion_proof(size2, idx, get, &t, proof, &n) == E_OK);
	FUZZ_CHECK(merkle_verify_inclusion(idx, size2, leaves[idx], (const uint8_t(*)[32])proof, n,
					   roots[size2]));
	if (n) {
		proof[n - 1][size % 32] ^= 1;
		FUZZ_CHECK(!merkle_verify_inclusion(idx, size2, leaves[idx],
						    (const uint8_t(*)[32])proof, n, roots[size2]));
	}
	FUZZ_CHECK(merkle_consistency_proof(size1, size2, get, &t, proof, &n) == E_OK);
	FUZZ_CHECK(merkle_verify_consistency(size1, size2, roots[size1], roots[size2],
					     (const uint8_t(*)[32])proof, n));
	if (n) {
		proof[0][size % 32] ^= 0x80;
		FUZZ_CHECK(!merkle_verify_consistency(size1, size2, roots[size1], roots[size2],
						      (const uint8_t(*)[32])proof, n));
	}
	/* the frontier survives its row encoding */
	uint8_t enc[MERKLE_FRONTIER_ENCODED_MAX];
	struct merkle_frontier g;
	size_t elen = merkle_frontier_encode(&f, enc);
	FUZZ_CHECK(merkle_frontier_decode(&g, enc, elen, NULL) == E_OK && g.size == f.size);
}

static void raw(const uint8_t *data, size_t size)
{
	struct merkle_frontier f;
	uint8_t enc[MERKLE_FRONTIER_ENCODED_MAX], root[32];
	uint64_t x, y;

	if (merkle_frontier_decode(&f, data, size, NULL) == E_OK) {
		size_t len = merkle_frontier_encode(&f, enc);
		FUZZ_CHECK(len == size && memcmp(enc, data, len) == 0);
		merkle_frontier_root(&f, root);
	}
	if (size < 80)
		return;
	memcpy(&x, data, 8);
	memcpy(&y, data + 8, 8);
	size_t n = (size - 80) / 32;
	if (n > MERKLE_PROOF_MAX + 4)
		n = MERKLE_PROOF_MAX + 4;
	uint8_t(*proof)[32] = malloc((n ? n : 1) * 32);
	if (!proof)
		abort();
	memcpy(proof, data + 80, n * 32);
	(void)merkle_verify_inclusion(x, y, data + 16, (const uint8_t(*)[32])proof, n, data + 48);
	(void)merkle_verify_consistency(x, y, data + 16, data + 48, (const uint8_t(*)[32])proof, n);
	/* small sizes reach the interesting branches */
	(void)merkle_verify_inclusion(x % 1024, y % 1024, data + 16, (const uint8_t(*)[32])proof, n,
				      data + 48);
	(void)merkle_verify_consistency(x % 1024, y % 1024, data + 16, data + 48,
					(const uint8_t(*)[32])proof, n);
	free(proof);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	if (size && data[0] == '{') {
		char *s = fuzz_strndup(data, size);
		struct errinfo ei = {0};
		if (disclose_proof_verify(s, NULL, devnull, &ei) != E_OK)
			FUZZ_CHECK(ei.code != E_OK && ei.msg[0]);
		vector(s);
		free(s);
		return 0;
	}
	raw(data, size);
	own_tree(data, size);
	return 0;
}
