// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the hole picker (kernel/crash_hole.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "crash_hole.h"

#define M (1ULL << 20)
#define G (1ULL << 30)

static const struct crash_hole_request x86 = {
	.align = 16 * M, .low_max = 4 * G, .high_max = 64ULL << 40,
	.default_low_size = 256 * M,
};

static struct crash_hole_request req_of(u64 size)
{
	struct crash_hole_request r = x86;

	r.size = size;
	return r;
}

static void describe(const struct crash_hole_request *r,
		     const struct crash_hole_choice *c, char *buf, size_t len)
{
	crash_hole_describe(r, c, buf, len);
	print_message("%s: %s\n", crash_reserve_reason_name(c->reason), buf);
}

static void test_low_top_down(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 1 * G - 128 * 1024 } };
	struct crash_hole_request r = req_of(256 * M);
	struct crash_hole_choice c;
	char buf[256];

	assert_int_equal(crash_hole_pick(map, 1, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_LOW);
	assert_int_equal(c.base, 0x2f000000);
	assert_int_equal(c.low_size, 0);
	describe(&r, &c, buf, sizeof(buf));
	assert_string_equal(buf, "reserved 256 MiB at 0x2f000000 below 4 GiB, top-down, 16 MiB aligned");
}

static void test_high_fallback(void **state)
{
	const struct crash_hole_range map[] = {
		{ 1 * M, 640 * 1024 * 1024ULL }, { 1 * G, 3 * G }, { 4 * G, 12 * G },
	};
	struct crash_hole_request r = req_of(4 * G);
	struct crash_hole_choice c;
	char buf[256];

	assert_int_equal(crash_hole_pick(map, 3, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_HIGH_FALLBACK);
	assert_int_equal(c.base, 8 * G);
	assert_int_equal(c.low_size, 256 * M);
	assert_int_equal(c.low_base, 3 * G - 256 * M);
	assert_int_equal(c.largest_size, 2 * G);
	assert_int_equal(c.largest_base, 1 * G);
	describe(&r, &c, buf, sizeof(buf));
	assert_non_null(strstr(buf, "no 4 GiB hole below 4 GiB (largest is 2 GiB at 0x40000000)"));
	assert_non_null(strstr(buf, "with a 256 MiB low chunk at 0xb0000000"));
}

static void test_high_as_asked(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 3 * G }, { 4 * G, 12 * G } };
	struct crash_hole_request r = req_of(512 * M);
	struct crash_hole_choice c;
	char buf[256];

	r.high = true;
	r.low_size = 72 * M;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_HIGH);
	assert_int_equal(c.base, 12 * G - 512 * M);
	assert_int_equal(c.low_size, 72 * M);
	assert_int_equal(c.low_base, (3 * G - 72 * M) / (16 * M) * (16 * M));
	describe(&r, &c, buf, sizeof(buf));

	/* crashkernel=0,low: no low chunk at all */
	r.low_size = 0;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_HIGH);
	assert_int_equal(c.low_size, 0);
}

static void test_high_falls_back_low(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 2 * G } };
	struct crash_hole_request r = req_of(512 * M);
	struct crash_hole_choice c;
	char buf[256];

	r.high = true;
	r.low_size = 256 * M;
	assert_int_equal(crash_hole_pick(map, 1, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_LOW_FALLBACK);
	assert_int_equal(c.base, 2 * G - 512 * M);
	assert_int_equal(c.low_size, 0);
	describe(&r, &c, buf, sizeof(buf));
	assert_non_null(strstr(buf, "no 512 MiB hole above 4 GiB"));
}

static void test_fixed(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 256 * M }, { 512 * M, 1 * G } };
	struct crash_hole_request r = req_of(64 * M);
	struct crash_hole_choice c;
	char buf[256];

	r.fixed = true;
	r.base = 16 * M;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_FIXED);
	assert_int_equal(c.base, 16 * M);

	r.base = 17 * M;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), -EINVAL);
	assert_int_equal(c.reason, CRASH_RESERVE_E_FIXED_ALIGN);
	describe(&r, &c, buf, sizeof(buf));
	assert_non_null(strstr(buf, "0x1100000 is not 16 MiB aligned"));

	/* straddles the hole between the two ranges */
	r.base = 224 * M;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), -ENOMEM);
	assert_int_equal(c.reason, CRASH_RESERVE_E_FIXED_BUSY);
	describe(&r, &c, buf, sizeof(buf));
	assert_non_null(strstr(buf, "64 MiB at 0xe000000 is not all free RAM"));
}

