/*
 * CSV reading with libcsv and iconv, the extension dispatch of table_read_*,
 * and the CSV writer.  It must not interpret cells (that is importer.c) and
 * must not hand-parse CSV (libcsv does).
 */
#include "csvio.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "xlsx.h"

/* Physical line breaks in p[0..len): LF, CRLF, or a lone CR. */
static size_t count_breaks(const char *p, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\n')
			n++;
		else if (p[i] == '\r' && (i + 1 == len || p[i + 1] != '\n'))
			n++;
	}
	return n;
}

/* Length of the valid UTF-8 prefix (shortest forms, no surrogates, ≤ U+10FFFF,
 * no NUL). */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		uint32_t cp;
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return i;
}

/* GB18030 → UTF-8.  On failure *bad is the offset of the first byte that does
 * not decode. */
static bool from_gb18030(struct arena *a, const char *data, size_t len, const char **out,
			 size_t *out_len, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	struct buf b = BUF_INIT;
	char chunk[16384];
	char *in = (char *)data;
	size_t inleft = len;
	bool ok = true;

	if (cd == (iconv_t)-1) {
		*bad = 0;
		return false;
	}
	while (inleft) {
		char *o = chunk;
		size_t oleft = sizeof(chunk);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		buf_add(&b, chunk, sizeof(chunk) - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			ok = false; /* EILSEQ, or EINVAL: cut short at the end */
			break;
		}
	}
	iconv_close(cd);
	*bad = (size_t)(in - data);
	if (ok && memchr(b.ptr, '\0', b.len)) {
		*bad = (size_t)((const char *)memchr(data, '\0', len) - data);
		ok = false;
	}
	if (ok) {
		*out = arena_memdup(a, b.ptr, b.len);
		*out_len = b.len;
	}
	buf_release(&b);
	return ok;
}

enum err csvio_to_utf8(struct arena *a, const char *name, const char *data, size_t len,
		       const char **out, size_t *out_len, struct errinfo *ei)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t good, bad;

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return err_set(ei, E_INPUT, "csv.encoding", NULL,
			       "%s 是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为“CSV UTF-8"
			       "（逗号分隔）”或 .xlsx 后再导入",
			       name);
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		data += 3;
		len -= 3;
	}
	good = utf8_valid_prefix((const unsigned char *)data, len);
	if (good == len) {
		/* NUL-terminated copy only when the input is not already */
		*out = arena_memdup(a, data, len);
		*out_len = len;
		return E_OK;
	}
	if (from_gb18030(a, data, len, out, out_len, &bad))
		return E_OK;
	/* the decoding that got further is the one the file meant */
	if (good > bad)
		bad = good;
	return err_set(ei, E_INPUT, "csv.encoding", NULL,
		       "%s 第%zu行（第%zu字节）：无法识别的字符，文件既不是 UTF-8 也不是 "
		       "GBK/GB18030 编码",
		       name, 1 + count_breaks(data, bad), bad + 1);
}

struct parse_ctx {
	struct arena *a;	/* where cells and rows go */
	size_t line;		/* physical line being fed to libcsv */
	size_t rec_line;	/* line the current record started on */
	char **cells;		/* current record (malloc'ed vector) */
	size_t ncells, cap;	/* cells used, allocated */
	struct table_row *rows; /* rows so far (malloc'ed vector) */
	size_t nrows, rows_cap; /* rows used, allocated */
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("qinglian: 内存不足\n", stderr);
		abort();
	}
	return p;
}

static void on_field(void *s, size_t len, void *data)
{
	struct parse_ctx *c = data;
	if (c->ncells == 0)
		c->rec_line = c->line - count_breaks(s, len);
	if (c->ncells == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->cells = xrealloc(c->cells, c->cap * sizeof(*c->cells));
	}
	c->cells[c->ncells++] = arena_strndup(c->a, s ? s : "", s ? len : 0);
}

