/*
 * modutil_file.h without a database: the X-Filename name (escapes, directories,
 * UTF-8 and length), the media type by extension, the SHA-256 key and the
 * checks of a raw-body upload with their Chinese messages.  The store and the
 * checked download run against both backends in the HTTP transcripts of the
 * modules that use them (alert_evidence, plan, edu, assess, rectify, books,
 * power).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/app.h"
#include "mod/modutil_file.h"

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1781488800LL * 1000000 + 123456; /* 2026-06-15T02:00:00.123456Z */
}

/* A request with only what the helpers without a database touch: its arena,
 * error and the application's clock. */
static int req_setup(void **state)
{
	static struct app app;
	static struct req r;
	memset(&app, 0, sizeof(app));
	app.clock = fixed_clock;
	memset(&r, 0, sizeof(r));
	r.app = &app;
	arena_init(&r.arena);
	*state = &r;
	return 0;
}

static int req_teardown(void **state)
{
	struct req *r = *state;
	arena_release(&r->arena);
	return 0;
}

static void test_modutil_file__text_chars(void **state)
{
	(void)state;
	assert_int_equal(modutil_text_chars(""), 0);
	assert_int_equal(modutil_text_chars("abc.txt"), 7);
	assert_int_equal(modutil_text_chars("会议记录.pdf"), 8);
	assert_int_equal(modutil_text_chars("😀"), 1);
	assert_int_equal(modutil_text_chars("a\tb"), -1);	      /* control character */
	assert_int_equal(modutil_text_chars("a\x7f"), -1);	      /* DEL */
	assert_int_equal(modutil_text_chars("\xc0\xaf"), -1);	      /* overlong '/' */
	assert_int_equal(modutil_text_chars("\xed\xa0\x80"), -1);     /* surrogate */
	assert_int_equal(modutil_text_chars("\xf4\x90\x80\x80"), -1); /* beyond U+10FFFF */
	assert_int_equal(modutil_text_chars("\xe4\xbc"), -1);	      /* cut short */
	assert_int_equal(modutil_text_chars("\xff\xfe"), -1);
}

static void test_modutil_file__name(void **state)
{
	struct req *r = *state;
	/* the console's percent-encoded Chinese name */
	assert_string_equal(modutil_file_name(r, "%E4%BC%9A%E8%AE%AE%E8%AE%B0%E5%BD%95.pdf"),
			    "会议记录.pdf");
	assert_string_equal(modutil_file_name(r, "会议记录-副本.pdf"), "会议记录-副本.pdf");
	/* directories of either kind dropped, also when escaped */
	assert_string_equal(modutil_file_name(r, "C:\\Users\\x\\a.txt"), "a.txt");
	assert_string_equal(modutil_file_name(r, "..%2F..%2Fetc%2Fpasswd"), "passwd");
	/* a stray or short escape stays as it is */
	assert_string_equal(modutil_file_name(r, "100%.txt"), "100%.txt");
	assert_string_equal(modutil_file_name(r, "a%4"), "a%4");
	/* refused: not UTF-8, a NUL, a control character, nothing after the last
	 * directory, too long */
	assert_null(modutil_file_name(r, "%FF%FE.txt"));
	assert_null(modutil_file_name(r, "a%00.txt"));
	assert_null(modutil_file_name(r, "a%0A.txt"));
	assert_null(modutil_file_name(r, "dir/"));
	assert_null(modutil_file_name(r, ""));
	char name[3 * (MODUTIL_FILE_NAME_MAX + 1) + 1];
	name[0] = '\0';
	for (int i = 0; i < MODUTIL_FILE_NAME_MAX; i++)
		strcat(name, "村");
	assert_string_equal(modutil_file_name(r, name), name);
	strcat(name, "村");
	assert_null(modutil_file_name(r, name));
}

