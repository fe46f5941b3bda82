/*
 * Checkpoint bodies, signed notes and note keys (C2SP tlog-checkpoint and
 * signed-note, Ed25519 only) on top of libsodium.  Parsing is strict, because a
 * checkpoint that two readers could read differently proves nothing.  This file
 * must not touch the database; its only file is the private key, which it never
 * prints and wipes from its own buffers after use.
 */
#include "checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#define ALG_ED25519   0x01
#define SIG_PREFIX    "\xe2\x80\x94 " /* U+2014 EM DASH, then a space */
#define PRIV_PREFIX   "PRIVATE+KEY+"
#define KEYFILE_MAX   1024
#define SIG_LINES_MAX 100 /* as Go's golang.org/x/mod/sumdb/note */
#define BODY_MAX      512 /* origin < 128, size ≤ 20 digits, root 44 chars */

static bool crypto_ready(void)
{
	return sodium_init() >= 0;
}

/* Well-formed UTF-8 with no control characters, 1..CHECKPOINT_NAME_MAX-1 bytes. */
static bool text_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	if (len == 0 || len >= CHECKPOINT_NAME_MAX)
		return false;
	while (p < end) {
		unsigned c = *p, need, cp, min;

		if (c < 0x20 || c == 0x7f)
			return false;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1, cp = c & 0x1f, min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= need)
			return false;
		for (unsigned i = 1; i <= need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		/* C1 controls and the Unicode spaces a reader cannot see */
		if (cp < 0xa0 || cp == 0x2028 || cp == 0x2029)
			return false;
		p += need + 1;
	}
	return true;
}

/* Unicode space characters other than U+0020 (s is valid UTF-8): U+00A0, U+1680,
 * U+2000..U+200A, U+202F, U+205F, U+3000. */
static bool has_unicode_space(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == 0xc2 && s[i + 1] == 0xa0)
			return true;
		if (i + 2 >= len)
			continue;
		if ((s[i] == 0xe1 && s[i + 1] == 0x9a && s[i + 2] == 0x80) ||
		    (s[i] == 0xe2 && s[i + 1] == 0x80 && (s[i + 2] <= 0x8a || s[i + 2] == 0xaf)) ||
		    (s[i] == 0xe2 && s[i + 1] == 0x81 && s[i + 2] == 0x9f) ||
		    (s[i] == 0xe3 && s[i + 1] == 0x80 && s[i + 2] == 0x80))
			return true;
	}
	return false;
}

/* A key name is printable text without '+' and without any space. */
static bool keyname_ok(const char *s, size_t len)
{
	if (!text_ok(s, len) || memchr(s, '+', len) || memchr(s, ' ', len))
		return false;
	return !has_unicode_space(s, len);
}

