/*
 * Web-security checks through the real gate, in-process, on the world of
 * tests/authz/world.h:
 *  - every payload of tests/security/payloads.txt through every text field (FT_STR)
 *    of every JSON write route, as a user who holds the route's permission, and
 *    through every path parameter and the common query arguments of every GET
 *    route: never a 5xx, never an SQL error text in the answer;
 *  - round trips: a complaint's subject comes back verbatim (JSON-escaped), and a
 *    published disclosure's title is shown HTML-escaped on the public portal;
 *  - the session id changes at login and the cookie of before is dead;
 *  - per-address rate limits (login failures, public forms, the subsidy
 *    self-query) answer 429 in Chinese at the configured count, on the app's
 *    clock (the test clock is fixed, so nothing depends on the time of day);
 *  - uploads: a file whose bytes are not what its name says, and an oversized
 *    body, are refused on every upload route.
 * Prints the counts; exit 0 only when nothing failed.  What only the HTTP layer
 * does (headers, static files, CRLF) is tests/security/web.sh.
 */
#include <ctype.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/module.h"
#include "core/ratelimit.h"
#include "core/rbac.h"
#include "testdb.h"
#include "world.h"

#define MAXP 256

static char *payloads[MAXP];
static int npayloads;
static long failures;

static void bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void bad(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("FAIL ");
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failures++;
}

/* ---- the corpus ------------------------------------------------------------------- */

static void put_utf8(struct buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xC0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xE0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_addc(b, (char)(0xF0 | (cp >> 18)));
		buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

static bool load_payloads(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		return false;
	}
	char line[1024];
	while (fgets(line, sizeof(line), f) && npayloads < MAXP) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		struct buf b = BUF_INIT;
		for (const char *p = line; *p; p++) {
			if (p[0] != '\\' || !p[1]) {
				buf_addc(&b, *p);
				continue;
			}
			p++;
			if (*p == 'r')
				buf_addc(&b, '\r');
			else if (*p == 'n')
				buf_addc(&b, '\n');
			else if (*p == 't')
				buf_addc(&b, '\t');
			else if (*p == 'u' && p[1] == '{') {
				char *end;
				unsigned long cp = strtoul(p + 2, &end, 16);
				put_utf8(&b, cp);
				p = *end == '}' ? end : end - 1;
			} else
				buf_addc(&b, *p);
		}
		payloads[npayloads++] = buf_detach(&b, NULL);
	}
	fclose(f);
	return npayloads > 0;
}

/* ---- what an answer must never show ---------------------------------------------------- */

static const char *const sql_errors[] = {
    "SQLITE_",	      "sqlite3",    "syntax error", "unrecognized token", "no such table",
    "no such column", "SQLSTATE",   "ERROR:  ",	    "constraint failed",  "violates",
    "duplicate key",  "pg_catalog", "libpq",
};

static void check_answer(const char *what, const struct world_answer *a, long *count)
{
	(*count)++;
	if (a->status >= 500)
		bad("%s: answered %d: %.200s", what, a->status, a->raw.ptr ? a->raw.ptr : "");
	for (size_t i = 0; i < sizeof(sql_errors) / sizeof(sql_errors[0]); i++)
		if (a->raw.len &&
		    memmem(a->raw.ptr, a->raw.len, sql_errors[i], strlen(sql_errors[i])))
			bad("%s: the answer shows SQL error text \"%s\": %.200s", what,
			    sql_errors[i], a->raw.ptr);
}

/* ---- requests built from the route table ----------------------------------------------- */

static const char *const actors[] = {"jiwei",	  "nongye", "cun_a", "kuaiji",
				     "jianwei_a", "dudao",  "admin"};

static struct world_user *actor_for(struct world *w, const struct route *rt)
{
	if (rt->perm->anonymous)
		return NULL;
	for (size_t i = 0; i < sizeof(actors) / sizeof(actors[0]); i++) {
		struct world_user *u = world_user(w, actors[i]);
		struct principal p = {0};
		p.role = (enum role)u->role;
		if (rbac_allows(rt->perm, &p))
			return u;
	}
	return NULL;
}

