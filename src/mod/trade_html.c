/*
 * The public page /p/{code}/contracts: the village's contracts (from the
 * assets module), the results of its property-rights listings (成交 or 流拍,
 * with reserve and final price and the number of bids) and of its small
 * projects (budget, procurement, dates of each step, contractor, contract
 * amount).  Public facts only: a person who leased or won is shown by the
 * masked name of core/mask.h, a firm whole; no ID number of a person, no bid
 * of a loser.  Server-rendered through core/html.h, no script; it writes
 * nothing.
 */
#include <string.h>

#include "assets.h"
#include "core/html.h"
#include "core/money.h"
#include "trade.h"

#define STYLE                                                                                      \
	"html{font-size:20px}body{margin:0;font:1rem/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","    \
	"\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#f6f4ef;overflow-wrap:anywhere}"  \
	"main{max-width:40rem;margin:0 auto;padding:.75rem}"                                       \
	"h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0;color:#9b1c1c}"                        \
	"h2{font-size:1.15rem;margin:0 0 .5rem;border-left:.3rem solid "                           \
	"#9b1c1c;padding-left:.5rem}"                                                              \
	"section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}"              \
	"ul{list-style:none;margin:0;padding:0}li{padding:.5rem 0;border-bottom:1px solid "        \
	"#e5e0d5}a{color:#0b5cad}.muted{color:#555;font-size:.9rem}.pending{color:#9b1c1c}"           \
	"footer{text-align:center;color:#555;font-size:.9rem;padding:1rem}"

