/*
 * Unit tests of `qinglian gen` (gen.c, org_gen.c): the same seed gives the same
 * bytes, another seed other data; the org files are internally consistent (valid
 * and unique 身份证号, every cadre, relative and archive entry a villager of that
 * village, one 书记 at the span's end, no two holders of a one-seat post at once)
 * and realistic; the ground truth names what the files really hold.  Files are
 * read back with csvio, the importer's own reader.  Writes under /tmp only; must
 * not touch a database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/csvio.h"
#include "core/idno.h"
#include "mod/gen.h"

static const char *const files[] = {"villages.csv",  "people.csv",	   "positions.csv",
				    "relatives.csv", "archive_events.csv", "ground_truth.csv"};
#define N_FILES (sizeof(files) / sizeof(files[0]))

/* ---- helpers -------------------------------------------------------------------- */

static char *tmp_dir(void)
{
	char *d = strdup("/tmp/ql_test_gen_XXXXXX");
	assert_non_null(d);
	assert_non_null(mkdtemp(d));
	return d;
}

static void rm_dir(const char *d)
{
	DIR *dir = opendir(d);
	if (!dir)
		return;
	struct dirent *e;
	char path[512];
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", d, e->d_name);
		unlink(path);
	}
	closedir(dir);
	rmdir(d);
}

static void run_gen(const char *dir, int villages, int years, uint64_t seed)
{
	struct gen_opts o = {.dir = dir, .villages = villages, .years = years, .seed = seed};
	struct errinfo ei = {0};
	enum err rc = gen_run(&o, &ei);
	if (rc != E_OK)
		fail_msg("gen_run: %s", ei.msg);
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void read_table(struct arena *a, const char *dir, const char *name, struct table *t)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	struct errinfo ei = {0};
	if (table_read_file(a, path, t, &ei) != E_OK)
		fail_msg("read %s: %s", name, ei.msg);
	assert_true(t->nrows >= 1);
}

static void assert_header(const struct table *t, const char *const *want, size_t n)
{
	assert_int_equal(t->rows[0].ncells, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(t->rows[0].cells[i], want[i]);
	for (size_t r = 1; r < t->nrows; r++)
		assert_int_equal(t->rows[r].ncells, n);
}

static int32_t date_of(const char *s)
{
	int y, m, d;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen(s) != 10)
		fail_msg("bad date '%s'", s);
	return gen_date(y, m, d);
}

/* A generated township read back: every file as a table. */
struct town {
	struct arena a;		/* tables' memory */
	struct table villages;	/* villages.csv */
	struct table people;	/* people.csv */
	struct table positions; /* positions.csv */
	struct table relatives; /* relatives.csv */
	struct table events;	/* archive_events.csv */
	struct table truth;	/* ground_truth.csv */
};

static void town_read(struct town *t, const char *dir)
{
	arena_init(&t->a);
	read_table(&t->a, dir, "villages.csv", &t->villages);
	read_table(&t->a, dir, "people.csv", &t->people);
	read_table(&t->a, dir, "positions.csv", &t->positions);
	read_table(&t->a, dir, "relatives.csv", &t->relatives);
	read_table(&t->a, dir, "archive_events.csv", &t->events);
	read_table(&t->a, dir, "ground_truth.csv", &t->truth);
}

/* id_no → row of people.csv, by binary search over a sorted copy. */
struct id_index {
	const char **id; /* sorted id_no */
	size_t *row;	 /* people.csv row of id[i] */
	size_t n;	 /* entries */
};

static const char *const *sort_base;

static int cmp_by_id(const void *x, const void *y)
{
	return strcmp(sort_base[*(const size_t *)x], sort_base[*(const size_t *)y]);
}

