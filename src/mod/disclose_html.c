/*
 * The public pages of 三务公开 on the portal: a village's disclosures by
 * category and period, one disclosure with its lines, objections and replies
 * and the objection form (质询), the finance summary as inline SVG charts, the
 * 核验 page (signed checkpoint, proofs, how to check them), the complaint form
 * that hands over to the complaints module, and the monthly A4 notice (PDF)
 * with its QR code and the checkpoint fingerprint.  Every dynamic text goes
 * through core/html.h (HTML) or pango_layout_set_text (PDF).  No script; pages
 * stay well under 50 KB (one year at a time).  It shows published items only
 * and never a person's ID number, phone or bank account.
 */
#include <stdlib.h>
#include <string.h>

#include "core/datefmt.h"
#include "core/html.h"
#include "core/json_out.h"
#include "core/lazy_gfx.h"
#include "core/lazy_qr.h"
#include "core/money.h"
#include "disclose.h"
#include "modutil.h"

#define STYLE                                                                                      \
	"html{font-size:20px}body{margin:0;font:1rem/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","    \
	"\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#f6f4ef;overflow-wrap:anywhere}"  \
	"main{max-width:40rem;margin:0 auto;padding:.75rem}"                                       \
	"h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0;color:#9b1c1c}"                        \
	"h2{font-size:1.15rem;margin:0 0 .5rem;border-left:.3rem solid "                           \
	"#9b1c1c;padding-left:.5rem}"                                                              \
	"section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}"              \
	"table{width:100%;border-collapse:collapse;font-size:.9rem}"                               \
	"th,td{text-align:left;padding:.3rem .2rem;border-bottom:1px solid #e5e0d5;"               \
	"vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap}"                        \
	"ul{list-style:none;margin:0;padding:0}li{padding:.4rem 0;border-bottom:1px solid "        \
	"#e5e0d5}"                                                                                 \
	"a{color:#0b5cad}.muted{color:#555;font-size:.9rem}.warn{color:#9b1c1c}"                   \
	"pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;background:#f6f4ef;"        \
	"padding:.5rem}.body{white-space:pre-wrap}nav a{display:inline-block;margin:0 .6rem "      \
	".3rem 0}"                                                                                 \
	"label{display:block;margin:.5rem 0 .2rem}input[type=text],textarea{width:100%;"           \
	"box-sizing:border-box;font:inherit;padding:.4rem}textarea{min-height:6rem}"               \
	"button{font:inherit;padding:.5rem 1.5rem;margin-top:.75rem;background:#9b1c1c;"           \
	"color:#fff;border:0;border-radius:.3rem}svg{width:100%;height:auto}"                      \
	".code{font-family:monospace;font-size:1.3rem;letter-spacing:.05rem}"                      \
	"footer{text-align:center;color:#555;font-size:.9rem;padding:1rem}"

struct pvillage {
	int64_t id;	      /* villages.id */
	const char *code;     /* 12 digits */
	const char *name;     /* 甲村 */
	const char *township; /* 黄桥镇 */
	const char *kind;     /* 村 | 居 */
};

