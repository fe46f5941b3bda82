/*
 * The HTTP transcript driver: runs tests/http/<module>/NNN-*.http files through
 * the real router, in-process (no sockets), each file on a fresh database loaded
 * with tests/http/fixture (through the real importer) and the fixture users.
 * Same files on SQLite and PostgreSQL.  Format (one or more exchanges a file):
 *
 *   == title                       starts an exchange
 *   AS cun_a | AS -                log in as (password "password123") / anonymous
 *   NOCSRF                         send no CSRF token
 *   FILENAME people.csv            X-Filename header (uploads)
 *   POST /api/v1/people            the request line; lines up to EXPECT are the body
 *   EXPECT 201                     the status
 *   {"id":"*"}                     JSON the answer must contain (subset; "*" = any value)
 *   TRAIL person.create people     the newest log entry after the request (or: TRAIL none)
 *   SAVE pid id                    remember a top-level answer field as ${pid}
 *   HOST example.cn                Host header of the request (before the request line)
 *   CONTAINS text                  the answer's bytes contain text (HTML pages, ...)
 *   LACKS text                     the answer's bytes do not contain text
 *   STARTS text                    the answer's bytes begin with text ("%PDF")
 *   TYPE image/png                 the Content-Type begins with this
 *   HEADER Cache-Control: public   the answer carries this header with this value
 * An answer that is not JSON is compared as a JSON string (binary: a note of its size).
 */
#include <dirent.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/app.h"
#include "core/auth.h"
#include "core/ratelimit.h"
#include "mod/io.h"
#include "mod/org.h"
#include "testdb.h"

#define PASSWORD "password123"
#define MAXV 32

struct session {
	char user[32];  /* logged in as, "" = anonymous */
	char sid[80];   /* cookie */
	char csrf[80];  /* token */
};

struct run {
	struct app app;           /* the application under test */
	struct session s;         /* current session */
	char vars[MAXV][2][128];  /* SAVE name → value */
	int nvars;                /* used */
	const char *file;         /* transcript being run */
	int failures;             /* in this file */
};

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1781488800LL * 1000000; /* 2026-06-15T02:00:00Z, 10:00 in Beijing */
}

static void seeded_random(void *ctx, void *buf, size_t len)
{
	static unsigned char seed[randombytes_SEEDBYTES];
	uint64_t *counter = ctx;
	memcpy(seed, counter, sizeof(*counter));
	(*counter)++;
	randombytes_buf_deterministic(buf, len, seed);
}

/* ---- one request through the router ---------------------------------------------- */

/* What came back besides the JSON view of the body. */
struct answer {
	struct buf raw;      /* the body's bytes */
	char type[128];      /* Content-Type */
	struct buf headers;  /* "Name: value\n" per extra header */
};

static const char *set_cookie_sid(const struct req *r)
{
	for (size_t i = 0; i < r->nresp_headers; i++)
		if (strcmp(r->resp_headers[i].key, "Set-Cookie") == 0 &&
		    strncmp(r->resp_headers[i].value, "qlsid=", 6) == 0)
			return r->resp_headers[i].value + 6;
	return NULL;
}

/* The body as JSON; text that is not JSON as a JSON string; binary as a note. */
static json_t *body_json(const struct req *r)
{
	json_t *j = json_loadb(r->resp.ptr, r->resp.len, 0, NULL);
	if (!j)
		j = json_stringn(r->resp.ptr, r->resp.len);
	if (!j) {
		char note[64];
		snprintf(note, sizeof(note), "(binary, %zu bytes)", r->resp.len);
		j = json_string(note);
	}
	return j;
}

static void keep_answer(const struct req *r, struct answer *ans)
{
	buf_add(&ans->raw, r->resp.ptr, r->resp.len);
	snprintf(ans->type, sizeof(ans->type), "%s", r->resp_type ? r->resp_type : "");
	for (size_t i = 0; i < r->nresp_headers; i++)
		buf_addf(&ans->headers, "%s: %s\n", r->resp_headers[i].key,
			 r->resp_headers[i].value);
}

