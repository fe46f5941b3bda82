/*
 * The generic column-spec import every module uses: a module declares its
 * columns (English and Chinese names, type, required, choices) and gets back
 * typed, normalised values for each data row, or a report naming every bad
 * cell by file, line, column (as the header wrote it), value and a Chinese
 * reason.  The report also carries the module's own reference errors and
 * warnings.  It must not know any module's columns or touch the database.
 *
 * Header rules: a column is named by its English name (case-insensitive) or its
 * Chinese name, in any order, blanks and a BOM trimmed.  Unknown, duplicate and
 * missing required columns are errors; blank header cells are ignored unless
 * their column holds data.  Data rules: rows with nothing in them are skipped;
 * blank optional cells are absent (SQL NULL); cells beyond the header are an
 * error unless blank.
 */
#ifndef QL_IMPORTER_H
#define QL_IMPORTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "csvio.h"

enum col_type {
	COL_TEXT,	    /* trimmed text */
	COL_INT,	    /* decimal integer: i */
	COL_MONEY,	    /* yuan → fen in i, text "1234.50" */
	COL_DATE,	    /* text "YYYY-MM-DD", i = days since 1970-01-01 */
	COL_TIMESTAMP,	    /* Beijing → text UTC "YYYY-MM-DDTHH:MM:SSZ", i = UTC microseconds */
	COL_BOOL,	    /* 是/否, 1/0, true/false, Y/N → i 1/0, text "1"/"0" */
	COL_IDNO,	    /* 身份证号, GB 11643 checked, text upper-case X */
	COL_CREDIT_OR_IDNO, /* 身份证号 or 统一社会信用代码 (GB 32100), upper-case */
	COL_AREA_CODE,	    /* 12-digit 统计用区划代码 */
	COL_ENUM,	    /* one of choices, exactly */
	COL_PERIOD,	    /* "YYYY-MM" / "YYYY-Qn" / "YYYY", i = days of its first day */
	COL_AREA_MU,	    /* 亩, ≤ 2 decimals, ≥ 0 → hundredths in i, text "12.50" */
};

struct col_spec {
	const char *en;		    /* English name, e.g. "id_no" */
	const char *zh;		    /* Chinese name, e.g. "身份证号" */
	enum col_type type;	    /* how cells are checked and normalised */
	bool required;		    /* the column must exist and no cell may be blank */
	const char *const *choices; /* COL_ENUM: allowed values, NULL-terminated */
};

struct import_value {
	bool present;	  /* a valid, non-blank value (false: blank, or bad and reported) */
	const char *text; /* normalised text (see enum col_type); blank: NULL; bad: the cell */
	int64_t i;	  /* the number of the types that have one, else 0 */
};

struct import_row {
	size_t line;		/* physical line (xlsx: row number) for reports */
	struct import_value *v; /* one per col_spec, in spec order */
};

struct import_set {
	const char *file;	 /* file name as given */
	size_t ncols;		 /* = the spec's ncols */
	const char **headers;	 /* per spec column: the header as written, or its zh name
				    when the column is absent */
	bool *has_col;		 /* per spec column: present in the header */
	size_t header_line;	 /* line of the header row */
	size_t nrows;		 /* data rows (blank rows skipped) */
	struct import_row *rows; /* in file order */
};

struct import_problem {
	const char *file;	     /* file name */
	size_t line;		     /* 0 when about the whole file */
	const char *column;	     /* header as written, or NULL */
	const char *value;	     /* the cell as written, or NULL */
	const char *reason;	     /* Chinese */
	struct import_problem *next; /* next in order of report */
};

struct import_report {
	struct arena *a;		   /* where problems are kept */
	const char *file;		   /* file the next problems belong to */
	size_t nerrors, nwarnings;	   /* counts */
	struct import_problem *errors;	   /* first error */
	struct import_problem *warnings;   /* first warning */
	struct import_problem **err_tail;  /* where the next error goes */
	struct import_problem **warn_tail; /* where the next warning goes */
};

void import_report_init(struct import_report *rep, struct arena *a);
/* The file that following import_report_add/_warn calls are about. */
void import_report_file(struct import_report *rep, const char *file);
/* Record an error / a warning against the current file.  line 0, column and
 * value NULL for the whole file.  Strings are copied. */
void import_report_add(struct import_report *rep, size_t line, const char *column,
		       const char *value, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void import_report_warn(struct import_report *rep, size_t line, const char *column,
			const char *value, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* {"ok":bool,"error_count":n,"warning_count":n,"errors":[{"file","line","column",
 *  "value","reason"}...],"warnings":[...]}; absent line/column/value are null.
 *  New reference; never NULL. */
json_t *import_report_to_json(const struct import_report *rep);
/* One line per problem, errors first:
 *   people.csv 第7行 身份证号 "110105…"：身份证号校验位错误
 *   people.csv：文件为空
 *   [警告] contracts.csv 第3行 交易编号 "JY-9"：交易编号在系统中不存在 */
void import_report_print(const struct import_report *rep, FILE *fp);

/*
 * Map the header (table row 0) onto cols and check and normalise every data
 * row into out (allocated in a).  Every problem goes into rep, with file as
 * its file.  E_OK when this call found no error, E_INPUT when it found some
 * (out is still filled, for modules that report reference errors too).
 */
enum err import_parse(struct arena *a, const struct table *t, const char *file,
		      const struct col_spec *cols, size_t ncols, struct import_set *out,
		      struct import_report *rep);

/* table_read_file + import_parse; a file that cannot be read is reported in
 * rep as a problem of the whole file (E_INPUT, or the reader's code). */
enum err import_read_file(struct arena *a, const char *path, const struct col_spec *cols,
			  size_t ncols, struct import_set *out, struct import_report *rep);

/* Index of the spec column named en, or (size_t)-1. */
size_t import_col_index(const struct col_spec *cols, size_t ncols, const char *en);

#endif
