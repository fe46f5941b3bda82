/*
 * Private to the books module's files: the route handlers of books_api.c,
 * books_report.c and books.c, and the small helpers they share.  Other modules
 * use books.h only.
 */
#ifndef QL_BOOKS_API_H
#define QL_BOOKS_API_H

#include "books.h"

#define BOOKS_STEPS 5 /* 经办, 证明, 监委会审核, 书记审批, 镇审核 */

/* What the handlers need of a voucher's row. */
struct books_head {
	int64_t id;		/* book_vouchers.id */
	int64_t village_id;	/* its village */
	const char *voucher_no; /* "2025-0042" */
	const char *date;	/* "YYYY-MM-DD" */
	const char *summary;	/* 摘要 */
	const char *source;	/* 录入 | 导入 | 冲销 | 结转 */
	const char *status;	/* draft | pending | rejected | approved | posted | void */
	int steps_done;		/* chain steps signed in this round, 0..5 */
	int round;		/* submissions so far */
	int64_t maker_id;	/* users.id of the maker, 0 if none */
	int64_t reverses_id;	/* the voucher this one reverses, 0 if none */
};

const char *books_step_name(int step);		    /* 1..5 → "经办" … "镇审核" */
const char *books_status_label(const char *status); /* "posted" → "已记账" */
int64_t books_path_id(struct req *r, const char *name);
/* Load voucher id (404 with a Chinese message when absent). */
enum err books_head_load(struct req *r, int64_t id, struct books_head *h);
/* village_of for /vouchers/{id} routes. */
enum err books_voucher_village(struct req *r, int64_t *vid);
/* Answer with the voucher, its lines, approvals and attachments. */
enum err books_api_answer(struct req *r, int status, int64_t id);

enum err books_api_list(struct req *r);
enum err books_api_get(struct req *r);
enum err books_api_create(struct req *r);
enum err books_api_update(struct req *r);
enum err books_api_void(struct req *r);
enum err books_api_submit(struct req *r);
enum err books_api_approve(struct req *r);
enum err books_api_reject(struct req *r);
enum err books_api_post(struct req *r);
enum err books_api_reverse(struct req *r);
enum err books_api_attach(struct req *r);
enum err books_api_attachment_get(struct req *r);
enum err books_api_inbox(struct req *r);

/* A printed report (books_pdf.c): an A4 PDF with the title, a ruled table
 * whose header repeats on every page, and page numbers. */
#define BOOKS_PDF_COLS_MAX 12
struct books_pdf_col {
	const char *header; /* 表头 */
	double weight;	    /* share of the table's width (0 = 1) */
	bool right;	    /* right-aligned (amounts) */
};
struct books_pdf {
	const char *title;		  /* "甲村 科目余额表" */
	const char *subtitle;		  /* period and unit */
	const char *footer;		  /* right of the page number, or NULL */
	const char *created;		  /* creation date "YYYY-MM-DDTHH:MM:SS", or NULL */
	const struct books_pdf_col *cols; /* columns */
	size_t ncols;			  /* 1..BOOKS_PDF_COLS_MAX */
	const char *const *cells;	  /* cells[row * ncols + col]; NULL = empty */
	size_t nrows;			  /* rows of the table */
	const bool *bold;		  /* per row (totals), or NULL */
};
/* The PDF into out (reset first); E_INTERNAL with a Chinese message when cairo
 * fails. */
enum err books_pdf_render(const struct books_pdf *p, struct buf *out, struct errinfo *ei);

/* Reports (books_report.c). */
enum err books_report_trial(struct req *r);
enum err books_report_township(struct req *r);
enum err books_report_detail(struct req *r);
enum err books_report_cash(struct req *r);
enum err books_report_bank(struct req *r);
enum err books_report_balance_sheet(struct req *r);
enum err books_report_income(struct req *r);
enum err books_report_drill(struct req *r);
enum err books_report_balances_check(struct req *r);

#endif
