/*
 * The disclose module's logic and HTTP face: the township catalogue, the
 * publication workflow (draft → 监委会 review → publish, never edited once
 * published, corrections as new publications), villagers' objections and
 * their replies, the compliance board, and inclusion proofs of published items
 * with their offline check (`qinglian verify-proof`).  SQL is in disclose_db.c,
 * public pages in disclose_html.c.  It must not change a published row: the
 * database refuses it too (triggers of sql/<backend>/disclose).
 */
#include "disclose.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "books.h"
#include "complaint.h"
#include "core/csvio.h"
#include "core/datefmt.h"
#include "core/domain_data.h"
#include "core/json_out.h"
#include "core/money.h"
#include "perms.h"
#include "modutil.h"

static const char *const categories[] = {"党务", "村务", "财务", NULL};
static const char *const frequencies[] = {"monthly", "quarterly", "annual", "event", NULL};
static const char *const decisions[] = {"同意", "退回", NULL};

/* ---- catalogue ------------------------------------------------------------------ */

enum err disclose_catalogue_default(struct arena *a, struct disclose_item **items, size_t *n,
				    struct errinfo *ei)
{
	const struct domain_file *f = domain_file_find("disclosure_catalogue.csv");
	if (!f)
		return err_set(ei, E_INTERNAL, "disclose.catalogue", NULL, "缺少内置公开目录");
	struct table t;
	enum err e = csvio_parse(a, f->name, f->data, f->len, &t, ei);
	if (e != E_OK)
		return e;
	*items = ARENA_ARRAY(a, struct disclose_item, t.nrows + 1);
	*n = 0;
	for (size_t i = 1; i < t.nrows; i++) {
		const struct table_row *row = &t.rows[i];
		if (row->ncells < 6)
			continue;
		(*items)[(*n)++] = (struct disclose_item){
		    row->cells[0],	 row->cells[1], row->cells[2], row->cells[3],
		    atoi(row->cells[4]), row->cells[5], true};
	}
	return E_OK;
}

static int item_cmp(const void *x, const void *y)
{
	return strcmp(((const struct disclose_item *)x)->code,
		      ((const struct disclose_item *)y)->code);
}

enum err disclose_catalogue_load(struct db_conn *c, struct arena *a, const char *township,
				 struct disclose_item **items, size_t *n, struct errinfo *ei)
{
	struct disclose_item *def;
	size_t ndef;
	enum err e = disclose_catalogue_default(a, &def, &ndef, ei);
	if (e != E_OK)
		return e;
	struct db_res *res;
	if ((e = db_exec(c, &disclose_stmts, DISCLOSE_ST_CAT_OF_TOWNSHIP,
			 DB_PARAMS(DB_TEXT(township)), &res)) != E_OK)
		return e;
	size_t cap = ndef + 16, cnt = ndef;
	struct disclose_item *all = ARENA_ARRAY(a, struct disclose_item, cap);
	memcpy(all, def, ndef * sizeof(*def));
	while (db_row(res)) {
		struct disclose_item it = {db_text_dup(a, res, 2), db_text_dup(a, res, 3),
					   db_text_dup(a, res, 4), db_text_dup(a, res, 5),
					   (int)db_int(res, 6),	   db_text_dup(a, res, 7),
					   db_int(res, 8) != 0};
		size_t k = 0;
		while (k < cnt && strcmp(all[k].code, it.code) != 0)
			k++;
		if (k == cnt) {
			if (cnt == cap) {
				struct disclose_item *g =
				    ARENA_ARRAY(a, struct disclose_item, cap * 2);
				memcpy(g, all, cnt * sizeof(*g));
				all = g;
				cap *= 2;
			}
			cnt++;
		}
		all[k] = it;
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	qsort(all, cnt, sizeof(*all), item_cmp);
	*items = all;
	*n = cnt;
	return E_OK;
}

const struct disclose_item *disclose_item_find(const struct disclose_item *items, size_t n,
					       const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(items[i].code, code) == 0)
			return &items[i];
	return NULL;
}

/* ---- periods -------------------------------------------------------------------- */

bool disclose_period_check(const char *frequency, const char *period, char norm[8], char first[11],
			   char last[11])
{
	struct errinfo ei;
	if (!period || datefmt_period_parse(period, norm, first, last, &ei) != E_OK)
		return false;
	size_t len = strlen(norm);
	if (strcmp(frequency, "monthly") == 0)
		return len == 7 && norm[5] != 'Q';
	if (strcmp(frequency, "quarterly") == 0)
		return len == 7 && norm[5] == 'Q';
	if (strcmp(frequency, "annual") == 0)
		return len == 4;
	return true;
}

void disclose_deadline(const char *period_end, int deadline_days, char out[11])
{
	if (!datefmt_add_days(period_end, deadline_days, out))
		out[0] = '\0';
}

/* ---- the board -------------------------------------------------------------------- */

static const char *const state_names[DISCLOSE__STATES] = {"on_time", "late", "missing", "pending"};
static const char *const state_labels[DISCLOSE__STATES] = {"按时公开", "逾期公开", "未公开",
							   "未到期"};

const char *disclose_state_name(enum disclose_state s)
{
	return s < DISCLOSE__STATES ? state_names[s] : "?";
}

const char *disclose_state_label(enum disclose_state s)
{
	return s < DISCLOSE__STATES ? state_labels[s] : "?";
}

struct pub {
	int64_t village_id; /* village */
	const char *item;   /* item code */
	const char *period; /* normalised period */
	const char *date;   /* first publication */
};

static int pub_cmp(const void *x, const void *y)
{
	const struct pub *a = x, *b = y;
	if (a->village_id != b->village_id)
		return a->village_id < b->village_id ? -1 : 1;
	int c = strcmp(a->item, b->item);
	return c ? c : strcmp(a->period, b->period);
}

struct town_cat {
	const char *township;	     /* the township */
	struct disclose_item *items; /* its catalogue */
	size_t n;		     /* entries */
};

static enum err town_catalogue(struct db_conn *c, struct arena *a, struct town_cat **towns,
			       size_t *ntowns, size_t *cap, const char *township,
			       struct town_cat **out, struct errinfo *ei)
{
	for (size_t i = 0; i < *ntowns; i++)
		if (strcmp((*towns)[i].township, township) == 0) {
			*out = &(*towns)[i];
			return E_OK;
		}
	if (*ntowns == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct town_cat *g = ARENA_ARRAY(a, struct town_cat, nc);
		if (*ntowns)
			memcpy(g, *towns, *ntowns * sizeof(*g));
		*towns = g;
		*cap = nc;
	}
	struct town_cat *t = &(*towns)[(*ntowns)++];
	t->township = arena_strdup(a, township);
	*out = t;
	return disclose_catalogue_load(c, a, township, &t->items, &t->n, ei);
}

static const char *min_date(const char *a, const char *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return strcmp(a, b) <= 0 ? a : b;
}

/* Periods of one frequency in a year: "YYYY-MM" ×12, "YYYY-Qn" ×4, "YYYY". */
static size_t year_periods(const char *freq, int year, char out[12][8])
{
	size_t n = 0;
	if (strcmp(freq, "monthly") == 0)
		for (int m = 1; m <= 12; m++)
			snprintf(out[n++], 8, "%04d-%02d", year, m);
	else if (strcmp(freq, "quarterly") == 0)
		for (int q = 1; q <= 4; q++)
			snprintf(out[n++], 8, "%04d-Q%d", year, q);
	else if (strcmp(freq, "annual") == 0)
		snprintf(out[n++], 8, "%04d", year);
	return n;
}

