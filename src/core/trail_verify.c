/*
 * `qinglian verify`: recompute the log from its entries alone and hold the
 * database against it.  Reports, in Chinese, one line per problem: an entry
 * rewritten, a gap, stored tree nodes or head that disagree, a checkpoint the
 * log no longer extends (truncation or rewrite), and every current row of a
 * registered table that differs from its latest logged value, was inserted
 * without a log entry, or was deleted without one.
 *
 * Built for throughput, in one snapshot of the database.  This thread only
 * reads: the entries once in order, the stored tree nodes once, then every
 * table once in its own order, copying what it reads into batches for a
 * worker thread, which re-hashes each entry (SHA-NI), checks it with a strict
 * scanner instead of a jansson tree, keeps each row's latest value as a keyed
 * 128-bit SipHash of its text, sums the stored and the recomputed inner nodes
 * into order-free keyed sums, writes every table row as canonical JSON straight
 * from its columns and holds it against the log.  Whatever the fast path
 * cannot vouch for — an entry that is not canonical, a row that differs, node
 * sums that disagree — is decided again by the exact slow path (jansson, the
 * row read again by id, one stored node at a time) in this thread once the
 * worker is done, in the order the old single pass reported, so the verdicts
 * and messages are those of that path.  It must not write to the database, and
 * it trusts nothing stored but the entries.
 */
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json_out.h"
#include "trail.h"
#include "trail_verify_sha256.h"

/* ---- statements ----------------------------------------------------------------- */

enum { V_ENTRIES, V_NODES, V_HEAD, V__MAX };

static const struct db_sql verify_sql[V__MAX] = {
    [V_ENTRIES] = {"trail_verify.entries",
		   "SELECT seq, action, entity, key, entry, leaf_hash FROM trail ORDER BY seq"},
    /* Any order: the nodes are summed, not merged. */
    [V_NODES] = {"trail_verify.nodes", "SELECT level, idx, hash FROM trail_node"},
    /* trail.head_get locks the row on PostgreSQL; verify only reads. */
    [V_HEAD] = {"trail_verify.head", "SELECT size, frontier FROM trail_head WHERE id = 1"},
};

static struct db_stmts verify_stmts = {"trail_verify", verify_sql, V__MAX, 0, false};

/* ---- the log's latest value of every (table, key) ------------------------------ */

enum {
	SL_USED = 1,	/* the slot holds a key */
	SL_ODD = 2,	/* the key is not a row id as printed ("012"): key is its hash */
	SL_DELETED = 4, /* the latest entry was a deletion */
	SL_SEEN = 8,	/* a current row matched this key */
};

struct slot {
	int64_t key;	    /* row id (SL_ODD: keyed hash of the key text) */
	uint64_t seq;	    /* entry that set it */
	uint8_t digest[16]; /* keyed SipHash of the value's text (SL_ODD: the key as read) */
	uint16_t ent;	    /* index into verify.ents */
	uint8_t flags;	    /* SL_* */
};

struct latest_map {
	struct slot *slots; /* open addressing, linear probing */
	size_t cap;	    /* power of two, 0 before the first insert */
	size_t n;	    /* used */
};

static uint64_t slot_hash(uint16_t ent, int64_t key, uint8_t odd)
{
	uint64_t x = (uint64_t)key ^ ((uint64_t)ent << 48) ^ ((uint64_t)odd << 63);
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static struct slot *map_find(struct latest_map *m, uint16_t ent, int64_t key, uint8_t odd,
			     bool insert);

static void map_grow(struct latest_map *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;
	m->cap = oldcap ? oldcap * 2 : 4096;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (!m->slots)
		abort();
	m->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].flags & SL_USED)
			*map_find(m, old[i].ent, old[i].key, old[i].flags & SL_ODD, true) = old[i];
	free(old);
}

static struct slot *map_find(struct latest_map *m, uint16_t ent, int64_t key, uint8_t odd,
			     bool insert)
{
	if (insert && (m->n + 1) * 2 > m->cap)
		map_grow(m);
	if (!m->cap)
		return NULL;
	for (size_t i = slot_hash(ent, key, odd) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[i];
		if (!(s->flags & SL_USED)) {
			if (!insert)
				return NULL;
			s->ent = ent;
			s->key = key;
			s->flags = SL_USED | odd;
			m->n++;
			return s;
		}
		if (s->key == key && s->ent == ent && (s->flags & SL_ODD) == odd)
			return s;
	}
}

/* ---- the state of one run ------------------------------------------------------- */

struct pipe;
struct batch;
struct layout;

/* Keyed order-free sum of tree nodes (level, index, hash). */
struct node_sum {
	uint64_t n;	       /* nodes added */
	unsigned __int128 sum; /* sum of their SipHash-128 values */
	bool bad;	       /* a stored node could not be read as one */
};

/* A registered entity: the tables that log under that name share its keys. */
struct entity {
	const char *name;		 /* trail_table.entity */
	size_t len;			 /* strlen(name) */
	const struct trail_table *table; /* the first table registered under it */
	struct slot *dense;		 /* slots of ids 0..dense_cap-1, indexed by id */
	size_t dense_cap;		 /* slots allocated in dense */
};

struct verify {
	struct db_conn *db;	   /* the database */
	FILE *out;		   /* report lines */
	struct trail_report *rep;  /* counts */
	struct latest_map map;	   /* latest row values of ids outside the dense range */
	uint64_t dense_limit;	   /* ids below this live in their entity's dense array */
	struct merkle_frontier fr; /* recomputed tree */
	uint64_t cp_size;	   /* checkpoint size, 0 = none */
	uint8_t cp_root[32];	   /* checkpoint root */
	bool cp_checked;	   /* the checkpoint prefix was compared */
	int node_problems;	   /* stored nodes that differ (reported once) */
	bool node_lookup;	   /* compare nodes one by one (the slow path) */
	struct node_sum computed;  /* nodes the entries make */
	struct node_sum stored;	   /* nodes trail_node holds */
	uint8_t key[16];	   /* this run's SipHash key */
	struct entity *ents;	   /* registered entities */
	size_t nents;		   /* entries in ents */
	size_t last_ent;	   /* the entity last looked up (entries come in runs) */
	struct buf text;	   /* a row's canonical text, reused (the worker's) */
	uint16_t *table_ent;	   /* entity index of each registered table */
	struct layout *layouts;	   /* per registered table, made from its first row */
	size_t ntables;		   /* registered tables */
	struct pipe *pipe;	   /* the worker while it runs */
	struct batch *rows;	   /* the batch of rows being filled */
	bool log_checked;	   /* the worker made the checks that need every entry */
	bool entries_done;	   /* the worker is done and the log's checks made */
	struct db_conn *db2;	   /* a second connection in the same snapshot (SQLite), or NULL */
	uint8_t *tables;	   /* per table: TB_* flags (the worker's) */
	bool *orphaned;		   /* per table: the reader met parts without their row */
	size_t *order;		   /* tables, largest first: the reader claims from the front */
	uint32_t *ent_entries;	   /* entries per entity, as the reader counted them */
	uint64_t stolen_rows;	   /* rows of tables the worker read and found clean */
	bool log_read;		   /* the worker has every entry (its map is final) */
	bool head_ok;		   /* trail_head could be read */
	uint64_t head_size;	   /* its size */
	uint8_t head_root[32];	   /* its root */
};

/* ---- two threads: this one reads, a worker checks ------------------------------ */

#define BATCH_ROWS  1024
#define BATCH_BYTES (512u << 10) /* a batch of rows is handed on past this much text */
#define BATCHES	    32		 /* at most this many in flight: the reader waits for the worker */

enum batch_kind {
	BK_ENTRIES, /* rows of the log, in order */
	BK_NODES,   /* records of stored tree nodes (node_process) */
	BK_LOG_END, /* no more entries nor nodes */
	BK_ROWS,    /* records of table rows (row_encode) */
};

/* Entries or rows copied out of the results for the worker. */
struct batch {
	enum batch_kind kind;	   /* what it holds */
	struct buf text;	   /* entries: the columns, each NUL-terminated; else records */
	size_t n;		   /* entries or rows */
	uint64_t seq[BATCH_ROWS];  /* trail.seq */
	size_t off[BATCH_ROWS][5]; /* offsets of columns 1..5 in text; SIZE_MAX: NULL */
	struct batch *next;	   /* in a queue */
};