static void on_record(int term, void *data)
{
	struct parse_ctx *c = data;
	struct table_row *r;
	(void)term;
	if (c->ncells == 0)
		return;
	if (c->nrows == c->rows_cap) {
		c->rows_cap = c->rows_cap ? c->rows_cap * 2 : 64;
		c->rows = xrealloc(c->rows, c->rows_cap * sizeof(*c->rows));
	}
	r = &c->rows[c->nrows++];
	r->line = c->rec_line;
	r->ncells = c->ncells;
	r->cells = arena_memdup(c->a, c->cells, c->ncells * sizeof(*c->cells));
	c->ncells = 0;
}

static bool row_empty(const struct table_row *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		if (r->cells[i][0])
			return false;
	return true;
}

enum err csvio_parse(struct arena *a, const char *name, const char *data, size_t len,
		     struct table *out, struct errinfo *ei)
{
	struct csv_parser p;
	struct parse_ctx c = {.a = a, .line = 1};
	const char *text;
	size_t text_len, pos = 0;
	enum err err = E_OK;

	memset(out, 0, sizeof(*out));
	if ((err = csvio_to_utf8(a, name, data, len, &text, &text_len, ei)) != E_OK)
		return err;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fputs("qinglian: 内存不足\n", stderr);
		abort();
	}
	while (pos < text_len) {
		size_t end = pos;
		while (end < text_len && text[end] != '\n' && text[end] != '\r')
			end++;
		if (end < text_len)
			end += text[end] == '\r' && end + 1 < text_len && text[end + 1] == '\n' ? 2
												: 1;
		if (csv_parse(&p, text + pos, end - pos, on_field, on_record, &c) != end - pos) {
			err = csv_error(&p) == CSV_ENOMEM || csv_error(&p) == CSV_ETOOBIG
				  ? err_set(ei, E_TOOBIG, "csv.too_big", NULL,
					    "%s 第%zu行：单元格过大", name, c.line)
				  : err_set(ei, E_INPUT, "csv.syntax", NULL,
					    "%s 第%zu行：CSV 格式错误，引号不配对（单元格中的双引号"
					    "应写成两个双引号，并用双引号把整个单元格括起来）",
					    name, c.line);
			goto out;
		}
		pos = end;
		c.line++;
	}
	if (csv_fini(&p, on_field, on_record, &c) != 0) {
		err = err_set(ei, E_INPUT, "csv.syntax", NULL,
			      "%s 第%zu行起：引号没有闭合，直到文件结尾", name,
			      c.ncells ? c.rec_line : (c.nrows ? c.rows[c.nrows - 1].line + 1 : 1));
		goto out;
	}
	while (c.nrows && row_empty(&c.rows[c.nrows - 1]))
		c.nrows--;
	out->nrows = c.nrows;
	out->ncols_max = 0;
	for (size_t i = 0; i < c.nrows; i++)
		if (c.rows[i].ncells > out->ncols_max)
			out->ncols_max = c.rows[i].ncells;
	out->rows = c.nrows ? arena_memdup(a, c.rows, c.nrows * sizeof(*c.rows)) : NULL;
out:
	csv_free(&p);
	free(c.cells);
	free(c.rows);
	return err;
}

static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n >= e && !strcasecmp(name + n - e, ext);
}

enum err table_read_mem(struct arena *a, const char *name, const char *data, size_t len,
			struct table *out, struct errinfo *ei)
{
	static const unsigned char ole[4] = {0xD0, 0xCF, 0x11, 0xE0};
	if ((len >= 4 && !memcmp(data, ole, 4)) || has_ext(name, ".xls") || has_ext(name, ".et"))
		return err_set(
		    ei, E_INPUT, "table.format", NULL,
		    "%s 是旧版 Excel（.xls）格式，请在 Excel 中另存为 .xlsx 或 CSV 后再导入", name);
	if ((len >= 4 && !memcmp(data, "PK\x03\x04", 4)) || has_ext(name, ".xlsx") ||
	    has_ext(name, ".xlsm"))
		return xlsx_read_mem(a, name, data, len, out, ei);
	return csvio_parse(a, name, data, len, out, ei);
}

