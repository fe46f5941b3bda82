/*
 * Per-client-address limits on what a stranger can try over and over: failed
 * logins (password spraying across accounts; the per-account lock-out is in
 * auth.c), every public form (the gate counts each anonymous write: complaints,
 * objections/质询 on published items, receipt follow-ups) and, more tightly, the
 * villagers' subsidy self-query (enumerating 身份证号).  The public complaint form
 * also keeps its own count per clock hour in the database (complaint.c), whose
 * number comes from here.
 * Counts live in memory in fixed windows of the app's clock (tests fix the
 * clock, so a test never depends on the time of day).  Addresses are kept only
 * as keyed hashes.  The limits are configurable with QL_RATELIMIT, e.g.
 * "login=20/900,form=30/3600,self_query=20/3600,complaint=5/3600" (count per
 * seconds; "off" or a count of 0 turns a limit off).  Must not know any module.
 */
#ifndef QL_RATELIMIT_H
#define QL_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

struct req;

enum ratelimit_kind {
	RL_LOGIN,      /* failed logins per address */
	RL_FORM,       /* public form submissions (anonymous writes) per address */
	RL_SELF_QUERY, /* subsidy self-queries per address */
	RL_COMPLAINT,  /* public complaint submissions per address and hour (complaint.c) */
	RL__MAX
};

/* Replace the configuration from a spec as in QL_RATELIMIT; E_INPUT (ei says
 * which part) on a bad spec, leaving the old one. */
enum err ratelimit_configure(const char *spec, struct errinfo *ei);
/* Forget every count (tests). */
void ratelimit_reset(void);
/* The configured count and window of a kind; 0 = no limit. */
int ratelimit_max(enum ratelimit_kind k, int *window_s);

/* Count one event of k from r->remote and refuse it (E_LOCKED, 429, Chinese
 * message on r) when it goes over the limit. */
enum err ratelimit_hit(struct req *r, enum ratelimit_kind k);
/* Refuse (E_LOCKED) when r->remote is already at the limit, without counting;
 * with ratelimit_note() for limits that count failures only. */
enum err ratelimit_check(struct req *r, enum ratelimit_kind k);
void ratelimit_note(struct req *r, enum ratelimit_kind k);

#endif
