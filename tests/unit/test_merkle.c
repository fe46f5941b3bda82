/*
 * Unit tests of merkle.c: every RFC 6962/9162 proof vector of transparency-dev
 * under $QL_TESTDATA/merkle, the RFC 6962 reference roots, and proofs made by
 * our own generator for every tree up to 70 leaves.  Reads files; must not touch
 * a database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/merkle.h"

#define MAX_LEAVES 70

/* ---- test vector files ------------------------------------------------------ */

struct file_list {
	char **path; /* malloc'ed paths */
	size_t n;    /* entries used */
	size_t cap;  /* entries allocated */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_json(const char *dir, struct file_list *fl)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		fail_msg("cannot open %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		struct buf p = BUF_INIT;
		struct stat st;
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		buf_addf(&p, "%s/%s", dir, de->d_name);
		assert_int_equal(stat(p.ptr, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			collect_json(p.ptr, fl);
			buf_release(&p);
		} else if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0) {
			if (fl->n == fl->cap) {
				fl->cap = fl->cap ? 2 * fl->cap : 64;
				fl->path = realloc(fl->path, fl->cap * sizeof(*fl->path));
				assert_non_null(fl->path);
			}
			fl->path[fl->n++] = buf_detach(&p, NULL);
		} else {
			buf_release(&p);
		}
	}
	closedir(d);
}

static void file_list_load(struct file_list *fl, const char *sub)
{
	const char *root = getenv("QL_TESTDATA");
	struct buf dir = BUF_INIT;

	if (!root)
		fail_msg("QL_TESTDATA is not set (ctest sets it to <repo>/tests/data)");
	buf_addf(&dir, "%s/merkle/%s", root, sub);
	memset(fl, 0, sizeof(*fl));
	collect_json(dir.ptr, fl);
	qsort(fl->path, fl->n, sizeof(*fl->path), cmp_str);
	buf_release(&dir);
}

static void file_list_release(struct file_list *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->path[i]);
	free(fl->path);
}

/* Reads the whole file; the caller frees. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char tmp[4096];
	size_t got;

	assert_non_null(f);
	while ((got = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, got);
	fclose(f);
	return buf_detach(&b, NULL);
}

/*
 * An unsigned field.  The vectors hold 2^64 - 1, beyond jansson's long long, so
 * the file is loaded with integers as reals; a real is exact below 2^53, and a
 * larger one is read again from the text itself.
 */
static uint64_t get_u64(json_t *obj, const char *text, const char *key)
{
	json_t *v = json_object_get(obj, key);
	char pat[64];
	const char *p;
	char *end;
	unsigned long long u;
	double d;

	assert_non_null(v);
	assert_true(json_is_real(v));
	d = json_real_value(v);
	assert_true(d >= 0);
	if (d < 9007199254740992.0)
		return (uint64_t)d;
	snprintf(pat, sizeof(pat), "\"%s\"", key);
	p = strstr(text, pat);
	assert_non_null(p);
	p = strchr(p + strlen(pat), ':');
	assert_non_null(p);
	errno = 0;
	u = strtoull(p + 1, &end, 10);
	assert_int_equal(errno, 0);
	assert_true(end > p + 1);
	return u;
}

/* A base64 hash field into out; false when missing, null, not base64 or not
 * 32 bytes — such input can never reach our 32-byte API. */
