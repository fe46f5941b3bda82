/*
 * The power module's HTTP face and its procedure: the catalogue and its
 * versions and flowcharts, the per-township parameters, the holiday calendar,
 * matters and their steps (五议两公开 in order, with the statutory quorum and
 * vote rules of 村民委员会组织法 第二十二条 and 第二十六条), 重大事项预报 and
 * 预审 with the township's reply, attachments (content-addressed by SHA-256,
 * the hash in the log), inquiries (质询) with their working-day deadline, and
 * the module's inbox.  Steps are never edited: the trace is what was recorded,
 * when it was recorded.  SQL is in power_db.c.
 */
#include "power.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/datefmt.h"
#include "core/domain_data.h"
#include "core/json_out.h"
#include "core/money.h"
#include "perms.h"
#include "modutil.h"
#include "modutil_file.h"

const char *const power_wuyi_names[POWER_WUYI_N + 1] = {"提议",	    "商议", "审议",	"决议",
							"决议公开", "实施", "结果公开", NULL};

static const char *const categories[] = {"集体管理", "便民服务", NULL};
static const char *const matter_kinds[] = {"重大", "一般", NULL};
static const char *const filing_kinds[] = {"预报", "预审", NULL};
static const char *const replies[] = {"同意", "修改后同意", "不同意", NULL};
static const char *const holiday_kinds[] = {"holiday", "workday", "normal", NULL};

#define MAX_ATTACHMENT ((size_t)20 << 20) /* bytes of one decoded attachment */
#define MAX_STEPS      30		  /* steps of one catalogue item */

int power_wuyi_index(const char *step)
{
	for (int i = 0; step && i < POWER_WUYI_N; i++)
		if (strcmp(power_wuyi_names[i], step) == 0)
			return i;
	return -1;
}

/* ---- the statutory meeting rules ------------------------------------------------ */

static bool given(int64_t v)
{
	return v >= 0;
}

/* Smallest head count that is at least two thirds of n. */
static int64_t two_thirds(int64_t n)
{
	return (2 * n + 2) / 3;
}

static enum err majority_of_present(const struct power_meeting *m, const char *law,
				    struct errinfo *ei)
{
	if (m->votes_for * 2 <= m->attendees)
		return err_set(
		    ei, E_RULE, "power.votes", "votes_for",
		    "%s同意 %lld 票，未超过到会 %lld 人的半数（至少需 %lld 票），%s未获通过"
		    "（%s）",
		    m->meeting, (long long)m->votes_for, (long long)m->attendees,
		    (long long)(m->attendees / 2 + 1), m->step, law);
	return E_OK;
}

static enum err need_counts(const struct power_meeting *m, struct errinfo *ei)
{
	if (!given(m->members) || !given(m->attendees) || !given(m->votes_for))
		return err_set(ei, E_RULE, "power.votes_missing",
			       !given(m->members)     ? "members"
			       : !given(m->attendees) ? "attendees"
						      : "votes_for",
			       "%s须登记应到人数、到会人数和同意票数，缺少表决记录的%s不能登记",
			       m->step, m->step);
	return E_OK;
}

enum err power_meeting_check(const struct power_meeting *m, struct errinfo *ei)
{
	const int64_t *nums[] = {&m->members,		&m->attendees,	   &m->votes_for,
				 &m->votes_against,	&m->votes_abstain, &m->households,
				 &m->households_present};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		if (*nums[i] < -1)
			return err_set(ei, E_INPUT, "power.count_negative", NULL,
				       "人数和票数不能为负数");
	if (given(m->members) && given(m->attendees) && m->attendees > m->members)
		return err_set(ei, E_INPUT, "power.attendees", "attendees",
			       "到会人数 %lld 超过应到人数 %lld", (long long)m->attendees,
			       (long long)m->members);
	int64_t votes = (given(m->votes_for) ? m->votes_for : 0) +
			(given(m->votes_against) ? m->votes_against : 0) +
			(given(m->votes_abstain) ? m->votes_abstain : 0);
	if (given(m->attendees) && votes > m->attendees)
		return err_set(ei, E_INPUT, "power.votes_sum", "votes_for",
			       "同意、反对、弃权合计 %lld 票，超过到会人数 %lld", (long long)votes,
			       (long long)m->attendees);
	if (given(m->households) && given(m->households_present) &&
	    m->households_present > m->households)
		return err_set(ei, E_INPUT, "power.households", "households_present",
			       "到会户代表 %lld 户超过全村 %lld 户",
			       (long long)m->households_present, (long long)m->households);
	const char *meeting = m->meeting ? m->meeting : "";
	enum err e;
	if (strcmp(m->step, "商议") == 0) {
		if (!given(m->members) || !given(m->attendees))
			return err_set(ei, E_RULE, "power.attendance_missing",
				       given(m->members) ? "attendees" : "members",
				       "商议须登记两委联席会议的应到人数和到会人数");
		return E_OK;
	}
	if (strcmp(m->step, "审议") == 0) {
		if (strcmp(meeting, "党员大会") != 0)
			return err_set(ei, E_RULE, "power.meeting_type", "meeting",
				       "审议应由党员大会进行，不能由“%s”代替", meeting);
		if ((e = need_counts(m, ei)) != E_OK)
			return e;
		if (m->attendees * 3 < m->members * 2)
			return err_set(
			    ei, E_RULE, "power.quorum", "attendees",
			    "党员大会应到 %lld 人、到会 %lld 人，不足三分之二（至少需 %lld "
			    "人），会议不能召开，审议无效",
			    (long long)m->members, (long long)m->attendees,
			    (long long)two_thirds(m->members));
		return majority_of_present(m, "党员大会表决须经到会党员过半数同意", ei);
	}
	if (strcmp(m->step, "决议") == 0) {
		if (strcmp(meeting, "村民代表会议") == 0) {
			if ((e = need_counts(m, ei)) != E_OK)
				return e;
			if (m->attendees * 3 < m->members * 2)
				return err_set(
				    ei, E_RULE, "power.quorum", "attendees",
				    "村民代表会议组成人员 %lld 人、到会 %lld "
				    "人，不足三分之二（至少需 "
				    "%lld "
				    "人），会议不能召开（《中华人民共和国村民委员会组织法》第二十"
				    "六条：村民代表会议有三分之二以上的组成人员参加方可召开）",
				    (long long)m->members, (long long)m->attendees,
				    (long long)two_thirds(m->members));
			return majority_of_present(
			    m,
			    "《中华人民共和国村民委员会组织法》第二十六条：所作决定应当经到会人员的"
			    "过半数同意",
			    ei);
		}
		if (strcmp(meeting, "村民会议") == 0) {
			if ((e = need_counts(m, ei)) != E_OK)
				return e;
			bool by_people = m->attendees * 2 > m->members;
			bool by_households = given(m->households) && given(m->households_present) &&
					     m->households > 0 &&
					     m->households_present * 3 >= m->households * 2;
			if (!by_people && !by_households)
				return err_set(ei, E_RULE, "power.quorum", "attendees",
					       "村民会议到会 %lld 人，未超过本村十八周岁以上村民 "
					       "%lld 人的半数，"
					       "到会户代表也不足三分之二，会议不能召开（《中华人民"
					       "共和国村民委员会"
					       "组织法》第二十二条：应当有本村十八周岁以上村民的过"
					       "半数，或者本村三"
					       "分之二以上的户的代表参加）",
					       (long long)m->attendees, (long long)m->members);
			return majority_of_present(
			    m,
			    "《中华人民共和国村民委员会组织法》第二十二条：所作决定应当经到会人员的"
			    "过半数通过",
			    ei);
		}
		return err_set(ei, E_RULE, "power.meeting_type", "meeting",
			       "决议应由村民会议或村民代表会议作出，不能由“%s”代替", meeting);
	}
	return E_OK;
}

/* ---- helpers ---------------------------------------------------------------------- */

/* 0/1 columns answer as JSON booleans. */
static void as_bool(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_integer(v))
		json_object_set_new(o, key, json_boolean(json_integer_value(v)));
}

static void as_bool_all(json_t *items, const char *key)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) as_bool(it, key);
}

static int64_t in_count(struct req *r, const char *name)
{
	return req_in_has(r, name) ? req_in_int(r, name) : -1;
}

static struct db_val opt_count(int64_t v)
{
	return v >= 0 ? DB_INT(v) : DB_NULL;
}

static enum err row_village(struct req *r, unsigned st, int64_t *vid, const char *what)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = id ? db_one(r->db, &power_stmts, st, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "power.not_found", NULL, "%s不存在", what);
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err matter_village(struct req *r, int64_t *vid)
{
	return row_village(r, POWER_ST_MATTER_GET, vid, "事项");
}

static enum err filing_village(struct req *r, int64_t *vid)
{
	return row_village(r, POWER_ST_FIL_GET, vid, "报备记录");
}

