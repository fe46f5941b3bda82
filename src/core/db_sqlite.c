/*
 * The SQLite driver behind db.h: the only file that includes sqlite3.h.  A
 * connection is opened in WAL mode with foreign keys on, a 5 s busy timeout and
 * synchronous=NORMAL, and keeps every statement it has prepared, indexed by the
 * statement's global index.  Placeholders $N are rewritten to ?N here.  It must
 * not let a sqlite3 pointer out, nor know any table or module.
 */
#include "db.h"
#include "db_backend.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sq_conn {
	struct db_conn base; /* must be first */
	sqlite3 *h;	     /* the connection */
	sqlite3_stmt **st;   /* prepared statements by global index, NULL until used */
	size_t nst;	     /* slots in st */
};

struct sq_res {
	struct db_res base; /* must be first */
	sqlite3_stmt *st;   /* the running statement */
	bool owned;	    /* finalize at the end (the cached one was busy) */
	bool pending;	    /* db_exec stepped onto a row that db_row has not handed out */
	bool onrow;	    /* positioned on a row */
	bool eof;	    /* the statement has run to completion */
	bool readonly;	    /* writes nothing: db_changes is 0 */
	int64_t changes;    /* rows written, known at eof */
	enum err err;	    /* first error met while stepping */
};

static bool is_ident(unsigned char ch)
{
	return isalnum(ch) || ch == '_' || ch == '$' || ch >= 0x80;
}

char *db_sqlite_placeholders(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len + 1);
	if (!out)
		abort();
	size_t o = 0;
	const char *p = text;
	while (*p) {
		const char *end;
		if (*p == '\'' || *p == '"') {
			/* A '' or "" escape closes and reopens: the copy is the same. */
			end = strchr(p + 1, *p);
			if (!end) {
				free(out);
				return NULL;
			}
			end++;
		} else if (p[0] == '-' && p[1] == '-') {
			end = p + strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			end = strstr(p + 2, "*/");
			end = end ? end + 2 : p + strlen(p);
		} else if (*p == '$' && isdigit((unsigned char)p[1]) &&
			   (p == text || !is_ident((unsigned char)p[-1]))) {
			out[o++] = '?';
			p++;
			continue;
		} else {
			end = p + 1;
		}
		memcpy(out + o, p, (size_t)(end - p));
		o += (size_t)(end - p);
		p = end;
	}
	out[o] = '\0';
	return out;
}

static enum err map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return E_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return E_BUSY;
	case SQLITE_CONSTRAINT:
		return E_CONFLICT;
	default:
		return E_DB;
	}
}

/* Record the connection's message and return the mapped code. */
static enum err fail(struct sq_conn *c, int rc)
{
	db_conn_errmsg_set(&c->base, sqlite3_errmsg(c->h));
	return map_rc(rc);
}

/* mkdir -p of the directory part of path. */
static int make_parent(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		abort();
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(dir, 0755) != 0 && errno != EEXIST)
				rc = -1;
			*p = '/';
		}
		if (mkdir(dir, 0755) != 0 && errno != EEXIST)
			rc = -1;
	}
	free(dir);
	return rc;
}

static void sq_conn_close(struct db_conn *base)
{
	struct sq_conn *c = (struct sq_conn *)base;
	if (!c)
		return;
	for (size_t i = 0; i < c->nst; i++)
		sqlite3_finalize(c->st[i]);
	free(c->st);
	sqlite3_close(c->h);
	free(c);
}

/* Before SQLite's first use in the process.  Debian's SQLite keeps memory
 * statistics, which takes a global mutex on every allocation of every
 * connection; nothing here reads them (verify over a township: 75 → 67 ms). */
static void sq_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static pthread_once_t sq_configured = PTHREAD_ONCE_INIT;

