/* Shared libraries loaded on first use (see lazylib.h). */
#include "lazylib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static _Noreturn void broken(const char *what, const char *detail)
{
	fprintf(stderr, "qinglian: 无法加载 %s：%s（安装不完整，请重新安装所需的软件包）\n", what,
		detail ? detail : "未知原因");
	exit(70); /* EX_SOFTWARE */
}

bool lazylib_begin(struct lazylib *l)
{
	if (atomic_load_explicit(&l->ready, memory_order_acquire))
		return true;
	pthread_mutex_lock(&l->mu);
	if (atomic_load_explicit(&l->ready, memory_order_relaxed)) {
		pthread_mutex_unlock(&l->mu);
		return true;
	}
	for (int i = 0; l->sonames[i] && i < LAZYLIB_MAX_SONAMES; i++)
		if (!l->handles[i] &&
		    !(l->handles[i] = dlopen(l->sonames[i], RTLD_NOW | RTLD_LOCAL)))
			broken(l->sonames[i], dlerror());
	return false;
}

void *lazylib_sym(struct lazylib *l, const char *name)
{
	for (int i = 0; i < LAZYLIB_MAX_SONAMES && l->handles[i]; i++) {
		void *p = dlsym(l->handles[i], name);
		if (p)
			return p;
	}
	broken(name, "函数不存在");
}

void lazylib_end(struct lazylib *l)
{
	atomic_store_explicit(&l->ready, true, memory_order_release);
	pthread_mutex_unlock(&l->mu);
}