static bool code_ok(const char *code)
{
	if (!code || strlen(code) != 12)
		return false;
	for (const char *p = code; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static enum err section_trades(struct req *r, int64_t vid, struct buf *b)
{
	struct db_res *res;
	enum err e =
	    db_exec(r->db, &trade_stmts, TRADE_ST_PORTAL_TRADES, DB_PARAMS(DB_INT(vid)), &res);
	if (e != E_OK)
		return e;
	html_raw(b, HTML_LIT("<section><h2>产权交易结果</h2>"));
	size_t n = 0;
	while (db_row(res)) {
		if (!n++)
			html_raw(b, HTML_LIT("<ul>"));
		char reserve[MONEY_BUF], final[MONEY_BUF];
		money_format_grouped(db_int(res, 4), reserve);
		struct assets_subject s;
		const char *subject = db_text(res, 1);
		if (assets_subject_find(r->db, &r->arena, vid, subject, &s) == E_OK)
			subject = s.name;
		html_f(b, "<li><b>%s</b> %s", db_text(res, 0), subject);
		if (!db_isnull(res, 9))
			html_f(b, "，租期 %lld 年", (long long)db_int(res, 9));
		html_f(b, "<br>挂牌 %s 至 %s，底价 %s 元/年，报价 %lld 个", db_text(res, 2),
		       db_text(res, 3), reserve, (long long)db_int(res, 10));
		if (strcmp(db_text(res, 5), "成交") == 0) {
			money_format_grouped(db_int(res, 6), final);
			html_f(b, "<br>成交价 %s 元/年，受让方：", final);
			assets_html_party(b, &r->arena, db_text(res, 7), db_text(res, 8));
		} else {
			html_raw(b, HTML_LIT("<br><span class=\"pending\">流拍（无有效报价）</span>"));
		}
		html_raw(b, HTML_LIT("</li>"));
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	html_raw(b, n ? HTML_LIT("</ul></section>") : HTML_LIT("<p>暂无交易结果。</p></section>"));
	return E_OK;
}

static void step(struct buf *b, const char *label, const char *date)
{
	if (date)
		html_f(b, " · %s %s", label, date);
}

static enum err section_projects(struct req *r, int64_t vid, struct buf *b)
{
	struct db_res *res;
	enum err e =
	    db_exec(r->db, &trade_stmts, TRADE_ST_PORTAL_PROJECTS, DB_PARAMS(DB_INT(vid)), &res);
	if (e != E_OK)
		return e;
	html_raw(b, HTML_LIT("<section><h2>小型项目</h2>"));
	size_t n = 0;
	while (db_row(res)) {
		if (!n++)
			html_raw(b, HTML_LIT("<ul>"));
		char budget[MONEY_BUF], amount[MONEY_BUF];
		money_format_grouped(db_int(res, 3), budget);
		html_f(b, "<li><b>%s</b> %s（%s）<br>预算 %s 元，%s", db_text(res, 0),
		       db_text(res, 1), db_text(res, 2), budget, db_text(res, 4));
		if (strcmp(db_text(res, 4), "直接委托") != 0)
			html_f(b, "，报价 %lld 个", (long long)db_int(res, 14));
		html_raw(b, HTML_LIT("<br><span class=\"muted\">"));
		step(b, "审批", db_text(res, 5));
		step(b, "公告", db_text(res, 6));
		step(b, "开标", db_text(res, 7));
		step(b, "合同", db_text(res, 8));
		step(b, "开工", db_text(res, 9));
		step(b, "验收", db_text(res, 10));
		html_raw(b, HTML_LIT("</span>"));
		if (db_text(res, 11)) {
			html_raw(b, HTML_LIT("<br>承包方："));
			assets_html_party(b, &r->arena, db_text(res, 11), db_text(res, 12));
		}
		if (!db_isnull(res, 13)) {
			money_format_grouped(db_int(res, 13), amount);
			html_f(b, "，合同金额 %s 元", amount);
		}
		if (!db_text(res, 10))
			html_raw(b, HTML_LIT("<br><span class=\"pending\">尚未验收</span>"));
		html_raw(b, HTML_LIT("</li>"));
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	html_raw(b, n ? HTML_LIT("</ul></section>") : HTML_LIT("<p>暂无项目。</p></section>"));
	return E_OK;
}

enum err trade_html_page(struct req *r)
{
	const char *code = req_param(r, "code");
	struct db_res *res;
	enum err e = code_ok(code) ? db_one(r->db, &trade_stmts, TRADE_ST_PORTAL_VILLAGE,
					    DB_PARAMS(DB_TEXT(code)), &res)
				   : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "village.not_found", NULL, "没有这个村（居）：%s",
				code);
	if (e != E_OK)
		return e;
	int64_t vid = db_int(res, 0);
	const char *name = db_text_dup(&r->arena, res, 1);
	const char *township = db_text_dup(&r->arena, res, 2);
	db_done(res);
	struct buf *b = &r->resp;
	buf_reset(b);
	html_raw(
	    b, HTML_LIT("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"));
	html_f(b, "<title>%s · 合同与交易公开 · 清廉村居</title>", name);
	html_raw(b, HTML_LIT("<style>" STYLE "</style></head><body><main>"));
	html_f(b, "<p class=\"muted\"><a href=\"/p/%s\">← 返回%s公开页</a></p>", code, name);
	html_f(b, "<h1>%s · 合同与交易公开</h1>", name);
	html_f(b,
	       "<p class=\"muted\">%s%s集体资产资源的发包、租赁合同，产权交易（应进必进）结果"
	       "和小型项目的实施情况。承包方为个人的，只显示姓氏。</p>",
	       township, name);
	if ((e = assets_html_contracts(r, vid, b)) != E_OK ||
	    (e = section_trades(r, vid, b)) != E_OK || (e = section_projects(r, vid, b)) != E_OK)
		return e;
	html_raw(b, HTML_LIT("<p class=\"muted\">对公开内容有疑问，可向村务监督委员会提出质询，"
			     "或通过信访举报渠道反映。</p></main><footer>清廉村居监督平台 · "
			     "公开信息，欢迎监督</footer></body></html>"));
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", "public, max-age=60");
	return E_OK;
}