static uint32_t key_hash(const char *name, const uint8_t pub[32])
{
	crypto_hash_sha256_state st;
	const uint8_t tail[2] = {'\n', ALG_ED25519};
	uint8_t h[32];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
	crypto_hash_sha256_update(&st, tail, 2);
	crypto_hash_sha256_update(&st, pub, 32);
	crypto_hash_sha256_final(&st, h);
	return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

/* Strict base64 (standard alphabet, padded, canonical) of exactly want bytes. */
static bool b64_decode_exact(const char *s, size_t len, uint8_t *out, size_t want)
{
	char back[128];
	size_t got = 0;
	const char *end = NULL;

	if (want > 64 || len != sodium_base64_ENCODED_LEN(want, sodium_base64_VARIANT_ORIGINAL) - 1)
		return false;
	if (sodium_base642bin(out, want, s, len, NULL, &got, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != want || end != s + len)
		return false;
	sodium_bin2base64(back, sizeof(back), out, want, sodium_base64_VARIANT_ORIGINAL);
	return memcmp(back, s, len) == 0;
}

/* Parses "<hex8>+<base64(0x01 || 32 bytes)>" from s (len bytes, no NUL needed). */
static bool hash_and_key(const char *s, size_t len, uint32_t *hash, uint8_t key[32])
{
	uint8_t raw[33];
	uint32_t h = 0;

	if (len < 10 || s[8] != '+')
		return false;
	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned v;

		if (c >= '0' && c <= '9')
			v = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = (unsigned)(c - 'a' + 10);
		else
			return false;
		h = h << 4 | v;
	}
	if (!b64_decode_exact(s + 9, len - 9, raw, 33) || raw[0] != ALG_ED25519) {
		sodium_memzero(raw, sizeof(raw));
		return false;
	}
	memcpy(key, raw + 1, 32);
	sodium_memzero(raw, sizeof(raw));
	*hash = h;
	return true;
}

/* "<name>+<rest>": the length of name, or 0 when there is no valid name. */
static size_t name_len(const char *s, size_t len)
{
	const char *plus = memchr(s, '+', len);

	if (!plus || !keyname_ok(s, (size_t)(plus - s)))
		return 0;
	return (size_t)(plus - s);
}

static enum err key_parse(const char *text, size_t len, const char *path, const char *keyname,
			  struct checkpoint_key *out, struct errinfo *ei)
{
	uint8_t seed[32];
	size_t nl;

	if (len > 0 && text[len - 1] == '\n')
		len--;
	if (len < sizeof(PRIV_PREFIX) - 1 || memcmp(text, PRIV_PREFIX, sizeof(PRIV_PREFIX) - 1))
		goto bad;
	text += sizeof(PRIV_PREFIX) - 1;
	len -= sizeof(PRIV_PREFIX) - 1;
	if ((nl = name_len(text, len)) == 0)
		goto bad;
	memset(out, 0, sizeof(*out));
	memcpy(out->name, text, nl);
	if (!hash_and_key(text + nl + 1, len - nl - 1, &out->hash, seed))
		goto bad;
	crypto_sign_seed_keypair(out->pub, out->sec, seed);
	sodium_memzero(seed, sizeof(seed));
	if (key_hash(out->name, out->pub) != out->hash) {
		checkpoint_key_wipe(out);
		return err_set(ei, E_INPUT, "checkpoint.key_file", NULL,
			       "检查点密钥文件 %s 已损坏：密钥编号与密钥不符", path);
	}
	if (strcmp(out->name, keyname) != 0) {
		err_set(ei, E_INPUT, "checkpoint.key_name", NULL,
			"检查点密钥文件 %s 中的密钥名为“%s”，而配置要求“%s”", path, out->name,
			keyname);
		checkpoint_key_wipe(out);
		return E_INPUT;
	}
	return E_OK;
bad:
	sodium_memzero(seed, sizeof(seed));
	checkpoint_key_wipe(out);
	return err_set(ei, E_INPUT, "checkpoint.key_file", NULL,
		       "检查点密钥文件 %s 格式错误：应为一行 PRIVATE+KEY+<名称>+<编号>+<密钥>",
		       path);
}

static enum err key_load(int fd, const char *path, const char *keyname, struct checkpoint_key *out,
			 struct errinfo *ei)
{
	char text[KEYFILE_MAX + 1];
	struct stat st;
	size_t len = 0;
	ssize_t got;
	enum err err;

	if (fstat(fd, &st) != 0)
		return err_set(ei, E_IO, "checkpoint.key_file", NULL,
			       "无法读取检查点密钥文件 %s：%s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return err_set(ei, E_IO, "checkpoint.key_file", NULL,
			       "检查点密钥文件 %s 不是普通文件", path);
	if (st.st_mode & 077)
		return err_set(ei, E_IO, "checkpoint.key_mode", NULL,
			       "检查点密钥文件 %s 的权限为 %04o，同组或其他用户可以访问；"
			       "请执行 chmod 600 %s 后重试",
			       path, (unsigned)(st.st_mode & 07777), path);
	while (len < sizeof(text) && (got = read(fd, text + len, sizeof(text) - len)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			sodium_memzero(text, sizeof(text));
			return err_set(ei, E_IO, "checkpoint.key_file", NULL,
				       "无法读取检查点密钥文件 %s：%s", path, strerror(errno));
		}
		len += (size_t)got;
	}
	if (len > KEYFILE_MAX) {
		sodium_memzero(text, sizeof(text));
		return err_set(ei, E_INPUT, "checkpoint.key_file", NULL,
			       "检查点密钥文件 %s 格式错误：文件过大", path);
	}
	err = key_parse(text, len, path, keyname, out, ei);
	sodium_memzero(text, sizeof(text));
	return err;
}

static bool write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t put = write(fd, p, len);

		if (put < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += put;
		len -= (size_t)put;
	}
	return true;
}

