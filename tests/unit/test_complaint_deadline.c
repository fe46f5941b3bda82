/*
 * Statutory deadlines of complaints across the holidays of 2025 and 2026:
 * calendar-day periods (ending on the next working day when the last day is a
 * rest day), working-day periods (調休 Saturdays count, holidays do not), and
 * extensions in each unit; the embedded deadlines.csv as parsed.  Also the
 * receipt codes, the sealed box and the passphrase-protected key file.
 */
#include "testdb.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/app.h"
#include "mod/complaint.h"

static struct arena arena;
static struct workdays_cal cal;

static int setup(void **state)
{
	(void)state;
	struct errinfo ei = {0};
	arena_init(&arena);
	return workdays_cal_load(&cal, &arena, &ei) == E_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&arena);
	return 0;
}

static const char *due(const char *code, const char *start, int64_t ext)
{
	static char out[11];
	const struct complaint_deadline *d = complaint_deadline_find(code);
	assert_non_null(d);
	assert_true(complaint_deadline_due(&cal, d, start, ext, out));
	return out;
}

static void test_complaint__deadline_table(void **state)
{
	(void)state;
	const struct complaint_deadline *d = complaint_deadline_find("conclude");
	assert_non_null(d);
	assert_false(d->workdays);
	assert_int_equal(d->days, 60);
	assert_int_equal(d->extension, 30);
	assert_string_equal(d->start_event, "accepted");
	d = complaint_deadline_find("jijian_accept");
	assert_non_null(d);
	assert_true(d->workdays);
	assert_int_equal(d->days, 5);
	assert_int_equal(d->extension, 0);
	d = complaint_deadline_find("recheck_answer");
	assert_non_null(d);
	assert_int_equal(d->extension, 30);
	assert_null(complaint_deadline_find("nope"));
	assert_null(complaint_deadline_find(NULL));
}

static void test_complaint__calendar_days(void **state)
{
	(void)state;
	/* An ordinary period ending on a working day. */
	assert_string_equal(due("accept", "2026-06-15", 0), "2026-06-30");
	/* 2025-09-20 + 15 = 2025-10-05, inside 国庆: the period ends on 10-09. */
	assert_string_equal(due("accept", "2025-09-20", 0), "2025-10-09");
	/* 2025-01-20 + 15 = 2025-02-04, the last day of 春节: 02-05. */
	assert_string_equal(due("accept", "2025-01-20", 0), "2025-02-05");
	/* Across the year: 2025-11-02 + 60 = 2026-01-01 (元旦 to 01-03); 01-04 is an
	 * adjusted working Sunday. */
	assert_string_equal(due("conclude", "2025-11-02", 0), "2026-01-04");
	/* Ending on a plain Saturday moves to Monday. */
	assert_string_equal(due("accept", "2026-05-01", 0), "2026-05-18");
	/* 端午 2026 is 06-19 … 06-21. */
	assert_string_equal(due("accept", "2026-06-04", 0), "2026-06-22");
}

static void test_complaint__working_days(void **state)
{
	(void)state;
	/* 5 working days from Friday 2025-09-26: Sunday 09-28 is 调休 (1), 09-29 (2),
	 * 09-30 (3), 10-01…10-08 are holidays, 10-09 (4), 10-10 (5). */
	assert_string_equal(due("jijian_accept", "2025-09-26", 0), "2025-10-10");
	/* 15 working days over 春节 2026: Saturdays 02-14 and 02-28 are 调休. */
	assert_string_equal(due("jijian_feedback", "2026-02-06", 0), "2026-03-05");
	/* 15 working days over 清明 and 劳动节 2025 (04-04…06, 05-01…05; 04-27 调休). */
	assert_string_equal(due("jijian_tell_realname", "2025-04-18", 0), "2025-05-13");
	/* 5 working days from 2026-06-12 skip 端午 (06-19 … 06-21). */
	assert_string_equal(due("jijian_accept", "2026-06-12", 0), "2026-06-22");
}

static void test_complaint__extensions(void **state)
{
	(void)state;
	/* 复查 answer, 30 + 30 days from 2025-08-09: 10-08 is 国庆, so 10-09. */
	assert_string_equal(due("review_answer", "2025-08-09", 0), "2025-09-08");
	assert_string_equal(due("review_answer", "2025-08-09", 30), "2025-10-09");
	/* Handling, 60 + 30 days from 2026-06-15: Sunday 09-13 → Monday 09-14. */
	assert_string_equal(due("conclude", "2026-06-15", 0), "2026-08-14");
	assert_string_equal(due("conclude", "2026-06-15", 30), "2026-09-14");
	/* A working-day extension counts working days: 15 + 5 over 春节 2026. */
	assert_string_equal(due("jijian_feedback", "2026-02-06", 5), "2026-03-12");
	/* The unextended and the extended 复核 deadlines straddle 国庆 2026
	 * (10-01 … 10-07; 09-20 and 10-10 are 调休). */
	assert_string_equal(due("recheck_answer", "2026-09-01", 0), "2026-10-08");
	assert_string_equal(due("recheck_answer", "2026-09-01", 30), "2026-11-02");
	/* A period ending on an adjusted working Saturday (2026-10-10) ends there. */
	assert_string_equal(due("accept", "2026-09-25", 0), "2026-10-10");
}

