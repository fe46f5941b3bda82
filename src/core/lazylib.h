/*
 * Shared libraries loaded on first use.  Every command used to pay for loading
 * all 72 libraries the program links (about 9 ms of `qinglian verify`'s 70 on a
 * township, more than its reading the stored tree), though most commands never
 * draw a PDF, write a spreadsheet, talk to PostgreSQL or serve HTTP.  Those
 * libraries are opened with dlopen the first time one of their functions is
 * called: lazy_gfx.h (cairo, pango), lazy_pq.h (libpq), lazy_mhd.h
 * (libmicrohttpd), lazy_xlsx.h (libxlsxwriter, expat), lazy_zip.h (libzip) and
 * lazy_qr.h (libqrencode).  The program calls their functions by their usual
 * names, which those headers turn into calls through a table of addresses; only
 * sqlite, libsodium, jansson and libcsv, which nearly every command needs, are
 * linked as usual.
 *
 * To call one more function of such a library, add it to its header's X-macro
 * list and its #define list: the compiler refuses either without the other (a
 * missing #define links against a library that is not linked; a missing X entry
 * names a member that does not exist).
 *
 * A library that cannot be loaded, or lacks a function, ends the program with a
 * Chinese line naming it: the packages are dependencies of the program, so this
 * means a broken installation, not a user's mistake.
 */
#ifndef QL_LAZYLIB_H
#define QL_LAZYLIB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#define LAZYLIB_MAX_SONAMES 4

struct lazylib {
	const char *const *sonames; /* NULL-terminated, searched in order */
	pthread_mutex_t mu;
	atomic_bool ready;
	void *handles[LAZYLIB_MAX_SONAMES];
};

/* true: already loaded.  false: the caller holds l->mu, the libraries are
 * open, and it must fill its table with lazylib_sym, then call lazylib_end. */
bool lazylib_begin(struct lazylib *l);
void *lazylib_sym(struct lazylib *l, const char *name);
void lazylib_end(struct lazylib *l);

/*
 * Defines `const struct TYPE *FN(void)`, the table of the functions FUNCS lists
 * (X-macro), loaded from the sonames given, once, thread-safely.
 */
#define LAZYLIB_FIELD(f) __typeof__(f) *f;
#define LAZYLIB_LOAD_(f) api.f = (__typeof__(api.f))lazylib_sym(&lib, #f);
#define LAZYLIB_DEFINE(FN, TYPE, FUNCS, ...)                                                       \
	const struct TYPE *FN(void)                                                                \
	{                                                                                          \
		static struct TYPE api;                                                            \
		static const char *const sonames[] = {__VA_ARGS__, NULL};                          \
		static struct lazylib lib = {sonames, PTHREAD_MUTEX_INITIALIZER, false, {0}};      \
		if (!lazylib_begin(&lib)) {                                                        \
			FUNCS(LAZYLIB_LOAD_)                                                       \
			lazylib_end(&lib);                                                         \
		}                                                                                  \
		return &api;                                                                       \
	}

#endif
