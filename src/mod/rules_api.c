/*
 * The red-flag engine's HTTP face: the rule catalogue with each township's
 * parameters (every change logged), a scan on demand, the alert board and
 * detail (with the cited records' values), the verification workflow
 * (交办 → 核查 → 属实/部分属实/不属实 → 整改 via rectify_task_create → 关闭 after
 * 销号), the villages' risk colour and the villages × families grid.  The
 * engine is rules.c; SQL is rules_db.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/json_out.h"
#include "perms.h"
#include "rectify.h"
#include "rules.h"
#include "modutil.h"

/* ---- labels ------------------------------------------------------------------------- */

static const char *const states[][2] = {
    {"new", "新预警"},		 {"assigned", "已交办"},	{"checking", "核查中"},
    {"confirmed", "属实待整改"}, {"partial", "部分属实待整改"}, {"dismissed", "不属实"},
    {"rectifying", "整改中"},	 {"closed", "已关闭"},		{"lapsed", "已消除"},
};

static const char *state_label(const char *s)
{
	for (size_t i = 0; s && i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i][0], s) == 0)
			return states[i][1];
	return s ? s : "";
}

static const char *severity_label(const char *s)
{
	return !s ? "" : strcmp(s, "high") == 0 ? "高" : strcmp(s, "medium") == 0 ? "中" : "低";
}

static const char *entity_label(const char *e)
{
	static const char *const names[][2] = {
	    {"villages", "村居"},	    {"people", "人员"},
	    {"positions", "干部任职"},	    {"relatives", "亲属申报"},
	    {"archive_events", "廉政档案"}, {"audits", "审计"},
	    {"matters", "议事决策事项"},    {"matter_steps", "议事环节"},
	    {"book_vouchers", "记账凭证"},  {"complaints", "信访举报"},
	    {"rectifications", "整改问题"}, {"contracts", "合同"},
	    {"contract_bills", "合同账单"}, {"assets", "固定资产"},
	    {"resources", "资源"},	    {"projects", "工程项目"},
	    {"trades", "产权交易"},	    {"bids", "投标报价"},
	    {"disclosures", "公开事项"},    {"subsidy_payments", "补贴发放"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], e) == 0)
			return names[i][1];
	return e;
}

/* ---- the catalogue and parameters ---------------------------------------------------- */

static enum err township_village(struct req *r, const char *township, int64_t *vid)
{
	struct db_res *res;
	enum err e = db_one(r->db, &rules_stmts, RULES_ST_TOWNSHIP_VILLAGE,
			    DB_PARAMS(DB_TEXT(township)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "rules.township", "township", "没有这个乡镇：%s",
				township);
	if (e != E_OK)
		return e;
	*vid = db_int(res, 0);
	return db_done(res);
}

static enum err catalogue(struct req *r)
{
	const char *township = req_query(r, "township");
	json_t *overrides = json_object();
	enum err e;
	int64_t vid = 0;
	if (township && *township) {
		if ((e = township_village(r, township, &vid)) != E_OK) {
			json_decref(overrides);
			return e;
		}
		struct db_res *res;
		if ((e = db_exec(r->db, &rules_stmts, RULES_ST_PARAMS_OF_TOWNSHIP,
				 DB_PARAMS(DB_TEXT(township)), &res)) != E_OK) {
			json_decref(overrides);
			return e;
		}
		while (db_row(res)) {
			char k[64];
			snprintf(k, sizeof(k), "%s.%s", db_text(res, 0), db_text(res, 1));
			json_object_set_new(overrides, k,
					    json_pack("{s:s,s:s,s:s?}", "value", db_text(res, 2),
						      "changed_date", db_text(res, 3), "reason",
						      db_text(res, 4)));
		}
		if ((e = db_done(res)) != E_OK) {
			json_decref(overrides);
			return e;
		}
	}
	json_t *fams = json_array();
	const struct rules_family *const *fv = rules_families();
	for (size_t f = 0; fv[f]; f++) {
		json_t *rules = json_array();
		for (size_t i = 0; i < fv[f]->nrules; i++) {
			const struct rules_def *d = &fv[f]->rules[i];
			json_t *params = json_array();
			for (size_t p = 0; p < d->nparams; p++) {
				const struct rules_param_def *pd = &d->params[p];
				char dflt[32], val[32];
				int64_t v = pd->dflt;
				rules_param_format(pd, pd->dflt, dflt);
				/* the township's value, through the engine's own lookup */
				if (vid && (e = rules_param_value(r->db, &r->arena, vid, d->code,
								  pd->name, &v, &r->err)) != E_OK) {
					json_decref(params);
					json_decref(rules);
					json_decref(fams);
					json_decref(overrides);
					return e;
				}
				rules_param_format(pd, v, val);
				static const char *const kinds[] = {"money", "days", "count",
								    "ratio"};
				json_t *o =
				    json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "name", pd->name,
					      "label", pd->label, "kind", kinds[pd->kind],
					      "default", dflt, "value", val, "kept_by",
					      !pd->power_field			  ? "rules"
					      : pd->power_field >= RULES_PF_TRADE ? "trade"
										  : "power");
				char k[64];
				snprintf(k, sizeof(k), "%s.%s", d->code, pd->name);
				json_t *ov = json_object_get(overrides, k);
				if (ov) {
					json_object_set(o, "changed_date",
							json_object_get(ov, "changed_date"));
					json_object_set(o, "reason", json_object_get(ov, "reason"));
				}
				json_array_append_new(params, o);
			}
			json_array_append_new(
			    rules, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "code", d->code,
					     "name", d->name, "severity", d->severity,
					     "severity_label", severity_label(d->severity), "keys",
					     d->keys, "basis", d->basis, "params", params));
		}
		json_array_append_new(fams, json_pack("{s:s,s:s,s:o}", "family", fv[f]->letter,
						      "title", fv[f]->title, "rules", rules));
	}
	json_decref(overrides);
	return req_json(r, 200, json_pack("{s:s?,s:o}", "township", township, "families", fams));
}

