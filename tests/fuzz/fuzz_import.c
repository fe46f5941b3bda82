/*
 * libFuzzer target for the column-spec importer (importer.c) and the modules'
 * loaders behind it, as an upload reaches them: the input is a file's bytes
 * (CSV in any encoding, or an .xlsx when it is a zip), read with
 * table_read_mem, then mapped with import_parse onto the columns of every
 * import file every module declares (people.csv, villages.csv, vouchers.csv,
 * ...).  Where the header fits a file and no cell is bad, that file's loader
 * runs against an in-memory SQLite database migrated at start-up and holding
 * the fixture township of tests/http/fixture, inside a transaction that is
 * rolled back, so every input meets the same database.  Properties: a parse
 * with no error reports none and fills every required value; the report
 * renders as JSON and as text.  It must not test anything but the import path.
 */
#include "fuzz_util.h"

#include "core/app.h"
#include "core/csvio.h"
#include "core/importer.h"
#include "core/module.h"
#include "mod/io.h"

#ifndef QL_FUZZ_SRCDIR
#define QL_FUZZ_SRCDIR "."
#endif

static struct app app;
static FILE *devnull;

static int64_t fixed_clock(void *ctx)
{
	(void)ctx;
	return 1767225600000000; /* 2026-01-01T00:00:00Z */
}

static void open_app(void)
{
	struct app_opts o = {0};
	struct errinfo ei = {0};
	const char *src = getenv("QL_SRCDIR");
	char dir[1024];

	o.db_url = ":memory:";
	o.migrate = true;
	o.no_signer = true;
	o.origin = "fuzz/import";
	if (app_open(&app, &o, &ei) != E_OK) {
		fprintf(stderr, "fuzz_import: %s\n", ei.msg);
		abort();
	}
	app.clock = fixed_clock;
	app.quiet = true;
	snprintf(dir, sizeof(dir), "%s/tests/http/fixture", src && *src ? src : QL_FUZZ_SRCDIR);
	if (io_import_dir(&app, dir, stderr, &ei) != E_OK) {
		fprintf(stderr, "fuzz_import: fixture %s: %s\n", dir, ei.msg);
		abort();
	}
}

static void load(struct arena *a, const struct import_file *f, const struct import_set *set,
		 struct import_report *rep)
{
	struct db_conn *c;
	struct errinfo ei = {0};
	struct trail_ctx tc;
	if (db_conn_get(app.db, &c, &ei) != E_OK)
		abort();
	trail_ctx_init(&tc, c, "fuzz", app_now(&app));
	if (db_begin(c, true) == E_OK) {
		struct import_ctx ic = {&app, &tc, NULL, a, 0, 0, 0};
		enum err e = f->load(&ic, set, rep);
		if (e == E_OK && !rep->nerrors)
			(void)trail_finish(&tc);
	}
	db_rollback(c);
	db_conn_put(app.db, c);
}

static void check_set(const struct import_file *f, const struct import_set *set)
{
	FUZZ_CHECK(set->ncols == f->ncols);
	for (size_t r = 0; r < set->nrows; r++)
		for (size_t c = 0; c < f->ncols; c++) {
			const struct import_value *v = &set->rows[r].v[c];
			if (f->cols[c].required)
				FUZZ_CHECK(v->present && v->text);
			if (v->present)
				FUZZ_CHECK(v->text != NULL);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct table t;
	struct errinfo ei = {0};

	if (!devnull) {
		if (!(devnull = fopen("/dev/null", "w")))
			abort();
		open_app();
	}
	arena_init(&a);
	if (table_read_mem(&a, "fuzz.csv", (const char *)data, size, &t, &ei) != E_OK) {
		FUZZ_CHECK(ei.code != E_OK && ei.msg[0]);
		arena_release(&a);
		return 0;
	}
	for (const struct module *const *m = app.modules; *m; m++)
		for (size_t i = 0; i < (*m)->nimports; i++) {
			const struct import_file *f = &(*m)->imports[i];
			struct import_report rep;
			struct import_set set;
			import_report_init(&rep, &a);
			import_report_file(&rep, f->file);
			enum err e = import_parse(&a, &t, f->file, f->cols, f->ncols, &set, &rep);
			FUZZ_CHECK((e == E_OK) == (rep.nerrors == 0));
			if (e == E_OK) {
				check_set(f, &set);
				load(&a, f, &set, &rep);
			}
			if (e == E_OK || (*m == app.modules[0] && i == 0)) {
				json_t *j = import_report_to_json(&rep);
				FUZZ_CHECK(json_is_true(json_object_get(j, "ok")) ==
					   (rep.nerrors == 0));
				json_decref(j);
				import_report_print(&rep, devnull);
			}
		}
	arena_release(&a);
	return 0;
}
