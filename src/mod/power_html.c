/*
 * The public page of a village's decisions, /p/{code}/decisions: every matter
 * whose 决议 has been made public (决议公开), with its public steps and their
 * dates, the meeting that decided it and its vote.  Server-rendered through the
 * escaping builder of core/html.h; no script, small enough for a phone on a
 * weak line.  It shows what the village has published and nothing private (no
 * minutes, no attachments, no names of villagers), and it writes nothing.
 */
#include <string.h>

#include "core/html.h"
#include "core/money.h"
#include "power.h"

#define STYLE                                                                                      \
	"html{font-size:20px}body{margin:0;font:1rem/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","    \
	"\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#f6f4ef;overflow-wrap:anywhere}"  \
	"main{max-width:40rem;margin:0 auto;padding:.75rem}"                                       \
	"h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0;color:#9b1c1c}"                        \
	"h2{font-size:1.15rem;margin:0 0 .5rem;border-left:.3rem solid "                           \
	"#9b1c1c;padding-left:.5rem}"                                                              \
	"section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}"              \
	"table{width:100%;border-collapse:collapse}"                                               \
	"th,td{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #e5e0d5;"             \
	"vertical-align:top}th{width:6.5rem;font-weight:normal;color:#555}"                        \
	"a{color:#0b5cad}.muted{color:#555;font-size:.9rem}.pending{color:#9b1c1c}"                   \
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

static void row_date(struct buf *b, const char *label, const char *date, const char *missing)
{
	html_f(b, "<tr><th>%s</th>", label);
	if (date)
		html_f(b, "<td>%s</td></tr>", date);
	else
		html_f(b, "<td class=\"pending\">%s</td></tr>", missing);
}

enum err power_html_decisions(struct req *r)
{
	const char *code = req_param(r, "code");
	struct db_res *res;
	enum err e = code_ok(code) ? db_one(r->db, &power_stmts, POWER_ST_PORTAL_VILLAGE,
					    DB_PARAMS(DB_TEXT(code)), &res)
				   : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "village.not_found", NULL, "没有这个村（居）");
	if (e != E_OK)
		return e;
	int64_t vid = db_int(res, 0);
	const char *name = db_text_dup(&r->arena, res, 1);
	const char *township = db_text_dup(&r->arena, res, 2);
	db_done(res);
	if ((e = db_exec(r->db, &power_stmts, POWER_ST_PORTAL_DECISIONS, DB_PARAMS(DB_INT(vid)),
			 &res)) != E_OK)
		return e;
	struct buf *b = &r->resp;
	buf_reset(b);
	html_raw(
	    b, HTML_LIT("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"));
	html_f(b, "<title>%s · 议事决策公开 · 清廉村居</title>", name);
	html_raw(b, HTML_LIT("<style>" STYLE "</style></head><body><main>"));
	html_f(b, "<p class=\"muted\"><a href=\"/p/%s\">← 返回%s公开页</a></p>", code, name);
	html_f(b, "<h1>%s · 议事决策公开</h1>", name);
	html_f(b,
	       "<p class=\"muted\">%s%s的重大事项按“五议两公开”程序决策：党组织提议、"
	       "“两委”商议、党员大会审议、村民（代表）会议决议，决议和实施结果向村民公开。"
	       "以下是已公开的决议。</p>",
	       township, name);
	size_t n = 0;
	while (db_row(res)) {
		n++;
		char amount[MONEY_BUF];
		html_f(b, "<section><h2>%s</h2><table>", db_text(res, 1));
		html_f(b, "<tr><th>事项编号</th><td>%s</td></tr>", db_text(res, 0));
		if (!db_isnull(res, 2)) {
			money_format_grouped(db_int(res, 2), amount);
			html_f(b, "<tr><th>涉及金额</th><td>%s 元</td></tr>", amount);
		}
		row_date(b, "提议", db_text(res, 3), "未登记");
		html_f(b, "<tr><th>决议</th><td>%s", db_text(res, 4) ? db_text(res, 4) : "未登记");
		if (db_text(res, 8))
			html_f(b, "，%s", db_text(res, 8));
		if (!db_isnull(res, 9) && !db_isnull(res, 10))
			html_f(b, "，到会 %lld 人，同意 %lld 人", (long long)db_int(res, 9),
			       (long long)db_int(res, 10));
		html_raw(b, HTML_LIT("</td></tr>"));
		row_date(b, "决议公开", db_text(res, 5), "未公开");
		row_date(b, "实施", db_text(res, 6), "尚未实施");
		row_date(b, "结果公开", db_text(res, 7), db_text(res, 6) ? "尚未公开" : "—");
		html_raw(b, HTML_LIT("</table></section>"));
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	if (!n)
		html_raw(b, HTML_LIT("<section><p>暂无已公开的决议。</p></section>"));
	html_raw(b, HTML_LIT("<p class=\"muted\">对公开内容有疑问，可向村务监督委员会提出质询，"
			     "或通过信访举报渠道反映。</p></main><footer>清廉村居监督平台 · "
			     "公开信息，欢迎监督</footer></body></html>"));
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", "public, max-age=60");
	return E_OK;
}
