/*
 * The test world of world.h: generated township, fixture users, one record per
 * village-scoped entity in villages A and B, and in-process requests through the
 * real router.  All records are made through the API (or the importer); the only
 * SQL here reads ids back.  Must not be linked into the program.
 */
#include "world.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/auth.h"
#include "core/trail.h"
#include "mod/gen.h"
#include "mod/io.h"
#include "testdb.h"

#define PASSWORD "password123"

/* ---- the entity behind each {id} route ------------------------------------------------- */

/* Path prefix up to "{id}" → the table whose row the route's village_of reads.
 * A new village-scoped {id} route needs a line here (the matrix says so). */
static const struct {
	const char *prefix; /* pattern up to and including "{id}" */
	const char *table;  /* table name, for messages */
} entities[] = {
    {"/api/v1/people/{id}", "people"},
    {"/api/v1/positions/{id}", "positions"},
    {"/api/v1/reserve-cadres/{id}", "reserve_cadres"},
    {"/api/v1/power/matters/{id}", "matters"},
    {"/api/v1/power/filings/{id}", "matter_filings"},
    {"/api/v1/power/attachments/{id}", "matter_attachments"},
    {"/api/v1/power/inquiries/{id}", "inquiries"},
    {"/api/v1/vouchers/{id}", "book_vouchers"},
    {"/api/v1/assets/{id}", "assets"},
    {"/api/v1/resources/{id}", "resources"},
    {"/api/v1/contracts/{id}", "contracts"},
    {"/api/v1/bills/{id}", "contract_bills"},
    {"/api/v1/trades/{id}", "trades"},
    {"/api/v1/projects/{id}", "projects"},
    {"/api/v1/bundles/{id}", "project_bundles"},
    {"/api/v1/complaints/{id}", "complaints"},
    {"/api/v1/rectifications/{id}", "rectifications"},
    {"/api/v1/rect-tasks/{id}", "rect_tasks"},
    {"/api/v1/audits/{id}", "audits"},
    {"/api/v1/discipline/cases/{id}", "discipline_cases"},
    {"/api/v1/plan/tasks/{id}", "plan_tasks"},
    {"/api/v1/plan/milestones/{id}", "plan_milestones"},
    {"/api/v1/edu/activities/{id}", "edu_activities"},
    {"/api/v1/village-rules/{id}", "edu_village_rules"},
    {"/api/v1/disclosures/{id}", "disclosures"},
    {"/api/v1/disclosure-objections/{id}", "disclosure_objections"},
    {"/api/v1/alerts/{id}", "alerts"},
    {"/api/v1/alert-evidence/{id}", "alert_evidence"},
    {"/api/v1/assess/deductions/{id}", "assess_deductions"},
    {"/api/v1/assess/negative/{id}", "assess_negative"},
};
#define NENT (sizeof(entities) / sizeof(entities[0]))

/* Statements: one "first id in village" per entity, then the helpers. */
enum { ST_VILLAGES = NENT, ST_PERSON, ST_DECIDED_MATTER, ST_PROJECTS_ANNOUNCED, ST__MAX };

#define FIRST(t)                                                                                   \
	{                                                                                          \
		"authz." t, "SELECT id FROM " t " WHERE village_id = $1 ORDER BY id DESC LIMIT 1"  \
	}
