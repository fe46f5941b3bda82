/*
 * The assessment: the registry of computed indicators (each a function over
 * the database that reads another module only through its header), the
 * score computation (integers in hundredths of a point), grades, ranking and
 * the 示范村, the year's JSON that the API, the report and the export share,
 * and the HTTP routes.  A finalised year is fixed: its results are read back,
 * never recomputed, and nothing of it changes any more.  SQL is in
 * assess_db.c; the report in assess_report.c.
 */
#include "assess.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "complaint.h"
#include "core/datefmt.h"
#include "core/json_out.h"
#include "discipline.h"
#include "disclose.h"
#include "edu.h"
#include "org.h"
#include "perms.h"
#include "plan.h"
#include "rectify.h"
#include "rules.h"
#include "modutil.h"
#include "modutil_file.h"

#define MAX_EVIDENCE	     (20u * 1024 * 1024) /* bytes of one evidence file */
#define DEPARTURE_AUDIT_DAYS 90			 /* rules.md K03 */
#define DEFAULT_GRADES                                                                             \
	{                                                                                          \
		90, 80, 60                                                                         \
	}		 /* A, B, C lower bounds, whole points */
#define DEFAULT_MODELS 3 /* 每年择优培育3个示范村（居） */
#define RED_FLAG_BASE  5 /* each confirmed red flag takes a fifth of the weight */

/* ---- numbers ------------------------------------------------------------------------ */

int64_t assess_score_centi(int64_t weight, int64_t num, int64_t den)
{
	if (den <= 0)
		return weight * 100;
	if (num > den)
		num = den;
	if (num < 0)
		num = 0;
	return (weight * 100 * num * 2 + den) / (2 * den);
}

void assess_centi_text(int64_t centi, char out[24])
{
	int64_t a = centi < 0 ? -centi : centi;
	snprintf(out, 24, "%s%lld.%02lld", centi < 0 ? "-" : "", (long long)(a / 100),
		 (long long)(a % 100));
}

bool assess_centi_parse(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	int64_t whole = 0, frac = 0;
	int nfrac = 0;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 1000000)
			return false;
	}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++nfrac > 2)
				return false;
			frac = frac * 10 + (*p - '0');
		}
		if (nfrac == 0)
			return false;
	}
	if (*p)
		return false;
	if (nfrac == 1)
		frac *= 10;
	*out = whole * 100 + frac;
	return true;
}

char assess_grade(int64_t total_centi, int64_t a, int64_t b, int64_t c, bool vetoed)
{
	if (vetoed)
		return 'D';
	if (total_centi >= a * 100)
		return 'A';
	if (total_centi >= b * 100)
		return 'B';
	if (total_centi >= c * 100)
		return 'C';
	return 'D';
}

/* ---- reading other modules' logged rows, by column name ------------------------------- */

/* The rows of a module's logged table, as its header publishes it (the log's
 * "all rows" statement), and the columns wanted by name.  A renamed column is
 * a broken contract: E_INTERNAL naming it. */
struct rows {
	struct db_res *res; /* open result */
	int col[12];	    /* indices of the wanted columns */
};

static enum err rows_open(struct assess_calc *cx, const struct trail_table *t,
			  const char *const *names, size_t n, struct rows *rw)
{
	enum err e = db_exec(cx->c, t->set, t->st_all, DB_NOPARAMS, &rw->res);
	if (e != E_OK)
		return e;
	int nc = db_ncols(rw->res);
	for (size_t i = 0; i < n; i++) {
		rw->col[i] = -1;
		for (int j = 0; j < nc; j++)
			if (strcmp(db_colname(rw->res, j), names[i]) == 0)
				rw->col[i] = j;
		if (rw->col[i] < 0) {
			db_done(rw->res);
			return err_set(cx->ei, E_INTERNAL, "assess.column", NULL,
				       "考核指标读取 %s 表时缺少列 %s", t->entity, names[i]);
		}
	}
	return E_OK;
}

static const char *rt(const struct rows *rw, int i)
{
	return db_text(rw->res, rw->col[i]);
}

static int64_t ri(const struct rows *rw, int i)
{
	return db_int(rw->res, rw->col[i]);
}

/* Index of village vid among cx's villages, or -1. */
static long vix(const struct assess_calc *cx, int64_t vid)
{
	size_t lo = 0, hi = cx->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cx->village_ids[mid] == vid)
			return (long)mid;
		if (cx->village_ids[mid] < vid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static bool between(const char *d, const char *from, const char *to)
{
	return d && strcmp(d, from) >= 0 && strcmp(d, to) <= 0;
}

static const char *min_date(const char *a, const char *b)
{
	return strcmp(a, b) <= 0 ? a : b;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* A growable array of int64 pairs in the arena. */
struct pairs {
	int64_t (*v)[2]; /* entries */
	size_t n, cap;	 /* used, allocated */
};

static void pairs_add(struct arena *a, struct pairs *p, int64_t x, int64_t y)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		int64_t(*w)[2] = arena_alloc(a, sizeof(*w) * cap);
		if (p->n)
			memcpy(w, p->v, sizeof(*w) * p->n);
		p->v = w;
		p->cap = cap;
	}
	p->v[p->n][0] = x;
	p->v[p->n][1] = y;
	p->n++;
}

