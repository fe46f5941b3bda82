/*
 * Header mapping, per-cell checks and the problem report of the column-spec
 * import.  The checks reuse money.h, datefmt.h and idno.h; the reasons are
 * Chinese sentences a village accountant can act on.  It must not know which
 * module's file it reads.
 */
#include "importer.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "datefmt.h"
#include "err.h"
#include "idno.h"
#include "money.h"

void import_report_init(struct import_report *rep, struct arena *a)
{
	memset(rep, 0, sizeof(*rep));
	rep->a = a;
	rep->file = "";
	rep->err_tail = &rep->errors;
	rep->warn_tail = &rep->warnings;
}

void import_report_file(struct import_report *rep, const char *file)
{
	rep->file = arena_strdup(rep->a, file ? file : "");
}

static void add(struct import_report *rep, bool warning, size_t line, const char *column,
		const char *value, const char *fmt, va_list ap)
{
	struct import_problem *p = ARENA_NEW(rep->a, struct import_problem);
	p->file = rep->file;
	p->line = line;
	p->column = arena_strdup(rep->a, column);
	p->value = arena_strdup(rep->a, value);
	p->reason = arena_vprintf(rep->a, fmt, ap);
	if (warning) {
		*rep->warn_tail = p;
		rep->warn_tail = &p->next;
		rep->nwarnings++;
	} else {
		*rep->err_tail = p;
		rep->err_tail = &p->next;
		rep->nerrors++;
	}
}

void import_report_add(struct import_report *rep, size_t line, const char *column,
		       const char *value, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(rep, false, line, column, value, fmt, ap);
	va_end(ap);
}

void import_report_warn(struct import_report *rep, size_t line, const char *column,
			const char *value, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(rep, true, line, column, value, fmt, ap);
	va_end(ap);
}

static json_t *problems_json(const struct import_problem *p)
{
	json_t *arr = json_array();
	for (; p; p = p->next) {
		json_t *o = json_pack("{s:s, s:o, s:s?, s:s?, s:s}", "file", p->file, "line",
				      p->line ? json_integer((json_int_t)p->line) : json_null(),
				      "column", p->column, "value", p->value, "reason", p->reason);
		json_array_append_new(arr, o ? o : json_null());
	}
	return arr;
}

json_t *import_report_to_json(const struct import_report *rep)
{
	return json_pack("{s:b, s:I, s:I, s:o, s:o}", "ok", rep->nerrors == 0, "error_count",
			 (json_int_t)rep->nerrors, "warning_count", (json_int_t)rep->nwarnings,
			 "errors", problems_json(rep->errors), "warnings",
			 problems_json(rep->warnings));
}

/* The value on one line: control characters escaped, at most 60 characters. */
static void print_value(FILE *fp, const char *v)
{
	size_t chars = 0;
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p & 0xC0) != 0x80 && ++chars > 60) {
			fputs("…", fp);
			break;
		}
		if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\r')
			fputs("\\r", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p == '"')
			fputs("\\\"", fp);
		else if (*p < 0x20)
			fprintf(fp, "\\x%02x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static void print_list(const struct import_problem *p, FILE *fp, const char *prefix)
{
	for (; p; p = p->next) {
		fprintf(fp, "%s%s", prefix, p->file);
		if (p->line)
			fprintf(fp, " 第%zu行", p->line);
		if (p->column)
			fprintf(fp, " %s", p->column);
		if (p->value) {
			fputc(' ', fp);
			print_value(fp, p->value);
		}
		fprintf(fp, "：%s\n", p->reason);
	}
}

void import_report_print(const struct import_report *rep, FILE *fp)
{
	print_list(rep->errors, fp, "");
	print_list(rep->warnings, fp, "[警告] ");
}

/* Trim ASCII blanks, U+3000, U+00A0, U+FEFF (BOM) and U+200B at both ends. */
static size_t blank_at(const char *p)
{
	static const char *const wide[] = {"\xe3\x80\x80", "\xc2\xa0", "\xef\xbb\xbf",
					   "\xe2\x80\x8b"};
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		return 1;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (!strncmp(p, wide[i], strlen(wide[i])))
			return strlen(wide[i]);
	return 0;
}

static size_t blank_before(const char *start, const char *end)
{
	static const char *const wide[] = {"\xe3\x80\x80", "\xc2\xa0", "\xef\xbb\xbf",
					   "\xe2\x80\x8b"};
	char c;
	if (end == start)
		return 0;
	c = end[-1];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		return 1;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++) {
		size_t n = strlen(wide[i]);
		if ((size_t)(end - start) >= n && !strncmp(end - n, wide[i], n))
			return n;
	}
	return 0;
}

