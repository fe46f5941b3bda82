/*
 * The public portal's pages and printables: the village list, a village's page,
 * its QR code (libqrencode drawn by cairo into a PNG) and its A4 notice for the
 * 公开栏 (cairo PDF + pango, Noto Sans CJK SC).  Every dynamic text reaches a
 * page through core/html.h and a PDF through pango_layout_set_text (plain text,
 * never markup).  It must not show what domain/masking.md keeps private: the
 * statements of portal_db.c do not even read ID numbers, phones or accounts,
 * and no page lists residents.  It writes nothing.
 */
#include "portal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/html.h"
#include "core/lazy_gfx.h"
#include "core/lazy_qr.h"
#include "perms.h"
#include "rules.h"

#define DEFAULT_BASE "http://127.0.0.1:8080" /* when the Host header is unusable */
#define CACHE_PUBLIC "public, max-age=60"    /* the portal is the same for everyone */
#define QR_PX	     8			     /* PNG pixels per QR module */
#define QR_QUIET     4			     /* white border, in modules (ISO 18004) */
#define A4_W	     595.276		     /* points */
#define A4_H	     841.890
#define MARGIN	     56.0
#define FONT	     "Noto Sans CJK SC"

/* Rows of text cells, ncols per row, in the request's arena. */
struct rows {
	const char **cell; /* row-major */
	size_t n;	   /* rows */
	int ncols;	   /* cells per row */
};

struct village {
	int64_t id;	      /* villages.id */
	const char *code;     /* 12-digit 统计用区划代码 */
	const char *name;     /* 甲村 */
	const char *kind;     /* 村 or 居 */
	const char *township; /* 黄桥镇 */
	int64_t households;   /* 户数 */
	int64_t population;   /* 人口 */
};

/* Everything a village page or notice shows. */
struct view {
	struct village v;     /* the village */
	struct rows cadres;   /* post, name, start_date */
	struct rows signings; /* name, date of this year's 廉政承诺 or NULL */
	uint64_t log_size;    /* entries in the tamper-evident log */
	char fp[17];	      /* first 16 hex of the log's root */
	char today[11];	      /* Asia/Shanghai */
	char year[5];	      /* of today */
	const char *url;      /* absolute URL of the village page */
	const char *base;     /* scheme://host of this server */
};

static const char *rows_at(const struct rows *t, size_t row, int col)
{
	return t->cell[row * (size_t)t->ncols + (size_t)col];
}

/* ---- loading ---------------------------------------------------------------------- */

static enum err rows_load(struct req *r, unsigned st, const struct db_val *p, size_t np, int ncols,
			  struct rows *out)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &portal_stmts, st, p, np, &res);
	if (e != E_OK)
		return e;
	size_t cap = 0;
	*out = (struct rows){NULL, 0, ncols};
	while (db_row(res)) {
		if (out->n == cap) { /* arena memory is not freed: doubling wastes little */
			cap = cap ? cap * 2 : 16;
			size_t cells = cap * (size_t)ncols;
			const char **grown = ARENA_ARRAY(&r->arena, const char *, cells);
			if (out->n)
				memcpy(grown, out->cell, out->n * (size_t)ncols * sizeof(*grown));
			out->cell = grown;
		}
		for (int c = 0; c < ncols; c++)
			out->cell[out->n * (size_t)ncols + (size_t)c] =
			    db_text_dup(&r->arena, res, c);
		out->n++;
	}
	return db_done(res);
}

static enum err village_load(struct req *r, struct village *v)
{
	const char *code = req_param(r, "code");
	struct db_res *res;
	enum err e =
	    db_one(r->db, &portal_stmts, PORTAL_ST_VILLAGE, DB_PARAMS(DB_TEXT(code)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "portal.no_village", NULL,
				"没有找到这个村（居）：%s。请检查网址，或从村（居）列表进入。",
				code);
	if (e != E_OK)
		return e;
	*v = (struct village){db_int(res, 0),
			      db_text_dup(&r->arena, res, 1),
			      db_text_dup(&r->arena, res, 2),
			      db_text_dup(&r->arena, res, 3),
			      db_text_dup(&r->arena, res, 4),
			      db_int(res, 5),
			      db_int(res, 6)};
	return db_done(res);
}

/* A Host header fit to be printed on a notice board: a name or address with an
 * optional port; nothing that could carry a path, markup or a second URL. */
static bool host_ok(const char *h)
{
	static const char ok[] =
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]";
	size_t n = h ? strlen(h) : 0;
	return n > 0 && n <= 255 && strspn(h, ok) == n;
}

