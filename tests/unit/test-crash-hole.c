// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the hole picker (kernel/crash_hole.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "crash_hole.h"
#include "crash_hole_vectors.h"

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

/* The shared vectors, also run by the KUnit suite in the kernel. */
static void test_vectors(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(crash_hole_vectors); i++) {
		const struct crash_hole_vector *v = &crash_hole_vectors[i];
		struct crash_hole_request r = crash_hole_vector_request(v);
		struct crash_hole_choice c;

		print_message("%s\n", v->name);
		assert_int_equal(crash_hole_pick(v->map, v->nr, &r, &c), v->ret);
		assert_int_equal(c.reason, v->reason);
		if (v->ret)
			continue;
		assert_int_equal(c.base, v->expect_base);
		assert_int_equal(c.size, v->size);
		assert_int_equal(c.low_size, v->expect_low_size);
		if (v->expect_low_size)
			assert_int_equal(c.low_base, v->expect_low_base);
	}
}

/* What the administrator reads, for each vector in turn. */
static void test_sentences(void **state)
{
	static const char *const expect[] = {
		"reserved 256 MiB at 0x2f000000 below 4 GiB, top-down, 16 MiB aligned",
		"no 4 GiB hole below 4 GiB (largest is 2 GiB at 0x40000000); fell back above 4 GiB at 0x200000000 with a 256 MiB low chunk at 0xb0000000",
		"reserved 512 MiB at 0x2e0000000 above 4 GiB as asked, with a 72 MiB low chunk at 0xbb000000",
		"no 512 MiB hole above 4 GiB (no free memory there); fell back below 4 GiB at 0x60000000",
		"reserved 64 MiB at the requested 0x1000000",
		"failed: base 0x1100000 is not 16 MiB aligned; use a multiple of 16 MiB",
		"failed: 64 MiB at 0xe000000 is not all free RAM; drop @offset to let the kernel choose",
		"failed: no 128 MiB hole anywhere; largest is 81 MiB at 0x1000000",
		"failed: 1 GiB fits above 4 GiB but no 256 MiB low chunk below it (largest is 184 MiB at 0x1000000); crashkernel=0,low does without one",
	};
	char buf[256];

	assert_int_equal(ARRAY_SIZE(expect), ARRAY_SIZE(crash_hole_vectors));
	for (size_t i = 0; i < ARRAY_SIZE(crash_hole_vectors); i++) {
		const struct crash_hole_vector *v = &crash_hole_vectors[i];
		struct crash_hole_request r = crash_hole_vector_request(v);
		struct crash_hole_choice c;

		crash_hole_pick(v->map, v->nr, &r, &c);
		crash_hole_describe(&r, &c, buf, sizeof(buf));
		assert_string_equal(buf, expect[i]);
	}
}

/* crashkernel=0,low: no low chunk at all. */
static void test_no_low_chunk(void **state)
{
	const struct crash_hole_range map[] = { { 1 * M, 3 * G }, { 4 * G, 12 * G } };
	struct crash_hole_request r = req_of(512 * M);
	struct crash_hole_choice c;

	char buf[256];

	r.high = true;
	assert_int_equal(crash_hole_pick(map, 2, &r, &c), 0);
	assert_int_equal(c.reason, CRASH_RESERVE_HIGH);
	assert_int_equal(c.low_size, 0);
	/* Not "a 0 bytes low chunk at 0x0". */
	crash_hole_describe(&r, &c, buf, sizeof(buf));
	assert_string_equal(buf, "reserved 512 MiB at 0x2e0000000 above 4 GiB as asked, with no low chunk (crashkernel=0,low)");
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
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_no_low_chunk),
		cmocka_unit_test(test_not_page_zero),
		cmocka_unit_test(test_random_maps),
	};

	return cmocka_run_group_tests_name("crash_hole", tests, NULL, NULL);
}