static int cmp_pair(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

static void pairs_sort_unique(struct pairs *p)
{
	if (!p->n)
		return;
	qsort(p->v, p->n, sizeof(p->v[0]), cmp_pair);
	size_t k = 1;
	for (size_t i = 1; i < p->n; i++)
		if (cmp_pair(p->v[i], p->v[k - 1]) != 0) {
			p->v[k][0] = p->v[i][0];
			p->v[k][1] = p->v[i][1];
			k++;
		}
	p->n = k;
}

/* ---- org: cadres and their integrity archive ------------------------------------------ */

/* The posts whose holders sign the commitment and report (rules.md K01). */
static bool post_of_cadre(const char *post)
{
	static const char *const posts[] = {"书记", "主任", "副书记", "副主任", "委员"};
	for (size_t i = 0; post && i < sizeof(posts) / sizeof(posts[0]); i++)
		if (strcmp(post, posts[i]) == 0)
			return true;
	return false;
}

/* (village index, person) of the cadres in office on day d, distinct. */
static enum err cadres_on(struct assess_calc *cx, const char *d, struct pairs *out)
{
	static const char *const names[] = {"village_id", "person_id", "post", "start_date",
					    "end_date"};
	struct rows rw;
	enum err e = rows_open(cx, &org_tables[ORG_T_POSITIONS], names, 5, &rw);
	if (e != E_OK)
		return e;
	while (db_row(rw.res)) {
		long v = vix(cx, ri(&rw, 0));
		const char *end = rt(&rw, 4);
		if (v < 0 || !post_of_cadre(rt(&rw, 2)) || strcmp(rt(&rw, 3), d) > 0 ||
		    (end && strcmp(end, d) < 0))
			continue;
		pairs_add(cx->a, out, v, ri(&rw, 1));
	}
	if ((e = db_done(rw.res)) != E_OK)
		return e;
	pairs_sort_unique(out);
	return E_OK;
}

/* Sorted ids of the people with an archive event of kind dated from..to. */
static enum err people_with_event(struct assess_calc *cx, const char *kind, const char *from,
				  const char *to, int64_t **ids, size_t *n)
{
	static const char *const names[] = {"person_id", "kind", "date"};
	struct rows rw;
	enum err e = rows_open(cx, &org_tables[ORG_T_EVENTS], names, 3, &rw);
	if (e != E_OK)
		return e;
	struct pairs p = {0};
	while (db_row(rw.res))
		if (strcmp(rt(&rw, 1), kind) == 0 && between(rt(&rw, 2), from, to))
			pairs_add(cx->a, &p, ri(&rw, 0), 0);
	if ((e = db_done(rw.res)) != E_OK)
		return e;
	pairs_sort_unique(&p);
	*ids = ARENA_ARRAY(cx->a, int64_t, p.n + 1);
	for (size_t i = 0; i < p.n; i++)
		(*ids)[i] = p.v[i][0];
	*n = p.n;
	return E_OK;
}

static enum err cadres_with_event(struct assess_calc *cx, const char *on, const char *kind,
				  const char *from, const char *to)
{
	struct pairs cadres = {0};
	int64_t *ids;
	size_t nids;
	enum err e;
	if ((e = cadres_on(cx, on, &cadres)) != E_OK ||
	    (e = people_with_event(cx, kind, from, to, &ids, &nids)) != E_OK)
		return e;
	for (size_t i = 0; i < cadres.n; i++) {
		struct assess_count *o = &cx->out[cadres.v[i][0]];
		o->den++;
		if (bsearch(&cadres.v[i][1], ids, nids, sizeof(*ids), cmp_i64))
			o->num++;
	}
	return E_OK;
}

/* 廉政承诺书签订率 (rules.md K01): due on Y-03-31. */
static enum err ind_commitments(struct assess_calc *cx)
{
	char from[11], due[11];
	snprintf(from, sizeof(from), "%04d-01-01", cx->year);
	snprintf(due, sizeof(due), "%04d-03-31", cx->year);
	if (strcmp(cx->as_of, due) < 0)
		return E_OK; /* not yet due */
	return cadres_with_event(cx, due, "廉政承诺", from, due);
}

/* 述职述廉完成率 (rules.md K02, over the K01 posts): due at the year's end. */
static enum err ind_reports(struct assess_calc *cx)
{
	char from[11], on[11], to[11];
	snprintf(from, sizeof(from), "%04d-07-01", cx->year);
	snprintf(on, sizeof(on), "%04d-12-31", cx->year);
	snprintf(to, sizeof(to), "%04d-01-31", cx->year + 1);
	if (strcmp(cx->as_of, on) < 0)
		return E_OK;
	return cadres_with_event(cx, on, "述职述廉", from, min_date(to, cx->as_of));
}

/* ---- audit ------------------------------------------------------------------------------- */

struct audit_row {
	int64_t village_id; /* the audited village */
	const char *kind;   /* 年度 | 离任 | 专项 */
	int64_t subject;    /* subject_person_id, 0 if none */
	const char *from;   /* period_from */
	const char *to;	    /* period_to */
	const char *report; /* report_date, NULL before the report */
};

/* 审计按期完成率 (rules.md K03, K04). */
static enum err ind_audits(struct assess_calc *cx)
{
	static const char *const names[] = {"village_id",  "kind",	"subject_person_id",
					    "period_from", "period_to", "report_date"};
	struct rows rw;
	enum err e = rows_open(cx, &audit_tables[AU_T_AUDITS], names, 6, &rw);
	if (e != E_OK)
		return e;
	size_t n = 0, cap = 64;
	struct audit_row *au = ARENA_ARRAY(cx->a, struct audit_row, cap);
	while (db_row(rw.res)) {
		if (n == cap) {
			struct audit_row *w = ARENA_ARRAY(cx->a, struct audit_row, cap * 2);
			memcpy(w, au, sizeof(*w) * cap);
			au = w;
			cap *= 2;
		}
		au[n] = (struct audit_row){ri(&rw, 0),
					   arena_strdup(cx->a, rt(&rw, 1)),
					   ri(&rw, 2),
					   arena_strdup(cx->a, rt(&rw, 3)),
					   arena_strdup(cx->a, rt(&rw, 4)),
					   arena_strdup(cx->a, rt(&rw, 5))};
		n++;
	}
	if ((e = db_done(rw.res)) != E_OK)
		return e;
	char y0[11], y1[11], prev_from[11], prev_to[11], annual_due[11];
	snprintf(y0, sizeof(y0), "%04d-01-01", cx->year);
	snprintf(y1, sizeof(y1), "%04d-12-31", cx->year);
	snprintf(prev_from, sizeof(prev_from), "%04d-01-01", cx->year - 1);
	snprintf(prev_to, sizeof(prev_to), "%04d-12-31", cx->year - 1);
	snprintf(annual_due, sizeof(annual_due), "%04d-06-30", cx->year);
	const char *end = min_date(y1, cx->as_of);
	/* 一年一审 of the year before, reported by June 30. */
	if (strcmp(annual_due, end) <= 0)
		for (size_t v = 0; v < cx->n; v++) {
			cx->out[v].den++;
			for (size_t i = 0; i < n; i++)
				if (au[i].village_id == cx->village_ids[v] &&
				    strcmp(au[i].kind, "年度") == 0 && au[i].from &&
				    strcmp(au[i].from, prev_from) <= 0 && au[i].to &&
				    strcmp(au[i].to, prev_to) >= 0 && au[i].report &&
				    strcmp(au[i].report, annual_due) <= 0) {
					cx->out[v].num++;
					break;
				}
		}
	/* 离任审计 of a 书记 or 主任 whose 90 days after leaving end in the year. */
	static const char *const pnames[] = {"village_id", "person_id", "post", "end_date"};
	if ((e = rows_open(cx, &org_tables[ORG_T_POSITIONS], pnames, 4, &rw)) != E_OK)
		return e;
	while (db_row(rw.res)) {
		long v = vix(cx, ri(&rw, 0));
		const char *post = rt(&rw, 2), *left = rt(&rw, 3);
		char due[11];
		if (v < 0 || !left || (strcmp(post, "书记") != 0 && strcmp(post, "主任") != 0) ||
		    !datefmt_add_days(left, DEPARTURE_AUDIT_DAYS, due) || !between(due, y0, end))
			continue;
		cx->out[v].den++;
		int64_t person = ri(&rw, 1);
		for (size_t i = 0; i < n; i++)
			if (au[i].subject == person && strcmp(au[i].kind, "离任") == 0 &&
			    au[i].report && strcmp(au[i].report, cx->as_of) <= 0) {
				cx->out[v].num++;
				break;
			}
	}
	return db_done(rw.res);
}

/* ---- complaints ------------------------------------------------------------------------ */

/* 信访举报按期办结率 (rules.md R02 with the statutory deadline and its extension). */
static enum err ind_complaints(struct assess_calc *cx)
{
	const struct complaint_deadline *d = complaint_deadline_find("conclude");
	if (!d)
		return err_set(cx->ei, E_INTERNAL, "assess.deadline", NULL,
			       "deadlines.csv 中没有办结时限（conclude）");
	struct workdays_cal cal;
	enum err e = complaint_calendar(cx->c, cx->a, &cal, cx->ei);
	if (e != E_OK)
		return e;
	/* Extensions of the conclusion deadline: the extended due date as the
	 * complaint module fixed it (it runs on from the old due date). */
	static const char *const xnames[] = {"complaint_id", "due_code", "new_due"};
	struct rows rw;
	if ((e = rows_open(cx, &complaint_tables[CP_T_EXTENSIONS], xnames, 3, &rw)) != E_OK)
		return e;
	struct pairs ext = {0};
	size_t nx = 0, xcap = 16;
	const char **xdue = ARENA_ARRAY(cx->a, const char *, xcap);
	while (db_row(rw.res)) {
		if (strcmp(rt(&rw, 1), "conclude") != 0)
			continue;
		if (nx == xcap) {
			const char **w = ARENA_ARRAY(cx->a, const char *, xcap * 2);
			memcpy(w, xdue, sizeof(*w) * xcap);
			xdue = w;
			xcap *= 2;
		}
		xdue[nx] = arena_strdup(cx->a, rt(&rw, 2));
		pairs_add(cx->a, &ext, ri(&rw, 0), (int64_t)nx++);
	}
	if ((e = db_done(rw.res)) != E_OK)
		return e;
	static const char *const names[] = {"id", "village_id", "accepted_date", "concluded_date"};
	if ((e = rows_open(cx, &complaint_tables[CP_T_COMPLAINTS], names, 4, &rw)) != E_OK)
		return e;
	char y0[11], y1[11];
	snprintf(y0, sizeof(y0), "%04d-01-01", cx->year);
	snprintf(y1, sizeof(y1), "%04d-12-31", cx->year);
	while (db_row(rw.res)) {
		long v = vix(cx, ri(&rw, 1));
		const char *acc = rt(&rw, 2), *con = rt(&rw, 3);
		if (v < 0 || !between(acc, y0, min_date(y1, cx->as_of)))
			continue;
		char due[11];
		if (!complaint_deadline_due(&cal, d, acc, 0, due))
			continue;
		for (size_t i = 0; i < ext.n; i++)
			if (ext.v[i][0] == ri(&rw, 0) && xdue[ext.v[i][1]])
				snprintf(due, sizeof(due), "%s", xdue[ext.v[i][1]]);
		bool concluded = con && strcmp(con, cx->as_of) <= 0;
		if (!concluded && strcmp(due, cx->as_of) >= 0)
			continue; /* still open and not yet due */
		cx->out[v].den++;
		if (concluded && strcmp(con, due) <= 0)
			cx->out[v].num++;
	}
	return db_done(rw.res);
}

/* ---- rectification ----------------------------------------------------------------------- */

/* 整改按期销号率 (rules.md R04). */
static enum err ind_rectify(struct assess_calc *cx)
{
	static const char *const names[] = {"village_id", "deadline", "closed_date"};
	struct rows rw;
	enum err e = rows_open(cx, &rectify_tables[RT_T_PROBLEMS], names, 3, &rw);
	if (e != E_OK)
		return e;
	char y0[11], y1[11];
	snprintf(y0, sizeof(y0), "%04d-01-01", cx->year);
	snprintf(y1, sizeof(y1), "%04d-12-31", cx->year);
	while (db_row(rw.res)) {
		long v = vix(cx, ri(&rw, 0));
		const char *dl = rt(&rw, 1), *closed = rt(&rw, 2);
		if (v < 0 || !between(dl, y0, y1))
			continue;
		bool done = closed && strcmp(closed, cx->as_of) <= 0;
		if (!done && strcmp(dl, cx->as_of) >= 0)
			continue; /* open, deadline not passed */
		cx->out[v].den++;
		if (done && strcmp(closed, dl) <= 0)
			cx->out[v].num++;
	}
	return db_done(rw.res);
}

/* ---- disclosure ------------------------------------------------------------------------- */

/* 三务按期公开率 (rules.md D01): the disclose module's compliance board. */
static enum err ind_disclosures(struct assess_calc *cx)
{
	struct disclose_board b;
	enum err e = disclose_board_compute(cx->c, cx->a, 1, 0, 0, cx->as_of, cx->year, &b, cx->ei);
	if (e != E_OK)
		return e;
	for (size_t i = 0; i < b.n; i++) {
		const struct disclose_cell *c = &b.cells[i];
		if (c->state == DISCLOSE_PENDING)
			continue;
		for (size_t v = 0; v < cx->n; v++)
			if (strcmp(cx->village_codes[v], c->village_code) == 0) {
				cx->out[v].den++;
				cx->out[v].num += c->state == DISCLOSE_ON_TIME;
				break;
			}
	}
	return E_OK;
}

/* ---- red flags ------------------------------------------------------------------------- */

/* 预警查实情况: alerts of the red-flag engine verified 属实 or 部分属实 in the
 * year; each takes a fifth of the weight, down to nothing. */
static enum err ind_red_flags(struct assess_calc *cx)
{
	static const char *const names[] = {"village_id", "verdict", "verdict_date"};
	struct rows rw;
	enum err e = rows_open(cx, &rules_tables[RULES_T_ALERTS], names, 3, &rw);
	if (e != E_OK)
		return e;
	char y0[11], y1[11];
	snprintf(y0, sizeof(y0), "%04d-01-01", cx->year);
	snprintf(y1, sizeof(y1), "%04d-12-31", cx->year);
	int64_t *confirmed = ARENA_ARRAY(cx->a, int64_t, cx->n + 1);
	while (db_row(rw.res)) {
		long v = vix(cx, ri(&rw, 0));
		const char *verdict = rt(&rw, 1);
		if (v >= 0 && verdict &&
		    (strcmp(verdict, "属实") == 0 || strcmp(verdict, "部分属实") == 0) &&
		    between(rt(&rw, 2), y0, min_date(y1, cx->as_of)))
			confirmed[v]++;
	}
	for (size_t v = 0; v < cx->n; v++)
		cx->out[v] = (struct assess_count){
		    confirmed[v] >= RED_FLAG_BASE ? 0 : RED_FLAG_BASE - confirmed[v],
		    RED_FLAG_BASE};
	return db_done(rw.res);
}

/* ---- our own modules: plan and edu ----------------------------------------------------------- */

static enum err ind_plan(struct assess_calc *cx)
{
	char y1[11];
	snprintf(y1, sizeof(y1), "%04d-12-31", cx->year);
	struct plan_village_tasks *t;
	size_t n;
	enum err e = plan_tasks_due(cx->c, cx->year, min_date(y1, cx->as_of), cx->a, &t, &n);
	if (e != E_OK)
		return e;
	for (size_t i = 0; i < n; i++) {
		long v = vix(cx, t[i].village_id);
		if (v >= 0)
			cx->out[v] = (struct assess_count){t[i].on_time, t[i].due};
	}
	return E_OK;
}

static enum err ind_warning_edu(struct assess_calc *cx)
{
	int ended = edu_quarters_ended(cx->year, cx->as_of);
	struct edu_village_quarters *q;
	size_t n;
	enum err e = edu_warning_quarters(cx->c, cx->year, cx->as_of, cx->a, &q, &n);
	if (e != E_OK)
		return e;
	for (size_t v = 0; v < cx->n; v++)
		cx->out[v].den = ended;
	for (size_t i = 0; i < n; i++) {
		long v = vix(cx, q[i].village_id);
		if (v >= 0)
			cx->out[v].num = q[i].quarters;
	}
	return E_OK;
}

/* ---- the registry -------------------------------------------------------------------------- */

const struct assess_indicator_def assess_registry[] = {
    {"commitments_signed", "廉政承诺书签订率", "org",
     "考核年度1月1日至3月31日签订廉政承诺书的干部人数 ÷ 3月31日在任的书记、主任、副书记、"
     "副主任、委员人数 × 100%（3月31日前不计）",
     "按时签订人数", "应签订人数", ind_commitments},
    {"reports_done", "述职述廉完成率", "org",
     "考核年度7月1日至次年1月31日（不晚于考核基准日）述职述廉的干部人数 ÷ 12月31日在任的书记、"
     "主任、副书记、副主任、委员人数 × 100%（12月31日前不计）",
     "已述职述廉人数", "应述职述廉人数", ind_reports},
    {"audits_done", "审计按期完成率", "audit",
     "按期完成的审计项数 ÷ 考核年度内到期的审计项数 × 100%。到期项：上一年度的一年一审（6月30日"
     "前出具报告）；离任满90日的书记、主任的离任审计（到考核基准日已出具报告）",
     "按期完成项数", "到期审计项数", ind_audits},
    {"complaints_on_time", "信访举报按期办结率", "complaint",
     "考核年度内受理、已办结或已超过办结期限的信访举报中，在法定期限（受理之日起60日，期限最后"
     "一日为休息日的顺延；依法延期的以延长后的期限为准）内办结的件数 ÷ 件数 × 100%",
     "按期办结件数", "应办结件数", ind_complaints},
    {"rectify_on_time", "整改按期销号率", "rectify",
     "整改时限在考核年度内、已销号或已超过时限的整改问题中，在时限内销号的个数 ÷ 个数 × 100%",
     "按期销号个数", "到期问题个数", ind_rectify},
    {"disclosures_on_time", "三务按期公开率", "disclose",
     "考核年度内已到公开期限的三务公开事项（公开目录中按月、按季、按年公开的事项，每一期为一项；"
     "期限 = 所属期末日 + 目录规定的天数）中，在期限内公开的项数 ÷ 项数 × 100%",
     "按期公开项数", "到期应公开项数", ind_disclosures},
    {"red_flags_clear", "预警查实情况", "rules",
     "（5 − 考核年度内经核查认定属实或部分属实的大数据监督预警条数，最低为0）÷ 5：每查实一条扣"
     "该项分值的五分之一，扣完为止",
     "5 − 查实预警条数", "基数", ind_red_flags},
    {"plan_tasks_on_time", "年度任务按期完成率", "plan",
     "下达本村（居）、完成时限在考核年度内且已到期的任务中，在时限内报送完成的个数 ÷ 个数 × 100%",
     "按期完成任务数", "到期任务数", ind_plan},
    {"warning_edu_quarters", "以案五说警示教育季度覆盖率", "edu",
     "考核年度已结束的季度中，开展过以案五说警示教育的季度数 ÷ 已结束的季度数 × 100%",
     "开展警示教育的季度数", "已结束的季度数", ind_warning_edu},
};
const size_t assess_registry_count = sizeof(assess_registry) / sizeof(assess_registry[0]);

const struct assess_indicator_def *assess_indicator_find(const char *code)
{
	for (size_t i = 0; code && i < assess_registry_count; i++)
		if (strcmp(assess_registry[i].code, code) == 0)
			return &assess_registry[i];
	return NULL;
}

/* ---- negative list from the discipline module -------------------------------------------------
 */

/* Villages with a decided case of the third or fourth form in the year: the
 * count per village.  The case's person and number stay with the commission. */
static enum err discipline_vetoes(struct assess_calc *cx)
{
	static const char *const names[] = {"village_id", "form", "state", "decided_date"};
	struct rows rw;
	enum err e = rows_open(cx, &discipline_tables[DC_T_CASES], names, 4, &rw);
	if (e != E_OK)
		return e;
	char y0[11], y1[11];
	snprintf(y0, sizeof(y0), "%04d-01-01", cx->year);
	snprintf(y1, sizeof(y1), "%04d-12-31", cx->year);
	while (db_row(rw.res)) {
		long v = vix(cx, ri(&rw, 0));
		if (v >= 0 && ri(&rw, 1) >= 3 && strcmp(rt(&rw, 2), "decided") == 0 &&
		    between(rt(&rw, 3), y0, min_date(y1, cx->as_of))) {
			int64_t d = datefmt_days(rt(&rw, 3));
			cx->out[v].num++;
			if (d > cx->out[v].den)
				cx->out[v].den = d; /* the latest decision's day */
		}
	}
	return db_done(rw.res);
}

/* ---- the year's computation -------------------------------------------------------------------
 */

struct leaf {
	int64_t id;				/* assess_indicators.id */
	const char *code, *name, *group;	/* group: the parent's name, or NULL */
	const char *kind, *source, *criteria;	/* computed | manual */
	int64_t weight;				/* points */
	const struct assess_indicator_def *def; /* computed: its registry row */
	struct assess_count *counts;		/* computed: per village */
};

struct vres {
	size_t v;	     /* index into the villages */
	int64_t total_centi; /* after deductions, ≥ 0 */
	bool vetoed;	     /* on the negative list */
	const char *code;    /* village code, for ties */
	json_t *o;	     /* the breakdown */
};

static int cmp_vres(const void *a, const void *b)
{
	const struct vres *x = a, *y = b;
	if (x->vetoed != y->vetoed)
		return x->vetoed ? 1 : -1;
	if (x->total_centi != y->total_centi)
		return x->total_centi > y->total_centi ? -1 : 1;
	return strcmp(x->code, y->code);
}

static json_t *centi_json(int64_t c)
{
	char s[24];
	assess_centi_text(c, s);
	return json_string(s);
}

static json_t *set_json(struct db_res *res)
{
	return json_pack("{s:I,s:s,s:s,s:{s:I,s:I,s:I},s:I,s:s}", "year",
			 (json_int_t)db_int(res, 1), "title", db_text(res, 2), "as_of",
			 db_text(res, 3), "grades", "a", (json_int_t)db_int(res, 4), "b",
			 (json_int_t)db_int(res, 5), "c", (json_int_t)db_int(res, 6), "models",
			 (json_int_t)db_int(res, 7), "state", db_text(res, 8));
}

/* The leaves of the year's tree, with their group's name, in order. */
static enum err leaves_load(struct db_conn *c, struct arena *a, int year, struct leaf **out,
			    size_t *n, json_t **tree)
{
	struct db_res *res;
	enum err e = db_exec(c, &assess_stmts, AS_ST_IND_OF_YEAR, DB_PARAMS(DB_INT(year)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 16, k = 0;
	struct leaf *l = ARENA_ARRAY(a, struct leaf, cap);
	json_t *t = json_array(), *group = NULL;
	while (db_row(res)) {
		const char *kind = db_text(res, 7);
		json_t *node =
		    json_pack("{s:s,s:s,s:s,s:I}", "code", db_text(res, 1), "name", db_text(res, 6),
			      "kind", kind, "weight", (json_int_t)db_int(res, 9));
		if (strcmp(kind, "group") == 0) {
			json_object_set_new(node, "children", json_array());
			group = node;
			json_array_append_new(t, node);
			continue;
		}
		if (db_text(res, 8)) {
			const struct assess_indicator_def *d =
			    assess_indicator_find(db_text(res, 8));
			json_object_set_new(node, "source", json_string(db_text(res, 8)));
			if (d)
				json_object_set_new(node, "formula", json_string(d->formula));
		}
		if (db_text(res, 10))
			json_object_set_new(node, "criteria", json_string(db_text(res, 10)));
		if (!db_isnull(res, 2) && group)
			json_array_append_new(json_object_get(group, "children"), node);
		else
			json_array_append_new(t, node);
		if (k == cap) {
			struct leaf *w = ARENA_ARRAY(a, struct leaf, cap * 2);
			memcpy(w, l, sizeof(*w) * cap);
			l = w;
			cap *= 2;
		}
		l[k] = (struct leaf){db_int(res, 0),
				     db_text_dup(a, res, 1),
				     db_text_dup(a, res, 6),
				     db_text_dup(a, res, 4),
				     db_text_dup(a, res, 7),
				     db_text_dup(a, res, 8),
				     db_text_dup(a, res, 10),
				     db_int(res, 9),
				     NULL,
				     NULL};
		k++;
	}
	*out = l;
	*n = k;
	if (tree)
		*tree = t;
	else
		json_decref(t);
	return db_done(res);
}

static json_t *leaves_json(const struct leaf *l, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:I}", "code", l[i].code, "name", l[i].name,
				      "kind", l[i].kind, "weight", (json_int_t)l[i].weight);
		if (l[i].group)
			json_object_set_new(o, "group", json_string(l[i].group));
		json_array_append_new(a, o);
	}
	return a;
}

