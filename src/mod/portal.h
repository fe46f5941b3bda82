/*
 * The public portal (/p/): pages for villagers, server-rendered by C through
 * the escaping builder (core/html.h), a village's QR code (PNG) and its A4
 * notice for the 公开栏 (PDF).  Public and anonymous: it must never show an ID
 * number, a phone, a bank account or a list of residents; cadres' names and
 * posts are shown whole (public office, domain/masking.md).  It reads the org
 * module's tables with its own statements (portal_db.c) and writes nothing.
 */
#ifndef QL_PORTAL_H
#define QL_PORTAL_H

#include "core/module.h"

extern const struct module portal_module;
extern struct db_stmts portal_stmts;

/* Statement indices of portal_db.c. */
enum portal_st {
	PORTAL_ST_VILLAGES,    /* every village: code, name, kind, township */
	PORTAL_ST_VILLAGE,     /* one by code, with household and people counts */
	PORTAL_ST_CADRES,      /* serving cadres of a village on a date */
	PORTAL_ST_COMMITMENTS, /* serving cadres and their 廉政承诺 date this year */
	PORTAL_ST_LOG_SIZE,    /* entries in the log: what a kept page is keyed by */
	PORTAL_ST__MAX
};

#endif