static enum err inquiry_village(struct req *r, int64_t *vid)
{
	return row_village(r, POWER_ST_INQ_GET, vid, "质询");
}

static enum err attachment_village(struct req *r, int64_t *vid)
{
	return row_village(r, POWER_ST_ATT_GET, vid, "附件");
}

static const char *fmt_money(struct req *r, int64_t fen)
{
	char b[MONEY_BUF];
	money_format_grouped(fen, b);
	return arena_strdup(&r->arena, b);
}

/* ---- the catalogue ------------------------------------------------------------------- */

static enum err items_list(struct req *r)
{
	json_t *items;
	int64_t n;
	enum err e = modutil_count(r, &power_stmts, POWER_ST_ITEM_COUNT, DB_NOPARAMS, &n);
	if (e != E_OK)
		return e;
	if ((e = modutil_rows(
		 r, &power_stmts, POWER_ST_ITEM_LIST,
		 DB_PARAMS(DB_TEXT(modutil_query(r, "category")), DB_TEXT(modutil_query(r, "q"))),
		 &items)) != E_OK)
		return e;
	as_bool_all(items, "major");
	as_bool_all(items, "prereview");
	return req_json(r, 200,
			json_pack("{s:o,s:I,s:b}", "items", items, "total",
				  (json_int_t)json_array_size(items), "seeded", n > 0));
}

static enum err item_load(struct req *r, int64_t id, json_t **item, json_t **steps)
{
	struct db_res *res;
	enum err e = db_one(r->db, &power_stmts, POWER_ST_ITEM_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "power.item_not_found", NULL, "清单事项不存在");
	if (e != E_OK)
		return e;
	*item = json_row(res);
	db_done(res);
	as_bool(*item, "major");
	as_bool(*item, "prereview");
	if ((e = modutil_rows(r, &power_stmts, POWER_ST_ISTEPS_OF_ITEM, DB_PARAMS(DB_INT(id)),
			      steps)) != E_OK) {
		json_decref(*item);
		return e;
	}
	return E_OK;
}

static enum err item_get(struct req *r)
{
	json_t *item, *steps, *versions;
	enum err e = item_load(r, modutil_path_id(r), &item, &steps);
	if (e != E_OK)
		return e;
	const char *code = json_string_value(json_object_get(item, "code"));
	if ((e = modutil_rows(r, &power_stmts, POWER_ST_ITEM_VERSIONS, DB_PARAMS(DB_TEXT(code)),
			      &versions)) != E_OK) {
		json_decref(item);
		json_decref(steps);
		return e;
	}
	json_int_t latest =
	    json_integer_value(json_object_get(json_array_get(versions, 0), "version"));
	json_object_set_new(
	    item, "latest",
	    json_boolean(json_integer_value(json_object_get(item, "version")) == latest));
	return req_json(
	    r, 200, json_pack("{s:o,s:o,s:o}", "item", item, "steps", steps, "versions", versions));
}

/* The flowchart as data: start → each step in order → end. */
static enum err item_flowchart(struct req *r)
{
	json_t *item, *steps;
	enum err e = item_load(r, modutil_path_id(r), &item, &steps);
	if (e != E_OK)
		return e;
	json_t *nodes = json_array(), *edges = json_array();
	json_array_append_new(
	    nodes, json_pack("{s:s,s:s,s:s}", "id", "start", "kind", "start", "name", "开始"));
	const char *prev = "start";
	size_t i;
	json_t *s;
	bool major = json_is_true(json_object_get(item, "major"));
	json_array_foreach(steps, i, s)
	{
		const char *id = arena_printf(&r->arena, "s%zu", i + 1);
		const char *name = json_string_value(json_object_get(s, "name"));
		json_t *node =
		    json_pack("{s:s,s:s,s:I,s:s,s:O,s:O,s:O}", "id", id, "kind", "step", "seq",
			      (json_int_t)(i + 1), "name", name, "role", json_object_get(s, "role"),
			      "documents", json_object_get(s, "documents"), "time_limit_days",
			      json_object_get(s, "time_limit_days"));
		if (major && strcmp(name, "审议") == 0)
			json_object_set_new(
			    node, "rule",
			    json_string("党员大会：三分之二以上党员到会，到会过半数同意"));
		else if (major && strcmp(name, "决议") == 0)
			json_object_set_new(
			    node, "rule",
			    json_string(
				"村民代表会议：三分之二以上组成人员到会、到会过半数同意（第二十"
				"六条）；村民会议：过半数成年村民或三分之二以上户代表到会、到会"
				"过半数通过（第二十二条）"));
		if (strstr(name, "公开") || strstr(name, "公示"))
			json_object_set_new(node, "public", json_true());
		json_array_append_new(nodes, node);
		json_array_append_new(edges, json_pack("{s:s,s:s}", "from", prev, "to", id));
		prev = id;
	}
	json_array_append_new(
	    nodes, json_pack("{s:s,s:s,s:s}", "id", "end", "kind", "end", "name", "办结"));
	json_array_append_new(edges, json_pack("{s:s,s:s}", "from", prev, "to", "end"));
	json_decref(steps);
	return req_json(r, 200,
			json_pack("{s:o,s:o,s:o}", "item", item, "nodes", nodes, "edges", edges));
}

static const struct field item_in[] = {
    {"code", "事项编码", FT_STR, FIELD_REQUIRED, 16},
    {"category", "类别", FT_ENUM, FIELD_REQUIRED, 0, categories},
    {"name", "事项名称", FT_STR, FIELD_REQUIRED, 80},
    {"legal_basis", "依据", FT_STR, FIELD_REQUIRED, 500},
    {"major", "重大事项", FT_BOOL, 0},
    {"prereview", "需重大项目预审", FT_BOOL, 0},
    {"time_limit_days", "办理时限（天）", FT_INT, 0},
    {"note", "修改说明", FT_STR, 0, 500},
    {"steps", "流程环节", FT_ARRAY, FIELD_REQUIRED},
    {0},
};

static const struct field item_update_in[] = {
    {"category", "类别", FT_ENUM, FIELD_REQUIRED, 0, categories},
    {"name", "事项名称", FT_STR, FIELD_REQUIRED, 80},
    {"legal_basis", "依据", FT_STR, FIELD_REQUIRED, 500},
    {"major", "重大事项", FT_BOOL, 0},
    {"prereview", "需重大项目预审", FT_BOOL, 0},
    {"time_limit_days", "办理时限（天）", FT_INT, 0},
    {"note", "修改说明", FT_STR, FIELD_REQUIRED, 500},
    {"steps", "流程环节", FT_ARRAY, FIELD_REQUIRED},
    {0},
};

static const char *step_str(json_t *s, const char *key, size_t maxlen)
{
	const char *v = json_string_value(json_object_get(s, key));
	if (!v)
		return NULL;
	while (*v == ' ')
		v++;
	return *v && strlen(v) <= maxlen ? v : NULL;
}

/* The steps array of an item body: [{name, role, documents?, time_limit_days?}]. */
static enum err check_item_steps(struct req *r, bool major)
{
	json_t *steps = json_object_get(r->in, "steps");
	size_t n = json_array_size(steps);
	if (n == 0 || n > MAX_STEPS)
		return req_fail(r, E_INPUT, "power.steps", "steps", "流程环节应为 1 至 %d 个",
				MAX_STEPS);
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(steps, i);
		const char *name = step_str(s, "name", 120), *role = step_str(s, "role", 200);
		json_t *days = json_object_get(s, "time_limit_days");
		json_t *docs = json_object_get(s, "documents");
		if (!json_is_object(s) || !name || !role ||
		    (days && !json_is_null(days) &&
		     (!json_is_integer(days) || json_integer_value(days) < 0)) ||
		    (docs && !json_is_null(docs) && !json_is_string(docs)))
			return req_fail(r, E_INPUT, "power.step_invalid", "steps",
					"第 %zu 个环节应有名称、责任主体，时限为非负整数天", i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(step_str(json_array_get(steps, j), "name", 120), name) == 0)
				return req_fail(r, E_INPUT, "power.step_dup", "steps",
						"环节名称重复：%s", name);
		if (major && (n != POWER_WUYI_N || strcmp(name, power_wuyi_names[i]) != 0))
			return req_fail(r, E_RULE, "power.major_steps", "steps",
					"重大事项必须依次经过五议两公开七个环节：提议、商议、审议、"
					"决议、决议公开、实施、结果公开");
	}
	return E_OK;
}