struct pipe {
	pthread_mutex_t mu;  /* guards the rest */
	pthread_cond_t cv;   /* any change */
	struct batch *full;  /* batches for the worker, oldest first */
	struct batch **tail; /* where the next full batch goes */
	struct batch *idle;  /* batches to fill */
	size_t made;	     /* batches allocated */
	bool end;	     /* no more batches will come */
	bool running;	     /* the worker thread exists */
	size_t lo, hi;	     /* tables not yet claimed: [lo, hi); the reader takes lo, the worker hi */
	pthread_t thread;    /* the worker */
};

static struct batch *batch_take(struct pipe *p);

/* The slot of (entity, id): row ids of the usual size index an array per entity,
 * which both passes walk nearly in order; the rest go to the hash map. */
static struct slot *slot_get(struct verify *v, uint16_t ent, int64_t id, uint8_t odd, bool insert)
{
	if (odd || id < 0 || (uint64_t)id >= v->dense_limit)
		return map_find(&v->map, ent, id, odd, insert);
	struct entity *e = &v->ents[ent];
	if ((size_t)id >= e->dense_cap) {
		if (!insert)
			return NULL;
		size_t cap = e->dense_cap ? e->dense_cap * 2 : 1024;
		if (cap <= (size_t)id)
			cap = (size_t)id + 1;
		if (cap > v->dense_limit)
			cap = (size_t)v->dense_limit;
		struct slot *d = realloc(e->dense, cap * sizeof(*d));
		if (!d)
			abort();
		memset(d + e->dense_cap, 0, (cap - e->dense_cap) * sizeof(*d));
		e->dense = d;
		e->dense_cap = cap;
	}
	struct slot *s = &e->dense[id];
	if (!(s->flags & SL_USED)) {
		if (!insert)
			return NULL;
		s->flags = SL_USED;
		s->ent = ent;
		s->key = id;
	}
	return s;
}

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

static void digest(const struct verify *v, const void *text, size_t len, uint8_t out[16])
{
	crypto_shorthash_siphashx24(out, text, len, v->key);
}

static void node_sum_add(const struct verify *v, struct node_sum *ns, unsigned level,
			 uint64_t index, const uint8_t hash[32])
{
	uint8_t m[41], d[16];
	unsigned __int128 x;
	m[0] = (uint8_t)level;
	memcpy(m + 1, &index, 8);
	memcpy(m + 9, hash, 32);
	digest(v, m, sizeof(m), d);
	memcpy(&x, d, sizeof(x));
	ns->sum += x;
	ns->n++;
}

static int hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

/* Hex digit values plus one; 0 for anything else (no branch per digit). */
static const uint8_t hex1[256] = {
    ['0'] = 1,	['1'] = 2,  ['2'] = 3,	['3'] = 4,  ['4'] = 5,	['5'] = 6,  ['6'] = 7,	['7'] = 8,
    ['8'] = 9,	['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

/* 2 * n hex digits into n bytes; false unless exactly that, as sodium_hex2bin. */
static bool hex_decode(const char *hex, size_t hexlen, uint8_t *out, size_t n)
{
	if (!hex || hexlen != 2 * n)
		return false;
	unsigned bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned hi = hex1[(unsigned char)hex[2 * i]];
		unsigned lo = hex1[(unsigned char)hex[2 * i + 1]];
		bad |= (hi == 0) | (lo == 0);
		out[i] = (uint8_t)((hi - 1) << 4 | ((lo - 1) & 15));
	}
	return !bad;
}

/* ---- the tree ------------------------------------------------------------------- */

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

/* Compare a recomputed inner node with the stored one (the slow path). */
static void compare_node(struct verify *v, unsigned level, uint64_t index, const uint8_t hash[32])
{
	uint8_t stored[32];
	if (trail_node_stored(v->db, level, index, stored) != E_OK ||
	    memcmp(stored, hash, 32) != 0) {
		if (v->node_problems++ < 10)
			problem(v, "日志树节点 (%u, %llu) 缺失或与重算结果不符", level,
				(unsigned long long)index);
		else
			v->rep->problems++;
	}
}

/* merkle_frontier_append with verify's hash, handing on each inner node made. */
static void tree_append(struct verify *v, struct merkle_frontier *f, const uint8_t leaf[32])
{
	uint8_t h[32];
	uint64_t pos = f->size;
	unsigned level = 0;
	memcpy(h, leaf, 32);
	while (pos & ((uint64_t)1 << level)) {
		trail_verify_node_hash(f->hash[level], h, h);
		level++;
		if (v->node_lookup)
			compare_node(v, level, pos >> level, h);
		else
			node_sum_add(v, &v->computed, level, pos >> level, h);
	}
	memcpy(f->hash[level], h, 32);
	memset(f->hash, 0, (size_t)level * 32);
	f->size = pos + 1;
}

/* One stored node as the reader copied it (level, index, length or UINT64_MAX
 * for NULL, the hex text), into the stored sum; *p moves past it. */
static void node_process(struct verify *v, const unsigned char **p)
{
	const unsigned char *q = *p;
	int64_t level, index;
	uint64_t len;
	uint8_t hash[32];
	memcpy(&level, q, 8);
	memcpy(&index, q + 8, 8);
	memcpy(&len, q + 16, 8);
	q += 24;
	const char *hex = len == UINT64_MAX ? NULL : (const char *)q;
	if (hex)
		q += len;
	*p = q;
	if (level == 0)
		return; /* leaves are trail.leaf_hash; the slow path never reads these */
	if (level < 0 || level > MERKLE_FRONTIER_LEVELS ||
	    !hex_decode(hex, hex ? (size_t)len : 0, hash, 32)) {
		v->stored.bad = true;
		return;
	}
	node_sum_add(v, &v->stored, (unsigned)level, (uint64_t)index, hash);
}

static void batch_give(struct verify *v, struct batch *b);

/* trail_node once, in any order; the worker sums the nodes. */
static enum err read_stored_nodes(struct verify *v)
{
	struct db_res *r;
	struct batch *b = NULL;
	enum err e = db_exec_cursor(v->db, &verify_stmts, V_NODES, &r);
	if (e != E_OK)
		return e;
	while (db_row(r)) {
		if (!b) {
			b = batch_take(v->pipe);
			b->kind = BK_NODES;
		}
		int64_t x[2] = {db_int(r, 0), db_int(r, 1)};
		const char *hex = db_text(r, 2);
		uint64_t len = hex ? strlen(hex) : UINT64_MAX;
		buf_add(&b->text, x, sizeof(x));
		buf_add(&b->text, &len, 8);
		if (hex)
			buf_add(&b->text, hex, (size_t)len);
		if (++b->n == BATCH_ROWS * 4) {
			batch_give(v, b);
			b = NULL;
		}
	}
	if (b)
		batch_give(v, b);
	return db_done(r);
}

/* The node sums disagree: walk the leaves again, looking each node up. */
static enum err recheck_nodes(struct verify *v)
{
	struct merkle_frontier fr;
	struct db_res *r;
	enum err e = db_exec_cursor(v->db, &verify_stmts, V_ENTRIES, &r);
	if (e != E_OK)
		return e;
	merkle_frontier_init(&fr);
	v->node_lookup = true;
	while (db_row(r)) {
		uint8_t leaf[32];
		const char *entry = db_text(r, 4);
		trail_verify_leaf_hash(entry ? entry : "", entry ? strlen(entry) : 0, leaf);
		tree_append(v, &fr, leaf);
	}
	return db_done(r);
}

/* ---- entries -------------------------------------------------------------------- */

/* The index of a registered entity, or -1. */
static int entity_find(struct verify *v, const char *name, size_t len)
{
	if (v->last_ent < v->nents && v->ents[v->last_ent].len == len &&
	    memcmp(v->ents[v->last_ent].name, name, len) == 0)
		return (int)v->last_ent;
	for (size_t i = 0; i < v->nents; i++)
		if (v->ents[i].len == len && memcmp(v->ents[i].name, name, len) == 0) {
			v->last_ent = i;
			return (int)i;
		}
	return -1;
}

/* Is key[0..len) a row id exactly as "%lld" prints it?  Then *id is it. */
static bool key_is_id(const char *key, size_t len, int64_t *id)
{
	char buf[24];
	if (len == 0 || len > 20)
		return false;
	memcpy(buf, key, len);
	buf[len] = '\0';
	char *end;
	long long x = strtoll(buf, &end, 10);
	char back[24];
	snprintf(back, sizeof(back), "%lld", x);
	if (*end || strcmp(back, buf) != 0)
		return false;
	*id = x;
	return true;
}

/* Remember a row entry as its key's latest value (value NULL: a deletion). */
static void record_row(struct verify *v, const char *entity, size_t elen, const char *key,
		       size_t klen, uint64_t seq, const char *value, size_t vlen)
{
	int ent = entity_find(v, entity, elen);
	if (ent < 0)
		return; /* no registered table: no row to hold it against */
	int64_t id;
	uint8_t odd = 0;
	if (!key_is_id(key, klen, &id)) {
		/* Never matches a row; reported by its number like any other. */
		uint8_t h[16];
		digest(v, key, klen, h);
		memcpy(&id, h, sizeof(id));
		odd = SL_ODD;
	}
	struct slot *s = slot_get(v, (uint16_t)ent, id, odd, true);
	s->seq = seq;
	s->flags = (uint8_t)(SL_USED | odd | (value ? 0 : SL_DELETED));
	if (odd) {
		char *copy = malloc(klen + 1);
		if (!copy)
			abort();
		memcpy(copy, key, klen);
		copy[klen] = '\0';
		int64_t shown = strtoll(copy, NULL, 10); /* the number the report shows */
		free(copy);
		memcpy(s->digest, &shown, sizeof(shown));
	} else if (value) {
		digest(v, value, vlen, s->digest);
	}
}

/*
 * A strict scanner for the canonical entry
 *   {"action":S,"actor":S,"entity":S,"key":S,"kind":S,"seq":N,"ts":S,"value":V,"village":N}
 * accepting only what json_loads accepts (UTF-8 checked as jansson does) and
 * only what json_canonical writes: no white space, integers of at most 18
 * digits, no reals, no \u0000 or surrogate escapes.  Anything else goes to the
 * slow path, which decides as before.
 */
struct scanned {
	const char *str[5]; /* action, actor, entity, key, kind: the text inside quotes */
	size_t len[5];	    /* their lengths */
	int64_t seq;	    /* "seq" */
	const char *value;  /* the value's text */
	size_t value_len;   /* its length */
	bool value_null;    /* the value is null */
};

typedef const unsigned char *cursor;

/* A byte that a JSON string holds as it is, needing no escape and no UTF-8 check. */
static inline bool plain(unsigned c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* One UTF-8 sequence at p as jansson's utf8_check_first/utf8_check_full: its length, 0 if invalid.
 */
static size_t utf8_seq(cursor p, cursor end)
{
	unsigned c = p[0];
	size_t n;
	uint32_t cp;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000))
		return 0;
	return n;
}

