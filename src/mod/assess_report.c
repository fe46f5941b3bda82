/*
 * The annual assessment report, drawn from the year's JSON (assess.h): the
 * township's (summary, a bar chart of every village's total in rank order, a
 * chart of each indicator's average score rate, the ranking table and the
 * indicators with their formulas) and a village's (its total, grade and rank,
 * a chart of each indicator's score against its weight, how each score was
 * computed, deductions and the negative list).  PDF through cairo + pango
 * (Noto Sans CJK SC, text as outlines as on the portal's notice) with charts
 * in ECharts' default palette; .xlsx through core/xlsx.h.  It computes
 * nothing: every figure comes from the JSON, so a finalised year prints the
 * figures it was fixed with.
 */
#include "assess.h"

#include <stdlib.h>
#include <string.h>

#include "core/lazy_gfx.h"
#include "core/xlsx.h"

#define A4_W   595.276 /* points */
#define A4_H   841.890
#define MARGIN 48.0
#define COLUMN (A4_W - 2 * MARGIN)
#define BOTTOM (A4_H - MARGIN - 18) /* the footer sits below */
#define FONT   "Noto Sans CJK SC"

/* ECharts' default palette, by grade A–D. */
static const double grade_rgb[4][3] = {
    {0x54 / 255.0, 0x70 / 255.0, 0xc6 / 255.0},
    {0x91 / 255.0, 0xcc / 255.0, 0x75 / 255.0},
    {0xfa / 255.0, 0xc8 / 255.0, 0x58 / 255.0},
    {0xee / 255.0, 0x66 / 255.0, 0x66 / 255.0},
};

/* ---- small JSON accessors ------------------------------------------------------------ */

static const char *js(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static int64_t ji(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static bool jb(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k));
}

static int grade_index(const json_t *v)
{
	const char *g = js(v, "grade");
	return *g >= 'A' && *g <= 'D' ? *g - 'A' : 3;
}

static const char *grade_label(const char *g)
{
	switch (*g) {
	case 'A':
		return "A（优秀）";
	case 'B':
		return "B（良好）";
	case 'C':
		return "C（合格）";
	default:
		return "D（不合格）";
	}
}

/* ---- a page being drawn --------------------------------------------------------------- */

struct page {
	cairo_t *cr;	    /* the PDF's context */
	PangoContext *pc;   /* its pango context */
	double y;	    /* where the next thing goes */
	int number;	    /* page number, from 1 */
	const char *footer; /* left part of every footer */
	struct buf scratch; /* for texts built on the fly */
};

static PangoLayout *layout(struct page *p, const char *font, double width, PangoAlignment al,
			   const char *text)
{
	PangoLayout *l = pango_layout_new(p->pc);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, al);
	pango_layout_set_text(l, text, -1); /* plain text, never markup: names are data */
	return l;
}

static double text_height(struct page *p, const char *font, double width, const char *text)
{
	PangoLayout *l = layout(p, font, width, PANGO_ALIGN_LEFT, text);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	return h;
}

/* Text at (x, y) as outlines; returns its height. */
static double text_at(struct page *p, double x, double y, double width, const char *font,
		      PangoAlignment al, const char *text)
{
	PangoLayout *l = layout(p, font, width, al, text);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(p->cr, x, y);
	pango_cairo_layout_path(p->cr, l);
	cairo_fill(p->cr);
	g_object_unref(l);
	return h;
}