static bool code_ok(const char *code)
{
	if (!code || strlen(code) != 12)
		return false;
	for (const char *p = code; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static enum err village_load(struct req *r, struct pvillage *v)
{
	const char *code = req_param(r, "code");
	struct db_res *res;
	enum err e = code_ok(code) ? db_one(r->db, &disclose_stmts, DISCLOSE_ST_PORTAL_VILLAGE,
					    DB_PARAMS(DB_TEXT(code)), &res)
				   : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "portal.no_village", NULL,
				"没有找到这个村（居）：%s。请从村（居）列表进入。",
				code ? code : "");
	if (e != E_OK)
		return e;
	*v = (struct pvillage){db_int(res, 0), db_text_dup(&r->arena, res, 1),
			       db_text_dup(&r->arena, res, 2), db_text_dup(&r->arena, res, 3),
			       db_text_dup(&r->arena, res, 4)};
	return db_done(res);
}

/* ?year=YYYY, else this year. */
static int year_param(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	int64_t y = req_query_int(r, "year", atoi(today));
	return y >= 1990 && y <= 2100 ? (int)y : atoi(today);
}

static void page_begin(struct buf *b, const struct pvillage *v, const char *title)
{
	buf_reset(b);
	html_raw(
	    b, HTML_LIT("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"));
	html_f(b, "<title>%s · %s · 清廉村居</title>", v->name, title);
	html_raw(b, HTML_LIT("<style>" STYLE "</style></head><body><main>"));
	html_f(b, "<p class=\"muted\"><a href=\"/p/%s\">← 返回%s公开页</a></p>", v->code, v->name);
	html_f(b, "<h1>%s · %s</h1>", v->name, title);
	html_f(
	    b,
	    "<nav><a href=\"/p/%s/disclosures\">三务公开</a><a href=\"/p/%s/finance\">财务概况</a>"
	    "<a href=\"/p/%s/subsidies\">惠民资金</a><a href=\"/p/%s/decisions\">议事决策</a>"
	    "<a href=\"/p/%s/complaint\">信访举报</a><a href=\"/p/%s/verify\">核验</a></nav>",
	    v->code, v->code, v->code, v->code, v->code, v->code);
}

static enum err page_end(struct req *r, bool cache)
{
	html_raw(&r->resp, HTML_LIT("</main><footer>清廉村居监督平台 · 公开信息，欢迎监督"
				    "</footer></body></html>"));
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", cache ? "public, max-age=60" : "no-store");
	return E_OK;
}

static void fen_text(int64_t fen, char out[MONEY_BUF])
{
	money_format_grouped(fen, out);
}

static void year_links(struct buf *b, const char *code, const char *page, int year)
{
	html_f(b, "<p class=\"muted\"><a href=\"/p/%s/%s?year=%d\">← %d年</a>", code, page,
	       year - 1, year - 1);
	html_f(b, "　<strong>%d年</strong>　<a href=\"/p/%s/%s?year=%d\">%d年 →</a></p>", year,
	       code, page, year + 1, year + 1);
}

/* ---- the list ---------------------------------------------------------------------- */

enum err disclose_html_list(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	int year = year_param(r);
	char ys[8];
	snprintf(ys, sizeof(ys), "%d", year);
	struct db_res *res;
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_PORTAL_PUBLISHED,
			 DB_PARAMS(DB_INT(v.id), DB_TEXT(ys)), &res)) != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, &v, "三务公开");
	year_links(b, v.code, "disclosures", year);
	html_raw(
	    b, HTML_LIT("<p class=\"muted\">党务、村务、财务按公开目录定期公开；每条公开经村务监督"
			"委员会审核后发布，发布后不再修改，更正以新的公开发布并注明。"
			"对公开内容有疑问，可在发布后 5 日内点开该条提出异议。</p>"));
	const char *cat = NULL;
	size_t n = 0;
	while (db_row(res)) {
		const char *c = db_text(res, 2);
		if (!cat || strcmp(cat, c) != 0) {
			if (cat)
				html_raw(b, HTML_LIT("</ul></section>"));
			cat = arena_strdup(&r->arena, c);
			html_f(b, "<section><h2>%s公开</h2><ul>", cat);
		}
		n++;
		html_f(b, "<li><a href=\"/p/%s/disclosures/%lld\">%s</a>", v.code,
		       (long long)db_int(res, 0), db_text(res, 4));
		html_f(b, " <span class=\"muted\">%s · %s 公开", db_text(res, 3), db_text(res, 5));
		if (!db_isnull(res, 6))
			html_raw(b, HTML_LIT(" · <span class=\"warn\">更正</span>"));
		html_raw(b, HTML_LIT("</span></li>"));
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	if (cat)
		html_raw(b, HTML_LIT("</ul></section>"));
	if (!n)
		html_f(b, "<section><p>%d年暂无已发布的公开。</p></section>", year);
	return page_end(r, true);
}

/* ---- one disclosure ------------------------------------------------------------------ */

/* The disclosure {id} of village v, published; E_NOTFOUND otherwise. */
static enum err published_of(struct req *r, const struct pvillage *v, struct db_res **res)
{
	int64_t id = modutil_path_id(r);
	enum err e =
	    id ? db_one(r->db, &disclose_stmts, DISCLOSE_ST_ROW, DB_PARAMS(DB_INT(id)), res)
	       : E_NOTFOUND;
	if (e == E_OK && (strcmp(db_text(*res, 1), v->code) != 0 ||
			  strcmp(db_text(*res, 12), "published") != 0)) {
		db_done(*res);
		e = E_NOTFOUND;
	}
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "disclosure.not_found", NULL,
				"没有这条公开，或它尚未发布");
	return e;
}

static void lines_table(struct req *r, int64_t id)
{
	struct buf *b = &r->resp;
	struct db_res *res;
	if (db_exec(r->db, &disclose_stmts, DISCLOSE_ST_LINES_OF, DB_PARAMS(DB_INT(id)), &res) !=
	    E_OK)
		return;
	size_t n = 0;
	while (db_row(res)) {
		if (!n++)
			html_raw(b, HTML_LIT("<section><h2>收支明细（逐项逐笔）</h2><table><tr><th>"
					     "日期</th><th>摘要</th><th class=\"n\">收入</th><th "
					     "class=\"n\">支出</th></tr>"));
		char in[MONEY_BUF], out[MONEY_BUF];
		fen_text(db_int(res, 3), in);
		fen_text(db_int(res, 4), out);
		html_f(
		    b,
		    "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>",
		    db_text(res, 1), db_text(res, 2), db_int(res, 3) ? in : "",
		    db_int(res, 4) ? out : "");
	}
	db_done(res);
	if (n)
		html_raw(b, HTML_LIT("</table></section>"));
}

