#!/usr/bin/env bash
# Layering and banned-call checks, run first by `make check`:
# - only db_sqlite.c includes sqlite3.h, only db_pg.c includes libpq (lazy_pq.h),
#   only http.c includes microhttpd.h (lazy_mhd.h);
# - src/core never includes a module header;
# - no SQL assembled with printf-family calls, no unsafe string calls;
# - file basenames are unique across src/ and tests/.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
say() { echo "checksrc: $*" >&2; bad=1; }

for f in $(grep -rl '#include <sqlite3.h>' src); do [ "$f" = src/core/db_sqlite.c ] || say "$f includes sqlite3.h"; done
# libpq and libmicrohttpd are loaded on first use: their headers come through
# lazy_pq.h and lazy_mhd.h, which only db_pg.c and http.c include.
for f in $(grep -rl '#include <libpq-fe.h>' src); do [ "$f" = src/core/lazy_pq.h ] || say "$f includes libpq-fe.h"; done
for f in $(grep -rl '#include "lazy_pq.h"' src); do
	case "$f" in src/core/db_pg.c | src/core/lazy_pq.c) ;; *) say "$f includes lazy_pq.h" ;; esac
done
for f in $(grep -rl '#include <microhttpd.h>' src); do [ "$f" = src/core/lazy_mhd.h ] || say "$f includes microhttpd.h"; done
for f in $(grep -rl '#include "lazy_mhd.h"' src); do
	case "$f" in src/core/http.c | src/core/lazy_mhd.c) ;; *) say "$f includes lazy_mhd.h" ;; esac
done
if grep -rnE '#include "(\.\./)?mod/|#include "(account|org|io|gen|perms)\.h"' src/core; then
	say "src/core must not include module headers"
fi
if grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi\(getenv)\s*\(' src --include=*.c | grep -v 'snprintf\|vsnprintf'; then
	say "banned call (use snprintf/buf)"
fi
if grep -rnE 'printf\s*\([^;]*"(SELECT|INSERT|UPDATE|DELETE) ' src --include=*.c; then
	say "SQL built with printf"
fi
dups=$(find src tests -name '*.c' -o -name '*.h' | xargs -n1 basename | sort | uniq -d)
[ -z "$dups" ] || say "duplicate file names: $dups"
exit $bad