static json_t *request(struct run *run, const char *method, const char *target, const char *body,
		       const char *filename, const char *host, bool csrf, int *status,
		       struct answer *ans)
{
	struct req r;
	req_init(&r, &run->app);
	char *path = arena_strdup(&r.arena, target);
	char *q = strchr(path, '?');
	if (q) {
		*q = '\0';
		router_parse_query(&r, q + 1);
	}
	r.method = method;
	r.path = path;
	r.remote = "127.0.0.1";
	if (run->s.sid[0])
		r.cookie_sid = run->s.sid;
	if (csrf && run->s.csrf[0])
		r.csrf = run->s.csrf;
	r.filename = filename;
	r.host = host;
	if (body && *body) {
		r.body = body;
		r.body_len = strlen(body);
	}
	router_dispatch(&r);
	*status = r.status;
	const char *sid = set_cookie_sid(&r);
	if (sid) {
		snprintf(run->s.sid, sizeof(run->s.sid), "%.*s", (int)strcspn(sid, ";"), sid);
	}
	json_t *j = body_json(&r);
	if (ans)
		keep_answer(&r, ans);
	req_release(&r);
	return j;
}

static bool login(struct run *run, const char *user)
{
	memset(&run->s, 0, sizeof(run->s));
	if (strcmp(user, "-") == 0)
		return true;
	char body[160];
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", user, PASSWORD);
	int status;
	json_t *j = request(run, "POST", "/api/v1/session", body, NULL, NULL, false, &status, NULL);
	const char *csrf = json_string_value(json_object_get(j, "csrf"));
	bool ok = status == 200 && csrf;
	if (ok) {
		snprintf(run->s.csrf, sizeof(run->s.csrf), "%s", csrf);
		snprintf(run->s.user, sizeof(run->s.user), "%s", user);
	} else {
		fprintf(stderr, "%s: login as %s failed (%d)\n", run->file, user, status);
	}
	json_decref(j);
	return ok;
}

/* ---- expectations --------------------------------------------------------------------- */

static bool subset(json_t *want, json_t *got, char *where, size_t wlen)
{
	if (json_is_string(want) && strcmp(json_string_value(want), "*") == 0)
		return got != NULL;
	if (json_is_object(want)) {
		if (!json_is_object(got))
			return false;
		const char *k;
		json_t *v;
		json_object_foreach(want, k, v)
		{
			size_t n = strlen(where);
			snprintf(where + n, wlen - n, ".%s", k);
			if (!subset(v, json_object_get(got, k), where, wlen))
				return false;
			where[n] = '\0';
		}
		return true;
	}
	if (json_is_array(want)) {
		if (!json_is_array(got) || json_array_size(got) < json_array_size(want))
			return false;
		for (size_t i = 0; i < json_array_size(want); i++) {
			size_t n = strlen(where);
			snprintf(where + n, wlen - n, "[%zu]", i);
			if (!subset(json_array_get(want, i), json_array_get(got, i), where, wlen))
				return false;
			where[n] = '\0';
		}
		return true;
	}
	return got && json_equal(want, got);
}

static bool trail_newest(struct run *run, uint64_t *size, char *action, char *entity)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	if (db_conn_get(run->app.db, &c, &ei) != E_OK)
		return false;
	uint8_t root[32];
	bool ok = trail_head(c, size, root) == E_OK;
	action[0] = entity[0] = '\0';
	if (ok && *size) {
		char *t = trail_entry_text(c, *size - 1);
		json_t *o = t ? json_loads(t, 0, NULL) : NULL;
		snprintf(action, 64, "%s", json_string_value(json_object_get(o, "action")) ?: "");
		snprintf(entity, 64, "%s", json_string_value(json_object_get(o, "entity")) ?: "");
		json_decref(o);
		free(t);
	}
	db_conn_put(run->app.db, c);
	return ok;
}

/* ---- the transcript -------------------------------------------------------------------- */

static char *substitute(struct run *run, const char *s)
{
	struct buf b = BUF_INIT;
	while (*s) {
		if (s[0] == '$' && s[1] == '{') {
			const char *end = strchr(s, '}');
			bool done = false;
			for (int i = 0; end && i < run->nvars; i++)
				if (strlen(run->vars[i][0]) == (size_t)(end - s - 2) &&
				    strncmp(run->vars[i][0], s + 2, (size_t)(end - s - 2)) == 0) {
					buf_adds(&b, run->vars[i][1]);
					s = end + 1;
					done = true;
					break;
				}
			if (done)
				continue;
		}
		buf_addc(&b, *s++);
	}
	return buf_detach(&b, NULL);
}

