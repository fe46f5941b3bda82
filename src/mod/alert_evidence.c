/*
 * The HTTP face of alert evidence files: upload to an open alert (the raw
 * body, X-Filename; the gate has already refused executables and files whose
 * bytes do not match their extension), the alert's list of files, and the
 * download of one file as an attachment whose bytes are checked against the
 * hash the log holds.  It reads the engine's alerts only to learn an alert's
 * village and state; it must not change an alert, nor store a file twice.
 */
#include "alert_evidence.h"

#include <stdbool.h>
#include <string.h>

#include "core/json_out.h"
#include "modutil.h"
#include "modutil_file.h"
#include "perms.h"

#define NOTE_MAX_CHARS 500 /* characters of the note */

/* An alert as this module needs it. */
struct alert_ref {
	int64_t id;	    /* alerts.id */
	int64_t village_id; /* its village */
	const char *state;  /* workflow state (rules.md), in the request's arena */
};

static enum err alert_load(struct req *r, struct alert_ref *a)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &alert_evidence_stmts, AEV_ST_ALERT, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "alert.not_found", NULL, "预警不存在");
	if (e != E_OK)
		return e;
	a->id = db_int(res, 0);
	a->village_id = db_int(res, 1);
	a->state = db_text_dup(&r->arena, res, 2);
	return db_done(res);
}

/* The gate's village for /alerts/{id}/evidence. */
static enum err alert_village(struct req *r, int64_t *vid)
{
	struct alert_ref a = {0};
	enum err e = alert_load(r, &a);
	if (e == E_OK)
		*vid = a.village_id;
	return e;
}

/* The gate's village for /alert-evidence/{id}/file. */
static enum err file_village(struct req *r, int64_t *vid)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &alert_evidence_stmts, AEV_ST_ROW, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "alert_evidence.not_found", NULL, "证据文件不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static bool alert_open(const char *state)
{
	return strcmp(state, "dismissed") != 0 && strcmp(state, "closed") != 0 &&
	       strcmp(state, "lapsed") != 0;
}

static const char *state_label(const char *state)
{
	return strcmp(state, "dismissed") == 0 ? "不属实"
	       : strcmp(state, "closed") == 0  ? "已关闭"
					       : "已消除";
}

/* POST /api/v1/alerts/{id}/evidence?note=…: the raw body is the file. */
static enum err upload(struct req *r)
{
	struct alert_ref a = {0};
	enum err e = alert_load(r, &a);
	if (e != E_OK)
		return e;
	if (!alert_open(a.state))
		return req_fail(r, E_RULE, "alert_evidence.closed", "state",
				"预警已办结（%s），不能再补充证据", state_label(a.state));
	static const struct modutil_upload spec = {
	    .filename_key = "alert_evidence.filename",
	    .filename_field = "file",
	    .empty_key = "alert_evidence.empty",
	    .decode_name = true,
	};
	struct modutil_upfile f;
	if ((e = modutil_upload_check(r, &spec, &f)) != E_OK)
		return e;
	const char *note = req_query(r, "note");
	if (note && !*note)
		note = NULL;
	long chars = note ? modutil_text_chars(note) : 0;
	if (chars < 0 || chars > NOTE_MAX_CHARS)
		return req_fail(r, E_INPUT, "alert_evidence.note", "note",
				"说明须为不超过 %d 字的文本", NOTE_MAX_CHARS);

	static const struct modutil_file_store store = {
	    .stmts = &alert_evidence_stmts,
	    .put = AEV_ST_FILE_PUT,
	    .insert = AEV_ST_INSERT,
	    .table = &alert_evidence_tables[AEV_T_EVIDENCE],
	    .action = "alert.evidence",
	    .exists_key = "alert_evidence.exists",
	    .exists_msg = "这份文件已作为该预警的证据上传过",
	};
	const char *type = modutil_media_type(f.name);
	int64_t id;
	if ((e = modutil_file_put(r, &store, &f,
				  DB_PARAMS(DB_INT(a.id), DB_INT(a.village_id), DB_TEXT(f.name),
					    DB_TEXT(type), DB_INT((int64_t)f.size),
					    DB_TEXT(f.sha256), DB_TEXT(f.sha256), DB_OPT(note),
					    DB_INT(r->user->id), DB_TEXT(f.at)),
				  &id)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)id, "alert_id",
				  (json_int_t)a.id, "filename", f.name, "content_type", type,
				  "size", (json_int_t)f.size, "sha256", f.sha256));
}

/* GET /api/v1/alerts/{id}/evidence */
static enum err list(struct req *r)
{
	struct alert_ref a = {0};
	enum err e = alert_load(r, &a);
	if (e != E_OK)
		return e;
	json_t *items;
	if ((e = modutil_rows(r, &alert_evidence_stmts, AEV_ST_OF_ALERT, DB_PARAMS(DB_INT(a.id)),
			      &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_object_set_new(
		    it, "url",
		    json_sprintf("/api/v1/alert-evidence/%lld/file",
				 (long long)json_integer_value(json_object_get(it, "id"))));
	}
	return req_json(r, 200,
			json_pack("{s:o,s:I,s:b}", "items", items, "total",
				  (json_int_t)json_array_size(items), "open", alert_open(a.state)));
}

/* GET /api/v1/alert-evidence/{id}/file: the bytes, as an attachment under the
 * uploaded name (RFC 5987), if they still hash to what the log holds. */
static enum err download(struct req *r)
{
	struct db_res *res;
	enum err e = db_one(r->db, &alert_evidence_stmts, AEV_ST_ROW,
			    DB_PARAMS(DB_INT(modutil_path_id(r))), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "alert_evidence.not_found", NULL, "证据文件不存在");
	if (e != E_OK)
		return e;
	const char *name = db_text_dup(&r->arena, res, 2), *type = db_text_dup(&r->arena, res, 3);
	const char *sha = db_text_dup(&r->arena, res, 4), *key = db_text_dup(&r->arena, res, 5);
	if ((e = db_done(res)) != E_OK)
		return e;
	const struct modutil_download d = {
	    .sha256 = sha,
	    .corrupt_key = "alert_evidence.corrupt",
	    .corrupt_what = "证据文件内容",
	    .type = type,
	    .name = name,
	};
	e = modutil_file_send(r, &alert_evidence_stmts, AEV_ST_FILE_GET, DB_PARAMS(DB_TEXT(key)), 0,
			      &d);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INTERNAL, "alert_evidence.missing", NULL,
				"证据文件内容缺失（%s）", sha);
	return e;
}

static const struct route routes[] = {
    {"POST", "/api/v1/alerts/{id}/evidence", upload, &perm_rules_verify, SCOPE_VILLAGE,
     alert_village, NULL, ROUTE_WRITE | ROUTE_RAW_BODY, "alert.evidence",
     "上传预警核查的证据文件（原始内容，X-Filename 文件名，note 说明）"},
    {"GET", "/api/v1/alerts/{id}/evidence", list, &perm_rules_read, SCOPE_VILLAGE, alert_village,
     NULL, 0, NULL, "预警的证据文件列表"},
    {"GET", "/api/v1/alert-evidence/{id}/file", download, &perm_rules_read, SCOPE_VILLAGE,
     file_village, NULL, 0, NULL, "下载预警证据文件（附件）"},
};

const struct module alert_evidence_module = {
    .name = "alert_evidence",
    .title = "预警证据材料",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &alert_evidence_stmts,
    .tables = alert_evidence_tables,
    .ntables = AEV_T__MAX,
};