/* Summary of the villages (in rank order): grades, vetoes, models, averages. */
static json_t *summary_json(json_t *villages, json_t *indicators)
{
	json_int_t grades[4] = {0}, vetoed = 0, sum = 0;
	json_t *models = json_array();
	size_t n = json_array_size(villages), i;
	json_t *v;
	json_array_foreach(villages, i, v)
	{
		const char *g = json_string_value(json_object_get(v, "grade"));
		if (g && *g >= 'A' && *g <= 'D')
			grades[*g - 'A']++;
		vetoed += json_is_true(json_object_get(v, "vetoed"));
		sum += json_integer_value(json_object_get(v, "total_centi"));
		if (json_is_true(json_object_get(v, "model")))
			json_array_append_new(
			    models, json_pack("{s:O,s:O}", "village_code",
					      json_object_get(v, "village_code"), "village_name",
					      json_object_get(v, "village_name")));
	}
	json_t *avg = json_array(), *ind;
	json_array_foreach(indicators, i, ind)
	{
		json_int_t s = 0;
		size_t j;
		json_t *vv;
		json_array_foreach(villages, j, vv)
		{
			json_t *item = json_array_get(json_object_get(vv, "items"), i);
			s += json_integer_value(json_object_get(item, "score_centi"));
		}
		json_array_append_new(
		    avg, json_pack("{s:O,s:O,s:O,s:o}", "code", json_object_get(ind, "code"),
				   "name", json_object_get(ind, "name"), "weight",
				   json_object_get(ind, "weight"), "average",
				   centi_json(n ? (s + (json_int_t)n / 2) / (json_int_t)n : 0)));
	}
	return json_pack("{s:I,s:{s:I,s:I,s:I,s:I},s:I,s:o,s:o,s:o}", "villages", (json_int_t)n,
			 "grades", "A", grades[0], "B", grades[1], "C", grades[2], "D", grades[3],
			 "vetoed", vetoed, "models", models, "average_total",
			 centi_json(n ? (sum + (json_int_t)n / 2) / (json_int_t)n : 0),
			 "indicator_averages", avg);
}

