/*
 * The trade module (programme measure 6: 产权交易 "应进必进", 小型零散项目打包
 * 竞价): per-township thresholds; listings of a village's assets and resources
 * for lease (subject, reserve price, listing period, announcement) with their
 * bids, award to the highest valid bid and the contract made from it; small
 * projects through 登记 → 镇预审 → 审批 (citing a 决议) → 公告 → 竞价 (alone or
 * in a bundle, 打包竞价) → 合同 → 开工 → 验收, each step refused until the ones
 * before it are done; payments read from the books' vouchers citing the
 * project, and the overrun against the contract amount.  It sits on the assets
 * module (subjects, contracts); the assets module asks it two questions, the
 * township's thresholds and a listing's award, through this header.
 */
#ifndef QL_TRADE_H
#define QL_TRADE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/module.h"

extern const struct module trade_module;
extern struct db_stmts trade_stmts;

#define TRADE_DEFAULT_THRESHOLD_FEN 5000000 /* 50,000.00 yuan (rules.md C01) */
#define TRADE_DEFAULT_BIDDING_FEN   5000000 /* 50,000.00 yuan (rules.md P02/P03) */

/* Statement indices of trade_db.c. */
enum trade_st {
	TRADE_ST_SET_GET,
	TRADE_ST_SET_LOG_ALL,
	TRADE_ST_SET_LIST,
	TRADE_ST_SET_UPSERT,
	TRADE_ST_SET_OF_VILLAGE,
	TRADE_ST_TOWNSHIP_EXISTS,
	TRADE_ST_TRADE_GET,
	TRADE_ST_TRADE_LOG_ALL,
	TRADE_ST_TRADE_FIND,
	TRADE_ST_TRADE_INSERT,
	TRADE_ST_TRADE_IMPORT_UPDATE,
	TRADE_ST_TRADE_OPEN_ON_SUBJECT,
	TRADE_ST_TRADE_AWARD,
	TRADE_ST_TRADE_FAIL,
	TRADE_ST_TRADES_LIST,
	TRADE_ST_TRADES_COUNT,
	TRADE_ST_TRADE_DETAIL,
	TRADE_ST_TRADES_EXPORT,
	TRADE_ST_BID_GET,
	TRADE_ST_BID_LOG_ALL,
	TRADE_ST_BID_FIND,
	TRADE_ST_BID_INSERT,
	TRADE_ST_BID_IMPORT_UPDATE,
	TRADE_ST_BID_SET_WINNER,
	TRADE_ST_BIDS_OF_REF,
	TRADE_ST_BIDS_EXPORT,
	TRADE_ST_BUNDLE_GET,
	TRADE_ST_BUNDLE_LOG_ALL,
	TRADE_ST_BUNDLE_INSERT,
	TRADE_ST_BUNDLE_OPEN,
	TRADE_ST_BUNDLES_LIST,
	TRADE_ST_BUNDLE_BIDDERS,
	TRADE_ST_PROJ_GET,
	TRADE_ST_PROJ_LOG_ALL,
	TRADE_ST_PROJ_FIND,
	TRADE_ST_PROJ_INSERT,
	TRADE_ST_PROJ_IMPORT_UPDATE,
	TRADE_ST_PROJ_REVIEW,
	TRADE_ST_PROJ_APPROVE,
	TRADE_ST_PROJ_ANNOUNCE,
	TRADE_ST_PROJ_BID,
	TRADE_ST_PROJ_CONTRACT,
	TRADE_ST_PROJ_START,
	TRADE_ST_PROJ_ACCEPT,
	TRADE_ST_PROJ_SET_BUNDLE,
	TRADE_ST_PROJECTS_LIST,
	TRADE_ST_PROJECTS_COUNT,
	TRADE_ST_PROJECTS_OF_BUNDLE,
	TRADE_ST_PROJECTS_EXPORT,
	TRADE_ST_PROJ_PAYMENTS,
	TRADE_ST_PROJ_REFS,
	TRADE_ST_PORTAL_VILLAGE,
	TRADE_ST_PORTAL_TRADES,
	TRADE_ST_PORTAL_PROJECTS,
	TRADE_ST__MAX
};