static const struct db_sql sql[ST__MAX] = {
    FIRST("people"),
    FIRST("positions"),
    FIRST("reserve_cadres"),
    FIRST("matters"),
    FIRST("matter_filings"),
    FIRST("matter_attachments"),
    FIRST("inquiries"),
    FIRST("book_vouchers"),
    FIRST("assets"),
    FIRST("resources"),
    FIRST("contracts"),
    FIRST("contract_bills"),
    FIRST("trades"),
    FIRST("projects"),
    FIRST("project_bundles"),
    FIRST("complaints"),
    FIRST("rectifications"),
    FIRST("rect_tasks"),
    FIRST("audits"),
    FIRST("discipline_cases"),
    FIRST("plan_tasks"),
    FIRST("plan_milestones"),
    FIRST("edu_activities"),
    FIRST("edu_village_rules"),
    FIRST("disclosures"),
    FIRST("disclosure_objections"),
    FIRST("alerts"),
    FIRST("alert_evidence"),
    FIRST("assess_deductions"),
    FIRST("assess_negative"),
    [ST_VILLAGES] = {"authz.villages", "SELECT id, code, township FROM villages ORDER BY id"},
    [ST_PERSON] = {"authz.person",
		   "SELECT id_no FROM people WHERE village_id = $1 AND death_date IS NULL "
		   "AND moved_out_date IS NULL ORDER BY id LIMIT 1"},
    [ST_DECIDED_MATTER] = {"authz.decided_matter",
			   "SELECT m.matter_no, MAX(s.date) FROM matters m JOIN matter_steps s "
			   "ON s.matter_id = m.id WHERE m.village_id = $1 AND s.step = '决议' "
			   "GROUP BY m.matter_no ORDER BY m.matter_no LIMIT 1"},
    [ST_PROJECTS_ANNOUNCED] = {"authz.projects", "SELECT id, project_no FROM projects "
						 "WHERE village_id = $1 ORDER BY id"},
};
static struct db_stmts stmts = {"authz", sql, ST__MAX, 0, false};

/* ---- clock, randomness ------------------------------------------------------------------ */

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1781488800LL * 1000000; /* 2026-06-15T02:00:00Z, 10:00 in Beijing */
}

static void seeded_random(void *ctx, void *buf, size_t len)
{
	unsigned char seed[randombytes_SEEDBYTES] = {0};
	uint64_t *counter = ctx;
	memcpy(seed, counter, sizeof(*counter));
	(*counter)++;
	randombytes_buf_deterministic(buf, len, seed);
}

/* ---- variables and templates ---------------------------------------------------------- */

void world_set(struct world *w, const char *name, const char *value)
{
	for (int i = 0; i < w->nvars; i++)
		if (strcmp(w->vars[i][0], name) == 0) {
			snprintf(w->vars[i][1], sizeof(w->vars[i][1]), "%s", value);
			return;
		}
	if (w->nvars == WORLD_MAXVARS)
		abort();
	snprintf(w->vars[w->nvars][0], sizeof(w->vars[0][0]), "%s", name);
	snprintf(w->vars[w->nvars][1], sizeof(w->vars[0][1]), "%s", value);
	w->nvars++;
}

const char *world_get(struct world *w, const char *name)
{
	for (int i = 0; i < w->nvars; i++)
		if (strcmp(w->vars[i][0], name) == 0)
			return w->vars[i][1];
	return NULL;
}

char *world_subst(struct world *w, const char *s)
{
	struct buf b = BUF_INIT;
	while (*s) {
		const char *end = s[0] == '$' && s[1] == '{' ? strchr(s, '}') : NULL;
		if (end) {
			char name[64];
			snprintf(name, sizeof(name), "%.*s", (int)(end - s - 2), s + 2);
			const char *v = world_get(w, name);
			if (v) {
				buf_adds(&b, v);
				s = end + 1;
				continue;
			}
		}
		buf_addc(&b, *s++);
	}
	return buf_detach(&b, NULL);
}

/* ---- requests ---------------------------------------------------------------------------- */

struct world_user *world_user(struct world *w, const char *name)
{
	for (int i = 0; i < w->nusers; i++)
		if (strcmp(w->users[i].name, name) == 0)
			return &w->users[i];
	return NULL;
}

void world_answer_release(struct world_answer *a)
{
	if (a->json)
		json_decref(a->json);
	a->json = NULL;
	buf_release(&a->raw);
	buf_release(&a->headers);
}

