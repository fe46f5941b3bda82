/* qr_api: the table lazy_qr.h calls through (see lazylib.h). */
#define QL_LAZY_QR_IMPL
#include "lazy_qr.h"

/* The sonames of Debian's runtime packages for the headers we build with. */
LAZYLIB_DEFINE(qr_api, qr_api, QR_FUNCS, "libqrencode.so.4")