static void cell_add(struct arena *a, struct disclose_board *b, size_t *cap,
		     const struct disclose_cell *c)
{
	if (b->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct disclose_cell *g = ARENA_ARRAY(a, struct disclose_cell, nc);
		if (b->n)
			memcpy(g, b->cells, b->n * sizeof(*g));
		b->cells = g;
		*cap = nc;
	}
	b->cells[b->n++] = *c;
	b->count[c->state]++;
}

enum err disclose_board_compute(struct db_conn *c, struct arena *a, int64_t all, int64_t user_id,
				int64_t village_id, const char *as_of, int year,
				struct disclose_board *out, struct errinfo *ei)
{
	memset(out, 0, sizeof(*out));
	char ystart[11], yend[11];
	snprintf(ystart, sizeof(ystart), "%04d-01-01", year);
	snprintf(yend, sizeof(yend), "%04d-12-31", year);
	/* first publications by as_of of the year's periods */
	struct db_res *res;
	enum err e = db_exec(
	    c, &disclose_stmts, DISCLOSE_ST_FIRST_PUBLISHED,
	    DB_PARAMS(DB_TEXT(as_of), DB_INT(village_id), DB_TEXT(yend), DB_TEXT(ystart)), &res);
	if (e != E_OK)
		return e;
	size_t npub = 0, pcap = 64;
	struct pub *pubs = ARENA_ARRAY(a, struct pub, pcap);
	while (db_row(res)) {
		if (npub == pcap) {
			struct pub *g = ARENA_ARRAY(a, struct pub, pcap * 2);
			memcpy(g, pubs, npub * sizeof(*g));
			pubs = g;
			pcap *= 2;
		}
		pubs[npub++] = (struct pub){db_int(res, 0), db_text_dup(a, res, 1),
					    db_text_dup(a, res, 2), db_text_dup(a, res, 3)};
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	qsort(pubs, npub, sizeof(*pubs), pub_cmp);

	if ((e = db_exec(c, &disclose_stmts, DISCLOSE_ST_VILLAGES_SCOPE,
			 DB_PARAMS(DB_INT(all), DB_INT(user_id), DB_INT(village_id)), &res)) !=
	    E_OK)
		return e;
	struct town_cat *towns = NULL;
	size_t ntowns = 0, tcap = 0, ccap = 0;
	/* Rows are read first: catalogue loads need the connection. */
	struct vrow {
		int64_t id;
		const char *code, *name, *township, *first;
	} *vs = NULL;
	size_t nv = 0, vcap = 0;
	while (db_row(res)) {
		if (nv == vcap) {
			size_t nc = vcap ? vcap * 2 : 16;
			struct vrow *g = ARENA_ARRAY(a, struct vrow, nc);
			if (nv)
				memcpy(g, vs, nv * sizeof(*g));
			vs = g;
			vcap = nc;
		}
		const char *f = min_date(db_text(res, 4), db_text(res, 5));
		f = min_date(f, db_text(res, 6));
		vs[nv++] =
		    (struct vrow){db_int(res, 0), db_text_dup(a, res, 1), db_text_dup(a, res, 2),
				  db_text_dup(a, res, 3), arena_strdup(a, f)};
	}
	if ((e = db_done(res)) != E_OK)
		return e;
	for (size_t v = 0; v < nv; v++) {
		struct town_cat *tc;
		if ((e = town_catalogue(c, a, &towns, &ntowns, &tcap, vs[v].township, &tc, ei)) !=
		    E_OK)
			return e;
		const char *first = vs[v].first ? vs[v].first : ystart;
		for (size_t i = 0; i < tc->n; i++) {
			const struct disclose_item *it = &tc->items[i];
			if (!it->active)
				continue;
			char periods[12][8];
			size_t np = year_periods(it->frequency, year, periods);
			for (size_t p = 0; p < np; p++) {
				char norm[8], pf[11], pl[11];
				if (!disclose_period_check(it->frequency, periods[p], norm, pf, pl))
					continue;
				if (strcmp(pf, as_of) > 0 || strcmp(pl, first) < 0)
					continue;
				struct disclose_cell cell = {vs[v].code, vs[v].name, it->code,
							     it->name, it->category};
				memcpy(cell.period, norm, sizeof(cell.period));
				disclose_deadline(pl, it->deadline_days, cell.deadline);
				struct pub key = {vs[v].id, it->code, norm, NULL};
				const struct pub *hit =
				    bsearch(&key, pubs, npub, sizeof(*pubs), pub_cmp);
				cell.published = hit ? hit->date : NULL;
				if (hit)
					cell.state = strcmp(hit->date, cell.deadline) <= 0
							 ? DISCLOSE_ON_TIME
							 : DISCLOSE_LATE;
				else
					cell.state = strcmp(cell.deadline, as_of) < 0
							 ? DISCLOSE_MISSING
							 : DISCLOSE_PENDING;
				cell_add(a, out, &ccap, &cell);
			}
		}
	}
	return E_OK;
}

/* ---- proofs --------------------------------------------------------------------------- */

static void hex32(const uint8_t h[32], char out[65])
{
	sodium_bin2hex(out, 65, h, 32);
}

enum err disclose_proof(struct db_conn *c, const struct trail_signer *s, struct arena *a,
			const char *entity, int64_t id, json_t **out, struct errinfo *ei)
{
	if (!s)
		return err_set(ei, E_RULE, "proof.no_signer", NULL, "本系统未配置检查点签名密钥");
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	struct db_res *res;
	enum err e = db_one(c, &disclose_stmts, DISCLOSE_ST_TRAIL_SEQ,
			    DB_PARAMS(DB_TEXT(entity), DB_TEXT(key)), &res);
	if (e == E_OK && db_isnull(res, 0))
		e = E_NOTFOUND;
	if (e == E_NOTFOUND)
		return err_set(ei, E_NOTFOUND, "proof.not_logged", NULL, "日志中没有这条记录");
	if (e != E_OK)
		return e;
	uint64_t seq = (uint64_t)db_int(res, 0);
	db_done(res);
	char *note;
	if ((e = trail_checkpoint(c, s, a, &note, ei)) != E_OK)
		return e;
	char *blank = strstr(note, "\n\n");
	if (!blank)
		return err_set(ei, E_INTERNAL, "proof.checkpoint", NULL, "检查点格式错误");
	char *body = arena_strndup(a, note, (size_t)(blank - note) + 1);
	struct checkpoint cp;
	if ((e = checkpoint_parse(body, &cp, ei)) != E_OK)
		return e;
	uint8_t proof[MERKLE_PROOF_MAX][32];
	size_t n = 0;
	if ((e = trail_inclusion_proof(c, seq, cp.size, proof, &n, ei)) != E_OK)
		return e;
	if ((e = db_one(c, &disclose_stmts, DISCLOSE_ST_TRAIL_ENTRY,
			DB_PARAMS(DB_INT((int64_t)seq)), &res)) != E_OK)
		return e;
	json_t *o =
	    json_pack("{s:s,s:s,s:I,s:I,s:I,s:s,s:s}", "format", "qinglian-proof/1", "entity",
		      entity, "id", (json_int_t)id, "leaf_index", (json_int_t)seq, "tree_size",
		      (json_int_t)cp.size, "entry", db_text(res, 0), "leaf_hash", db_text(res, 1));
	db_done(res);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		char h[65];
		hex32(proof[i], h);
		json_array_append_new(arr, json_string(h));
	}
	json_object_set_new(o, "proof", arr);
	json_object_set_new(o, "checkpoint", json_string(note));
	struct buf vk = BUF_INIT;
	checkpoint_vkey(&s->key, &vk);
	json_object_set_new(o, "vkey", json_string(vk.ptr));
	buf_release(&vk);
	*out = o;
	return E_OK;
}