static json_t *item_json(const struct leaf *l, size_t v, json_t *score)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:I}", "code", l->code, "name", l->name, "kind",
			      l->kind, "weight", (json_int_t)l->weight);
	json_object_set_new(o, "group", l->group ? json_string(l->group) : json_null());
	int64_t sc = 0;
	if (l->def) {
		struct assess_count k = l->counts[v];
		sc = assess_score_centi(l->weight, k.num, k.den);
		json_object_set_new(o, "source", json_string(l->def->code));
		json_object_set_new(o, "formula", json_string(l->def->formula));
		json_object_set_new(o, "num", json_integer(k.num));
		json_object_set_new(o, "den", json_integer(k.den));
		json_object_set_new(o, "num_label", json_string(l->def->num_label));
		json_object_set_new(o, "den_label", json_string(l->def->den_label));
		json_object_set_new(o, "value_percent",
				    k.den ? centi_json((k.num * 10000 * 2 + k.den) / (2 * k.den))
					  : json_null());
		json_object_set_new(o, "scored", json_true());
		json_object_set_new(
		    o, "note",
		    json_string(k.den ? "得分 = 分值 × 分子 ÷ 分母（四舍五入到0.01分）"
				      : "无到期应办事项，按满分计"));
	} else {
		json_object_set_new(
		    o, "formula",
		    json_string(l->criteria ? l->criteria : "考核组依据评分标准和佐证材料评分"));
		json_object_set_new(o, "scored", json_boolean(score != NULL));
		if (score) {
			static const char *const keys[] = {"evidence", "evidence_sha256",
							   "assessor", "scored_date"};
			sc = json_integer_value(json_object_get(score, "score_centi"));
			for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
				json_object_set(o, keys[i], json_object_get(score, keys[i]));
		} else {
			json_object_set_new(o, "note", json_string("尚未评分，暂按0分计"));
		}
	}
	json_object_set_new(o, "score", centi_json(sc));
	json_object_set_new(o, "score_centi", json_integer(sc));
	return o;
}

/* Manual scores of the year, deductions and manual negative entries: rows
 * kept open per village in order, so these are read once into JSON. */
static enum err year_records(struct db_conn *c, int year, unsigned st, json_t **out)
{
	struct db_res *res;
	enum err e = db_exec(c, &assess_stmts, st, DB_PARAMS(DB_INT(year)), &res);
	if (e != E_OK)
		return e;
	return json_rows(res, out);
}

static enum err compute(struct db_conn *c, struct arena *a, int year, const char *as_of, json_t *y,
			struct errinfo *ei)
{
	/* The villages, through org's header. */
	static const char *const vnames[] = {"id", "code", "name", "township"};
	struct assess_calc cx = {c, a, year, as_of, 0, NULL, NULL, NULL, ei};
	struct rows rw;
	enum err e = rows_open(&cx, &org_tables[ORG_T_VILLAGES], vnames, 4, &rw);
	if (e != E_OK)
		return e;
	size_t cap = 64, n = 0;
	int64_t *ids = ARENA_ARRAY(a, int64_t, cap);
	const char **codes = ARENA_ARRAY(a, const char *, cap),
		   **names = ARENA_ARRAY(a, const char *, cap);
	const char *township = "";
	while (db_row(rw.res)) {
		if (n == cap) {
			int64_t *w = ARENA_ARRAY(a, int64_t, cap * 2);
			const char **wc = ARENA_ARRAY(a, const char *, cap * 2);
			const char **wn = ARENA_ARRAY(a, const char *, cap * 2);
			memcpy(w, ids, sizeof(*w) * cap);
			memcpy(wc, codes, sizeof(*wc) * cap);
			memcpy(wn, names, sizeof(*wn) * cap);
			ids = w, codes = wc, names = wn;
			cap *= 2;
		}
		ids[n] = ri(&rw, 0);
		codes[n] = arena_strdup(a, rt(&rw, 1));
		names[n] = arena_strdup(a, rt(&rw, 2));
		if (!*township)
			township = arena_strdup(a, rt(&rw, 3));
		n++;
	}
	if ((e = db_done(rw.res)) != E_OK)
		return e;
	cx.n = n;
	cx.village_ids = ids; /* org's "all" statement is ordered by id */
	cx.village_codes = codes;
	json_object_set_new(y, "township", json_string(township));

	struct leaf *l;
	size_t nl;
	if ((e = leaves_load(c, a, year, &l, &nl, NULL)) != E_OK)
		return e;
	/* Each computed source once. */
	for (size_t i = 0; i < nl; i++) {
		if (strcmp(l[i].kind, "computed") != 0)
			continue;
		l[i].def = assess_indicator_find(l[i].source);
		if (!l[i].def)
			return err_set(ei, E_INTERNAL, "assess.source_gone", NULL,
				       "指标「%s」的计算来源 %s 已不存在", l[i].name, l[i].source);
		for (size_t j = 0; j < i; j++)
			if (l[j].def == l[i].def)
				l[i].counts = l[j].counts;
		if (l[i].counts)
			continue;
		l[i].counts = ARENA_ARRAY(a, struct assess_count, n + 1);
		cx.out = l[i].counts;
		if ((e = l[i].def->fn(&cx)) != E_OK)
			return e;
	}
	struct assess_count *veto = ARENA_ARRAY(a, struct assess_count, n + 1);
	cx.out = veto;
	if ((e = discipline_vetoes(&cx)) != E_OK)
		return e;

	json_t *deds = NULL, *negs = NULL;
	if ((e = year_records(c, year, AS_ST_DED_OF_YEAR, &deds)) != E_OK ||
	    (e = year_records(c, year, AS_ST_NEG_OF_YEAR, &negs)) != E_OK) {
		json_decref(deds);
		return e;
	}
	json_t *scores = NULL;
	if ((e = year_records(c, year, AS_ST_SCORES_OF_YEAR, &scores)) != E_OK) {
		json_decref(deds);
		json_decref(negs);
		return e;
	}
	int64_t ga = json_integer_value(json_object_get(json_object_get(y, "grades"), "a"));
	int64_t gb = json_integer_value(json_object_get(json_object_get(y, "grades"), "b"));
	int64_t gc = json_integer_value(json_object_get(json_object_get(y, "grades"), "c"));
	struct vres *vr = ARENA_ARRAY(a, struct vres, n + 1);
	for (size_t v = 0; v < n; v++) {
		json_t *items = json_array(), *dl = json_array(), *nl_ = json_array();
		int64_t sum = 0, ded = 0;
		for (size_t i = 0; i < nl; i++) {
			json_t *hit = NULL, *sc;
			size_t k;
			json_array_foreach(scores, k, sc)
			{
				if (json_integer_value(json_object_get(sc, "village_id")) ==
					ids[v] &&
				    json_integer_value(json_object_get(sc, "indicator_id")) ==
					l[i].id)
					hit = sc;
			}
			json_t *it = item_json(&l[i], v, l[i].def ? NULL : hit);
			sum += json_integer_value(json_object_get(it, "score_centi"));
			json_array_append_new(items, it);
		}
		size_t k;
		json_t *d;
		json_array_foreach(deds, k, d)
		{
			if (json_integer_value(json_object_get(d, "village_id")) != ids[v])
				continue;
			int64_t p = json_integer_value(json_object_get(d, "points_centi"));
			ded += p;
			json_array_append_new(
			    dl, json_pack("{s:O,s:o,s:I,s:O,s:O,s:O,s:O}", "id",
					  json_object_get(d, "id"), "points", centi_json(p),
					  "points_centi", (json_int_t)p, "reason",
					  json_object_get(d, "reason"), "measure_code",
					  json_object_get(d, "measure_code"), "assessor",
					  json_object_get(d, "assessor"), "date",
					  json_object_get(d, "date")));
		}
		json_array_foreach(negs, k, d)
		{
			if (json_integer_value(json_object_get(d, "village_id")) != ids[v])
				continue;
			json_array_append_new(nl_, json_pack("{s:O,s:s,s:O,s:O,s:O,s:O}", "id",
							     json_object_get(d, "id"), "source",
							     "manual", "reason",
							     json_object_get(d, "reason"), "ref",
							     json_object_get(d, "ref"), "assessor",
							     json_object_get(d, "assessor"), "date",
							     json_object_get(d, "date")));
		}
		if (veto[v].num) {
			char last[11];
			datefmt_from_days(veto[v].den, last);
			json_array_append_new(
			    nl_, json_pack("{s:n,s:s,s:s,s:n,s:s,s:s}", "id", "source",
					   "discipline", "reason",
					   arena_printf(a,
							"本年度有 %lld 件经查实的严重违纪案件"
							"（第三、四种形态），一票否决",
							(long long)veto[v].num),
					   "ref", "assessor", "镇纪委", "date", last));
		}
		int64_t total = sum - ded < 0 ? 0 : sum - ded;
		bool vetoed = json_array_size(nl_) > 0;
		char grade[2] = {assess_grade(total, ga, gb, gc, vetoed), 0};
		json_t *o = json_pack(
		    "{s:I,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:I,s:s,s:b,s:b}", "village_id",
		    (json_int_t)ids[v], "village_code", codes[v], "village_name", names[v],
		    "township", township, "items", items, "deductions", dl, "negative", nl_,
		    "items_score", centi_json(sum), "deducted", centi_json(ded), "total",
		    centi_json(total), "total_centi", (json_int_t)total, "grade", grade, "vetoed",
		    vetoed, "passed", !vetoed && grade[0] != 'D');
		vr[v] = (struct vres){v, total, vetoed, codes[v], o};
	}
	json_decref(scores);
	json_decref(deds);
	json_decref(negs);
	qsort(vr, n, sizeof(*vr), cmp_vres);
	int64_t models = json_integer_value(json_object_get(y, "models")), chosen = 0;
	json_t *villages = json_array();
	for (size_t i = 0; i < n; i++) {
		json_int_t rank = (json_int_t)i + 1;
		if (i && vr[i].vetoed == vr[i - 1].vetoed &&
		    vr[i].total_centi == vr[i - 1].total_centi)
			rank = json_integer_value(json_object_get(vr[i - 1].o, "rank"));
		json_object_set_new(vr[i].o, "rank", json_integer(rank));
		bool model = chosen < models && json_is_true(json_object_get(vr[i].o, "passed"));
		chosen += model;
		json_object_set_new(vr[i].o, "model", json_boolean(model));
		json_array_append_new(villages, vr[i].o);
	}
	json_t *ind = leaves_json(l, nl);
	json_object_set_new(y, "summary", summary_json(villages, ind));
	json_object_set_new(y, "indicators", ind);
	json_object_set_new(y, "villages", villages);
	return E_OK;
}