static const struct field param_in[] = {
    {"township", "乡镇", FT_STR, FIELD_REQUIRED, 40},
    {"rule", "规则", FT_STR, FIELD_REQUIRED, 8},
    {"name", "参数", FT_STR, FIELD_REQUIRED, 40},
    {"value", "参数值", FT_STR, FIELD_REQUIRED, 30},
    {"reason", "调整理由", FT_STR, FIELD_REQUIRED, 500},
    {0},
};

static enum err param_set(struct req *r)
{
	const char *township = req_in_str(r, "township"), *rule = req_in_str(r, "rule");
	const char *name = req_in_str(r, "name"), *value = req_in_str(r, "value");
	int64_t vid, v;
	enum err e = township_village(r, township, &vid);
	if (e != E_OK)
		return e;
	const struct rules_param_def *d = rules_param_def_find(rule, name);
	if (!d)
		return req_fail(r, E_INPUT, "rules.param_unknown", "name", "规则 %s 没有参数 %s",
				rule, name);
	if (d->power_field)
		return req_fail(
		    r, E_RULE, "rules.param_kept", "name", "参数“%s”由%s统一设置，请在该处调整",
		    d->label,
		    d->power_field >= RULES_PF_TRADE
			? "产权交易的乡镇标准（进场交易、竞价标准）"
			: "议事决策的乡镇参数（重大事项标准、决策金额标准、结果公开期限）");
	if ((e = rules_param_parse(d, value, &v, &r->err)) != E_OK)
		return e;
	char canon[32], today[11];
	rules_param_format(d, v, canon);
	app_today(r->app, today);
	struct db_res *res;
	int64_t id;
	e = db_one(r->db, &rules_stmts, RULES_ST_PARAM_FIND,
		   DB_PARAMS(DB_TEXT(township), DB_TEXT(rule), DB_TEXT(name)), &res);
	if (e == E_OK) {
		id = db_int(res, 0);
		db_done(res);
		e = db_exec(r->db, &rules_stmts, RULES_ST_PARAM_UPDATE,
			    DB_PARAMS(DB_INT(id), DB_TEXT(canon), DB_INT(r->user->id),
				      DB_TEXT(today), DB_TEXT(req_in_str(r, "reason"))),
			    NULL);
	} else if (e == E_NOTFOUND) {
		e = db_one(r->db, &rules_stmts, RULES_ST_PARAM_INSERT,
			   DB_PARAMS(DB_TEXT(township), DB_TEXT(rule), DB_TEXT(name),
				     DB_TEXT(canon), DB_INT(r->user->id), DB_TEXT(today),
				     DB_TEXT(req_in_str(r, "reason"))),
			   &res);
		if (e == E_OK) {
			id = db_int(res, 0);
			db_done(res);
		}
	}
	if (e != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &rules_tables[RULES_T_PARAMS], id, "rules.param", &r->err)) !=
	    E_OK)
		return e;
	char dflt[32];
	rules_param_format(d, d->dflt, dflt);
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)id, "township",
				  township, "rule", rule, "name", name, "value", canon, "default",
				  dflt));
}

/* ---- scans ----------------------------------------------------------------------------- */

static const struct field scan_in[] = {
    {"village_code", "村（居）", FT_AREA, 0},
    {0},
};