static bool unhex32(const char *s, uint8_t out[32])
{
	size_t len = 0;
	return s && strlen(s) == 64 && sodium_hex2bin(out, 32, s, 64, NULL, &len, NULL) == 0 &&
	       len == 32;
}

enum err disclose_proof_verify(const char *proof_json, const char *vkey, FILE *out,
			       struct errinfo *ei)
{
	json_error_t je;
	json_t *o = json_loads(proof_json, 0, &je);
	enum err e = E_OK;
	const char *entry, *note, *own_vkey = NULL, *leaf_hex = NULL;
	json_int_t index, size;
	json_t *proof;
	if (!o ||
	    json_unpack(o, "{s:s,s:I,s:I,s:o,s:s,s?s,s?s}", "entry", &entry, "leaf_index", &index,
			"tree_size", &size, "proof", &proof, "checkpoint", &note, "vkey", &own_vkey,
			"leaf_hash", &leaf_hex) != 0 ||
	    !json_is_array(proof) || index < 0 || size <= index ||
	    json_array_size(proof) > MERKLE_PROOF_MAX) {
		json_decref(o);
		return err_set(ei, E_INPUT, "proof.format", NULL,
			       "证明文件格式错误：应含 entry、leaf_index、tree_size、proof、"
			       "checkpoint 字段");
	}
	if (!vkey) {
		vkey = own_vkey;
		fprintf(out, "提示：未指定 --vkey，使用证明文件自带的公钥；请与公开栏、镇纪委公布的"
			     "公钥核对一致。\n");
	}
	struct checkpoint_verifier ver;
	struct checkpoint cp;
	uint8_t path[MERKLE_PROOF_MAX][32], leaf[32], given[32];
	size_t n = json_array_size(proof);
	if (!vkey) {
		e = err_set(ei, E_INPUT, "proof.vkey", NULL, "缺少验证公钥（--vkey）");
		goto done;
	}
	if ((e = checkpoint_vkey_parse(vkey, &ver, ei)) != E_OK)
		goto done;
	if ((e = checkpoint_verify(note, ver.pub, ver.name, &cp, ei)) != E_OK)
		goto done;
	fprintf(out, "检查点签名有效：%s，日志共 %llu 条。\n", cp.origin,
		(unsigned long long)cp.size);
	if (cp.size != (uint64_t)size) {
		e = err_set(ei, E_INPUT, "proof.size", NULL,
			    "证明的日志大小 %lld 与检查点的 %llu 不一致", (long long)size,
			    (unsigned long long)cp.size);
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (!unhex32(json_string_value(json_array_get(proof, i)), path[i])) {
			e = err_set(ei, E_INPUT, "proof.format", NULL, "证明第 %zu 个哈希格式错误",
				    i + 1);
			goto done;
		}
	merkle_leaf_hash(entry, strlen(entry), leaf);
	if (leaf_hex && (!unhex32(leaf_hex, given) || memcmp(given, leaf, 32) != 0)) {
		e = err_set(ei, E_INPUT, "proof.leaf", NULL,
			    "记录内容与叶子哈希不符：记录被改动过");
		goto done;
	}
	if (!merkle_verify_inclusion((uint64_t)index, (uint64_t)size, leaf,
				     (const uint8_t(*)[32])path, n, cp.root)) {
		e = err_set(ei, E_INPUT, "proof.invalid", NULL,
			    "包含证明不成立：这条记录不在该检查点所固定的日志中，或已被改动");
		goto done;
	}
	fprintf(out, "包含证明成立：第 %lld 条记录在签名检查点固定的日志中，内容未被改动。\n",
		(long long)index);
	fprintf(out, "记录内容：%s\n", entry);
done:
	json_decref(o);
	return e;
}

/* ---- HTTP helpers ----------------------------------------------------------------------- */

static const char *by_of(struct req *r)
{
	if (!r->user)
		return "村（居）民";
	return r->user->display_name && *r->user->display_name ? r->user->display_name
							       : r->user->username;
}

static const char *now_ts(struct req *r)
{
	char ts[32];
	app_timestamp(app_now(r->app), ts);
	return arena_strdup(&r->arena, ts);
}

static enum err log_row(struct req *r, enum disclose_table t, int64_t id, const char *action)
{
	return trail_row(&r->tc, &disclose_tables[t], id, action, &r->err);
}

static enum err disclosure_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e =
	    id ? db_one(r->db, &disclose_stmts, DISCLOSE_ST_GET, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "disclosure.not_found", NULL, "公开事项不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

static enum err objection_village(struct req *r, int64_t *vid)
{
	struct db_res *res;
	int64_t id = modutil_path_id(r);
	enum err e =
	    id ? db_one(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_GET, DB_PARAMS(DB_INT(id)), &res)
	       : E_NOTFOUND;
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "objection.not_found", NULL, "异议记录不存在");
	if (e != E_OK)
		return e;
	*vid = db_int(res, 1);
	return db_done(res);
}

/* What the handlers need of a disclosure row. */
struct drow {
	int64_t id, village_id;
	const char *item_code, *period, *status, *published_date, *title;
};

static enum err drow_load(struct req *r, int64_t id, struct drow *d)
{
	struct db_res *res;
	enum err e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_GET, DB_PARAMS(DB_INT(id)), &res);
	if (e == E_NOTFOUND)
		return req_fail(r, E_NOTFOUND, "disclosure.not_found", NULL, "公开事项不存在");
	if (e != E_OK)
		return e;
	*d = (struct drow){db_int(res, 0),
			   db_int(res, 1),
			   db_text_dup(&r->arena, res, 2),
			   db_text_dup(&r->arena, res, 4),
			   db_text_dup(&r->arena, res, 11),
			   db_text_dup(&r->arena, res, 20),
			   db_text_dup(&r->arena, res, 7)};
	return db_done(res);
}

static enum err township_of(struct req *r, int64_t vid, const char **township)
{
	struct db_res *res;
	enum err e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_VILLAGE_TOWNSHIP,
			    DB_PARAMS(DB_INT(vid)), &res);
	if (e != E_OK)
		return e;
	*township = db_text_dup(&r->arena, res, 0);
	return db_done(res);
}

static json_t *disclosure_json(struct req *r, int64_t id, enum err *e)
{
	struct db_res *res;
	*e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_ROW, DB_PARAMS(DB_INT(id)), &res);
	if (*e != E_OK)
		return NULL;
	json_t *o = json_row(res);
	db_done(res);
	json_object_del(o, "village_id");
	json_t *lines = NULL, *objs = NULL;
	if ((*e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_LINES_OF, DB_PARAMS(DB_INT(id)),
			  &res)) != E_OK ||
	    (*e = json_rows(res, &lines)) != E_OK ||
	    (*e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_OF, DB_PARAMS(DB_INT(id)),
			  &res)) != E_OK ||
	    (*e = json_rows(res, &objs)) != E_OK) {
		json_decref(o);
		json_decref(lines);
		return NULL;
	}
	json_object_set_new(o, "lines", lines);
	json_object_set_new(o, "objections", objs);
	return o;
}

/* ---- catalogue routes ---------------------------------------------------------------------- */

