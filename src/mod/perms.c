/*
 * Definitions of the permissions listed in perms.def.
 */
#include "perms.h"

#define R(x)			ROLE_BIT(ROLE_##x)
#define PERM(n, d, roles, anon) const struct perm perm_##n = {#n, d, roles, anon};
#include "perms.def"
#undef PERM

#define PERM(n, d, roles, anon) &perm_##n,
const struct perm *const perms_all[] = {
#include "perms.def"
    NULL};
#undef PERM