static void objections_section(struct req *r, const struct pvillage *v, int64_t id,
			       const char *published)
{
	struct buf *b = &r->resp;
	struct db_res *res;
	html_raw(b, HTML_LIT("<section><h2>村民异议与答复</h2>"));
	if (db_exec(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_OF, DB_PARAMS(DB_INT(id)), &res) ==
	    E_OK) {
		size_t n = 0;
		while (db_row(res)) {
			if (!n++)
				html_raw(b, HTML_LIT("<ul>"));
			html_f(b,
			       "<li><strong>%s</strong> <span class=\"muted\">%s 提出</span>"
			       "<div class=\"body\">%s</div>",
			       db_text(res, 1), db_text(res, 2), db_text(res, 3));
			if (db_text(res, 5))
				html_f(b, "<div class=\"body\">答复（%s）：%s</div>",
				       db_text(res, 6), db_text(res, 5));
			else
				html_f(b, "<div class=\"warn\">尚未答复，应于 %s 前答复</div>",
				       db_text(res, 4));
			html_raw(b, HTML_LIT("</li>"));
		}
		db_done(res);
		if (n)
			html_raw(b, HTML_LIT("</ul>"));
		else
			html_raw(b, HTML_LIT("<p>暂无异议。</p>"));
	}
	char today[11], last[11];
	app_today(r->app, today);
	datefmt_add_days(published, DISCLOSE_OBJECTION_DAYS, last);
	if (strcmp(today, last) <= 0) {
		html_f(b,
		       "<form method=\"post\" action=\"/p/%s/disclosures/%lld/objection\">"
		       "<label for=\"content\">对本条公开有疑问？请在 %s 前提出（可不留姓名，"
		       "内容将与答复一并公开，请勿填写身份证号、电话等个人信息）：</label>"
		       "<textarea id=\"content\" name=\"content\" maxlength=\"1000\" required>"
		       "</textarea><button type=\"submit\">提交异议</button></form>",
		       v->code, (long long)id, last);
	} else {
		html_f(b, "<p class=\"muted\">异议期已于 %s 结束。其他问题可通过", last);
		html_f(b, "<a href=\"/p/%s/complaint\">信访举报</a>反映。</p>", v->code);
	}
	html_raw(b, HTML_LIT("</section>"));
}

