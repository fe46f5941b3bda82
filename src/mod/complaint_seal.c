/*
 * The cryptography that protects complainants: the discipline commission's
 * key pair (its secret key sealed by a passphrase with argon2id + secretbox in
 * a file outside the database), sealed boxes of identities, receipt codes
 * (100 random bits, stored only as a hash) and the salted digests the log
 * keeps instead of words.  Everything is libsodium; nothing here is
 * hand-written crypto.  It must not touch the database or HTTP, and never
 * writes a secret or a plaintext anywhere but the caller's arena.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complaint.h"
#include "core/app.h"

#define KEY_MAGIC  "qinglian-jiwei-key 1"
#define SALT_BYTES 16

void complaint_key_dir(const struct app *app, char out[512])
{
	const char *env = getenv("QL_JIWEI_KEY_DIR");
	if (env && *env) {
		snprintf(out, 512, "%s", env);
		return;
	}
	const char *url = db_url(app->db);
	if (strncmp(url, "postgres", 8) == 0) {
		snprintf(out, 512, "data");
		return;
	}
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%s", url);
	snprintf(out, 512, "%s", dirname(tmp));
}

void complaint_key_fingerprint(const unsigned char pk[COMPLAINT_PK_BYTES], char out[17])
{
	unsigned char h[8];
	crypto_generichash(h, sizeof(h), pk, COMPLAINT_PK_BYTES, NULL, 0);
	sodium_bin2hex(out, 17, h, sizeof(h));
}

static void key_path(const char *dir, const unsigned char pk[COMPLAINT_PK_BYTES], char out[1024])
{
	char fp[17];
	complaint_key_fingerprint(pk, fp);
	snprintf(out, 1024, "%s/jiwei-%s.key", dir, fp);
}

static bool hex_field(const char *text, const char *name, unsigned char *out, size_t len)
{
	char pat[32];
	snprintf(pat, sizeof(pat), "\n%s ", name);
	const char *p = strstr(text, pat);
	if (!p)
		return false;
	p += strlen(pat);
	size_t got = 0;
	return sodium_hex2bin(out, len, p, strcspn(p, "\n"), NULL, &got, NULL) == 0 && got == len;
}

static bool num_field(const char *text, const char *name, unsigned long long *out)
{
	char pat[32];
	snprintf(pat, sizeof(pat), "\n%s ", name);
	const char *p = strstr(text, pat);
	if (!p)
		return false;
	*out = strtoull(p + strlen(pat), NULL, 10);
	return *out > 0;
}

enum err complaint_key_create(struct app *app, const char *dir, const char *passphrase,
			      unsigned char pk[COMPLAINT_PK_BYTES], char path[1024],
			      struct errinfo *ei)
{
	if (!passphrase || strlen(passphrase) < 12)
		return err_set(ei, E_INPUT, "complaint.passphrase", "passphrase",
			       "口令至少 12 个字符");
	unsigned char seed[crypto_box_SEEDBYTES], sk[crypto_box_SECRETKEYBYTES];
	unsigned char salt[crypto_pwhash_SALTBYTES], nonce[crypto_secretbox_NONCEBYTES];
	unsigned char kek[crypto_secretbox_KEYBYTES];
	unsigned char box[crypto_box_SECRETKEYBYTES + crypto_secretbox_MACBYTES];
	app_random(app, seed, sizeof(seed));
	app_random(app, salt, sizeof(salt));
	app_random(app, nonce, sizeof(nonce));
	crypto_box_seed_keypair(pk, sk, seed);
	sodium_memzero(seed, sizeof(seed));
	unsigned long long ops = app->pwhash_ops;
	size_t mem = app->pwhash_mem;
	if (crypto_pwhash(kek, sizeof(kek), passphrase, strlen(passphrase), salt, ops, mem,
			  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		sodium_memzero(sk, sizeof(sk));
		return err_set(ei, E_INTERNAL, "complaint.kdf", NULL,
			       "口令派生密钥失败（内存不足）");
	}
	crypto_secretbox_easy(box, sk, sizeof(sk), nonce, kek);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(kek, sizeof(kek));

	char hpk[2 * COMPLAINT_PK_BYTES + 1], hsalt[2 * sizeof(salt) + 1];
	char hnonce[2 * sizeof(nonce) + 1], hbox[2 * sizeof(box) + 1];
	sodium_bin2hex(hpk, sizeof(hpk), pk, COMPLAINT_PK_BYTES);
	sodium_bin2hex(hsalt, sizeof(hsalt), salt, sizeof(salt));
	sodium_bin2hex(hnonce, sizeof(hnonce), nonce, sizeof(nonce));
	sodium_bin2hex(hbox, sizeof(hbox), box, sizeof(box));
	char text[1024];
	int n = snprintf(text, sizeof(text),
			 KEY_MAGIC "\npublic %s\nsalt %s\nopslimit %llu\nmemlimit %zu\nnonce "
				   "%s\nsecret %s\n",
			 hpk, hsalt, ops, mem, hnonce, hbox);

	mkdir(dir, 0700);
	key_path(dir, pk, path);
	char tmp[1100];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return err_set(ei, E_IO, "complaint.key_write", NULL, "无法写入密钥文件 %s：%s",
			       tmp, strerror(errno));
	bool ok = write(fd, text, (size_t)n) == n && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return err_set(ei, E_IO, "complaint.key_write", NULL, "无法写入密钥文件 %s", path);
	}
	return E_OK;
}

enum err complaint_key_open(const struct app *app, const char *dir,
			    const unsigned char pk[COMPLAINT_PK_BYTES], const char *passphrase,
			    unsigned char sk[COMPLAINT_PK_BYTES], struct errinfo *ei)
{
	(void)app;
	char path[1024], text[1100];
	key_path(dir, pk, path);
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set(ei, E_NOTFOUND, "complaint.key_missing", NULL,
			       "找不到纪委密钥文件（%s），请从备份恢复", path);
	size_t n = fread(text + 1, 1, sizeof(text) - 2, f);
	fclose(f);
	text[0] = '\n';
	text[n + 1] = '\0';
	unsigned char fpk[COMPLAINT_PK_BYTES], salt[crypto_pwhash_SALTBYTES];
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	unsigned char box[crypto_box_SECRETKEYBYTES + crypto_secretbox_MACBYTES];
	unsigned long long ops, mem;
	if (strncmp(text + 1, KEY_MAGIC, strlen(KEY_MAGIC)) != 0 ||
	    !hex_field(text, "public", fpk, sizeof(fpk)) ||
	    !hex_field(text, "salt", salt, sizeof(salt)) ||
	    !hex_field(text, "nonce", nonce, sizeof(nonce)) ||
	    !hex_field(text, "secret", box, sizeof(box)) || !num_field(text, "opslimit", &ops) ||
	    !num_field(text, "memlimit", &mem) || memcmp(fpk, pk, sizeof(fpk)) != 0)
		return err_set(ei, E_INTERNAL, "complaint.key_file", NULL, "纪委密钥文件已损坏：%s",
			       path);
	unsigned char kek[crypto_secretbox_KEYBYTES];
	if (!passphrase || crypto_pwhash(kek, sizeof(kek), passphrase, strlen(passphrase), salt,
					 ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(ei, E_FORBIDDEN, "complaint.passphrase", "passphrase", "口令错误");
	int bad = crypto_secretbox_open_easy(sk, box, sizeof(box), nonce, kek);
	sodium_memzero(kek, sizeof(kek));
	if (bad)
		return err_set(ei, E_FORBIDDEN, "complaint.passphrase", "passphrase", "口令错误");
	return E_OK;
}

char *complaint_seal(struct arena *a, const unsigned char pk[COMPLAINT_PK_BYTES], const char *text)
{
	size_t len = strlen(text);
	unsigned char *c = arena_alloc(a, len + crypto_box_SEALBYTES);
	crypto_box_seal(c, (const unsigned char *)text, len, pk);
	size_t blen =
	    sodium_base64_encoded_len(len + crypto_box_SEALBYTES, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = arena_alloc(a, blen);
	sodium_bin2base64(b64, blen, c, len + crypto_box_SEALBYTES, sodium_base64_VARIANT_ORIGINAL);
	return b64;
}

char *complaint_unseal(struct arena *a, const unsigned char pk[COMPLAINT_PK_BYTES],
		       const unsigned char sk[COMPLAINT_PK_BYTES], const char *b64)
{
	size_t blen = b64 ? strlen(b64) : 0, clen = 0;
	unsigned char *c = arena_alloc(a, blen + 1);
	if (!b64 ||
	    sodium_base642bin(c, blen + 1, b64, blen, NULL, &clen, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    clen < crypto_box_SEALBYTES)
		return NULL;
	char *m = arena_alloc(a, clen - crypto_box_SEALBYTES + 1);
	if (crypto_box_seal_open((unsigned char *)m, c, clen, pk, sk) != 0)
		return NULL;
	return m;
}

/* Crockford's base32: no I, L, O, U. */
static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void receipt_hash_norm(const char norm[21], char hash[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)"qinglian-receipt:", 17);
	crypto_hash_sha256_update(&st, (const unsigned char *)norm, 20);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hash, 65, h, sizeof(h));
}

