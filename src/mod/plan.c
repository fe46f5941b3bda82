/*
 * The plan module's HTTP face and logic: the programme's measures (seeded from
 * the embedded programme.csv, each row logged), yearly tasks per measure for a
 * responsible unit and village, milestones, progress notes, evidence files
 * kept once per SHA-256, and the progress board by measure and by unit.  A
 * task is done only by a 100 % progress note backed by evidence; progress
 * never goes back.  SQL is in plan_db.c; it must not reach other modules'
 * tables.
 */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/domain_data.h"
#include "core/json_out.h"
#include "perms.h"
#include "modutil.h"
#include "modutil_file.h"

#define MAX_EVIDENCE (20u * 1024 * 1024) /* bytes of one evidence file */

/* ---- measures from programme.csv ------------------------------------------------- */

enum { PC_CODE, PC_PART, PC_MEASURE, PC_SUMMARY, PC_UNITS, PC_START, PC_END, PC__N };

static const char *const programme_header[PC__N] = {
    "code", "part", "measure", "summary", "responsible_units", "start", "end"};

enum err plan_measures_ensure(struct trail_ctx *tc, int64_t *inserted, struct errinfo *ei)
{
	const struct domain_file *f = domain_file_find("programme.csv");
	if (!f)
		return err_set(ei, E_INTERNAL, "plan.programme_missing", NULL,
			       "程序内未嵌入 programme.csv（实施方案措施清单）");
	struct arena a = ARENA_INIT;
	struct table t;
	enum err e = csvio_parse(&a, f->name, f->data, f->len, &t, ei);
	if (e == E_OK && (t.nrows < 2 || t.rows[0].ncells < PC__N))
		e = err_set(ei, E_INTERNAL, "plan.programme_header", NULL,
			    "programme.csv 的表头不符");
	for (size_t j = 0; e == E_OK && j < PC__N; j++)
		if (strcmp(t.rows[0].cells[j], programme_header[j]) != 0)
			e = err_set(ei, E_INTERNAL, "plan.programme_header", NULL,
				    "programme.csv 第 %zu 列应为 %s", j + 1, programme_header[j]);
	int64_t n = 0;
	for (size_t i = 1; e == E_OK && i < t.nrows; i++) {
		char **c = t.rows[i].cells;
		if (t.rows[i].ncells < PC__N)
			continue;
		struct db_res *res;
		e = db_one(tc->db, &plan_stmts, PLAN_ST_MEASURE_INSERT,
			   DB_PARAMS(DB_TEXT(c[PC_CODE]), DB_TEXT(c[PC_PART]),
				     DB_TEXT(c[PC_MEASURE]), DB_TEXT(c[PC_SUMMARY]),
				     DB_TEXT(c[PC_UNITS]), DB_TEXT(c[PC_START]),
				     DB_TEXT(c[PC_END])),
			   &res);
		if (e == E_NOTFOUND) { /* already there */
			e = E_OK;
			continue;
		}
		if (e != E_OK)
			break;
		int64_t id = db_int(res, 0);
		if ((e = db_done(res)) == E_OK)
			e = trail_row(tc, &plan_tables[PLAN_T_MEASURES], id, "plan.seed", ei);
		n++;
	}
	arena_release(&a);
	if (inserted)
		*inserted = n;
	return e;
}

/* ---- helpers ----------------------------------------------------------------------- */

/* "镇纪委;各村居党组织" → ["镇纪委", "各村居党组织"] */
static json_t *units_json(const char *units)
{
	json_t *a = json_array();
	const char *p = units ? units : "";
	while (*p) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		if (len)
			json_array_append_new(a, json_stringn(p, len));
		p += len + (semi ? 1 : 0);
	}
	return a;
}

static bool unit_listed(const char *units, const char *unit)
{
	size_t ul = strlen(unit);
	const char *p = units;
	while (p && *p) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		if (len == ul && strncmp(p, unit, ul) == 0)
			return true;
		p = semi ? semi + 1 : NULL;
	}
	return false;
}

/* A year given as a query argument: 4 digits, else the current year. */
static int year_of_query(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	const char *y = req_query(r, "year");
	int v = y && strlen(y) == 4 ? atoi(y) : 0;
	return v >= 2000 && v <= 2100 ? v : atoi(today);
}