static const char *base_url(struct req *r)
{
	if (!host_ok(r->host))
		return DEFAULT_BASE;
	/* Secure cookies are set when we sit behind TLS. */
	return arena_printf(&r->arena, "%s://%s", r->app->secure_cookie ? "https" : "http",
			    r->host);
}

static enum err head_load(struct req *r, struct view *w)
{
	uint8_t root[32];
	enum err e = trail_head(r->db, &w->log_size, root);
	if (e != E_OK)
		return e;
	for (int i = 0; i < 8; i++)
		snprintf(w->fp + 2 * i, 3, "%02x", root[i]);
	return E_OK;
}

static enum err view_load(struct req *r, struct view *w)
{
	memset(w, 0, sizeof(*w));
	app_today(r->app, w->today);
	memcpy(w->year, w->today, 4);
	char jan1[11];
	snprintf(jan1, sizeof(jan1), "%s-01-01", w->year);
	enum err e;
	if ((e = village_load(r, &w->v)) != E_OK ||
	    (e = rows_load(r, PORTAL_ST_CADRES, DB_PARAMS(DB_INT(w->v.id), DB_TEXT(w->today)), 3,
			   &w->cadres)) != E_OK ||
	    (e = rows_load(r, PORTAL_ST_COMMITMENTS,
			   DB_PARAMS(DB_INT(w->v.id), DB_TEXT(jan1), DB_TEXT(w->today)), 2,
			   &w->signings)) != E_OK ||
	    (e = head_load(r, w)) != E_OK)
		return e;
	w->base = base_url(r);
	w->url = arena_printf(&r->arena, "%s/p/%s", w->base, w->v.code);
	return E_OK;
}

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "居") == 0 ? "社区" : "村";
}

/* ---- HTML ------------------------------------------------------------------------- */

/* One small stylesheet: large type for older readers, one column at 360 px. */
#define PAGE_STYLE                                                                                 \
	"html{font-size:20px}body{margin:0;font:1rem/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","    \
	"\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#f6f4ef;overflow-wrap:anywhere}"  \
	"main{max-width:40rem;margin:0 auto;padding:.75rem}"                                       \
	"h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0;color:#9b1c1c}"                        \
	"h2{font-size:1.2rem;margin:0 0 .5rem;border-left:.3rem solid #9b1c1c;padding-left:.5rem}" \
	"section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}"              \
	"table{width:100%;border-collapse:collapse}"                                               \
	"th,td{text-align:left;padding:.4rem .25rem;border-bottom:1px solid #e5e0d5}"              \
	"ul{list-style:none;margin:0;padding:0}li{padding:.5rem 0;border-bottom:1px solid "        \
	"#e5e0d5}"                                                                                 \
	"a{color:#0b5cad}.muted{color:#555;font-size:.9rem}.fp{font-family:monospace;"             \
	"word-break:break-all}img{display:block;margin:.5rem auto;width:12rem;height:12rem;"       \
	"image-rendering:pixelated}footer{text-align:center;color:#555;font-size:.9rem;"           \
	"padding:1rem}.risk-red{color:#c00}.risk-yellow{color:#b07800}.risk-green{color:#087f23}"

static void page_begin(struct buf *b, const char *title)
{
	buf_reset(b);
	html_raw(
	    b, HTML_LIT("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"));
	html_f(b, "<title>%s · 清廉村居</title>", title);
	html_raw(b, HTML_LIT("<style>" PAGE_STYLE "</style></head><body><main>"));
}

static enum err page_ok(struct req *r)
{
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", CACHE_PUBLIC);
	return E_OK;
}

static enum err page_end(struct req *r)
{
	html_raw(&r->resp, HTML_LIT("</main><footer>清廉村居监督平台 · 公开信息，欢迎监督"
				    "</footer></body></html>"));
	return page_ok(r);
}

