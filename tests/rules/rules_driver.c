/*
 * The red-flag fixture driver (after curl's tests/data and jq's jq.test): every
 * directory tests/rules/<CODE>/ holds input files in the layouts of
 * domain/formats.md, an `as_of` file (one date) and `expected.json`, the exact
 * array `qinglian scan --as-of <as_of> --json` must print.  For each directory
 * the driver makes a fresh database (SQLite, or PostgreSQL with "pg"), imports
 * the files with the real importer (every file must load), runs the scan and
 * compares the JSON exactly (same objects, same order).  It also checks that
 * scanning village by village (what incremental evaluation does) finds exactly
 * the same alerts as the full scan.  An optional `only` file (rule codes or
 * family letters, blank-separated, e.g. "K" or "B01 B02") limits the comparison
 * to those rules, for fixtures whose records make other families speak (a
 * first day makes D01 check every catalogue item).  QL_RULES_UPDATE=1 writes the actual output
 * to expected.json instead (for authoring: review the diff before keeping it).
 *   rules_driver sqlite|pg DIR [CODE...]
 */
#include <dirent.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/app.h"
#include "mod/io.h"
#include "mod/rules.h"
#include "testdb.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, NULL);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings of every village scanned on its own, in the full scan's order. */
static bool per_village_same(struct db_conn *c, const struct rules_scan *full, const char *as_of,
			     const char *name)
{
	struct arena a;
	arena_init(&a);
	struct rules_scan all = {0};
	size_t cap = full->n + 1;
	all.items = ARENA_ARRAY(&a, struct rules_finding, cap);
	all.as_of = as_of;
	int64_t seen[256];
	size_t nseen = 0;
	bool ok = true;
	for (size_t i = 0; i < full->n && ok; i++) {
		int64_t vid = full->items[i].village_id;
		bool done = false;
		for (size_t k = 0; k < nseen; k++)
			done = done || seen[k] == vid;
		if (done || nseen == 256)
			continue;
		seen[nseen++] = vid;
		struct rules_scan one;
		struct errinfo ei = {0};
		if (rules_scan_run(c, &a, as_of, vid, 0, &one, &ei) != E_OK) {
			fprintf(stderr, "%s: village scan failed: %s\n", name, ei.msg);
			ok = false;
			break;
		}
		for (size_t k = 0; k < one.n && all.n < cap; k++)
			all.items[all.n++] = one.items[k];
	}
	if (ok) {
		/* restore the full scan's order (rule, village, keys) by matching */
		size_t matched = 0;
		for (size_t i = 0; i < full->n; i++)
			for (size_t k = 0; k < all.n; k++)
				if (strcmp(all.items[k].rule, full->items[i].rule) == 0 &&
				    all.items[k].village_id == full->items[i].village_id &&
				    strcmp(all.items[k].message, full->items[i].message) == 0) {
					matched++;
					break;
				}
		if (matched != full->n || all.n != full->n) {
			fprintf(stderr,
				"%s: village-by-village scan found %zu alerts, the full scan %zu "
				"(%zu matched)\n",
				name, all.n, full->n, matched);
			ok = false;
		}
	}
	arena_release(&a);
	return ok;
}

/* Is rule in the `only` list (NULL: every rule)? */
static bool wanted(const char *only, const char *rule)
{
	if (!only)
		return true;
	char list[512];
	snprintf(list, sizeof(list), "%s", only);
	for (char *save, *t = strtok_r(list, " \t\r\n", &save); t;
	     t = strtok_r(NULL, " \t\r\n", &save))
		if (strcmp(t, rule) == 0 || (strlen(t) == 1 && t[0] == rule[0]))
			return true;
	return false;
}