static void footer(struct page *p)
{
	cairo_set_source_rgb(p->cr, 0.4, 0.4, 0.4);
	buf_reset(&p->scratch);
	buf_addf(&p->scratch, "%s　第 %d 页", p->footer, p->number);
	text_at(p, MARGIN, A4_H - MARGIN + 2, COLUMN, FONT " 8", PANGO_ALIGN_CENTER,
		p->scratch.ptr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(struct page *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->number++;
	p->y = MARGIN;
}

/* Room for h more points on this page, or a new page. */
static void need(struct page *p, double h)
{
	if (p->y + h > BOTTOM)
		new_page(p);
}

static void para(struct page *p, const char *font, const char *text)
{
	double h = text_height(p, font, COLUMN, text);
	need(p, h);
	p->y += text_at(p, MARGIN, p->y, COLUMN, font, PANGO_ALIGN_LEFT, text);
}

static void heading(struct page *p, const char *text)
{
	need(p, 60);
	p->y += 10;
	cairo_set_source_rgb(p->cr, 0.61, 0.11, 0.11);
	cairo_rectangle(p->cr, MARGIN, p->y + 3, 4, 14);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += text_at(p, MARGIN + 10, p->y, COLUMN - 10, FONT " Bold 13", PANGO_ALIGN_LEFT, text);
	p->y += 6;
}

static void rule(struct page *p)
{
	cairo_set_source_rgb(p->cr, 0.61, 0.11, 0.11);
	cairo_set_line_width(p->cr, 1.5);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, A4_W - MARGIN, p->y);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* ---- a table that continues over pages ----------------------------------------------- */

struct table_def {
	const char *const *heads; /* column headings */
	const double *widths;	  /* fractions of COLUMN, summing to 1 */
	size_t n;		  /* columns */
};

static double row_height(struct page *p, const struct table_def *t, const char *const *cells,
			 const char *font)
{
	double h = 0;
	for (size_t i = 0; i < t->n; i++) {
		double ch =
		    text_height(p, font, t->widths[i] * COLUMN - 6, cells[i] ? cells[i] : "");
		if (ch > h)
			h = ch;
	}
	return h + 6;
}

static void row_draw(struct page *p, const struct table_def *t, const char *const *cells,
		     const char *font, bool head, double h)
{
	double x = MARGIN;
	if (head) {
		cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
		cairo_rectangle(p->cr, MARGIN, p->y, COLUMN, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	for (size_t i = 0; i < t->n; i++) {
		double w = t->widths[i] * COLUMN;
		text_at(p, x + 3, p->y + 3, w - 6, font, PANGO_ALIGN_LEFT,
			cells[i] ? cells[i] : "");
		x += w;
	}
	cairo_set_source_rgb(p->cr, 0.75, 0.75, 0.75);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN, p->y + h);
	cairo_line_to(p->cr, MARGIN + COLUMN, p->y + h);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += h;
}

static void table_head(struct page *p, const struct table_def *t)
{
	double h = row_height(p, t, t->heads, FONT " Bold 9");
	row_draw(p, t, t->heads, FONT " Bold 9", true, h);
}

static void table_row(struct page *p, const struct table_def *t, const char *const *cells)
{
	double h = row_height(p, t, cells, FONT " 9");
	if (p->y + h > BOTTOM) {
		new_page(p);
		table_head(p, t);
	}
	row_draw(p, t, cells, FONT " 9", false, h);
}

/* ---- charts ------------------------------------------------------------------------------ */

/* Horizontal bars: label, value (hundredths), full scale (hundredths), colour,
 * text at the bar's end.  A grey track shows the full scale. */
struct bar {
	const char *label; /* left of the bar */
	int64_t value;	   /* hundredths */
	int64_t scale;	   /* hundredths: the track's length */
	const double *rgb; /* colour */
	const char *text;  /* right of the bar */
};

static void bars(struct page *p, const struct bar *b, size_t n, int64_t axis_max, bool axis)
{
	const double label_w = 120, text_w = 90, row = n > 24 ? 13 : 17;
	const double x0 = MARGIN + label_w, w = COLUMN - label_w - text_w;
	for (size_t i = 0; i < n; i++) {
		need(p, row + (axis ? 16 : 0));
		double y = p->y;
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		text_at(p, MARGIN, y + 1, label_w - 6, FONT " 8.5", PANGO_ALIGN_RIGHT, b[i].label);
		cairo_set_source_rgb(p->cr, 0.92, 0.93, 0.95);
		cairo_rectangle(p->cr, x0, y + 3, w * (double)b[i].scale / (double)axis_max,
				row - 6);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, b[i].rgb[0], b[i].rgb[1], b[i].rgb[2]);
		cairo_rectangle(p->cr, x0, y + 3, w * (double)b[i].value / (double)axis_max,
				row - 6);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
		text_at(p, x0 + w + 4, y + 1, text_w - 4, FONT " 8", PANGO_ALIGN_LEFT, b[i].text);
		p->y += row;
	}
	if (!axis)
		return;
	/* the value axis: ticks every fifth of the scale */
	cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, x0, p->y + 2);
	cairo_line_to(p->cr, x0 + w, p->y + 2);
	cairo_stroke(p->cr);
	for (int k = 0; k <= 5; k++) {
		double x = x0 + w * k / 5.0;
		cairo_move_to(p->cr, x, p->y + 2);
		cairo_line_to(p->cr, x, p->y + 5);
		cairo_stroke(p->cr);
		buf_reset(&p->scratch);
		buf_addf(&p->scratch, "%lld", (long long)(axis_max / 100 * k / 5));
		text_at(p, x - 20, p->y + 5, 40, FONT " 7", PANGO_ALIGN_CENTER, p->scratch.ptr);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += 16;
}

static void legend(struct page *p)
{
	static const char *const names[4] = {"A 优秀", "B 良好", "C 合格", "D 不合格/否决"};
	need(p, 16);
	double x = MARGIN + 120;
	for (int i = 0; i < 4; i++) {
		cairo_set_source_rgb(p->cr, grade_rgb[i][0], grade_rgb[i][1], grade_rgb[i][2]);
		cairo_rectangle(p->cr, x, p->y + 3, 14, 8);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0.2, 0.2, 0.2);
		text_at(p, x + 18, p->y, 80, FONT " 8", PANGO_ALIGN_LEFT, names[i]);
		x += 90;
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += 16;
}

/* ---- the township's report ------------------------------------------------------------------- */

static const char *state_text(const json_t *y)
{
	return strcmp(js(y, "state"), "final") == 0 ? "已定稿" : "草稿（未定稿，数据随记录变化）";
}

static void township_draw(struct page *p, const json_t *y, struct arena *a)
{
	const json_t *sum = json_object_get(y, "summary"), *vs = json_object_get(y, "villages");
	const json_t *gr = json_object_get(sum, "grades");
	p->y += text_at(p, MARGIN, p->y, COLUMN, FONT " Bold 20", PANGO_ALIGN_CENTER,
			arena_printf(a, "%s%lld年度清廉村居建设考核报告", js(y, "township"),
				     (long long)ji(y, "year")));
	p->y += 4;
	p->y += text_at(p, MARGIN, p->y, COLUMN, FONT " 10", PANGO_ALIGN_CENTER,
			arena_printf(a, "%s　考核基准日 %s　%s", js(y, "title"), js(y, "as_of"),
				     state_text(y)));
	p->y += 8;
	rule(p);
	p->y += 8;
	struct buf models = BUF_INIT;
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(sum, "models"), i, m)
	    buf_addf(&models, "%s%s", i ? "、" : "", js(m, "village_name"));
	heading(p, "一、总体情况");
	para(
	    p, FONT " 10.5",
	    arena_printf(a,
			 "参加考核村（居）%lld 个，平均得分 %s 分。优秀（A）%lld 个，良好（B）%lld "
			 "个，合格（C）%lld 个，不合格（D）%lld 个；列入负面清单一票否决 %lld 个。"
			 "年度示范村（居）：%s。",
			 (long long)ji(sum, "villages"), js(sum, "average_total"),
			 (long long)ji(gr, "A"), (long long)ji(gr, "B"), (long long)ji(gr, "C"),
			 (long long)ji(gr, "D"), (long long)ji(sum, "vetoed"),
			 models.len ? models.ptr : "无（没有达到条件的村居）"));
	buf_release(&models);

	heading(p, "二、各村（居）总分与等次");
	size_t n = json_array_size(vs);
	struct bar *b = ARENA_ARRAY(a, struct bar, n + 1);
	json_t *v;
	json_array_foreach(vs, i, v)
	{
		b[i] = (struct bar){
		    arena_printf(a, "%lld. %s", (long long)ji(v, "rank"), js(v, "village_name")),
		    ji(v, "total_centi"), 10000, grade_rgb[grade_index(v)],
		    arena_printf(a, "%s 分 %s%s%s", js(v, "total"), js(v, "grade"),
				 jb(v, "model") ? " ★示范" : "", jb(v, "vetoed") ? " 否决" : "")};
	}
	legend(p);
	bars(p, b, n, 10000, true);

	heading(p, "三、各项指标平均得分率");
	const json_t *avg = json_object_get(sum, "indicator_averages");
	size_t na = json_array_size(avg);
	struct bar *c = ARENA_ARRAY(a, struct bar, na + 1);
	json_t *it;
	json_array_foreach(avg, i, it)
	{
		int64_t w = ji(it, "weight"), av;
		if (!assess_centi_parse(js(it, "average"), &av))
			av = 0;
		int64_t rate = w ? av * 100 / w : 0; /* hundredths of a percent */
		char rs[24];
		assess_centi_text(rate, rs);
		c[i] = (struct bar){
		    js(it, "name"), rate, 10000, grade_rgb[0],
		    arena_printf(a, "%s%%（%s/%lld）", rs, js(it, "average"), (long long)w)};
	}
	bars(p, c, na, 10000, true);

	heading(p, "四、考核结果排名");
	static const char *const heads[] = {"名次", "村（居）", "指标得分", "扣分",
					    "总分", "等次",	"示范村",   "负面清单"};
	static const double widths[] = {0.07, 0.16, 0.11, 0.08, 0.10, 0.13, 0.09, 0.26};
	struct table_def t = {heads, widths, 8};
	table_head(p, &t);
	json_array_foreach(vs, i, v)
	{
		struct buf neg = BUF_INIT;
		size_t k;
		json_t *ng;
		json_array_foreach(json_object_get(v, "negative"), k, ng)
		    buf_addf(&neg, "%s%s", k ? "；" : "", js(ng, "reason"));
		const char *cells[] = {arena_printf(a, "%lld", (long long)ji(v, "rank")),
				       js(v, "village_name"),
				       js(v, "items_score"),
				       js(v, "deducted"),
				       js(v, "total"),
				       grade_label(js(v, "grade")),
				       jb(v, "model") ? "★ 示范村" : "",
				       arena_strdup(a, neg.ptr)};
		buf_release(&neg);
		table_row(p, &t, cells);
	}

	heading(p, "五、指标体系与计算方法");
	para(p, FONT " 9",
	     "自动计算指标：得分 = 分值 × 分子 ÷ 分母，四舍五入到 0.01 分；分母为 "
	     "0（无到期应办事项）"
	     "按满分计。人工指标由考核组依据评分标准和佐证材料评分，记录评分人。总分 = "
	     "各项得分之和 − "
	     "扣分（不低于 0）；列入负面清单的一票否决，评为 D 等。");
	p->y += 4;
	static const char *const iheads[] = {"编号", "一级指标", "指标", "分值", "类型"};
	static const double iwidths[] = {0.08, 0.18, 0.44, 0.08, 0.22};
	struct table_def ti = {iheads, iwidths, 5};
	table_head(p, &ti);
	const json_t *v0 = json_array_get(vs, 0);
	json_array_foreach(json_object_get(y, "indicators"), i, it)
	{
		const json_t *item = json_array_get(json_object_get(v0, "items"), i);
		const char *formula = item ? js(item, "formula") : "";
		const char *cells[] = {js(it, "code"), js(it, "group"),
				       arena_printf(a, "%s\n%s", js(it, "name"), formula),
				       arena_printf(a, "%lld", (long long)ji(it, "weight")),
				       strcmp(js(it, "kind"), "computed") == 0 ? "自动计算"
									       : "考核组评分"};
		table_row(p, &ti, cells);
	}
}

/* ---- a village's report ------------------------------------------------------------------------
 */

static void village_draw(struct page *p, const json_t *y, const json_t *v, struct arena *a)
{
	p->y += text_at(p, MARGIN, p->y, COLUMN, FONT " Bold 20", PANGO_ALIGN_CENTER,
			arena_printf(a, "%s%lld年度清廉村居建设考核得分", js(v, "village_name"),
				     (long long)ji(y, "year")));
	p->y += 4;
	p->y += text_at(p, MARGIN, p->y, COLUMN, FONT " 10", PANGO_ALIGN_CENTER,
			arena_printf(a, "%s　%s　考核基准日 %s　%s", js(y, "township"),
				     js(y, "title"), js(y, "as_of"), state_text(y)));
	p->y += 8;
	rule(p);
	p->y += 10;
	int gi = grade_index(v);
	cairo_set_source_rgb(p->cr, grade_rgb[gi][0], grade_rgb[gi][1], grade_rgb[gi][2]);
	cairo_rectangle(p->cr, MARGIN, p->y, 110, 58);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 1, 1, 1);
	text_at(p, MARGIN, p->y + 4, 110, FONT " Bold 26", PANGO_ALIGN_CENTER, js(v, "total"));
	text_at(p, MARGIN, p->y + 38, 110, FONT " 9", PANGO_ALIGN_CENTER, "总分");
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	size_t nv = json_array_size(json_object_get(y, "villages"));
	text_at(p, MARGIN + 124, p->y + 2, COLUMN - 124, FONT " 11", PANGO_ALIGN_LEFT,
		arena_printf(a,
			     "等次：%s　　名次：第 %lld 名（共 %zu 个村居）\n"
			     "指标得分 %s 分，扣分 %s 分%s%s",
			     grade_label(js(v, "grade")), (long long)ji(v, "rank"), nv,
			     js(v, "items_score"), js(v, "deducted"),
			     jb(v, "vetoed") ? "\n列入负面清单，一票否决" : "",
			     jb(v, "model") ? "\n★ 评为本年度示范村（居）" : ""));
	p->y += 70;

	heading(p, "一、各项指标得分");
	const json_t *items = json_object_get(v, "items");
	size_t n = json_array_size(items), i;
	struct bar *b = ARENA_ARRAY(a, struct bar, n + 1);
	json_t *it;
	int64_t maxw = 1;
	json_array_foreach(items, i, it) if (ji(it, "weight") > maxw) maxw = ji(it, "weight");
	json_array_foreach(items, i, it)
	{
		int64_t w = ji(it, "weight") * 100, s = ji(it, "score_centi");
		int g = w ? (s * 100 >= w * 90	 ? 0
			     : s * 100 >= w * 80 ? 1
			     : s * 100 >= w * 60 ? 2
						 : 3)
			  : 0;
		b[i] = (struct bar){
		    js(it, "name"), s, w, grade_rgb[g],
		    arena_printf(a, "%s / %lld", js(it, "score"), (long long)ji(it, "weight"))};
	}
	bars(p, b, n, maxw * 100, true);

	heading(p, "二、得分是怎样算出来的");
	static const char *const heads[] = {"指标", "分值", "计算方法与依据", "结果", "得分"};
	static const double widths[] = {0.19, 0.07, 0.46, 0.18, 0.10};
	struct table_def t = {heads, widths, 5};
	table_head(p, &t);
	json_array_foreach(items, i, it)
	{
		const char *result;
		const char *how;
		if (strcmp(js(it, "kind"), "computed") == 0) {
			result =
			    ji(it, "den")
				? arena_printf(a, "%s %lld ÷ %s %lld = %s%%", js(it, "num_label"),
					       (long long)ji(it, "num"), js(it, "den_label"),
					       (long long)ji(it, "den"), js(it, "value_percent"))
				: "无到期应办事项";
			how = arena_printf(a, "%s\n（%s）", js(it, "formula"), js(it, "note"));
		} else if (jb(it, "scored")) {
			result = arena_printf(a, "评分人：%s\n%s", js(it, "assessor"),
					      js(it, "scored_date"));
			how = arena_printf(a, "%s\n评分依据：%s%s%s", js(it, "formula"),
					   js(it, "evidence"),
					   json_is_string(json_object_get(it, "evidence_sha256"))
					       ? "\n佐证材料 SHA-256："
					       : "",
					   js(it, "evidence_sha256"));
		} else {
			result = "尚未评分";
			how = js(it, "formula");
		}
		const char *cells[] = {arena_printf(a, "%s %s", js(it, "code"), js(it, "name")),
				       arena_printf(a, "%lld", (long long)ji(it, "weight")), how,
				       result, js(it, "score")};
		table_row(p, &t, cells);
	}

	heading(p, "三、扣分");
	const json_t *deds = json_object_get(v, "deductions");
	if (!json_array_size(deds))
		para(p, FONT " 10", "无。");
	json_array_foreach(deds, i, it)
	    para(p, FONT " 10",
		 arena_printf(a, "%zu. 扣 %s 分：%s%s%s（认定人：%s，%s）", i + 1, js(it, "points"),
			      js(it, "reason"), *js(it, "measure_code") ? "；对应措施 " : "",
			      js(it, "measure_code"), js(it, "assessor"), js(it, "date")));

	heading(p, "四、负面清单（一票否决）");
	const json_t *negs = json_object_get(v, "negative");
	if (!json_array_size(negs))
		para(p, FONT " 10", "未列入负面清单。");
	json_array_foreach(negs, i, it)
	    para(p, FONT " 10",
		 arena_printf(a, "%zu. %s%s%s（%s，%s）", i + 1, js(it, "reason"),
			      *js(it, "ref") ? "；依据 " : "", js(it, "ref"), js(it, "assessor"),
			      js(it, "date")));
	p->y += 6;
	para(p, FONT " 8.5",
	     "计分规则：总分 = 各项指标得分之和 − 扣分（不低于 0）。自动计算指标得分 = 分值 × 分子 "
	     "÷ "
	     "分母（四舍五入到 0.01 分），分母为 0 按满分计；列入负面清单的一票否决，评为 D 等。");
}