/* ?township=, else the township of the user's first village (or the first one). */
static enum err township_param(struct req *r, const char **township)
{
	const char *t = req_query(r, "township");
	if (t && *t) {
		*township = t;
		return E_OK;
	}
	int64_t vid =
	    r->user && !r->user->all_villages && r->user->nvillages ? r->user->villages[0] : 0;
	if (!vid) {
		struct db_res *res;
		enum err e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_VILLAGES_SCOPE,
				     DB_PARAMS(DB_INT(1), DB_INT(0), DB_INT(0)), &res);
		if (e != E_OK)
			return e;
		if (db_row(res))
			*township = db_text_dup(&r->arena, res, 3);
		db_done(res);
		if (!*township)
			return req_fail(r, E_INPUT, "catalogue.township", "township",
					"请指定乡镇（township）");
		return E_OK;
	}
	return township_of(r, vid, township);
}

static enum err catalogue_list(struct req *r)
{
	const char *township = NULL;
	enum err e = township_param(r, &township);
	if (e != E_OK)
		return e;
	struct disclose_item *items;
	size_t n;
	if ((e = disclose_catalogue_load(r->db, &r->arena, township, &items, &n, &r->err)) != E_OK)
		return e;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:i,s:s?,s:b}", "item_code",
						     items[i].code, "category", items[i].category,
						     "name", items[i].name, "frequency",
						     items[i].frequency, "deadline_days",
						     items[i].deadline_days, "basis",
						     items[i].basis, "active", items[i].active));
	return req_json(r, 200, json_pack("{s:s,s:o}", "township", township, "items", arr));
}

static const struct field catalogue_in[] = {
    {"township", "乡镇", FT_STR, FIELD_REQUIRED, 40},
    {"category", "类别", FT_ENUM, FIELD_REQUIRED, 0, categories},
    {"name", "公开事项", FT_STR, FIELD_REQUIRED, 100},
    {"frequency", "公开频次", FT_ENUM, FIELD_REQUIRED, 0, frequencies},
    {"deadline_days", "公开时限（天）", FT_INT, FIELD_REQUIRED},
    {"basis", "依据", FT_STR, 0, 200},
    {"active", "启用", FT_BOOL, 0},
    {0},
};

static enum err catalogue_put(struct req *r)
{
	const char *code = req_param(r, "item_code");
	if (!code || !*code || strlen(code) > 16)
		return req_fail(r, E_INPUT, "catalogue.code", "item_code", "目录编号无效");
	int64_t days = req_in_int(r, "deadline_days");
	if (days < 0 || days > 366)
		return req_fail(r, E_INPUT, "catalogue.days", "deadline_days",
				"公开时限应在 0 到 366 天之间");
	bool active = req_in_has(r, "active") ? req_in_bool(r, "active") : true;
	struct db_res *res;
	enum err e =
	    db_one(r->db, &disclose_stmts, DISCLOSE_ST_CAT_UPSERT,
		   DB_PARAMS(DB_TEXT(req_in_str(r, "township")), DB_TEXT(code),
			     DB_TEXT(req_in_str(r, "category")), DB_TEXT(req_in_str(r, "name")),
			     DB_TEXT(req_in_str(r, "frequency")), DB_INT(days),
			     DB_OPT(req_in_str(r, "basis")), DB_INT(active ? 1 : 0)),
		   &res);
	if (e != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = log_row(r, DISCLOSE_T_CATALOGUE, id, "catalogue.update")) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "item_code", code));
}

/* ---- publications -------------------------------------------------------------------------- */

static enum err disclosures_list(struct req *r)
{
	int64_t limit, offset, total;
	req_paging(r, &limit, &offset);
	const char *v = modutil_query(r, "village"), *item = modutil_query(r, "item_code");
	const char *st = modutil_query(r, "status"), *year = modutil_query(r, "year");
	struct db_res *res;
	enum err e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_COUNT,
			    DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				      DB_TEXT(v), DB_TEXT(item), DB_TEXT(st), DB_TEXT(year)),
			    &res);
	if (e != E_OK)
		return e;
	total = db_int(res, 0);
	db_done(res);
	json_t *items;
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_LIST,
			 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)), DB_TEXT(v),
				   DB_TEXT(item), DB_TEXT(st), DB_TEXT(year), DB_INT(limit),
				   DB_INT(offset)),
			 &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, total);
}

static enum err disclosure_get(struct req *r)
{
	enum err e;
	json_t *o = disclosure_json(r, modutil_path_id(r), &e);
	if (!o)
		return e;
	return req_json(r, 200, o);
}

/* The lines of a finance disclosure: [{date, summary, income, expense}], each
 * date inside the period; sums into *inc and *exp. */
static enum err lines_check(struct req *r, json_t *lines, const char *pf, const char *pl,
			    bool from_books, int64_t *inc, int64_t *exp)
{
	*inc = *exp = 0;
	size_t i;
	json_t *it;
	json_array_foreach(lines, i, it)
	{
		const char *date = json_string_value(json_object_get(it, "date"));
		const char *summary = json_string_value(json_object_get(it, "summary"));
		char d[11];
		struct errinfo tmp;
		if (!date || datefmt_parse(date, d, &tmp) != E_OK || strcmp(d, date) != 0 ||
		    strcmp(d, pf) < 0 || strcmp(d, pl) > 0)
			return req_fail(r, E_INPUT, "disclosure.line_date", "lines",
					"第 %zu 行：日期应为所属期内的日期（%s 至 %s）", i + 1, pf,
					pl);
		if (!summary || !*summary || strlen(summary) > 600)
			return req_fail(r, E_INPUT, "disclosure.line_summary", "lines",
					"第 %zu 行：请填写摘要", i + 1);
		int64_t amt[2] = {0, 0};
		static const char *const keys[2] = {"income", "expense"};
		for (int k = 0; k < 2; k++) {
			json_t *v = json_object_get(it, keys[k]);
			if (!v || json_is_null(v))
				continue;
			if (json_is_integer(v))
				amt[k] = json_integer_value(v);
			else if (!json_is_string(v) ||
				 money_parse(json_string_value(v), &amt[k], &tmp) != E_OK)
				return req_fail(r, E_INPUT, "disclosure.line_amount", "lines",
						"第 %zu 行：金额格式错误", i + 1);
			if (amt[k] < 0 && !from_books)
				return req_fail(
				    r, E_INPUT, "disclosure.line_amount", "lines",
				    "第 %zu 行：金额不能为负数（冲销请写明摘要并按净额填列）",
				    i + 1);
		}
		*inc += amt[0];
		*exp += amt[1];
	}
	return E_OK;
}

static const struct field disclosure_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"item_code", "目录编号", FT_STR, FIELD_REQUIRED, 16},
    {"period", "所属期", FT_STR, FIELD_REQUIRED, 16},
    {"title", "标题", FT_STR, FIELD_REQUIRED, 100},
    {"body", "公开内容", FT_STR, 0, 20000},
    {"total_income", "收入合计", FT_MONEY, 0},
    {"total_expense", "支出合计", FT_MONEY, 0},
    {"lines", "收支明细", FT_ARRAY, 0},
    {"corrects_id", "更正的公开", FT_INT, 0},
    {0},
};

static enum err create_from(struct req *r, const char *source);

static enum err disclosure_create(struct req *r)
{
	return create_from(r, "录入");
}

static const struct field finance_in[] = {
    {"village_code", "区划代码", FT_AREA, FIELD_REQUIRED},
    {"item_code", "目录编号", FT_STR, FIELD_REQUIRED, 16},
    {"period", "所属期", FT_STR, FIELD_REQUIRED, 16},
    {"title", "标题", FT_STR, 0, 100},
    {0},
};

