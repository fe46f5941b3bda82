/*
 * libmicrohttpd glue.  As MHD's own examples do, the first call of the access
 * handler for a request only marks it, and the answer is queued on a later call:
 * queueing on the first call makes MHD close the connection (no keep-alive).
 * Bodies are collected up to app->max_body; past it the answer is 413.
 */
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazy_mhd.h"
#include "log.h"

struct conn_ctx {
	struct req req;    /* the request being read and answered */
	struct buf body;   /* collected upload */
	bool too_big;      /* body exceeded max_body */
	struct kv *query;  /* collected GET arguments */
	size_t nquery;     /* entries */
	size_t capquery;   /* capacity */
};

static const char csp[] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			  "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
			  "base-uri 'self'; form-action 'self'";

static void add_common_headers(struct MHD_Response *resp, const struct req *r)
{
	MHD_add_response_header(resp, "X-Request-Id", r->id);
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	(void)kind;
	struct conn_ctx *c = cls;
	if (c->nquery == c->capquery) {
		size_t cap = c->capquery ? c->capquery * 2 : 8;
		struct kv *n = ARENA_ARRAY(&c->req.arena, struct kv, cap);
		if (c->nquery)
			memcpy(n, c->query, c->nquery * sizeof(*n));
		c->query = n;
		c->capquery = cap;
	}
	c->query[c->nquery].key = arena_strdup(&c->req.arena, key);
	c->query[c->nquery].value = arena_strdup(&c->req.arena, value ? value : "");
	c->nquery++;
	return MHD_YES;
}