enum err disclose_html_one(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	struct db_res *res;
	if (e != E_OK || (e = published_of(r, &v, &res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	const char *published = db_text_dup(&r->arena, res, 21);
	struct buf *b = &r->resp;
	page_begin(b, &v, db_text(res, 8));
	html_f(b, "<section><table><tr><th>公开事项</th><td>%s %s</td></tr>", db_text(res, 3),
	       db_text(res, 4));
	html_f(b, "<tr><th>所属期</th><td>%s</td></tr><tr><th>公开日期</th><td>%s</td></tr>",
	       db_text(res, 5), published);
	html_f(b, "<tr><th>公示至</th><td>%s</td></tr><tr><th>监委会审核</th><td>%s</td></tr>",
	       db_text(res, 22) ? db_text(res, 22) : "", db_text(res, 18) ? db_text(res, 18) : "");
	char m[MONEY_BUF];
	if (!db_isnull(res, 10)) {
		fen_text(db_int(res, 10), m);
		html_f(b, "<tr><th>收入合计</th><td>%s 元</td></tr>", m);
	}
	if (!db_isnull(res, 11)) {
		fen_text(db_int(res, 11), m);
		html_f(b, "<tr><th>支出合计</th><td>%s 元</td></tr>", m);
	}
	if (!db_isnull(res, 14))
		html_f(b,
		       "<tr><th>更正</th><td class=\"warn\">本条更正了<a href=\"/p/%s/disclosures/"
		       "%lld\">此前的公开</a></td></tr>",
		       v.code, (long long)db_int(res, 14));
	html_raw(b, HTML_LIT("</table>"));
	if (db_text(res, 9))
		html_f(b, "<div class=\"body\">%s</div>", db_text(res, 9));
	html_f(
	    b,
	    "<p class=\"muted\">本条已记入防篡改日志。<a href=\"/api/v1/public/proof/disclosures/"
	    "%lld\">下载包含证明</a>，按<a href=\"/p/%s/verify\">核验说明</a>离线核对。</p>"
	    "</section>",
	    (long long)id, v.code);
	db_done(res);
	lines_table(r, id);
	objections_section(r, &v, id, published);
	return page_end(r, true);
}

enum err disclose_html_objection(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	struct db_res *res;
	if (e != E_OK || (e = published_of(r, &v, &res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	const char *title = db_text_dup(&r->arena, res, 8);
	db_done(res);
	json_t *form = disclose_form_decode(r->body, r->body_len);
	if (!form)
		return req_fail(r, E_INPUT, "form.invalid", NULL, "表单内容无法识别，请返回重试");
	const char *content = json_string_value(json_object_get(form, "content"));
	const char *ref = NULL, *due = NULL;
	e = disclose_html_objection_add(r, id, content, &ref, &due);
	json_decref(form);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, &v, "异议已提交");
	html_f(b,
	       "<section><p>已收到您对“%s”的异议，编号 <span class=\"code\">%s</span>。</p>"
	       "<p>村（居）应于 <strong>%s</strong> 前答复，答复将公开在",
	       title, ref, due);
	html_f(b, "<a href=\"/p/%s/disclosures/%lld\">该条公开</a>下方。</p></section>", v.code,
	       (long long)id);
	return page_end(r, false);
}

/* ---- finance ------------------------------------------------------------------------- */

struct month_fig {
	bool have;   /* a published CZ-01 with totals for the month */
	bool listed; /* a published CZ-01, totals or not */
	int64_t in;  /* income, fen */
	int64_t out; /* expense, fen */
};

/* Grouped bars of income and expense for twelve months, scaled to max. */
static void svg_bars(struct buf *b, const struct month_fig *f, int64_t max)
{
	html_raw(b,
		 HTML_LIT("<svg viewBox=\"0 0 360 200\" role=\"img\" aria-label=\"各月收入与支出\">"
			  "<line x1=\"30\" y1=\"170\" x2=\"355\" y2=\"170\" stroke=\"#999\"/>"));
	for (int m = 0; m < 12; m++) {
		int x = 32 + m * 27;
		if (f[m].have && max > 0) {
			int hi = (int)(f[m].in * 150 / max), ho = (int)(f[m].out * 150 / max);
			html_f(
			    b,
			    "<rect x=\"%d\" y=\"%d\" width=\"11\" height=\"%d\" fill=\"#2e7d32\"/>"
			    "<rect x=\"%d\" y=\"%d\" width=\"11\" height=\"%d\" fill=\"#c62828\"/>",
			    x, 170 - hi, hi, x + 12, 170 - ho, ho);
		}
		html_f(b,
		       "<text x=\"%d\" y=\"186\" font-size=\"10\" text-anchor=\"middle\">%d</text>",
		       x + 12, m + 1);
	}
	html_raw(b,
		 HTML_LIT("<rect x=\"40\" y=\"6\" width=\"10\" height=\"10\" fill=\"#2e7d32\"/>"
			  "<text x=\"54\" y=\"15\" font-size=\"11\">收入</text>"
			  "<rect x=\"94\" y=\"6\" width=\"10\" height=\"10\" fill=\"#c62828\"/>"
			  "<text x=\"108\" y=\"15\" font-size=\"11\">支出</text>"
			  "<text x=\"355\" y=\"198\" font-size=\"9\" text-anchor=\"end\">月</text>"
			  "</svg>"));
}

/* Cumulative balance (income − expense) month by month, as a line. */
static void svg_balance(struct buf *b, const struct month_fig *f)
{
	int64_t cum[12], lo = 0, hi = 0, run = 0;
	for (int m = 0; m < 12; m++) {
		run += f[m].have ? f[m].in - f[m].out : 0;
		cum[m] = run;
		lo = run < lo ? run : lo;
		hi = run > hi ? run : hi;
	}
	int64_t span = hi - lo ? hi - lo : 1;
	int zero = (int)(20 + hi * 140 / span);
	html_f(b,
	       "<svg viewBox=\"0 0 360 180\" role=\"img\" aria-label=\"累计收支结余\">"
	       "<line x1=\"30\" y1=\"%d\" x2=\"355\" y2=\"%d\" stroke=\"#999\"/><polyline "
	       "fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\" points=\"",
	       zero, zero);
	for (int m = 0; m < 12; m++)
		html_f(b, "%d,%d ", 44 + m * 27, (int)(20 + (hi - cum[m]) * 140 / span));
	html_raw(b, HTML_LIT("\"/>"));
	for (int m = 0; m < 12; m++)
		html_f(b,
		       "<text x=\"%d\" y=\"176\" font-size=\"10\" text-anchor=\"middle\">%d</text>",
		       44 + m * 27, m + 1);
	html_raw(b, HTML_LIT("<text x=\"34\" y=\"12\" font-size=\"11\">累计结余（收入−支出）</text>"
			     "</svg>"));
}

enum err disclose_html_finance(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	int year = year_param(r);
	char ys[8];
	snprintf(ys, sizeof(ys), "%d", year);
	struct db_res *res;
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_PORTAL_FINANCE,
			 DB_PARAMS(DB_INT(v.id), DB_TEXT(ys)), &res)) != E_OK)
		return e;
	struct month_fig f[12] = {{0}};
	int64_t ids[12] = {0}, tin = 0, tout = 0, max = 0;
	while (db_row(res)) {
		int m = atoi(db_text(res, 0) + 5);
		if (m < 1 || m > 12)
			continue;
		bool totals = !db_isnull(res, 1) || !db_isnull(res, 2);
		f[m - 1] = (struct month_fig){totals, true, db_int(res, 1), db_int(res, 2)};
		ids[m - 1] = db_int(res, 3);
		tin += f[m - 1].in;
		tout += f[m - 1].out;
		max = f[m - 1].in > max ? f[m - 1].in : max;
		max = f[m - 1].out > max ? f[m - 1].out : max;
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, &v, "财务收支概况");
	year_links(b, v.code, "finance", year);
	char a[MONEY_BUF], c[MONEY_BUF], d[MONEY_BUF];
	fen_text(tin, a);
	fen_text(tout, c);
	fen_text(tin - tout, d);
	html_f(b,
	       "<section><h2>%d年收支</h2><p>已公开月份合计：收入 %s 元，支出 %s 元，结余 %s "
	       "元。</p>",
	       year, a, c, d);
	svg_bars(b, f, max);
	svg_balance(b, f);
	html_raw(b, HTML_LIT("<p class=\"muted\">数据来自各月已发布的“财务收支明细（逐项逐笔）”公开"
			     "（目录 CZ-01，更正后的以更正为准），与村集体账簿结账数一致。</p>"
			     "</section><section><h2>逐月数据</h2><table><tr><th>月份</th><th "
			     "class=\"n\">收入（元）</th><th class=\"n\">支出（元）</th></tr>"));
	for (int m = 0; m < 12; m++) {
		if (!f[m].listed) {
			html_f(b,
			       "<tr><td>%d月</td><td class=\"n muted\">未公开</td><td></td></tr>",
			       m + 1);
			continue;
		}
		if (!f[m].have) {
			html_f(b,
			       "<tr><td><a href=\"/p/%s/disclosures/%lld\">%d月</a></td><td "
			       "class=\"n muted\">已公开，未列合计</td><td></td></tr>",
			       v.code, (long long)ids[m], m + 1);
			continue;
		}
		fen_text(f[m].in, a);
		fen_text(f[m].out, c);
		html_f(b,
		       "<tr><td><a href=\"/p/%s/disclosures/%lld\">%d月</a></td><td class=\"n\">%s"
		       "</td><td class=\"n\">%s</td></tr>",
		       v.code, (long long)ids[m], m + 1, a, c);
	}
	html_raw(b, HTML_LIT("</table></section>"));
	return page_end(r, true);
}

/* ---- 核验 ------------------------------------------------------------------------------- */

enum err disclose_html_verify(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	char *note = NULL;
	struct buf vk = BUF_INIT;
	if (r->app->have_signer) {
		if ((e = trail_checkpoint(r->db, &r->app->signer, &r->arena, &note, &r->err)) !=
		    E_OK) {
			buf_release(&vk);
			return e;
		}
		checkpoint_vkey(&r->app->signer.key, &vk);
	}
	uint64_t size;
	uint8_t root[32];
	if ((e = trail_head(r->db, &size, root)) != E_OK) {
		buf_release(&vk);
		return e;
	}
	char fp[17];
	for (int i = 0; i < 8; i++)
		snprintf(fp + 2 * i, 3, "%02x", root[i]);
	page_begin(b, &v, "核验");
	html_f(b,
	       "<section><h2>当前签名检查点</h2><p>平台的每一次修改都按顺序记入防篡改日志（Merkle "
	       "树，RFC 9162）。日志现有 %lld 条，根哈希指纹 <span class=\"code\">%s</span>"
	       "（公开栏告示上印有当时的指纹）。</p>",
	       (long long)size, fp);
	if (note) {
		html_f(b, "<pre>%s</pre><p>验证公钥：</p><pre>%s</pre>", note, vk.ptr);
		html_raw(b,
			 HTML_LIT("<p class=\"muted\">检查点由平台签名密钥签署；镇纪委和县纪委保存"
				  "历次检查点，可据此证明日志只增不改。</p>"));
	} else {
		html_raw(b,
			 HTML_LIT("<p class=\"warn\">本系统未配置签名密钥，暂无签名检查点。</p>"));
	}
	buf_release(&vk);
	html_raw(b, HTML_LIT("</section>"));
	char today[11], ys[5];
	app_today(r->app, today);
	snprintf(ys, sizeof(ys), "%.4s", today);
	struct db_res *res;
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_PORTAL_PUBLISHED,
			 DB_PARAMS(DB_INT(v.id), DB_TEXT(ys)), &res)) != E_OK)
		return e;
	html_f(b, "<section><h2>%s年已发布公开的包含证明</h2><ul>", ys);
	size_t n = 0;
	while (db_row(res) && n < 120) {
		n++;
		html_f(
		    b,
		    "<li>%s %s <a href=\"/api/v1/public/proof/disclosures/%lld\">证明文件</a></li>",
		    db_text(res, 3), db_text(res, 4), (long long)db_int(res, 0));
	}
	db_done(res);
	if (!n)
		html_raw(b, HTML_LIT("<li>今年暂无已发布的公开。</li>"));
	html_raw(
	    b,
	    HTML_LIT(
		"</ul></section><section><h2>怎样核验</h2>"
		"<p><strong>用命令核验：</"
		"strong>下载某条公开的“证明文件”（JSON），在任意电脑上运行</p>"
		"<pre>qinglian verify-proof proof.json --vkey \"验证公钥\"</pre>"
		"<p>它不联网、不读数据库，只检查三件事：检查点的签名出自上面的公钥；证明中的记录"
		"内容算出的叶子哈希与证明一致；沿证明的哈希逐层合并，得到的正是检查点中的根哈希。"
		"三者都成立，说明这条记录自检查点签署以来一字未改。</p>"
		"<p><strong>手工核验：</strong></p><ol>"
		"<li>取证明文件的 entry（记录原文），在前面加一个字节 0x00，求 SHA-256，"
		"应等于 leaf_hash。</li>"
		"<li>记 leaf_index 为序号 i、tree_size 为总数 n。对 proof 中的每个哈希 p："
		"若 i 是奇数，或 i 等于 n−1 的当前值（此时 i 为偶数且右侧没有兄弟，先把 i、n−1 "
		"同时右移直到 i 为奇数或 i 为 0），则新哈希 = SHA-256(0x01 ‖ p ‖ 当前哈希)；否则 "
		"新哈希 = SHA-256(0x01 ‖ 当前哈希 ‖ p)；然后 i、n−1 各右移一位。"
		"（RFC 9162 第 2.1.3.2 节的算法。）</li>"
		"<li>最后得到的哈希按 Base64 编码，应与检查点第三行相同；检查点第二行应等于 "
		"tree_size。</li>"
		"<li>用验证公钥（Ed25519）核对检查点末行的签名（C2SP signed-note 格式）。</li>"
		"</ol><p class=\"muted\">公开栏告示上印的指纹是当时根哈希的前 16 位十六进制数："
		"之后的检查点应当能用一致性证明延续它——日志只能追加，不能改写。</p></section>"));
	return page_end(r, false);
}

