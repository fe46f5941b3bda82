/*
 * The permission objects declared by perms.def: perm_<name>.
 */
#ifndef QL_PERMS_H
#define QL_PERMS_H

#include "core/rbac.h"

#define PERM(name, desc, roles, anon) extern const struct perm perm_##name;
#include "perms.def"
#undef PERM

/* All permissions, for the matrix and docs; NULL-terminated. */
extern const struct perm *const perms_all[];

#endif