enum err assess_year_json(struct db_conn *c, struct arena *a, int year, const char *today,
			  json_t **out, struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(c, &assess_stmts, AS_ST_SET_BY_YEAR, DB_PARAMS(DB_INT(year)), &res);
	if (e == E_NOTFOUND)
		return err_set(ei, E_NOTFOUND, "assess.no_set", "year",
			       "%d 年度尚未设置考核指标体系", year);
	if (e != E_OK)
		return e;
	json_t *y = set_json(res);
	db_done(res);
	const char *state = json_string_value(json_object_get(y, "state"));
	if (strcmp(state, "final") == 0) {
		struct leaf *l;
		size_t nl;
		json_t *villages = json_array();
		if ((e = leaves_load(c, a, year, &l, &nl, NULL)) == E_OK &&
		    (e = db_exec(c, &assess_stmts, AS_ST_RES_OF_YEAR, DB_PARAMS(DB_INT(year)),
				 &res)) == E_OK) {
			while (db_row(res)) {
				json_t *v = json_loads(db_text(res, 0), 0, NULL);
				if (v)
					json_array_append_new(villages, v);
			}
			e = db_done(res);
		}
		if (e != E_OK) {
			json_decref(villages);
			json_decref(y);
			return e;
		}
		json_t *ind = leaves_json(l, nl);
		const char *tw =
		    json_string_value(json_object_get(json_array_get(villages, 0), "township"));
		json_object_set_new(y, "township", json_string(tw ? tw : ""));
		json_object_set_new(y, "summary", summary_json(villages, ind));
		json_object_set_new(y, "indicators", ind);
		json_object_set_new(y, "villages", villages);
		*out = y;
		return E_OK;
	}
	const char *as_of = json_string_value(json_object_get(y, "as_of"));
	if (strcmp(today, as_of) < 0)
		json_object_set_new(y, "as_of", json_string(today));
	if ((e = compute(c, a, year, json_string_value(json_object_get(y, "as_of")), y, ei)) !=
	    E_OK) {
		json_decref(y);
		return e;
	}
	*out = y;
	return E_OK;
}

/* ---- HTTP helpers --------------------------------------------------------------------- */

/* {year}: four digits, 2000–2100. */
static enum err year_param(struct req *r, int *year)
{
	const char *s = req_param(r, "year");
	int y = s && strlen(s) == 4 ? atoi(s) : 0;
	*year = 0; /* -O3 cannot see that req_fail never returns E_OK */
	if (y < 2000 || y > 2100)
		return req_fail(r, E_NOTFOUND, "assess.year", "year", "年度无效：%s", s ? s : "");
	*year = y;
	return E_OK;
}

/* The set of {year}: id and state.  E_NOTFOUND when there is none. */
static enum err set_of(struct req *r, int year, int64_t *id, bool *final)
{
	struct db_res *res;
	enum err e = db_one(r->db, &assess_stmts, AS_ST_SET_BY_YEAR, DB_PARAMS(DB_INT(year)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "assess.no_set", "year",
				"%d 年度尚未设置考核指标体系", year);
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	*final = strcmp(db_text(res, 8), "final") == 0;
	return db_done(res);
}

/* Writes to a year: it must have a set, still a draft. */
static enum err draft_year(struct req *r, int *year, int64_t *set_id)
{
	bool final;
	enum err e = year_param(r, year);
	if (e == E_OK)
		e = set_of(r, *year, set_id, &final);
	if (e == E_OK && final)
		return req_fail(r, E_RULE, "assess.final", "year", "%d 年度考核已定稿，不能再修改",
				*year);
	return e;
}

static enum err year_json(struct req *r, int year, json_t **y)
{
	char today[11];
	app_today(r->app, today);
	return assess_year_json(r->db, &r->arena, year, today, y, &r->err);
}

static json_t *village_of_year(json_t *y, int64_t vid)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(y, "villages"), i, v)
	{
		if (json_integer_value(json_object_get(v, "village_id")) == vid)
			return v;
	}
	return NULL;
}

/* ---- registry, template, indicator tree ---------------------------------------------------- */

static enum err registry_list(struct req *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < assess_registry_count; i++) {
		const struct assess_indicator_def *d = &assess_registry[i];
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "code", d->code,
						   "name", d->name, "module", d->module, "formula",
						   d->formula, "num_label", d->num_label,
						   "den_label", d->den_label));
	}
	return req_list(r, a, (int64_t)assess_registry_count);
}

/* A suggested tree: every registered computed indicator, and the 考核组's
 * manual items taking the rest of the 100 points. */
static enum err template_get(struct req *r)
{
	static const struct {
		const char *source, *group;
		int weight;
	} computed[] = {
	    {"commitments_signed", "勤廉管理", 8},   {"reports_done", "勤廉管理", 6},
	    {"audits_done", "财务审计", 8},	     {"rectify_on_time", "整改与信访", 8},
	    {"complaints_on_time", "整改与信访", 8}, {"disclosures_on_time", "阳光公开", 8},
	    {"red_flags_clear", "大数据监督", 6},    {"plan_tasks_on_time", "任务落实", 8},
	    {"warning_edu_quarters", "纪法教育", 6},
	};
	static const char *const manual[][2] = {
	    {"组织建设与干部队伍", "三会一课、主题党日、组织生活会、后备干部库，查阅台账"},
	    {"村务监督委员会履职", "知情权、质询权、审核权、建议权行使情况，查阅记录"},
	    {"三资管理与议事决策", "五议两公开、重大事项预报、资产资源发包，抽查事项"},
	    {"乡风家风与文化阵地", "廉政文化长廊、道德讲堂、农家书屋、村规民约执行"},
	};
	json_t *ind = json_array(), *group = NULL;
	const char *gname = NULL;
	int used = 0, n = 0;
	for (size_t i = 0; i < sizeof(computed) / sizeof(computed[0]); i++) {
		const struct assess_indicator_def *d = assess_indicator_find(computed[i].source);
		if (!d)
			continue;
		if (!gname || strcmp(gname, computed[i].group) != 0) {
			gname = computed[i].group;
			group =
			    json_pack("{s:s,s:s,s:[]}", "code", arena_printf(&r->arena, "%d", ++n),
				      "name", gname, "children");
			json_array_append_new(ind, group);
		}
		json_t *ch = json_object_get(group, "children");
		json_array_append_new(
		    ch,
		    json_pack("{s:s,s:s,s:i,s:s}", "code",
			      arena_printf(&r->arena, "%d.%zu", n, json_array_size(ch) + 1), "name",
			      d->name, "weight", computed[i].weight, "source", d->code));
		used += computed[i].weight;
	}
	int rest = ASSESS_MAX_WEIGHT - used, m = (int)(sizeof(manual) / sizeof(manual[0]));
	group = json_pack("{s:s,s:s,s:[]}", "code", arena_printf(&r->arena, "%d", ++n), "name",
			  "考核组评议", "children");
	for (int i = 0; i < m; i++)
		json_array_append_new(json_object_get(group, "children"),
				      json_pack("{s:s,s:s,s:i,s:s}", "code",
						arena_printf(&r->arena, "%d.%d", n, i + 1), "name",
						manual[i][0], "weight",
						i < m - 1 ? rest / m : rest - rest / m * (m - 1),
						"criteria", manual[i][1]));
	json_array_append_new(ind, group);
	int year = (int)req_query_int(r, "year", 0);
	char today[11];
	app_today(r->app, today);
	if (year < 2000 || year > 2100)
		year = atoi(today);
	return req_json(r, 200,
			json_pack("{s:s,s:s,s:{s:i,s:i,s:i},s:i,s:o}", "title",
				  arena_printf(&r->arena, "%d年度清廉村居建设考核", year), "as_of",
				  arena_printf(&r->arena, "%d-01-31", year + 1), "grades", "a", 90,
				  "b", 80, "c", 60, "models", DEFAULT_MODELS, "indicators", ind));
}

static enum err tree_get(struct req *r)
{
	int year;
	enum err e = year_param(r, &year);
	if (e != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_one(r->db, &assess_stmts, AS_ST_SET_BY_YEAR, DB_PARAMS(DB_INT(year)), &res)) ==
	    E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "assess.no_set", "year",
				"%d 年度尚未设置考核指标体系", year);
	if (e != E_OK)
		return e;
	json_t *o = set_json(res);
	db_done(res);
	struct leaf *l;
	size_t nl;
	json_t *tree;
	if ((e = leaves_load(r->db, &r->arena, year, &l, &nl, &tree)) != E_OK) {
		json_decref(o);
		return e;
	}
	/* a group's weight is the sum of its leaves */
	size_t i;
	json_t *g;
	json_array_foreach(tree, i, g)
	{
		json_t *ch = json_object_get(g, "children");
		if (!ch)
			continue;
		json_int_t w = 0;
		size_t j;
		json_t *c;
		json_array_foreach(ch, j, c) w += json_integer_value(json_object_get(c, "weight"));
		json_object_set_new(g, "weight", json_integer(w));
	}
	json_object_set_new(o, "indicators", tree);
	return req_json(r, 200, o);
}

/* One node of the posted tree, checked; leaves add their weight to *sum. */
static enum err node_check(struct req *r, json_t *node, bool leaf_only, const char *path,
			   int64_t *sum)
{
	const char *code = json_string_value(json_object_get(node, "code"));
	const char *name = json_string_value(json_object_get(node, "name"));
	json_t *ch = json_object_get(node, "children");
	if (!json_is_object(node) || !code || !*code || strlen(code) > 20 || !name || !*name ||
	    strlen(name) > 200)
		return req_fail(r, E_INPUT, "assess.node", "indicators",
				"指标 %s 须有编号（code，不超过20字符）和名称（name）", path);
	if (ch) {
		if (leaf_only || !json_is_array(ch) || !json_array_size(ch))
			return req_fail(r, E_INPUT, "assess.depth", "indicators",
					"指标 %s（%s）：指标体系只有两级，一级指标下为具体指标",
					code, name);
		size_t i;
		json_t *c;
		json_array_foreach(ch, i, c)
		{
			enum err e = node_check(r, c, true, code, sum);
			if (e != E_OK)
				return e;
		}
		return E_OK;
	}
	json_t *w = json_object_get(node, "weight");
	if (!json_is_integer(w) || json_integer_value(w) < 1 ||
	    json_integer_value(w) > ASSESS_MAX_WEIGHT)
		return req_fail(r, E_INPUT, "assess.weight", "indicators",
				"指标 %s（%s）的分值（weight）应为 1 至 100 的整数", code, name);
	const char *src = json_string_value(json_object_get(node, "source"));
	if (src && !assess_indicator_find(src))
		return req_fail(
		    r, E_INPUT, "assess.source_unknown", "indicators",
		    "指标 %s（%s）的计算来源 %s 不存在（可用的见 /api/v1/assess/registry）", code,
		    name, src);
	*sum += json_integer_value(w);
	return E_OK;
}

