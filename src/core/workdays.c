/*
 * The working-day calendar: the embedded holidays.csv, an admin's overrides,
 * and counting calendar and working days over it.  Pure arithmetic over a sorted
 * array in the caller's arena; it must not touch the database or the clock.
 */
#include "workdays.h"

#include <string.h>

#include "csvio.h"
#include "datefmt.h"
#include "domain_data.h"

void workdays_cal_init(struct workdays_cal *cal, struct arena *a)
{
	memset(cal, 0, sizeof(*cal));
	cal->a = a;
}

bool workdays_kind_parse(const char *s, enum workdays_kind *out)
{
	static const char *const names[] = {"normal", "holiday", "workday"};
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum workdays_kind)i;
			return true;
		}
	return false;
}

const char *workdays_kind_name(enum workdays_kind k)
{
	switch (k) {
	case WORKDAYS_HOLIDAY:
		return "holiday";
	case WORKDAYS_WORKDAY:
		return "workday";
	default:
		return "normal";
	}
}

/* Index of the first entry with days ≥ d. */
static size_t lower_bound(const struct workdays_cal *cal, int64_t d)
{
	size_t lo = 0, hi = cal->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->entry[mid].days < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void recompute_years(struct workdays_cal *cal)
{
	cal->first_year = cal->last_year = 0;
	if (!cal->n)
		return;
	int y, m, d;
	datefmt_ymd_from_days(cal->entry[0].days, &y, &m, &d);
	cal->first_year = y;
	datefmt_ymd_from_days(cal->entry[cal->n - 1].days, &y, &m, &d);
	cal->last_year = y;
}

enum err workdays_cal_set(struct workdays_cal *cal, const char *date, enum workdays_kind kind,
			  const char *name, struct errinfo *ei)
{
	int64_t d = date ? datefmt_days(date) : DATEFMT_INVALID;
	if (d == DATEFMT_INVALID)
		return err_set(ei, E_INPUT, "workdays.date", "date", "日期格式错误：%s",
			       date ? date : "");
	size_t i = lower_bound(cal, d);
	bool present = i < cal->n && cal->entry[i].days == d;
	if (kind == WORKDAYS_NORMAL) {
		if (present) {
			memmove(&cal->entry[i], &cal->entry[i + 1],
				(cal->n - i - 1) * sizeof(cal->entry[0]));
			cal->n--;
			recompute_years(cal);
		}
		return E_OK;
	}
	if (!present) {
		if (cal->n == cal->cap) {
			size_t cap = cal->cap ? cal->cap * 2 : 128;
			struct workdays_entry *e = ARENA_ARRAY(cal->a, struct workdays_entry, cap);
			if (cal->n)
				memcpy(e, cal->entry, cal->n * sizeof(*e));
			cal->entry = e;
			cal->cap = cap;
		}
		memmove(&cal->entry[i + 1], &cal->entry[i], (cal->n - i) * sizeof(cal->entry[0]));
		cal->n++;
	}
	cal->entry[i].days = d;
	cal->entry[i].kind = kind;
	cal->entry[i].name = arena_strdup(cal->a, name ? name : "");
	recompute_years(cal);
	return E_OK;
}

enum err workdays_cal_load(struct workdays_cal *cal, struct arena *a, struct errinfo *ei)
{
	workdays_cal_init(cal, a);
	const struct domain_file *f = domain_file_find("holidays.csv");
	if (!f)
		return err_set(ei, E_INTERNAL, "workdays.missing", NULL,
			       "系统缺少节假日数据（holidays.csv）");
	struct table t;
	enum err e = csvio_parse(a, f->name, f->data, f->len, &t, ei);
	if (e != E_OK)
		return e;
	for (size_t r = 1; r < t.nrows; r++) {
		const struct table_row *row = &t.rows[r];
		enum workdays_kind kind;
		if (row->ncells < 3 || !workdays_kind_parse(row->cells[1], &kind) ||
		    workdays_cal_set(cal, row->cells[0], kind, row->cells[2], ei) != E_OK)
			return err_set(ei, E_INTERNAL, "workdays.malformed", NULL,
				       "节假日数据第 %zu 行格式错误", row->line);
	}
	return E_OK;
}

enum workdays_kind workdays_cal_kind(const struct workdays_cal *cal, int64_t days)
{
	size_t i = lower_bound(cal, days);
	return i < cal->n && cal->entry[i].days == days ? cal->entry[i].kind : WORKDAYS_NORMAL;
}

bool workdays_cal_covers(const struct workdays_cal *cal, int year)
{
	int64_t first = datefmt_days_from_ymd(year, 1, 1);
	size_t i = lower_bound(cal, first);
	return i < cal->n && cal->entry[i].days < datefmt_days_from_ymd(year + 1, 1, 1);
}

int workdays_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday. */
	int64_t w = (days + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

bool workdays_is_workday(const struct workdays_cal *cal, int64_t days)
{
	switch (workdays_cal_kind(cal, days)) {
	case WORKDAYS_HOLIDAY:
		return false;
	case WORKDAYS_WORKDAY:
		return true;
	default: {
		int w = workdays_weekday(days);
		return w != 0 && w != 6;
	}
	}
}

bool workdays_add(const char *date, int64_t n, char out[11])
{
	out[0] = '\0';
	return date && datefmt_add_days(date, n, out);
}

bool workdays_add_workdays(const struct workdays_cal *cal, const char *date, int64_t n,
			   char out[11])
{
	out[0] = '\0';
	int64_t d = date ? datefmt_days(date) : DATEFMT_INVALID;
	if (d == DATEFMT_INVALID)
		return false;
	int64_t step = n < 0 ? -1 : 1;
	for (int64_t left = n < 0 ? -n : n; left > 0;) {
		d += step;
		if (workdays_is_workday(cal, d))
			left--;
	}
	return datefmt_from_days(d, out);
}

int64_t workdays_between(const struct workdays_cal *cal, const char *from, const char *to)
{
	int64_t a = from ? datefmt_days(from) : DATEFMT_INVALID;
	int64_t b = to ? datefmt_days(to) : DATEFMT_INVALID;
	if (a == DATEFMT_INVALID || b == DATEFMT_INVALID)
		return -1;
	int64_t n = 0;
	for (int64_t d = a + 1; d <= b; d++)
		n += workdays_is_workday(cal, d);
	return n;
}