/* ---- PDF
 * ----------------------------------------------------------------------------------------- */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

enum err assess_report_pdf(const json_t *y, const json_t *village, const char *created,
			   struct buf *out, struct errinfo *ei)
{
	struct arena a = ARENA_INIT;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, A4_W, A4_H);
	char date[20];
	snprintf(date, sizeof(date), "%.19s", created ? created : "");
	const char *title =
	    village ? arena_printf(&a, "%s%lld年度考核得分", js(village, "village_name"),
				   (long long)ji(y, "year"))
		    : arena_printf(&a, "%s%lld年度清廉村居建设考核报告", js(y, "township"),
				   (long long)ji(y, "year"));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "清廉村居监督平台");
	if (*date)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_t *cr = cairo_create(s);
	/* A font map of our own, released with the document (as the portal's notice). */
	PangoFontMap *fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution((PangoCairoFontMap *)fm, 72);
	PangoContext *pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, pc);
	struct page p = {cr,
			 pc,
			 MARGIN,
			 1,
			 arena_printf(&a, "%s · 生成于 %.10s · 清廉村居监督平台", title, date),
			 BUF_INIT};
	if (village)
		village_draw(&p, y, village, &a);
	else
		township_draw(&p, y, &a);
	footer(&p);
	buf_release(&p.scratch);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	arena_release(&a);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(ei, E_INTERNAL, "assess.pdf", NULL, "报告生成失败：%s",
			       cairo_status_to_string(st));
	return E_OK;
}

