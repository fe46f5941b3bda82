/*
 * Complainants are protected, end to end through the real router: a named
 * complaint filed on the portal leaves its complainant's name, phone and
 * address nowhere in the SQLite file (nor its WAL), nowhere in the log, and
 * nowhere on stderr — yet the commission opens it with the passphrase.  And a
 * complaint is never shown to the person it accuses, whatever their role (both
 * backends).  The fixture is tests/http/fixture, loaded by the real importer.
 */
#include "testdb.h"

#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/app.h"
#include "core/auth.h"
#include "mod/io.h"
#include "mod/org.h"

#define PASSWORD "password123"
#define NAME	 "慕容测试名"
#define PHONE	 "13611112222"
#define ADDRESS	 "燕子坞九号"
#define ACCUSED	 "321283197003151015" /* 张书记 of 甲村 */

struct fx {
	struct db *tdb;	 /* the test database */
	struct app app;	 /* the application */
	char keydir[64]; /* where the commission's key file goes */
	char sid[80];	 /* session cookie */
	char csrf[80];	 /* its token */
};

static json_t *call(struct fx *f, const char *method, const char *target, const char *body,
		    int *status)
{
	struct req r;
	req_init(&r, &f->app);
	char *path = arena_strdup(&r.arena, target);
	char *q = strchr(path, '?');
	if (q) {
		*q = '\0';
		router_parse_query(&r, q + 1);
	}
	r.method = method;
	r.path = path;
	r.remote = "192.0.2.7";
	if (f->sid[0])
		r.cookie_sid = f->sid;
	if (f->csrf[0])
		r.csrf = f->csrf;
	if (body) {
		r.body = body;
		r.body_len = strlen(body);
	}
	router_dispatch(&r);
	*status = r.status;
	for (size_t i = 0; i < r.nresp_headers; i++)
		if (strcmp(r.resp_headers[i].key, "Set-Cookie") == 0 &&
		    strncmp(r.resp_headers[i].value, "qlsid=", 6) == 0) {
			const char *v = r.resp_headers[i].value + 6;
			snprintf(f->sid, sizeof(f->sid), "%.*s", (int)strcspn(v, ";"), v);
		}
	json_t *j = json_loadb(r.resp.ptr, r.resp.len, 0, NULL);
	req_release(&r);
	return j ? j : json_object();
}

static void login(struct fx *f, const char *user)
{
	f->sid[0] = f->csrf[0] = '\0';
	if (!user)
		return;
	char body[128];
	int status;
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"" PASSWORD "\"}", user);
	json_t *j = call(f, "POST", "/api/v1/session", body, &status);
	assert_int_equal(status, 200);
	snprintf(f->csrf, sizeof(f->csrf), "%s", json_string_value(json_object_get(j, "csrf")));
	json_decref(j);
}

