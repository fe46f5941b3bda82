/*
 * The one masking scheme of the public portal (domain/masking.md): a person's
 * name keeps the surname (a compound surname whole) and hides every other
 * character; a 身份证号 keeps its first 2 and last 3 characters; a phone its
 * first 3 and last 4.  Every public page that shows a person goes through these
 * three functions, so that masks made on different pages cannot be recombined.
 * Firms, 统一社会信用代码 and cadres' names in their public office are not
 * persons' private data and are not masked here.  Pure text functions: the
 * result is allocated in the arena given; NULL in gives NULL out.
 */
#ifndef QL_MASK_H
#define QL_MASK_H

#include "arena.h"

/* 张三丰 → 张**, 欧阳娜娜 → 欧阳** (compound surname kept whole when the name
 * has more characters than the surname), 王 → 王.  Surrounding blanks are
 * dropped; every character after the surname becomes one '*'. */
char *mask_name(struct arena *a, const char *name);

/* 32128319700315101X → 32*************01X: the first 2 and last 3 characters
 * with one '*' for each character between; shorter than 6 characters: all '*'. */
char *mask_idno(struct arena *a, const char *idno);

/* 13812341234 → 138****1234: the first 3 and last 4 characters with one '*'
 * for each between; shorter than 8 characters: all '*'. */
char *mask_phone(struct arena *a, const char *phone);

#endif
