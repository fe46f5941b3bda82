/*
 * The authorization matrix, generated from the route table: every route × every
 * role (and anonymous) × own village / other village for village-scoped routes.
 * The expected answer is computed from the route's permission (perms.def, through
 * rbac_allows) and its scope; the request goes through the real gate in-process
 * (the transcript driver's way) on the world of world.h, and the two are
 * compared.  "Allowed" means the gate let the request through: any status but
 * 401/403 (400/404/409/422 from the made-up body are fine).  "Forbidden" means
 * 403 (401 anonymous).  "Hidden" means 404: a complaint is answered as absent to
 * staff who neither manage complaints nor handle it (包案), and to the person it
 * accuses (complaint.c complaint_village).  Writes without the CSRF token are
 * refused with 403 for every role that holds the permission.  Afterwards the
 * complaint-about-the-user case is checked on lists and details, and `verify`
 * must find the database clean.  Prints the counts; exit 0 only with 0
 * differences.  It must not list routes by hand.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/module.h"
#include "core/rbac.h"
#include "mod/perms.h"
#include "testdb.h"
#include "world.h"

enum expect { EX_ALLOWED, EX_FORBIDDEN, EX_UNAUTH, EX_HIDDEN };
static const char *const expect_name[] = {"allowed", "forbidden (403)", "login required (401)",
					  "hidden (404)"};

struct tally {
	long cells;	  /* route × role × village cells checked */
	long csrf_cells;  /* write × role cells sent without the token */
	long differences; /* cells whose answer differs from the expectation */
	long allowed;	  /* cells expected allowed */
	long forbidden;	  /* cells expected 401/403 */
	long hidden;	  /* cells expected 404 (hidden records) */
};

/* A value for a path parameter other than {id}/{village}. */
static const char *param_value(struct world *w, const char *name, int v)
{
	if (strcmp(name, "village") == 0 || strcmp(name, "code") == 0)
		return w->code[v];
	if (strcmp(name, "year") == 0)
		return "2025";
	if (strcmp(name, "township") == 0)
		return w->township;
	if (strcmp(name, "period") == 0)
		return "2025-12";
	if (strcmp(name, "report") == 0)
		return "trial-balance";
	if (strcmp(name, "file") == 0)
		return "people.csv";
	if (strcmp(name, "date") == 0)
		return "2026-10-01";
	if (strcmp(name, "sha256") == 0)
		return "0000000000000000000000000000000000000000000000000000000000000000";
	if (strcmp(name, "entity") == 0)
		return "disclosures";
	if (strcmp(name, "item_code") == 0)
		return "CZ-01";
	if (strcmp(name, "receipt") == 0)
		return "NOSUCHRECEIPT";
	return "999999"; /* {aid} and {id} of township-level records: any id will do */
}

/* A body every declared field of which is well-formed, so that the gate's body
 * check passes and the scope check is reached. */
