/*
 * Identity numbers: 居民身份证号 (GB 11643-1999, ISO 7064 MOD 11-2 check character),
 * 统一社会信用代码 (GB 32100-2015, MOD 31 check character) and 12-digit
 * 统计用区划代码.  Pure functions; no allocation.
 */
#ifndef QL_IDNO_H
#define QL_IDNO_H

#include <stdbool.h>

/* Check character ('0'..'9' or 'X') for the first 17 digits; '\0' if they are
 * not 17 digits. */
char idno_check_char(const char *first17);
/* 18 characters, 17 digits + check character (x accepted as X), a real calendar
 * birth date, and the right check character. */
bool idno_valid(const char *s);
/* Why s is not valid, in Chinese, or NULL when it is. */
const char *idno_problem(const char *s);

/* 统一社会信用代码: check character for the first 17 characters, '\0' if any is
 * outside the code's alphabet (digits and capitals without I, O, S, V, Z). */
char credit_code_check_char(const char *first17);
bool credit_code_valid(const char *s);
const char *credit_code_problem(const char *s);

/* A counterparty's identifier: either kind. */
bool party_id_valid(const char *s);

/* 统计用区划代码: exactly 12 digits. */
bool area_code_valid(const char *s);

#endif
