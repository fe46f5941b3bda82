/*
 * The red-flag engine (大数据监督, programme measure 11): the rules of
 * domain/rules.md in families (K 干部, M 议事决策, R 信访与整改, and B, C, P, D, S
 * as their data lands), their parameters per township (each change logged), the
 * scan that evaluates them for an as_of date, and the alerts they raise with the
 * verification workflow (新预警 → 已交办 → 核查中 → 属实/部分属实/不属实 → 整改中
 * → 已关闭).  A scan is a pure function of the data and as_of; syncing its
 * findings into the alerts table is a separate, logged step.  Other modules reach
 * the engine only through this header: rules_village_eval() after a write (or
 * nothing at all: the worker of `serve` follows the log), rules_village_risk()
 * for a village's colour.  Family files (rules_<x>.c) see the engine section
 * below and nothing of HTTP.
 */
#ifndef QL_RULES_H
#define QL_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/module.h"

extern const struct module rules_module;
extern struct db_stmts rules_stmts;

/* ---- families ------------------------------------------------------------------ */

enum rules_fam {
	RULES_FAM_K = 1u << 0, /* 干部 */
	RULES_FAM_M = 1u << 1, /* 议事决策 */
	RULES_FAM_R = 1u << 2, /* 信访与整改 */
	RULES_FAM_B = 1u << 3, /* 账务 */
	RULES_FAM_C = 1u << 4, /* 合同与资产资源 */
	RULES_FAM_P = 1u << 5, /* 工程项目与产权交易 */
	RULES_FAM_D = 1u << 6, /* 三务公开 */
	RULES_FAM_S = 1u << 7, /* 惠民补助资金 */
	RULES_FAM_ALL = 0xffu,
};

/* ---- scanning ------------------------------------------------------------------ */

/* A record an alert cites: a logged table (trail entity) and its row id.  The
 * fingerprint of an alert hashes its message and the cited rows' logged
 * values. */
struct rules_cite {
	const char *entity; /* "positions", "matter_steps", ... */
	int64_t id;	    /* row id */
};

/* One alert as a rule raises it. */
struct rules_finding {
	const char *rule;	  /* "K01" */
	unsigned family;	  /* enum rules_fam bit */
	int64_t village_id;	  /* villages.id */
	const char *village;	  /* 12-digit code */
	const char **keys;	  /* domain/rules.md keys, in its order */
	size_t nkeys;		  /* entries in keys */
	const char *severity;	  /* high | medium | low */
	const char *message;	  /* Chinese, citing the records */
	struct rules_cite *cites; /* records seen */
	size_t ncites;		  /* entries in cites */
};

/* The findings of one scan, in the arena of the scan. */
struct rules_scan {
	const char *as_of;	     /* "YYYY-MM-DD" */
	struct rules_finding *items; /* sorted by rule, village code, keys */
	size_t n;		     /* entries in items */
	size_t cap;		     /* allocated */
};

/* Evaluate the registered rules of the families in mask (0 = all) for one
 * village (village_id 0 = every village) as of as_of.  Read-only; everything
 * lives in a.  E_INPUT for a malformed as_of. */
enum err rules_scan_run(struct db_conn *c, struct arena *a, const char *as_of, int64_t village_id,
			unsigned mask, struct rules_scan *out, struct errinfo *ei);

/* The JSON array of domain/rules.md's Output section, one object a line. */
char *rules_scan_json(struct arena *a, const struct rules_scan *s);

/* What a sync changed. */
struct rules_sync_stats {
	int64_t findings; /* alerts the rules raise */
	int64_t opened;	  /* new alerts, or re-raised after their evidence changed */
	int64_t updated;  /* open alerts whose message, evidence or raised flag changed */
	int64_t lapsed;	  /* untouched alerts the rules no longer raise */
	int64_t closed;	  /* alerts closed because their rectification was 销号 */
};

/* Bring the alerts of (village_id or every village, families in mask) in line
 * with the findings s (a scan of the same scope), each changed row logged in
 * tc's transaction.  A dismissed (不属实) or closed alert is raised again only
 * when its fingerprint changed. */
