/*
 * The import/export runner over the modules' struct import_file tables, and its
 * routes.  It knows no file by name: modules declare theirs.  The permission
 * to upload a file is the file's own (declared beside its columns), checked here
 * after the gate has checked the session.
 */
#include "io.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/csvio.h"
#include "core/json_out.h"
#include "core/xlsx.h"
#include "perms.h"

static const struct import_file *find_file(struct app *app, const char *name)
{
	size_t n = strlen(name);
	for (const struct module *const *m = app->modules; *m; m++)
		for (size_t i = 0; i < (*m)->nimports; i++) {
			const char *f = (*m)->imports[i].file; /* "people.csv" */
			size_t base = strlen(f) - 4;
			if (strcmp(f, name) == 0 ||
			    (n == base + 5 && strncmp(f, name, base) == 0 &&
			     strcmp(name + base, ".xlsx") == 0) ||
			    (n == base && strncmp(f, name, base) == 0))
				return &(*m)->imports[i];
		}
	return NULL;
}

struct load_job {
	const struct import_file *f;   /* what to load */
	const struct table *table;     /* its cells */
	const char *name;              /* file name for the report */
	const struct principal *user;  /* NULL from the command line */
	struct app *app;               /* the application */
	struct arena *arena;           /* for the load */
	struct import_report *rep;     /* problems */
	struct io_result res;          /* counts */
};

static enum err load(struct trail_ctx *tc, struct load_job *job)
{
	struct import_set set;
	enum err e = import_parse(job->arena, job->table, job->name, job->f->cols, job->f->ncols,
				  &set, job->rep);
	if (e != E_OK || job->rep->nerrors)
		return E_INPUT;
	struct import_ctx ic = {job->app, tc, job->user, job->arena, 0, 0, 0};
	e = job->f->load(&ic, &set, job->rep);
	if (e == E_OK && job->rep->nerrors)
		e = E_INPUT;
	job->res.inserted = ic.inserted;
	job->res.updated = ic.updated;
	job->res.unchanged = ic.unchanged;
	return e;
}

static enum err load_cb(struct trail_ctx *tc, void *arg, struct errinfo *ei)
{
	(void)ei;
	return load(tc, arg);
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

enum err io_import_dir(struct app *app, const char *dir, FILE *out, struct errinfo *ei)
{
	bool failed = false, any = false;
	for (const struct module *const *m = app->modules; *m; m++)
		for (size_t i = 0; i < (*m)->nimports; i++) {
			const struct import_file *f = &(*m)->imports[i];
			char path[1024], name[128];
			snprintf(path, sizeof(path), "%s/%s", dir, f->file);
			snprintf(name, sizeof(name), "%s", f->file);
			if (!file_exists(path)) {
				snprintf(name, sizeof(name), "%.*sxlsx", (int)strlen(f->file) - 3,
					 f->file);
				snprintf(path, sizeof(path), "%s/%s", dir, name);
				if (!file_exists(path))
					continue;
			}
			any = true;
			struct arena a;
			arena_init(&a);
			struct import_report rep;
			import_report_init(&rep, &a);
			import_report_file(&rep, name);
			struct table t;
			struct errinfo rei = {0};
			enum err e = table_read_file(&a, path, &t, &rei);
			if (e != E_OK) {
				import_report_add(&rep, 0, NULL, NULL, "%s", rei.msg);
			} else {
				struct load_job job = {f, &t, name, NULL, app, &a, &rep, {0, 0, 0}};
				e = app_write(app, "cli:import", load_cb, &job, &rei);
				if (e == E_OK)
					fprintf(out, "%s：新增 %lld，更新 %lld，未变 %lld\n", name,
						(long long)job.res.inserted, (long long)job.res.updated,
						(long long)job.res.unchanged);
				else if (!rep.nerrors)
					import_report_add(&rep, 0, NULL, NULL, "%s", rei.msg);
			}
			if (rep.nerrors)
				fprintf(out, "%s：有 %zu 处错误，未导入任何数据\n", name, rep.nerrors);
			import_report_print(&rep, out);
			failed = failed || e != E_OK;
			arena_release(&a);
		}
	if (!any)
		return err_set(ei, E_INPUT, "import.none", NULL, "目录 %s 中没有可导入的文件", dir);
	if (failed)
		return err_set(ei, E_INPUT, "import.invalid", NULL, "部分文件有错误，未导入");
	return E_OK;
}

enum err io_export_dir(struct app *app, const char *dir, FILE *out, struct errinfo *ei)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return err_set(ei, E_IO, "export.dir", NULL, "无法创建目录 %s：%s", dir,
			       strerror(errno));
	struct db_conn *c;
	enum err e = db_conn_get(app->db, &c, ei);
	if (e != E_OK)
		return e;
	for (const struct module *const *m = app->modules; *m && e == E_OK; m++)
		for (size_t i = 0; i < (*m)->nimports && e == E_OK; i++) {
			const struct import_file *f = &(*m)->imports[i];
			struct arena a;
			arena_init(&a);
			struct table t;
			char path[1024];
			snprintf(path, sizeof(path), "%s/%s", dir, f->file);
			if ((e = f->export_rows(app, c, NULL, &a, &t, ei)) == E_OK) {
				FILE *fp = fopen(path, "w");
				if (!fp) {
					e = err_set(ei, E_IO, "export.file", NULL, "无法写入 %s", path);
				} else {
					struct csv_writer w;
					csv_writer_init_file(&w, fp, 0);
					for (size_t r = 0; r < t.nrows; r++)
						csv_writer_row(&w, (const char *const *)t.rows[r].cells,
							       t.rows[r].ncells);
					e = csv_writer_finish(&w, ei);
					if (fclose(fp) != 0 && e == E_OK)
						e = err_set(ei, E_IO, "export.file", NULL, "无法写入 %s", path);
					if (e == E_OK)
						fprintf(out, "%s：%zu 行\n", f->file, t.nrows - 1);
				}
			}
			arena_release(&a);
		}
	for (const struct module *const *m = app->modules; *m && e == E_OK; m++)
		if ((*m)->export_extra)
			e = (*m)->export_extra(app, c, dir, out, ei);
	db_conn_put(app->db, c);
	return e;
}