static char *json_body(struct world *w, const struct route *rt, const char *field,
		       const char *payload)
{
	json_t *o = json_object();
	for (const struct field *f = rt->in; f && f->name; f++) {
		json_t *x = NULL;
		if (field && strcmp(f->name, field) == 0) {
			x = json_string(payload);
			if (!x) /* not UTF-8: sent as bytes anyway, below */
				x = json_string("");
		} else
			switch (f->type) {
			case FT_STR:
				x = json_string("安全测试");
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
				x = json_string(w->person[0]);
				break;
			case FT_AREA:
				x = json_string(w->code[0]);
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

static void url_encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || strchr("-._~", *p))
			buf_addc(b, (char)*p);
		else
			buf_addf(b, "%%%02X", *p);
	}
}

/* The path of rt with every parameter set to value (or to a real id / village). */
static char *path_of(struct world *w, const struct route *rt, const char *payload, bool encode)
{
	struct buf b = BUF_INIT;
	for (const char *p = rt->pattern; *p;) {
		if (*p != '{') {
			buf_addc(&b, *p++);
			continue;
		}
		const char *close = strchr(p, '}');
		char name[32];
		snprintf(name, sizeof(name), "%.*s", (int)(close - p - 1), p + 1);
		p = close + 1;
		int64_t id;
		const char *table;
		if (payload) {
			if (encode)
				url_encode(&b, payload);
			else
				buf_adds(&b, payload);
		} else if (strcmp(name, "village") == 0 || strcmp(name, "code") == 0) {
			buf_adds(&b, w->code[0]);
		} else if (strcmp(name, "year") == 0) {
			buf_adds(&b, "2025");
		} else if (strcmp(name, "id") == 0 &&
			   world_entity_id(w, rt->pattern, 0, &id, &table) && id) {
			buf_addf(&b, "%lld", (long long)id);
		} else {
			buf_adds(&b, "1");
		}
	}
	return buf_detach(&b, NULL);
}

/* ---- 1: every text field of every write route -------------------------------------------- */

static long fields_tried, field_requests;

static void write_routes(struct world *w)
{
	for (size_t i = 0; i < w->app.nroutes; i++) {
		const struct route *rt = w->app.routes[i];
		if (!(rt->flags & ROUTE_WRITE) || (rt->flags & ROUTE_RAW_BODY) || !rt->in)
			continue;
		if (strcmp(rt->pattern, "/api/v1/session") == 0)
			continue; /* logging in with payloads: counted as failures, see part 4 */
		struct world_user *u = actor_for(w, rt);
		if (!rt->perm->anonymous && !u)
			continue;
		char *path = path_of(w, rt, NULL, false);
		for (const struct field *f = rt->in; f->name; f++) {
			if (f->type != FT_STR)
				continue;
			fields_tried++;
			for (int k = 0; k < npayloads; k++) {
				char *body = json_body(w, rt, f->name, payloads[k]);
				struct world_answer a;
				world_request(w, u, rt->method, path, body, strlen(body), true,
					      NULL, NULL, &a);
				char what[256];
				snprintf(what, sizeof(what), "%s %s field %s payload #%d",
					 rt->method, rt->pattern, f->name, k + 1);
				check_answer(what, &a, &field_requests);
				/* a login or logout in between would end the session */
				if (u && strstr(a.headers.ptr ? a.headers.ptr : "", "qlsid="))
					world_login(w, u);
				world_answer_release(&a);
				free(body);
			}
		}
		free(path);
	}
}

/* ---- 2: every path parameter and query argument of every GET route ------------------------------
 */

static long path_requests;

static void read_routes(struct world *w)
{
	static const char *const args[] = {"q",	     "village", "page",	  "per_page", "year",
					   "period", "state",	"format", "columns"};
	for (size_t i = 0; i < w->app.nroutes; i++) {
		const struct route *rt = w->app.routes[i];
		if (strcmp(rt->method, "GET") != 0)
			continue;
		struct world_user *u = actor_for(w, rt);
		for (int k = 0; k < npayloads; k++) {
			struct world_answer a;
			char what[256];
			/* the payload in every path parameter (the transport decodes %XX) */
			if (strchr(rt->pattern, '{') && !strchr(payloads[k], '/')) {
				char *path = path_of(w, rt, payloads[k], false);
				world_request(w, u, "GET", path, NULL, 0, true, NULL, NULL, &a);
				snprintf(what, sizeof(what), "GET %s with payload #%d in the path",
					 rt->pattern, k + 1);
				check_answer(what, &a, &path_requests);
				world_answer_release(&a);
				free(path);
			}
			/* and in the query arguments lists and reports read */
			char *path = path_of(w, rt, NULL, false);
			struct buf t = BUF_INIT;
			buf_adds(&t, path);
			for (size_t j = 0; j < sizeof(args) / sizeof(args[0]); j++) {
				buf_addc(&t, j ? '&' : '?');
				buf_adds(&t, args[j]);
				buf_addc(&t, '=');
				url_encode(&t,
					   strcmp(args[j], "format") == 0 ? "json" : payloads[k]);
			}
			world_request(w, u, "GET", t.ptr, NULL, 0, true, NULL, NULL, &a);
			snprintf(what, sizeof(what), "GET %s with payload #%d in the query",
				 rt->pattern, k + 1);
			check_answer(what, &a, &path_requests);
			world_answer_release(&a);
			buf_release(&t);
			free(path);
		}
	}
}

