// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: a crash image placed beside an armed one, through the kernel's own
 * placement (kexec_locate_mem_hole()) and crash control-page allocator, in
 * the real crash kernel region. The images are made up and nothing is
 * written to the region: placement only computes addresses.
 */
#include <kunit/test.h>
#include <linux/kexec.h>
#include <linux/sizes.h>

#include "kexec_internal.h"

static unsigned long base, top;

static int swap_test_init(struct kunit *test)
{
	if (!crashk_res.end || resource_size(&crashk_res) < SZ_64M)
		kunit_skip(test, "needs crashkernel= of at least 64M");
	base = crashk_res.start;
	top = crashk_res.end + 1;
	return 0;
}

static struct kimage *swap_image(struct kunit *test, struct kimage *beside)
{
	struct kimage *img = kunit_kzalloc(test, sizeof(*img), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, img);
	img->type = KEXEC_TYPE_CRASH;
	img->control_page = base;
	img->crash_beside = beside;
	return img;
}

static void swap_segment(struct kimage *img, unsigned long mem, unsigned long memsz)
{
	img->segment[img->nr_segments].mem = mem;
	img->segment[img->nr_segments].memsz = memsz;
	img->nr_segments++;
}

/* An armed image's control pages: [start, end) as its allocator left them. */
static void swap_control(struct kimage *img, unsigned long start, unsigned long end)
{
	img->control_code_page = pfn_to_page(PHYS_PFN(start));
	img->control_page = end;
}

static int swap_place(struct kimage *img, unsigned long memsz, unsigned long align,
		      bool top_down, unsigned long *mem)
{
	struct kexec_buf kbuf = {
		.image = img,
		.buf_min = 0,
		.buf_max = ULONG_MAX,
		.memsz = memsz,
		.buf_align = align,
		.top_down = top_down,
		.mem = KEXEC_BUF_MEM_UNKNOWN,
	};
	int ret = kexec_locate_mem_hole(&kbuf);

	*mem = kbuf.mem;
	return ret;
}

static void swap_test_alone(struct kunit *test)
{
	struct kimage *new = swap_image(test, NULL);
	unsigned long mem;

	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_4M, PAGE_SIZE, true, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem, top - SZ_4M);
}

/* Top-down placement overlapping the armed image moves below it, adjacent. */
static void swap_test_overlapping(struct kunit *test)
{
	struct kimage *armed = swap_image(test, NULL);
	struct kimage *new = swap_image(test, armed);
	unsigned long mem;

	swap_segment(armed, top - SZ_8M, SZ_8M);
	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_4M, PAGE_SIZE, true, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem + SZ_4M, top - SZ_8M);

	/* Aligned: the next 2 MiB boundary below, not the next page. */
	swap_segment(armed, top - SZ_8M - SZ_1M, SZ_1M);
	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_2M, SZ_2M, true, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem, ALIGN_DOWN(top - SZ_8M - SZ_1M - SZ_2M, SZ_2M));
}

/* Bottom-up placement starts right after the armed image's control pages. */
static void swap_test_adjacent(struct kunit *test)
{
	struct kimage *armed = swap_image(test, NULL);
	struct kimage *new = swap_image(test, armed);
	unsigned long mem;

	swap_segment(armed, base, SZ_1M);
	swap_control(armed, base + SZ_1M, base + SZ_1M + 4 * PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_64K, PAGE_SIZE, false, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem, base + SZ_1M + 4 * PAGE_SIZE);
}

/* An armed image that leaves 4 MiB free, at 16 MiB into the region. */
static struct kimage *swap_armed_gap(struct kunit *test)
{
	struct kimage *armed = swap_image(test, NULL);

	swap_segment(armed, base, SZ_16M);
	swap_segment(armed, base + SZ_16M + SZ_4M, top - base - SZ_16M - SZ_4M);
	return armed;
}

/* Exactly the gap: a 4 MiB segment fits either way. */
static void swap_test_exact(struct kunit *test)
{
	struct kimage *new = swap_image(test, swap_armed_gap(test));
	unsigned long mem;

	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_4M, PAGE_SIZE, true, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem, base + SZ_16M);
	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_4M, PAGE_SIZE, false, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem, base + SZ_16M);
}

/* One page more than the gap: no room, whichever direction. */
static void swap_test_not_fitting(struct kunit *test)
{
	struct kimage *new = swap_image(test, swap_armed_gap(test));
	unsigned long mem;

	KUNIT_EXPECT_EQ(test, swap_place(new, SZ_4M + PAGE_SIZE, PAGE_SIZE, true, &mem),
			-EADDRNOTAVAIL);
	KUNIT_EXPECT_EQ(test, swap_place(new, SZ_4M + PAGE_SIZE, PAGE_SIZE, false, &mem),
			-EADDRNOTAVAIL);
	/* And the new image's own segments still count as well. */
	swap_segment(new, base + SZ_16M, SZ_2M);
	KUNIT_EXPECT_EQ(test, swap_place(new, SZ_4M, PAGE_SIZE, true, &mem), -EADDRNOTAVAIL);
	KUNIT_ASSERT_EQ(test, swap_place(new, SZ_2M, PAGE_SIZE, true, &mem), 0);
	KUNIT_EXPECT_EQ(test, mem, base + SZ_16M + SZ_2M);
}

/* Control pages skip the armed image's control pages and segments. */
static void swap_test_control_pages(struct kunit *test)
{
	struct kimage *armed = swap_image(test, NULL);
	struct kimage *new = swap_image(test, armed);
	struct page *page;

	swap_segment(armed, base, SZ_1M);
	swap_control(armed, base + SZ_1M, base + SZ_1M + 3 * PAGE_SIZE);
	swap_segment(armed, base + SZ_1M + 3 * PAGE_SIZE, SZ_1M);
	swap_segment(new, base + SZ_2M + 3 * PAGE_SIZE, PAGE_SIZE);

	page = kimage_alloc_control_pages(new, 0);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, page_to_phys(page), base + SZ_2M + 4 * PAGE_SIZE);
	/* An order-1 allocation is aligned to 8 KiB past that page. */
	page = kimage_alloc_control_pages(new, 1);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, page_to_phys(page), base + SZ_2M + 6 * PAGE_SIZE);
}

/* Nothing left above the cursor but the armed image: no control page. */
static void swap_test_control_full(struct kunit *test)
{
	struct kimage *armed = swap_image(test, NULL);
	struct kimage *new = swap_image(test, armed);
	struct page *page;

	swap_segment(armed, base + SZ_1M, top - base - SZ_1M - PAGE_SIZE);
	new->control_page = base + SZ_1M;
	page = kimage_alloc_control_pages(new, 0);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, page_to_phys(page), top - PAGE_SIZE);
	KUNIT_EXPECT_NULL(test, kimage_alloc_control_pages(new, 0));
}

static struct kunit_case swap_test_cases[] = {
	KUNIT_CASE(swap_test_alone),
	KUNIT_CASE(swap_test_overlapping),
	KUNIT_CASE(swap_test_adjacent),
	KUNIT_CASE(swap_test_exact),
	KUNIT_CASE(swap_test_not_fitting),
	KUNIT_CASE(swap_test_control_pages),
	KUNIT_CASE(swap_test_control_full),
	{}
};

static struct kunit_suite swap_test_suite = {
	.name = "crash_reserve_swap",
	.init = swap_test_init,
	.test_cases = swap_test_cases,
};

kunit_test_suite(swap_test_suite);
