/*
 * libFuzzer target for the router's path matching and query parsing
 * (router.c): the input's first line is "<METHOD> <path>[?<query>]" (a line
 * without a blank is a GET of that line).  The path is matched against every
 * route of every module, as the gate looks a route up; the query string is
 * parsed into a request and read back through the accessors handlers use.
 * Properties: a match's parameters are non-empty single segments that,
 * put back into the pattern, give the path again; no more query arguments than
 * '&'-separated pieces.  It must not test anything but the router.
 */
#include "fuzz_util.h"

#include "core/module.h"
#include "core/router.h"

static void check_match(const struct route *rt, const char *path, const struct kv *params, size_t n)
{
	char back[8192];
	size_t len = 0, k = 0;
	FUZZ_CHECK(n <= REQ_MAX_PARAMS);
	for (const char *p = rt->pattern; *p;) {
		const char *piece = p;
		size_t plen = 1;
		if (*p == '{') {
			FUZZ_CHECK(k < n);
			const char *v = params[k++].value;
			FUZZ_CHECK(*v && !strchr(v, '/'));
			piece = v;
			plen = strlen(v);
			p = strchr(p, '}') + 1;
		} else {
			p++;
		}
		if (len + plen >= sizeof(back))
			return; /* longer than a path the check can rebuild */
		memcpy(back + len, piece, plen);
		len += plen;
	}
	back[len] = '\0';
	FUZZ_CHECK(k == n && strcmp(back, path) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	fuzz_cut_line(s);
	const char *method = "GET";
	char *path = s, *blank = strchr(s, ' ');
	if (blank) {
		*blank = '\0';
		method = s;
		path = blank + 1;
	}
	char *qs = strchr(path, '?');
	if (qs)
		*qs++ = '\0';

	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	buf_init(&r.resp);
	r.method = method;
	r.path = path;

	const struct route *found = NULL;
	bool other_method = false;
	for (const struct module *const *m = modules; *m && !found; m++)
		for (size_t i = 0; i < (*m)->nroutes; i++) {
			const struct route *rt = &(*m)->routes[i];
			struct kv params[REQ_MAX_PARAMS];
			size_t n = 0;
			if (!router_match(rt->pattern, path, params, &n, &r.arena))
				continue;
			check_match(rt, path, params, n);
			if (strcmp(rt->method, method) != 0 &&
			    !(strcmp(rt->method, "GET") == 0 && strcmp(method, "HEAD") == 0)) {
				other_method = true;
				continue;
			}
			memcpy(r.params, params, sizeof(params[0]) * n);
			r.nparams = n;
			found = rt;
			break;
		}
	if (found) {
		r.route = found;
		for (size_t i = 0; i < r.nparams; i++)
			FUZZ_CHECK(req_param(&r, r.params[i].key) != NULL);
	}
	(void)other_method;

	if (qs) {
		size_t pieces = 1;
		for (const char *c = qs; *c; c++)
			pieces += *c == '&';
		router_parse_query(&r, qs);
		FUZZ_CHECK(r.nquery <= pieces);
		for (size_t i = 0; i < r.nquery; i++) {
			FUZZ_CHECK(r.query[i].key && r.query[i].value);
			FUZZ_CHECK(req_query(&r, r.query[i].key) != NULL);
		}
		int64_t limit, offset;
		req_paging(&r, &limit, &offset);
		FUZZ_CHECK(limit >= 1 && offset >= 0);
		(void)req_query_int(&r, "id", 0);
	}
	buf_release(&r.resp);
	arena_release(&r.arena);
	free(s);
	return 0;
}