struct exchange {
	char title[256];       /* == line */
	char method[8];        /* request */
	char target[512];      /* path and query */
	struct buf body;       /* request body */
	int status;            /* expected */
	struct buf expect;     /* expected JSON */
	char trail[128];       /* expected newest log entry, "none", or "" */
	char save[4][2][64];   /* SAVE var field */
	int nsave;             /* used */
	bool nocsrf;           /* omit the token */
	char filename[128];    /* X-Filename */
	char host[128];        /* Host header */
	char contains[16][256];/* CONTAINS texts */
	int ncontains;         /* used */
	char lacks[16][256];   /* LACKS texts */
	int nlacks;            /* used */
	char starts[64];       /* STARTS text */
	char type[128];        /* TYPE prefix */
	char header[4][256];   /* HEADER lines */
	int nheader;           /* used */
};

static void report_fail(struct run *run, const struct exchange *x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report_fail(struct run *run, const struct exchange *x, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "FAIL %s: %s: ", run->file, x->title);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	run->failures++;
}

static bool has_bytes(const struct buf *b, const char *text)
{
	return memmem(b->ptr, b->len, text, strlen(text)) != NULL;
}

/* CONTAINS, LACKS, STARTS, TYPE and HEADER against the answer's bytes. */
static void check_bytes(struct run *run, const struct exchange *x, const struct answer *ans)
{
	for (int i = 0; i < x->ncontains; i++) {
		char *t = substitute(run, x->contains[i]);
		if (!has_bytes(&ans->raw, t))
			report_fail(run, x, "answer lacks \"%s\"", t);
		free(t);
	}
	for (int i = 0; i < x->nlacks; i++) {
		char *t = substitute(run, x->lacks[i]);
		if (has_bytes(&ans->raw, t))
			report_fail(run, x, "answer contains \"%s\", which it must not", t);
		free(t);
	}
	size_t n = strlen(x->starts);
	if (n && (ans->raw.len < n || memcmp(ans->raw.ptr, x->starts, n) != 0))
		report_fail(run, x, "answer does not start with \"%s\"", x->starts);
	if (x->type[0] && strncasecmp(ans->type, x->type, strlen(x->type)) != 0)
		report_fail(run, x, "Content-Type %s, expected %s", ans->type, x->type);
	for (int i = 0; i < x->nheader; i++) {
		char line[260];
		snprintf(line, sizeof(line), "%s\n", x->header[i]);
		if (!has_bytes(&ans->headers, line))
			report_fail(run, x, "no header \"%s\" (got: %s)", x->header[i],
				    ans->headers.ptr);
	}
}

static void run_exchange(struct run *run, struct exchange *x)
{
	if (!x->method[0])
		return;
	uint64_t before, after;
	char action[64], entity[64];
	trail_newest(run, &before, action, entity);
	char *target = substitute(run, x->target);
	char *body = substitute(run, x->body.ptr);
	int status;
	struct answer ans = {BUF_INIT, "", BUF_INIT};
	json_t *got = request(run, x->method, target, body, x->filename[0] ? x->filename : NULL,
			      x->host[0] ? x->host : NULL, !x->nocsrf, &status, &ans);
	check_bytes(run, x, &ans);
	char *gottext = json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT);
	if (status != x->status)
		report_fail(run, x, "status %d, expected %d; answer %s", status, x->status, gottext);
	if (x->expect.len) {
		char *exp = substitute(run, x->expect.ptr);
		json_error_t je;
		json_t *want = json_loads(exp, 0, &je);
		char where[256] = "";
		if (!want)
			report_fail(run, x, "expected JSON does not parse: %s", je.text);
		else if (!subset(want, got, where, sizeof(where)))
			report_fail(run, x, "answer differs at %s: %s", where[0] ? where : "(top)", gottext);
		json_decref(want);
		free(exp);
	}
	trail_newest(run, &after, action, entity);
	if (strcmp(x->trail, "none") == 0) {
		if (after != before)
			report_fail(run, x, "log grew by %llu entries, expected none (newest %s %s)",
			     (unsigned long long)(after - before), action, entity);
	} else if (x->trail[0]) {
		char want[128];
		snprintf(want, sizeof(want), "%s %s", action, entity);
		if (after == before)
			report_fail(run, x, "no log entry, expected %s", x->trail);
		else if (strcmp(want, x->trail) != 0)
			report_fail(run, x, "newest log entry %s, expected %s", want, x->trail);
	}
	for (int i = 0; i < x->nsave && run->nvars < MAXV; i++) {
		json_t *v = json_object_get(got, x->save[i][1]);
		char *t = json_is_string(v) ? strdup(json_string_value(v))
					    : json_dumps(v, JSON_ENCODE_ANY);
		snprintf(run->vars[run->nvars][0], 128, "%s", x->save[i][0]);
		snprintf(run->vars[run->nvars][1], 128, "%s", t ? t : "");
		run->nvars++;
		free(t);
	}
	free(gottext);
	json_decref(got);
	free(target);
	free(body);
	buf_release(&ans.raw);
	buf_release(&ans.headers);
}

