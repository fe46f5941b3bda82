/*
 * Money as int64_t fen (1/100 yuan): parsing what people type into cells and
 * forms, and the three ways it is written back (plain "1234.50" for JSON and
 * CSV, grouped "1,234.50" for screens, 大写金额 for printed vouchers and
 * notices).  Nothing here ever holds an amount in a float, and nothing
 * allocates.
 */
#ifndef QL_MONEY_H
#define QL_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* Longest money_format/money_format_grouped output, NUL included. */
#define MONEY_BUF 32
/* A buffer this size always holds money_daxie's output for any int64_t. */
#define MONEY_DAXIE_BUF 256

/*
 * Parse yuan into fen.  Accepts surrounding spaces (ASCII, U+3000, U+00A0),
 * one leading sign ('-' or '+', before or after the currency sign), a currency
 * sign "¥" (U+00A5) or "￥" (U+FFE5), an optional trailing "元", thousands
 * commas only where they belong ("1,234.50", not "12,34"), and at most two
 * decimals (further decimals are accepted only when they are zeros, as
 * "1234.500", since the value is still exact).  "1234", "1234.5", ".5" is
 * refused (write "0.5").  Overflow beyond INT64 fen is an error.
 * Returns E_OK or E_INPUT with a Chinese message in ei (key "money.invalid").
 */
enum err money_parse(const char *s, int64_t *fen, struct errinfo *ei);

/* "1234.50", "-0.05", "0.00": no grouping, for JSON and CSV. */
void money_format(int64_t fen, char buf[MONEY_BUF]);
/* "1,234.50", "-1,234,567.00": for people. */
void money_format_grouped(int64_t fen, char buf[MONEY_BUF]);

/*
 * 大写金额 as 《支付结算办法》 writes it: 1234.50 → 壹仟贰佰叁拾肆元伍角整,
 * 100.07 → 壹佰元零柒分, 10005.00 → 壹万零伍元整, 0 → 零元整, 0.50 → 伍角整,
 * negative → 负… .  "整" follows 元 or 角, never 分; a zero 角 between 元 and a
 * non-zero 分 is written 零; amounts under one yuan start at the first non-zero
 * unit (no 零元).  Truncated at a character boundary if len is too small
 * (MONEY_DAXIE_BUF is always enough).  Returns the bytes written, NUL excluded.
 */
size_t money_daxie(int64_t fen, char *buf, size_t len);

#endif