/* ---- complaint form ----------------------------------------------------------------------- */

enum err disclose_html_complaint(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, &v, "信访举报");
	html_f(b,
	       "<section><p>反映%s干部作风、村务、财务、惠民资金等方面的问题，由镇纪委受理。"
	       "可以匿名；实名反映的联系方式加密保存，只有镇纪委能看到。提交后会显示一个"
	       "<strong>查询码</strong>，请抄下，凭它查询办理进度。</p>",
	       v.name);
	html_f(b, "<form method=\"post\" action=\"/p/%s/complaint\">", v.code);
	html_raw(
	    b,
	    HTML_LIT(
		"<label for=\"subject\">反映事项（必填，100 字以内）</label>"
		"<input type=\"text\" id=\"subject\" name=\"subject\" maxlength=\"100\" required>"
		"<label for=\"content\">具体内容（时间、地点、人物、经过）</label>"
		"<textarea id=\"content\" name=\"content\" maxlength=\"5000\"></textarea>"
		"<label><input type=\"checkbox\" name=\"anonymous\" value=\"1\" checked> "
		"匿名反映（不留姓名和电话）</label>"
		"<label for=\"name\">姓名（实名时填写）</label>"
		"<input type=\"text\" id=\"name\" name=\"name\" maxlength=\"40\">"
		"<label for=\"phone\">联系电话（实名时填写）</label>"
		"<input type=\"text\" id=\"phone\" name=\"phone\" maxlength=\"40\">"
		"<button type=\"submit\">提交</button></form></section>"));
	return page_end(r, false);
}

