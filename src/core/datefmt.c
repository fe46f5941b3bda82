/*
 * Date, timestamp and period parsing with integer civil-calendar arithmetic
 * (Howard Hinnant's days_from_civil).  It must not call localtime, mktime or
 * anything that reads the process's time zone or locale.
 */
#include "datefmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BEIJING_OFFSET (8 * 3600)

/* Fixed-width decimal fields, written by hand so that no field can spill. */
static void put_num(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
}

/* "YYYY-MM-DD" into out[11]; y 0..9999. */
static void put_ymd(char *out, int y, int m, int d)
{
	put_num(out, (unsigned)y, 4);
	out[4] = '-';
	put_num(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_num(out + 8, (unsigned)d, 2);
	out[10] = '\0';
}

/* "HH:MM:SS" into out[9] from seconds of the day. */
static void put_hms(char *out, long secs)
{
	put_num(out, (unsigned)(secs / 3600 % 24), 2);
	out[2] = ':';
	put_num(out + 3, (unsigned)(secs / 60 % 60), 2);
	out[5] = ':';
	put_num(out + 6, (unsigned)(secs % 60), 2);
	out[8] = '\0';
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int datefmt_month_days(int y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

bool datefmt_ymd_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && d >= 1 && d <= datefmt_month_days(y, m);
}

int64_t datefmt_days_from_ymd(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void datefmt_ymd_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static const int64_t min_days = -719162; /* 0001-01-01 */
static const int64_t max_days = 2932896; /* 9999-12-31 */

bool datefmt_from_days(int64_t days, char out[DATEFMT_DATE_BUF])
{
	int y, m, d;
	if (days < min_days || days > max_days) {
		out[0] = '\0';
		return false;
	}
	datefmt_ymd_from_days(days, &y, &m, &d);
	put_ymd(out, y, m, d);
	return true;
}

/* Reads min..max digits into *v; returns false if there are not enough. */
static bool digits(const char **pp, int min, int max, int *v)
{
	const char *p = *pp;
	int n = 0, val = 0;
	while (n < max && *p >= '0' && *p <= '9') {
		val = val * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n < min || (*p >= '0' && *p <= '9'))
		return false;
	*v = val;
	*pp = p;
	return true;
}

static bool lit(const char **pp, const char *s)
{
	size_t n = strlen(s);
	if (strncmp(*pp, s, n))
		return false;
	*pp += n;
	return true;
}

static void skip_blanks(const char **pp)
{
	for (;;) {
		if (**pp == ' ' || **pp == '\t' || **pp == '\r' || **pp == '\n')
			(*pp)++;
		else if (!lit(pp, "\xe3\x80\x80") && !lit(pp, "\xc2\xa0"))
			return;
	}
}

/* The date part of every form; leaves *pp after it.  Does not check the
 * calendar. */
static bool scan_date(const char **pp, int *y, int *m, int *d)
{
	const char *p = *pp;
	if (!digits(&p, 4, 4, y))
		return false;
	if (*p == '-' || *p == '/') {
		char sep = *p++;
		if (!digits(&p, 1, 2, m) || *p++ != sep || !digits(&p, 1, 2, d))
			return false;
	} else if (lit(&p, "年")) {
		if (!digits(&p, 1, 2, m) || !lit(&p, "月") || !digits(&p, 1, 2, d))
			return false;
		lit(&p, "日");
	} else {
		return false;
	}
	*pp = p;
	return true;
}

/* H:MM or H:MM:SS (hour one or two digits); seconds 0 when absent. */
static bool scan_time(const char **pp, int *h, int *mi, int *s)
{
	const char *p = *pp;
	*s = 0;
	if (!digits(&p, 1, 2, h) || *p++ != ':' || !digits(&p, 2, 2, mi))
		return false;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, 2, s))
			return false;
	}
	if (*h > 23 || *mi > 59 || *s > 59)
		return false;
	*pp = p;
	return true;
}

static enum err date_bad(struct errinfo *ei, const char *msg)
{
	return err_set(ei, E_INPUT, "date.invalid", NULL, "%s", msg);
}

enum err datefmt_parse(const char *s, char out[DATEFMT_DATE_BUF], struct errinfo *ei)
{
	const char *p = s ? s : "";
	int y, m, d;

