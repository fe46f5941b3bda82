/*
 * Statutory deadlines of complaints: the embedded domain/deadlines.csv read
 * once per process, and due-date arithmetic over the working-day calendar
 * (core/workdays.h).  Pure date arithmetic: it must not touch HTTP, and reads
 * the database only for the admin's calendar corrections.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "core/csvio.h"
#include "core/datefmt.h"
#include "core/domain_data.h"
#include "power.h"

#define MAX_DEADLINES 32

static struct complaint_deadline table[MAX_DEADLINES];
static size_t ntable;
static struct arena table_arena;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* The leading integer of "30 with head's approval and reason told"; 0 if none. */
static int leading_int(const char *s)
{
	return s && *s >= '0' && *s <= '9' ? atoi(s) : 0;
}

static void table_load(void)
{
	struct errinfo ei = {0};
	struct table t;
	const struct domain_file *f = domain_file_find("deadlines.csv");
	arena_init(&table_arena);
	if (!f || csvio_parse(&table_arena, f->name, f->data, f->len, &t, &ei) != E_OK)
		return;
	for (size_t i = 1; i < t.nrows && ntable < MAX_DEADLINES; i++) {
		const struct table_row *row = &t.rows[i];
		if (row->ncells < 6)
			continue;
		struct complaint_deadline *d = &table[ntable++];
		d->code = row->cells[0];
		d->start_event = row->cells[1];
		d->workdays = strcmp(row->cells[2], "工作日") == 0;
		d->days = atoi(row->cells[3]);
		d->extension = leading_int(row->cells[4]);
		d->basis = row->cells[5];
	}
}

const struct complaint_deadline *complaint_deadline_find(const char *code)
{
	pthread_once(&table_once, table_load);
	for (size_t i = 0; code && i < ntable; i++)
		if (strcmp(table[i].code, code) == 0)
			return &table[i];
	return NULL;
}

bool complaint_deadline_due(const struct workdays_cal *cal, const struct complaint_deadline *d,
			    const char *start, int64_t ext, char out[11])
{
	if (d->workdays)
		return workdays_add_workdays(cal, start, d->days + ext, out);
	if (!workdays_add(start, d->days + ext, out))
		return false;
	/* 期间届满的最后一日是法定休假日的，以休假日结束的次日为期间的最后一日. */
	int64_t day = datefmt_days(out);
	while (!workdays_is_workday(cal, day))
		day++;
	return datefmt_from_days(day, out);
}

enum err complaint_calendar(struct db_conn *c, struct arena *a, struct workdays_cal *cal,
			    struct errinfo *ei)
{
	/* The power module keeps the admin's corrections; without it (a build
	 * that leaves it out) the embedded calendar alone. */
	if (!power_stmts.registered)
		return workdays_cal_load(cal, a, ei);
	return power_calendar_load(c, a, cal, ei);
}
