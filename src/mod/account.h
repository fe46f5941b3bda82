/*
 * Accounts and the system's own routes: health and metrics, login and logout,
 * the session answer the console starts from, password change, user
 * management for the admin, the menu of modules, the record timeline and the
 * current signed checkpoint.
 */
#ifndef QL_ACCOUNT_H
#define QL_ACCOUNT_H

#include "core/module.h"

extern const struct module account_module;

/* The villages of a user's scope as [{id, code, name}] for the session answer;
 * provided by the module that keeps villages (org). */
json_t *org_villages_json(struct db_conn *c, const struct principal *u);

#endif
