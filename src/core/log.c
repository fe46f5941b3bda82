/*
 * JSON log lines through jansson, so that any text (paths, messages) is escaped.
 */
#include "log.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 ts.tv_nsec / 1000000);
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

void log_access(const struct req *r)
{
	if (quiet)
		return;
	char ts[32];
	now_iso(ts);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:I,s:I}", "ts", ts, "level", "access",
			      "id", r->id, "method", r->method ? r->method : "",
			      "path", r->path ? r->path : "", "status", r->status,
			      "bytes", (json_int_t)r->resp.len, "us",
			      (json_int_t)(log_monotonic_us() - r->start_us));
	if (r->user)
		json_object_set_new(o, "user", json_string(r->user->username));
	if (r->remote)
		json_object_set_new(o, "remote", json_string(r->remote));
	if (r->status >= 400 && r->err.key[0])
		json_object_set_new(o, "error", json_string(r->err.key));
	emit(o);
}
