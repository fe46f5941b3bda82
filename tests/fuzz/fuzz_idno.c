/*
 * libFuzzer target for idno.c: 居民身份证号, 统一社会信用代码 and 区划代码
 * validation on arbitrary text.  Properties: valid and problem agree; the check
 * character of a valid number's first 17 characters is its 18th; replacing the
 * check character of a credit code by the computed one always gives a valid
 * code.  It must not test anything but idno.c.
 */
#include "fuzz_util.h"

#include <ctype.h>

#include "core/idno.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);

	bool id = idno_valid(s), credit = credit_code_valid(s);
	FUZZ_CHECK(id == (idno_problem(s) == NULL));
	FUZZ_CHECK(credit == (credit_code_problem(s) == NULL));
	FUZZ_CHECK(party_id_valid(s) == (id || credit));
	if (area_code_valid(s)) {
		FUZZ_CHECK(strlen(s) == 12);
		for (int i = 0; i < 12; i++)
			FUZZ_CHECK(isdigit((unsigned char)s[i]));
	}
	char c = idno_check_char(s), cc = credit_code_check_char(s);
	FUZZ_CHECK(c == '\0' || c == 'X' || isdigit((unsigned char)c));
	if (id) {
		FUZZ_CHECK(strlen(s) == 18 && toupper((unsigned char)s[17]) == c);
	}
	if (credit)
		FUZZ_CHECK(strlen(s) == 18 && s[17] == cc);
	if (strlen(s) >= 17) {
		char fixed[19];
		memcpy(fixed, s, 17);
		fixed[17] = cc;
		fixed[18] = '\0';
		if (cc)
			FUZZ_CHECK(credit_code_valid(fixed));
		fixed[17] = c;
		if (c)
			FUZZ_CHECK(idno_valid(fixed) == (idno_problem(fixed) == NULL));
	}
	free(s);
	return 0;
}