static enum err sq_conn_open(const char *url, struct db_conn **out, struct errinfo *ei)
{
	*out = NULL;
	pthread_once(&sq_configured, sq_configure);
	if (make_parent(url) != 0)
		return err_set(ei, E_IO, "db.open", NULL, "无法创建数据库目录：%s：%s", url,
			       strerror(errno));
	struct sq_conn *c = db_xcalloc(1, sizeof(*c));
	c->base.ops = &db_sqlite_ops;
	int rc = sqlite3_open_v2(
	    url, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		enum err err = err_set(ei, E_DB, "db.open", NULL, "无法打开数据库 %s：%s", url,
				       c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		sq_conn_close(&c->base);
		return err;
	}
	sqlite3_extended_result_codes(c->h, 1);
	sqlite3_busy_timeout(c->h, 5000);
	rc = sqlite3_exec(c->h,
			  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			  "PRAGMA synchronous=NORMAL;",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum err err = err_set(ei, map_rc(rc) == E_BUSY ? E_BUSY : E_DB, "db.open", NULL,
				       "无法设置数据库 %s：%s", url, sqlite3_errmsg(c->h));
		sq_conn_close(&c->base);
		return err;
	}
	*out = &c->base;
	return E_OK;
}

static bool sq_conn_ok(const struct db_conn *base)
{
	(void)base;
	return true;
}

static bool sq_in_tx(const struct db_conn *base)
{
	const struct sq_conn *c = (const struct sq_conn *)base;
	return !sqlite3_get_autocommit(c->h);
}

static enum err sq_script(struct db_conn *base, const char *sql)
{
	struct sq_conn *c = (struct sq_conn *)base;
	int rc = sqlite3_exec(c->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? E_OK : fail(c, rc);
}

static enum err sq_begin(struct db_conn *base, bool write)
{
	return sq_script(base, write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static enum err sq_commit(struct db_conn *base)
{
	return sq_script(base, "COMMIT");
}

static void sq_rollback(struct db_conn *base)
{
	struct sq_conn *c = (struct sq_conn *)base;
	/* Keep the message of the error that led here. */
	sqlite3_exec(c->h, "ROLLBACK", NULL, NULL, NULL);
}

static int prepare(struct sq_conn *c, const char *sql, unsigned flags, sqlite3_stmt **out)
{
	*out = NULL;
	char *text = db_sqlite_placeholders(sql);
	if (!text) {
		db_conn_errmsg_set(&c->base, "unterminated quoted string or identifier");
		return SQLITE_ERROR;
	}
	int rc = sqlite3_prepare_v3(c->h, text, -1, flags, out, NULL);
	free(text);
	if (rc == SQLITE_OK && !*out) {
		db_conn_errmsg_set(&c->base, "empty statement");
		return SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
		db_conn_errmsg_set(&c->base, sqlite3_errmsg(c->h));
	return rc;
}

static enum err sq_check(struct db_conn *base, unsigned gidx, const char *sql)
{
	struct sq_conn *c = (struct sq_conn *)base;
	(void)gidx;
	sqlite3_stmt *st;
	int rc = prepare(c, sql, 0, &st);
	if (rc != SQLITE_OK)
		return map_rc(rc) == E_OK ? E_DB : map_rc(rc);
	sqlite3_finalize(st);
	return E_OK;
}

static int bind(sqlite3_stmt *st, const struct db_val *params, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct db_val *v = &params[i];
		int k = (int)i + 1, rc = SQLITE_OK;
		switch (v->type) {
		case DB_T_NULL:
			rc = sqlite3_bind_null(st, k);
			break;
		case DB_T_INT:
			rc = sqlite3_bind_int64(st, k, v->i);
			break;
		case DB_T_TEXT:
			/* Rows are stepped after db_exec returns: copy. */
			rc = v->s ? sqlite3_bind_text(st, k, v->s, -1, SQLITE_TRANSIENT)
				  : sqlite3_bind_null(st, k);
			break;
		case DB_T_BLOB:
			rc = sqlite3_bind_blob64(st, k, v->s ? v->s : "", v->len, SQLITE_TRANSIENT);
			break;
		}
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Give a statement back: the cached one is reset, a private one finalized. */
static void release(sqlite3_stmt *st, bool owned)
{
	if (owned) {
		sqlite3_finalize(st);
		return;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static enum err sq_exec(struct db_conn *base, unsigned gidx, const char *sql,
			const struct db_val *params, size_t nparams, struct db_res **out)
{
	struct sq_conn *c = (struct sq_conn *)base;
	if (gidx >= c->nst) {
		size_t n = db_stmts_total();
		if (n <= gidx)
			n = gidx + 1;
		sqlite3_stmt **st = realloc(c->st, n * sizeof(*st));
		if (!st)
			abort();
		memset(st + c->nst, 0, (n - c->nst) * sizeof(*st));
		c->st = st;
		c->nst = n;
	}
	sqlite3_stmt *st = c->st[gidx];
	bool owned = false;
	int rc;
	if (!st) {
		rc = prepare(c, sql, SQLITE_PREPARE_PERSISTENT, &st);
		if (rc != SQLITE_OK)
			return map_rc(rc) == E_OK ? E_DB : map_rc(rc);
		c->st[gidx] = st;
	} else if (sqlite3_stmt_busy(st)) {
		/* The same statement is still being read on this connection. */
		rc = prepare(c, sql, 0, &st);
		if (rc != SQLITE_OK)
			return map_rc(rc) == E_OK ? E_DB : map_rc(rc);
		owned = true;
	}
	rc = bind(st, params, nparams);
	if (rc != SQLITE_OK) {
		enum err err = fail(c, rc);
		release(st, owned);
		return err;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		enum err err = fail(c, rc);
		release(st, owned);
		return err;
	}
	if (!out) {
		while (rc == SQLITE_ROW)
			rc = sqlite3_step(st);
		enum err err = rc == SQLITE_DONE ? E_OK : fail(c, rc);
		release(st, owned);
		return err;
	}
	struct sq_res *r = db_xcalloc(1, sizeof(*r));
	r->base.ops = &db_sqlite_ops;
	r->base.c = base;
	r->st = st;
	r->owned = owned;
	r->readonly = sqlite3_stmt_readonly(st);
	/* Writes (even with RETURNING) are all done by the first step. */
	r->changes = r->readonly ? 0 : sqlite3_changes64(c->h);
	if (rc == SQLITE_ROW)
		r->pending = true;
	else
		r->eof = true;
	*out = &r->base;
	return E_OK;
}

static bool sq_row(struct db_res *base)
{
	struct sq_res *r = (struct sq_res *)base;
	r->onrow = false;
	if (r->eof || r->err != E_OK)
		return false;
	if (r->pending) {
		r->pending = false;
		r->onrow = true;
		return true;
	}
	int rc = sqlite3_step(r->st);
	if (rc == SQLITE_ROW) {
		r->onrow = true;
		return true;
	}
	r->eof = true;
	if (rc != SQLITE_DONE)
		r->err = fail((struct sq_conn *)base->c, rc);
	return false;
}

static enum err sq_done(struct db_res *base)
{
	struct sq_res *r = (struct sq_res *)base;
	enum err err = r->err;
	release(r->st, r->owned);
	free(r);
	return err;
}

static int64_t sq_changes(const struct db_res *base)
{
	return ((const struct sq_res *)base)->changes;
}

static int sq_ncols(const struct db_res *base)
{
	return sqlite3_column_count(((const struct sq_res *)base)->st);
}

static const char *sq_colname(const struct db_res *base, int col)
{
	return sqlite3_column_name(((const struct sq_res *)base)->st, col);
}

static enum db_type sq_coltype(const struct db_res *base, int col)
{
	const struct sq_res *r = (const struct sq_res *)base;
	if (!r->onrow)
		return DB_T_NULL;
	switch (sqlite3_column_type(r->st, col)) {
	case SQLITE_INTEGER:
		return DB_T_INT;
	case SQLITE_BLOB:
		return DB_T_BLOB;
	case SQLITE_NULL:
		return DB_T_NULL;
	default: /* TEXT, and FLOAT read as its text */
		return DB_T_TEXT;
	}
}

static int64_t sq_get_int(const struct db_res *base, int col)
{
	const struct sq_res *r = (const struct sq_res *)base;
	return r->onrow ? sqlite3_column_int64(r->st, col) : 0;
}

static const char *sq_get_text(const struct db_res *base, int col)
{
	const struct sq_res *r = (const struct sq_res *)base;
	if (!r->onrow || sqlite3_column_type(r->st, col) == SQLITE_NULL)
		return NULL;
	/* For a blob too: its bytes, with a NUL added after them. */
	const char *s = (const char *)sqlite3_column_text(r->st, col);
	return s ? s : "";
}

static void sq_get_cell(const struct db_res *base, int col, struct db_cell *c)
{
	const struct sq_res *r = (const struct sq_res *)base;
	c->type = DB_T_NULL;
	c->i = 0;
	c->s = NULL;
	c->len = 0;
	if (!r->onrow)
		return;
	switch (sqlite3_column_type(r->st, col)) {
	case SQLITE_NULL:
		return;
	case SQLITE_INTEGER:
		c->type = DB_T_INT;
		c->i = sqlite3_column_int64(r->st, col);
		return;
	case SQLITE_BLOB:
		c->type = DB_T_BLOB;
		break;
	default: /* TEXT, and FLOAT read as its text */
		c->type = DB_T_TEXT;
	}
	/* For a blob too: its bytes, with a NUL added after them (as sq_get_text). */
	const char *s = (const char *)sqlite3_column_text(r->st, col);
	c->len = (size_t)sqlite3_column_bytes(r->st, col);
	c->s = s ? s : "";
}

static size_t sq_get_len(const struct db_res *base, int col)
{
	const struct sq_res *r = (const struct sq_res *)base;
	if (!r->onrow)
		return 0;
	sqlite3_column_text(r->st, col); /* the length of the text form */
	return (size_t)sqlite3_column_bytes(r->st, col);
}

enum err db_sqlite_copy(const char *from, const char *to, struct errinfo *ei)
{
	pthread_once(&sq_configured, sq_configure);
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b = NULL;
	enum err err = E_OK;
	int rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err = err_set(ei, E_DB, "db.copy", NULL, "无法打开数据库 %s：%s", from,
			      src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
		goto done;
	}
	rc = sqlite3_open_v2(
	    to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err = err_set(ei, E_DB, "db.copy", NULL, "无法打开数据库 %s：%s", to,
			      dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		goto done;
	}
	sqlite3_busy_timeout(src, 5000);
	sqlite3_busy_timeout(dst, 5000);
	if (!(b = sqlite3_backup_init(dst, "main", src, "main"))) {
		err = err_set(ei, E_DB, "db.copy", NULL, "无法开始复制数据库 %s：%s", from,
			      sqlite3_errmsg(dst));
		goto done;
	}
	/* All pages in one step: a writer elsewhere cannot make the copy restart. */
	for (int tries = 0; tries < 200; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		err = err_set(ei, map_rc(rc) == E_BUSY ? E_BUSY : E_DB, "db.copy", NULL,
			      "复制数据库 %s 到 %s 失败：%s", from, to, sqlite3_errstr(rc));
done:
	sqlite3_close(dst);
	sqlite3_close(src);
	return err;
}

/* ---- warming the page cache before a whole-database read ------------------------ */

struct db_warm {
	pthread_t thread; /* the reader */
	int fd;		  /* the database file, read-only */
	off_t size;	  /* its size when warming began */
	atomic_bool stop; /* set by db_warm_stop: leave the rest unread */
};

/* MemAvailable of /proc/meminfo in bytes, 0 when unknown. */
static uint64_t mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	if (!f)
		return 0;
	char line[128];
	unsigned long long kb = 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return (uint64_t)kb * 1024;
}

/* Read the file front to back in large chunks, so that the kernel fetches it
 * sequentially at the disk's full speed while the scan's own reads, which jump
 * between tables whose pages the import interleaved, find it cached. */
static void *warm_read(void *arg)
{
	struct db_warm *w = arg;
	enum { CHUNK = 4 << 20 };
	/* readahead(2) fills the cache without copying; it returns once the
	 * chunk's pages are read (or were cached already, which costs nothing) */
	for (off_t off = 0; off < w->size && !atomic_load(&w->stop); off += CHUNK)
		if (readahead(w->fd, off, CHUNK) != 0)
			break;
	return NULL;
}

struct db_warm *db_warm_start(struct db_conn *c)
{
	if (c->ops != &db_sqlite_ops)
		return NULL; /* PostgreSQL keeps its own buffers */
	const char *path = sqlite3_db_filename(((struct sq_conn *)c)->h, "main");
	if (!path || !*path)
		return NULL; /* in memory or temporary */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat sb;
	/* Only what fits well in memory: a province's file larger than half of
	 * what the kernel can spare would evict the pages the scan is using. */
	if (fstat(fd, &sb) != 0 || (uint64_t)sb.st_size > mem_available() / 2) {
		close(fd);
		return NULL;
	}
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	struct db_warm *w = db_xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->size = sb.st_size;
	atomic_init(&w->stop, false);
	if (pthread_create(&w->thread, NULL, warm_read, w) != 0) {
		close(fd);
		free(w);
		return NULL;
	}
	return w;
}

void db_warm_stop(struct db_warm *w)
{
	if (!w)
		return;
	atomic_store(&w->stop, true);
	pthread_join(w->thread, NULL);
	close(w->fd);
	free(w);
}

const struct db_ops db_sqlite_ops = {
    .kind = DB_SQLITE,
    .name = "sqlite",
    .conn_open = sq_conn_open,
    .conn_close = sq_conn_close,
    .conn_ok = sq_conn_ok,
    .in_tx = sq_in_tx,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .check = sq_check,
    .exec = sq_exec,
    .script = sq_script,
    .row = sq_row,
    .done = sq_done,
    .changes = sq_changes,
    .ncols = sq_ncols,
    .colname = sq_colname,
    .coltype = sq_coltype,
    .get_int = sq_get_int,
    .get_text = sq_get_text,
    .get_len = sq_get_len,
    .get_cell = sq_get_cell,
};
