/*
 * The log on a real database (both backends): entries appended in write
 * transactions; inclusion and consistency proofs read from the stored nodes
 * verify against the head; a rolled-back transaction leaves no entry; verify is
 * clean on an untouched database and names rows changed, inserted or deleted
 * behind the program's back, and a log cut below a checkpoint.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/trail.h"
#include "mod/org.h"

struct fx {
	struct db *tdb;   /* the test database */
	struct app app;   /* the app on it */
	char dir[64];     /* key and checkpoint directory */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-trail-%d", (int)getpid());
	char key[128];
	snprintf(key, sizeof(key), "%s/trail.key", f->dir);
	if (testdb_open(&f->tdb, testdb_backend, "trail") != E_OK)
		return -1;
	struct app_opts o = {0};
	o.db_url = db_url(f->tdb);
	o.migrate = true;
	o.key_path = key;
	o.checkpoint_dir = f->dir;
	o.origin = "test/trail";
	struct errinfo ei = {0};
	if (app_open(&f->app, &o, &ei) != E_OK) {
		fprintf(stderr, "%s\n", ei.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	app_close(&f->app);
	testdb_close(f->tdb);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static enum err add_villages(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	static int next; /* village codes never repeat within the process */
	int n = *(int *)arg;
	for (int i = 0; i < n; i++) {
		char code[13];
		snprintf(code, sizeof(code), "32128310%04d", next++);
		struct db_res *res;
		enum err e = db_one(tc->db, &org_stmts, ORG_ST_VILLAGE_INSERT,
				    DB_PARAMS(DB_TEXT(code), DB_TEXT("测试村"), DB_TEXT("村"),
					      DB_TEXT("黄桥镇"), DB_INT(100 + i), DB_NULL),
				    &res);
		if (e != E_OK)
			return e;
		int64_t id = db_int(res, 0);
		db_done(res);
		if ((e = trail_row(tc, &org_tables[ORG_T_VILLAGES], id, "village.create", ei)) != E_OK)
			return e;
	}
	return E_OK;
}

static enum err fail_after_write(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	enum err e = add_villages(tc, arg, ei);
	return e != E_OK ? e : err_set(ei, E_RULE, "test.refuse", NULL, "refused on purpose");
}

static uint64_t verify_problems(struct fx *f, const char *cp)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct trail_report rep;
	FILE *devnull = fopen("/dev/null", "w");
	assert_int_equal(trail_verify(c, &f->app.signer, cp, devnull, &rep, &ei), E_OK);
	fclose(devnull);
	db_conn_put(f->app.db, c);
	return rep.problems;
}

static void test_trail__proofs(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	int n = 37;
	assert_int_equal(app_write(&f->app, "test", add_villages, &n, &ei), E_OK);
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	uint64_t size;
	uint8_t root[32];
	assert_int_equal(trail_head(c, &size, root), E_OK);
	assert_int_equal(size, 37);
	for (uint64_t i = 0; i < size; i++) {
		uint8_t proof[66][32], leaf[32];
		size_t np;
		assert_int_equal(trail_inclusion_proof(c, i, 0, proof, &np, &ei), E_OK);
		char *entry = trail_entry_text(c, i);
		merkle_leaf_hash(entry, strlen(entry), leaf);
		free(entry);
		assert_true(merkle_verify_inclusion(i, size, leaf, (const uint8_t(*)[32])proof, np, root));
		leaf[0] ^= 1;
		assert_false(merkle_verify_inclusion(i, size, leaf, (const uint8_t(*)[32])proof, np, root));
	}
	/* A checkpoint at 37, then more entries: consistency 37 → 50. */
	uint8_t old_root[32];
	memcpy(old_root, root, 32);
	n = 13;
	assert_int_equal(app_write(&f->app, "test", add_villages, &n, &ei), E_OK);
	assert_int_equal(trail_head(c, &size, root), E_OK);
	assert_int_equal(size, 50);
	uint8_t proof[66][32];
	size_t np;
	assert_int_equal(trail_consistency_proof(c, 37, 50, proof, &np, &ei), E_OK);
	assert_true(merkle_verify_consistency(37, 50, old_root, root, (const uint8_t(*)[32])proof, np));
	old_root[3] ^= 1;
	assert_false(merkle_verify_consistency(37, 50, old_root, root, (const uint8_t(*)[32])proof, np));
	db_conn_put(f->app.db, c);
}

static void test_trail__rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	int n = 5;
	assert_int_equal(app_write(&f->app, "test", fail_after_write, &n, &ei), E_RULE);
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	uint64_t size;
	uint8_t root[32];
	assert_int_equal(trail_head(c, &size, root), E_OK);
	assert_int_equal(size, 0);
	db_conn_put(f->app.db, c);
	assert_int_equal(verify_problems(f, NULL), 0);
}

static void test_trail__verify_catches_tampering(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	int n = 10;
	assert_int_equal(app_write(&f->app, "test", add_villages, &n, &ei), E_OK);
	assert_int_equal(verify_problems(f, NULL), 0);
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	/* changed behind the program's back */
	assert_int_equal(db_exec_script(c, "UPDATE villages SET households = 1 WHERE id = 3"), E_OK);
	assert_int_equal(verify_problems(f, NULL), 1);
	/* inserted behind its back */
	assert_int_equal(db_exec_script(c, "INSERT INTO villages (code, name, kind, township) "
					   "VALUES ('321283109999', '暗村', '村', '黄桥镇')"),
			 E_OK);
	assert_int_equal(verify_problems(f, NULL), 2);
	/* deleted behind its back */
	assert_int_equal(db_exec_script(c, "DELETE FROM villages WHERE id = 5"), E_OK);
	assert_int_equal(verify_problems(f, NULL), 3);
	/* the log rewritten under the checkpoint saved after the write */
	assert_int_equal(db_exec_script(c, testdb_backend == DB_PG
						   ? "ALTER TABLE trail DISABLE TRIGGER trail_no_change; "
						     "UPDATE trail SET entry = entry || ' ' WHERE seq = 2"
						   : "DROP TRIGGER trail_no_update; "
						     "UPDATE trail SET entry = entry || ' ' WHERE seq = 2"),
			 E_OK);
	assert_true(verify_problems(f, NULL) >= 4);
	db_conn_put(f->app.db, c);
}

static void test_trail__append_only_triggers(void **state)
{
	struct fx *f = *state;
	struct errinfo ei = {0};
	int n = 2;
	assert_int_equal(app_write(&f->app, "test", add_villages, &n, &ei), E_OK);
	struct db_conn *c;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_not_equal(db_exec_script(c, "UPDATE trail SET actor = 'x'"), E_OK);
	assert_int_not_equal(db_exec_script(c, "DELETE FROM trail"), E_OK);
	db_conn_put(f->app.db, c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_trail__proofs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_trail__rollback_leaves_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_trail__verify_catches_tampering, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_trail__append_only_triggers, setup, teardown),
	};
	return testdb_run_group("trail", tests, NULL, NULL);
}
