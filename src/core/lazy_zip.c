/* zip_api: the table lazy_zip.h calls through (see lazylib.h). */
#define QL_LAZY_ZIP_IMPL
#include "lazy_zip.h"

/* The sonames of Debian's runtime packages for the headers we build with. */
LAZYLIB_DEFINE(zip_api, zip_api, ZIP_FUNCS, "libzip.so.4")