static enum err villages_page(struct req *r)
{
	struct rows t;
	enum err e = rows_load(r, PORTAL_ST_VILLAGES, DB_NOPARAMS, 4, &t);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, "村（居）列表");
	html_raw(b, HTML_LIT("<h1>清廉村居 · 村务公开</h1><p class=\"muted\">选择您所在的村（居），"
			     "查看干部名单、廉政承诺等公开信息。</p>"));
	const char *town = NULL; /* townships come in order: one section each */
	for (size_t i = 0; i < t.n; i++) {
		if (!town || strcmp(town, rows_at(&t, i, 3)) != 0) {
			if (town)
				html_raw(b, HTML_LIT("</ul></section>"));
			town = rows_at(&t, i, 3);
			html_f(b, "<section><h2>%s</h2><ul>", town);
		}
		html_f(b, "<li><a href=\"/p/%s\">%s</a> <span class=\"muted\">%s</span></li>",
		       rows_at(&t, i, 0), rows_at(&t, i, 1), kind_label(rows_at(&t, i, 2)));
	}
	if (town)
		html_raw(b, HTML_LIT("</ul></section>"));
	else
		html_raw(b, HTML_LIT("<section><p>尚未登记村（居）。</p></section>"));
	return page_end(r);
}

static void section_cadres(struct buf *b, const struct view *w)
{
	html_f(b, "<section><h2>%s干部</h2>", kind_label(w->v.kind));
	if (!w->cadres.n) {
		html_raw(b, HTML_LIT("<p>暂无在任干部信息。</p></section>"));
		return;
	}
	html_raw(b, HTML_LIT("<table><tr><th>职务</th><th>姓名</th><th>任职日期</th></tr>"));
	for (size_t i = 0; i < w->cadres.n; i++)
		html_f(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", rows_at(&w->cadres, i, 0),
		       rows_at(&w->cadres, i, 1), rows_at(&w->cadres, i, 2));
	html_raw(b, HTML_LIT("</table></section>"));
}

static size_t signed_count(const struct view *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->signings.n; i++)
		n += rows_at(&w->signings, i, 1) != NULL;
	return n;
}

static void section_commitments(struct buf *b, const struct view *w)
{
	if (!w->signings.n)
		return; /* no serving cadres: nothing to sign, said above already */
	html_f(b,
	       "<section><h2>%s年度廉政承诺</h2><p>在任干部 %zu 人，已签订廉政承诺书 %zu 人。</p>",
	       w->year, w->signings.n, signed_count(w));
	html_raw(b, HTML_LIT("<table><tr><th>姓名</th><th>签订日期</th></tr>"));
	for (size_t i = 0; i < w->signings.n; i++) {
		const char *date = rows_at(&w->signings, i, 1);
		html_f(b, "<tr><td>%s</td><td>%s</td></tr>", rows_at(&w->signings, i, 0),
		       date ? date : "尚未签订");
	}
	html_raw(b, HTML_LIT("</table></section>"));
}

static void section_figures(struct buf *b, const struct view *w)
{
	html_f(b, "<section><h2>户籍人口</h2><p>全%s共 %lld 户，%lld 人。</p></section>",
	       kind_label(w->v.kind), (long long)w->v.households, (long long)w->v.population);
}

static void section_verify(struct buf *b, const struct view *w)
{
	html_f(b,
	       "<section><h2>数据核验</h2><p>本平台的每一次修改都记入防篡改日志，并由签名检查点"
	       "固定。截至 %s，日志共 %lld 条，指纹 <span class=\"fp\">%s</span>。</p>"
	       "<p><a href=\"/api/v1/checkpoint\">查看签名检查点</a></p></section>",
	       w->today, (long long)w->log_size, w->fp);
}

/* The public sections kept by other modules (disclose, subsidy, power, complaint). */
static void section_links(struct buf *b, const struct view *w)
{
	html_f(b,
	       "<section><h2>村务公开与监督</h2><ul>"
	       "<li><a href=\"/p/%s/disclosures\">党务、村务、财务公开</a></li>"
	       "<li><a href=\"/p/%s/finance\">财务收支概况</a></li>"
	       "<li><a href=\"/p/%s/subsidies\">惠民资金发放名单与本人查询</a></li>"
	       "<li><a href=\"/p/%s/decisions\">议事决策</a></li>"
	       "<li><a href=\"/p/%s/contracts\">合同、产权交易与工程项目</a></li>"
	       "<li><a href=\"/p/%s/complaint\">信访举报（可匿名）</a></li>"
	       "<li><a href=\"/p/%s/verify\">核验：签名检查点与包含证明</a></li>"
	       "<li><a href=\"/p/draws\">双随机一公开</a></li></ul></section>",
	       w->v.code, w->v.code, w->v.code, w->v.code, w->v.code, w->v.code, w->v.code);
}

