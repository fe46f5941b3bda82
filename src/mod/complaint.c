/*
 * The complaint module's HTTP face and workflow: the commission's key, intake
 * (public portal and staff), the receipt-code view for complainants, the state
 * machine from registration to 复核 with its statutory deadlines, extensions,
 * links, messages, decryption of identities (passphrase per request, every
 * attempt logged), escalation, inbox and statistics.  Visibility is decided
 * here and in complaint_db.c's filters: the commission sees every complaint,
 * anyone else only what was 包案 to them, and nobody sees a complaint that
 * accuses them.  It must never write an identity in plain text, nor put words
 * into a log entry (trail_event values hold ids only).  SQL is in
 * complaint_db.c.
 */
#include "complaint.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/auth.h"
#include "core/datefmt.h"
#include "core/json_out.h"
#include "core/ratelimit.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

static const char *const channels[] = {"来信", "来访", "电话", "网络", "其他", NULL};
static const char *const tracks[] = {"xinfang", "jijian", NULL};
static const char *const decisions[] = {"受理", "不予受理", "转办", NULL};
static const char *const outcomes[] = {"属实", "部分属实", "不属实", "其他", NULL};
static const char *const satisfactions[] = {"满意", "基本满意", "不满意", NULL};
static const char *const link_kinds[] = {"重复", "相关", NULL};

static const struct {
	const char *name;  /* stored */
	const char *label; /* shown */
} states[CS__MAX] = {
    [CS_REGISTERED] = {"registered", "已登记"},
    [CS_ACCEPTED] = {"accepted", "已受理"},
    [CS_REJECTED] = {"rejected", "不予受理"},
    [CS_TRANSFERRED] = {"transferred", "已转办"},
    [CS_ASSIGNED] = {"assigned", "已包案交办"},
    [CS_HANDLING] = {"handling", "办理中"},
    [CS_CONCLUDED] = {"concluded", "已办结"},
    [CS_REPLIED] = {"replied", "已反馈"},
    [CS_REVIEW_REQUESTED] = {"review_requested", "申请复查"},
    [CS_REVIEWED] = {"reviewed", "已复查"},
    [CS_RECHECK_REQUESTED] = {"recheck_requested", "申请复核"},
    [CS_RECHECKED] = {"rechecked", "已复核"},
    [CS_CLOSED] = {"closed", "已结案"},
};

const char *complaint_state_name(enum complaint_state s)
{
	return s < CS__MAX ? states[s].name : "?";
}

const char *complaint_state_label(enum complaint_state s)
{
	return s < CS__MAX ? states[s].label : "?";
}

bool complaint_state_parse(const char *s, enum complaint_state *out)
{
	for (int i = 0; s && i < CS__MAX; i++)
		if (strcmp(states[i].name, s) == 0) {
			*out = (enum complaint_state)i;
			return true;
		}
	return false;
}

/* ---- the state machine as data -------------------------------------------------- */

#define S(x) (1u << (x))

enum step_id {
	STEP_DECIDE,
	STEP_ASSIGN,
	STEP_PROGRESS,
	STEP_CONCLUDE,
	STEP_REPLY,
	STEP_SATISFACTION,
	STEP_REVIEW_REQUEST,
	STEP_REVIEW_ANSWER,
	STEP_CLOSE,
	STEP_REOPEN,
	STEP_EXTEND,
	STEP_CLASSIFY,
	STEP_MESSAGE,
	STEP_MESSAGE_IN,
	STEP_LINK,
	STEP__MAX
};

struct step {
	const char *action; /* log action */
	const char *label;  /* Chinese, for refusals */
	unsigned from;	    /* states it may start from */
	bool handler_may;   /* the 包案 handler may take it (else the commission only) */
};

static const struct step steps[STEP__MAX] = {
    [STEP_DECIDE] = {"complaint.decide", "受理决定", S(CS_REGISTERED), false},
    [STEP_ASSIGN] = {"complaint.assign", "包案交办",
		     S(CS_ACCEPTED) | S(CS_ASSIGNED) | S(CS_HANDLING), false},
    [STEP_PROGRESS] = {"complaint.progress", "登记办理情况", S(CS_ASSIGNED) | S(CS_HANDLING), true},
    [STEP_CONCLUDE] = {"complaint.conclude", "办结（处理意见书）", S(CS_ASSIGNED) | S(CS_HANDLING),
		       true},
    [STEP_REPLY] = {"complaint.reply", "反馈信访人", S(CS_CONCLUDED), true},
    [STEP_SATISFACTION] = {"complaint.satisfaction", "满意度评价",
			   S(CS_REPLIED) | S(CS_REVIEWED) | S(CS_RECHECKED), false},
    [STEP_REVIEW_REQUEST] = {"complaint.review_request", "申请复查或复核",
			     S(CS_REPLIED) | S(CS_REVIEWED), false},
    [STEP_REVIEW_ANSWER] = {"complaint.review_answer", "复查或复核意见",
			    S(CS_REVIEW_REQUESTED) | S(CS_RECHECK_REQUESTED), false},
    [STEP_CLOSE] = {"complaint.close", "结案",
		    S(CS_REPLIED) | S(CS_REVIEWED) | S(CS_RECHECKED) | S(CS_REJECTED) |
			S(CS_TRANSFERRED),
		    false},
    [STEP_REOPEN] = {"complaint.reopen", "重新办理",
		     S(CS_CLOSED) | S(CS_REJECTED) | S(CS_TRANSFERRED) | S(CS_REPLIED) |
			 S(CS_REVIEWED) | S(CS_RECHECKED),
		     false},
    [STEP_EXTEND] = {"complaint.extend", "延长办理期限",
		     S(CS_ACCEPTED) | S(CS_ASSIGNED) | S(CS_HANDLING) | S(CS_CONCLUDED) |
			 S(CS_REVIEW_REQUESTED) | S(CS_RECHECK_REQUESTED),
		     false},
    [STEP_CLASSIFY] = {"complaint.classify", "分类与被反映人",
		       S(CS_REGISTERED) | S(CS_ACCEPTED) | S(CS_ASSIGNED) | S(CS_HANDLING), false},
    [STEP_MESSAGE] = {"complaint.message", "向信访人询问", (S(CS__MAX) - 1) & ~S(CS_CLOSED), true},
    [STEP_MESSAGE_IN] = {"complaint.message_in", "补充材料", (S(CS__MAX) - 1) & ~S(CS_CLOSED),
			 false},
    [STEP_LINK] = {"complaint.link", "关联信访件", S(CS__MAX) - 1, false},
};

/* ---- one complaint -------------------------------------------------------------- */

struct cp {
	int64_t id;		    /* complaints.id */
	int64_t village_id;	    /* its village */
	int64_t accused;	    /* accused person id, 0 if none */
	int64_t key_id;		    /* key of the sealed identity, 0 if none */
	int64_t handler;	    /* 包案 user id, 0 if none */
	int64_t extended;	    /* the current deadline was extended */
	int64_t escalated;	    /* flagged as overdue */
	int64_t anonymous;	    /* 匿名 */
	enum complaint_state state; /* current state */
	const char *ref;	    /* 编号 */
	const char *track;	    /* xinfang / jijian */
	const char *channel;	    /* 渠道 */
	const char *category;	    /* 类别 or NULL */
	const char *subject;	    /* 反映事项 */
	const char *content;	    /* full text or NULL */
	const char *result;	    /* 办理结果 text or NULL */
	const char *salt;	    /* salt of the text digest */
	const char *box;	    /* sealed identity (base64) or NULL */
	const char *received;	    /* 收到日期 */
	const char *decision;	    /* 受理/不予受理/转办 or NULL */
	const char *decision_date;  /* of the decision */
	const char *accepted;	    /* 受理日期 */
	const char *assigned;	    /* 包案日期 */
	const char *concluded;	    /* 办结日期 */
	const char *outcome;	    /* 属实/部分属实/不属实/其他 */
	const char *replied;	    /* date of the latest answer to the complainant */
	const char *satisfaction;   /* 满意度 */
	const char *closed;	    /* 结案日期 */
	const char *due_code;	    /* deadline running, or NULL */
	const char *due_date;	    /* its due date, or NULL */
	const char *village_code;   /* 区划代码 */
	const char *village_name;   /* 村名 */
};