/* Insert version `version` of code from the body, and its steps, all logged. */
static enum err item_write(struct req *r, const char *code, int64_t version, const char *action,
			   int64_t *id)
{
	bool major = req_in_bool(r, "major");
	enum err e = check_item_steps(r, major);
	if (e != E_OK)
		return e;
	if (req_in_has(r, "time_limit_days") && req_in_int(r, "time_limit_days") < 0)
		return req_fail(r, E_INPUT, "power.days", "time_limit_days", "办理时限不能为负数");
	struct db_res *res;
	e = db_one(r->db, &power_stmts, POWER_ST_ITEM_INSERT,
		   DB_PARAMS(DB_TEXT(code), DB_INT(version), DB_TEXT(req_in_str(r, "category")),
			     DB_TEXT(req_in_str(r, "name")), DB_TEXT(req_in_str(r, "legal_basis")),
			     DB_INT(major), DB_INT(req_in_bool(r, "prereview")),
			     req_in_has(r, "time_limit_days")
				 ? DB_INT(req_in_int(r, "time_limit_days"))
				 : DB_NULL,
			     DB_OPT(req_in_str(r, "note"))),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "power.item_exists", "code",
				"事项编码 %s 第 %lld 版已存在", code, (long long)version);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_ITEMS], *id, action, &r->err)) != E_OK)
		return e;
	json_t *steps = json_object_get(r->in, "steps");
	for (size_t i = 0; i < json_array_size(steps); i++) {
		json_t *s = json_array_get(steps, i);
		json_t *days = json_object_get(s, "time_limit_days");
		if ((e = db_one(
			 r->db, &power_stmts, POWER_ST_ISTEP_INSERT,
			 DB_PARAMS(
			     DB_INT(*id), DB_INT((int64_t)i + 1), DB_TEXT(step_str(s, "name", 120)),
			     DB_TEXT(step_str(s, "role", 200)),
			     DB_OPT(json_string_value(json_object_get(s, "documents"))),
			     json_is_integer(days) ? DB_INT(json_integer_value(days)) : DB_NULL),
			 &res)) != E_OK)
			return e;
		int64_t sid = db_int(res, 0);
		db_done(res);
		if ((e = trail_row(&r->tc, &power_tables[POWER_T_ISTEPS], sid, action, &r->err)) !=
		    E_OK)
			return e;
	}
	return E_OK;
}

static enum err item_create(struct req *r)
{
	const char *code = req_in_str(r, "code");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &power_stmts, POWER_ST_ITEM_LATEST, DB_PARAMS(DB_TEXT(code)), &res);
	if (e == E_OK) {
		db_done(res);
		return req_fail(r, E_CONFLICT, "power.item_exists", "code",
				"事项编码 %s 已存在，请在原事项上修改（生成新版本）", code);
	}
	if (e != E_NOTFOUND)
		return e;
	int64_t id;
	if ((e = item_write(r, code, 1, "power_item.create", &id)) != E_OK)
		return e;
	return req_json(
	    r, 201, json_pack("{s:I,s:s,s:i}", "id", (json_int_t)id, "code", code, "version", 1));
}

static enum err item_update(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &power_stmts, POWER_ST_ITEM_GET, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "power.item_not_found", NULL, "清单事项不存在");
	if (e != E_OK)
		return e;
	const char *code = db_text_dup(&r->arena, res, 1);
	int64_t version = db_int(res, 2);
	db_done(res);
	if ((e = db_one(r->db, &power_stmts, POWER_ST_ITEM_LATEST, DB_PARAMS(DB_TEXT(code)),
			&res)) != E_OK)
		return e;
	int64_t latest = db_int(res, 1);
	db_done(res);
	if (latest != version)
		return req_fail(r, E_CONFLICT, "power.item_stale", NULL,
				"事项 %s 已有第 %lld 版，请在最新版本上修改", code,
				(long long)latest);
	int64_t nid;
	if ((e = item_write(r, code, latest + 1, "power_item.version", &nid)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:s,s:I,s:I}", "id", (json_int_t)nid, "code", code,
				  "version", (json_int_t)(latest + 1), "previous_id",
				  (json_int_t)id));
}

static enum err catalog_seed(struct req *r)
{
	int64_t n;
	enum err e = modutil_count(r, &power_stmts, POWER_ST_ITEM_COUNT, DB_NOPARAMS, &n);
	if (e != E_OK)
		return e;
	if (n > 0)
		return req_fail(r, E_CONFLICT, "power.seeded", NULL,
				"权力清单已有 %lld 条记录，默认清单只能载入一次", (long long)n);
	if ((e = power_catalog_seed(&r->tc, &n, &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "inserted", (json_int_t)n));
}

/* ---- settings ---------------------------------------------------------------------------- */

static enum err settings_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(
	    r, &power_stmts, POWER_ST_SET_LIST,
	    DB_PARAMS(DB_INT(POWER_DEFAULT_MAJOR_FEN), DB_INT(POWER_DEFAULT_DECISION_FEN),
		      DB_INT(POWER_DEFAULT_PUBLICITY), DB_INT(POWER_DEFAULT_RESULT_DAYS)),
	    &items);
	if (e != E_OK)
		return e;
	as_bool_all(items, "customised");
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field settings_in[] = {
    {"major_threshold_fen", "重大事项金额标准", FT_MONEY, FIELD_REQUIRED},
    {"decision_threshold_fen", "集体决策金额标准", FT_MONEY, FIELD_REQUIRED},
    {"publicity_days", "决议公示天数", FT_INT, FIELD_REQUIRED},
    {"result_publish_days", "结果公开时限（天）", FT_INT, FIELD_REQUIRED},
    {0},
};

static enum err settings_put(struct req *r)
{
	const char *township = req_param(r, "township");
	json_t *list;
	enum err e = modutil_rows(r, &power_stmts, POWER_ST_SET_LIST,
				  DB_PARAMS(DB_INT(0), DB_INT(0), DB_INT(0), DB_INT(0)), &list);
	if (e != E_OK)
		return e;
	bool known = false;
	size_t i;
	json_t *it;
	json_array_foreach(list, i, it) known =
	    known || strcmp(json_string_value(json_object_get(it, "township")), township) == 0;
	json_decref(list);
	if (!known)
		return req_fail(r, E_NOTFOUND, "power.township", NULL, "没有这个乡镇：%s",
				township);
	int64_t major = req_in_fen(r, "major_threshold_fen");
	int64_t decision = req_in_fen(r, "decision_threshold_fen");
	int64_t pub = req_in_int(r, "publicity_days"),
		res_days = req_in_int(r, "result_publish_days");
	if (major <= 0 || decision <= 0)
		return req_fail(r, E_INPUT, "power.threshold",
				major <= 0 ? "major_threshold_fen" : "decision_threshold_fen",
				"金额标准应大于零");
	if (decision > major)
		return req_fail(r, E_RULE, "power.threshold_order", "decision_threshold_fen",
				"集体决策金额标准 %s 元不应高于重大事项金额标准 %s 元",
				fmt_money(r, decision), fmt_money(r, major));
	if (pub < 1 || pub > 60)
		return req_fail(r, E_INPUT, "power.publicity_days", "publicity_days",
				"决议公示天数应在 1 至 60 天之间");
	if (res_days < 1 || res_days > 365)
		return req_fail(r, E_INPUT, "power.result_days", "result_publish_days",
				"结果公开时限应在 1 至 365 天之间");
	struct db_res *res;
	if ((e = db_one(r->db, &power_stmts, POWER_ST_SET_UPSERT,
			DB_PARAMS(DB_TEXT(township), DB_INT(major), DB_INT(decision), DB_INT(pub),
				  DB_INT(res_days)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_SETTINGS], id, "power_settings.update",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "township", township));
}

/* ---- the holiday calendar ------------------------------------------------------------------ */

static enum err calendar(struct req *r, struct workdays_cal *cal)
{
	return power_calendar_load(r->db, &r->arena, cal, &r->err);
}

static enum err holidays_list(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	int year = (int)req_query_int(r, "year", atoi(today));
	if (year < 2000 || year > 2100)
		return req_fail(r, E_INPUT, "holiday.year", "year", "年份应在 2000 至 2100 之间");
	struct workdays_cal base, cal;
	enum err e;
	if ((e = workdays_cal_load(&base, &r->arena, &r->err)) != E_OK ||
	    (e = calendar(r, &cal)) != E_OK)
		return e;
	json_t *items = json_array();
	int64_t from = datefmt_days_from_ymd(year, 1, 1),
		to = datefmt_days_from_ymd(year + 1, 1, 1);
	/* Every date either calendar lists, in order, with where its answer comes from. */
	for (int64_t d = from; d < to; d++) {
		enum workdays_kind k = workdays_cal_kind(&cal, d), bk = workdays_cal_kind(&base, d);
		if (k == WORKDAYS_NORMAL && bk == WORKDAYS_NORMAL)
			continue;
		char date[11];
		datefmt_from_days(d, date);
		const char *name = "";
		for (size_t i = 0; i < cal.n; i++)
			if (cal.entry[i].days == d)
				name = cal.entry[i].name;
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:b}", "date", date,
						       "kind", workdays_kind_name(k), "name", name,
						       "source", k == bk ? "builtin" : "admin",
						       "workday", workdays_is_workday(&cal, d)));
	}
	return req_json(r, 200,
			json_pack("{s:i,s:b,s:o}", "year", year, "covered",
				  workdays_cal_covers(&cal, year), "items", items));
}

