/*
 * The gate.  Every request passes through router_dispatch(): route lookup,
 * session, permission, CSRF, body decoding and validation, village scope, the
 * transaction of a write route with its log check, and error rendering.  The
 * order matters: nothing about a record is read before the permission check,
 * and nothing is written outside the transaction.  Must not call a module.
 */
#include "router.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "datefmt.h"
#include "idno.h"
#include "log.h"
#include "module.h"
#include "money.h"
#include "ratelimit.h"
#include "xlsx.h"

#define TX_RETRIES 5
/* JSON bodies are forms, not files: uploads (ROUTE_RAW_BODY) get app->max_body. */
#define ROUTER_MAX_JSON (1 << 20)

void req_init(struct req *r, struct app *app)
{
	memset(r, 0, sizeof(*r));
	r->app = app;
	arena_init(&r->arena);
	buf_init(&r->resp);
	r->status = 200;
	r->start_us = log_monotonic_us();
	unsigned char id[8];
	app_random(app, id, sizeof(id));
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 8; i++) {
		r->id[2 * i] = hex[id[i] >> 4];
		r->id[2 * i + 1] = hex[id[i] & 15];
	}
	r->id[16] = '\0';
}

void req_release(struct req *r)
{
	if (r->db) {
		db_rollback(r->db);
		db_conn_put(r->app->db, r->db);
		r->db = NULL;
	}
	if (r->in)
		json_decref(r->in);
	if (r->err_extra)
		json_decref(r->err_extra);
	r->in = NULL;
	r->err_extra = NULL;
	buf_release(&r->resp);
	arena_release(&r->arena);
}

/* ---- matching ---------------------------------------------------------- */

bool router_match(const char *pattern, const char *path, struct kv *params, size_t *nparams,
		  struct arena *a)
{
	size_t n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close)
				return false;
			const char *end = strchr(s, '/');
			size_t seglen = end ? (size_t)(end - s) : strlen(s);
			if (seglen == 0 || n >= REQ_MAX_PARAMS)
				return false;
			if (params) {
				params[n].key = arena_strndup(a, p + 1, (size_t)(close - p - 1));
				params[n].value = arena_strndup(a, s, seglen);
			}
			n++;
			p = close + 1;
			s += seglen;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p || *s)
		return false;
	if (nparams)
		*nparams = n;
	return true;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static char *url_decode(struct arena *a, const char *s, size_t len)
{
	char *out = arena_alloc(a, len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 &&
			   hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

void router_parse_query(struct req *r, const char *qs)
{
	size_t cap = 1;
	for (const char *c = qs; *c; c++)
		cap += *c == '&';
	r->query = ARENA_ARRAY(&r->arena, struct kv, cap);
	r->nquery = 0;
	while (*qs) {
		const char *amp = strchr(qs, '&');
		size_t len = amp ? (size_t)(amp - qs) : strlen(qs);
		const char *eq = memchr(qs, '=', len);
		if (len) {
			size_t klen = eq ? (size_t)(eq - qs) : len;
			r->query[r->nquery].key = url_decode(&r->arena, qs, klen);
			r->query[r->nquery].value =
			    eq ? url_decode(&r->arena, eq + 1, len - klen - 1) : "";
			r->nquery++;
		}
		qs += len + (amp ? 1 : 0);
	}
}

/* ---- accessors ---------------------------------------------------------- */

const char *req_param(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].key, name) == 0)
			return r->params[i].value;
	return NULL;
}

const char *req_query(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nquery; i++)
		if (strcmp(r->query[i].key, name) == 0)
			return r->query[i].value;
	return NULL;
}

int64_t req_query_int(const struct req *r, const char *name, int64_t dflt)
{
	const char *v = req_query(r, name);
	if (!v || !*v)
		return dflt;
	char *end;
	long long x = strtoll(v, &end, 10);
	return *end ? dflt : (int64_t)x;
}

