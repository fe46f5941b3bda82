/*
 * Unit tests of checkpoint.c: the note key formats against the reference vector
 * of Go's golang.org/x/mod/sumdb/note, signing and verifying checkpoints, every
 * kind of tampering, strict parsing, and the key file's permissions.  Works in a
 * private temporary directory; must not touch a database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/checkpoint.h"

/* golang.org/x/mod/sumdb/note's test key and note (note_test.go). */
#define GO_SKEY "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
#define GO_VKEY "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
#define GO_TEXT                                                                                    \
	"If you think cryptography is the answer to your problem,\n"                               \
	"then you don't know what your problem is.\n"
#define GO_SIG                                                                                     \
	"x08go/ZJkuBS9UG/"                                                                         \
	"SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="

#define KEYNAME "qinglian.test"

struct fixture {
	char dir[64];	   /* private temporary directory */
	char path[128];	   /* key file inside it */
	struct arena a;	   /* for signed notes */
	struct errinfo ei; /* last error */
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/ql_checkpoint_XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/trail.key", fx->dir);
	arena_init(&fx->a);
	umask(022);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	unlink(fx->path);
	rmdir(fx->dir);
	arena_release(&fx->a);
	free(fx);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static char *read_file(const char *path)
{
	static char text[2048];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* A fresh key in the fixture's file. */
static void new_key(struct fixture *fx, struct checkpoint_key *k)
{
	assert_int_equal(checkpoint_key_load_or_create(fx->path, KEYNAME, k, &fx->ei), E_OK);
}

static struct checkpoint sample(void)
{
	struct checkpoint cp = {"qinglian/城关镇", 1234567, {0}};

	for (int i = 0; i < 32; i++)
		cp.root[i] = (uint8_t)(i * 7 + 1);
	return cp;
}

/* Copy of note with the first occurrence of from replaced by to (arena). */
static char *replace(struct arena *a, const char *note, const char *from, const char *to)
{
	const char *at = strstr(note, from);

	assert_non_null(at);
	return arena_printf(a, "%.*s%s%s", (int)(at - note), note, to, at + strlen(from));
}

static void expect_refused(struct fixture *fx, const char *note, const uint8_t pub[32],
			   const char *name, const char *key)
{
	struct checkpoint out;

	err_clear(&fx->ei);
	assert_int_equal(checkpoint_verify(note, pub, name, &out, &fx->ei), E_INPUT);
	assert_string_equal(fx->ei.key, key);
	assert_true(strlen(fx->ei.msg) > 0);
}

static void test_checkpoint__go_vectors(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint_key k;
	struct checkpoint_verifier v;
	struct buf b = BUF_INIT;
	uint8_t blob[68];
	char b64[sodium_base64_ENCODED_LEN(68, sodium_base64_VARIANT_ORIGINAL)];

	write_file(fx->path, GO_SKEY "\n", 0600);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "PeterNeumann", &k, &fx->ei),
			 E_OK);
	assert_string_equal(k.name, "PeterNeumann");
	assert_int_equal(k.hash, 0xc74f20a3);
	checkpoint_vkey(&k, &b);
	assert_string_equal(b.ptr, GO_VKEY);