/* A finance disclosure drafted from the books: every month of the period
 * closed, lines and totals from the posted vouchers (books_finance), so the
 * published figure is the books' figure.  The draft then follows the usual
 * review and publication. */
static enum err disclosure_from_books(struct req *r)
{
	const char *code = req_in_str(r, "item_code");
	if (strncmp(code, "CZ-", 3) != 0)
		return req_fail(r, E_INPUT, "disclosure.not_finance", "item_code",
				"只有财务类目录（CZ-）可以由账务生成：%s", code);
	char norm[8], pf[11], pl[11];
	/* The catalogue check (frequency, activity) is create_from's; the span is
	 * needed first to read the books. */
	const char *period = req_in_str(r, "period");
	if (!disclose_period_check("monthly", period, norm, pf, pl) &&
	    !disclose_period_check("quarterly", period, norm, pf, pl) &&
	    !disclose_period_check("annual", period, norm, pf, pl))
		return req_fail(r, E_INPUT, "disclosure.period", "period", "所属期格式错误：%s",
				period);
	enum err e = books_span_closed(r->db, r->village_id, pf, pl, &r->err);
	if (e != E_OK)
		return e;
	struct books_fin_line *fl;
	size_t n;
	int64_t inc, exp;
	if ((e = books_finance(r->db, &r->arena, r->village_id, pf, pl, &fl, &n, &inc, &exp)) !=
	    E_OK)
		return e;
	/* Signed amounts: a 红字 reversal or a refund shows as a negative line, so
	 * that the totals are the books' income and expense exactly. */
	json_t *lines = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(lines,
				      json_pack("{s:s,s:s,s:I,s:I}", "date", fl[i].date, "summary",
						arena_printf(&r->arena, "%s（凭证 %s）",
							     fl[i].summary, fl[i].voucher_no),
						"income", (json_int_t)fl[i].income_fen, "expense",
						(json_int_t)fl[i].expense_fen));
	json_object_set_new(r->in, "lines", lines);
	json_object_set_new(r->in, "total_income", json_integer(inc));
	json_object_set_new(r->in, "total_expense", json_integer(exp));
	if (!req_in_str(r, "title"))
		json_object_set_new(r->in, "title",
				    json_string(arena_printf(&r->arena, "%s 财务收支明细", norm)));
	return create_from(r, "账务生成");
}

static enum err create_from(struct req *r, const char *source)
{
	const char *township;
	enum err e = township_of(r, r->village_id, &township);
	if (e != E_OK)
		return e;
	struct disclose_item *items;
	size_t n;
	if ((e = disclose_catalogue_load(r->db, &r->arena, township, &items, &n, &r->err)) != E_OK)
		return e;
	const char *code = req_in_str(r, "item_code");
	const struct disclose_item *it = disclose_item_find(items, n, code);
	if (!it || !it->active)
		return req_fail(r, E_INPUT, "disclosure.item", "item_code",
				"目录编号 %s 不在本镇公开目录中（或已停用）", code);
	char norm[8], pf[11], pl[11], today[11];
	if (!disclose_period_check(it->frequency, req_in_str(r, "period"), norm, pf, pl))
		return req_fail(r, E_INPUT, "disclosure.period", "period",
				"所属期 %s 与“%s”的公开频次不符", req_in_str(r, "period"),
				it->name);
	app_today(r->app, today);
	if (strcmp(pf, today) > 0)
		return req_fail(r, E_RULE, "disclosure.future", "period",
				"所属期 %s 尚未开始，不能公开", norm);
	int64_t corrects = req_in_has(r, "corrects_id") ? req_in_int(r, "corrects_id") : 0;
	if (corrects) {
		struct drow old;
		if ((e = drow_load(r, corrects, &old)) != E_OK)
			return req_fail(r, E_INPUT, "disclosure.corrects", "corrects_id",
					"要更正的公开不存在");
		if (old.village_id != r->village_id || strcmp(old.item_code, code) != 0 ||
		    strcmp(old.period, norm) != 0 || strcmp(old.status, "published") != 0)
			return req_fail(r, E_RULE, "disclosure.corrects", "corrects_id",
					"只能更正本村同一事项、同一所属期已发布的公开");
	}
	struct db_val inc =
	    req_in_has(r, "total_income") ? DB_INT(req_in_fen(r, "total_income")) : DB_NULL;
	struct db_val exp =
	    req_in_has(r, "total_expense") ? DB_INT(req_in_fen(r, "total_expense")) : DB_NULL;
	json_t *lines = json_object_get(r->in, "lines");
	size_t nlines = json_is_array(lines) ? json_array_size(lines) : 0;
	if (nlines) {
		int64_t si, se;
		if ((e = lines_check(r, lines, pf, pl, strcmp(source, "账务生成") == 0, &si,
				     &se)) != E_OK)
			return e;
		if (inc.type == DB_T_NULL)
			inc = DB_INT(si);
		if (exp.type == DB_T_NULL)
			exp = DB_INT(se);
		if (inc.i != si || exp.i != se) {
			char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF], d[MONEY_BUF];
			money_format_grouped(inc.i, a);
			money_format_grouped(si, b);
			money_format_grouped(exp.i, c);
			money_format_grouped(se, d);
			return req_fail(
			    r, E_RULE, "disclosure.totals", "total_income",
			    "合计与明细不符：收入合计 %s 元，明细 %s 元；支出合计 %s 元，"
			    "明细 %s 元",
			    a, b, c, d);
		}
	}
	struct db_res *res;
	if ((e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_INSERT,
			DB_PARAMS(DB_INT(r->village_id), DB_TEXT(code), DB_TEXT(it->category),
				  DB_TEXT(norm), DB_TEXT(pf), DB_TEXT(pl),
				  DB_TEXT(req_in_str(r, "title")), DB_OPT(req_in_str(r, "body")),
				  inc, exp, DB_TEXT("draft"), DB_TEXT(source),
				  corrects ? DB_INT(corrects) : DB_NULL, DB_TEXT(by_of(r)),
				  DB_TEXT(now_ts(r)), DB_NULL, DB_NULL, DB_NULL),
			&res)) != E_OK)
		return e;
	int64_t id = db_int(res, 0);
	db_done(res);
	if ((e = log_row(r, DISCLOSE_T_DISCLOSURES, id, "disclosure.create")) != E_OK)
		return e;
	for (size_t i = 0; i < nlines; i++) {
		json_t *l = json_array_get(lines, i);
		int64_t amt[2] = {0, 0};
		static const char *const keys[2] = {"income", "expense"};
		struct errinfo tmp;
		for (int k = 0; k < 2; k++) {
			json_t *v = json_object_get(l, keys[k]);
			if (json_is_integer(v))
				amt[k] = json_integer_value(v);
			else if (json_is_string(v))
				money_parse(json_string_value(v), &amt[k], &tmp);
		}
		if ((e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_LINE_INSERT,
				DB_PARAMS(DB_INT(r->village_id), DB_INT(id), DB_INT((int64_t)i + 1),
					  DB_TEXT(json_string_value(json_object_get(l, "date"))),
					  DB_TEXT(json_string_value(json_object_get(l, "summary"))),
					  DB_INT(amt[0]), DB_INT(amt[1])),
				&res)) != E_OK)
			return e;
		int64_t lid = db_int(res, 0);
		db_done(res);
		if ((e = log_row(r, DISCLOSE_T_LINES, lid, "disclosure.line")) != E_OK)
			return e;
	}
	return req_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "draft"));
}