static bool get_hash(json_t *v, uint8_t out[32])
{
	unsigned char bin[64];
	size_t len = 0;
	const char *s;

	if (!json_is_string(v))
		return false;
	s = json_string_value(v);
	if (sodium_base642bin(bin, sizeof(bin), s, strlen(s), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return false;
	if (len != 32)
		return false;
	memcpy(out, bin, 32);
	return true;
}

/* proof: null or missing is the empty proof. */
static bool get_proof(json_t *obj, uint8_t (**proof)[32], size_t *n)
{
	json_t *arr = json_object_get(obj, "proof");
	bool ok = true;

	*proof = NULL;
	*n = 0;
	if (arr == NULL || json_is_null(arr))
		return true;
	assert_true(json_is_array(arr));
	*n = json_array_size(arr);
	*proof = calloc(*n ? *n : 1, 32);
	assert_non_null(*proof);
	for (size_t i = 0; i < *n; i++)
		if (!get_hash(json_array_get(arr, i), (*proof)[i]))
			ok = false;
	return ok;
}

struct vector_run {
	size_t files;	   /* files checked */
	size_t accepted;   /* verified */
	size_t malformed;  /* a hash that is not 32 bytes: refused before verifying */
	size_t overridden; /* wantErr false, yet malformed (see run_vectors) */
};

static bool check_inclusion(json_t *o, const char *text, bool *well_formed)
{
	uint8_t leaf[32], root[32], (*proof)[32];
	uint64_t idx = get_u64(o, text, "leafIdx");
	uint64_t size = get_u64(o, text, "treeSize");
	size_t n;
	bool ok;

	*well_formed = get_hash(json_object_get(o, "leafHash"), leaf);
	*well_formed &= get_hash(json_object_get(o, "root"), root);
	*well_formed &= get_proof(o, &proof, &n);
	ok = *well_formed &&
	     merkle_verify_inclusion(idx, size, leaf, (const uint8_t(*)[32])proof, n, root);
	free(proof);
	return ok;
}

static bool check_consistency(json_t *o, const char *text, bool *well_formed)
{
	uint8_t root1[32], root2[32], (*proof)[32];
	uint64_t size1 = get_u64(o, text, "size1");
	uint64_t size2 = get_u64(o, text, "size2");
	size_t n;
	bool ok;

	*well_formed = get_hash(json_object_get(o, "root1"), root1);
	*well_formed &= get_hash(json_object_get(o, "root2"), root2);
	*well_formed &= get_proof(o, &proof, &n);
	ok = *well_formed &&
	     merkle_verify_consistency(size1, size2, root1, root2, (const uint8_t(*)[32])proof, n);
	free(proof);
	return ok;
}

/*
 * Every file must give the answer its wantErr asks for, with one principled
 * exception: a file whose hashes are not 32 bytes is refused before verifying
 * (our API takes uint8_t[32]).  One upstream file expects success for equal
 * 12-byte "roots" ("don't care 2"); upstream's Go compares byte slices of any
 * length.  The exception is counted, so the test notices if the data change.
 */
static void run_vectors(const char *sub, bool consistency, struct vector_run *r)
{
	struct file_list fl;

	file_list_load(&fl, sub);
	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < fl.n; i++) {
		char *text = slurp(fl.path[i]);
		json_error_t jerr;
		json_t *o =
		    json_loads(text, JSON_DECODE_INT_AS_REAL | JSON_REJECT_DUPLICATES, &jerr);
		json_t *we;
		bool well_formed, ok, want_ok;

		if (!o)
			fail_msg("%s: %s", fl.path[i], jerr.text);
		we = json_object_get(o, "wantErr");
		assert_true(json_is_boolean(we));
		want_ok = !json_is_true(we);
		ok = consistency ? check_consistency(o, text, &well_formed)
				 : check_inclusion(o, text, &well_formed);
		if (want_ok && !well_formed) {
			r->overridden++;
			want_ok = false;
			printf("# malformed hash refused, upstream expects success: %s\n",
			       fl.path[i]);
		}
		if (strstr(fl.path[i], "/happy-path.json"))
			assert_true(want_ok);
		if (ok != want_ok)
			fail_msg("%s: verified=%d, expected %d", fl.path[i], ok, want_ok);
		r->files++;
		r->accepted += ok;
		r->malformed += !well_formed;
		json_decref(o);
		free(text);
	}
	file_list_release(&fl);
}

static void test_merkle__vectors_inclusion(void **state)
{
	struct vector_run r;

	(void)state;
	run_vectors("inclusion", false, &r);
	printf("# inclusion vectors: %zu files, %zu verified, %zu refused (%zu malformed)\n",
	       r.files, r.accepted, r.files - r.accepted, r.malformed);
	assert_int_equal(r.files, 98);
	assert_int_equal(r.accepted, 6); /* five happy paths and matching-root-and-leaf */
	assert_int_equal(r.overridden, 0);
}

static void test_merkle__vectors_consistency(void **state)
{
	struct vector_run r;

	(void)state;
	run_vectors("consistency", true, &r);
	printf("# consistency vectors: %zu files, %zu verified, %zu refused (%zu malformed)\n",
	       r.files, r.accepted, r.files - r.accepted, r.malformed);
	assert_int_equal(r.files, 98);
	assert_int_equal(r.accepted, 5); /* the five happy paths */
	assert_int_equal(r.overridden, 1);
}

/* ---- known answers ---------------------------------------------------------- */

static void hex32(const char *hex, uint8_t out[32])
{
	size_t len = 0;

	assert_int_equal(sodium_hex2bin(out, 32, hex, strlen(hex), NULL, &len, NULL), 0);
	assert_int_equal(len, 32);
}

/* The eight leaves of RFC 6962's reference tests and the root of each prefix. */
static const struct {
	const char *data; /* leaf data */
	size_t len;	  /* its length */
} rfc_leaves[8] = {
    {"", 0},
    {"\x00", 1},
    {"\x10", 1},
    {"\x20\x21", 2},
    {"\x30\x31", 2},
    {"\x40\x41\x42\x43", 4},
    {"\x50\x51\x52\x53\x54\x55\x56\x57", 8},
    {"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f", 16},
};

static const char *rfc_roots[8] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

static void test_merkle__known_roots(void **state)
{
	uint8_t leaves[8][32], want[32], got[32];
	struct merkle_frontier f;

	(void)state;
	hex32("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", want);
	merkle_empty_root(got);
	assert_memory_equal(got, want, 32);
	merkle_root_hash(NULL, 0, got);
	assert_memory_equal(got, want, 32);
	merkle_frontier_init(&f);
	merkle_frontier_root(&f, got);
	assert_memory_equal(got, want, 32);

	for (int i = 0; i < 8; i++) {
		merkle_leaf_hash(rfc_leaves[i].data, rfc_leaves[i].len, leaves[i]);
		merkle_frontier_append(&f, leaves[i], NULL, NULL);
		hex32(rfc_roots[i], want);
		merkle_root_hash((const uint8_t(*)[32])leaves, (uint64_t)i + 1, got);
		assert_memory_equal(got, want, 32);
		merkle_frontier_root(&f, got);
		assert_memory_equal(got, want, 32);
	}
}

/* ---- our generator over trees of 1..70 random leaves ------------------------ */

/* Perfect subtree nodes as the log would store them, by (level, index). */
struct node_store {
	uint8_t hash[8][MAX_LEAVES][32]; /* level < 8 covers 70 leaves */
	bool have[8][MAX_LEAVES];	 /* stored? */
	unsigned count[8];		 /* how often each level was reported */
	uint64_t limit;			 /* refuse nodes outside the first limit leaves */
	unsigned fetched;		 /* get_node calls */
};

static void store_node(void *ctx, unsigned level, uint64_t index, const uint8_t hash[32])
{
	struct node_store *s = ctx;

	assert_true(level < 8);
	assert_true(index < MAX_LEAVES);
	assert_false(s->have[level][index]); /* every node reported exactly once */
	memcpy(s->hash[level][index], hash, 32);
	s->have[level][index] = true;
	s->count[level]++;
}

static enum err fetch_node(void *ctx, unsigned level, uint64_t index, uint8_t out[32])
{
	struct node_store *s = ctx;

	s->fetched++;
	if (level >= 8 || index >= MAX_LEAVES || !s->have[level][index])
		return E_NOTFOUND;
	if (((index + 1) << level) > s->limit)
		return E_NOTFOUND; /* not part of the tree the proof is for */
	memcpy(out, s->hash[level][index], 32);
	return E_OK;
}

struct tree {
	uint8_t leaf[MAX_LEAVES][32];	  /* random leaf hashes */
	uint8_t root[MAX_LEAVES + 1][32]; /* root[n] of the first n leaves */
	struct node_store store;	  /* nodes reported by the frontier */
};

static struct tree *tree_build(void)
{
	struct tree *t = calloc(1, sizeof(*t));
	struct merkle_frontier f;

	assert_non_null(t);
	randombytes_buf(t->leaf, sizeof(t->leaf));
	merkle_frontier_init(&f);
	merkle_root_hash(NULL, 0, t->root[0]);
	for (uint64_t n = 1; n <= MAX_LEAVES; n++) {
		uint8_t naive[32], enc[MERKLE_FRONTIER_ENCODED_MAX];
		struct merkle_frontier g;
		size_t len;

		merkle_frontier_append(&f, t->leaf[n - 1], store_node, &t->store);
		assert_int_equal(f.size, n);
		merkle_frontier_root(&f, t->root[n]);
		merkle_root_hash((const uint8_t(*)[32])t->leaf, n, naive);
		assert_memory_equal(t->root[n], naive, 32);

		/* the frontier survives a trip through a database row */
		len = merkle_frontier_encode(&f, enc);
		assert_int_equal(len, 8 + 32 * (size_t)__builtin_popcountll(n));
		assert_int_equal(merkle_frontier_decode(&g, enc, len, NULL), E_OK);
		merkle_frontier_root(&g, naive);
		assert_memory_equal(naive, t->root[n], 32);
	}
	return t;
}

static void test_merkle__frontier_nodes(void **state)
{
	struct tree *t = tree_build();

	(void)state;
	/* 70 leaves: 35 nodes at level 1, 17 at 2, 8 at 3, 4 at 4, 2 at 5, 1 at 6 */
	for (unsigned l = 0; l < 8; l++) {
		uint64_t span = (uint64_t)1 << l;

		assert_int_equal(t->store.count[l], MAX_LEAVES / span);
		for (uint64_t i = 0; i < MAX_LEAVES / span; i++) {
			uint8_t want[32];

			merkle_root_hash((const uint8_t(*)[32])t->leaf + i * span, span, want);
			assert_memory_equal(t->store.hash[l][i], want, 32);
		}
	}
	free(t);
}

static void test_merkle__inclusion_generated(void **state)
{
	struct tree *t = tree_build();
	uint8_t proof[MERKLE_PROOF_MAX][32];
	size_t n, total = 0;

	(void)state;
	for (uint64_t size = 1; size <= MAX_LEAVES; size++) {
		uint8_t root[32];

		t->store.limit = size;
		assert_int_equal(merkle_root_from_nodes(size, fetch_node, &t->store, root), E_OK);
		assert_memory_equal(root, t->root[size], 32);
		for (uint64_t i = 0; i < size; i++) {
			const uint8_t(*p)[32] = (const uint8_t(*)[32])proof;

			assert_int_equal(
			    merkle_inclusion_proof(size, i, fetch_node, &t->store, proof, &n),
			    E_OK);
			assert_true(n <= 7);
			assert_true(
			    merkle_verify_inclusion(i, size, t->leaf[i], p, n, t->root[size]));
			/* wrong leaf, index, size, root, or a flipped bit: refused */
			if (size > 1) {
				assert_false(merkle_verify_inclusion(
				    i, size, t->leaf[(i + 1) % size], p, n, t->root[size]));
				assert_false(merkle_verify_inclusion(
				    (i + 1) % size, size, t->leaf[i], p, n, t->root[size]));
			}
			/* (the size itself is bound by the signed checkpoint: a proof
			 * for size s may also fit s + 1 under the root of s) */
			if (size < MAX_LEAVES)
				assert_false(merkle_verify_inclusion(i, size + 1, t->leaf[i], p, n,
								     t->root[size + 1]));
			assert_false(
			    merkle_verify_inclusion(i, size, t->leaf[i], p, n, t->root[size - 1]));
			if (n > 0) {
				proof[n - 1][7] ^= 0x20;
				assert_false(merkle_verify_inclusion(i, size, t->leaf[i], p, n,
								     t->root[size]));
				proof[n - 1][7] ^= 0x20;
				assert_false(merkle_verify_inclusion(i, size, t->leaf[i], p, n - 1,
								     t->root[size]));
			}
			total++;
		}
	}
	printf("# %zu generated inclusion proofs verified\n", total);
	assert_int_equal(total, MAX_LEAVES * (MAX_LEAVES + 1) / 2);
	free(t);
}

static void test_merkle__consistency_generated(void **state)
{
	struct tree *t = tree_build();
	uint8_t proof[MERKLE_PROOF_MAX][32];
	const uint8_t(*p)[32] = (const uint8_t(*)[32])proof;
	size_t n, total = 0;

	(void)state;
	for (uint64_t size2 = 1; size2 <= MAX_LEAVES; size2++) {
		t->store.limit = size2;
		for (uint64_t size1 = 1; size1 <= size2; size1++) {
			assert_int_equal(merkle_consistency_proof(size1, size2, fetch_node,
								  &t->store, proof, &n),
					 E_OK);
			assert_true(n <= 8);
			assert_true(size1 != size2 || n == 0);
			assert_true(merkle_verify_consistency(size1, size2, t->root[size1],
							      t->root[size2], p, n));
			/* a different old root, new root or size: refused */
			assert_false(merkle_verify_consistency(size1, size2, t->root[size1 - 1],
							       t->root[size2], p, n));
			if (size1 != size2) {
				assert_false(merkle_verify_consistency(size1, size2, t->root[size1],
								       t->root[size2 - 1], p, n));
				assert_false(merkle_verify_consistency(
				    size1 + 1, size2, t->root[size1 + 1], t->root[size2], p, n));
				proof[0][0] ^= 1;
				assert_false(merkle_verify_consistency(size1, size2, t->root[size1],
								       t->root[size2], p, n));
				proof[0][0] ^= 1;
				assert_false(merkle_verify_consistency(size1, size2, t->root[size1],
								       t->root[size2], p, n - 1));
			}
			total++;
		}
	}
	printf("# %zu generated consistency proofs verified\n", total);
	assert_int_equal(total, MAX_LEAVES * (MAX_LEAVES + 1) / 2);
	free(t);
}

static void test_merkle__bad_arguments(void **state)
{
	struct tree *t = tree_build();
	uint8_t proof[MERKLE_PROOF_MAX][32], empty[32];
	size_t n = 99;

	(void)state;
	t->store.limit = MAX_LEAVES;
	assert_int_equal(merkle_inclusion_proof(5, 5, fetch_node, &t->store, proof, &n), E_INPUT);
	assert_int_equal(n, 0);
	assert_int_equal(merkle_inclusion_proof(0, 0, fetch_node, &t->store, proof, &n), E_INPUT);
	assert_int_equal(merkle_consistency_proof(0, 5, fetch_node, &t->store, proof, &n), E_INPUT);
	assert_int_equal(merkle_consistency_proof(6, 5, fetch_node, &t->store, proof, &n), E_INPUT);
	/* a missing node is reported, not papered over */
	t->store.limit = 10;
	assert_int_equal(merkle_inclusion_proof(20, 3, fetch_node, &t->store, proof, &n),
			 E_NOTFOUND);
	assert_int_equal(merkle_consistency_proof(3, 20, fetch_node, &t->store, proof, &n),
			 E_NOTFOUND);

	assert_int_equal(merkle_root_from_nodes(11, fetch_node, &t->store, empty), E_NOTFOUND);
	assert_int_equal(merkle_root_from_nodes(0, fetch_node, &t->store, empty), E_OK);
	assert_memory_equal(empty, t->root[0], 32);

	/* the empty tree is consistent only with itself, and only under H("") */
	merkle_empty_root(empty);
	assert_true(merkle_verify_consistency(0, 0, empty, empty, NULL, 0));
	assert_false(merkle_verify_consistency(0, 0, t->root[1], t->root[1], NULL, 0));
	assert_false(merkle_verify_consistency(0, 1, empty, t->root[1], NULL, 0));
	assert_false(merkle_verify_inclusion(0, 0, t->leaf[0], NULL, 0, empty));
	free(t);
}

static void test_merkle__frontier_decode_bad(void **state)
{
	struct merkle_frontier f, g;
	uint8_t enc[MERKLE_FRONTIER_ENCODED_MAX], leaf[32] = {1};
	struct errinfo ei = {0};
	size_t len;

	(void)state;
	merkle_frontier_init(&f);
	for (int i = 0; i < 11; i++)
		merkle_frontier_append(&f, leaf, NULL, NULL);
	len = merkle_frontier_encode(&f, enc);
	assert_int_equal(len, 8 + 3 * 32); /* 11 = 0b1011 */
	assert_int_equal(merkle_frontier_decode(&g, enc, len - 1, &ei), E_INPUT);
	assert_non_null(strstr(ei.msg, "日志树头数据损坏"));
	assert_int_equal(merkle_frontier_decode(&g, enc, 7, &ei), E_INPUT);
	enc[7] = 12; /* 0b1100 wants two hashes */
	assert_int_equal(merkle_frontier_decode(&g, enc, len, &ei), E_INPUT);
	enc[7] = 11;
	assert_int_equal(merkle_frontier_decode(&g, enc, len, &ei), E_OK);
	assert_memory_equal(&g, &f, sizeof(f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_merkle__vectors_inclusion),
	    cmocka_unit_test(test_merkle__vectors_consistency),
	    cmocka_unit_test(test_merkle__known_roots),
	    cmocka_unit_test(test_merkle__frontier_nodes),
	    cmocka_unit_test(test_merkle__inclusion_generated),
	    cmocka_unit_test(test_merkle__consistency_generated),
	    cmocka_unit_test(test_merkle__bad_arguments),
	    cmocka_unit_test(test_merkle__frontier_decode_bad),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("merkle", tests, NULL, NULL);
}