/* The complaints module's public intake route, found in the route table. */
static const struct route *complaint_route(struct req *r)
{
	for (size_t i = 0; i < r->app->nroutes; i++) {
		const struct route *rt = r->app->routes[i];
		if (strcmp(rt->method, "POST") == 0 &&
		    strcmp(rt->pattern, "/api/v1/public/complaints") == 0)
			return rt;
	}
	return NULL;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The form as the JSON body the intake route declares: its string fields
 * (length checked as the gate would), anonymous as a boolean, the village from
 * the path. */
static enum err complaint_body(struct req *r, const struct route *rt, json_t *form,
			       const char *code)
{
	json_t *in = json_object();
	json_object_set_new(in, "village_code", json_string(code));
	for (const struct field *f = rt->in; f && f->name; f++) {
		if (strcmp(f->name, "village_code") == 0)
			continue;
		const char *s = json_string_value(json_object_get(form, f->name));
		if (f->type == FT_BOOL) {
			json_object_set_new(in, f->name, json_boolean(s && *s));
			continue;
		}
		if (f->type != FT_STR || !s || !*s)
			continue;
		size_t max = f->maxlen ? (size_t)f->maxlen : 200;
		if (utf8_chars(s) > max) {
			json_decref(in);
			return req_fail(r, E_INPUT, "input.too_long", f->name, "%s不能超过%zu个字",
					f->label, max);
		}
		json_object_set_new(in, f->name, json_string(s));
	}
	if (!json_string_value(json_object_get(in, "subject"))) {
		json_decref(in);
		return req_fail(r, E_INPUT, "input.required", "subject", "请填写反映事项");
	}
	json_decref(r->in);
	r->in = in;
	return E_OK;
}

enum err disclose_html_complaint_post(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	const struct route *rt = complaint_route(r);
	if (!rt)
		return req_fail(r, E_NOTFOUND, "complaint.unavailable", NULL,
				"信访举报受理暂不可用，请到镇纪委来访或来信");
	json_t *form = disclose_form_decode(r->body, r->body_len);
	if (!form)
		return req_fail(r, E_INPUT, "form.invalid", NULL, "表单内容无法识别，请返回重试");
	e = complaint_body(r, rt, form, v.code);
	json_decref(form);
	if (e != E_OK || (e = rt->handler(r)) != E_OK)
		return e;
	json_error_t je;
	json_t *ans = json_loadb(r->resp.ptr, r->resp.len, 0, &je);
	const char *receipt = json_string_value(json_object_get(ans, "receipt"));
	const char *ref = json_string_value(json_object_get(ans, "ref"));
	const char *due = json_string_value(json_object_get(ans, "due_date"));
	if (!receipt) {
		json_decref(ans);
		return req_fail(r, E_INTERNAL, "complaint.answer", NULL, "信访举报受理结果异常");
	}
	receipt = arena_strdup(&r->arena, receipt);
	ref = arena_strdup(&r->arena, ref);
	due = arena_strdup(&r->arena, due);
	json_decref(ans);
	struct buf *b = &r->resp;
	page_begin(b, &v, "已收到您的反映");
	html_f(b,
	       "<section><p>您的反映已登记，编号 "
	       "%s。</p><p>查询码（只显示这一次，请抄下或截图保存）：</p>"
	       "<p class=\"code\">%s</p><p>镇纪委应于 %s 前决定是否受理。凭查询码可查询办理进度、"
	       "补充材料和评价。</p></section>",
	       ref ? ref : "", receipt, due ? due : "");
	return page_end(r, false);
}

/* ---- monthly notice (PDF) ---------------------------------------------------------------------
 */

#define A4_W   595.276
#define A4_H   841.890
#define MARGIN 56.0
#define FONT   "Noto Sans CJK SC"
#define COLUMN (A4_W - 2 * MARGIN)

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static double text_at(cairo_t *cr, PangoContext *pc, double x, double y, double width,
		      const char *font, const char *text, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, l); /* outlines: see portal.c on cairo's font leak */
	cairo_fill(cr);
	g_object_unref(l);
	return y + h;
}

