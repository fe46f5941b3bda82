/*
 * Reading the first worksheet of an .xlsx with libzip and expat, and writing
 * exports with libxlsxwriter.  It follows the package's relationships
 * (_rels/.rels → workbook → its rels → sheet, shared strings, styles) instead
 * of assuming file names.  It must not interpret cells beyond what Excel
 * itself displays, and must not hand-parse zip or XML.
 */
#include "xlsx.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "datefmt.h"
#include "lazy_xlsx.h"
#include "lazy_zip.h"
#include "money.h"

#define XLSX_MAX_COLS 16384
#define XLSX_MAX_ROWS 1048576
/* Cells, gaps included, the reader will lay out: a small zip can name cell
 * XFD1048576 on every row, and must not make us allocate terabytes. */
#define XLSX_MAX_CELLS ((size_t)20 * 1000 * 1000)

enum numkind {
	NK_GENERAL,  /* plain number */
	NK_DATE,     /* YYYY-MM-DD */
	NK_DATETIME, /* YYYY-MM-DD HH:MM:SS */
	NK_TIME,     /* HH:MM:SS */
	NK_MONTH,    /* YYYY-MM */
	NK_YEAR,     /* YYYY */
};

struct xr {
	struct arena *a;      /* where the table goes */
	const char *name;     /* file name for messages */
	struct errinfo *ei;   /* the caller's */
	zip_t *z;	      /* the open package */
	XML_Parser parser;    /* the part being parsed, to stop it on error */
	bool failed;	      /* a handler recorded an error in ei */
	enum err err;	      /* the code it recorded */
	bool date1904;	      /* workbookPr date1904 */
	char **sst;	      /* shared strings (malloc'ed vector of arena strings) */
	size_t nsst, sst_cap; /* used, allocated */
	unsigned char *xf;    /* numkind per cellXfs index (malloc'ed) */
	size_t nxf, xf_cap;   /* used, allocated */
	char *empty;	      /* the one "" every gap points at */
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

static const char *local(const char *name)
{
	const char *p = strrchr(name, '|');
	return p ? p + 1 : name;
}

static const char *attr(const char **atts, const char *lname)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), lname))
			return atts[i + 1];
	return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static enum err bad(struct xr *x, const char *why)
{
	x->failed = true;
	x->err = E_INPUT;
	if (x->parser)
		XML_StopParser(x->parser, XML_FALSE);
	return err_set(x->ei, E_INPUT, "xlsx.invalid", NULL, "%s 不是有效的 .xlsx 文件（%s）",
		       x->name, why);
}

/*
 * Stream one part of the package through expat.  E_NOTFOUND (ei untouched)
 * when the part does not exist.
 */