void complaint_receipt_new(struct app *app, char code[COMPLAINT_RECEIPT_LEN + 1], char hash[65])
{
	unsigned char rnd[20];
	char norm[21];
	app_random(app, rnd, sizeof(rnd));
	size_t o = 0;
	for (int i = 0; i < 20; i++) {
		norm[i] = b32[rnd[i] & 31]; /* 5 random bits each: 100 bits */
		if (i && i % 5 == 0)
			code[o++] = '-';
		code[o++] = norm[i];
	}
	norm[20] = '\0';
	code[o] = '\0';
	sodium_memzero(rnd, sizeof(rnd));
	receipt_hash_norm(norm, hash);
}

bool complaint_receipt_hash(const char *code, char hash[65])
{
	char norm[21];
	size_t n = 0;
	for (const char *p = code; p && *p; p++) {
		char ch = *p;
		if (ch == '-' || ch == ' ')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (!strchr(b32, ch) || n == 20)
			return false;
		norm[n++] = ch;
	}
	if (n != 20)
		return false;
	norm[20] = '\0';
	receipt_hash_norm(norm, hash);
	return true;
}

void complaint_salt_new(struct app *app, char salt[33])
{
	unsigned char s[SALT_BYTES];
	app_random(app, s, sizeof(s));
	sodium_bin2hex(salt, 33, s, sizeof(s));
}

void complaint_digest(const char *salt, const char *text, char out[65])
{
	unsigned char key[SALT_BYTES] = {0}, h[32];
	size_t got = 0;
	sodium_hex2bin(key, sizeof(key), salt, strlen(salt), NULL, &got, NULL);
	crypto_generichash(h, sizeof(h), (const unsigned char *)(text ? text : ""),
			   text ? strlen(text) : 0, key, sizeof(key));
	sodium_bin2hex(out, 65, h, sizeof(h));
}