static enum err add_users(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct app *app = arg;
	static const struct {
		const char *name; /* login */
		enum role role;	  /* role */
		bool village;	  /* scope 甲村 */
	} users[] = {{"jiwei", ROLE_JIWEI, false},
		     {"cun_a", ROLE_VILLAGE, true},
		     {"beifan", ROLE_VILLAGE, true},
		     {"jiwei2", ROLE_JIWEI, false}};
	int64_t vid, id;
	enum err e = org_village_id(tc->db, "321283101201", &vid);
	for (size_t i = 0; e == E_OK && i < sizeof(users) / sizeof(users[0]); i++) {
		struct user_new u = {users[i].name, users[i].name, users[i].role,	    NULL,
				     PASSWORD,	    &vid,	   users[i].village ? 1 : 0};
		e = auth_user_add(app, tc, &u, &id, ei);
	}
	return e;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct errinfo ei = {0};
	if (testdb_open(&f->tdb, testdb_backend, "sealed") != E_OK)
		return -1;
	snprintf(f->keydir, sizeof(f->keydir), "/tmp/qljiweiXXXXXX");
	if (!mkdtemp(f->keydir))
		return -1;
	setenv("QL_JIWEI_KEY_DIR", f->keydir, 1);
	struct app_opts o = {0};
	o.db_url = db_url(f->tdb);
	o.migrate = true;
	o.no_signer = true;
	if (app_open(&f->app, &o, &ei) != E_OK) {
		fprintf(stderr, "app_open: %s\n", ei.msg);
		return -1;
	}
	f->app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
	f->app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
	char fixture[1024];
	const char *src = getenv("QL_SRCDIR");
	snprintf(fixture, sizeof(fixture), "%s/tests/http/fixture", src ? src : ".");
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&f->app, fixture, devnull, &ei);
	fclose(devnull);
	if (e != E_OK || app_write(&f->app, "test", add_users, &f->app, &ei) != E_OK) {
		fprintf(stderr, "fixture: %s\n", ei.msg);
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
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->keydir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static bool file_has(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return false;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	size_t got = fread(b, 1, (size_t)n, fp);
	fclose(fp);
	bool has = memmem(b, got, needle, strlen(needle)) != NULL;
	free(b);
	return has;
}

static void test_complaint__sealed_identity(void **state)
{
	struct fx *f = *state;
	if (testdb_backend != DB_SQLITE)
		skip(); /* a file to grep: SQLite only */
	int status;

	/* Everything the program writes to stderr during the requests is kept. */
	char errpath[] = "/tmp/qlstderrXXXXXX";
	int errfd = mkstemp(errpath);
	fflush(stderr);
	int saved = dup(2);
	dup2(errfd, 2);

	login(f, "jiwei");
	json_decref(call(f, "POST", "/api/v1/complaints/key",
			 "{\"passphrase\":\"correct horse battery staple\"}", &status));
	assert_int_equal(status, 201);
	login(f, NULL);
	json_t *j =
	    call(f, "POST", "/api/v1/public/complaints",
		 "{\"village_code\":\"321283101201\",\"subject\":\"工程款去向不明\","
		 "\"name\":\"" NAME "\",\"phone\":\"" PHONE "\",\"address\":\"" ADDRESS "\"}",
		 &status);
	assert_int_equal(status, 201);
	char receipt[32];
	snprintf(receipt, sizeof(receipt), "%s", json_string_value(json_object_get(j, "receipt")));
	json_decref(j);
	/* A refused request with the same identity: nothing of it stays either. */
	json_decref(call(f, "POST", "/api/v1/public/complaints",
			 "{\"village_code\":\"321283109999\",\"subject\":\"x\",\"name\":\"" NAME
			 "\",\"phone\":\"" PHONE "\"}",
			 &status));
	assert_int_equal(status, 404);
	char target[128];
	snprintf(target, sizeof(target), "/api/v1/public/complaints/%s", receipt);
	j = call(f, "GET", target, NULL, &status);
	assert_int_equal(status, 200);
	json_decref(j);

	/* The commission opens it: the identity is really there, sealed. */
	login(f, "jiwei");
	j = call(f, "POST", "/api/v1/complaints/1/identity",
		 "{\"passphrase\":\"wrong horse battery staple\"}", &status);
	assert_int_equal(status, 403);
	json_decref(j);
	j = call(f, "POST", "/api/v1/complaints/1/identity",
		 "{\"passphrase\":\"correct horse battery staple\"}", &status);
	assert_int_equal(status, 200);
	json_t *ident = json_object_get(j, "identity");
	assert_string_equal(json_string_value(json_object_get(ident, "name")), NAME);
	assert_string_equal(json_string_value(json_object_get(ident, "phone")), PHONE);
	json_decref(j);
	j = call(f, "GET", "/api/v1/complaints/1", NULL, &status);
	assert_int_equal(status, 200);
	char *detail = json_dumps(j, 0);
	assert_null(strstr(detail, NAME));
	assert_null(strstr(detail, PHONE));
	free(detail);
	json_decref(j);

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(errfd);
	assert_false(file_has(errpath, NAME));
	assert_false(file_has(errpath, PHONE));
	assert_false(file_has(errpath, ADDRESS));
	unlink(errpath);

	/* The log: every entry, as stored. */
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	struct db_res *res;
	assert_int_equal(trail_entries(c, &res), E_OK);
	int entries = 0, decrypts = 0;
	while (db_row(res)) {
		for (int col = 0; col < db_ncols(res); col++) {
			const char *t = db_text(res, col);
			if (!t)
				continue;
			assert_null(strstr(t, NAME));
			assert_null(strstr(t, PHONE));
			assert_null(strstr(t, ADDRESS));
			assert_null(strstr(t, "工程款去向不明")); /* nor the complainant's words */
			decrypts += strstr(t, "complaint.decrypt") != NULL;
		}
		entries++;
	}
	assert_int_equal(db_done(res), E_OK);
	assert_true(entries > 10);
	assert_true(decrypts >= 2); /* the refused and the successful attempt */
	db_conn_put(f->app.db, c);

	/* The database file and its WAL, byte for byte. */
	const char *path = db_url(f->tdb);
	char wal[1100], shm[1100];
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	assert_true(file_has(path, "工程款去向不明") || file_has(wal, "工程款去向不明"));
	const char *const files[] = {path, wal, shm};
	for (size_t i = 0; i < 3; i++) {
		assert_false(file_has(files[i], NAME));
		assert_false(file_has(files[i], PHONE));
		assert_false(file_has(files[i], ADDRESS));
	}
	/* The receipt code is not stored either, only its hash. */
	for (size_t i = 0; i < 3; i++)
		assert_false(file_has(files[i], receipt));
}

/* The account API has no person link yet: the test sets it directly (behind
 * the log's back, so this database is not verified afterwards). */
static void link_accused(struct fx *f)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	assert_int_equal(db_exec_script(c, "UPDATE users SET person_id = (SELECT id FROM people "
					   "WHERE id_no = '" ACCUSED "') WHERE username IN "
					   "('beifan', 'jiwei2')"),
			 E_OK);
	db_conn_put(f->app.db, c);
}