/* Creates the key file; E_CONFLICT when it appeared meanwhile. */
static enum err key_create(const char *path, const char *keyname, struct checkpoint_key *out,
			   struct errinfo *ei)
{
	uint8_t seed[32], raw[33];
	char b64[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)];
	char text[KEYFILE_MAX];
	int fd, n, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return E_CONFLICT;
		return err_set(ei, E_IO, "checkpoint.key_file", NULL,
			       "无法创建检查点密钥文件 %s：%s", path, strerror(errno));
	}
	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "%s", keyname);
	randombytes_buf(seed, sizeof(seed));
	crypto_sign_seed_keypair(out->pub, out->sec, seed);
	out->hash = key_hash(out->name, out->pub);
	raw[0] = ALG_ED25519;
	memcpy(raw + 1, seed, 32);
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw), sodium_base64_VARIANT_ORIGINAL);
	n = snprintf(text, sizeof(text), PRIV_PREFIX "%s+%08x+%s\n", out->name, (unsigned)out->hash,
		     b64);
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(b64, sizeof(b64));
	if (n < 0 || (size_t)n >= sizeof(text) || !write_all(fd, text, (size_t)n) ||
	    fsync(fd) != 0) {
		saved = errno;
		sodium_memzero(text, sizeof(text));
		close(fd);
		unlink(path);
		checkpoint_key_wipe(out);
		return err_set(ei, E_IO, "checkpoint.key_file", NULL,
			       "无法写入检查点密钥文件 %s：%s", path, strerror(saved));
	}
	sodium_memzero(text, sizeof(text));
	if (close(fd) != 0) {
		saved = errno;
		unlink(path);
		checkpoint_key_wipe(out);
		return err_set(ei, E_IO, "checkpoint.key_file", NULL,
			       "无法写入检查点密钥文件 %s：%s", path, strerror(saved));
	}
	return E_OK;
}

enum err checkpoint_key_load_or_create(const char *path, const char *keyname,
				       struct checkpoint_key *out, struct errinfo *ei)
{
	enum err err;
	int fd;

	memset(out, 0, sizeof(*out));
	if (!crypto_ready())
		return err_set(ei, E_INTERNAL, "checkpoint.crypto", NULL, "无法初始化 libsodium");
	if (!keyname || !keyname_ok(keyname, strlen(keyname)))
		return err_set(ei, E_INPUT, "checkpoint.key_name", NULL,
			       "检查点密钥名“%s”无效：不能为空，不能含“+”、空格或控制字符，"
			       "且不超过 %d 字节",
			       keyname ? keyname : "", CHECKPOINT_NAME_MAX - 1);
	/* Two tries: a concurrent first start may create the file between them. */
	for (int attempt = 0; attempt < 2; attempt++) {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd >= 0) {
			err = key_load(fd, path, keyname, out, ei);
			close(fd);
			return err;
		}
		if (errno != ENOENT)
			return err_set(ei, E_IO, "checkpoint.key_file", NULL,
				       "无法打开检查点密钥文件 %s：%s", path, strerror(errno));
		if ((err = key_create(path, keyname, out, ei)) != E_CONFLICT)
			return err;
	}
	return err_set(ei, E_IO, "checkpoint.key_file", NULL,
		       "无法打开检查点密钥文件 %s：文件反复出现又消失", path);
}

void checkpoint_key_wipe(struct checkpoint_key *k)
{
	sodium_memzero(k->sec, sizeof(k->sec));
}