/* ---- 3: stored verbatim, shown escaped ----------------------------------------------------------
 */

static void html_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, *s);
		}
	}
}

static bool same_text(const char *got, const char *want)
{
	if (got && strcmp(got, want) == 0)
		return true;
	/* a text field may come back trimmed of surrounding ASCII white space */
	size_t n = strlen(want), s = 0;
	while (s < n && isspace((unsigned char)want[s]))
		s++;
	while (n > s && isspace((unsigned char)want[n - 1]))
		n--;
	return got && strlen(got) == n - s && strncmp(got, want + s, n - s) == 0;
}

static long roundtrips;

static void round_trips(struct world *w)
{
	struct world_user *jiwei = world_user(w, "jiwei"), *cun = world_user(w, "cun_a"),
			  *sup = world_user(w, "jianwei_a");
	for (int k = 0; k < npayloads; k++) {
		const char *p = payloads[k];
		if (strlen(p) > 60 || strchr(p, '\r') || strchr(p, '\n'))
			continue; /* longer than the subject, or a line break a title refuses */
		/* A complaint's subject: verbatim through the JSON API. */
		json_t *o = json_pack("{s:s,s:s,s:s,s:b}", "village_code", w->code[0], "channel",
				      "来信", "subject", p, "anonymous", 1);
		char *body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		struct world_answer a;
		world_request(w, jiwei, "POST", "/api/v1/complaints", body, strlen(body), true,
			      NULL, NULL, &a);
		free(body);
		json_int_t id = json_integer_value(json_object_get(a.json, "id"));
		int status = a.status;
		world_answer_release(&a);
		if (status != 201) {
			bad("complaint with payload #%d as subject: %d", k + 1, status);
			continue;
		}
		char path[96];
		snprintf(path, sizeof(path), "/api/v1/complaints/%lld", (long long)id);
		world_request(w, jiwei, "GET", path, NULL, 0, true, NULL, NULL, &a);
		json_t *c = json_object_get(a.json, "complaint");
		const char *got = json_string_value(json_object_get(c ? c : a.json, "subject"));
		if (!same_text(got, p))
			bad("complaint subject payload #%d came back as \"%s\"", k + 1,
			    got ? got : "(none)");
		world_answer_release(&a);
		roundtrips++;

		/* A disclosure's title: HTML-escaped on the public portal. */
		o = json_pack("{s:s,s:s,s:s,s:s}", "village_code", w->code[0], "item_code", "CW-05",
			      "period", "2025", "title", p);
		body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		world_request(w, cun, "POST", "/api/v1/disclosures", body, strlen(body), true, NULL,
			      NULL, &a);
		free(body);
		id = json_integer_value(json_object_get(a.json, "id"));
		status = a.status;
		if (status != 201) {
			char *j = json_dumps(a.json, JSON_ENCODE_ANY);
			bad("disclosure with payload #%d as title: %d %s", k + 1, status, j);
			free(j);
			world_answer_release(&a);
			continue;
		}
		world_answer_release(&a);
		static const char *const steps[][3] = {
		    {"cun_a", "submit", NULL},
		    {"jianwei_a", "review", "{\"decision\":\"同意\"}"},
		    {"cun_a", "publish", "{}"}};
		bool ok = true;
		for (int s = 0; s < 3 && ok; s++) {
			snprintf(path, sizeof(path), "/api/v1/disclosures/%lld/%s", (long long)id,
				 steps[s][1]);
			world_request(w, s == 1 ? sup : cun, "POST", path, steps[s][2],
				      steps[s][2] ? strlen(steps[s][2]) : 0, true, NULL, NULL, &a);
			ok = a.status == 200;
			if (!ok)
				bad("disclosure payload #%d: %s answered %d %.200s", k + 1,
				    steps[s][1], a.status, a.raw.ptr);
			world_answer_release(&a);
		}
		if (!ok)
			continue;
		snprintf(path, sizeof(path), "/p/%s/disclosures/%lld", w->code[0], (long long)id);
		world_request(w, NULL, "GET", path, NULL, 0, false, NULL, NULL, &a);
		struct buf esc = BUF_INIT;
		html_escape(&esc, p);
		bool raw_markup = strpbrk(p, "<>\"'") != NULL;
		if (a.status != 200)
			bad("portal page of payload #%d: %d", k + 1, a.status);
		else if (!memmem(a.raw.ptr, a.raw.len, esc.ptr, esc.len))
			bad("portal page lacks the escaped title of payload #%d (%s)", k + 1,
			    esc.ptr);
		else if (raw_markup && memmem(a.raw.ptr, a.raw.len, p, strlen(p)))
			bad("portal page shows payload #%d unescaped: %s", k + 1, p);
		buf_release(&esc);
		world_answer_release(&a);
		roundtrips++;
	}
}

