/*
 * 双随机一公开: announcing a draw (pools and the seed's hash; the server makes
 * the seed and shows it once, or takes the hash of a seed the commission made
 * itself), drawing it (the revealed seed must match the hash; draw_pick does
 * the rest), and publishing it: JSON for anyone and the portal pages /p/draws
 * and /p/draws/{id}, which show the pools, the hash, the seed, the result and
 * how to recompute it.  A finished draw is never changed (the database refuses
 * it too).  SQL is in draw_db.c.
 */
#include "draw.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/json_out.h"
#include "perms.h"
#include "modutil.h"

/* ---- the algorithm ------------------------------------------------------------------ */

void draw_seed_hash(const char *seed, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)seed, strlen(seed));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

bool draw_seed_valid(const char *s)
{
	if (!s || strlen(s) != DRAW_SEED_HEX)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static uint64_t block(const char *seed, const char *tag, uint64_t k)
{
	char text[DRAW_SEED_HEX + 64];
	int len = snprintf(text, sizeof(text), "%s:%s:%llu", seed, tag, (unsigned long long)k);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)text, (unsigned long long)len);
	uint64_t x = 0;
	for (int i = 0; i < 8; i++)
		x = x << 8 | h[i];
	return x;
}

void draw_pick(const char *seed, const char *tag, size_t npool, size_t n, size_t *out)
{
	size_t *a = malloc((npool ? npool : 1) * sizeof(*a));
	if (!a)
		abort();
	for (size_t i = 0; i < npool; i++)
		a[i] = i;
	uint64_t k = 0;
	for (size_t j = 0; j < n && j < npool; j++) {
		uint64_t m = npool - j;
		uint64_t r = (UINT64_MAX % m + 1) % m; /* 2^64 mod m */
		uint64_t x;
		do
			x = block(seed, tag, k++);
		while (r && x >= 0 - r); /* 0 − r is 2^64 − r */
		size_t pick = j + (size_t)(x % m);
		size_t t = a[j];
		a[j] = a[pick];
		a[pick] = t;
		out[j] = a[j];
	}
	free(a);
}

/* ---- HTTP ------------------------------------------------------------------------------ */

static const char *by_of(struct req *r)
{
	return r->user->display_name && *r->user->display_name ? r->user->display_name
							       : r->user->username;
}

/* A pool: a JSON array of 1..DRAW_POOL_MAX distinct non-empty strings. */
static enum err pool_check(struct req *r, json_t *pool, const char *field, const char *label)
{
	size_t n = json_array_size(pool);
	if (!json_is_array(pool) || n == 0 || n > DRAW_POOL_MAX)
		return req_fail(r, E_INPUT, "draw.pool", field, "%s应为 1 至 %d 项的列表", label,
				DRAW_POOL_MAX);
	for (size_t i = 0; i < n; i++) {
		const char *s = json_string_value(json_array_get(pool, i));
		if (!s || !*s || strlen(s) > 300)
			return req_fail(r, E_INPUT, "draw.pool", field, "%s第 %zu 项应为文字",
					label, i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(s, json_string_value(json_array_get(pool, j))) == 0)
				return req_fail(r, E_INPUT, "draw.pool", field,
						"%s第 %zu 项与第 %zu 项重复：%s", label, i + 1,
						j + 1, s);
	}
	return E_OK;
}

static char *compact(struct req *r, const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);
	char *out = arena_strdup(&r->arena, s);
	free(s);
	return out;
}

static const struct field draw_in[] = {
    {"township", "乡镇", FT_STR, FIELD_REQUIRED, 40},
    {"title", "抽查名称", FT_STR, FIELD_REQUIRED, 100},
    {"targets", "抽查对象库", FT_ARRAY, 0},
    {"inspectors", "执法检查人员库", FT_ARRAY, FIELD_REQUIRED},
    {"n_targets", "抽取对象数", FT_INT, FIELD_REQUIRED},
    {"n_inspectors", "抽取人员数", FT_INT, FIELD_REQUIRED},
    {"seed_hash", "种子哈希", FT_STR, 0, 64},
    {0},
};

