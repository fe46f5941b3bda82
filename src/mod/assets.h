/*
 * The assets module (programme measure 6, 三资 beyond the books): fixed assets
 * (unit value ≥ 500 yuan, life > 1 year, straight-line depreciation by month,
 * status 在用/出租/闲置/处置), resources (耕地, 林地, 水面 … with area in
 * hundredths of a 亩), contracts (发包/租赁) on either with their bills,
 * receipts and arrears ageing, and the village's 债权债务 read from the books.
 * Other modules reach assets, resources and contracts only through this
 * header: the trade module finds a listing's subject and turns an award into a
 * contract with assets_contract_create, which applies every rule of a
 * contract (and asks the trade module whether a lease that reaches the
 * township's trade threshold went through a completed listing).
 */
#ifndef QL_ASSETS_H
#define QL_ASSETS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/module.h"
#include "mod/gen.h"

extern const struct module assets_module;
extern struct db_stmts assets_stmts;

/* Statement indices of assets_db.c. */
enum assets_st {
	ASSETS_ST_ASSET_GET,
	ASSETS_ST_ASSET_LOG_ALL,
	ASSETS_ST_ASSET_FIND,
	ASSETS_ST_ASSET_INSERT,
	ASSETS_ST_ASSET_IMPORT_UPDATE,
	ASSETS_ST_ASSET_SET_STATUS,
	ASSETS_ST_ASSETS_LIST,
	ASSETS_ST_ASSETS_COUNT,
	ASSETS_ST_ASSETS_EXPORT,
	ASSETS_ST_RES_GET,
	ASSETS_ST_RES_LOG_ALL,
	ASSETS_ST_RES_FIND,
	ASSETS_ST_RES_INSERT,
	ASSETS_ST_RES_IMPORT_UPDATE,
	ASSETS_ST_RES_LIST,
	ASSETS_ST_RES_COUNT,
	ASSETS_ST_RES_EXPORT,
	ASSETS_ST_CON_GET,
	ASSETS_ST_CON_LOG_ALL,
	ASSETS_ST_CON_FIND,
	ASSETS_ST_CON_INSERT,
	ASSETS_ST_CON_IMPORT_UPDATE,
	ASSETS_ST_CON_TERMINATE,
	ASSETS_ST_CON_OVERLAP,
	ASSETS_ST_CON_BY_TRADE,
	ASSETS_ST_CON_LIST,
	ASSETS_ST_CON_COUNT,
	ASSETS_ST_CON_DETAIL,
	ASSETS_ST_CON_OF_SUBJECT,
	ASSETS_ST_CON_EXPORT,
	ASSETS_ST_BILL_GET,
	ASSETS_ST_BILL_LOG_ALL,
	ASSETS_ST_BILL_FIND,
	ASSETS_ST_BILL_INSERT,
	ASSETS_ST_BILL_IMPORT_UPDATE,
	ASSETS_ST_BILL_SET_PAID,
	ASSETS_ST_BILL_PAYMENT_COUNT,
	ASSETS_ST_BILLS_OF_CONTRACT,
	ASSETS_ST_BILLS_EXPORT,
	ASSETS_ST_PAY_GET,
	ASSETS_ST_PAY_LOG_ALL,
	ASSETS_ST_PAY_INSERT,
	ASSETS_ST_PAYS_OF_CONTRACT,
	ASSETS_ST_ARREARS,
	ASSETS_ST_DEBTS,
	ASSETS_ST_PORTAL_CONTRACTS,
	ASSETS_ST__MAX
};

/* The logged tables, indices into assets_tables. */
enum assets_table {
	ASSETS_T_ASSETS,
	ASSETS_T_RESOURCES,
	ASSETS_T_CONTRACTS,
	ASSETS_T_BILLS,
	ASSETS_T_PAYMENTS,
	ASSETS_T__MAX
};
extern const struct trail_table assets_tables[ASSETS_T__MAX];

