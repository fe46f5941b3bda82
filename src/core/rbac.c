/*
 * Role names and the two checks of the permission model.  Which permission a
 * route needs is declared in the route table; which roles hold it in perms.def.
 */
#include "rbac.h"

#include <string.h>

static const struct {
	const char *name;  /* code used in the API and CLI */
	const char *label; /* Chinese */
} roles[ROLE__MAX] = {
	[ROLE_ADMIN] = {"admin", "系统管理员"},
	[ROLE_JIWEI] = {"jiwei", "镇纪委"},
	[ROLE_DEPT] = {"dept", "镇职能部门"},
	[ROLE_ACCOUNTANT] = {"accountant", "代理记账会计"},
	[ROLE_VILLAGE] = {"village", "村(居)干部"},
	[ROLE_SUPERVISOR] = {"supervisor", "村务监督委员会"},
	[ROLE_INSPECTOR] = {"inspector", "勤廉督导员"},
};

const char *rbac_role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].name : "?";
}

const char *rbac_role_label(enum role r)
{
	return (unsigned)r < ROLE__MAX ? roles[r].label : "?";
}

bool rbac_role_parse(const char *s, enum role *out)
{
	for (int i = 0; s && i < ROLE__MAX; i++)
		if (strcmp(s, roles[i].name) == 0) {
			*out = (enum role)i;
			return true;
		}
	return false;
}

bool rbac_role_all_villages(enum role r)
{
	return r == ROLE_ADMIN || r == ROLE_JIWEI || r == ROLE_DEPT;
}

bool rbac_allows(const struct perm *p, const struct principal *u)
{
	if (!p)
		return false; /* fail closed */
	if (p->anonymous)
		return true;
	if (!u)
		return false;
	return (p->roles & ROLE_BIT(u->role)) != 0;
}

bool rbac_village_allowed(const struct principal *u, int64_t village_id)
{
	if (!u)
		return false;
	if (u->all_villages)
		return true;
	size_t lo = 0, hi = u->nvillages;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (u->villages[mid] == village_id)
			return true;
		if (u->villages[mid] < village_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}