void world_request(struct world *w, struct world_user *u, const char *method, const char *target,
		   const char *body, size_t body_len, bool csrf, const char *filename,
		   const char *remote, struct world_answer *a)
{
	struct req r;
	req_init(&r, &w->app);
	char *path = arena_strdup(&r.arena, target);
	char *q = strchr(path, '?');
	if (q) {
		*q = '\0';
		router_parse_query(&r, q + 1);
	}
	r.method = method;
	r.path = path;
	if (!remote) {
		w->remote_seq++;
		remote = arena_printf(&r.arena, "10.%u.%u.%u", (w->remote_seq >> 16) & 255,
				      (w->remote_seq >> 8) & 255, w->remote_seq & 255);
	}
	r.remote = remote;
	if (u && u->sid[0])
		r.cookie_sid = u->sid;
	if (u && csrf && u->csrf[0])
		r.csrf = u->csrf;
	r.filename = filename;
	if (body && body_len) {
		r.body = body;
		r.body_len = body_len;
	}
	router_dispatch(&r);
	memset(a, 0, sizeof(*a));
	buf_init(&a->raw);
	buf_init(&a->headers);
	a->status = r.status;
	buf_add(&a->raw, r.resp.ptr, r.resp.len);
	snprintf(a->type, sizeof(a->type), "%s", r.resp_type ? r.resp_type : "");
	for (size_t i = 0; i < r.nresp_headers; i++) {
		buf_addf(&a->headers, "%s: %s\n", r.resp_headers[i].key, r.resp_headers[i].value);
		if (u && strcmp(r.resp_headers[i].key, "Set-Cookie") == 0 &&
		    strncmp(r.resp_headers[i].value, "qlsid=", 6) == 0) {
			const char *v = r.resp_headers[i].value + 6;
			snprintf(u->sid, sizeof(u->sid), "%.*s", (int)strcspn(v, ";"), v);
		}
	}
	a->json = json_loadb(r.resp.ptr, r.resp.len, 0, NULL);
	if (!a->json)
		a->json = json_stringn(r.resp.ptr, r.resp.len);
	if (!a->json)
		a->json = json_string("(binary)");
	if (w->verbose)
		fprintf(stderr, "  %s %s %s -> %d %.*s\n", u ? u->name : "-", method, target,
			a->status, (int)(r.resp.len > 200 ? 200 : r.resp.len), r.resp.ptr);
	req_release(&r);
}

bool world_login(struct world *w, struct world_user *u)
{
	u->sid[0] = u->csrf[0] = '\0';
	if (u->role < 0)
		return true;
	char body[160];
	snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", u->name,
		 PASSWORD);
	struct world_answer a;
	world_request(w, u, "POST", "/api/v1/session", body, strlen(body), false, NULL, NULL, &a);
	const char *csrf = json_string_value(json_object_get(a.json, "csrf"));
	bool ok = a.status == 200 && csrf;
	if (ok)
		snprintf(u->csrf, sizeof(u->csrf), "%s", csrf);
	else
		fprintf(stderr, "login as %s failed (%d)\n", u->name, a.status);
	world_answer_release(&a);
	return ok;
}

/* ---- users -------------------------------------------------------------------------------- */

static const struct world_user fixture_users[] = {
    {"-", -1, -1, NULL, "", "", 0},
    {"admin", ROLE_ADMIN, -1, NULL, "", "", 0},
    {"jiwei", ROLE_JIWEI, -1, NULL, "", "", 0},
    {"nongye", ROLE_DEPT, -1, "农业农村局", "", "", 0},
    {"kuaiji", ROLE_ACCOUNTANT, 0, NULL, "", "", 0},
    {"cun_a", ROLE_VILLAGE, 0, NULL, "", "", 0},
    {"jianwei_a", ROLE_SUPERVISOR, 0, NULL, "", "", 0},
    {"dudao", ROLE_INSPECTOR, 0, NULL, "", "", 0},
    /* village B's own staff, to make B's records */
    {"cun_b", ROLE_VILLAGE, 1, NULL, "", "", 0},
    {"jianwei_b", ROLE_SUPERVISOR, 1, NULL, "", "", 0},
};

