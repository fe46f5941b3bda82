/*
 * `qinglian verify`: recompute the log from its entries alone and hold the
 * database against it.  Reports, in Chinese, one line per problem: an entry
 * rewritten, a gap, stored tree nodes or head that disagree, a checkpoint the
 * log no longer extends (truncation or rewrite), and every current row of a
 * registered table that differs from its latest logged value, was inserted
 * without a log entry, or was deleted without one.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "trail.h"

/* What the log says a row is now: keyed by SHA-256(entity NUL key). */
struct latest {
	uint8_t id[16];     /* first 16 bytes of the key hash; all zero = empty slot */
	uint8_t value[16];  /* first 16 bytes of SHA-256(canonical value) */
	uint64_t seq;       /* entry that set it */
	bool deleted;       /* the latest entry was a deletion */
	bool seen;          /* a current row matched this key */
	const struct trail_table *table; /* registered table of the entity, or NULL */
	int64_t key;        /* row id */
};

struct latest_map {
	struct latest *slots; /* open addressing */
	size_t cap;           /* power of two */
	size_t n;             /* used */
};

static void key_hash(const char *entity, const char *key, uint8_t out[16])
{
	crypto_hash_sha256_state st;
	uint8_t h[32];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)entity, strlen(entity) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)key, strlen(key));
	crypto_hash_sha256_final(&st, h);
	memcpy(out, h, 16);
	if (sodium_is_zero(out, 16))
		out[0] = 1;
}

static void value_hash(const char *text, uint8_t out[16])
{
	uint8_t h[32];
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	memcpy(out, h, 16);
}

static struct latest *map_slot(struct latest_map *m, const uint8_t id[16], bool insert);

static void map_grow(struct latest_map *m)
{
	struct latest *old = m->slots;
	size_t oldcap = m->cap;
	m->cap = oldcap ? oldcap * 2 : 1024;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (!m->slots)
		abort();
	m->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (!sodium_is_zero(old[i].id, 16)) {
			struct latest *s = map_slot(m, old[i].id, true);
			*s = old[i];
		}
	free(old);
}

static struct latest *map_slot(struct latest_map *m, const uint8_t id[16], bool insert)
{
	if (insert && (m->n + 1) * 2 > m->cap)
		map_grow(m);
	if (!m->cap)
		return NULL;
	uint64_t h;
	memcpy(&h, id, sizeof(h));
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct latest *s = &m->slots[i];
		if (sodium_is_zero(s->id, 16)) {
			if (!insert)
				return NULL;
			memcpy(s->id, id, 16);
			m->n++;
			return s;
		}
		if (memcmp(s->id, id, 16) == 0)
			return s;
	}
}

struct verify {
	struct db_conn *db;      /* the database */
	FILE *out;               /* report lines */
	struct trail_report *rep;/* counts */
	struct latest_map map;   /* latest row values */
	struct merkle_frontier fr; /* recomputed tree */
	uint64_t cp_size;        /* checkpoint size, 0 = none */
	uint8_t cp_root[32];     /* checkpoint root */
	bool cp_checked;         /* the checkpoint prefix was compared */
	int node_problems;       /* stored nodes that differ (reported once) */
};

static void problem(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct verify *v, const char *fmt, ...)
{
	va_list ap;
	v->rep->problems++;
	if (!v->out)
		return;
	va_start(ap, fmt);
	vfprintf(v->out, fmt, ap);
	va_end(ap);
	fputc('\n', v->out);
}

static void check_prefix(struct verify *v)
{
	if (!v->cp_size || v->cp_checked || v->fr.size != v->cp_size)
		return;
	uint8_t root[32];
	merkle_frontier_root(&v->fr, root);
	v->cp_checked = true;
	if (memcmp(root, v->cp_root, 32) != 0)
		problem(v, "日志被改写：前 %llu 条的根哈希与检查点不符",
			(unsigned long long)v->cp_size);
}

/* Compare a recomputed inner node with the stored one. */
static void compare_node(void *ctx, unsigned level, uint64_t index, const uint8_t hash[32])
{
	struct verify *v = ctx;
	uint8_t stored[32];
	if (level == 0)
		return;
	if (trail_node_stored(v->db, level, index, stored) != E_OK ||
	    memcmp(stored, hash, 32) != 0) {
		if (v->node_problems++ < 10)
			problem(v, "日志树节点 (%u, %llu) 缺失或与重算结果不符", level,
				(unsigned long long)index);
		else
			v->rep->problems++;
	}
}

