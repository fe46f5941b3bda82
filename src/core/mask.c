/*
 * Masks of persons' names, 身份证号 and phones for public pages, per
 * domain/masking.md.  Characters are counted as UTF-8 code points (an invalid
 * byte counts as one character), so a mask never splits a Chinese character.
 * It must not decide whether a record is a person or a firm: callers do.
 */
#include "mask.h"

#include <string.h>

/* Compound surnames (复姓) kept whole.  The common ones of the 百家姓 and of
 * the population register. */
static const char *const compound[] = {
    "欧阳", "司马", "诸葛", "上官", "夏侯", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "令狐", "澹台", "公冶", "申屠", "太史", "端木", "轩辕", "呼延", "南宫", "独孤", "闻人",
    "万俟", "单于", "西门", "拓跋", "百里", "东郭", "钟离", "宗政", "濮阳", "淳于", "赫连", "第五",
    "左丘", "谷梁", "羊舌", "微生", "梁丘", "公羊", "司空", "司寇", "鲜于", "闾丘", "子车", "乐正",
    "漆雕", "公良", "夹谷", "巫马", "段干", "南门", "东门", "仲孙", "叔孙", "季孙",
};

/* Bytes of the UTF-8 character starting at s (1 for an invalid byte). */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80		? 1
		   : (c & 0xE0) == 0xC0 ? 2
		   : (c & 0xF0) == 0xE0 ? 3
		   : (c & 0xF8) == 0xF0 ? 4
					: 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

static size_t char_count(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i += char_len(s + i))
		n++;
	return n;
}

/* s without leading and trailing ASCII blanks and U+3000: start and length. */
static const char *trimmed(const char *s, size_t *len)
{
	size_t n = strlen(s);
	for (;;) {
		if (n && (*s == ' ' || *s == '\t')) {
			s++, n--;
		} else if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
			s += 3, n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	*len = n;
	return s;
}

/* keep bytes of s, then one '*' per remaining character up to the last `tail`
 * characters, then those.  Characters, not bytes. */
static char *keep_ends(struct arena *a, const char *s, size_t len, size_t head, size_t tail)
{
	size_t total = char_count(s, len);
	char *out = arena_alloc(a, len + total + 1);
	size_t o = 0, i = 0, k = 0;
	for (; i < len; k++) {
		size_t cl = char_len(s + i);
		if (k < head || k >= total - tail) {
			memcpy(out + o, s + i, cl);
			o += cl;
		} else {
			out[o++] = '*';
		}
		i += cl;
	}
	out[o] = '\0';
	return out;
}

static char *all_stars(struct arena *a, const char *s, size_t len)
{
	return keep_ends(a, s, len, 0, 0);
}

char *mask_name(struct arena *a, const char *name)
{
	if (!name)
		return NULL;
	size_t len;
	const char *s = trimmed(name, &len);
	size_t n = char_count(s, len);
	size_t head = 1;
	if (n > 2)
		for (size_t i = 0; i < sizeof(compound) / sizeof(compound[0]); i++)
			if (len >= strlen(compound[i]) &&
			    memcmp(s, compound[i], strlen(compound[i])) == 0) {
				head = 2;
				break;
			}
	if (n <= head)
		return arena_strndup(a, s, len);
	return keep_ends(a, s, len, head, 0);
}

char *mask_idno(struct arena *a, const char *idno)
{
	if (!idno)
		return NULL;
	size_t len;
	const char *s = trimmed(idno, &len);
	if (char_count(s, len) < 6)
		return all_stars(a, s, len);
	return keep_ends(a, s, len, 2, 3);
}

char *mask_phone(struct arena *a, const char *phone)
{
	if (!phone)
		return NULL;
	size_t len;
	const char *s = trimmed(phone, &len);
	if (char_count(s, len) < 8)
		return all_stars(a, s, len);
	return keep_ends(a, s, len, 3, 4);
}