static enum err cp_load(struct req *r, int64_t id, struct cp *c)
{
	struct db_res *res;
	enum err e = id > 0
			 ? db_one(r->db, &complaint_stmts, CP_ST_ROW, DB_PARAMS(DB_INT(id)), &res)
			 : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "complaint.not_found", NULL, "信访件不存在");
	if (e != E_OK)
		return e;
	struct arena *a = &r->arena;
	memset(c, 0, sizeof(*c));
	c->id = db_int(res, CC_ID);
	c->village_id = db_int(res, CC_VILLAGE_ID);
	c->accused = db_int(res, CC_ACCUSED);
	c->key_id = db_int(res, CC_KEY_ID);
	c->handler = db_int(res, CC_HANDLER);
	c->extended = db_int(res, CC_EXTENDED);
	c->escalated = db_int(res, CC_ESCALATED);
	c->anonymous = db_int(res, CC_ANONYMOUS);
	c->ref = db_text_dup(a, res, CC_REF);
	c->track = db_text_dup(a, res, CC_TRACK);
	c->channel = db_text_dup(a, res, CC_CHANNEL);
	c->category = db_text_dup(a, res, CC_CATEGORY);
	c->subject = db_text_dup(a, res, CC_SUBJECT);
	c->content = db_text_dup(a, res, CC_CONTENT);
	c->result = db_text_dup(a, res, CC_RESULT);
	c->salt = db_text_dup(a, res, CC_TEXT_SALT);
	c->box = db_text_dup(a, res, CC_IDENTITY_BOX);
	c->received = db_text_dup(a, res, CC_RECEIVED);
	complaint_state_parse(db_text(res, CC_STATE), &c->state);
	c->decision = db_text_dup(a, res, CC_DECISION);
	c->decision_date = db_text_dup(a, res, CC_DECISION_DATE);
	c->accepted = db_text_dup(a, res, CC_ACCEPTED);
	c->assigned = db_text_dup(a, res, CC_ASSIGNED);
	c->concluded = db_text_dup(a, res, CC_CONCLUDED);
	c->outcome = db_text_dup(a, res, CC_OUTCOME);
	c->replied = db_text_dup(a, res, CC_REPLIED);
	c->satisfaction = db_text_dup(a, res, CC_SATISFACTION);
	c->closed = db_text_dup(a, res, CC_CLOSED);
	c->due_code = db_text_dup(a, res, CC_DUE_CODE);
	c->due_date = db_text_dup(a, res, CC_DUE_DATE);
	c->village_code = db_text_dup(a, res, CC_VILLAGE_CODE);
	c->village_name = db_text_dup(a, res, CC_VILLAGE_NAME);
	return db_done(res);
}

static struct db_val opt_id(int64_t id)
{
	return id ? DB_INT(id) : DB_NULL;
}

static enum err cp_store(struct req *r, const struct cp *c)
{
	return db_exec(r->db, &complaint_stmts, CP_ST_SET_STATE,
		       DB_PARAMS(DB_INT(c->id), DB_TEXT(complaint_state_name(c->state)),
				 DB_TEXT(c->decision), DB_TEXT(c->decision_date),
				 DB_TEXT(c->accepted), opt_id(c->handler), DB_TEXT(c->assigned),
				 DB_TEXT(c->concluded), DB_TEXT(c->outcome), DB_TEXT(c->replied),
				 DB_TEXT(c->satisfaction), DB_TEXT(c->closed), DB_TEXT(c->due_code),
				 DB_TEXT(c->due_date), DB_INT(c->extended), DB_INT(c->escalated)),
		       NULL);
}

/* The text the complaint's digest covers: the complainant's words and the
 * classification, never in the log. */
static char *cp_text(struct arena *a, const char *subject, const char *content,
		     const char *category, const char *result)
{
	return arena_printf(a, "%s\x1f%s\x1f%s\x1f%s", subject ? subject : "",
			    content ? content : "", category ? category : "", result ? result : "");
}

static bool manages(const struct req *r)
{
	return r->user && rbac_allows(&perm_complaint_manage, r->user);
}

static int64_t my_person(const struct req *r)
{
	return r->user ? r->user->person_id : 0;
}

/* village_of for {id} routes.  Out of the user's villages: the gate answers
 * 403.  Accusing the user, or neither managed nor 包案 to them: 404, so that
 * its existence is not revealed. */
static enum err complaint_village(struct req *r, int64_t *vid)
{
	struct cp c;
	enum err e = cp_load(r, modutil_path_id(r), &c);
	if (e != E_OK)
		return e;
	*vid = c.village_id;
	if (!rbac_village_allowed(r->user, c.village_id))
		return E_OK;
	if ((c.accused && c.accused == my_person(r)) || (!manages(r) && c.handler != r->user->id))
		return req_fail(r, E_NOTFOUND, "complaint.not_found", NULL, "信访件不存在");
	return E_OK;
}

/* May this request take step s on c?  Wrong state: 409; not the commission
 * and not the handler: 403. */
static enum err step_check(struct req *r, const struct cp *c, enum step_id s)
{
	const struct step *st = &steps[s];
	if (r->user && !manages(r) && !(st->handler_may && c->handler == r->user->id))
		return req_fail(r, E_FORBIDDEN, "complaint.not_handler", NULL,
				"只有镇纪委或本件的包案责任人可以进行此操作：%s", st->label);
	if (!(st->from & S(c->state)))
		return req_fail(r, E_CONFLICT, "complaint.state", "state",
				"信访件当前状态为“%s”，不能进行此操作：%s",
				complaint_state_label(c->state), st->label);
	return E_OK;
}

/* Set the running deadline code, counted from start. */
static enum err set_due(struct req *r, struct cp *c, const char *code, const char *start)
{
	c->due_code = NULL;
	c->due_date = NULL;
	c->extended = 0;
	c->escalated = 0;
	if (!code)
		return E_OK;
	const struct complaint_deadline *d = complaint_deadline_find(code);
	if (!d)
		return req_fail(r, E_INTERNAL, "complaint.deadline", NULL, "缺少时限规定：%s",
				code);
	struct workdays_cal cal;
	enum err e = complaint_calendar(r->db, &r->arena, &cal, &r->err);
	if (e != E_OK)
		return e;
	char due[11];
	if (!complaint_deadline_due(&cal, d, start, 0, due))
		return req_fail(r, E_INTERNAL, "complaint.deadline", NULL, "时限计算失败：%s",
				start);
	c->due_code = code;
	c->due_date = arena_strdup(&r->arena, due);
	return E_OK;
}

/* Record a step: the action row (with its words beside a digest) first, then
 * the complaint, so that the newest log entry is the complaint's. */
static enum err record(struct req *r, struct cp *c, enum step_id s, enum complaint_state from,
		       const char *body, bool to_public)
{
	char today[11], salt[33] = "", digest[65] = "";
	app_today(r->app, today);
	if (body) {
		complaint_salt_new(r->app, salt);
		complaint_digest(salt, body, digest);
	}
	struct db_res *res;
	enum err e = db_one(r->db, &complaint_stmts, CP_ST_ACTION_INSERT,
			    DB_PARAMS(DB_INT(c->village_id), DB_INT(c->id),
				      DB_TEXT(steps[s].action), DB_TEXT(complaint_state_name(from)),
				      DB_TEXT(complaint_state_name(c->state)), DB_TEXT(today),
				      opt_id(r->user ? r->user->id : 0), DB_INT(to_public ? 1 : 0),
				      DB_TEXT(body), DB_OPT(salt), DB_OPT(digest)),
			    &res);
	if (e != E_OK)
		return e;
	int64_t aid = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &complaint_tables[CP_T_ACTIONS], aid, steps[s].action,
			   &r->err)) != E_OK)
		return e;
	if ((e = cp_store(r, c)) != E_OK)
		return e;
	return trail_row(&r->tc, &complaint_tables[CP_T_COMPLAINTS], c->id, steps[s].action,
			 &r->err);
}