static enum err node_insert(struct req *r, int year, json_t *node, int64_t parent, int *seq,
			    int64_t *id)
{
	json_t *ch = json_object_get(node, "children");
	const char *src = json_string_value(json_object_get(node, "source"));
	const char *crit = json_string_value(json_object_get(node, "criteria"));
	const char *kind = ch ? "group" : src ? "computed" : "manual";
	json_int_t w = 0;
	size_t i;
	json_t *c;
	if (ch)
		json_array_foreach(ch, i, c) w += json_integer_value(json_object_get(c, "weight"));
	else
		w = json_integer_value(json_object_get(node, "weight"));
	struct db_res *res;
	enum err e = db_one(
	    r->db, &assess_stmts, AS_ST_IND_INSERT,
	    DB_PARAMS(DB_INT(year), DB_TEXT(json_string_value(json_object_get(node, "code"))),
		      parent ? DB_INT(parent) : DB_NULL, DB_INT(++*seq),
		      DB_TEXT(json_string_value(json_object_get(node, "name"))), DB_TEXT(kind),
		      src ? DB_TEXT(src) : DB_NULL, DB_INT(w), ch ? DB_NULL : DB_OPT(crit)),
	    &res);
	if (e == E_CONFLICT)
		return req_fail(r, E_INPUT, "assess.code_twice", "indicators", "指标编号 %s 重复",
				json_string_value(json_object_get(node, "code")));
	if (e != E_OK)
		return e;
	*id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK ||
	    (e = trail_row(&r->tc, &assess_tables[AS_T_INDICATORS], *id, "assess.indicators",
			   &r->err)) != E_OK)
		return e;
	json_array_foreach(ch, i, c)
	{
		int64_t cid;
		if ((e = node_insert(r, year, c, *id, seq, &cid)) != E_OK)
			return e;
	}
	return E_OK;
}

static const struct field tree_in[] = {
    {"title", "考核名称", FT_STR, FIELD_REQUIRED, 100},
    {"as_of", "考核基准日", FT_DATE, 0},
    {"grade_a", "优秀（A）分数线", FT_INT, 0},
    {"grade_b", "良好（B）分数线", FT_INT, 0},
    {"grade_c", "合格（C）分数线", FT_INT, 0},
    {"models", "示范村名额", FT_INT, 0},
    {"indicators", "指标体系", FT_ARRAY, FIELD_REQUIRED},
    {0},
};

static int64_t in_int_or(struct req *r, const char *name, int64_t dflt)
{
	return req_in_has(r, name) ? req_in_int(r, name) : dflt;
}

/* The whole tree in one request: checked, then the old one replaced. */
static enum err tree_put(struct req *r)
{
	int year;
	enum err e = year_param(r, &year);
	if (e != E_OK)
		return e;
	static const int grades[3] = DEFAULT_GRADES;
	int64_t ga = in_int_or(r, "grade_a", grades[0]), gb = in_int_or(r, "grade_b", grades[1]);
	int64_t gc = in_int_or(r, "grade_c", grades[2]),
		models = in_int_or(r, "models", DEFAULT_MODELS);
	if (!(ga <= 100 && ga > gb && gb > gc && gc > 0))
		return req_fail(r, E_INPUT, "assess.grades", "grade_a",
				"分数线应满足 100 ≥ 优秀 > 良好 > 合格 > 0");
	if (models < 0 || models > 20)
		return req_fail(r, E_INPUT, "assess.models", "models", "示范村名额应为 0 至 20");
	const char *as_of = req_in_str(r, "as_of");
	char dflt[11];
	snprintf(dflt, sizeof(dflt), "%04d-01-31", year + 1);
	if (!as_of)
		as_of = dflt;
	else if (atoi(as_of) != year && atoi(as_of) != year + 1)
		return req_fail(r, E_INPUT, "assess.as_of", "as_of", "考核基准日应在 %d 年或次年",
				year);
	json_t *list = json_object_get(r->in, "indicators");
	if (!json_array_size(list))
		return req_fail(r, E_INPUT, "assess.empty", "indicators", "指标体系不能为空");
	int64_t sum = 0;
	size_t i;
	json_t *node;
	json_array_foreach(list, i, node)
	{
		if ((e = node_check(r, node, false, "", &sum)) != E_OK)
			return e;
	}
	if (sum != ASSESS_MAX_WEIGHT)
		return req_fail(r, E_RULE, "assess.weights", "indicators",
				"各项指标分值合计应为 100 分，现为 %lld 分", (long long)sum);
	int64_t set_id;
	bool final = false;
	struct db_res *res;
	e = db_one(r->db, &assess_stmts, AS_ST_SET_BY_YEAR, DB_PARAMS(DB_INT(year)), &res);
	if (e == E_OK) {
		final = strcmp(db_text(res, 8), "final") == 0;
		db_done(res);
	} else if (e != E_NOTFOUND) {
		return e;
	}
	if (final)
		return req_fail(r, E_RULE, "assess.final", "year", "%d 年度考核已定稿，不能再修改",
				year);
	if ((e = db_one(r->db, &assess_stmts, AS_ST_SCORE_COUNT, DB_PARAMS(DB_INT(year)), &res)) !=
	    E_OK)
		return e;
	int64_t scored = db_int(res, 0);
	db_done(res);
	if (scored)
		return req_fail(r, E_RULE, "assess.scored", "indicators",
				"%d 年度已有 %lld 项人工评分，指标体系不能再修改", year,
				(long long)scored);
	if ((e = db_one(r->db, &assess_stmts, AS_ST_SET_UPSERT,
			DB_PARAMS(DB_INT(year), DB_TEXT(req_in_str(r, "title")), DB_TEXT(as_of),
				  DB_INT(ga), DB_INT(gb), DB_INT(gc), DB_INT(models)),
			&res)) != E_OK)
		return e;
	set_id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK || (e = trail_row(&r->tc, &assess_tables[AS_T_SETS], set_id,
							 "assess.indicators", &r->err)) != E_OK)
		return e;
	/* the old tree goes, leaves first */
	if ((e = db_exec(r->db, &assess_stmts, AS_ST_IND_DELETE_ORDER, DB_PARAMS(DB_INT(year)),
			 &res)) != E_OK)
		return e;
	size_t nold = 0, cap = 32;
	int64_t *old = ARENA_ARRAY(&r->arena, int64_t, cap);
	while (db_row(res)) {
		if (nold == cap) {
			int64_t *w = ARENA_ARRAY(&r->arena, int64_t, cap * 2);
			memcpy(w, old, sizeof(*w) * cap);
			old = w;
			cap *= 2;
		}
		old[nold++] = db_int(res, 0);
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	for (size_t k = 0; k < nold; k++)
		if ((e = trail_row_deleted(&r->tc, &assess_tables[AS_T_INDICATORS], old[k], 0,
					   "assess.indicators", &r->err)) != E_OK ||
		    (e = db_exec(r->db, &assess_stmts, AS_ST_IND_DELETE, DB_PARAMS(DB_INT(old[k])),
				 NULL)) != E_OK)
			return e;
	int seq = 0;
	json_array_foreach(list, i, node)
	{
		int64_t id;
		if ((e = node_insert(r, year, node, 0, &seq, &id)) != E_OK)
			return e;
	}
	return req_json(r, 200,
			json_pack("{s:i,s:I,s:i}", "year", year, "weight_total", (json_int_t)sum,
				  "indicators", seq));
}

/* ---- manual scores, evidence, deductions, negative list ------------------------------------- */

static const struct field score_in[] = {
    {"village_code", "村（居）", FT_AREA, FIELD_REQUIRED},
    {"indicator_code", "指标编号", FT_STR, FIELD_REQUIRED, 20},
    {"score", "得分", FT_STR, FIELD_REQUIRED, 10},
    {"evidence", "评分依据", FT_STR, FIELD_REQUIRED, 2000},
    {"evidence_sha256", "佐证材料（SHA-256）", FT_STR, 0, 64},
    {"assessor", "评分人", FT_STR, FIELD_REQUIRED, 40},
    {0},
};

static enum err score_put(struct req *r)
{
	int year;
	int64_t set_id;
	enum err e = draft_year(r, &year, &set_id);
	if (e != E_OK)
		return e;
	const char *code = req_in_str(r, "indicator_code"), *score = req_in_str(r, "score");
	int64_t centi;
	if (!assess_centi_parse(score, &centi))
		return req_fail(r, E_INPUT, "assess.score", "score",
				"得分应为不小于 0 的数，最多两位小数：%s", score);
	struct db_res *res;
	if ((e = db_one(r->db, &assess_stmts, AS_ST_IND_BY_CODE,
			DB_PARAMS(DB_INT(year), DB_TEXT(code)), &res)) == E_NOTFOUND)
		return req_fail(r, E_INPUT, "assess.indicator_unknown", "indicator_code",
				"%d 年度指标体系中没有指标 %s", year, code);
	if (e != E_OK)
		return e;
	int64_t iid = db_int(res, 0), weight = db_int(res, 2);
	const char *kind = db_text_dup(&r->arena, res, 1), *name = db_text_dup(&r->arena, res, 3);
	db_done(res);
	if (strcmp(kind, "manual") != 0)
		return req_fail(r, E_RULE, "assess.not_manual", "indicator_code",
				"「%s」是%s，不能人工评分", name,
				strcmp(kind, "group") == 0 ? "一级指标" : "自动计算指标");
	if (centi > weight * 100)
		return req_fail(r, E_RULE, "assess.score_range", "score",
				"「%s」得分 %s 超过该项分值 %lld 分", name, score,
				(long long)weight);
	const char *sha = req_in_str(r, "evidence_sha256");
	if (sha && *sha) {
		if ((e = db_one(r->db, &assess_stmts, AS_ST_EV_FIND,
				DB_PARAMS(DB_INT(r->village_id), DB_INT(year), DB_TEXT(sha)),
				&res)) == E_NOTFOUND)
			return req_fail(r, E_INPUT, "assess.evidence_unknown", "evidence_sha256",
					"本村（居）%d 年度没有上传过这份佐证材料", year);
		if (e != E_OK)
			return e;
		db_done(res);
	}
	char today[11];
	app_today(r->app, today);
	if ((e = db_one(r->db, &assess_stmts, AS_ST_SCORE_UPSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_INT(year), DB_INT(iid), DB_INT(centi),
				  DB_TEXT(req_in_str(r, "evidence")), DB_OPT(sha),
				  DB_TEXT(req_in_str(r, "assessor")), DB_INT(r->user->id),
				  DB_TEXT(today)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK || (e = trail_row(&r->tc, &assess_tables[AS_T_SCORES], id,
							 "assess.score", &r->err)) != E_OK)
		return e;
	char s[24];
	assess_centi_text(centi, s);
	return req_json(
	    r, 200,
	    json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "score", s, "indicator", name));
}

static enum err evidence_upload(struct req *r)
{
	int year;
	int64_t set_id;
	enum err e = draft_year(r, &year, &set_id);
	if (e != E_OK)
		return e;
	static const struct modutil_upload spec = {
	    .filename_key = "assess.filename",
	    .filename_field = "filename",
	    .empty_key = "assess.empty_file",
	    .too_big_key = "assess.too_big",
	    .max = MAX_EVIDENCE,
	};
	struct modutil_upfile f;
	if ((e = modutil_upload_check(r, &spec, &f)) != E_OK)
		return e;
	static const struct modutil_file_store store = {
	    .stmts = &assess_stmts,
	    .put = AS_ST_FILE_PUT,
	    .insert = AS_ST_EV_INSERT,
	    .table = &assess_tables[AS_T_EVIDENCE],
	    .action = "assess.evidence",
	    .exists_key = "assess.evidence_exists",
	    .exists_msg = "同一份材料已经上传过",
	};
	int64_t id;
	if ((e = modutil_file_put(r, &store, &f,
				  DB_PARAMS(DB_INT(r->village_id), DB_INT(year), DB_TEXT(f.sha256),
					    DB_TEXT(f.name), DB_INT((int64_t)f.size), DB_TEXT(f.at),
					    DB_INT(r->user->id)),
				  &id)) != E_OK)
		return e;
	return modutil_file_created(r, id, &f);
}

static enum err evidence_get(struct req *r)
{
	int year;
	enum err e = year_param(r, &year);
	if (e != E_OK)
		return e;
	const char *sha = req_param(r, "sha256");
	const struct modutil_download d = {
	    .sha256 = sha,
	    .corrupt_key = "assess.evidence_corrupt",
	    .corrupt_what = "材料内容",
	    .plain_name = "evidence",
	};
	e = modutil_file_send(r, &assess_stmts, AS_ST_FILE_GET,
			      DB_PARAMS(DB_INT(r->village_id), DB_INT(year), DB_TEXT(sha)), 1, &d);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "assess.evidence_missing", NULL, "没有这份材料");
	return e;
}

