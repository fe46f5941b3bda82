/*
 * The HTML builder of the public pages, after cgit's html.c and Fossil, with
 * cgit's lesson applied: escaping is not opt-in.  Every way to put a runtime
 * string into the output escapes it (html_text, html_attr, %s of html_f) or
 * percent-encodes it (html_url); markup itself can only come from string
 * literals, because HTML_LIT and html_f paste "" around their argument and a
 * variable there does not compile.  It writes into a struct buf and knows no
 * page, no module and no HTTP.
 */
#ifndef QL_HTML_H
#define QL_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Trusted markup.  Only HTML_LIT makes one, and only from a literal:
 *   html_raw(b, HTML_LIT("<ul>"));   compiles
 *   html_raw(b, HTML_LIT(name));     error: expected '}' before 'name'
 * Writing (struct html_lit){s} by hand defeats this on purpose and stands out
 * in review. */
struct html_lit {
	const char *s; /* the literal's text */
	size_t len;    /* its bytes */
};
#define HTML_LIT(lit) ((const struct html_lit){"" lit "", sizeof("" lit "") - 1})

void html_raw(struct buf *b, struct html_lit markup);

/* Text content and attribute values: & < > " ' are escaped.  NULL adds nothing. */
void html_text(struct buf *b, const char *s);
void html_textn(struct buf *b, const char *s, size_t len);

/* ' name="value"' with the value escaped. */
void html_attr(struct buf *b, struct html_lit name, const char *value);

/* Formatted markup: the format is a literal (pasted, as HTML_LIT), every %s
 * argument is escaped as html_text.  Conversions: %s %d %lld %zu %%; any other
 * is a bug and aborts.  The compiler checks the argument types.
 *   html_f(b, "<a href=\"/p/%s\">%s</a>", code, name); */
#define html_f(b, fmt, ...) html_fmt_((b), "" fmt "", ##__VA_ARGS__)
/* Do not call directly: the format must come through html_f. */
void html_fmt_(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A URL for an href/src attribute value (the quotes come from the literal
 * around it).  Schemes other than http, https, mailto and tel (javascript:,
 * data:, vbscript:...) are refused; bytes outside the URL alphabet are
 * percent-encoded, & becomes &amp;.  A refused URL is written as "#" and
 * false is returned. */
bool html_url(struct buf *b, const char *url);
/* Is url acceptable to html_url? */
bool html_url_ok(const char *url);

/* <a href="url">text</a>, both escaped; false when the URL was refused. */
bool html_link(struct buf *b, const char *url, const char *text);

#endif
