/*
 * core/mask.h against the table of domain/masking.md: names keep the surname
 * (compound surnames whole), 身份证号 the first 2 and last 3 characters, phones
 * the first 3 and last 4, one '*' per hidden character, never half a UTF-8
 * character; blanks trimmed; NULL passes through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/mask.h"

static void test_mask__names(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	assert_string_equal(mask_name(&a, "张三丰"), "张**");
	assert_string_equal(mask_name(&a, "张三"), "张*");
	assert_string_equal(mask_name(&a, "王"), "王");
	assert_string_equal(mask_name(&a, "欧阳娜娜"), "欧阳**");
	assert_string_equal(mask_name(&a, "司马光"), "司马*");
	/* two characters that happen to spell a compound surname: 欧 + 阳 */
	assert_string_equal(mask_name(&a, "欧阳"), "欧*");
	/* blanks (ASCII and the ideographic space) around the name are dropped */
	assert_string_equal(mask_name(&a, " 李四\xE3\x80\x80"), "李*");
	/* minority names with a middle dot: every character after the first */
	assert_string_equal(mask_name(&a, "阿依古丽·买买提"), "阿*******");
	/* Latin letters count one each */
	assert_string_equal(mask_name(&a, "Tom"), "T**");
	assert_string_equal(mask_name(&a, ""), "");
	assert_null(mask_name(&a, NULL));
	arena_release(&a);
}

static void test_mask__idno(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	char *m = mask_idno(&a, "32128319700315101X");
	assert_string_equal(m, "32*************01X");
	assert_int_equal(strlen(m), 18);
	/* the example of masking.md: 13 stars between */
	assert_string_equal(mask_idno(&a, "321283197003151234"), "32*************234");
	/* an old 15-digit number keeps the same ends */
	assert_string_equal(mask_idno(&a, "321283700315101"), "32**********101");
	assert_string_equal(mask_idno(&a, "12345"), "*****");
	assert_string_equal(mask_idno(&a, " 32128319700315101X "), "32*************01X");
	assert_null(mask_idno(&a, NULL));
	arena_release(&a);
}

static void test_mask__phone(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	assert_string_equal(mask_phone(&a, "13812341234"), "138****1234");
	assert_string_equal(mask_phone(&a, "0523-87654321"), "052******4321");
	assert_string_equal(mask_phone(&a, "1234567"), "*******");
	assert_null(mask_phone(&a, NULL));
	arena_release(&a);
}

/* No mask ever cuts a multi-byte character: the output is valid UTF-8 with
 * as many characters as the input. */
static void test_mask__utf8_whole(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	assert_string_equal(mask_idno(&a, "一二三四五六七"), "一二**五六七");
	assert_string_equal(mask_phone(&a, "一二三四五六七八九"), "一二三**六七八九");
	/* an invalid byte counts as one character and is hidden whole */
	assert_string_equal(mask_name(&a, "张\xFF\xFE"), "张**");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mask__names),
	    cmocka_unit_test(test_mask__idno),
	    cmocka_unit_test(test_mask__phone),
	    cmocka_unit_test(test_mask__utf8_whole),
	};
	return cmocka_run_group_tests_name("mask", tests, NULL, NULL);
}
