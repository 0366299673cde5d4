/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Choosing the crash kernel region from the free physical memory.
 */
#ifndef _CRASH_HOLE_H
#define _CRASH_HOLE_H

#include <linux/types.h>
#include <uapi/linux/crash_reserve.h>

/* Free physical memory [start, end), ascending and non-overlapping. */
struct crash_hole_range {
	u64 start;
	u64 end;
};

struct crash_hole_request {
	u64 size;
	u64 align;		/* every base is a multiple of this */
	u64 low_max;		/* "low" memory ends here (4 GiB on x86-64) */
	u64 high_max;		/* nothing is placed at or above this */
	u64 base;		/* with @fixed: exactly here */
	bool fixed;
	bool high;		/* size,high: try above low_max first */
	u64 low_size;		/* low chunk when the region ends up high */
	u64 default_low_size;	/* low chunk for the fallback to high */
};

/*
 * What the architecture allows: x86-64's values, as
 * arch/x86/include/asm/crash_reserve.h has them, are below; the kernel
 * build checks that they still match (crash_reserve_boot.c). The default
 * low chunk is max(swiotlb + 8 MiB, 256 MiB); 256 MiB with the default
 * 64 MiB swiotlb, which is all user space can know before a boot.
 */
struct crash_hole_limits {
	u64 align;
	u64 low_max;
	u64 high_max;
	u64 default_low_size;
};

#define CRASH_HOLE_X86_64_ALIGN		(16ULL << 20)
#define CRASH_HOLE_X86_64_LOW_MAX	(4ULL << 30)
#define CRASH_HOLE_X86_64_HIGH_MAX	(64ULL << 40)
#define CRASH_HOLE_X86_64_DEFAULT_LOW	(256ULL << 20)

#define CRASH_HOLE_LIMITS_X86_64 ((struct crash_hole_limits) {		\
	.align = CRASH_HOLE_X86_64_ALIGN,				\
	.low_max = CRASH_HOLE_X86_64_LOW_MAX,				\
	.high_max = CRASH_HOLE_X86_64_HIGH_MAX,				\
	.default_low_size = CRASH_HOLE_X86_64_DEFAULT_LOW,		\
})

struct crashk_request;

struct crash_hole_choice {
	enum crash_reserve_reason reason;
	u64 base;
	u64 size;
	u64 low_base;
	u64 low_size;
	/* Largest aligned hole where the first (or only) try failed. */
	u64 largest_base;
	u64 largest_size;
};

int crash_hole_pick(const struct crash_hole_range *free, unsigned int nr,
		    const struct crash_hole_request *req,
		    struct crash_hole_choice *choice);
void crash_hole_request_from(const struct crashk_request *req,
			     const struct crash_hole_limits *lim,
			     struct crash_hole_request *hreq);
int crash_hole_describe(const struct crash_hole_request *req,
			const struct crash_hole_choice *choice,
			char *buf, size_t len);
const char *crash_reserve_reason_name(enum crash_reserve_reason reason);

#endif /* _CRASH_HOLE_H */