/* ---- 4: sessions and rate limits
 * ------------------------------------------------------------------ */

static int session_rotation(struct world *w)
{
	struct world_user *u = world_user(w, "dudao");
	char before[80];
	snprintf(before, sizeof(before), "%s", u->sid);
	/* logging in again with the cookie of the running session */
	const char *body = "{\"username\":\"dudao\",\"password\":\"password123\"}";
	struct world_answer a;
	world_request(w, u, "POST", "/api/v1/session", body, strlen(body), false, NULL, NULL, &a);
	int status = a.status;
	world_answer_release(&a);
	if (status != 200 || strcmp(before, u->sid) == 0) {
		bad("login did not give a new session id (%d)", status);
		return 1;
	}
	char after[80];
	snprintf(after, sizeof(after), "%s", u->sid);
	snprintf(u->sid, sizeof(u->sid), "%s", before);
	world_request(w, u, "GET", "/api/v1/session", NULL, 0, true, NULL, NULL, &a);
	if (a.status != 401)
		bad("the session cookie of before the login still works (%d)", a.status);
	world_answer_release(&a);
	snprintf(u->sid, sizeof(u->sid), "%s", after);
	world_request(w, u, "GET", "/api/v1/session", NULL, 0, true, NULL, NULL, &a);
	if (a.status != 200)
		bad("the new session does not work (%d)", a.status);
	world_answer_release(&a);
	world_login(w, u);
	return 0;
}

static bool is_429(const struct world_answer *a)
{
	const char *m =
	    json_string_value(json_object_get(json_object_get(a->json, "error"), "message"));
	/* every refusal says when to try again, in Chinese */
	return a->status == 429 && ((m && strstr(m, "后再试")) ||
				    (a->raw.len && memmem(a->raw.ptr, a->raw.len, "后再试", 9)));
}

static long limit_checks;

/* n tries from one address are answered, try n+1 is 429 in Chinese, another
 * address is still served. */
static void limit_case(struct world *w, const char *what, const char *method, const char *path,
		       const char *body, int n, bool failures_only_ok)
{
	struct world_answer a;
	for (int i = 0; i < n; i++) {
		world_request(w, NULL, method, path, body, body ? strlen(body) : 0, false, NULL,
			      "192.0.2.7", &a);
		if (a.status == 429)
			bad("%s: try %d of %d refused as too many", what, i + 1, n);
		world_answer_release(&a);
	}
	world_request(w, NULL, method, path, body, body ? strlen(body) : 0, false, NULL,
		      "192.0.2.7", &a);
	if (!is_429(&a))
		bad("%s: try %d answered %d, expected 429 with a Chinese message: %.200s", what,
		    n + 1, a.status, a.raw.ptr);
	world_answer_release(&a);
	world_request(w, NULL, method, path, body, body ? strlen(body) : 0, false, NULL,
		      "192.0.2.8", &a);
	if (a.status == 429)
		bad("%s: another address is refused too", what);
	world_answer_release(&a);
	(void)failures_only_ok;
	limit_checks++;
}

