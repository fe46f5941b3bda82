/*
 * Parsing and writing amounts in fen.  Integer arithmetic only; the 大写
 * writer follows the zero rules of 《支付结算办法》 (附一：正确填写票据和结算凭证
 * 的基本规定).  It must not allocate and must not know any business.
 */
#include "money.h"

#include <stdbool.h>
#include <string.h>

/* Bytes of the blank at p (ASCII space/tab, U+3000, U+00A0), 0 if none. */
static size_t blank_len(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		return 1;
	if (!strncmp(p, "\xe3\x80\x80", 3))
		return 3;
	if (!strncmp(p, "\xc2\xa0", 2))
		return 2;
	return 0;
}

static size_t currency_len(const char *p)
{
	if (!strncmp(p, "\xc2\xa5", 2)) /* ¥ */
		return 2;
	if (!strncmp(p, "\xef\xbf\xa5", 3)) /* ￥ */
		return 3;
	return 0;
}

static enum err bad(struct errinfo *ei, const char *msg)
{
	return err_set(ei, E_INPUT, "money.invalid", NULL, "%s", msg);
}

enum err money_parse(const char *s, int64_t *fen, struct errinfo *ei)
{
	const char *p = s ? s : "";
	const char *end;
	size_t n;
	bool neg = false, signed_ = false, overflow = false;
	uint64_t yuan = 0, frac = 0;
	size_t ndigits = 0, group = 0, commas = 0;

	while ((n = blank_len(p)))
		p += n;
	end = p + strlen(p);
	while (end > p) {
		if (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')
			end--;
		else if (end - p >= 3 && !strncmp(end - 3, "\xe3\x80\x80", 3))
			end -= 3;
		else if (end - p >= 2 && !strncmp(end - 2, "\xc2\xa0", 2))
			end -= 2;
		else
			break;
	}
	if (p == end)
		return bad(ei, "金额为空");
	if (end - p >= 3 && !strncmp(end - 3, "元", 3))
		end -= 3;

	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		signed_ = true;
		p++;
	}
	p += currency_len(p);
	if (!signed_ && p < end && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}

	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			if (yuan > (UINT64_MAX - 9) / 10)
				overflow = true;
			else
				yuan = yuan * 10 + (uint64_t)(*p - '0');
			ndigits++;
			group++;
		} else if (*p == ',') {
			if (group == 0 || (commas == 0 ? group > 3 : group != 3))
				return bad(ei, "金额的千分位逗号位置不正确");
			commas++;
			group = 0;
		} else {
			break;
		}
	}
	if (ndigits == 0)
		return bad(ei, "金额格式不正确，应为数字，如 1234.50");
	if (commas && group != 3)
		return bad(ei, "金额的千分位逗号位置不正确");
	if (p < end && *p == '.') {
		size_t nd = 0;
		for (p++; p < end && *p >= '0' && *p <= '9'; p++, nd++) {
			if (nd < 2)
				frac = frac * 10 + (uint64_t)(*p - '0');
			else if (*p != '0')
				return bad(ei, "金额最多两位小数");
		}
		if (nd == 0)
			return bad(ei, "金额格式不正确，小数点后应有数字");
		if (nd == 1)
			frac *= 10;
	}
	if (p != end)
		return bad(ei, "金额格式不正确，应为数字，如 1234.50");
	if (overflow || yuan > (uint64_t)(INT64_MAX - (int64_t)frac) / 100)
		return bad(ei, "金额超出范围");
	*fen = (int64_t)(yuan * 100 + frac);
	if (neg)
		*fen = -*fen;
	return E_OK;
}

static uint64_t magnitude(int64_t fen)
{
	return fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
}

static void format(int64_t fen, char buf[MONEY_BUF], bool grouped)
{
	char tmp[MONEY_BUF];
	size_t i = sizeof(tmp);
	uint64_t m = magnitude(fen);
	uint64_t yuan = m / 100;
	int ndig = 0;

	tmp[--i] = '\0';
	tmp[--i] = (char)('0' + m % 10);
	tmp[--i] = (char)('0' + m / 10 % 10);
	tmp[--i] = '.';
	do {
		if (grouped && ndig && ndig % 3 == 0)
			tmp[--i] = ',';
		tmp[--i] = (char)('0' + yuan % 10);
		yuan /= 10;
		ndig++;
	} while (yuan);
	if (fen < 0)
		tmp[--i] = '-';
	memcpy(buf, tmp + i, sizeof(tmp) - i);
}

void money_format(int64_t fen, char buf[MONEY_BUF])
{
	format(fen, buf, false);
}

void money_format_grouped(int64_t fen, char buf[MONEY_BUF])
{
	format(fen, buf, true);
}

static const char *const digit_zh[10] = {"零", "壹", "贰", "叁", "肆",
					 "伍", "陆", "柒", "捌", "玖"};

struct out {
	char s[MONEY_DAXIE_BUF]; /* the text being built */
	size_t len;		 /* bytes used */
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);
	if (o->len + n < sizeof(o->s)) {
		memcpy(o->s + o->len, s, n);
		o->len += n;
		o->s[o->len] = '\0';
	}
}

/* 1..9999, zeros inside written once as 零, trailing zeros silent. */
static void put4(struct out *o, unsigned v)
{
	static const char *const unit[4] = {"仟", "佰", "拾", ""};
	static const unsigned pow10[4] = {1000, 100, 10, 1};
	bool started = false, zero = false;
	for (int i = 0; i < 4; i++) {
		unsigned d = v / pow10[i] % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			put(o, "零");
		put(o, digit_zh[d]);
		put(o, unit[i]);
		started = true;
		zero = false;
	}
}

/* 1..99999999 */
static void put8(struct out *o, uint64_t v)
{
	unsigned hi = (unsigned)(v / 10000), lo = (unsigned)(v % 10000);
	if (hi) {
		put4(o, hi);
		put(o, "万");
	}
	if (lo) {
		if (hi && lo < 1000)
			put(o, "零");
		put4(o, lo);
	}
}

/* v ≥ 1; above 亿 recursively (亿亿 for the top of int64). */
static void put_int(struct out *o, uint64_t v)
{
	if (v >= 100000000) {
		uint64_t rest = v % 100000000;
		put_int(o, v / 100000000);
		put(o, "亿");
		if (rest) {
			if (rest < 10000000)
				put(o, "零");
			put8(o, rest);
		}
		return;
	}
	put8(o, v);
}

size_t money_daxie(int64_t fen, char *buf, size_t len)
{
	struct out o = {.len = 0};
	uint64_t m = magnitude(fen);
	uint64_t yuan = m / 100;
	unsigned jiao = (unsigned)(m / 10 % 10), fen1 = (unsigned)(m % 10);
	size_t n;

	o.s[0] = '\0';
	if (m == 0) {
		put(&o, "零元整");
	} else {
		if (fen < 0)
			put(&o, "负");
		if (yuan) {
			put_int(&o, yuan);
			put(&o, "元");
		}
		if (jiao) {
			put(&o, digit_zh[jiao]);
			put(&o, "角");
		} else if (yuan && fen1) {
			put(&o, "零");
		}
		if (fen1) {
			put(&o, digit_zh[fen1]);
			put(&o, "分");
		} else {
			put(&o, "整");
		}
	}
	if (!len)
		return 0;
	n = o.len < len - 1 ? o.len : len - 1;
	while (n > 0 && n < o.len && ((unsigned char)o.s[n] & 0xC0) == 0x80)
		n--; /* do not cut a character in half */
	memcpy(buf, o.s, n);
	buf[n] = '\0';
	return n;
}