	skip_blanks(&p);
	if (!*p)
		return date_bad(ei, "日期为空");
	if (!scan_date(&p, &y, &m, &d))
		return date_bad(ei, "日期格式不正确，应为 YYYY-MM-DD（如 2024-03-05）");
	skip_blanks(&p);
	if (*p) {
		int h, mi, sec;
		const char *q = p;
		if (!scan_time(&q, &h, &mi, &sec) || h || mi || sec)
			return date_bad(ei, "日期格式不正确，应为 YYYY-MM-DD（如 2024-03-05）");
		p = q;
		skip_blanks(&p);
		if (*p)
			return date_bad(ei, "日期格式不正确，应为 YYYY-MM-DD（如 2024-03-05）");
	}
	if (!datefmt_ymd_valid(y, m, d))
		return date_bad(ei, "日期不存在（请检查月份和天数）");
	put_ymd(out, y, m, d);
	return E_OK;
}

int64_t datefmt_days(const char *ymd)
{
	int y, m, d;
	const char *p = ymd;
	if (!p || strlen(p) != 10 || p[4] != '-' || p[7] != '-')
		return DATEFMT_INVALID;
	if (!digits(&p, 4, 4, &y) || *p++ != '-' || !digits(&p, 2, 2, &m) || *p++ != '-' ||
	    !digits(&p, 2, 2, &d) || !datefmt_ymd_valid(y, m, d))
		return DATEFMT_INVALID;
	return datefmt_days_from_ymd(y, m, d);
}

bool datefmt_add_days(const char *ymd, int64_t n, char out[DATEFMT_DATE_BUF])
{
	int64_t days = datefmt_days(ymd);
	if (days == DATEFMT_INVALID || n > max_days - min_days || n < min_days - max_days) {
		out[0] = '\0';
		return false;
	}
	return datefmt_from_days(days + n, out);
}

enum err datefmt_excel_serial(double serial, char out[DATEFMT_DATE_BUF], struct errinfo *ei)
{
	/* 1899-12-31 is serial 0 before the phantom leap day, 1899-12-30 after */
	static const int64_t base_before = -25568, base_after = -25569;
	int64_t n, days;

	if (!(serial >= 1) || serial >= 2958466) /* also refuses NaN */
		return date_bad(ei, "Excel 日期序号超出范围");
	n = (int64_t)floor(serial);
	if (n == 60)
		return date_bad(ei, "Excel 日期 1900-02-29 不存在");
	days = (n < 60 ? base_before : base_after) + n;
	datefmt_from_days(days, out);
	return E_OK;
}

void datefmt_excel_time(double serial, char out[9])
{
	double frac = serial - floor(serial);
	long secs = isfinite(frac) ? lround(frac * 86400.0) % 86400 : 0;
	put_hms(out, secs);
}

enum err datefmt_excel_datetime(double serial, char out[DATEFMT_DATETIME_BUF], struct errinfo *ei)
{
	char date[DATEFMT_DATE_BUF];
	long long total;
	enum err err;

	if (!(serial >= 1) || serial >= 2958466)
		return date_bad(ei, "Excel 日期序号超出范围");
	total = llround(serial * 86400.0);
	if ((err = datefmt_excel_serial((double)(total / 86400), date, ei)) != E_OK)
		return err;
	memcpy(out, date, 10);
	out[10] = ' ';
	put_hms(out + 11, (long)(total % 86400));
	return E_OK;
}

static bool format_utc(int64_t secs, char out[DATEFMT_TS_BUF])
{
	int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	int64_t rem = secs - days * 86400;
	int y, m, d;
	if (days < min_days || days > max_days) {
		out[0] = '\0';
		return false;
	}
	datefmt_ymd_from_days(days, &y, &m, &d);
	put_ymd(out, y, m, d);
	out[10] = 'T';
	put_hms(out + 11, (long)rem);
	out[19] = 'Z';
	out[20] = '\0';
	return true;
}

bool datefmt_timestamp_format(int64_t usec, char out[DATEFMT_TS_BUF])
{
	int64_t secs = usec >= 0 ? usec / 1000000 : -((-(usec + 1)) / 1000000) - 1;
	return format_utc(secs, out);
}

enum err datefmt_timestamp_parse(const char *s, char out[DATEFMT_TS_BUF], int64_t *usec,
				 struct errinfo *ei)
{
	static const char *const fmt_msg =
	    "时间格式不正确，应为 YYYY-MM-DD HH:MM[:SS]（北京时间，如 2024-03-05 14:30）";
	const char *p = s ? s : "";
	int y, m, d, h, mi, sec;
	bool utc = false;
	int64_t secs;