void checkpoint_vkey(const struct checkpoint_key *k, struct buf *out)
{
	char b64[sodium_base64_ENCODED_LEN(33, sodium_base64_VARIANT_ORIGINAL)];
	uint8_t raw[33];

	raw[0] = ALG_ED25519;
	memcpy(raw + 1, k->pub, 32);
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw), sodium_base64_VARIANT_ORIGINAL);
	buf_addf(out, "%s+%08x+%s", k->name, (unsigned)k->hash, b64);
}

enum err checkpoint_vkey_parse(const char *text, struct checkpoint_verifier *out,
			       struct errinfo *ei)
{
	size_t len = strlen(text), nl;

	memset(out, 0, sizeof(*out));
	if (!crypto_ready())
		return err_set(ei, E_INTERNAL, "checkpoint.crypto", NULL, "无法初始化 libsodium");
	if ((nl = name_len(text, len)) == 0 ||
	    !hash_and_key(text + nl + 1, len - nl - 1, &out->hash, out->pub))
		return err_set(ei, E_INPUT, "checkpoint.vkey", NULL,
			       "检查点公钥格式错误：应为 <名称>+<编号>+<密钥>");
	memcpy(out->name, text, nl);
	if (key_hash(out->name, out->pub) != out->hash)
		return err_set(ei, E_INPUT, "checkpoint.vkey", NULL,
			       "检查点公钥错误：密钥编号 %08x 与名称和密钥不符",
			       (unsigned)out->hash);
	return E_OK;
}

