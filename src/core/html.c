/*
 * The escaping HTML builder (html.h).  Its own printf does only what pages
 * need (%s %d %lld %zu %%) so that every %s goes through the escaper: handing
 * the format to vsnprintf would let a string in unescaped.  It must not grow a
 * call that copies a runtime string into the output as it is.
 */
#include "html.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void html_raw(struct buf *b, struct html_lit markup)
{
	buf_add(b, markup.s, markup.len);
}

static const char *entity_of(char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	default:
		return NULL;
	}
}

void html_textn(struct buf *b, const char *s, size_t len)
{
	size_t run = 0; /* bytes copied in one go: most text has nothing to escape */
	for (size_t i = 0; i < len; i++) {
		const char *ent = entity_of(s[i]);
		if (!ent)
			continue;
		buf_add(b, s + run, i - run);
		buf_adds(b, ent);
		run = i + 1;
	}
	buf_add(b, s + run, len - run);
}

void html_text(struct buf *b, const char *s)
{
	if (s)
		html_textn(b, s, strlen(s));
}

void html_attr(struct buf *b, struct html_lit name, const char *value)
{
	buf_addc(b, ' ');
	html_raw(b, name);
	buf_adds(b, "=\"");
	html_text(b, value);
	buf_addc(b, '"');
}

/* One conversion at fmt (just past '%'); returns the bytes of its spec. */
static size_t convert(struct buf *b, const char *fmt, va_list *ap)
{
	if (fmt[0] == 's') {
		html_text(b, va_arg(*ap, const char *));
		return 1;
	}
	if (fmt[0] == 'd') {
		buf_addf(b, "%d", va_arg(*ap, int));
		return 1;
	}
	if (strncmp(fmt, "lld", 3) == 0) {
		buf_addf(b, "%lld", va_arg(*ap, long long));
		return 3;
	}
	if (strncmp(fmt, "zu", 2) == 0) {
		buf_addf(b, "%zu", va_arg(*ap, size_t));
		return 2;
	}
	if (fmt[0] == '%') {
		buf_addc(b, '%');
		return 1;
	}
	/* A literal format with another conversion is a bug caught by any test
	 * that renders the page; printing it half would hide it. */
	fprintf(stderr, "html_f: unsupported conversion %%%.3s\n", fmt);
	abort();
}

void html_fmt_(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		if (!pct) {
			buf_adds(b, fmt);
			break;
		}
		buf_add(b, fmt, (size_t)(pct - fmt));
		fmt = pct + 1 + convert(b, pct + 1, &ap);
	}
	va_end(ap);
}

/* ---- URLs ------------------------------------------------------------------------ */

/* Length of a leading "scheme:" (RFC 3986), 0 if the URL has none. */
static size_t scheme_len(const char *url)
{
	if (!isalpha((unsigned char)url[0]))
		return 0;
	size_t i = 1;
	while (isalnum((unsigned char)url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')
		i++;
	return url[i] == ':' ? i : 0;
}

bool html_url_ok(const char *url)
{
	static const char *const allowed[] = {"http", "https", "mailto", "tel"};
	if (!url || !*url)
		return false;
	/* Browsers drop leading blanks and controls before reading the scheme,
	 * so " javascript:" is javascript: to them. */
	if ((unsigned char)url[0] <= ' ')
		return false;
	size_t n = scheme_len(url);
	if (n == 0)
		return true; /* relative: "/p/x", "?a=1", "#top" */
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strlen(allowed[i]) == n && strncasecmp(url, allowed[i], n) == 0)
			return true;
	return false;
}

static bool is_hex(char c)
{
	return isxdigit((unsigned char)c) != 0;
}

/* Bytes that may stand in a URL attribute as they are. */
static bool url_plain(const char *p)
{
	unsigned char c = (unsigned char)*p;
	if (isalnum(c) || strchr("-._~/:?#[]@!$()*+,;=", c))
		return c != '\0';
	return c == '%' && is_hex(p[1]) && is_hex(p[2]); /* already encoded */
}

bool html_url(struct buf *b, const char *url)
{
	if (!html_url_ok(url)) {
		buf_addc(b, '#');
		return false;
	}
	for (const char *p = url; *p; p++) {
		if (url_plain(p))
			buf_addc(b, *p);
		else if (*p == '&')
			buf_adds(b, "&amp;");
		else
			buf_addf(b, "%%%02X", (unsigned char)*p);
	}
	return true;
}

bool html_link(struct buf *b, const char *url, const char *text)
{
	html_raw(b, HTML_LIT("<a href=\""));
	bool ok = html_url(b, url);
	html_raw(b, HTML_LIT("\">"));
	html_text(b, text);
	html_raw(b, HTML_LIT("</a>"));
	return ok;
}
