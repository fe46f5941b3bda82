/*
 * The attached files of the business modules, one copy for all: the name a
 * client sent in X-Filename, the media type by extension, the SHA-256 key of
 * the bytes, the checks of a raw-body upload, the content-addressed store
 * (bytes kept once a hash in the module's own blob table) with the module's
 * logged row of the file, and the download that re-reads the bytes, holds them
 * against the logged hash and answers them as an attachment.  It runs only
 * the statements a module hands it and says nothing in its own words where a
 * module has its own: error keys and messages come from the caller.
 */
#ifndef QL_MODUTIL_FILE_H
#define QL_MODUTIL_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/router.h"
#include "core/trail.h"

#define MODUTIL_FILE_NAME_MAX 200 /* characters of a file name modutil_file_name accepts */

/* Characters of UTF-8 text s, or -1 when s is not UTF-8 (overlong forms,
 * surrogates, beyond U+10FFFF) or holds a control character. */
long modutil_text_chars(const char *s);

/* The file's own name from an X-Filename value: percent-escapes decoded (the
 * console sends a Chinese name percent-encoded, as header values must be
 * Latin-1), any directory dropped; in r's arena.  NULL when it is not 1 to
 * MODUTIL_FILE_NAME_MAX characters of UTF-8 text. */
const char *modutil_file_name(struct req *r, const char *sent);

/* The media type of an accepted upload by its extension (the gate has held the
 * bytes against the extension already); application/octet-stream otherwise. */
const char *modutil_media_type(const char *name);

/* The SHA-256 of p..n in lower-case hex: the key the bytes are stored under. */
void modutil_sha256_hex(const void *p, size_t n, char out[65]);

/* A file as a module stores it. */
struct modutil_upfile {
	const char *name; /* its name: decoded, as sent, or the module's own */
	const void *data; /* the bytes (the request body, or in r's arena) */
	size_t size;	  /* bytes */
	char sha256[65];  /* their SHA-256 in hex: the key they are stored under */
	char at[32];	  /* when it came (app_timestamp of r's clock) */
};

/* f: the bytes p..n under name, hashed and stamped. */
void modutil_upfile_set(struct req *r, const char *name, const void *p, size_t n,
			struct modutil_upfile *f);

/* The checks of an upload whose raw body is the file (r->body, X-Filename). */
struct modutil_upload {
	const char *filename_key;   /* error key (400) when X-Filename is missing or empty */
	const char *filename_field; /* the field that error names */
	const char *empty_key;	    /* error key (400) when the body is empty */
	const char *too_big_key;    /* error key (413) when the body is over max; NULL: unchecked */
	size_t max;		    /* bytes of a file at most, a whole number of MB */
	bool decode_name;	    /* the name is modutil_file_name of X-Filename, and one it
				       refuses is an error under filename_key; false: as sent */
};

/* E_OK when r carries a file name and a body within the limit, *f then the
 * body under that name (modutil_upfile_set); otherwise the failure ("请提供文
 * 件名（X-Filename）", "文件名无效…", "文件为空", "文件超过 N MB", in that
 * order) is reported on r and returned. */
enum err modutil_upload_check(struct req *r, const struct modutil_upload *u,
			      struct modutil_upfile *f);

/* Where a module keeps its files and how it logs them. */
struct modutil_file_store {
	const struct db_stmts *stmts;	 /* the module's statements */
	unsigned put;			 /* (key, size, content): keep the bytes once a key */
	unsigned insert;		 /* the module's row of the file, RETURNING id */
	const struct trail_table *table; /* that row's log table */
	const char *action;		 /* its log action */
	const char *exists_key; /* error key (409) when insert returns no row (the same file is
				   there already); NULL: E_NOTFOUND is returned as it is */
	const char *exists_msg; /* that error's message, followed by "（SHA-256 <hex>）" */
};

/* Store f's bytes under f->sha256, insert the module's row with the
 * parameters pv..pn (which take from f what they need), log it; *id is the new
 * row's id. */
enum err modutil_file_put(struct req *r, const struct modutil_file_store *fs,
			  const struct modutil_upfile *f, const struct db_val *pv, size_t pn,
			  int64_t *id);

/* The answer to a stored upload: 201 {"id", "sha256", "size"}. */
enum err modutil_file_created(struct req *r, int64_t id, const struct modutil_upfile *f);

/* How modutil_file_send answers a stored file. */
struct modutil_download {
	const char *sha256;	  /* the hash the log holds: sent as X-Content-SHA256; NULL: no
				     header and no check */
	const char *corrupt_key;  /* error key (500) when the bytes do not hash to sha256; NULL:
				     they are not checked */
	const char *corrupt_what; /* the bytes as that error names them: "材料内容" */
	const char *type;	  /* Content-Type; NULL: application/octet-stream */
	const char *name;	  /* attachment; filename*=UTF-8''<name percent-encoded> (RFC
				     5987); NULL: see plain_name */
	const char *plain_name;	  /* attachment; filename="<plain_name>" (plain ASCII); NULL with
				     name NULL: no Content-Disposition */
};

/* Answer 200 with column col of the one row of statement st (the bytes) as d
 * says.  E_NOTFOUND, reported to nobody, when the statement returns no row:
 * the caller says so in its own words. */
enum err modutil_file_send(struct req *r, const struct db_stmts *s, unsigned st,
			   const struct db_val *p, size_t n, int col,
			   const struct modutil_download *d);

#endif