#define ASSETS_MIN_VALUE_FEN	  50000 /* a fixed asset: unit value ≥ 500.00 yuan */
#define ASSETS_MIN_LIFE_MONTHS	  13	/* … and a useful life of more than one year */
#define ASSETS_MAX_ASSET_YEARS	  20	/* 民法典 第七百零五条: a lease of an asset */
#define ASSETS_MAX_RESOURCE_YEARS 30	/* rules.md C03 max_resource_term */

/* ---- pure rules (assets.c), shared with the importer, the generator and tests -- */

/* Straight-line depreciation by month.  The month of acquisition is not
 * depreciated; each later month is, up to the last month that has ended on or
 * before as_of, and up to and including the month of disposal; never more
 * than life_months.  monthly = (original − salvage) / life, the last month
 * taking the remainder so that a fully depreciated asset ends at salvage. */
struct assets_depreciation {
	int64_t months;		 /* months depreciated */
	int64_t monthly_fen;	 /* ordinary monthly charge */
	int64_t accumulated_fen; /* 累计折旧 */
	int64_t net_fen;	 /* 净值 = original − accumulated */
};
/* false when a date is not canonical or life_months < 1. */
bool assets_depreciation_at(int64_t original_fen, int64_t salvage_fen, int64_t life_months,
			    const char *acquired, const char *disposed, const char *as_of,
			    struct assets_depreciation *out);
/* Useful life of a category (房屋及建筑物 240 months …); 60 for others. */
int64_t assets_default_life_months(const char *category);

/* Ageing of a bill overdue by days (as_of − due_date): 0 for 0–90 days, 1 for
 * 91–180, 2 for 181–365, 3 for more than 365; −1 when not yet due. */
int assets_ageing_bucket(int64_t days_overdue);
extern const char *const assets_ageing_labels[4]; /* "0-90天" … */

/* A counterparty's identifier: 18-character 身份证号 (GB 11643) or 统一社会信用代码
 * (GB 32100).  NULL when valid, else why not, in Chinese. */
const char *assets_party_problem(const char *id);
/* A firm rather than a person: a valid credit code, or (no identifier) a name
 * that ends the way firms' and organisations' names do. */
bool assets_party_is_firm(const char *name, const char *id);

/* rules.md: a term exceeds N years when end ≥ start + N calendar years. */
bool assets_term_exceeds(const char *start, const char *end, int years);
/* annual_rent × term in years (term = end − start + 1 days, a year = 365 days)
 * reaches threshold, computed exactly in integers. */
bool assets_value_reaches(int64_t annual_rent_fen, const char *start, const char *end,
			  int64_t threshold_fen);
/* The value itself, fen, rounded down. */
int64_t assets_lease_value_fen(int64_t annual_rent_fen, const char *start, const char *end);
/* "12.5", "12.50亩" → 1250; E_INPUT with a Chinese message otherwise. */
enum err assets_area_parse(const char *s, int64_t *x100, struct errinfo *ei);
/* 1250 → "12.50" */
void assets_area_format(int64_t x100, char out[32]);

/* ---- subjects and contracts (assets.c), for the trade module -------------------- */

/* What a contract or a listing names: an asset or a resource of the village. */
struct assets_subject {
	int64_t id;	      /* assets.id or resources.id */
	bool resource;	      /* a resource (else an asset) */
	const char *no;	      /* asset_no or resource_no */
	const char *name;     /* 名称 */
	const char *kind;     /* resource kind, or the asset's category (may be NULL) */
	const char *status;   /* asset status, NULL for a resource */
	int64_t area_mu_x100; /* resource area, −1 for an asset */
};
/* E_NOTFOUND (nothing in ei) when no asset or resource of the village has that number. */
enum err assets_subject_find(struct db_conn *c, struct arena *a, int64_t village_id, const char *no,
			     struct assets_subject *out);

