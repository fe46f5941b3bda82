/*
 * The books' HTTP face for vouchers: entry and correction of drafts, the
 * approval chain (经办 → 证明 → 监委会审核 → 书记审批 → 镇审核) with its role
 * table, rejection back to the maker, posting, red reversals, voiding a draft,
 * attachments stored content-addressed, and the approval inbox.  The rules of
 * a voucher itself live in books_voucher.c; SQL in books_db.c.
 */
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "core/datefmt.h"
#include "core/idno.h"
#include "core/json_out.h"
#include "books_api.h"
#include "modutil.h"
#include "modutil_file.h"

/* The approval chain: who may sign each step (any user of that role with the
 * village in scope; one user signs at most one step of a round). */
struct chain_step {
	const char *name; /* 环节 */
	unsigned roles;	  /* ROLE_BIT mask allowed */
	const char *who;  /* Chinese, for the refusal */
};

#define RB(x) ROLE_BIT(ROLE_##x)
static const struct chain_step chain[BOOKS_STEPS] = {
    {"经办", RB(ACCOUNTANT) | RB(VILLAGE), "制单人（报账员或代理记账会计）"},
    {"证明", RB(VILLAGE), "村（居）干部"},
    {"监委会审核", RB(SUPERVISOR), "村务监督委员会成员"},
    {"书记审批", RB(VILLAGE), "村（居）书记"},
    {"镇审核", RB(ACCOUNTANT) | RB(DEPT), "镇代理记账会计或农业农村局"},
};

const char *books_step_name(int step)
{
	return step >= 1 && step <= BOOKS_STEPS ? chain[step - 1].name : "";
}

/* ---- reading a voucher's head ------------------------------------------------------ */

int64_t books_path_id(struct req *r, const char *name)
{
	const char *s = req_param(r, name);
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 ? v : 0;
}

enum err books_head_load(struct req *r, int64_t id, struct books_head *h)
{
	struct db_res *res;
	enum err e =
	    id ? db_one(r->db, &books_stmts, BOOKS_ST_VOUCHER_HEAD, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "voucher.not_found", NULL, "凭证不存在");
	if (e != E_OK)
		return e;
	h->id = id;
	h->village_id = db_int(res, 1);
	h->voucher_no = db_text_dup(&r->arena, res, 4);
	h->date = db_text_dup(&r->arena, res, 5);
	h->summary = db_text_dup(&r->arena, res, 6);
	h->source = db_text_dup(&r->arena, res, 7);
	h->status = db_text_dup(&r->arena, res, 8);
	h->steps_done = (int)db_int(res, 9);
	h->round = (int)db_int(res, 10);
	h->maker_id = db_int(res, 11);
	h->reverses_id = db_int(res, 20);
	return db_done(res);
}

enum err books_voucher_village(struct req *r, int64_t *vid)
{
	struct books_head h = {0};
	enum err e = books_head_load(r, books_path_id(r, "id"), &h);
	if (e == E_OK)
		*vid = h.village_id;
	return e;
}

/* ---- lines from JSON ---------------------------------------------------------------- */

static const char *const line_keys[] = {
    "account_code", "summary",	       "debit_fen",    "credit_fen",
    "counterparty", "counterparty_id", "bank_account", NULL};

static const char *opt_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && *s ? s : NULL;
}

static enum err line_keys_ok(struct req *r, json_t *o, size_t i)
{
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
	{
		size_t j = 0;
		while (line_keys[j] && strcmp(line_keys[j], k) != 0)
			j++;
		if (!line_keys[j])
			return req_fail(r, E_INPUT, "input.unknown_field", "lines",
					"第%zu行：未知字段 %s", i + 1, k);
		bool money = j == 2 || j == 3;
		if (!json_is_null(v) && (money ? !json_is_integer(v) : !json_is_string(v)))
			return req_fail(r, E_INPUT, "input.type", "lines",
					money ? "第%zu行：%s 应为整数（分）"
					      : "第%zu行：%s 应为文本",
					i + 1, k);
	}
	return E_OK;
}

