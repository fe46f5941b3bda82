/*
 * idno.h against the published vectors of GB 11643-1999 (居民身份证号码) and
 * GB 32100-2015 (统一社会信用代码), and against single-character corruptions
 * of them, which each check character must catch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/idno.h"

static void test_idno__gb11643_vectors(void **state)
{
	(void)state;
	/* the two examples printed in GB 11643-1999 */
	assert_true(idno_valid("11010519491231002X"));
	assert_true(idno_valid("440524188001010014"));
	assert_null(idno_problem("11010519491231002X"));
	assert_int_equal(idno_check_char("11010519491231002"), 'X');
	assert_int_equal(idno_check_char("44052418800101001"), '4');
	/* lower-case x is the same check character */
	assert_true(idno_valid("11010519491231002x"));
}

static void test_idno__gb11643_errors(void **state)
{
	(void)state;
	assert_string_equal(idno_problem("110105194912310021"), "身份证号校验位错误");
	assert_string_equal(idno_problem("440524188001010015"), "身份证号校验位错误");
	assert_string_equal(idno_problem(""), "身份证号为空");
	assert_string_equal(idno_problem(NULL), "身份证号为空");
	assert_string_equal(idno_problem("11010519491231002"), "身份证号应为18位");
	assert_string_equal(idno_problem("110105194912310"), "身份证号应为18位"); /* old 15-digit */
	assert_string_equal(idno_problem("11010519491231002X1"), "身份证号应为18位");
	assert_string_equal(idno_problem("1101051949123100AX"), "身份证号前17位应为数字");
	assert_string_equal(idno_problem("110105194902300024"), "身份证号中的出生日期无效");
	assert_string_equal(idno_problem("110105194913310024"), "身份证号中的出生日期无效");
	assert_string_equal(idno_problem("110105190002290024"), "身份证号中的出生日期无效");
	assert_false(idno_valid("11010519491231002Y"));
	assert_int_equal(idno_check_char(NULL), '\0');
	assert_int_equal(idno_check_char("1101051949"), '\0');
	assert_int_equal(idno_check_char("1101051949123100A"), '\0');
}

/* Changing any one of the first 17 digits changes the check character. */
static void test_idno__gb11643_detects_single_digit_errors(void **state)
{
	(void)state;
	for (int pos = 0; pos < 17; pos++) {
		if (pos >= 6 && pos < 14)
			continue; /* the birth date would fail for another reason */
		for (char d = '0'; d <= '9'; d++) {
			char s[19] = "11010519491231002X";
			if (s[pos] == d)
				continue;
			s[pos] = d;
			assert_false(idno_valid(s));
			assert_string_equal(idno_problem(s), "身份证号校验位错误");
		}
	}
}

static void test_idno__gb32100_vectors(void **state)
{
	(void)state;
	/* the example of GB 32100-2015, and two published codes of real firms */
	assert_true(credit_code_valid("91350100M000100Y43"));
	assert_true(credit_code_valid("91110108551385082Q"));
	assert_true(credit_code_valid("91440300708461136T"));
	assert_null(credit_code_problem("91350100M000100Y43"));
	assert_int_equal(credit_code_check_char("91350100M000100Y4"), '3');
	assert_int_equal(credit_code_check_char("91440300708461136"), 'T');
}

static void test_idno__gb32100_errors(void **state)
{
	(void)state;
	assert_string_equal(credit_code_problem("91350100M000100Y44"),
			    "统一社会信用代码校验位错误");
	assert_string_equal(credit_code_problem("91440300708461136U"),
			    "统一社会信用代码校验位错误");
	assert_string_equal(credit_code_problem(""), "统一社会信用代码为空");
	assert_string_equal(credit_code_problem("91350100M000100Y4"), "统一社会信用代码应为18位");
	/* I, O, S, V and Z are not in the alphabet; lower case is not either */
	assert_string_equal(credit_code_problem("91350100I000100Y43"),
			    "统一社会信用代码含有无效字符");
	assert_string_equal(credit_code_problem("91350100O000100Y43"),
			    "统一社会信用代码含有无效字符");
	assert_string_equal(credit_code_problem("91350100m000100Y43"),
			    "统一社会信用代码含有无效字符");
	assert_int_equal(credit_code_check_char("91350100S000100Y4"), '\0');
	assert_int_equal(credit_code_check_char("9135"), '\0');
	for (int pos = 0; pos < 17; pos++) {
		char s[19] = "91350100M000100Y43";
		s[pos] = s[pos] == 'A' ? 'B' : 'A';
		assert_false(credit_code_valid(s));
	}
}

static void test_idno__party_and_area(void **state)
{
	(void)state;
	assert_true(party_id_valid("11010519491231002X"));
	assert_true(party_id_valid("91350100M000100Y43"));
	assert_false(party_id_valid("110105194912310021"));
	assert_false(party_id_valid("91350100M000100Y44"));
	assert_false(party_id_valid(""));

	assert_true(area_code_valid("350102001001"));
	assert_false(area_code_valid("35010200100"));
	assert_false(area_code_valid("3501020010011"));
	assert_false(area_code_valid("35010200100A"));
	assert_false(area_code_valid(""));
	assert_false(area_code_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_idno__gb11643_vectors),
	    cmocka_unit_test(test_idno__gb11643_errors),
	    cmocka_unit_test(test_idno__gb11643_detects_single_digit_errors),
	    cmocka_unit_test(test_idno__gb32100_vectors),
	    cmocka_unit_test(test_idno__gb32100_errors),
	    cmocka_unit_test(test_idno__party_and_area),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