static enum err add_users(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	struct world *w = arg;
	for (int i = 0; i < w->nusers; i++) {
		struct world_user *u = &w->users[i];
		if (u->role < 0)
			continue;
		int64_t v = u->village >= 0 ? w->vid[u->village] : 0;
		struct user_new n = {u->name,
				     u->name,
				     (enum role)u->role,
				     u->dept,
				     PASSWORD,
				     u->village >= 0 ? &v : NULL,
				     u->village >= 0 ? 1u : 0u,
				     0};
		enum err e = auth_user_add(&w->app, tc, &n, &u->id, ei);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- seeds: one record per entity in villages A and B ------------------------------------------
 */

struct seed {
	const char *user;     /* acting user; "{v}" is replaced by a or b */
	const char *method;   /* request */
	const char *path;     /* template */
	const char *body;     /* template; ${X} = this village's code, ${P} its person */
	const char *save;     /* variable for the answer's "id" (suffixed _a / _b), or NULL */
	int want;	      /* expected status */
	const char *filename; /* a raw-body upload's X-Filename, or NULL for JSON */
};

/* In order: later seeds use the ids saved by earlier ones. */
static const struct seed seeds[] = {
    {"jiwei", "POST", "/api/v1/reserve-cadres",
     "{\"village_code\":\"${X}\",\"id_no\":\"${P}\",\"added_date\":\"2026-06-01\"}", NULL, 201},
    /* 议事决策: a matter, its 重大事项预报, a step with an attachment, an inquiry */
    {"jiwei", "POST", "/api/v1/power/items/seed", NULL, NULL, 0},
    {"cun_{v}", "POST", "/api/v1/power/matters",
     "{\"village_code\":\"${X}\",\"title\":\"村道硬化工程\",\"item_id\":12,\"amount_fen\":"
     "\"186000.00\"}",
     "matter", 201},
    {"cun_{v}", "POST", "/api/v1/power/matters/${matter}/filings",
     "{\"kind\":\"预报\",\"filed_date\":\"2026-06-01\",\"content\":\"拟实施村道硬化工程\"}", NULL,
     201},
    {"cun_{v}", "POST", "/api/v1/power/matters/${matter}/steps",
     "{\"step\":\"提议\",\"date\":\"2026-06-03\",\"minutes\":\"支部委员会研究提出\","
     "\"attachments\":[{\"name\":\"提议书.txt\",\"content_base64\":\"5o+Q6K6u5Lmm\"}]}",
     NULL, 201},
    {"jiwei", "POST", "/api/v1/power/inquiries",
     "{\"village_code\":\"${X}\",\"question\":\"村道工程为何未公开预算？\"}", NULL, 201},
    /* 信访: registered, accepted, 包案 to the village's own secretary */
    {"jiwei", "POST", "/api/v1/complaints",
     "{\"village_code\":\"${X}\",\"channel\":\"来信\",\"subject\":\"账目不公开\","
     "\"anonymous\":true}",
     "complaint", 201},
    {"jiwei", "POST", "/api/v1/complaints/${complaint}/decision",
     "{\"decision\":\"受理\",\"reason\":\"属于受理范围\"}", NULL, 200},
    {"jiwei", "POST", "/api/v1/complaints/${complaint}/assign", "{\"handler\":\"cun_${V}\"}", NULL,
     200},
    {"jiwei", "POST", "/api/v1/discipline/cases",
     "{\"village_code\":\"${X}\",\"id_no\":\"${P}\",\"form\":1,\"kind\":\"谈话提醒\","
     "\"opened_date\":\"2026-06-01\"}",
     NULL, 201},
    {"jiwei", "POST", "/api/v1/audits",
     "{\"village_code\":\"${X}\",\"kind\":\"专项\",\"topic\":\"土地征用\",\"period_from\":"
     "\"2025-01-01\",\"period_to\":\"2025-12-31\"}",
     NULL, 201},
    {"jiwei", "POST", "/api/v1/rectifications",
     "{\"village_code\":\"${X}\",\"source\":\"巡察\",\"problem\":\"三资台账不全\",\"owner\":"
     "\"张书记\",\"deadline\":\"2026-07-31\"}",
     "rect", 201},
    {"jiwei", "POST", "/api/v1/rectifications/${rect}/tasks",
     "{\"measure\":\"补齐台账\",\"deadline\":\"2026-07-15\"}", NULL, 201},
    {"jiwei", "POST", "/api/v1/plan/measures/seed", NULL, NULL, 0},
    {"jiwei", "POST", "/api/v1/plan/tasks",
     "{\"measure_code\":\"M03\",\"year\":2026,\"title\":\"述职述廉\",\"unit\":\"各村居党组织\","
     "\"due_date\":\"2026-12-31\",\"village_code\":\"${X}\"}",
     "task", 201},
    {"jiwei", "POST", "/api/v1/plan/tasks/${task}/milestones",
     "{\"title\":\"年中述廉\",\"due_date\":\"2026-07-31\"}", NULL, 201},
    {"jiwei", "POST", "/api/v1/edu/activities",
     "{\"village_code\":\"${X}\",\"kind\":\"道德讲堂\",\"title\":\"道德讲堂\",\"date\":"
     "\"2026-05-20\",\"participants\":\"村民\",\"expected\":50,\"attended\":40}",
     NULL, 201},
    {"cun_{v}", "POST", "/api/v1/villages/${X}/village-rules",
     "{\"title\":\"村规民约\",\"adopted_date\":\"${DECIDED}\",\"matter_no\":\"${MATTER_NO}\","
     "\"content\":\"第一条 弘扬清廉家风。\"}",
     NULL, 201},
    {"jiwei", "PUT", "/api/v1/assess/2025",
     "{\"title\":\"2025年度考核\",\"indicators\":[{\"code\":\"1\",\"name\":\"考核组评议\","
     "\"weight\":100}]}",
     NULL, 200},
    {"jiwei", "POST", "/api/v1/assess/2025/deductions",
     "{\"village_code\":\"${X}\",\"points\":\"1.5\",\"reason\":\"台账不全\",\"assessor\":"
     "\"李纪委\"}",
     NULL, 201},
    {"jiwei", "POST", "/api/v1/assess/2025/negative",
     "{\"village_code\":\"${X}\",\"reason\":\"村干部违纪\",\"assessor\":\"李纪委\"}", NULL, 201},
    /* 三务公开: draft, review, publish, and a villager's objection */
    {"cun_{v}", "POST", "/api/v1/disclosures",
     "{\"village_code\":\"${X}\",\"item_code\":\"CZ-01\",\"period\":\"2026-05\",\"title\":"
     "\"2026年5月财务收支明细\",\"lines\":[{\"date\":\"2026-05-03\",\"summary\":\"鱼塘承包费\","
     "\"income\":\"5000.00\"}]}",
     "disc", 201},
    {"cun_{v}", "POST", "/api/v1/disclosures/${disc}/submit", NULL, NULL, 200},
    {"jianwei_{v}", "POST", "/api/v1/disclosures/${disc}/review", "{\"decision\":\"同意\"}", NULL,
     200},
    {"cun_{v}", "POST", "/api/v1/disclosures/${disc}/publish", "{}", NULL, 200},
    {"-", "POST", "/api/v1/public/disclosures/${disc}/objections",
     "{\"content\":\"鱼塘承包费为何只有五千元？\"}", NULL, 201},
    /* 打包竞价 of two announced small projects */
    {"cun_{v}", "POST", "/api/v1/projects",
     "{\"village_code\":\"${X}\",\"project_no\":\"DB2026-1\",\"name\":\"小型工程一\","
     "\"kind\":\"工程\",\"budget\":\"20000.00\",\"procurement\":\"打包竞价\",\"date\":"
     "\"2026-06-01\"}",
     "p1", 201},
    {"cun_{v}", "POST", "/api/v1/projects",
     "{\"village_code\":\"${X}\",\"project_no\":\"DB2026-2\",\"name\":\"小型工程二\","
     "\"kind\":\"工程\",\"budget\":\"15000.00\",\"procurement\":\"打包竞价\",\"date\":"
     "\"2026-06-01\"}",
     "p2", 201},
    {"nongye", "PUT", "/api/v1/projects/${p1}/review",
     "{\"date\":\"2026-06-02\",\"result\":\"通过\"}", NULL, 200},
    {"nongye", "PUT", "/api/v1/projects/${p2}/review",
     "{\"date\":\"2026-06-02\",\"result\":\"通过\"}", NULL, 200},
    {"cun_{v}", "PUT", "/api/v1/projects/${p1}/approve",
     "{\"date\":\"2026-06-03\",\"matter_no\":\"${MATTER_NO}\"}", NULL, 200},
    {"cun_{v}", "PUT", "/api/v1/projects/${p2}/approve",
     "{\"date\":\"2026-06-03\",\"matter_no\":\"${MATTER_NO}\"}", NULL, 200},
    {"cun_{v}", "PUT", "/api/v1/projects/${p1}/announce",
     "{\"date\":\"2026-06-04\",\"announcement\":\"打包竞价公告\"}", NULL, 200},
    {"cun_{v}", "PUT", "/api/v1/projects/${p2}/announce",
     "{\"date\":\"2026-06-04\",\"announcement\":\"打包竞价公告\"}", NULL, 200},
    {"cun_{v}", "POST", "/api/v1/bundles",
     "{\"village_code\":\"${X}\",\"bundle_no\":\"DB2026-01\",\"name\":\"二季度打包\","
     "\"date\":\"2026-06-05\",\"project_nos\":[\"DB2026-1\",\"DB2026-2\"]}",
     NULL, 201},
    {"jiwei", "POST", "/api/v1/rules/scan", "{\"village_code\":\"${X}\"}", NULL, 0},
    /* a file of evidence on the village's newest alert (${ALERT}: found after the scan) */
    {"jiwei", "POST", "/api/v1/alerts/${ALERT}/evidence", "核查笔录：已调阅原始凭证。", NULL, 201,
     "hecha.txt"},
};

/* Expand "{v}" in a user name. */
static const char *seed_user(char *buf, size_t n, const char *name, int v)
{
	const char *p = strstr(name, "{v}");
	if (!p)
		return name;
	snprintf(buf, n, "%.*s%c%s", (int)(p - name), name, v ? 'b' : 'a', p + 3);
	return buf;
}

static bool first_text(struct world *w, unsigned st, int64_t vid, int col, char *out, size_t n);

/* ${ALERT}: the newest alert of village v, raised by the scan seed. */
static void set_newest_alert(struct world *w, int v)
{
	for (size_t i = 0; i < NENT; i++)
		if (strcmp(entities[i].table, "alerts") == 0) {
			char buf[32];
			if (first_text(w, (unsigned)i, w->vid[v], 0, buf, sizeof(buf)))
				world_set(w, "ALERT", buf);
			return;
		}
}

static bool run_seeds(struct world *w)
{
	bool ok = true;
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		const struct seed *s = &seeds[i];
		/* township-wide seeds run once */
		int nv = strstr(s->path, "${") || (s->body && strstr(s->body, "${")) ||
				 strstr(s->user, "{v}")
			     ? 2
			     : 1;
		for (int v = 0; v < nv; v++) {
			char ubuf[32];
			struct world_user *u =
			    world_user(w, seed_user(ubuf, sizeof(ubuf), s->user, v));
			if (!u)
				abort();
			/* ${X}, ${P} and saved names refer to this village */
			world_set(w, "X", w->code[v]);
			world_set(w, "P", w->person[v]);
			world_set(w, "V", v ? "b" : "a");
			for (int k = 0; k < w->nvars; k++) {
				size_t n = strlen(w->vars[k][0]);
				if (n > 2 && w->vars[k][0][n - 2] == '_' &&
				    w->vars[k][0][n - 1] == (v ? 'b' : 'a')) {
					char base[64];
					snprintf(base, sizeof(base), "%.*s", (int)(n - 2),
						 w->vars[k][0]);
					char val[64];
					snprintf(val, sizeof(val), "%s", w->vars[k][1]);
					world_set(w, base, val);
				}
			}
			if (strstr(s->path, "${ALERT}"))
				set_newest_alert(w, v);
			char *path = world_subst(w, s->path);
			char *body = s->body ? world_subst(w, s->body) : NULL;
			struct world_answer a;
			world_request(w, u, s->method, path, body, body ? strlen(body) : 0, true,
				      s->filename, NULL, &a);
			if (s->want && a.status != s->want) {
				char *t = json_dumps(a.json, JSON_ENCODE_ANY | JSON_COMPACT);
				fprintf(stderr, "seed %s %s as %s: %d, expected %d: %s\n",
					s->method, path, u->name, a.status, s->want, t);
				free(t);
				ok = false;
			}
			if (s->save) {
				json_t *id = json_object_get(a.json, "id");
				char name[64], val[32];
				snprintf(name, sizeof(name), "%s_%c", s->save, v ? 'b' : 'a');
				snprintf(val, sizeof(val), "%lld",
					 (long long)json_integer_value(id));
				world_set(w, name, val);
			}
			world_answer_release(&a);
			free(path);
			free(body);
		}
	}
	return ok;
}

/* ---- ids ------------------------------------------------------------------------------------ */

static bool first_text(struct world *w, unsigned st, int64_t vid, int col, char *out, size_t n)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	out[0] = '\0';
	if (db_conn_get(w->app.db, &c, &ei) != E_OK)
		return false;
	struct db_res *res;
	bool ok = db_one(c, &stmts, st, DB_PARAMS(DB_INT(vid)), &res) == E_OK;
	if (ok) {
		snprintf(out, n, "%s", db_text(res, col) ? db_text(res, col) : "");
		db_done(res);
	}
	db_conn_put(w->app.db, c);
	return ok;
}