static enum err line_from_json(struct req *r, json_t *o, size_t i, struct books_line *l)
{
	if (!json_is_object(o))
		return req_fail(r, E_INPUT, "input.type", "lines", "第%zu行分录格式错误", i + 1);
	enum err e = line_keys_ok(r, o, i);
	if (e != E_OK)
		return e;
	l->account_code = opt_str(o, "account_code");
	if (!l->account_code)
		return req_fail(r, E_INPUT, "input.required", "lines", "第%zu行：请填写科目代码",
				i + 1);
	l->summary = opt_str(o, "summary");
	l->debit_fen = json_integer_value(json_object_get(o, "debit_fen"));
	l->credit_fen = json_integer_value(json_object_get(o, "credit_fen"));
	l->counterparty = opt_str(o, "counterparty");
	l->counterparty_id = opt_str(o, "counterparty_id");
	l->bank_account = opt_str(o, "bank_account");
	if (l->counterparty_id && !party_id_valid(l->counterparty_id))
		return req_fail(r, E_INPUT, "input.party_id", "lines",
				"第%zu行：往来证件号不是有效的身份证号或统一社会信用代码：%s",
				i + 1, l->counterparty_id);
	return E_OK;
}

static enum err lines_from_body(struct req *r, struct books_voucher *v)
{
	json_t *a = json_object_get(r->in, "lines");
	size_t n = json_array_size(a);
	if (n > 500)
		return req_fail(r, E_INPUT, "voucher.lines", "lines", "一张凭证最多 500 行分录");
	v->lines = ARENA_ARRAY(&r->arena, struct books_line, n + 1);
	v->nlines = n;
	for (size_t i = 0; i < n; i++) {
		enum err e = line_from_json(r, json_array_get(a, i), i, &v->lines[i]);
		if (e != E_OK)
			return e;
	}
	return E_OK;
}

static const char *user_name(const struct req *r)
{
	return r->user->display_name && *r->user->display_name ? r->user->display_name
							       : r->user->username;
}

static const char *now_text(struct req *r)
{
	char *ts = arena_alloc(&r->arena, DATEFMT_TS_BUF);
	datefmt_timestamp_format(app_now(r->app), ts);
	return ts;
}

/* The voucher fields of a create or update body. */
static enum err voucher_from_body(struct req *r, struct books_voucher *v)
{
	memset(v, 0, sizeof(*v));
	v->village_id = r->village_id;
	v->date = req_in_str(r, "date");
	v->summary = req_in_str(r, "summary");
	v->voucher_no = req_in_str(r, "voucher_no");
	v->source = "录入";
	v->status = "draft";
	v->maker_id = r->user->id;
	v->maker = user_name(r);
	v->pay_method = req_in_str(r, "pay_method");
	v->entered_at = now_text(r);
	v->matter_no = req_in_str(r, "matter_no");
	v->project_no = req_in_str(r, "project_no");
	v->contract_no = req_in_str(r, "contract_no");
	return lines_from_body(r, v);
}

/* A failure of the shared logic, rendered as the request's error. */
static enum err fail_from(struct req *r, enum err e, const struct errinfo *ei)
{
	if (e != E_OK && ei->code != E_OK)
		r->err = *ei;
	return e;
}

static enum err log_voucher(struct req *r, int64_t id, const char *action)
{
	return trail_row(&r->tc, &books_tables[BOOKS_T_VOUCHERS], id, action, &r->err);
}

enum err books_api_create(struct req *r)
{
	struct books_voucher v;
	enum err e = voucher_from_body(r, &v);
	if (e != E_OK)
		return e;
	struct errinfo ei = {0};
	int64_t id;
	if ((e = books_voucher_create(&r->tc, &v, &id, &ei)) != E_OK)
		return fail_from(r, e, &ei);
	return books_api_answer(r, 201, id);
}

