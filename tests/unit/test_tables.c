/*
 * The declared tables are checked: the real route table passes router_check
 * (every route has a permission and a summary, every write route a log action,
 * no duplicates) and every registered statement of every module prepares on the
 * migrated schema of each backend (app_open runs db_check_all); and the check
 * really refuses broken tables.
 */
#include "testdb.h"

#include <stdio.h>
#include <string.h>

#include "core/app.h"
#include "core/module.h"
#include "mod/perms.h"

static enum err dummy(struct req *r)
{
	(void)r;
	return E_OK;
}

static void test_tables__real_app_opens(void **state)
{
	(void)state;
	struct db *tdb;
	assert_int_equal(testdb_open(&tdb, testdb_backend, "tables"), E_OK);
	struct app app;
	struct app_opts o = {0};
	o.db_url = db_url(tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	enum err e = app_open(&app, &o, &ei);
	if (e != E_OK)
		fprintf(stderr, "app_open: %s\n", ei.msg);
	assert_int_equal(e, E_OK);
	assert_true(app.nroutes > 30);
	/* Every route has a permission object listed in perms.def. */
	for (size_t i = 0; i < app.nroutes; i++) {
		bool listed = false;
		for (const struct perm *const *p = perms_all; *p; p++)
			listed = listed || *p == app.routes[i]->perm;
		assert_true(listed);
	}
	app_close(&app);
	testdb_close(tdb);
}

static enum err check_one(const struct route *rt, size_t n, struct errinfo *ei)
{
	const struct route *tables[1] = {rt};
	size_t counts[1] = {n};
	return router_check(tables, counts, 1, ei);
}

static void test_tables__router_check_refuses(void **state)
{
	(void)state;
	struct errinfo ei = {0};
	const struct route no_perm[] = {
	    {"GET", "/x", dummy, NULL, SCOPE_NONE, NULL, NULL, 0, NULL, "x"}};
	assert_int_equal(check_one(no_perm, 1, &ei), E_INTERNAL);
	assert_string_equal(ei.key, "route.perm");

	const struct route write_no_action[] = {
	    {"POST", "/x", dummy, &perm_org_write, SCOPE_NONE, NULL, NULL, ROUTE_WRITE, NULL, "x"}};
	assert_int_equal(check_one(write_no_action, 1, &ei), E_INTERNAL);
	assert_string_equal(ei.key, "route.action");

	const struct route post_not_write[] = {
	    {"POST", "/x", dummy, &perm_org_write, SCOPE_NONE, NULL, NULL, 0, "x.y", "x"}};
	assert_int_equal(check_one(post_not_write, 1, &ei), E_INTERNAL);
	assert_string_equal(ei.key, "route.write");

	const struct route dup[] = {
	    {"GET", "/x/{id}", dummy, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL, "x"},
	    {"GET", "/x/{id}", dummy, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL, "y"}};
	assert_int_equal(check_one(dup, 2, &ei), E_INTERNAL);
	assert_string_equal(ei.key, "route.duplicate");

	const struct route bad_pattern[] = {
	    {"GET", "/x/{id", dummy, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL, "x"}};
	assert_int_equal(check_one(bad_pattern, 1, &ei), E_INTERNAL);

	const struct route ok[] = {
	    {"GET", "/x/{id}", dummy, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL, "x"},
	    {"POST", "/x", dummy, &perm_org_write, SCOPE_NONE, NULL, NULL, ROUTE_WRITE, "x.c", "y"}};
	assert_int_equal(check_one(ok, 2, &ei), E_OK);
}

enum { BAD_ST, BAD__MAX };
static const struct db_sql bad_sql[BAD__MAX] = {
    [BAD_ST] = {"test.bad", "SELECT no_such_column FROM villages"}};
static struct db_stmts bad_stmts = {"test_bad", bad_sql, BAD__MAX, 0, false};

static void test_tables__statement_typo_fails(void **state)
{
	(void)state;
	struct db *tdb;
	assert_int_equal(testdb_open(&tdb, testdb_backend, "tables2"), E_OK);
	struct app app;
	struct app_opts o = {0};
	o.db_url = db_url(tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	db_stmts_register(&bad_stmts);
	assert_int_not_equal(app_open(&app, &o, &ei), E_OK);
	assert_non_null(strstr(ei.msg, "test.bad"));
	app_close(&app);
	testdb_close(tdb);
}

static void test_tables__route_matching(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct kv p[REQ_MAX_PARAMS];
	size_t n = 0;
	assert_true(router_match("/api/v1/villages/{village}/people", "/api/v1/villages/321283101201/people",
				 p, &n, &a));
	assert_int_equal(n, 1);
	assert_string_equal(p[0].value, "321283101201");
	assert_false(router_match("/api/v1/villages/{village}", "/api/v1/villages/", p, &n, &a));
	assert_false(router_match("/api/v1/villages/{village}", "/api/v1/villages/a/b", p, &n, &a));
	assert_false(router_match("/api/v1/villages", "/api/v1/villages/", p, &n, &a));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tables__real_app_opens),
	    cmocka_unit_test(test_tables__router_check_refuses),
	    cmocka_unit_test(test_tables__route_matching),
	};
	/* Registration is process-wide: the broken statement goes in last. */
	const struct CMUnitTest typo[] = {
	    cmocka_unit_test(test_tables__statement_typo_fails),
	};
	int failed = testdb_run_group("tables", tests, NULL, NULL);
	return failed + testdb_run_group("tables_typo", typo, NULL, NULL);
}