/* Announce: without targets, the township's villages ("code name") are the pool. */
static enum err draw_create(struct req *r)
{
	const char *town = req_in_str(r, "township");
	json_t *targets = json_object_get(r->in, "targets");
	json_t *own = NULL;
	enum err e;
	if (!targets) {
		struct db_res *res;
		if ((e = db_exec(r->db, &draw_stmts, DRAW_ST_TOWN_VILLAGES,
				 DB_PARAMS(DB_TEXT(town)), &res)) != E_OK)
			return e;
		own = json_array();
		while (db_row(res))
			json_array_append_new(
			    own, json_string(arena_printf(&r->arena, "%s %s", db_text(res, 0),
							  db_text(res, 1))));
		db_done(res);
		targets = own;
	}
	json_t *insp = json_object_get(r->in, "inspectors");
	if ((e = pool_check(r, targets, "targets", "抽查对象库")) != E_OK ||
	    (e = pool_check(r, insp, "inspectors", "执法检查人员库")) != E_OK) {
		json_decref(own);
		return e;
	}
	int64_t nt = req_in_int(r, "n_targets"), ni = req_in_int(r, "n_inspectors");
	const char *tj = compact(r, targets), *ij = compact(r, insp);
	size_t tn = json_array_size(targets), in = json_array_size(insp);
	json_decref(own);
	if (nt < 1 || (size_t)nt > tn)
		return req_fail(r, E_RULE, "draw.n_targets", "n_targets",
				"抽取对象数应在 1 至 %zu 之间", tn);
	if (ni < 1 || (size_t)ni > in)
		return req_fail(r, E_RULE, "draw.n_inspectors", "n_inspectors",
				"抽取人员数应在 1 至 %zu 之间", in);
	const char *hash = req_in_str(r, "seed_hash");
	char seed[DRAW_SEED_HEX + 1] = "", made[65];
	if (hash && *hash) {
		if (!draw_seed_valid(hash))
			return req_fail(r, E_INPUT, "draw.seed_hash", "seed_hash",
					"种子哈希应为 64 位小写十六进制");
	} else {
		unsigned char raw[32];
		app_random(r->app, raw, sizeof(raw));
		sodium_bin2hex(seed, sizeof(seed), raw, sizeof(raw));
		sodium_memzero(raw, sizeof(raw));
		draw_seed_hash(seed, made);
		hash = made;
	}
	char ts[32];
	app_timestamp(app_now(r->app), ts);
	struct db_res *res;
	if ((e = db_one(r->db, &draw_stmts, DRAW_ST_INSERT,
			DB_PARAMS(DB_TEXT(town), DB_TEXT(req_in_str(r, "title")), DB_TEXT(tj),
				  DB_TEXT(ij), DB_INT(nt), DB_INT(ni), DB_TEXT(hash), DB_TEXT(ts),
				  DB_TEXT(by_of(r))),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = trail_row(&r->tc, &draw_tables[DRAW_T_DRAWS], id, "draw.announce", &r->err)) !=
	    E_OK)
		return e;
	json_t *o = json_pack("{s:I,s:s}", "id", (json_int_t)id, "seed_hash", hash);
	if (seed[0]) {
		json_object_set_new(o, "seed", json_string(seed));
		json_object_set_new(
		    o, "notice",
		    json_string("请妥善保存种子：系统只保存其哈希，种子只显示这一次；"
				"抽取时须提交同一种子。"));
		sodium_memzero(seed, sizeof(seed));
	}
	return req_json(r, 201, o);
}

static const struct field run_in[] = {
    {"seed", "种子", FT_STR, FIELD_REQUIRED, 64},
    {0},
};

/* The result of a draw as JSON text: the chosen targets in draw order, each
 * with its inspectors (the chosen inspectors dealt round-robin). */
static char *result_of(struct req *r, const char *seed, json_t *targets, json_t *insp, size_t nt,
		       size_t ni)
{
	size_t *ti = ARENA_ARRAY(&r->arena, size_t, nt), *ii = ARENA_ARRAY(&r->arena, size_t, ni);
	draw_pick(seed, "targets", json_array_size(targets), nt, ti);
	draw_pick(seed, "inspectors", json_array_size(insp), ni, ii);
	json_t *o = json_object(), *ts = json_array(), *is = json_array();
	for (size_t j = 0; j < ni; j++)
		json_array_append(is, json_array_get(insp, ii[j]));
	size_t per = ni / nt ? ni / nt : 1;
	for (size_t j = 0; j < nt; j++) {
		json_t *team = json_array();
		for (size_t k = 0; k < per; k++)
			json_array_append(team, json_array_get(insp, ii[(j * per + k) % ni]));
		json_array_append_new(ts, json_pack("{s:I,s:O,s:o}", "index", (json_int_t)ti[j],
						    "target", json_array_get(targets, ti[j]),
						    "inspectors", team));
	}
	json_object_set_new(o, "targets", ts);
	json_object_set_new(o, "inspectors", is);
	char *s = compact(r, o);
	json_decref(o);
	return s;
}

static enum err draw_run(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &draw_stmts, DRAW_ST_GET, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "draw.not_found", NULL, "抽查不存在");
	if (e != E_OK)
		return e;
	bool done = !db_isnull(res, 10);
	const char *hash = db_text_dup(&r->arena, res, 7);
	json_error_t je;
	json_t *targets = json_loads(db_text(res, 3), 0, &je);
	json_t *insp = json_loads(db_text(res, 4), 0, &je);
	size_t nt = (size_t)db_int(res, 5), ni = (size_t)db_int(res, 6);
	db_done(res);
	const char *seed = req_in_str(r, "seed");
	char h[65];
	if (done)
		e = req_fail(r, E_CONFLICT, "draw.done", NULL, "该抽查已经抽取，结果不能更改");
	else if (!draw_seed_valid(seed))
		e = req_fail(r, E_INPUT, "draw.seed", "seed", "种子应为 64 位小写十六进制");
	else if (draw_seed_hash(seed, h), strcmp(h, hash) != 0)
		e = req_fail(r, E_RULE, "draw.seed_mismatch", "seed",
			     "种子与事先公布的哈希不符，不能抽取");
	if (e == E_OK && (!targets || !insp))
		e = req_fail(r, E_INTERNAL, "draw.pools", NULL, "抽查对象库损坏");
	char *result = e == E_OK ? result_of(r, seed, targets, insp, nt, ni) : NULL;
	json_decref(targets);
	json_decref(insp);
	if (e != E_OK)
		return e;
	char ts[32];
	app_timestamp(app_now(r->app), ts);
	if ((e = db_exec(r->db, &draw_stmts, DRAW_ST_SET_RESULT,
			 DB_PARAMS(DB_INT(id), DB_TEXT(seed), DB_TEXT(result), DB_TEXT(ts),
				   DB_TEXT(by_of(r))),
			 NULL)) != E_OK)
		return e;
	if ((e = trail_row(&r->tc, &draw_tables[DRAW_T_DRAWS], id, "draw.run", &r->err)) != E_OK)
		return e;
	json_t *o = json_loads(result, 0, &je);
	json_object_set_new(o, "id", json_integer(id));
	return req_json(r, 200, o);
}