	/* Ed25519 is deterministic: our key material signs as Go's does */
	blob[0] = 0xc7, blob[1] = 0x4f, blob[2] = 0x20, blob[3] = 0xa3;
	assert_int_equal(crypto_sign_detached(blob + 4, NULL, (const unsigned char *)GO_TEXT,
					      strlen(GO_TEXT), k.sec),
			 0);
	sodium_bin2base64(b64, sizeof(b64), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
	assert_string_equal(b64, GO_SIG);

	assert_int_equal(checkpoint_vkey_parse(GO_VKEY, &v, &fx->ei), E_OK);
	assert_string_equal(v.name, "PeterNeumann");
	assert_int_equal(v.hash, 0xc74f20a3);
	assert_memory_equal(v.pub, k.pub, 32);

	/* manglings of the verifier key are refused */
	const char *bad[] = {
	    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    "PeterNeumanm+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX",
	    "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    "PeterNeumann+c74f20a3+AhpcQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    "PeterNeumann+c74f20a3",
	    "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	    "",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&fx->ei);
		assert_int_equal(checkpoint_vkey_parse(bad[i], &v, &fx->ei), E_INPUT);
		assert_string_equal(fx->ei.key, "checkpoint.vkey");
	}
	checkpoint_key_wipe(&k);
	buf_release(&b);
}

static void test_checkpoint__key_created_0600(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint_key k1, k2;
	struct stat st;
	struct buf b = BUF_INIT;
	char before[2048];

	new_key(fx, &k1);
	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	snprintf(before, sizeof(before), "%s", read_file(fx->path));
	assert_memory_equal(before, "PRIVATE+KEY+" KEYNAME "+", strlen("PRIVATE+KEY+" KEYNAME "+"));
	assert_int_equal(before[strlen(before) - 1], '\n');

	/* loading again gives the same key and leaves the file alone */
	new_key(fx, &k2);
	assert_memory_equal(k1.pub, k2.pub, 32);
	assert_memory_equal(k1.sec, k2.sec, 64);
	assert_int_equal(k1.hash, k2.hash);
	assert_string_equal(read_file(fx->path), before);

	/* the file names the key by the same id the verifier key does */
	checkpoint_vkey(&k1, &b);
	assert_memory_equal(before + strlen("PRIVATE+KEY+"), b.ptr, strlen(KEYNAME) + 10);

	checkpoint_key_wipe(&k1);
	checkpoint_key_wipe(&k2);
	buf_release(&b);
}

static void test_checkpoint__key_file_refused(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint_key k;

	new_key(fx, &k);
	assert_int_equal(chmod(fx->path, 0640), 0);
	err_clear(&fx->ei);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, KEYNAME, &k, &fx->ei), E_IO);
	assert_string_equal(fx->ei.key, "checkpoint.key_mode");
	assert_non_null(strstr(fx->ei.msg, "0640"));
	assert_non_null(strstr(fx->ei.msg, "chmod 600"));
	assert_int_equal(chmod(fx->path, 0604), 0);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, KEYNAME, &k, &fx->ei), E_IO);
	assert_int_equal(chmod(fx->path, 0600), 0);

	/* another name than the configured one */
	err_clear(&fx->ei);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "other.name", &k, &fx->ei),
			 E_INPUT);
	assert_string_equal(fx->ei.key, "checkpoint.key_name");

	/* damaged files */
	write_file(fx->path,
		   "PRIVATE+KEY+" KEYNAME
		   "+00000000+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n",
		   0600);
	err_clear(&fx->ei);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, KEYNAME, &k, &fx->ei), E_INPUT);
	assert_non_null(strstr(fx->ei.msg, "已损坏"));
	write_file(fx->path, "hello\n", 0600);
	err_clear(&fx->ei);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, KEYNAME, &k, &fx->ei), E_INPUT);
	assert_string_equal(fx->ei.key, "checkpoint.key_file");
	write_file(fx->path, GO_SKEY "\nsecond line\n", 0600);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "PeterNeumann", &k, &fx->ei),
			 E_INPUT);

	/* names a note cannot carry */
	unlink(fx->path);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "a+b", &k, &fx->ei), E_INPUT);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "a b", &k, &fx->ei), E_INPUT);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "", &k, &fx->ei), E_INPUT);
	assert_int_equal(checkpoint_key_load_or_create(fx->path, "村\xe3\x80\x80委", &k, &fx->ei),
			 E_INPUT);
	assert_int_equal(access(fx->path, F_OK), -1); /* nothing created for a bad name */
}

static void test_checkpoint__round_trip(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint_key k;
	struct checkpoint cp = sample(), out;
	char *note, *body, *want_prefix;

	new_key(fx, &k);
	note = checkpoint_sign(&fx->a, &cp, &k);
	assert_non_null(note);

	/* body, blank line, "— <name> <base64 of 4 + 64 bytes>\n" */
	body = arena_printf(&fx->a, "qinglian/城关镇\n1234567\n%s\n",
			    "AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=");
	assert_int_equal(checkpoint_parse(body, &out, &fx->ei), E_OK);
	assert_memory_equal(out.root, cp.root, 32);
	want_prefix = arena_printf(&fx->a, "%s\n\xe2\x80\x94 " KEYNAME " ", body);
	assert_memory_equal(note, want_prefix, strlen(want_prefix));
	assert_int_equal(strlen(note), strlen(want_prefix) + 92 + 1);
	assert_int_equal(note[strlen(note) - 1], '\n');

	memset(&out, 0, sizeof(out));
	assert_int_equal(checkpoint_verify(note, k.pub, KEYNAME, &out, &fx->ei), E_OK);
	assert_string_equal(out.origin, cp.origin);
	assert_int_equal(out.size, cp.size);
	assert_memory_equal(out.root, cp.root, 32);

	/* the empty tree and the largest size sign and verify too */
	cp.size = 0;
	assert_int_equal(
	    checkpoint_verify(checkpoint_sign(&fx->a, &cp, &k), k.pub, KEYNAME, &out, &fx->ei),
	    E_OK);
	assert_int_equal(out.size, 0);
	cp.size = UINT64_MAX;
	assert_int_equal(
	    checkpoint_verify(checkpoint_sign(&fx->a, &cp, &k), k.pub, KEYNAME, &out, &fx->ei),
	    E_OK);
	assert_int_equal(out.size, UINT64_MAX);

	/* an origin a note cannot carry is not signed */
	snprintf(cp.origin, sizeof(cp.origin), "two\nlines");
	assert_null(checkpoint_sign(&fx->a, &cp, &k));
	cp.origin[0] = '\0';
	assert_null(checkpoint_sign(&fx->a, &cp, &k));
	checkpoint_key_wipe(&k);
}