/* ---- edit, void ----------------------------------------------------------------------- */

static enum err editable(struct req *r, const struct books_head *h)
{
	if (strcmp(h->status, "posted") == 0)
		return req_fail(r, E_RULE, "voucher.posted", NULL,
				"凭证 %s 已记账，不能修改；如需更正，请填制红字冲销凭证",
				h->voucher_no);
	if (strcmp(h->status, "void") == 0)
		return req_fail(r, E_RULE, "voucher.void", NULL, "凭证 %s 已作废", h->voucher_no);
	if (strcmp(h->status, "draft") != 0 && strcmp(h->status, "rejected") != 0)
		return req_fail(r, E_RULE, "voucher.in_approval", NULL,
				"凭证 %s 正在审批中，不能修改（审批人退回后由制单人修改）",
				h->voucher_no);
	if (h->maker_id != r->user->id)
		return req_fail(r, E_FORBIDDEN, "voucher.not_maker", NULL,
				"只有制单人可以修改或作废凭证 %s", h->voucher_no);
	return E_OK;
}

static enum err rewrite(struct req *r, const struct books_head *h, struct books_voucher *v)
{
	struct errinfo ei = {0};
	enum err e = books_voucher_check(r->db, v, NULL, &ei);
	if (e != E_OK)
		return fail_from(r, e, &ei);
	int64_t total = 0;
	for (size_t i = 0; i < v->nlines; i++)
		total += v->lines[i].debit_fen;
	if (!v->summary)
		v->summary = v->lines[0].summary ? v->lines[0].summary : h->summary;
	if ((e = db_exec(r->db, &books_stmts, BOOKS_ST_LINES_DELETE, DB_PARAMS(DB_INT(h->id)),
			 NULL)) != E_OK ||
	    (e = db_exec(r->db, &books_stmts, BOOKS_ST_VOUCHER_UPDATE,
			 DB_PARAMS(DB_INT(h->id), DB_TEXT(v->date), DB_TEXT(v->summary),
				   DB_OPT(v->pay_method), DB_OPT(v->matter_no),
				   DB_OPT(v->project_no), DB_OPT(v->contract_no), DB_INT(total)),
			 NULL)) != E_OK)
		return e;
	for (size_t i = 0; i < v->nlines && e == E_OK; i++) {
		const struct books_line *l = &v->lines[i];
		e = db_exec(
		    r->db, &books_stmts, BOOKS_ST_LINE_INSERT,
		    DB_PARAMS(DB_INT(h->village_id), DB_INT(h->id), DB_INT((int64_t)i + 1),
			      DB_INT(l->account_id), DB_TEXT(l->summary ? l->summary : v->summary),
			      DB_INT(l->debit_fen), DB_INT(l->credit_fen), DB_OPT(l->counterparty),
			      DB_OPT(l->counterparty_id), DB_OPT(l->bank_account)),
		    NULL);
	}
	return e;
}

enum err books_api_update(struct req *r)
{
	struct books_head h;
	struct books_voucher v;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK ||
	    (e = editable(r, &h)) != E_OK || (e = voucher_from_body(r, &v)) != E_OK)
		return e;
	if (strncmp(v.date, h.date, 4) != 0)
		return req_fail(r, E_RULE, "voucher.year_fixed", "date",
				"不能改变凭证所属年度（凭证号 %s）", h.voucher_no);
	if (v.voucher_no && strcmp(v.voucher_no, h.voucher_no) != 0)
		return req_fail(r, E_RULE, "voucher.no_fixed", "voucher_no", "凭证号不能修改");
	if (strcmp(h.source, "冲销") == 0)
		v.source = "冲销";
	if ((e = rewrite(r, &h, &v)) != E_OK)
		return e;
	if ((e = log_voucher(r, h.id, "voucher.update")) != E_OK)
		return e;
	return books_api_answer(r, 200, h.id);
}