const char *req_in_str(const struct req *r, const char *name)
{
	json_t *v = r->in ? json_object_get(r->in, name) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

bool req_in_has(const struct req *r, const char *name)
{
	json_t *v = r->in ? json_object_get(r->in, name) : NULL;
	return v && !json_is_null(v);
}

int64_t req_in_int(const struct req *r, const char *name)
{
	json_t *v = r->in ? json_object_get(r->in, name) : NULL;
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

bool req_in_bool(const struct req *r, const char *name)
{
	json_t *v = r->in ? json_object_get(r->in, name) : NULL;
	return json_is_true(v);
}

int64_t req_in_fen(const struct req *r, const char *name)
{
	json_t *v = r->in ? json_object_get(r->in, name) : NULL;
	int64_t fen = 0;
	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	if (json_is_string(v))
		money_parse(json_string_value(v), &fen, NULL);
	return fen;
}

enum err req_json(struct req *r, int status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (!s)
		return E_INTERNAL;
	buf_reset(&r->resp);
	buf_adds(&r->resp, s);
	free(s);
	r->status = status;
	r->resp_type = "application/json; charset=utf-8";
	return E_OK;
}

void req_header(struct req *r, const char *name, const char *value)
{
	if (r->nresp_headers >= REQ_MAX_HEADERS)
		return;
	r->resp_headers[r->nresp_headers].key = arena_strdup(&r->arena, name);
	r->resp_headers[r->nresp_headers].value = arena_strdup(&r->arena, value);
	r->nresp_headers++;
}

enum err req_fail(struct req *r, enum err code, const char *key, const char *field,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(&r->err, code, key, field, fmt, ap);
	va_end(ap);
	return code;
}

int64_t req_scope_all(const struct req *r)
{
	return r->user && r->user->all_villages ? 1 : 0;
}

int64_t req_scope_user(const struct req *r)
{
	return r->user ? r->user->id : 0;
}

/* "导出 Excel": any list route answers ?format=xlsx with all its rows. */
static bool want_xlsx(const struct req *r)
{
	const char *f = req_query(r, "format");
	return f && strcmp(f, "xlsx") == 0;
}

#define XLSX_MAX_ROWS 200000

void req_paging(const struct req *r, int64_t *limit, int64_t *offset)
{
	if (want_xlsx(r)) {
		*limit = XLSX_MAX_ROWS;
		*offset = 0;
		return;
	}
	int64_t page = req_query_int(r, "page", 1);
	int64_t per = req_query_int(r, "per_page", 20);
	if (page < 1)
		page = 1;
	if (per < 1)
		per = 1;
	if (per > 500)
		per = 500;
	if (page > INT64_MAX / 500)
		page = INT64_MAX / 500; /* ?page=99999999999999999999: no overflow, an empty page */
	*limit = per;
	*offset = (page - 1) * per;
}

static const char *cell_text(struct req *r, json_t *v)
{
	if (!v || json_is_null(v))
		return "";
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "是" : "否";
	char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	const char *c = arena_strdup(&r->arena, t ? t : "");
	free(t);
	return c;
}

/* ?columns=key:标签,key2:标签2 (the console's visible columns), else every key. */
static size_t xlsx_columns(struct req *r, json_t *items, const char ***keys,
			   struct xlsx_column **cols)
{
	const char *spec = req_query(r, "columns");
	size_t n = 0, cap = 64;
	*keys = ARENA_ARRAY(&r->arena, const char *, cap);
	*cols = ARENA_ARRAY(&r->arena, struct xlsx_column, cap);
	if (spec && *spec) {
		char *copy = arena_strdup(&r->arena, spec), *save;
		for (char *t = strtok_r(copy, ",", &save); t && n < cap; t = strtok_r(NULL, ",", &save)) {
			char *colon = strchr(t, ':');
			if (colon)
				*colon = '\0';
			(*keys)[n] = t;
			(*cols)[n].header = colon ? colon + 1 : t;
			n++;
		}
		return n;
	}
	const char *k;
	json_t *v;
	json_object_foreach(json_array_get(items, 0), k, v)
	{
		if (n == cap)
			break;
		(*keys)[n] = k;
		(*cols)[n].header = k;
		n++;
	}
	return n;
}

static enum err list_xlsx(struct req *r, json_t *items)
{
	const char **keys;
	struct xlsx_column *cols;
	size_t ncols = xlsx_columns(r, items, &keys, &cols);
	if (ncols == 0) {
		keys[0] = "";
		cols[0].header = "（无数据）";
		ncols = 1;
	}
	struct xlsx_writer *w = xlsx_writer_new(NULL, "导出", cols, ncols, &r->err);
	if (!w) {
		json_decref(items);
		return r->err.code ? r->err.code : E_IO;
	}
	const char **cells = ARENA_ARRAY(&r->arena, const char *, ncols);
	size_t i;
	json_t *it;
	enum err e = E_OK;
	json_array_foreach(items, i, it)
	{
		for (size_t c = 0; c < ncols; c++)
			cells[c] = cell_text(r, json_object_get(it, keys[c]));
		if ((e = xlsx_writer_row(w, cells, &r->err)) != E_OK)
			break;
	}
	json_decref(items);
	if (e != E_OK) {
		xlsx_writer_free(w);
		return e;
	}
	buf_reset(&r->resp);
	if ((e = xlsx_writer_close(w, &r->resp, &r->err)) != E_OK)
		return e;
	r->status = 200;
	r->resp_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_header(r, "Content-Disposition",
		   "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E5%AF%BC%E5%87%BA.xlsx");
	return E_OK;
}

enum err req_list(struct req *r, json_t *items, int64_t total)
{
	if (want_xlsx(r))
		return list_xlsx(r, items);
	int64_t limit, offset;
	req_paging(r, &limit, &offset);
	json_t *o = json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)total,
			      "page", (json_int_t)(offset / limit + 1), "per_page",
			      (json_int_t)limit);
	return req_json(r, 200, o);
}

