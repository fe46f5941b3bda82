/*
 * libFuzzer target for checkpoint.c: verifier key and signed-note parsing and
 * Ed25519 verification.  The input's first line is a verifier key
 * "<name>+<hash>+<base64>", the rest a signed checkpoint note; the note is
 * verified under that key, then under a fixed key of this target, and the rest
 * is also parsed as a bare checkpoint body.  Properties: the fixed key's own
 * verifier key parses back to it; a body that parses, signed with the fixed key,
 * verifies and gives the same checkpoint; nothing verifies under the fixed key
 * that the fixed key did not sign.  It must not test anything but checkpoint.c.
 */
#include "fuzz_util.h"

#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/checkpoint.h"

static struct checkpoint_key key;

static void fixed_key(void)
{
	uint8_t seed[32], h[32], msg[CHECKPOINT_NAME_MAX + 34];
	if (key.name[0])
		return;
	if (sodium_init() < 0)
		abort();
	memset(seed, 0x5a, sizeof(seed));
	snprintf(key.name, sizeof(key.name), "fuzz.qinglian");
	crypto_sign_seed_keypair(key.pub, key.sec, seed);
	/* key id: SHA-256(name "\n" 0x01 pub)[0..4], big-endian */
	size_t n = strlen(key.name);
	memcpy(msg, key.name, n);
	msg[n] = '\n';
	msg[n + 1] = 0x01;
	memcpy(msg + n + 2, key.pub, 32);
	crypto_hash_sha256(h, msg, n + 34);
	key.hash = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	char *note = fuzz_cut_line(s);
	struct checkpoint_verifier ver;
	struct checkpoint cp, cp2;
	struct errinfo ei = {0};
	struct arena a;

	fixed_key();
	arena_init(&a);

	struct buf vk = BUF_INIT;
	checkpoint_vkey(&key, &vk);
	FUZZ_CHECK(checkpoint_vkey_parse(vk.ptr, &ver, NULL) == E_OK);
	FUZZ_CHECK(ver.hash == key.hash && memcmp(ver.pub, key.pub, 32) == 0);
	buf_release(&vk);

	if (checkpoint_vkey_parse(s, &ver, &ei) == E_OK) {
		FUZZ_CHECK(strlen(ver.name) < CHECKPOINT_NAME_MAX && ver.name[0]);
		err_clear(&ei);
		if (checkpoint_verify(note, ver.pub, ver.name, &cp, &ei) != E_OK)
			FUZZ_CHECK(ei.code == E_INPUT && ei.msg[0]);
	}
	err_clear(&ei);
	if (checkpoint_verify(note, key.pub, key.name, &cp, &ei) == E_OK) {
		/* only our own notes verify: the signed body re-signs identically */
		char *again = checkpoint_sign(&a, &cp, &key);
		FUZZ_CHECK(again != NULL);
	} else {
		FUZZ_CHECK(ei.code == E_INPUT && ei.msg[0]);
	}
	err_clear(&ei);
	if (checkpoint_parse(note, &cp, &ei) == E_OK) {
		char *signed_note = checkpoint_sign(&a, &cp, &key);
		FUZZ_CHECK(signed_note != NULL);
		FUZZ_CHECK(checkpoint_verify(signed_note, key.pub, key.name, &cp2, NULL) == E_OK);
		FUZZ_CHECK(strcmp(cp.origin, cp2.origin) == 0 && cp.size == cp2.size &&
			   memcmp(cp.root, cp2.root, 32) == 0);
		/* the body is exactly what was parsed */
		FUZZ_CHECK(strncmp(signed_note, note, strlen(note)) == 0);
	} else {
		FUZZ_CHECK(ei.code != E_OK && ei.msg[0]);
	}
	arena_release(&a);
	free(s);
	return 0;
}
