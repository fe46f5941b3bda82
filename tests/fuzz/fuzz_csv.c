/*
 * libFuzzer target for the CSV reader (csvio.c): encoding detection (UTF-8 BOM,
 * UTF-8, GB18030) and parsing of whatever bytes an upload brings, then the
 * writer on what was read: every table written back as CSV (with a BOM, as for
 * Excel) and read again must give the same cells.  It must not test anything
 * but csvio.
 */
#include "fuzz_util.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/csvio.h"

/* A row the writer cannot express: one empty cell is a blank line, which the
 * reader skips. */
static int blank_row(const struct table_row *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		if (r->cells[i][0])
			return 0;
	return r->ncells <= 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct table t, back;
	struct errinfo ei = {0};
	const char *utf8;
	size_t utf8_len;

	arena_init(&a);
	if (csvio_to_utf8(&a, "fuzz.csv", (const char *)data, size, &utf8, &utf8_len, &ei) == E_OK)
		FUZZ_CHECK(utf8[utf8_len] == '\0');
	err_clear(&ei);
	if (csvio_parse(&a, "fuzz.csv", (const char *)data, size, &t, &ei) != E_OK) {
		FUZZ_CHECK(ei.code != E_OK && ei.msg[0]);
		arena_release(&a);
		return 0;
	}
	FUZZ_CHECK(t.nrows == 0 || t.rows != NULL);

	struct buf b = BUF_INIT;
	struct csv_writer w;
	size_t kept = 0;
	csv_writer_init_buf(&w, &b, CSV_WRITER_BOM);
	for (size_t i = 0; i < t.nrows; i++) {
		FUZZ_CHECK(t.rows[i].ncells <= t.ncols_max);
		FUZZ_CHECK(i == 0 || t.rows[i].line > t.rows[i - 1].line);
		if (blank_row(&t.rows[i]))
			continue;
		csv_writer_row(&w, (const char *const *)t.rows[i].cells, t.rows[i].ncells);
		kept++;
	}
	FUZZ_CHECK(csv_writer_finish(&w, &ei) == E_OK);
	err_clear(&ei);
	FUZZ_CHECK(csvio_parse(&a, "back.csv", b.ptr, b.len, &back, &ei) == E_OK);
	FUZZ_CHECK(back.nrows == kept);
	size_t j = 0;
	for (size_t i = 0; i < t.nrows; i++) {
		if (blank_row(&t.rows[i]))
			continue;
		FUZZ_CHECK(back.rows[j].ncells == t.rows[i].ncells);
		for (size_t c = 0; c < t.rows[i].ncells; c++)
			FUZZ_CHECK(strcmp(back.rows[j].cells[c], t.rows[i].cells[c]) == 0);
		j++;
	}
	buf_release(&b);
	arena_release(&a);
	return 0;
}
