// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the hole picker: whatever the memory map and the
 * request, a chosen region is aligned, lies in free memory, does not
 * overlap its low chunk, and the explanation fits any buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crash_hole.h"

static u64 take(const uint8_t **data, size_t *size)
{
	u64 v = 0;
	size_t n = *size < sizeof(v) ? *size : sizeof(v);

	memcpy(&v, *data, n);
	*data += n;
	*size -= n;
	return v;
}

static bool inside(const struct crash_hole_range *map, unsigned int nr,
		   u64 base, u64 size)
{
	for (unsigned int i = 0; i < nr; i++)
		if (base >= map[i].start && base + size <= map[i].end &&
		    base + size >= base)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crash_hole_range map[16];
	struct crash_hole_request r = {};
	struct crash_hole_choice c;
	unsigned int nr = 0;
	u64 at = 0, flags;
	char small[17], big[512];

	r.size = take(&data, &size) >> (take(&data, &size) & 63);
	r.align = 1ULL << (take(&data, &size) % 40);
	r.low_max = take(&data, &size) >> 20;
	r.high_max = r.low_max + (take(&data, &size) >> 16);
	r.base = take(&data, &size) >> 24;
	flags = take(&data, &size);
	r.fixed = flags & 1;
	r.high = flags & 2;
	r.low_size = take(&data, &size) >> 32;
	r.default_low_size = take(&data, &size) >> 32;

	/* Ascending, non-overlapping ranges from the rest of the input. */
	while (size >= 2 * sizeof(u32) && nr < 16) {
		u64 gap = take(&data, &size) & 0xffffffffffULL;
		u64 len = take(&data, &size) & 0xffffffffffULL;

		if (at + gap < at || at + gap + len < at + gap)
			break;
		map[nr].start = at + gap;
		map[nr].end = at + gap + len;
		at = map[nr].end;
		nr++;
	}

	if (crash_hole_pick(map, nr, &r, &c) == 0) {
		if (c.base % r.align || !inside(map, nr, c.base, c.size))
			abort();
		if (c.low_size) {
			if (!inside(map, nr, c.low_base, c.low_size))
				abort();
			if (c.low_base < c.base + c.size &&
			    c.base < c.low_base + c.low_size)
				abort();
		}
	}
	if (crash_hole_describe(&r, &c, small, sizeof(small)) < 0 ||
	    strlen(small) >= sizeof(small))
		abort();
	crash_hole_describe(&r, &c, big, sizeof(big));
	return 0;
}