static void section_qr(struct buf *b, const struct view *w)
{
	html_f(b,
	       "<section><h2>扫码访问</h2><img src=\"/p/%s/qr.png\" alt=\"本页二维码\">"
	       "<p class=\"muted\">手机扫码即可打开本页：",
	       w->v.code);
	html_link(b, w->url, w->url);
	html_f(b,
	       "</p><p><a href=\"/p/%s/notice.pdf\">下载公开栏告示（A4，可打印）</a></p></section>"
	       "<p><a href=\"/p/\">查看全部村（居）</a></p>",
	       w->v.code);
}

/* ---- the village page, kept rendered ------------------------------------------------ */

/* A village page changes only with a logged write (every row it shows is
 * logged, and so are the alerts behind its risk colour), with the date (cadres
 * serving today, this year's commitments) and with the Host it prints.  Kept
 * under (code, base URL, today, log size), it is rendered again once
 * any of them moves.  The head is read from the database on every request, so
 * the writes of another server on the same PostgreSQL count too.  One slot per
 * village by the code's hash: a newer page replaces the older one. */
#define PAGE_SLOTS   1024
#define PAGE_KEY_MAX 400

struct page_slot {
	char key[PAGE_KEY_MAX]; /* code, base, today, log size joined by 0x1F; "" = empty */
	char *body;		/* the whole HTML, malloc'ed */
	size_t len;		/* its bytes */
};

static struct page_slot page_slots[PAGE_SLOTS];
static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;

static struct page_slot *page_slot_of(const char *code)
{
	uint64_t h = 0xCBF29CE484222325ull;
	for (const char *p = code; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001B3ull;
	return &page_slots[h % PAGE_SLOTS];
}

/* The kept page of key into out; false when there is none. */
static bool page_get(const char *code, const char *key, struct buf *out)
{
	struct page_slot *s = page_slot_of(code);
	bool hit = false;
	pthread_mutex_lock(&page_lock);
	if (s->body && strcmp(s->key, key) == 0) {
		buf_reset(out);
		buf_add(out, s->body, s->len);
		hit = true;
	}
	pthread_mutex_unlock(&page_lock);
	return hit;
}

static void page_put(const char *code, const char *key, const struct buf *page)
{
	struct page_slot *s = page_slot_of(code);
	char *copy = malloc(page->len + 1);
	if (!copy)
		abort();
	memcpy(copy, page->ptr, page->len + 1);
	pthread_mutex_lock(&page_lock);
	char *old = s->body;
	snprintf(s->key, sizeof(s->key), "%s", key);
	s->body = copy;
	s->len = page->len;
	pthread_mutex_unlock(&page_lock);
	free(old);
}

/* The key of the page as things stand, or NULL when it is too long to keep.
 * The log's size names its state: it only grows, by one entry per change. */
static const char *page_key(struct req *r, const char *code, const char *today)
{
	struct db_res *res;
	if (db_one(r->db, &portal_stmts, PORTAL_ST_LOG_SIZE, DB_NOPARAMS, &res) != E_OK)
		return NULL; /* the page itself reports the failure */
	long long size = (long long)db_int(res, 0);
	db_done(res);
	const char *key =
	    arena_printf(&r->arena, "%s\x1f%s\x1f%s\x1f%lld", code, base_url(r), today, size);
	return strlen(key) < PAGE_KEY_MAX ? key : NULL;
}

static enum err village_page(struct req *r)
{
	const char *code = req_param(r, "code");
	char today[11];
	app_today(r->app, today);
	const char *key = code ? page_key(r, code, today) : NULL;
	if (key && page_get(code, key, &r->resp))
		return page_ok(r);
	struct view w;
	enum err e = view_load(r, &w);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, w.v.name);
	html_f(b, "<h1>%s</h1><p class=\"muted\">%s · %s</p>", w.v.name, w.v.township,
	       kind_label(w.v.kind));
	/* the red-flag engine's colour from its open alerts (rules.h) */
	struct rules_risk risk;
	if ((e = rules_village_risk(r->db, w.v.id, &risk)) != E_OK)
		return e;
	html_f(b,
	       "<section><h2>廉情风险等级</h2><p><strong class=\"risk-%s\">%s色</strong>"
	       "</p><p class=\"muted\">由镇纪委大数据监督预警自动生成：有在办的高等级预警为红色，"
	       "有中等级预警（或三条以上低等级预警）为黄色，否则为绿色；整改销号后恢复。</p>"
	       "</section>",
	       risk.level, risk.colour);
	section_links(b, &w);
	section_cadres(b, &w);
	section_commitments(b, &w);
	section_figures(b, &w);
	section_verify(b, &w);
	section_qr(b, &w);
	e = page_end(r);
	/* kept only when it shows the state its key names (no write in between) */
	if (key && strcmp(key, arena_printf(&r->arena, "%s\x1f%s\x1f%s\x1f%lld", code, w.base,
					    w.today, (long long)w.log_size)) == 0)
		page_put(code, key, &r->resp);
	return e;
}