/* A string at p; returns the byte after its closing quote, NULL to give up.
 * *esc is set when it holds an escape. */
static cursor scan_string(cursor p, cursor end, bool *esc)
{
	if (p >= end || *p != '"')
		return NULL;
	p++;
	for (;;) {
		while (p < end && plain(*p))
			p++;
		if (p >= end)
			return NULL;
		unsigned c = *p;
		if (c == '"')
			return p + 1;
		if (c == '\\') {
			*esc = true;
			if (end - p < 2)
				return NULL;
			switch (p[1]) {
			case '"':
			case '\\':
			case '/':
			case 'b':
			case 'f':
			case 'n':
			case 'r':
			case 't':
				p += 2;
				break;
			case 'u': {
				if (end - p < 6)
					return NULL;
				int u = 0;
				for (int i = 2; i < 6; i++) {
					int h = hexval(p[i]);
					if (h < 0)
						return NULL;
					u = u << 4 | h;
				}
				if (u == 0 || (u >= 0xD800 && u <= 0xDFFF))
					return NULL;
				p += 6;
				break;
			}
			default:
				return NULL;
			}
			continue;
		}
		if (c < 0x20)
			return NULL;
		size_t n = utf8_seq(p, end);
		if (!n)
			return NULL;
		p += n;
	}
}

static bool is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

/* An integer as json_loads reads one (at most 18 digits); NULL for anything else. */
static cursor scan_int(cursor p, cursor end, int64_t *out)
{
	bool neg = false;
	int64_t x = 0;
	if (p < end && *p == '-') {
		neg = true;
		p++;
	}
	cursor start = p;
	if (p >= end || !is_digit(*p))
		return NULL;
	if (*p == '0') {
		p++;
	} else {
		while (p < end && is_digit(*p) && p - start < 18)
			x = x * 10 + (*p++ - '0');
	}
	/* A longer number, a leading zero, a real: json_loads decides. */
	if (p < end && (*p == '.' || *p == 'e' || *p == 'E' || is_digit(*p)))
		return NULL;
	*out = neg ? -x : x;
	return p;
}

static cursor scan_value(cursor p, cursor end, int depth)
{
	bool esc = false;
	int64_t x;
	if (p >= end || depth > 64)
		return NULL;
	switch (*p) {
	case '"':
		return scan_string(p, end, &esc);
	case '{':
	case '[': {
		bool obj = *p == '{';
		unsigned char close = obj ? '}' : ']';
		p++;
		if (p < end && *p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				p = scan_string(p, end, &esc);
				if (!p || p >= end || *p != ':')
					return NULL;
				p++;
			}
			p = scan_value(p, end, depth + 1);
			if (!p || p >= end)
				return NULL;
			if (*p == close)
				return p + 1;
			if (*p != ',')
				return NULL;
			p++;
		}
	}
	case 't':
		return end - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return end - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return end - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default:
		return scan_int(p, end, &x);
	}
}

static cursor scan_lit(cursor p, cursor end, const char *lit, size_t n)
{
	return p && (size_t)(end - p) >= n && memcmp(p, lit, n) == 0 ? p + n : NULL;
}

#define LIT(p, s) scan_lit(p, end, s, sizeof(s) - 1)

static bool scan_entry(const char *text, size_t len, struct scanned *sc)
{
	static const char *const keys[5] = {
	    "{\"action\":", ",\"actor\":", ",\"entity\":", ",\"key\":", ",\"kind\":"};
	cursor p = (cursor)text, end = p + len;
	for (int i = 0; i < 5; i++) {
		bool esc = false;
		p = scan_lit(p, end, keys[i], strlen(keys[i]));
		cursor q = p ? scan_string(p, end, &esc) : NULL;
		if (!q || esc)
			return false;
		sc->str[i] = (const char *)p + 1;
		sc->len[i] = (size_t)(q - p - 2);
		p = q;
	}
	bool esc = false;
	p = LIT(p, ",\"seq\":");
	p = p ? scan_int(p, end, &sc->seq) : NULL;
	p = LIT(p, ",\"ts\":");
	p = p ? scan_string(p, end, &esc) : NULL;
	p = LIT(p, ",\"value\":");
	if (!p)
		return false;
	cursor v = p;
	p = scan_value(p, end, 1);
	if (!p)
		return false;
	sc->value = (const char *)v;
	sc->value_len = (size_t)(p - v);
	sc->value_null = sc->value_len == 4 && memcmp(v, "null", 4) == 0;
	p = LIT(p, ",\"village\":");
	if (!p)
		return false;
	int64_t village;
	cursor q = LIT(p, "null");
	p = q ? q : scan_int(p, end, &village);
	p = LIT(p, "}");
	return p == end;
}

/* One row of trail.entries as the worker sees it, copied out of the result. */
struct entry_row {
	uint64_t seq;	    /* trail.seq */
	const char *col[6]; /* 1 action, 2 entity, 3 key, 4 entry, 5 leaf_hash; NULL for NULL */
};

/* The column's text equals s[0..len)? */
static bool col_is(const struct entry_row *r, int col, const char *s, size_t len)
{
	const char *t = r->col[col];
	return t && strlen(t) == len && memcmp(t, s, len) == 0;
}