static void test_checkpoint__tampered(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint_key k;
	struct checkpoint cp = sample();
	char *note, *sig, *t;
	size_t at;

	new_key(fx, &k);
	note = checkpoint_sign(&fx->a, &cp, &k);
	assert_non_null(note);

	expect_refused(fx, replace(&fx->a, note, "\n1234567\n", "\n1234568\n"), k.pub, KEYNAME,
		       "checkpoint.bad_signature");
	expect_refused(fx, replace(&fx->a, note, "\n1234567\n", "\n1234566\n"), k.pub, KEYNAME,
		       "checkpoint.bad_signature");
	expect_refused(fx, replace(&fx->a, note, "AQgPFh0k", "AQgPFh0l"), k.pub, KEYNAME,
		       "checkpoint.bad_signature");
	expect_refused(fx, replace(&fx->a, note, "城关镇", "城东镇"), k.pub, KEYNAME,
		       "checkpoint.bad_signature");
	assert_string_equal(fx->ei.msg, "检查点签名无效：密钥 " KEYNAME
					" 的签名与检查点内容不符，检查点可能被篡改");

	/* one base64 character of the signature itself (past the key id) */
	sig = strstr(note, "\xe2\x80\x94 " KEYNAME " ") + strlen("\xe2\x80\x94 " KEYNAME " ");
	at = (size_t)(sig - note) + 30;
	t = arena_strdup(&fx->a, note);
	t[at] = t[at] == 'A' ? 'B' : 'A';
	expect_refused(fx, t, k.pub, KEYNAME, "checkpoint.bad_signature");
	/* the key id part of the blob: no longer this key's signature */
	t = arena_strdup(&fx->a, note);
	t[at - 30] = t[at - 30] == 'A' ? 'B' : 'A';
	expect_refused(fx, t, k.pub, KEYNAME, "checkpoint.unsigned");
	/* a truncated signature, and no signature at all */
	t = arena_strdup(&fx->a, note);
	strcpy(t + at, "==\n");
	expect_refused(fx, t, k.pub, KEYNAME, "checkpoint.format");
	t = arena_strndup(&fx->a, note, (size_t)(strstr(note, "\n\n") - note) + 1);
	expect_refused(fx, t, k.pub, KEYNAME, "checkpoint.format");
	assert_non_null(strstr(fx->ei.msg, "缺少签名"));
	expect_refused(fx, arena_printf(&fx->a, "%.*s", (int)strlen(note) - 1, note), k.pub,
		       KEYNAME, "checkpoint.format");
	/* an unsigned extra line in the body */
	expect_refused(fx, replace(&fx->a, note, "=\n\n", "=\nextra\n\n"), k.pub, KEYNAME,
		       "checkpoint.format");
	checkpoint_key_wipe(&k);
}

static void test_checkpoint__wrong_key(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint_key k, other, same_name;
	struct checkpoint cp = sample(), out;
	char other_path[160];
	char *note, *cosigned, *only_other;

	new_key(fx, &k);
	snprintf(other_path, sizeof(other_path), "%s/other.key", fx->dir);
	assert_int_equal(
	    checkpoint_key_load_or_create(other_path, "county.witness", &other, &fx->ei), E_OK);
	unlink(other_path);
	assert_int_equal(checkpoint_key_load_or_create(other_path, KEYNAME, &same_name, &fx->ei),
			 E_OK);
	unlink(other_path);

	note = checkpoint_sign(&fx->a, &cp, &k);
	/* another key, another name */
	expect_refused(fx, note, other.pub, "county.witness", "checkpoint.unsigned");
	/* another key under our name */
	expect_refused(fx, note, same_name.pub, KEYNAME, "checkpoint.unsigned");
	/* our key under another name */
	expect_refused(fx, note, k.pub, "county.witness", "checkpoint.unsigned");

	/* a witness's cosignature beside ours does not disturb verification */
	only_other = checkpoint_sign(&fx->a, &cp, &other);
	cosigned = arena_printf(&fx->a, "%s%s", note, strstr(only_other, "\n\n") + 2);
	assert_int_equal(checkpoint_verify(cosigned, k.pub, KEYNAME, &out, &fx->ei), E_OK);
	assert_int_equal(checkpoint_verify(cosigned, other.pub, "county.witness", &out, &fx->ei),
			 E_OK);
	/* but the witness alone does not vouch for our key */
	expect_refused(fx, only_other, k.pub, KEYNAME, "checkpoint.unsigned");
	/* a note signed by the same-named impostor is not ours */
	expect_refused(fx, checkpoint_sign(&fx->a, &cp, &same_name), k.pub, KEYNAME,
		       "checkpoint.unsigned");
	checkpoint_key_wipe(&k);
	checkpoint_key_wipe(&other);
	checkpoint_key_wipe(&same_name);
}

