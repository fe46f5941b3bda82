/*
 * Backup and restore of a whole database with its signed checkpoint (backup.h).
 * SQLite goes through db_sqlite_copy() (the online backup API); PostgreSQL
 * through pg_dump / pg_restore run as child processes with an argument vector
 * (never a shell), the password moved from the URL to PGPASSWORD so that it does
 * not show in the process list.  It must not know any table by name: the log's
 * head comes from trail.h, and the only SQL here asks for a snapshot id and
 * whether the target has tables.
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "lazy_zip.h"

extern char **environ;

#define BACKUP_FORMAT  "qinglian-backup"
#define BACKUP_VERSION 1
#define SMALL_MAX      (1u << 20) /* manifest and checkpoint are far smaller */

enum { BK_ST_SNAPSHOT, BK_ST_TABLES, BK_ST__MAX };

static const struct db_sql backup_sql[BK_ST__MAX] = {
    [BK_ST_SNAPSHOT] = {"backup.snapshot", "SELECT pg_export_snapshot()", .sqlite = "SELECT ''"},
    [BK_ST_TABLES] = {"backup.tables",
		      "SELECT count(*) FROM information_schema.tables "
		      "WHERE table_schema = current_schema()",
		      .sqlite = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"},
};

static struct db_stmts backup_stmts = {"backup", backup_sql, BK_ST__MAX, 0, false};

static const char *backend_name(const struct app *app)
{
	return db_backend(app->db) == DB_PG ? "pg" : "sqlite";
}

static const char *db_entry_name(const char *backend)
{
	return strcmp(backend, "pg") == 0 ? "database.pgdump" : "database.sqlite";
}

/* ---- PostgreSQL tools ------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Split "postgresql://user:pass@host/db" into the URL without ":pass" (*clean)
 * and the percent-decoded password (*pass, NULL when none); both malloc'ed. */
static void url_split_password(const char *url, char **clean, char **pass)
{
	*pass = NULL;
	*clean = strdup(url);
	if (!*clean)
		abort();
	const char *scheme = strstr(url, "://");
	if (!scheme)
		return;
	const char *auth = scheme + 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + alen; p++)
		if (*p == '@')
			at = p;
	if (!at)
		return;
	const char *colon = memchr(auth, ':', (size_t)(at - auth));
	if (!colon)
		return;
	char *pw = malloc((size_t)(at - colon));
	if (!pw)
		abort();
	size_t n = 0;
	for (const char *p = colon + 1; p < at; p++) {
		int hi, lo;
		if (*p == '%' && p + 2 < at && (hi = hexval(p[1])) >= 0 &&
		    (lo = hexval(p[2])) >= 0) {
			pw[n++] = (char)(hi * 16 + lo);
			p += 2;
		} else {
			pw[n++] = *p;
		}
	}
	pw[n] = '\0';
	*pass = pw;
	size_t head = (size_t)(colon - url);
	memmove(*clean + head, *clean + (at - url), strlen(at) + 1);
}

/* Run a PostgreSQL client tool; its messages go to our stderr. */
static enum err run_tool(const char *const argv[], const char *pass, struct errinfo *ei)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **envp = calloc(n + 2, sizeof(*envp));
	char *pwvar = NULL;
	if (!envp)
		abort();
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!pass || strncmp(environ[i], "PGPASSWORD=", 11) != 0)
			envp[k++] = environ[i];
	if (pass) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "PGPASSWORD=%s", pass);
		pwvar = buf_detach(&b, NULL);
		envp[k++] = pwvar;
	}
	envp[k] = NULL;
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv, envp);
	int status = 0;
	if (rc == 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	if (pwvar) {
		memset(pwvar, 0, strlen(pwvar));
		free(pwvar);
	}
	free(envp);
	if (rc != 0)
		return err_set(ei, E_IO, "backup.tool", NULL,
			       "无法运行 %s：%s（需安装 PostgreSQL 客户端）", argv[0],
			       strerror(rc));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(ei, E_DB, "backup.tool", NULL,
			       "%s 失败（退出状态 %d），见上方的出错信息", argv[0],
			       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return E_OK;
}

/* ---- zip ------------------------------------------------------------------------- */

static char *zip_read_small(zip_t *z, const char *name)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > SMALL_MAX)
		return NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	char *s = malloc(st.size + 1);
	if (!s)
		abort();
	zip_int64_t got = zip_fread(f, s, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(s);
		return NULL;
	}
	s[st.size] = '\0';
	return s;
}