/* The newest row of each entity in A and B, taken once the seeds are in: the
 * seeded record where there is one, so that later writes do not move it. */
static int64_t snapshot[NENT][2];

static void take_snapshot(struct world *w)
{
	for (size_t i = 0; i < NENT; i++)
		for (int v = 0; v < 2; v++) {
			char buf[32];
			snapshot[i][v] = first_text(w, (unsigned)i, w->vid[v], 0, buf, sizeof(buf))
					     ? strtoll(buf, NULL, 10)
					     : 0;
		}
}

bool world_entity_id(struct world *w, const char *pattern, int v, int64_t *id, const char **table)
{
	(void)w;
	*id = 0;
	for (size_t i = 0; i < NENT; i++) {
		size_t n = strlen(entities[i].prefix);
		if (strncmp(pattern, entities[i].prefix, n) != 0 ||
		    (pattern[n] && pattern[n] != '/'))
			continue;
		*table = entities[i].table;
		*id = snapshot[i][v];
		return true;
	}
	*table = NULL;
	return false;
}

uint64_t world_verify(struct world *w)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct trail_report rep = {0};
	if (db_conn_get(w->app.db, &c, &ei) != E_OK)
		return 1;
	enum err e = trail_verify(c, &w->app.signer, NULL, stderr, &rep, &ei);
	db_conn_put(w->app.db, c);
	if (e != E_OK) {
		fprintf(stderr, "verify: %s\n", ei.msg);
		return 1;
	}
	return rep.problems;
}