static const char *trim(struct arena *a, const char *s)
{
	const char *end;
	size_t n;
	while ((n = blank_at(s)))
		s += n;
	end = s + strlen(s);
	while ((n = blank_before(s, end)))
		end -= n;
	return *end ? arena_strndup(a, s, (size_t)(end - s)) : s;
}

size_t import_col_index(const struct col_spec *cols, size_t ncols, const char *en)
{
	for (size_t i = 0; i < ncols; i++)
		if (!strcmp(cols[i].en, en))
			return i;
	return (size_t)-1;
}

static char *expected_names(struct arena *a, const struct col_spec *cols, size_t ncols)
{
	struct buf b = BUF_INIT;
	char *s;
	for (size_t i = 0; i < ncols; i++)
		buf_addf(&b, "%s%s/%s", i ? "、" : "", cols[i].en, cols[i].zh);
	s = arena_strndup(a, b.ptr, b.len);
	buf_release(&b);
	return s;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* 1.10105E+17: a number Excel has already rounded. */
static bool scientific(const char *s)
{
	return strstr(s, "E+") || strstr(s, "e+");
}

static char *upper(struct arena *a, const char *s)
{
	char *u = arena_strdup(a, s);
	for (char *p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

static const char *const excel_number_hint =
    "被 Excel 当作数字保存（科学计数法），已丢失末几位；请把该列设为“文本”格式后重新填写";

/* Check and normalise one non-blank cell.  NULL when fine, else the reason. */
static const char *convert(struct arena *a, const struct col_spec *c, const char *s,
			   struct import_value *v)
{
	struct errinfo ei = {0};
	v->text = s;
	switch (c->type) {
	case COL_TEXT:
		break;
	case COL_INT: {
		const char *p = s;
		bool neg = false;
		uint64_t n = 0;
		if (*p == '-' || *p == '+')
			neg = *p++ == '-';
		if (!all_digits(p))
			return "应为整数";
		for (; *p; p++) {
			if (n > ((uint64_t)INT64_MAX - (uint64_t)(*p - '0')) / 10)
				return "数值超出范围";
			n = n * 10 + (uint64_t)(*p - '0');
		}
		v->i = neg ? -(int64_t)n : (int64_t)n;
		v->text = arena_printf(a, "%lld", (long long)v->i);
		break;
	}
	case COL_MONEY: {
		char buf[MONEY_BUF];
		if (money_parse(s, &v->i, &ei) != E_OK)
			return arena_strdup(a, ei.msg);
		money_format(v->i, buf);
		v->text = arena_strdup(a, buf);
		break;
	}
	case COL_DATE: {
		char buf[DATEFMT_DATE_BUF];
		if (datefmt_parse(s, buf, &ei) != E_OK)
			return arena_strdup(a, ei.msg);
		v->text = arena_strdup(a, buf);
		v->i = datefmt_days(buf);
		break;
	}
	case COL_TIMESTAMP: {
		char buf[DATEFMT_TS_BUF];
		if (datefmt_timestamp_parse(s, buf, &v->i, &ei) != E_OK)
			return arena_strdup(a, ei.msg);
		v->text = arena_strdup(a, buf);
		break;
	}
	case COL_BOOL:
		if (!strcmp(s, "是") || !strcmp(s, "1") || !strcasecmp(s, "true") ||
		    !strcasecmp(s, "y") || !strcasecmp(s, "yes"))
			v->i = 1;
		else if (!strcmp(s, "否") || !strcmp(s, "0") || !strcasecmp(s, "false") ||
			 !strcasecmp(s, "n") || !strcasecmp(s, "no"))
			v->i = 0;
		else
			return "应为“是”或“否”（也可写 1/0、true/false、Y/N）";
		v->text = v->i ? "1" : "0";
		break;
	case COL_IDNO: {
		const char *why;
		if (scientific(s))
			return arena_printf(a, "身份证号%s", excel_number_hint);
		v->text = upper(a, s);
		if ((why = idno_problem(v->text)))
			return why;
		break;
	}
	case COL_CREDIT_OR_IDNO: {
		const char *t;
		if (scientific(s))
			return arena_printf(a, "证件号%s", excel_number_hint);
		t = v->text = upper(a, s);
		if (idno_valid(t) || credit_code_valid(t))
			break;
		if (strlen(t) != 18)
			return "证件号应为18位身份证号或统一社会信用代码";
		/* seventeen digits look like a 身份证号; say what is wrong with it */
		if (strspn(t, "0123456789") >= 17)
			return arena_printf(a, "%s（也不是有效的统一社会信用代码）",
					    idno_problem(t));
		return credit_code_problem(t);
	}
	case COL_AREA_CODE:
		if (scientific(s))
			return arena_printf(a, "区划代码%s", excel_number_hint);
		if (!area_code_valid(s))
			return "区划代码应为12位数字";
		break;
	case COL_ENUM: {
		struct buf b = BUF_INIT;
		const char *why;
		for (const char *const *ch = c->choices; ch && *ch; ch++)
			if (!strcmp(*ch, s))
				return NULL;
		for (const char *const *ch = c->choices; ch && *ch; ch++)
			buf_addf(&b, "%s%s", ch == c->choices ? "" : "、", *ch);
		why = arena_printf(a, "不是可选值，应为：%s", b.ptr);
		buf_release(&b);
		return why;
	}
	case COL_PERIOD: {
		char norm[DATEFMT_PERIOD_BUF], first[DATEFMT_DATE_BUF];
		if (datefmt_period_parse(s, norm, first, NULL, &ei) != E_OK)
			return arena_strdup(a, ei.msg);
		v->text = arena_strdup(a, norm);
		v->i = datefmt_days(first);
		break;
	}
	case COL_AREA_MU: {
		const char *p = s, *end = s + strlen(s);
		uint64_t n = 0;
		int dec = -1;
		if (end - p > 3 && !strcmp(end - 3, "亩"))
			end -= 3;
		if (p == end || !(*p >= '0' && *p <= '9'))
			return "面积应为不超过两位小数的非负数（单位：亩）";
		for (; p < end; p++) {
			if (*p == '.' && dec < 0) {
				dec = 0;
				continue;
			}
			if (!(*p >= '0' && *p <= '9'))
				return "面积应为不超过两位小数的非负数（单位：亩）";
			if (dec >= 0 && ++dec > 2) {
				if (*p != '0')
					return "面积最多两位小数";
				continue;
			}
			if (n > ((uint64_t)INT64_MAX - 9) / 10)
				return "面积超出范围";
			n = n * 10 + (uint64_t)(*p - '0');
		}
		if (dec == 0)
			return "面积应为不超过两位小数的非负数（单位：亩）";
		for (int k = dec < 0 ? 0 : dec; k < 2; k++) {
			if (n > (uint64_t)INT64_MAX / 10)
				return "面积超出范围";
			n *= 10;
		}
		v->i = (int64_t)n;
		v->text = arena_printf(a, "%lld.%02lld", (long long)(v->i / 100),
				       (long long)(v->i % 100));
		break;
	}
	}
	return NULL;
}

static bool row_blank(struct arena *a, const struct table_row *r)
{
	for (size_t i = 0; i < r->ncells; i++)
		if (*trim(a, r->cells[i]))
			return false;
	return true;
}

enum err import_parse(struct arena *a, const struct table *t, const char *file,
		      const struct col_spec *cols, size_t ncols, struct import_set *out,
		      struct import_report *rep)
{
	size_t errors_before = rep->nerrors;
	const struct table_row *hdr;
	size_t *map; /* header index → spec index, or (size_t)-1 */
	size_t nhdr;

	import_report_file(rep, file);
	memset(out, 0, sizeof(*out));
	out->file = arena_strdup(a, file);
	out->ncols = ncols;
	out->headers = ARENA_ARRAY(a, const char *, ncols);
	out->has_col = ARENA_ARRAY(a, bool, ncols);
	for (size_t c = 0; c < ncols; c++)
		out->headers[c] = cols[c].zh;
	if (t->nrows == 0) {
		import_report_add(rep, 0, NULL, NULL, "文件为空");
		return E_INPUT;
	}

	hdr = &t->rows[0];
	nhdr = hdr->ncells;
	out->header_line = hdr->line;
	map = ARENA_ARRAY(a, size_t, nhdr ? nhdr : 1);
	for (size_t k = 0; k < nhdr; k++) {
		const char *h = trim(a, hdr->cells[k]);
		size_t c;
		map[k] = (size_t)-1;
		if (!*h)
			continue;
		for (c = 0; c < ncols; c++)
			if (!strcasecmp(h, cols[c].en) || !strcmp(h, cols[c].zh))
				break;
		if (c == ncols) {
			import_report_add(rep, hdr->line, h, h, "未知的列“%s”，可用的列为：%s", h,
					  expected_names(a, cols, ncols));
		} else if (out->has_col[c]) {
			import_report_add(rep, hdr->line, h, h,
					  "列重复：“%s”与“%s”是同一列（%s/%s）", h, out->headers[c],
					  cols[c].en, cols[c].zh);
		} else {
			map[k] = c;
			out->has_col[c] = true;
			out->headers[c] = h;
		}
	}
	for (size_t c = 0; c < ncols; c++)
		if (cols[c].required && !out->has_col[c])
			import_report_add(rep, hdr->line, cols[c].zh, NULL, "缺少必填列：%s（%s）",
					  cols[c].zh, cols[c].en);

	out->rows = ARENA_ARRAY(a, struct import_row, t->nrows);
	for (size_t r = 1; r < t->nrows; r++) {
		const struct table_row *tr = &t->rows[r];
		struct import_row *row;
		bool stray = false;

		if (row_blank(a, tr))
			continue;
		row = &out->rows[out->nrows++];
		row->line = tr->line;
		row->v = ARENA_ARRAY(a, struct import_value, ncols);
		/* in the file's column order, so a line's problems read left to right */
		for (size_t k = 0; k < tr->ncells || k < nhdr; k++) {
			const char *s = k < tr->ncells ? trim(a, tr->cells[k]) : "";
			size_t c = k < nhdr ? map[k] : (size_t)-1;
			struct import_value *v;
			const char *why;

			if (c == (size_t)-1) {
				bool named = k < nhdr && *trim(a, hdr->cells[k]);
				if (*s && !named && !stray) {
					stray = true;
					import_report_add(rep, tr->line,
							  arena_printf(a, "第%zu列", k + 1), s,
							  "该列没有表头（表头共%zu列）", nhdr);
				}
				continue;
			}
			v = &row->v[c];
			if (!*s) {
				if (cols[c].required)
					import_report_add(rep, tr->line, out->headers[c], s,
							  "%s不能为空", cols[c].zh);
				continue;
			}
			if ((why = convert(a, &cols[c], s, v))) {
				v->text = s;
				v->i = 0;
				import_report_add(rep, tr->line, out->headers[c], s, "%s", why);
				continue;
			}
			v->present = true;
		}
	}
	return rep->nerrors > errors_before ? E_INPUT : E_OK;
}

enum err import_read_file(struct arena *a, const char *path, const struct col_spec *cols,
			  size_t ncols, struct import_set *out, struct import_report *rep)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct errinfo ei = {0};
	struct table t;
	enum err err;

	memset(out, 0, sizeof(*out));
	if ((err = table_read_file(a, path, &t, &ei)) != E_OK) {
		const char *msg = ei.msg;
		size_t n = strlen(name);
		/* the readers start their messages with the file name */
		if (!strncmp(msg, name, n) && msg[n] == ' ')
			msg += n + 1;
		import_report_file(rep, name);
		import_report_add(rep, 0, NULL, NULL, "%s", msg);
		return err;
	}
	return import_parse(a, &t, name, cols, ncols, out, rep);
}