/* The entry as json_loads sees it: the verdicts of the fast path's fallback. */
static void read_entry_slow(struct verify *v, const struct entry_row *r, uint64_t seq,
			    const char *entry)
{
	json_error_t je;
	json_t *o = json_loads(entry, 0, &je);
	const char *kind = json_string_value(json_object_get(o, "kind"));
	const char *entity = json_string_value(json_object_get(o, "entity"));
	const char *key = json_string_value(json_object_get(o, "key"));
	const char *action = json_string_value(json_object_get(o, "action"));
	json_t *jseq = json_object_get(o, "seq");
	if (!o || !kind || !entity || !key || !action || !json_is_integer(jseq) ||
	    (uint64_t)json_integer_value(jseq) != seq || !col_is(r, 2, entity, strlen(entity)) ||
	    !col_is(r, 3, key, strlen(key)) || !col_is(r, 1, action, strlen(action))) {
		problem(v, "日志第 %llu 条：条目内容与索引列不符", (unsigned long long)seq);
	} else if (strcmp(kind, "row") == 0) {
		json_t *val = json_object_get(o, "value");
		if (json_is_null(val)) {
			record_row(v, entity, strlen(entity), key, strlen(key), seq, NULL, 0);
		} else {
			/* A missing value matches no row's text. */
			char *t = val ? json_canonical(val) : NULL;
			record_row(v, entity, strlen(entity), key, strlen(key), seq, t ? t : "",
				   t ? strlen(t) : 0);
			free(t);
		}
	}
	json_decref(o);
}

static void read_entry(struct verify *v, const struct entry_row *r)
{
	uint64_t seq = r->seq;
	const char *entry = r->col[4];
	uint8_t leaf[32], stored[32];
	if (!entry)
		entry = "";
	size_t len = strlen(entry); /* as json_loads reads it */
	if (seq != v->fr.size) {
		problem(v, "日志序号不连续：应为第 %llu 条，实为第 %llu 条（有条目被删除）",
			(unsigned long long)v->fr.size, (unsigned long long)seq);
	}
	trail_verify_leaf_hash(entry, len, leaf);
	const char *leafhex = r->col[5];
	if (!hex_decode(leafhex, leafhex ? strlen(leafhex) : 0, stored, 32) ||
	    memcmp(stored, leaf, 32) != 0)
		problem(v, "日志第 %llu 条：哈希不符（条目被改写）", (unsigned long long)seq);
	struct scanned sc;
	if (scan_entry(entry, len, &sc)) {
		if (sc.seq < 0 || (uint64_t)sc.seq != seq || !col_is(r, 2, sc.str[2], sc.len[2]) ||
		    !col_is(r, 3, sc.str[3], sc.len[3]) || !col_is(r, 1, sc.str[0], sc.len[0]))
			problem(v, "日志第 %llu 条：条目内容与索引列不符", (unsigned long long)seq);
		else if (sc.len[4] == 3 && memcmp(sc.str[4], "row", 3) == 0)
			record_row(v, sc.str[2], sc.len[2], sc.str[3], sc.len[3], seq,
				   sc.value_null ? NULL : sc.value, sc.value_len);
	} else {
		read_entry_slow(v, r, seq, entry);
	}
	tree_append(v, &v->fr, leaf);
	v->rep->entries++;
	check_prefix(v);
}

/* ---- rows ----------------------------------------------------------------------- */

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

/* The logged value of entry seq as json_canonical writes it (malloc'ed), or NULL. */
static char *logged_canonical(struct verify *v, uint64_t seq)
{
	char *entry = trail_entry_text(v->db, seq), *t = NULL;
	if (!entry)
		return NULL;
	json_t *o = json_loads(entry, 0, NULL);
	json_t *val = json_object_get(o, "value");
	if (val)
		t = json_canonical(val);
	json_decref(o);
	free(entry);
	return t;
}

/* How one table's rows are written as canonical JSON, from its first row. */
struct layout {
	int ncols;	    /* columns */
	int *order;	    /* column indices in key order */
	char **prefix;	    /* per position: {"name": or ,"name": */
	size_t *prefix_len; /* their lengths */
	int id_col;	    /* the "id" column, -1 if none */
	int joined_col;	    /* the column built from st_parts, -1 if none */
	bool fast;	    /* false: names need escaping or repeat; use jansson */
};

static void layout_free(struct layout *l)
{
	for (int i = 0; i < l->ncols; i++)
		free(l->prefix[i]);
	free(l->prefix);
	free(l->prefix_len);
	free(l->order);
	memset(l, 0, sizeof(*l));
}

struct named {
	const char *name; /* column name */
	int col;	  /* its index */
};

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static void layout_make(struct layout *l, const struct db_res *r, const char *joined)
{
	int n = db_ncols(r);
	struct named *cols = calloc((size_t)n + 1, sizeof(*cols));
	l->ncols = n;
	l->order = calloc((size_t)n + 1, sizeof(*l->order));
	l->prefix = calloc((size_t)n + 1, sizeof(*l->prefix));
	l->prefix_len = calloc((size_t)n + 1, sizeof(*l->prefix_len));
	if (!cols || !l->order || !l->prefix || !l->prefix_len)
		abort();
	l->fast = true;
	l->id_col = -1;
	l->joined_col = -1;
	for (int i = 0; i < n; i++) {
		const char *name = db_colname(r, i);
		cols[i].name = name ? name : "";
		cols[i].col = i;
		for (const char *p = cols[i].name; *p; p++)
			if (!plain((unsigned char)*p))
				l->fast = false; /* escapes or non-ASCII: jansson decides */
		if (strcmp(cols[i].name, "id") == 0)
			l->id_col = i;
		if (joined && strcmp(cols[i].name, joined) == 0)
			l->joined_col = i;
	}
	qsort(cols, (size_t)n, sizeof(*cols), named_cmp);
	for (int i = 0; i < n; i++) {
		if (i > 0 && strcmp(cols[i - 1].name, cols[i].name) == 0)
			l->fast = false; /* json_row keeps the last of a repeated name */
		l->order[i] = cols[i].col;
		size_t len = strlen(cols[i].name) + 4;
		l->prefix[i] = malloc(len + 1);
		if (!l->prefix[i])
			abort();
		snprintf(l->prefix[i], len + 1, "%c\"%s\":", i ? ',' : '{', cols[i].name);
		l->prefix_len[i] = len;
	}
	free(cols);
}

/* The row's id as the fast path keys it: its integer "id" column, else 0. */
static int64_t row_id(const struct layout *l, const struct db_res *r)
{
	return l->id_col >= 0 && db_coltype(r, l->id_col) == DB_T_INT ? db_int(r, l->id_col) : 0;
}

/* s[0..n) as a JSON string, escaped as jansson's dump_string escapes it. */
static void add_string(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	buf_grow(b, 6 * n + 2);
	char *o = b->ptr + b->len;
	*o++ = '"';
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && (*p >= 0x20 && *p != '"' && *p != '\\'))
			p++;
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
		if (p >= end)
			break;
		unsigned c = *p++;
		*o++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*o++ = (char)c;
			break;
		case '\b':
			*o++ = 'b';
			break;
		case '\f':
			*o++ = 'f';
			break;
		case '\n':
			*o++ = 'n';
			break;
		case '\r':
			*o++ = 'r';
			break;
		case '\t':
			*o++ = 't';
			break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
		}
	}
	*o++ = '"';
	b->len = (size_t)(o - b->ptr);
	b->ptr[b->len] = '\0';
}

