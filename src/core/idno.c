/*
 * Check characters of GB 11643 (身份证) and GB 32100 (统一社会信用代码).
 */
#include "idno.h"

#include <string.h>

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

char idno_check_char(const char *first17)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
	if (!first17 || strnlen(first17, 17) < 17 || !all_digits(first17, 17))
		return '\0';
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weight[i];
	return check[sum % 11];
}

static bool birth_date_ok(const char *s)
{
	int y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	int m = (s[10] - '0') * 10 + (s[11] - '0');
	int d = (s[12] - '0') * 10 + (s[13] - '0');
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1850 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

const char *idno_problem(const char *s)
{
	if (!s || !*s)
		return "身份证号为空";
	if (strlen(s) != 18)
		return "身份证号应为18位";
	if (!all_digits(s, 17))
		return "身份证号前17位应为数字";
	if (!birth_date_ok(s))
		return "身份证号中的出生日期无效";
	char c = s[17] == 'x' ? 'X' : s[17];
	if (c != idno_check_char(s))
		return "身份证号校验位错误";
	return NULL;
}

bool idno_valid(const char *s)
{
	return idno_problem(s) == NULL;
}

/* GB 32100 alphabet: value of each character is its index. */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int credit_value(char c)
{
	const char *p = c ? strchr(credit_alphabet, c) : NULL;
	return p ? (int)(p - credit_alphabet) : -1;
}

char credit_code_check_char(const char *first17)
{
	static const int weight[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	if (!first17 || strnlen(first17, 17) < 17)
		return '\0';
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = credit_value(first17[i]);
		if (v < 0)
			return '\0';
		sum += v * weight[i];
	}
	int c = 31 - sum % 31;
	return credit_alphabet[c == 31 ? 0 : c];
}

const char *credit_code_problem(const char *s)
{
	if (!s || !*s)
		return "统一社会信用代码为空";
	if (strlen(s) != 18)
		return "统一社会信用代码应为18位";
	for (int i = 0; i < 18; i++)
		if (credit_value(s[i]) < 0)
			return "统一社会信用代码含有无效字符";
	if (s[17] != credit_code_check_char(s))
		return "统一社会信用代码校验位错误";
	return NULL;
}

bool credit_code_valid(const char *s)
{
	return credit_code_problem(s) == NULL;
}

bool party_id_valid(const char *s)
{
	return idno_valid(s) || credit_code_valid(s);
}

bool area_code_valid(const char *s)
{
	return s && strlen(s) == 12 && all_digits(s, 12);
}