static void test_complaint__hidden_from_accused(void **state)
{
	struct fx *f = *state;
	int status;
	link_accused(f);
	login(f, "jiwei");
	json_t *j =
	    call(f, "POST", "/api/v1/complaints",
		 "{\"village_code\":\"321283101201\",\"channel\":\"来信\",\"subject\":\"书记"
		 "优亲厚友\",\"accused_id_no\":\"" ACCUSED "\",\"anonymous\":true}",
		 &status);
	assert_int_equal(status, 201);
	int64_t accusing = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = call(f, "POST", "/api/v1/complaints",
		 "{\"village_code\":\"321283101201\",\"channel\":\"来信\",\"subject\":\"道路失修\","
		 "\"anonymous\":true}",
		 &status);
	assert_int_equal(status, 201);
	int64_t other = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	char t[128];
	for (int i = 0; i < 2; i++) {
		snprintf(t, sizeof(t), "/api/v1/complaints/%lld/decision",
			 (long long)(i ? other : accusing));
		json_decref(call(f, "POST", t, "{\"decision\":\"受理\"}", &status));
		assert_int_equal(status, 200);
	}
	/* The accused cannot be made its handler... */
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld/assign", (long long)accusing);
	j = call(f, "POST", t, "{\"handler\":\"beifan\"}", &status);
	assert_int_equal(status, 422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "complaint.handler_accused");
	json_decref(j);
	/* ...but handles the other complaint; naming them accused there is refused. */
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld/assign", (long long)other);
	json_decref(call(f, "POST", t, "{\"handler\":\"beifan\"}", &status));
	assert_int_equal(status, 200);
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld", (long long)other);
	j = call(f, "PUT", t, "{\"accused_id_no\":\"" ACCUSED "\"}", &status);
	assert_int_equal(status, 422);
	json_decref(j);

	/* The commission sees both. */
	j = call(f, "GET", "/api/v1/complaints", NULL, &status);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);

	/* The accused as a village user: only the complaint they handle. */
	login(f, "beifan");
	j = call(f, "GET", "/api/v1/complaints", NULL, &status);
	assert_int_equal(status, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld", (long long)accusing);
	json_decref(call(f, "GET", t, NULL, &status));
	assert_int_equal(status, 404);

	/* The accused as a member of the commission: the same. */
	login(f, "jiwei2");
	j = call(f, "GET", "/api/v1/complaints", NULL, &status);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	char *text = json_dumps(j, 0);
	assert_null(strstr(text, "优亲厚友"));
	free(text);
	json_decref(j);
	j = call(f, "GET", "/api/v1/complaints/inbox", NULL, &status);
	text = json_dumps(j, 0);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_null(strstr(text, "优亲厚友"));
	free(text);
	json_decref(j);
	j = call(f, "GET", "/api/v1/complaints/stats", NULL, &status);
	assert_int_equal(status, 200);
	json_t *v0 = json_array_get(json_object_get(j, "village"), 0);
	assert_int_equal(json_integer_value(json_object_get(v0, "total")), 1);
	json_decref(j);
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld", (long long)accusing);
	json_decref(call(f, "GET", t, NULL, &status));
	assert_int_equal(status, 404);
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld/assign", (long long)accusing);
	json_decref(call(f, "POST", t, "{\"handler\":\"cun_a\"}", &status));
	assert_int_equal(status, 404);
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld/identity", (long long)accusing);
	json_decref(call(f, "POST", t, "{\"passphrase\":\"x\"}", &status));
	assert_int_equal(status, 404);
	/* Nor through a link, nor the log of the complaint naming them. */
	snprintf(t, sizeof(t), "/api/v1/complaints/%lld/links", (long long)other);
	json_decref(
	    call(f, "POST", t, "{\"other_ref\":\"XF2026-0001\",\"kind\":\"相关\"}", &status));
	assert_int_equal(status, 400);
	snprintf(t, sizeof(t), "/api/v1/trail?entity=complaints&key=%lld", (long long)accusing);
	j = call(f, "GET", t, NULL, &status);
	text = json_dumps(j, 0);
	assert_null(strstr(text, "accused"));
	free(text);
	json_decref(j);
}

/* Expect a status; the answer is dropped. */
static void expect(struct fx *f, const char *method, const char *target, const char *body, int want)
{
	int status;
	json_t *j = call(f, method, target, body, &status);
	if (status != want) {
		char *t = json_dumps(j, 0);
		fprintf(stderr, "%s %s: %d, expected %d: %s\n", method, target, status, want, t);
		free(t);
	}
	json_decref(j);
	assert_int_equal(status, want);
}