static void add_int(struct buf *b, int64_t x)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = x < 0 ? -(uint64_t)x : (uint64_t)x;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (x < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/*
 * A row travels from the reader to the worker as a record in the batch's text:
 * the table's index, the row id, then either ROW_DIGEST and the 16 bytes the
 * reader computed (tables jansson must write) or ROW_COLUMNS and every column in
 * the layout's key order: a tag byte (DB_T_*), then 8 bytes of integer, or 8
 * bytes of length and the text or blob.
 */
enum { ROW_COLUMNS, ROW_DIGEST };

static void rec_put(struct buf *b, const void *p, size_t n)
{
	buf_add(b, p, n);
}

/* The row as the reader copies it out of the result (layout order); the joined
 * column, if any, is `joined` (NULL: none). */
static void row_encode(struct buf *b, const struct layout *l, const struct db_res *r,
		       const struct buf *joined)
{
	for (int i = 0; i < l->ncols; i++) {
		int c = l->order[i];
		if (c == l->joined_col) {
			uint64_t n = joined ? joined->len : 0;
			buf_addc(b, joined ? DB_T_TEXT : DB_T_NULL);
			if (joined) {
				rec_put(b, &n, 8);
				rec_put(b, joined->ptr, (size_t)n);
			}
			continue;
		}
		struct db_cell v;
		db_cell(r, c, &v);
		buf_grow(b, 1 + 8 + v.len);
		char *o = b->ptr + b->len;
		*o++ = (char)v.type;
		if (v.type == DB_T_INT) {
			memcpy(o, &v.i, 8);
			o += 8;
		} else if (v.type == DB_T_TEXT || v.type == DB_T_BLOB) {
			uint64_t n = v.len;
			memcpy(o, &n, 8);
			memcpy(o + 8, v.s, v.len);
			o += 8 + v.len;
		}
		b->len = (size_t)(o - b->ptr);
	}
}

/* The row record at *p as json_canonical(json_row(r)) writes it, into v->text;
 * *p moves past it. */
static void row_text(struct verify *v, const struct layout *l, const unsigned char **p)
{
	struct buf *b = &v->text;
	const unsigned char *q = *p;
	buf_reset(b);
	if (l->ncols == 0) {
		buf_adds(b, "{}");
		return;
	}
	for (int i = 0; i < l->ncols; i++) {
		buf_add(b, l->prefix[i], l->prefix_len[i]);
		uint8_t tag = *q++;
		int64_t x;
		uint64_t n;
		switch (tag) {
		case DB_T_INT:
			memcpy(&x, q, 8);
			q += 8;
			add_int(b, x);
			break;
		case DB_T_TEXT:
			memcpy(&n, q, 8);
			q += 8;
			add_string(b, (const char *)q, (size_t)n);
			q += n;
			break;
		case DB_T_BLOB:
			memcpy(&n, q, 8);
			q += 8;
			buf_grow(b, 2 * (size_t)n + 3);
			b->ptr[b->len++] = '"';
			sodium_bin2hex(b->ptr + b->len, 2 * (size_t)n + 1, q, (size_t)n);
			b->len += 2 * (size_t)n;
			b->ptr[b->len++] = '"';
			b->ptr[b->len] = '\0';
			q += n;
			break;
		default:
			buf_add(b, "null", 4);
			break;
		}
	}
	buf_addc(b, '}');
	*p = q;
}

/* The row differs from its slot's digest: decide as jansson does, report if so. */
static void row_differs(struct verify *v, const struct trail_table *t, const char *key,
			const struct slot *s, const struct db_res *r)
{
	json_t *row = json_row(r);
	char *cur = json_canonical(row);
	char *logged = logged_canonical(v, s->seq);
	if (!cur || !logged || strcmp(cur, logged) != 0) {
		char diff[1024];
		diff_columns(v, s->seq, row, diff, sizeof(diff));
		problem(v, "表 %s 记录 %s：与日志第 %llu 条不符（绕过系统修改）%s%s", t->entity,
			key, (unsigned long long)s->seq, diff[0] ? "：" : "", diff);
	}
	free(cur);
	free(logged);
	json_decref(row);
}

/* The row's verdict where the log alone decides it: not logged (reported), or the
 * same digest as its latest value.  False: it differs, and the row itself must
 * decide. */
static bool check_row_quick(struct verify *v, size_t table, int64_t id, const uint8_t val[16])
{
	struct slot *s = slot_get(v, v->table_ent[table], id, 0, false);
	if (!s || (s->flags & SL_DELETED)) {
		problem(v, "表 %s 记录 %lld：不在日志中（绕过系统写入）",
			trail_table_at(table)->entity, (long long)id);
		return true;
	}
	s->flags |= SL_SEEN;
	return memcmp(s->digest, val, 16) == 0;
}

/* Hold a row (its id and digest) against the log, reading it again by id should
 * it differ (the same snapshot: it is there). */
static enum err check_row(struct verify *v, size_t table, int64_t id, const uint8_t val[16])
{
	if (check_row_quick(v, table, id, val))
		return E_OK;
	v->rep->reread++;
	const struct trail_table *t = trail_table_at(table);
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	const struct slot *s = slot_get(v, v->table_ent[table], id, 0, false);
	struct db_res *res;
	enum err e = db_one(v->db, t->set, t->st_get, DB_PARAMS(DB_INT(id)), &res);
	if (e != E_OK)
		return e;
	row_differs(v, t, key, s, res);
	return db_done(res);
}

/*
 * Every table is first held against the log silently, by the worker: a table
 * all of whose rows are their latest logged values is done; one with a row that
 * is not is read again at the end by the reading thread, row by row through
 * check_row, in table order — so what is reported, and in which order, is that
 * of a single pass, whoever read what first.
 */
enum {
	TB_STOLEN = 1,	/* the worker read it through its own connection */
	TB_DIFFERS = 2, /* a row is not its latest logged value: read it again */
};

/* The row is its latest logged value (marking it seen); silent. */
static bool row_matches(struct verify *v, size_t table, int64_t id, const uint8_t val[16])
{
	struct slot *s = slot_get(v, v->table_ent[table], id, 0, false);
	if (!s || (s->flags & SL_DELETED))
		return false;
	s->flags |= SL_SEEN;
	return memcmp(s->digest, val, 16) == 0;
}

/* The worker's verdict on one row record of the reader's; *p moves past it. */
static void row_process(struct verify *v, const unsigned char **p)
{
	const unsigned char *q = *p;
	uint64_t table;
	int64_t id;
	uint8_t val[16];
	memcpy(&table, q, 8);
	memcpy(&id, q + 8, 8);
	uint8_t how = q[16];
	q += 17;
	if (how == ROW_DIGEST) {
		memcpy(val, q, 16);
		q += 16;
	} else {
		row_text(v, &v->layouts[table], &q);
		digest(v, v->text.ptr, v->text.len, val);
	}
	*p = q;
	if (!(v->tables[table] & TB_DIFFERS) && !row_matches(v, (size_t)table, id, val))
		v->tables[table] |= TB_DIFFERS;
}

static void rows_give(struct verify *v);

/* Read a table in its own order; its rows go to the worker as records. */
/* A row the fast layout cannot write, as the reader hashes it itself. */
static void row_digest(struct verify *v, const struct trail_table *t, const struct db_res *r,
		       const struct buf *joined, int64_t *id, uint8_t val[16])
{
	json_t *row = json_row(r);
	if (t->joined_col)
		json_object_set_new(row, t->joined_col,
				    joined ? json_stringn(joined->ptr, joined->len) : json_null());
	*id = json_integer_value(json_object_get(row, "id"));
	char *text = json_canonical(row);
	digest(v, text ? text : "", text ? strlen(text) : 0, val);
	free(text);
	json_decref(row);
}

/* ---- reading the tables --------------------------------------------------------
 *
 * The reader reads the tables after the log, largest first (by its count of
 * their entries), its rows going to the worker.  Once the worker has every
 * entry it would idle meanwhile, so it reads tables too, from the smallest up,
 * through a second connection in the same snapshot; both hold rows against the
 * log silently (row_matches) and leave what differs to recheck_tables.
 */

/* A table read row by row: its rows, and for a joined column its parts. */
struct table_read {
	struct verify *v;	     /* the run */
	const struct trail_table *t; /* the table */
	struct db_res *r;	     /* st_all or st_all_bare */
	struct db_res *parts;	     /* st_parts, or NULL */
	bool more;		     /* parts has a current row */
	struct buf joined;	     /* the current row's joined column */
	const struct buf *jv;	     /* &joined, or NULL for a NULL column */
	struct layout *l;	     /* the table's layout */
	bool report;		     /* report orphans (else only count them) */
	uint64_t orphans;	     /* parts whose owner row was not read */
	int64_t last_orphan;	     /* the owner of the last one reported */
};

/* A part whose owner row does not exist (a voucher line without its voucher,
 * written behind the program's back: no logged value holds it). */
static void part_orphan(struct table_read *tr, int64_t owner)
{
	if (tr->report && (!tr->orphans || owner != tr->last_orphan))
		problem(tr->v, "表 %s 记录 %lld：不存在，却有它的 %s 明细（绕过系统写入）",
			tr->t->entity, (long long)owner, tr->t->joined_col);
	tr->orphans++;
	tr->last_orphan = owner;
}

/* The parts of the row `id`, as trail_table.joined_col describes: into
 * tr->joined, false when it has none.  Parts of owners before it are orphans. */
static bool parts_join(struct table_read *tr, int64_t id)
{
	struct db_res *parts = tr->parts;
	struct buf *out = &tr->joined;
	bool any = false;
	buf_reset(out);
	while (tr->more && db_int(parts, 0) <= id) {
		int64_t owner = db_int(parts, 0);
		if (owner != id) {
			part_orphan(tr, owner);
		} else {
			if (any)
				buf_addc(out, ';');
			any = true;
			for (int c = 1, n = db_ncols(parts); c < n; c++) {
				struct db_cell cv;
				db_cell(parts, c, &cv);
				if (c > 1)
					buf_addc(out, '|');
				if (cv.type == DB_T_INT)
					add_int(out, cv.i); /* as SQLite prints it */
				else if (cv.s)
					buf_add(out, cv.s, cv.len);
			}
		}
		tr->more = db_row(parts);
	}
	return any;
}

static enum err table_open(struct verify *v, struct db_conn *c, size_t table, struct table_read *tr)
{
	const struct trail_table *t = trail_table_at(table);
	memset(tr, 0, sizeof(*tr));
	tr->v = v;
	tr->t = t;
	tr->joined = (struct buf)BUF_INIT;
	tr->l = &v->layouts[table];
	enum err e = db_exec_cursor(c, t->set, t->joined_col ? t->st_all_bare : t->st_all, &tr->r);
	if (e == E_OK && t->joined_col &&
	    (e = db_exec_cursor(c, t->set, t->st_parts, &tr->parts)) != E_OK)
		db_done(tr->r);
	if (e != E_OK)
		return e;
	tr->more = tr->parts && db_row(tr->parts);
	return E_OK;
}

/* The next row, its layout made on the first; after the last, the parts left
 * are orphans. */
static bool table_next(struct table_read *tr, const struct trail_table *t)
{
	if (!db_row(tr->r)) {
		for (; tr->more; tr->more = db_row(tr->parts))
			part_orphan(tr, db_int(tr->parts, 0));
		return false;
	}
	struct layout *l = tr->l;
	if (!l->order)
		layout_make(l, tr->r, t->joined_col);
	tr->jv = NULL;
	if (tr->parts && l->id_col >= 0 && db_coltype(tr->r, l->id_col) == DB_T_INT &&
	    parts_join(tr, db_int(tr->r, l->id_col)))
		tr->jv = &tr->joined;
	return true;
}

static enum err table_close(struct table_read *tr)
{
	buf_release(&tr->joined);
	enum err e = db_done(tr->r);
	enum err pe = db_done(tr->parts);
	return e != E_OK ? e : pe;
}

/* The current row's id and keyed digest of its canonical text; rec is scratch. */
static void table_row_digest(struct verify *v, const struct trail_table *t,
			     struct table_read *tr, struct buf *rec, int64_t *id, uint8_t val[16])
{
	const struct layout *l = tr->l;
	if (!l->fast) {
		row_digest(v, t, tr->r, tr->jv, id, val);
		return;
	}
	*id = row_id(l, tr->r);
	buf_reset(rec);
	row_encode(rec, l, tr->r, tr->jv);
	const unsigned char *q = (const unsigned char *)rec->ptr;
	row_text(v, l, &q);
	digest(v, v->text.ptr, v->text.len, val);
}

static void drain(struct verify *v);

/* The worker reads table `table` through v->db2, holding its rows against the
 * log (TB_DIFFERS at the first that differs, or should reading fail). */
static void steal_table(struct verify *v, size_t table)
{
	const struct trail_table *t = trail_table_at(table);
	struct table_read tr;
	struct buf rec = BUF_INIT;
	uint64_t rows = 0;
	bool clean = table_open(v, v->db2, table, &tr) == E_OK;
	if (clean) {
		while (table_next(&tr, t)) {
			int64_t id;
			uint8_t val[16];
			table_row_digest(v, t, &tr, &rec, &id, val);
			if (!row_matches(v, table, id, val)) {
				clean = false;
				break;
			}
			if (++rows % 256 == 0)
				drain(v); /* the reader's batches must not wait for a whole table */
		}
		if (tr.orphans)
			clean = false;
		if (table_close(&tr) != E_OK)
			clean = false;
	}
	buf_release(&rec);
	v->tables[table] |= TB_STOLEN | (clean ? 0 : TB_DIFFERS);
	if (clean)
		v->stolen_rows += rows;
}

/* After the worker and the log's own checks: the tables that differ, read again
 * here in table order, every row through check_row (which reports).  The rows of
 * the worker's tables are counted here; the reader counted its own. */
static enum err recheck_tables(struct verify *v)
{
	struct buf rec = BUF_INIT;
	enum err e = E_OK;
	for (size_t i = 0; i < v->ntables && e == E_OK; i++) {
		if (!(v->tables[i] & TB_DIFFERS) && !v->orphaned[i])
			continue;
		const struct trail_table *t = trail_table_at(i);
		struct table_read tr;
		if ((e = table_open(v, v->db, i, &tr)) != E_OK)
			break;
		tr.report = true;
		while (e == E_OK && table_next(&tr, t)) {
			int64_t id;
			uint8_t val[16];
			table_row_digest(v, t, &tr, &rec, &id, val);
			if (v->tables[i] & TB_STOLEN)
				v->rep->rows++;
			e = check_row(v, i, id, val);
		}
		enum err ce = table_close(&tr);
		if (e == E_OK)
			e = ce;
	}
	buf_release(&rec);
	v->rep->rows += v->stolen_rows;
	return e;
}

static enum err compare_table(struct verify *v, const struct trail_table *t, size_t table)
{
	struct table_read tr;
	enum err e = table_open(v, v->db, table, &tr);
	if (e != E_OK)
		return e;
	const struct layout *l = tr.l;
	while (table_next(&tr, t)) {
		if (!v->rows)
			v->rows = batch_take(v->pipe);
		struct buf *b = &v->rows->text;
		uint64_t tix = table;
		int64_t id;
		rec_put(b, &tix, 8);
		if (l->fast) {
			id = row_id(l, tr.r);
			rec_put(b, &id, 8);
			buf_addc(b, ROW_COLUMNS);
			row_encode(b, l, tr.r, tr.jv);
		} else {
			uint8_t val[16];
			row_digest(v, t, tr.r, tr.jv, &id, val);
			rec_put(b, &id, 8);
			buf_addc(b, ROW_DIGEST);
			rec_put(b, val, 16);
		}
		v->rep->rows++;
		if (++v->rows->n == BATCH_ROWS || b->len >= BATCH_BYTES)
			rows_give(v);
	}
	v->orphaned[table] = tr.orphans > 0;
	return table_close(&tr);
}

static int missing_cmp(const void *a, const void *b)
{
	const struct slot *x = *(const struct slot *const *)a, *y = *(const struct slot *const *)b;
	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

/* Logged rows whose table no longer has them, by table and key. */
static void report_missing_rows(struct verify *v)
{
	size_t n = 0, cap = 0;
	const struct slot **list = NULL;
	for (size_t k = 0; k <= v->nents; k++) {
		const struct slot *slots = k < v->nents ? v->ents[k].dense : v->map.slots;
		size_t count = k < v->nents ? v->ents[k].dense_cap : v->map.cap;
		for (size_t i = 0; i < count; i++) {
			const struct slot *s = &slots[i];
			if (!(s->flags & SL_USED) || (s->flags & (SL_DELETED | SL_SEEN)))
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				list = realloc(list, cap * sizeof(*list));
				if (!list)
					abort();
			}
			list[n++] = s;
		}
	}
	if (!n)
		return;
	qsort(list, n, sizeof(*list), missing_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct slot *s = list[i];
		int64_t shown = s->key;
		if (s->flags & SL_ODD)
			memcpy(&shown, s->digest, sizeof(shown));
		problem(
		    v,
		    "表 %s 记录 %lld：已被删除，但日志中没有删除记录（日志第 %llu 条为其最新值）",
		    v->ents[s->ent].table->entity, (long long)shown, (unsigned long long)s->seq);
	}
	free(list);
}

/* ---- the run -------------------------------------------------------------------- */

static enum err load_checkpoint(struct verify *v, const struct trail_signer *s, const char *text,
				struct errinfo *ei)
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

/* The stored head as trail_head reads it, without its row lock. */
static bool read_head(struct verify *v, uint64_t *size, uint8_t root[32])
{
	struct db_res *r;
	if (db_one(v->db, &verify_stmts, V_HEAD, DB_NOPARAMS, &r) != E_OK)
		return false;
	const char *hex = db_text(r, 1);
	uint8_t bin[MERKLE_FRONTIER_ENCODED_MAX];
	size_t len = 0;
	struct merkle_frontier fr;
	struct errinfo ei = {0};
	bool ok = true;
	merkle_frontier_init(&fr);
	if (hex && *hex &&
	    sodium_hex2bin(bin, sizeof(bin), hex, strlen(hex), NULL, &len, NULL) != 0)
		ok = false;
	else if (len && merkle_frontier_decode(&fr, bin, len, &ei) != E_OK)
		ok = false;
	else if (fr.size != (uint64_t)db_int(r, 0))
		ok = false;
	if (db_done(r) != E_OK)
		ok = false;
	if (ok) {
		*size = fr.size;
		merkle_frontier_root(&fr, root);
	}
	return ok;
}

static void entities_make(struct verify *v)
{
	size_t n = 0;
	while (trail_table_at(n))
		n++;
	v->ents = calloc(n + 1, sizeof(*v->ents));
	v->table_ent = calloc(n + 1, sizeof(*v->table_ent));
	v->layouts = calloc(n + 1, sizeof(*v->layouts));
	v->tables = calloc(n + 1, sizeof(*v->tables));
	v->orphaned = calloc(n + 1, sizeof(*v->orphaned));
	v->order = calloc(n + 1, sizeof(*v->order));
	v->ent_entries = calloc(n + 1, sizeof(*v->ent_entries));
	v->ntables = n;
	if (!v->ents || !v->table_ent || !v->layouts || !v->tables || !v->order ||
	    !v->ent_entries || !v->orphaned)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct trail_table *t = trail_table_at(i);
		size_t len = strlen(t->entity);
		size_t j;
		for (j = 0; j < v->nents; j++)
			if (v->ents[j].len == len && memcmp(v->ents[j].name, t->entity, len) == 0)
				break;
		if (j == v->nents)
			v->ents[v->nents++] = (struct entity){t->entity, len, t, NULL, 0};
		v->table_ent[i] = (uint16_t)j;
	}
}

