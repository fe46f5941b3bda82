/*
 * Signed checkpoints of the tamper-evident log, in the C2SP formats that outside
 * witnesses and their tools already speak: a checkpoint body "<origin>\n<size>\n
 * <base64 root>\n" (c2sp.org/tlog-checkpoint) wrapped in a signed note
 * (c2sp.org/signed-note) with Ed25519 signature lines "— <name> <base64>", and
 * the note key formats "PRIVATE+KEY+<name>+<hash>+<key>" / "<name>+<hash>+<key>".
 * It must not know where the tree comes from: no database, no Merkle arithmetic;
 * the only file it touches is the private key file it is asked to load or create.
 */
#ifndef QL_CHECKPOINT_H
#define QL_CHECKPOINT_H

#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

#define CHECKPOINT_NAME_MAX 128 /* key names and origins are shorter than this */

/* One tree head.  origin is non-empty UTF-8 without control characters. */
struct checkpoint {
	char origin[CHECKPOINT_NAME_MAX]; /* the log's name, e.g. "qinglian/城关镇" */
	uint64_t size;			  /* leaves in the tree */
	uint8_t root[32];		  /* RFC 9162 root hash of those leaves */
};

/* A signing key.  Names are non-empty, shorter than CHECKPOINT_NAME_MAX, and
 * contain no '+', space or control character. */
struct checkpoint_key {
	char name[CHECKPOINT_NAME_MAX]; /* key name, printed on every signature line */
	uint32_t hash;			/* key id: SHA-256(name "\n" 0x01 pub)[0..4] */
	uint8_t pub[32];		/* Ed25519 public key */
	uint8_t sec[64];		/* libsodium Ed25519 secret key (seed || pub) */
};

/* A public verifier key, as parsed from "<name>+<hash hex8>+<base64(0x01 || pub)>". */
struct checkpoint_verifier {
	char name[CHECKPOINT_NAME_MAX]; /* key name */
	uint32_t hash;			/* key id, checked against name and pub */
	uint8_t pub[32];		/* Ed25519 public key */
};

/*
 * Loads the private key at path, or creates it (O_CREAT|O_EXCL, mode 0600) with a
 * fresh random key when there is no file.  The file holds one line
 * "PRIVATE+KEY+<name>+<hash hex8>+<base64(0x01 || seed)>".  Refuses (E_IO) a file
 * that group or others may access, and (E_INPUT) a malformed file or one whose
 * key name is not keyname.  Wipe the key with checkpoint_key_wipe() when done.
 */
enum err checkpoint_key_load_or_create(const char *path, const char *keyname,
				       struct checkpoint_key *out, struct errinfo *ei);
void checkpoint_key_wipe(struct checkpoint_key *k); /* zeroes the secret */

/* Appends the public verifier key "<name>+<hash hex8>+<base64(0x01 || pub)>". */
void checkpoint_vkey(const struct checkpoint_key *k, struct buf *out);
/* Parses a verifier key; E_INPUT when malformed or its hash does not match. */
enum err checkpoint_vkey_parse(const char *text, struct checkpoint_verifier *out,
			       struct errinfo *ei);

/* The signed note: body, a blank line, one signature line by k.  Allocated in a;
 * NULL when cp->origin is empty or has a control character or invalid UTF-8. */
char *checkpoint_sign(struct arena *a, const struct checkpoint *cp, const struct checkpoint_key *k);

/* Parses a checkpoint body (no signatures), strictly: exactly three lines, size in
 * decimal without leading zeros, root the canonical base64 of 32 bytes.  E_INPUT
 * with a message naming the line. */
enum err checkpoint_parse(const char *text, struct checkpoint *out, struct errinfo *ei);

/*
 * Opens a signed note: parses the body and requires at least one signature line
 * by the key (keyname, pubkey) that verifies.  Signature lines of other keys
 * (witness cosignatures) are ignored; a line that claims this key but does not
 * verify refuses the whole note.  E_INPUT, with key "checkpoint.format",
 * "checkpoint.bad_signature" or "checkpoint.unsigned".  out may be NULL.
 */
enum err checkpoint_verify(const char *text, const uint8_t pubkey[32], const char *keyname,
			   struct checkpoint *out, struct errinfo *ei);

#endif
