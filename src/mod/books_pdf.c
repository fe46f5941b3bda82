/*
 * The books' reports printed: an A4 PDF drawn with cairo and pango in Noto Sans
 * CJK SC, like the portal's notice — the title with the village and the period,
 * a ruled table whose amounts are right-aligned, the header row repeated at the
 * top of every page, and "第 n 页 / 共 m 页" at the foot.  Rows are measured
 * first (a long 摘要 wraps inside its column) so that the page count is known
 * before the first page is drawn.  Text is plain (pango_layout_set_text, never
 * markup: 摘要 and names are data) and drawn as outlines, as portal.c does
 * (cairo 1.16 leaks every embedded font subset).  It must not see the database
 * or HTTP: books_report.c hands it the cells.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "books_api.h"
#include "core/buf.h"
#include "core/lazy_gfx.h"

#define A4_W   595.276 /* points */
#define A4_H   841.890
#define SIDE   36.0 /* left and right margins */
#define TOP    40.0
#define BOTTOM 46.0 /* room for the page number */
#define PAD_X  3.0  /* cell padding */
#define PAD_Y  2.5
#define FONT   "Noto Sans CJK SC"
#define F_CELL FONT " 8.5"
#define F_HEAD FONT " Bold 8.5"

struct page_ctx {
	cairo_t *cr;			  /* the PDF surface's context */
	PangoContext *pc;		  /* our own font map's context */
	const struct books_pdf *p;	  /* what is printed */
	double x[BOOKS_PDF_COLS_MAX + 1]; /* column edges */
	double line_h;			  /* height of one line of table text */
};

static PangoLayout *layout(PangoContext *pc, const char *font, double width, PangoAlignment align,
			   const char *text)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double text_height(PangoContext *pc, const char *font, double width, const char *text)
{
	PangoLayout *l = layout(pc, font, width, PANGO_ALIGN_LEFT, text);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	return h;
}

/* Adds the text's outline at (x, y) to the current path; returns its height.
 * The caller fills once per page. */
static double text_path(struct page_ctx *g, double x, double y, double width, const char *font,
			PangoAlignment align, const char *text)
{
	PangoLayout *l = layout(g->pc, font, width, align, text);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(g->cr, x, y);
	pango_cairo_layout_path(g->cr, l);
	g_object_unref(l);
	return h;
}

static const char *cell_at(const struct books_pdf *p, size_t row, size_t col)
{
	const char *s = p->cells[row * p->ncols + col];
	return s ? s : "";
}

/* A row's height (row SIZE_MAX: the header): one line, unless a cell is too
 * long for its column.  Amounts are never measured (they fit), other cells
 * only when their bytes could be wider than the column (a CJK character is 3
 * bytes and about one em wide, an ASCII one narrower). */
static double row_height(struct page_ctx *g, size_t row, const char *font)
{
	const struct books_pdf *p = g->p;
	double h = g->line_h;
	for (size_t c = 0; c < p->ncols; c++) {
		const char *s = row == SIZE_MAX ? p->cols[c].header : cell_at(p, row, c);
		double width = g->x[c + 1] - g->x[c] - 2 * PAD_X;
		if ((p->cols[c].right && row != SIZE_MAX) || (double)strlen(s) * 8.5 * 0.6 <= width)
			continue;
		double t = text_height(g->pc, font, width, s);
		h = t > h ? t : h;
	}
	return h + 2 * PAD_Y;
}

static void rule(cairo_t *cr, double x0, double y0, double x1, double y1, double width)
{
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
}

