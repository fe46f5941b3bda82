/*
 * Structured log lines (one JSON object per line) on stderr: the access log and
 * errors.  Must never log a secret: no passwords, session ids, or complainants.
 */
#ifndef QL_LOG_H
#define QL_LOG_H

#include <stdbool.h>
#include <stdint.h>

struct req;

void log_set_quiet(bool quiet);        /* tests: drop info lines, keep errors */
int64_t log_monotonic_us(void);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line per answered request. */
void log_access(const struct req *r);

#endif