static void test_checkpoint__parse_strict(void **state)
{
	struct fixture *fx = *state;
	struct checkpoint out;
	const char *root = "AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=";
	static const struct {
		const char *fmt; /* body, %s = a valid root */
		int line;	 /* line the message must name, 0 = other */
	} bad[] = {
	    {"o\n007\n%s\n", 2},
	    {"o\n00\n%s\n", 2},
	    {"o\n\n%s\n", 2},
	    {"o\n-1\n%s\n", 2},
	    {"o\n+1\n%s\n", 2},
	    {"o\n 1\n%s\n", 2},
	    {"o\n1 \n%s\n", 2},
	    {"o\n18446744073709551616\n%s\n", 2},
	    {"o\n99999999999999999999\n%s\n", 2},
	    {"o\n0x10\n%s\n", 2},
	    {"\n1\n%s\n", 1},
	    {"o\t\n1\n%s\n", 1},
	    {"o\r\n1\n%s\n", 1},
	    {"o\n1\n%s", 3},
	    {"o\n1\n%s\nextra\n", 3},
	    {"o\n1\n%s\n\n", 3},
	    {"o\n1\nAQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o\n", 3},
	    {"o\n1\nAQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09p=\n", 3},
	    {"o\n1\nAQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM0w==\n", 3},
	    {"o\n1\nAQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=AAAA\n", 3},
	    {"o\n1\nAQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM0-o=\n", 3},
	    {"o\n1\n", 3},
	    {"o\n1", 2},
	    {"o", 1},
	    {"", 1},
	};
	char msg[64];

	(void)state;
	assert_int_equal(checkpoint_parse(arena_printf(&fx->a, "o\n0\n%s\n", root), &out, &fx->ei),
			 E_OK);
	assert_int_equal(out.size, 0);
	assert_int_equal(
	    checkpoint_parse(arena_printf(&fx->a, "o\n18446744073709551615\n%s\n", root), &out,
			     &fx->ei),
	    E_OK);
	assert_int_equal(out.size, UINT64_MAX);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *text = arena_printf(&fx->a, bad[i].fmt, root);

		err_clear(&fx->ei);
		if (checkpoint_parse(text, &out, &fx->ei) != E_INPUT)
			fail_msg("accepted: %s", text);
		assert_string_equal(fx->ei.key, "checkpoint.format");
		snprintf(msg, sizeof(msg), "检查点格式错误：第%d行", bad[i].line);
		if (strncmp(fx->ei.msg, msg, strlen(msg)) != 0)
			fail_msg("%s: message %s", text, fx->ei.msg);
	}
	err_clear(&fx->ei);
	checkpoint_parse(arena_printf(&fx->a, "o\n01\n%s\n", root), &out, &fx->ei);
	assert_string_equal(fx->ei.msg, "检查点格式错误：第2行应为树的大小");

	/* origins: up to 127 bytes of printable UTF-8 */
	char origin[200];
	memset(origin, 'x', 127);
	origin[127] = '\0';
	assert_int_equal(
	    checkpoint_parse(arena_printf(&fx->a, "%s\n1\n%s\n", origin, root), &out, &fx->ei),
	    E_OK);
	assert_string_equal(out.origin, origin);
	assert_int_equal(
	    checkpoint_parse(arena_printf(&fx->a, "x%s\n1\n%s\n", origin, root), &out, &fx->ei),
	    E_INPUT);
	assert_int_equal(
	    checkpoint_parse(arena_printf(&fx->a, "\xe5\x9f\n1\n%s\n", root), &out, &fx->ei),
	    E_INPUT);
	assert_int_equal(
	    checkpoint_parse(arena_printf(&fx->a, "\xc0\xaf\n1\n%s\n", root), &out, &fx->ei),
	    E_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_checkpoint__go_vectors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint__key_created_0600, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint__key_file_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint__round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint__tampered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint__wrong_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint__parse_strict, setup, teardown),
	};

	return cmocka_run_group_tests_name("checkpoint", tests, NULL, NULL);
}