/* One row of cells at y (its height h): the text, then the rules around it. */
static void row_draw(struct page_ctx *g, size_t row, double y, double h, bool head)
{
	const struct books_pdf *p = g->p;
	cairo_t *cr = g->cr;
	bool bold = head || (p->bold && p->bold[row]);
	if (head) {
		cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
		cairo_rectangle(cr, g->x[0], y, g->x[p->ncols] - g->x[0], h);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t c = 0; c < p->ncols; c++) {
		const char *s = head ? p->cols[c].header : cell_at(p, row, c);
		PangoAlignment a = head		      ? PANGO_ALIGN_CENTER
				   : p->cols[c].right ? PANGO_ALIGN_RIGHT
						      : PANGO_ALIGN_LEFT;
		if (*s)
			text_path(g, g->x[c] + PAD_X, y + PAD_Y, g->x[c + 1] - g->x[c] - 2 * PAD_X,
				  bold ? F_HEAD : F_CELL, a, s);
	}
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	rule(cr, g->x[0], y + h, g->x[p->ncols], y + h, head ? 0.8 : 0.4);
	for (size_t c = 0; c <= p->ncols; c++)
		rule(cr, g->x[c], y, g->x[c], y + h, 0.4);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

/* The title block of the first page, or the short one of the others; returns
 * where the table starts. */
static double page_head(struct page_ctx *g, int page)
{
	const struct books_pdf *p = g->p;
	double w = A4_W - 2 * SIDE, y = TOP;
	if (page == 1) {
		y += text_path(g, SIDE, y, w, FONT " Bold 16", PANGO_ALIGN_CENTER, p->title);
		y += 4 + text_path(g, SIDE, y + 4, w, FONT " 9.5", PANGO_ALIGN_CENTER, p->subtitle);
	} else {
		y += text_path(g, SIDE, y, w, FONT " 9.5", PANGO_ALIGN_LEFT, p->title);
	}
	cairo_fill(g->cr);
	return y + 8;
}

static void page_foot(struct page_ctx *g, int page, int pages)
{
	char num[64];
	double w = A4_W - 2 * SIDE, y = A4_H - BOTTOM + 14;
	snprintf(num, sizeof(num), "第 %d 页 / 共 %d 页", page, pages);
	text_path(g, SIDE, y, w, FONT " 8", PANGO_ALIGN_CENTER, num);
	if (g->p->footer)
		text_path(g, SIDE, y, w, FONT " 8", PANGO_ALIGN_RIGHT, g->p->footer);
	cairo_fill(g->cr);
}

/* Where the table starts on a page, as page_head will draw it. */
static double head_height(struct page_ctx *g, int page)
{
	double w = A4_W - 2 * SIDE;
	if (page == 1)
		return TOP + text_height(g->pc, FONT " Bold 16", w, g->p->title) + 4 +
		       text_height(g->pc, FONT " 9.5", w, g->p->subtitle) + 8;
	return TOP + text_height(g->pc, FONT " 9.5", w, g->p->title) + 8;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Rows first[k]..first[k+1]-1 go on page k + 1; returns the page count. */
static int paginate(struct page_ctx *g, const double *h, double head_h, size_t *first)
{
	int pages = 1;
	double y = head_height(g, 1) + head_h, bottom = A4_H - BOTTOM;
	first[0] = 0;
	for (size_t i = 0; i < g->p->nrows; i++) {
		if (y + h[i] > bottom && i > first[pages - 1]) {
			first[pages++] = i;
			y = head_height(g, pages) + head_h;
		}
		y += h[i];
	}
	first[pages] = g->p->nrows;
	return pages;
}

static void draw(struct page_ctx *g)
{
	const struct books_pdf *p = g->p;
	double *h = malloc((p->nrows + 1) * sizeof(*h));
	size_t *first = malloc((p->nrows + 2) * sizeof(*first));
	if (!h || !first)
		abort();
	for (size_t i = 0; i < p->nrows; i++)
		h[i] = row_height(g, i, p->bold && p->bold[i] ? F_HEAD : F_CELL);
	double head_h = row_height(g, SIZE_MAX, F_HEAD);
	int pages = paginate(g, h, head_h, first);
	for (int k = 0; k < pages; k++) {
		double y = page_head(g, k + 1);
		cairo_set_source_rgb(g->cr, 0.45, 0.45, 0.45);
		rule(g->cr, g->x[0], y, g->x[p->ncols], y, 0.8);
		row_draw(g, 0, y, head_h, true);
		y += head_h;
		for (size_t i = first[k]; i < first[k + 1]; i++) {
			row_draw(g, i, y, h[i], false);
			y += h[i];
		}
		page_foot(g, k + 1, pages);
		cairo_show_page(g->cr);
	}
	free(first);
	free(h);
}

enum err books_pdf_render(const struct books_pdf *p, struct buf *out, struct errinfo *ei)
{
	if (p->ncols == 0 || p->ncols > BOOKS_PDF_COLS_MAX)
		return err_set(ei, E_INTERNAL, "report.pdf", NULL, "报表列数不合打印格式");
	buf_reset(out);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "清廉村居监督平台");
	if (p->created)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, p->created);
	cairo_t *cr = cairo_create(s);
	/* A font map of our own, released with the document (see portal.c). */
	PangoFontMap *fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution((PangoCairoFontMap *)fm, 72); /* sizes in points */
	PangoContext *pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, pc);
	struct page_ctx g = {.cr = cr, .pc = pc, .p = p};
	double total = 0, at = SIDE;
	for (size_t c = 0; c < p->ncols; c++)
		total += p->cols[c].weight > 0 ? p->cols[c].weight : 1;
	for (size_t c = 0; c < p->ncols; c++) {
		g.x[c] = at;
		at += (A4_W - 2 * SIDE) * (p->cols[c].weight > 0 ? p->cols[c].weight : 1) / total;
	}
	g.x[p->ncols] = A4_W - SIDE;
	g.line_h = text_height(pc, F_CELL, 0, "国0");
	draw(&g);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(ei, E_INTERNAL, "report.pdf", NULL, "PDF 生成失败：%s",
			       cairo_status_to_string(st));
	return E_OK;
}