static void exchange_reset(struct exchange *x)
{
	buf_release(&x->body);
	buf_release(&x->expect);
	memset(x, 0, sizeof(*x));
	buf_init(&x->body);
	buf_init(&x->expect);
}

static void run_file(struct run *run, const char *path)
{
	/* The limits count per process: each transcript starts with none spent, so
	 * that one file's requests never refuse another's. */
	ratelimit_reset();
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "FAIL %s: cannot open\n", path);
		run->failures++;
		return;
	}
	struct exchange x = {0};
	exchange_reset(&x);
	enum { HEAD, BODY, EXPECT } state = HEAD;
	char line[8192];
	while (fgets(line, sizeof(line), f)) {
		char *l = line;
		if (state == HEAD && (l[0] == '#' || l[0] == '\n'))
			continue;
		if (strncmp(l, "==", 2) == 0) {
			run_exchange(run, &x);
			exchange_reset(&x);
			state = HEAD;
			snprintf(x.title, sizeof(x.title), "%s", l + 2 + strspn(l + 2, " "));
			x.title[strcspn(x.title, "\n")] = '\0';
			continue;
		}
		l[strcspn(l, "\n")] = '\0';
		if (state != BODY && strncmp(l, "AS ", 3) == 0) {
			if (!login(run, l + 3))
				run->failures++;
		} else if (state == HEAD && strcmp(l, "NOCSRF") == 0) {
			x.nocsrf = true;
		} else if (state == HEAD && strncmp(l, "FILENAME ", 9) == 0) {
			snprintf(x.filename, sizeof(x.filename), "%s", l + 9);
		} else if (state == HEAD && strncmp(l, "HOST ", 5) == 0) {
			snprintf(x.host, sizeof(x.host), "%s", l + 5);
		} else if (state == HEAD) {
			if (sscanf(l, "%7s %511s", x.method, x.target) != 2)
				fprintf(stderr, "%s: bad request line: %s\n", path, l);
			state = BODY;
		} else if (strncmp(l, "EXPECT ", 7) == 0) {
			x.status = atoi(l + 7);
			state = EXPECT;
		} else if (state == BODY) {
			if (x.body.len)
				buf_addc(&x.body, '\n');
			buf_adds(&x.body, l);
		} else if (strncmp(l, "TRAIL ", 6) == 0) {
			snprintf(x.trail, sizeof(x.trail), "%s", l + 6);
		} else if (strncmp(l, "CONTAINS ", 9) == 0 && x.ncontains < 16) {
			snprintf(x.contains[x.ncontains++], sizeof(x.contains[0]), "%s", l + 9);
		} else if (strncmp(l, "LACKS ", 6) == 0 && x.nlacks < 16) {
			snprintf(x.lacks[x.nlacks++], sizeof(x.lacks[0]), "%s", l + 6);
		} else if (strncmp(l, "STARTS ", 7) == 0) {
			snprintf(x.starts, sizeof(x.starts), "%s", l + 7);
		} else if (strncmp(l, "TYPE ", 5) == 0) {
			snprintf(x.type, sizeof(x.type), "%s", l + 5);
		} else if (strncmp(l, "HEADER ", 7) == 0 && x.nheader < 4) {
			snprintf(x.header[x.nheader++], sizeof(x.header[0]), "%s", l + 7);
		} else if (strncmp(l, "SAVE ", 5) == 0 && x.nsave < 4) {
			sscanf(l + 5, "%63s %63s", x.save[x.nsave][0], x.save[x.nsave][1]);
			x.nsave++;
		} else if (l[0] && l[0] != '#') {
			buf_adds(&x.expect, l);
		}
	}
	run_exchange(run, &x);
	exchange_reset(&x);
	buf_release(&x.body);
	buf_release(&x.expect);
	fclose(f);
}

/* ---- fixture ------------------------------------------------------------------------------ */

struct fixture_user {
	const char *name;     /* login */
	enum role role;       /* role */
	const char *villages; /* comma-separated codes */
	const char *dept;     /* department */
};