enum err books_api_void(struct req *r)
{
	struct books_head h;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK ||
	    (e = editable(r, &h)) != E_OK)
		return e;
	if ((e = db_exec(r->db, &books_stmts, BOOKS_ST_VOUCHER_STATE,
			 DB_PARAMS(DB_INT(h.id), DB_TEXT("void"), DB_INT(0), DB_INT(h.round),
				   DB_NULL, DB_NULL),
			 NULL)) != E_OK ||
	    (e = log_voucher(r, h.id, "voucher.void")) != E_OK)
		return e;
	return books_api_answer(r, 200, h.id);
}

/* ---- the approval chain ---------------------------------------------------------------- */

static enum err add_approval(struct req *r, const struct books_head *h, int round, int step,
			     const char *decision)
{
	struct db_res *res;
	enum err e =
	    db_one(r->db, &books_stmts, BOOKS_ST_APPROVAL_INSERT,
		   DB_PARAMS(DB_INT(h->village_id), DB_INT(h->id), DB_INT(round), DB_INT(step),
			     DB_TEXT(books_step_name(step)), DB_TEXT(decision), DB_INT(r->user->id),
			     DB_TEXT(user_name(r)), DB_TEXT(rbac_role_name(r->user->role)),
			     DB_OPT(req_in_str(r, "comment")), DB_TEXT(now_text(r))),
		   &res);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	return trail_row(&r->tc, &books_tables[BOOKS_T_APPROVALS], id,
			 strcmp(decision, "退回") == 0 ? "voucher.reject" : "voucher.approve",
			 &r->err);
}

static enum err set_state(struct req *r, const struct books_head *h, const char *status, int steps,
			  int round, const char *handler, const char *approver, const char *action)
{
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_VOUCHER_STATE,
			     DB_PARAMS(DB_INT(h->id), DB_TEXT(status), DB_INT(steps), DB_INT(round),
				       DB_TEXT(handler), DB_TEXT(approver)),
			     NULL);
	if (e != E_OK)
		return e;
	if ((e = log_voucher(r, h->id, action)) != E_OK)
		return e;
	return books_api_answer(r, 200, h->id);
}

enum err books_api_submit(struct req *r)
{
	struct books_head h;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK ||
	    (e = editable(r, &h)) != E_OK)
		return e;
	if (!(chain[0].roles & ROLE_BIT(r->user->role)))
		return req_fail(r, E_FORBIDDEN, "approval.wrong_role", NULL, "“经办”须由%s办理",
				chain[0].who);
	struct errinfo ei = {0};
	if ((e = books_period_open(r->db, h.village_id, h.date, &ei)) != E_OK)
		return fail_from(r, e, &ei);
	if ((e = add_approval(r, &h, h.round + 1, 1, "同意")) != E_OK)
		return e;
	return set_state(r, &h, "pending", 1, h.round + 1, user_name(r), NULL, "voucher.submit");
}

/* The user may sign the next step: the right role, not yet in this round. */
static enum err may_sign(struct req *r, const struct books_head *h, int step)
{
	if (strcmp(h->status, "pending") != 0)
		return req_fail(r, E_RULE, "approval.not_pending", NULL,
				"凭证 %s 不在审批中（当前状态：%s）", h->voucher_no,
				books_status_label(h->status));
	const struct chain_step *s = &chain[step - 1];
	if (!(s->roles & ROLE_BIT(r->user->role)))
		return req_fail(r, E_FORBIDDEN, "approval.wrong_role", NULL,
				"当前环节是“%s”，须由%s办理，您的角色是%s", s->name, s->who,
				rbac_role_label(r->user->role));
	struct db_res *res;
	enum err e = db_one(r->db, &books_stmts, BOOKS_ST_APPROVAL_USER_IN_ROUND,
			    DB_PARAMS(DB_INT(h->id), DB_INT(h->round), DB_INT(r->user->id)), &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	req_fail(r, E_RULE, "approval.same_user", NULL,
		 "您已办理本凭证的“%s”环节，同一人不能办理两个环节（当前环节：%s）",
		 db_text(res, 0), s->name);
	db_done(res);
	return E_RULE;
}

enum err books_api_approve(struct req *r)
{
	struct books_head h;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK)
		return e;
	int step = h.steps_done + 1;
	if ((e = may_sign(r, &h, step)) != E_OK ||
	    (e = add_approval(r, &h, h.round, step, "同意")) != E_OK)
		return e;
	return set_state(r, &h, step == BOOKS_STEPS ? "approved" : "pending", step, h.round, NULL,
			 step == 4 ? user_name(r) : NULL, "voucher.approve");
}