static enum err parse_part(struct xr *x, const char *path, XML_StartElementHandler start,
			   XML_EndElementHandler end, XML_CharacterDataHandler chars, void *ud)
{
	zip_file_t *f;
	XML_Parser p;
	char chunk[65536];
	size_t total = 0;
	zip_int64_t n;
	enum err err = E_OK;

	if (zip_name_locate(x->z, path, ZIP_FL_NOCASE) < 0)
		return E_NOTFOUND;
	f = zip_fopen(x->z, path, ZIP_FL_NOCASE);
	if (!f)
		return bad(x, "压缩包内容无法读取");
	p = XML_ParserCreateNS(NULL, '|');
	if (!p) {
		fputs("qinglian: 内存不足\n", stderr);
		abort();
	}
	x->parser = p;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	do {
		n = zip_fread(f, chunk, sizeof(chunk));
		if (n < 0) {
			err = bad(x, "压缩包已损坏");
			break;
		}
		total += (size_t)n;
		if (total > XLSX_MAX_PART) {
			err = err_set(x->ei, E_TOOBIG, "xlsx.too_big", NULL,
				      "%s 解压后过大，无法读取", x->name);
			break;
		}
		if (XML_Parse(p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			x->parser = NULL;
			if (x->failed)
				err = x->err;
			else
				err = bad(x, XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
	} while (n > 0);
	x->parser = NULL;
	XML_ParserFree(p);
	zip_fclose(f);
	return err;
}

/* Relationships: the Target of the first Relationship whose Id or Type
 * matches. */
struct rels {
	const char *want_id;   /* match on Id, or */
	const char *want_type; /* on the ending of Type */
	char target[512];      /* found Target, "" if none */
};

static void rels_start(void *ud, const char *el, const char **atts)
{
	struct rels *r = ud;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *t = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
	if (strcmp(local(el), "Relationship") || r->target[0] || !t ||
	    (mode && !strcmp(mode, "External")))
		return;
	if ((r->want_id && id && !strcmp(id, r->want_id)) ||
	    (r->want_type && type && ends_with(type, r->want_type)))
		snprintf(r->target, sizeof(r->target), "%s", t);
}

static void no_end(void *ud, const char *el)
{
	(void)ud;
	(void)el;
}

static enum err rels_find(struct xr *x, const char *rels_path, const char *id, const char *type,
			  char *out, size_t outlen)
{
	struct rels r = {.want_id = id, .want_type = type};
	enum err err = parse_part(x, rels_path, rels_start, no_end, NULL, &r);
	if (err != E_OK)
		return err;
	snprintf(out, outlen, "%s", r.target);
	return r.target[0] ? E_OK : E_NOTFOUND;
}

/* Resolve a relationship target against the directory of the part that owns
 * it ("xl/"), folding "." and ".." segments; absolute targets start at the
 * package root. */
static void resolve(const char *base_dir, const char *target, char *out, size_t outlen)
{
	char tmp[1024];
	char *seg[128];
	size_t nseg = 0, len = 0;

	if (target[0] == '/')
		snprintf(tmp, sizeof(tmp), "%s", target + 1);
	else
		snprintf(tmp, sizeof(tmp), "%s%s", base_dir, target);
	for (char *save = NULL, *s = strtok_r(tmp, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (!strcmp(s, "."))
			continue;
		if (!strcmp(s, "..")) {
			if (nseg)
				nseg--;
			continue;
		}
		if (nseg < sizeof(seg) / sizeof(seg[0]))
			seg[nseg++] = s;
	}
	out[0] = '\0';
	for (size_t i = 0; i < nseg && len < outlen; i++)
		len += (size_t)snprintf(out + len, outlen - len, "%s%s", i ? "/" : "", seg[i]);
}

/* Workbook: the first <sheet>'s relationship id, and the date system. */
struct wb {
	char rid[128]; /* r:id of the first sheet */
	bool date1904; /* workbookPr date1904 */
};

static void wb_start(void *ud, const char *el, const char **atts)
{
	struct wb *w = ud;
	const char *l = local(el);
	if (!strcmp(l, "sheet") && !w->rid[0]) {
		const char *id = attr(atts, "id");
		if (id)
			snprintf(w->rid, sizeof(w->rid), "%s", id);
	} else if (!strcmp(l, "workbookPr")) {
		const char *v = attr(atts, "date1904");
		w->date1904 = v && (!strcmp(v, "1") || !strcasecmp(v, "true"));
	}
}

/* Number formats.  Only the first section (positive numbers) decides. */
static enum numkind classify_format(const char *code)
{
	bool y = false, m = false, d = false, h = false, s = false;
	for (const char *p = code; *p && *p != ';'; p++) {
		char c = *p;
		if (c == '"') {
			const char *q = strchr(p + 1, '"');
			if (!q)
				break;
			p = q;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (!p[1])
				break;
			p++;
		} else if (c == '[') {
			const char *q = strchr(p, ']');
			bool elapsed = q && q > p + 1;
			for (const char *r = p + 1; q && r < q; r++)
				if (!strchr("hHmMsS", *r))
					elapsed = false;
			if (elapsed)
				h = true; /* [h], [mm], [ss]: a duration, shown as time */
			if (!q)
				break;
			p = q;
		} else if (!strncasecmp(p, "General", 7)) {
			p += 6;
		} else if (!strncasecmp(p, "AM/PM", 5)) {
			p += 4;
		} else if (!strncasecmp(p, "A/P", 3)) {
			p += 2;
		} else {
			switch (c) {
			case 'y':
			case 'Y':
				y = true;
				break;
			case 'm':
			case 'M':
				m = true;
				break;
			case 'd':
			case 'D':
				d = true;
				break;
			case 'h':
			case 'H':
				h = true;
				break;
			case 's':
			case 'S':
				s = true;
				break;
			default:
				break;
			}
		}
	}
	bool time = h || s;
	bool date = y || d || (m && !time);
	if (date && time)
		return NK_DATETIME;
	if (time)
		return NK_TIME;
	if (!date)
		return NK_GENERAL;
	if (y && !m && !d)
		return NK_YEAR;
	if (y && m && !d)
		return NK_MONTH;
	return NK_DATE;
}

/* Built-in formats Excel writes by id only (ECMA-376 §18.8.30, with the zh-CN
 * locale's ids 27-36 and 50-58). */
static const char *builtin_format(unsigned id)
{
	switch (id) {
	case 14:
		return "yyyy/m/d";
	case 15:
		return "d-mmm-yy";
	case 16:
		return "d-mmm";
	case 17:
		return "mmm-yy";
	case 18:
		return "h:mm AM/PM";
	case 19:
		return "h:mm:ss AM/PM";
	case 20:
		return "h:mm";
	case 21:
		return "h:mm:ss";
	case 22:
		return "yyyy/m/d h:mm";
	case 27:
	case 36:
	case 50:
	case 52:
	case 57:
		return "yyyy\"年\"m\"月\"";
	case 28:
	case 29:
	case 51:
	case 53:
	case 54:
	case 58:
		return "m\"月\"d\"日\"";
	case 30:
		return "m-d-yy";
	case 31:
		return "yyyy\"年\"m\"月\"d\"日\"";
	case 32:
		return "h\"时\"mm\"分\"";
	case 33:
		return "h\"时\"mm\"分\"ss\"秒\"";
	case 34:
	case 55:
		return "上午/下午h\"时\"mm\"分\"";
	case 35:
	case 56:
		return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
	case 45:
		return "mm:ss";
	case 46:
		return "[h]:mm:ss";
	case 47:
		return "mmss.0";
	default:
		return "General";
	}
}

struct fmt {
	unsigned id;	   /* numFmtId */
	enum numkind kind; /* its class */
};

struct styles {
	struct xr *x;	   /* owner */
	struct fmt *fmts;  /* custom numFmts (malloc'ed) */
	size_t nfmts, cap; /* used, allocated */
	int depth_xfs;	   /* > 0 inside <cellXfs> */
};

static enum numkind kind_of(const struct styles *st, unsigned id)
{
	for (size_t i = 0; i < st->nfmts; i++)
		if (st->fmts[i].id == id)
			return st->fmts[i].kind;
	return classify_format(builtin_format(id));
}

static void styles_start(void *ud, const char *el, const char **atts)
{
	struct styles *st = ud;
	struct xr *x = st->x;
	const char *l = local(el);
	if (!strcmp(l, "numFmt")) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || !code)
			return;
		if (st->nfmts == st->cap) {
			st->cap = st->cap ? st->cap * 2 : 16;
			st->fmts = xrealloc(st->fmts, st->cap * sizeof(*st->fmts));
		}
		st->fmts[st->nfmts].id = (unsigned)strtoul(id, NULL, 10);
		st->fmts[st->nfmts].kind = classify_format(code);
		st->nfmts++;
	} else if (!strcmp(l, "cellXfs")) {
		st->depth_xfs++;
	} else if (!strcmp(l, "xf") && st->depth_xfs) {
		const char *id = attr(atts, "numFmtId");
		if (x->nxf == x->xf_cap) {
			x->xf_cap = x->xf_cap ? x->xf_cap * 2 : 64;
			x->xf = xrealloc(x->xf, x->xf_cap);
		}
		/* numFmts come before cellXfs in styles.xml, so the kind is known */
		x->xf[x->nxf++] =
		    (unsigned char)(id ? kind_of(st, (unsigned)strtoul(id, NULL, 10)) : NK_GENERAL);
	}
}

static void styles_end(void *ud, const char *el)
{
	struct styles *st = ud;
	if (!strcmp(local(el), "cellXfs"))
		st->depth_xfs--;
}

/* Shared strings: text of <t> inside each <si>, phonetic runs (<rPh>) left out. */
struct sst {
	struct xr *x;	 /* owner */
	struct buf text; /* the current <si> */
	bool in_si;	 /* inside <si> */
	int in_t;	 /* inside a <t> that counts */
	int in_rph;	 /* inside <rPh> */
};

static void sst_start(void *ud, const char *el, const char **atts)
{
	struct sst *s = ud;
	const char *l = local(el);
	(void)atts;
	if (!strcmp(l, "si")) {
		s->in_si = true;
		buf_reset(&s->text);
	} else if (!strcmp(l, "rPh")) {
		s->in_rph++;
	} else if (!strcmp(l, "t") && s->in_si && !s->in_rph) {
		s->in_t++;
	}
}

static void sst_end(void *ud, const char *el)
{
	struct sst *s = ud;
	struct xr *x = s->x;
	const char *l = local(el);
	if (!strcmp(l, "si") && s->in_si) {
		if (x->nsst == x->sst_cap) {
			x->sst_cap = x->sst_cap ? x->sst_cap * 2 : 256;
			x->sst = xrealloc(x->sst, x->sst_cap * sizeof(*x->sst));
		}
		x->sst[x->nsst++] = arena_strndup(x->a, s->text.ptr, s->text.len);
		s->in_si = false;
	} else if (!strcmp(l, "rPh")) {
		s->in_rph--;
	} else if (!strcmp(l, "t") && s->in_t) {
		s->in_t--;
	}
}

static void sst_chars(void *ud, const char *txt, int len)
{
	struct sst *s = ud;
	if (s->in_t)
		buf_add(&s->text, txt, (size_t)len);
}

/* The sheet. */
struct sheet {
	struct xr *x;		  /* owner */
	struct table_row *rows;	  /* rows so far (malloc'ed) */
	size_t nrows, rows_cap;	  /* used, allocated */
	char **cells;		  /* current row by column, NULL = empty (malloc'ed) */
	size_t ncells, cells_cap; /* highest column + 1, allocated */
	size_t row;		  /* current row number, 1-based */
	size_t col;		  /* current cell's column, 0-based */
	char type[16];		  /* current cell's t attribute */
	unsigned style;		  /* current cell's s attribute */
	struct buf v;		  /* <v> text */
	struct buf is;		  /* <is> text */
	int in_v, in_is_t;	  /* inside <v>, inside <is>…<t> */
	int in_is, in_rph;	  /* inside <is>, inside <rPh> */
	bool in_row, in_cell;	  /* inside <row>, <c> */
	size_t total_cells;	  /* cells laid out so far, gaps included */
};

/* "B12" → column 1, row 12; false when malformed or beyond Excel's grid. */
static bool cell_ref(const char *r, size_t *col, size_t *row)
{
	size_t c = 0, n = 0;
	const char *p = r;
	for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++) {
		c = c * 26 + (size_t)((*p | 0x20) - 'a' + 1);
		if (c > XLSX_MAX_COLS)
			return false;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (size_t)(*p - '0');
		if (n > XLSX_MAX_ROWS)
			return false;
	}
	if (*p || c == 0 || n == 0)
		return false;
	*col = c - 1;
	*row = n;
	return true;
}

static void sheet_fail(struct sheet *s, const char *why)
{
	bad(s->x, why);
}

static void sheet_start(void *ud, const char *el, const char **atts)
{
	struct sheet *s = ud;
	const char *l = local(el);
	if (s->x->failed)
		return;
	if (!strcmp(l, "row")) {
		const char *r = attr(atts, "r");
		size_t n = r ? strtoul(r, NULL, 10) : s->row + 1;
		if (n == 0 || n > XLSX_MAX_ROWS) {
			sheet_fail(s, "行号无效");
			return;
		}
		s->row = n;
		s->col = (size_t)-1;
		s->ncells = 0;
		s->in_row = true;
	} else if (!strcmp(l, "c") && s->in_row) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *st = attr(atts, "s");
		size_t col = s->col + 1, row = s->row;
		if (r && !cell_ref(r, &col, &row)) {
			sheet_fail(s, "单元格引用无效");
			return;
		}
		s->row = row; /* the cell's own reference wins over a missing or wrong row r */
		if (col >= XLSX_MAX_COLS) {
			sheet_fail(s, "单元格引用无效");
			return;
		}
		s->col = col;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->style = st ? (unsigned)strtoul(st, NULL, 10) : 0;
		buf_reset(&s->v);
		buf_reset(&s->is);
		s->in_cell = true;
	} else if (s->in_cell && !strcmp(l, "v")) {
		s->in_v++;
	} else if (s->in_cell && !strcmp(l, "is")) {
		s->in_is++;
	} else if (s->in_is && !strcmp(l, "rPh")) {
		s->in_rph++;
	} else if (s->in_is && !s->in_rph && !strcmp(l, "t")) {
		s->in_is_t++;
	}
}