/* ---- QR code ----------------------------------------------------------------------- */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The symbol with its quiet zone into the square (x, y, size); dark runs of a
 * row as one rectangle, so that PDF viewers show no seams between modules. */
static void qr_draw(cairo_t *cr, const QRcode *q, double x, double y, double size)
{
	double m = size / (q->width + 2 * QR_QUIET);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int j = 0; j < q->width; j++)
		for (int i = 0; i < q->width; i++) {
			if (!(q->data[j * q->width + i] & 1))
				continue;
			int run = i;
			while (run < q->width && (q->data[j * q->width + run] & 1))
				run++;
			cairo_rectangle(cr, x + (i + QR_QUIET) * m, y + (j + QR_QUIET) * m,
					(run - i) * m, m);
			i = run;
		}
	cairo_fill(cr);
	cairo_restore(cr);
}

static QRcode *qr_encode(struct req *r, const char *url)
{
	QRcode *q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		req_fail(r, E_INTERNAL, "portal.qr", NULL, "二维码生成失败");
	return q;
}

static enum err qr_png_write(struct req *r, const QRcode *q)
{
	int px = (q->width + 2 * QR_QUIET) * QR_PX;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px, px);
	cairo_t *cr = cairo_create(s);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE); /* modules fall on whole pixels */
	qr_draw(cr, q, 0, 0, px);
	cairo_destroy(cr);
	buf_reset(&r->resp);
	cairo_status_t st = cairo_surface_write_to_png_stream(s, to_buf, &r->resp);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return req_fail(r, E_INTERNAL, "portal.png", NULL, "图片生成失败：%s",
				cairo_status_to_string(st));
	return E_OK;
}

static enum err qr_png(struct req *r)
{
	struct village v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	QRcode *q = qr_encode(r, arena_printf(&r->arena, "%s/p/%s", base_url(r), v.code));
	if (!q)
		return E_INTERNAL;
	e = qr_png_write(r, q);
	QRcode_free(q);
	if (e != E_OK)
		return e;
	r->status = 200;
	r->resp_type = "image/png";
	req_header(r, "Cache-Control", CACHE_PUBLIC);
	return E_OK;
}

/* ---- the A4 notice ------------------------------------------------------------------- */

#define COLUMN (A4_W - 2 * MARGIN) /* width of the text column */

/* Plain text (never pango markup: names are data) in a box of the given width. */
static PangoLayout *pdf_layout(PangoContext *pc, const char *font, double width,
			       PangoAlignment align, const char *text)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double pdf_height(PangoContext *pc, const char *font, const char *text)
{
	PangoLayout *l = pdf_layout(pc, font, COLUMN, PANGO_ALIGN_LEFT, text);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	return h;
}