enum err books_api_reject(struct req *r)
{
	struct books_head h;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK)
		return e;
	int step = h.steps_done + 1;
	if ((e = may_sign(r, &h, step)) != E_OK ||
	    (e = add_approval(r, &h, h.round, step, "退回")) != E_OK)
		return e;
	return set_state(r, &h, "rejected", 0, h.round, NULL, NULL, "voucher.reject");
}

enum err books_api_post(struct req *r)
{
	struct errinfo ei = {0};
	int64_t id = books_path_id(r, "id");
	enum err e = books_voucher_post(&r->tc, id, user_name(r), &ei);
	if (e != E_OK)
		return fail_from(r, e, &ei);
	return books_api_answer(r, 200, id);
}

/* ---- reversal ------------------------------------------------------------------------------ */

static enum err reversal_lines(struct req *r, int64_t id, struct books_voucher *v)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_LINES_OF, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	size_t cap = 16;
	v->lines = ARENA_ARRAY(&r->arena, struct books_line, cap);
	while (db_row(res)) {
		if (v->nlines == cap) {
			struct books_line *n = ARENA_ARRAY(&r->arena, struct books_line, cap * 2);
			memcpy(n, v->lines, cap * sizeof(*n));
			v->lines = n;
			cap *= 2;
		}
		struct books_line *l = &v->lines[v->nlines++];
		l->account_code = db_text_dup(&r->arena, res, 1);
		l->summary = v->summary;
		l->debit_fen = -db_int(res, 4);
		l->credit_fen = -db_int(res, 5);
		l->counterparty = db_text_dup(&r->arena, res, 6);
		l->counterparty_id = db_text_dup(&r->arena, res, 7);
		l->bank_account = db_text_dup(&r->arena, res, 8);
	}
	return db_done(res);
}

static enum err reversible(struct req *r, const struct books_head *h)
{
	if (strcmp(h->status, "posted") != 0)
		return req_fail(r, E_RULE, "voucher.not_posted", NULL,
				"只有已记账的凭证需要红字冲销；未记账凭证可直接修改或作废");
	if (h->reverses_id)
		return req_fail(r, E_RULE, "voucher.reverse_reversal", NULL,
				"凭证 %s 本身是红字冲销凭证，不能再冲销", h->voucher_no);
	struct db_res *res;
	enum err e = db_one(r->db, &books_stmts, BOOKS_ST_VOUCHER_REVERSAL_OF,
			    DB_PARAMS(DB_INT(h->id)), &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	req_fail(r, E_CONFLICT, "voucher.already_reversed", NULL,
		 "凭证 %s 已由凭证 %s 冲销，不能重复冲销", h->voucher_no, db_text(res, 1));
	db_done(res);
	return E_CONFLICT;
}

enum err books_api_reverse(struct req *r)
{
	struct books_head h;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK ||
	    (e = reversible(r, &h)) != E_OK)
		return e;
	char today[11];
	app_today(r->app, today);
	struct books_voucher v = {0};
	v.village_id = h.village_id;
	v.date = req_in_str(r, "date") ? req_in_str(r, "date") : arena_strdup(&r->arena, today);
	v.summary = req_in_str(r, "summary")
			? req_in_str(r, "summary")
			: arena_printf(&r->arena, "冲销 %s 号凭证：%s", h.voucher_no, h.summary);
	v.source = "冲销";
	v.status = "draft";
	v.maker_id = r->user->id;
	v.maker = user_name(r);
	v.entered_at = now_text(r);
	v.reverses_id = h.id;
	if ((e = reversal_lines(r, h.id, &v)) != E_OK)
		return e;
	struct errinfo ei = {0};
	int64_t id;
	if ((e = books_voucher_create(&r->tc, &v, &id, &ei)) != E_OK)
		return fail_from(r, e, &ei);
	return books_api_answer(r, 201, id);
}

