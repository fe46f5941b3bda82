/*
 * Roles, permissions and village data scope: the whole permission model as data.
 * Every permission is one line of src/mod/perms.def; a permission names the roles
 * that hold it.  The router's gate is the only caller of rbac_allows() and
 * rbac_village_allowed(); handlers never check roles themselves.
 */
#ifndef QL_RBAC_H
#define QL_RBAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum role {
	ROLE_ADMIN,      /* township IT officer: users and settings, never business records */
	ROLE_JIWEI,      /* 镇纪委: sees everything */
	ROLE_DEPT,       /* 镇职能部门: its modules, all villages */
	ROLE_ACCOUNTANT, /* 代理记账会计: books of the villages assigned */
	ROLE_VILLAGE,    /* 村(居)书记/村干部: own village */
	ROLE_SUPERVISOR, /* 村务监督委员会, 村纪检委员: own village */
	ROLE_INSPECTOR,  /* 勤廉督导员/廉情观察员: villages assigned */
	ROLE__MAX
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL ((1u << ROLE__MAX) - 1)

struct perm {
	const char *name;   /* "org_read" */
	const char *desc;   /* Chinese description, for the matrix and docs */
	unsigned roles;     /* ROLE_BIT mask of the roles holding it */
	bool anonymous;     /* true: no login needed (public portal, login itself) */
};

/* The user a request acts for, as loaded by the gate. */
struct principal {
	int64_t id;                /* users.id */
	const char *username;      /* login name */
	const char *display_name;  /* shown in the console */
	enum role role;            /* one role per user */
	const char *dept;          /* department for ROLE_DEPT, else NULL */
	bool all_villages;         /* admin, jiwei, dept */
	const int64_t *villages;   /* the villages in scope when !all_villages, sorted */
	size_t nvillages;          /* entries in villages */
	int64_t person_id;         /* org person this user is, 0 if none (hiding complaints) */
};

const char *rbac_role_name(enum role r);    /* "jiwei" */
const char *rbac_role_label(enum role r);   /* "镇纪委" */
bool rbac_role_parse(const char *s, enum role *out);
/* Roles whose scope is every village. */
bool rbac_role_all_villages(enum role r);

bool rbac_allows(const struct perm *p, const struct principal *u);
bool rbac_village_allowed(const struct principal *u, int64_t village_id);

#endif