static const struct fixture_user users[] = {
	{"admin", ROLE_ADMIN, "", NULL},
	{"jiwei", ROLE_JIWEI, "", NULL},
	{"nongye", ROLE_DEPT, "", "农业农村局"},
	{"kuaiji", ROLE_ACCOUNTANT, "321283101201,321283101202", NULL},
	{"cun_a", ROLE_VILLAGE, "321283101201", NULL},
	{"cun_b", ROLE_VILLAGE, "321283101202", NULL},
	{"jianwei_a", ROLE_SUPERVISOR, "321283101201", NULL},
	{"dudao", ROLE_INSPECTOR, "321283101201", NULL},
};

static enum err add_users(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct app *app = arg;
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		int64_t ids[4], id;
		size_t n = 0;
		char list[128];
		snprintf(list, sizeof(list), "%s", users[i].villages);
		for (char *save, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
			org_village_id(tc->db, t, &ids[n++]);
		struct user_new u = {users[i].name, users[i].name, users[i].role, users[i].dept,
				     PASSWORD, ids, n};
		enum err e = auth_user_add(app, tc, &u, &id, ei);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

static bool setup(struct run *run, enum db_backend b, const char *fixture, struct db **tdb)
{
	static uint64_t counter;
	if (testdb_open(tdb, b, "http") != E_OK)
		return false;
	struct app_opts o = {0};
	o.db_url = db_url(*tdb);
	o.migrate = true;
	o.no_signer = true;
	struct errinfo ei = {0};
	if (app_open(&run->app, &o, &ei) != E_OK) {
		fprintf(stderr, "app_open: %s\n", ei.msg);
		return false;
	}
	run->app.clock = fixed_clock;
	run->app.random = seeded_random;
	run->app.random_ctx = &counter;
	run->app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
	run->app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&run->app, fixture, devnull, &ei);
	fclose(devnull);
	if (e != E_OK) {
		fprintf(stderr, "fixture import: %s\n", ei.msg);
		return false;
	}
	if (app_write(&run->app, "test:fixture", add_users, &run->app, &ei) != E_OK) {
		fprintf(stderr, "fixture users: %s\n", ei.msg);
		return false;
	}
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: http_driver sqlite|pg FIXTURE_DIR DIR...\n");
		return 2;
	}
	enum db_backend b = strcmp(argv[1], "pg") == 0 ? DB_PG : DB_SQLITE;
	if (b == DB_PG && !testdb_pg_available()) {
		printf("skipped: QL_TEST_PG_URL is not set\n");
		return 77;
	}
	if (sodium_init() < 0)
		return 1;
	/* Key files the modules write (the commission's complaint key) go to a
	 * directory of this run, removed at the end. */
	char keydir[] = "/tmp/ql-http-keys-XXXXXX";
	if (!mkdtemp(keydir))
		return 1;
	setenv("QL_JIWEI_KEY_DIR", keydir, 1);
	int files = 0, failed = 0;
	for (int d = 3; d < argc; d++) {
		DIR *dir = opendir(argv[d]);
		if (!dir) {
			fprintf(stderr, "cannot open %s\n", argv[d]);
			return 2;
		}
		char *names[512];
		int n = 0;
		struct dirent *de;
		while ((de = readdir(dir)) && n < 512)
			if (strstr(de->d_name, ".http"))
				names[n++] = strdup(de->d_name);
		closedir(dir);
		qsort(names, (size_t)n, sizeof(names[0]), cmp_str);
		for (int i = 0; i < n; i++) {
			char path[1024];
			snprintf(path, sizeof(path), "%s/%s", argv[d], names[i]);
			struct run run = {0};
			struct db *tdb = NULL;
			run.file = path;
			if (!setup(&run, b, argv[2], &tdb)) {
				run.failures++;
			} else {
				run_file(&run, path);
				app_close(&run.app);
			}
			testdb_close(tdb);
			files++;
			failed += run.failures > 0;
			printf("%s %s (%s)\n", run.failures ? "FAIL" : "ok  ", path,
			       testdb_backend_name(b));
			free(names[i]);
		}
	}
	char rm[64];
	snprintf(rm, sizeof(rm), "rm -rf %s", keydir);
	if (system(rm) != 0)
		fprintf(stderr, "could not remove %s\n", keydir);
	printf("%d passed, %d failed\n", files - failed, failed);
	return failed ? 1 : 0;
}
