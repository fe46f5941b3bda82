/*
 * A test world for the authorization matrix and the web-security tests: a
 * generated township (three villages, two years, `qinglian gen`) imported into a
 * fresh database through the real importer, one login per role scoped to the
 * first village, one record per village-scoped entity in the first two villages
 * (created through the API, as staff would), and requests sent through the real
 * gate in-process, as the HTTP transcript driver does.  For tests only: it must
 * not be linked into the program, and it never bypasses the gate to write.
 */
#ifndef QL_TEST_WORLD_H
#define QL_TEST_WORLD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/app.h"
#include "core/buf.h"
#include "core/rbac.h"

#define WORLD_MAXUSERS 16
#define WORLD_MAXVARS  128

struct world_user {
	const char *name; /* login; "-" = anonymous */
	int role;	  /* enum role, or -1 for anonymous */
	int village;	  /* 0 = village A, 1 = village B (scoped roles), -1 none */
	const char *dept; /* ROLE_DEPT */
	char sid[80];	  /* session cookie */
	char csrf[80];	  /* CSRF token */
	int64_t id;	  /* users.id */
};

struct world {
	struct app app;				 /* the application under test */
	struct db *tdb;				 /* the test database */
	enum db_backend backend;		 /* SQLite or PostgreSQL */
	char dir[64];				 /* temporary directory (generated files, keys) */
	int64_t vid[2];				 /* village ids: A (own) and B (other) */
	char code[2][16];			 /* their 12-digit codes */
	char person[2][24];			 /* a living person's 身份证号 in each */
	char township[64];			 /* township name of the villages */
	struct world_user users[WORLD_MAXUSERS]; /* fixture users */
	int nusers;				 /* used */
	char vars[WORLD_MAXVARS][2][64];	 /* saved ids: name, value */
	int nvars;				 /* used */
	unsigned remote_seq;			 /* distinct client addresses per request */
	bool verbose;				 /* print every request */
	bool opened;				 /* app_open succeeded */
};

/* One answer. */
struct world_answer {
	int status;	    /* HTTP status */
	json_t *json;	    /* body as JSON (a JSON string when not JSON) */
	struct buf raw;	    /* body bytes */
	struct buf headers; /* "Name: value\n" per extra header */
	char type[128];	    /* Content-Type */
};

/* Build the world on backend b; false (with a message on stderr) on failure.
 * seed=true creates the records of every village-scoped entity. */
bool world_open(struct world *w, enum db_backend b, bool seed);
void world_close(struct world *w);

/* The user of that name, or NULL. */
struct world_user *world_user(struct world *w, const char *name);
/* Log u in again (a fresh session). */
bool world_login(struct world *w, struct world_user *u);

/* Send one request as u (NULL = anonymous).  target may carry a query; body may be
 * NULL.  remote NULL: a fresh address per request (public forms are rate limited
 * per address).  Free the answer with world_answer_release. */
void world_request(struct world *w, struct world_user *u, const char *method, const char *target,
		   const char *body, size_t body_len, bool csrf, const char *filename,
		   const char *remote, struct world_answer *a);
void world_answer_release(struct world_answer *a);

/* Template substitution: ${A} ${B} (codes), ${PA} ${PB} (persons), ${T} (township),
 * and saved variables.  malloc'ed. */
char *world_subst(struct world *w, const char *s);
void world_set(struct world *w, const char *name, const char *value);
const char *world_get(struct world *w, const char *name);

/* The id of the first row of the entity table behind an {id} route pattern in
 * village v (0 = A, 1 = B): *id = 0 when there is none.  false when the pattern
 * names no known entity (the test then says which table to add). */
bool world_entity_id(struct world *w, const char *pattern, int v, int64_t *id, const char **table);

/* Run `qinglian verify` in-process: the number of problems (0 = clean). */
uint64_t world_verify(struct world *w);

#endif
