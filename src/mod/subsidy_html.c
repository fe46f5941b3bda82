/*
 * The portal's 惠民资金 page: a village's payments of one year by programme,
 * every recipient's name masked by core/mask.h (surname kept), never an ID
 * number or bank account (its statements do not read them), and the
 * self-query form; the self-query's answer page shows the person's own records
 * unmasked, is never cached, and the view is logged (subsidy.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/mask.h"
#include "core/money.h"
#include "disclose.h"
#include "subsidy.h"

#define STYLE                                                                                      \
	"html{font-size:20px}body{margin:0;font:1rem/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","    \
	"\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#f6f4ef;overflow-wrap:anywhere}"  \
	"main{max-width:40rem;margin:0 auto;padding:.75rem}"                                       \
	"h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0;color:#9b1c1c}"                        \
	"h2{font-size:1.15rem;margin:0 0 .5rem;border-left:.3rem solid "                           \
	"#9b1c1c;padding-left:.5rem}"                                                              \
	"section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}"              \
	"table{width:100%;border-collapse:collapse;font-size:.9rem}"                               \
	"th,td{text-align:left;padding:.3rem .2rem;border-bottom:1px solid #e5e0d5}"               \
	"td.n,th.n{text-align:right;white-space:nowrap}a{color:#0b5cad}"                           \
	".muted{color:#555;font-size:.9rem}label{display:block;margin:.5rem 0 .2rem}"              \
	"input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}"            \
	"button{font:inherit;padding:.5rem 1.5rem;margin-top:.75rem;background:#9b1c1c;"           \
	"color:#fff;border:0;border-radius:.3rem}"                                                 \
	"footer{text-align:center;color:#555;font-size:.9rem;padding:1rem}"

struct sv {
	int64_t id;	  /* villages.id */
	const char *code; /* 12 digits */
	const char *name; /* 甲村 */
};

static enum err village_load(struct req *r, struct sv *v)
{
	const char *code = req_param(r, "code");
	struct db_res *res;
	bool ok = code && strlen(code) == 12 && strspn(code, "0123456789") == 12;
	enum err e = ok ? db_one(r->db, &subsidy_stmts, SUBSIDY_ST_PORTAL_VILLAGE,
				 DB_PARAMS(DB_TEXT(code)), &res)
			: E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "portal.no_village", NULL,
				"没有找到这个村（居）。请从村（居）列表进入。");
	if (e != E_OK)
		return e;
	*v = (struct sv){db_int(res, 0), db_text_dup(&r->arena, res, 1),
			 db_text_dup(&r->arena, res, 2)};
	return db_done(res);
}

static void page_begin(struct buf *b, const struct sv *v, const char *title)
{
	buf_reset(b);
	html_raw(
	    b, HTML_LIT("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"));
	html_f(b, "<title>%s · %s · 清廉村居</title>", v->name, title);
	html_raw(b, HTML_LIT("<style>" STYLE "</style></head><body><main>"));
	html_f(b, "<p class=\"muted\"><a href=\"/p/%s\">← 返回%s公开页</a></p><h1>%s · %s</h1>",
	       v->code, v->name, v->name, title);
}

static enum err page_end(struct req *r, const char *cache)
{
	html_raw(&r->resp, HTML_LIT("</main><footer>清廉村居监督平台 · 公开信息，欢迎监督"
				    "</footer></body></html>"));
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", cache);
	return E_OK;
}

static void query_form(struct buf *b, const struct sv *v)
{
	html_f(b,
	       "<section><h2>本人查询</h2><form method=\"post\" action=\"/p/%s/subsidies/query\">",
	       v->code);
	html_raw(
	    b,
	    HTML_LIT(
		"<p "
		"class=\"muted\">输入本人身份证号，以及在村（居）登记的电话或户号（填一项即可），"
		"可查看本人领取的全部补贴明细（不打码）。每次查询都会记入日志。</p>"
		"<label for=\"id_no\">身份证号</label>"
		"<input type=\"text\" id=\"id_no\" name=\"id_no\" maxlength=\"18\" "
		"autocomplete=\"off\" required>"
		"<label for=\"phone\">登记的电话</label>"
		"<input type=\"text\" id=\"phone\" name=\"phone\" maxlength=\"20\" "
		"autocomplete=\"off\">"
		"<label for=\"household_no\">或户号</label>"
		"<input type=\"text\" id=\"household_no\" name=\"household_no\" "
		"maxlength=\"20\" autocomplete=\"off\">"
		"<button type=\"submit\">查询</button></form></section>"));
}