enum err rules_sync(struct trail_ctx *tc, struct arena *a, const struct rules_scan *s,
		    int64_t village_id, unsigned mask, struct rules_sync_stats *st,
		    struct errinfo *ei);

/* Incremental evaluation after a write: scan one village for the families in
 * mask as of as_of and sync, inside tc's transaction.  Callable by any module
 * after its write (the worker of `serve` does it for every write it sees). */
enum err rules_village_eval(struct trail_ctx *tc, int64_t village_id, unsigned mask,
			    const char *as_of, struct rules_sync_stats *st, struct errinfo *ei);

/* The families fed by a logged table (trail entity), 0 when none. */
unsigned rules_families_of_entity(const char *entity);

/* `qinglian scan`: evaluate as of as_of (NULL = today) for one village code
 * (NULL = all), print the JSON array (json) or a table to out.  When as_of is
 * today the findings are also synced into the alerts (a full scan). */
enum err rules_cli_scan(struct app *app, const char *as_of, const char *village_code, bool json,
			FILE *out, struct errinfo *ei);

/* A full scan as of today synced into the alerts village by village (what the
 * nightly job and `scan` of today do). */
enum err rules_full_scan(struct app *app, const char *today, struct errinfo *ei);
/* The newest log entry, and the incremental step of the worker: re-evaluate the
 * villages and families the log entries (from, to] wrote to — parameters and
 * catalogues of a township, or a village's record, mean a full scan. */
enum err rules_log_head(struct app *app, int64_t *seq, struct errinfo *ei);
enum err rules_log_apply(struct app *app, int64_t from, int64_t to, const char *today,
			 struct errinfo *ei);

/* The worker of `serve`: follows the log and re-evaluates the villages and
 * families written to (debounced), and runs a full scan at start when none ran
 * today and every night at 02:00 Beijing time.  stop joins it. */
enum err rules_worker_start(struct app *app, struct errinfo *ei);
void rules_worker_stop(void);

/* ---- risk colour ------------------------------------------------------------------ */

struct rules_risk {
	const char *colour; /* 红 | 黄 | 绿 */
	const char *level;  /* red | yellow | green */
	int64_t high;	    /* open alerts of severity high */
	int64_t medium;	    /* … medium */
	int64_t low;	    /* … low */
};

/* 红 with an open high alert; 黄 with an open medium one or three open low
 * ones; 绿 otherwise.  Open: every state but 不属实, 已关闭 and 已消除. */
void rules_risk_of(int64_t high, int64_t medium, int64_t low, struct rules_risk *out);
enum err rules_village_risk(struct db_conn *c, int64_t village_id, struct rules_risk *out);

/* ---- the engine, for the family files ----------------------------------------------- */

enum rules_param_kind {
	RP_MONEY, /* fen; written "1000.00" */
	RP_DAYS,  /* whole days */
	RP_COUNT, /* a whole number */
	RP_RATIO, /* parts per million; written "0.15" */
};

struct rules_param_def {
	const char *name;	    /* "cash_limit" */
	const char *label;	    /* Chinese */
	enum rules_param_kind kind; /* how the value is written and read */
	int64_t dflt;		    /* domain/rules.md's default (fen, days, count, ppm) */
	/* Kept by another module's township settings (power_params, trade
	 * thresholds), not here: 0 = ours, else which field (RULES_PF_*). */
	int power_field;
};

enum {
	RULES_PF_NONE,
	RULES_PF_MAJOR,	      /* power: major_threshold_fen */
	RULES_PF_DECISION,    /* power: decision_threshold_fen */
	RULES_PF_RESULT_DAYS, /* power: result_publish_days */
	RULES_PF_TRADE,	      /* trade: trade_threshold_fen */
	RULES_PF_BIDDING,     /* trade: bidding_threshold_fen */
};

struct rules_def {
	const char *code;		      /* "B02" */
	const char *name;		      /* 拆分支付规避审批 */
	const char *severity;		      /* high | medium | low */
	const char *keys;		      /* "voucher_nos" (documentation) */
	const char *basis;		      /* legal basis, Chinese */
	const struct rules_param_def *params; /* its own parameters */
	size_t nparams;			      /* entries in params */
};

