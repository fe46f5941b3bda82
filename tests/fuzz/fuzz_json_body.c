/*
 * libFuzzer target for the gate's body step (router_decode_body in router.c):
 * JSON decoding with jansson, unknown and duplicate keys, required fields,
 * types, lengths and the formats of dates, money, ID numbers, area codes and
 * choices.  The input's first line "<METHOD> <path>" picks the real route whose
 * declared fields the rest (the body) is checked against; when no route of a
 * module matches, or it declares no fields, a route declaring one field of
 * every type is used.  Properties: an accepted body is an object whose fields
 * have their declared types, and the handlers' accessors read them; a refused
 * one carries a message.  It must not test anything but the router.
 */
#include "fuzz_util.h"

#include "core/datefmt.h"
#include "core/idno.h"
#include "core/module.h"
#include "core/money.h"
#include "core/router.h"

static const char *const kinds[] = {"村务", "党务", "财务", NULL};

static const struct field every_type[] = {
    {"name", "姓名", FT_STR, FIELD_REQUIRED, 10, NULL},
    {"note", "备注", FT_STR, 0, 0, NULL},
    {"count", "数量", FT_INT, 0, 0, NULL},
    {"open", "是否公开", FT_BOOL, 0, 0, NULL},
    {"date", "日期", FT_DATE, 0, 0, NULL},
    {"amount", "金额", FT_MONEY, 0, 0, NULL},
    {"id_no", "身份证号", FT_IDNO, 0, 0, NULL},
    {"village_code", "村代码", FT_AREA, 0, 0, NULL},
    {"kind", "类别", FT_ENUM, 0, 0, kinds},
    {"items", "明细", FT_ARRAY, 0, 0, NULL},
    {"extra", "附加", FT_OBJECT, 0, 0, NULL},
    {0},
};

static const struct route every_route = {
    "POST", "/fuzz", NULL, NULL, SCOPE_NONE, NULL, every_type, ROUTE_WRITE, "fuzz.post", "模糊测试",
};

static const struct route *pick_route(struct req *r, const char *method, const char *path)
{
	for (const struct module *const *m = modules; *m; m++)
		for (size_t i = 0; i < (*m)->nroutes; i++) {
			const struct route *rt = &(*m)->routes[i];
			if (strcmp(rt->method, method) == 0 &&
			    router_match(rt->pattern, path, r->params, &r->nparams, &r->arena))
				return rt->in && !(rt->flags & ROUTE_RAW_BODY) ? rt : &every_route;
		}
	return &every_route;
}

static void check_accepted(struct req *r)
{
	FUZZ_CHECK(json_is_object(r->in));
	for (const struct field *f = r->route->in; f->name; f++) {
		json_t *v = json_object_get(r->in, f->name);
		if (!v || json_is_null(v)) {
			FUZZ_CHECK(!(f->flags & FIELD_REQUIRED));
			continue;
		}
		const char *s = req_in_str(r, f->name);
		char date[DATEFMT_DATE_BUF];
		int64_t fen;
		switch (f->type) {
		case FT_INT:
			FUZZ_CHECK(json_is_integer(v));
			(void)req_in_int(r, f->name);
			break;
		case FT_BOOL:
			FUZZ_CHECK(json_is_boolean(v));
			(void)req_in_bool(r, f->name);
			break;
		case FT_MONEY:
			FUZZ_CHECK(json_is_integer(v) || (s && money_parse(s, &fen, NULL) == E_OK &&
							  req_in_fen(r, f->name) == fen));
			break;
		case FT_DATE:
			FUZZ_CHECK(s && (!*s || (datefmt_parse(s, date, NULL) == E_OK &&
						 strcmp(date, s) == 0)));
			break;
		case FT_IDNO:
			FUZZ_CHECK(s && (!*s || idno_valid(s)));
			break;
		case FT_AREA:
			FUZZ_CHECK(s && (!*s || area_code_valid(s)));
			break;
		case FT_STR:
		case FT_ENUM:
			FUZZ_CHECK(s != NULL);
			FUZZ_CHECK(*s || !(f->flags & FIELD_REQUIRED));
			break;
		case FT_ARRAY:
			FUZZ_CHECK(json_is_array(v));
			break;
		case FT_OBJECT:
			FUZZ_CHECK(json_is_object(v));
			break;
		}
		FUZZ_CHECK(req_in_has(r, f->name));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	char *body = fuzz_cut_line(s);
	const char *method = "POST", *path = s;
	char *blank = strchr(s, ' ');
	if (blank) {
		*blank = '\0';
		method = s;
		path = blank + 1;
	}

	struct req r;
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena);
	buf_init(&r.resp);
	r.method = method;
	r.path = path;
	r.route = pick_route(&r, method, path);
	r.body = body;
	r.body_len = size - (size_t)(body - s);
	if (r.body_len > size)
		r.body_len = 0;

	enum err e = router_decode_body(&r);
	if (e == E_OK)
		check_accepted(&r);
	else
		FUZZ_CHECK(r.err.code == e && r.err.msg[0]);
	req_release(&r);
	free(s);
	return 0;
}
