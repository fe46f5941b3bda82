/*
 * The working-day calendar of statutory deadlines (工作日): weekends are rest
 * days, the State Council's public holidays are rest days, and the adjusted
 * working days (调休上班) that fall on a weekend are working days.  The base is
 * the embedded domain/holidays.csv (core/domain_data.h); an admin's corrections
 * (a `holidays` table kept by the module that offers the admin route) are laid
 * over it with workdays_cal_set().  Pure calendar arithmetic on
 * "YYYY-MM-DD" strings: it must not touch the database, the clock or HTTP, and
 * knows no module.  The calendar lives in the caller's arena.
 */
#ifndef QL_WORKDAYS_H
#define QL_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "err.h"

enum workdays_kind {
	WORKDAYS_NORMAL,  /* an ordinary day: Monday–Friday work, weekend rest */
	WORKDAYS_HOLIDAY, /* a public holiday (rest, even on a weekday) */
	WORKDAYS_WORKDAY, /* an adjusted working day (work, even on a weekend) */
};

struct workdays_entry {
	int64_t days;		 /* days since 1970-01-01 */
	enum workdays_kind kind; /* what the day is */
	const char *name;	 /* "春节", "春节调休上班"; arena */
};

struct workdays_cal {
	struct arena *a;	      /* where entries live */
	struct workdays_entry *entry; /* sorted by days, one per date */
	size_t n;		      /* entries used */
	size_t cap;		      /* entries allocated */
	int first_year;		      /* earliest year the calendar lists, 0 if none */
	int last_year;		      /* latest year the calendar lists, 0 if none */
};

/* An empty calendar (weekends only) in arena a. */
void workdays_cal_init(struct workdays_cal *cal, struct arena *a);
/* workdays_cal_init and the embedded holidays.csv.  E_INTERNAL if the file is
 * missing or malformed (a build defect). */
enum err workdays_cal_load(struct workdays_cal *cal, struct arena *a, struct errinfo *ei);
/* Override one date (an admin's correction).  WORKDAYS_NORMAL removes what the
 * calendar said about that date.  E_INPUT for a malformed date. */
enum err workdays_cal_set(struct workdays_cal *cal, const char *date, enum workdays_kind kind,
			  const char *name, struct errinfo *ei);
/* What the calendar says about a date (NORMAL when it lists nothing). */
enum workdays_kind workdays_cal_kind(const struct workdays_cal *cal, int64_t days);
/* Does the calendar list any day of that year?  Deadlines reaching a year it
 * does not list are counted with weekends only. */
bool workdays_cal_covers(const struct workdays_cal *cal, int year);

/* Parse "holiday" / "workday" / "normal" (the kind column of holidays.csv). */
bool workdays_kind_parse(const char *s, enum workdays_kind *out);
const char *workdays_kind_name(enum workdays_kind k);

/* 0 = Sunday … 6 = Saturday. */
int workdays_weekday(int64_t days);
/* Is the day a working day? */
bool workdays_is_workday(const struct workdays_cal *cal, int64_t days);

/* date + n calendar days (n may be negative); false for a malformed date. */
bool workdays_add(const char *date, int64_t n, char out[11]);
/* The n-th working day after date (n > 0), counting from the next day; n = 0
 * gives date itself, n < 0 counts backwards.  False for a malformed date. */
bool workdays_add_workdays(const struct workdays_cal *cal, const char *date, int64_t n,
			   char out[11]);
/* Working days in (from, to]: 0 when to ≤ from.  -1 for a malformed date. */
int64_t workdays_between(const struct workdays_cal *cal, const char *from, const char *to);

#endif
