// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hole picker: where in free physical memory the crash kernel region
 * goes, and why. A pure function of the free ranges and the request, so
 * that the boot-time reservation and "crashctl plan" give the same answer
 * and both can say what would have fitted when nothing does.
 *
 * The policy is upstream x86's (Documentation/admin-guide/
 * crashd-reservation.rst): the highest aligned place below 4 GiB first,
 * where every kexec'd kernel can run; above 4 GiB with a low chunk for DMA
 * and swiotlb when that fails; the reverse order for size,high; exactly
 * the given place for size@offset. Each search is memblock's top-down
 * search, so the chosen base matches memblock_phys_alloc_range().
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include "crash_hole.h"
#include "crash_reserve_parse.h"

/* memblock never hands out the first page. */
#define CRASH_HOLE_MIN_ADDR	4096ULL

struct crash_hole_window {
	u64 lo;
	u64 hi;
	/* an earlier choice the search must step around */
	u64 busy_start;
	u64 busy_end;
};

/* One free range clipped to the window and with the busy range cut out. */
static unsigned int crash_hole_clip(const struct crash_hole_range *r,
				    const struct crash_hole_window *w,
				    struct crash_hole_range out[2])
{
	u64 start = max(r->start, max(w->lo, CRASH_HOLE_MIN_ADDR));
	u64 end = min(r->end, w->hi);
	unsigned int n = 0;

	if (start >= end)
		return 0;
	if (w->busy_end <= start || w->busy_start >= end) {
		out[n++] = (struct crash_hole_range){ start, end };
		return n;
	}
	if (start < w->busy_start)
		out[n++] = (struct crash_hole_range){ start, w->busy_start };
	if (w->busy_end < end)
		out[n++] = (struct crash_hole_range){ w->busy_end, end };
	return n;
}

/*
 * Top-down: the highest aligned base whose whole region is free, as
 * memblock's __memblock_find_range_top_down(). Also records the largest
 * aligned hole in the window for the explanation.
 */
static bool crash_hole_find(const struct crash_hole_range *free,
			    unsigned int nr, const struct crash_hole_window *w,
			    u64 size, u64 align, u64 *base,
			    struct crash_hole_choice *why)
{
	bool found = false;
	unsigned int i, j, n;

	for (i = nr; i-- > 0;) {
		struct crash_hole_range part[2];

		n = crash_hole_clip(&free[i], w, part);
		for (j = n; j-- > 0;) {
			u64 s = part[j].start, e = part[j].end;
			u64 first = (s + align - 1) / align * align;
			u64 cand;

			if (first < s)		/* wrapped */
				continue;
			if (first < e && e - first > why->largest_size) {
				why->largest_size = e - first;
				why->largest_base = first;
			}
			if (found || e < size)
				continue;
			cand = (e - size) / align * align;
			if (cand >= s) {
				*base = cand;
				found = true;
			}
		}
	}
	return found;
}

static int crash_hole_low_chunk(const struct crash_hole_range *free,
				unsigned int nr,
				const struct crash_hole_request *req,
				u64 low_size, struct crash_hole_choice *c)
{
	struct crash_hole_window w = {
		.lo = 0, .hi = req->low_max,
		.busy_start = c->base, .busy_end = c->base + c->size,
	};
	struct crash_hole_choice why = {};

	if (c->base < req->low_max || !low_size)
		return 0;
	if (!crash_hole_find(free, nr, &w, low_size, req->align,
			     &c->low_base, &why)) {
		c->reason = CRASH_RESERVE_E_LOW_CHUNK;
		c->low_size = low_size;
		c->largest_base = why.largest_base;
		c->largest_size = why.largest_size;
		return -ENOMEM;
	}
	c->low_size = low_size;
	return 0;
}

/**
 * crash_hole_pick - choose the crash kernel region
 * @free: free physical memory, ascending
 * @nr: number of entries in @free
 * @req: what was asked for
 * @choice: the choice and its reason; on failure the reason says why
 *
 * Return: 0 when @choice holds a region (and perhaps a low chunk), -ENOMEM
 * when nothing fits, -EINVAL for a request that cannot be met anywhere.
 */