static void qr_draw(cairo_t *cr, const QRcode *q, double x, double y, double size)
{
	double m = size / (q->width + 8);
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
			cairo_rectangle(cr, x + (i + 4) * m, y + (j + 4) * m, (run - i) * m, m);
			i = run;
		}
	cairo_fill(cr);
	cairo_restore(cr);
}

struct notice {
	const struct pvillage *v; /* the village */
	const char *month;	  /* YYYY-MM */
	const char *items;	  /* the month's publications, a line each */
	const char *finance;	  /* the month's CZ-01 figures, or NULL */
	const char *url;	  /* the village's disclosures page */
	const char *today;	  /* printed on */
	uint64_t size;		  /* log entries */
	char fp[17];		  /* first 16 hex of the root */
	const char *vkey;	  /* verifier key, or NULL */
};

static void notice_draw(cairo_t *cr, PangoContext *pc, struct arena *a, const struct notice *n,
			const QRcode *q)
{
	double y = text_at(cr, pc, MARGIN, MARGIN, COLUMN, FONT " Bold 30",
			   arena_printf(a, "%s 三务公开告示", n->v->name), PANGO_ALIGN_CENTER);
	y = text_at(cr, pc, MARGIN, y + 4, COLUMN, FONT " 16",
		    arena_printf(a, "%s · %.4s年%s月", n->v->township, n->month,
				 n->month[5] == '0' ? n->month + 6 : n->month + 5),
		    PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(cr, 0.61, 0.11, 0.11);
	cairo_set_line_width(cr, 2);
	cairo_move_to(cr, MARGIN, y + 10);
	cairo_line_to(cr, A4_W - MARGIN, y + 10);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	y = text_at(cr, pc, MARGIN, y + 22, COLUMN, FONT " Bold 18", "本月发布的公开",
		    PANGO_ALIGN_LEFT);
	y = text_at(cr, pc, MARGIN, y + 6, COLUMN, FONT " 13", n->items, PANGO_ALIGN_LEFT);
	if (n->finance) {
		y = text_at(cr, pc, MARGIN, y + 14, COLUMN, FONT " Bold 18", "财务收支",
			    PANGO_ALIGN_LEFT);
		y = text_at(cr, pc, MARGIN, y + 6, COLUMN, FONT " 14", n->finance,
			    PANGO_ALIGN_LEFT);
	}
	double qs = 150, qy = A4_H - MARGIN - 120 - qs;
	if (qy < y + 16)
		qy = y + 16;
	qr_draw(cr, q, MARGIN, qy, qs);
	text_at(cr, pc, MARGIN + qs + 16, qy + 10, COLUMN - qs - 16, FONT " 13",
		arena_printf(a,
			     "扫码查看全部公开内容、收支明细与图表；对公开内容有疑问，可在发布后 5 "
			     "日内在网页上提出异议，村（居）应在 5 日内答复。\n网址：%s",
			     n->url),
		PANGO_ALIGN_LEFT);
	text_at(cr, pc, MARGIN, A4_H - MARGIN - 100, COLUMN, FONT " 10",
		arena_printf(a,
			     "数据核验：截至 %s，防篡改日志共 %llu 条，检查点指纹 %s。\n"
			     "每条公开都可下载包含证明，用验证公钥离线核验（见网页“核验”）。%s%s",
			     n->today, (unsigned long long)n->size, n->fp,
			     n->vkey ? "\n验证公钥：" : "", n->vkey ? n->vkey : ""),
		PANGO_ALIGN_LEFT);
}

static enum err month_items(struct req *r, const struct pvillage *v, const char *month,
			    struct notice *n)
{
	char first[11], last[11];
	snprintf(first, sizeof(first), "%s-01", month);
	snprintf(last, sizeof(last), "%s-31", month);
	struct db_res *res;
	enum err e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_PORTAL_MONTH,
			     DB_PARAMS(DB_INT(v->id), DB_TEXT(first), DB_TEXT(last)), &res);
	if (e != E_OK)
		return e;
	struct buf b = BUF_INIT;
	size_t k = 0;
	while (db_row(res) && k < 24)
		buf_addf(&b, "%s%zu. %s（%s %s，%s 公开）", k ? "\n" : "", k + 1, db_text(res, 2),
			 db_text(res, 0), db_text(res, 1), db_text(res, 3)),
		    k++;
	if ((e = db_done(res)) != E_OK) {
		buf_release(&b);
		return e;
	}
	n->items = arena_strdup(&r->arena, k ? b.ptr : "本月暂无新发布的公开。");
	buf_release(&b);
	char year[5];
	snprintf(year, sizeof(year), "%.4s", month);
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_PORTAL_FINANCE,
			 DB_PARAMS(DB_INT(v->id), DB_TEXT(year)), &res)) != E_OK)
		return e;
	while (db_row(res))
		if (strcmp(db_text(res, 0), month) == 0 &&
		    (!db_isnull(res, 1) || !db_isnull(res, 2))) {
			char a[MONEY_BUF], c[MONEY_BUF];
			money_format_grouped(db_int(res, 1), a);
			money_format_grouped(db_int(res, 2), c);
			n->finance =
			    arena_printf(&r->arena, "%s：收入 %s 元，支出 %s 元", month, a, c);
		}
	return db_done(res);
}

