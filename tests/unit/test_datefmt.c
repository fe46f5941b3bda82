/*
 * datefmt.h: date forms, the civil calendar, Excel serials, Beijing timestamps
 * to UTC, and reporting periods.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/datefmt.h"

static void date_is(const char *in, const char *want)
{
	struct errinfo ei = {0};
	char out[DATEFMT_DATE_BUF];
	assert_int_equal(datefmt_parse(in, out, &ei), E_OK);
	assert_string_equal(out, want);
}

static const char *date_bad(const char *in)
{
	static struct errinfo ei;
	char out[DATEFMT_DATE_BUF];
	memset(&ei, 0, sizeof(ei));
	assert_int_equal(datefmt_parse(in, out, &ei), E_INPUT);
	assert_string_equal(ei.key, "date.invalid");
	return ei.msg;
}

static void test_datefmt__parse_forms(void **state)
{
	(void)state;
	date_is("2024-03-05", "2024-03-05");
	date_is("2024-3-5", "2024-03-05");
	date_is("2024/03/05", "2024-03-05");
	date_is("2024/3/5", "2024-03-05");
	date_is("2024年3月5日", "2024-03-05");
	date_is("2024年03月05日", "2024-03-05");
	date_is("2024年3月5", "2024-03-05");
	date_is("  2024-12-31 ", "2024-12-31");
	date_is("2024-02-29", "2024-02-29");
	date_is("2000-02-29", "2000-02-29");
	date_is("2024-03-05 00:00", "2024-03-05");
	date_is("2024/3/5 0:00:00", "2024-03-05");
}

static void test_datefmt__parse_errors(void **state)
{
	(void)state;
	assert_string_equal(date_bad(""), "日期为空");
	assert_non_null(strstr(date_bad("2023-02-29"), "日期不存在"));
	assert_non_null(strstr(date_bad("1900-02-29"), "日期不存在"));
	assert_non_null(strstr(date_bad("2024-13-01"), "日期不存在"));
	assert_non_null(strstr(date_bad("2024-04-31"), "日期不存在"));
	assert_non_null(strstr(date_bad("2024-00-10"), "日期不存在"));
	assert_non_null(strstr(date_bad("0000-01-01"), "日期不存在"));
	assert_non_null(strstr(date_bad("2024-3/5"), "格式不正确"));
	assert_non_null(strstr(date_bad("24-03-05"), "格式不正确"));
	assert_non_null(strstr(date_bad("20240305"), "格式不正确"));
	assert_non_null(strstr(date_bad("2024-003-05"), "格式不正确"));
	assert_non_null(strstr(date_bad("2024-03-05x"), "格式不正确"));
	assert_non_null(strstr(date_bad("2024-03-05 12:00"), "格式不正确")); /* not midnight */
	assert_non_null(strstr(date_bad("05/03/2024"), "格式不正确"));
	assert_non_null(strstr(date_bad("2024年3-5"), "格式不正确"));
}

static void test_datefmt__days(void **state)
{
	char out[DATEFMT_DATE_BUF];
	(void)state;
	assert_int_equal(datefmt_days("1970-01-01"), 0);
	assert_int_equal(datefmt_days("1970-01-02"), 1);
	assert_int_equal(datefmt_days("1969-12-31"), -1);
	assert_int_equal(datefmt_days("2000-03-01"), 11017);
	assert_int_equal(datefmt_days("2024-03-05"), 19787);
	assert_int_equal(datefmt_days("0001-01-01"), -719162);
	assert_int_equal(datefmt_days("9999-12-31"), 2932896);
	assert_true(datefmt_days("2024-3-5") == DATEFMT_INVALID);
	assert_true(datefmt_days("2023-02-29") == DATEFMT_INVALID);
	assert_true(datefmt_days(NULL) == DATEFMT_INVALID);

	assert_true(datefmt_from_days(19787, out));
	assert_string_equal(out, "2024-03-05");
	assert_true(datefmt_from_days(-1, out));
	assert_string_equal(out, "1969-12-31");
	assert_false(datefmt_from_days(2932897, out));
	assert_string_equal(out, "");

	/* every day of four centuries survives the round trip */
	for (int64_t d = datefmt_days("1900-01-01"); d <= datefmt_days("2300-01-01"); d += 7) {
		assert_true(datefmt_from_days(d, out));
		assert_int_equal(datefmt_days(out), d);
	}

	assert_true(datefmt_add_days("2024-02-28", 1, out));
	assert_string_equal(out, "2024-02-29");
	assert_true(datefmt_add_days("2023-02-28", 1, out));
	assert_string_equal(out, "2023-03-01");
	assert_true(datefmt_add_days("2024-01-31", 30, out));
	assert_string_equal(out, "2024-03-01");
	assert_true(datefmt_add_days("2024-01-01", -1, out));
	assert_string_equal(out, "2023-12-31");
	assert_false(datefmt_add_days("9999-12-31", 1, out));
	assert_false(datefmt_add_days("bad", 1, out));
	assert_false(datefmt_add_days("2024-01-01", INT64_MAX, out));
}