static void index_build(struct id_index *ix, const struct table *people)
{
	ix->n = people->nrows - 1;
	const char **ids = malloc(ix->n * sizeof(*ids));
	size_t *rows = malloc(ix->n * sizeof(*rows));
	assert_true(ids && rows);
	for (size_t i = 0; i < ix->n; i++) {
		ids[i] = people->rows[i + 1].cells[0];
		rows[i] = i;
	}
	sort_base = ids;
	qsort(rows, ix->n, sizeof(*rows), cmp_by_id);
	ix->id = malloc(ix->n * sizeof(*ix->id));
	ix->row = malloc(ix->n * sizeof(*ix->row));
	for (size_t i = 0; i < ix->n; i++) {
		ix->id[i] = ids[rows[i]];
		ix->row[i] = rows[i] + 1;
	}
	free(ids);
	free(rows);
}

static const char **index_person(const struct id_index *ix, const struct table *people,
				 const char *id)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(ix->id[mid], id);
		if (c == 0)
			return (const char **)people->rows[ix->row[mid]].cells;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void index_free(struct id_index *ix)
{
	free(ix->id);
	free(ix->row);
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_gen__same_seed_same_bytes(void **state)
{
	(void)state;
	char *d1 = tmp_dir(), *d2 = tmp_dir(), *d3 = tmp_dir();
	run_gen(d1, 12, 10, 1);
	run_gen(d2, 12, 10, 1);
	run_gen(d3, 12, 10, 2);
	bool any_differs = false;
	for (size_t i = 0; i < N_FILES; i++) {
		size_t n1, n2, n3;
		char *a = slurp(d1, files[i], &n1), *b = slurp(d2, files[i], &n2);
		char *c = slurp(d3, files[i], &n3);
		assert_true(n1 > 0);
		assert_int_equal(n1, n2);
		assert_memory_equal(a, b, n1);
		if (strcmp(files[i], "ground_truth.csv") != 0)
			any_differs |= n1 != n3 || memcmp(a, c, n1) != 0;
		free(a);
		free(b);
		free(c);
	}
	assert_true(any_differs);
	/* people.csv in particular is other people */
	size_t n1, n3;
	char *a = slurp(d1, "people.csv", &n1), *c = slurp(d3, "people.csv", &n3);
	assert_false(n1 == n3 && memcmp(a, c, n1) == 0);
	free(a);
	free(c);
	rm_dir(d1);
	rm_dir(d2);
	rm_dir(d3);
	free(d1);
	free(d2);
	free(d3);
}

static void test_gen__headers_and_villages(void **state)
{
	(void)state;
	char *d = tmp_dir();
	run_gen(d, 12, 10, 1);
	struct town t;
	town_read(&t, d);
	static const char *const hv[] = {"code",     "name",	   "kind",
					 "township", "households", "population"};
	static const char *const hp[] = {"id_no",	 "name",       "village_code",
					 "household_no", "death_date", "moved_out_date",
					 "party_member", "phone"};
	static const char *const hpos[] = {"village_code", "id_no", "post", "start_date",
					   "end_date"};
	static const char *const hr[] = {"cadre_id_no", "relative_id_no", "relation",
					 "declared_date"};
	static const char *const he[] = {"village_code", "id_no", "kind", "date", "note"};
	static const char *const ht[] = {"rule", "village", "keys", "note"};
	assert_header(&t.villages, hv, 6);
	assert_header(&t.people, hp, 8);
	assert_header(&t.positions, hpos, 5);
	assert_header(&t.relatives, hr, 4);
	assert_header(&t.events, he, 5);
	assert_header(&t.truth, ht, 4);

	assert_int_equal(t.villages.nrows, 13);
	int communities = 0;
	for (size_t r = 1; r < t.villages.nrows; r++) {
		char **c = t.villages.rows[r].cells;
		assert_true(area_code_valid(c[0]));
		assert_memory_equal(c[0], "321283101", 9); /* one township */
		assert_string_equal(c[3], "黄桥镇");
		size_t nl = strlen(c[1]);
		if (strcmp(c[2], "居") == 0) {
			communities++;
			assert_string_equal(c[1] + nl - strlen("社区"), "社区");
			assert_true(c[0][9] == '0');
		} else {
			assert_string_equal(c[2], "村");
			assert_string_equal(c[1] + nl - strlen("村"), "村");
			assert_true(c[0][9] == '2');
		}
		long hh = atol(c[4]), pop = atol(c[5]);
		assert_in_range(hh, 300, 1500);
		assert_true(pop * 100 >= hh * 260 && pop * 100 <= hh * 320);
		if (r > 1) /* code order, no duplicates */
			assert_true(strcmp(t.villages.rows[r - 1].cells[0], c[0]) < 0);
	}
	assert_in_range(communities, 1, 4);
	arena_release(&t.a);
	rm_dir(d);
	free(d);
}

static void test_gen__people_valid(void **state)
{
	(void)state;
	char *d = tmp_dir();
	run_gen(d, 12, 10, 7);
	struct town t;
	town_read(&t, d);
	struct id_index ix;
	index_build(&ix, &t.people);
	int32_t end = gen_date(2025, 12, 31), start = gen_date(2016, 1, 1);
	size_t local = 0, party = 0, dead = 0, moved = 0, compound = 0;
	for (size_t i = 0; i < ix.n; i++) {
		if (i)
			assert_true(strcmp(ix.id[i - 1], ix.id[i]) < 0); /* unique */
		const char **c = index_person(&ix, &t.people, ix.id[i]);
		const char *id = c[0];
		if (!idno_valid(id))
			fail_msg("invalid 身份证号 %s: %s", id, idno_problem(id));
		local += strncmp(id, "321283", 6) == 0;
		assert_true(strncmp(id, "32", 2) == 0);
		/* ages 18–90 on the span's last day, or on the day of death */
		char bd[11];
		snprintf(bd, sizeof(bd), "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
		int32_t on = *c[4] ? date_of(c[4]) : end;
		int age = gen_age(date_of(bd), on);
		if (age < 18 || age > 90)
			fail_msg("%s aged %d", id, age);
		/* names: 2–4 CJK characters */
		size_t nl = strlen(c[1]);
		assert_true(nl >= 6 && nl <= 12 && nl % 3 == 0);
		compound += strncmp(c[1], "欧阳", 6) == 0 || strncmp(c[1], "司马", 6) == 0 ||
			    strncmp(c[1], "诸葛", 6) == 0 || strncmp(c[1], "上官", 6) == 0;
		assert_int_equal(strlen(c[3]), 4);
		assert_in_range(atoi(c[3]), 1, 1500);
		if (*c[4]) {
			dead++;
			assert_in_range(date_of(c[4]), start, end);
			assert_string_equal(c[5], "");
		}
		if (*c[5]) {
			moved++;
			assert_in_range(date_of(c[5]), start, end);
		}
		assert_true(strcmp(c[6], "是") == 0 || strcmp(c[6], "否") == 0);
		party += strcmp(c[6], "是") == 0;
		if (*c[7]) {
			assert_int_equal(strlen(c[7]), 11);
			assert_true(c[7][0] == '1' &&
				    (c[7][1] == '3' || c[7][1] == '5' || c[7][1] == '8'));
		}
	}
	assert_true(ix.n > 1000);
	assert_true(local * 100 > ix.n * 85 && local < ix.n); /* a few from neighbours */
	assert_true(party * 100 > ix.n * 6 && party * 100 < ix.n * 20);
	assert_true(dead > 0 && moved > 0);
	assert_true(compound * 100 < ix.n); /* rare, if any */
	index_free(&ix);
	arena_release(&t.a);
	rm_dir(d);
	free(d);
}

static bool holds_on(char **pos, int32_t day)
{
	return date_of(pos[3]) <= day && (!*pos[4] || date_of(pos[4]) >= day);
}

static bool single_seat(const char *post)
{
	return strcmp(post, "委员") != 0 && strcmp(post, "监委会委员") != 0;
}

static void test_gen__references_and_terms(void **state)
{
	(void)state;
	char *d = tmp_dir();
	run_gen(d, 12, 10, 3);
	struct town t;
	town_read(&t, d);
	struct id_index ix;
	index_build(&ix, &t.people);
	int32_t end = gen_date(2025, 12, 31), start = gen_date(2016, 1, 1);

	/* positions: holders are villagers of that village, dates sane */
	for (size_t r = 1; r < t.positions.nrows; r++) {
		char **c = t.positions.rows[r].cells;
		const char **p = index_person(&ix, &t.people, c[1]);
		if (!p)
			fail_msg("cadre %s not in people.csv", c[1]);
		assert_string_equal(p[2], c[0]);
		assert_string_equal(p[4], ""); /* no dead cadres */
		int32_t s = date_of(c[3]);
		assert_true(s <= end);
		if (*c[4]) {
			assert_true(date_of(c[4]) >= s);
			assert_true(date_of(c[4]) >= start); /* every term reaches the span */
		}
	}
	/* per village: one 书记 on the last day, no overlap of one-seat posts,
	 * multi-seat posts within their seats, 一肩挑 somewhere */
	int yijiantiao = 0;
	for (size_t v = 1; v < t.villages.nrows; v++) {
		const char *vc = t.villages.rows[v].cells[0];
		int shuji = 0;
		const char *shuji_id = NULL, *zhuren_id = NULL;
		for (size_t i = 1; i < t.positions.nrows; i++) {
			char **a = t.positions.rows[i].cells;
			if (strcmp(a[0], vc) != 0)
				continue;
			if (strcmp(a[2], "书记") == 0 && holds_on(a, end)) {
				shuji++;
				shuji_id = a[1];
			}
			if (strcmp(a[2], "主任") == 0 && holds_on(a, end))
				zhuren_id = a[1];
			int concurrent = 0;
			for (size_t j = 1; j < t.positions.nrows; j++) {
				char **b = t.positions.rows[j].cells;
				if (i == j || strcmp(b[0], vc) != 0 || strcmp(b[2], a[2]) != 0)
					continue;
				/* does b hold on a's first day? */
				if (!holds_on(b, date_of(a[3])))
					continue;
				concurrent++;
				if (single_seat(a[2]) || strcmp(a[1], b[1]) == 0)
					fail_msg("%s %s: %s and %s overlap", vc, a[2], a[1], b[1]);
			}
			assert_true(concurrent < (strcmp(a[2], "委员") == 0 ? 4 : 2));
		}
		if (shuji != 1)
			fail_msg("%s has %d 书记 on 2025-12-31", vc, shuji);
		assert_non_null(zhuren_id);
		yijiantiao += strcmp(shuji_id, zhuren_id) == 0;
	}
	assert_true(yijiantiao >= 1);

	/* relatives: both sides villagers of one village, cadre holds a post,
	 * declared while in office */
	size_t kinds[6] = {0};
	static const char *const rel[] = {"配偶",     "父母",	  "子女",
					  "兄弟姐妹", "配偶父母", "子女配偶"};
	for (size_t r = 1; r < t.relatives.nrows; r++) {
		char **c = t.relatives.rows[r].cells;
		const char **cadre = index_person(&ix, &t.people, c[0]);
		const char **relv = index_person(&ix, &t.people, c[1]);
		if (!cadre || !relv)
			fail_msg("relatives row %zu names someone not in people.csv", r);
		assert_string_equal(cadre[2], relv[2]);
		assert_string_not_equal(c[0], c[1]);
		bool known = false;
		for (size_t k = 0; k < 6; k++)
			if (strcmp(c[2], rel[k]) == 0) {
				kinds[k]++;
				known = true;
			}
		assert_true(known);
		if (strcmp(c[2], "配偶") == 0)
			assert_string_equal(cadre[3], relv[3]); /* one household */
		int32_t dd = date_of(c[3]);
		bool in_office = false;
		for (size_t i = 1; i < t.positions.nrows && !in_office; i++) {
			char **p = t.positions.rows[i].cells;
			in_office = strcmp(p[1], c[0]) == 0 && holds_on(p, dd);
		}
		assert_true(in_office);
		assert_in_range(dd, start, end);
	}
	for (size_t k = 0; k < 6; k++)
		assert_true(kinds[k] > 0);

	/* archive events: villagers of that village holding a post that year */
	static const char *const ev[] = {"廉政承诺", "述职述廉", "谈心谈话", "民主评议",
					 "廉政家访"};
	size_t evk[5] = {0};
	for (size_t r = 1; r < t.events.nrows; r++) {
		char **c = t.events.rows[r].cells;
		const char **p = index_person(&ix, &t.people, c[1]);
		if (!p)
			fail_msg("archive event of %s, not in people.csv", c[1]);
		assert_string_equal(p[2], c[0]);
		int32_t day = date_of(c[3]);
		assert_in_range(day, start, end);
		bool known = false;
		for (size_t k = 0; k < 5; k++)
			if (strcmp(c[2], ev[k]) == 0) {
				evk[k]++;
				known = true;
			}
		assert_true(known);
		if (strcmp(c[2], "民主评议") == 0)
			assert_true(strcmp(c[4], "优秀") == 0 || strcmp(c[4], "称职") == 0 ||
				    strcmp(c[4], "基本称职") == 0 || strcmp(c[4], "不称职") == 0);
		if (strcmp(c[2], "廉政承诺") == 0 && r % 7 == 0) {
			bool cadre = false;
			for (size_t i = 1; i < t.positions.nrows && !cadre; i++)
				cadre = strcmp(t.positions.rows[i].cells[1], c[1]) == 0;
			assert_true(cadre);
		}
	}
	for (size_t k = 0; k < 5; k++)
		assert_true(evk[k] > 0);
	index_free(&ix);
	arena_release(&t.a);
	rm_dir(d);
	free(d);
}

/* Every ground-truth line of the org rules (K01, K02, K05) is borne out by the
 * files themselves; other modules' generators check their own lines. */
static void test_gen__ground_truth_holds(void **state)
{
	(void)state;
	char *d = tmp_dir();
	run_gen(d, 24, 10, 5);
	struct town t;
	town_read(&t, d);
	struct id_index ix;
	index_build(&ix, &t.people);
	size_t k01 = 0;
	for (size_t r = 1; r < t.truth.nrows; r++) {
		char **c = t.truth.rows[r].cells;
		assert_true(area_code_valid(c[1]));
		assert_true(strlen(c[3]) > 0);
		if (c[0][0] != 'K' || strcmp(c[0], "K03") == 0 || strcmp(c[0], "K04") == 0)
			continue; /* K03, K04: audit_gen's */
		if (strcmp(c[0], "K01") == 0 || strcmp(c[0], "K02") == 0) {
			char id[19];
			int year;
			assert_int_equal(sscanf(c[2], "%18[0-9X],%d", id, &year), 2);
			const char **p = index_person(&ix, &t.people, id);
			assert_non_null(p);
			assert_string_equal(p[2], c[1]);
			bool k02 = c[0][2] == '2';
			int32_t lo = k02 ? gen_date(year, 7, 1) : gen_date(year, 1, 1);
			int32_t hi = k02 ? gen_date(year + 1, 1, 31) : gen_date(year, 3, 31);
			int32_t on = k02 ? gen_date(year, 12, 31) : hi;
			const char *kind = k02 ? "述职述廉" : "廉政承诺";
			for (size_t e = 1; e < t.events.nrows; e++) {
				char **ev = t.events.rows[e].cells;
				if (strcmp(ev[1], id) == 0 && strcmp(ev[2], kind) == 0) {
					int32_t day = date_of(ev[3]);
					if (day >= lo && day <= hi)
						fail_msg("%s %s has %s on %s", c[0], id, kind,
							 ev[3]);
				}
			}
			bool held = false;
			for (size_t i = 1; i < t.positions.nrows && !held; i++) {
				char **p2 = t.positions.rows[i].cells;
				held = strcmp(p2[1], id) == 0 && holds_on(p2, on) &&
				       (k02 ? strcmp(p2[2], "书记") == 0
					    : strcmp(p2[2], "监委会主任") != 0 &&
						  strcmp(p2[2], "监委会委员") != 0 &&
						  strcmp(p2[2], "报账员") != 0 &&
						  strcmp(p2[2], "纪检委员") != 0);
			}
			assert_true(held);
			k01 += !k02;
		} else {
			assert_string_equal(c[0], "K05");
			const char **p = index_person(&ix, &t.people, c[2]);
			assert_non_null(p);
			bool jw = false;
			for (size_t i = 1; i < t.positions.nrows && !jw; i++) {
				char **p2 = t.positions.rows[i].cells;
				jw = strcmp(p2[1], c[2]) == 0 && strncmp(p2[2], "监委会", 9) == 0;
			}
			assert_true(jw);
			bool related = false;
			for (size_t i = 1; i < t.relatives.nrows && !related; i++) {
				char **rr = t.relatives.rows[i].cells;
				related = strcmp(rr[0], c[2]) == 0 || strcmp(rr[1], c[2]) == 0;
			}
			assert_true(related || strstr(c[3], "同时担任"));
		}
	}
	assert_true(k01 > 0); /* gaps are planted */
	index_free(&ix);
	arena_release(&t.a);
	rm_dir(d);
	free(d);
}

static void test_gen__scales(void **state)
{
	(void)state;
	char *d1 = tmp_dir(), *d2 = tmp_dir();
	run_gen(d1, 3, 5, 1);
	run_gen(d2, 60, 5, 1);
	struct town a, b;
	town_read(&a, d1);
	town_read(&b, d2);
	assert_int_equal(a.villages.nrows - 1, 3);
	assert_int_equal(b.villages.nrows - 1, 60);
	assert_true(b.people.nrows > 10 * a.people.nrows);
	assert_true(b.positions.nrows > 10 * a.positions.nrows);
	assert_true(b.events.nrows > 10 * a.events.nrows);
	/* several townships, codes unique */
	for (size_t r = 2; r < b.villages.nrows; r++)
		assert_true(strcmp(b.villages.rows[r - 1].cells[0], b.villages.rows[r].cells[0]) <
			    0);
	assert_string_not_equal(b.villages.rows[1].cells[3], b.villages.rows[60].cells[3]);
	/* five years: nothing before 2021 but the start of a term in force */
	for (size_t r = 1; r < a.events.nrows; r++)
		assert_true(strcmp(a.events.rows[r].cells[3], "2021-01-01") >= 0);
	arena_release(&a.a);
	arena_release(&b.a);
	rm_dir(d1);
	rm_dir(d2);
	free(d1);
	free(d2);
}

static void test_gen__bad_options(void **state)
{
	(void)state;
	struct errinfo ei = {0};
	struct gen_opts o = {
	    .dir = "/tmp/ql_test_gen_never", .villages = 0, .years = 10, .seed = 1};
	assert_int_equal(gen_run(&o, &ei), E_INPUT);
	assert_true(strlen(ei.msg) > 0);
	o.villages = 12;
	o.years = 0;
	assert_int_equal(gen_run(&o, &ei), E_INPUT);
	o.years = 10;
	o.dir = "";
	assert_int_equal(gen_run(&o, &ei), E_INPUT);
	o.dir = "/proc/ql_no_such_place/x";
	assert_int_equal(gen_run(&o, &ei), E_IO);
}

static void test_gen__rng_and_dates(void **state)
{
	(void)state;
	struct gen_rng r1, r2;
	gen_rng_seed(&r1, 42);
	gen_rng_seed(&r2, 42);
	for (int i = 0; i < 100; i++)
		assert_true(gen_rng_next(&r1) == gen_rng_next(&r2));
	int hist[6] = {0};
	for (int i = 0; i < 6000; i++) {
		int64_t x = gen_rng_range(&r1, 10, 15);
		assert_in_range(x, 10, 15);
		hist[x - 10]++;
	}
	for (int i = 0; i < 6; i++)
		assert_in_range(hist[i], 800, 1200);
	char s[11];
	gen_date_fmt(gen_date(2024, 2, 29), s);
	assert_string_equal(s, "2024-02-29");
	gen_date_fmt(gen_date(1935, 12, 31), s);
	assert_string_equal(s, "1935-12-31");
	assert_int_equal(gen_date(1970, 1, 1), 0);
	assert_int_equal(gen_date(2025, 12, 31) - gen_date(2025, 1, 1), 364);
	assert_int_equal(gen_age(gen_date(2000, 3, 1), gen_date(2025, 2, 28)), 24);
	assert_int_equal(gen_age(gen_date(2000, 3, 1), gen_date(2025, 3, 1)), 25);
	gen_date_fmt(GEN_NODATE, s);
	assert_string_equal(s, "");
}

static int32_t village_find(const struct gen_village *v, const char *id)
{
	for (size_t i = 0; i < v->n_people; i++)
		if (strcmp(v->people[i].id_no, id) == 0)
			return (int32_t)i;
	return -1;
}

/* The helpers later generators rely on, over the org data as gen stores it
 * (rebuilt here from the files of the first village). */
static void test_gen__village_helpers(void **state)
{
	(void)state;
	char *d = tmp_dir();
	run_gen(d, 4, 10, 9);
	struct town t;
	town_read(&t, d);
	const char *vc = t.villages.rows[1].cells[0];
	struct gen_village v = {0};
	v.people = calloc(t.people.nrows, sizeof(*v.people));
	v.positions = calloc(t.positions.nrows, sizeof(*v.positions));
	v.relatives = calloc(t.relatives.nrows, sizeof(*v.relatives));
	assert_true(v.people && v.positions && v.relatives);
	for (size_t r = 1; r < t.people.nrows; r++)
		if (strcmp(t.people.rows[r].cells[2], vc) == 0)
			snprintf(v.people[v.n_people++].id_no, 19, "%s", t.people.rows[r].cells[0]);
	for (size_t r = 1; r < t.positions.nrows; r++) {
		char **c = t.positions.rows[r].cells;
		if (strcmp(c[0], vc) != 0)
			continue;
		struct gen_position *p = &v.positions[v.n_positions++];
		p->person = village_find(&v, c[1]);
		assert_true(p->person >= 0);
		v.people[p->person].cadre = true;
		p->post = GEN_POST__MAX;
		for (int k = 0; k < GEN_POST__MAX; k++)
			if (strcmp(c[2], gen_post_name(k)) == 0)
				p->post = (uint8_t)k;
		assert_true(p->post < GEN_POST__MAX);
		p->start = date_of(c[3]);
		p->end = *c[4] ? date_of(c[4]) : GEN_NODATE;
	}
	for (size_t r = 1; r < t.relatives.nrows; r++) {
		char **c = t.relatives.rows[r].cells;
		int32_t a = village_find(&v, c[0]);
		if (a < 0)
			continue;
		struct gen_relative *rel = &v.relatives[v.n_relatives++];
		rel->cadre = a;
		rel->relative = village_find(&v, c[1]);
		assert_true(rel->relative >= 0);
		v.people[rel->relative].relative = true;
	}
	int32_t end = gen_date(2025, 12, 31);
	int32_t sj = gen_post_holder(&v, GEN_POST_SHUJI, end);
	assert_true(sj >= 0);
	assert_true(gen_related_to_cadre(&v, sj, end));
	assert_int_equal(gen_post_holder(&v, GEN_POST_SHUJI, gen_date(1990, 1, 1)), -1);
	/* the 书记's declared relatives are related to a cadre while the 书记 serves */
	size_t related = 0, plain = 0;
	for (size_t i = 0; i < v.n_relatives; i++)
		if (v.relatives[i].cadre == sj)
			assert_true(gen_related_to_cadre(&v, v.relatives[i].relative, end));
	for (size_t i = 0; i < v.n_people; i++) {
		bool rel = gen_related_to_cadre(&v, (int32_t)i, end);
		if (!v.people[i].cadre && !v.people[i].relative)
			assert_false(rel);
		related += rel;
		plain += !rel;
	}
	assert_true(related > 5 && plain > 5);
	free(v.people);
	free(v.positions);
	free(v.relatives);
	arena_release(&t.a);
	rm_dir(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gen__rng_and_dates),
	    cmocka_unit_test(test_gen__bad_options),
	    cmocka_unit_test(test_gen__same_seed_same_bytes),
	    cmocka_unit_test(test_gen__headers_and_villages),
	    cmocka_unit_test(test_gen__people_valid),
	    cmocka_unit_test(test_gen__references_and_terms),
	    cmocka_unit_test(test_gen__ground_truth_holds),
	    cmocka_unit_test(test_gen__scales),
	    cmocka_unit_test(test_gen__village_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
