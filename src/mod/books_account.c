/*
 * Village sub-accounts (明细科目) under the standard chart: a code that extends
 * its parent's, in the same chart, not yet taken in the village, under a parent
 * that has no entries of the village yet (so that balances stay on leaves);
 * direction, category and tags come from the parent.  Shared by the API and
 * accounts.csv.  It must not see HTTP.
 */
#include <string.h>

#include "books.h"

struct parent {
	char direction[8]; /* 借 | 贷 */
	char category[16]; /* 资产 … 损益 */
	char tags[128];	   /* inherited */
	int64_t id;	   /* book_accounts.id */
};

static bool digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static enum err find_parent(struct db_conn *c, int64_t vid, const char *code, struct parent *p,
			    struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_ACCOUNT_FIND,
			    DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid), DB_TEXT(code)), &res);
	if (e == E_OK && !db_int(res, 7)) {
		db_done(res);
		e = E_NOTFOUND;
	}
	if (e == E_NOTFOUND)
		return err_set(ei, E_RULE, "account.parent_unknown", "parent_code",
			       "上级科目 %s 不在本村（居）的科目表中", code);
	if (e != E_OK)
		return e;
	p->id = db_int(res, 0);
	snprintf(p->direction, sizeof(p->direction), "%s", db_text(res, 3));
	snprintf(p->category, sizeof(p->category), "%s", db_text(res, 4));
	snprintf(p->tags, sizeof(p->tags), "%s", db_text(res, 5));
	return db_done(res);
}

static enum err code_free(struct db_conn *c, int64_t vid, const char *code, struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(c, &books_stmts, BOOKS_ST_ACCOUNT_FIND,
			    DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid), DB_TEXT(code)), &res);
	if (e == E_NOTFOUND)
		return E_OK;
	if (e != E_OK)
		return e;
	bool own = db_int(res, 7);
	db_done(res);
	return own ? err_set(ei, E_CONFLICT, "account.exists", "code", "科目代码 %s 已存在", code)
		   : E_OK;
}

enum err books_account_check(struct db_conn *c, int64_t vid, const char *code,
			     const char *parent_code, struct errinfo *ei)
{
	size_t pl = strlen(parent_code);
	if (!digits(code) || strlen(code) > 12)
		return err_set(ei, E_INPUT, "account.code", "code",
			       "科目代码只能是数字（最长12位）：%s", code);
	if (strncmp(code, parent_code, pl) != 0 || strlen(code) <= pl)
		return err_set(ei, E_RULE, "account.code_prefix", "code",
			       "明细科目代码须以上级科目代码 %s 开头并更长：%s", parent_code, code);
	struct parent p;
	enum err e = find_parent(c, vid, parent_code, &p, ei);
	if (e != E_OK)
		return e;
	return code_free(c, vid, code, ei);
}

enum err books_account_add(struct trail_ctx *tc, int64_t vid, const char *code, const char *name,
			   const char *parent_code, const char *action, int64_t *id,
			   struct errinfo *ei)
{
	struct parent p;
	struct db_res *res;
	enum err e;
	if ((e = books_chart_ensure(tc, ei)) != E_OK ||
	    (e = books_account_check(tc->db, vid, code, parent_code, ei)) != E_OK ||
	    (e = find_parent(tc->db, vid, parent_code, &p, ei)) != E_OK)
		return e;
	e = db_one(tc->db, &books_stmts, BOOKS_ST_ACCOUNT_HAS_LINES,
		   DB_PARAMS(DB_INT(p.id), DB_INT(vid)), &res);
	if (e == E_OK) {
		db_done(res);
		return err_set(ei, E_RULE, "account.parent_used", "parent_code",
			       "上级科目 %s 已有本村（居）的分录，不能再增设下级科目", parent_code);
	}
	if (e != E_NOTFOUND)
		return e;
	if ((e = db_one(tc->db, &books_stmts, BOOKS_ST_ACCOUNT_INSERT,
			DB_PARAMS(DB_TEXT(BOOKS_CHART), DB_INT(vid), DB_TEXT(code), DB_TEXT(name),
				  DB_TEXT(parent_code), DB_TEXT(p.direction), DB_TEXT(p.category),
				  DB_TEXT(p.tags)),
			&res)) != E_OK)
		return e;
	*id = db_int(res, 0);
	db_done(res);
	return trail_row(tc, &books_tables[BOOKS_T_ACCOUNTS], *id, action, ei);
}
