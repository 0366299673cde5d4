// SPDX-License-Identifier: GPL-2.0-only
/*
 * The crashkernel= that holds a second image beside the armed one, from the
 * sizes measured for both capture kernels (bench/RESULTS.md): the kernel
 * refuses a smaller region with ENOSPC and crashd names this size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "estimate.h"

#define MIB (1ULL << 20)
#define KIB (1ULL << 10)

static void test_swap_capture_kernel(void **state)
{
	/* init_size 14.5 MiB, initramfs 3998 KiB: two of 19.4 MiB and 2 MiB each. */
	assert_int_equal(estimate_swap(14848 * KIB, 2 * MIB, 3998 * KIB), 48 * MIB);
}

static void test_swap_distro_kernel(void **state)
{
	/* Debian's: init_size 55.9 MiB, initramfs 4474 KiB. */
	assert_int_equal(estimate_swap(57242 * KIB, 2 * MIB, 4474 * KIB), 128 * MIB);
}

static void test_swap_rounding(void **state)
{
	/* Exactly 8 MiB per image with its alignment stays 16 MiB; a page more is the next step. */
	uint64_t image = 8 * MIB - ESTIMATE_LOAD_OVERHEAD - 2 * MIB;

	assert_int_equal(estimate_swap((uint32_t) image, 2 * MIB, 0), 16 * MIB);
	assert_int_equal(estimate_swap((uint32_t) image + 1, 2 * MIB, 0), 24 * MIB);
	assert_int_equal(estimate_swap((uint32_t) image, 2 * MIB, 4096), 24 * MIB);
	/* A kernel that may land on any 4 KiB page loses at most a page, not 2 MiB. */
	assert_int_equal(estimate_swap((uint32_t) image + 2 * MIB - 4096, 4096, 0), 16 * MIB);
	assert_int_equal(estimate_swap((uint32_t) image + 2 * MIB, 4096, 0), 24 * MIB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swap_capture_kernel),
		cmocka_unit_test(test_swap_distro_kernel),
		cmocka_unit_test(test_swap_rounding),
	};

	return cmocka_run_group_tests_name("estimate", tests, NULL, NULL);
}