/* ---- routes -------------------------------------------------------------------------- */

static enum err imports_list(struct req *r)
{
	json_t *a = json_array();
	for (const struct module *const *m = r->app->modules; *m; m++)
		for (size_t i = 0; i < (*m)->nimports; i++) {
			const struct import_file *f = &(*m)->imports[i];
			if (rbac_allows(f->perm, r->user))
				json_array_append_new(a, json_pack("{s:s,s:s}", "file", f->file,
								   "title", f->title));
		}
	return req_json(r, 200, json_pack("{s:o}", "files", a));
}

static enum err import_upload(struct req *r)
{
	const char *name = req_param(r, "file");
	const struct import_file *f = find_file(r->app, name);
	if (!f)
		return req_fail(r, E_NOTFOUND, "import.unknown_file", NULL, "不支持导入该文件：%s", name);
	if (!rbac_allows(f->perm, r->user))
		return req_fail(r, E_FORBIDDEN, "auth.forbidden", NULL, "没有权限导入%s", f->title);
	if (!r->body_len)
		return req_fail(r, E_INPUT, "import.empty", NULL, "上传的文件为空");
	const char *given = r->filename && *r->filename ? r->filename : name;
	const char *ext = strrchr(given, '.');
	if (!ext || (strcmp(ext, ".csv") != 0 && strcmp(ext, ".xlsx") != 0 &&
		     strcmp(ext, ".CSV") != 0 && strcmp(ext, ".XLSX") != 0))
		return req_fail(r, E_INPUT, "import.type", NULL, "只能上传 CSV 或 XLSX 文件：%s", given);
	/* The reader dispatches on the extension: keep the file's layout name. */
	const char *as = strcasecmp(ext, ".xlsx") == 0
			     ? arena_printf(&r->arena, "%.*sxlsx", (int)strlen(f->file) - 3, f->file)
			     : f->file;
	struct import_report rep;
	import_report_init(&rep, &r->arena);
	import_report_file(&rep, as);
	struct table t;
	enum err e = table_read_mem(&r->arena, as, r->body, r->body_len, &t, &r->err);
	if (e == E_OK) {
		struct load_job job = {f, &t, as, r->user, r->app, &r->arena, &rep, {0, 0, 0}};
		e = load(&r->tc, &job);
		if (e == E_OK) {
			json_t *j = import_report_to_json(&rep);
			json_t *o = json_pack("{s:s,s:I,s:I,s:I}", "file", as, "inserted",
					      (json_int_t)job.res.inserted, "updated",
					      (json_int_t)job.res.updated, "unchanged",
					      (json_int_t)job.res.unchanged);
			json_object_set(o, "warnings", json_object_get(j, "warnings"));
			json_decref(j);
			return req_json(r, 200, o);
		}
	} else {
		import_report_add(&rep, 0, NULL, NULL, "%s", r->err.msg);
	}
	json_t *j = import_report_to_json(&rep);
	r->err_extra = json_incref(json_object_get(j, "errors"));
	json_decref(j);
	return req_fail(r, E_INPUT, "import.invalid", NULL, "%s 有 %zu 处错误，未导入任何数据", as,
			rep.nerrors);
}

static const struct route routes[] = {
	{"GET", "/api/v1/imports", imports_list, &perm_session, SCOPE_NONE, NULL, NULL, 0, NULL,
	 "本人可导入的文件"},
	{"POST", "/api/v1/import/{file}", import_upload, &perm_session, SCOPE_NONE, NULL, NULL,
	 ROUTE_WRITE | ROUTE_RAW_BODY | ROUTE_NO_LOG, "import",
	 "上传导入文件（CSV/XLSX，整文件导入，出错时返回逐行错误）"},
};

const struct module io_module = {
	.name = "io",
	.title = "数据导入导出",
	.routes = routes,
	.nroutes = sizeof(routes) / sizeof(routes[0]),
};
