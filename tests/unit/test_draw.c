/*
 * 双随机一公开: the draw is reproducible from the published seed.  An
 * independent implementation of the algorithm as docs/disclosure.md states it
 * (SHA-256 of "<seed>:<pool>:<k>", 128-bit arithmetic for the rejection bound,
 * a plain Fisher–Yates) must give the same choices as draw_pick for many seeds
 * and pool sizes; a known-answer vector pins the algorithm; and the whole flow
 * on a database (announce with the hash, refuse a wrong seed, draw with the
 * right one, refuse a second draw) stores exactly the recomputed result.
 */
#include "testdb.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/auth.h"
#include "core/router.h"
#include "mod/draw.h"

/* The documented algorithm, written again without looking at draw.c. */
static void recompute(const char *seed, const char *pool, size_t n_pool, size_t n, size_t *out)
{
	size_t idx[256];
	for (size_t i = 0; i < n_pool; i++)
		idx[i] = i;
	unsigned k = 0;
	for (size_t j = 0; j < n; j++) {
		unsigned __int128 two64 = (unsigned __int128)1 << 64;
		unsigned __int128 m = n_pool - j, limit = two64 - two64 % m;
		unsigned __int128 x;
		do {
			char msg[128];
			snprintf(msg, sizeof(msg), "%s:%s:%u", seed, pool, k++);
			unsigned char h[32];
			crypto_hash_sha256(h, (const unsigned char *)msg, strlen(msg));
			x = 0;
			for (int b = 0; b < 8; b++)
				x = x * 256 + h[b];
		} while (x >= limit);
		size_t pick = j + (size_t)(x % m);
		size_t t = idx[j];
		idx[j] = idx[pick];
		idx[pick] = t;
		out[j] = idx[j];
	}
}

static void test_draw__same_as_documented(void **state)
{
	(void)state;
	for (int s = 0; s < 200; s++) {
		unsigned char raw[32];
		char seed[65];
		crypto_generichash(raw, sizeof(raw), (const unsigned char *)&s, sizeof(s), NULL, 0);
		sodium_bin2hex(seed, sizeof(seed), raw, sizeof(raw));
		assert_true(draw_seed_valid(seed));
		size_t npool = 1 + (size_t)s % 97, n = 1 + (size_t)s % npool;
		size_t a[256], b[256];
		draw_pick(seed, s % 2 ? "targets" : "inspectors", npool, n, a);
		recompute(seed, s % 2 ? "targets" : "inspectors", npool, n, b);
		assert_memory_equal(a, b, n * sizeof(size_t));
		for (size_t i = 0; i < n; i++) /* distinct, in range */
			for (size_t j = 0; j < i; j++)
				assert_true(a[i] != a[j] && a[i] < npool);
	}
}

static void test_draw__known_answer(void **state)
{
	(void)state;
	/* seed = 64 × 'a'; pinned so that a change of the algorithm is seen */
	char seed[65];
	memset(seed, 'a', 64);
	seed[64] = '\0';
	char h[65];
	draw_seed_hash(seed, h);
	/* printf %s aaaa…a | sha256sum */
	assert_string_equal(h, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	size_t a[5], b[5];
	draw_pick(seed, "targets", 12, 5, a);
	recompute(seed, "targets", 12, 5, b);
	assert_memory_equal(a, b, sizeof(a));
	/* the Python of docs/disclosure.md prints [4, 0, 7, 8, 5] */
	static const size_t want[5] = {4, 0, 7, 8, 5};
	assert_memory_equal(a, want, sizeof(a));
	assert_false(draw_seed_valid("ABC"));
	assert_false(draw_seed_valid(h + 1));
}

/* ---- the flow on a database ----------------------------------------------------------- */

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the app on it */
	char sid[80];	/* session cookie */
	char csrf[80];	/* its token */
};

static uint64_t counter;

static void seeded_random(void *ctx, void *buf, size_t len)
{
	unsigned char seed[randombytes_SEEDBYTES] = {0};
	uint64_t *c = ctx;
	memcpy(seed, c, sizeof(*c));
	(*c)++;
	randombytes_buf_deterministic(buf, len, seed);
}

static enum err add_user(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct app *app = arg;
	struct user_new u = {"jiwei", "纪委", ROLE_JIWEI, NULL, "password123", NULL, 0};
	int64_t id;
	return auth_user_add(app, tc, &u, &id, ei);
}

