/*
 * The public portal shows no person's private data: a generated township
 * (qinglian gen, with subsidies and disclosures) is imported, every portal page
 * of every village is fetched (village page, disclosures of each year and each
 * published item, finance, subsidies of each year, decisions, verify,
 * complaint form, draws) and grepped for every ID number, phone and bank
 * account of the generated files and for the full and given names of every
 * non-cadre recipient: none may appear; every page stays under 50 KB and has no
 * script.  The villager's self-query shows the person's own records unmasked
 * only with the matching phone or household number, and each view is logged.
 */
#include "testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "core/arena.h"
#include "core/csvio.h"
#include "core/router.h"
#include "mod/gen.h"
#include "mod/io.h"
#include "mod/subsidy.h"

static const struct db_sql log_sql[] = {
    {"test.self_queries",
     "SELECT COUNT(*), MAX(entry) FROM trail WHERE action = 'subsidy.self_query'"}};
static struct db_stmts log_set = {"test_subsidy", log_sql, 1, 0, false};

struct fx {
	struct db *tdb; /* the test database */
	struct app app; /* the app on it */
	char dir[64];	/* generated files */
	struct arena a; /* tables read back */
};

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1767225600LL * 1000000; /* 2026-01-01T00:00:00Z */
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/ql-subsidy-%d", (int)getpid());
	struct gen_opts o = {f->dir, 2, 2, 11};
	struct errinfo ei = {0};
	if (gen_run(&o, &ei) != E_OK) {
		fprintf(stderr, "gen: %s\n", ei.msg);
		return -1;
	}
	if (testdb_open(&f->tdb, testdb_backend, "subsidy") != E_OK)
		return -1;
	struct app_opts ao = {0};
	ao.db_url = db_url(f->tdb);
	ao.migrate = true;
	ao.no_signer = true;
	if (app_open(&f->app, &ao, &ei) != E_OK)
		return -1;
	f->app.clock = fixed_clock;
	f->app.quiet = true;
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&f->app, f->dir, devnull, &ei);
	fclose(devnull);
	if (e != E_OK) {
		fprintf(stderr, "import: %s\n", ei.msg);
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
	arena_release(&f->a);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static struct table read_table(struct fx *f, const char *name)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	struct table t;
	struct errinfo ei = {0};
	assert_int_equal(table_read_file(&f->a, path, &t, &ei), E_OK);
	return t;
}

static int col(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->rows[0].ncells; c++)
		if (strcmp(t->rows[0].cells[c], name) == 0)
			return (int)c;
	fail_msg("no column %s", name);
	return -1;
}

static int request(struct fx *f, const char *method, const char *target, const char *body,
		   struct buf *out)
{
	struct req r;
	req_init(&r, &f->app);
	char *p = arena_strdup(&r.arena, target), *q = strchr(p, '?');
	if (q) {
		*q = '\0';
		router_parse_query(&r, q + 1);
	}
	r.method = method;
	r.path = p;
	r.remote = "127.0.0.1";
	if (body) {
		r.body = body;
		r.body_len = strlen(body);
	}
	router_dispatch(&r);
	int status = r.status;
	buf_reset(out);
	buf_add(out, r.resp.ptr, r.resp.len);
	req_release(&r);
	return status;
}

/* Secrets: every ID number, phone and account; full and given names of
 * non-cadre recipients (cadres' names are public office). */
struct secrets {
	const char **s; /* strings */
	size_t n;	/* count */
};

static bool in_list(const struct table *t, int c, const char *v)
{
	for (size_t i = 1; i < t->nrows; i++)
		if (strstr(t->rows[i].cells[c], v))
			return true;
	return false;
}

static void add(struct secrets *x, struct arena *a, const char *s)
{
	if (!s || strlen(s) < 6) /* two CJK characters at least */
		return;
	const char **g = ARENA_ARRAY(a, const char *, x->n + 1);
	if (x->n)
		memcpy(g, x->s, x->n * sizeof(*g));
	g[x->n++] = s;
	x->s = g;
}

static void secrets_load(struct fx *f, struct secrets *x)
{
	struct table people = read_table(f, "people.csv");
	struct table pos = read_table(f, "positions.csv");
	struct table subs = read_table(f, "subsidies.csv");
	struct table vill = read_table(f, "villages.csv");
	int pid = col(&people, "id_no"), pph = col(&people, "phone"), pname = col(&people, "name");
	int posid = col(&pos, "id_no");
	int sacct = col(&subs, "bank_account"), sid = col(&subs, "id_no");
	int vname = col(&vill, "name"), vtown = col(&vill, "township");
	for (size_t i = 1; i < people.nrows; i++) {
		add(x, &f->a, people.rows[i].cells[pid]);
		add(x, &f->a, people.rows[i].cells[pph]);
		const char *id = people.rows[i].cells[pid];
		if (in_list(&pos, posid, id) || !in_list(&subs, sid, id))
			continue;
		const char *name = people.rows[i].cells[pname];
		add(x, &f->a, name);
		/* the given name: after a one-character surname (UTF-8, 3 bytes) */
		const char *given = name + 3;
		bool public_word = false;
		for (size_t k = 1; k < pos.nrows && !public_word; k++)
			for (size_t pp = 1; pp < people.nrows; pp++)
				if (strcmp(people.rows[pp].cells[pid], pos.rows[k].cells[posid]) ==
					0 &&
				    strstr(people.rows[pp].cells[pname], given))
					public_word = true;
		for (size_t v = 1; v < vill.nrows; v++)
			public_word = public_word || strstr(vill.rows[v].cells[vname], given) ||
				      strstr(vill.rows[v].cells[vtown], given);
		if (!public_word)
			add(x, &f->a, given);
	}
	for (size_t i = 1; i < subs.nrows; i++)
		add(x, &f->a, subs.rows[i].cells[sacct]);
	assert_true(x->n > 20);
}