struct rules_village {
	int64_t id;	       /* villages.id */
	const char *code;      /* 12-digit code */
	const char *name;      /* 名称 */
	const char *township;  /* 乡镇 */
	const char *first_day; /* the village's first day (rules.md), NULL if none */
};

/* A post held in the village (positions joined with people). */
struct rules_post {
	int64_t id;	   /* positions.id */
	int64_t person_id; /* people.id */
	const char *id_no; /* 身份证号 */
	const char *name;  /* 姓名 */
	const char *post;  /* 书记, 主任, ... */
	const char *start; /* start_date */
	const char *end;   /* end_date as recorded, NULL while in office */
};

/* A declared relation (relatives.csv), read in both directions. */
struct rules_rel {
	int64_t id;	      /* relatives.id */
	int64_t a;	      /* cadre_id (people.id) */
	int64_t b;	      /* relative_id (people.id) */
	const char *a_id_no;  /* 身份证号 of a */
	const char *b_id_no;  /* 身份证号 of b */
	const char *b_name;   /* 姓名 of b */
	const char *a_name;   /* 姓名 of a */
	const char *relation; /* 配偶, ... (as declared by a) */
};

struct rules_ctx;

struct rules_family {
	unsigned bit;		       /* enum rules_fam */
	const char *letter;	       /* "K" */
	const char *title;	       /* 干部 */
	const struct rules_def *rules; /* its rules */
	size_t nrules;		       /* entries in rules */
	const char *const *entities;   /* trail entities that feed it, NULL-terminated */
	/* Its alerts in one village depend on other villages' records (S02, S05,
	 * C02): incremental evaluation then re-evaluates it for every village. */
	bool cross_village;
	/* Once per scan before the villages (data across villages), or NULL. */
	enum err (*prepare)(struct rules_ctx *cx, struct errinfo *ei);
	/* Every rule of the family for cx's current village. */
	enum err (*village)(struct rules_ctx *cx, struct errinfo *ei);
};

extern const struct rules_family rules_family_b, rules_family_c, rules_family_d, rules_family_k,
    rules_family_m, rules_family_p, rules_family_r, rules_family_s;

/* The scan in progress. */
struct rules_ctx {
	struct db_conn *c;		/* read connection */
	struct arena *a;		/* scratch: the current village's (a family's
					 * prepare: the scan's) */
	struct arena *keep;		/* the scan's: findings, prepared states */
	const char *as_of;		/* "YYYY-MM-DD" */
	int64_t as_of_days;		/* days since 1970-01-01 */
	struct rules_scan *out;		/* findings */
	const struct rules_village *v;	/* the village being evaluated */
	const struct rules_family *fam; /* the family being evaluated */
	void *fam_state;		/* what the family's prepare left for its villages */
	struct rules_cache *cache;	/* parameters, posts and relations (rules.c) */
	int64_t batch_lo;		/* lowest village id of the current batch */
	int64_t batch_hi;		/* highest village id of the current batch */
};

/* The rows of a per-village statement of rules_db.c for the current village.
 * Villages are scanned in id order, in batches; the statement runs once per
 * batch ($1, $2: the batch's lowest and highest village id; $3: as_of when
 * with_as_of), its last column is the village id and its rows come ordered by
 * it first.  rules_next() hands out the current village's rows one by one (NULL
 * after its last; values borrowed until the next call) and skips the rows of
 * villages before it.  A read error is reported by the scan. */
struct rules_rows;
enum err rules_query(struct rules_ctx *cx, unsigned st, bool with_as_of, struct rules_rows **out,
		     struct errinfo *ei);
const struct db_res *rules_next(struct rules_ctx *cx, struct rules_rows *r);

/* The effective value of a parameter for the current village's township. */
int64_t rules_param(struct rules_ctx *cx, const char *rule, const char *name);

/* Raise an alert of rule for the current village.  keys and cites are copied;
 * the message is printf-formatted. */