static void serial_is(double serial, const char *want)
{
	struct errinfo ei = {0};
	char out[DATEFMT_DATE_BUF];
	assert_int_equal(datefmt_excel_serial(serial, out, &ei), E_OK);
	assert_string_equal(out, want);
}

static void test_datefmt__excel_serial(void **state)
{
	struct errinfo ei = {0};
	char out[DATEFMT_DATETIME_BUF];
	(void)state;
	serial_is(1, "1900-01-01");
	serial_is(59, "1900-02-28");
	serial_is(61, "1900-03-01");
	serial_is(25569, "1970-01-01");
	serial_is(45356, "2024-03-05");
	serial_is(45356.75, "2024-03-05"); /* the time of day is dropped */
	serial_is(2958465, "9999-12-31");
	assert_int_equal(datefmt_excel_serial(60, out, &ei), E_INPUT);
	assert_non_null(strstr(ei.msg, "1900-02-29"));
	assert_int_equal(datefmt_excel_serial(0, out, &ei), E_INPUT);
	assert_int_equal(datefmt_excel_serial(-3, out, &ei), E_INPUT);
	assert_int_equal(datefmt_excel_serial(2958466, out, &ei), E_INPUT);
	assert_int_equal(datefmt_excel_serial(0.0 / 0.0, out, &ei), E_INPUT);

	datefmt_excel_time(45356.75, out);
	assert_string_equal(out, "18:00:00");
	datefmt_excel_time(0.5 + 1.0 / 86400 * 30.4, out);
	assert_string_equal(out, "12:00:30");
	assert_int_equal(datefmt_excel_datetime(45356.604166666664, out, &ei), E_OK);
	assert_string_equal(out, "2024-03-05 14:30:00");
	/* 23:59:59.6 rounds into the next day, date included */
	assert_int_equal(datefmt_excel_datetime(45356 + 86399.6 / 86400, out, &ei), E_OK);
	assert_string_equal(out, "2024-03-06 00:00:00");
}

static void ts_is(const char *in, const char *want, int64_t want_usec)
{
	struct errinfo ei = {0};
	char out[DATEFMT_TS_BUF];
	int64_t usec = -1;
	assert_int_equal(datefmt_timestamp_parse(in, out, &usec, &ei), E_OK);
	assert_string_equal(out, want);
	assert_int_equal(usec, want_usec);
}

static void test_datefmt__timestamp(void **state)
{
	struct errinfo ei = {0};
	char out[DATEFMT_TS_BUF];
	(void)state;
	ts_is("2024-03-05 14:30", "2024-03-05T06:30:00Z", 1709620200000000);
	ts_is("2024-03-05 14:30:15", "2024-03-05T06:30:15Z", 1709620215000000);
	/* Beijing early morning is the previous UTC day, across a year end */
	ts_is("2025-01-01 07:59:59", "2024-12-31T23:59:59Z", 1735689599000000);
	ts_is("1970-01-01 08:00", "1970-01-01T00:00:00Z", 0);
	ts_is("2024/3/5 9:05", "2024-03-05T01:05:00Z", 1709600700000000);
	ts_is("2024年3月5日 9:05", "2024-03-05T01:05:00Z", 1709600700000000);
	ts_is("2024-03-05T14:30:00", "2024-03-05T06:30:00Z", 1709620200000000);
	ts_is("2024-03-05T06:30:00Z", "2024-03-05T06:30:00Z", 1709620200000000);
	assert_int_equal(datefmt_timestamp_parse("2024-03-05 14:30", out, NULL, &ei), E_OK);

	assert_int_equal(datefmt_timestamp_parse("", out, NULL, &ei), E_INPUT);
	assert_string_equal(ei.key, "timestamp.invalid");
	assert_int_equal(datefmt_timestamp_parse("2024-03-05", out, NULL, &ei), E_INPUT);
	assert_int_equal(datefmt_timestamp_parse("2024-03-05 24:00", out, NULL, &ei), E_INPUT);
	assert_int_equal(datefmt_timestamp_parse("2024-03-05 12:60", out, NULL, &ei), E_INPUT);
	assert_int_equal(datefmt_timestamp_parse("2024-03-05 12:30:61", out, NULL, &ei), E_INPUT);
	assert_int_equal(datefmt_timestamp_parse("2024-03-05 12:3", out, NULL, &ei), E_INPUT);
	assert_int_equal(datefmt_timestamp_parse("2023-02-29 12:00", out, NULL, &ei), E_INPUT);
	assert_non_null(strstr(ei.msg, "日期不存在"));
	assert_int_equal(datefmt_timestamp_parse("0001-01-01 07:00", out, NULL, &ei), E_INPUT);

	assert_true(datefmt_timestamp_format(1709620215123456, out));
	assert_string_equal(out, "2024-03-05T06:30:15Z");
	assert_true(datefmt_timestamp_format(-1, out));
	assert_string_equal(out, "1969-12-31T23:59:59Z");
}

