/*
 * Calendar dates, timestamps and reporting periods as the import files and
 * forms write them.  A date is a string "YYYY-MM-DD" or an int64_t count of
 * days since 1970-01-01 (proleptic Gregorian); a timestamp typed by a person is
 * Beijing time (UTC+8, no daylight saving: the platform does not reach back to
 * 1986-1991) and is stored as UTC "YYYY-MM-DDTHH:MM:SSZ" or int64_t
 * microseconds since the Unix epoch.  Pure functions: no allocation, no clock,
 * no locale, no time zone database.
 */
#ifndef QL_DATEFMT_H
#define QL_DATEFMT_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

#define DATEFMT_INVALID	     INT64_MIN /* datefmt_days() of a malformed date */
#define DATEFMT_DATE_BUF     11	       /* "YYYY-MM-DD" + NUL */
#define DATEFMT_TS_BUF	     21	       /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define DATEFMT_PERIOD_BUF   8	       /* "YYYY-MM", "YYYY-Q1", "YYYY" + NUL */
#define DATEFMT_DATETIME_BUF 20	       /* "YYYY-MM-DD HH:MM:SS" + NUL */

/* Years outside 1..9999 are refused everywhere. */
bool datefmt_ymd_valid(int y, int m, int d);
int datefmt_month_days(int y, int m);		    /* 28..31, 0 if m is not 1..12 */
int64_t datefmt_days_from_ymd(int y, int m, int d); /* no validation */
void datefmt_ymd_from_days(int64_t days, int *y, int *m, int *d);

/*
 * A date as people type it: "2024-03-05", "2024/3/5", "2024年3月5日" (one- or
 * two-digit month and day everywhere), surrounding blanks allowed, and a
 * midnight time " 00:00" or " 00:00:00" tolerated (spreadsheets add it).
 * out receives "YYYY-MM-DD".  E_INPUT with a Chinese message (key
 * "date.invalid") for a malformed or non-existent date such as 2023-02-29.
 */
enum err datefmt_parse(const char *s, char out[DATEFMT_DATE_BUF], struct errinfo *ei);

/* Days since 1970-01-01 of a canonical "YYYY-MM-DD"; DATEFMT_INVALID if it is
 * not one (only the canonical form is accepted here). */
int64_t datefmt_days(const char *ymd);
/* false (and out = "") when days falls outside years 1..9999. */
bool datefmt_from_days(int64_t days, char out[DATEFMT_DATE_BUF]);
/* ymd + n days; false when ymd is not canonical or the result leaves 1..9999. */
bool datefmt_add_days(const char *ymd, int64_t n, char out[DATEFMT_DATE_BUF]);

/*
 * An Excel serial date in the 1900 date system: 1 = 1900-01-01, 59 =
 * 1900-02-28, 61 = 1900-03-01.  Excel counts a 1900-02-29 that never was
 * (serial 60, Lotus 1-2-3's leap year bug): that serial is refused, as are
 * serials below 1 and beyond 9999-12-31.  The fraction (time of day) is
 * dropped.  Workbooks in the 1904 system add 1462 before calling.
 */
enum err datefmt_excel_serial(double serial, char out[DATEFMT_DATE_BUF], struct errinfo *ei);
/* The time of day of a serial's fraction, rounded to the second: "HH:MM:SS". */
void datefmt_excel_time(double serial, char out[9]);
/* A serial with its time of day, rounded to the second, as the wall clock the
 * workbook shows (no zone conversion): "YYYY-MM-DD HH:MM:SS". */
enum err datefmt_excel_datetime(double serial, char out[DATEFMT_DATETIME_BUF], struct errinfo *ei);

/*
 * "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" in Beijing time (the date in any
 * form datefmt_parse takes, 'T' also allowed before the time; a trailing "Z"
 * means the text is already UTC).  out receives UTC "YYYY-MM-DDTHH:MM:SSZ";
 * usec, when not NULL, the UTC microseconds since 1970.  E_INPUT, key
 * "timestamp.invalid", otherwise.
 */
enum err datefmt_timestamp_parse(const char *s, char out[DATEFMT_TS_BUF], int64_t *usec,
				 struct errinfo *ei);
/* UTC microseconds → "YYYY-MM-DDTHH:MM:SSZ" (sub-second part dropped). */
bool datefmt_timestamp_format(int64_t usec, char out[DATEFMT_TS_BUF]);

/*
 * A reporting period: month "2024-03" (also "2024-3", "2024/03", "2024年3月"),
 * quarter "2024-Q1" (also "2024Q1", "2024-q1", "2024年第1季度", "2024年1季度")
 * or year "2024" ("2024年").  norm receives the canonical "2024-03" /
 * "2024-Q1" / "2024"; first and last (either may be NULL) the first and last
 * day.  E_INPUT, key "period.invalid", otherwise.
 */
enum err datefmt_period_parse(const char *s, char norm[DATEFMT_PERIOD_BUF],
			      char first[DATEFMT_DATE_BUF], char last[DATEFMT_DATE_BUF],
			      struct errinfo *ei);

#endif