/* ---- .xlsx
 * --------------------------------------------------------------------------------------- */

static enum err xlsx_township(const json_t *y, const char *path, struct buf *out,
			      struct errinfo *ei, struct arena *a)
{
	const json_t *ind = json_object_get(y, "indicators");
	size_t ni = json_array_size(ind), nc = ni + 9, i;
	struct xlsx_column *cols = ARENA_ARRAY(a, struct xlsx_column, nc);
	static const char *const head0[] = {"名次", "区划代码", "村（居）"};
	static const char *const tail[] = {"指标得分", "扣分",	   "总分",
					   "等次",     "一票否决", "示范村"};
	for (i = 0; i < 3; i++)
		cols[i] = (struct xlsx_column){head0[i], i == 0 ? XLSX_NUMBER : XLSX_TEXT, 0};
	json_t *it;
	json_array_foreach(ind, i, it) cols[3 + i] =
	    (struct xlsx_column){arena_printf(a, "%s %s（%lld分）", js(it, "code"), js(it, "name"),
					      (long long)ji(it, "weight")),
				 XLSX_NUMBER, 14};
	for (i = 0; i < 6; i++)
		cols[3 + ni + i] =
		    (struct xlsx_column){tail[i], i < 3 ? XLSX_NUMBER : XLSX_TEXT, 0};
	struct xlsx_writer *w = xlsx_writer_new(
	    path, arena_printf(a, "%lld年度考核", (long long)ji(y, "year")), cols, nc, ei);
	if (!w)
		return ei->code ? ei->code : E_IO;
	enum err e = E_OK;
	json_t *v;
	json_array_foreach(json_object_get(y, "villages"), i, v)
	{
		const char **cells = ARENA_ARRAY(a, const char *, nc);
		cells[0] = arena_printf(a, "%lld", (long long)ji(v, "rank"));
		cells[1] = js(v, "village_code");
		cells[2] = js(v, "village_name");
		size_t k;
		json_array_foreach(json_object_get(v, "items"), k, it) if (k < ni) cells[3 + k] =
		    js(it, "score");
		cells[3 + ni] = js(v, "items_score");
		cells[4 + ni] = js(v, "deducted");
		cells[5 + ni] = js(v, "total");
		cells[6 + ni] = js(v, "grade");
		cells[7 + ni] = jb(v, "vetoed") ? "是" : "";
		cells[8 + ni] = jb(v, "model") ? "是" : "";
		if ((e = xlsx_writer_row(w, cells, ei)) != E_OK)
			break;
	}
	if (e != E_OK) {
		xlsx_writer_free(w);
		return e;
	}
	return xlsx_writer_close(w, out, ei);
}