static void sheet_chars(void *ud, const char *txt, int len)
{
	struct sheet *s = ud;
	if (s->in_v)
		buf_add(&s->v, txt, (size_t)len);
	else if (s->in_is_t)
		buf_add(&s->is, txt, (size_t)len);
}

/* Excel's own display of a General number: integers in full, others to 15
 * significant digits. */
static char *number_text(struct arena *a, double v)
{
	if (v == 0)
		return arena_strdup(a, "0");
	if (v == floor(v) && fabs(v) < 1e17)
		return arena_printf(a, "%.0f", v);
	return arena_printf(a, "%.15g", v);
}

static char *date_text(struct xr *x, double v, enum numkind k)
{
	struct errinfo ei = {0};
	char out[DATEFMT_DATETIME_BUF];
	double serial = x->date1904 ? v + 1462 : v;

	switch (k) {
	case NK_TIME:
		datefmt_excel_time(v, out);
		return arena_strdup(x->a, out);
	case NK_DATETIME:
		if (datefmt_excel_datetime(serial, out, &ei) != E_OK)
			return number_text(x->a, v);
		return arena_strdup(x->a, out);
	default:
		if (datefmt_excel_serial(serial, out, &ei) != E_OK)
			return number_text(x->a, v);
		if (k == NK_MONTH)
			out[7] = '\0';
		else if (k == NK_YEAR)
			out[4] = '\0';
		return arena_strdup(x->a, out);
	}
}