static const struct field holiday_in[] = {
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, holiday_kinds},
    {"name", "名称", FT_STR, FIELD_REQUIRED, 40},
    {0},
};

static enum err holiday_put(struct req *r)
{
	const char *date = req_param(r, "date");
	if (datefmt_days(date) == DATEFMT_INVALID)
		return req_fail(r, E_INPUT, "holiday.date", "date", "日期格式错误：%s", date);
	struct db_res *res;
	enum err e = db_one(r->db, &power_stmts, POWER_ST_HOL_UPSERT,
			    DB_PARAMS(DB_TEXT(date), DB_TEXT(req_in_str(r, "kind")),
				      DB_TEXT(req_in_str(r, "name"))),
			    &res);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_HOLIDAYS], id, "holiday.set", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "date", date));
}

static enum err deadline(struct req *r)
{
	const char *date = req_query(r, "date");
	if (!date || datefmt_days(date) == DATEFMT_INVALID)
		return req_fail(r, E_INPUT, "holiday.date", "date", "请提供日期 date=YYYY-MM-DD");
	bool work = req_query(r, "workdays") != NULL;
	int64_t n = req_query_int(r, work ? "workdays" : "days", 0);
	if (n < -3650 || n > 3650)
		return req_fail(r, E_INPUT, "holiday.n", work ? "workdays" : "days",
				"天数应在 -3650 至 3650 之间");
	struct workdays_cal cal;
	enum err e = calendar(r, &cal);
	if (e != E_OK)
		return e;
	char out[11];
	if (work)
		workdays_add_workdays(&cal, date, n, out);
	else
		workdays_add(date, n, out);
	return req_json(r, 200,
			json_pack("{s:s,s:I,s:s,s:s}", "date", date, "n", (json_int_t)n, "unit",
				  work ? "工作日" : "日", "due_date", out));
}

/* ---- matters ------------------------------------------------------------------------------- */

/* The procedure a matter follows: 五议两公开 for 重大 and item-less matters,
 * else its item's own steps. */
struct flow {
	const char *name[MAX_STEPS]; /* step names in order */
	const char *role[MAX_STEPS]; /* responsible role */
	const char *docs[MAX_STEPS]; /* required documents */
	size_t n;		     /* steps */
	bool wuyi;		     /* 五议两公开 */
};

struct matter {
	int64_t id;		      /* matters.id */
	int64_t village_id;	      /* village */
	const char *village_name;     /* 甲村 */
	const char *matter_no;	      /* 2026-001 */
	const char *title;	      /* 事项名称 */
	bool major;		      /* kind 重大 */
	int64_t item_id;	      /* 0 when imported without item */
	bool prereview;		      /* the item needs 重大项目预审 */
	struct flow flow;	      /* its procedure */
	int64_t last_seq;	      /* highest step recorded, 0 = none */
	const char *last_date;	      /* date of that step */
	const char *last_step;	      /* its name */
	const char *dates[MAX_STEPS]; /* date of each flow step, NULL if absent */
};

static enum err flow_load(struct req *r, bool major, int64_t item_id, struct flow *f)
{
	memset(f, 0, sizeof(*f));
	if (major || !item_id) {
		f->wuyi = true;
		f->n = POWER_WUYI_N;
		for (size_t i = 0; i < POWER_WUYI_N; i++) {
			f->name[i] = power_wuyi_steps[i].name;
			f->role[i] = power_wuyi_steps[i].role;
			f->docs[i] = power_wuyi_steps[i].documents;
		}
		return E_OK;
	}
	struct db_res *res;
	enum err e =
	    db_exec(r->db, &power_stmts, POWER_ST_ISTEPS_OF_ITEM, DB_PARAMS(DB_INT(item_id)), &res);
	if (e != E_OK)
		return e;
	while (db_row(res) && f->n < MAX_STEPS) {
		f->name[f->n] = db_text_dup(&r->arena, res, 2);
		f->role[f->n] = db_text_dup(&r->arena, res, 3);
		f->docs[f->n] = db_text_dup(&r->arena, res, 4);
		f->n++;
	}
	return db_done(res);
}

static int flow_index(const struct flow *f, const char *step)
{
	for (size_t i = 0; step && i < f->n; i++)
		if (strcmp(f->name[i], step) == 0)
			return (int)i;
	return -1;
}

static enum err matter_load(struct req *r, int64_t id, struct matter *m)
{
	memset(m, 0, sizeof(*m));
	struct db_res *res;
	enum err e =
	    db_one(r->db, &power_stmts, POWER_ST_MATTER_DETAIL, DB_PARAMS(DB_INT(id)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "power.not_found", NULL, "事项不存在");
	if (e != E_OK)
		return e;
	m->id = id;
	m->village_id = db_int(res, 1);
	m->village_name = db_text_dup(&r->arena, res, 3);
	m->matter_no = db_text_dup(&r->arena, res, 5);
	m->title = db_text_dup(&r->arena, res, 6);
	m->major = strcmp(db_text(res, 7), "重大") == 0;
	m->item_id = db_int(res, 10);
	m->prereview = db_int(res, 15) != 0;
	db_done(res);
	if ((e = flow_load(r, m->major, m->item_id, &m->flow)) != E_OK)
		return e;
	if ((e = db_exec(r->db, &power_stmts, POWER_ST_MSTEPS_OF_MATTER, DB_PARAMS(DB_INT(id)),
			 &res)) != E_OK)
		return e;
	while (db_row(res)) {
		int idx = flow_index(&m->flow, db_text(res, 4));
		if (idx >= 0)
			m->dates[idx] = db_text_dup(&r->arena, res, 5);
		if (db_int(res, 3) > m->last_seq) {
			m->last_seq = db_int(res, 3);
			m->last_date = db_text_dup(&r->arena, res, 5);
			m->last_step = db_text_dup(&r->arena, res, 4);
		}
	}
	return db_done(res);
}

static const char *next_step(const struct matter *m)
{
	return m->last_seq < (int64_t)m->flow.n ? m->flow.name[m->last_seq] : NULL;
}

static enum err matters_list(struct req *r)
{
	int64_t limit, offset, total;
	char today[11];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	const char *v = modutil_query(r, "village"), *k = modutil_query(r, "kind"),
		   *q = modutil_query(r, "q");
	enum err e = modutil_count(r, &power_stmts, POWER_ST_MATTER_COUNT,
				   DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					     DB_TEXT(v), DB_TEXT(k), DB_TEXT(q)),
				   &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &power_stmts, POWER_ST_MATTER_LIST,
			      DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					DB_TEXT(v), DB_TEXT(k), DB_TEXT(q), DB_TEXT(today),
					DB_INT(limit), DB_INT(offset)),
			      &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_int_t n = json_integer_value(json_object_get(it, "overdue_inquiries"));
		json_object_set_new(it, "overdue", json_boolean(n > 0));
	}
	return req_list(r, items, total);
}

static const struct field matter_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"matter_no", "事项编号", FT_STR, 0, 32},
    {"title", "事项名称", FT_STR, FIELD_REQUIRED, 200},
    {"item_id", "权力清单事项", FT_INT, FIELD_REQUIRED},
    {"amount_fen", "涉及金额", FT_MONEY, 0},
    {"kind", "类别", FT_ENUM, 0, 0, matter_kinds},
    {0},
};

/* "2026-007": the next free number of the year in the village. */
static enum err matter_no_next(struct req *r, const char *year, char out[32])
{
	int64_t n;
	enum err e = modutil_count(r, &power_stmts, POWER_ST_MATTER_NEXT_NO,
				   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(year)), &n);
	if (e != E_OK)
		return e;
	for (int64_t k = n + 1;; k++) {
		snprintf(out, 32, "%s-%03lld", year, (long long)k);
		struct db_res *res;
		e = db_one(r->db, &power_stmts, POWER_ST_MATTER_FIND,
			   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(out)), &res);
		if (e == E_NOTFOUND)
			return E_OK;
		if (e != E_OK)
			return e;
		db_done(res);
	}
}