static enum err answer_state(struct req *r, const struct cp *c, int status)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)c->id, "ref", c->ref, "state",
			      complaint_state_name(c->state), "state_label",
			      complaint_state_label(c->state));
	json_object_set_new(o, "due_date", c->due_date ? json_string(c->due_date) : json_null());
	return req_json(r, status, o);
}

/* Days from today to due (negative when overdue). */
static int64_t days_left(const char *today, const char *due)
{
	return datefmt_days(due) - datefmt_days(today);
}

static void add_countdown(json_t *items, const char *today)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		const char *due = json_string_value(json_object_get(it, "due_date"));
		json_object_set_new(it, "days_left",
				    due ? json_integer(days_left(today, due)) : json_null());
		json_object_set_new(it, "overdue", json_boolean(due && strcmp(due, today) < 0));
		json_t *st = json_object_get(it, "state");
		enum complaint_state s;
		if (complaint_state_parse(json_string_value(st), &s))
			json_object_set_new(it, "state_label",
					    json_string(complaint_state_label(s)));
		json_t *b = json_object_get(it, "anonymous");
		if (json_is_integer(b))
			json_object_set_new(it, "anonymous", json_boolean(json_integer_value(b)));
		b = json_object_get(it, "escalated");
		if (json_is_integer(b))
			json_object_set_new(it, "escalated", json_boolean(json_integer_value(b)));
	}
}

/* ---- the commission's key -------------------------------------------------------- */

struct key {
	int64_t id;			      /* complaint_keys.id */
	unsigned char pk[COMPLAINT_PK_BYTES]; /* public key */
	char fingerprint[17];		      /* its name */
	const char *created_at;		      /* when */
};

static enum err key_load(struct req *r, unsigned st, int64_t id, struct key *k)
{
	struct db_res *res;
	enum err e = st == CP_ST_KEY_CURRENT
			 ? db_one(r->db, &complaint_stmts, st, DB_NOPARAMS, &res)
			 : db_one(r->db, &complaint_stmts, st, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	size_t got = 0;
	const char *hex = db_text(res, 1);
	k->id = db_int(res, 0);
	sodium_hex2bin(k->pk, sizeof(k->pk), hex, strlen(hex), NULL, &got, NULL);
	snprintf(k->fingerprint, sizeof(k->fingerprint), "%s", db_text(res, 2));
	k->created_at = db_text_dup(&r->arena, res, 3);
	return db_done(res);
}

static enum err key_status(struct req *r)
{
	struct key k;
	enum err e = key_load(r, CP_ST_KEY_CURRENT, 0, &k);
	if (e == E_NOTFOUND)
		return req_json(r, 200, json_pack("{s:b}", "exists", 0));
	if (e != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:b,s:s,s:s}", "exists", 1, "fingerprint", k.fingerprint,
				  "created_at", k.created_at));
}

static const struct field key_in[] = {
    {"passphrase", "口令", FT_STR, FIELD_REQUIRED, 200},
    {0},
};

static enum err key_create(struct req *r)
{
	struct key k;
	enum err e = key_load(r, CP_ST_KEY_CURRENT, 0, &k);
	if (e == E_OK)
		return req_fail(r, E_CONFLICT, "complaint.key_exists", NULL,
				"纪委信访密钥已经设置（指纹 %s），不能重复设置", k.fingerprint);
	if (e != E_NOTFOUND)
		return e;
	char dir[512], path[1024], hex[2 * COMPLAINT_PK_BYTES + 1], fp[17], ts[32];
	unsigned char pk[COMPLAINT_PK_BYTES];
	complaint_key_dir(r->app, dir);
	if ((e = complaint_key_create(r->app, dir, req_in_str(r, "passphrase"), pk, path,
				      &r->err)) != E_OK)
		return e;
	sodium_bin2hex(hex, sizeof(hex), pk, sizeof(pk));
	complaint_key_fingerprint(pk, fp);
	app_timestamp(app_now(r->app), ts);
	struct db_res *res;
	if ((e = db_one(r->db, &complaint_stmts, CP_ST_KEY_INSERT,
			DB_PARAMS(DB_TEXT(hex), DB_TEXT(fp), DB_TEXT(ts)), &res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &complaint_tables[CP_T_KEYS], id, "complaint.key_create",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:s,s:s}", "fingerprint", fp, "file", path));
}

/* ---- intake ----------------------------------------------------------------------- */

static const struct field public_in[] = {
    {"village_code", "所涉村（居）", FT_AREA, FIELD_REQUIRED},
    {"subject", "反映事项", FT_STR, FIELD_REQUIRED, 100},
    {"content", "具体内容", FT_STR, 0, 5000},
    {"category", "类别", FT_STR, 0, 40},
    {"anonymous", "匿名", FT_BOOL, 0},
    {"name", "姓名", FT_STR, 0, 40},
    {"phone", "联系电话", FT_STR, 0, 40},
    {"id_no", "身份证号", FT_STR, 0, 18},
    {"address", "联系地址", FT_STR, 0, 200},
    {0},
};

static const struct field staff_in[] = {
    {"village_code", "所涉村（居）", FT_AREA, FIELD_REQUIRED},
    {"channel", "渠道", FT_ENUM, FIELD_REQUIRED, 0, channels},
    {"track", "办理程序", FT_ENUM, 0, 0, tracks},
    {"received_date", "收到日期", FT_DATE, 0},
    {"subject", "反映事项", FT_STR, FIELD_REQUIRED, 100},
    {"content", "具体内容", FT_STR, 0, 5000},
    {"category", "类别", FT_STR, 0, 40},
    {"accused_id_no", "被反映人身份证号", FT_IDNO, 0},
    {"anonymous", "匿名", FT_BOOL, 0},
    {"name", "姓名", FT_STR, 0, 40},
    {"phone", "联系电话", FT_STR, 0, 40},
    {"id_no", "身份证号", FT_STR, 0, 18},
    {"address", "联系地址", FT_STR, 0, 200},
    {0},
};

/* The identity as JSON text, or NULL when the complainant gave none. */
static char *identity_json(struct req *r)
{
	static const char *const keys[] = {"name", "phone", "id_no", "address"};
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = req_in_str(r, keys[i]);
		if (v && *v)
			json_object_set_new(o, keys[i], json_string(v));
	}
	char *text = NULL;
	if (json_object_size(o)) {
		char *t = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		text = arena_strdup(&r->arena, t);
		sodium_memzero(t, strlen(t));
		free(t);
	}
	json_decref(o);
	return text;
}

/* Public form: at most ratelimit_max(RL_COMPLAINT) (QL_RATELIMIT complaint=N,
 * default 5) submissions per address and clock hour.  The
 * address is kept only as a keyed hash under a per-process key. */
static unsigned char rate_key[crypto_generichash_KEYBYTES];
static pthread_once_t rate_key_once = PTHREAD_ONCE_INIT;

static void rate_key_init(void)
{
	randombytes_buf(rate_key, sizeof(rate_key));
}

static enum err rate_check(struct req *r)
{
	pthread_once(&rate_key_once, rate_key_init);
	const char *remote = r->remote ? r->remote : "";
	unsigned char h[16];
	char bucket[33], ts[32], hour[14];
	crypto_generichash(h, sizeof(h), (const unsigned char *)remote, strlen(remote), rate_key,
			   sizeof(rate_key));
	sodium_bin2hex(bucket, sizeof(bucket), h, sizeof(h));
	app_timestamp(app_now(r->app), ts);
	snprintf(hour, sizeof(hour), "%.13s", ts);
	enum err e =
	    db_exec(r->db, &complaint_stmts, CP_ST_RATE_PURGE, DB_PARAMS(DB_TEXT(hour)), NULL);
	struct db_res *res;
	if (e == E_OK)
		e = db_one(r->db, &complaint_stmts, CP_ST_RATE_BUMP,
			   DB_PARAMS(DB_TEXT(bucket), DB_TEXT(hour)), &res);
	if (e != E_OK)
		return e;
	int64_t n = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	int max = ratelimit_max(RL_COMPLAINT, NULL);
	if (max > 0 && n > max)
		return req_fail(r, E_LOCKED, "complaint.rate_limited", NULL,
				"提交过于频繁，请一小时后再试，或拨打镇纪委举报电话");
	return E_OK;
}

static enum err intake(struct req *r, bool public)
{
	enum err e;
	char today[11];
	app_today(r->app, today);
	int64_t vid = r->village_id;
	if (public) {
		if ((e = rate_check(r)) != E_OK)
			return e;
		if ((e = app_village_id(r, req_in_str(r, "village_code"), &vid)) != E_OK)
			return e;
	}
	const char *received = public ? NULL : req_in_str(r, "received_date");
	if (!received)
		received = today;
	if (strcmp(received, today) > 0)
		return req_fail(r, E_INPUT, "complaint.future", "received_date",
				"收到日期不能晚于今天（%s）", today);
	bool anonymous = req_in_bool(r, "anonymous");
	const char *name = req_in_str(r, "name"), *phone = req_in_str(r, "phone");
	if (!anonymous && (!name || !*name))
		return req_fail(r, E_INPUT, "complaint.identity", "name",
				"实名反映请填写姓名；不愿留名可选择匿名");
	if (!anonymous && (!phone || !*phone))
		return req_fail(r, E_INPUT, "complaint.identity", "phone",
				"实名反映请填写联系电话；不愿留名可选择匿名");
	const char *track = public ? NULL : req_in_str(r, "track");
	if (!track)
		track = "xinfang";
	int64_t accused = 0;
	const char *accused_no = public ? NULL : req_in_str(r, "accused_id_no");
	if (accused_no) {
		e = org_person_id(r->db, accused_no, &accused);
		if (e == E_NOTFOUND)
			return req_fail(r, E_INPUT, "complaint.accused_unknown", "accused_id_no",
					"被反映人不在人员名册中");
		if (e != E_OK)
			return e;
	}

