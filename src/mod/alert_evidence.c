/*
 * The HTTP face of alert evidence files: upload to an open alert (the raw
 * body, X-Filename; the gate has already refused executables and files whose
 * bytes do not match their extension), the alert's list of files, and the
 * download of one file as an attachment whose bytes are checked against the
 * hash the log holds.  It reads the engine's alerts only to learn an alert's
 * village and state; it must not change an alert, nor store a file twice.
 */
#include "alert_evidence.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/json_out.h"
#include "modutil.h"
#include "perms.h"

#define NAME_MAX_CHARS 200 /* characters of a file name */
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

/* Characters of UTF-8 text s, or -1 when s is not UTF-8 or holds a control
 * character. */
static long text_chars(const char *s)
{
	long n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len = *p < 0x80		   ? 1
			     : (*p & 0xe0) == 0xc0 ? 2
			     : (*p & 0xf0) == 0xe0 ? 3
			     : (*p & 0xf8) == 0xf0 ? 4
						   : 0;
		/* no control characters, overlong forms, surrogates or code points
		 * beyond U+10FFFF: what jansson and the log accept */
		if (!len || (*p < 0x80 && (*p < 0x20 || *p == 0x7f)) || (len == 2 && *p < 0xc2) ||
		    (*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0) ||
		    (*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90) || *p > 0xf4)
			return -1;
		for (size_t i = 1; i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				return -1;
		p += len;
		n++;
	}
	return n;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* The file's own name from X-Filename: percent-escapes decoded (the console
 * sends a Chinese name percent-encoded, as header values must be Latin-1),
 * any directory dropped.  NULL when it is not a usable name. */
static const char *file_name(struct req *r, const char *sent)
{
	size_t n = strlen(sent);
	char *out = arena_alloc(&r->arena, n + 1), *o = out;
	for (const char *p = sent; *p; p++) {
		int hi, lo;
		if (p[0] == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
			*o++ = (char)(hi << 4 | lo);
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	if (memchr(out, '\0', (size_t)(o - out)))
		return NULL;
	const char *base = out;
	for (const char *p = out; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	long chars = text_chars(base);
	return chars > 0 && chars <= NAME_MAX_CHARS ? base : NULL;
}

/* The media type of an accepted upload, by its extension (the gate has held
 * the bytes against the extension already). */
static const char *media_type(const char *name)
{
	static const char *const types[][2] = {
	    {".jpg", "image/jpeg"},
	    {".jpeg", "image/jpeg"},
	    {".png", "image/png"},
	    {".gif", "image/gif"},
	    {".webp", "image/webp"},
	    {".bmp", "image/bmp"},
	    {".tif", "image/tiff"},
	    {".tiff", "image/tiff"},
	    {".pdf", "application/pdf"},
	    {".ofd", "application/ofd"},
	    {".zip", "application/zip"},
	    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	    {".doc", "application/msword"},
	    {".xls", "application/vnd.ms-excel"},
	    {".mp4", "video/mp4"},
	    {".mov", "video/quicktime"},
	    {".mp3", "audio/mpeg"},
	    {".wav", "audio/wav"},
	    {".csv", "text/csv"},
	    {".txt", "text/plain"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
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
	if (!r->filename || !*r->filename)
		return req_fail(r, E_INPUT, "alert_evidence.filename", "file",
				"请提供文件名（X-Filename）");
	const char *name = file_name(r, r->filename);
	if (!name)
		return req_fail(r, E_INPUT, "alert_evidence.filename", "file",
				"文件名无效（须为 1–%d 个字符的 UTF-8 文本）", NAME_MAX_CHARS);
	if (!r->body || !r->body_len)
		return req_fail(r, E_INPUT, "alert_evidence.empty", "file", "文件为空");
	const char *note = req_query(r, "note");
	if (note && !*note)
		note = NULL;
	long chars = note ? text_chars(note) : 0;
	if (chars < 0 || chars > NOTE_MAX_CHARS)
		return req_fail(r, E_INPUT, "alert_evidence.note", "note",
				"说明须为不超过 %d 字的文本", NOTE_MAX_CHARS);

	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65], ts[32];
	crypto_hash_sha256(h, (const unsigned char *)r->body, r->body_len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	app_timestamp(app_now(r->app), ts);
	/* content-addressed: the key of the stored bytes is their hash */
	if ((e = db_exec(r->db, &alert_evidence_stmts, AEV_ST_FILE_PUT,
			 DB_PARAMS(DB_TEXT(hex), DB_INT((int64_t)r->body_len),
				   DB_BLOB(r->body, r->body_len)),
			 NULL)) != E_OK)
		return e;
	struct db_res *res;
	e = db_one(r->db, &alert_evidence_stmts, AEV_ST_INSERT,
		   DB_PARAMS(DB_INT(a.id), DB_INT(a.village_id), DB_TEXT(name),
			     DB_TEXT(media_type(name)), DB_INT((int64_t)r->body_len), DB_TEXT(hex),
			     DB_TEXT(hex), DB_OPT(note), DB_INT(r->user->id), DB_TEXT(ts)),
		   &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_CONFLICT, "alert_evidence.exists", "file",
				"这份文件已作为该预警的证据上传过（SHA-256 %s）", hex);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &alert_evidence_tables[AEV_T_EVIDENCE], id, "alert.evidence",
			   &r->err)) != E_OK)
		return e;
	return req_json(r, 201,
			json_pack("{s:I,s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)id, "alert_id",
				  (json_int_t)a.id, "filename", name, "content_type",
				  media_type(name), "size", (json_int_t)r->body_len, "sha256",
				  hex));
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
	e = db_one(r->db, &alert_evidence_stmts, AEV_ST_FILE_GET, DB_PARAMS(DB_TEXT(key)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_INTERNAL, "alert_evidence.missing", NULL,
				"证据文件内容缺失（%s）", sha);
	if (e != E_OK)
		return e;
	buf_reset(&r->resp);
	buf_add(&r->resp, db_text(res, 0), db_len(res, 0));
	if ((e = db_done(res)) != E_OK)
		return e;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	crypto_hash_sha256(h, (const unsigned char *)r->resp.ptr, r->resp.len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if (strcmp(hex, sha) != 0) {
		buf_reset(&r->resp);
		return req_fail(r, E_INTERNAL, "alert_evidence.corrupt", NULL,
				"证据文件内容与登记的哈希值不符（%s）", sha);
	}
	r->status = 200;
	r->resp_type = type;
	req_header(r, "X-Content-SHA256", sha);
	/* nosniff is on every answer (http.c); the name goes percent-encoded */
	struct buf fn = BUF_INIT;
	buf_adds(&fn, "attachment; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addc(&fn, (char)*p);
		else
			buf_addf(&fn, "%%%02X", *p);
	}
	req_header(r, "Content-Disposition", fn.ptr);
	buf_release(&fn);
	return E_OK;
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