	skip_blanks(&p);
	if (!*p)
		return err_set(ei, E_INPUT, "timestamp.invalid", NULL, "时间为空");
	if (!scan_date(&p, &y, &m, &d))
		return err_set(ei, E_INPUT, "timestamp.invalid", NULL, "%s", fmt_msg);
	if (*p == 'T') {
		p++;
	} else {
		const char *q = p;
		skip_blanks(&p);
		if (p == q)
			return err_set(ei, E_INPUT, "timestamp.invalid", NULL, "%s", fmt_msg);
	}
	if (!scan_time(&p, &h, &mi, &sec))
		return err_set(ei, E_INPUT, "timestamp.invalid", NULL, "%s", fmt_msg);
	if (*p == 'Z') {
		utc = true;
		p++;
	}
	skip_blanks(&p);
	if (*p)
		return err_set(ei, E_INPUT, "timestamp.invalid", NULL, "%s", fmt_msg);
	if (!datefmt_ymd_valid(y, m, d))
		return err_set(ei, E_INPUT, "timestamp.invalid", NULL,
			       "日期不存在（请检查月份和天数）");
	secs = datefmt_days_from_ymd(y, m, d) * 86400 + h * 3600 + mi * 60 + sec;
	if (!utc)
		secs -= BEIJING_OFFSET;
	if (!format_utc(secs, out))
		return err_set(ei, E_INPUT, "timestamp.invalid", NULL, "时间超出范围");
	if (usec)
		*usec = secs * 1000000;
	return E_OK;
}

enum err datefmt_period_parse(const char *s, char norm[DATEFMT_PERIOD_BUF],
			      char first[DATEFMT_DATE_BUF], char last[DATEFMT_DATE_BUF],
			      struct errinfo *ei)
{
	const char *p = s ? s : "";
	int y, m1, m2, n = 0;
	char kind;

	skip_blanks(&p);
	if (!*p)
		return err_set(ei, E_INPUT, "period.invalid", NULL, "所属期为空");
	if (!digits(&p, 4, 4, &y) || y < 1)
		goto bad;
	if (*p == '-' || *p == '/' || *p == 'Q' || *p == 'q') {
		if (*p != 'Q' && *p != 'q')
			p++;
		if (*p == 'Q' || *p == 'q') {
			p++;
			if (!digits(&p, 1, 1, &n))
				goto bad;
			kind = 'Q';
		} else {
			if (!digits(&p, 1, 2, &n))
				goto bad;
			kind = 'M';
		}
	} else if (lit(&p, "年")) {
		bool di = lit(&p, "第");
		const char *q = p;
		skip_blanks(&q);
		if (!*q) {
			if (di)
				goto bad;
			kind = 'Y';
		} else if (!digits(&p, 1, 2, &n)) {
			goto bad;
		} else if (lit(&p, "季度") || lit(&p, "季")) {
			kind = 'Q';
		} else if (!di && lit(&p, "月")) {
			kind = 'M';
		} else {
			goto bad;
		}
	} else {
		kind = 'Y';
	}
	skip_blanks(&p);
	if (*p)
		goto bad;
	if (y > 9999 || (kind == 'M' && (n < 1 || n > 12)) || (kind == 'Q' && (n < 1 || n > 4)))
		goto bad;
	switch (kind) {
	case 'Y':
		put_num(norm, (unsigned)y, 4);
		norm[4] = '\0';
		m1 = 1;
		m2 = 12;
		break;
	case 'Q':
		put_num(norm, (unsigned)y, 4);
		memcpy(norm + 4, "-Q", 2);
		put_num(norm + 6, (unsigned)n, 1);
		norm[7] = '\0';
		m1 = 3 * n - 2;
		m2 = 3 * n;
		break;
	default:
		put_num(norm, (unsigned)y, 4);
		norm[4] = '-';
		put_num(norm + 5, (unsigned)n, 2);
		norm[7] = '\0';
		m1 = m2 = n;
		break;
	}
	if (first)
		put_ymd(first, y, m1, 1);
	if (last)
		put_ymd(last, y, m2, datefmt_month_days(y, m2));
	return E_OK;
bad:
	return err_set(ei, E_INPUT, "period.invalid", NULL,
		       "所属期格式不正确，应为 YYYY-MM（月）、YYYY-Qn（季度）或 YYYY（年）");
}