/* Draws text at (x, y); returns the y below it. */
static double pdf_text_at(cairo_t *cr, PangoContext *pc, double x, double y, double width,
			  const char *font, const char *text, PangoAlignment align)
{
	PangoLayout *l = pdf_layout(pc, font, width, align, text);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	/* Outlines, not embedded fonts: cairo 1.16 leaks each PDF font subset
	 * (about 768 bytes a font a file), which a long-lived server cannot
	 * afford; a notice board needs no selectable text. */
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, l);
	cairo_fill(cr);
	g_object_unref(l);
	return y + h;
}

static double pdf_text(cairo_t *cr, PangoContext *pc, double y, const char *font, const char *text,
		       PangoAlignment align)
{
	return pdf_text_at(cr, pc, MARGIN, y, COLUMN, font, text, align);
}

static double pdf_rule(cairo_t *cr, double y)
{
	cairo_set_source_rgb(cr, 0.61, 0.11, 0.11);
	cairo_set_line_width(cr, 2);
	cairo_move_to(cr, MARGIN, y);
	cairo_line_to(cr, A4_W - MARGIN, y);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	return y;
}

/* Cadres from..to-1 a line each, "书记　张书记", with "　2021-02-10 任职"
 * when there is room for it. */
static const char *cadre_lines(struct arena *a, const struct view *w, size_t from, size_t to,
			       bool dates)
{
	struct buf b = BUF_INIT;
	for (size_t i = from; i < to; i++) {
		buf_addf(&b, "%s%s　%s", i > from ? "\n" : "", rows_at(&w->cadres, i, 0),
			 rows_at(&w->cadres, i, 1));
		if (dates)
			buf_addf(&b, "　%s 任职", rows_at(&w->cadres, i, 2));
	}
	char *s = arena_strdup(a, b.ptr);
	buf_release(&b);
	return s;
}

/* One column for a few cadres, two (names and posts only) for more, so that
 * the QR code keeps its room. */
static double notice_cadres(cairo_t *cr, PangoContext *pc, struct arena *a, const struct view *w,
			    double y)
{
	size_t n = w->cadres.n, half = (n + 1) / 2;
	if (n == 0)
		return pdf_text(cr, pc, y, FONT " 18", "暂无在任干部信息", PANGO_ALIGN_LEFT);
	if (n <= 6)
		return pdf_text(cr, pc, y, FONT " 18", cadre_lines(a, w, 0, n, true),
				PANGO_ALIGN_LEFT);
	double y1 = pdf_text_at(cr, pc, MARGIN, y, COLUMN / 2, FONT " 16",
				cadre_lines(a, w, 0, half, false), PANGO_ALIGN_LEFT);
	double y2 = pdf_text_at(cr, pc, MARGIN + COLUMN / 2, y, COLUMN / 2, FONT " 16",
				cadre_lines(a, w, half, n, false), PANGO_ALIGN_LEFT);
	return y1 > y2 ? y1 : y2;
}

/* The QR code as large as the page allows (at most 230 pt, at least 96 pt:
 * still scannable at arm's length), then what it is for. */
static void notice_qr(cairo_t *cr, PangoContext *pc, struct arena *a, const struct view *w,
		      const QRcode *q, double y)
{
	const char *call = "扫一扫 看村务";
	const char *help = arena_printf(
	    a,
	    "村（居）民朋友：请用手机微信或浏览器扫描上方二维码，即可查看本%s干部名单与职务、"
	    "本年度廉政承诺签订情况等公开信息，无需下载软件，无需登录。对公开内容有疑问，"
	    "可向镇纪委反映。\n网址：%s",
	    kind_label(w->v.kind), w->url);
	double below =
	    6 + pdf_height(pc, FONT " Bold 24", call) + 8 + pdf_height(pc, FONT " 15", help) + 12;
	double size = (A4_H - MARGIN - 58) - (y + 18) - below;
	size = size > 230 ? 230 : size < 96 ? 96 : size;
	qr_draw(cr, q, (A4_W - size) / 2, y + 18, size);
	y = pdf_text(cr, pc, y + 18 + size + 6, FONT " Bold 24", call, PANGO_ALIGN_CENTER);
	pdf_text(cr, pc, y + 8, FONT " 15", help, PANGO_ALIGN_LEFT);
}