static enum err refuse_published(struct req *r, const struct drow *d)
{
	return req_fail(
	    r, E_CONFLICT, "disclosure.published", NULL,
	    "已发布的公开（%s）不能修改；如需更正，请新建一条更正公开并注明所更正的公开", d->title);
}

static const struct field disclosure_update_in[] = {
    {"title", "标题", FT_STR, FIELD_REQUIRED, 100},
    {"body", "公开内容", FT_STR, 0, 20000},
    {"total_income", "收入合计", FT_MONEY, 0},
    {"total_expense", "支出合计", FT_MONEY, 0},
    {0},
};

static enum err disclosure_update(struct req *r)
{
	struct drow d;
	enum err e = drow_load(r, modutil_path_id(r), &d);
	if (e != E_OK)
		return e;
	if (strcmp(d.status, "published") == 0)
		return refuse_published(r, &d);
	if (strcmp(d.status, "draft") != 0 && strcmp(d.status, "rejected") != 0)
		return req_fail(r, E_CONFLICT, "disclosure.state", NULL,
				"只有草稿或被退回的公开可以修改");
	struct db_val inc =
	    req_in_has(r, "total_income") ? DB_INT(req_in_fen(r, "total_income")) : DB_NULL;
	struct db_val exp =
	    req_in_has(r, "total_expense") ? DB_INT(req_in_fen(r, "total_expense")) : DB_NULL;
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_UPDATE_DRAFT,
			 DB_PARAMS(DB_INT(d.id), DB_TEXT(req_in_str(r, "title")),
				   DB_OPT(req_in_str(r, "body")), inc, exp),
			 NULL)) != E_OK)
		return e;
	if ((e = log_row(r, DISCLOSE_T_DISCLOSURES, d.id, "disclosure.update")) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)d.id, "status", "draft"));
}

/* A state change from `from` (or, for submit, draft or rejected). */
static enum err set_status(struct req *r, const struct drow *d, const char *to, const char *from,
			   const char *submitted, const char *reviewer, const char *comment,
			   const char *action)
{
	enum err e =
	    db_exec(r->db, &disclose_stmts, DISCLOSE_ST_SET_STATUS,
		    DB_PARAMS(DB_INT(d->id), DB_TEXT(to), DB_TEXT(submitted), DB_TEXT(reviewer),
			      DB_TEXT(reviewer ? now_ts(r) : NULL), DB_OPT(comment), DB_TEXT(from)),
		    NULL);
	if (e != E_OK)
		return e;
	if ((e = log_row(r, DISCLOSE_T_DISCLOSURES, d->id, action)) != E_OK)
		return e;
	return req_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)d->id, "status", to));
}

static enum err disclosure_submit(struct req *r)
{
	struct drow d;
	enum err e = drow_load(r, modutil_path_id(r), &d);
	if (e != E_OK)
		return e;
	if (strcmp(d.status, "draft") != 0 && strcmp(d.status, "rejected") != 0)
		return req_fail(r, E_CONFLICT, "disclosure.state", NULL,
				"只有草稿或被退回的公开可以提交监委会审核（当前：%s）", d.status);
	return set_status(r, &d, "review", d.status, now_ts(r), NULL, NULL, "disclosure.submit");
}

static const struct field review_in[] = {
    {"decision", "审核意见", FT_ENUM, FIELD_REQUIRED, 0, decisions},
    {"comment", "说明", FT_STR, 0, 500},
    {0},
};

static enum err disclosure_review(struct req *r)
{
	struct drow d;
	enum err e = drow_load(r, modutil_path_id(r), &d);
	if (e != E_OK)
		return e;
	if (strcmp(d.status, "review") != 0)
		return req_fail(r, E_CONFLICT, "disclosure.state", NULL,
				"该公开不在待审核状态（当前：%s）", d.status);
	bool ok = strcmp(req_in_str(r, "decision"), "同意") == 0;
	const char *comment = req_in_str(r, "comment");
	if (!ok && (!comment || !*comment))
		return req_fail(r, E_INPUT, "disclosure.reject_reason", "comment",
				"退回时请写明理由");
	return set_status(r, &d, ok ? "approved" : "rejected", "review", NULL, by_of(r), comment,
			  ok ? "disclosure.approve" : "disclosure.reject");
}

static const struct field publish_in[] = {
    {"published_date", "公开日期", FT_DATE, 0},
    {"retain_days", "公示天数", FT_INT, 0},
    {0},
};

static enum err disclosure_publish(struct req *r)
{
	struct drow d;
	enum err e = drow_load(r, modutil_path_id(r), &d);
	if (e != E_OK)
		return e;
	if (strcmp(d.status, "published") == 0)
		return refuse_published(r, &d);
	if (strcmp(d.status, "approved") != 0)
		return req_fail(r, E_RULE, "disclosure.not_reviewed", NULL,
				"公开须经村务监督委员会审核同意后才能发布（当前：%s）", d.status);
	char today[11], until[11];
	app_today(r->app, today);
	const char *date = req_in_str(r, "published_date");
	if (!date || !*date)
		date = today;
	if (strcmp(date, today) > 0)
		return req_fail(r, E_INPUT, "disclosure.publish_date", "published_date",
				"公开日期不能晚于今天（%s）", today);
	int64_t days =
	    req_in_has(r, "retain_days") ? req_in_int(r, "retain_days") : DISCLOSE_RETAIN_MIN;
	if (days < DISCLOSE_RETAIN_MIN || days > 3660)
		return req_fail(r, E_RULE, "disclosure.retain", "retain_days",
				"公开内容在公开栏保留不得少于 %d 天", DISCLOSE_RETAIN_MIN);
	datefmt_add_days(date, days, until);
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_PUBLISH,
			 DB_PARAMS(DB_INT(d.id), DB_TEXT(date), DB_TEXT(until), DB_TEXT(by_of(r))),
			 NULL)) != E_OK)
		return e;
	if ((e = log_row(r, DISCLOSE_T_DISCLOSURES, d.id, "disclosure.publish")) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)d.id, "status",
				  "published", "published_date", date, "retain_until", until));
}

static enum err disclosure_withdraw(struct req *r)
{
	struct drow d;
	enum err e = drow_load(r, modutil_path_id(r), &d);
	if (e != E_OK)
		return e;
	if (strcmp(d.status, "published") == 0)
		return refuse_published(r, &d);
	if (strcmp(d.status, "withdrawn") == 0)
		return req_fail(r, E_CONFLICT, "disclosure.state", NULL, "该公开已撤回");
	return set_status(r, &d, "withdrawn", d.status, NULL, NULL, NULL, "disclosure.withdraw");
}

/* ---- objections ------------------------------------------------------------------------------ */

/* Record a villager's objection to a published disclosure: within
 * DISCLOSE_OBJECTION_DAYS of its publication; the reply is due by the
 * disclosure_objection_reply period of deadlines.csv. */
