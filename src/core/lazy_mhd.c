/* mhd_api: the table lazy_mhd.h calls through (see lazylib.h). */
#define QL_LAZY_MHD_IMPL
#include "lazy_mhd.h"

/* The sonames of Debian's runtime packages for the headers we build with. */
LAZYLIB_DEFINE(mhd_api, mhd_api, MHD_FUNCS, "libmicrohttpd.so.12")
