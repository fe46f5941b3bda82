/*
 * Data in and out in the layouts of domain/formats.md, for every module that
 * declares import files: `qinglian import DIR` / `export DIR`, the console's
 * upload and its .xlsx downloads.  Each file is loaded in its own transaction:
 * all or nothing, with a report naming every bad line.
 */
#ifndef QL_IO_H
#define QL_IO_H

#include <stdio.h>

#include "core/module.h"

extern const struct module io_module;

/* Counts of one loaded file. */
struct io_result {
	int64_t inserted;  /* rows added */
	int64_t updated;   /* rows changed */
	int64_t unchanged; /* rows already present as given */
};

/* Import every known file found in dir (csv or xlsx), in module order.  Reports
 * go to out.  E_INPUT when any file was refused (the others are loaded). */
enum err io_import_dir(struct app *app, const char *dir, FILE *out, struct errinfo *ei);
/* Write every known file into dir as UTF-8 CSV. */
enum err io_export_dir(struct app *app, const char *dir, FILE *out, struct errinfo *ei);

#endif