/* t="d" (ISO 8601 text, strict workbooks): the date, plus the time if not
 * midnight. */
static char *iso_text(struct arena *a, const char *v)
{
	if (strlen(v) >= 19 && v[10] == 'T' && strncmp(v + 11, "00:00:00", 8))
		return arena_printf(a, "%.10s %.8s", v, v + 11);
	return arena_strndup(a, v, strlen(v) >= 10 ? 10 : strlen(v));
}

static void cell_done(struct sheet *s)
{
	struct xr *x = s->x;
	const char *t = s->type;
	char *val = NULL;

	if (!strcmp(t, "inlineStr")) {
		if (s->is.len)
			val = arena_strndup(x->a, s->is.ptr, s->is.len);
	} else if (!s->v.len) {
		val = NULL;
	} else if (!strcmp(t, "s")) {
		char *end;
		unsigned long i = strtoul(s->v.ptr, &end, 10);
		if (*end || i >= x->nsst) {
			sheet_fail(s, "共享字符串索引无效");
			return;
		}
		val = x->sst[i];
	} else if (!strcmp(t, "str") || !strcmp(t, "e")) {
		val = arena_strndup(x->a, s->v.ptr, s->v.len);
	} else if (!strcmp(t, "b")) {
		val = arena_strdup(x->a, strcmp(s->v.ptr, "0") ? "TRUE" : "FALSE");
	} else if (!strcmp(t, "d")) {
		val = iso_text(x->a, s->v.ptr);
	} else {
		char *end;
		double d = strtod(s->v.ptr, &end);
		enum numkind k = s->style < x->nxf ? (enum numkind)x->xf[s->style] : NK_GENERAL;
		if (*end || !isfinite(d))
			val = arena_strndup(x->a, s->v.ptr, s->v.len);
		else if (k == NK_GENERAL)
			val = number_text(x->a, d);
		else
			val = date_text(x, d, k);
	}
	if (!val || !val[0])
		return;
	if (s->col >= s->cells_cap) {
		size_t cap = s->cells_cap ? s->cells_cap : 16;
		while (cap <= s->col)
			cap *= 2;
		s->cells = xrealloc(s->cells, cap * sizeof(*s->cells));
		memset(s->cells + s->cells_cap, 0, (cap - s->cells_cap) * sizeof(*s->cells));
		s->cells_cap = cap;
	}
	for (size_t i = s->ncells; i < s->col; i++)
		s->cells[i] = NULL;
	s->cells[s->col] = val;
	if (s->col + 1 > s->ncells)
		s->ncells = s->col + 1;
}

