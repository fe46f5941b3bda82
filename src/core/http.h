/*
 * The HTTP transport: the only file that sees libmicrohttpd.  It turns MHD's
 * callbacks into a struct req, hands it to the router, and sends the answer;
 * it also serves the built console (web/dist) with SPA fallback.
 */
#ifndef QL_HTTP_H
#define QL_HTTP_H

#include "app.h"

/* Serve until SIGINT/SIGTERM.  listen is "127.0.0.1:8080". */
enum err http_serve(struct app *app, const char *listen, int threads, struct errinfo *ei);

#endif
