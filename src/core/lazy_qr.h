/*
 * libqrencode, for the QR codes of the portal's notices, loaded on first use
 * (see lazylib.h).
 */
#ifndef QL_LAZY_QR_H
#define QL_LAZY_QR_H

#include <qrencode.h>

#include "lazylib.h"

/* The functions the program calls, X-macro. */
#define QR_FUNCS(X)                                                                                \
	X(QRcode_encodeString)                                                                     \
	X(QRcode_free)

struct qr_api {
	QR_FUNCS(LAZYLIB_FIELD)
};

const struct qr_api *qr_api(void);

#ifndef QL_LAZY_QR_IMPL
#define QRcode_encodeString (qr_api()->QRcode_encodeString)
#define QRcode_free	    (qr_api()->QRcode_free)
#endif

#endif