static void row_done(struct sheet *s)
{
	struct table_row *r;
	if (!s->ncells)
		return; /* nothing but formatting */
	s->total_cells += s->ncells;
	if (s->total_cells > XLSX_MAX_CELLS) {
		struct xr *x = s->x;
		x->failed = true;
		x->err = err_set(x->ei, E_TOOBIG, "xlsx.too_big", NULL,
				 "%s 的单元格过多（超过 %zu 个），请拆分后再导入", x->name,
				 XLSX_MAX_CELLS);
		XML_StopParser(x->parser, XML_FALSE);
		return;
	}
	if (s->nrows == s->rows_cap) {
		s->rows_cap = s->rows_cap ? s->rows_cap * 2 : 64;
		s->rows = xrealloc(s->rows, s->rows_cap * sizeof(*s->rows));
	}
	r = &s->rows[s->nrows++];
	r->line = s->row;
	r->ncells = s->ncells;
	r->cells = ARENA_ARRAY(s->x->a, char *, s->ncells);
	for (size_t i = 0; i < s->ncells; i++)
		r->cells[i] = s->cells[i] ? s->cells[i] : s->x->empty;
}

static void sheet_end(void *ud, const char *el)
{
	struct sheet *s = ud;
	const char *l = local(el);
	if (s->x->failed)
		return;
	if (!strcmp(l, "row") && s->in_row) {
		row_done(s);
		s->in_row = false;
	} else if (!strcmp(l, "c") && s->in_cell) {
		cell_done(s);
		s->in_cell = false;
	} else if (!strcmp(l, "v") && s->in_v) {
		s->in_v--;
	} else if (!strcmp(l, "is") && s->in_is) {
		s->in_is--;
	} else if (!strcmp(l, "rPh") && s->in_rph) {
		s->in_rph--;
	} else if (!strcmp(l, "t") && s->in_is_t) {
		s->in_is_t--;
	}
}