/* The logged tables, indices into trade_tables. */
enum trade_table {
	TRADE_T_SETTINGS,
	TRADE_T_TRADES,
	TRADE_T_BIDS,
	TRADE_T_BUNDLES,
	TRADE_T_PROJECTS,
	TRADE_T__MAX
};
extern const struct trail_table trade_tables[TRADE_T__MAX];

/* ---- for the assets module ---------------------------------------------------- */

/* The township's thresholds for a village (defaults where none were set). */
struct trade_thresholds {
	char township[64];	       /* the village's township */
	int64_t trade_threshold_fen;   /* a lease worth this much must be listed (C01) */
	int64_t bidding_threshold_fen; /* a project this large must be bid (P03) */
};
enum err trade_thresholds_of_village(struct db_conn *c, int64_t village_id,
				     struct trade_thresholds *out);

/* A listing of the village by trade_no, as the award left it. */
struct trade_award {
	int64_t id;		  /* trades.id */
	const char *status;	  /* 挂牌 | 成交 | 流拍 */
	const char *subject_no;	  /* what was listed */
	const char *award_date;	  /* NULL until awarded (or from an import) */
	const char *closing_date; /* end of the listing period */
	int64_t final_price_fen;  /* −1 when none */
	const char *winner;	  /* 受让方, or NULL */
	const char *winner_id;	  /* 受让方证件号, or NULL */
	int64_t term_years;	  /* lease term listed, −1 when none */
	const char *matter_no;	  /* 决策事项编号, or NULL */
};
/* E_NOTFOUND when the village has no listing with that number. */
enum err trade_award_find(struct db_conn *c, struct arena *a, int64_t village_id,
			  const char *trade_no, struct trade_award *out);

/* ---- the project procedure, as pure data (trade.c) ------------------------------- */

enum trade_step {
	TRADE_STEP_REGISTER, /* 登记 */
	TRADE_STEP_REVIEW,   /* 镇预审 */
	TRADE_STEP_APPROVE,  /* 审批 */
	TRADE_STEP_ANNOUNCE, /* 公告 */
	TRADE_STEP_BID,	     /* 竞价（开标） */
	TRADE_STEP_CONTRACT, /* 合同 */
	TRADE_STEP_START,    /* 开工 */
	TRADE_STEP_ACCEPT,   /* 验收 */
	TRADE_STEP__MAX
};
extern const char *const trade_step_names[TRADE_STEP__MAX];

/* Where a project stands: the date of each step done (NULL when not). */
struct trade_progress {
	const char *date[TRADE_STEP__MAX]; /* by enum trade_step */
	bool review_passed;		   /* 镇预审 answered 通过 */
	bool direct;			   /* 直接委托: no bidding step */
};
/* The next step due, TRADE_STEP__MAX when accepted. */
enum trade_step trade_next_step(const struct trade_progress *p);
/* May step be recorded on date now?  E_RULE "trade.step_order" when an earlier
 * step is missing or this one is done, E_INPUT "trade.step_date" when date is
 * before the previous step's or after today. */
enum err trade_step_check(const struct trade_progress *p, enum trade_step step, const char *date,
			  const char *today, struct errinfo *ei);
/* Status label of a project: the last step done (登记 … 已验收), 预审未通过. */
const char *trade_status_label(const struct trade_progress *p);

/* Import files (trade_import.c).  trades.csv is listed by the assets module
 * between resources.csv and contracts.csv (formats.md order); projects.csv
 * and bids.csv by this module. */
#define TRADE_TRADE_NCOLS 9
extern const struct col_spec trade_trade_cols[TRADE_TRADE_NCOLS];
enum err trade_load_trades(struct import_ctx *ic, const struct import_set *rows,
			   struct import_report *rep);
enum err trade_export_trades(struct app *app, struct db_conn *c, const struct principal *u,
			     struct arena *a, struct table *out, struct errinfo *ei);
extern const struct import_file trade_imports[];
extern const size_t trade_nimports;

/* Its generator (trade_gen.c): trades.csv, projects.csv, bids.csv, P01–P07 truth. */
struct gen_module;
extern const struct gen_module trade_gen_module;

/* The public page /p/{code}/contracts (trade_html.c). */
enum err trade_html_page(struct req *r);

#endif