struct task {
	int64_t id;	      /* plan_tasks.id */
	int64_t village_id;   /* 0 for a township task */
	int year;	      /* the task's year */
	const char *due_date; /* its deadline */
	const char *state;    /* open | done */
	int64_t percent;      /* last reported progress */
	const char *created;  /* created_date */
};

static enum err task_load(struct req *r, int64_t id, struct task *t)
{
	struct db_res *res;
	enum err e = id ? db_one(r->db, &plan_stmts, PLAN_ST_TASK_GET, DB_PARAMS(DB_INT(id)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "plan.task_not_found", NULL, "任务不存在");
	if (e != E_OK)
		return e;
	t->id = db_int(res, 0);
	t->village_id = db_int(res, 1);
	t->year = (int)db_int(res, 3);
	t->due_date = db_text_dup(&r->arena, res, 6);
	t->state = db_text_dup(&r->arena, res, 7);
	t->percent = db_int(res, 8);
	t->created = db_text_dup(&r->arena, res, 10);
	return db_done(res);
}

/* village_of for /plan/tasks/{id}: a township task belongs to no village, so
 * only users who see every village reach it. */
static enum err task_village(struct req *r, int64_t *vid)
{
	struct task t = {0};
	enum err e = task_load(r, modutil_path_id(r), &t);
	if (e == E_OK)
		*vid = t.village_id;
	return e;
}

static enum err milestone_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e = id ? db_one(r->db, &plan_stmts, PLAN_ST_MS_GET, DB_PARAMS(DB_INT(id)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "plan.milestone_not_found", NULL, "节点不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static struct db_val opt_village(int64_t vid)
{
	return vid ? DB_INT(vid) : DB_NULL;
}

/* ---- measures ------------------------------------------------------------------------ */

static enum err measures_seed(struct req *r)
{
	int64_t n = 0;
	enum err e = plan_measures_ensure(&r->tc, &n, &r->err);
	if (e != E_OK)
		return e;
	if (n == 0 && (e = trail_event(&r->tc, "plan.seed", "plan_measures", "programme.csv", 0,
				       "{\"inserted\":0}", &r->err)) != E_OK)
		return e;
	return req_json(r, n ? 201 : 200, json_pack("{s:I}", "inserted", (json_int_t)n));
}

static enum err measures_list(struct req *r)
{
	json_t *items;
	enum err e = modutil_rows(r, &plan_stmts, PLAN_ST_MEASURE_LIST, DB_NOPARAMS, &items);
	if (e != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_object_set_new(it, "units",
				    units_json(json_string_value(json_object_get(it, "units"))));
	}
	return req_list(r, items, (int64_t)json_array_size(items));
}

/* ---- tasks --------------------------------------------------------------------------- */

static enum err tasks_list(struct req *r)
{
	int64_t limit, offset, total;
	char today[11];
	app_today(r->app, today);
	req_paging(r, &limit, &offset);
	const char *y = req_query(r, "year");
	int64_t year = y ? atoi(y) : 0;
	struct db_res *res;
	enum err e = db_one(r->db, &plan_stmts, PLAN_ST_TASK_COUNT,
			    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				      DB_INT(year), DB_TEXT(modutil_query(r, "measure")),
				      DB_TEXT(modutil_query(r, "unit")),
				      DB_TEXT(modutil_query(r, "village")),
				      DB_TEXT(modutil_query(r, "state")), DB_TEXT(today)),
			    &res);
	if (e != E_OK)
		return e;
	total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = modutil_rows(
		 r, &plan_stmts, PLAN_ST_TASK_LIST,
		 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_INT(year),
			   DB_TEXT(modutil_query(r, "measure")), DB_TEXT(modutil_query(r, "unit")),
			   DB_TEXT(modutil_query(r, "village")), DB_TEXT(modutil_query(r, "state")),
			   DB_TEXT(today), DB_INT(limit), DB_INT(offset)),
		 &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static const struct field task_in[] = {
    {"measure_code", "措施编号", FT_STR, FIELD_REQUIRED, 8},
    {"year", "年度", FT_INT, FIELD_REQUIRED},
    {"title", "任务内容", FT_STR, FIELD_REQUIRED, 200},
    {"unit", "责任单位", FT_STR, FIELD_REQUIRED, 40},
    {"village_code", "村（居）", FT_AREA, 0},
    {"all_villages", "分解到各村（居）", FT_BOOL, 0},
    {"due_date", "完成时限", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err task_create(struct req *r)
{
	const char *code = req_in_str(r, "measure_code"), *unit = req_in_str(r, "unit");
	const char *due = req_in_str(r, "due_date"), *vcode = req_in_str(r, "village_code");
	int64_t year = req_in_int(r, "year");
	bool all = req_in_bool(r, "all_villages");
	enum err e = plan_measures_ensure(&r->tc, NULL, &r->err);
	if (e != E_OK)
		return e;
	if (year < 2000 || year > 2100)
		return req_fail(r, E_INPUT, "plan.year", "year",
				"年度应为 2000 至 2100 之间的年份");
	struct db_res *res;
	if ((e = db_one(r->db, &plan_stmts, PLAN_ST_MEASURE_BY_CODE, DB_PARAMS(DB_TEXT(code)),
			&res)) == E_NOTFOUND)
		return req_fail(r, E_INPUT, "plan.measure_unknown", "measure_code",
				"实施方案中没有措施 %s", code);
	if (e != E_OK)
		return e;
	int64_t mid = db_int(res, 0);
	const char *mname = db_text_dup(&r->arena, res, 3);
	const char *units = db_text_dup(&r->arena, res, 5);
	const char *start = db_text_dup(&r->arena, res, 6);
	db_done(res);
	if (year < atoi(start))
		return req_fail(r, E_RULE, "plan.before_start", "year",
				"措施「%s」自 %s 起实施，不能安排 %lld 年的任务", mname, start,
				(long long)year);
	if (!unit_listed(units, unit))
		return req_fail(r, E_RULE, "plan.unit", "unit",
				"「%s」不是措施「%s」的责任单位（%s）", unit, mname, units);
	if (atoi(due) != year)
		return req_fail(r, E_RULE, "plan.due_year", "due_date",
				"完成时限 %s 不在 %lld 年度内", due, (long long)year);
	if (all && vcode)
		return req_fail(r, E_INPUT, "plan.village_both", "village_code",
				"指定了村（居）就不能再分解到各村（居）");
	if (strcmp(unit, PLAN_UNIT_VILLAGE) == 0 && !all && !vcode)
		return req_fail(r, E_INPUT, "plan.village_required", "village_code",
				"%s的任务须指定村（居），或分解到各村（居）", PLAN_UNIT_VILLAGE);
	int64_t one = 0;
	if (vcode && (e = app_village_id(r, vcode, &one)) != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	/* The villages the task goes to: one, every village, or none (township). */
	size_t nv = 1;
	int64_t *vids = &one;
	if (all) {
		if ((e = db_exec(r->db, &plan_stmts, PLAN_ST_VILLAGES_ALL, DB_NOPARAMS, &res)) !=
		    E_OK)
			return e;
		size_t cap = 64;
		nv = 0;
		vids = ARENA_ARRAY(&r->arena, int64_t, cap);
		while (db_row(res)) {
			if (nv == cap) {
				int64_t *w = ARENA_ARRAY(&r->arena, int64_t, cap * 2);
				memcpy(w, vids, sizeof(*w) * cap);
				vids = w;
				cap *= 2;
			}
			vids[nv++] = db_int(res, 0);
		}
		if ((e = db_done(res)) != E_OK)
			return e;
		if (nv == 0)
			return req_fail(r, E_RULE, "plan.no_villages", "all_villages",
					"尚未登记任何村（居）");
	}
	json_t *ids = json_array();
	for (size_t i = 0; i < nv; i++) {
		e = db_one(r->db, &plan_stmts, PLAN_ST_TASK_INSERT,
			   DB_PARAMS(opt_village(vids[i]), DB_INT(mid), DB_INT(year),
				     DB_TEXT(req_in_str(r, "title")), DB_TEXT(unit), DB_TEXT(due),
				     DB_TEXT(today)),
			   &res);
		if (e != E_OK)
			break;
		int64_t id = db_int(res, 0);
		if ((e = db_done(res)) != E_OK ||
		    (e = trail_row(&r->tc, &plan_tables[PLAN_T_TASKS], id, "plan.task_create",
				   &r->err)) != E_OK)
			break;
		json_array_append_new(ids, json_integer(id));
	}
	if (e != E_OK) {
		json_decref(ids);
		return e;
	}
	json_t *first = json_array_get(ids, 0);
	return req_json(
	    r, 201, json_pack("{s:O,s:o,s:I}", "id", first, "ids", ids, "count", (json_int_t)nv));
}

static enum err task_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &plan_stmts, PLAN_ST_TASK_ROW, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	json_t *ms = NULL, *notes = NULL, *ev = NULL;
	if ((e = modutil_rows(r, &plan_stmts, PLAN_ST_MS_OF_TASK, DB_PARAMS(DB_INT(id)), &ms)) !=
		E_OK ||
	    (e = modutil_rows(r, &plan_stmts, PLAN_ST_NOTES_OF_TASK, DB_PARAMS(DB_INT(id)),
			      &notes)) != E_OK ||
	    (e = modutil_rows(r, &plan_stmts, PLAN_ST_EV_OF_TASK, DB_PARAMS(DB_INT(id)), &ev)) !=
		E_OK) {
		json_decref(o);
		json_decref(ms);
		json_decref(notes);
		return e;
	}
	json_object_set_new(o, "milestones", ms);
	json_object_set_new(o, "notes", notes);
	json_object_set_new(o, "evidence", ev);
	return req_json(r, 200, o);
}

/* ---- milestones ------------------------------------------------------------------------ */

static const struct field milestone_in[] = {
    {"title", "节点内容", FT_STR, FIELD_REQUIRED, 200},
    {"due_date", "节点时限", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err milestone_create(struct req *r)
{
	struct task t = {0};
	enum err e = task_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	if (strcmp(t.state, "done") == 0)
		return req_fail(r, E_CONFLICT, "plan.task_done", NULL,
				"任务已完成，不能再增加节点");
	const char *due = req_in_str(r, "due_date");
	if (strcmp(due, t.due_date) > 0)
		return req_fail(r, E_RULE, "plan.milestone_after_due", "due_date",
				"节点时限 %s 晚于任务完成时限 %s", due, t.due_date);
	struct db_res *res;
	if ((e = db_one(r->db, &plan_stmts, PLAN_ST_MS_INSERT,
			DB_PARAMS(opt_village(t.village_id), DB_INT(t.id),
				  DB_TEXT(req_in_str(r, "title")), DB_TEXT(due)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK ||
	    (e = trail_row(&r->tc, &plan_tables[PLAN_T_MILESTONES], id, "plan.milestone_create",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static const struct field milestone_done_in[] = {
    {"done_date", "完成日期", FT_DATE, FIELD_REQUIRED},
    {0},
};

static enum err milestone_done(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	const char *done = req_in_str(r, "done_date");
	if (strcmp(done, today) > 0)
		return req_fail(r, E_INPUT, "plan.future_date", "done_date",
				"完成日期 %s 不能晚于今天 %s", done, today);
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    db_one(r->db, &plan_stmts, PLAN_ST_MS_DONE, DB_PARAMS(DB_INT(id), DB_TEXT(done)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "plan.milestone_done", "done_date",
				"该节点已登记完成，不能修改");
	if (e != E_OK)
		return e;
	if ((e = db_done(res)) != E_OK ||
	    (e = trail_row(&r->tc, &plan_tables[PLAN_T_MILESTONES], id, "plan.milestone_done",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "done_date", done));
}

/* ---- progress notes and evidence ---------------------------------------------------------- */

static const struct field note_in[] = {
    {"date", "日期", FT_DATE, FIELD_REQUIRED},
    {"percent", "完成进度（%）", FT_INT, FIELD_REQUIRED},
    {"note", "进展情况", FT_STR, FIELD_REQUIRED, 2000},
    {0},
};

static enum err note_create(struct req *r)
{
	struct task t = {0};
	enum err e = task_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	const char *date = req_in_str(r, "date");
	int64_t pct = req_in_int(r, "percent");
	if (pct < 0 || pct > 100)
		return req_fail(r, E_INPUT, "plan.percent", "percent", "完成进度应为 0 至 100");
	if (strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "plan.future_date", "date", "日期 %s 不能晚于今天 %s",
				date, today);
	if (strcmp(t.state, "done") == 0)
		return req_fail(r, E_CONFLICT, "plan.task_done", NULL,
				"任务已完成，不能再报送进展");
	if (pct < t.percent)
		return req_fail(r, E_RULE, "plan.percent_back", "percent",
				"进度不能倒退：上次报送已达 %lld%%，本次为 %lld%%",
				(long long)t.percent, (long long)pct);
	struct db_res *res;
	if (pct == 100) {
		if ((e = db_exec(r->db, &plan_stmts, PLAN_ST_EV_OF_TASK, DB_PARAMS(DB_INT(t.id)),
				 &res)) != E_OK)
			return e;
		bool any = db_row(res);
		if ((e = db_done(res)) != E_OK)
			return e;
		if (!any)
			return req_fail(r, E_RULE, "plan.evidence_required", "percent",
					"报送完成（100%%）前须上传佐证材料");
	}
	if ((e = db_one(r->db, &plan_stmts, PLAN_ST_NOTE_INSERT,
			DB_PARAMS(opt_village(t.village_id), DB_INT(t.id), DB_TEXT(date),
				  DB_INT(pct), DB_TEXT(req_in_str(r, "note")), DB_INT(r->user->id)),
			&res)) != E_OK)
		return e;
	int64_t nid = db_int(res, 0);
	if ((e = db_done(res)) != E_OK || (e = trail_row(&r->tc, &plan_tables[PLAN_T_NOTES], nid,
							 "plan.progress", &r->err)) != E_OK)
		return e;
	bool done = pct == 100;
	if ((e = db_exec(r->db, &plan_stmts, PLAN_ST_TASK_PROGRESS,
			 DB_PARAMS(DB_INT(t.id), DB_INT(pct), DB_TEXT(done ? "done" : "open"),
				   done ? DB_TEXT(date) : DB_NULL),
			 NULL)) != E_OK ||
	    (e = trail_row(&r->tc, &plan_tables[PLAN_T_TASKS], t.id, "plan.progress", &r->err)) !=
		E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:I,s:s,s:b}", "id", (json_int_t)nid, "percent",
				  (json_int_t)pct, "state", done ? "done" : "open", "on_time",
				  done && strcmp(date, t.due_date) <= 0));
}

static enum err evidence_upload(struct req *r)
{
	struct task t = {0};
	enum err e = task_load(r, modutil_path_id(r), &t);
	if (e != E_OK)
		return e;
	static const struct modutil_upload spec = {
	    .filename_key = "plan.filename",
	    .filename_field = "filename",
	    .empty_key = "plan.empty",
	    .too_big_key = "plan.too_big",
	    .max = MAX_EVIDENCE,
	};
	struct modutil_upfile f;
	if ((e = modutil_upload_check(r, &spec, &f)) != E_OK)
		return e;
	if (strcmp(t.state, "done") == 0)
		return req_fail(r, E_CONFLICT, "plan.task_done", NULL,
				"任务已完成，佐证材料不能再增加");
	static const struct modutil_file_store store = {
	    .stmts = &plan_stmts,
	    .put = PLAN_ST_FILE_PUT,
	    .insert = PLAN_ST_EV_INSERT,
	    .table = &plan_tables[PLAN_T_EVIDENCE],
	    .action = "plan.evidence",
	    .exists_key = "plan.evidence_exists",
	    .exists_msg = "同一份材料已经上传过",
	};
	int64_t id;
	if ((e = modutil_file_put(r, &store, &f,
				  DB_PARAMS(opt_village(t.village_id), DB_INT(t.id),
					    DB_TEXT(f.sha256), DB_TEXT(f.name),
					    DB_INT((int64_t)f.size), DB_TEXT(f.at),
					    DB_INT(r->user->id)),
				  &id)) != E_OK)
		return e;
	return modutil_file_created(r, id, &f);
}

static enum err evidence_get(struct req *r)
{
	const char *sha = req_param(r, "sha256");
	const struct modutil_download d = {
	    .sha256 = sha,
	    .corrupt_key = "plan.evidence_corrupt",
	    .corrupt_what = "材料内容",
	    .plain_name = "evidence",
	};
	enum err e = modutil_file_send(r, &plan_stmts, PLAN_ST_FILE_GET,
				       DB_PARAMS(DB_INT(modutil_path_id(r)), DB_TEXT(sha)), 1, &d);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "plan.evidence_missing", NULL, "没有这份材料");
	return e;
}

/* ---- the board ---------------------------------------------------------------------------- */

/* Each row: rate of done tasks and the mean reported progress, in whole percent. */
static void board_rates(json_t *items)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_int_t n = json_integer_value(json_object_get(it, "tasks"));
		json_int_t done = json_integer_value(json_object_get(it, "done"));
		json_int_t sum = json_integer_value(json_object_get(it, "percent_sum"));
		json_object_del(it, "percent_sum");
		json_object_set_new(it, "done_percent",
				    n ? json_integer((done * 100 + n / 2) / n) : json_null());
		json_object_set_new(it, "mean_progress",
				    n ? json_integer((sum + n / 2) / n) : json_null());
		json_t *units = json_object_get(it, "units");
		if (json_is_string(units))
			json_object_set_new(it, "units", units_json(json_string_value(units)));
	}
}

static enum err board(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	int year = year_of_query(r);
	const char *by = modutil_query(r, "by");
	if (*by && strcmp(by, "measure") != 0 && strcmp(by, "unit") != 0)
		return req_fail(r, E_INPUT, "plan.board_by", "by", "by 应为 measure 或 unit");
	json_t *by_measure = NULL, *by_unit = NULL;
	enum err e;
	struct db_val p[] = {DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_INT(year),
			     DB_TEXT(today)};
	if (strcmp(by, "unit") != 0 &&
	    (e = modutil_rows(r, &plan_stmts, PLAN_ST_BOARD_MEASURE, p, 4, &by_measure)) != E_OK)
		return e;
	if (strcmp(by, "measure") != 0 &&
	    (e = modutil_rows(r, &plan_stmts, PLAN_ST_BOARD_UNIT, p, 4, &by_unit)) != E_OK) {
		json_decref(by_measure);
		return e;
	}
	json_t *o = json_pack("{s:i,s:s}", "year", year, "as_of", today);
	if (by_measure) {
		board_rates(by_measure);
		json_object_set_new(o, "by_measure", by_measure);
	}
	if (by_unit) {
		board_rates(by_unit);
		json_object_set_new(o, "by_unit", by_unit);
	}
	return req_json(r, 200, o);
}

static const struct route routes[] = {
    {"POST", "/api/v1/plan/measures/seed", measures_seed, &perm_plan_manage, SCOPE_NONE, NULL, NULL,
     ROUTE_WRITE, "plan.seed", "载入实施方案措施清单（programme.csv，已载入的跳过）"},
    {"GET", "/api/v1/plan/measures", measures_list, &perm_plan_read, SCOPE_NONE, NULL, NULL, 0,
     NULL, "实施方案措施清单（措施、责任单位、实施期）"},
    {"GET", "/api/v1/plan/tasks", tasks_list, &perm_plan_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "年度任务（year, measure, unit, village, state=open|done|overdue 筛选）"},
    {"POST", "/api/v1/plan/tasks", task_create, &perm_plan_manage, SCOPE_NONE, NULL, task_in,
     ROUTE_WRITE, "plan.task_create", "下达年度任务（可分解到各村居）"},
    {"GET", "/api/v1/plan/tasks/{id}", task_get, &perm_plan_read, SCOPE_VILLAGE, task_village, NULL,
     0, NULL, "任务详情：节点、进展、佐证材料"},
    {"POST", "/api/v1/plan/tasks/{id}/milestones", milestone_create, &perm_plan_manage,
     SCOPE_VILLAGE, task_village, milestone_in, ROUTE_WRITE, "plan.milestone_create",
     "设置任务节点"},
    {"PUT", "/api/v1/plan/milestones/{id}", milestone_done, &perm_plan_progress, SCOPE_VILLAGE,
     milestone_village, milestone_done_in, ROUTE_WRITE, "plan.milestone_done", "登记节点完成"},
    {"POST", "/api/v1/plan/tasks/{id}/notes", note_create, &perm_plan_progress, SCOPE_VILLAGE,
     task_village, note_in, ROUTE_WRITE, "plan.progress",
     "报送任务进展（100% 即完成，须先上传佐证材料）"},
    {"POST", "/api/v1/plan/tasks/{id}/evidence", evidence_upload, &perm_plan_progress,
     SCOPE_VILLAGE, task_village, NULL, ROUTE_WRITE | ROUTE_RAW_BODY, "plan.evidence",
     "上传佐证材料（请求体为文件，X-Filename 为文件名）"},
    {"GET", "/api/v1/plan/tasks/{id}/evidence/{sha256}", evidence_get, &perm_plan_read,
     SCOPE_VILLAGE, task_village, NULL, 0, NULL, "下载佐证材料（按 SHA-256 校验）"},
    {"GET", "/api/v1/plan/board", board, &perm_plan_read, SCOPE_LIST, NULL, NULL, 0, NULL,
     "任务推进看板（year；by=measure|unit，缺省两者）"},
};

const struct module plan_module = {
    .name = "plan",
    .title = "任务清单",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &plan_stmts,
    .tables = plan_tables,
    .ntables = PLAN_T__MAX,
};
