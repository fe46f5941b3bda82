/*
 * libzip, for .xlsx files and backups, loaded on first use (see lazylib.h).
 */
#ifndef QL_LAZY_ZIP_H
#define QL_LAZY_ZIP_H

#include <zip.h>

#include "lazylib.h"

/* The functions the program calls, X-macro. */
#define ZIP_FUNCS(X)                                                                               \
	X(zip_close)                                                                               \
	X(zip_discard)                                                                             \
	X(zip_error_fini)                                                                          \
	X(zip_error_init)                                                                          \
	X(zip_error_init_with_code)                                                                \
	X(zip_error_strerror)                                                                      \
	X(zip_fclose)                                                                              \
	X(zip_file_add)                                                                            \
	X(zip_fopen)                                                                               \
	X(zip_fread)                                                                               \
	X(zip_name_locate)                                                                         \
	X(zip_open)                                                                                \
	X(zip_open_from_source)                                                                    \
	X(zip_set_file_compression)                                                                \
	X(zip_source_buffer)                                                                       \
	X(zip_source_buffer_create)                                                                \
	X(zip_source_file)                                                                         \
	X(zip_source_free)                                                                         \
	X(zip_stat)                                                                                \
	X(zip_strerror)

struct zip_api {
	ZIP_FUNCS(LAZYLIB_FIELD)
};

const struct zip_api *zip_api(void);

#ifndef QL_LAZY_ZIP_IMPL
#define zip_close		 (zip_api()->zip_close)
#define zip_discard		 (zip_api()->zip_discard)
#define zip_error_fini		 (zip_api()->zip_error_fini)
#define zip_error_init		 (zip_api()->zip_error_init)
#define zip_error_init_with_code (zip_api()->zip_error_init_with_code)
#define zip_error_strerror	 (zip_api()->zip_error_strerror)
#define zip_fclose		 (zip_api()->zip_fclose)
#define zip_file_add		 (zip_api()->zip_file_add)
#define zip_fopen		 (zip_api()->zip_fopen)
#define zip_fread		 (zip_api()->zip_fread)
#define zip_name_locate		 (zip_api()->zip_name_locate)
#define zip_open		 (zip_api()->zip_open)
#define zip_open_from_source	 (zip_api()->zip_open_from_source)
#define zip_set_file_compression (zip_api()->zip_set_file_compression)
#define zip_source_buffer	 (zip_api()->zip_source_buffer)
#define zip_source_buffer_create (zip_api()->zip_source_buffer_create)
#define zip_source_file		 (zip_api()->zip_source_file)
#define zip_source_free		 (zip_api()->zip_source_free)
#define zip_stat		 (zip_api()->zip_stat)
#define zip_strerror		 (zip_api()->zip_strerror)
#endif

#endif
