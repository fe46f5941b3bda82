/*
 * html.h: text and attributes are escaped, html_f escapes its %s, markup is
 * literal-only (checked by compiling two snippets), URLs with dangerous schemes
 * are refused and the rest percent-encoded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "core/html.h"

static struct buf out;

static int setup(void **state)
{
	(void)state;
	buf_init(&out);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	buf_release(&out);
	return 0;
}

static void test_html__text_escapes_all_five(void **state)
{
	(void)state;
	html_text(&out, "a<b>&\"c\"'d'");
	assert_string_equal(out.ptr, "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
	buf_reset(&out);
	html_text(&out, "<script>alert(1)</script>");
	assert_string_equal(out.ptr, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_null(strchr(out.ptr, '<'));
	buf_reset(&out);
	html_text(&out, NULL);
	html_text(&out, "张书记");
	assert_string_equal(out.ptr, "张书记");
	buf_reset(&out);
	html_textn(&out, "x<y", 2);
	assert_string_equal(out.ptr, "x&lt;");
}

static void test_html__raw_is_verbatim(void **state)
{
	(void)state;
	html_raw(&out, HTML_LIT("<ul class=\"a\">"));
	html_raw(&out, HTML_LIT("<li>"
				"x"
				"</li>"));
	assert_string_equal(out.ptr, "<ul class=\"a\"><li>x</li>");
	assert_int_equal(HTML_LIT("ab").len, 2);
}

static void test_html__attr_escapes_value(void **state)
{
	(void)state;
	html_raw(&out, HTML_LIT("<img"));
	html_attr(&out, HTML_LIT("alt"), "\" onerror=\"alert(1)");
	html_raw(&out, HTML_LIT(">"));
	assert_string_equal(out.ptr, "<img alt=\"&quot; onerror=&quot;alert(1)\">");
}

static void test_html__format_escapes_strings(void **state)
{
	(void)state;
	html_f(&out, "<a href=\"/p/%s\">%s</a>", "x\"y", "<script>alert(1)</script>");
	assert_string_equal(out.ptr,
			    "<a href=\"/p/x&quot;y\">&lt;script&gt;alert(1)&lt;/script&gt;</a>");
	buf_reset(&out);
	html_f(&out, "%d|%lld|%zu|100%%|", -7, 1234567890123LL, (size_t)42);
	assert_string_equal(out.ptr, "-7|1234567890123|42|100%|");
	buf_reset(&out);
	html_f(&out, "<p>no arguments</p>");
	assert_string_equal(out.ptr, "<p>no arguments</p>");
	buf_reset(&out);
	html_f(&out, "%s%s", "&", "'");
	assert_string_equal(out.ptr, "&amp;&#39;");
}

static void test_html__url_refuses_scripts(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "javascript:alert(1)",
	    "JaVaScRiPt:alert(1)",
	    "data:text/html,<script>x</script>",
	    "vbscript:msgbox",
	    " javascript:alert(1)",
	    "\tjavascript:alert(1)",
	    "",
	    NULL,
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_reset(&out);
		assert_false(html_url_ok(bad[i]));
		assert_false(html_url(&out, bad[i]));
		assert_string_equal(out.ptr, "#");
	}
	assert_true(html_url_ok("https://example.cn/p/1"));
	assert_true(html_url_ok("HTTP://example.cn/"));
	assert_true(html_url_ok("/api/v1/checkpoint"));
	assert_true(html_url_ok("tel:12388"));
	/* a colon after a slash is not a scheme */
	assert_true(html_url_ok("/p/javascript:x"));
}

static void test_html__url_percent_encodes(void **state)
{
	(void)state;
	assert_true(html_url(&out, "/p/a b\"c'<d>?q=1&r=2#top"));
	assert_string_equal(out.ptr, "/p/a%20b%22c%27%3Cd%3E?q=1&amp;r=2#top");
	buf_reset(&out);
	assert_true(html_url(&out, "/p/甲村"));
	assert_string_equal(out.ptr, "/p/%E7%94%B2%E6%9D%91");
	buf_reset(&out);
	/* already-encoded stays; a lone % is encoded */
	assert_true(html_url(&out, "/x%20y%zz"));
	assert_string_equal(out.ptr, "/x%20y%25zz");
}

static void test_html__link(void **state)
{
	(void)state;
	assert_true(html_link(&out, "/p/321283101201", "甲村<村>"));
	assert_string_equal(out.ptr, "<a href=\"/p/321283101201\">甲村&lt;村&gt;</a>");
	buf_reset(&out);
	assert_false(html_link(&out, "javascript:alert(1)", "x"));
	assert_string_equal(out.ptr, "<a href=\"#\">x</a>");
}

/* Compile a snippet against html.h; the exit status of the compiler. */
static int compile(const char *srcdir, const char *body)
{
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "cc -std=c17 -fsyntax-only -I'%s/src' -x c - 2>/dev/null",
		 srcdir);
	FILE *p = popen(cmd, "w");
	if (!p)
		return -1;
	fprintf(p, "#include \"core/html.h\"\nvoid f(struct buf *b, const char *name)\n{\n%s\n}\n",
		body);
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * The type system half of the design: markup only from literals.
 *   html_raw(b, HTML_LIT(name));   →  error: expected '}' before 'name'
 *   html_f(b, name);               →  error: expected ')' before 'name'
 * ("" name "" is not an expression)
 * Checked for real with the C compiler when the source tree is known.
 */
static void test_html__non_literal_markup_does_not_compile(void **state)
{
	(void)state;
	const char *src = getenv("QL_SRCDIR");
	if (!src || compile(src, "html_raw(b, HTML_LIT(\"<p>\")); (void)name;") != 0)
		skip(); /* no source tree or no compiler here */
	assert_int_not_equal(compile(src, "html_raw(b, HTML_LIT(name));"), 0);
	assert_int_not_equal(compile(src, "html_f(b, name);"), 0);
	assert_int_equal(compile(src, "html_f(b, \"<p>%s</p>\", name);"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_html__text_escapes_all_five, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_html__raw_is_verbatim, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_html__attr_escapes_value, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_html__format_escapes_strings, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_html__url_refuses_scripts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_html__url_percent_encodes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_html__link, setup, teardown),
	    cmocka_unit_test(test_html__non_literal_markup_does_not_compile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
