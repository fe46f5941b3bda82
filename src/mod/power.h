/*
 * The power module (programme measures 3 and 5): the petty-power catalogue
 * (小微权力清单: items with ordered steps, versioned by the township), matters
 * (事项办理) that run through an item's steps, the 五议两公开 procedure of 重大
 * matters with its statutory quorum and vote checks, 重大事项预报 and 重大项目
 * 预审 with the township's reply, inquiries (质询) with their working-day
 * deadline, per-township parameters, and the holiday calendar an admin keeps.
 * Other modules reach decisions only through this header (power_matter_resolved
 * for the threshold tie-in of vouchers, contracts and projects).
 */
#ifndef QL_POWER_H
#define QL_POWER_H

#include <stdbool.h>

#include "core/module.h"
#include "core/workdays.h"

extern const struct module power_module;
extern struct db_stmts power_stmts;

/* ---- the default catalogue (power_catalog.c) -------------------------------- */

struct power_step_def {
	const char *name;      /* 环节, e.g. "村级审查公示" */
	const char *role;      /* 责任主体, e.g. "村民委员会" */
	const char *documents; /* 所需材料 */
	int days;	       /* 时限 in calendar days, 0 = none */
};

struct power_item_def {
	const char *code;		    /* "JT01" */
	const char *category;		    /* 集体管理 | 便民服务 */
	const char *name;		    /* 事项名称 */
	const char *legal_basis;	    /* 依据 */
	bool major;			    /* matters of this item are 重大 by kind */
	bool prereview;			    /* needs 重大项目预审 before 决议 */
	int days;			    /* whole procedure, calendar days, 0 = none */
	const struct power_step_def *steps; /* in order */
	size_t nsteps;			    /* entries in steps */
};

extern const struct power_item_def *const power_catalog;
extern const size_t power_catalog_count;
/* 提议 → 商议 → 审议 → 决议 → 决议公开 → 实施 → 结果公开 */
extern const struct power_step_def *const power_wuyi_steps;
#define POWER_WUYI_N 7

/* The seven step names, in order (index + 1 is the step's seq). */
extern const char *const power_wuyi_names[POWER_WUYI_N + 1];

/* ---- per-township parameters --------------------------------------------------- */

#define POWER_DEFAULT_MAJOR_FEN	   5000000 /* 50,000.00 yuan (rules.md M01) */
#define POWER_DEFAULT_DECISION_FEN 500000  /* 5,000.00 yuan (rules.md B02/B03) */
#define POWER_DEFAULT_PUBLICITY	   5	   /* days a 决议 is on show before 实施 */
#define POWER_DEFAULT_RESULT_DAYS  30	   /* 实施 → 结果公开 (rules.md M04) */

struct power_params {
	char township[64];		/* the village's township */
	int64_t major_threshold_fen;	/* amount ≥ this makes a matter 重大 */
	int64_t decision_threshold_fen; /* payments ≥ this need a 决议 */
	int64_t publicity_days;		/* 决议公开 → earliest 实施, calendar days */
	int64_t result_publish_days;	/* 实施 → 结果公开 at the latest */
};

/* The parameters of a village's township (defaults where none were set). */
enum err power_params_of_village(struct db_conn *c, int64_t village_id, struct power_params *out);

/* Does matter matter_no of the village have a 决议 step dated on or before
 * date ("YYYY-MM-DD")?  *resolved false also when there is no such matter. */
enum err power_matter_resolved(struct db_conn *c, int64_t village_id, const char *matter_no,
			       const char *date, bool *resolved);

/* The working-day calendar: embedded holidays.csv with the admin's `holidays`
 * rows laid over it, in arena a. */
enum err power_calendar_load(struct db_conn *c, struct arena *a, struct workdays_cal *cal,
			     struct errinfo *ei);

/* Insert the default catalogue (version 1 of each item not yet present), each
 * row logged.  *inserted receives the number of items added. */
enum err power_catalog_seed(struct trail_ctx *tc, int64_t *inserted, struct errinfo *ei);

/* ---- statements (power_db.c) ----------------------------------------------------- */