enum err disclose_html_monthly(struct req *r)
{
	struct pvillage v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	char today[11], norm[8], pf[11], pl[11];
	app_today(r->app, today);
	const char *month = req_query(r, "month");
	if (!month || !*month)
		month = arena_strndup(&r->arena, today, 7);
	if (!disclose_period_check("monthly", month, norm, pf, pl))
		return req_fail(r, E_INPUT, "notice.month", "month", "月份应为 YYYY-MM：%s", month);
	struct notice n = {&v, arena_strdup(&r->arena, norm)};
	n.today = today;
	uint8_t root[32];
	if ((e = month_items(r, &v, n.month, &n)) != E_OK ||
	    (e = trail_head(r->db, &n.size, root)) != E_OK)
		return e;
	for (int i = 0; i < 8; i++)
		snprintf(n.fp + 2 * i, 3, "%02x", root[i]);
	struct buf vk = BUF_INIT;
	if (r->app->have_signer) {
		checkpoint_vkey(&r->app->signer.key, &vk);
		n.vkey = arena_strdup(&r->arena, vk.ptr);
	}
	buf_release(&vk);
	const char *host = r->host && *r->host && strlen(r->host) < 200 &&
				   strspn(r->host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
						   "TUVWXYZ0123456789.-:[]") == strlen(r->host)
			       ? r->host
			       : "127.0.0.1:8080";
	n.url = arena_printf(&r->arena, "%s://%s/p/%s/disclosures",
			     r->app->secure_cookie ? "https" : "http", host, v.code);
	QRcode *q = QRcode_encodeString(n.url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return req_fail(r, E_INTERNAL, "portal.qr", NULL, "二维码生成失败");
	buf_reset(&r->resp);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &r->resp, A4_W, A4_H);
	char ts[32], date[20];
	app_timestamp(app_now(r->app), ts);
	snprintf(date, sizeof(date), "%.19s", ts);
	cairo_pdf_surface_set_metadata(
	    s, CAIRO_PDF_METADATA_TITLE,
	    arena_printf(&r->arena, "%s 三务公开告示 %s", v.name, n.month));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_t *cr = cairo_create(s);
	PangoFontMap *fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution((PangoCairoFontMap *)fm, 72);
	PangoContext *pc = pango_font_map_create_context(fm);
	pango_cairo_update_context(cr, pc);
	notice_draw(cr, pc, &r->arena, &n, q);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	QRcode_free(q);
	if (st != CAIRO_STATUS_SUCCESS)
		return req_fail(r, E_INTERNAL, "portal.pdf", NULL, "告示生成失败：%s",
				cairo_status_to_string(st));
	r->status = 200;
	r->resp_type = "application/pdf";
	req_header(r, "Cache-Control", "public, max-age=60");
	req_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "inline; filename=\"monthly-%s-%s.pdf\"", v.code, n.month));
	return E_OK;
}
