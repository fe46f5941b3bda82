/*
 * libFuzzer target for datefmt.c: dates, Beijing timestamps and reporting
 * periods as people type them, and the conversions from raw numbers (days,
 * microseconds, Excel serials) taken from the input's first bytes.
 * Properties: whatever parses comes out canonical, and the canonical form
 * parses back to the same value (days, microseconds, period).  It must not
 * test anything but datefmt.c.
 */
#include "fuzz_util.h"

#include <math.h>

#include "core/datefmt.h"

static void from_raw(const uint8_t *data, size_t size)
{
	int64_t n;
	double serial;
	char date[DATEFMT_DATE_BUF], ts[DATEFMT_TS_BUF], ts2[DATEFMT_TS_BUF],
	    dt[DATEFMT_DATETIME_BUF], tm[9];

	if (size < 16)
		return;
	memcpy(&n, data, 8);
	memcpy(&serial, data + 8, 8);
	if (datefmt_from_days(n, date)) {
		FUZZ_CHECK(datefmt_days(date) == n);
		if (datefmt_add_days(date, n % 1000000, ts))
			FUZZ_CHECK(datefmt_days(ts) == n + n % 1000000);
	} else {
		FUZZ_CHECK(date[0] == '\0');
	}
	if (datefmt_timestamp_format(n, ts)) {
		int64_t back;
		FUZZ_CHECK(strlen(ts) == 20);
		FUZZ_CHECK(datefmt_timestamp_parse(ts, ts2, &back, NULL) == E_OK);
		FUZZ_CHECK(strcmp(ts2, ts) == 0 && back <= n && n - back < 1000000);
	}
	if (datefmt_excel_serial(serial, date, NULL) == E_OK)
		FUZZ_CHECK(datefmt_days(date) != DATEFMT_INVALID);
	if (datefmt_excel_datetime(serial, dt, NULL) == E_OK)
		FUZZ_CHECK(strlen(dt) == 19 && dt[10] == ' ');
	datefmt_excel_time(serial, tm);
	FUZZ_CHECK(strlen(tm) == 8 && tm[2] == ':' && tm[5] == ':');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	char date[DATEFMT_DATE_BUF], again[DATEFMT_DATE_BUF], ts[DATEFMT_TS_BUF],
	    ts2[DATEFMT_TS_BUF];
	char norm[DATEFMT_PERIOD_BUF], norm2[DATEFMT_PERIOD_BUF], first[DATEFMT_DATE_BUF],
	    last[DATEFMT_DATE_BUF], first2[DATEFMT_DATE_BUF], last2[DATEFMT_DATE_BUF];
	struct errinfo ei = {0};
	int64_t usec, usec2;

	if (datefmt_parse(s, date, &ei) == E_OK) {
		int64_t days = datefmt_days(date);
		FUZZ_CHECK(days != DATEFMT_INVALID);
		FUZZ_CHECK(datefmt_from_days(days, again) && strcmp(again, date) == 0);
		FUZZ_CHECK(datefmt_parse(date, again, NULL) == E_OK && strcmp(again, date) == 0);
	} else {
		FUZZ_CHECK(strcmp(ei.key, "date.invalid") == 0);
	}
	int64_t d = datefmt_days(s);
	if (d != DATEFMT_INVALID)
		FUZZ_CHECK(datefmt_from_days(d, again) && strcmp(again, s) == 0);
	err_clear(&ei);
	if (datefmt_timestamp_parse(s, ts, &usec, &ei) == E_OK) {
		FUZZ_CHECK(datefmt_timestamp_format(usec, ts2) && strcmp(ts, ts2) == 0);
		FUZZ_CHECK(datefmt_timestamp_parse(ts, ts2, &usec2, NULL) == E_OK);
		FUZZ_CHECK(usec2 == usec && strcmp(ts, ts2) == 0);
	} else {
		FUZZ_CHECK(strcmp(ei.key, "timestamp.invalid") == 0);
	}
	err_clear(&ei);
	if (datefmt_period_parse(s, norm, first, last, &ei) == E_OK) {
		FUZZ_CHECK(datefmt_period_parse(norm, norm2, first2, last2, NULL) == E_OK);
		FUZZ_CHECK(!strcmp(norm, norm2) && !strcmp(first, first2) && !strcmp(last, last2));
		FUZZ_CHECK(datefmt_days(first) <= datefmt_days(last));
	} else {
		FUZZ_CHECK(strcmp(ei.key, "period.invalid") == 0);
	}
	from_raw(data, size);
	free(s);
	return 0;
}