	/* The identity is sealed before anything is written; without a key a
	 * named complaint is refused rather than stored in the clear. */
	char *ident = identity_json(r);
	const char *box = NULL;
	struct key k = {0};
	if (ident) {
		e = key_load(r, CP_ST_KEY_CURRENT, 0, &k);
		if (e == E_NOTFOUND)
			e = req_fail(r, E_RULE, "complaint.no_key", NULL,
				     "镇纪委尚未设置信访加密密钥，暂不能登记联系方式；"
				     "可匿名反映，或直接到镇纪委来访");
		if (e == E_OK)
			box = complaint_seal(&r->arena, k.pk, ident);
		sodium_memzero(ident, strlen(ident));
		if (e != E_OK)
			return e;
	}

	char prefix[16], ref[32], salt[33], digest[65];
	char receipt[COMPLAINT_RECEIPT_LEN + 1], receipt_hash[65];
	snprintf(prefix, sizeof(prefix), "%s%.4s-", strcmp(track, "jijian") == 0 ? "JB" : "XF",
		 received);
	struct db_res *res;
	if ((e = db_one(r->db, &complaint_stmts, CP_ST_REF_COUNT,
			DB_PARAMS(DB_INT(vid), DB_TEXT(prefix)), &res)) != E_OK)
		return e;
	snprintf(ref, sizeof(ref), "%s%04lld", prefix, (long long)db_int(res, 0) + 1);
	db_done(res);
	const char *subject = req_in_str(r, "subject"), *content = req_in_str(r, "content");
	const char *category = req_in_str(r, "category");
	complaint_salt_new(r->app, salt);
	complaint_digest(salt, cp_text(&r->arena, subject, content, category, NULL), digest);
	complaint_receipt_new(r->app, receipt, receipt_hash);

	struct cp c = {0};
	c.state = CS_REGISTERED;
	if ((e = set_due(r, &c, strcmp(track, "jijian") == 0 ? "jijian_accept" : "accept",
			 received)) != E_OK)
		return e;
	const char *channel = public ? "网络" : req_in_str(r, "channel");
	e = db_one(r->db, &complaint_stmts, CP_ST_INSERT,
		   DB_PARAMS(DB_INT(vid), DB_TEXT(ref), DB_TEXT(track), DB_TEXT(channel),
			     DB_INT(anonymous ? 1 : 0), DB_OPT(category), DB_TEXT(subject),
			     DB_OPT(content), DB_NULL, DB_TEXT(salt), DB_TEXT(digest),
			     opt_id(accused), box ? DB_INT(k.id) : DB_NULL, DB_TEXT(box),
			     DB_TEXT(receipt_hash), DB_TEXT(received), DB_TEXT("registered"),
			     DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL, DB_NULL,
			     DB_TEXT(c.due_code), DB_TEXT(c.due_date)),
		   &res);
	if (e == E_NOTFOUND || e == E_CONFLICT)
		return req_fail(r, E_BUSY, "complaint.ref_busy", NULL, "编号冲突，请重试");
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &complaint_tables[CP_T_COMPLAINTS], id,
			   public ? "complaint.submit" : "complaint.create", &r->err)) != E_OK)
		return e;
	json_t *o =
	    json_pack("{s:s,s:s,s:s,s:s,s:s}", "ref", ref, "receipt", receipt, "received_date",
		      received, "due_date", c.due_date, "state", "registered");
	json_object_set_new(o, "notice",
			    json_string("请妥善保存查询码：它只显示这一次，凭它可查询办理进度、"
					"补充材料和评价；系统不保存查询码本身。"));
	if (!public)
		json_object_set_new(o, "id", json_integer(id));
	return req_json(r, 201, o);
}

static enum err public_submit(struct req *r)
{
	return intake(r, true);
}

static enum err staff_create(struct req *r)
{
	return intake(r, false);
}

/* ---- lists, inbox, statistics ----------------------------------------------------- */

static enum err complaints_list(struct req *r)
{
	int64_t limit, offset;
	char today[11];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	const char *state = modutil_query(r, "state");
	enum complaint_state s;
	if (*state && !complaint_state_parse(state, &s))
		return req_fail(r, E_INPUT, "complaint.state_unknown", "state", "未知状态：%s",
				state);
	struct db_val p[14] = {
	    DB_INT(req_scope_all(r)),
	    DB_INT(req_scope_user(r)),
	    DB_INT(manages(r) ? 1 : 0),
	    DB_INT(my_person(r)),
	    DB_TEXT(modutil_query(r, "village")),
	    DB_TEXT(state),
	    DB_TEXT(modutil_query(r, "channel")),
	    DB_TEXT(modutil_query(r, "category")),
	    DB_INT(req_query_int(r, "overdue", 0) ? 1 : 0),
	    DB_TEXT(today),
	    DB_INT(req_query_int(r, "escalated", 0) ? 1 : 0),
	    DB_TEXT(modutil_query(r, "q")),
	    DB_INT(limit),
	    DB_INT(offset),
	};
	struct db_res *res;
	enum err e = db_one(r->db, &complaint_stmts, CP_ST_COUNT, p, 12, &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &complaint_stmts, CP_ST_LIST, p, 14, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	add_countdown(items, today);
	return req_list(r, items, total);
}

static enum err complaints_inbox(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	json_t *items;
	enum err e = db_exec(r->db, &complaint_stmts, CP_ST_INBOX,
			     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				       DB_INT(manages(r) ? 1 : 0), DB_INT(my_person(r))),
			     &res);
	if (e != E_OK || (e = json_rows(res, &items)) != E_OK)
		return e;
	add_countdown(items, today);
	return req_list(r, items, (int64_t)json_array_size(items));
}

static enum err complaints_stats(struct req *r)
{
	static const struct {
		const char *by; /* ?by= */
		unsigned st;	/* statement */
	} kinds[] = {{"village", CP_ST_STATS_VILLAGE},
		     {"category", CP_ST_STATS_CATEGORY},
		     {"channel", CP_ST_STATS_CHANNEL},
		     {"outcome", CP_ST_STATS_OUTCOME}};
	char today[11];
	app_today(r->app, today);
	const char *year = modutil_query(r, "year");
	if (*year && (strlen(year) != 4 || strspn(year, "0123456789") != 4))
		return req_fail(r, E_INPUT, "complaint.year", "year", "年度应为四位数字：%s", year);
	json_t *out = json_object();
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct db_res *res;
		json_t *rows;
		enum err e = db_exec(r->db, &complaint_stmts, kinds[i].st,
				     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					       DB_INT(manages(r) ? 1 : 0), DB_INT(my_person(r)),
					       DB_TEXT(year), DB_TEXT(today)),
				     &res);
		if (e != E_OK || (e = json_rows(res, &rows)) != E_OK) {
			json_decref(out);
			return e;
		}
		json_object_set_new(out, kinds[i].by, rows);
	}
	return req_json(r, 200, out);
}