enum power_st {
	POWER_ST_ITEM_GET,
	POWER_ST_ITEM_LOG_ALL,
	POWER_ST_ITEM_LIST,
	POWER_ST_ITEM_COUNT,
	POWER_ST_ITEM_VERSIONS,
	POWER_ST_ITEM_LATEST,
	POWER_ST_ITEM_INSERT,
	POWER_ST_ISTEP_GET,
	POWER_ST_ISTEP_LOG_ALL,
	POWER_ST_ISTEPS_OF_ITEM,
	POWER_ST_ISTEP_INSERT,
	POWER_ST_SET_GET,
	POWER_ST_SET_LOG_ALL,
	POWER_ST_SET_LIST,
	POWER_ST_SET_UPSERT,
	POWER_ST_SET_OF_VILLAGE,
	POWER_ST_MATTER_GET,
	POWER_ST_MATTER_LOG_ALL,
	POWER_ST_MATTER_DETAIL,
	POWER_ST_MATTER_LIST,
	POWER_ST_MATTER_COUNT,
	POWER_ST_MATTER_INSERT,
	POWER_ST_MATTER_FIND,
	POWER_ST_MATTER_UPDATE_CHANGED,
	POWER_ST_MATTER_SET_PROPOSED,
	POWER_ST_MATTER_NEXT_NO,
	POWER_ST_MATTERS_EXPORT,
	POWER_ST_MSTEP_GET,
	POWER_ST_MSTEP_LOG_ALL,
	POWER_ST_MSTEPS_OF_MATTER,
	POWER_ST_MSTEP_INSERT,
	POWER_ST_MSTEP_FIND,
	POWER_ST_MSTEPS_EXPORT,
	POWER_ST_ATT_GET,
	POWER_ST_ATT_LOG_ALL,
	POWER_ST_ATTS_OF_MATTER,
	POWER_ST_ATT_INSERT,
	POWER_ST_BLOB_PUT,
	POWER_ST_BLOB_GET,
	POWER_ST_FIL_GET,
	POWER_ST_FIL_LOG_ALL,
	POWER_ST_FILS_OF_MATTER,
	POWER_ST_FIL_INSERT,
	POWER_ST_FIL_REPLY,
	POWER_ST_FIL_BEFORE,
	POWER_ST_INQ_GET,
	POWER_ST_INQ_LOG_ALL,
	POWER_ST_INQ_LIST,
	POWER_ST_INQ_COUNT,
	POWER_ST_INQ_INSERT,
	POWER_ST_INQ_ANSWER,
	POWER_ST_INQS_OF_MATTER,
	POWER_ST_HOL_GET,
	POWER_ST_HOL_LOG_ALL,
	POWER_ST_HOL_UPSERT,
	POWER_ST_INBOX_MATTERS,
	POWER_ST_INBOX_INQUIRIES,
	POWER_ST_INBOX_FILINGS,
	POWER_ST_RESOLVED,
	POWER_ST_PORTAL_VILLAGE,
	POWER_ST_PORTAL_DECISIONS,
	POWER_ST__MAX
};

/* The logged tables, indices into power_tables. */
enum power_table {
	POWER_T_ITEMS,
	POWER_T_ISTEPS,
	POWER_T_SETTINGS,
	POWER_T_MATTERS,
	POWER_T_MSTEPS,
	POWER_T_ATTACHMENTS,
	POWER_T_FILINGS,
	POWER_T_INQUIRIES,
	POWER_T_HOLIDAYS,
	POWER_T__MAX
};
extern const struct trail_table power_tables[POWER_T__MAX];

/* ---- the procedure (power.c), shared with the importer and the tests ------------- */

/* Statutory check of a meeting step of 五议两公开.  step is one of the seven;
 * meeting the meeting type; counts < 0 mean "not given".  E_OK, or E_RULE
 * (E_INPUT for impossible numbers) with the reason and the law in ei. */
struct power_meeting {
	const char *step;	    /* 审议, 决议, … */
	const char *meeting;	    /* 党员大会, 村民代表会议, 村民会议, … */
	int64_t members;	    /* 应到人数 (村民会议: adult villagers), -1 absent */
	int64_t attendees;	    /* 到会人数, -1 absent */
	int64_t votes_for;	    /* 同意, -1 absent */
	int64_t votes_against;	    /* 反对, -1 absent */
	int64_t votes_abstain;	    /* 弃权, -1 absent */
	int64_t households;	    /* 村民会议: households of the village, -1 absent */
	int64_t households_present; /* 村民会议: households represented, -1 absent */
};
enum err power_meeting_check(const struct power_meeting *m, struct errinfo *ei);

/* Index (0-based) of a 五议两公开 step name, or -1. */
int power_wuyi_index(const char *step);

/* Import files (power_import.c). */
extern const struct import_file power_imports[];
extern const size_t power_nimports;

/* Its generator (power_gen.c): matters.csv, matter_steps.csv, M01–M04 truth. */
struct gen_module;
extern const struct gen_module power_gen_module;

/* The public decisions page /p/{code}/decisions (power_html.c). */
enum err power_html_decisions(struct req *r);

#endif