static bool run_dir(enum db_backend b, const char *root, const char *name)
{
	char dir[1024], path[1200];
	snprintf(dir, sizeof(dir), "%s/%s", root, name);
	snprintf(path, sizeof(path), "%s/as_of", dir);
	char *as_of = slurp(path);
	if (!as_of) {
		fprintf(stderr, "%s: no as_of file\n", name);
		return false;
	}
	as_of[strcspn(as_of, " \r\n")] = '\0';
	snprintf(path, sizeof(path), "%s/only", dir);
	char *only = slurp(path);
	struct db *tdb = NULL;
	struct app app;
	bool ok = false, opened = false;
	struct errinfo ei = {0};
	if (testdb_open(&tdb, b, "rules") != E_OK)
		goto out;
	struct app_opts o = {0};
	o.db_url = db_url(tdb);
	o.migrate = true;
	o.no_signer = true;
	if (app_open(&app, &o, &ei) != E_OK) {
		fprintf(stderr, "%s: app_open: %s\n", name, ei.msg);
		goto out;
	}
	opened = true;
	app.quiet = true;
	char report[1 << 14];
	FILE *rep = fmemopen(report, sizeof(report), "w");
	enum err e = io_import_dir(&app, dir, rep, &ei);
	fclose(rep);
	if (e != E_OK) {
		fprintf(stderr, "%s: import failed: %s\n%s\n", name, ei.msg, report);
		goto out;
	}
	struct db_conn *c;
	if (db_conn_get(app.db, &c, &ei) != E_OK)
		goto out;
	struct arena a;
	arena_init(&a);
	struct rules_scan s;
	if (rules_scan_run(c, &a, as_of, 0, 0, &s, &ei) != E_OK) {
		fprintf(stderr, "%s: scan failed: %s\n", name, ei.msg);
	} else {
		struct rules_scan shown = s;
		shown.items = ARENA_ARRAY(&a, struct rules_finding, s.n + 1);
		shown.n = 0;
		for (size_t i = 0; i < s.n; i++)
			if (wanted(only, s.items[i].rule))
				shown.items[shown.n++] = s.items[i];
		char *got = rules_scan_json(&a, &shown);
		snprintf(path, sizeof(path), "%s/expected.json", dir);
		if (getenv("QL_RULES_UPDATE") && b == DB_SQLITE) {
			FILE *f = fopen(path, "w");
			if (f) {
				fputs(got, f);
				fclose(f);
			}
		}
		char *want = slurp(path);
		json_error_t je;
		json_t *jw = want ? json_loads(want, 0, &je) : NULL;
		json_t *jg = json_loads(got, 0, &je);
		if (!jw) {
			fprintf(stderr, "%s: expected.json missing or not JSON\n", name);
		} else if (!jg || !json_equal(jw, jg)) {
			fprintf(stderr, "%s: output differs.\n--- expected\n%s--- got\n%s", name,
				want, got);
		} else {
			ok = per_village_same(c, &s, as_of, name);
		}
		json_decref(jw);
		json_decref(jg);
		free(want);
	}
	arena_release(&a);
	db_conn_put(app.db, c);
out:
	if (opened)
		app_close(&app);
	testdb_close(tdb);
	free(as_of);
	free(only);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: rules_driver sqlite|pg DIR [CODE...]\n");
		return 2;
	}
	enum db_backend b = strcmp(argv[1], "pg") == 0 ? DB_PG : DB_SQLITE;
	if (b == DB_PG && !testdb_pg_available()) {
		printf("skipped: QL_TEST_PG_URL is not set\n");
		return 77;
	}
	if (sodium_init() < 0)
		return 1;
	char *names[512];
	int n = 0;
	if (argc > 3) {
		for (int i = 3; i < argc && n < 512; i++)
			names[n++] = strdup(argv[i]);
	} else {
		DIR *d = opendir(argv[2]);
		if (!d) {
			fprintf(stderr, "cannot open %s\n", argv[2]);
			return 2;
		}
		struct dirent *de;
		while ((de = readdir(d)) && n < 512) {
			char p[1200];
			struct stat st;
			snprintf(p, sizeof(p), "%s/%s/expected.json", argv[2], de->d_name);
			if (de->d_name[0] != '.' && stat(p, &st) == 0)
				names[n++] = strdup(de->d_name);
		}
		closedir(d);
	}
	qsort(names, (size_t)n, sizeof(names[0]), cmp_str);
	int failed = 0;
	for (int i = 0; i < n; i++) {
		bool ok = run_dir(b, argv[2], names[i]);
		failed += !ok;
		printf("%s %s (%s)\n", ok ? "ok  " : "FAIL", names[i], testdb_backend_name(b));
		free(names[i]);
	}
	printf("%d passed, %d failed\n", n - failed, failed);
	return failed || n == 0 ? 1 : 0;
}