static void read_entry(struct verify *v, struct db_res *r)
{
	uint64_t seq = (uint64_t)db_int(r, 0);
	const char *entry = db_text(r, 6);
	const char *leafhex = db_text(r, 7);
	uint8_t leaf[32], stored[32];
	size_t len = 0;
	if (seq != v->fr.size) {
		problem(v, "日志序号不连续：应为第 %llu 条，实为第 %llu 条（有条目被删除）",
			(unsigned long long)v->fr.size, (unsigned long long)seq);
	}
	merkle_leaf_hash(entry, strlen(entry), leaf);
	if (!leafhex || sodium_hex2bin(stored, 32, leafhex, strlen(leafhex), NULL, &len, NULL) ||
	    len != 32 || memcmp(stored, leaf, 32) != 0)
		problem(v, "日志第 %llu 条：哈希不符（条目被改写）", (unsigned long long)seq);
	json_error_t je;
	json_t *o = json_loads(entry, 0, &je);
	const char *kind = json_string_value(json_object_get(o, "kind"));
	const char *entity = json_string_value(json_object_get(o, "entity"));
	const char *key = json_string_value(json_object_get(o, "key"));
	const char *action = json_string_value(json_object_get(o, "action"));
	json_t *jseq = json_object_get(o, "seq");
	if (!o || !kind || !entity || !key || !action || !json_is_integer(jseq) ||
	    (uint64_t)json_integer_value(jseq) != seq || strcmp(entity, db_text(r, 3)) != 0 ||
	    strcmp(key, db_text(r, 4)) != 0 || strcmp(action, db_text(r, 2)) != 0) {
		problem(v, "日志第 %llu 条：条目内容与索引列不符", (unsigned long long)seq);
	} else if (strcmp(kind, "row") == 0) {
		uint8_t id[16];
		key_hash(entity, key, id);
		struct latest *s = map_slot(&v->map, id, true);
		json_t *val = json_object_get(o, "value");
		s->seq = seq;
		s->deleted = json_is_null(val);
		s->table = trail_table_find(entity);
		s->key = strtoll(key, NULL, 10);
		if (!s->deleted) {
			char *t = json_canonical(val);
			value_hash(t, s->value);
			free(t);
		}
	}
	json_decref(o);
	merkle_frontier_append(&v->fr, leaf, compare_node, v);
	v->rep->entries++;
	check_prefix(v);
}

/* Name the columns whose values differ between the logged row and the current. */
static void diff_columns(struct verify *v, uint64_t seq, json_t *cur, char *out, size_t outlen)
{
	out[0] = '\0';
	json_t *logged = NULL;
	char *entry = trail_entry_text(v->db, seq);
	if (entry) {
		json_t *o = json_loads(entry, 0, NULL);
		if (o)
			logged = json_incref(json_object_get(o, "value"));
		json_decref(o);
		free(entry);
	}
	if (!logged)
		return;
	const char *k;
	json_t *val;
	size_t used = 0;
	json_object_foreach(cur, k, val)
	{
		json_t *lv = json_object_get(logged, k);
		if (lv && json_equal(lv, val))
			continue;
		char *a = lv ? json_dumps(lv, JSON_ENCODE_ANY) : strdup("（无）");
		char *b = json_dumps(val, JSON_ENCODE_ANY);
		int n = snprintf(out + used, outlen - used, "%s字段 %s：日志为 %s，数据库为 %s",
				 used ? "；" : "", k, a ? a : "?", b ? b : "?");
		free(a);
		free(b);
		if (n < 0 || (size_t)n >= outlen - used)
			break;
		used += (size_t)n;
	}
	json_decref(logged);
}