static void period_is(const char *in, const char *norm, const char *first, const char *last)
{
	struct errinfo ei = {0};
	char n[DATEFMT_PERIOD_BUF], f[DATEFMT_DATE_BUF], l[DATEFMT_DATE_BUF];
	assert_int_equal(datefmt_period_parse(in, n, f, l, &ei), E_OK);
	assert_string_equal(n, norm);
	assert_string_equal(f, first);
	assert_string_equal(l, last);
}

static void test_datefmt__period(void **state)
{
	struct errinfo ei = {0};
	char n[DATEFMT_PERIOD_BUF];
	static const char *const bad[] = {"",		"2024-13", "2024-0",	 "2024-Q5",
					  "2024-Q0",	"24-03",   "2024-03-01", "2024年第3月",
					  "2024年13月", "2024Q",   "2024-Q12",	 "abcd",
					  "2024 03",	NULL};
	(void)state;
	period_is("2024-03", "2024-03", "2024-03-01", "2024-03-31");
	period_is("2024-3", "2024-03", "2024-03-01", "2024-03-31");
	period_is("2024/02", "2024-02", "2024-02-01", "2024-02-29");
	period_is("2023-02", "2023-02", "2023-02-01", "2023-02-28");
	period_is("2024年3月", "2024-03", "2024-03-01", "2024-03-31");
	period_is("2024-Q1", "2024-Q1", "2024-01-01", "2024-03-31");
	period_is("2024q2", "2024-Q2", "2024-04-01", "2024-06-30");
	period_is("2024Q4", "2024-Q4", "2024-10-01", "2024-12-31");
	period_is("2024年第3季度", "2024-Q3", "2024-07-01", "2024-09-30");
	period_is("2024年3季度", "2024-Q3", "2024-07-01", "2024-09-30");
	period_is("2024年第1季", "2024-Q1", "2024-01-01", "2024-03-31");
	period_is("2024", "2024", "2024-01-01", "2024-12-31");
	period_is("2024年", "2024", "2024-01-01", "2024-12-31");
	period_is(" 2024-11 ", "2024-11", "2024-11-01", "2024-11-30");
	assert_int_equal(datefmt_period_parse("2024-03", n, NULL, NULL, &ei), E_OK);
	for (const char *const *b = bad; *b; b++) {
		memset(&ei, 0, sizeof(ei));
		assert_int_equal(datefmt_period_parse(*b, n, NULL, NULL, &ei), E_INPUT);
		assert_string_equal(ei.key, "period.invalid");
	}
}

static void test_datefmt__calendar(void **state)
{
	(void)state;
	assert_int_equal(datefmt_month_days(2024, 2), 29);
	assert_int_equal(datefmt_month_days(1900, 2), 28);
	assert_int_equal(datefmt_month_days(2000, 2), 29);
	assert_int_equal(datefmt_month_days(2023, 4), 30);
	assert_int_equal(datefmt_month_days(2023, 13), 0);
	assert_true(datefmt_ymd_valid(2024, 12, 31));
	assert_false(datefmt_ymd_valid(10000, 1, 1));
	assert_false(datefmt_ymd_valid(2024, 6, 31));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_datefmt__parse_forms),
	    cmocka_unit_test(test_datefmt__parse_errors),
	    cmocka_unit_test(test_datefmt__days),
	    cmocka_unit_test(test_datefmt__excel_serial),
	    cmocka_unit_test(test_datefmt__timestamp),
	    cmocka_unit_test(test_datefmt__period),
	    cmocka_unit_test(test_datefmt__calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
