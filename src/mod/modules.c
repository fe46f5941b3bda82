/*
 * THE list of modules, in load order (a module's import files may refer to the
 * records of the modules above it).
 */
#include "core/module.h"

#include "account.h"
#include "alert_evidence.h"
#include "assess.h"
#include "assets.h"
#include "books.h"
#include "audit.h"
#include "complaint.h"
#include "discipline.h"
#include "disclose.h"
#include "draw.h"
#include "edu.h"
#include "io.h"
#include "org.h"
#include "portal.h"
#include "plan.h"
#include "power.h"
#include "rectify.h"
#include "rules.h"
#include "subsidy.h"
#include "trade.h"

const struct module *const modules[] = {
    &account_module,
    &org_module,
    &io_module,
    &draw_module, /* before portal: /p/draws is not a village code */
    &portal_module,
    &power_module,
    &books_module,
    &assets_module, /* assets before trade: its files load first */
    &trade_module,
    &complaint_module,
    &rectify_module,
    &audit_module,
    &discipline_module,
    &plan_module,
    &edu_module,
    &disclose_module,
    &subsidy_module,
    &assess_module, /* its indicators read the other modules through their headers */
    &rules_module,  /* the red-flag engine reads every module above */
    &alert_evidence_module,
    NULL,
};
