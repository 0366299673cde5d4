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
int crash_hole_describe(const struct crash_hole_request *req,
			const struct crash_hole_choice *choice,
			char *buf, size_t len);
const char *crash_reserve_reason_name(enum crash_reserve_reason reason);

#endif /* _CRASH_HOLE_H */
