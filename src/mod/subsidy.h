/*
 * 惠民资金 (programme measure 7): subsidy programmes, their yearly standards
 * (subsidy_standards.csv: the most one person may get for one period), the
 * recipient lists and payments (subsidies.csv), their masked publication on the
 * portal (domain/masking.md through core/mask.h) and a villager's self-query
 * (ID number plus the phone or household number on record) that shows their own
 * records unmasked, every such view logged.  Other modules reach subsidies only
 * through this header.
 */
#ifndef QL_SUBSIDY_H
#define QL_SUBSIDY_H

#include "core/module.h"

extern const struct module subsidy_module;
extern struct db_stmts subsidy_stmts;

/* Statement indices of subsidy_db.c. */
enum subsidy_st {
	SUBSIDY_ST_PROG_GET,
	SUBSIDY_ST_PROG_ALL,
	SUBSIDY_ST_PROG_FIND,
	SUBSIDY_ST_PROG_INSERT,
	SUBSIDY_ST_PROG_LIST,
	SUBSIDY_ST_STD_GET,
	SUBSIDY_ST_STD_ALL,
	SUBSIDY_ST_STD_FIND,
	SUBSIDY_ST_STD_UPSERT,
	SUBSIDY_ST_STD_LIST,
	SUBSIDY_ST_STD_EXPORT,
	SUBSIDY_ST_PAY_GET,
	SUBSIDY_ST_PAY_ALL,
	SUBSIDY_ST_PAY_FIND,
	SUBSIDY_ST_PAY_INSERT,
	SUBSIDY_ST_PAY_LIST,
	SUBSIDY_ST_PAY_COUNT,
	SUBSIDY_ST_PAY_EXPORT,
	SUBSIDY_ST_PERSON,
	SUBSIDY_ST_SELF,
	SUBSIDY_ST_PORTAL_VILLAGE,
	SUBSIDY_ST_PORTAL_LIST,
	SUBSIDY_ST_PORTAL_TOTALS,
	SUBSIDY_ST__MAX
};

enum subsidy_table {
	SUBSIDY_T_PROGRAMMES,
	SUBSIDY_T_STANDARDS,
	SUBSIDY_T_PAYMENTS,
	SUBSIDY_T__MAX
};
extern const struct trail_table subsidy_tables[SUBSIDY_T__MAX];

/* Programme id by name; with create, a new programme is made (and logged)
 * when there is none. */
enum err subsidy_programme_id(struct trail_ctx *tc, const char *name, bool create, int64_t *id,
			      struct errinfo *ei);

/*
 * A person proving who they are: id_no and the phone or the household number
 * on record (either may be NULL, not both).  *person_id receives the person;
 * E_NOTFOUND (one message for every mismatch, so that it tells nothing) when
 * they do not match.
 */
enum err subsidy_self_match(struct db_conn *c, const char *id_no, const char *phone,
			    const char *household_no, int64_t *person_id, struct errinfo *ei);

/* The self-query inside a write route: checks the proof, logs the view
 * (trail_event "subsidy.self_query", ids only) and gives the person's own
 * payments, unmasked, as a JSON array (new reference). */
enum err subsidy_self_query(struct req *r, const char *id_no, const char *phone,
			    const char *household_no, json_t **items);

extern const struct import_file subsidy_imports[];
extern const size_t subsidy_nimports;

struct gen_module;
extern const struct gen_module subsidy_gen_module; /* subsidy_gen.c */

/* Portal pages (subsidy_html.c). */
enum err subsidy_html_list(struct req *r);  /* /p/{code}/subsidies: masked lists */
enum err subsidy_html_query(struct req *r); /* POST form: the villager's own records */

#endif
