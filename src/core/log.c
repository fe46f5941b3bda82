/*
 * JSON log lines on stderr, one write each; any text (paths, messages) is escaped
 * by jansson.
 */
#include "log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

#include "router.h"

static bool quiet;

void log_set_quiet(bool q)
{
	quiet = q;
}

int64_t log_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void now_iso(char out[32])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

static void emit(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (s) {
		fprintf(stderr, "%s\n", s);
		free(s);
	}
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char msg[2048], ts[32];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	now_iso(ts);
	emit(json_pack("{s:s,s:s,s:s}", "ts", ts, "level", level, "msg", msg));
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	if (quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

/* s as a JSON string into b: plain printable ASCII is copied as it is (paths,
 * user names, addresses almost always are); anything else is escaped by
 * jansson.  false when s is not valid UTF-8. */
static bool add_json_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
		p++;
	if (!*p) {
		buf_addc(b, '"');
		buf_add(b, s, (size_t)(p - (const unsigned char *)s));
		buf_addc(b, '"');
		return true;
	}
	json_t *j = json_string(s);
	if (!j)
		return false;
	char tmp[512];
	size_t n = json_dumpb(j, tmp, sizeof(tmp), JSON_ENCODE_ANY);
	if (n > sizeof(tmp)) {
		char *big = json_dumps(j, JSON_ENCODE_ANY);
		if (big)
			buf_adds(b, big);
		free(big);
	} else {
		buf_add(b, tmp, n);
	}
	json_decref(j);
	return true;
}

static void add_field(struct buf *b, const char *name, const char *value)
{
	buf_addf(b, ",\"%s\":", name);
	if (!add_json_string(b, value))
		buf_adds(b, "null");
}

/* One line per request, written with one write(2) so that lines of
 * concurrent requests never interleave; built without a jansson object, as
 * it is on the path of every request (the portal's pages among them). */
void log_access(const struct req *r)
{
	if (quiet)
		return;
	char ts[32];
	now_iso(ts);
	struct buf b;
	buf_init(&b);
	buf_addf(&b, "{\"ts\":\"%s\",\"level\":\"access\",\"id\":\"%s\"", ts, r->id);
	add_field(&b, "method", r->method ? r->method : "");
	add_field(&b, "path", r->path ? r->path : "");
	buf_addf(&b, ",\"status\":%d,\"bytes\":%zu,\"us\":%lld", r->status, r->sent,
		 (long long)(log_monotonic_us() - r->start_us));
	if (r->user)
		add_field(&b, "user", r->user->username);
	if (r->remote)
		add_field(&b, "remote", r->remote);
	if (r->status >= 400 && r->err.key[0])
		add_field(&b, "error", r->err.key);
	buf_adds(&b, "}\n");
	(void)!write(STDERR_FILENO, b.ptr, b.len);
	buf_release(&b);
}