/* Every row the four modules write matches its latest log entry. */
static void test_complaint__verify_clean(void **state)
{
	struct fx *f = *state;
	login(f, "jiwei");
	expect(f, "POST", "/api/v1/complaints/key", "{\"passphrase\":\"correct horse battery\"}",
	       201);
	expect(f, "POST", "/api/v1/complaints",
	       "{\"village_code\":\"321283101201\",\"channel\":\"来访\",\"subject\":\"账目\","
	       "\"name\":\"某人\",\"phone\":\"13000000000\"}",
	       201);
	expect(f, "PUT", "/api/v1/complaints/1", "{\"category\":\"财务\",\"track\":\"jijian\"}",
	       200);
	expect(f, "POST", "/api/v1/complaints/1/decision", "{\"decision\":\"受理\"}", 200);
	expect(f, "POST", "/api/v1/complaints/1/extend", "{\"days\":10,\"reason\":\"复杂\"}", 200);
	expect(f, "POST", "/api/v1/complaints/1/assign", "{\"handler\":\"cun_a\"}", 200);
	expect(f, "POST", "/api/v1/complaints/1/conclude",
	       "{\"outcome\":\"属实\",\"opinion\":\"属实\"}", 200);
	expect(f, "POST", "/api/v1/complaints/1/reply", "{\"text\":\"已处理\"}", 200);
	expect(f, "POST", "/api/v1/complaints/1/identity",
	       "{\"passphrase\":\"correct horse battery\"}", 200);
	expect(f, "POST", "/api/v1/complaints",
	       "{\"village_code\":\"321283101201\",\"channel\":\"电话\",\"subject\":\"重复\","
	       "\"anonymous\":true,\"received_date\":\"2026-01-05\"}",
	       201);
	expect(f, "POST", "/api/v1/complaints/2/links",
	       "{\"other_ref\":\"XF2026-0001\",\"kind\":\"重复\"}", 201);
	expect(f, "POST", "/api/v1/complaints/escalate", NULL, 200);
	expect(f, "POST", "/api/v1/rectifications",
	       "{\"village_code\":\"321283101201\",\"source\":\"督查\",\"problem\":\"台账\","
	       "\"owner\":\"张书记\",\"deadline\":\"2099-12-31\",\"measures\":\"补登\"}",
	       201);
	expect(f, "PUT", "/api/v1/rect-tasks/1", "{\"done_date\":\"2026-01-01\"}", 200);
	expect(f, "POST", "/api/v1/audits",
	       "{\"village_code\":\"321283101201\",\"kind\":\"专项\",\"topic\":\"一事一议\"}", 201);
	expect(f, "POST", "/api/v1/audits/1/report",
	       "{\"report_date\":\"2026-01-01\",\"summary\":\"有问题\"}", 200);
	expect(f, "POST", "/api/v1/audits/1/findings",
	       "{\"description\":\"白条\",\"amount\":\"12.30\",\"owner\":\"王会计\","
	       "\"deadline\":\"2099-01-01\"}",
	       201);
	expect(f, "POST", "/api/v1/audits/annual-plan", "{\"year\":2025}", 200);
	expect(f, "POST", "/api/v1/discipline/cases",
	       "{\"village_code\":\"321283101201\",\"id_no\":\"321283198001203031\","
	       "\"form\":3,\"kind\":\"留党察看\",\"opened_date\":\"2026-01-02\"}",
	       201);
	expect(f, "PUT", "/api/v1/discipline/cases/1",
	       "{\"state\":\"decided\",\"decided_date\":\"2026-01-03\",\"outcome\":\"已执行\"}",
	       200);
	login(f, NULL);
	expect(f, "POST", "/api/v1/public/complaints",
	       "{\"village_code\":\"321283101202\",\"subject\":\"匿名\",\"anonymous\":true}", 201);

	struct db_conn *c;
	struct errinfo ei = {0};
	struct trail_report rep;
	assert_int_equal(db_conn_get(f->app.db, &c, &ei), E_OK);
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = open_memstream(&out, &outlen);
	assert_int_equal(trail_verify(c, NULL, NULL, fp, &rep, &ei), E_OK);
	fclose(fp);
	if (rep.problems)
		fprintf(stderr, "%s", out);
	free(out);
	db_conn_put(f->app.db, c);
	assert_int_equal(rep.problems, 0);
	assert_true(rep.rows > 20);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_complaint__sealed_identity, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_complaint__hidden_from_accused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_complaint__verify_clean, setup, teardown),
	};
	return testdb_run_group("complaint sealed identity and accused", tests, NULL, NULL);
}