static void rate_limits(struct world *w)
{
	struct errinfo ei = {0};
	if (ratelimit_configure("login=3/900,form=4/3600,self_query=2/3600,complaint=50/3600",
				&ei) != E_OK) {
		bad("ratelimit_configure: %s", ei.msg);
		return;
	}
	ratelimit_reset();
	/* login: failures count; at the limit even the right password is refused */
	limit_case(w, "failed logins", "POST", "/api/v1/session",
		   "{\"username\":\"jiwei\",\"password\":\"wrong-password\"}", 3, true);
	struct world_answer a;
	const char *good = "{\"username\":\"nongye\",\"password\":\"password123\"}";
	world_request(w, NULL, "POST", "/api/v1/session", good, strlen(good), false, NULL,
		      "192.0.2.7", &a);
	if (a.status != 429)
		bad("login at the limit with the right password answered %d", a.status);
	world_answer_release(&a);
	/* successful logins do not count */
	for (int i = 0; i < 5; i++) {
		world_request(w, NULL, "POST", "/api/v1/session", good, strlen(good), false, NULL,
			      "192.0.2.9", &a);
		if (a.status != 200)
			bad("successful login %d from a clean address answered %d", i + 1,
			    a.status);
		world_answer_release(&a);
	}
	/* public forms: complaint (API and portal), objection (API) */
	char body[256], path[128];
	snprintf(body, sizeof(body),
		 "{\"village_code\":\"%s\",\"subject\":\"限流\",\"anonymous\":true}", w->code[0]);
	ratelimit_reset();
	limit_case(w, "public complaint form (API)", "POST", "/api/v1/public/complaints", body, 4,
		   false);
	ratelimit_reset();
	snprintf(path, sizeof(path), "/p/%s/complaint", w->code[0]);
	limit_case(w, "public complaint form (portal)", "POST", path,
		   "subject=%E9%99%90%E6%B5%81&anonymous=1", 4, false);
	ratelimit_reset();
	snprintf(path, sizeof(path), "/api/v1/public/disclosures/%s/objections",
		 world_get(w, "disc_a") ? world_get(w, "disc_a") : "1");
	limit_case(w, "objection/质询 form", "POST", path, "{\"content\":\"限流测试\"}", 4, false);
	/* self-query: every try counts, found or not */
	ratelimit_reset();
	snprintf(body, sizeof(body), "{\"id_no\":\"%s\",\"phone\":\"13800000000\"}", w->person[0]);
	limit_case(w, "subsidy self-query (API)", "POST", "/api/v1/public/subsidies/query", body, 2,
		   false);
	ratelimit_reset();
	snprintf(path, sizeof(path), "/p/%s/subsidies/query", w->code[0]);
	snprintf(body, sizeof(body), "id_no=%s&phone=13800000000", w->person[0]);
	limit_case(w, "subsidy self-query (portal)", "POST", path, body, 2, false);
	/* a bad spec is refused and changes nothing */
	if (ratelimit_configure("login=abc", &ei) == E_OK || ratelimit_max(RL_LOGIN, NULL) != 3)
		bad("a bad QL_RATELIMIT spec was taken");
	ratelimit_configure("off", &ei);
	ratelimit_reset();
}

/* ---- 5: uploads -------------------------------------------------------------------------------
 */

static long upload_checks;

static void upload_one(struct world *w, struct world_user *u, const struct route *rt,
		       const char *target, const char *body, size_t len, const char *name,
		       bool want_ok)
{
	struct world_answer a;
	world_request(w, u, "POST", target, body, len, true, name, NULL, &a);
	upload_checks++;
	/* accepted: stored, or refused for a reason of the record's own (a posted
	 * voucher takes no attachment), not for the file */
	const char *code =
	    json_string_value(json_object_get(json_object_get(a.json, "error"), "code"));
	bool ok =
	    a.status / 100 == 2 || (a.status == 422 && code && strncmp(code, "upload.", 7) != 0 &&
				    strncmp(code, "import.", 7) != 0);
	if (a.status >= 500 || ok != want_ok)
		bad("%s %s with %zu bytes named %s: %d, expected %s: %.200s", rt->method,
		    rt->pattern, len, name ? name : "(no name)", a.status,
		    want_ok ? "accepted" : "refused", a.raw.ptr);
	world_answer_release(&a);
}