/* ---- one complaint, for staff ----------------------------------------------------- */

static enum err rows_json(struct req *r, unsigned st, const struct db_val *p, size_t n,
			  json_t **out)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &complaint_stmts, st, p, n, &res);
	if (e != E_OK)
		return e;
	return json_rows(res, out);
}

static enum err complaint_get(struct req *r)
{
	struct cp c;
	enum err e = cp_load(r, modutil_path_id(r), &c);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	if ((e = db_one(r->db, &complaint_stmts, CP_ST_ROW, DB_PARAMS(DB_INT(c.id)), &res)) != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	/* Nothing of the sealed box or the digest's salt goes out; the accused is
	 * named by the register. */
	json_object_del(o, "identity_box");
	json_object_del(o, "text_salt");
	json_object_del(o, "key_id");
	json_object_set_new(o, "identity_sealed", json_boolean(c.box != NULL));
	json_object_set_new(o, "anonymous", json_boolean(c.anonymous));
	json_object_set_new(o, "escalated", json_boolean(c.escalated));
	json_object_set_new(o, "extended", json_boolean(c.extended));
	json_object_set_new(o, "state_label", json_string(complaint_state_label(c.state)));
	json_object_set_new(o, "days_left",
			    c.due_date ? json_integer(days_left(today, c.due_date)) : json_null());
	json_object_set_new(o, "overdue",
			    json_boolean(c.due_date && strcmp(c.due_date, today) < 0));
	if (c.accused) {
		if ((e = db_one(r->db, &org_stmts, ORG_ST_PERSON_GET, DB_PARAMS(DB_INT(c.accused)),
				&res)) == E_OK) {
			json_object_set_new(o, "accused",
					    json_pack("{s:I,s:s,s:s}", "id", (json_int_t)c.accused,
						      "name", db_text(res, 2), "id_no",
						      db_text(res, 1)));
			db_done(res);
		}
	}
	if (c.handler) {
		if ((e = db_one(r->db, &complaint_stmts, CP_ST_USER_NAME,
				DB_PARAMS(DB_INT(c.handler)), &res)) == E_OK) {
			json_object_set_new(o, "handler", json_string(db_text(res, 0)));
			db_done(res);
		}
	}
	json_t *actions, *links, *exts;
	if ((e = rows_json(r, CP_ST_ACTIONS_OF, DB_PARAMS(DB_INT(c.id)), &actions)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "actions", actions);
	if ((e = rows_json(r, CP_ST_LINKS_OF, DB_PARAMS(DB_INT(c.id), DB_INT(my_person(r))),
			   &links)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "links", links);
	if ((e = rows_json(r, CP_ST_EXT_OF, DB_PARAMS(DB_INT(c.id)), &exts)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "extensions", exts);
	return req_json(r, 200, json_pack("{s:o}", "complaint", o));
}

/* ---- workflow steps --------------------------------------------------------------- */

/* Load the {id} complaint and check the step. */
static enum err begin_step(struct req *r, struct cp *c, enum step_id s)
{
	enum err e = cp_load(r, modutil_path_id(r), c);
	if (e != E_OK)
		return e;
	return step_check(r, c, s);
}

static const struct field classify_in[] = {
    {"track", "办理程序", FT_ENUM, 0, 0, tracks},
    {"category", "类别", FT_STR, 0, 40},
    {"accused_id_no", "被反映人身份证号", FT_IDNO, 0},
    {0},
};

static enum err complaint_classify(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_CLASSIFY);
	if (e != E_OK)
		return e;
	const char *track = req_in_has(r, "track") ? req_in_str(r, "track") : c.track;
	const char *category = req_in_has(r, "category") ? req_in_str(r, "category") : c.category;
	int64_t accused = c.accused;
	if (req_in_has(r, "accused_id_no")) {
		const char *no = req_in_str(r, "accused_id_no");
		accused = 0;
		if (no) {
			e = org_person_id(r->db, no, &accused);
			if (e == E_NOTFOUND)
				return req_fail(r, E_INPUT, "complaint.accused_unknown",
						"accused_id_no", "被反映人不在人员名册中");
			if (e != E_OK)
				return e;
		}
	}
	if (accused && accused == my_person(r))
		return req_fail(r, E_RULE, "complaint.self", "accused_id_no",
				"被反映人是您本人，应当回避");
	if (accused && c.handler) {
		struct principal *h;
		if ((e = auth_principal_load(r->db, &r->arena, c.handler, &h)) != E_OK)
			return e;
		if (h->person_id == accused)
			return req_fail(r, E_RULE, "complaint.handler_accused", "accused_id_no",
					"被反映人正是本件的包案责任人，请先改派");
	}
	char digest[65];
	complaint_digest(c.salt, cp_text(&r->arena, c.subject, c.content, category, c.result),
			 digest);
	if ((e = db_exec(r->db, &complaint_stmts, CP_ST_SET_CLASS,
			 DB_PARAMS(DB_INT(c.id), DB_TEXT(track), DB_OPT(category), opt_id(accused),
				   DB_TEXT(digest)),
			 NULL)) != E_OK)
		return e;
	/* A registered complaint moved to the other procedure gets that one's
	 * acceptance deadline. */
	if (c.state == CS_REGISTERED && strcmp(track, c.track) != 0 &&
	    (e = set_due(r, &c, strcmp(track, "jijian") == 0 ? "jijian_accept" : "accept",
			 c.received)) != E_OK)
		return e;
	c.accused = accused;
	if ((e = record(r, &c, STEP_CLASSIFY, c.state, NULL, false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field decide_in[] = {
    {"decision", "受理决定", FT_ENUM, FIELD_REQUIRED, 0, decisions},
    {"reason", "理由", FT_STR, 0, 2000},
    {0},
};

static enum err complaint_decide(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_DECIDE);
	if (e != E_OK)
		return e;
	const char *decision = req_in_str(r, "decision"), *reason = req_in_str(r, "reason");
	if (strcmp(decision, "受理") != 0 && (!reason || !*reason))
		return req_fail(r, E_INPUT, "complaint.reason", "reason",
				"%s须写明理由（转办须写明转往的机关）", decision);
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.decision = decision;
	c.decision_date = arena_strdup(&r->arena, today);
	if (strcmp(decision, "受理") == 0) {
		c.state = CS_ACCEPTED;
		c.accepted = c.decision_date;
		e = set_due(r, &c, "conclude", today);
	} else {
		c.state = strcmp(decision, "转办") == 0 ? CS_TRANSFERRED : CS_REJECTED;
		e = set_due(r, &c, NULL, NULL);
	}
	if (e != E_OK)
		return e;
	const char *body =
	    reason && *reason ? arena_printf(&r->arena, "%s：%s", decision, reason) : decision;
	if ((e = record(r, &c, STEP_DECIDE, from, body, true)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field assign_in[] = {
    {"handler", "包案责任人（用户名）", FT_STR, FIELD_REQUIRED, 32},
    {"note", "交办意见", FT_STR, 0, 2000},
    {0},
};

static enum err complaint_assign(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_ASSIGN);
	if (e != E_OK)
		return e;
	int64_t uid;
	const char *name = req_in_str(r, "handler");
	e = auth_user_find(r->db, name, &uid);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "complaint.handler_unknown", "handler",
				"没有这个用户：%s", name);
	if (e != E_OK)
		return e;
	struct principal *h;
	if ((e = auth_principal_load(r->db, &r->arena, uid, &h)) != E_OK)
		return e;
	if (!rbac_allows(&perm_complaint_read, h))
		return req_fail(r, E_RULE, "complaint.handler_role", "handler",
				"用户 %s 的角色不能办理信访件", name);
	if (!rbac_village_allowed(h, c.village_id))
		return req_fail(r, E_RULE, "complaint.handler_scope", "handler",
				"用户 %s 不负责%s，不能包案", name, c.village_name);
	if (c.accused && h->person_id == c.accused)
		return req_fail(r, E_RULE, "complaint.handler_accused", "handler",
				"不能交由被反映人本人办理");
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.handler = uid;
	c.assigned = arena_strdup(&r->arena, today);
	c.state = CS_ASSIGNED;
	if ((e = record(r, &c, STEP_ASSIGN, from, req_in_str(r, "note"), false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field note_in[] = {
    {"note", "办理情况", FT_STR, FIELD_REQUIRED, 5000},
    {0},
};

static enum err complaint_progress(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_PROGRESS);
	if (e != E_OK)
		return e;
	enum complaint_state from = c.state;
	c.state = CS_HANDLING;
	if ((e = record(r, &c, STEP_PROGRESS, from, req_in_str(r, "note"), false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field conclude_in[] = {
    {"outcome", "办理结果", FT_ENUM, FIELD_REQUIRED, 0, outcomes},
    {"opinion", "处理意见书", FT_STR, FIELD_REQUIRED, 10000},
    {0},
};

static enum err complaint_conclude(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_CONCLUDE);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.state = CS_CONCLUDED;
	c.concluded = arena_strdup(&r->arena, today);
	c.outcome = req_in_str(r, "outcome");
	/* 检举控告: feedback within 15 working days of the conclusion; 信访: the
	 * 办理意见书 reaches the petitioner within the handling period itself. */
	if (strcmp(c.track, "jijian") == 0 &&
	    (e = set_due(r, &c, "jijian_feedback", today)) != E_OK)
		return e;
	if ((e = record(r, &c, STEP_CONCLUDE, from, req_in_str(r, "opinion"), false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field reply_in[] = {
    {"text", "反馈内容", FT_STR, FIELD_REQUIRED, 10000},
    {0},
};

static enum err complaint_reply(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_REPLY);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.state = CS_REPLIED;
	c.replied = arena_strdup(&r->arena, today);
	if ((e = set_due(r, &c, NULL, NULL)) != E_OK)
		return e;
	if ((e = record(r, &c, STEP_REPLY, from, req_in_str(r, "text"), true)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field satisfaction_in[] = {
    {"satisfaction", "满意度", FT_ENUM, FIELD_REQUIRED, 0, satisfactions},
    {"comment", "意见", FT_STR, 0, 2000},
    {0},
};

static enum err do_satisfaction(struct req *r, struct cp *c)
{
	enum err e = step_check(r, c, STEP_SATISFACTION);
	if (e != E_OK)
		return e;
	c->satisfaction = req_in_str(r, "satisfaction");
	const char *comment = req_in_str(r, "comment");
	const char *body = comment && *comment
			       ? arena_printf(&r->arena, "%s：%s", c->satisfaction, comment)
			       : c->satisfaction;
	if ((e = record(r, c, STEP_SATISFACTION, c->state, body, true)) != E_OK)
		return e;
	return answer_state(r, c, 200);
}

static enum err complaint_satisfaction(struct req *r)
{
	struct cp c;
	enum err e = cp_load(r, modutil_path_id(r), &c);
	return e != E_OK ? e : do_satisfaction(r, &c);
}

static const struct field review_in[] = {
    {"reason", "申请理由", FT_STR, FIELD_REQUIRED, 5000},
    {0},
};

/* 复查 after the reply, 复核 after the 复查 answer: each within 30 days of
 * the answer it contests (review_request of deadlines.csv). */
static enum err do_review_request(struct req *r, struct cp *c)
{
	enum err e = step_check(r, c, STEP_REVIEW_REQUEST);
	if (e != E_OK)
		return e;
	const struct complaint_deadline *w = complaint_deadline_find("review_request");
	char today[11], until[11];
	app_today(r->app, today);
	if (!w || !c->replied || !workdays_add(c->replied, w->days, until))
		return req_fail(r, E_INTERNAL, "complaint.deadline", NULL, "缺少复查申请时限");
	if (strcmp(today, until) > 0)
		return req_fail(r, E_RULE, "complaint.review_window", NULL,
				"已超过申请期限：应在 %s 答复之日起 %d 日内（%s 前）提出",
				c->replied, w->days, until);
	enum complaint_state from = c->state;
	bool recheck = c->state == CS_REVIEWED;
	c->state = recheck ? CS_RECHECK_REQUESTED : CS_REVIEW_REQUESTED;
	if ((e = set_due(r, c, recheck ? "recheck_answer" : "review_answer", today)) != E_OK)
		return e;
	const char *body = arena_printf(&r->arena, "%s：%s", recheck ? "申请复核" : "申请复查",
					req_in_str(r, "reason"));
	if ((e = record(r, c, STEP_REVIEW_REQUEST, from, body, true)) != E_OK)
		return e;
	return answer_state(r, c, 200);
}

static enum err complaint_review_request(struct req *r)
{
	struct cp c;
	enum err e = cp_load(r, modutil_path_id(r), &c);
	return e != E_OK ? e : do_review_request(r, &c);
}

static const struct field opinion_in[] = {
    {"opinion", "意见", FT_STR, FIELD_REQUIRED, 10000},
    {0},
};

static enum err complaint_review_answer(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_REVIEW_ANSWER);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.state = c.state == CS_RECHECK_REQUESTED ? CS_RECHECKED : CS_REVIEWED;
	c.replied = arena_strdup(&r->arena, today);
	if ((e = set_due(r, &c, NULL, NULL)) != E_OK)
		return e;
	if ((e = record(r, &c, STEP_REVIEW_ANSWER, from, req_in_str(r, "opinion"), true)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static enum err complaint_close(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_CLOSE);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.state = CS_CLOSED;
	c.closed = arena_strdup(&r->arena, today);
	if ((e = set_due(r, &c, NULL, NULL)) != E_OK)
		return e;
	if ((e = record(r, &c, STEP_CLOSE, from, NULL, false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field reason_in[] = {
    {"reason", "理由", FT_STR, FIELD_REQUIRED, 2000},
    {0},
};

static enum err complaint_reopen(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_REOPEN);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	enum complaint_state from = c.state;
	c.state = c.handler ? CS_ASSIGNED : CS_ACCEPTED;
	c.decision = "受理";
	if (!c.decision_date)
		c.decision_date = arena_strdup(&r->arena, today);
	if (!c.accepted)
		c.accepted = arena_strdup(&r->arena, today);
	c.concluded = c.outcome = c.replied = c.satisfaction = c.closed = NULL;
	if ((e = set_due(r, &c, "conclude", today)) != E_OK)
		return e;
	if ((e = record(r, &c, STEP_REOPEN, from, req_in_str(r, "reason"), false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field extend_in[] = {
    {"days", "延长天数", FT_INT, FIELD_REQUIRED},
    {"reason", "延期理由", FT_STR, FIELD_REQUIRED, 2000},
    {0},
};

static enum err complaint_extend(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_EXTEND);
	if (e != E_OK)
		return e;
	const struct complaint_deadline *d = complaint_deadline_find(c.due_code);
	if (!d || !c.due_date || d->extension <= 0)
		return req_fail(r, E_RULE, "complaint.no_extension", NULL,
				"当前时限（%s）依法不能延长", c.due_code ? c.due_code : "无");
	if (c.extended)
		return req_fail(r, E_RULE, "complaint.extended", NULL, "本阶段时限已经延长过一次");
	int64_t days = req_in_int(r, "days");
	if (days < 1 || days > d->extension)
		return req_fail(r, E_INPUT, "complaint.days", "days", "延长天数应为 1 至 %d 天",
				d->extension);
	char today[11], due[11];
	app_today(r->app, today);
	if (strcmp(today, c.due_date) > 0)
		return req_fail(r, E_RULE, "complaint.extend_late", NULL,
				"办理期限已于 %s 届满，超期后不能再延期", c.due_date);
	struct workdays_cal cal;
	if ((e = complaint_calendar(r->db, &r->arena, &cal, &r->err)) != E_OK)
		return e;
	/* The extension runs on from the current due date, in the deadline's unit. */
	struct complaint_deadline ext = *d;
	ext.days = 0;
	if (!complaint_deadline_due(&cal, &ext, c.due_date, days, due))
		return req_fail(r, E_INTERNAL, "complaint.deadline", NULL, "时限计算失败");
	const char *reason = req_in_str(r, "reason");
	char salt[33], digest[65];
	complaint_salt_new(r->app, salt);
	complaint_digest(salt, reason, digest);
	struct db_res *res;
	if ((e = db_one(r->db, &complaint_stmts, CP_ST_EXT_INSERT,
			DB_PARAMS(DB_INT(c.village_id), DB_INT(c.id), DB_TEXT(c.due_code),
				  DB_INT(days), DB_TEXT(c.due_date), DB_TEXT(due), DB_TEXT(reason),
				  DB_TEXT(salt), DB_TEXT(digest), DB_INT(r->user->id),
				  DB_TEXT(today)),
			&res)) != E_OK) {
		if (e == E_NOTFOUND || e == E_CONFLICT)
			return req_fail(r, E_RULE, "complaint.extended", NULL,
					"本阶段时限已经延长过一次");
		return e;
	}
	int64_t xid = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &complaint_tables[CP_T_EXTENSIONS], xid, "complaint.extend",
			   &r->err)) != E_OK)
		return e;
	c.due_date = arena_strdup(&r->arena, due);
	c.extended = 1;
	c.escalated = 0;
	if ((e = record(r, &c, STEP_EXTEND, c.state, NULL, false)) != E_OK)
		return e;
	return answer_state(r, &c, 200);
}

static const struct field link_in[] = {
    {"other_ref", "关联信访件编号", FT_STR, FIELD_REQUIRED, 32},
    {"other_village_code", "关联信访件所属村（居）", FT_AREA, 0},
    {"kind", "关联类型", FT_ENUM, FIELD_REQUIRED, 0, link_kinds},
    {0},
};

static enum err complaint_link(struct req *r)
{
	struct cp c, o;
	enum err e = begin_step(r, &c, STEP_LINK);
	if (e != E_OK)
		return e;
	int64_t ovid = c.village_id, oid;
	const char *ocode = req_in_str(r, "other_village_code");
	if (ocode && (e = app_village_id(r, ocode, &ovid)) != E_OK)
		return e;
	struct db_res *res;
	e = db_one(r->db, &complaint_stmts, CP_ST_FIND,
		   DB_PARAMS(DB_INT(ovid), DB_TEXT(req_in_str(r, "other_ref"))), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "complaint.link_unknown", "other_ref",
				"没有这个信访件：%s", req_in_str(r, "other_ref"));
	if (e != E_OK)
		return e;
	oid = db_int(res, 0);
	db_done(res);
	if (oid == c.id)
		return req_fail(r, E_INPUT, "complaint.link_self", "other_ref",
				"不能与本件自身关联");
	if ((e = cp_load(r, oid, &o)) != E_OK)
		return e;
	if (o.accused && o.accused == my_person(r))
		return req_fail(r, E_INPUT, "complaint.link_unknown", "other_ref",
				"没有这个信访件：%s", o.ref);
	/* One row per pair, stored low id first. */
	int64_t a = c.id < oid ? c.id : oid, b = c.id < oid ? oid : c.id;
	e = db_one(
	    r->db, &complaint_stmts, CP_ST_LINK_INSERT,
	    DB_PARAMS(DB_INT(c.village_id), DB_INT(a), DB_INT(b), DB_TEXT(req_in_str(r, "kind"))),
	    &res);
	if (e == E_NOTFOUND || e == E_CONFLICT)
		return req_fail(r, E_CONFLICT, "complaint.link_exists", "other_ref",
				"这两件信访已经关联");
	if (e != E_OK)
		return e;
	int64_t lid = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &complaint_tables[CP_T_LINKS], lid, "complaint.link",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)lid));
}

static const struct field message_in[] = {
    {"text", "内容", FT_STR, FIELD_REQUIRED, 5000},
    {0},
};

static enum err complaint_message(struct req *r)
{
	struct cp c;
	enum err e = begin_step(r, &c, STEP_MESSAGE);
	if (e != E_OK)
		return e;
	if ((e = record(r, &c, STEP_MESSAGE, c.state, req_in_str(r, "text"), true)) != E_OK)
		return e;
	return answer_state(r, &c, 201);
}

static const struct field identity_in[] = {
    {"passphrase", "口令", FT_STR, FIELD_REQUIRED, 200},
    {0},
};

/* Open the sealed identity.  Every attempt is logged — ids only — and a wrong
 * passphrase is logged too: the refusal commits its log entry. */
static enum err complaint_identity(struct req *r)
{
	struct cp c;
	enum err e = cp_load(r, modutil_path_id(r), &c);
	if (e != E_OK)
		return e;
	if (!c.box)
		return req_fail(r, E_NOTFOUND, "complaint.no_identity", NULL,
				"本件为匿名信访，没有登记身份信息");
	struct key k;
	if ((e = key_load(r, CP_ST_KEY_BY_ID, c.key_id, &k)) != E_OK)
		return e;
	char dir[512], value[128];
	complaint_key_dir(r->app, dir);
	unsigned char sk[COMPLAINT_PK_BYTES];
	struct errinfo kei = {0};
	e = complaint_key_open(r->app, dir, k.pk, req_in_str(r, "passphrase"), sk, &kei);
	snprintf(value, sizeof(value), "{\"complaint_id\":%lld,\"key_id\":%lld,\"ok\":%s}",
		 (long long)c.id, (long long)k.id, e == E_OK ? "true" : "false");
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)c.id);
	enum err le =
	    trail_event(&r->tc, e == E_OK ? "complaint.decrypt" : "complaint.decrypt_denied",
			"complaints", key, 0, value, &r->err);
	if (le != E_OK) {
		sodium_memzero(sk, sizeof(sk));
		return le;
	}
	if (e != E_OK) {
		r->err = kei;
		req_answer_error(r, e);
		return E_OK;
	}
	char *plain = complaint_unseal(&r->arena, k.pk, sk, c.box);
	sodium_memzero(sk, sizeof(sk));
	if (!plain)
		return req_fail(r, E_INTERNAL, "complaint.unseal", NULL,
				"身份信息无法解密（密文损坏）");
	json_t *ident = json_loads(plain, 0, NULL);
	sodium_memzero(plain, strlen(plain));
	if (!ident)
		return req_fail(r, E_INTERNAL, "complaint.unseal", NULL, "身份信息格式错误");
	req_header(r, "Cache-Control", "no-store");
	return req_json(r, 200, json_pack("{s:I,s:o}", "id", (json_int_t)c.id, "identity", ident));
}

/* Flag every complaint past its deadline; each flag is logged. */
static enum err complaints_escalate(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	enum err e =
	    db_exec(r->db, &complaint_stmts, CP_ST_OVERDUE_OPEN, DB_PARAMS(DB_TEXT(today)), &res);
	if (e != E_OK)
		return e;
	int64_t ids[512]; /* at most 512 a call: the rest on the next */
	size_t n = 0;
	while (db_row(res) && n < 512)
		ids[n++] = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	json_t *refs = json_array();
	for (size_t i = 0; i < n; i++) {
		struct cp c;
		if ((e = cp_load(r, ids[i], &c)) != E_OK) {
			json_decref(refs);
			return e;
		}
		c.escalated = 1;
		if ((e = cp_store(r, &c)) != E_OK ||
		    (e = trail_row(&r->tc, &complaint_tables[CP_T_COMPLAINTS], c.id,
				   "complaint.escalate", &r->err)) != E_OK) {
			json_decref(refs);
			return e;
		}
		json_array_append_new(refs, json_string(c.ref));
	}
	return req_json(r, 200, json_pack("{s:I,s:o}", "escalated", (json_int_t)n, "refs", refs));
}

/* ---- the complainant's side: receipt code ---------------------------------------- */

static enum err by_receipt(struct req *r, struct cp *c)
{
	char hash[65];
	struct db_res *res;
	if (!complaint_receipt_hash(req_param(r, "receipt"), hash))
		return req_fail(r, E_NOTFOUND, "complaint.receipt", NULL,
				"查询码不正确，请核对后重新输入");
	enum err e =
	    db_one(r->db, &complaint_stmts, CP_ST_BY_RECEIPT, DB_PARAMS(DB_TEXT(hash)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "complaint.receipt", NULL,
				"查询码不正确，请核对后重新输入");
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return cp_load(r, id, c);
}

static enum err public_view(struct req *r)
{
	struct cp c;
	enum err e = by_receipt(r, &c);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	json_t *replies;
	if ((e = rows_json(r, CP_ST_ACTIONS_PUBLIC, DB_PARAMS(DB_INT(c.id)), &replies)) != E_OK)
		return e;
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "ref", c.ref, "village",
			      c.village_name, "channel", c.channel, "received_date", c.received,
			      "state", complaint_state_name(c.state), "state_label",
			      complaint_state_label(c.state), "messages", replies);
	json_object_set_new(o, "due_date", c.due_date ? json_string(c.due_date) : json_null());
	json_object_set_new(o, "days_left",
			    c.due_date ? json_integer(days_left(today, c.due_date)) : json_null());
	json_object_set_new(o, "satisfaction",
			    c.satisfaction ? json_string(c.satisfaction) : json_null());
	char until[11] = "";
	const struct complaint_deadline *w = complaint_deadline_find("review_request");
	bool can_review = (c.state == CS_REPLIED || c.state == CS_REVIEWED) && c.replied && w &&
			  workdays_add(c.replied, w->days, until) && strcmp(today, until) <= 0;
	json_object_set_new(o, "can_request_review", json_boolean(can_review));
	json_object_set_new(o, "review_until", can_review ? json_string(until) : json_null());
	req_header(r, "Cache-Control", "no-store");
	return req_json(r, 200, o);
}

static enum err public_satisfaction(struct req *r)
{
	struct cp c;
	enum err e = by_receipt(r, &c);
	return e != E_OK ? e : do_satisfaction(r, &c);
}

static enum err public_review(struct req *r)
{
	struct cp c;
	enum err e = by_receipt(r, &c);
	return e != E_OK ? e : do_review_request(r, &c);
}

static enum err public_message(struct req *r)
{
	struct cp c;
	enum err e = by_receipt(r, &c);
	if (e != E_OK)
		return e;
	if ((e = step_check(r, &c, STEP_MESSAGE_IN)) != E_OK)
		return e;
	if ((e = record(r, &c, STEP_MESSAGE_IN, c.state, req_in_str(r, "text"), true)) != E_OK)
		return e;
	return req_json(
	    r, 201, json_pack("{s:s,s:s}", "ref", c.ref, "state", complaint_state_name(c.state)));
}

/* ---- the route table -------------------------------------------------------------- */

#define ID_ROUTE(m, p, h, perm, in, act, sum)                                                      \
	{                                                                                          \
		m, p, h, &perm_##perm, SCOPE_VILLAGE, complaint_village, in, ROUTE_WRITE, act, sum \
	}

static const struct route routes[] = {
    {"GET", "/api/v1/complaints/key", key_status, &perm_complaint_manage, SCOPE_NONE, NULL, NULL, 0,
     NULL, "纪委信访加密密钥状态"},
    {"POST", "/api/v1/complaints/key", key_create, &perm_complaint_decrypt, SCOPE_NONE, NULL,
     key_in, ROUTE_WRITE, "complaint.key_create", "设置纪委信访加密密钥（私钥以口令加密存于文件）"},
    {"POST", "/api/v1/public/complaints", public_submit, &perm_public, SCOPE_NONE, NULL, public_in,
     ROUTE_WRITE | ROUTE_NO_CSRF, "complaint.submit", "群众网上信访举报（返回一次性查询码）"},
    {"GET", "/api/v1/public/complaints/{receipt}", public_view, &perm_public, SCOPE_NONE, NULL,
     NULL, 0, NULL, "凭查询码查询办理进度"},
    {"POST", "/api/v1/public/complaints/{receipt}/satisfaction", public_satisfaction, &perm_public,
     SCOPE_NONE, NULL, satisfaction_in, ROUTE_WRITE | ROUTE_NO_CSRF, "complaint.satisfaction",
     "信访人评价满意度"},
    {"POST", "/api/v1/public/complaints/{receipt}/review", public_review, &perm_public, SCOPE_NONE,
     NULL, review_in, ROUTE_WRITE | ROUTE_NO_CSRF, "complaint.review_request",
     "信访人申请复查、复核"},
    {"POST", "/api/v1/public/complaints/{receipt}/messages", public_message, &perm_public,
     SCOPE_NONE, NULL, message_in, ROUTE_WRITE | ROUTE_NO_CSRF, "complaint.message_in",
     "信访人补充材料或答复询问"},
    {"GET", "/api/v1/complaints", complaints_list, &perm_complaint_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "信访件列表（village, state, channel, category, overdue=1, escalated=1, q）"},
    {"GET", "/api/v1/complaints/inbox", complaints_inbox, &perm_complaint_read, SCOPE_LIST, NULL,
     NULL, 0, NULL, "信访待办（倒计时，超期在前）"},
    {"GET", "/api/v1/complaints/stats", complaints_stats, &perm_complaint_manage, SCOPE_LIST, NULL,
     NULL, 0, NULL, "信访统计：按村、类别、渠道、办理结果（year 年度）"},
    {"POST", "/api/v1/complaints/escalate", complaints_escalate, &perm_complaint_manage, SCOPE_NONE,
     NULL, NULL, ROUTE_WRITE | ROUTE_NO_LOG, "complaint.escalate", "将超期信访件标记为督办"},
    {"POST", "/api/v1/complaints", staff_create, &perm_complaint_manage, SCOPE_VILLAGE, NULL,
     staff_in, ROUTE_WRITE, "complaint.create", "登记信访举报（来信、来访、电话等）"},
    {"GET", "/api/v1/complaints/{id}", complaint_get, &perm_complaint_read, SCOPE_VILLAGE,
     complaint_village, NULL, 0, NULL, "信访件详情与办理记录"},
    ID_ROUTE("PUT", "/api/v1/complaints/{id}", complaint_classify, complaint_manage, classify_in,
	     "complaint.classify", "信访件分类、办理程序与被反映人"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/decision", complaint_decide, complaint_manage,
	     decide_in, "complaint.decide", "受理、不予受理或转办"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/assign", complaint_assign, complaint_manage,
	     assign_in, "complaint.assign", "包案交办责任人"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/progress", complaint_progress, complaint_read,
	     note_in, "complaint.progress", "登记办理情况"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/conclude", complaint_conclude, complaint_read,
	     conclude_in, "complaint.conclude", "办结，出具处理意见书"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/reply", complaint_reply, complaint_read, reply_in,
	     "complaint.reply", "向信访人反馈"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/satisfaction", complaint_satisfaction,
	     complaint_manage, satisfaction_in, "complaint.satisfaction", "登记信访人满意度"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/review-request", complaint_review_request,
	     complaint_manage, review_in, "complaint.review_request", "登记复查、复核申请"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/review-answer", complaint_review_answer,
	     complaint_manage, opinion_in, "complaint.review_answer", "出具复查、复核意见"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/close", complaint_close, complaint_manage, NULL,
	     "complaint.close", "结案"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/reopen", complaint_reopen, complaint_manage,
	     reason_in, "complaint.reopen", "重新办理"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/extend", complaint_extend, complaint_manage,
	     extend_in, "complaint.extend", "延长办理期限（写明理由）"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/links", complaint_link, complaint_manage, link_in,
	     "complaint.link", "关联重复或相关信访件"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/messages", complaint_message, complaint_read,
	     message_in, "complaint.message", "向信访人询问（信访人凭查询码查看并答复）"),
    ID_ROUTE("POST", "/api/v1/complaints/{id}/identity", complaint_identity, complaint_decrypt,
	     identity_in, "complaint.decrypt", "解密信访人身份（需纪委口令，每次记录）"),
};

const struct module complaint_module = {
    .name = "complaint",
    .title = "信访举报",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &complaint_stmts,
    .tables = complaint_tables,
    .ntables = CP_T__MAX,
    .imports = complaint_imports,
    .nimports = 1,
};
