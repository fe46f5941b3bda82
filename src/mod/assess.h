/*
 * The year-end assessment (四 实施步骤 检查考核, 五.3 考评): per year an
 * indicator tree whose leaf weights sum to 100; computed indicators read the
 * other modules' records through their headers, each a row of the registry
 * {code, name, formula text, function}; manual indicators are scored with
 * evidence by a named assessor; deductions (扣分) for poor implementation; a
 * negative list (一票否决: manual entries, and the discipline module's
 * decided cases of the third and fourth forms); grades A–D, ranking, the
 * year's 示范村 among the villages that pass; a breakdown that shows a village
 * how its score was computed; the annual report per village and for the
 * township (PDF and .xlsx).  Scores are integers in hundredths of a point,
 * never floats.  Other modules reach the assessment only through this header.
 */
#ifndef QL_ASSESS_H
#define QL_ASSESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/module.h"

extern const struct module assess_module;
extern struct db_stmts assess_stmts;

/* ---- the registry of computed indicators -------------------------------------------- */

/* One village's count for a computed indicator: the score is weight × num ÷
 * den; den 0 means nothing fell due, which scores full marks. */
struct assess_count {
	int64_t num; /* 分子: what was done (on time) */
	int64_t den; /* 分母: what fell due */
};

/* What an indicator function gets: the villages (ids ascending) and a zeroed
 * count per village to fill. */
struct assess_calc {
	struct db_conn *c;		  /* read-only use */
	struct arena *a;		  /* for the computation */
	int year;			  /* the assessment year */
	const char *as_of;		  /* reference date: nothing dated later counts */
	size_t n;			  /* villages */
	const int64_t *village_ids;	  /* ascending */
	const char *const *village_codes; /* parallel to village_ids */
	struct assess_count *out;	  /* n entries, parallel to village_ids */
	struct errinfo *ei;		  /* details of a failure */
};

struct assess_indicator_def {
	const char *code;      /* stable key, e.g. "commitments_signed" */
	const char *name;      /* 廉政承诺书签订率 */
	const char *module;    /* the module whose records it reads */
	const char *formula;   /* the formula in Chinese, as shown to villages */
	const char *num_label; /* 分子的含义 */
	const char *den_label; /* 分母的含义 */
	enum err (*fn)(struct assess_calc *cx);
};

/* The registered computed indicators (only those whose module exists). */
extern const struct assess_indicator_def assess_registry[];
extern const size_t assess_registry_count;
const struct assess_indicator_def *assess_indicator_find(const char *code);

/* ---- scoring ----------------------------------------------------------------------- */

#define ASSESS_MAX_WEIGHT 100 /* leaf weights of a year sum to exactly this */

/* Score in hundredths of a point of weight × num ÷ den, rounded half up; full
 * marks when den is 0. */
int64_t assess_score_centi(int64_t weight, int64_t num, int64_t den);
/* "12.50" from 1250; "-" sign kept. */
void assess_centi_text(int64_t centi, char out[24]);
/* "8.5" / "8.50" / "8" → 850; false unless 0–2 decimals, non-negative. */
bool assess_centi_parse(const char *s, int64_t *out);
/* 'A'..'D' for a total (hundredths) against the bounds (whole points). */
char assess_grade(int64_t total_centi, int64_t a, int64_t b, int64_t c, bool vetoed);

/*
 * The year's assessment as JSON, computed from the records (a draft year, as
 * of min(the set's as_of, today)) or read back from the results fixed when it
 * was finalised:
 *   {"year","title","township","as_of","state","grades":{a,b,c},"models",
 *    "indicators":[leaves…],"villages":[breakdown…] (in rank order),
 *    "summary":{…}}
 * Each breakdown: {"village_id","village_code","village_name","items":[{code,
 * name,group,kind,weight,source,formula,num,den,num_label,den_label,
 * value_percent,score,score_centi,scored,assessor,evidence,evidence_sha256,
 * note}],"deductions","negative","items_score","deducted","total",
 * "total_centi","grade","rank","vetoed","passed","model"}.
 * E_NOTFOUND (with ei) when the year has no indicator set.
 */
enum err assess_year_json(struct db_conn *c, struct arena *a, int year, const char *today,
			  json_t **out, struct errinfo *ei);

/* ---- the annual report (assess_report.c) --------------------------------------------- */

/* PDF (cairo + pango, Noto Sans CJK SC) of the township (village NULL) or of
 * one village's breakdown (an element of y's "villages"), appended to out. */
enum err assess_report_pdf(const json_t *y, const json_t *village, const char *created,
			   struct buf *out, struct errinfo *ei);
/* .xlsx of the same: the ranking table with a column per indicator, or one
 * village's items.  path NULL: bytes into out. */
enum err assess_report_xlsx(const json_t *y, const json_t *village, const char *path,
			    struct buf *out, struct errinfo *ei);

/* ---- statements (assess_db.c) -------------------------------------------------------- */

enum assess_st {
	AS_ST_SET_GET,
	AS_ST_SET_ALL,
	AS_ST_SET_BY_YEAR,
	AS_ST_SET_UPSERT,
	AS_ST_SET_FINALIZE,
	AS_ST_SET_YEARS,
	AS_ST_IND_GET,
	AS_ST_IND_ALL,
	AS_ST_IND_OF_YEAR,
	AS_ST_IND_INSERT,
	AS_ST_IND_DELETE,
	AS_ST_IND_DELETE_ORDER,
	AS_ST_IND_BY_CODE,
	AS_ST_SCORE_GET,
	AS_ST_SCORE_ALL,
	AS_ST_SCORE_UPSERT,
	AS_ST_SCORES_OF_YEAR,
	AS_ST_SCORE_COUNT,
	AS_ST_EV_GET,
	AS_ST_EV_ALL,
	AS_ST_EV_INSERT,
	AS_ST_EV_FIND,
	AS_ST_FILE_PUT,
	AS_ST_FILE_GET,
	AS_ST_DED_GET,
	AS_ST_DED_ALL,
	AS_ST_DED_INSERT,
	AS_ST_DED_OF_YEAR,
	AS_ST_DED_DELETE,
	AS_ST_NEG_GET,
	AS_ST_NEG_ALL,
	AS_ST_NEG_INSERT,
	AS_ST_NEG_OF_YEAR,
	AS_ST_NEG_DELETE,
	AS_ST_RES_GET,
	AS_ST_RES_ALL,
	AS_ST_RES_INSERT,
	AS_ST_RES_OF_YEAR,
	AS_ST_VISIBLE,
	AS_ST__MAX
};

enum assess_table {
	AS_T_SETS,
	AS_T_INDICATORS,
	AS_T_EVIDENCE,
	AS_T_SCORES,
	AS_T_DEDUCTIONS,
	AS_T_NEGATIVE,
	AS_T_RESULTS,
	AS_T__MAX
};
extern const struct trail_table assess_tables[AS_T__MAX];

#endif