static enum err objection_add(struct req *r, int64_t did, const char *content, const char **ref,
			      const char **due)
{
	struct drow d;
	enum err e = drow_load(r, did, &d);
	if (e != E_OK)
		return e;
	if (strcmp(d.status, "published") != 0)
		return req_fail(r, E_NOTFOUND, "disclosure.not_found", NULL, "公开事项不存在");
	if (!content || !*content)
		return req_fail(r, E_INPUT, "objection.content", "content", "请填写异议内容");
	char today[11], last[11];
	app_today(r->app, today);
	datefmt_add_days(d.published_date, DISCLOSE_OBJECTION_DAYS, last);
	if (strcmp(today, last) > 0)
		return req_fail(r, E_RULE, "objection.closed", NULL,
				"该公开于 %s 发布，异议期（%d 天）已于 %s 结束；如有问题可通过信访"
				"举报渠道反映",
				d.published_date, DISCLOSE_OBJECTION_DAYS, last);
	const struct complaint_deadline *dl = complaint_deadline_find("disclosure_objection_reply");
	struct workdays_cal cal;
	char due_date[11];
	if (!dl)
		return req_fail(r, E_INTERNAL, "objection.deadline", NULL, "缺少异议答复时限");
	if ((e = complaint_calendar(r->db, &r->arena, &cal, &r->err)) != E_OK)
		return e;
	if (!complaint_deadline_due(&cal, dl, today, 0, due_date))
		return req_fail(r, E_INTERNAL, "objection.deadline", NULL, "答复期限计算失败");
	char prefix[16];
	snprintf(prefix, sizeof(prefix), "YY%.4s%.2s%.2s-", today, today + 5, today + 8);
	struct db_res *res;
	if ((e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_COUNT_DAY,
			DB_PARAMS(DB_TEXT(prefix)), &res)) != E_OK)
		return e;
	*ref = arena_printf(&r->arena, "%s%03lld", prefix, (long long)db_int(res, 0) + 1);
	db_done(res);
	if ((e = db_one(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_INSERT,
			DB_PARAMS(DB_INT(d.village_id), DB_INT(d.id), DB_TEXT(*ref), DB_TEXT(today),
				  DB_TEXT(content), DB_TEXT(due_date)),
			&res)) != E_OK)
		return e == E_CONFLICT ? req_fail(r, E_BUSY, "objection.ref", NULL, "请重试") : e;
	int64_t id = db_int(res, 0);
	db_done(res);
	*due = arena_strdup(&r->arena, due_date);
	return log_row(r, DISCLOSE_T_OBJECTIONS, id, "objection.create");
}

static const struct field objection_in[] = {
    {"content", "异议内容", FT_STR, FIELD_REQUIRED, 1000},
    {0},
};

static enum err public_objection(struct req *r)
{
	const char *ref, *due;
	enum err e = objection_add(r, modutil_path_id(r), req_in_str(r, "content"), &ref, &due);
	if (e != E_OK)
		return e;
	return req_json(r, 201, json_pack("{s:s,s:s}", "ref", ref, "due_date", due));
}

enum err disclose_html_objection_add(struct req *r, int64_t did, const char *content,
				     const char **ref, const char **due)
{
	if (content && strlen(content) > 3000)
		return req_fail(r, E_INPUT, "input.too_long", "content",
				"异议内容不能超过1000个字");
	return objection_add(r, did, content, ref, due);
}

static enum err objections_list(struct req *r)
{
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	json_t *items;
	enum err e;
	if ((e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_LIST,
			 DB_PARAMS(DB_INT(req_scope_all(r)), DB_INT(req_scope_user(r)),
				   DB_TEXT(today), DB_INT(req_query_int(r, "open", 0) ? 1 : 0)),
			 &res)) != E_OK ||
	    (e = json_rows(res, &items)) != E_OK)
		return e;
	return req_list(r, items, (int64_t)json_array_size(items));
}

static const struct field reply_in[] = {
    {"reply", "答复内容", FT_STR, FIELD_REQUIRED, 2000},
    {0},
};

static enum err objection_reply(struct req *r)
{
	int64_t id = modutil_path_id(r);
	char today[11];
	app_today(r->app, today);
	struct db_res *res;
	enum err e = db_exec(r->db, &disclose_stmts, DISCLOSE_ST_OBJ_REPLY,
			     DB_PARAMS(DB_INT(id), DB_TEXT(req_in_str(r, "reply")), DB_TEXT(today),
				       DB_TEXT(by_of(r))),
			     &res);
	if (e != E_OK)
		return e;
	int64_t changed = db_changes(res);
	if ((e = db_done(res)) != E_OK)
		return e;
	if (!changed)
		return req_fail(r, E_CONFLICT, "objection.replied", NULL, "该异议已答复");
	if ((e = log_row(r, DISCLOSE_T_OBJECTIONS, id, "objection.reply")) != E_OK)
		return e;
	return req_json(r, 200,
			json_pack("{s:I,s:s}", "id", (json_int_t)id, "replied_date", today));
}

/* ---- board --------------------------------------------------------------------------------- */

static enum err board_get(struct req *r)
{
	char today[11], as_of[11];
	app_today(r->app, today);
	const char *q = req_query(r, "as_of");
	struct errinfo tmp;
	if (q && *q) {
		if (datefmt_parse(q, as_of, &tmp) != E_OK)
			return req_fail(r, E_INPUT, "board.as_of", "as_of",
					"统计日期应为 YYYY-MM-DD：%s", q);
	} else {
		memcpy(as_of, today, sizeof(as_of));
	}
	int year = (int)req_query_int(r, "year", atoi(as_of));
	if (year < 1990 || year > 2100)
		return req_fail(r, E_INPUT, "board.year", "year", "年度无效");
	int64_t vid = 0;
	const char *code = req_query(r, "village");
	enum err e;
	if (code && *code) {
		if ((e = app_village_id(r, code, &vid)) != E_OK)
			return e;
		if (!rbac_village_allowed(r->user, vid))
			return req_fail(r, E_FORBIDDEN, "scope.village", NULL,
					"无权访问该村（居）的数据");
	}
	struct disclose_board b;
	if ((e = disclose_board_compute(r->db, &r->arena, req_scope_all(r), req_scope_user(r), vid,
					as_of, year, &b, &r->err)) != E_OK)
		return e;
	json_t *items = json_array();
	for (size_t i = 0; i < b.n; i++) {
		const struct disclose_cell *c = &b.cells[i];
		json_array_append_new(
		    items,
		    json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:s,s:s}", "village_code",
			      c->village_code, "village_name", c->village_name, "item_code",
			      c->item_code, "item_name", c->item_name, "category", c->category,
			      "period", c->period, "deadline", c->deadline, "published_date",
			      c->published, "state", disclose_state_name(c->state), "state_label",
			      disclose_state_label(c->state)));
	}
	json_t *sum = json_object();
	for (int s = 0; s < DISCLOSE__STATES; s++)
		json_object_set_new(sum, state_names[s], json_integer((json_int_t)b.count[s]));
	return req_json(r, 200,
			json_pack("{s:s,s:i,s:o,s:o}", "as_of", as_of, "year", year, "summary", sum,
				  "items", items));
}

/* ---- proofs ------------------------------------------------------------------------------- */

static enum err proof_get(struct req *r)
{
	const char *entity = req_param(r, "entity");
	int64_t id = modutil_path_id(r);
	if (strcmp(entity, "disclosures") == 0) {
		struct drow d;
		enum err e = id ? drow_load(r, id, &d) : E_NOTFOUND;
		if (e == E_OK && strcmp(d.status, "published") != 0)
			e = E_NOTFOUND;
		if (e != E_OK)
			return req_fail(r, E_NOTFOUND, "proof.not_published", NULL,
					"没有这条已发布的公开");
	} else if (strcmp(entity, "draws") != 0) {
		return req_fail(r, E_NOTFOUND, "proof.entity", NULL,
				"只提供已发布公开（disclosures）和抽查结果（draws）的证明");
	}
	json_t *o;
	enum err e = disclose_proof(r->db, r->app->have_signer ? &r->app->signer : NULL, &r->arena,
				    entity, id, &o, &r->err);
	if (e != E_OK)
		return e;
	if (strcmp(entity, "draws") == 0) {
		/* a draw is public only once drawn: its last entry carries the seed */
		const char *entry = json_string_value(json_object_get(o, "entry"));
		if (!strstr(entry, "\"action\":\"draw.run\"")) {
			json_decref(o);
			return req_fail(r, E_NOTFOUND, "proof.not_published", NULL,
					"该抽查尚未开奖");
		}
	}
	req_header(r, "Content-Disposition",
		   arena_printf(&r->arena, "attachment; filename=\"proof-%s-%lld.json\"", entity,
				(long long)id));
	return req_json(r, 200, o);
}

