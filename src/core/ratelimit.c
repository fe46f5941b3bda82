/*
 * The per-address limits of ratelimit.h: a fixed-size table of counters (one per
 * kind, keyed address hash and window), guarded by one mutex.  When the table is
 * full the counter of the oldest window is reused, so memory stays bounded
 * whatever an attacker sends.  Must not touch the database or know a module.
 */
#include "ratelimit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define SLOTS 4096 /* counters kept */
#define PROBE 16   /* slots looked at per key */

struct limit {
	int max;      /* events per window, 0 = off */
	int window_s; /* window length in seconds */
};

struct slot {
	uint64_t key;	/* keyed hash of kind and address, 0 = free */
	int64_t window; /* window number (app clock / window length) */
	int count;	/* events in that window */
};

static const char *const kind_names[RL__MAX] = {
    [RL_LOGIN] = "login",
    [RL_FORM] = "form",
    [RL_SELF_QUERY] = "self_query",
    [RL_COMPLAINT] = "complaint",
};

static const struct limit defaults[RL__MAX] = {
    [RL_LOGIN] = {20, 900},
    [RL_FORM] = {30, 3600},
    [RL_SELF_QUERY] = {20, 3600},
    [RL_COMPLAINT] = {5, 3600},
};

static const char *const messages[RL__MAX] = {
    [RL_LOGIN] = "登录失败次数过多，请%d分钟后再试",
    [RL_FORM] = "提交过于频繁，请%d分钟后再试",
    [RL_SELF_QUERY] = "查询过于频繁，请%d分钟后再试；如有疑问请到村（居）委会或镇便民服务中心查询",
    [RL_COMPLAINT] = "提交过于频繁，请%d分钟后再试，或拨打镇纪委举报电话",
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct limit limits[RL__MAX];
static struct slot slots[SLOTS];
static unsigned char hash_key[crypto_shorthash_KEYBYTES];

static enum err parse(const char *spec, struct limit out[RL__MAX], struct errinfo *ei)
{
	memcpy(out, defaults, sizeof(defaults));
	if (!spec || !*spec)
		return E_OK;
	if (strcmp(spec, "off") == 0) {
		for (int k = 0; k < RL__MAX; k++)
			out[k].max = 0;
		return E_OK;
	}
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", spec);
	char *save;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');
		int k = 0;
		while (eq && k < RL__MAX &&
		       (strlen(kind_names[k]) != (size_t)(eq - t) ||
			strncmp(kind_names[k], t, (size_t)(eq - t)) != 0))
			k++;
		if (!eq || k == RL__MAX)
			return err_set(
			    ei, E_INPUT, "ratelimit.kind", NULL,
			    "限流设置无法识别：%s（可用 login、form、self_query、complaint）", t);
		if (strcmp(eq + 1, "off") == 0) {
			out[k].max = 0;
			continue;
		}
		char *end;
		long max = strtol(eq + 1, &end, 10);
		long win = *end == '/' ? strtol(end + 1, &end, 10) : defaults[k].window_s;
		if (*end || max < 0 || max > 1000000 || win < 1 || win > 86400 * 7)
			return err_set(ei, E_INPUT, "ratelimit.value", NULL,
				       "限流设置格式应为 次数/秒数，例如 login=20/900：%s", t);
		out[k].max = (int)max;
		out[k].window_s = (int)win;
	}
	return E_OK;
}

static void init(void)
{
	randombytes_buf(hash_key, sizeof(hash_key));
	struct errinfo ei = {0};
	if (parse(getenv("QL_RATELIMIT"), limits, &ei) != E_OK) {
		fprintf(stderr, "QL_RATELIMIT: %s\n", ei.msg);
		memcpy(limits, defaults, sizeof(defaults));
	}
}

enum err ratelimit_configure(const char *spec, struct errinfo *ei)
{
	pthread_once(&once, init);
	struct limit l[RL__MAX];
	enum err e = parse(spec, l, ei);
	if (e != E_OK)
		return e;
	pthread_mutex_lock(&lock);
	memcpy(limits, l, sizeof(l));
	pthread_mutex_unlock(&lock);
	return E_OK;
}

void ratelimit_reset(void)
{
	pthread_once(&once, init);
	pthread_mutex_lock(&lock);
	memset(slots, 0, sizeof(slots));
	pthread_mutex_unlock(&lock);
}

int ratelimit_max(enum ratelimit_kind k, int *window_s)
{
	pthread_once(&once, init);
	pthread_mutex_lock(&lock);
	struct limit l = limits[k];
	pthread_mutex_unlock(&lock);
	if (window_s)
		*window_s = l.window_s;
	return l.max;
}

/* The counter of (k, remote) in the current window, after adding add; -1 when
 * the limit is off.  Caller holds no lock. */
static int bump(struct req *r, enum ratelimit_kind k, int add, struct limit *l)
{
	pthread_once(&once, init);
	const char *remote = r->remote ? r->remote : "";
	char in[80];
	int n = snprintf(in, sizeof(in), "%d|%s", (int)k, remote);
	uint64_t key;
	crypto_shorthash((unsigned char *)&key, (const unsigned char *)in,
			 (unsigned long long)(n < (int)sizeof(in) ? n : (int)sizeof(in) - 1),
			 hash_key);
	key |= 1; /* never 0 (free) */
	pthread_mutex_lock(&lock);
	*l = limits[k];
	if (l->max <= 0) {
		pthread_mutex_unlock(&lock);
		return -1;
	}
	int64_t window = app_now(r->app) / ((int64_t)l->window_s * 1000000);
	size_t start = (size_t)(key % SLOTS), pick = start;
	int64_t oldest = INT64_MAX;
	for (size_t i = 0; i < PROBE; i++) {
		struct slot *s = &slots[(start + i) % SLOTS];
		if (s->key == key) {
			pick = (start + i) % SLOTS;
			break;
		}
		/* a free slot, or the one of the oldest window, is taken over */
		int64_t age = s->key ? s->window : INT64_MIN;
		if (age < oldest) {
			oldest = age;
			pick = (start + i) % SLOTS;
		}
	}
	struct slot *s = &slots[pick];
	if (s->key != key || s->window != window) {
		s->key = key;
		s->window = window;
		s->count = 0;
	}
	s->count += add;
	int count = s->count;
	pthread_mutex_unlock(&lock);
	return count;
}

static enum err refuse(struct req *r, enum ratelimit_kind k, const struct limit *l)
{
	int minutes = (l->window_s + 59) / 60;
	char fmt[256];
	snprintf(fmt, sizeof(fmt), messages[k], minutes);
	return req_fail(r, E_LOCKED, "rate.limited", NULL, "%s", fmt);
}

enum err ratelimit_hit(struct req *r, enum ratelimit_kind k)
{
	struct limit l;
	int n = bump(r, k, 1, &l);
	return n > l.max ? refuse(r, k, &l) : E_OK;
}

enum err ratelimit_check(struct req *r, enum ratelimit_kind k)
{
	struct limit l;
	int n = bump(r, k, 0, &l);
	return n >= 0 && n >= l.max ? refuse(r, k, &l) : E_OK;
}

void ratelimit_note(struct req *r, enum ratelimit_kind k)
{
	struct limit l;
	bump(r, k, 1, &l);
}
