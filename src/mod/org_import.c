/*
 * The org files of domain/formats.md: villages.csv, people.csv, positions.csv,
 * relatives.csv, archive_events.csv — their columns, their loaders (which
 * resolve references and write each row with its log entry) and their exports
 * (the same layout, English headers, so that export → import round-trips).
 * A loader first checks every row and writes nothing if any is bad, so that the
 * report lists every bad line; the caller's transaction makes a file
 * all-or-nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/rbac.h"
#include "org.h"
#include "perms.h"
#include "modutil.h"

static const char *const kinds_village[] = {"村", "居", NULL};
static const char *const posts[] = {"书记",   "主任",	  "副书记",	"副主任",
				    "委员",   "纪检委员", "监委会主任", "监委会委员",
				    "报账员", "会计",	  "出纳",	NULL};
static const char *const relations[] = {"配偶",	    "父母",	"子女", "兄弟姐妹",
					"配偶父母", "子女配偶", "其他", NULL};
static const char *const event_kinds[] = {"廉政承诺", "述职述廉", "谈心谈话",
					  "民主评议", "廉政家访", NULL};

static const struct col_spec village_cols[] = {
    {"code", "区划代码", COL_AREA_CODE, true},	     {"name", "名称", COL_TEXT, true},
    {"kind", "类型", COL_ENUM, true, kinds_village}, {"township", "乡镇", COL_TEXT, true},
    {"households", "户数", COL_INT, false},	     {"population", "人口", COL_INT, false},
};

static const struct col_spec people_cols[] = {
    {"id_no", "身份证号", COL_IDNO, true},
    {"name", "姓名", COL_TEXT, true},
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"household_no", "户号", COL_TEXT, false},
    {"death_date", "死亡日期", COL_DATE, false},
    {"moved_out_date", "迁出日期", COL_DATE, false},
    {"party_member", "党员", COL_BOOL, false},
    {"phone", "电话", COL_TEXT, false},
};

static const struct col_spec position_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true}, {"id_no", "身份证号", COL_IDNO, true},
    {"post", "职务", COL_ENUM, true, posts},	       {"start_date", "任职日期", COL_DATE, true},
    {"end_date", "离任日期", COL_DATE, false},
};

static const struct col_spec relative_cols[] = {
    {"cadre_id_no", "干部身份证号", COL_IDNO, true},
    {"relative_id_no", "亲属身份证号", COL_IDNO, true},
    {"relation", "关系", COL_ENUM, true, relations},
    {"declared_date", "申报日期", COL_DATE, false},
};

static const struct col_spec event_cols[] = {
    {"village_code", "区划代码", COL_AREA_CODE, true},
    {"id_no", "身份证号", COL_IDNO, true},
    {"kind", "类型", COL_ENUM, true, event_kinds},
    {"date", "日期", COL_DATE, true},
    {"note", "备注", COL_TEXT, false},
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- shared loader helpers ---------------------------------------------------- */

/* Run stmt (an UPDATE … WHERE changed … RETURNING id, or an INSERT … RETURNING
 * id); *id is 0 when it returned no row. */
/* ---- villages ------------------------------------------------------------------------ */

