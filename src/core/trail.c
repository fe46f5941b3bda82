/*
 * The tamper-evident log over the tables trail, trail_node and trail_head (see
 * trail.h).  Appends run inside the caller's write transaction; the head row
 * serialises appends (SQLite's single writer; a row lock on PostgreSQL).  The
 * verifier trusts nothing stored but the entries themselves and a checkpoint.
 */
#include "trail.h"

#include <jansson.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "buf.h"
#include "json_out.h"

enum {
	ST_HEAD_GET,
	ST_HEAD_SET,
	ST_INSERT,
	ST_NODE_INSERT,
	ST_NODE_GET,
	ST_LEAF_GET,
	ST_ALL,
	ST_BY_SEQ,
	ST_COUNT,
	ST__MAX
};

static const struct db_sql sql[ST__MAX] = {
	[ST_HEAD_GET] = {"trail.head_get", "SELECT size, frontier FROM trail_head WHERE id = 1",
			 NULL, "SELECT size, frontier FROM trail_head WHERE id = 1 FOR UPDATE"},
	[ST_HEAD_SET] = {"trail.head_set",
			 "UPDATE trail_head SET size = $1, frontier = $2 WHERE id = 1"},
	[ST_INSERT] = {"trail.insert",
		       "INSERT INTO trail (seq, ts, actor, action, entity, key, village_id, entry, "
		       "leaf_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"},
	[ST_NODE_INSERT] = {"trail.node_insert",
			    "INSERT INTO trail_node (level, idx, hash) VALUES ($1, $2, $3)"},
	[ST_NODE_GET] = {"trail.node_get",
			 "SELECT hash FROM trail_node WHERE level = $1 AND idx = $2"},
	[ST_LEAF_GET] = {"trail.leaf_get", "SELECT leaf_hash FROM trail WHERE seq = $1"},
	[ST_ALL] = {"trail.all",
		    "SELECT seq, actor, action, entity, key, village_id, entry, leaf_hash, ts "
		    "FROM trail ORDER BY seq"},
	[ST_BY_SEQ] = {"trail.by_seq", "SELECT entry FROM trail WHERE seq = $1"},
	[ST_COUNT] = {"trail.count", "SELECT COUNT(*) FROM trail"},
};

static struct db_stmts trail_stmts = {"trail", sql, ST__MAX, 0, false};

#define MAX_TABLES 128
static const struct trail_table *tables[MAX_TABLES];
static size_t ntables;

void trail_register_core(void)
{
	db_stmts_register(&trail_stmts);
}

void trail_register(const struct trail_table *t)
{
	for (size_t i = 0; i < ntables; i++)
		if (tables[i] == t)
			return;
	if (ntables < MAX_TABLES)
		tables[ntables++] = t;
}

const struct trail_table *trail_table_find(const char *entity)
{
	for (size_t i = 0; i < ntables; i++)
		if (strcmp(tables[i]->entity, entity) == 0)
			return tables[i];
	return NULL;
}

void trail_ctx_init(struct trail_ctx *tc, struct db_conn *db, const char *actor, int64_t now_us)
{
	memset(tc, 0, sizeof(*tc));
	tc->db = db;
	tc->actor = actor;
	tc->now_us = now_us;
}

/* ---- head ------------------------------------------------------------------ */

static enum err head_read(struct db_conn *c, struct merkle_frontier *fr, struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(c, &trail_stmts, ST_HEAD_GET, DB_NOPARAMS, &res);
	if (e == E_NOTFOUND)
		return err_set(ei, E_DB, "trail.head", NULL, "日志头记录缺失");
	if (e != E_OK)
		return e;
	const char *hex = db_text(res, 1);
	int64_t size = db_int(res, 0);
	uint8_t bin[MERKLE_FRONTIER_ENCODED_MAX];
	size_t len = 0;
	merkle_frontier_init(fr);
	if (hex && *hex &&
	    sodium_hex2bin(bin, sizeof(bin), hex, strlen(hex), NULL, &len, NULL) != 0)
		e = err_set(ei, E_DB, "trail.head", NULL, "日志头记录损坏");
	else if (len && merkle_frontier_decode(fr, bin, len, ei) != E_OK)
		e = E_DB;
	else if (fr->size != (uint64_t)size)
		e = err_set(ei, E_DB, "trail.head", NULL, "日志头记录的大小不一致");
	enum err e2 = db_done(res);
	return e != E_OK ? e : e2;
}