enum err subsidy_html_list(struct req *r)
{
	struct sv v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	int64_t year = req_query_int(r, "year", atoi(today));
	if (year < 1990 || year > 2100)
		year = atoi(today);
	char ys[8];
	snprintf(ys, sizeof(ys), "%lld", (long long)year);
	struct buf *b = &r->resp;
	page_begin(b, &v, "惠民资金");
	html_f(b, "<p class=\"muted\"><a href=\"/p/%s/subsidies?year=%lld\">← %lld年</a>", v.code,
	       (long long)(year - 1), (long long)(year - 1));
	html_f(b,
	       "　<strong>%lld年</strong>　<a href=\"/p/%s/subsidies?year=%lld\">%lld年 →</a></p>",
	       (long long)year, v.code, (long long)(year + 1), (long long)(year + 1));
	html_raw(
	    b, HTML_LIT("<p class=\"muted\">按村民委员会组织法第三十条公开补贴、救助资金的领取人和"
			"金额。为保护个人信息，姓名只显示姓氏，不显示身份证号和银行账号。</p>"));
	struct db_res *res;
	if ((e = db_exec(r->db, &subsidy_stmts, SUBSIDY_ST_PORTAL_TOTALS,
			 DB_PARAMS(DB_INT(v.id), DB_TEXT(ys)), &res)) != E_OK)
		return e;
	html_raw(b, HTML_LIT("<section><h2>汇总</h2><table><tr><th>项目</th><th class=\"n\">人数"
			     "</th><th class=\"n\">笔数</th><th class=\"n\">金额（元）</th></tr>"));
	size_t n = 0;
	while (db_row(res)) {
		char m[MONEY_BUF];
		money_format_grouped(db_int(res, 3), m);
		html_f(b,
		       "<tr><td>%s</td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td "
		       "class=\"n\">%s</td></tr>",
		       db_text(res, 0), (long long)db_int(res, 1), (long long)db_int(res, 2), m);
		n++;
	}
	db_done(res);
	html_raw(b, HTML_LIT("</table>"));
	if (!n)
		html_raw(b, HTML_LIT("<p>本年度暂无发放记录。</p>"));
	html_raw(b, HTML_LIT("</section>"));
	if (n) {
		if ((e = db_exec(r->db, &subsidy_stmts, SUBSIDY_ST_PORTAL_LIST,
				 DB_PARAMS(DB_INT(v.id), DB_TEXT(ys)), &res)) != E_OK)
			return e;
		const char *prog = NULL;
		size_t rows = 0;
		while (db_row(res)) {
			if (!prog || strcmp(prog, db_text(res, 0)) != 0) {
				if (prog)
					html_raw(b, HTML_LIT("</table></section>"));
				prog = arena_strdup(&r->arena, db_text(res, 0));
				html_f(b,
				       "<section><h2>%s</h2><table><tr><th>姓名</th><th>所属期</th>"
				       "<th class=\"n\">金额（元）</th></tr>",
				       prog);
			}
			char m[MONEY_BUF];
			money_format_grouped(db_int(res, 3), m);
			html_f(b, "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td></tr>",
			       mask_name(&r->arena, db_text(res, 1)), db_text(res, 2), m);
			rows++;
		}
		db_done(res);
		if (prog)
			html_raw(b, HTML_LIT("</table></section>"));
		if (rows >= 400)
			html_raw(b,
				 HTML_LIT("<p class=\"muted\">只显示前 400 条；完整名单请到村（居）"
					  "公开栏查看。</p>"));
	}
	query_form(b, &v);
	return page_end(r, "public, max-age=60");
}

enum err subsidy_html_query(struct req *r)
{
	struct sv v;
	enum err e = village_load(r, &v);
	if (e != E_OK)
		return e;
	json_t *form = disclose_form_decode(r->body, r->body_len);
	if (!form)
		return req_fail(r, E_INPUT, "form.invalid", NULL, "表单内容无法识别，请返回重试");
	json_t *items = NULL;
	e = subsidy_self_query(r, json_string_value(json_object_get(form, "id_no")),
			       json_string_value(json_object_get(form, "phone")),
			       json_string_value(json_object_get(form, "household_no")), &items);
	json_decref(form);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, &v, "本人补贴明细");
	html_raw(b, HTML_LIT("<section><p class=\"muted\">以下是您本人的领取记录（不打码），"
			     "本次查询已记入日志。请勿在公共场所展示本页。</p><table><tr><th>"
			     "项目</th><th>所属期</th><th class=\"n\">金额（元）</th><th>发放日期"
			     "</th><th>账号</th></tr>"));
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		char m[MONEY_BUF];
		money_format_grouped(json_integer_value(json_object_get(it, "amount_fen")), m);
		const char *paid = json_string_value(json_object_get(it, "paid_date"));
		const char *acct = json_string_value(json_object_get(it, "bank_account"));
		html_f(
		    b,
		    "<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>%s</td><td>%s</td></tr>",
		    json_string_value(json_object_get(it, "programme")),
		    json_string_value(json_object_get(it, "period")), m, paid ? paid : "",
		    acct ? acct : "");
	}
	if (!json_array_size(items))
		html_raw(b, HTML_LIT("<tr><td colspan=\"5\">没有领取记录。</td></tr>"));
	html_raw(b, HTML_LIT("</table></section>"));
	json_decref(items);
	return page_end(r, "no-store");
}