static enum err compare_table(struct verify *v, const struct trail_table *t)
{
	struct db_res *r;
	enum err e = db_exec(v->db, t->set, t->st_all, DB_NOPARAMS, &r);
	if (e != E_OK)
		return e;
	while (db_row(r)) {
		json_t *row = json_row(r);
		json_t *jid = json_object_get(row, "id");
		char key[24];
		snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(jid));
		uint8_t id[16], val[16];
		key_hash(t->entity, key, id);
		char *text = json_canonical(row);
		value_hash(text, val);
		free(text);
		struct latest *s = map_slot(&v->map, id, false);
		v->rep->rows++;
		if (!s || s->deleted) {
			problem(v, "表 %s 记录 %s：不在日志中（绕过系统写入）", t->entity, key);
		} else {
			s->seen = true;
			if (memcmp(s->value, val, 16) != 0) {
				char diff[1024];
				diff_columns(v, s->seq, row, diff, sizeof(diff));
				problem(v, "表 %s 记录 %s：与日志第 %llu 条不符（绕过系统修改）%s%s",
					t->entity, key, (unsigned long long)s->seq,
					diff[0] ? "：" : "", diff);
			}
		}
		json_decref(row);
	}
	return db_done(r);
}

static void report_missing_rows(struct verify *v)
{
	for (size_t i = 0; i < v->map.cap; i++) {
		struct latest *s = &v->map.slots[i];
		if (sodium_is_zero(s->id, 16) || s->deleted || s->seen || !s->table)
			continue;
		problem(v, "表 %s 记录 %lld：已被删除，但日志中没有删除记录（日志第 %llu 条为其最新值）",
			s->table->entity, (long long)s->key, (unsigned long long)s->seq);
	}
}

static enum err load_checkpoint(struct verify *v, const struct trail_signer *s,
				const char *text, struct errinfo *ei)
{
	struct checkpoint cp;
	enum err e;
	if (s)
		e = checkpoint_verify(text, s->key.pub, s->key.name, &cp, ei);
	else
		e = checkpoint_parse(text, &cp, ei);
	if (e != E_OK) {
		problem(v, "检查点无效：%s", ei->msg);
		err_clear(ei);
		return E_OK;
	}
	v->cp_size = cp.size;
	memcpy(v->cp_root, cp.root, 32);
	if (cp.size == 0) {
		uint8_t empty[32];
		merkle_empty_root(empty);
		v->cp_checked = true;
		if (memcmp(empty, cp.root, 32) != 0)
			problem(v, "检查点无效：空日志的根哈希错误");
	}
	return E_OK;
}

enum err trail_verify(struct db_conn *c, const struct trail_signer *s,
		      const char *checkpoint_text, FILE *out, struct trail_report *rep,
		      struct errinfo *ei)
{
	struct verify v = {0};
	enum err e;
	char *file_text = NULL;
	v.db = c;
	v.out = out;
	v.rep = rep;
	memset(rep, 0, sizeof(*rep));
	merkle_frontier_init(&v.fr);
	if (!checkpoint_text && s) {
		file_text = trail_read_small_file(s->file);
		checkpoint_text = file_text;
	}
	if (checkpoint_text && (e = load_checkpoint(&v, s, checkpoint_text, ei)) != E_OK)
		goto done;

	struct db_res *r;
	if ((e = trail_entries(c, &r)) != E_OK)
		goto done;
	while (db_row(r))
		read_entry(&v, r);
	if ((e = db_done(r)) != E_OK)
		goto done;

	if (v.cp_size > v.fr.size)
		problem(&v, "日志被截断：检查点记录 %llu 条，当前仅 %llu 条",
			(unsigned long long)v.cp_size, (unsigned long long)v.fr.size);
	uint64_t head_size;
	uint8_t head_root[32], root[32];
	merkle_frontier_root(&v.fr, root);
	if (trail_head(c, &head_size, head_root) != E_OK)
		problem(&v, "日志头记录缺失或损坏");
	else if (head_size != v.fr.size || memcmp(head_root, root, 32) != 0)
		problem(&v, "日志头记录（%llu 条）与重算结果（%llu 条）不符",
			(unsigned long long)head_size, (unsigned long long)v.fr.size);

	for (size_t i = 0;; i++) {
		const struct trail_table *t = trail_table_at(i);
		if (!t)
			break;
		if ((e = compare_table(&v, t)) != E_OK)
			goto done;
	}
	report_missing_rows(&v);
done:
	free(v.map.slots);
	free(file_text);
	return e;
}