static char *make_body(struct world *w, const struct route *rt, int v)
{
	json_t *o = json_object();
	for (const struct field *f = rt->in; f && f->name; f++) {
		json_t *x = NULL;
		switch (f->type) {
		case FT_STR:
			x = json_string("授权矩阵");
			break;
		case FT_INT:
			x = json_integer(1);
			break;
		case FT_BOOL:
			x = json_false();
			break;
		case FT_DATE:
			x = json_string("2026-06-01");
			break;
		case FT_MONEY:
			x = json_string("1.00");
			break;
		case FT_IDNO:
			x = json_string(w->person[v]);
			break;
		case FT_AREA:
			x = json_string(w->code[v]);
			break;
		case FT_ENUM:
			x = json_string(f->choices[0]);
			break;
		case FT_ARRAY:
			x = json_array();
			break;
		case FT_OBJECT:
			x = json_object();
			break;
		}
		json_object_set_new(o, f->name, x);
	}
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

static bool is_complaint_detail(const struct route *rt)
{
	return strncmp(rt->pattern, "/api/v1/complaints/{id}", 23) == 0;
}

/* file: the import file of POST /api/v1/import/{file}, whose own permission the
 * upload handler checks after the gate's (session), or NULL. */
static enum expect expected(const struct route *rt, const struct import_file *file,
			    const struct world_user *u, int v)
{
	struct principal p = {0};
	if (rt->perm->anonymous)
		return EX_ALLOWED;
	if (u->role < 0)
		return EX_UNAUTH;
	p.role = (enum role)u->role;
	if (!rbac_allows(rt->perm, &p) || (file && !rbac_allows(file->perm, &p)))
		return EX_FORBIDDEN;
	if (rt->scope == SCOPE_VILLAGE && !rbac_role_all_villages(p.role) && u->village != v)
		return EX_FORBIDDEN;
	/* The complaint's own rule: only the commission (complaint_manage) and the
	 * person it is 包案 to (the village's secretary, in the world) see it. */
	if (is_complaint_detail(rt) && !(perm_complaint_manage.roles & ROLE_BIT(p.role)) &&
	    !(p.role == ROLE_VILLAGE && u->village == v))
		return EX_HIDDEN;
	return EX_ALLOWED;
}

static bool hidden_answer(json_t *j)
{
	const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
	return code && strcmp(code, "complaint.not_found") == 0;
}

static bool matches(const struct route *rt, enum expect ex, int status, json_t *j)
{
	switch (ex) {
	case EX_ALLOWED:
		/* where 404 is the hiding answer, an allowed cell must not get it */
		return status != 401 && status != 403 &&
		       !(is_complaint_detail(rt) && status == 404 && hidden_answer(j));
	case EX_FORBIDDEN:
		return status == 403;
	case EX_UNAUTH:
		return status == 401;
	case EX_HIDDEN:
		return status == 404 && hidden_answer(j);
	}
	return false;
}

/* The request of one cell; NULL (with *missing set) when the record is missing. */
static char *cell_target(struct world *w, const struct route *rt, const struct import_file *file,
			 int v, const char **missing)
{
	struct buf b = BUF_INIT;
	bool has_village = false;
	*missing = NULL;
	for (const char *p = rt->pattern; *p;) {
		if (*p != '{') {
			buf_addc(&b, *p++);
			continue;
		}
		const char *close = strchr(p, '}');
		char name[32];
		snprintf(name, sizeof(name), "%.*s", (int)(close - p - 1), p + 1);
		p = close + 1;
		if (strcmp(name, "village") == 0)
			has_village = true;
		if (strcmp(name, "id") == 0 && rt->scope == SCOPE_VILLAGE && rt->village_of) {
			int64_t id;
			const char *table;
			if (!world_entity_id(w, rt->pattern, v, &id, &table)) {
				*missing = "(no entity table for this pattern in world.c)";
				buf_release(&b);
				return NULL;
			}
			if (!id) {
				*missing = table;
				buf_release(&b);
				return NULL;
			}
			buf_addf(&b, "%lld", (long long)id);
		} else if (strcmp(name, "file") == 0 && file) {
			buf_adds(&b, file->file);
		} else {
			buf_adds(&b, param_value(w, name, v));
		}
	}
	/* The gate's last way to name the village: ?village= (uploads). */
	if (rt->scope == SCOPE_VILLAGE && !rt->village_of && !has_village)
		buf_addf(&b, "?village=%s", w->code[v]);
	return buf_detach(&b, NULL);
}

static bool is_login(const struct route *rt)
{
	return strcmp(rt->method, "POST") == 0 && strcmp(rt->pattern, "/api/v1/session") == 0;
}

static void check_cell(struct world *w, struct tally *t, const struct route *rt,
		       const struct import_file *file, struct world_user *u, int v, bool csrf,
		       enum expect ex)
{
	const char *missing;
	char *target = cell_target(w, rt, file, v, &missing);
	if (!target) {
		printf("DIFF %s %s: no record in village %c (%s)\n", rt->method, rt->pattern,
		       v ? 'B' : 'A', missing);
		t->differences++;
		return;
	}
	char *body = NULL;
	size_t len = 0;
	if (is_login(rt)) {
		/* Logging in is open to all: with a real user's name and password
		 * (anonymous: admin's), since a wrong password is answered 401. */
		char b[160];
		snprintf(b, sizeof(b), "{\"username\":\"%s\",\"password\":\"password123\"}",
			 u->role < 0 ? "admin" : u->name);
		body = strdup(b);
		len = strlen(body);
	} else if (rt->flags & ROUTE_RAW_BODY) {
		body = strdup("authz matrix");
		len = strlen(body);
	} else if (rt->in) {
		body = make_body(w, rt, v);
		len = strlen(body);
	}
	struct world_answer a;
	world_request(w, u->role < 0 ? NULL : u, rt->method, target, body, len, csrf,
		      (rt->flags & ROUTE_RAW_BODY) ? "authz.txt" : NULL, NULL, &a);
	if (csrf)
		t->cells++;
	else
		t->csrf_cells++;
	if (!matches(rt, ex, a.status, a.json)) {
		char *j = json_dumps(a.json, JSON_ENCODE_ANY | JSON_COMPACT);
		printf("DIFF %s %s as %s (%s, village %c%s): expected %s, got %d %.300s\n",
		       rt->method, target, u->name,
		       u->role >= 0 ? rbac_role_name(u->role) : "anonymous", v ? 'B' : 'A',
		       csrf ? "" : ", no CSRF token", expect_name[ex], a.status, j ? j : "");
		free(j);
		t->differences++;
	}
	/* A logout or a login replaces the session: start a new one. */
	if (u->role >= 0 && strstr(a.headers.ptr ? a.headers.ptr : "", "qlsid="))
		world_login(w, u);
	world_answer_release(&a);
	free(target);
	free(body);
}

/* The roles of the matrix: anonymous and one user of each role. */
static const char *const matrix_users[] = {"-",	     "admin", "jiwei",	   "nongye",
					   "kuaiji", "cun_a", "jianwei_a", "dudao"};
#define NMU (sizeof(matrix_users) / sizeof(matrix_users[0]))

static void run_cells(struct world *w, struct tally *t, const struct route *rt,
		      const struct import_file *file)
{
	int nv = rt->scope == SCOPE_VILLAGE ? 2 : 1;
	/* Refusals first, then writes without the token, then what is allowed, so
	 * that no allowed write changes or removes a record before a refusal on it
	 * is checked. */
	for (int v = nv - 1; v >= 0; v--)
		for (size_t i = 0; i < NMU; i++) {
			struct world_user *u = world_user(w, matrix_users[i]);
			enum expect ex = expected(rt, file, u, v);
			if (ex == EX_ALLOWED)
				continue;
			if (ex == EX_HIDDEN)
				t->hidden++;
			else
				t->forbidden++;
			check_cell(w, t, rt, file, u, v, true, ex);
		}
	if ((rt->flags & ROUTE_WRITE) && !(rt->flags & ROUTE_NO_CSRF))
		for (size_t i = 0; i < NMU; i++) {
			struct world_user *u = world_user(w, matrix_users[i]);
			if (u->role < 0 || expected(rt, file, u, 0) == EX_FORBIDDEN)
				continue;
			check_cell(w, t, rt, file, u, 0, false, EX_FORBIDDEN);
		}
	for (int v = nv - 1; v >= 0; v--)
		for (size_t i = 0; i < NMU; i++) {
			struct world_user *u = world_user(w, matrix_users[i]);
			if (expected(rt, file, u, v) != EX_ALLOWED)
				continue;
			t->allowed++;
			check_cell(w, t, rt, file, u, v, true, EX_ALLOWED);
		}
}

/* The upload route takes its second permission from the file named in the path:
 * one set of cells per import file of every module. */
static void run_route(struct world *w, struct tally *t, const struct route *rt)
{
	if (!strstr(rt->pattern, "{file}")) {
		run_cells(w, t, rt, NULL);
		return;
	}
	for (const struct module *const *m = w->app.modules; *m; m++)
		for (size_t i = 0; i < (*m)->nimports; i++)
			run_cells(w, t, rt, &(*m)->imports[i]);
}

/* ---- complaints hidden from the accused ------------------------------------------------ */

static int accused_case(struct world *w)
{
	int fails = 0;
	/* A village secretary of A who is also a person of A's register, and a
	 * commission member who is a person too: each accused in a complaint. */
	struct world_user *jiwei = world_user(w, "jiwei");
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"username\":\"accused_a\",\"display_name\":\"被反映人\",\"role\":\"village\","
		 "\"password\":\"password123\",\"village_codes\":[\"%s\"],\"person_id_no\":\"%s\"}",
		 w->code[0], w->person[0]);
	struct world_user *admin = world_user(w, "admin");
	struct world_answer a;
	world_request(w, admin, "POST", "/api/v1/users", body, strlen(body), true, NULL, NULL, &a);
	if (a.status != 201) {
		char *j = json_dumps(a.json, JSON_ENCODE_ANY);
		printf("FAIL accused: user not created (%d %s)\n", a.status, j);
		free(j);
		world_answer_release(&a);
		return 1;
	}
	world_answer_release(&a);
	struct world_user *acc = &w->users[w->nusers++];
	*acc = (struct world_user){"accused_a", ROLE_VILLAGE, 0, NULL, "", "", 0};
	if (!world_login(w, acc))
		return 1;
	/* The complaint about them, 包案 to them by mistake is refused; handled by jiwei. */
	snprintf(
	    body, sizeof(body),
	    "{\"village_code\":\"%s\",\"channel\":\"来信\",\"subject\":\"书记优亲厚友-被反映\","
	    "\"accused_id_no\":\"%s\",\"anonymous\":true}",
	    w->code[0], w->person[0]);
	world_request(w, jiwei, "POST", "/api/v1/complaints", body, strlen(body), true, NULL, NULL,
		      &a);
	json_int_t cid = json_integer_value(json_object_get(a.json, "id"));
	if (a.status != 201 || !cid) {
		printf("FAIL accused: complaint not registered (%d)\n", a.status);
		world_answer_release(&a);
		return 1;
	}
	world_answer_release(&a);
	char path[128];
	/* jiwei sees it */
	snprintf(path, sizeof(path), "/api/v1/complaints/%lld", (long long)cid);
	world_request(w, jiwei, "GET", path, NULL, 0, true, NULL, NULL, &a);
	if (a.status != 200) {
		printf("FAIL accused: jiwei cannot read the complaint (%d)\n", a.status);
		fails++;
	}
	world_answer_release(&a);
	/* the accused: not in any list, no detail, no step */
	static const char *const lists[] = {"/api/v1/complaints", "/api/v1/complaints/inbox",
					    "/api/v1/complaints?q=%E8%A2%AB%E5%8F%8D%E6%98%A0",
					    "/api/v1/complaints?village="};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		char target[160];
		snprintf(target, sizeof(target), "%s%s", lists[i],
			 strchr(lists[i], '=') && lists[i][strlen(lists[i]) - 1] == '=' ? w->code[0]
											: "");
		world_request(w, acc, "GET", target, NULL, 0, true, NULL, NULL, &a);
		if (strstr(a.raw.ptr ? a.raw.ptr : "", "被反映")) {
			printf("FAIL accused: %s shows the complaint to the accused\n", target);
			fails++;
		}
		world_answer_release(&a);
	}
	static const char *const steps[][2] = {
	    {"GET", ""}, {"POST", "/progress"}, {"POST", "/reply"}, {"POST", "/conclude"}};
	static const char *const bodies[] = {NULL, "{\"note\":\"x\"}", "{\"text\":\"x\"}",
					     "{\"outcome\":\"属实\",\"opinion\":\"x\"}"};
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "/api/v1/complaints/%lld%s", (long long)cid,
			 steps[i][1]);
		world_request(w, acc, steps[i][0], path, bodies[i],
			      bodies[i] ? strlen(bodies[i]) : 0, true, NULL, NULL, &a);
		if (a.status != 404) {
			printf("FAIL accused: %s %s answered %d to the accused, expected 404\n",
			       steps[i][0], path, a.status);
			fails++;
		}
		world_answer_release(&a);
	}
	/* the commission may not 包案 it to the accused */
	snprintf(path, sizeof(path), "/api/v1/complaints/%lld/decision", (long long)cid);
	world_request(w, jiwei, "POST", path, "{\"decision\":\"受理\",\"reason\":\"x\"}", 36, true,
		      NULL, NULL, &a);
	world_answer_release(&a);
	snprintf(path, sizeof(path), "/api/v1/complaints/%lld/assign", (long long)cid);
	world_request(w, jiwei, "POST", path, "{\"handler\":\"accused_a\"}", 23, true, NULL, NULL,
		      &a);
	if (a.status / 100 == 2) {
		printf("FAIL accused: the complaint was 包案 to the person it accuses (%d)\n",
		       a.status);
		fails++;
	}
	world_answer_release(&a);
	printf("complaints hidden from the accused: %s\n", fails ? "FAILED" : "ok");
	return fails;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: authz_matrix sqlite|pg\n");
		return 2;
	}
	enum db_backend b = strcmp(argv[1], "pg") == 0 ? DB_PG : DB_SQLITE;
	if (b == DB_PG && !testdb_pg_available()) {
		printf("skipped: QL_TEST_PG_URL is not set\n");
		return 77;
	}
	if (sodium_init() < 0)
		return 1;
	/* Thousands of requests from few addresses: the per-address limits are off. */
	setenv("QL_RATELIMIT", "off", 1);
	struct world w;
	if (!world_open(&w, b, true)) {
		fprintf(stderr, "FAIL: the test world could not be built\n");
		world_close(&w);
		return 1;
	}
	struct tally t = {0};
	size_t nroutes = w.app.nroutes;
	for (size_t i = 0; i < nroutes; i++)
		run_route(&w, &t, w.app.routes[i]);
	int fails = accused_case(&w);
	uint64_t problems = world_verify(&w);
	printf("authorization matrix (%s): %zu routes, %ld cells (%ld allowed, %ld refused, %ld "
	       "hidden) + %ld writes without CSRF token; %ld differences; verify: %llu problems\n",
	       testdb_backend_name(b), nroutes, t.cells, t.allowed, t.forbidden, t.hidden,
	       t.csrf_cells, t.differences, (unsigned long long)problems);
	world_close(&w);
	return t.differences || fails || problems ? 1 : 0;
}