static void test_complaint__admin_correction(void **state)
{
	(void)state;
	/* An admin marks 2026-06-30 a holiday: the accept deadline moves on. */
	struct arena a;
	struct workdays_cal c2;
	struct errinfo ei = {0};
	arena_init(&a);
	assert_int_equal(workdays_cal_load(&c2, &a, &ei), E_OK);
	assert_int_equal(workdays_cal_set(&c2, "2026-06-30", WORKDAYS_HOLIDAY, "测试", &ei), E_OK);
	char out[11];
	assert_true(
	    complaint_deadline_due(&c2, complaint_deadline_find("accept"), "2026-06-15", 0, out));
	assert_string_equal(out, "2026-07-01");
	arena_release(&a);
}

static void sys_random(void *ctx, void *buf, size_t len)
{
	(void)ctx;
	randombytes_buf(buf, len);
}

static void test_complaint__receipt(void **state)
{
	(void)state;
	struct app app;
	memset(&app, 0, sizeof(app));
	app.random = sys_random;
	char code[COMPLAINT_RECEIPT_LEN + 1], hash[65], again[65], other[65];
	complaint_receipt_new(&app, code, hash);
	assert_int_equal(strlen(code), COMPLAINT_RECEIPT_LEN);
	assert_int_equal(code[5], '-');
	assert_true(complaint_receipt_hash(code, again));
	assert_string_equal(hash, again);
	/* Typed in lower case without dashes: the same code. */
	char typed[32];
	size_t n = 0;
	for (const char *p = code; *p; p++)
		if (*p != '-')
			typed[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	typed[n] = '\0';
	assert_true(complaint_receipt_hash(typed, again));
	assert_string_equal(hash, again);
	/* O and 0, I/L and 1 are one symbol. */
	assert_true(complaint_receipt_hash("OOOOO-IIIII-LLLLL-00000", again));
	assert_true(complaint_receipt_hash("00000-11111-11111-00000", other));
	assert_string_equal(again, other);
	assert_false(complaint_receipt_hash("ABCDE", again));
	assert_false(complaint_receipt_hash("ABCDE-ABCDE-ABCDE-ABCDU", again)); /* U is not used */
	/* Two codes differ. */
	char code2[COMPLAINT_RECEIPT_LEN + 1], hash2[65];
	complaint_receipt_new(&app, code2, hash2);
	assert_string_not_equal(code, code2);
	assert_string_not_equal(hash, hash2);
}

static void test_complaint__seal_and_key_file(void **state)
{
	(void)state;
	struct app app;
	memset(&app, 0, sizeof(app));
	app.random = sys_random;
	app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN;
	app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
	char dir[] = "/tmp/qlkeyXXXXXX";
	assert_non_null(mkdtemp(dir));
	unsigned char pk[COMPLAINT_PK_BYTES], sk[COMPLAINT_PK_BYTES];
	char path[1024];
	struct errinfo ei = {0};
	assert_int_equal(complaint_key_create(&app, dir, "short", pk, path, &ei), E_INPUT);
	assert_int_equal(complaint_key_create(&app, dir, "a long passphrase", pk, path, &ei), E_OK);
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(complaint_key_open(&app, dir, pk, "a wrong passphrase", sk, &ei),
			 E_FORBIDDEN);
	assert_int_equal(complaint_key_open(&app, dir, pk, "a long passphrase", sk, &ei), E_OK);

	struct arena a;
	arena_init(&a);
	char *box = complaint_seal(&a, pk, "{\"name\":\"张三\",\"phone\":\"13800000000\"}");
	assert_null(strstr(box, "13800000000"));
	char *plain = complaint_unseal(&a, pk, sk, box);
	assert_non_null(plain);
	assert_string_equal(plain, "{\"name\":\"张三\",\"phone\":\"13800000000\"}");
	/* Another key pair cannot open it. */
	unsigned char pk2[COMPLAINT_PK_BYTES], sk2[COMPLAINT_PK_BYTES];
	char path2[1024];
	assert_int_equal(complaint_key_create(&app, dir, "another passphrase", pk2, path2, &ei),
			 E_OK);
	assert_int_equal(complaint_key_open(&app, dir, pk2, "another passphrase", sk2, &ei), E_OK);
	assert_null(complaint_unseal(&a, pk2, sk2, box));
	assert_null(complaint_unseal(&a, pk, sk, "not base64!"));
	/* The key file holds no secret key in the clear. */
	char hex[2 * COMPLAINT_PK_BYTES + 1];
	sodium_bin2hex(hex, sizeof(hex), sk, sizeof(sk));
	FILE *f = fopen(path, "r");
	char text[2048];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_null(strstr(text, hex));
	/* Digests: salted, so the same words give different digests. */
	char s1[33], s2[33], d1[65], d2[65], d3[65];
	complaint_salt_new(&app, s1);
	complaint_salt_new(&app, s2);
	complaint_digest(s1, "账目不清", d1);
	complaint_digest(s2, "账目不清", d2);
	complaint_digest(s1, "账目不清", d3);
	assert_string_not_equal(d1, d2);
	assert_string_equal(d1, d3);
	arena_release(&a);
	unlink(path);
	unlink(path2);
	rmdir(dir);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_complaint__deadline_table),
	    cmocka_unit_test(test_complaint__calendar_days),
	    cmocka_unit_test(test_complaint__working_days),
	    cmocka_unit_test(test_complaint__extensions),
	    cmocka_unit_test(test_complaint__admin_correction),
	    cmocka_unit_test(test_complaint__receipt),
	    cmocka_unit_test(test_complaint__seal_and_key_file),
	};
	return cmocka_run_group_tests_name("complaint deadlines and sealing", tests, setup,
					   teardown);
}
