/*
 * The working-day calendar over the State Council's 2025 and 2026 holiday
 * arrangements (embedded domain/holidays.csv): weekends, public holidays,
 * adjusted working days on weekends (调休上班), deadlines that cross a holiday
 * or a year, counting backwards, and an admin's overrides.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/datefmt.h"
#include "core/workdays.h"

struct fx {
	struct arena a;		 /* holds the calendar */
	struct workdays_cal cal; /* embedded holidays.csv */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	arena_init(&f->a);
	struct errinfo ei = {0};
	if (workdays_cal_load(&f->cal, &f->a, &ei) != E_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	arena_release(&f->a);
	free(f);
	return 0;
}

static int64_t D(const char *s)
{
	int64_t d = datefmt_days(s);
	assert_true(d != DATEFMT_INVALID);
	return d;
}

static void expect_add(const struct workdays_cal *cal, const char *from, int64_t n,
		       const char *want)
{
	char out[11];
	assert_true(workdays_add_workdays(cal, from, n, out));
	if (strcmp(out, want) != 0)
		fail_msg("%s + %lld working days = %s, expected %s", from, (long long)n, out, want);
}

static void test_workdays__weekday(void **state)
{
	(void)state;
	assert_int_equal(workdays_weekday(0), 4);		/* 1970-01-01 Thursday */
	assert_int_equal(workdays_weekday(D("2026-06-15")), 1); /* Monday */
	assert_int_equal(workdays_weekday(D("2025-01-26")), 0); /* Sunday */
	assert_int_equal(workdays_weekday(-1), 3);		/* 1969-12-31 Wednesday */
}

static void test_workdays__kinds_2025_2026(void **state)
{
	struct fx *f = *state;
	const struct workdays_cal *c = &f->cal;
	assert_int_equal(workdays_cal_kind(c, D("2025-01-01")), WORKDAYS_HOLIDAY);
	assert_int_equal(workdays_cal_kind(c, D("2025-01-26")), WORKDAYS_WORKDAY);
	assert_int_equal(workdays_cal_kind(c, D("2026-06-19")), WORKDAYS_HOLIDAY);
	assert_int_equal(workdays_cal_kind(c, D("2026-06-22")), WORKDAYS_NORMAL);
	/* adjusted working days on weekends work */
	const char *work[] = {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28",
			      "2025-10-11", "2026-01-04", "2026-02-14", "2026-02-28",
			      "2026-05-09", "2026-09-20", "2026-10-10"};
	for (size_t i = 0; i < sizeof(work) / sizeof(work[0]); i++) {
		int w = workdays_weekday(D(work[i]));
		assert_true(w == 0 || w == 6);
		assert_true(workdays_is_workday(c, D(work[i])));
	}
	/* holidays on weekdays rest */
	const char *rest[] = {"2025-02-03", "2025-04-04", "2025-05-05", "2025-06-02",
			      "2025-10-08", "2026-01-02", "2026-02-23", "2026-04-06",
			      "2026-06-19", "2026-09-25", "2026-10-07"};
	for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++) {
		int w = workdays_weekday(D(rest[i]));
		assert_true(w >= 1 && w <= 5);
		assert_false(workdays_is_workday(c, D(rest[i])));
	}
	assert_false(workdays_is_workday(c, D("2026-07-04"))); /* a plain Saturday */
	assert_true(workdays_is_workday(c, D("2026-07-03")));  /* a plain Friday */
	assert_true(workdays_cal_covers(c, 2025));
	assert_true(workdays_cal_covers(c, 2026));
	assert_false(workdays_cal_covers(c, 2027));
	assert_int_equal(c->first_year, 2025);
	assert_int_equal(c->last_year, 2026);
}

static void test_workdays__year_totals(void **state)
{
	struct fx *f = *state;
	/* The State Council's 2025 arrangement gives 248 working days. */
	assert_int_equal(workdays_between(&f->cal, "2024-12-31", "2025-12-31"), 248);
	assert_int_equal(workdays_between(&f->cal, "2025-12-31", "2026-12-31"), 248);
	assert_int_equal(workdays_between(&f->cal, "2026-06-15", "2026-06-15"), 0);
	assert_int_equal(workdays_between(&f->cal, "2026-06-16", "2026-06-15"), 0);
	assert_int_equal(workdays_between(&f->cal, "bad", "2026-06-15"), -1);
}

