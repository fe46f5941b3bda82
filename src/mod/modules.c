/*
 * THE list of modules, in load order (a module's import files may refer to the
 * records of the modules above it).
 */
#include "books.h"
#include "core/module.h"

#include "account.h"
#include "assets.h"
#include "audit.h"
#include "complaint.h"
#include "discipline.h"
#include "disclose.h"
#include "edu.h"
#include "draw.h"
#include "io.h"
#include "org.h"
#include "plan.h"
#include "portal.h"
#include "power.h"
#include "rectify.h"
#include "subsidy.h"
#include "trade.h"

const struct module *const modules[] = {
    &account_module,
    &org_module,
    &io_module,
    &draw_module, /* before portal: /p/draws is not a village code */
    &portal_module,
    &power_module,
    &complaint_module,
    &rectify_module,
    &audit_module,
    &discipline_module,
    &books_module,
    &assets_module, /* assets before trade: its files load first */
    &trade_module,
    &disclose_module,
    &subsidy_module,
    &plan_module,
    &edu_module,
    NULL,
};