static void notice_draw(cairo_t *cr, PangoContext *pc, struct arena *a, const struct view *w,
			const QRcode *q)
{
	const char *kind = kind_label(w->v.kind);
	double y = pdf_text(cr, pc, MARGIN, FONT " Bold 34",
			    arena_printf(a, "%s 清廉村居 公开栏", w->v.name), PANGO_ALIGN_CENTER);
	y = pdf_text(cr, pc, y + 4, FONT " 16", arena_printf(a, "%s · %s", w->v.township, kind),
		     PANGO_ALIGN_CENTER);
	y = pdf_rule(cr, y + 12);
	y = pdf_text(cr, pc, y + 14, FONT " Bold 20", arena_printf(a, "本%s在任干部", kind),
		     PANGO_ALIGN_LEFT);
	y = notice_cadres(cr, pc, a, w, y + 6);
	notice_qr(cr, pc, a, w, q, y);
	pdf_rule(cr, A4_H - MARGIN - 58);
	pdf_text(
	    cr, pc, A4_H - MARGIN - 50, FONT " 11",
	    arena_printf(a,
			 "数据核验：截至 %s，平台防篡改日志共 %lld 条，指纹 %s。\n"
			 "核验方法：访问 %s/api/v1/checkpoint 取得签名检查点，比对指纹前 16 位。",
			 w->today, (long long)w->log_size, w->fp, w->base),
	    PANGO_ALIGN_LEFT);
}

/* Title and a creation date from the app's clock, so the file is reproducible. */
static void notice_metadata(cairo_surface_t *s, struct req *r, const struct view *w)
{
	char ts[32], date[20];
	app_timestamp(app_now(r->app), ts);
	snprintf(date, sizeof(date), "%.19s", ts);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
				       arena_printf(&r->arena, "%s 清廉村居 公开栏", w->v.name));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "清廉村居监督平台");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

/* The notice into r->resp. */
static cairo_status_t notice_render(struct req *r, const struct view *w, const QRcode *q)
{
	buf_reset(&r->resp);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &r->resp, A4_W, A4_H);
	notice_metadata(s, r, w);
	cairo_t *cr = cairo_create(s);
	/* A font map of our own, released with the page: pango's default one is
	 * per thread and lives as long as the thread, outside any request. */
	PangoFontMap *fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution((PangoCairoFontMap *)fm, 72); /* sizes in points */
	PangoContext *pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, pc);
	notice_draw(cr, pc, &r->arena, w, q);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st;
}

static enum err notice_pdf(struct req *r)
{
	struct view w;
	enum err e = view_load(r, &w);
	if (e != E_OK)
		return e;
	QRcode *q = qr_encode(r, w.url);
	if (!q)
		return E_INTERNAL;
	cairo_status_t st = notice_render(r, &w, q);
	QRcode_free(q);
	if (st != CAIRO_STATUS_SUCCESS)
		return req_fail(r, E_INTERNAL, "portal.pdf", NULL, "告示生成失败：%s",
				cairo_status_to_string(st));
	r->status = 200;
	r->resp_type = "application/pdf";
	req_header(r, "Cache-Control", CACHE_PUBLIC);
	req_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "inline; filename=\"notice-%s.pdf\"", w.v.code));
	return E_OK;
}

/* fontconfig 2.14 loses one block while parsing its configuration, once per
 * process, on first use by pango.  Not ours to fix; keep LeakSanitizer (the
 * sanitizer build of every binary) quiet about that library only.  Without
 * LSan this symbol is never read. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* HTML errors for all of them: a villager who scans a stale code gets a page. */
static const struct route routes[] = {
    {"GET", "/p", villages_page, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML, NULL,
     "公开门户：村（居）列表"},
    {"GET", "/p/", villages_page, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML, NULL,
     "公开门户：村（居）列表"},
    {"GET", "/p/{code}", village_page, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML, NULL,
     "公开门户：村（居）公开页（干部、廉政承诺、户籍人口、数据核验）"},
    {"GET", "/p/{code}/qr.png", qr_png, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML, NULL,
     "公开门户：村（居）公开页二维码（PNG）"},
    {"GET", "/p/{code}/notice.pdf", notice_pdf, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML,
     NULL, "公开门户：公开栏告示（A4 PDF，含二维码）"},
};

const struct module portal_module = {
    .name = "portal",
    .title = "公开门户",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &portal_stmts,
};