static enum err read_package(struct xr *x, struct table *out)
{
	char wb_path[512] = "xl/workbook.xml", wb_dir[512], rels_path[1100], target[512];
	char sheet_path[600], part[600];
	struct wb wb = {0};
	struct sheet s = {.x = x};
	enum err err;
	const char *slash;

	err = rels_find(x, "_rels/.rels", NULL, "/officeDocument", target, sizeof(target));
	if (err == E_OK)
		resolve("", target, wb_path, sizeof(wb_path));
	else if (err != E_NOTFOUND)
		return err;
	slash = strrchr(wb_path, '/');
	snprintf(wb_dir, sizeof(wb_dir), "%.*s", slash ? (int)(slash - wb_path + 1) : 0, wb_path);
	snprintf(rels_path, sizeof(rels_path), "%s_rels/%s.rels", wb_dir,
		 slash ? slash + 1 : wb_path);

	err = parse_part(x, wb_path, wb_start, no_end, NULL, &wb);
	if (err == E_NOTFOUND)
		return bad(x, "缺少 workbook.xml");
	if (err != E_OK)
		return err;
	if (!wb.rid[0])
		return bad(x, "工作簿中没有工作表");
	x->date1904 = wb.date1904;

	err = rels_find(x, rels_path, wb.rid, NULL, target, sizeof(target));
	if (err == E_NOTFOUND)
		return bad(x, "找不到第一个工作表");
	if (err != E_OK)
		return err;
	resolve(wb_dir, target, sheet_path, sizeof(sheet_path));

	if ((err = rels_find(x, rels_path, NULL, "/styles", target, sizeof(target))) == E_OK) {
		struct styles st = {.x = x};
		resolve(wb_dir, target, part, sizeof(part));
		err = parse_part(x, part, styles_start, styles_end, NULL, &st);
		free(st.fmts);
	}
	if (err != E_OK && err != E_NOTFOUND)
		return err;

	if ((err = rels_find(x, rels_path, NULL, "/sharedStrings", target, sizeof(target))) ==
	    E_OK) {
		struct sst ss = {.x = x, .text = BUF_INIT};
		resolve(wb_dir, target, part, sizeof(part));
		err = parse_part(x, part, sst_start, sst_end, sst_chars, &ss);
		buf_release(&ss.text);
	}
	if (err != E_OK && err != E_NOTFOUND)
		return err;

	buf_init(&s.v);
	buf_init(&s.is);
	err = parse_part(x, sheet_path, sheet_start, sheet_end, sheet_chars, &s);
	if (err == E_NOTFOUND)
		err = bad(x, "第一个工作表的内容不存在");
	if (err == E_OK) {
		out->nrows = s.nrows;
		out->ncols_max = 0;
		for (size_t i = 0; i < s.nrows; i++)
			if (s.rows[i].ncells > out->ncols_max)
				out->ncols_max = s.rows[i].ncells;
		out->rows = s.nrows ? arena_memdup(x->a, s.rows, s.nrows * sizeof(*s.rows)) : NULL;
	}
	free(s.rows);
	free(s.cells);
	buf_release(&s.v);
	buf_release(&s.is);
	return err;
}

enum err xlsx_read_mem(struct arena *a, const char *name, const char *data, size_t len,
		       struct table *out, struct errinfo *ei)
{
	struct xr x = {.a = a, .name = name, .ei = ei};
	zip_error_t zerr;
	zip_source_t *src;
	enum err err;

	memset(out, 0, sizeof(*out));
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src) {
		zip_error_fini(&zerr);
		return bad(&x, "无法读取");
	}
	x.z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!x.z) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		return bad(&x, "不是 zip 压缩包，或已损坏");
	}
	zip_error_fini(&zerr);
	x.empty = arena_strdup(a, "");
	err = read_package(&x, out);
	zip_discard(x.z);
	free(x.sst);
	free(x.xf);
	return err;
}