static enum err zip_extract(zip_t *z, const char *name, const char *path, struct errinfo *ei)
{
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return err_set(ei, E_INPUT, "restore.format", NULL, "备份文件中没有 %s", name);
	FILE *out = fopen(path, "wb");
	enum err e = E_OK;
	if (!out) {
		zip_fclose(f);
		return err_set(ei, E_IO, "restore.tmp", NULL, "无法写入临时文件 %s：%s", path,
			       strerror(errno));
	}
	static char chunk[1 << 16];
	zip_int64_t got;
	while ((got = zip_fread(f, chunk, sizeof(chunk))) > 0)
		if (fwrite(chunk, 1, (size_t)got, out) != (size_t)got) {
			e = err_set(ei, E_IO, "restore.tmp", NULL, "写入临时文件 %s 失败：%s", path,
				    strerror(errno));
			break;
		}
	if (e == E_OK && got < 0)
		e = err_set(ei, E_INPUT, "restore.format", NULL, "备份文件损坏：%s 无法解压", name);
	zip_fclose(f);
	if (fclose(out) != 0 && e == E_OK)
		e = err_set(ei, E_IO, "restore.tmp", NULL, "写入临时文件 %s 失败：%s", path,
			    strerror(errno));
	return e;
}

/* A temporary file name in $TMPDIR (created empty, 0600), into out. */
static enum err tmp_name(char out[1024], const char *what, struct errinfo *ei)
{
	const char *dir = getenv("TMPDIR");
	snprintf(out, 1024, "%s/qinglian-%s-XXXXXX", dir && *dir ? dir : "/tmp", what);
	int fd = mkstemp(out);
	if (fd < 0)
		return err_set(ei, E_IO, "backup.tmp", NULL, "无法创建临时文件 %s：%s", out,
			       strerror(errno));
	close(fd);
	return E_OK;
}