static enum err head_write(struct db_conn *c, const struct merkle_frontier *fr)
{
	uint8_t bin[MERKLE_FRONTIER_ENCODED_MAX];
	char hex[2 * MERKLE_FRONTIER_ENCODED_MAX + 1];
	size_t len = merkle_frontier_encode(fr, bin);
	sodium_bin2hex(hex, sizeof(hex), bin, len);
	return db_exec(c, &trail_stmts, ST_HEAD_SET,
		       DB_PARAMS(DB_INT((int64_t)fr->size), DB_TEXT(hex)), NULL);
}

enum err trail_finish(struct trail_ctx *tc)
{
	if (!tc->loaded || tc->count == 0)
		return E_OK;
	return head_write(tc->db, &tc->fr);
}

enum err trail_head(struct db_conn *c, uint64_t *size, uint8_t root[32])
{
	struct merkle_frontier fr;
	struct errinfo ei = {0};
	enum err e = head_read(c, &fr, &ei);
	if (e != E_OK)
		return e;
	*size = fr.size;
	merkle_frontier_root(&fr, root);
	return E_OK;
}

/* ---- append ------------------------------------------------------------ */

struct node_sink {
	struct db_conn *db; /* where nodes go */
	enum err err;       /* first failure */
};

static void store_node(void *ctx, unsigned level, uint64_t index, const uint8_t hash[32])
{
	struct node_sink *s = ctx;
	char hex[65];
	if (level == 0 || s->err != E_OK)
		return; /* leaves are in trail.leaf_hash */
	sodium_bin2hex(hex, sizeof(hex), hash, 32);
	s->err = db_exec(s->db, &trail_stmts, ST_NODE_INSERT,
			 DB_PARAMS(DB_INT(level), DB_INT((int64_t)index), DB_TEXT(hex)), NULL);
}

/* The head, read at the transaction's first append. */
static enum err head_load(struct trail_ctx *tc, struct errinfo *ei)
{
	enum err e;
	if (tc->loaded)
		return E_OK;
	if ((e = head_read(tc->db, &tc->fr, ei)) != E_OK)
		return e;
	tc->loaded = true;
	return E_OK;
}

/* Store the entry text as leaf tc->fr.size: its row, then the tree nodes. */
static enum err entry_store(struct trail_ctx *tc, const char *ts, const char *action,
			    const char *entity, const char *key, int64_t village_id,
			    const char *text, size_t len)
{
	uint8_t leaf[32];
	char leafhex[65];
	merkle_leaf_hash(text, len, leaf);
	sodium_bin2hex(leafhex, sizeof(leafhex), leaf, sizeof(leaf));
	enum err e = db_exec(tc->db, &trail_stmts, ST_INSERT,
			     DB_PARAMS(DB_INT((int64_t)tc->fr.size), DB_TEXT(ts),
				       DB_TEXT(tc->actor), DB_TEXT(action), DB_TEXT(entity),
				       DB_TEXT(key), village_id ? DB_INT(village_id) : DB_NULL,
				       DB_TEXT(text), DB_TEXT(leafhex)),
			     NULL);
	if (e != E_OK)
		return e;
	struct node_sink sink = {tc->db, E_OK};
	merkle_frontier_append(&tc->fr, leaf, store_node, &sink);
	if (sink.err != E_OK)
		return sink.err;
	/* The head row is written once, by trail_finish() before the commit. */
	tc->count++;
	return E_OK;
}

static enum err append(struct trail_ctx *tc, const char *kind, const char *action,
		       const char *entity, const char *key, int64_t village_id, json_t *value,
		       struct errinfo *ei)
{
	enum err e = head_load(tc, ei);
	if (e != E_OK) {
		json_decref(value);
		return e;
	}
	char ts[32];
	app_timestamp(tc->now_us, ts);
	uint64_t seq = tc->fr.size;
	json_t *entry = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "seq", (json_int_t)seq, "ts",
				  ts, "actor", tc->actor, "kind", kind, "action", action, "entity",
				  entity, "key", key, "value", value);
	json_object_set_new(entry, "village", village_id ? json_integer(village_id) : json_null());
	char *text = json_canonical(entry);
	json_decref(entry);
	e = entry_store(tc, ts, action, entity, key, village_id, text, strlen(text));
	free(text);
	return e;
}