/* Writer */

struct xlsx_writer {
	lxw_workbook *wb;	  /* the workbook being written */
	lxw_worksheet *ws;	  /* its one sheet */
	lxw_format *bold;	  /* header cells */
	lxw_format *money;	  /* #,##0.00 */
	lxw_format *date;	  /* yyyy-mm-dd */
	struct xlsx_column *cols; /* copy of the caller's columns (malloc'ed) */
	double *widths;		  /* widest content per column, in characters */
	size_t ncols;		  /* columns */
	lxw_row_t row;		  /* next row to write */
	char *tmp;		  /* temporary file when writing to memory, else NULL */
};

/* Display width: ASCII one column, everything else (CJK) two. */
static double text_width(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w += 1;
		else if ((*p & 0xC0) != 0x80)
			w += 2;
	return w;
}

static void note_width(struct xlsx_writer *w, size_t col, const char *s)
{
	double tw = text_width(s) * 1.1 + 2;
	if (tw > w->widths[col])
		w->widths[col] = tw;
}

static enum err lxw_fail(struct errinfo *ei, lxw_error e)
{
	return err_set(ei, E_IO, "xlsx.write", NULL, "写入 Excel 文件失败：%s", lxw_strerror(e));
}

void xlsx_writer_free(struct xlsx_writer *w)
{
	if (!w)
		return;
	if (w->wb)
		lxw_workbook_free(w->wb);
	if (w->tmp) {
		unlink(w->tmp);
		free(w->tmp);
	}
	free(w->cols);
	free(w->widths);
	free(w);
}

struct xlsx_writer *xlsx_writer_new(const char *path, const char *sheet,
				    const struct xlsx_column *cols, size_t ncols,
				    struct errinfo *ei)
{
	struct xlsx_writer *w = calloc(1, sizeof(*w));
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_error e;