static int call(struct fx *f, const char *method, const char *path, const char *body, json_t **ans)
{
	struct req r;
	req_init(&r, &f->app);
	r.method = method;
	r.path = arena_strdup(&r.arena, path);
	r.remote = "127.0.0.1";
	if (f->sid[0]) {
		r.cookie_sid = f->sid;
		r.csrf = f->csrf;
	}
	if (body) {
		r.body = body;
		r.body_len = strlen(body);
	}
	router_dispatch(&r);
	int status = r.status;
	for (size_t i = 0; i < r.nresp_headers; i++)
		if (strcmp(r.resp_headers[i].key, "Set-Cookie") == 0 && !f->sid[0]) {
			const char *v = strchr(r.resp_headers[i].value, '=');
			snprintf(f->sid, sizeof(f->sid), "%.*s", (int)strcspn(v + 1, ";"), v + 1);
		}
	json_error_t je;
	*ans = json_loadb(r.resp.ptr, r.resp.len, 0, &je);
	req_release(&r);
	return status;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (testdb_open(&f->tdb, testdb_backend, "draw") != E_OK)
		return -1;
	struct app_opts o = {0};
	o.db_url = db_url(f->tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	if (app_open(&f->app, &o, &ei) != E_OK)
		return -1;
	f->app.quiet = true;
	f->app.random = seeded_random;
	f->app.random_ctx = &counter;
	f->app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
	f->app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
	if (app_write(&f->app, "test", add_user, &f->app, &ei) != E_OK) {
		fprintf(stderr, "%s\n", ei.msg);
		return -1;
	}
	json_t *a;
	if (call(f, "POST", "/api/v1/session",
		 "{\"username\":\"jiwei\",\"password\":\"password123\"}", &a) != 200)
		return -1;
	snprintf(f->csrf, sizeof(f->csrf), "%s", json_string_value(json_object_get(a, "csrf")));
	json_decref(a);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	app_close(&f->app);
	testdb_close(f->tdb);
	free(f);
	return 0;
}

static void test_draw__flow_reproducible(void **state)
{
	struct fx *f = *state;
	json_t *a;
	static const char body[] =
	    "{\"township\":\"黄桥镇\",\"title\":\"2025年第二季度村级财务双随机抽查\","
	    "\"targets\":[\"甲村\",\"乙村\",\"丙社区\",\"丁村\",\"戊村\",\"己村\"],"
	    "\"inspectors\":[\"王一\",\"李二\",\"张三\",\"赵四\"],\"n_targets\":2,"
	    "\"n_inspectors\":4}";
	assert_int_equal(call(f, "POST", "/api/v1/draws", body, &a), 201);
	int64_t id = json_integer_value(json_object_get(a, "id"));
	char seed[65], hash[65];
	snprintf(seed, sizeof(seed), "%s", json_string_value(json_object_get(a, "seed")));
	snprintf(hash, sizeof(hash), "%s", json_string_value(json_object_get(a, "seed_hash")));
	json_decref(a);
	/* the announcement shows the hash, never the seed */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/draws/%lld", (long long)id);
	assert_int_equal(call(f, "GET", path, NULL, &a), 200);
	assert_string_equal(json_string_value(json_object_get(a, "seed_hash")), hash);
	assert_true(json_is_null(json_object_get(a, "seed")));
	json_decref(a);
	char h[65];
	draw_seed_hash(seed, h);
	assert_string_equal(h, hash);
	/* a seed that does not match the hash is refused */
	char run[64], wrong[100];
	snprintf(run, sizeof(run), "/api/v1/draws/%lld/draw", (long long)id);
	snprintf(wrong, sizeof(wrong), "{\"seed\":\"%064d\"}", 0);
	assert_int_equal(call(f, "POST", run, wrong, &a), 422);
	json_decref(a);
	char right[100];
	snprintf(right, sizeof(right), "{\"seed\":\"%s\"}", seed);
	assert_int_equal(call(f, "POST", run, right, &a), 200);
	json_decref(a);
	/* anyone recomputes it from what is published */
	assert_int_equal(call(f, "GET", path, NULL, &a), 200);
	const char *pub_seed = json_string_value(json_object_get(a, "seed"));
	assert_string_equal(pub_seed, seed);
	json_t *targets = json_object_get(a, "targets"), *insp = json_object_get(a, "inspectors");
	size_t t[2], i[4];
	recompute(pub_seed, "targets", json_array_size(targets), 2, t);
	recompute(pub_seed, "inspectors", json_array_size(insp), 4, i);
	json_t *res = json_object_get(json_object_get(a, "result"), "targets");
	assert_int_equal(json_array_size(res), 2);
	for (size_t k = 0; k < 2; k++) {
		json_t *x = json_array_get(res, k);
		assert_string_equal(json_string_value(json_object_get(x, "target")),
				    json_string_value(json_array_get(targets, t[k])));
		json_t *team = json_object_get(x, "inspectors");
		assert_int_equal(json_array_size(team), 2);
		assert_string_equal(json_string_value(json_array_get(team, 0)),
				    json_string_value(json_array_get(insp, i[2 * k])));
	}
	json_decref(a);
	/* a finished draw cannot be drawn again */
	assert_int_equal(call(f, "POST", run, right, &a), 409);
	json_decref(a);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_draw__same_as_documented),
	    cmocka_unit_test(test_draw__known_answer),
	};
	const struct CMUnitTest db[] = {
	    cmocka_unit_test_setup_teardown(test_draw__flow_reproducible, setup, teardown),
	};
	int fails = cmocka_run_group_tests_name("draw", pure, NULL, NULL);
	return fails + testdb_run_group("draw_db", db, NULL, NULL);
}