/* A contract as entered, or as made from a listing's award. */
struct assets_contract {
	int64_t village_id;	     /* its village */
	const char *contract_no;     /* 合同编号 */
	const char *subject_no;	     /* asset_no or resource_no */
	const char *counterparty;    /* 承包方 */
	const char *counterparty_id; /* 身份证号 or 统一社会信用代码 */
	const char *sign_date;	     /* 签订日期 */
	const char *start_date;	     /* 起始日期 */
	const char *end_date;	     /* 终止日期 */
	int64_t annual_rent_fen;     /* 年租金 */
	int64_t area_mu_x100;	     /* 面积, −1 when not given */
	const char *trade_no;	     /* 交易编号 or NULL */
	const char *matter_no;	     /* 决策事项编号 or NULL */
};
/* Check every rule of a new contract (dates, the subject known and not
 * disposed of, area within the resource, no overlap on the subject, the legal
 * term, a completed listing when the lease value reaches the township's trade
 * threshold, a 决议 when it reaches the decision threshold), then insert and
 * log it.  today bounds the sign date.  Errors in ei (Chinese, with the field). */
enum err assets_contract_create(struct trail_ctx *tc, struct arena *a,
				const struct assets_contract *k, const char *today, int64_t *id,
				struct errinfo *ei);

/* Import files (assets_import.c): assets.csv, resources.csv, then the trade
 * module's trades.csv, then contracts.csv and contract_bills.csv, so that a
 * directory loads in the order of domain/formats.md. */
extern const struct import_file assets_imports[];
extern const size_t assets_nimports;

/* Import helpers shared with trade_import.c.  The village of a row's column
 * col: known, and in the importing user's scope (else reported, false). */
bool assets_import_village(struct import_ctx *ic, const struct import_set *s,
			   const struct import_row *row, size_t col, struct import_report *rep,
			   int64_t *vid);
/* Run an export statement (params: all-villages flag, user id) and lay its
 * rows out under the English names of cols, each cell written as the column's
 * type reads it back (money "1234.50", area "12.50", booleans 是/否). */
enum err assets_export_table(struct db_conn *c, const struct principal *u, struct arena *a,
			     const struct db_stmts *set, unsigned st, const struct col_spec *cols,
			     size_t ncols, struct table *out);

/* The contracts section of the public page /p/{code}/contracts
 * (assets_html.c): persons masked, firms whole. */
enum err assets_html_contracts(struct req *r, int64_t village_id, struct buf *b);
/* A counterparty as the public may see it: a firm (assets_party_is_firm) by
 * its name and 统一社会信用代码, a person by the masked name only (core/mask.h). */
void assets_html_party(struct buf *b, struct arena *a, const char *name, const char *id);

/* ---- the generator (assets_gen.c) ---------------------------------------------- */

#define ASSETS_GEN_MAX_BIDS 6

/* One bidder of a generated listing. */
struct assets_gen_bid {
	const char *name; /* 投标人 */
	char id[19];	  /* 身份证号 or 统一社会信用代码 */
	int64_t price;	  /* fen */
};

/* A listing the generator made for a lease (trade_gen writes it). */
struct assets_gen_trade {
	char no[24];					 /* trade_no */
	char subject[16];				 /* subject_no */
	int32_t listed;					 /* listed_date, days */
	int32_t closing;				 /* closing_date, days */
	int64_t reserve;				 /* reserve price, fen (annual rent) */
	int64_t final;					 /* final price, fen */
	const char *winner;				 /* 受让方 */
	char winner_id[19];				 /* 受让方证件号 */
	int nbids;					 /* entries in bids */
	struct assets_gen_bid bids[ASSETS_GEN_MAX_BIDS]; /* the winner first */
};

/* Everything of a village's assets, resources and leases, deterministic from
 * the run's seed: computed by assets_gen for its files, and again by
 * trade_gen for trades.csv and the listings' bids. */
struct assets_gen_plan {
	struct assets_gen_trade *trades; /* listings, in trade_no order */
	size_t n_trades;		 /* entries in trades */
};
enum err assets_gen_plan_make(struct gen_ctx *g, const struct gen_village *v, struct arena *a,
			      struct assets_gen_plan *out);

extern const struct gen_module assets_gen_module;

#endif