static const struct field deduction_in[] = {
    {"village_code", "村（居）", FT_AREA, FIELD_REQUIRED},
    {"points", "扣分", FT_STR, FIELD_REQUIRED, 10},
    {"reason", "扣分原因", FT_STR, FIELD_REQUIRED, 1000},
    {"measure_code", "对应措施", FT_STR, 0, 8},
    {"assessor", "认定人", FT_STR, FIELD_REQUIRED, 40},
    {0},
};

static enum err deduction_add(struct req *r)
{
	int year;
	int64_t set_id, centi;
	enum err e = draft_year(r, &year, &set_id);
	if (e != E_OK)
		return e;
	const char *pts = req_in_str(r, "points"), *mc = req_in_str(r, "measure_code");
	if (!assess_centi_parse(pts, &centi) || centi <= 0 || centi > 10000)
		return req_fail(r, E_INPUT, "assess.points", "points",
				"扣分应为大于 0、不超过 100 的数，最多两位小数：%s", pts);
	struct db_res *res;
	if (mc && *mc) {
		if ((e = db_one(r->db, &plan_stmts, PLAN_ST_MEASURE_BY_CODE, DB_PARAMS(DB_TEXT(mc)),
				&res)) == E_NOTFOUND)
			return req_fail(r, E_INPUT, "assess.measure_unknown", "measure_code",
					"实施方案中没有措施 %s（请先载入措施清单）", mc);
		if (e != E_OK)
			return e;
		db_done(res);
	}
	char today[11];
	app_today(r->app, today);
	if ((e = db_one(r->db, &assess_stmts, AS_ST_DED_INSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_INT(year), DB_INT(centi),
				  DB_TEXT(req_in_str(r, "reason")), DB_OPT(mc),
				  DB_TEXT(req_in_str(r, "assessor")), DB_INT(r->user->id),
				  DB_TEXT(today)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK || (e = trail_row(&r->tc, &assess_tables[AS_T_DEDUCTIONS],
							 id, "assess.deduction", &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

static const struct field negative_in[] = {
    {"village_code", "村（居）", FT_AREA, FIELD_REQUIRED},
    {"reason", "否决事由", FT_STR, FIELD_REQUIRED, 1000},
    {"ref", "依据文号", FT_STR, 0, 100},
    {"assessor", "认定人", FT_STR, FIELD_REQUIRED, 40},
    {0},
};

static enum err negative_add(struct req *r)
{
	int year;
	int64_t set_id;
	enum err e = draft_year(r, &year, &set_id);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	if ((e = db_one(r->db, &assess_stmts, AS_ST_NEG_INSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_INT(year),
				  DB_TEXT(req_in_str(r, "reason")), DB_OPT(req_in_str(r, "ref")),
				  DB_TEXT(req_in_str(r, "assessor")), DB_INT(r->user->id),
				  DB_TEXT(today)),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	if ((e = db_done(res)) != E_OK || (e = trail_row(&r->tc, &assess_tables[AS_T_NEGATIVE], id,
							 "assess.negative", &r->err)) != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* village_of for a deduction or negative entry: its village, and its year in
 * r's arena for the handler. */
static enum err entry_village(struct req *r, unsigned st, int64_t *vid, const char *what)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e =
	    id ? db_one(r->db, &assess_stmts, st, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "assess.entry_not_found", NULL, "%s不存在", what);
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err ded_village(struct req *r, int64_t *vid)
{
	return entry_village(r, AS_ST_DED_GET, vid, "扣分记录");
}

static enum err neg_village(struct req *r, int64_t *vid)
{
	return entry_village(r, AS_ST_NEG_GET, vid, "负面清单记录");
}

/* Withdraw an entry of a draft year; the log keeps what it was. */
static enum err entry_delete(struct req *r, unsigned st_get, unsigned st_del, enum assess_table t,
			     const char *action)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e = db_one(r->db, &assess_stmts, st_get, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	int year = (int)db_int(res, 2);
	db_done(res);
	int64_t sid;
	bool final;
	if ((e = set_of(r, year, &sid, &final)) != E_OK)
		return e;
	if (final)
		return req_fail(r, E_RULE, "assess.final", NULL, "%d 年度考核已定稿，不能再修改",
				year);
	if ((e = trail_row_deleted(&r->tc, &assess_tables[t], id, r->village_id, action,
				   &r->err)) != E_OK ||
	    (e = db_exec(r->db, &assess_stmts, st_del, DB_PARAMS(DB_INT(id)), NULL)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
}

static enum err deduction_delete(struct req *r)
{
	return entry_delete(r, AS_ST_DED_GET, AS_ST_DED_DELETE, AS_T_DEDUCTIONS,
			    "assess.deduction_delete");
}

static enum err negative_delete(struct req *r)
{
	return entry_delete(r, AS_ST_NEG_GET, AS_ST_NEG_DELETE, AS_T_NEGATIVE,
			    "assess.negative_delete");
}

/* ---- results, breakdown, finalisation -------------------------------------------------------- */

static enum err results(struct req *r)
{
	int year;
	enum err e = year_param(r, &year);
	json_t *y;
	if (e != E_OK || (e = year_json(r, year, &y)) != E_OK)
		return e;
	/* Only the villages in the user's scope; the township's summary only for
	 * a user who sees them all. */
	struct db_res *res;
	if ((e = db_exec(r->db, &assess_stmts, AS_ST_VISIBLE,
			 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r))), &res)) !=
	    E_OK) {
		json_decref(y);
		return e;
	}
	struct pairs vis = {0};
	while (db_row(res))
		pairs_add(&r->arena, &vis, db_int(res, 0), 0);
	db_done(res);
	json_t *all = json_object_get(y, "villages"), *rows = json_array(), *v;
	size_t i;
	json_array_foreach(all, i, v)
	{
		int64_t id = json_integer_value(json_object_get(v, "village_id"));
		bool ok = false;
		for (size_t k = 0; !ok && k < vis.n; k++)
			ok = vis.v[k][0] == id;
		if (!ok)
			continue;
		json_t *scores = json_object();
		size_t j;
		json_t *it;
		json_array_foreach(json_object_get(v, "items"), j, it)
		{
			json_object_set(scores, json_string_value(json_object_get(it, "code")),
					json_object_get(it, "score"));
		}
		json_array_append_new(
		    rows,
		    json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:o}", "rank",
			      json_object_get(v, "rank"), "village_code",
			      json_object_get(v, "village_code"), "village_name",
			      json_object_get(v, "village_name"), "items_score",
			      json_object_get(v, "items_score"), "deducted",
			      json_object_get(v, "deducted"), "total", json_object_get(v, "total"),
			      "grade", json_object_get(v, "grade"), "vetoed",
			      json_object_get(v, "vetoed"), "passed", json_object_get(v, "passed"),
			      "model", json_object_get(v, "model"), "negative",
			      json_object_get(v, "negative"), "scores", scores));
	}
	json_t *o =
	    json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:o}", "year", json_object_get(y, "year"), "title",
		      json_object_get(y, "title"), "as_of", json_object_get(y, "as_of"), "state",
		      json_object_get(y, "state"), "grades", json_object_get(y, "grades"),
		      "indicators", json_object_get(y, "indicators"), "items", rows);
	if (json_array_size(rows) == json_array_size(all))
		json_object_set(o, "summary", json_object_get(y, "summary"));
	json_decref(y);
	return req_json(r, 200, o);
}

static enum err breakdown(struct req *r)
{
	int year;
	enum err e = year_param(r, &year);
	json_t *y;
	if (e != E_OK || (e = year_json(r, year, &y)) != E_OK)
		return e;
	json_t *v = village_of_year(y, r->village_id);
	if (!v) {
		json_decref(y);
		return req_fail(r, E_NOTFOUND, "assess.village_missing", NULL,
				"%d 年度考核中没有该村（居）", year);
	}
	json_t *o = json_deep_copy(v);
	static const char *const keys[] = {"year", "title", "as_of", "state", "grades", "models"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set(o, keys[i], json_object_get(y, keys[i]));
	json_object_set_new(
	    o, "villages_assessed",
	    json_integer((json_int_t)json_array_size(json_object_get(y, "villages"))));
	json_object_set_new(
	    o, "rule",
	    json_string("总分 = 各项指标得分之和 − 扣分（不低于0）；列入负面清单的"
			"一票否决，评为D等、排在未被否决的村（居）之后；示范村从未被否"
			"决且达到合格（C）及以上的村（居）中按名次择优产生"));
	json_decref(y);
	return req_json(r, 200, o);
}

static enum err finalize(struct req *r)
{
	int year;
	int64_t set_id;
	enum err e = draft_year(r, &year, &set_id);
	if (e != E_OK)
		return e;
	char today[11], y_end[11];
	app_today(r->app, today);
	snprintf(y_end, sizeof(y_end), "%04d-12-31", year);
	if (strcmp(today, y_end) <= 0)
		return req_fail(r, E_RULE, "assess.year_open", "year",
				"%d 年度尚未结束，不能定稿（今天是 %s）", year, today);
	json_t *y;
	if ((e = year_json(r, year, &y)) != E_OK)
		return e;
	/* every manual indicator scored for every village */
	size_t i, j, missing = 0;
	json_t *v, *it;
	const char *first = NULL;
	json_array_foreach(json_object_get(y, "villages"), i, v)
	{
		json_array_foreach(json_object_get(v, "items"), j, it)
		{
			if (json_is_true(json_object_get(it, "scored")))
				continue;
			if (!missing++)
				first = arena_printf(
				    &r->arena, "%s「%s」",
				    json_string_value(json_object_get(v, "village_name")),
				    json_string_value(json_object_get(it, "name")));
		}
	}
	if (missing) {
		json_decref(y);
		return req_fail(r, E_RULE, "assess.unscored", "year",
				"尚有 %zu 项人工指标未评分（如 %s），不能定稿", missing, first);
	}
	json_array_foreach(json_object_get(y, "villages"), i, v)
	{
		json_object_set_new(v, "state", json_string("final"));
		char *text = json_canonical(v);
		struct db_res *res;
		e = db_one(r->db, &assess_stmts, AS_ST_RES_INSERT,
			   DB_PARAMS(DB_INT(json_integer_value(json_object_get(v, "village_id"))),
				     DB_INT(year),
				     DB_INT(json_integer_value(json_object_get(v, "total_centi"))),
				     DB_TEXT(json_string_value(json_object_get(v, "grade"))),
				     DB_INT(json_integer_value(json_object_get(v, "rank"))),
				     DB_INT(json_is_true(json_object_get(v, "vetoed"))),
				     DB_INT(json_is_true(json_object_get(v, "model"))),
				     DB_TEXT(text)),
			   &res);
		free(text);
		if (e == E_OK) {
			int64_t id = db_int(res, 0);
			if ((e = db_done(res)) == E_OK)
				e = trail_row(&r->tc, &assess_tables[AS_T_RESULTS], id,
					      "assess.finalize", &r->err);
		}
		if (e != E_OK) {
			json_decref(y);
			return e;
		}
	}
	char ts[32];
	app_timestamp(app_now(r->app), ts);
	struct db_res *res;
	if ((e = db_one(r->db, &assess_stmts, AS_ST_SET_FINALIZE,
			DB_PARAMS(DB_INT(set_id), DB_TEXT(ts),
				  DB_TEXT(json_string_value(json_object_get(y, "as_of")))),
			&res)) == E_OK) {
		db_done(res);
		e = trail_row(&r->tc, &assess_tables[AS_T_SETS], set_id, "assess.finalize",
			      &r->err);
	}
	if (e != E_OK) {
		json_decref(y);
		return e;
	}
	json_t *o = json_pack("{s:i,s:s,s:O}", "year", year, "state", "final", "summary",
			      json_object_get(y, "summary"));
	json_decref(y);
	return req_json(r, 200, o);
}

/* ---- reports ----------------------------------------------------------------------------------
 */

static enum err report_answer(struct req *r, bool pdf, bool township)
{
	int year;
	enum err e = year_param(r, &year);
	json_t *y;
	if (e != E_OK || (e = year_json(r, year, &y)) != E_OK)
		return e;
	json_t *v = NULL;
	if (!township && !(v = village_of_year(y, r->village_id))) {
		json_decref(y);
		return req_fail(r, E_NOTFOUND, "assess.village_missing", NULL,
				"%d 年度考核中没有该村（居）", year);
	}
	char ts[32];
	app_timestamp(app_now(r->app), ts);
	buf_reset(&r->resp);
	e = pdf ? assess_report_pdf(y, v, ts, &r->resp, &r->err)
		: assess_report_xlsx(y, v, NULL, &r->resp, &r->err);
	const char *name = arena_printf(
	    &r->arena, "assessment-%d%s%s.%s", year, v ? "-" : "",
	    v ? json_string_value(json_object_get(v, "village_code")) : "", pdf ? "pdf" : "xlsx");
	json_decref(y);
	if (e != E_OK)
		return e;
	r->status = 200;
	r->resp_type = pdf ? "application/pdf"
			   : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "%s; filename=\"%s\"", pdf ? "inline" : "attachment", name));
	return E_OK;
}

static enum err township_pdf(struct req *r)
{
	return report_answer(r, true, true);
}

static enum err township_xlsx(struct req *r)
{
	return report_answer(r, false, true);
}

static enum err village_pdf(struct req *r)
{
	return report_answer(r, true, false);
}

static enum err village_xlsx(struct req *r)
{
	return report_answer(r, false, false);
}

/* ---- `qinglian export DIR`: each year's township report ------------------------------------- */

static enum err export_reports(struct app *app, struct db_conn *c, const char *dir, FILE *out,
			       struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_exec(c, &assess_stmts, AS_ST_SET_YEARS, DB_NOPARAMS, &res);
	if (e != E_OK)
		return e;
	int years[64];
	size_t n = 0;
	while (db_row(res))
		if (n < sizeof(years) / sizeof(years[0]))
			years[n++] = (int)db_int(res, 0);
	if ((e = db_done(res)) != E_OK)
		return e;
	char today[11], ts[32];
	app_today(app, today);
	app_timestamp(app_now(app), ts);
	for (size_t i = 0; i < n && e == E_OK; i++) {
		struct arena a = ARENA_INIT;
		json_t *y = NULL;
		char path[1200];
		struct buf pdf = BUF_INIT;
		if ((e = assess_year_json(c, &a, years[i], today, &y, ei)) == E_OK &&
		    (e = assess_report_pdf(y, NULL, ts, &pdf, ei)) == E_OK) {
			snprintf(path, sizeof(path), "%s/assessment-%d.pdf", dir, years[i]);
			FILE *f = fopen(path, "wb");
			if (!f || fwrite(pdf.ptr, 1, pdf.len, f) != pdf.len)
				e = err_set(ei, E_IO, "assess.write", NULL, "无法写入 %s", path);
			if (f && fclose(f) != 0 && e == E_OK)
				e = err_set(ei, E_IO, "assess.write", NULL, "无法写入 %s", path);
			if (e == E_OK) {
				snprintf(path, sizeof(path), "%s/assessment-%d.xlsx", dir,
					 years[i]);
				e = assess_report_xlsx(y, NULL, path, NULL, ei);
			}
			if (e == E_OK)
				fprintf(out,
					"assessment-%d.pdf, assessment-%d.xlsx：%d "
					"年度考核报告（%s）\n",
					years[i], years[i], years[i],
					strcmp(json_string_value(json_object_get(y, "state")),
					       "final") == 0
					    ? "已定稿"
					    : "草稿");
		}
		buf_release(&pdf);
		json_decref(y);
		arena_release(&a);
	}
	return e;
}

static const struct route routes[] = {
    {"GET", "/api/v1/assess/registry", registry_list, &perm_assess_read, SCOPE_NONE, NULL, NULL, 0,
     NULL, "可用的自动计算指标及其公式"},
    {"GET", "/api/v1/assess/template", template_get, &perm_assess_manage, SCOPE_NONE, NULL, NULL, 0,
     NULL, "建议的指标体系（合计100分，year）"},
    {"GET", "/api/v1/assess/{year}", tree_get, &perm_assess_read, SCOPE_NONE, NULL, NULL, 0, NULL,
     "年度考核设置与指标体系"},
    {"PUT", "/api/v1/assess/{year}", tree_put, &perm_assess_manage, SCOPE_NONE, NULL, tree_in,
     ROUTE_WRITE, "assess.indicators",
     "设置年度指标体系（分值合计须为100；已有评分或已定稿的不能改）"},
    {"GET", "/api/v1/assess/{year}/results", results, &perm_assess_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "考核结果：得分、等次、排名、示范村（村居仅见本村）"},
    {"POST", "/api/v1/assess/{year}/scores", score_put, &perm_assess_score, SCOPE_VILLAGE, NULL,
     score_in, ROUTE_WRITE, "assess.score", "人工指标评分（须写明依据与评分人）"},
    {"POST", "/api/v1/assess/{year}/evidence", evidence_upload, &perm_assess_score, SCOPE_VILLAGE,
     NULL, NULL, ROUTE_WRITE | ROUTE_RAW_BODY, "assess.evidence",
     "上传评分佐证材料（?village=区划代码，请求体为文件，X-Filename 为文件名）"},
    {"POST", "/api/v1/assess/{year}/deductions", deduction_add, &perm_assess_manage, SCOPE_VILLAGE,
     NULL, deduction_in, ROUTE_WRITE, "assess.deduction", "扣分（落实不力）"},
    {"DELETE", "/api/v1/assess/deductions/{id}", deduction_delete, &perm_assess_manage,
     SCOPE_VILLAGE, ded_village, NULL, ROUTE_WRITE, "assess.deduction_delete",
     "撤销扣分（定稿前）"},
    {"POST", "/api/v1/assess/{year}/negative", negative_add, &perm_assess_manage, SCOPE_VILLAGE,
     NULL, negative_in, ROUTE_WRITE, "assess.negative", "列入负面清单（一票否决）"},
    {"DELETE", "/api/v1/assess/negative/{id}", negative_delete, &perm_assess_manage, SCOPE_VILLAGE,
     neg_village, NULL, ROUTE_WRITE, "assess.negative_delete", "撤出负面清单（定稿前）"},
    {"POST", "/api/v1/assess/{year}/finalize", finalize, &perm_assess_manage, SCOPE_NONE, NULL,
     NULL, ROUTE_WRITE, "assess.finalize", "考核定稿：固定得分、等次、排名与示范村"},
    {"GET", "/api/v1/assess/{year}/report.pdf", township_pdf, &perm_assess_report, SCOPE_NONE, NULL,
     NULL, 0, NULL, "全镇年度考核报告（PDF）"},
    {"GET", "/api/v1/assess/{year}/report.xlsx", township_xlsx, &perm_assess_report, SCOPE_NONE,
     NULL, NULL, 0, NULL, "全镇年度考核结果（Excel）"},
    {"GET", "/api/v1/villages/{village}/assess/{year}", breakdown, &perm_assess_read, SCOPE_VILLAGE,
     NULL, NULL, 0, NULL, "本村（居）得分的计算过程"},
    {"GET", "/api/v1/villages/{village}/assess/{year}/report.pdf", village_pdf, &perm_assess_read,
     SCOPE_VILLAGE, NULL, NULL, 0, NULL, "本村（居）年度考核报告（PDF）"},
    {"GET", "/api/v1/villages/{village}/assess/{year}/report.xlsx", village_xlsx, &perm_assess_read,
     SCOPE_VILLAGE, NULL, NULL, 0, NULL, "本村（居）年度考核得分（Excel）"},
    {"GET", "/api/v1/villages/{village}/assess/{year}/evidence/{sha256}", evidence_get,
     &perm_assess_read, SCOPE_VILLAGE, NULL, NULL, 0, NULL, "下载评分佐证材料（按 SHA-256 校验）"},
};

const struct module assess_module = {
    .name = "assess",
    .title = "考核评比",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &assess_stmts,
    .tables = assess_tables,
    .ntables = AS_T__MAX,
    .export_extra = export_reports,
};