static enum err xlsx_village(const json_t *y, const json_t *v, const char *path, struct buf *out,
			     struct errinfo *ei, struct arena *a)
{
	static const struct xlsx_column cols[] = {
	    {"编号", XLSX_TEXT, 8},    {"一级指标", XLSX_TEXT, 14},	  {"指标", XLSX_TEXT, 24},
	    {"类型", XLSX_TEXT, 10},   {"分值", XLSX_NUMBER, 8},	  {"分子", XLSX_NUMBER, 8},
	    {"分母", XLSX_NUMBER, 8},  {"完成率(%)", XLSX_NUMBER, 10},	  {"得分", XLSX_NUMBER, 8},
	    {"评分人", XLSX_TEXT, 10}, {"计算方法与依据", XLSX_TEXT, 60},
	};
	size_t nc = sizeof(cols) / sizeof(cols[0]);
	struct xlsx_writer *w = xlsx_writer_new(
	    path, arena_printf(a, "%s%lld年度", js(v, "village_name"), (long long)ji(y, "year")),
	    cols, nc, ei);
	if (!w)
		return ei->code ? ei->code : E_IO;
	enum err e = E_OK;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(v, "items"), i, it)
	{
		bool comp = strcmp(js(it, "kind"), "computed") == 0;
		const char *cells[] = {
		    js(it, "code"),
		    js(it, "group"),
		    js(it, "name"),
		    comp ? "自动计算" : "考核组评分",
		    arena_printf(a, "%lld", (long long)ji(it, "weight")),
		    comp ? arena_printf(a, "%lld", (long long)ji(it, "num")) : "",
		    comp ? arena_printf(a, "%lld", (long long)ji(it, "den")) : "",
		    js(it, "value_percent"),
		    js(it, "score"),
		    js(it, "assessor"),
		    comp ? js(it, "formula")
			 : arena_printf(a, "%s；依据：%s", js(it, "formula"), js(it, "evidence"))};
		if ((e = xlsx_writer_row(w, cells, ei)) != E_OK)
			break;
	}
	json_array_foreach(json_object_get(v, "deductions"), i, it)
	{
		if (e != E_OK)
			break;
		const char *cells[] = {"扣分",
				       "",
				       js(it, "reason"),
				       "扣分",
				       "",
				       "",
				       "",
				       "",
				       arena_printf(a, "-%s", js(it, "points")),
				       js(it, "assessor"),
				       js(it, "measure_code")};
		e = xlsx_writer_row(w, cells, ei);
	}
	json_array_foreach(json_object_get(v, "negative"), i, it)
	{
		if (e != E_OK)
			break;
		const char *cells[] = {"否决", "", js(it, "reason"),   "负面清单",   "", "", "",
				       "",     "", js(it, "assessor"), js(it, "ref")};
		e = xlsx_writer_row(w, cells, ei);
	}
	if (e == E_OK) {
		const char *cells[] = {"总分",
				       "",
				       arena_printf(a, "等次 %s，第 %lld 名%s", js(v, "grade"),
						    (long long)ji(v, "rank"),
						    jb(v, "model") ? "，示范村" : ""),
				       "",
				       "100",
				       "",
				       "",
				       "",
				       js(v, "total"),
				       "",
				       ""};
		e = xlsx_writer_row(w, cells, ei);
	}
	if (e != E_OK) {
		xlsx_writer_free(w);
		return e;
	}
	return xlsx_writer_close(w, out, ei);
}

enum err assess_report_xlsx(const json_t *y, const json_t *village, const char *path,
			    struct buf *out, struct errinfo *ei)
{
	struct arena a = ARENA_INIT;
	enum err e = village ? xlsx_village(y, village, path, out, ei, &a)
			     : xlsx_township(y, path, out, ei, &a);
	arena_release(&a);
	return e;
}
