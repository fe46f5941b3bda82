/*
 * .xlsx in and out.  The reader (libzip + expat) turns the first worksheet of
 * a workbook into the same struct table the CSV reader makes, with every cell
 * as the text a person sees in Excel: shared, rich and inline strings as
 * written; numbers without a spurious ".0" (15 significant digits, as Excel
 * shows them); booleans as TRUE/FALSE; cells with a date format as
 * "YYYY-MM-DD" (a date-and-time format as "YYYY-MM-DD HH:MM:SS", a time format
 * as "HH:MM:SS", a year-and-month format as "YYYY-MM"), in either the 1900 or
 * the 1904 date system.  Row numbers become table_row.line; gaps between
 * cells become empty cells; rows with nothing in them are left out.
 *
 * The writer (libxlsxwriter) makes exports: one sheet, a bold frozen header
 * row with an autofilter, column widths from the content, money and dates as
 * real numbers and dates so that Excel can sum and sort them.  Neither side
 * knows what the columns mean.
 */
#ifndef QL_XLSX_H
#define QL_XLSX_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "csvio.h"
#include "err.h"

/* Largest uncompressed part of a workbook the reader will inflate. */
#define XLSX_MAX_PART ((size_t)1024 * 1024 * 1024)

/* E_INPUT with a Chinese message naming the file when it is not a readable
 * workbook. */
enum err xlsx_read_mem(struct arena *a, const char *name, const char *data, size_t len,
		       struct table *out, struct errinfo *ei);

enum xlsx_kind {
	XLSX_TEXT,   /* written as a string */
	XLSX_NUMBER, /* a decimal number text → number; anything else as a string */
	XLSX_MONEY,  /* yuan text ("1234.50") → number shown as #,##0.00 */
	XLSX_DATE,   /* "YYYY-MM-DD" → date shown as yyyy-mm-dd */
};

struct xlsx_column {
	const char *header;  /* header cell text */
	enum xlsx_kind kind; /* how cells of this column are written */
	double width;	     /* in characters; 0 = fit the content (6..60) */
};

struct xlsx_writer;

/*
 * Start a workbook with one sheet and its header row.  path NULL writes to a
 * private temporary file whose bytes xlsx_writer_close hands back (for HTTP
 * downloads).  NULL with ei set on failure.
 */
struct xlsx_writer *xlsx_writer_new(const char *path, const char *sheet,
				    const struct xlsx_column *cols, size_t ncols,
				    struct errinfo *ei);
/* One row of ncols cells (NULL or "" = empty cell).  Over 1048575 data rows → E_TOOBIG. */
enum err xlsx_writer_row(struct xlsx_writer *w, const char *const *cells, struct errinfo *ei);
/*
 * Finish the file and free the writer.  For a writer made with path NULL, out
 * receives the workbook's bytes (and the temporary file is removed); otherwise
 * out must be NULL.
 */
enum err xlsx_writer_close(struct xlsx_writer *w, struct buf *out, struct errinfo *ei);
/* Abandon a writer (NULL-safe); a temporary file is removed, a named one left as is. */
void xlsx_writer_free(struct xlsx_writer *w);

/* The whole export in one call: header from cols, every row of rows (ncols
 * cells each; shorter rows are padded with empty cells). */
enum err xlsx_write_table(const char *path, const char *sheet, const struct xlsx_column *cols,
			  size_t ncols, const struct table *rows, struct errinfo *ei);

#endif