static enum err scan_now(struct req *r)
{
	const char *code = req_in_str(r, "village_code");
	int64_t vid = 0;
	enum err e;
	if (code && *code && (e = app_village_id(r, code, &vid)) != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	struct rules_scan s;
	struct rules_sync_stats st = {0};
	if ((e = rules_scan_run(r->db, &r->arena, today, vid, 0, &s, &r->err)) != E_OK ||
	    (e = rules_sync(&r->tc, &r->arena, &s, vid, 0, &st, &r->err)) != E_OK ||
	    (e = rules_run_record(&r->tc, &r->arena, vid ? "village" : "full", today, vid, 0, &st,
				  &r->err)) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:s,s:I,s:I,s:I,s:I,s:I}", "as_of", today, "findings",
				  (json_int_t)st.findings, "opened", (json_int_t)st.opened,
				  "updated", (json_int_t)st.updated, "lapsed",
				  (json_int_t)st.lapsed, "closed", (json_int_t)st.closed));
}

static enum err runs(struct req *r)
{
	struct db_res *res;
	json_t *items;
	enum err e = db_exec(r->db, &rules_stmts, RULES_ST_RUNS_RECENT, DB_NOPARAMS, &res);
	if (e != E_OK || (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- the alert board ---------------------------------------------------------------------- */

static void decorate(json_t *it)
{
	const char *s = json_string_value(json_object_get(it, "state"));
	json_object_set_new(it, "state_label", json_string(state_label(s)));
	const char *sev = json_string_value(json_object_get(it, "severity"));
	json_object_set_new(it, "severity_label", json_string(severity_label(sev)));
	json_t *raised = json_object_get(it, "raised");
	if (json_is_integer(raised))
		json_object_set_new(it, "raised", json_boolean(json_integer_value(raised)));
	const char *keys = json_string_value(json_object_get(it, "keys"));
	if (keys) {
		json_t *k = json_loads(keys, 0, NULL);
		if (k)
			json_object_set_new(it, "keys", k);
	}
	const char *rule = json_string_value(json_object_get(it, "rule"));
	const struct rules_def *d = rule ? rules_def_find(rule) : NULL;
	if (d)
		json_object_set_new(it, "rule_name", json_string(d->name));
	const char *fam = json_string_value(json_object_get(it, "family"));
	const struct rules_family *const *fv = rules_families();
	for (size_t f = 0; fam && fv[f]; f++)
		if (strcmp(fv[f]->letter, fam) == 0)
			json_object_set_new(it, "family_title", json_string(fv[f]->title));
}

static enum err alerts_list(struct req *r)
{
	int64_t limit, offset;
	req_paging(r, &limit, &offset);
	struct db_val p[9] = {
	    DB_INT(req_scope_all(r)),
	    DB_INT(req_scope_user(r)),
	    DB_TEXT(modutil_query(r, "village")),
	    DB_TEXT(modutil_query(r, "rule")),
	    DB_TEXT(modutil_query(r, "family")),
	    DB_TEXT(modutil_query(r, "severity")),
	    DB_TEXT(modutil_query(r, "state")),
	    DB_INT(limit),
	    DB_INT(offset),
	};
	struct db_res *res;
	enum err e = db_one(r->db, &rules_stmts, RULES_ST_ALERT_COUNT, p, 7, &res);
	if (e != E_OK)
		return e;
	int64_t total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &rules_stmts, RULES_ST_ALERT_LIST, p, 9, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) decorate(it);
	return req_list(r, items, total);
}

/* An alert as the workflow needs it. */
struct alert {
	int64_t id;		/* alerts.id */
	int64_t village_id;	/* its village */
	const char *village;	/* code */
	const char *rule;	/* "K01" */
	const char *keys;	/* JSON text */
	const char *message;	/* as raised */
	const char *state;	/* workflow state */
	const char *rect_state; /* rectification state, NULL if none */
	const char *rect_ref;	/* rectification ref, NULL if none */
	json_t *row;		/* the whole row (owned) */
};

static enum err alert_load(struct req *r, int64_t id, struct alert *a)
{
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &rules_stmts, RULES_ST_ALERT_ROW, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "alert.not_found", NULL, "预警不存在");
	if (e != E_OK)
		return e;
	a->id = db_int(res, 0);
	a->village_id = db_int(res, 1);
	a->village = db_text_dup(&r->arena, res, 2);
	a->rule = db_text_dup(&r->arena, res, 4);
	a->keys = db_text_dup(&r->arena, res, 6);
	a->message = db_text_dup(&r->arena, res, 8);
	a->state = db_text_dup(&r->arena, res, 11);
	a->rect_ref = db_text_dup(&r->arena, res, 22);
	a->rect_state = db_text_dup(&r->arena, res, 23);
	a->row = json_row(res);
	return db_done(res);
}

static enum err alert_village(struct req *r, int64_t *vid)
{
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e == E_OK) {
		*vid = a.village_id;
		json_decref(a.row);
	}
	return e;
}