static enum err matter_create(struct req *r)
{
	int64_t item_id = req_in_int(r, "item_id");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &power_stmts, POWER_ST_ITEM_GET, DB_PARAMS(DB_INT(item_id)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "power.item_not_found", "item_id",
				"权力清单中没有该事项");
	if (e != E_OK)
		return e;
	const char *code = db_text_dup(&r->arena, res, 1);
	int64_t version = db_int(res, 2);
	const char *item_name = db_text_dup(&r->arena, res, 4);
	bool item_major = db_int(res, 6) != 0;
	db_done(res);
	if ((e = db_one(r->db, &power_stmts, POWER_ST_ITEM_LATEST, DB_PARAMS(DB_TEXT(code)),
			&res)) != E_OK)
		return e;
	int64_t latest = db_int(res, 1);
	db_done(res);
	if (latest != version)
		return req_fail(r, E_RULE, "power.item_stale", "item_id",
				"清单事项「%s」已更新为第 %lld 版，请按最新版本办理", item_name,
				(long long)latest);
	struct power_params p;
	if ((e = power_params_of_village(r->db, r->village_id, &p)) != E_OK)
		return e;
	bool has_amount = req_in_has(r, "amount_fen");
	int64_t amount = has_amount ? req_in_fen(r, "amount_fen") : 0;
	if (amount < 0)
		return req_fail(r, E_INPUT, "power.amount", "amount_fen", "涉及金额不能为负数");
	json_t *reasons = json_array();
	if (item_major)
		json_array_append_new(reasons, json_sprintf("清单事项「%s」属重大事项", item_name));
	if (has_amount && amount >= p.major_threshold_fen)
		json_array_append_new(reasons,
				      json_sprintf("涉及金额 %s 元，达到%s重大事项标准 %s 元",
						   fmt_money(r, amount), p.township,
						   fmt_money(r, p.major_threshold_fen)));
	const char *kind = req_in_str(r, "kind");
	if (kind && strcmp(kind, "重大") == 0 && json_array_size(reasons) == 0)
		json_array_append_new(reasons, json_string("经村党组织研究列为重大事项"));
	bool major = json_array_size(reasons) > 0;
	char no[32];
	const char *matter_no = req_in_str(r, "matter_no");
	if (!matter_no || !*matter_no) {
		char today[11];
		app_today(r->app, today);
		today[4] = '\0';
		if ((e = matter_no_next(r, today, no)) != E_OK) {
			json_decref(reasons);
			return e;
		}
		matter_no = no;
	}
	e = db_one(r->db, &power_stmts, POWER_ST_MATTER_INSERT,
		   DB_PARAMS(DB_INT(r->village_id), DB_TEXT(matter_no),
			     DB_TEXT(req_in_str(r, "title")), DB_TEXT(major ? "重大" : "一般"),
			     has_amount ? DB_INT(amount) : DB_NULL, DB_NULL, DB_INT(item_id)),
		   &res);
	if (e == E_NOTFOUND) {
		json_decref(reasons);
		return req_fail(r, E_CONFLICT, "power.matter_exists", "matter_no",
				"本村已有事项编号 %s", matter_no);
	}
	if (e != E_OK) {
		json_decref(reasons);
		return e;
	}
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_MATTERS], id, "matter.create", &r->err)) !=
	    E_OK) {
		json_decref(reasons);
		return e;
	}
	struct flow f;
	if ((e = flow_load(r, major, item_id, &f)) != E_OK) {
		json_decref(reasons);
		return e;
	}
	json_t *flow = json_array();
	for (size_t i = 0; i < f.n; i++)
		json_array_append_new(flow, json_string(f.name[i]));
	return req_json(r, 201,
			json_pack("{s:I,s:s,s:s,s:o,s:o,s:s}", "id", (json_int_t)id, "matter_no",
				  matter_no, "kind", major ? "重大" : "一般", "major_reasons",
				  reasons, "flow", flow, "next_step", f.name[0]));
}

/* The timeline: the flow with what was done when, the steps with their
 * attachments, the filings and the inquiries. */
static enum err matter_get(struct req *r)
{
	struct matter m;
	enum err e = matter_load(r, modutil_path_id(r), &m);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	if ((e = db_one(r->db, &power_stmts, POWER_ST_MATTER_DETAIL, DB_PARAMS(DB_INT(m.id)),
			&res)) != E_OK)
		return e;
	json_t *matter = json_row(res);
	db_done(res);
	as_bool(matter, "item_major");
	as_bool(matter, "item_prereview");
	json_t *steps = NULL, *atts = NULL, *filings = NULL, *inquiries = NULL;
	if ((e = modutil_rows(r, &power_stmts, POWER_ST_MSTEPS_OF_MATTER, DB_PARAMS(DB_INT(m.id)),
			      &steps)) != E_OK ||
	    (e = modutil_rows(r, &power_stmts, POWER_ST_ATTS_OF_MATTER, DB_PARAMS(DB_INT(m.id)),
			      &atts)) != E_OK ||
	    (e = modutil_rows(r, &power_stmts, POWER_ST_FILS_OF_MATTER, DB_PARAMS(DB_INT(m.id)),
			      &filings)) != E_OK ||
	    (e = modutil_rows(r, &power_stmts, POWER_ST_INQS_OF_MATTER,
			      DB_PARAMS(DB_INT(m.id), DB_TEXT(today)), &inquiries)) != E_OK) {
		json_decref(matter);
		json_decref(steps);
		json_decref(atts);
		json_decref(filings);
		return e;
	}
	as_bool_all(inquiries, "overdue");
	size_t i, j;
	json_t *s, *a;
	json_array_foreach(steps, i, s)
	{
		json_t *list = json_array();
		json_array_foreach(atts, j,
				   a) if (json_integer_value(json_object_get(a, "step_id")) ==
					  json_integer_value(json_object_get(s, "id")))
		    json_array_append(list, a);
		json_object_set_new(s, "attachments", list);
	}
	json_decref(atts);
	json_t *flow = json_array();
	for (i = 0; i < m.flow.n; i++)
		json_array_append_new(flow,
				      json_pack("{s:I,s:s,s:s,s:s?,s:b,s:s?}", "seq",
						(json_int_t)(i + 1), "name", m.flow.name[i], "role",
						m.flow.role[i], "documents", m.flow.docs[i], "done",
						m.dates[i] != NULL, "date", m.dates[i]));
	const char *next = next_step(&m);
	return req_json(r, 200,
			json_pack("{s:o,s:s,s:o,s:s?,s:o,s:o,s:o}", "matter", matter, "procedure",
				  m.flow.wuyi ? "五议两公开" : "清单流程", "flow", flow,
				  "next_step", next, "steps", steps, "filings", filings,
				  "inquiries", inquiries));
}

static const struct field step_in[] = {
    {"step", "环节", FT_STR, FIELD_REQUIRED, 40},
    {"date", "日期", FT_DATE, FIELD_REQUIRED},
    {"meeting", "会议类型", FT_STR, 0, 40},
    {"members", "应到人数", FT_INT, 0},
    {"attendees", "到会人数", FT_INT, 0},
    {"votes_for", "同意票数", FT_INT, 0},
    {"votes_against", "反对票数", FT_INT, 0},
    {"votes_abstain", "弃权票数", FT_INT, 0},
    {"households", "全村户数", FT_INT, 0},
    {"households_present", "到会户代表数", FT_INT, 0},
    {"minutes", "会议记录", FT_STR, 0, 20000},
    {"attachments", "附件", FT_ARRAY, 0},
    {0},
};

/* A decoded attachment of the step body. */