/* ---- attachments ----------------------------------------------------------------------------- */

/* Receipts are scans: JPEG, PNG or PDF, told by their first bytes. */
static const char *sniff_mime(const char *p, size_t n)
{
	if (n >= 4 && memcmp(p, "%PDF", 4) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	return NULL;
}

enum err books_api_attach(struct req *r)
{
	struct books_head h;
	enum err e;
	if ((e = books_head_load(r, books_path_id(r, "id"), &h)) != E_OK)
		return e;
	if (strcmp(h.status, "posted") == 0 || strcmp(h.status, "void") == 0)
		return req_fail(r, E_RULE, "voucher.posted", NULL, "凭证 %s 已%s，不能再添加附件",
				h.voucher_no, books_status_label(h.status));
	const char *mime = r->body_len ? sniff_mime(r->body, r->body_len) : NULL;
	if (!mime)
		return req_fail(r, E_INPUT, "attachment.type", NULL,
				"附件只能是票据的扫描件或照片：JPG、PNG 或 PDF 文件");
	static const struct modutil_file_store store = {
	    .stmts = &books_stmts,
	    .put = BOOKS_ST_BLOB_PUT,
	    .insert = BOOKS_ST_ATTACH_INSERT,
	    .table = &books_tables[BOOKS_T_ATTACHMENTS],
	    .action = "voucher.attach",
	};
	struct modutil_upfile f;
	modutil_upfile_set(r, r->filename && *r->filename ? r->filename : "附件", r->body,
			   r->body_len, &f);
	int64_t aid;
	if ((e = modutil_file_put(r, &store, &f,
				  DB_PARAMS(DB_INT(h.village_id), DB_INT(h.id), DB_TEXT(f.sha256),
					    DB_TEXT(f.name), DB_TEXT(mime), DB_INT((int64_t)f.size),
					    DB_TEXT(user_name(r)), DB_TEXT(now_text(r))),
				  &aid)) != E_OK)
		return e;
	return modutil_file_created(r, aid, &f);
}

enum err books_api_attachment_get(struct req *r)
{
	struct db_res *res;
	int64_t aid = books_path_id(r, "aid");
	enum err e =
	    aid ? db_one(r->db, &books_stmts, BOOKS_ST_ATTACH_GET, DB_PARAMS(DB_INT(aid)), &res)
		: E_NOTFOUND;
	if (e == E_OK && db_int(res, 2) != books_path_id(r, "id")) {
		db_done(res);
		e = E_NOTFOUND;
	}
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "attachment.not_found", NULL, "附件不存在");
	if (e != E_OK)
		return e;
	char *sha = db_text_dup(&r->arena, res, 3), *mime = db_text_dup(&r->arena, res, 5);
	db_done(res);
	const struct modutil_download d = {.sha256 = sha,
					   .corrupt_key = "attachment.corrupt",
					   .corrupt_what = "附件内容",
					   .type = mime};
	return modutil_file_send(r, &books_stmts, BOOKS_ST_BLOB_GET, DB_PARAMS(DB_TEXT(sha)), 1,
				 &d);
}

/* ---- reading --------------------------------------------------------------------------------- */

const char *books_status_label(const char *status)
{
	static const char *const map[][2] = {
	    {"draft", "草稿"},	    {"pending", "审批中"}, {"rejected", "已退回"},
	    {"approved", "已审核"}, {"posted", "已记账"},  {"void", "已作废"},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], status) == 0)
			return map[i][1];
	return status;
}

