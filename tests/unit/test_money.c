/*
 * money.h: parsing what people type, the plain and grouped formats, and
 * 大写金额 with its zero rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/money.h"

static int64_t parse_ok(const char *s)
{
	struct errinfo ei = {0};
	int64_t fen = -999;
	assert_int_equal(money_parse(s, &fen, &ei), E_OK);
	assert_int_equal(ei.code, E_OK);
	return fen;
}

static const char *parse_bad(const char *s)
{
	static struct errinfo ei;
	int64_t fen = 42;
	memset(&ei, 0, sizeof(ei));
	assert_int_equal(money_parse(s, &fen, &ei), E_INPUT);
	assert_int_equal(fen, 42); /* untouched on error */
	assert_string_equal(ei.key, "money.invalid");
	return ei.msg;
}

static void test_money__parse_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1234.5"), 123450);
	assert_int_equal(parse_ok("1,234.50"), 123450);
	assert_int_equal(parse_ok("¥1234.50"), 123450);
	assert_int_equal(parse_ok("￥1,234.50"), 123450);
	assert_int_equal(parse_ok("-12.30"), -1230);
	assert_int_equal(parse_ok("-¥12.30"), -1230);
	assert_int_equal(parse_ok("¥-12.30"), -1230);
	assert_int_equal(parse_ok("+7"), 700);
	assert_int_equal(parse_ok("  88.08  "), 8808);
	assert_int_equal(parse_ok("\xe3\x80\x80"
				  "5\xe3\x80\x80"),
			 500); /* ideographic spaces */
	assert_int_equal(parse_ok("0"), 0);
	assert_int_equal(parse_ok("0.01"), 1);
	assert_int_equal(parse_ok("1234"), 123400);
	assert_int_equal(parse_ok("1,234,567.89"), 123456789);
	assert_int_equal(parse_ok("100元"), 10000);
	assert_int_equal(parse_ok("1234.500"), 123450); /* zeros beyond 2 decimals are exact */
	assert_int_equal(parse_ok("92233720368547758.07"), INT64_MAX);
	assert_int_equal(parse_ok("-92233720368547758.07"), -INT64_MAX);
}

static void test_money__parse_errors(void **state)
{
	(void)state;
	assert_string_equal(parse_bad(""), "金额为空");
	assert_string_equal(parse_bad("   "), "金额为空");
	assert_string_equal(parse_bad("1.234"), "金额最多两位小数");
	assert_string_equal(parse_bad("12.001"), "金额最多两位小数");
	assert_string_equal(parse_bad("92233720368547758.08"), "金额超出范围");
	assert_string_equal(parse_bad("99999999999999999999999"), "金额超出范围");
	assert_non_null(strstr(parse_bad("abc"), "金额格式不正确"));
	assert_non_null(strstr(parse_bad("12a"), "金额格式不正确"));
	assert_non_null(strstr(parse_bad(".5"), "金额格式不正确"));
	assert_non_null(strstr(parse_bad("5."), "小数点后应有数字"));
	assert_non_null(strstr(parse_bad("1.2.3"), "金额格式不正确"));
	assert_non_null(strstr(parse_bad("--5"), "金额格式不正确"));
	assert_non_null(strstr(parse_bad("¥"), "金额格式不正确"));
	assert_non_null(strstr(parse_bad("1 234"), "金额格式不正确"));
	/* a decimal comma must not be read as grouping: 12,34 is not 1234 */
	assert_non_null(strstr(parse_bad("12,34"), "千分位"));
	assert_non_null(strstr(parse_bad("1234,567"), "千分位"));
	assert_non_null(strstr(parse_bad(",123"), "千分位"));
	assert_non_null(strstr(parse_bad("1,,234"), "千分位"));
	assert_non_null(strstr(parse_bad("1,234,56.00"), "千分位"));
}

static void test_money__parse_null_errinfo(void **state)
{
	int64_t fen;
	(void)state;
	assert_int_equal(money_parse("x", &fen, NULL), E_INPUT);
	assert_int_equal(money_parse(NULL, &fen, NULL), E_INPUT);
}