static enum err load_villages(struct import_ctx *ic, const struct import_set *s,
			      struct import_report *rep)
{
	if (ic->user && !ic->user->all_villages) {
		import_report_add(rep, 0, NULL, NULL, "只有镇级用户可以导入村居名册");
		return E_INPUT;
	}
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		int64_t id;
		enum err e = modutil_returning_id(
		    ic, &org_stmts, ORG_ST_VILLAGE_UPDATE,
		    DB_PARAMS(modutil_cell_text(row, 0), modutil_cell_text(row, 1),
			      modutil_cell_text(row, 2), modutil_cell_text(row, 3),
			      modutil_cell_int(row, 4), modutil_cell_int(row, 5)),
		    &id);
		if (e != E_OK)
			return modutil_db_failed(rep, row->line, e);
		const char *action = "village.import_update";
		if (!id) {
			if ((e = modutil_returning_id(
				 ic, &org_stmts, ORG_ST_VILLAGE_INSERT,
				 DB_PARAMS(modutil_cell_text(row, 0), modutil_cell_text(row, 1),
					   modutil_cell_text(row, 2), modutil_cell_text(row, 3),
					   modutil_cell_int(row, 4), modutil_cell_int(row, 5)),
				 &id)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			action = "village.import";
			if (!id) {
				ic->unchanged++;
				continue;
			}
			ic->inserted++;
		} else {
			ic->updated++;
		}
		if ((e = modutil_log_row(ic, &org_tables[ORG_T_VILLAGES], id, action, rep)) != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- people ------------------------------------------------------------------------------ */

static enum err load_people(struct import_ctx *ic, const struct import_set *s,
			    struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++)
		ok = modutil_row_village(ic, s, &s->rows[i], 2, rep, &vids[i]) && ok;
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_val p[] = {modutil_cell_text(row, 0),
				     modutil_cell_text(row, 1),
				     DB_INT(vids[i]),
				     modutil_cell_text(row, 3),
				     modutil_cell_text(row, 4),
				     modutil_cell_text(row, 5),
				     DB_INT(row->v[6].present ? row->v[6].i : 0),
				     modutil_cell_text(row, 7)};
		int64_t id;
		enum err e =
		    modutil_returning_id(ic, &org_stmts, ORG_ST_PERSON_UPDATE_CHANGED, p, 8, &id);
		if (e != E_OK)
			return modutil_db_failed(rep, row->line, e);
		const char *action = "person.import_update";
		if (!id) {
			if ((e = modutil_returning_id(ic, &org_stmts, ORG_ST_PERSON_INSERT, p, 8,
						      &id)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			action = "person.import";
			if (!id) {
				ic->unchanged++;
				continue;
			}
			ic->inserted++;
		} else {
			ic->updated++;
		}
		if ((e = modutil_log_row(ic, &org_tables[ORG_T_PEOPLE], id, action, rep)) != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- positions --------------------------------------------------------------------------- */

static enum err load_positions(struct import_ctx *ic, const struct import_set *s,
			       struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *pids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		ok = modutil_row_village(ic, s, row, 0, rep, &vids[i]) && ok;
		ok = modutil_row_person(ic, s, row, 1, rep, &pids[i]) && ok;
		const char *start = modutil_cell(row, 3), *end = modutil_cell(row, 4);
		if (start && end && strcmp(end, start) < 0) {
			import_report_add(rep, row->line, s->headers[4], end,
					  "离任日期早于任职日期 %s", start);
			ok = false;
		}
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		enum err e = db_one(ic->tc->db, &org_stmts, ORG_ST_POSITION_FIND,
				    DB_PARAMS(DB_INT(vids[i]), DB_INT(pids[i]),
					      modutil_cell_text(row, 2), modutil_cell_text(row, 3)),
				    &res);
		int64_t id = 0;
		if (e == E_OK) {
			id = db_int(res, 0);
			const char *old_end = db_text(res, 1);
			const char *new_end = modutil_cell(row, 4);
			bool same = (!old_end && !new_end) ||
				    (old_end && new_end && strcmp(old_end, new_end) == 0);
			db_done(res);
			if (same) {
				ic->unchanged++;
				continue;
			}
			if ((e = db_exec(ic->tc->db, &org_stmts, ORG_ST_POSITION_SET_END,
					 DB_PARAMS(DB_INT(id), modutil_cell_text(row, 4)), NULL)) !=
			    E_OK)
				return modutil_db_failed(rep, row->line, e);
			ic->updated++;
		} else if (e == E_NOTFOUND) {
			if ((e = modutil_returning_id(ic, &org_stmts, ORG_ST_POSITION_INSERT,
						      DB_PARAMS(DB_INT(vids[i]), DB_INT(pids[i]),
								modutil_cell_text(row, 2),
								modutil_cell_text(row, 3),
								modutil_cell_text(row, 4)),
						      &id)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			ic->inserted++;
		} else {
			return modutil_db_failed(rep, row->line, e);
		}
		if ((e = modutil_log_row(ic, &org_tables[ORG_T_POSITIONS], id, "position.import",
					 rep)) != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- relatives ------------------------------------------------------------------------------ */

static enum err load_relatives(struct import_ctx *ic, const struct import_set *s,
			       struct import_report *rep)
{
	int64_t *cadres = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *rels = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		bool c = modutil_row_person(ic, s, row, 0, rep, &cadres[i]);
		bool r = modutil_row_person(ic, s, row, 1, rep, &rels[i]);
		ok = c && r && ok;
		if (c && r && cadres[i] == rels[i]) {
			import_report_add(rep, row->line, s->headers[1], modutil_cell(row, 1),
					  "亲属不能是干部本人");
			ok = false;
		}
		if (c) {
			struct db_res *res;
			if (db_one(ic->tc->db, &org_stmts, ORG_ST_PERSON_GET,
				   DB_PARAMS(DB_INT(cadres[i])), &res) == E_OK) {
				vids[i] = db_int(res, 3);
				db_done(res);
			}
			if (ic->user && !rbac_village_allowed(ic->user, vids[i])) {
				import_report_add(rep, row->line, s->headers[0],
						  modutil_cell(row, 0), "无权导入该村（居）的数据");
				ok = false;
			}
		}
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		int64_t id = 0;
		enum err e = db_one(ic->tc->db, &org_stmts, ORG_ST_RELATIVE_FIND,
				    DB_PARAMS(DB_INT(cadres[i]), DB_INT(rels[i])), &res);
		if (e == E_OK) {
			id = db_int(res, 0);
			const char *rel = db_text(res, 1), *date = db_text(res, 2);
			const char *nrel = modutil_cell(row, 2), *ndate = modutil_cell(row, 3);
			bool same =
			    strcmp(rel, nrel) == 0 &&
			    ((!date && !ndate) || (date && ndate && strcmp(date, ndate) == 0));
			db_done(res);
			if (same) {
				ic->unchanged++;
				continue;
			}
			if ((e = db_exec(ic->tc->db, &org_stmts, ORG_ST_RELATIVE_UPDATE,
					 DB_PARAMS(DB_INT(id), modutil_cell_text(row, 2),
						   modutil_cell_text(row, 3)),
					 NULL)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			ic->updated++;
		} else if (e == E_NOTFOUND) {
			if ((e = modutil_returning_id(
				 ic, &org_stmts, ORG_ST_RELATIVE_INSERT,
				 DB_PARAMS(DB_INT(vids[i]), DB_INT(cadres[i]), DB_INT(rels[i]),
					   modutil_cell_text(row, 2), modutil_cell_text(row, 3)),
				 &id)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			ic->inserted++;
		} else {
			return modutil_db_failed(rep, row->line, e);
		}
		if ((e = modutil_log_row(ic, &org_tables[ORG_T_RELATIVES], id, "relative.import",
					 rep)) != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- archive events ----------------------------------------------------------------------- */

static enum err load_events(struct import_ctx *ic, const struct import_set *s,
			    struct import_report *rep)
{
	int64_t *vids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	int64_t *pids = ARENA_ARRAY(ic->arena, int64_t, s->nrows + 1);
	bool ok = true;
	for (size_t i = 0; i < s->nrows; i++) {
		ok = modutil_row_village(ic, s, &s->rows[i], 0, rep, &vids[i]) && ok;
		ok = modutil_row_person(ic, s, &s->rows[i], 1, rep, &pids[i]) && ok;
	}
	if (!ok)
		return E_INPUT;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct import_row *row = &s->rows[i];
		struct db_res *res;
		int64_t id = 0;
		enum err e = db_one(ic->tc->db, &org_stmts, ORG_ST_EVENT_FIND,
				    DB_PARAMS(DB_INT(vids[i]), DB_INT(pids[i]),
					      modutil_cell_text(row, 2), modutil_cell_text(row, 3)),
				    &res);
		if (e == E_OK) {
			id = db_int(res, 0);
			const char *note = db_text(res, 1), *nnote = modutil_cell(row, 4);
			bool same =
			    (!note && !nnote) || (note && nnote && strcmp(note, nnote) == 0);
			db_done(res);
			if (same) {
				ic->unchanged++;
				continue;
			}
			if ((e = db_exec(ic->tc->db, &org_stmts, ORG_ST_EVENT_UPDATE_NOTE,
					 DB_PARAMS(DB_INT(id), modutil_cell_text(row, 4)), NULL)) !=
			    E_OK)
				return modutil_db_failed(rep, row->line, e);
			ic->updated++;
		} else if (e == E_NOTFOUND) {
			if ((e = modutil_returning_id(ic, &org_stmts, ORG_ST_EVENT_INSERT,
						      DB_PARAMS(DB_INT(vids[i]), DB_INT(pids[i]),
								modutil_cell_text(row, 2),
								modutil_cell_text(row, 3),
								modutil_cell_text(row, 4)),
						      &id)) != E_OK)
				return modutil_db_failed(rep, row->line, e);
			ic->inserted++;
		} else {
			return modutil_db_failed(rep, row->line, e);
		}
		if ((e = modutil_log_row(ic, &org_tables[ORG_T_EVENTS], id, "archive.import",
					 rep)) != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- exports ------------------------------------------------------------------------------- */

enum err org_table_from(struct db_res *res, struct arena *a, const char *const *header,
			size_t ncols, struct table *out)
{
	size_t cap = 64;
	struct table_row *rows = ARENA_ARRAY(a, struct table_row, cap);
	rows[0].line = 1;
	rows[0].ncells = ncols;
	rows[0].cells = ARENA_ARRAY(a, char *, ncols);
	for (size_t c = 0; c < ncols; c++)
		rows[0].cells[c] = arena_strdup(a, header[c]);
	size_t n = 1;
	while (db_row(res)) {
		if (n == cap) {
			struct table_row *nr = ARENA_ARRAY(a, struct table_row, cap * 2);
			memcpy(nr, rows, n * sizeof(*rows));
			rows = nr;
			cap *= 2;
		}
		rows[n].line = n + 1;
		rows[n].ncells = ncols;
		rows[n].cells = ARENA_ARRAY(a, char *, ncols);
		for (size_t c = 0; c < ncols; c++) {
			if (db_coltype(res, (int)c) == DB_T_INT)
				rows[n].cells[c] =
				    arena_printf(a, "%lld", (long long)db_int(res, (int)c));
			else
				rows[n].cells[c] = db_isnull(res, (int)c)
						       ? arena_strdup(a, "")
						       : db_text_dup(a, res, (int)c);
		}
		n++;
	}
	out->rows = rows;
	out->nrows = n;
	out->ncols_max = ncols;
	return db_done(res);
}

#define EXPORT_FN(fn, st, cols)                                                                    \
	static enum err fn(struct app *app, struct db_conn *c, const struct principal *u,          \
			   struct arena *a, struct table *out, struct errinfo *ei)                 \
	{                                                                                          \
		(void)app;                                                                         \
		(void)ei;                                                                          \
		return modutil_export(c, &org_stmts, st, u, cols, NCOLS(cols), a, out);            \
	}

EXPORT_FN(export_villages, ORG_ST_VILLAGE_EXPORT, village_cols)
EXPORT_FN(export_people, ORG_ST_PEOPLE_EXPORT, people_cols)
EXPORT_FN(export_positions, ORG_ST_POSITIONS_EXPORT, position_cols)
EXPORT_FN(export_relatives, ORG_ST_RELATIVES_EXPORT, relative_cols)
EXPORT_FN(export_events, ORG_ST_EVENTS_EXPORT, event_cols)

const struct import_file org_imports[] = {
    {"villages.csv", "村居名册", village_cols, NCOLS(village_cols), &perm_village_admin,
     load_villages, export_villages},
    {"people.csv", "人员名册", people_cols, NCOLS(people_cols), &perm_org_write, load_people,
     export_people},
    {"positions.csv", "干部任职", position_cols, NCOLS(position_cols), &perm_org_write,
     load_positions, export_positions},
    {"relatives.csv", "干部亲属申报", relative_cols, NCOLS(relative_cols), &perm_relatives_write,
     load_relatives, export_relatives},
    {"archive_events.csv", "廉政档案事项", event_cols, NCOLS(event_cols), &perm_archive_write,
     load_events, export_events},
};
const size_t org_nimports = NCOLS(org_imports);