static enum err draws_list(struct req *r)
{
	struct db_res *res;
	json_t *items;
	enum err e;
	if ((e = db_exec(r->db, &draw_stmts, DRAW_ST_LIST, DB_NOPARAMS, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

/* Everything published of one draw (the seed only once drawn, by construction). */
static enum err draw_get(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &draw_stmts, DRAW_ST_GET, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "draw.not_found", NULL, "抽查不存在");
	if (e != E_OK)
		return e;
	json_t *o = json_row(res);
	db_done(res);
	static const char *const js[] = {"targets", "inspectors", "result"};
	for (size_t i = 0; i < 3; i++) {
		const char *s = json_string_value(json_object_get(o, js[i]));
		json_error_t je;
		if (s)
			json_object_set_new(o, js[i], json_loads(s, 0, &je));
	}
	return req_json(r, 200, o);
}

/* ---- portal ------------------------------------------------------------------------------- */

#define STYLE                                                                                      \
	"html{font-size:20px}body{margin:0;font:1rem/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","    \
	"\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#f6f4ef;overflow-wrap:anywhere}"  \
	"main{max-width:40rem;margin:0 auto;padding:.75rem}"                                       \
	"h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0;color:#9b1c1c}"                        \
	"h2{font-size:1.15rem;margin:0 0 .5rem;border-left:.3rem solid "                           \
	"#9b1c1c;padding-left:.5rem}"                                                              \
	"section{background:#fff;border-radius:.5rem;padding:.75rem;margin:.75rem 0}"              \
	"ul,ol{margin:0;padding-left:1.2rem}li{padding:.3rem 0}a{color:#0b5cad}"                   \
	".muted{color:#555;font-size:.9rem}pre,.h{font-family:monospace;font-size:.8rem;"          \
	"word-break:break-all;white-space:pre-wrap}"                                               \
	"footer{text-align:center;color:#555;font-size:.9rem;padding:1rem}"

static void page_begin(struct buf *b, const char *title)
{
	buf_reset(b);
	html_raw(
	    b, HTML_LIT("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"));
	html_f(b, "<title>%s · 清廉村居</title>", title);
	html_raw(b, HTML_LIT("<style>" STYLE "</style></head><body><main>"
			     "<p class=\"muted\"><a href=\"/p/\">← 村（居）列表</a> · "
			     "<a href=\"/p/draws\">双随机一公开</a></p>"));
	html_f(b, "<h1>%s</h1>", title);
}

static enum err page_end(struct req *r)
{
	html_raw(&r->resp, HTML_LIT("</main><footer>清廉村居监督平台 · 公开信息，欢迎监督"
				    "</footer></body></html>"));
	r->status = 200;
	r->resp_type = "text/html; charset=utf-8";
	req_header(r, "Cache-Control", "public, max-age=60");
	return E_OK;
}

static enum err html_list(struct req *r)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &draw_stmts, DRAW_ST_LIST, DB_NOPARAMS, &res);
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, "双随机一公开");
	html_raw(b, HTML_LIT("<p class=\"muted\">随机抽取检查对象、随机选派检查人员，抽查结果公开。"
			     "抽取前公布随机种子的 SHA-256 哈希，抽取后公布种子本身：任何人都可以"
			     "用种子和公布的名单重算一遍，核对结果。</p><section><ul>"));
	size_t n = 0;
	while (db_row(res)) {
		n++;
		html_f(b, "<li><a href=\"/p/draws/%lld\">%s</a> <span class=\"muted\">%s · %s",
		       (long long)db_int(res, 0), db_text(res, 2), db_text(res, 1),
		       db_isnull(res, 7) ? "待抽取" : "已抽取");
		html_raw(b, HTML_LIT("</span></li>"));
	}
	db_done(res);
	if (!n)
		html_raw(b, HTML_LIT("<li>暂无抽查。</li>"));
	html_raw(b, HTML_LIT("</ul></section>"));
	return page_end(r);
}