static int64_t row_village(const struct trail_table *t, json_t *row)
{
	if (!t->village_col)
		return 0;
	json_t *v = json_object_get(row, t->village_col);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

enum err trail_row(struct trail_ctx *tc, const struct trail_table *t, int64_t id,
		   const char *action, struct errinfo *ei)
{
	struct db_res *res;
	enum err e = db_one(tc->db, t->set, t->st_get, DB_PARAMS(DB_INT(id)), &res);
	if (e == E_NOTFOUND)
		return err_set(ei, E_INTERNAL, "trail.row", NULL, "日志：%s 记录 %lld 不存在",
			       t->entity, (long long)id);
	if (e != E_OK)
		return e;
	json_t *row = json_row(res);
	if ((e = db_done(res)) != E_OK) {
		json_decref(row);
		return e;
	}
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return append(tc, "row", action, t->entity, key, row_village(t, row), row, ei);
}

enum err trail_row_deleted(struct trail_ctx *tc, const struct trail_table *t, int64_t id,
			   int64_t village_id, const char *action, struct errinfo *ei)
{
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return append(tc, "row", action, t->entity, key, village_id, json_null(), ei);
}

enum err trail_event(struct trail_ctx *tc, const char *action, const char *entity,
		     const char *key, int64_t village_id, const char *value_json,
		     struct errinfo *ei)
{
	json_error_t je;
	json_t *v = json_loads(value_json, JSON_DECODE_ANY, &je);
	if (!v)
		return err_set(ei, E_INTERNAL, "trail.event", NULL, "日志事件内容不是有效的 JSON");
	return append(tc, "event", action, entity, key, village_id, v, ei);
}

/* ---- rows whose value the writer built (bulk imports) ---------------------- */

void trail_json_string(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;
	buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		switch (ch) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default: {
			char u[7] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15], 0};
			buf_adds(b, u);
		}
		}
	}
	buf_add(b, run, (size_t)(s - run));
	buf_addc(b, '"');
}

enum err trail_row_json(struct trail_ctx *tc, const struct trail_table *t, int64_t id,
			int64_t village_id, const char *action, const char *value,
			struct errinfo *ei)
{
	enum err e = head_load(tc, ei);
	if (e != E_OK)
		return e;
	char ts[32], key[24];
	app_timestamp(tc->now_us, ts);
	snprintf(key, sizeof(key), "%lld", (long long)id);
	/* The keys of append's entry, in the order json_canonical sorts them. */
	struct buf b = BUF_INIT;
	buf_adds(&b, "{\"action\":");
	trail_json_string(&b, action);
	buf_adds(&b, ",\"actor\":");
	trail_json_string(&b, tc->actor);
	buf_adds(&b, ",\"entity\":");
	trail_json_string(&b, t->entity);
	buf_addf(&b, ",\"key\":\"%s\",\"kind\":\"row\",\"seq\":%llu,\"ts\":", key,
		 (unsigned long long)tc->fr.size);
	trail_json_string(&b, ts);
	buf_adds(&b, ",\"value\":");
	buf_adds(&b, value);
	if (village_id)
		buf_addf(&b, ",\"village\":%lld}", (long long)village_id);
	else
		buf_adds(&b, ",\"village\":null}");
	e = entry_store(tc, ts, action, t->entity, key, village_id, b.ptr, b.len);
	buf_release(&b);
	return e;
}

/* ---- checkpoints and proofs -------------------------------------------- */

enum err trail_checkpoint(struct db_conn *c, const struct trail_signer *s, struct arena *a,
			  char **note, struct errinfo *ei)
{
	struct checkpoint cp = {0};
	struct merkle_frontier fr;
	enum err e = head_read(c, &fr, ei);
	if (e != E_OK)
		return e;
	snprintf(cp.origin, sizeof(cp.origin), "%s", s->origin);
	cp.size = fr.size;
	merkle_frontier_root(&fr, cp.root);
	*note = checkpoint_sign(a, &cp, &s->key);
	return *note ? E_OK : err_set(ei, E_INTERNAL, "trail.sign", NULL, "检查点签名失败");
}