static enum err uploads_decode(struct req *r, struct modutil_upfile **out, size_t *n)
{
	json_t *list = json_object_get(r->in, "attachments");
	*n = json_array_size(list);
	*out = ARENA_ARRAY(&r->arena, struct modutil_upfile, *n + 1);
	for (size_t i = 0; i < *n; i++) {
		json_t *a = json_array_get(list, i);
		const char *name = json_string_value(json_object_get(a, "name"));
		const char *b64 = json_string_value(json_object_get(a, "content_base64"));
		if (!json_is_object(a) || !name || !*name || strlen(name) > 200 || !b64)
			return req_fail(
			    r, E_INPUT, "power.attachment", "attachments",
			    "第 %zu 个附件应有文件名（name）和 Base64 内容（content_base64）",
			    i + 1);
		size_t cap = strlen(b64) / 4 * 3 + 3;
		unsigned char *data = arena_alloc(&r->arena, cap + 1);
		size_t len = 0;
		if (sodium_base642bin(data, cap, b64, strlen(b64), " \r\n", &len, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0)
			return req_fail(r, E_INPUT, "power.attachment_base64", "attachments",
					"附件「%s」的内容不是有效的 Base64", name);
		if (len == 0 || len > MAX_ATTACHMENT)
			return req_fail(r, E_INPUT, "power.attachment_size", "attachments",
					"附件「%s」为空或超过 20 MB", name);
		modutil_upfile_set(r, name, data, len, &(*out)[i]);
	}
	return E_OK;
}

/* The procedural rules of one 五议两公开 step beyond the meeting counts. */
static enum err wuyi_rules(struct req *r, const struct matter *m, int idx, const char *date)
{
	struct db_res *res;
	enum err e;
	if (idx == 0) { /* 提议: 重大事项预报 to the township first */
		e = db_exec(r->db, &power_stmts, POWER_ST_FIL_BEFORE,
			    DB_PARAMS(DB_INT(m->id), DB_TEXT("预报"), DB_TEXT(date)), &res);
		if (e != E_OK)
			return e;
		bool any = db_row(res);
		if ((e = db_done(res)) != E_OK)
			return e;
		if (!any)
			return req_fail(
			    r, E_RULE, "power.no_forecast", "step",
			    "重大事项应在提议前向镇报告（重大事项预报），尚无 %s 或之前的"
			    "预报记录",
			    date);
	}
	if (idx == 3 && m->prereview) { /* 决议: 重大项目预审 agreed by the township */
		e = db_exec(r->db, &power_stmts, POWER_ST_FIL_BEFORE,
			    DB_PARAMS(DB_INT(m->id), DB_TEXT("预审"), DB_TEXT(date)), &res);
		if (e != E_OK)
			return e;
		bool ok = false, refused = false;
		while (db_row(res)) {
			const char *reply = db_text(res, 2), *rd = db_text(res, 3);
			if (reply && rd && strcmp(rd, date) <= 0) {
				if (strcmp(reply, "不同意") == 0)
					refused = true;
				else
					ok = true;
			}
		}
		if ((e = db_done(res)) != E_OK)
			return e;
		if (!ok)
			return req_fail(r, E_RULE, "power.no_prereview", "step",
					refused
					    ? "镇里对该项目的预审意见为不同意，不能进入决议"
					    : "该项目须经镇重大项目预审并获同意后方可决议，尚无 %s "
					      "或之前的同意意见",
					date);
	}
	if (idx == 5) { /* 实施: after the publicity period of the 决议 */
		struct power_params p;
		if ((e = power_params_of_village(r->db, m->village_id, &p)) != E_OK)
			return e;
		char earliest[11];
		workdays_add(m->dates[4], p.publicity_days, earliest);
		if (strcmp(date, earliest) < 0)
			return req_fail(
			    r, E_RULE, "power.publicity", "date",
			    "决议公开期未满：决议于 %s 公开，按%s规定应公示 %lld 天，最早 %s "
			    "起方可实施",
			    m->dates[4], p.township, (long long)p.publicity_days, earliest);
	}
	return E_OK;
}

static enum err step_create(struct req *r)
{
	struct matter m;
	enum err e = matter_load(r, modutil_path_id(r), &m);
	if (e != E_OK)
		return e;
	const char *step = req_in_str(r, "step"), *date = req_in_str(r, "date");
	int idx = flow_index(&m.flow, step);
	if (idx < 0) {
		struct buf names = BUF_INIT;
		for (size_t i = 0; i < m.flow.n; i++)
			buf_addf(&names, "%s%s", i ? "、" : "", m.flow.name[i]);
		req_fail(r, E_INPUT, "power.step_unknown", "step",
			 "事项「%s」的流程中没有「%s」环节，应为：%s", m.title, step, names.ptr);
		buf_release(&names);
		return E_INPUT;
	}
	if (m.dates[idx])
		return req_fail(r, E_CONFLICT, "power.step_exists", "step",
				"「%s」已于 %s 登记，环节记录不能修改", step, m.dates[idx]);
	const char *expected = next_step(&m);
	if (idx != m.last_seq)
		return req_fail(r, E_RULE, "power.step_order", "step",
				expected
				    ? "程序顺序错误：下一环节应为「%s」（%s），不能先登记「%s」"
				    : "程序顺序错误：%s%s流程已办结，不能再登记「%s」",
				expected ? expected : m.matter_no,
				expected ? m.flow.role[m.last_seq] : "", step);
	char today[11];
	app_today(r->app, today);
	if (strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "power.future_date", "date",
				"不能登记未来日期的环节：%s（今天是 %s）", date, today);
	if (m.last_date && strcmp(date, m.last_date) < 0)
		return req_fail(r, E_RULE, "power.step_date", "date",
				"「%s」的日期 %s 早于上一环节「%s」的日期 %s", step, date,
				m.last_step, m.last_date);
	const char *meeting = req_in_str(r, "meeting");
	if (m.flow.wuyi && !meeting) {
		static const char *const defaults[POWER_WUYI_N] = {
		    "村党组织会议", "两委联席会议", NULL, NULL, NULL, NULL, NULL};
		meeting = defaults[idx];
	}
	struct power_meeting pm = {m.flow.wuyi ? step : "",	     meeting,
				   in_count(r, "members"),	     in_count(r, "attendees"),
				   in_count(r, "votes_for"),	     in_count(r, "votes_against"),
				   in_count(r, "votes_abstain"),     in_count(r, "households"),
				   in_count(r, "households_present")};
	if ((e = power_meeting_check(&pm, &r->err)) != E_OK)
		return e;
	if (m.flow.wuyi && (e = wuyi_rules(r, &m, idx, date)) != E_OK)
		return e;
	struct modutil_upfile *ups;
	size_t nups;
	if ((e = uploads_decode(r, &ups, &nups)) != E_OK)
		return e;

	struct db_res *res;
	if ((e = db_one(r->db, &power_stmts, POWER_ST_MSTEP_INSERT,
			DB_PARAMS(DB_INT(m.village_id), DB_INT(m.id), DB_INT(idx + 1),
				  DB_TEXT(step), DB_TEXT(date), DB_OPT(meeting),
				  opt_count(pm.members), opt_count(pm.attendees),
				  opt_count(pm.votes_for), opt_count(pm.votes_against),
				  opt_count(pm.votes_abstain), opt_count(pm.households),
				  opt_count(pm.households_present),
				  DB_OPT(req_in_str(r, "minutes"))),
			&res)) != E_OK)
		return e == E_NOTFOUND ? req_fail(r, E_CONFLICT, "power.step_exists", "step",
						  "「%s」已登记", step)
				       : e;
	int64_t sid = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_MSTEPS], sid, "matter.step", &r->err)) !=
	    E_OK)
		return e;
	if (m.flow.wuyi && idx == 0) {
		e = db_one(r->db, &power_stmts, POWER_ST_MATTER_SET_PROPOSED,
			   DB_PARAMS(DB_INT(m.id), DB_TEXT(date)), &res);
		if (e == E_OK) {
			db_done(res);
			if ((e = trail_row(&r->tc, &power_tables[POWER_T_MATTERS], m.id,
					   "matter.proposed", &r->err)) != E_OK)
				return e;
		} else if (e != E_NOTFOUND) {
			return e;
		}
	}
	static const struct modutil_file_store store = {
	    .stmts = &power_stmts,
	    .put = POWER_ST_BLOB_PUT,
	    .insert = POWER_ST_ATT_INSERT,
	    .table = &power_tables[POWER_T_ATTACHMENTS],
	    .action = "matter.attachment",
	};
	json_t *atts = json_array();
	for (size_t i = 0; i < nups; i++) {
		struct modutil_upfile *u = &ups[i];
		int64_t aid;
		if ((e = modutil_file_put(r, &store, u,
					  DB_PARAMS(DB_INT(m.village_id), DB_INT(sid),
						    DB_TEXT(u->name), DB_TEXT(u->sha256),
						    DB_INT((int64_t)u->size)),
					  &aid)) != E_OK) {
			json_decref(atts);
			return e;
		}
		json_array_append_new(atts, json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)aid,
						      "name", u->name, "sha256", u->sha256, "size",
						      (json_int_t)u->size));
	}
	const char *next = (size_t)idx + 1 < m.flow.n ? m.flow.name[idx + 1] : NULL;
	return req_json(r, 201,
			json_pack("{s:I,s:s,s:i,s:s?,s:o}", "id", (json_int_t)sid, "step", step,
				  "seq", idx + 1, "next_step", next, "attachments", atts));
}

static enum err attachment_get(struct req *r)
{
	struct db_res *res;
	enum err e = db_one(r->db, &power_stmts, POWER_ST_ATT_GET,
			    DB_PARAMS(DB_INT(modutil_path_id(r))), &res);
	if (e != E_OK)
		return e;
	const char *name = db_text_dup(&r->arena, res, 3), *sha = db_text_dup(&r->arena, res, 4);
	db_done(res);
	const struct modutil_download d = {
	    .sha256 = sha,
	    .corrupt_key = "power.blob_corrupt",
	    .corrupt_what = "附件内容",
	    .name = name,
	};
	e = modutil_file_send(r, &power_stmts, POWER_ST_BLOB_GET, DB_PARAMS(DB_TEXT(sha)), 0, &d);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "power.blob_missing", NULL, "附件内容缺失：%s", sha);
	return e;
}

/* ---- filings: 重大事项预报 and 重大项目预审 ------------------------------------------------ */

