/*
 * 双随机一公开: random inspections whose draw anyone can recompute.  A draw is
 * announced with its pools (targets: villages or records; inspectors) and the
 * SHA-256 of a secret seed; it is drawn by revealing the seed, which must hash
 * to the announced value; the result is a deterministic function of the seed
 * and the published pools (draw_pick, the algorithm of docs/disclosure.md), and
 * it is published on the portal (/p/draws) with everything needed to check it.
 * The server keeps only the hash until the draw.
 */
#ifndef QL_DRAW_H
#define QL_DRAW_H

#include <stddef.h>

#include "core/module.h"

extern const struct module draw_module;
extern struct db_stmts draw_stmts;

enum draw_st {
	DRAW_ST_GET,
	DRAW_ST_ALL,
	DRAW_ST_INSERT,
	DRAW_ST_SET_RESULT,
	DRAW_ST_LIST,
	DRAW_ST_TOWN_VILLAGES,
	DRAW_ST__MAX
};

enum draw_table { DRAW_T_DRAWS, DRAW_T__MAX };
extern const struct trail_table draw_tables[DRAW_T__MAX];

#define DRAW_SEED_HEX 64   /* a seed: 32 random bytes as lowercase hex */
#define DRAW_POOL_MAX 5000 /* entries in one pool */

/* SHA-256 of the seed's text, lowercase hex: the commitment published first. */
void draw_seed_hash(const char *seed, char out[65]);
/* Is s 64 lowercase hex digits? */
bool draw_seed_valid(const char *s);

/*
 * Choose n of the npool entries of the pool called tag ("targets" or
 * "inspectors") from the seed: a partial Fisher–Yates shuffle driven by
 * x_k = the first 8 bytes (big-endian) of SHA-256("<seed>:<tag>:<k>"), k = 0,
 * 1, …, each x rejected unless below 2^64 − (2^64 mod m) for the m = npool − j
 * entries left, then position j swapped with j + x mod m.  out receives the
 * chosen indices in draw order.  n ≤ npool.
 */
void draw_pick(const char *seed, const char *tag, size_t npool, size_t n, size_t *out);

#endif
