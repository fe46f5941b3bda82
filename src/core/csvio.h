/*
 * Tables in and out: reading CSV (UTF-8 with or without BOM, or GBK/GB18030 as
 * Chinese Excel saves it, detected, never asked) and — through xlsx.h — the
 * first sheet of an .xlsx, into one shape, struct table, that the importer
 * reads; and writing CSV for Excel.  It must not know what the columns mean:
 * no business words, no validation beyond the file format.
 *
 * The CSV writer quotes a cell only when it must (a comma, quote, CR or LF
 * inside, or a leading/trailing blank that a reader would trim), ends every
 * row with CRLF as Excel and RFC 4180 do, and writes UTF-8, with a BOM when
 * CSV_WRITER_BOM is set (Excel needs it to tell UTF-8 from the ANSI code page).
 */
#ifndef QL_CSVIO_H
#define QL_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

struct table_row {
	size_t line;   /* 1-based physical line where the record starts (xlsx: row number) */
	size_t ncells; /* cells in this row; rows may differ in length */
	char **cells;  /* UTF-8, NUL-terminated, never NULL */
};

struct table {
	size_t nrows;		/* rows, header included; empty rows at the end dropped */
	size_t ncols_max;	/* ncells of the widest row */
	struct table_row *rows; /* in file order, all in the caller's arena */
};

/* Largest file table_read_file accepts. */
#define CSVIO_MAX_FILE ((size_t)512 * 1024 * 1024)

/*
 * The bytes of a CSV file as UTF-8: a UTF-8 BOM is dropped; valid UTF-8 is
 * taken as it is; anything else is converted from GB18030 (a superset of GBK
 * and GB2312).  If neither decodes, E_INPUT with a message naming the file,
 * line and byte offset.  *out is NUL-terminated, in the arena (it may be data
 * itself when nothing had to change).  name is used in messages only.
 */
enum err csvio_to_utf8(struct arena *a, const char *name, const char *data, size_t len,
		       const char **out, size_t *out_len, struct errinfo *ei);

/*
 * Parse CSV (any encoding csvio_to_utf8 accepts): comma separated, quotes
 * doubled inside quoted cells, quoted cells may span lines, LF, CRLF or CR line
 * ends, strict about stray quotes.  Blank lines are skipped; cells are trimmed
 * of spaces and tabs outside quotes (libcsv's rule).  An empty file gives a
 * table with no rows, not an error.
 */
enum err csvio_parse(struct arena *a, const char *name, const char *data, size_t len,
		     struct table *out, struct errinfo *ei);

/*
 * A table from a file's bytes, by its name's extension (.xlsx/.xlsm → xlsx,
 * anything else → CSV) or its magic number (a zip is read as .xlsx; a legacy
 * .xls is refused with advice).
 */
enum err table_read_mem(struct arena *a, const char *name, const char *data, size_t len,
			struct table *out, struct errinfo *ei);
/* The same from a path (the message names its last component). */
enum err table_read_file(struct arena *a, const char *path, struct table *out, struct errinfo *ei);

enum {
	CSV_WRITER_BOM = 1,   /* start with a UTF-8 BOM (for Excel) */
	CSV_WRITER_GUARD = 2, /* prefix ' to cells a spreadsheet would run as a formula */
};

struct csv_writer {
	FILE *fp;	/* destination, or NULL */
	struct buf *b;	/* destination when fp is NULL */
	unsigned flags; /* CSV_WRITER_* */
	size_t ncells;	/* cells written in the current row */
};

/* The writer owns neither destination.  A BOM, if asked for, is written now. */
void csv_writer_init_file(struct csv_writer *w, FILE *fp, unsigned flags);
void csv_writer_init_buf(struct csv_writer *w, struct buf *b, unsigned flags);
void csv_writer_cell(struct csv_writer *w, const char *s); /* NULL is an empty cell */
void csv_writer_end_row(struct csv_writer *w);		   /* CRLF */
void csv_writer_row(struct csv_writer *w, const char *const *cells, size_t n);
/* Flushes a FILE and reports a write error (E_IO); E_OK for a buffer. */
enum err csv_writer_finish(struct csv_writer *w, struct errinfo *ei);

#endif
