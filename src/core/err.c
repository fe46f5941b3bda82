/*
 * Error details and their mapping to HTTP statuses.  Nothing here allocates.
 */
#include "err.h"

#include <stdio.h>
#include <string.h>

enum err err_vset(struct errinfo *ei, enum err code, const char *key, const char *field,
		  const char *fmt, va_list ap)
{
	if (!ei)
		return code;
	ei->code = code;
	snprintf(ei->key, sizeof(ei->key), "%s", key ? key : err_default_key(code));
	snprintf(ei->field, sizeof(ei->field), "%s", field ? field : "");
	if (fmt)
		vsnprintf(ei->msg, sizeof(ei->msg), fmt, ap);
	else
		snprintf(ei->msg, sizeof(ei->msg), "%s", err_default_msg(code));
	return code;
}

enum err err_set(struct errinfo *ei, enum err code, const char *key, const char *field,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(ei, code, key, field, fmt, ap);
	va_end(ap);
	return code;
}

void err_clear(struct errinfo *ei)
{
	memset(ei, 0, sizeof(*ei));
}

int err_http_status(enum err code)
{
	switch (code) {
	case E_OK: return 200;
	case E_INPUT: return 400;
	case E_UNAUTH: return 401;
	case E_FORBIDDEN: return 403;
	case E_NOTFOUND: return 404;
	case E_METHOD: return 405;
	case E_CONFLICT: return 409;
	case E_TOOBIG: return 413;
	case E_RULE: return 422;
	case E_LOCKED: return 429;
	case E_BUSY: return 503;
	case E_DB:
	case E_IO:
	case E_INTERNAL: return 500;
	}
	return 500;
}

const char *err_default_key(enum err code)
{
	switch (code) {
	case E_OK: return "ok";
	case E_INPUT: return "input.invalid";
	case E_UNAUTH: return "auth.required";
	case E_FORBIDDEN: return "auth.forbidden";
	case E_NOTFOUND: return "not_found";
	case E_METHOD: return "method_not_allowed";
	case E_CONFLICT: return "conflict";
	case E_TOOBIG: return "body.too_large";
	case E_RULE: return "rule.refused";
	case E_LOCKED: return "auth.locked";
	case E_BUSY: return "db.busy";
	case E_DB: return "db.error";
	case E_IO: return "io.error";
	case E_INTERNAL: return "internal";
	}
	return "internal";
}

const char *err_default_msg(enum err code)
{
	switch (code) {
	case E_OK: return "成功";
	case E_INPUT: return "输入有误";
	case E_UNAUTH: return "请先登录";
	case E_FORBIDDEN: return "没有权限执行此操作";
	case E_NOTFOUND: return "记录不存在";
	case E_METHOD: return "不支持该请求方法";
	case E_CONFLICT: return "记录冲突";
	case E_TOOBIG: return "提交的内容过大";
	case E_RULE: return "不符合业务规则";
	case E_LOCKED: return "操作过于频繁或账号已锁定，请稍后再试";
	case E_BUSY: return "系统繁忙，请稍后再试";
	case E_DB: return "数据库错误";
	case E_IO: return "文件读写错误";
	case E_INTERNAL: return "系统内部错误";
	}
	return "系统内部错误";
}
