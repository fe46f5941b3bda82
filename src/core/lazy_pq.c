/* pq_api: the table lazy_pq.h calls through (see lazylib.h). */
#define QL_LAZY_PQ_IMPL
#include "lazy_pq.h"

/* The sonames of Debian's runtime packages for the headers we build with. */
LAZYLIB_DEFINE(pq_api, pq_api, PQ_FUNCS, "libpq.so.5")