int crash_hole_pick(const struct crash_hole_range *free, unsigned int nr,
		    const struct crash_hole_request *req,
		    struct crash_hole_choice *choice)
{
	struct crash_hole_window low = { .lo = 0, .hi = req->low_max };
	struct crash_hole_window high = { .lo = req->low_max, .hi = req->high_max };
	struct crash_hole_choice *c = choice;
	struct crash_hole_choice second = {};
	u64 low_size = req->low_size;

	memset(c, 0, sizeof(*c));
	c->size = req->size;
	if (!req->size || !req->align)
		return -EINVAL;

	if (req->fixed) {
		struct crash_hole_window at = {
			.lo = req->base, .hi = req->base + req->size,
		};

		if (req->base % req->align) {
			c->reason = CRASH_RESERVE_E_FIXED_ALIGN;
			return -EINVAL;
		}
		if (at.hi < at.lo ||
		    !crash_hole_find(free, nr, &at, req->size, req->align,
				     &c->base, &second)) {
			c->reason = CRASH_RESERVE_E_FIXED_BUSY;
			c->base = req->base;
			return -ENOMEM;
		}
		c->reason = CRASH_RESERVE_FIXED;
		return crash_hole_low_chunk(free, nr, req, low_size, c);
	}

	if (req->high) {
		if (crash_hole_find(free, nr, &high, req->size, req->align,
				    &c->base, c)) {
			c->reason = CRASH_RESERVE_HIGH;
			return crash_hole_low_chunk(free, nr, req, low_size, c);
		}
		if (req->low_max < req->high_max &&
		    crash_hole_find(free, nr, &low, req->size, req->align,
				    &c->base, &second)) {
			c->reason = CRASH_RESERVE_LOW_FALLBACK;
			return 0;
		}
	} else {
		if (crash_hole_find(free, nr, &low, req->size, req->align,
				    &c->base, c)) {
			c->reason = CRASH_RESERVE_LOW;
			return 0;
		}
		low_size = req->default_low_size;
		if (req->low_max < req->high_max &&
		    crash_hole_find(free, nr, &high, req->size, req->align,
				    &c->base, &second)) {
			c->reason = CRASH_RESERVE_HIGH_FALLBACK;
			return crash_hole_low_chunk(free, nr, req, low_size, c);
		}
	}
	/* Report the largest hole anywhere, not only in the first window. */
	if (second.largest_size > c->largest_size) {
		c->largest_size = second.largest_size;
		c->largest_base = second.largest_base;
	}
	c->reason = CRASH_RESERVE_E_NO_HOLE;
	return -ENOMEM;
}

static const char *const crash_reserve_reason_names[CRASH_RESERVE_E_MAX] = {
	[CRASH_RESERVE_NOT_REQUESTED]	= "none",
	[CRASH_RESERVE_LOW]		= "low",
	[CRASH_RESERVE_FIXED]		= "fixed",
	[CRASH_RESERVE_HIGH]		= "high",
	[CRASH_RESERVE_HIGH_FALLBACK]	= "high-fallback",
	[CRASH_RESERVE_LOW_FALLBACK]	= "low-fallback",
	[CRASH_RESERVE_ZERO_SIZE]	= "zero",
	[CRASH_RESERVE_E_PARSE]		= "parse-error",
	[CRASH_RESERVE_E_FIXED_BUSY]	= "fixed-busy",
	[CRASH_RESERVE_E_FIXED_ALIGN]	= "fixed-misaligned",
	[CRASH_RESERVE_E_NO_HOLE]	= "no-hole",
	[CRASH_RESERVE_E_LOW_CHUNK]	= "no-low-chunk",
};

const char *crash_reserve_reason_name(enum crash_reserve_reason reason)
{
	if (reason >= CRASH_RESERVE_E_MAX)
		return "unknown";
	return crash_reserve_reason_names[reason];
}

/*
 * Sizes in the unit an administrator writes them in; an odd size is
 * rounded down, so a reported hole is never larger than it is.
 */
static int crash_hole_size(char *buf, size_t len, u64 bytes)
{
	if (bytes && !(bytes & ((1ULL << 30) - 1)))
		return snprintf(buf, len, "%llu GiB", bytes >> 30);
	if (bytes >= 1ULL << 20)
		return snprintf(buf, len, "%llu MiB", bytes >> 20);
	if (bytes >= 1ULL << 10)
		return snprintf(buf, len, "%llu KiB", bytes >> 10);
	return snprintf(buf, len, "%llu bytes", bytes);
}