static json_t *evidence_of(struct req *r, const char *text)
{
	json_t *ev = json_loads(text ? text : "[]", 0, NULL);
	if (!json_is_array(ev)) {
		json_decref(ev);
		return json_array();
	}
	size_t i;
	json_t *it;
	json_array_foreach(ev, i, it)
	{
		const char *entity = json_string_value(json_object_get(it, "entity"));
		int64_t id = json_integer_value(json_object_get(it, "id"));
		if (!entity)
			continue;
		json_object_set_new(it, "label", json_string(entity_label(entity)));
		const struct trail_table *t = trail_table_find(entity);
		if (!t || (t->read_perm && !rbac_allows(t->read_perm, r->user)))
			continue;
		struct db_res *res;
		if (db_one(r->db, t->set, t->st_get, DB_PARAMS(DB_INT(id)), &res) == E_OK) {
			json_object_set_new(it, "value", json_row(res));
			db_done(res);
		} else {
			json_object_set_new(it, "value", json_null());
		}
		json_object_set_new(
		    it, "history",
		    json_sprintf("/api/v1/trail?entity=%s&key=%lld", entity, (long long)id));
	}
	return ev;
}

static enum err alert_get(struct req *r)
{
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_t *o = a.row;
	decorate(o);
	json_object_set_new(o, "evidence",
			    evidence_of(r, json_string_value(json_object_get(o, "evidence"))));
	const struct rules_def *d = rules_def_find(a.rule);
	if (d)
		json_object_set_new(o, "basis", json_string(d->basis));
	struct db_res *res;
	json_t *notes;
	if ((e = db_exec(r->db, &rules_stmts, RULES_ST_NOTES_OF, DB_PARAMS(DB_INT(a.id)), &res)) !=
		E_OK ||
	    (e = json_rows(res, &notes)) != E_OK) {
		json_decref(o);
		return e;
	}
	json_object_set_new(o, "notes", notes);
	return req_json(r, 200, o);
}

/* The alert a scan line names: ?village=CODE&rule=B02&keys=2025-0012,2025-0015. */
static enum err alert_lookup(struct req *r)
{
	const char *village = req_query(r, "village"), *rule = req_query(r, "rule");
	const char *keys = req_query(r, "keys");
	if (!village || !rule || !keys)
		return req_fail(r, E_INPUT, "alert.lookup", "keys",
				"请给出村（居）代码、规则编号和关键字（village, rule, keys）");
	json_t *k = json_array();
	char *copy = arena_strdup(&r->arena, keys);
	for (char *save, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
		json_array_append_new(k, json_string(t));
	char *text = json_dumps(k, JSON_COMPACT);
	json_decref(k);
	struct db_res *res;
	enum err e = db_one(r->db, &rules_stmts, RULES_ST_ALERT_FIND,
			    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				      DB_TEXT(village), DB_TEXT(rule), DB_TEXT(text)),
			    &res);
	free(text);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "alert.not_found", NULL, "没有这条预警");
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	r->params[r->nparams < REQ_MAX_PARAMS ? r->nparams : REQ_MAX_PARAMS - 1] =
	    (struct kv){"id", arena_printf(&r->arena, "%lld", (long long)id)};
	if (r->nparams < REQ_MAX_PARAMS)
		r->nparams++;
	return alert_get(r);
}

static json_t *risk_json(const struct rules_risk *k)
{
	return json_pack("{s:s,s:s,s:I,s:I,s:I}", "colour", k->colour, "level", k->level, "high",
			 (json_int_t)k->high, "medium", (json_int_t)k->medium, "low",
			 (json_int_t)k->low);
}

static int severity_rank(const char *s)
{
	return !s ? 3 : strcmp(s, "high") == 0 ? 0 : strcmp(s, "medium") == 0 ? 1 : 2;
}

static const char *const severity_names[3] = {"high", "medium", "low"};

/* One village of the grid: its colour and its open alerts per family. */
struct grid_row {
	const char *code;	/* 12-digit code */
	const char *name;	/* 名称 */
	struct rules_risk risk; /* colour from all its open alerts */
	int64_t (*n)[3];	/* per family: open alerts by severity (high, medium, low) */
};

static json_t *grid_cell(const char *code, const char *letter, const int64_t n[3])
{
	int worst = n[0] ? 0 : n[1] ? 1 : n[2] ? 2 : 3;
	json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I}", "village", code, "family", letter,
			      "count", (json_int_t)(n[0] + n[1] + n[2]), "high", (json_int_t)n[0],
			      "medium", (json_int_t)n[1], "low", (json_int_t)n[2]);
	json_object_set_new(o, "worst",
			    worst < 3 ? json_string(severity_names[worst]) : json_null());
	json_object_set_new(o, "worst_label",
			    json_string(worst < 3 ? severity_label(severity_names[worst]) : ""));
	return o;
}

/* Every village in scope × every family: open alerts and the worst severity,
 * with the village's risk colour as rules_risk_of() computes it. */