static const char *mime_of(const char *path)
{
	static const struct {
		const char *ext;  /* file name ending */
		const char *type; /* Content-Type */
	} types[] = {
		{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
		{".png", "image/png"},                 {".ico", "image/x-icon"},
		{".json", "application/json"},         {".woff2", "font/woff2"},
		{".woff", "font/woff"},                {".ttf", "font/ttf"},
		{".txt", "text/plain; charset=utf-8"},
	};
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t e = strlen(types[i].ext);
		if (n >= e && strcmp(path + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

/* Serve a file of the built console; false when there is none to serve. */
static bool serve_static(struct MHD_Connection *conn, struct app *app, struct req *r,
			 enum MHD_Result *ret)
{
	if (!app->web_root || (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0))
		return false;
	const char *p = r->path;
	if (strncmp(p, "/api/", 5) == 0 || strncmp(p, "/p/", 3) == 0 || strcmp(p, "/p") == 0 ||
	    strcmp(p, "/healthz") == 0 || strcmp(p, "/metrics") == 0)
		return false;
	if (strstr(p, "..") || strchr(p, '\\'))
		return false;
	char path[PATH_MAX];
	bool spa = false;
	struct stat st;
	snprintf(path, sizeof(path), "%s%s", app->web_root, p);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* SPA fallback: the console's own routes are answered by index.html. */
		if (strncmp(p, "/assets/", 8) == 0)
			return false;
		snprintf(path, sizeof(path), "%s/index.html", app->web_root);
		spa = true;
		if (stat(path, &st) != 0)
			return false;
	}
	bool gz = false;
	const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding");
	char gzpath[PATH_MAX + 4];
	snprintf(gzpath, sizeof(gzpath), "%s.gz", path);
	struct stat gst;
	if (ae && strstr(ae, "gzip") && stat(gzpath, &gst) == 0 && S_ISREG(gst.st_mode))
		gz = true;
	int fd = open(gz ? gzpath : path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	r->sent = (size_t)(gz ? gst.st_size : st.st_size);
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)r->sent, fd);
	if (!resp) {
		close(fd);
		return false;
	}
	MHD_add_response_header(resp, "Content-Type", mime_of(path));
	if (gz)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	MHD_add_response_header(resp, "Cache-Control",
				!spa && strncmp(p, "/assets/", 8) == 0
				    ? "public, max-age=31536000, immutable"
				    : "no-cache");
	add_common_headers(resp, r);
	r->status = 200;
	*ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return true;
}

static enum MHD_Result answer(struct MHD_Connection *conn, struct app *app, struct conn_ctx *c,
			      const char *url, const char *method)
{
	struct req *r = &c->req;
	r->method = method;
	r->path = arena_strdup(&r->arena, url);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, c);
	r->query = c->query;
	r->nquery = c->nquery;
	const char *v;
	if ((v = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "qlsid")))
		r->cookie_sid = arena_strdup(&r->arena, v);
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token")))
		r->csrf = arena_strdup(&r->arena, v);
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type")))
		r->content_type = arena_strdup(&r->arena, v);
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Filename")))
		r->filename = arena_strdup(&r->arena, v);
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "User-Agent")))
		r->user_agent = arena_strdup(&r->arena, v);
	if ((v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host")))
		r->host = arena_strdup(&r->arena, v);
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
		char ip[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, ip,
			  sizeof(ip));
		r->remote = arena_strdup(&r->arena, ip);
	}
	r->body = c->body.len ? c->body.ptr : NULL;
	r->body_len = c->body.len;

	enum MHD_Result ret;
	if (c->too_big) {
		req_fail(r, E_TOOBIG, "body.too_large", NULL, "提交的内容超过 %zu MB 上限",
			 app->max_body >> 20);
		req_answer_error(r, E_TOOBIG);
	} else if (serve_static(conn, app, r, &ret)) {
		log_access(r);
		return ret;
	} else {
		router_dispatch(r);
	}
	size_t len;
	char *body = buf_detach(&r->resp, &len);
	r->sent = len;
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type", r->resp_type);
	if (!strncmp(r->path, "/api/", 5))
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (size_t i = 0; i < r->nresp_headers; i++)
		MHD_add_response_header(resp, r->resp_headers[i].key, r->resp_headers[i].value);
	add_common_headers(resp, r);
	ret = MHD_queue_response(conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	atomic_fetch_add(&app->metrics.requests, 1);
	if (r->status >= 500)
		atomic_fetch_add(&app->metrics.errors_5xx, 1);
	else if (r->status >= 400)
		atomic_fetch_add(&app->metrics.errors_4xx, 1);
	atomic_fetch_add(&app->metrics.duration_us, (unsigned long long)(log_monotonic_us() - r->start_us));
	log_access(r);
	return ret;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
				      const char *method, const char *version,
				      const char *upload_data, size_t *upload_data_size,
				      void **con_cls)
{
	(void)version;
	struct app *app = cls;
	struct conn_ctx *c = *con_cls;
	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c)
			abort();
		req_init(&c->req, app);
		buf_init(&c->body);
		*con_cls = c;
		return MHD_YES; /* answer on a later call: keeps keep-alive */
	}
	if (*upload_data_size) {
		if (!c->too_big && c->body.len + *upload_data_size <= app->max_body)
			buf_add(&c->body, upload_data, *upload_data_size);
		else
			c->too_big = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	return answer(conn, app, c, url, method);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct conn_ctx *c = *con_cls;
	if (!c)
		return;
	req_release(&c->req);
	buf_release(&c->body);
	free(c);
	*con_cls = NULL;
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

enum err http_serve(struct app *app, const char *listen, int threads, struct errinfo *ei)
{
	char host[64] = "127.0.0.1";
	int port = 8080;
	const char *colon = strrchr(listen, ':');
	if (colon) {
		snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
		port = atoi(colon + 1);
	} else {
		port = atoi(listen);
	}
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (port <= 0 || port > 65535 || inet_pton(AF_INET, host, &addr.sin_addr) != 1)
		return err_set(ei, E_INPUT, "serve.listen", "listen",
			       "监听地址格式应为 IP:端口，例如 127.0.0.1:8080：%s", listen);
	struct MHD_Daemon *d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)port, NULL, NULL,
	    access_handler, app, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(threads > 0 ? threads : 2),
	    MHD_OPTION_NOTIFY_COMPLETED, completed, app, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)60, MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
	if (!d)
		return err_set(ei, E_IO, "serve.start", NULL, "无法在 %s 启动服务：%s", listen,
			       strerror(errno));
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("qinglian serving on http://%s:%d/", host, port);
	while (!stop_flag)
		pause();
	log_info("qinglian stopping");
	MHD_stop_daemon(d);
	return E_OK;
}