/**
 * crash_hole_request_from - the hole to look for, for a parsed crashkernel=
 * @req: what crashk_parse() returned, with a size
 * @lim: the architecture's limits
 * @hreq: filled in for crash_hole_pick()
 *
 * The one mapping from a request to a search, for the kernel at boot and
 * for crashctl plan before it.
 */
void crash_hole_request_from(const struct crashk_request *req,
			     const struct crash_hole_limits *lim,
			     struct crash_hole_request *hreq)
{
	*hreq = (struct crash_hole_request) {
		.size = req->size,
		.align = lim->align,
		.low_max = lim->low_max,
		.high_max = lim->high_max,
		.base = req->base,
		.fixed = req->fixed,
		.high = req->high,
		.low_size = req->low_size,
		.default_low_size = lim->default_low_size,
	};
}

/**
 * crash_hole_describe - one sentence on what crash_hole_pick() decided
 *
 * Return: the length snprintf() would have written.
 */
int crash_hole_describe(const struct crash_hole_request *req,
			const struct crash_hole_choice *c, char *buf, size_t len)
{
	char size[24], low[24], limit[24], largest[64], align[24];

	crash_hole_size(size, sizeof(size), c->size);
	crash_hole_size(low, sizeof(low), c->low_size);
	crash_hole_size(limit, sizeof(limit), req->low_max);
	crash_hole_size(align, sizeof(align), req->align);
	if (c->largest_size) {
		int n = snprintf(largest, sizeof(largest), "largest is ");

		n += crash_hole_size(largest + n, sizeof(largest) - n,
				     c->largest_size);
		snprintf(largest + n, sizeof(largest) - n, " at 0x%llx",
			 c->largest_base);
	} else {
		snprintf(largest, sizeof(largest), "no free memory there");
	}

	switch (c->reason) {
	case CRASH_RESERVE_LOW:
		return snprintf(buf, len,
				"reserved %s at 0x%llx below %s, top-down, %s aligned",
				size, c->base, limit, align);
	case CRASH_RESERVE_FIXED:
		return snprintf(buf, len, "reserved %s at the requested 0x%llx",
				size, c->base);
	case CRASH_RESERVE_HIGH:
		if (!c->low_size)
			return snprintf(buf, len,
					"reserved %s at 0x%llx above %s as asked, with no low chunk (crashkernel=0,low)",
					size, c->base, limit);
		return snprintf(buf, len,
				"reserved %s at 0x%llx above %s as asked, with a %s low chunk at 0x%llx",
				size, c->base, limit, low, c->low_base);
	case CRASH_RESERVE_HIGH_FALLBACK:
		if (!c->low_size)
			return snprintf(buf, len,
					"no %s hole below %s (%s); fell back above %s at 0x%llx",
					size, limit, largest, limit, c->base);
		return snprintf(buf, len,
				"no %s hole below %s (%s); fell back above %s at 0x%llx with a %s low chunk at 0x%llx",
				size, limit, largest, limit, c->base, low,
				c->low_base);
	case CRASH_RESERVE_LOW_FALLBACK:
		return snprintf(buf, len,
				"no %s hole above %s (%s); fell back below %s at 0x%llx",
				size, limit, largest, limit, c->base);
	case CRASH_RESERVE_E_FIXED_ALIGN:
		return snprintf(buf, len,
				"failed: base 0x%llx is not %s aligned; use a multiple of %s",
				req->base, align, align);
	case CRASH_RESERVE_E_FIXED_BUSY:
		return snprintf(buf, len,
				"failed: %s at 0x%llx is not all free RAM; drop @offset to let the kernel choose",
				size, req->base);
	case CRASH_RESERVE_E_NO_HOLE:
		return snprintf(buf, len, "failed: no %s hole anywhere; %s",
				size, largest);
	case CRASH_RESERVE_E_LOW_CHUNK:
		return snprintf(buf, len,
				"failed: %s fits above %s but no %s low chunk below it (%s); crashkernel=0,low does without one",
				size, limit, low, largest);
	default:
		return snprintf(buf, len, "%s",
				crash_reserve_reason_name(c->reason));
	}
}