static void test_money__format(void **state)
{
	char b[MONEY_BUF];
	(void)state;
	money_format(123450, b);
	assert_string_equal(b, "1234.50");
	money_format(0, b);
	assert_string_equal(b, "0.00");
	money_format(5, b);
	assert_string_equal(b, "0.05");
	money_format(-5, b);
	assert_string_equal(b, "-0.05");
	money_format(-1230, b);
	assert_string_equal(b, "-12.30");
	money_format(INT64_MAX, b);
	assert_string_equal(b, "92233720368547758.07");
	money_format(INT64_MIN, b);
	assert_string_equal(b, "-92233720368547758.08");

	money_format_grouped(123450, b);
	assert_string_equal(b, "1,234.50");
	money_format_grouped(99999, b);
	assert_string_equal(b, "999.99");
	money_format_grouped(100000, b);
	assert_string_equal(b, "1,000.00");
	money_format_grouped(-123456789, b);
	assert_string_equal(b, "-1,234,567.89");
	money_format_grouped(INT64_MIN, b);
	assert_string_equal(b, "-92,233,720,368,547,758.08");
}

static void test_money__round_trip(void **state)
{
	static const int64_t v[] = {0, 1, 10, 99, 100, 123456, -1, -100000, 987654321012};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char a[MONEY_BUF], g[MONEY_BUF];
		money_format(v[i], a);
		money_format_grouped(v[i], g);
		assert_int_equal(parse_ok(a), v[i]);
		assert_int_equal(parse_ok(g), v[i]);
	}
}

static void daxie_is(int64_t fen, const char *want)
{
	char b[MONEY_DAXIE_BUF];
	size_t n = money_daxie(fen, b, sizeof(b));
	assert_string_equal(b, want);
	assert_int_equal(n, strlen(want));
}

static void test_money__daxie(void **state)
{
	(void)state;
	daxie_is(123450, "壹仟贰佰叁拾肆元伍角整");
	daxie_is(10007, "壹佰元零柒分");
	daxie_is(0, "零元整");
	daxie_is(100000000, "壹佰万元整");
	daxie_is(1000500, "壹万零伍元整");
	daxie_is(-123450, "负壹仟贰佰叁拾肆元伍角整");
	daxie_is(100, "壹元整");
	daxie_is(1000, "壹拾元整");
	daxie_is(1500, "壹拾伍元整");
	daxie_is(50, "伍角整");
	daxie_is(5, "伍分");
	daxie_is(55, "伍角伍分");
	daxie_is(-5, "负伍分");
	/* 《支付结算办法》's own examples */
	daxie_is(140950, "壹仟肆佰零玖元伍角整");
	daxie_is(600714, "陆仟零柒元壹角肆分");
	daxie_is(168032, "壹仟陆佰捌拾元叁角贰分");
	daxie_is(10700053, "壹拾万柒仟元伍角叁分");
	daxie_is(1640902, "壹万陆仟肆佰零玖元零贰分");
	daxie_is(32504, "叁佰贰拾伍元零肆分");
	/* zeros across the 万 and 亿 groups */
	daxie_is(10070000, "壹拾万零柒佰元整");
	daxie_is(100000100, "壹佰万零壹元整");
	daxie_is(1001000000, "壹仟零壹万元整");
	daxie_is(10000000000, "壹亿元整");
	daxie_is(10000000100, "壹亿零壹元整");
	daxie_is(10001000000, "壹亿零壹万元整");
	daxie_is(12345678900, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整");
	daxie_is(1000000000000000, "壹拾万亿元整");
	daxie_is(10000000000000000 * 100, "壹亿亿元整");
	/* above 亿 the count of 亿 is itself written with 万 and 亿 (9 2233 7203 亿 …) */
	daxie_is(INT64_MAX,
		 "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分");
}

static void test_money__daxie_truncates_on_char_boundary(void **state)
{
	char b[8];
	(void)state;
	/* 7 bytes of room: two whole characters (6 bytes), never half of one */
	assert_int_equal(money_daxie(123450, b, sizeof(b)), 6);
	assert_string_equal(b, "壹仟");
	assert_int_equal(money_daxie(123450, b, 1), 0);
	assert_string_equal(b, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_money__parse_forms),
	    cmocka_unit_test(test_money__parse_errors),
	    cmocka_unit_test(test_money__parse_null_errinfo),
	    cmocka_unit_test(test_money__format),
	    cmocka_unit_test(test_money__round_trip),
	    cmocka_unit_test(test_money__daxie),
	    cmocka_unit_test(test_money__daxie_truncates_on_char_boundary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
