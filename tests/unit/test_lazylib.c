/*
 * lazylib.h: every function the program calls through a table loaded on first
 * use resolves (cairo/pango, libpq, libmicrohttpd, libxlsxwriter/expat, libzip,
 * libqrencode), to the library's own function; threads that reach a table at
 * the same moment all see it whole and the same.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* The tables themselves, not the calls the headers' macros make of their names. */
#define QL_LAZY_GFX_IMPL
#define QL_LAZY_PQ_IMPL
#define QL_LAZY_MHD_IMPL
#define QL_LAZY_XLSX_IMPL
#define QL_LAZY_ZIP_IMPL
#define QL_LAZY_QR_IMPL
#include "core/lazy_gfx.h"
#include "core/lazy_mhd.h"
#include "core/lazy_pq.h"
#include "core/lazy_qr.h"
#include "core/lazy_xlsx.h"
#include "core/lazy_zip.h"

/* Each entry is the library's function: the test binary links the libraries,
 * so `f` here is their address, which dlsym must give back. */
#define SAME(f) assert_ptr_equal((void *)api->f, (void *)f);

static void test_lazylib__every_function_resolves(void **state)
{
	(void)state;
	{
		const struct gfx_api *api = gfx_api();
		GFX_FUNCS(SAME)
	}
	{
		const struct pq_api *api = pq_api();
		PQ_FUNCS(SAME)
	}
	{
		const struct mhd_api *api = mhd_api();
		MHD_FUNCS(SAME)
	}
	{
		const struct xlsx_api *api = xlsx_api();
		XLSX_FUNCS(SAME)
	}
	{
		const struct zip_api *api = zip_api();
		ZIP_FUNCS(SAME)
	}
	{
		const struct qr_api *api = qr_api();
		QR_FUNCS(SAME)
	}
}

#define THREADS 8

static pthread_barrier_t start;

static void *first_use(void *arg)
{
	const struct zip_api **out = arg;
	pthread_barrier_wait(&start);
	*out = zip_api();
	/* read a late entry at once: a table seen before it is whole would show NULL */
	return (void *)(*out)->zip_strerror;
}

static void test_lazylib__threads_at_once(void **state)
{
	(void)state;
	pthread_t t[THREADS];
	const struct zip_api *seen[THREADS];
	void *last[THREADS];
	assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, first_use, &seen[i]), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(t[i], &last[i]), 0);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < THREADS; i++) {
		assert_ptr_equal(seen[i], seen[0]);
		assert_ptr_equal(last[i], (void *)zip_strerror);
	}
}

int main(void)
{
	/* The threads first: before any other test has loaded libzip's table. */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lazylib__threads_at_once),
	    cmocka_unit_test(test_lazylib__every_function_resolves),
	};
	return cmocka_run_group_tests_name("lazylib", tests, NULL, NULL);
}