void rules_emit(struct rules_ctx *cx, const char *rule, const char *const *keys, size_t nkeys,
		const struct rules_cite *cites, size_t ncites, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Posts held in the current village (every term begun by as_of, ordered by
 * start date, post, id), and the declared relations touching their holders. */
enum err rules_posts(struct rules_ctx *cx, const struct rules_post **posts, size_t *n,
		     struct errinfo *ei);
enum err rules_rels(struct rules_ctx *cx, const struct rules_rel **rels, size_t *n,
		    struct errinfo *ei);

/* A posted voucher of the current village dated on or before as_of, with the
 * sums domain/rules.md's terms need (accounts' tags: cash, bank, income,
 * expense, nonproductive, payroll; sub-accounts carry their parent's). */
struct rules_voucher {
	int64_t id;		 /* book_vouchers.id */
	const char *no;		 /* voucher_no */
	const char *date;	 /* 日期 */
	const char *pay_method;	 /* 现金 | 转账 | 其他 | NULL */
	const char *handler;	 /* 经办人, NULL when blank */
	const char *approver;	 /* 审批人, NULL when blank */
	const char *entered;	 /* Beijing date of entered_at, NULL when blank */
	const char *matter_no;	 /* as written, NULL when blank */
	const char *project_no;	 /* as written, NULL when blank */
	const char *contract_no; /* as written, NULL when blank */
	const char *party;	 /* first counterparty name on its lines, or NULL */
	const char *party_id;	 /* first counterparty_id on its lines, or NULL */
	const char *party_key;	 /* counterparty key: party_id, else party without blanks */
	int64_t paid;		 /* paid amount (fen); > 0 only for payment vouchers */
	bool cash;		 /* a cash payment */
	bool carry;		 /* a carry-forward voucher (a line on 321) */
	bool payroll;		 /* debits an account tagged payroll */
	int64_t income;		 /* credits − debits on income accounts */
	int64_t expense;	 /* debits − credits on expense accounts */
	int64_t nonprod;	 /* debits − credits on nonproductive accounts */
};

/* The current village's vouchers, ordered by date then voucher_no. */
enum err rules_vouchers(struct rules_ctx *cx, const struct rules_voucher **v, size_t *n,
			struct errinfo *ei);

/* Does p hold its post on day ("YYYY-MM-DD")? */
bool rules_post_holds(const struct rules_post *p, const char *day);

/* Why id_no (a 身份证号, or any counterparty id) is related to a cadre of the
 * current village on day: NULL when it is not, else a Chinese phrase ("本人任
 * 书记", "系书记张三的配偶") in the arena; *post_id and *rel_id (may be NULL)
 * receive the cited position and relation (0 if none). */
const char *rules_related(struct rules_ctx *cx, const char *id_no, const char *day,
			  int64_t *post_id, int64_t *rel_id, struct errinfo *ei);

/* Date helpers over canonical "YYYY-MM-DD" (days since 1970-01-01). */
int64_t rules_days(const char *ymd); /* DATEFMT_INVALID for NULL or malformed */
/* A present date: given and on or before as_of. */
bool rules_present(const struct rules_ctx *cx, const char *ymd);
const char *rules_date_add(struct rules_ctx *cx, const char *ymd, int64_t n); /* arena */
const char *rules_money(struct rules_ctx *cx, int64_t fen);		      /* "1,234.50" */

/* ---- the engine's own (rules.c), shared with rules_api.c ------------------------------ */

/* The registered families, NULL-terminated. */
const struct rules_family *const *rules_families(void);
const struct rules_def *rules_def_find(const char *code);
const struct rules_param_def *rules_param_def_find(const char *rule, const char *name);
/* A parameter's text ("1000.00", "30", "0.15") into its value, and back. */
enum err rules_param_parse(const struct rules_param_def *d, const char *text, int64_t *out,
			   struct errinfo *ei);
void rules_param_format(const struct rules_param_def *d, int64_t v, char out[32]);
/* The effective value of a parameter for a village's township. */
enum err rules_param_value(struct db_conn *c, struct arena *a, int64_t village_id, const char *rule,
			   const char *name, int64_t *out, struct errinfo *ei);
/* Record a sync in rule_runs (logged). */
enum err rules_run_record(struct trail_ctx *tc, struct arena *a, const char *kind,
			  const char *as_of, int64_t village_id, unsigned mask,
			  const struct rules_sync_stats *st, struct errinfo *ei);
/* Sync a scan of every family village by village (one write transaction each)
 * and record the run. */
enum err rules_full_sync(struct app *app, struct arena *a, struct rules_scan *s, int64_t village_id,
			 struct rules_sync_stats *st, struct errinfo *ei);

/* ---- statements (rules_db.c) ------------------------------------------------------- */

enum rules_st {
	RULES_ST_VILLAGES,
	RULES_ST_FIRST_DAY,
	RULES_ST_POSTS,
	RULES_ST_RELS,
	RULES_ST_PARAMS_ALL,
	RULES_ST_ACCOUNTS, /* the books' accounts and their tags, once a scan */
	RULES_ST_SCAN_MEM, /* work memory of a full scan's transaction (PostgreSQL) */
	RULES_ST_K_EVENTS,
	RULES_ST_K_AUDITS,
	RULES_ST_M_MATTERS,
	RULES_ST_M_STEPS,
	RULES_ST_M_ACTS,
	RULES_ST_VOUCHERS,
	RULES_ST_LINES,
	RULES_ST_B_RESOLVED,
	RULES_ST_C_CONTRACTS,
	RULES_ST_C_LEASES,
	RULES_ST_C_BILLS,
	RULES_ST_P_PROJECTS,
	RULES_ST_P_TRADES,
	RULES_ST_P_BIDS,
	RULES_ST_D_DISCLOSURES,
	RULES_ST_S_PAYMENTS,
	RULES_ST_S_REPEATS,
	RULES_ST_S_SHARED,
	RULES_ST_R_COMPLAINTS,
	RULES_ST_R_RECTS,
	RULES_ST_PARAM_GET,
	RULES_ST_PARAM_ALL,
	RULES_ST_PARAM_FIND,
	RULES_ST_PARAM_INSERT,
	RULES_ST_PARAM_UPDATE,
	RULES_ST_PARAMS_OF_TOWNSHIP,
	RULES_ST_TOWNSHIPS,
	RULES_ST_TOWNSHIP_VILLAGE,
	RULES_ST_ALERT_GET,
	RULES_ST_ALERT_ALL,
	RULES_ST_ALERTS_SCOPE,
	RULES_ST_ALERT_INSERT,
	RULES_ST_ALERT_REFRESH,
	RULES_ST_ALERT_REOPEN,
	RULES_ST_ALERT_UNRAISE,
	RULES_ST_ALERT_FINISH,
	RULES_ST_ALERT_ASSIGN,
	RULES_ST_ALERT_STATE,
	RULES_ST_ALERT_VERDICT,
	RULES_ST_ALERT_RECTIFY,
	RULES_ST_ALERT_ROW,
	RULES_ST_ALERT_LIST,
	RULES_ST_ALERT_COUNT,
	RULES_ST_ALERT_FIND,
	RULES_ST_RISK_VILLAGE,
	RULES_ST_RISK_ALL,
	RULES_ST_GRID,
	RULES_ST_NOTE_GET,
	RULES_ST_NOTE_ALL,
	RULES_ST_NOTE_INSERT,
	RULES_ST_NOTES_OF,
	RULES_ST_USER_FIND,
	RULES_ST_RUN_GET,
	RULES_ST_RUN_ALL,
	RULES_ST_RUN_INSERT,
	RULES_ST_RUN_LAST_FULL,
	RULES_ST_RUNS_RECENT,
	RULES_ST_TRAIL_MAX,
	RULES_ST_TRAIL_SINCE,
	RULES_ST_TRAIL_COMPLAINTS,
	RULES_ST_ASSIGNEES, /* who an alert may be assigned to (rules_api.c) */
	RULES_ST__MAX
};

enum rules_table { RULES_T_PARAMS, RULES_T_ALERTS, RULES_T_NOTES, RULES_T_RUNS, RULES_T__MAX };
extern const struct trail_table rules_tables[RULES_T__MAX];

#endif