/* ---- body validation ---------------------------------------------------- */

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static enum err check_field(struct req *r, const struct field *f, json_t *v)
{
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	struct errinfo tmp;
	char date[11];
	int64_t fen;
	switch (f->type) {
	case FT_STR:
	case FT_DATE:
	case FT_IDNO:
	case FT_AREA:
	case FT_ENUM:
		if (!s)
			return req_fail(r, E_INPUT, "input.type", f->name, "%s应为文本", f->label);
		break;
	case FT_INT:
		if (!json_is_integer(v))
			return req_fail(r, E_INPUT, "input.type", f->name, "%s应为整数", f->label);
		return E_OK;
	case FT_BOOL:
		if (!json_is_boolean(v))
			return req_fail(r, E_INPUT, "input.type", f->name, "%s应为是或否", f->label);
		return E_OK;
	case FT_MONEY:
		if (json_is_integer(v))
			return E_OK;
		if (!s || money_parse(s, &fen, &tmp) != E_OK)
			return req_fail(r, E_INPUT, "input.money", f->name,
					"%s应为金额（元，最多两位小数）", f->label);
		return E_OK;
	case FT_ARRAY:
		if (!json_is_array(v))
			return req_fail(r, E_INPUT, "input.type", f->name, "%s应为列表", f->label);
		return E_OK;
	case FT_OBJECT:
		if (!json_is_object(v))
			return req_fail(r, E_INPUT, "input.type", f->name, "%s格式错误", f->label);
		return E_OK;
	}
	size_t maxlen = f->maxlen ? (size_t)f->maxlen : 200;
	if (utf8_chars(s) > maxlen)
		return req_fail(r, E_INPUT, "input.too_long", f->name, "%s不能超过%zu个字",
				f->label, maxlen);
	if ((f->flags & FIELD_REQUIRED) && !*s)
		return req_fail(r, E_INPUT, "input.required", f->name, "请填写%s", f->label);
	if (!*s)
		return E_OK;
	switch (f->type) {
	case FT_DATE:
		if (datefmt_parse(s, date, &tmp) != E_OK || strcmp(date, s) != 0)
			return req_fail(r, E_INPUT, "input.date", f->name,
					"%s应为有效日期（YYYY-MM-DD）：%s", f->label, s);
		break;
	case FT_IDNO: {
		const char *why = idno_problem(s);
		if (why)
			return req_fail(r, E_INPUT, "input.id_no", f->name, "%s：%s", why, s);
		break;
	}
	case FT_AREA:
		if (!area_code_valid(s))
			return req_fail(r, E_INPUT, "input.area_code", f->name,
					"%s应为12位统计用区划代码：%s", f->label, s);
		break;
	case FT_ENUM: {
		bool ok = false;
		for (const char *const *c = f->choices; c && *c; c++)
			ok = ok || strcmp(*c, s) == 0;
		if (!ok)
			return req_fail(r, E_INPUT, "input.choice", f->name, "%s取值无效：%s",
					f->label, s);
		break;
	}
	default:
		break;
	}
	return E_OK;
}