/* ---- open / close ------------------------------------------------------------------------- */

static bool load_villages(struct world *w)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	if (db_conn_get(w->app.db, &c, &ei) != E_OK)
		return false;
	struct db_res *res;
	int n = 0;
	if (db_exec(c, &stmts, ST_VILLAGES, DB_NOPARAMS, &res) == E_OK) {
		while (db_row(res) && n < 2) {
			w->vid[n] = db_int(res, 0);
			snprintf(w->code[n], sizeof(w->code[n]), "%s", db_text(res, 1));
			snprintf(w->township, sizeof(w->township), "%s", db_text(res, 2));
			n++;
		}
		db_done(res);
	}
	db_conn_put(w->app.db, c);
	if (n < 2)
		return false;
	for (int v = 0; v < 2; v++)
		if (!first_text(w, ST_PERSON, w->vid[v], 0, w->person[v], sizeof(w->person[v])))
			return false;
	/* a matter with a 决议 for the village rules, adopted on the day of the decision */
	char no[32], date[16];
	if (first_text(w, ST_DECIDED_MATTER, w->vid[0], 0, no, sizeof(no)) &&
	    first_text(w, ST_DECIDED_MATTER, w->vid[0], 1, date, sizeof(date))) {
		world_set(w, "MATTER_NO_a", no);
		world_set(w, "DECIDED_a", date);
	}
	if (first_text(w, ST_DECIDED_MATTER, w->vid[1], 0, no, sizeof(no)) &&
	    first_text(w, ST_DECIDED_MATTER, w->vid[1], 1, date, sizeof(date))) {
		world_set(w, "MATTER_NO_b", no);
		world_set(w, "DECIDED_b", date);
	}
	world_set(w, "A", w->code[0]);
	world_set(w, "B", w->code[1]);
	world_set(w, "PA", w->person[0]);
	world_set(w, "PB", w->person[1]);
	world_set(w, "T", w->township);
	return true;
}