char *checkpoint_sign(struct arena *a, const struct checkpoint *cp, const struct checkpoint_key *k)
{
	char root[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
	char sig[sodium_base64_ENCODED_LEN(68, sodium_base64_VARIANT_ORIGINAL)];
	uint8_t blob[68];
	char *body;

	if (!crypto_ready() || !text_ok(cp->origin, strnlen(cp->origin, sizeof(cp->origin))) ||
	    !keyname_ok(k->name, strnlen(k->name, sizeof(k->name))))
		return NULL;
	sodium_bin2base64(root, sizeof(root), cp->root, 32, sodium_base64_VARIANT_ORIGINAL);
	body = arena_printf(a, "%s\n%llu\n%s\n", cp->origin, (unsigned long long)cp->size, root);
	blob[0] = (uint8_t)(k->hash >> 24);
	blob[1] = (uint8_t)(k->hash >> 16);
	blob[2] = (uint8_t)(k->hash >> 8);
	blob[3] = (uint8_t)k->hash;
	crypto_sign_detached(blob + 4, NULL, (const unsigned char *)body, strlen(body), k->sec);
	sodium_bin2base64(sig, sizeof(sig), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
	return arena_printf(a, "%s\n" SIG_PREFIX "%s %s\n", body, k->name, sig);
}

static enum err format_error(struct errinfo *ei, const char *what)
{
	return err_set(ei, E_INPUT, "checkpoint.format", NULL, "检查点格式错误：%s", what);
}

enum err checkpoint_parse(const char *text, struct checkpoint *out, struct errinfo *ei)
{
	const char *p = text, *nl;
	uint64_t size = 0;
	struct checkpoint cp;

	memset(&cp, 0, sizeof(cp));
	if (!crypto_ready())
		return err_set(ei, E_INTERNAL, "checkpoint.crypto", NULL, "无法初始化 libsodium");

	nl = strchr(p, '\n');
	if (!nl || !text_ok(p, (size_t)(nl - p)))
		return format_error(ei, "第1行应为日志来源（origin），非空、不含控制字符、"
					"不超过 127 字节");
	memcpy(cp.origin, p, (size_t)(nl - p));
	p = nl + 1;

	nl = strchr(p, '\n');
	if (!nl || nl == p || (*p == '0' && nl - p > 1))
		return format_error(ei, "第2行应为树的大小");
	for (; p < nl; p++) {
		if (*p < '0' || *p > '9' || size > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return format_error(ei, "第2行应为树的大小");
		size = size * 10 + (uint64_t)(*p - '0');
	}
	cp.size = size;
	p = nl + 1;

	nl = strchr(p, '\n');
	if (!nl || !b64_decode_exact(p, (size_t)(nl - p), cp.root, 32))
		return format_error(ei, "第3行应为 32 字节根哈希的 base64 编码");
	if (nl[1] != '\0')
		return format_error(ei, "第3行（根哈希）之后不应再有内容");
	if (out)
		*out = cp;
	return E_OK;
}

enum err checkpoint_verify(const char *text, const uint8_t pubkey[32], const char *keyname,
			   struct checkpoint *out, struct errinfo *ei)
{
	char body[BODY_MAX];
	const char *sep = NULL, *p, *q, *sigs;
	size_t len = strlen(text), body_len, klen = strlen(keyname);
	uint32_t want = key_hash(keyname, pubkey);
	struct checkpoint cp;
	bool signed_by_key = false;
	enum err err;
	int line = 0;

	if (!crypto_ready())
		return err_set(ei, E_INTERNAL, "checkpoint.crypto", NULL, "无法初始化 libsodium");
	/* The signature block follows the last blank line (signed-note). */
	for (p = text; (q = strstr(p, "\n\n")) != NULL; p = q + 1)
		sep = q;
	if (!sep)
		return format_error(ei, "缺少签名（正文后应有一个空行和签名行）");
	body_len = (size_t)(sep - text) + 1;
	if (body_len >= sizeof(body))
		return format_error(ei, "正文过长");
	memcpy(body, text, body_len);
	body[body_len] = '\0';
	if ((err = checkpoint_parse(body, &cp, ei)) != E_OK)
		return err;

	sigs = sep + 2;
	if (*sigs == '\0' || text[len - 1] != '\n')
		return format_error(ei, "签名行应以换行结束");
	for (p = sigs; *p; p = q + 1) {
		const char *name, *sp;
		uint8_t blob[68];
		size_t blen = 0;
		const char *end = NULL;

		line++;
		q = strchr(p, '\n');
		if (line > SIG_LINES_MAX)
			return format_error(ei, "签名行过多");
		if (strncmp(p, SIG_PREFIX, sizeof(SIG_PREFIX) - 1) != 0)
			return err_set(ei, E_INPUT, "checkpoint.format", NULL,
				       "检查点格式错误：第 %d 个签名行应以“— ”开头", line);
		name = p + sizeof(SIG_PREFIX) - 1;
		sp = memchr(name, ' ', (size_t)(q - name));
		if (!sp || !keyname_ok(name, (size_t)(sp - name)) || sp + 1 == q)
			return err_set(ei, E_INPUT, "checkpoint.format", NULL,
				       "检查点格式错误：第 %d 个签名行应为“— <密钥名> <签名>”",
				       line);
		if (sodium_base642bin(blob, sizeof(blob), sp + 1, (size_t)(q - sp - 1), NULL, &blen,
				      &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
		    end != q || blen < 5)
			return err_set(ei, E_INPUT, "checkpoint.format", NULL,
				       "检查点格式错误：第 %d 个签名行的签名不是有效的 base64",
				       line);
		/* someone else's signature (a witness): not ours to judge */
		if ((size_t)(sp - name) != klen || memcmp(name, keyname, klen) != 0 ||
		    ((uint32_t)blob[0] << 24 | (uint32_t)blob[1] << 16 | (uint32_t)blob[2] << 8 |
		     blob[3]) != want)
			continue;
		/* Our key, but not an Ed25519 signature's length: malformed, whatever
		 * its base64 padding bits happened to be. */
		if (blen != sizeof(blob))
			return err_set(ei, E_INPUT, "checkpoint.format", NULL,
				       "检查点格式错误：第 %d 个签名行的签名长度不对", line);
		if (crypto_sign_verify_detached(blob + 4, (const unsigned char *)body, body_len,
						pubkey) != 0)
			return err_set(ei, E_INPUT, "checkpoint.bad_signature", NULL,
				       "检查点签名无效：密钥 %s 的签名与检查点内容不符，"
				       "检查点可能被篡改",
				       keyname);
		signed_by_key = true;
	}
	if (!signed_by_key)
		return err_set(ei, E_INPUT, "checkpoint.unsigned", NULL,
			       "检查点未经密钥 %s+%08x 签名", keyname, (unsigned)want);
	if (out)
		*out = cp;
	return E_OK;
}