enum err trail_checkpoint_save(struct db_conn *c, const struct trail_signer *s,
			       struct errinfo *ei)
{
	struct arena a;
	arena_init(&a);
	char *note;
	enum err e = trail_checkpoint(c, s, &a, &note, ei);
	if (e == E_OK) {
		/* One temporary name per call: the server's threads save at once, and a
		 * shared name let one thread's rename take another's half-written file. */
		static atomic_uint serial;
		char tmp[1100];
		const char *path = s->file;
		snprintf(tmp, sizeof(tmp), "%s.%d.%u.tmp", s->file, (int)getpid(),
			 atomic_fetch_add(&serial, 1));
		FILE *f = fopen(tmp, "w");
		if (!f || fputs(note, f) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
			e = err_set(ei, E_IO, "trail.checkpoint_file", NULL, "无法写入检查点文件：%s",
				    path);
			unlink(tmp);
		}
	}
	arena_release(&a);
	return e;
}

struct node_src {
	struct db_conn *db; /* where nodes are read */
};

static enum err get_node(void *ctx, unsigned level, uint64_t index, uint8_t out[32])
{
	struct node_src *src = ctx;
	struct db_res *res;
	enum err e;
	if (level == 0)
		e = db_one(src->db, &trail_stmts, ST_LEAF_GET, DB_PARAMS(DB_INT((int64_t)index)), &res);
	else
		e = db_one(src->db, &trail_stmts, ST_NODE_GET,
			   DB_PARAMS(DB_INT(level), DB_INT((int64_t)index)), &res);
	if (e != E_OK)
		return e;
	const char *hex = db_text(res, 0);
	size_t len = 0;
	if (!hex || sodium_hex2bin(out, 32, hex, strlen(hex), NULL, &len, NULL) != 0 || len != 32)
		e = E_DB;
	enum err e2 = db_done(res);
	return e != E_OK ? e : e2;
}

enum err trail_inclusion_proof(struct db_conn *c, uint64_t seq, uint64_t size,
			       uint8_t (*proof)[32], size_t *n, struct errinfo *ei)
{
	uint8_t root[32];
	uint64_t cur;
	enum err e = trail_head(c, &cur, root);
	if (e != E_OK)
		return e;
	if (size == 0)
		size = cur;
	if (size > cur || seq >= size)
		return err_set(ei, E_INPUT, "trail.proof", NULL, "日志中没有第 %llu 条（共 %llu 条）",
			       (unsigned long long)seq, (unsigned long long)size);
	struct node_src src = {c};
	return merkle_inclusion_proof(size, seq, get_node, &src, proof, n);
}

enum err trail_consistency_proof(struct db_conn *c, uint64_t size1, uint64_t size2,
				 uint8_t (*proof)[32], size_t *n, struct errinfo *ei)
{
	uint8_t root[32];
	uint64_t cur;
	enum err e = trail_head(c, &cur, root);
	if (e != E_OK)
		return e;
	if (size2 == 0)
		size2 = cur;
	if (size1 == 0 || size1 > size2 || size2 > cur)
		return err_set(ei, E_INPUT, "trail.proof", NULL, "无效的日志区间：%llu 到 %llu",
			       (unsigned long long)size1, (unsigned long long)size2);
	struct node_src src = {c};
	return merkle_consistency_proof(size1, size2, get_node, &src, proof, n);
}

/* ---- for the verifier (trail_verify.c) ------------------------------------ */

enum err trail_node_stored(struct db_conn *c, unsigned level, uint64_t index, uint8_t out[32])
{
	struct node_src src = {c};
	return get_node(&src, level, index, out);
}

enum err trail_entries(struct db_conn *c, struct db_res **out)
{
	return db_exec(c, &trail_stmts, ST_ALL, DB_NOPARAMS, out);
}

char *trail_entry_text(struct db_conn *c, uint64_t seq)
{
	struct db_res *res;
	if (db_one(c, &trail_stmts, ST_BY_SEQ, DB_PARAMS(DB_INT((int64_t)seq)), &res) != E_OK)
		return NULL;
	const char *t = db_text(res, 0);
	char *copy = t ? strdup(t) : NULL;
	db_done(res);
	return copy;
}

const struct trail_table *trail_table_at(size_t i)
{
	return i < ntables ? tables[i] : NULL;
}

char *trail_read_small_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = calloc(1, 65537);
	if (!buf)
		abort();
	size_t n = fread(buf, 1, 65536, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}