/* ---- form bodies --------------------------------------------------------------------------- */

static int hexval(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

static char *form_unescape(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;
	if (!out)
		abort();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 &&
			   hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

json_t *disclose_form_decode(const char *body, size_t len)
{
	json_t *o = json_object();
	size_t i = 0;
	while (body && i < len) {
		size_t j = i;
		while (j < len && body[j] != '&')
			j++;
		const char *eq = memchr(body + i, '=', j - i);
		if (j > i) {
			size_t klen = eq ? (size_t)(eq - (body + i)) : j - i;
			char *k = form_unescape(body + i, klen);
			char *v = eq ? form_unescape(eq + 1, (size_t)(body + j - eq - 1))
				     : form_unescape("", 0);
			json_t *s = json_string(v);
			bool ok = s && *k && json_object_set_new(o, k, s) == 0;
			free(k);
			free(v);
			if (!ok) {
				json_decref(o);
				return NULL;
			}
		}
		i = j + 1;
	}
	return o;
}

/* ---- the module ------------------------------------------------------------------------------ */

static const struct route routes[] = {
    {"GET", "/api/v1/disclosure-catalogue", catalogue_list, &perm_disclose_read, SCOPE_NONE, NULL,
     NULL, 0, NULL, "三务公开目录（township 乡镇；本镇调整过的事项覆盖内置目录）"},
    {"PUT", "/api/v1/disclosure-catalogue/{item_code}", catalogue_put, &perm_disclose_catalogue,
     SCOPE_NONE, NULL, catalogue_in, ROUTE_WRITE, "catalogue.update",
     "调整本镇公开目录事项（新增、修改时限、停用）"},
    {"GET", "/api/v1/disclosures", disclosures_list, &perm_disclose_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "公开事项列表（village, item_code, status, year 筛选）"},
    {"POST", "/api/v1/disclosures", disclosure_create, &perm_disclose_write, SCOPE_VILLAGE, NULL,
     disclosure_in, ROUTE_WRITE, "disclosure.create",
     "新建公开（草稿；财务公开可附收支明细；更正公开须注明 corrects_id）"},
    {"POST", "/api/v1/disclosures/finance", disclosure_from_books, &perm_disclose_write,
     SCOPE_VILLAGE, NULL, finance_in, ROUTE_WRITE, "disclosure.create",
     "由已结账月份的账务生成财务公开草稿（逐项逐笔，合计与账面一致）"},
    {"GET", "/api/v1/disclosures/{id}", disclosure_get, &perm_disclose_read, SCOPE_VILLAGE,
     disclosure_village, NULL, 0, NULL, "公开详情（明细、异议与答复）"},
    {"PUT", "/api/v1/disclosures/{id}", disclosure_update, &perm_disclose_write, SCOPE_VILLAGE,
     disclosure_village, disclosure_update_in, ROUTE_WRITE, "disclosure.update",
     "修改草稿或被退回的公开（已发布的不能修改）"},
    {"POST", "/api/v1/disclosures/{id}/submit", disclosure_submit, &perm_disclose_write,
     SCOPE_VILLAGE, disclosure_village, NULL, ROUTE_WRITE, "disclosure.submit",
     "提交村务监督委员会审核"},
    {"POST", "/api/v1/disclosures/{id}/review", disclosure_review, &perm_disclose_review,
     SCOPE_VILLAGE, disclosure_village, review_in, ROUTE_WRITE, "disclosure.review",
     "监委会审核（同意或退回）"},
    {"POST", "/api/v1/disclosures/{id}/publish", disclosure_publish, &perm_disclose_write,
     SCOPE_VILLAGE, disclosure_village, publish_in, ROUTE_WRITE, "disclosure.publish",
     "发布（须经监委会审核同意；公示不少于 5 天）"},
    {"POST", "/api/v1/disclosures/{id}/withdraw", disclosure_withdraw, &perm_disclose_write,
     SCOPE_VILLAGE, disclosure_village, NULL, ROUTE_WRITE, "disclosure.withdraw",
     "撤回未发布的公开"},
    {"GET", "/api/v1/disclosure-objections", objections_list, &perm_disclose_read, SCOPE_LIST, NULL,
     NULL, 0, NULL, "村民对公开内容的异议（open=1 仅未答复）"},
    {"POST", "/api/v1/disclosure-objections/{id}/reply", objection_reply, &perm_disclose_write,
     SCOPE_VILLAGE, objection_village, reply_in, ROUTE_WRITE, "objection.reply",
     "答复村民异议（5 日内）"},
    {"POST", "/api/v1/public/disclosures/{id}/objections", public_objection, &perm_public,
     SCOPE_NONE, NULL, objection_in, ROUTE_WRITE | ROUTE_NO_CSRF, "objection.create",
     "村民对已发布公开提出异议（发布后 5 日内，可匿名）"},
    {"GET", "/api/v1/disclosure-board", board_get, &perm_disclose_read, SCOPE_LIST, NULL, NULL, 0,
     NULL, "公开合规看板：村 × 事项 × 所属期（as_of, year, village）"},
    {"GET", "/api/v1/public/proof/{entity}/{id}", proof_get, &perm_public, SCOPE_NONE, NULL, NULL,
     0, NULL, "已发布公开或抽查结果的日志包含证明（含签名检查点，可离线核验）"},
    {"GET", "/p/{code}/disclosures", disclose_html_list, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：三务公开（按类别、所属期）"},
    {"GET", "/p/{code}/disclosures/{id}", disclose_html_one, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：一条公开的内容、异议与答复"},
    {"POST", "/p/{code}/disclosures/{id}/objection", disclose_html_objection, &perm_public,
     SCOPE_NONE, NULL, NULL, ROUTE_HTML | ROUTE_WRITE | ROUTE_NO_CSRF | ROUTE_RAW_BODY,
     "objection.create", "公开门户：提出异议（表单）"},
    {"GET", "/p/{code}/finance", disclose_html_finance, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：财务收支概况（图表）"},
    {"GET", "/p/{code}/verify", disclose_html_verify, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：核验（签名检查点与包含证明）"},
    {"GET", "/p/{code}/complaint", disclose_html_complaint, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：信访举报表单（可匿名）"},
    {"POST", "/p/{code}/complaint", disclose_html_complaint_post, &perm_public, SCOPE_NONE, NULL,
     NULL, ROUTE_HTML | ROUTE_WRITE | ROUTE_NO_CSRF | ROUTE_RAW_BODY, "complaint.submit",
     "公开门户：提交信访举报（转信访举报模块，显示查询码）"},
    {"GET", "/p/{code}/monthly.pdf", disclose_html_monthly, &perm_public, SCOPE_NONE, NULL, NULL,
     ROUTE_HTML, NULL, "公开门户：月度公开栏告示（A4 PDF，含二维码与检查点指纹）"},
};

const struct module disclose_module = {
    .name = "disclose",
    .title = "三务公开",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .stmts = &disclose_stmts,
    .tables = disclose_tables,
    .ntables = DISCLOSE_T__MAX,
    .imports = disclose_imports,
    .nimports = 1,
};