static enum err grid(struct req *r)
{
	const struct rules_family *const *fv = rules_families();
	size_t nfam = 0;
	while (fv[nfam])
		nfam++;
	struct db_res *res;
	enum err e = db_exec(r->db, &rules_stmts, RULES_ST_RISK_ALL,
			     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r))), &res);
	if (e != E_OK)
		return e;
	struct grid_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	while (db_row(res)) {
		if (nrows == cap) {
			cap = cap ? cap * 2 : 16;
			struct grid_row *g = arena_alloc(&r->arena, cap * sizeof(*g));
			if (nrows)
				memcpy(g, rows, nrows * sizeof(*g));
			rows = g;
		}
		struct grid_row *g = &rows[nrows++];
		g->code = db_text_dup(&r->arena, res, 1);
		g->name = db_text_dup(&r->arena, res, 2);
		rules_risk_of(db_int(res, 4), db_int(res, 5), db_int(res, 6), &g->risk);
		g->n = arena_alloc(&r->arena, (nfam ? nfam : 1) * sizeof(*g->n)); /* zeroed */
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = db_exec(r->db, &rules_stmts, RULES_ST_GRID,
			 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r))), &res)) !=
	    E_OK)
		return e;
	/* both statements are ordered by village code: walk them together */
	size_t v = 0;
	while (db_row(res)) {
		const char *code = db_text(res, 0), *fam = db_text(res, 1);
		while (v < nrows && strcmp(rows[v].code, code) < 0)
			v++;
		if (v == nrows || strcmp(rows[v].code, code) != 0)
			continue;
		int sev = severity_rank(db_text(res, 2));
		for (size_t f = 0; f < nfam && sev < 3; f++)
			if (strcmp(fv[f]->letter, fam) == 0)
				rows[v].n[f][sev] += db_int(res, 3);
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	json_t *fams = json_array(), *villages = json_array(), *cells = json_array();
	for (size_t f = 0; f < nfam; f++)
		json_array_append_new(
		    fams, json_pack("{s:s,s:s}", "family", fv[f]->letter, "title", fv[f]->title));
	for (size_t i = 0; i < nrows; i++) {
		const struct grid_row *g = &rows[i];
		json_t *o = risk_json(&g->risk);
		json_object_set_new(o, "village", json_string(g->code));
		json_object_set_new(o, "name", json_string(g->name));
		json_object_set_new(o, "open",
				    json_integer(g->risk.high + g->risk.medium + g->risk.low));
		json_array_append_new(villages, o);
		for (size_t f = 0; f < nfam; f++)
			json_array_append_new(cells, grid_cell(g->code, fv[f]->letter, g->n[f]));
	}
	return req_json(
	    r, 200,
	    json_pack("{s:o,s:o,s:o}", "families", fams, "villages", villages, "cells", cells));
}

static enum err risk_all(struct req *r)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &rules_stmts, RULES_ST_RISK_ALL,
			     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r))), &res);
	if (e != E_OK)
		return e;
	json_t *items = json_array();
	int64_t count[3] = {0};
	while (db_row(res)) {
		struct rules_risk k;
		rules_risk_of(db_int(res, 4), db_int(res, 5), db_int(res, 6), &k);
		json_t *o = risk_json(&k);
		json_object_set_new(o, "village", json_string(db_text(res, 1)));
		json_object_set_new(o, "name", json_string(db_text(res, 2)));
		json_object_set_new(o, "township", json_string(db_text(res, 3)));
		json_array_append_new(items, o);
		count[k.level[0] == 'r' ? 0 : k.level[0] == 'y' ? 1 : 2]++;
	}
	if ((e = db_done(res)) != E_OK) {
		json_decref(items);
		return e;
	}
	return req_json(r, 200,
			json_pack("{s:o,s:{s:I,s:I,s:I}}", "items", items, "summary", "red",
				  (json_int_t)count[0], "yellow", (json_int_t)count[1], "green",
				  (json_int_t)count[2]));
}

static enum err risk_village(struct req *r)
{
	struct rules_risk k;
	enum err e = rules_village_risk(r->db, r->village_id, &k);
	if (e != E_OK)
		return e;
	return req_json(r, 200, risk_json(&k));
}

/* Whom the alert may be assigned to (the picker of the console). */
static enum err assignees(struct req *r)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &rules_stmts, RULES_ST_ASSIGNEES,
			     DB_PARAMS(DB_INT(r->village_id)), &res);
	if (e != E_OK)
		return e;
	json_t *items = json_array();
	while (db_row(res)) {
		const char *role = db_text(res, 2);
		json_array_append_new(
		    items, json_pack("{s:s,s:s,s:s,s:s}", "username", db_text(res, 0),
				     "display_name", db_text(res, 1), "role", role, "role_label",
				     strcmp(role, "jiwei") == 0 ? "镇纪委" : "勤廉督导员"));
	}
	if ((e = db_done(res)) != E_OK) {
		json_decref(items);
		return e;
	}
	return req_json(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- the workflow ------------------------------------------------------------------------- */

static enum err add_note(struct req *r, const struct alert *a, const char *kind, const char *body)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	enum err e = db_one(r->db, &rules_stmts, RULES_ST_NOTE_INSERT,
			    DB_PARAMS(DB_INT(a->village_id), DB_INT(a->id), DB_TEXT(kind),
				      DB_TEXT(body), DB_TEXT(today), DB_INT(r->user->id)),
			    &res);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return trail_row(&r->tc, &rules_tables[RULES_T_NOTES], id, "alert.note", &r->err);
}