bool world_open(struct world *w, enum db_backend b, bool seed)
{
	static uint64_t counter;
	memset(w, 0, sizeof(*w));
	w->backend = b;
	w->verbose = getenv("QL_AUTHZ_VERBOSE") != NULL;
	snprintf(w->dir, sizeof(w->dir), "/tmp/ql-authz-XXXXXX");
	if (!mkdtemp(w->dir))
		return false;
	char keys[96], gendir[96];
	snprintf(keys, sizeof(keys), "%s/keys", w->dir);
	snprintf(gendir, sizeof(gendir), "%s/gen", w->dir);
	setenv("QL_JIWEI_KEY_DIR", keys, 1);
	struct errinfo ei = {0};
	struct gen_opts go = {gendir, 3, 2, 7};
	if (gen_run(&go, &ei) != E_OK) {
		fprintf(stderr, "gen: %s\n", ei.msg);
		return false;
	}
	db_stmts_register(&stmts);
	if (testdb_open(&w->tdb, b, "authz") != E_OK)
		return false;
	struct app_opts o = {0};
	o.db_url = db_url(w->tdb);
	o.migrate = true;
	o.no_signer = true;
	if (app_open(&w->app, &o, &ei) != E_OK) {
		fprintf(stderr, "app_open: %s\n", ei.msg);
		return false;
	}
	w->opened = true;
	w->app.clock = fixed_clock;
	w->app.random = seeded_random;
	w->app.random_ctx = &counter;
	w->app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
	w->app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
	w->app.quiet = true;
	FILE *devnull = fopen("/dev/null", "w");
	enum err e = io_import_dir(&w->app, gendir, devnull, &ei);
	fclose(devnull);
	if (e != E_OK) {
		fprintf(stderr, "import: %s\n", ei.msg);
		return false;
	}
	if (!load_villages(w)) {
		fprintf(stderr, "the generated township has no two villages with people\n");
		return false;
	}
	w->nusers = (int)(sizeof(fixture_users) / sizeof(fixture_users[0]));
	memcpy(w->users, fixture_users, sizeof(fixture_users));
	if (app_write(&w->app, "test:authz", add_users, w, &ei) != E_OK) {
		fprintf(stderr, "users: %s\n", ei.msg);
		return false;
	}
	for (int i = 0; i < w->nusers; i++)
		if (!world_login(w, &w->users[i]))
			return false;
	if (seed && !run_seeds(w))
		return false;
	take_snapshot(w);
	return true;
}

void world_close(struct world *w)
{
	if (w->opened)
		app_close(&w->app);
	testdb_close(w->tdb);
	char rm[128];
	snprintf(rm, sizeof(rm), "rm -rf %s", w->dir);
	if (system(rm) != 0)
		fprintf(stderr, "could not remove %s\n", w->dir);
}