static void tmp_remove(const char *path)
{
	char side[1100];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

/* ---- backup ---------------------------------------------------------------------- */

/* Sign a checkpoint of the log in the SQLite copy at path. */
static enum err sign_copy(struct app *app, const char *path, struct arena *a, char **note,
			  struct errinfo *ei)
{
	struct db *copy;
	struct db_conn *c;
	enum err e = db_open(&copy, path, ei);
	if (e != E_OK)
		return e;
	if ((e = db_conn_get(copy, &c, ei)) == E_OK) {
		e = trail_checkpoint(c, &app->signer, a, note, ei);
		db_conn_put(copy, c);
	}
	db_free(copy);
	return e;
}

/*
 * pg_dump inside a snapshot whose log head is the one signed.  Connection l locks
 * the log's head row (trail_checkpoint reads it FOR UPDATE), so no writer can
 * commit while s exports its snapshot; l then lets go at once, and writers wait
 * only those few milliseconds, not for the whole dump.
 */
static enum err dump_pg(struct app *app, const char *path, struct arena *a, char **note,
			struct errinfo *ei)
{
	struct db_conn *l, *s;
	struct db_res *r;
	enum err e = db_conn_get(app->db, &l, ei);
	if (e != E_OK)
		return e;
	if ((e = db_conn_get(app->db, &s, ei)) != E_OK) {
		db_conn_put(app->db, l);
		return e;
	}
	char snap[128] = "";
	if ((e = db_begin(l, false)) == E_OK)
		e = trail_checkpoint(l, &app->signer, a, note, ei);
	if (e == E_OK &&
	    (e = db_exec_script(s, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")) == E_OK &&
	    (e = db_one(s, &backup_stmts, BK_ST_SNAPSHOT, DB_NOPARAMS, &r)) == E_OK) {
		snprintf(snap, sizeof(snap), "--snapshot=%s", db_text(r, 0) ? db_text(r, 0) : "");
		e = db_done(r);
	}
	if (e != E_OK && ei->code == E_OK)
		err_set(ei, e, "backup.snapshot", NULL, "无法取得数据库快照：%s",
			db_errmsg(l)[0] ? db_errmsg(l) : db_errmsg(s));
	db_rollback(l);
	if (e == E_OK) {
		char *url, *pass, file[1100];
		url_split_password(db_url(app->db), &url, &pass);
		snprintf(file, sizeof(file), "--file=%s", path);
		const char *argv[] = {
		    "pg_dump", "--format=custom", "--no-password", snap, file, "--dbname", url,
		    NULL};
		e = run_tool(argv, pass, ei);
		free(url);
		if (pass) {
			memset(pass, 0, strlen(pass));
			free(pass);
		}
	}
	db_rollback(s); /* the snapshot is held until pg_dump has finished */
	db_conn_put(app->db, s);
	db_conn_put(app->db, l);
	return e;
}

static char *manifest_text(const struct backup_manifest *m)
{
	json_t *o =
	    json_pack("{s:s, s:i, s:s, s:s, s:s, s:I, s:s, s:s}", "format", BACKUP_FORMAT,
		      "version", BACKUP_VERSION, "backend", m->backend, "created", m->created,
		      "origin", m->origin, "tree_size", (json_int_t)m->tree_size, "vkey", m->vkey,
		      "database", db_entry_name(m->backend));
	if (!o)
		abort();
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(o);
	if (!s)
		abort();
	return s;
}

static enum err write_zip(const char *file, const char *manifest, const char *note,
			  const struct backup_manifest *m, const char *dbpath, struct errinfo *ei)
{
	int zerr = 0;
	zip_t *z = zip_open(file, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		err_set(ei, E_IO, "backup.file", NULL, "无法写入备份文件 %s：%s", file,
			zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return E_IO;
	}
	zip_source_t *s1 = zip_source_buffer(z, manifest, strlen(manifest), 0);
	zip_source_t *s2 = s1 ? zip_source_buffer(z, note, strlen(note), 0) : NULL;
	zip_source_t *s3 = s2 ? zip_source_file(z, dbpath, 0, -1) : NULL;
	zip_int64_t i1 = -1, i2 = -1, i3 = -1;
	if (s1 && (i1 = zip_file_add(z, "manifest.json", s1, ZIP_FL_ENC_UTF_8)) < 0)
		zip_source_free(s1);
	if (s2 && (i2 = zip_file_add(z, "checkpoint", s2, ZIP_FL_ENC_UTF_8)) < 0)
		zip_source_free(s2);
	if (s3 && (i3 = zip_file_add(z, db_entry_name(m->backend), s3, ZIP_FL_ENC_UTF_8)) < 0)
		zip_source_free(s3);
	/* A pg_dump custom archive is compressed already. */
	if (i1 < 0 || i2 < 0 || i3 < 0 ||
	    zip_set_file_compression(z, (zip_uint64_t)i3,
				     strcmp(m->backend, "pg") == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
				     1) != 0 ||
	    zip_close(z) != 0) {
		err_set(ei, E_IO, "backup.file", NULL, "无法写入备份文件 %s：%s", file,
			zip_strerror(z));
		zip_discard(z);
		return E_IO;
	}
	chmod(file, 0600);
	return E_OK;
}

enum err backup_create(struct app *app, const char *file, struct backup_manifest *m,
		       struct errinfo *ei)
{
	struct backup_manifest own;
	struct arena a;
	char tmp[1024], *note = NULL;
	enum err e;
	if (!m)
		m = &own;
	memset(m, 0, sizeof(*m));
	db_stmts_register(&backup_stmts);
	if (!app->have_signer)
		return err_set(ei, E_INTERNAL, "backup.signer", NULL, "没有检查点签名密钥");
	if ((e = tmp_name(tmp, "backup", ei)) != E_OK)
		return e;
	arena_init(&a);
	snprintf(m->backend, sizeof(m->backend), "%s", backend_name(app));
	if (db_backend(app->db) == DB_SQLITE) {
		unlink(tmp); /* the backup API creates it */
		e = db_sqlite_copy(db_url(app->db), tmp, ei);
		if (e == E_OK)
			e = sign_copy(app, tmp, &a, &note, ei);
	} else {
		e = dump_pg(app, tmp, &a, &note, ei);
	}
	struct checkpoint cp;
	if (e == E_OK && (e = checkpoint_verify(note, app->signer.key.pub, app->signer.key.name,
						&cp, ei)) == E_OK) {
		struct buf vk = BUF_INIT;
		checkpoint_vkey(&app->signer.key, &vk);
		snprintf(m->vkey, sizeof(m->vkey), "%s", vk.ptr);
		buf_release(&vk);
		snprintf(m->origin, sizeof(m->origin), "%s", cp.origin);
		m->tree_size = cp.size;
		app_timestamp(app_now(app), m->created);
		char *man = manifest_text(m);
		e = write_zip(file, man, note, m, tmp, ei);
		free(man);
	}
	tmp_remove(tmp);
	arena_release(&a);
	return e;
}

/* ---- restore --------------------------------------------------------------------- */

static enum err manifest_parse(const char *text, struct backup_manifest *m, struct errinfo *ei)
{
	json_error_t je;
	json_t *o = json_loads(text, 0, &je);
	const char *format = NULL, *backend = NULL, *created = NULL, *origin = NULL, *vkey = NULL;
	json_int_t version = 0, size = -1;
	memset(m, 0, sizeof(*m));
	if (!o ||
	    json_unpack(o, "{s:s, s:I, s:s, s:s, s:s, s:I, s:s}", "format", &format, "version",
			&version, "backend", &backend, "created", &created, "origin", &origin,
			"tree_size", &size, "vkey", &vkey) != 0 ||
	    strcmp(format, BACKUP_FORMAT) != 0 || size < 0 ||
	    (strcmp(backend, "sqlite") != 0 && strcmp(backend, "pg") != 0)) {
		json_decref(o);
		return err_set(ei, E_INPUT, "restore.format", NULL,
			       "不是 qinglian 备份文件：manifest.json 缺失或格式错误");
	}
	if (version != BACKUP_VERSION) {
		json_decref(o);
		return err_set(ei, E_INPUT, "restore.version", NULL,
			       "备份文件格式版本 %lld 不受支持（本程序支持 %d）",
			       (long long)version, BACKUP_VERSION);
	}
	snprintf(m->backend, sizeof(m->backend), "%s", backend);
	snprintf(m->created, sizeof(m->created), "%s", created);
	snprintf(m->origin, sizeof(m->origin), "%s", origin);
	snprintf(m->vkey, sizeof(m->vkey), "%s", vkey);
	m->tree_size = (uint64_t)size;
	json_decref(o);
	return E_OK;
}

static enum err count_tables(struct app *app, int64_t *n, struct errinfo *ei)
{
	struct db_conn *c;
	struct db_res *r;
	enum err e = db_conn_get(app->db, &c, ei);
	if (e != E_OK)
		return e;
	if ((e = db_one(c, &backup_stmts, BK_ST_TABLES, DB_NOPARAMS, &r)) == E_OK) {
		*n = db_int(r, 0);
		e = db_done(r);
	}
	if (e != E_OK)
		err_set(ei, e, "restore.target", NULL, "无法读取目标数据库：%s", db_errmsg(c));
	db_conn_put(app->db, c);
	return e;
}

static enum err load_pg(struct app *app, const char *path, bool clean, struct errinfo *ei)
{
	char *url, *pass;
	url_split_password(db_url(app->db), &url, &pass);
	const char *argv[12];
	size_t n = 0;
	argv[n++] = "pg_restore";
	argv[n++] = "--no-owner";
	argv[n++] = "--no-privileges";
	argv[n++] = "--no-password";
	argv[n++] = "--exit-on-error";
	argv[n++] = "--single-transaction";
	if (clean) {
		argv[n++] = "--clean";
		argv[n++] = "--if-exists";
	}
	argv[n++] = "--dbname";
	argv[n++] = url;
	argv[n++] = path;
	argv[n] = NULL;
	enum err e = run_tool(argv, pass, ei);
	free(url);
	if (pass) {
		memset(pass, 0, strlen(pass));
		free(pass);
	}
	return e;
}

enum err backup_restore(struct app *app, const char *file, bool force, struct backup_manifest *m,
			char **note, struct errinfo *ei)
{
	*note = NULL;
	db_stmts_register(&backup_stmts);
	int zerr = 0;
	zip_t *z = zip_open(file, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z) {
		if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ)
			return err_set(ei, E_INPUT, "restore.file", NULL, "无法读取备份文件：%s",
				       file);
		return err_set(ei, E_INPUT, "restore.format", NULL,
			       "不是 qinglian 备份文件（不是有效的 zip 归档）：%s", file);
	}
	enum err e;
	char *man = zip_read_small(z, "manifest.json");
	char *text = zip_read_small(z, "checkpoint");
	char tmp[1024] = "";
	struct checkpoint_verifier ver;
	struct checkpoint cp;
	int64_t tables = 0;
	if (!man || !text) {
		e = err_set(ei, E_INPUT, "restore.format", NULL,
			    "不是 qinglian 备份文件：缺少 manifest.json 或 checkpoint");
		goto done;
	}
	if ((e = manifest_parse(man, m, ei)) != E_OK)
		goto done;
	if (checkpoint_vkey_parse(m->vkey, &ver, ei) != E_OK ||
	    checkpoint_verify(text, ver.pub, ver.name, &cp, ei) != E_OK ||
	    cp.size != m->tree_size) {
		e = err_set(ei, E_INPUT, "restore.checkpoint", NULL,
			    "备份中的检查点无效（签名不符或与清单不一致），备份文件可能已被改动");
		goto done;
	}
	if (strcmp(m->backend, backend_name(app)) != 0) {
		e = err_set(ei, E_INPUT, "restore.backend", NULL,
			    "备份来自 %s 数据库，不能恢复到 %s 数据库",
			    strcmp(m->backend, "pg") == 0 ? "PostgreSQL" : "SQLite",
			    db_backend(app->db) == DB_PG ? "PostgreSQL" : "SQLite");
		goto done;
	}
	if ((e = count_tables(app, &tables, ei)) != E_OK)
		goto done;
	if (tables > 0 && !force) {
		e = err_set(ei, E_CONFLICT, "restore.not_empty", NULL,
			    "目标数据库不是空的（已有 %lld 张表），未恢复；确认要覆盖时加 --force",
			    (long long)tables);
		goto done;
	}
	if ((e = tmp_name(tmp, "restore", ei)) != E_OK)
		goto done;
	if ((e = zip_extract(z, db_entry_name(m->backend), tmp, ei)) != E_OK)
		goto done;
	if (db_backend(app->db) == DB_SQLITE)
		e = db_sqlite_copy(tmp, db_url(app->db), ei);
	else
		e = load_pg(app, tmp, tables > 0, ei);
	if (e == E_OK) {
		*note = text;
		text = NULL;
	}
done:
	if (tmp[0])
		tmp_remove(tmp);
	free(man);
	free(text);
	zip_discard(z);
	return e;
}

/* Keep the checkpoint file the restored database had, and say what it covered. */
static void keep_old_checkpoint(struct app *app, const struct backup_manifest *m, FILE *out)
{
	char *old = trail_read_small_file(app->signer.file);
	if (!old)
		return;
	char *sep = strstr(old, "\n\n");
	struct checkpoint cp;
	struct errinfo ei = {0};
	if (sep) {
		sep[1] = '\0';
		if (checkpoint_parse(old, &cp, &ei) == E_OK && cp.size > m->tree_size)
			fprintf(out,
				"注意：此数据库原检查点记录日志 %llu 条，备份只有 %llu 条，"
				"其后的 %llu 条写入不在备份中\n",
				(unsigned long long)cp.size, (unsigned long long)m->tree_size,
				(unsigned long long)(cp.size - m->tree_size));
	}
	free(old);
	char kept[1100];
	snprintf(kept, sizeof(kept), "%s.before-restore", app->signer.file);
	if (rename(app->signer.file, kept) == 0)
		fprintf(out, "原检查点文件已保留为 %s\n", kept);
}

enum err backup_verify(struct app *app, const struct backup_manifest *m, const char *note,
		       FILE *out, struct trail_report *rep, struct errinfo *ei)
{
	struct trail_signer vs;
	struct checkpoint_verifier ver;
	memset(&vs, 0, sizeof(vs));
	enum err e = checkpoint_vkey_parse(m->vkey, &ver, ei);
	if (e != E_OK)
		return e;
	snprintf(vs.key.name, sizeof(vs.key.name), "%s", ver.name);
	vs.key.hash = ver.hash;
	memcpy(vs.key.pub, ver.pub, sizeof(vs.key.pub));
	snprintf(vs.origin, sizeof(vs.origin), "%s", m->origin);

	struct buf own = BUF_INIT;
	if (app->have_signer)
		checkpoint_vkey(&app->signer.key, &own);
	if (strcmp(own.ptr, m->vkey) != 0)
		fprintf(out,
			"注意：备份的检查点由另一把密钥签署：%s\n"
			"      本机密钥：%s\n"
			"      请与门户或公示栏公布的公钥核对；以后的检查点将由本机密钥签署\n",
			m->vkey, own.ptr[0] ? own.ptr : "（无）");
	buf_release(&own);

	struct db_conn *c;
	if ((e = db_conn_get(app->db, &c, ei)) != E_OK)
		return e;
	e = trail_verify_pool(app->db, c, &vs, note, out, rep, ei);
	if (e == E_OK && rep->problems == 0 && app->have_signer) {
		keep_old_checkpoint(app, m, out);
		e = trail_checkpoint_save(c, &app->signer, ei);
	}
	db_conn_put(app->db, c);
	return e;
}
