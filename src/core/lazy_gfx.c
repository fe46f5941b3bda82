/* gfx_api: the table lazy_gfx.h calls through (see lazylib.h). */
#define QL_LAZY_GFX_IMPL
#include "lazy_gfx.h"

/* The sonames of Debian's runtime packages for the headers we build with. */
LAZYLIB_DEFINE(gfx_api, gfx_api, GFX_FUNCS, "libpangocairo-1.0.so.0", "libpango-1.0.so.0",
	       "libgobject-2.0.so.0", "libcairo.so.2")