static void test_workdays__add_workdays(void **state)
{
	struct fx *f = *state;
	const struct workdays_cal *c = &f->cal;
	/* inquiry_answer: 15 working days from 2026-06-15, across 端午 */
	expect_add(c, "2026-06-15", 15, "2026-07-07");
	assert_int_equal(workdays_between(c, "2026-06-15", "2026-07-07"), 15);
	expect_add(c, "2025-09-26", 1, "2025-09-28"); /* Sunday 调休上班 */
	expect_add(c, "2025-09-30", 1, "2025-10-09"); /* over 国庆 */
	expect_add(c, "2025-09-30", 3, "2025-10-11"); /* Saturday 调休上班 */
	expect_add(c, "2025-01-24", 1, "2025-01-26");
	expect_add(c, "2025-01-24", 2, "2025-01-27");
	expect_add(c, "2025-01-24", 3, "2025-02-05"); /* over 春节 */
	expect_add(c, "2026-02-13", 1, "2026-02-14");
	expect_add(c, "2026-02-13", 2, "2026-02-24");
	expect_add(c, "2025-12-31", 1, "2026-01-04"); /* across the year */
	expect_add(c, "2026-09-24", 1, "2026-09-28"); /* 中秋 */
	expect_add(c, "2026-09-30", 1, "2026-10-08");
	expect_add(c, "2026-09-30", 3, "2026-10-10");
	expect_add(c, "2025-04-03", 1, "2025-04-07"); /* 清明 */
	expect_add(c, "2025-05-30", 1, "2025-06-03"); /* 端午 */
	expect_add(c, "2026-06-15", 0, "2026-06-15");
	expect_add(c, "2026-10-08", -1, "2026-09-30");
	expect_add(c, "2025-06-03", -1, "2025-05-30");
	char out[11];
	assert_false(workdays_add_workdays(c, "2026-02-30", 1, out));
	assert_false(workdays_add_workdays(c, NULL, 1, out));
	/* calendar days ignore the calendar */
	assert_true(workdays_add("2026-06-15", 15, out));
	assert_string_equal(out, "2026-06-30");
	assert_true(workdays_add("2024-02-28", 1, out));
	assert_string_equal(out, "2024-02-29");
	assert_true(workdays_add("2026-01-01", -1, out));
	assert_string_equal(out, "2025-12-31");
	assert_false(workdays_add("2026/01/01", 1, out));
}

static void test_workdays__overrides(void **state)
{
	struct fx *f = *state;
	struct workdays_cal *c = &f->cal;
	struct errinfo ei = {0};
	/* an extra holiday pushes the deadline by a day */
	assert_int_equal(workdays_cal_set(c, "2026-07-06", WORKDAYS_HOLIDAY, "临时调整", &ei),
			 E_OK);
	expect_add(c, "2026-06-15", 15, "2026-07-08");
	/* "normal" removes a listed day: 端午 no longer rests */
	assert_int_equal(workdays_cal_set(c, "2026-07-06", WORKDAYS_NORMAL, NULL, &ei), E_OK);
	assert_int_equal(workdays_cal_set(c, "2026-06-19", WORKDAYS_NORMAL, NULL, &ei), E_OK);
	expect_add(c, "2026-06-15", 15, "2026-07-06");
	/* a new year is covered once listed */
	assert_int_equal(workdays_cal_set(c, "2027-01-01", WORKDAYS_HOLIDAY, "元旦", &ei), E_OK);
	assert_true(workdays_cal_covers(c, 2027));
	assert_int_equal(c->last_year, 2027);
	assert_false(workdays_is_workday(c, D("2027-01-01")));
	/* many entries grow the array */
	for (int d = 1; d <= 28; d++) {
		char date[11];
		snprintf(date, sizeof(date), "2030-02-%02d", d);
		assert_int_equal(workdays_cal_set(c, date, WORKDAYS_HOLIDAY, "x", &ei), E_OK);
	}
	assert_false(workdays_is_workday(c, D("2030-02-14")));
	assert_true(workdays_is_workday(c, D("2030-03-01")));
	assert_int_equal(workdays_cal_set(c, "2026-13-01", WORKDAYS_HOLIDAY, "x", &ei), E_INPUT);
	enum workdays_kind k;
	assert_true(workdays_kind_parse("workday", &k));
	assert_int_equal(k, WORKDAYS_WORKDAY);
	assert_false(workdays_kind_parse("Holiday", &k));
	assert_string_equal(workdays_kind_name(WORKDAYS_HOLIDAY), "holiday");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_workdays__weekday),
	    cmocka_unit_test_setup_teardown(test_workdays__kinds_2025_2026, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_workdays__year_totals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_workdays__add_workdays, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_workdays__overrides, setup, teardown),
	};
	return cmocka_run_group_tests_name("workdays", tests, NULL, NULL);
}