static enum err rows(struct req *r, unsigned st, int64_t id, json_t **out)
{
	struct db_res *res;
	enum err e = db_exec(r->db, &books_stmts, st, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	return json_rows(res, out);
}

static void add_labels(json_t *v)
{
	const char *status = json_string_value(json_object_get(v, "status"));
	int steps = (int)json_integer_value(json_object_get(v, "steps_done"));
	json_object_set_new(v, "status_label",
			    json_string(books_status_label(status ? status : "")));
	json_object_set_new(v, "next_step",
			    json_string(status && strcmp(status, "pending") == 0
					    ? books_step_name(steps + 1)
					    : ""));
}

enum err books_api_answer(struct req *r, int status, int64_t id)
{
	struct db_res *res;
	enum err e =
	    db_one(r->db, &books_stmts, BOOKS_ST_VOUCHER_HEAD, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	json_t *v = json_row(res);
	db_done(res);
	add_labels(v);
	json_t *lines = NULL, *appr = NULL, *att = NULL;
	if ((e = rows(r, BOOKS_ST_LINES_OF, id, &lines)) != E_OK ||
	    (e = rows(r, BOOKS_ST_APPROVALS_OF, id, &appr)) != E_OK ||
	    (e = rows(r, BOOKS_ST_ATTACHMENTS_OF, id, &att)) != E_OK) {
		json_decref(v);
		json_decref(lines);
		json_decref(appr);
		return e;
	}
	json_object_set_new(v, "lines", lines);
	json_object_set_new(v, "approvals", appr);
	json_object_set_new(v, "attachments", att);
	if (json_integer_value(json_object_get(v, "reverses_id")) == 0)
		json_object_set_new(v, "reverses_id", json_null());
	return req_json(r, status, v);
}

enum err books_api_get(struct req *r)
{
	return books_api_answer(r, 200, books_path_id(r, "id"));
}

enum err books_api_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	struct db_val p[] = {DB_INT(req_scope_all(r)),
			     DB_INT(req_scope_user(r)),
			     DB_TEXT(modutil_query(r, "village")),
			     DB_TEXT(modutil_query(r, "status")),
			     DB_TEXT(modutil_query(r, "from")),
			     DB_TEXT(modutil_query(r, "to")),
			     DB_TEXT(modutil_query(r, "q")),
			     DB_INT(limit),
			     DB_INT(offset)};
	struct db_res *res;
	enum err e = db_one(r->db, &books_stmts, BOOKS_ST_VOUCHERS_COUNT, p, 7, &res);
	if (e != E_OK)
		return e;
	total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &books_stmts, BOOKS_ST_VOUCHERS_LIST, p, 9, &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) add_labels(it);
	return req_list(r, items, total);
}

/* Steps (as steps_done before them) this role signs, and whether it posts. */
static void role_steps(enum role role, int64_t *a, int64_t *b, int64_t *post)
{
	*a = *b = -1;
	*post = 0;
	for (int s = 2; s <= BOOKS_STEPS; s++)
		if (chain[s - 1].roles & ROLE_BIT(role)) {
			if (*a < 0)
				*a = s - 1;
			else
				*b = s - 1;
		}
	*post = role == ROLE_ACCOUNTANT;
}

enum err books_api_inbox(struct req *r)
{
	int64_t a, b, post;
	role_steps(r->user->role, &a, &b, &post);
	struct db_res *res;
	json_t *items;
	enum err e = db_exec(r->db, &books_stmts, BOOKS_ST_INBOX,
			     DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				       DB_INT(a), DB_INT(b), DB_INT(post)),
			     &res);
	if (e != E_OK || (e = json_rows(res, &items)) != E_OK)
		return e;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) add_labels(it);
	return req_list(r, items, (int64_t)json_array_size(items));
}
