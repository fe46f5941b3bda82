/*
 * The contracts section of the public page /p/{code}/contracts: every
 * contract of the village with its subject, term, rent, area and the listing
 * it came from.  A counterparty who is a person is shown by the masked name of
 * core/mask.h (never an ID number); a firm by its name and credit code.
 * Rendered through the escaping builder of core/html.h; it writes nothing.
 */
#include <string.h>

#include "assets.h"
#include "core/html.h"
#include "core/mask.h"
#include "core/money.h"

void assets_html_party(struct buf *b, struct arena *a, const char *name, const char *id)
{
	if (!name && !id) {
		html_raw(b, HTML_LIT("—"));
		return;
	}
	if (assets_party_is_firm(name, id)) {
		html_text(b, name ? name : "");
		if (id && *id)
			html_f(b, "<span class=\"muted\">（统一社会信用代码 %s）</span>", id);
		return;
	}
	html_text(b, mask_name(a, name ? name : ""));
}

enum err assets_html_contracts(struct req *r, int64_t village_id, struct buf *b)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &assets_stmts, ASSETS_ST_PORTAL_CONTRACTS,
			     DB_PARAMS(DB_INT(village_id)), &res);
	if (e != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	html_raw(b, HTML_LIT("<section><h2>发包与租赁合同</h2>"));
	size_t n = 0;
	while (db_row(res)) {
		if (!n++)
			html_raw(b, HTML_LIT("<ul>"));
		const char *subject = db_text(res, 2), *kind = db_text(res, 3);
		const char *start = db_text(res, 7), *end = db_text(res, 8);
		char rent[MONEY_BUF], area[32];
		money_format_grouped(db_int(res, 9), rent);
		html_f(b, "<li><b>%s</b> %s", db_text(res, 0), subject ? subject : db_text(res, 1));
		if (kind)
			html_f(b, "（%s）", kind);
		html_raw(b, HTML_LIT("<br>承包方："));
		assets_html_party(b, &r->arena, db_text(res, 4), db_text(res, 5));
		html_f(b, "<br>期限：%s 至 %s", start, end);
		if (strcmp(start, today) <= 0 && strcmp(end, today) >= 0)
			html_raw(b, HTML_LIT("（履行中）"));
		else if (strcmp(end, today) < 0)
			html_raw(b, HTML_LIT("（已到期）"));
		html_f(b, "<br>年租金：%s 元", rent);
		if (!db_isnull(res, 10)) {
			assets_area_format(db_int(res, 10), area);
			html_f(b, "，面积 %s 亩", area);
		}
		if (db_text(res, 11))
			html_f(b, "<br><span class=\"muted\">经产权交易 %s 成交</span>",
			       db_text(res, 11));
		html_raw(b, HTML_LIT("</li>"));
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	if (n)
		html_raw(b, HTML_LIT("</ul>"));
	else
		html_raw(b, HTML_LIT("<p>暂无合同。</p>"));
	html_raw(b, HTML_LIT("</section>"));
	return E_OK;
}