static void test_modutil_file__media_type(void **state)
{
	(void)state;
	assert_string_equal(modutil_media_type("会议记录.pdf"), "application/pdf");
	assert_string_equal(modutil_media_type("IMG_0001.JPG"), "image/jpeg");
	assert_string_equal(modutil_media_type("a.tar.zip"), "application/zip");
	assert_string_equal(modutil_media_type("台账.xlsx"),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(modutil_media_type("xunwen.txt"), "text/plain");
	assert_string_equal(modutil_media_type("noext"), "application/octet-stream");
	assert_string_equal(modutil_media_type("a.exe"), "application/octet-stream");
	assert_string_equal(modutil_media_type(".pdf.bak"), "application/octet-stream");
}

static void test_modutil_file__sha256_hex(void **state)
{
	(void)state;
	char hex[65];
	modutil_sha256_hex("abc", 3, hex);
	assert_string_equal(hex,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	modutil_sha256_hex("", 0, hex);
	assert_string_equal(hex,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static const struct modutil_upload plain = {
    .filename_key = "m.filename",
    .filename_field = "filename",
    .empty_key = "m.empty",
    .too_big_key = "m.too_big",
    .max = 20u * 1024 * 1024,
};

static void test_modutil_file__upload_check(void **state)
{
	struct req *r = *state;
	struct modutil_upfile f = {0};
	/* no name: first, whatever else is wrong */
	r->filename = NULL;
	r->body = NULL;
	r->body_len = 0;
	assert_int_equal(modutil_upload_check(r, &plain, &f), E_INPUT);
	assert_string_equal(r->err.key, "m.filename");
	assert_string_equal(r->err.field, "filename");
	assert_string_equal(r->err.msg, "请提供文件名（X-Filename）");
	/* as sent, not decoded, when the module keeps the raw name */
	r->filename = "a%20b.txt";
	assert_int_equal(modutil_upload_check(r, &plain, &f), E_INPUT);
	assert_string_equal(r->err.key, "m.empty");
	assert_string_equal(r->err.field, "file");
	assert_string_equal(r->err.msg, "文件为空");
	r->body = "x";
	r->body_len = plain.max + 1;
	assert_int_equal(modutil_upload_check(r, &plain, &f), E_TOOBIG);
	assert_string_equal(r->err.key, "m.too_big");
	assert_string_equal(r->err.msg, "文件超过 20 MB");
	r->body = "abc";
	r->body_len = 3;
	assert_int_equal(modutil_upload_check(r, &plain, &f), E_OK);
	assert_string_equal(f.name, "a%20b.txt");
	assert_ptr_equal(f.data, r->body);
	assert_int_equal(f.size, 3);
	assert_string_equal(f.sha256,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_string_equal(f.at, "2026-06-15T02:00:00.123456Z");

	/* decoded: a refused name comes before the empty body; no size limit */
	struct modutil_upload dec = {.filename_key = "d.filename",
				     .filename_field = "file",
				     .empty_key = "d.empty",
				     .decode_name = true};
	r->filename = "%FF%FE.txt";
	r->body_len = 0;
	assert_int_equal(modutil_upload_check(r, &dec, &f), E_INPUT);
	assert_string_equal(r->err.key, "d.filename");
	assert_string_equal(r->err.field, "file");
	assert_string_equal(r->err.msg, "文件名无效（须为 1–200 个字符的 UTF-8 文本）");
	r->filename = "docs%2Fa%20b.txt";
	r->body = "";
	r->body_len = 0;
	assert_int_equal(modutil_upload_check(r, &dec, &f), E_INPUT);
	assert_string_equal(r->err.key, "d.empty");
	r->body = "abc";
	r->body_len = 3;
	assert_int_equal(modutil_upload_check(r, &dec, &f), E_OK);
	assert_string_equal(f.name, "a b.txt");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_modutil_file__text_chars),
	    cmocka_unit_test_setup_teardown(test_modutil_file__name, req_setup, req_teardown),
	    cmocka_unit_test(test_modutil_file__media_type),
	    cmocka_unit_test(test_modutil_file__sha256_hex),
	    cmocka_unit_test_setup_teardown(test_modutil_file__upload_check, req_setup,
					    req_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