enum err router_decode_body(struct req *r)
{
	const struct route *rt = r->route;
	if (rt->flags & ROUTE_RAW_BODY)
		return E_OK;
	if (!rt->in) {
		/* A route without declared fields takes no body. */
		return E_OK;
	}
	json_error_t je;
	if (r->body_len > ROUTER_MAX_JSON)
		return req_fail(r, E_TOOBIG, "body.too_large", NULL, "提交的内容超过 %d KB 上限",
				ROUTER_MAX_JSON >> 10);
	if (!r->body || r->body_len == 0)
		r->in = json_object();
	else
		r->in = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!r->in)
		return req_fail(r, E_INPUT, "body.json", NULL, "请求内容不是有效的 JSON（第%d行第%d列）",
				je.line, je.column);
	if (!json_is_object(r->in))
		return req_fail(r, E_INPUT, "body.json", NULL, "请求内容应为 JSON 对象");
	const char *key;
	json_t *v;
	json_object_foreach(r->in, key, v)
	{
		const struct field *f = rt->in;
		while (f->name && strcmp(f->name, key) != 0)
			f++;
		if (!f->name)
			return req_fail(r, E_INPUT, "input.unknown_field", key, "未知字段：%s", key);
	}
	for (const struct field *f = rt->in; f->name; f++) {
		v = json_object_get(r->in, f->name);
		if (!v || json_is_null(v)) {
			if (f->flags & FIELD_REQUIRED)
				return req_fail(r, E_INPUT, "input.required", f->name, "请填写%s",
						f->label);
			continue;
		}
		enum err e = check_field(r, f, v);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

/* ---- uploads ------------------------------------------------------------- */

/* What a file's first bytes must be for the name it is sent under.  An upload
 * route's body (ROUTE_RAW_BODY, not a portal form) is a file: its name
 * (X-Filename) must have one of these extensions and its bytes must match it, so
 * that an executable or a page of script cannot be stored as "photo.jpg" and
 * handed back to a colleague.  Text types (csv, txt) must hold no NUL byte. */
static const struct {
	const char *ext;   /* lower-case, with the dot */
	const char *magic; /* leading bytes, NULL = text */
	size_t len;        /* bytes of magic */
	size_t at;         /* offset of magic */
} file_types[] = {
    {".jpg", "\xff\xd8\xff", 3, 0},	    {".jpeg", "\xff\xd8\xff", 3, 0},
    {".png", "\x89PNG\r\n\x1a\n", 8, 0}, {".gif", "GIF8", 4, 0},
    {".webp", "WEBP", 4, 8},		    {".bmp", "BM", 2, 0},
    {".tif", "II*\0", 4, 0},		    {".tiff", "II*\0", 4, 0},
    {".pdf", "%PDF-", 5, 0},		    {".ofd", "PK\x03\x04", 4, 0},
    {".zip", "PK\x03\x04", 4, 0},	    {".docx", "PK\x03\x04", 4, 0},
    {".xlsx", "PK\x03\x04", 4, 0},	    {".pptx", "PK\x03\x04", 4, 0},
    {".doc", "\xd0\xcf\x11\xe0", 4, 0},    {".xls", "\xd0\xcf\x11\xe0", 4, 0},
    {".mp4", "ftyp", 4, 4},		    {".mov", "ftyp", 4, 4},
    {".mp3", "ID3", 3, 0},		    {".wav", "WAVE", 4, 8},
    {".csv", NULL, 0, 0},		    {".txt", NULL, 0, 0},
};

static bool executable(const char *p, size_t n)
{
	return (n >= 2 && memcmp(p, "MZ", 2) == 0) || (n >= 4 && memcmp(p, "\x7f" "ELF", 4) == 0) ||
	       (n >= 4 && (memcmp(p, "\xcf\xfa\xed\xfe", 4) == 0 ||
			   memcmp(p, "\xca\xfe\xba\xbe", 4) == 0)) ||
	       (n >= 2 && memcmp(p, "#!", 2) == 0);
}

static enum err check_upload(struct req *r)
{
	const struct route *rt = r->route;
	if (!(rt->flags & ROUTE_RAW_BODY) || (rt->flags & ROUTE_HTML) || !(rt->flags & ROUTE_WRITE))
		return E_OK;
	if (r->body_len > r->app->max_body)
		return req_fail(r, E_TOOBIG, "upload.too_large", NULL, "上传的文件超过 %zu MB 上限",
				r->app->max_body >> 20);
	const char *p = r->body ? r->body : "";
	size_t n = r->body_len;
	/* an import names its file in the path; its handler says which types it reads */
	const char *import = req_param(r, "file");
	const char *name = r->filename && *r->filename ? r->filename : import;
	if (!name)
		return executable(p, n)
			   ? req_fail(r, E_INPUT, "upload.type", "file", "不能上传可执行文件")
			   : E_OK;
	const char *dot = strrchr(name, '.');
	char ext[8] = "";
	for (size_t i = 0; dot && dot[i] && i + 1 < sizeof(ext); i++)
		ext[i] = (char)tolower((unsigned char)dot[i]);
	for (size_t i = 0; i < sizeof(file_types) / sizeof(file_types[0]); i++) {
		if (!dot || strlen(dot) >= sizeof(ext) || strcmp(ext, file_types[i].ext) != 0)
			continue;
		if (executable(p, n))
			return req_fail(r, E_INPUT, "upload.type", "file", "不能上传可执行文件");
		bool ok = file_types[i].magic
			      ? n >= file_types[i].at + file_types[i].len &&
				    memcmp(p + file_types[i].at, file_types[i].magic,
					   file_types[i].len) == 0
			      : memchr(p, '\0', n) == NULL;
		if (!ok)
			return req_fail(r, E_INPUT, "upload.mismatch", "file",
					"文件内容与扩展名 %s 不符，请上传真实的文件", ext);
		return E_OK;
	}
	if (import)
		return E_OK;
	return req_fail(r, E_INPUT, "upload.type", "file",
			"不支持的文件类型：%s（可上传图片、PDF、Office 文档、OFD、CSV 或文本）", name);
}

/* ---- the gate ----------------------------------------------------------- */

static const struct route *find_route(struct req *r, bool *other_method)
{
	*other_method = false;
	for (size_t i = 0; i < r->app->nroutes; i++) {
		const struct route *rt = r->app->routes[i];
		struct kv params[REQ_MAX_PARAMS];
		size_t n = 0;
		if (!router_match(rt->pattern, r->path, params, &n, &r->arena))
			continue;
		if (strcmp(rt->method, r->method) != 0 &&
		    !(strcmp(rt->method, "GET") == 0 && strcmp(r->method, "HEAD") == 0)) {
			*other_method = true;
			continue;
		}
		memcpy(r->params, params, sizeof(params[0]) * n);
		r->nparams = n;
		return rt;
	}
	return NULL;
}

static enum err check_scope(struct req *r)
{
	const struct route *rt = r->route;
	if (rt->scope != SCOPE_VILLAGE)
		return E_OK;
	enum err e;
	int64_t vid = 0;
	if (rt->village_of) {
		e = rt->village_of(r, &vid);
	} else {
		const char *code = req_param(r, "village");
		if (!code)
			code = req_in_str(r, "village_code");
		if (!code)
			code = req_query(r, "village");
		if (!code)
			return req_fail(r, E_INPUT, "input.required", "village_code", "请指定村（居）");
		e = app_village_id(r, code, &vid);
	}
	if (e != E_OK)
		return e;
	/* A record outside the user's scope answers as if it did not exist only
	 * for reads by anonymous users; staff are told they lack the right. */
	if (!rbac_village_allowed(r->user, vid))
		return req_fail(r, E_FORBIDDEN, "scope.village", NULL, "无权访问该村（居）的数据");
	r->village_id = vid;
	return E_OK;
}

/* "user:12:wang" for the log, or "anonymous" for the public forms. */
static const char *req_actor(struct req *r)
{
	if (!r->user)
		return "anonymous";
	return arena_printf(&r->arena, "user:%lld:%s", (long long)r->user->id, r->user->username);
}

static enum err run_handler(struct req *r)
{
	const struct route *rt = r->route;
	enum err e;
	if (!(rt->flags & ROUTE_WRITE)) {
		if ((e = check_scope(r)) != E_OK)
			return e;
		return rt->handler(r);
	}
	for (int attempt = 0;; attempt++) {
		err_clear(&r->err);
		trail_ctx_init(&r->tc, r->db, req_actor(r), app_now(r->app));
		if ((e = db_begin(r->db, true)) != E_OK)
			return e;
		if ((e = check_scope(r)) == E_OK)
			e = rt->handler(r);
		if (e == E_OK && r->tc.count == 0 && !(rt->flags & ROUTE_NO_LOG)) {
			log_error("write route %s %s wrote no log entry", rt->method, rt->pattern);
			e = req_fail(r, E_INTERNAL, "trail.missing", NULL, "系统内部错误：写操作未记录日志");
		}
		if (e == E_OK)
			e = trail_finish(&r->tc);
		if (e == E_OK)
			e = db_commit(r->db);
		if (e == E_OK) {
			if (r->tc.count)
				app_after_write(r->app, r->db);
			return E_OK;
		}
		db_rollback(r->db);
		if (e != E_BUSY || attempt + 1 >= TX_RETRIES)
			return e;
		atomic_fetch_add(&r->app->metrics.tx_retries, 1);
		buf_reset(&r->resp);
		r->nresp_headers = 0;
		r->status = 200;
	}
}

static enum err gate(struct req *r)
{
	bool other_method;
	enum err e;
	r->route = find_route(r, &other_method);
	if (!r->route) {
		if (other_method)
			return req_fail(r, E_METHOD, NULL, NULL, "不支持该请求方法：%s", r->method);
		return req_fail(r, E_NOTFOUND, "route.not_found", NULL, "没有这个地址：%s", r->path);
	}
	const struct route *rt = r->route;
	if ((e = db_conn_get(r->app->db, &r->db, &r->err)) != E_OK)
		return e;
	if ((e = auth_session_load(r)) != E_OK)
		return e;
	if (!rbac_allows(rt->perm, r->user)) {
		if (!r->user)
			return req_fail(r, E_UNAUTH, "auth.required", NULL, "请先登录");
		return req_fail(r, E_FORBIDDEN, "auth.forbidden", NULL, "没有权限：%s",
				rt->perm ? rt->perm->desc : "?");
	}
	/* Public forms (anonymous writes other than logging in, which counts its
	 * failures in auth.c): a per-address limit. */
	if ((rt->flags & ROUTE_WRITE) && rt->perm->anonymous && !r->user &&
	    !(rt->action && strncmp(rt->action, "auth.", 5) == 0) &&
	    (e = ratelimit_hit(r, RL_FORM)) != E_OK)
		return e;
	if ((rt->flags & ROUTE_WRITE) && !(rt->flags & ROUTE_NO_CSRF) &&
	    !auth_csrf_ok(r))
		return req_fail(r, E_FORBIDDEN, "auth.csrf", NULL,
				"安全校验失败（缺少或错误的 CSRF 令牌），请刷新页面后重试");
	if ((e = router_decode_body(r)) != E_OK)
		return e;
	if ((e = check_upload(r)) != E_OK)
		return e;
	return run_handler(r);
}

void req_answer_error(struct req *r, enum err e)
{
	if (r->err.code == E_OK)
		err_set(&r->err, e, NULL, NULL, NULL);
	r->status = err_http_status(r->err.code);
	if (r->err.code == E_RULE || (r->err.code == E_INPUT && strcmp(r->err.key, "import.invalid") == 0))
		r->status = 422;
	if (r->status >= 500)
		log_error("request %s %s failed: %s %s (%s)", r->method, r->path, r->err.key,
			  r->err.msg, r->db ? db_errmsg(r->db) : "");
	buf_reset(&r->resp);
	if (r->route && (r->route->flags & ROUTE_HTML)) {
		app_render_html_error(r);
		return;
	}
	json_t *err = json_pack("{s:s,s:s}", "code", r->err.key, "message", r->err.msg);
	if (r->err.field[0])
		json_object_set_new(err, "field", json_string(r->err.field));
	if (r->err_extra)
		json_object_set(err, "report", r->err_extra);
	int status = r->status;
	req_json(r, status, json_pack("{s:o}", "error", err));
}

void router_dispatch(struct req *r)
{
	enum err e = gate(r);
	if (e != E_OK)
		req_answer_error(r, e);
	if (r->db) {
		db_rollback(r->db);
		db_conn_put(r->app->db, r->db);
		r->db = NULL;
	}
	if (!r->resp_type)
		r->resp_type = "application/json; charset=utf-8";
}

/* ---- start-up check ----------------------------------------------------- */

static bool pattern_ok(const char *p)
{
	if (*p != '/')
		return false;
	for (; *p; p++) {
		if (*p == '{') {
			const char *c = strchr(p, '}');
			if (!c || c == p + 1 || memchr(p + 1, '/', (size_t)(c - p - 1)))
				return false;
			p = c;
		} else if (*p == '}') {
			return false;
		}
	}
	return true;
}

enum err router_check(const struct route *const *tables, const size_t *counts, size_t ntables,
		      struct errinfo *ei)
{
	for (size_t t = 0; t < ntables; t++) {
		for (size_t i = 0; i < counts[t]; i++) {
			const struct route *rt = &tables[t][i];
			const char *m = rt->method ? rt->method : "?";
			const char *p = rt->pattern ? rt->pattern : "?";
			if (!rt->method || !rt->pattern || !pattern_ok(rt->pattern))
				return err_set(ei, E_INTERNAL, "route.pattern", NULL,
					       "路由格式错误：%s %s", m, p);
			if (!rt->handler)
				return err_set(ei, E_INTERNAL, "route.handler", NULL,
					       "路由缺少处理函数：%s %s", m, p);
			if (!rt->perm)
				return err_set(ei, E_INTERNAL, "route.perm", NULL,
					       "路由未声明权限：%s %s", m, p);
			if (!rt->summary)
				return err_set(ei, E_INTERNAL, "route.summary", NULL,
					       "路由缺少说明：%s %s", m, p);
			bool write = strcmp(m, "GET") != 0;
			if (write != ((rt->flags & ROUTE_WRITE) != 0))
				return err_set(ei, E_INTERNAL, "route.write", NULL,
					       "路由的写标志与方法不符：%s %s", m, p);
			if (write && !(rt->flags & ROUTE_NO_LOG) && !rt->action)
				return err_set(ei, E_INTERNAL, "route.action", NULL,
					       "写操作路由未声明日志动作：%s %s", m, p);
			for (const struct field *f = rt->in; f && f->name; f++)
				if (!f->label || (f->type == FT_ENUM && !f->choices))
					return err_set(ei, E_INTERNAL, "route.field", f->name,
						       "路由字段定义不完整：%s %s %s", m, p,
						       f->name);
			for (size_t u = 0; u <= t; u++)
				for (size_t j = 0; j < (u == t ? i : counts[u]); j++) {
					const struct route *o = &tables[u][j];
					if (strcmp(o->method, m) == 0 &&
					    strcmp(o->pattern, p) == 0)
						return err_set(ei, E_INTERNAL, "route.duplicate",
							       NULL, "重复的路由：%s %s", m, p);
				}
		}
	}
	return E_OK;
}
