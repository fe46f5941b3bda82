/*
 * The one error vocabulary of qinglian.  Every fallible call returns enum err;
 * the details a person reads (a stable machine code such as "voucher.unbalanced",
 * a Chinese message and the offending field) travel in a struct errinfo owned by
 * the caller (the request, or the command line), and are rendered once.
 * This file must not know about HTTP beyond the status a code maps to.
 */
#ifndef QL_ERR_H
#define QL_ERR_H

#include <stdarg.h>

enum err {
	E_OK = 0,
	E_INPUT,     /* bad input from the user: 400 / 422 */
	E_UNAUTH,    /* not logged in: 401 */
	E_FORBIDDEN, /* logged in, not allowed: 403 */
	E_NOTFOUND,  /* no such record or route: 404 */
	E_METHOD,    /* route exists, method does not: 405 */
	E_CONFLICT,  /* duplicate key, state does not allow it: 409 */
	E_TOOBIG,    /* body or upload over the limit: 413 */
	E_RULE,      /* a business rule refuses it: 422 */
	E_LOCKED,    /* account locked, rate limited: 429 */
	E_BUSY,      /* database busy / serialization failure: retry */
	E_DB,        /* hard database error: 500 */
	E_IO,        /* file system: 500 */
	E_INTERNAL,  /* a bug: 500 */
};

struct errinfo {
	enum err code;   /* E_OK when nothing has been recorded */
	char key[64];    /* stable machine code, e.g. "village.code_invalid" */
	char field[64];  /* offending input field, "" if none */
	char msg[1024];  /* Chinese message for the user */
};

/* Record the details and return code, so call sites read
 *   return err_set(ei, E_INPUT, "person.id_no", "id_no", "身份证号校验位错误：%s", v); */
enum err err_set(struct errinfo *ei, enum err code, const char *key, const char *field,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
enum err err_vset(struct errinfo *ei, enum err code, const char *key, const char *field,
		  const char *fmt, va_list ap);
void err_clear(struct errinfo *ei);

/* HTTP status for a code (E_OK → 200). */
int err_http_status(enum err code);
/* Default machine code and Chinese message when a call site set none. */
const char *err_default_key(enum err code);
const char *err_default_msg(enum err code);

#endif