static void check_page(struct fx *f, const struct secrets *x, const char *path, size_t *pages)
{
	struct buf b = BUF_INIT;
	int st = request(f, "GET", path, NULL, &b);
	if (st != 200)
		fail_msg("%s: status %d", path, st);
	if (b.len >= 50 * 1024)
		fail_msg("%s: %zu bytes", path, b.len);
	buf_addc(&b, '\0');
	if (strstr(b.ptr, "<script"))
		fail_msg("%s: script", path);
	for (size_t i = 0; i < x->n; i++)
		if (strstr(b.ptr, x->s[i]))
			fail_msg("%s shows private data: %s", path, x->s[i]);
	buf_release(&b);
	(*pages)++;
}

static void test_subsidy__portal_shows_no_private_data(void **state)
{
	struct fx *f = *state;
	struct secrets x = {0};
	secrets_load(f, &x);
	struct table vill = read_table(f, "villages.csv");
	size_t pages = 0;
	check_page(f, &x, "/p/", &pages);
	check_page(f, &x, "/p/draws", &pages);
	for (size_t v = 1; v < vill.nrows; v++) {
		const char *code = vill.rows[v].cells[0];
		static const char *const tails[] = {"", "/finance?year=2025", "/decisions",
						    "/verify", "/complaint"};
		for (size_t k = 0; k < sizeof(tails) / sizeof(tails[0]); k++) {
			char path[96];
			snprintf(path, sizeof(path), "/p/%s%s", code, tails[k]);
			check_page(f, &x, path, &pages);
		}
		for (int y = 2024; y <= 2025; y++) {
			char path[96];
			snprintf(path, sizeof(path), "/p/%s/subsidies?year=%d", code, y);
			check_page(f, &x, path, &pages);
			struct buf s = BUF_INIT;
			assert_int_equal(request(f, "GET", path, NULL, &s), 200);
			buf_addc(&s, '\0');
			assert_non_null(strstr(s.ptr, "*</td>")); /* masked names are there */
			buf_release(&s);
			snprintf(path, sizeof(path), "/p/%s/disclosures?year=%d", code, y);
			struct buf b = BUF_INIT;
			assert_int_equal(request(f, "GET", path, NULL, &b), 200);
			buf_addc(&b, '\0');
			check_page(f, &x, path, &pages);
			char prefix[40];
			snprintf(prefix, sizeof(prefix), "/p/%s/disclosures/", code);
			size_t items = 0;
			for (const char *p = strstr(b.ptr, prefix); p; p = strstr(p + 1, prefix)) {
				char one[96];
				snprintf(one, sizeof(one), "%s%lld", prefix,
					 atoll(p + strlen(prefix)));
				check_page(f, &x, one, &pages);
				items++;
			}
			assert_true(items > 10);
			buf_release(&b);
		}
	}
	assert_true(pages > 100);
}

static void test_subsidy__self_query(void **state)
{
	struct fx *f = *state;
	struct table subs = read_table(f, "subsidies.csv");
	struct table people = read_table(f, "people.csv");
	const char *id = subs.rows[1].cells[col(&subs, "id_no")];
	const char *acct = subs.rows[1].cells[col(&subs, "bank_account")];
	const char *code = subs.rows[1].cells[col(&subs, "village_code")];
	const char *phone = NULL, *hh = NULL;
	for (size_t i = 1; i < people.nrows; i++)
		if (strcmp(people.rows[i].cells[col(&people, "id_no")], id) == 0) {
			phone = people.rows[i].cells[col(&people, "phone")];
			hh = people.rows[i].cells[col(&people, "household_no")];
		}
	assert_non_null(hh);
	struct buf b = BUF_INIT;
	char body[160], path[64];
	/* wrong household number: nothing, and nothing logged */
	snprintf(body, sizeof(body), "id_no=%s&household_no=9999x", id);
	snprintf(path, sizeof(path), "/p/%s/subsidies/query", code);
	assert_int_equal(request(f, "POST", path, body, &b), 404);
	buf_addc(&b, '\0');
	assert_null(strstr(b.ptr, acct));
	/* the household number on record: the person's own records, unmasked */
	snprintf(body, sizeof(body), "id_no=%s&household_no=%s", id, hh);
	assert_int_equal(request(f, "POST", path, body, &b), 200);
	buf_addc(&b, '\0');
	assert_non_null(strstr(b.ptr, acct));
	/* the JSON route with the phone, if one is on record */
	if (phone && *phone) {
		snprintf(body, sizeof(body), "{\"id_no\":\"%s\",\"phone\":\"%s\"}", id, phone);
		assert_int_equal(request(f, "POST", "/api/v1/public/subsidies/query", body, &b),
				 200);
		buf_addc(&b, '\0');
		assert_non_null(strstr(b.ptr, acct));
	}
	/* each view is in the log, with ids only */
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct db_res *res;
	assert_int_equal(db_one(c, &log_set, 0, DB_NOPARAMS, &res), E_OK);
	assert_int_equal(db_int(res, 0), phone && *phone ? 2 : 1);
	assert_null(strstr(db_text(res, 1), id));
	db_done(res);
	db_conn_put(f->app.db, c);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_subsidy__portal_shows_no_private_data),
	    cmocka_unit_test(test_subsidy__self_query),
	};
	db_stmts_register(&log_set);
	return testdb_run_group("subsidy", tests, setup, teardown);
}
