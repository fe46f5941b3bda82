/* xlsx_api: the table lazy_xlsx.h calls through (see lazylib.h). */
#define QL_LAZY_XLSX_IMPL
#include "lazy_xlsx.h"

/* The sonames of Debian's runtime packages for the headers we build with. */
LAZYLIB_DEFINE(xlsx_api, xlsx_api, XLSX_FUNCS, "libxlsxwriter.so.4", "libexpat.so.1")
