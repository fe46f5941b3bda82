/*
 * libFuzzer target for the .xlsx reader (xlsx.c).  An input that starts with
 * "PK" is handed over as it is (a whole workbook, zip damage included); any
 * other input is a list of package parts, each introduced by a line
 * "==> <path>" (as `head` prints files), which this target stores into a fresh
 * zip (no compression) before reading it, so that mutations reach the XML of
 * the relationships, workbook, styles, shared strings and sheet rather than
 * breaking the zip's checksums.  Properties: a table that was read has cells that are
 * never NULL and ncols_max right; a refusal says why.  It must
 * not test anything but xlsx.c.
 */
#include "fuzz_util.h"

#include <zip.h>

#include "core/arena.h"
#include "core/xlsx.h"

/* The parts of s ("==> path\n<bytes>..."), stored into a zip; malloc'ed bytes. */
static char *make_zip(char *s, size_t size, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		abort();
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!z)
		abort();
	char *end = s + size, *p = s;
	while (p < end) {
		if (strncmp(p, "==> ", 4) != 0) { /* text before the first part is ignored */
			char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			continue;
		}
		char *name = p + 4, *nl = memchr(name, '\n', (size_t)(end - name));
		if (!nl)
			break;
		*nl = '\0';
		char *body = nl + 1, *next = body;
		while (next < end && !(next[0] == '=' && (next == body || next[-1] == '\n') &&
				       end - next >= 4 && strncmp(next, "==> ", 4) == 0))
			next++;
		size_t blen = (size_t)(next - body);
		if (blen && body[blen - 1] == '\n')
			blen--;
		zip_source_t *ps = zip_source_buffer(z, body, blen, 0);
		zip_int64_t idx =
		    ps && *name && strlen(name) == (size_t)(nl - name)
			? zip_file_add(z, name, ps, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)
			: -1;
		if (idx < 0)
			zip_source_free(ps);
		else
			zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
		p = next;
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(src);
		return NULL;
	}
	zip_stat_t st;
	char *out = NULL;
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    zip_source_open(src) == 0) {
		out = malloc(st.size + 1);
		if (!out)
			abort();
		zip_int64_t got = zip_source_read(src, out, st.size);
		*len = got > 0 ? (size_t)got : 0;
		zip_source_close(src);
	}
	zip_source_free(src);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct table t;
	struct errinfo ei = {0};
	char *zip = NULL;
	const char *bytes = (const char *)data;
	size_t len = size;

	if (size < 2 || data[0] != 'P' || data[1] != 'K') {
		char *s = fuzz_strndup(data, size);
		zip = make_zip(s, size, &len);
		bytes = zip;
		if (!zip) {
			free(s);
			return 0;
		}
		free(s);
	}
	arena_init(&a);
	if (xlsx_read_mem(&a, "fuzz.xlsx", bytes, len, &t, &ei) == E_OK) {
		size_t widest = 0;
		for (size_t i = 0; i < t.nrows; i++) {
			for (size_t c = 0; c < t.rows[i].ncells; c++)
				FUZZ_CHECK(t.rows[i].cells[c] != NULL);
			if (t.rows[i].ncells > widest)
				widest = t.rows[i].ncells;
		}
		FUZZ_CHECK(widest == t.ncols_max);
	} else {
		FUZZ_CHECK(ei.code != E_OK && ei.msg[0]);
	}
	arena_release(&a);
	free(zip);
	return 0;
}