static void test_no_hole(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 97 * M } };
	struct crash_hole_request r = req_of(128 * M);
	struct crash_hole_choice c;
	char buf[256];

	assert_int_equal(crash_hole_pick(map, 1, &r, &c), -ENOMEM);
	assert_int_equal(c.reason, CRASH_RESERVE_E_NO_HOLE);
	assert_int_equal(c.largest_size, 81 * M);
	assert_int_equal(c.largest_base, 16 * M);
	describe(&r, &c, buf, sizeof(buf));
	assert_string_equal(buf, "failed: no 128 MiB hole anywhere; largest is 81 MiB at 0x1000000");
}

static void test_low_chunk_fails(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 200 * M }, { 4 * G, 8 * G } };
	struct crash_hole_request r = req_of(1 * G);
	struct crash_hole_choice c;
	char buf[256];

	r.high = true;
	r.low_size = 256 * M;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), -ENOMEM);
	assert_int_equal(c.reason, CRASH_RESERVE_E_LOW_CHUNK);
	describe(&r, &c, buf, sizeof(buf));
	assert_non_null(strstr(buf, "crashkernel=0,low"));
}

/* The first page is never handed out, as memblock. */
static void test_not_page_zero(void **state)
{
	const struct crash_hole_range map[] = { { 0, 16 * M + 4096 } };
	struct crash_hole_request r = req_of(16 * M);
	struct crash_hole_choice c;

	r.align = 4096;
	assert_int_equal(crash_hole_pick(map, 1, &r, &c), 0);
	assert_int_equal(c.base, 4096);
	r.align = 16 * M;
	assert_int_equal(crash_hole_pick(map, 1, &r, &c), -ENOMEM);
}

static u64 rng = 88172645463325252ULL;

static u64 rnd(u64 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* The highest aligned base in [lo, hi) that fits, by plain enumeration per range. */
static bool reference_top(const struct crash_hole_range *map, int nr, u64 lo, u64 hi,
			  u64 size, u64 align, u64 *base)
{
	bool found = false;

	for (int i = 0; i < nr; i++) {
		u64 s = map[i].start > lo ? map[i].start : lo;
		u64 e = map[i].end < hi ? map[i].end : hi;

		if (s < 4096)
			s = 4096;
		for (u64 b = (e / align) * align; e > s && b >= s; b -= align) {
			if (b + size <= e) {
				if (!found || b > *base)
					*base = b;
				found = true;
				break;
			}
			if (b < align)
				break;
		}
	}
	return found;
}

/* Random maps: every choice is free, aligned, and the top-most in its window. */
static void test_random_maps(void **state)
{
	for (int iter = 0; iter < 20000; iter++) {
		struct crash_hole_range map[8];
		struct crash_hole_request r = req_of((1 + rnd(64)) * 16 * M);
		struct crash_hole_choice c;
		u64 at = rnd(4) * M, expect;
		int nr = 1 + rnd(8), ret;

		for (int i = 0; i < nr; i++) {
			map[i].start = at + rnd(1024) * M;
			map[i].end = map[i].start + (1 + rnd(2048)) * M;
			at = map[i].end + rnd(2) * G;
		}
		r.high = rnd(4) == 0;
		r.low_size = r.high ? rnd(3) * 128 * M : 0;
		ret = crash_hole_pick(map, nr, &r, &c);
		if (ret) {
			assert_true(c.reason >= CRASH_RESERVE_E_PARSE);
			/* nothing fits in either window; a region may not straddle low_max */
			if (c.reason == CRASH_RESERVE_E_NO_HOLE) {
				assert_false(reference_top(map, nr, 0, r.low_max, r.size, r.align, &expect));
				assert_false(reference_top(map, nr, r.low_max, r.high_max, r.size, r.align, &expect));
			}
			continue;
		}
		assert_int_equal(c.base % r.align, 0);
		if (c.reason == CRASH_RESERVE_LOW || c.reason == CRASH_RESERVE_LOW_FALLBACK) {
			assert_true(reference_top(map, nr, 0, r.low_max, r.size, r.align, &expect));
			assert_int_equal(c.base, expect);
		} else {
			assert_true(reference_top(map, nr, r.low_max, r.high_max, r.size, r.align, &expect));
			assert_int_equal(c.base, expect);
			if (c.low_size)
				assert_true(c.low_base + c.low_size <= r.low_max);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_low_top_down),
		cmocka_unit_test(test_high_fallback),
		cmocka_unit_test(test_high_as_asked),
		cmocka_unit_test(test_high_falls_back_low),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_no_hole),
		cmocka_unit_test(test_low_chunk_fails),
		cmocka_unit_test(test_not_page_zero),
		cmocka_unit_test(test_random_maps),
	};

	return cmocka_run_group_tests_name("crash_hole", tests, NULL, NULL);
}