static void uploads(struct world *w)
{
	/* A Windows executable named as a picture, a PDF, a spreadsheet, a text; a
	 * page of script named as a picture; a name of no known type. */
	static const char exe[] = "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff";
	static const char *const names[] = {"photo.jpg", "scan.PNG",	"report.pdf", "data.xlsx",
					    "note.txt",	 "invoice.ofd", NULL};
	static const char html[] = "<html><script>alert(1)</script></html>";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR authz";
	for (size_t i = 0; i < w->app.nroutes; i++) {
		const struct route *rt = w->app.routes[i];
		if (!(rt->flags & ROUTE_RAW_BODY) || !(rt->flags & ROUTE_WRITE) ||
		    (rt->flags & ROUTE_HTML) || strstr(rt->pattern, "{file}"))
			continue;
		struct world_user *u = actor_for(w, rt);
		char *path = path_of(w, rt, NULL, false);
		struct buf t = BUF_INIT;
		buf_adds(&t, path);
		if (rt->scope == SCOPE_VILLAGE && !rt->village_of &&
		    !strstr(rt->pattern, "{village}"))
			buf_addf(&t, "?village=%s", w->code[0]);
		for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++)
			upload_one(w, u, rt, t.ptr, exe, sizeof(exe) - 1, names[n], false);
		upload_one(w, u, rt, t.ptr, html, sizeof(html) - 1, "photo.jpg", false);
		upload_one(w, u, rt, t.ptr, png, sizeof(png) - 1, "evidence.exe", false);
		upload_one(w, u, rt, t.ptr, png, sizeof(png) - 1, "page.html", false);
		/* a real picture under its own name passes the file check */
		upload_one(w, u, rt, t.ptr, png, sizeof(png) - 1, "照片.png", true);
		/* and nothing over the size limit, whatever it is */
		size_t max = w->app.max_body;
		w->app.max_body = 4096;
		char *big = calloc(1, 4097 + 8);
		memcpy(big, png, 8);
		memset(big + 8, 'x', 4097 - 8);
		upload_one(w, u, rt, t.ptr, big, 4097, "big.png", false);
		free(big);
		w->app.max_body = max;
		free(path);
		buf_release(&t);
	}
	/* the import upload: its own file types, and the size limit */
	struct world_user *jiwei = world_user(w, "jiwei");
	const struct route *imp = NULL;
	for (size_t i = 0; i < w->app.nroutes; i++)
		if (strstr(w->app.routes[i]->pattern, "{file}"))
			imp = w->app.routes[i];
	if (imp) {
		upload_one(w, jiwei, imp, "/api/v1/import/complaints.csv", exe, sizeof(exe) - 1,
			   "complaints.csv", false);
		upload_one(w, jiwei, imp, "/api/v1/import/complaints.csv", exe, sizeof(exe) - 1,
			   "complaints.xlsx", false);
		upload_one(w, jiwei, imp, "/api/v1/import/complaints.csv", png, sizeof(png) - 1,
			   "complaints.csv", false);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: security_payloads sqlite|pg PAYLOADS.txt\n");
		return 2;
	}
	enum db_backend b = strcmp(argv[1], "pg") == 0 ? DB_PG : DB_SQLITE;
	if (b == DB_PG && !testdb_pg_available()) {
		printf("skipped: QL_TEST_PG_URL is not set\n");
		return 77;
	}
	if (sodium_init() < 0 || !load_payloads(argv[2]))
		return 1;
	setenv("QL_RATELIMIT", "off", 1);
	struct world w;
	if (!world_open(&w, b, true)) {
		fprintf(stderr, "FAIL: the test world could not be built\n");
		world_close(&w);
		return 1;
	}
	session_rotation(&w);
	rate_limits(&w);
	uploads(&w);
	round_trips(&w);
	write_routes(&w);
	read_routes(&w);
	uint64_t problems = world_verify(&w);
	if (problems)
		bad("verify found %llu problems", (unsigned long long)problems);
	printf("web security (%s): %d payloads × %ld text fields = %ld write requests, %ld "
	       "path/query requests, %ld round trips, %ld rate-limit cases, %ld upload checks; "
	       "%ld failures\n",
	       testdb_backend_name(b), npayloads, fields_tried, field_requests, path_requests,
	       roundtrips, limit_checks, upload_checks, failures);
	world_close(&w);
	for (int i = 0; i < npayloads; i++)
		free(payloads[i]);
	return failures ? 1 : 0;
}