static void log_end(struct verify *v);

static void batch_process(struct verify *v, struct batch *b)
{
	if (b->kind == BK_ENTRIES) {
		for (size_t i = 0; i < b->n; i++) {
			struct entry_row r = {b->seq[i], {NULL}};
			for (int c = 0; c < 5; c++)
				r.col[c + 1] =
				    b->off[i][c] == SIZE_MAX ? NULL : b->text.ptr + b->off[i][c];
			read_entry(v, &r);
		}
	} else if (b->kind == BK_NODES) {
		const unsigned char *q = (const unsigned char *)b->text.ptr;
		for (size_t i = 0; i < b->n; i++)
			node_process(v, &q);
	} else if (b->kind == BK_LOG_END) {
		log_end(v);
		v->log_read = true;
	} else {
		const unsigned char *q = (const unsigned char *)b->text.ptr;
		for (size_t i = 0; i < b->n; i++)
			row_process(v, &q);
	}
	b->n = 0;
	buf_reset(&b->text);
}

/* With p->mu held: the oldest full batch, processed (the lock let go meanwhile)
 * and put back to be filled again; false when there is none. */
static bool batch_next(struct verify *v, struct pipe *p)
{
	struct batch *b = p->full;
	if (!b)
		return false;
	p->full = b->next;
	if (!p->full)
		p->tail = &p->full;
	pthread_mutex_unlock(&p->mu);
	batch_process(v, b);
	pthread_mutex_lock(&p->mu);
	b->next = p->idle;
	p->idle = b;
	pthread_cond_broadcast(&p->cv);
	return true;
}