static enum err logged(struct req *r, unsigned st, const struct db_val *p, size_t n, int64_t id,
		       const char *action)
{
	enum err e = db_exec(r->db, &rules_stmts, st, p, n, NULL);
	if (e != E_OK)
		return e;
	return trail_row(&r->tc, &rules_tables[RULES_T_ALERTS], id, action, &r->err);
}

static enum err answer(struct req *r, int64_t id)
{
	struct alert a = {0};
	enum err e = alert_load(r, id, &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:s?}", "id", (json_int_t)a.id, "state", a.state,
				  "state_label", state_label(a.state), "rectification_ref",
				  a.rect_ref));
}

static bool state_in(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static enum err refuse_state(struct req *r, const struct alert *a, const char *what)
{
	return req_fail(r, E_CONFLICT, "alert.state", "state", "预警当前状态为“%s”，不能%s",
			state_label(a->state), what);
}

static const struct field assign_in[] = {
    {"assignee", "承办人（用户名）", FT_STR, FIELD_REQUIRED, 32},
    {"note", "交办意见", FT_STR, 0, 2000},
    {0},
};

static enum err alert_assign(struct req *r)
{
	static const char *const ok[] = {"new", "assigned", "checking", NULL};
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	if (!state_in(a.state, ok))
		return refuse_state(r, &a, "交办");
	const char *who = req_in_str(r, "assignee");
	struct db_res *res;
	e = db_one(r->db, &rules_stmts, RULES_ST_USER_FIND, DB_PARAMS(DB_TEXT(who)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INPUT, "alert.assignee", "assignee", "没有这个用户：%s", who);
	if (e != E_OK)
		return e;
	int64_t uid = db_int(res, 0);
	const char *name = db_text_dup(&r->arena, res, 1);
	const char *role = db_text_dup(&r->arena, res, 2);
	db_done(res);
	if (strcmp(role, "jiwei") != 0 && strcmp(role, "inspector") != 0)
		return req_fail(r, E_RULE, "alert.assignee_role", "assignee",
				"预警只能交办给镇纪委或勤廉督导员核查，%s 不是", name);
	char today[11];
	app_today(r->app, today);
	if ((e = logged(r, RULES_ST_ALERT_ASSIGN,
			DB_PARAMS(DB_INT(a.id), DB_INT(uid), DB_TEXT(today)), a.id,
			"alert.assign")) != E_OK)
		return e;
	const char *note = req_in_str(r, "note");
	const char *body = note && *note ? arena_printf(&r->arena, "交办%s核查：%s", name, note)
					 : arena_printf(&r->arena, "交办%s核查", name);
	if ((e = add_note(r, &a, "交办", body)) != E_OK)
		return e;
	return answer(r, a.id);
}

static const struct field check_in[] = {
    {"note", "核查情况", FT_STR, FIELD_REQUIRED, 4000},
    {0},
};

static enum err alert_check(struct req *r)
{
	static const char *const ok[] = {"new", "assigned", "checking", NULL};
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	if (!state_in(a.state, ok))
		return refuse_state(r, &a, "开展核查");
	if (strcmp(a.state, "checking") != 0 &&
	    (e = logged(r, RULES_ST_ALERT_STATE, DB_PARAMS(DB_INT(a.id), DB_TEXT("checking")), a.id,
			"alert.check")) != E_OK)
		return e;
	if ((e = add_note(r, &a, "核查记录", req_in_str(r, "note"))) != E_OK)
		return e;
	return answer(r, a.id);
}

static const char *const note_kinds[] = {"核查记录", "证据", NULL};

static const struct field note_in[] = {
    {"kind", "类型", FT_ENUM, FIELD_REQUIRED, 0, note_kinds},
    {"body", "内容", FT_STR, FIELD_REQUIRED, 4000},
    {0},
};

static enum err alert_note(struct req *r)
{
	static const char *const ok[] = {"assigned", "checking",   "confirmed",
					 "partial",  "rectifying", NULL};
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	if (!state_in(a.state, ok))
		return refuse_state(r, &a, "补充核查记录或证据");
	if ((e = add_note(r, &a, req_in_str(r, "kind"), req_in_str(r, "body"))) != E_OK)
		return e;
	return answer(r, a.id);
}

static const char *const verdicts[] = {"属实", "部分属实", "不属实", NULL};

static const struct field verdict_in[] = {
    {"verdict", "核查结论", FT_ENUM, FIELD_REQUIRED, 0, verdicts},
    {"reason", "结论理由", FT_STR, FIELD_REQUIRED, 4000},
    {0},
};

static enum err alert_verdict(struct req *r)
{
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	if (strcmp(a.state, "checking") != 0)
		return strcmp(a.state, "new") == 0 || strcmp(a.state, "assigned") == 0
			   ? req_fail(r, E_RULE, "alert.not_checked", "verdict",
				      "预警尚未核查，请先记录核查情况再作结论")
			   : refuse_state(r, &a, "作出核查结论");
	const char *verdict = req_in_str(r, "verdict"), *reason = req_in_str(r, "reason");
	if (!reason || !*reason)
		return req_fail(r, E_INPUT, "input.required", "reason", "请填写结论理由");
	char today[11];
	app_today(r->app, today);
	bool dismissed = strcmp(verdict, "不属实") == 0;
	const char *state = dismissed			   ? "dismissed"
			    : strcmp(verdict, "属实") == 0 ? "confirmed"
							   : "partial";
	if ((e = logged(r, RULES_ST_ALERT_VERDICT,
			DB_PARAMS(DB_INT(a.id), DB_TEXT(state), DB_TEXT(verdict), DB_TEXT(reason),
				  DB_TEXT(today), dismissed ? DB_TEXT(today) : DB_NULL,
				  dismissed ? DB_TEXT("核查不属实") : DB_NULL),
			a.id, "alert.verdict")) != E_OK)
		return e;
	if ((e = add_note(r, &a, "研判", arena_printf(&r->arena, "%s：%s", verdict, reason))) !=
	    E_OK)
		return e;
	return answer(r, a.id);
}

static const struct field rectify_in[] = {
    {"problem", "问题", FT_STR, 0, 2000},
    {"owner", "责任人", FT_STR, FIELD_REQUIRED, 40},
    {"deadline", "整改时限", FT_DATE, FIELD_REQUIRED},
    {"measures", "整改措施", FT_STR, 0, 2000},
    {0},
};

static enum err alert_rectify(struct req *r)
{
	static const char *const ok[] = {"confirmed", "partial", NULL};
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	if (!state_in(a.state, ok))
		return strcmp(a.state, "dismissed") == 0
			   ? req_fail(r, E_RULE, "alert.dismissed", "state",
				      "预警经核查不属实，无需整改")
			   : refuse_state(r, &a, "交办整改（须先核查为属实或部分属实）");
	char today[11];
	app_today(r->app, today);
	const char *deadline = req_in_str(r, "deadline");
	if (strcmp(deadline, today) < 0)
		return req_fail(r, E_INPUT, "alert.deadline", "deadline", "整改时限 %s 早于今天 %s",
				deadline, today);
	const char *problem = req_in_str(r, "problem");
	if (!problem || !*problem)
		problem = arena_printf(&r->arena, "【预警 %s】%s", a.rule, a.message);
	struct rectify_new n = {
	    .village_id = a.village_id,
	    .source = "预警",
	    .source_ref = arena_printf(&r->arena, "YJ-%lld", (long long)a.id),
	    .problem = problem,
	    .owner = req_in_str(r, "owner"),
	    .deadline = deadline,
	    .measures = req_in_str(r, "measures"),
	    .created = today,
	};
	int64_t rid;
	bool created;
	if ((e = rectify_task_create(&r->tc, &n, &rid, &created, &r->err)) != E_OK)
		return e;
	if ((e = logged(r, RULES_ST_ALERT_RECTIFY, DB_PARAMS(DB_INT(a.id), DB_INT(rid)), a.id,
			"alert.rectify")) != E_OK)
		return e;
	if ((e = add_note(r, &a, "整改",
			  arena_printf(&r->arena, "交办整改，责任人%s，时限 %s", n.owner,
				       deadline))) != E_OK)
		return e;
	return answer(r, a.id);
}

static const struct field close_in[] = {
    {"note", "关闭说明", FT_STR, 0, 2000},
    {0},
};

static enum err alert_close(struct req *r)
{
	struct alert a = {0};
	enum err e = alert_load(r, modutil_path_id(r), &a);
	if (e != E_OK)
		return e;
	json_decref(a.row);
	if (strcmp(a.state, "confirmed") == 0 || strcmp(a.state, "partial") == 0)
		return req_fail(r, E_RULE, "alert.needs_rectification", "state",
				"预警经核查%s，须交办整改并销号后方可关闭",
				strcmp(a.state, "confirmed") == 0 ? "属实" : "部分属实");
	if (strcmp(a.state, "rectifying") != 0)
		return refuse_state(r, &a, "关闭");
	if (!a.rect_state || strcmp(a.rect_state, "closed") != 0)
		return req_fail(r, E_RULE, "alert.not_rectified", "state",
				"整改问题 %s 尚未销号，预警保持红色直至整改到位",
				a.rect_ref ? a.rect_ref : "");
	char today[11];
	app_today(r->app, today);
	const char *note = req_in_str(r, "note");
	if ((e = logged(r, RULES_ST_ALERT_FINISH,
			DB_PARAMS(DB_INT(a.id), DB_TEXT("closed"), DB_INT(0), DB_TEXT(today),
				  DB_TEXT(note && *note ? note : "整改已销号")),
			a.id, "alert.close")) != E_OK)
		return e;
	if ((e = add_note(r, &a, "关闭",
			  arena_printf(&r->arena, "整改问题 %s 已销号，预警关闭", a.rect_ref))) !=
	    E_OK)
		return e;
	return answer(r, a.id);
}

static const struct route rules_routes[] = {
    {"GET", "/api/v1/rules", catalogue, &perm_rules_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "预警规则目录与乡镇参数（township 乡镇）"},
    {"PUT", "/api/v1/rules/params", param_set, &perm_rules_params, SCOPE_NONE, NULL, param_in,
     ROUTE_WRITE, "rules.param", "调整本镇预警规则参数（留痕）"},
    {"POST", "/api/v1/rules/scan", scan_now, &perm_rules_manage, SCOPE_NONE, NULL, scan_in,
     ROUTE_WRITE, "rules.scan", "立即扫描（全镇或一个村居），同步预警"},
    {"GET", "/api/v1/rules/runs", runs, &perm_rules_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "最近的扫描记录"},
    {"GET", "/api/v1/rules/grid", grid, &perm_rules_risk, SCOPE_LIST, NULL, NULL, 0, NULL,
     "各村居 × 规则类别的在办预警数与最高等级，及村居风险颜色（热力图）"},
    {"GET", "/api/v1/rules/risk", risk_all, &perm_rules_risk, SCOPE_LIST, NULL, NULL, 0, NULL,
     "各村居风险等级（红黄绿）"},
    {"GET", "/api/v1/villages/{village}/risk", risk_village, &perm_rules_risk, SCOPE_VILLAGE, NULL,
     NULL, 0, NULL, "村（居）风险等级"},
    {"GET", "/api/v1/alerts", alerts_list, &perm_rules_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "预警列表（village, rule, family, severity, state=open|… 筛选）"},
    {"GET", "/api/v1/alerts/lookup", alert_lookup, &perm_rules_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "按扫描结果（village, rule, keys 逗号分隔）找到预警详情"},
    {"GET", "/api/v1/alerts/{id}", alert_get, &perm_rules_read, SCOPE_VILLAGE, alert_village, NULL,
     0, NULL, "预警详情：所引记录、核查记录、整改"},
    {"GET", "/api/v1/alerts/{id}/assignees", assignees, &perm_rules_manage, SCOPE_VILLAGE,
     alert_village, NULL, 0, NULL, "可交办的核查人（镇纪委、该村的勤廉督导员）"},
    {"POST", "/api/v1/alerts/{id}/assign", alert_assign, &perm_rules_manage, SCOPE_VILLAGE,
     alert_village, assign_in, ROUTE_WRITE, "alert.assign", "交办核查"},
    {"POST", "/api/v1/alerts/{id}/check", alert_check, &perm_rules_verify, SCOPE_VILLAGE,
     alert_village, check_in, ROUTE_WRITE, "alert.check", "记录核查情况（进入核查）"},
    {"POST", "/api/v1/alerts/{id}/notes", alert_note, &perm_rules_verify, SCOPE_VILLAGE,
     alert_village, note_in, ROUTE_WRITE, "alert.note", "补充核查记录或证据"},
    {"POST", "/api/v1/alerts/{id}/verdict", alert_verdict, &perm_rules_manage, SCOPE_VILLAGE,
     alert_village, verdict_in, ROUTE_WRITE, "alert.verdict", "核查结论：属实/部分属实/不属实"},
    {"POST", "/api/v1/alerts/{id}/rectify", alert_rectify, &perm_rules_manage, SCOPE_VILLAGE,
     alert_village, rectify_in, ROUTE_WRITE, "alert.rectify", "属实预警交办整改"},
    {"POST", "/api/v1/alerts/{id}/close", alert_close, &perm_rules_manage, SCOPE_VILLAGE,
     alert_village, close_in, ROUTE_WRITE, "alert.close", "整改销号后关闭预警"},
};

const struct module rules_module = {
    .name = "rules",
    .title = "大数据监督预警",
    .routes = rules_routes,
    .nroutes = sizeof(rules_routes) / sizeof(rules_routes[0]),
    .stmts = &rules_stmts,
    .tables = rules_tables,
    .ntables = RULES_T__MAX,
};
