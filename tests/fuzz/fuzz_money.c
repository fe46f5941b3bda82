/*
 * libFuzzer target for money.c: yuan text as people type it → fen, and the
 * three ways fen are written back.  Properties: a parsed amount formats to text
 * that parses to the same fen, with and without grouping; 大写 always fits
 * MONEY_DAXIE_BUF and a short buffer is cut at a character boundary.  The first
 * eight bytes are also taken as a raw fen value, so that the formatters see
 * every int64_t, INT64_MIN included.  It must not test anything but money.c.
 */
#include "fuzz_util.h"

#include "core/money.h"

static int valid_utf8_end(const char *s, size_t n)
{
	/* no continuation byte may be left without its lead byte's full sequence */
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
		if (i + len > n)
			return 0;
		i += len;
	}
	return 1;
}

static void formats(int64_t fen)
{
	char buf[MONEY_BUF], grouped[MONEY_BUF], daxie[MONEY_DAXIE_BUF], small[16];
	int64_t back = 0;

	money_format(fen, buf);
	money_format_grouped(fen, grouped);
	FUZZ_CHECK(strlen(buf) < MONEY_BUF && strlen(grouped) < MONEY_BUF);
	if (fen != INT64_MIN) { /* -92233720368547758.08 is outside the parser's range */
		FUZZ_CHECK(money_parse(buf, &back, NULL) == E_OK && back == fen);
		FUZZ_CHECK(money_parse(grouped, &back, NULL) == E_OK && back == fen);
	}
	size_t n = money_daxie(fen, daxie, sizeof(daxie));
	FUZZ_CHECK(n < sizeof(daxie) && n == strlen(daxie) && n > 0);
	FUZZ_CHECK(strstr(daxie, "整") == NULL || strstr(daxie, "分") == NULL);
	for (size_t len = 0; len <= sizeof(small); len++) {
		size_t m = money_daxie(fen, small, len);
		FUZZ_CHECK(len == 0 ? m == 0 : m < len && small[m] == '\0');
		FUZZ_CHECK(memcmp(small, daxie, m) == 0 && valid_utf8_end(small, m));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	struct errinfo ei = {0};
	int64_t fen = 0;

	if (money_parse(s, &fen, &ei) == E_OK)
		formats(fen);
	else
		FUZZ_CHECK(ei.code == E_INPUT && strcmp(ei.key, "money.invalid") == 0);
	if (size >= 8) {
		int64_t raw;
		memcpy(&raw, data, 8);
		formats(raw);
	}
	free(s);
	return 0;
}