enum err table_read_file(struct arena *a, const char *path, struct table *out, struct errinfo *ei)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	FILE *fp = fopen(path, "rb");
	struct stat st;
	char *data;
	size_t got;

	memset(out, 0, sizeof(*out));
	if (!fp)
		return err_set(ei, errno == ENOENT ? E_NOTFOUND : E_IO, "file.open", NULL,
			       "无法打开文件 %s：%s", path,
			       errno == ENOENT ? "文件不存在" : strerror(errno));
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		return err_set(ei, E_IO, "file.open", NULL, "%s 不是普通文件", path);
	}
	if ((uintmax_t)st.st_size > CSVIO_MAX_FILE) {
		fclose(fp);
		return err_set(ei, E_TOOBIG, "file.too_big", NULL, "%s 过大（超过 %zu MB）", name,
			       CSVIO_MAX_FILE >> 20);
	}
	data = arena_alloc(a, (size_t)st.st_size + 1);
	got = fread(data, 1, (size_t)st.st_size, fp);
	if (ferror(fp) || got != (size_t)st.st_size) {
		fclose(fp);
		return err_set(ei, E_IO, "file.read", NULL, "读取文件 %s 失败", path);
	}
	fclose(fp);
	return table_read_mem(a, name, data, got, out, ei);
}

/* Writer */

static void emit(struct csv_writer *w, const char *p, size_t len)
{
	if (w->fp)
		fwrite(p, 1, len, w->fp);
	else
		buf_add(w->b, p, len);
}

static void writer_init(struct csv_writer *w, FILE *fp, struct buf *b, unsigned flags)
{
	w->fp = fp;
	w->b = b;
	w->flags = flags;
	w->ncells = 0;
	if (flags & CSV_WRITER_BOM)
		emit(w, "\xEF\xBB\xBF", 3);
}

void csv_writer_init_file(struct csv_writer *w, FILE *fp, unsigned flags)
{
	writer_init(w, fp, NULL, flags);
}

void csv_writer_init_buf(struct csv_writer *w, struct buf *b, unsigned flags)
{
	writer_init(w, NULL, b, flags);
}

/* "-12.30", "+86" stay as they are: signed numbers are not formulas. */
static bool signed_number(const char *s)
{
	if (*s != '-' && *s != '+')
		return false;
	s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == '.' || *s == ','))
			return false;
	return true;
}

void csv_writer_cell(struct csv_writer *w, const char *s)
{
	size_t len;
	bool quote, guard;

	if (!s)
		s = "";
	len = strlen(s);
	if (w->ncells++)
		emit(w, ",", 1);
	guard = (w->flags & CSV_WRITER_GUARD) &&
		(s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r' ||
		 ((s[0] == '+' || s[0] == '-') && !signed_number(s)));
	quote = strpbrk(s, ",\"\r\n") ||
		(len && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t'));
	if (quote)
		emit(w, "\"", 1);
	if (guard)
		emit(w, "'", 1);
	for (const char *p = s; *p;) {
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
		emit(w, p, n);
		if (q)
			emit(w, "\"", 1); /* the doubled quote */
		p += n;
	}
	if (quote)
		emit(w, "\"", 1);
}

void csv_writer_end_row(struct csv_writer *w)
{
	emit(w, "\r\n", 2);
	w->ncells = 0;
}

void csv_writer_row(struct csv_writer *w, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_writer_cell(w, cells[i]);
	csv_writer_end_row(w);
}

enum err csv_writer_finish(struct csv_writer *w, struct errinfo *ei)
{
	if (w->fp && (fflush(w->fp) != 0 || ferror(w->fp)))
		return err_set(ei, E_IO, "csv.write", NULL, "写入 CSV 文件失败：%s",
			       strerror(errno));
	return E_OK;
}