static void html_pool(struct buf *b, const char *title, const char *text)
{
	json_error_t je;
	json_t *a = json_loads(text, 0, &je);
	html_f(b, "<section><h2>%s（%zu 项，按公布顺序编号）</h2><ol start=\"0\">", title,
	       json_array_size(a));
	for (size_t i = 0; i < json_array_size(a); i++)
		html_f(b, "<li>%s</li>", json_string_value(json_array_get(a, i)));
	html_raw(b, HTML_LIT("</ol></section>"));
	json_decref(a);
}

static enum err html_one(struct req *r)
{
	int64_t id = modutil_path_id(r);
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &draw_stmts, DRAW_ST_GET, DB_PARAMS(DB_INT(id)), &res) : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "draw.not_found", NULL, "没有这项抽查");
	if (e != E_OK)
		return e;
	struct buf *b = &r->resp;
	page_begin(b, db_text(res, 2));
	html_f(b,
	       "<section><p>%s · 公布于 %s，抽取对象 %lld 个、检查人员 %lld 名。</p>"
	       "<p>种子哈希（抽取前公布）：</p><p class=\"h\">%s</p>",
	       db_text(res, 1), db_text(res, 8), (long long)db_int(res, 5),
	       (long long)db_int(res, 6), db_text(res, 7));
	if (db_isnull(res, 10)) {
		html_raw(b, HTML_LIT("<p>尚未抽取。</p></section>"));
	} else {
		html_f(b, "<p>种子（%s 抽取时公布）：</p><p class=\"h\">%s</p>", db_text(res, 12),
		       db_text(res, 10));
		html_f(b,
		       "<p><a href=\"/api/v1/public/proof/draws/%lld\">下载日志包含证明</a></p>"
		       "</section>",
		       (long long)id);
		json_error_t je;
		json_t *result = json_loads(db_text(res, 11), 0, &je);
		json_t *ts = json_object_get(result, "targets");
		html_raw(b, HTML_LIT("<section><h2>抽取结果</h2><ol>"));
		for (size_t i = 0; i < json_array_size(ts); i++) {
			json_t *t = json_array_get(ts, i);
			html_f(b, "<li>%s（第 %lld 号）：",
			       json_string_value(json_object_get(t, "target")),
			       (long long)json_integer_value(json_object_get(t, "index")));
			json_t *team = json_object_get(t, "inspectors");
			for (size_t k = 0; k < json_array_size(team); k++)
				html_f(b, "%s%s", k ? "、" : "",
				       json_string_value(json_array_get(team, k)));
			html_raw(b, HTML_LIT("</li>"));
		}
		html_raw(b, HTML_LIT("</ol></section>"));
		json_decref(result);
	}
	html_pool(b, "抽查对象库", db_text(res, 3));
	html_pool(b, "检查人员库", db_text(res, 4));
	db_done(res);
	html_raw(
	    b,
	    HTML_LIT(
		"<section><h2>怎样重算</h2><ol><li>核对种子：对种子文字求 SHA-256，应等于"
		"抽取前公布的哈希（命令：<span class=\"h\">printf %s 种子 | "
		"sha256sum</span>）。</li>"
		"<li>对象库编号 0 至 N−1。第 k 个随机数（k 从 0 起）：对“种子:targets:k”"
		"（人员库用 inspectors）求 SHA-256，取前 8 字节按大端读作整数 x。</li>"
		"<li>第 j 次抽取（j 从 0 起），剩余 m = N − j 个：若 x ≥ 2^64 − (2^64 mod m) "
		"则弃用、取下一个随机数；否则把第 j 位与第 j + (x mod m) 位互换。第 j 位就是第 j "
		"个抽中的。</li><li>抽中的检查人员按顺序轮流分到各对象。</li></ol>"
		"<p class=\"muted\">Python 一行：见平台文档 docs/disclosure.md。</p></section>"));
	return page_end(r);
}

