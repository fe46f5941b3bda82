/*
 * The attached files of the business modules (see modutil_file.h): one copy of
 * the name, media type, hash, upload checks, content-addressed store and
 * checked download.  Nothing here knows a module's tables or routes; it must
 * not word an error a module words itself, nor keep bytes anywhere but in the
 * statement the module hands it.
 */
#include "modutil_file.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/app.h"
#include "core/buf.h"

long modutil_text_chars(const char *s)
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

const char *modutil_file_name(struct req *r, const char *sent)
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
	long chars = modutil_text_chars(base);
	return chars > 0 && chars <= MODUTIL_FILE_NAME_MAX ? base : NULL;
}

const char *modutil_media_type(const char *name)
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

void modutil_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void modutil_upfile_set(struct req *r, const char *name, const void *p, size_t n,
			struct modutil_upfile *f)
{
	f->name = name;
	f->data = p;
	f->size = n;
	modutil_sha256_hex(p, n, f->sha256);
	app_timestamp(app_now(r->app), f->at);
}

enum err modutil_upload_check(struct req *r, const struct modutil_upload *u,
			      struct modutil_upfile *f)
{
	if (!r->filename || !*r->filename)
		return req_fail(r, E_INPUT, u->filename_key, u->filename_field,
				"请提供文件名（X-Filename）");
	const char *name = u->decode_name ? modutil_file_name(r, r->filename) : r->filename;
	if (!name)
		return req_fail(r, E_INPUT, u->filename_key, u->filename_field,
				"文件名无效（须为 1–%d 个字符的 UTF-8 文本）",
				MODUTIL_FILE_NAME_MAX);
	if (!r->body || !r->body_len)
		return req_fail(r, E_INPUT, u->empty_key, "file", "文件为空");
	if (u->too_big_key && r->body_len > u->max)
		return req_fail(r, E_TOOBIG, u->too_big_key, "file", "文件超过 %zu MB",
				u->max >> 20);
	modutil_upfile_set(r, name, r->body, r->body_len, f);
	return E_OK;
}

enum err modutil_file_put(struct req *r, const struct modutil_file_store *fs,
			  const struct modutil_upfile *f, const struct db_val *pv, size_t pn,
			  int64_t *id)
{
	/* content-addressed: the key of the stored bytes is their hash */
	enum err e = db_exec(
	    r->db, fs->stmts, fs->put,
	    DB_PARAMS(DB_TEXT(f->sha256), DB_INT((int64_t)f->size), DB_BLOB(f->data, f->size)),
	    NULL);
	if (e != E_OK)
		return e;
	struct db_res *res;
	e = db_one(r->db, fs->stmts, fs->insert, pv, pn, &res);
	if (e == E_NOTFOUND && fs->exists_key)
		return req_fail(r, E_CONFLICT, fs->exists_key, "file", "%s（SHA-256 %s）",
				fs->exists_msg, f->sha256);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	return trail_row(&r->tc, fs->table, *id, fs->action, &r->err);
}

enum err modutil_file_created(struct req *r, int64_t id, const struct modutil_upfile *f)
{
	return req_json(r, 201,
			json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id, "sha256", f->sha256,
				  "size", (json_int_t)f->size));
}

/* attachment; filename*=UTF-8''<name>: every byte but RFC 3986's unreserved
 * ones percent-encoded. */
static void disposition_rfc5987(struct req *r, const char *name)
{
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
}

enum err modutil_file_send(struct req *r, const struct db_stmts *s, unsigned st,
			   const struct db_val *p, size_t n, int col,
			   const struct modutil_download *d)
{
	struct db_res *res;
	enum err e = db_one(r->db, s, st, p, n, &res);
	if (e != E_OK)
		return e;
	buf_reset(&r->resp);
	buf_add(&r->resp, db_text(res, col), db_len(res, col));
	if ((e = db_done(res)) != E_OK) {
		buf_reset(&r->resp);
		return e;
	}
	/* The bytes are what the logged hash says, or we say so. */
	if (d->sha256 && d->corrupt_key) {
		char hex[65];
		modutil_sha256_hex(r->resp.ptr, r->resp.len, hex);
		if (strcmp(hex, d->sha256) != 0) {
			buf_reset(&r->resp);
			return req_fail(r, E_INTERNAL, d->corrupt_key, NULL,
					"%s与登记的哈希值不符（%s）", d->corrupt_what, d->sha256);
		}
	}
	r->status = 200;
	r->resp_type = d->type ? d->type : "application/octet-stream";
	if (d->sha256)
		req_header(r, "X-Content-SHA256", d->sha256);
	/* nosniff is on every answer (http.c); the name goes percent-encoded */
	if (d->name)
		disposition_rfc5987(r, d->name);
	else if (d->plain_name)
		req_header(r, "Content-Disposition",
			   arena_printf(&r->arena, "attachment; filename=\"%s\"", d->plain_name));
	return E_OK;
}