/* The worker, between rows of a table of its own: the reader's batches first. */
static void drain(struct verify *v)
{
	struct pipe *p = v->pipe;
	pthread_mutex_lock(&p->mu);
	while (batch_next(v, p))
		;
	pthread_mutex_unlock(&p->mu);
}

/* The next table for the reader (from the front), false when none is left. */
static bool table_claim(struct verify *v, size_t *table)
{
	struct pipe *p = v->pipe;
	pthread_mutex_lock(&p->mu);
	bool any = p->lo < p->hi;
	if (any)
		*table = v->order[p->lo++];
	pthread_mutex_unlock(&p->mu);
	return any;
}

/* With p->mu held: a table for the worker (from the back), once it has every
 * entry and a connection of its own. */
static bool table_steal(struct verify *v, struct pipe *p, size_t *table)
{
	if (!v->db2 || !v->log_read || p->lo >= p->hi)
		return false;
	*table = v->order[--p->hi];
	return true;
}

static void *worker(void *arg)
{
	struct verify *v = arg;
	struct pipe *p = v->pipe;
	size_t table;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (batch_next(v, p))
			continue;
		if (table_steal(v, p, &table)) {
			pthread_mutex_unlock(&p->mu);
			steal_table(v, table);
			pthread_mutex_lock(&p->mu);
			continue;
		}
		if (p->end)
			break;
		pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static struct batch *batch_take(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	while (!p->idle && p->made >= BATCHES)
		pthread_cond_wait(&p->cv, &p->mu);
	struct batch *b = p->idle;
	if (b) {
		p->idle = b->next;
	} else {
		b = calloc(1, sizeof(*b));
		if (!b)
			abort();
		b->text = (struct buf)BUF_INIT;
		p->made++;
	}
	pthread_mutex_unlock(&p->mu);
	b->next = NULL;
	b->kind = BK_ENTRIES;
	return b;
}

static void batch_give(struct verify *v, struct batch *b)
{
	struct pipe *p = v->pipe;
	if (!p->running) {
		batch_process(v, b);
		b->next = p->idle;
		p->idle = b;
		return;
	}
	pthread_mutex_lock(&p->mu);
	*p->tail = b;
	p->tail = &b->next;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void pipe_start(struct verify *v, struct pipe *p)
{
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->tail = &p->full;
	p->hi = v->ntables;
	v->pipe = p;
	/* Without a thread the batches are checked here, one by one. */
	p->running = pthread_create(&p->thread, NULL, worker, v) == 0;
}

/* No more entries: wait for the worker to finish them. */
static void pipe_join(struct verify *v)
{
	struct pipe *p = v->pipe;
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->end = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	if (p->running)
		pthread_join(p->thread, NULL);
	while (p->idle) {
		struct batch *b = p->idle;
		p->idle = b->next;
		buf_release(&b->text);
		free(b);
	}
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	v->pipe = NULL;
}

/* Read the entries in order and hand them to the worker. */
/* One more entry of entity name[0..len): the reader's count, for table_order. */
static void count_entry(struct verify *v, const char *name, size_t len, size_t *last)
{
	size_t i = *last;
	if (i >= v->nents || v->ents[i].len != len || memcmp(v->ents[i].name, name, len) != 0)
		for (i = 0; i < v->nents; i++)
			if (v->ents[i].len == len && memcmp(v->ents[i].name, name, len) == 0)
				break;
	if (i < v->nents) {
		v->ent_entries[i]++;
		*last = i;
	}
}

static int order_cmp(const void *a, const void *b, void *arg)
{
	const struct verify *v = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	uint32_t nx = v->ent_entries[v->table_ent[x]];
	uint32_t ny = v->ent_entries[v->table_ent[y]];
	if (nx != ny)
		return nx > ny ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The tables, largest first by their entries: the reader takes the large ones
 * while the worker, later free, takes the small ones, and whoever finishes last
 * waits the least. */
static void table_order(struct verify *v)
{
	for (size_t i = 0; i < v->ntables; i++)
		v->order[i] = i;
	qsort_r(v->order, v->ntables, sizeof(*v->order), order_cmp, v);
}

static enum err read_entries(struct verify *v)
{
	struct db_res *r;
	enum err e = db_exec_cursor(v->db, &verify_stmts, V_ENTRIES, &r);
	if (e != E_OK)
		return e;
	struct batch *b = NULL;
	size_t last = SIZE_MAX; /* the entity of the previous entry (they come in runs) */
	while (db_row(r)) {
		if (!b)
			b = batch_take(v->pipe);
		b->seq[b->n] = (uint64_t)db_int(r, 0);
		for (int c = 0; c < 5; c++) {
			struct db_cell cell;
			db_cell(r, c + 1, &cell);
			if (cell.type == DB_T_INT) { /* as db_text would give it */
				b->off[b->n][c] = b->text.len;
				add_int(&b->text, cell.i);
				buf_addc(&b->text, '\0');
				continue;
			}
			if (!cell.s) {
				b->off[b->n][c] = SIZE_MAX;
				continue;
			}
			b->off[b->n][c] = b->text.len;
			buf_add(&b->text, cell.s, cell.len + 1);
			if (c == 1)
				count_entry(v, cell.s, cell.len, &last);
		}
		if (++b->n == BATCH_ROWS) {
			batch_give(v, b);
			b = NULL;
		}
	}
	if (b)
		batch_give(v, b);
	return db_done(r);
}

static bool nodes_agree(const struct verify *v)
{
	return !v->stored.bad && v->stored.n == v->computed.n && v->stored.sum == v->computed.sum;
}

/* The checks that need every entry but not the database: truncation, head. */
static void log_end_checks(struct verify *v)
{
	uint8_t root[32];
	if (v->cp_size > v->fr.size)
		problem(v, "日志被截断：检查点记录 %llu 条，当前仅 %llu 条",
			(unsigned long long)v->cp_size, (unsigned long long)v->fr.size);
	merkle_frontier_root(&v->fr, root);
	if (!v->head_ok)
		problem(v, "日志头记录缺失或损坏");
	else if (v->head_size != v->fr.size || memcmp(v->head_root, root, 32) != 0)
		problem(v, "日志头记录（%llu 条）与重算结果（%llu 条）不符",
			(unsigned long long)v->head_size, (unsigned long long)v->fr.size);
}

/* The worker, after the last entry: when the stored nodes agree, the log's last
 * checks are made here and the rows that follow are decided as they come;
 * otherwise the reading thread walks the nodes first (its lines come first). */
static void log_end(struct verify *v)
{
	if (!nodes_agree(v))
		return;
	log_end_checks(v);
	v->log_checked = true;
}

/* Hand the batch of rows being filled to the worker. */
static void rows_give(struct verify *v)
{
	if (v->rows) {
		v->rows->kind = BK_ROWS;
		batch_give(v, v->rows);
		v->rows = NULL;
	}
}

/* Join the worker, finish the log's checks, then the rows that wait, in order. */
static enum err entries_finish(struct verify *v)
{
	if (v->entries_done)
		return E_OK;
	rows_give(v);
	pipe_join(v);
	v->entries_done = true;
	enum err e = E_OK;
	if (!v->log_checked) {
		if (!nodes_agree(v))
			e = recheck_nodes(v);
		if (e == E_OK)
			log_end_checks(v);
	}
	return e;
}

static enum err run(struct verify *v)
{
	enum err e;
	struct pipe p;
	v->head_ok = read_head(v, &v->head_size, v->head_root);
	/* Ids of logged rows rarely pass the number of entries. */
	v->dense_limit = (v->head_ok ? v->head_size : 0) + 4096;
	pipe_start(v, &p);
	/* The worker checks entries while this thread reads the stored nodes, then
	 * the tables; their rows queue behind the last entry. */
	e = read_entries(v);
	table_order(v);
	if (e == E_OK)
		e = read_stored_nodes(v);
	if (e == E_OK) {
		struct batch *b = batch_take(v->pipe);
		b->kind = BK_LOG_END;
		batch_give(v, b);
	}
	size_t i;
	while (e == E_OK && table_claim(v, &i))
		e = compare_table(v, trail_table_at(i), i);
	if (e == E_OK)
		e = entries_finish(v);
	if (e == E_OK)
		e = recheck_tables(v);
	if (v->rows) { /* an error with a batch half full */
		buf_release(&v->rows->text);
		free(v->rows);
		v->rows = NULL;
	}
	pipe_join(v);
	if (e == E_OK)
		report_missing_rows(v);
	return e;
}

/* trail_head's row as stored, to tell whether two snapshots are one. */
struct head_row {
	enum err e;   /* of reading it: E_OK, E_NOTFOUND or an error */
	int64_t size; /* size */
	char *text;   /* frontier (malloc'ed), NULL for NULL */
};

static void head_row_read(struct db_conn *c, struct head_row *h)
{
	struct db_res *r;
	h->size = 0;
	h->text = NULL;
	h->e = db_one(c, &verify_stmts, V_HEAD, DB_NOPARAMS, &r);
	if (h->e != E_OK)
		return;
	h->size = db_int(r, 0);
	const char *t = db_text(r, 1);
	if (t && !(h->text = strdup(t)))
		abort();
	h->e = db_done(r);
}

static bool head_row_same(const struct head_row *a, const struct head_row *b)
{
	if (a->e != b->e || (a->e != E_OK && a->e != E_NOTFOUND))
		return false;
	if (a->size != b->size || !a->text != !b->text)
		return false;
	return !a->text || strcmp(a->text, b->text) == 0;
}

/*
 * Begin verify's snapshot on c and, on SQLite, the same one on a second
 * connection of db for the worker's share of the tables (*second; NULL: c reads
 * them all).  Debian's SQLite has no sqlite3_snapshot_open, but every write of
 * the program appends to the log in its transaction, so two read transactions
 * that see the same trail_head see the same commit; should one land in between,
 * both are begun again, and after three tries c alone reads, as on PostgreSQL.
 * A change behind the program's back landing in the microseconds between the
 * two first reads is seen by the second snapshot only, and reported as such
 * (the worker's tables that differ are read again through c).
 */
static enum err snapshots_begin(struct db *db, struct db_conn *c, struct db_conn **second)
{
	struct db_conn *c2 = NULL;
	*second = NULL;
	if (db && db_backend(db) == DB_SQLITE) {
		struct errinfo ei = {0};
		if (db_conn_get(db, &c2, &ei) != E_OK) {
			err_clear(&ei);
			c2 = NULL;
		}
	}
	for (int tries = 1;; tries++) {
		enum err e = db_begin_snapshot(c);
		if (e != E_OK || !c2) {
			if (c2)
				db_conn_put(db, c2);
			return e;
		}
		struct head_row h1, h2 = {E_DB, 0, NULL};
		bool same = false;
		head_row_read(c, &h1);
		if (db_begin_snapshot(c2) == E_OK) {
			head_row_read(c2, &h2);
			same = head_row_same(&h1, &h2);
		}
		free(h1.text);
		free(h2.text);
		if (same) {
			*second = c2;
			return E_OK;
		}
		db_rollback(c2);
		if (tries == 3) {
			db_conn_put(db, c2);
			return E_OK; /* c's snapshot, read whole by c */
		}
		db_rollback(c);
	}
}

enum err trail_verify_pool(struct db *db, struct db_conn *c, const struct trail_signer *s,
			   const char *checkpoint_text, FILE *out, struct trail_report *rep,
			   struct errinfo *ei)
{
	struct verify v = {0};
	struct db_conn *c2 = NULL;
	enum err e = E_OK;
	char *file_text = NULL;
	bool began = false;
	if (sodium_init() < 0)
		return err_set(ei, E_INTERNAL, "sodium", NULL, "libsodium 初始化失败");
	/* Verify runs from the command line and tests, never beside a server's threads. */
	db_stmts_register(&verify_stmts);
	v.db = c;
	v.out = out;
	v.rep = rep;
	v.text = (struct buf)BUF_INIT;
	memset(rep, 0, sizeof(*rep));
	merkle_frontier_init(&v.fr);
	randombytes_buf(v.key, sizeof(v.key));
	entities_make(&v);
	if (!checkpoint_text && s) {
		file_text = trail_read_small_file(s->file);
		checkpoint_text = file_text;
	}
	if (checkpoint_text && (e = load_checkpoint(&v, s, checkpoint_text, ei)) != E_OK)
		goto done;
	/* One snapshot: a write landing between reading the log and the tables
	 * must not look like a change behind the program's back. */
	if (!db_in_tx(c)) {
		if ((e = snapshots_begin(db, c, &c2)) != E_OK)
			goto done;
		began = true;
		v.db2 = c2;
	}
	e = run(&v);
done:
	if (began)
		db_rollback(c);
	if (c2) {
		db_rollback(c2);
		db_conn_put(db, c2);
	}
	free(v.tables);
	free(v.orphaned);
	free(v.map.slots);
	for (size_t i = 0; i < v.nents; i++)
		free(v.ents[i].dense);
	free(v.ents);
	free(v.table_ent);
	for (size_t i = 0; i < v.ntables; i++)
		layout_free(&v.layouts[i]);
	free(v.layouts);
	free(v.order);
	free(v.ent_entries);
	buf_release(&v.text);
	free(file_text);
	return e;
}

enum err trail_verify(struct db_conn *c, const struct trail_signer *s, const char *checkpoint_text,
		      FILE *out, struct trail_report *rep, struct errinfo *ei)
{
	return trail_verify_pool(NULL, c, s, checkpoint_text, out, rep, ei);
}