	if (!w) {
		fputs("qinglian: 内存不足\n", stderr);
		abort();
	}
	if (ncols == 0 || ncols > XLSX_MAX_COLS) {
		free(w);
		err_set(ei, E_INTERNAL, "xlsx.columns", NULL, "导出的列数无效");
		return NULL;
	}
	w->ncols = ncols;
	w->cols = xrealloc(NULL, ncols * sizeof(*cols));
	memcpy(w->cols, cols, ncols * sizeof(*cols));
	w->widths = xrealloc(NULL, ncols * sizeof(*w->widths));
	if (!path) {
		const char *dir = getenv("TMPDIR");
		int fd;
		w->tmp = xrealloc(NULL, 4096);
		snprintf(w->tmp, 4096, "%s/qinglian-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
		fd = mkstemps(w->tmp, 5);
		if (fd < 0) {
			err_set(ei, E_IO, "xlsx.write", NULL, "无法创建临时文件：%s",
				strerror(errno));
			free(w->tmp);
			w->tmp = NULL;
			xlsx_writer_free(w);
			return NULL;
		}
		close(fd);
		path = w->tmp;
	}
	w->wb = workbook_new_opt(path, &opt);
	if (!w->wb) {
		err_set(ei, E_IO, "xlsx.write", NULL, "无法创建 Excel 文件 %s", path);
		xlsx_writer_free(w);
		return NULL;
	}
	if ((e = workbook_validate_sheet_name(w->wb, sheet)) != LXW_NO_ERROR) {
		err_set(ei, E_INTERNAL, "xlsx.sheet", NULL, "工作表名称无效：%s", sheet);
		xlsx_writer_free(w);
		return NULL;
	}
	w->ws = workbook_add_worksheet(w->wb, sheet);
	w->bold = workbook_add_format(w->wb);
	format_set_bold(w->bold);
	w->money = workbook_add_format(w->wb);
	format_set_num_format(w->money, "#,##0.00");
	w->date = workbook_add_format(w->wb);
	format_set_num_format(w->date, "yyyy-mm-dd");
	for (size_t i = 0; i < ncols; i++) {
		const char *h = cols[i].header ? cols[i].header : "";
		w->widths[i] = 0;
		note_width(w, i, h);
		if (cols[i].kind == XLSX_DATE)
			note_width(w, i, "2024-01-01");
		if ((e = worksheet_write_string(w->ws, 0, (lxw_col_t)i, h, w->bold)) !=
		    LXW_NO_ERROR) {
			lxw_fail(ei, e);
			xlsx_writer_free(w);
			return NULL;
		}
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	w->row = 1;
	return w;
}

/* A plain decimal number (what XLSX_NUMBER writes as a number). */
static bool decimal(const char *s, double *v)
{
	const char *p = s;
	char *end;
	if (*p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '.'))
			return false;
	*v = strtod(s, &end);
	return !*end && isfinite(*v);
}

enum err xlsx_writer_row(struct xlsx_writer *w, const char *const *cells, struct errinfo *ei)
{
	if (w->row >= XLSX_MAX_ROWS)
		return err_set(ei, E_TOOBIG, "xlsx.too_many_rows", NULL,
			       "数据超过 Excel 的最大行数（%d 行），请缩小导出范围",
			       XLSX_MAX_ROWS - 1);
	for (size_t i = 0; i < w->ncols; i++) {
		const char *s = cells[i];
		lxw_col_t col = (lxw_col_t)i;
		lxw_error e = LXW_NO_ERROR;
		int64_t fen;
		double num;
		int64_t days;

		if (!s || !*s)
			continue;
		switch (w->cols[i].kind) {
		case XLSX_MONEY:
			if (money_parse(s, &fen, NULL) == E_OK) {
				char text[MONEY_BUF];
				money_format_grouped(fen, text);
				note_width(w, i, text);
				/* a double only inside Excel's own number cell */
				e = worksheet_write_number(w->ws, w->row, col, (double)fen / 100.0,
							   w->money);
				break;
			}
			goto text;
		case XLSX_NUMBER:
			if (decimal(s, &num)) {
				note_width(w, i, s);
				e = worksheet_write_number(w->ws, w->row, col, num, NULL);
				break;
			}
			goto text;
		case XLSX_DATE:
			days = datefmt_days(s);
			/* serials before 1900-03-01 are off by Excel's phantom leap day */
			if (days != DATEFMT_INVALID && days >= -25508) {
				e = worksheet_write_number(w->ws, w->row, col,
							   (double)(days + 25569), w->date);
				break;
			}
			goto text;
		case XLSX_TEXT:
		text:
			note_width(w, i, s);
			e = worksheet_write_string(w->ws, w->row, col, s, NULL);
			break;
		}
		if (e != LXW_NO_ERROR)
			return lxw_fail(ei, e);
	}
	w->row++;
	return E_OK;
}

static enum err slurp(const char *path, struct buf *out, struct errinfo *ei)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	if (!fp)
		return err_set(ei, E_IO, "xlsx.write", NULL, "读取临时文件失败：%s",
			       strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(out, chunk, n);
	if (ferror(fp)) {
		fclose(fp);
		return err_set(ei, E_IO, "xlsx.write", NULL, "读取临时文件失败");
	}
	fclose(fp);
	return E_OK;
}

enum err xlsx_writer_close(struct xlsx_writer *w, struct buf *out, struct errinfo *ei)
{
	lxw_error e;
	enum err err = E_OK;

	for (size_t i = 0; i < w->ncols; i++) {
		double width = w->cols[i].width > 0 ? w->cols[i].width : w->widths[i];
		if (w->cols[i].width <= 0)
			width = width < 6 ? 6 : width > 60 ? 60 : width;
		worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, width, NULL);
	}
	worksheet_autofilter(w->ws, 0, 0, w->row - 1, (lxw_col_t)(w->ncols - 1));
	e = workbook_close(w->wb); /* frees the workbook whatever it returns */
	w->wb = NULL;
	if (e != LXW_NO_ERROR)
		err = lxw_fail(ei, e);
	else if (w->tmp && out)
		err = slurp(w->tmp, out, ei);
	xlsx_writer_free(w);
	return err;
}

enum err xlsx_write_table(const char *path, const char *sheet, const struct xlsx_column *cols,
			  size_t ncols, const struct table *rows, struct errinfo *ei)
{
	struct xlsx_writer *w = xlsx_writer_new(path, sheet, cols, ncols, ei);
	const char **cells;
	enum err err = E_OK;

	if (!w)
		return ei ? ei->code : E_IO;
	cells = xrealloc(NULL, ncols * sizeof(*cells));
	for (size_t r = 0; r < rows->nrows && err == E_OK; r++) {
		const struct table_row *row = &rows->rows[r];
		for (size_t i = 0; i < ncols; i++)
			cells[i] = i < row->ncells ? row->cells[i] : NULL;
		err = xlsx_writer_row(w, cells, ei);
	}
	free(cells);
	if (err != E_OK) {
		xlsx_writer_free(w);
		return err;
	}
	return xlsx_writer_close(w, NULL, ei);
}