static const struct field filing_in[] = {
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, filing_kinds},
    {"filed_date", "报送日期", FT_DATE, FIELD_REQUIRED},
    {"content", "报送内容", FT_STR, FIELD_REQUIRED, 5000},
    {0},
};

static enum err filing_create(struct req *r)
{
	struct matter m;
	enum err e = matter_load(r, modutil_path_id(r), &m);
	if (e != E_OK)
		return e;
	const char *kind = req_in_str(r, "kind"), *date = req_in_str(r, "filed_date");
	if (!m.major)
		return req_fail(r, E_RULE, "power.filing_not_major", "kind",
				"一般事项无需向镇报送%s，按清单流程办理即可", kind);
	char today[11];
	app_today(r->app, today);
	if (strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "power.future_date", "filed_date",
				"报送日期不能晚于今天（%s）", today);
	if (strcmp(kind, "预报") == 0 && m.dates[0])
		return req_fail(r, E_RULE, "power.forecast_late", "kind",
				"该事项已于 %s 提议，重大事项预报应在提议之前报送", m.dates[0]);
	if (strcmp(kind, "预审") == 0 && m.dates[3])
		return req_fail(r, E_RULE, "power.prereview_late", "kind",
				"该事项已于 %s 决议，重大项目预审应在决议之前", m.dates[3]);
	struct db_res *res;
	if ((e = db_one(r->db, &power_stmts, POWER_ST_FIL_INSERT,
			DB_PARAMS(DB_INT(m.village_id), DB_INT(m.id), DB_TEXT(kind), DB_TEXT(date),
				  DB_TEXT(req_in_str(r, "content"))),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_FILINGS], id, "matter.filing", &r->err)) !=
	    E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "kind", kind));
}

static const struct field reply_in[] = {
    {"reply", "审核意见", FT_ENUM, FIELD_REQUIRED, 0, replies},
    {"reply_date", "回复日期", FT_DATE, FIELD_REQUIRED},
    {"reply_text", "意见说明", FT_STR, 0, 5000},
    {0},
};

static enum err filing_reply(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &power_stmts, POWER_ST_FIL_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	const char *filed = db_text_dup(&r->arena, res, 4);
	bool replied = !db_isnull(res, 6);
	db_done(res);
	if (replied)
		return req_fail(r, E_CONFLICT, "power.replied", NULL, "该报备已回复，不能重复回复");
	const char *date = req_in_str(r, "reply_date");
	if (strcmp(date, filed) < 0)
		return req_fail(r, E_INPUT, "power.reply_date", "reply_date",
				"回复日期 %s 早于报送日期 %s", date, filed);
	const char *reply = req_in_str(r, "reply"), *text = req_in_str(r, "reply_text");
	if (strcmp(reply, "同意") != 0 && (!text || !*text))
		return req_fail(r, E_INPUT, "power.reply_text", "reply_text", "“%s”须写明意见说明",
				reply);
	if ((e = db_one(r->db, &power_stmts, POWER_ST_FIL_REPLY,
			DB_PARAMS(DB_INT(id), DB_TEXT(reply), DB_TEXT(date), DB_OPT(text)),
			&res)) != E_OK)
		return e;
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_FILINGS], id, "matter.filing_reply",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "reply", reply));
}

/* ---- inquiries (质询) --------------------------------------------------------------------------
 */

/* The statutory answer period of deadlines.csv (code inquiry_answer). */
static void inquiry_period(int64_t *n, bool *workdays)
{
	*n = 15;
	*workdays = true;
	const struct domain_file *f = domain_file_find("deadlines.csv");
	struct arena a = ARENA_INIT;
	struct table t;
	struct errinfo ei = {0};
	if (f && csvio_parse(&a, f->name, f->data, f->len, &t, &ei) == E_OK)
		for (size_t i = 1; i < t.nrows; i++)
			if (t.rows[i].ncells >= 4 &&
			    strcmp(t.rows[i].cells[0], "inquiry_answer") == 0) {
				*n = atoi(t.rows[i].cells[3]);
				*workdays = strcmp(t.rows[i].cells[2], "工作日") == 0;
			}
	arena_release(&a);
}

static enum err inquiries_list(struct req *r)
{
	int64_t limit, offset, total;
	char today[11];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	const char *v = modutil_query(r, "village");
	int64_t open = req_query_int(r, "open", 0) ? 1 : 0;
	int64_t overdue = req_query_int(r, "overdue", 0) ? 1 : 0;
	enum err e =
	    modutil_count(r, &power_stmts, POWER_ST_INQ_COUNT,
			  DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				    DB_TEXT(today), DB_TEXT(v), DB_INT(open), DB_INT(overdue)),
			  &total);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &power_stmts, POWER_ST_INQ_LIST,
			      DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
					DB_TEXT(today), DB_TEXT(v), DB_INT(open), DB_INT(overdue),
					DB_INT(limit), DB_INT(offset)),
			      &items)) != E_OK)
		return e;
	as_bool_all(items, "overdue");
	as_bool_all(items, "answered_late");
	return req_list(r, items, total);
}

static const struct field inquiry_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"matter_id", "事项", FT_INT, 0},
    {"question", "质询内容", FT_STR, FIELD_REQUIRED, 2000},
    {"asked_date", "质询日期（书面质询补录，默认今天）", FT_DATE, 0},
    {0},
};

static enum err inquiry_create(struct req *r)
{
	int64_t matter_id = req_in_has(r, "matter_id") ? req_in_int(r, "matter_id") : 0;
	enum err e;
	if (matter_id) {
		struct db_res *res;
		e = db_one(r->db, &power_stmts, POWER_ST_MATTER_GET, DB_PARAMS(DB_INT(matter_id)),
			   &res);
		if (e == E_NOTFOUND || (e == E_OK && db_int(res, 1) != r->village_id)) {
			if (e == E_OK)
				db_done(res);
			return req_fail(r, E_INPUT, "power.inquiry_matter", "matter_id",
					"该村（居）没有这个事项");
		}
		if (e != E_OK)
			return e;
		db_done(res);
	}
	char today[11], due[11];
	app_today(r->app, today);
	const char *asked = req_in_str(r, "asked_date");
	if (asked && strcmp(asked, today) > 0)
		return req_fail(r, E_INPUT, "power.future_date", "asked_date",
				"质询日期不能晚于今天（%s）", today);
	if (!asked)
		asked = today;
	int64_t n;
	bool work;
	inquiry_period(&n, &work);
	struct workdays_cal cal;
	if ((e = calendar(r, &cal)) != E_OK)
		return e;
	if (work)
		workdays_add_workdays(&cal, asked, n, due);
	else
		workdays_add(asked, n, due);
	struct db_res *res;
	if ((e = db_one(r->db, &power_stmts, POWER_ST_INQ_INSERT,
			DB_PARAMS(DB_INT(r->village_id), matter_id ? DB_INT(matter_id) : DB_NULL,
				  DB_TEXT(rbac_role_label(r->user->role)),
				  DB_TEXT(r->user->display_name),
				  DB_TEXT(req_in_str(r, "question")), DB_TEXT(asked), DB_TEXT(due)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_INQUIRIES], id, "inquiry.create",
			   &r->err)) != E_OK)
		return e;
	return req_json(
	    r, 201,
	    json_pack("{s:I,s:s,s:s,s:b,s:s}", "id", (json_int_t)id, "asked_date", asked,
		      "due_date", due, "overdue", strcmp(due, today) < 0, "basis",
		      arena_printf(&r->arena, "%lld 个%s", (long long)n, work ? "工作日" : "日")));
}

static const struct field answer_in[] = {
    {"answer", "答复内容", FT_STR, FIELD_REQUIRED, 5000},
    {0},
};

static enum err inquiry_answer(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &power_stmts, POWER_ST_INQ_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	const char *due = db_text_dup(&r->arena, res, 7);
	const char *answered = db_text_dup(&r->arena, res, 9);
	db_done(res);
	if (answered)
		return req_fail(r, E_CONFLICT, "power.answered", NULL,
				"该质询已于 %s 答复，答复不能修改", answered);
	char today[11];
	app_today(r->app, today);
	if ((e = db_one(r->db, &power_stmts, POWER_ST_INQ_ANSWER,
			DB_PARAMS(DB_INT(id), DB_TEXT(req_in_str(r, "answer")), DB_TEXT(today)),
			&res)) != E_OK)
		return e;
	db_done(res);
	if ((e = trail_row(&r->tc, &power_tables[POWER_T_INQUIRIES], id, "inquiry.answer",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)id, "answered_date", today,
				  "due_date", due, "late", strcmp(today, due) > 0));
}

/* ---- the inbox ---------------------------------------------------------------------------- */