static const struct route routes[] = {
    {"GET", "/api/v1/draws", draws_list, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL,
     "双随机一公开：抽查列表（公开）"},
    {"POST", "/api/v1/draws", draw_create, &perm_draw_manage, SCOPE_NONE, NULL, draw_in,
     ROUTE_WRITE, "draw.announce",
     "公布抽查：对象库、人员库与种子哈希（系统生成种子时只显示一次）"},
    {"GET", "/api/v1/draws/{id}", draw_get, &perm_public, SCOPE_NONE, NULL, NULL, 0, NULL,
     "抽查详情（公开：名单、哈希、抽取后的种子与结果）"},
    {"POST", "/api/v1/draws/{id}/draw", draw_run, &perm_draw_manage, SCOPE_NONE, NULL, run_in,
     ROUTE_WRITE, "draw.run", "抽取：提交种子（须与哈希一致），结果按公开算法确定"},
    {"GET", "/p/draws", html_list, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML, NULL,
     "公开门户：双随机一公开"},
    {"GET", "/p/draws/{id}", html_one, &perm_public, SCOPE_NONE, NULL, NULL, ROUTE_HTML, NULL,
     "公开门户：一项抽查的名单、种子、结果与重算方法"},
};

const struct module draw_module = {
    .name = "draw",
    .title = "双随机一公开",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &draw_stmts,
    .tables = draw_tables,
    .ntables = DRAW_T__MAX,
};
