/*
 * keyset.h: a key is seen once, its first value is kept, keys differing in one
 * byte or in length are apart, long keys and many keys (growth) work, and a
 * freed set is empty and reusable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/keyset.h"

static void test_keyset__first_value_kept(void **state)
{
	(void)state;
	struct keyset ks = KEYSET_INIT;
	size_t first = 99;
	assert_false(keyset_seen(&ks,
				 "a\x1f"
				 "b",
				 3, 7, &first));
	assert_int_equal(first, 99); /* untouched when new */
	assert_true(keyset_seen(&ks,
				"a\x1f"
				"b",
				3, 8, &first));
	assert_int_equal(first, 7);
	assert_true(keyset_seen(&ks,
				"a\x1f"
				"b",
				3, 9, &first));
	assert_int_equal(first, 7); /* the first sight stays */
	assert_false(keyset_seen(&ks,
				 "a\x1f"
				 "c",
				 3, 10, NULL));
	assert_false(keyset_seen(&ks, "a\x1f", 2, 11, NULL)); /* a prefix is another key */
	assert_false(keyset_seen(&ks, "", 0, 12, NULL));
	assert_true(keyset_seen(&ks, "", 0, 13, &first));
	assert_int_equal(first, 12);
	assert_int_equal(ks.n, 4);
	keyset_free(&ks);
	assert_int_equal(ks.n, 0);
	assert_false(keyset_seen(&ks,
				 "a\x1f"
				 "b",
				 3, 1, NULL)); /* reusable, empty */
	keyset_free(&ks);
}

static void test_keyset__formatted_and_long(void **state)
{
	(void)state;
	struct keyset ks = KEYSET_INIT;
	size_t first;
	char big[3000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_false(keyset_seenf(&ks, 1, NULL, "%lld\x1f%s", 42LL, big));
	big[1500] = 'y';
	assert_false(keyset_seenf(&ks, 2, NULL, "%lld\x1f%s", 42LL, big));
	assert_true(keyset_seenf(&ks, 3, &first, "%lld\x1f%s", 42LL, big));
	assert_int_equal(first, 2);
	/* "1" + "23" and "12" + "3" are apart once joined by the separator */
	assert_false(keyset_seenf(&ks, 4, NULL, "%s\x1f%s", "1", "23"));
	assert_false(keyset_seenf(&ks, 5, NULL, "%s\x1f%s", "12", "3"));
	keyset_free(&ks);
}

static void test_keyset__many_keys(void **state)
{
	(void)state;
	struct keyset ks = KEYSET_INIT;
	size_t first;
	for (size_t i = 0; i < 200000; i++)
		assert_false(keyset_seenf(&ks, i, NULL, "%zu\x1f村%zu", i % 1700, i));
	assert_int_equal(ks.n, 200000);
	for (size_t i = 0; i < 200000; i += 997) {
		assert_true(keyset_seenf(&ks, 0, &first, "%zu\x1f村%zu", i % 1700, i));
		assert_int_equal(first, i);
	}
	assert_false(keyset_seenf(&ks, 0, NULL, "%d\x1f村%d", 1, 1700)); /* 1700 % 1700 = 0 */
	assert_int_equal(ks.n, 200001);
	keyset_free(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keyset__first_value_kept),
	    cmocka_unit_test(test_keyset__formatted_and_long),
	    cmocka_unit_test(test_keyset__many_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
