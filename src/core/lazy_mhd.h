/*
 * libmicrohttpd, loaded when the server starts (see lazylib.h).  Only http.c
 * includes this.
 */
#ifndef QL_LAZY_MHD_H
#define QL_LAZY_MHD_H

#include <microhttpd.h>

#include "lazylib.h"

/* The functions the program calls, X-macro. */
#define MHD_FUNCS(X)                                                                               \
	X(MHD_add_response_header)                                                                 \
	X(MHD_create_response_from_buffer)                                                         \
	X(MHD_create_response_from_fd)                                                             \
	X(MHD_destroy_response)                                                                    \
	X(MHD_get_connection_info)                                                                 \
	X(MHD_get_connection_values)                                                               \
	X(MHD_lookup_connection_value)                                                             \
	X(MHD_queue_response)                                                                      \
	X(MHD_start_daemon)                                                                        \
	X(MHD_stop_daemon)

struct mhd_api {
	MHD_FUNCS(LAZYLIB_FIELD)
};

const struct mhd_api *mhd_api(void);

#ifndef QL_LAZY_MHD_IMPL
#define MHD_add_response_header		(mhd_api()->MHD_add_response_header)
#define MHD_create_response_from_buffer (mhd_api()->MHD_create_response_from_buffer)
#define MHD_create_response_from_fd	(mhd_api()->MHD_create_response_from_fd)
#define MHD_destroy_response		(mhd_api()->MHD_destroy_response)
#define MHD_get_connection_info		(mhd_api()->MHD_get_connection_info)
#define MHD_get_connection_values	(mhd_api()->MHD_get_connection_values)
#define MHD_lookup_connection_value	(mhd_api()->MHD_lookup_connection_value)
#define MHD_queue_response		(mhd_api()->MHD_queue_response)
#define MHD_start_daemon		(mhd_api()->MHD_start_daemon)
#define MHD_stop_daemon			(mhd_api()->MHD_stop_daemon)
#endif

#endif