static enum err inbox(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	json_t *items = json_array();
	struct db_res *res;
	int64_t all = req_scope_all(r), user = req_scope_user(r);
	/* Matters waiting for their next step (village staff act on them). */
	enum err e = db_exec(r->db, &power_stmts, POWER_ST_INBOX_MATTERS,
			     DB_PARAMS(DB_INT(all), DB_INT(user)), &res);
	if (e != E_OK)
		goto fail;
	struct waiting {
		int64_t id, item_id, last_seq;
		bool major;
		const char *no, *title, *village, *last_date;
	} *w = ARENA_ARRAY(&r->arena, struct waiting, 201);
	size_t nw = 0;
	while (db_row(res) && nw < 200) {
		w[nw] = (struct waiting){db_int(res, 0),
					 db_int(res, 6),
					 db_int(res, 7),
					 strcmp(db_text(res, 5), "重大") == 0,
					 db_text_dup(&r->arena, res, 1),
					 db_text_dup(&r->arena, res, 2),
					 db_text_dup(&r->arena, res, 4),
					 db_text_dup(&r->arena, res, 8)};
		nw++;
	}
	if ((e = db_done(res)) != E_OK)
		goto fail;
	for (size_t i = 0; i < nw; i++) {
		struct flow f;
		if ((e = flow_load(r, w[i].major, w[i].item_id, &f)) != E_OK)
			goto fail;
		if (w[i].last_seq >= (int64_t)f.n)
			continue;
		json_array_append_new(
		    items,
		    json_pack(
			"{s:s,s:s,s:s,s:s,s:s?,s:n,s:b}", "kind", "待办环节", "title",
			arena_printf(&r->arena, "%s %s「%s」：待%s「%s」", w[i].village, w[i].no,
				     w[i].title, f.role[w[i].last_seq], f.name[w[i].last_seq]),
			"link", arena_printf(&r->arena, "/power/matters/%lld", (long long)w[i].id),
			"next_step", f.name[w[i].last_seq], "since", w[i].last_date, "due_date",
			"overdue", false));
	}
	if ((e = db_exec(r->db, &power_stmts, POWER_ST_INBOX_INQUIRIES,
			 DB_PARAMS(DB_INT(all), DB_INT(user), DB_TEXT(today)), &res)) != E_OK)
		goto fail;
	while (db_row(res)) {
		bool late = db_int(res, 6) != 0;
		json_array_append_new(
		    items, json_pack("{s:s,s:s,s:s,s:s,s:b}", "kind", "质询待答复", "title",
				     arena_printf(&r->arena, "%s 质询%s：%.60s", db_text(res, 2),
						  late ? "（已逾期）" : "", db_text(res, 3)),
				     "link",
				     arena_printf(&r->arena, "/power/inquiries/%lld",
						  (long long)db_int(res, 0)),
				     "due_date", db_text(res, 5), "overdue", late));
	}
	if ((e = db_done(res)) != E_OK)
		goto fail;
	/* Filings waiting for the township's reply: the township acts on them. */
	if (rbac_allows(&perm_power_review, r->user)) {
		if ((e = db_exec(r->db, &power_stmts, POWER_ST_INBOX_FILINGS,
				 DB_PARAMS(DB_INT(all), DB_INT(user)), &res)) != E_OK)
			goto fail;
		while (db_row(res))
			json_array_append_new(
			    items,
			    json_pack("{s:s,s:s,s:s,s:n,s:b}", "kind",
				      strcmp(db_text(res, 6), "预报") == 0 ? "重大事项预报待回复"
									   : "重大项目预审待回复",
				      "title",
				      arena_printf(&r->arena, "%s %s「%s」于 %s 报送",
						   db_text(res, 5), db_text(res, 2),
						   db_text(res, 3), db_text(res, 7)),
				      "link",
				      arena_printf(&r->arena, "/power/matters/%lld",
						   (long long)db_int(res, 1)),
				      "due_date", "overdue", false));
		if ((e = db_done(res)) != E_OK)
			goto fail;
	}
	return req_json(r, 200, json_pack("{s:o}", "items", items));
fail:
	json_decref(items);
	return e;
}

/* ---- the route table ---------------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/api/v1/power/items", items_list, &perm_power_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "小微权力清单（当前版本；category 类别, q 搜索）"},
    {"POST", "/api/v1/power/items", item_create, &perm_power_catalog, SCOPE_NONE, NULL, item_in,
     ROUTE_WRITE, "power_item.create", "新增清单事项（第 1 版）"},
    {"POST", "/api/v1/power/items/seed", catalog_seed, &perm_power_catalog, SCOPE_NONE, NULL, NULL,
     ROUTE_WRITE, "power_item.seed", "载入默认小微权力清单"},
    {"GET", "/api/v1/power/items/{id}", item_get, &perm_power_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "清单事项详情、流程环节与历史版本"},
    {"PUT", "/api/v1/power/items/{id}", item_update, &perm_power_catalog, SCOPE_NONE, NULL,
     item_update_in, ROUTE_WRITE, "power_item.version", "修改清单事项（生成新版本，旧版本保留）"},
    {"GET", "/api/v1/power/items/{id}/flowchart", item_flowchart, &perm_power_read, SCOPE_NONE,
     NULL, NULL, 0, NULL, "清单事项流程图（节点与连线）"},
    {"GET", "/api/v1/power/settings", settings_list, &perm_power_read, SCOPE_NONE, NULL, NULL, 0,
     NULL, "各乡镇议事决策参数"},
    {"PUT", "/api/v1/power/settings/{township}", settings_put, &perm_power_settings, SCOPE_NONE,
     NULL, settings_in, ROUTE_WRITE, "power_settings.update", "设置乡镇议事决策参数"},
    {"GET", "/api/v1/holidays", holidays_list, &perm_session, SCOPE_NONE, NULL, NULL, 0, NULL,
     "节假日与调休日历（year 年份）"},
    {"GET", "/api/v1/holidays/deadline", deadline, &perm_session, SCOPE_NONE, NULL, NULL, 0, NULL,
     "期限计算（date 起算日, workdays 工作日数或 days 自然日数）"},
    {"PUT", "/api/v1/holidays/{date}", holiday_put, &perm_holiday_admin, SCOPE_NONE, NULL,
     holiday_in, ROUTE_WRITE, "holiday.set",
     "更正节假日日历（holiday 放假, workday 调休上班, "
     "normal 恢复平常）"},
    {"GET", "/api/v1/power/matters", matters_list, &perm_power_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "事项办理列表（village, kind, q）"},
    {"POST", "/api/v1/power/matters", matter_create, &perm_power_write, SCOPE_VILLAGE, NULL,
     matter_in, ROUTE_WRITE, "matter.create", "新建事项（按金额或类别判定重大事项）"},
    {"GET", "/api/v1/power/matters/{id}", matter_get, &perm_power_read, SCOPE_VILLAGE,
     matter_village, NULL, 0, NULL, "事项办理时间线"},
    {"POST", "/api/v1/power/matters/{id}/steps", step_create, &perm_power_write, SCOPE_VILLAGE,
     matter_village, step_in, ROUTE_WRITE, "matter.step",
     "登记办理环节（五议两公开按序，核验到会人数与票数）"},
    {"POST", "/api/v1/power/matters/{id}/filings", filing_create, &perm_power_write, SCOPE_VILLAGE,
     matter_village, filing_in, ROUTE_WRITE, "matter.filing", "报送重大事项预报或重大项目预审"},
    {"PUT", "/api/v1/power/filings/{id}/reply", filing_reply, &perm_power_review, SCOPE_VILLAGE,
     filing_village, reply_in, ROUTE_WRITE, "matter.filing_reply", "镇回复预报或预审"},
    {"GET", "/api/v1/power/attachments/{id}", attachment_get, &perm_power_read, SCOPE_VILLAGE,
     attachment_village, NULL, 0, NULL, "下载环节附件（按 SHA-256 校验）"},
    {"GET", "/api/v1/power/inquiries", inquiries_list, &perm_power_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "质询列表（village, open=1 未答复, overdue=1 逾期）"},
    {"POST", "/api/v1/power/inquiries", inquiry_create, &perm_inquiry_ask, SCOPE_VILLAGE, NULL,
     inquiry_in, ROUTE_WRITE, "inquiry.create", "提出质询（答复期限按工作日计算）"},
    {"PUT", "/api/v1/power/inquiries/{id}/answer", inquiry_answer, &perm_power_write, SCOPE_VILLAGE,
     inquiry_village, answer_in, ROUTE_WRITE, "inquiry.answer", "答复质询"},
    {"GET", "/api/v1/power/inbox", inbox, &perm_power_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "议事决策待办（待办环节、待答复质询、待回复报备）"},
    {"GET", "/p/{code}/decisions", power_html_decisions, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：村（居）议事决策公开（决议及公开环节）"},
};

const struct module power_module = {
    .name = "power",
    .title = "权力清单与议事决策",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &power_stmts,
    .tables = power_tables,
    .ntables = POWER_T__MAX,
    .imports = power_imports,
    .nimports = 2,
};
