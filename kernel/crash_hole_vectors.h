/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test vectors of the hole picker, written once and run both by the host
 * unit test (tests/unit/) and by the KUnit suite in the kernel.
 */
#ifndef _CRASH_HOLE_VECTORS_H
#define _CRASH_HOLE_VECTORS_H

#include "crash_hole.h"

#include "crash_reserve_vector_units.h"

struct crash_hole_vector {
	const char *name;
	struct crash_hole_range map[3];
	unsigned int nr;
	u64 size;
	bool high;
	u64 low_size;
	bool fixed;
	u64 base;
	int ret;
	enum crash_reserve_reason reason;
	u64 expect_base;
	u64 expect_low_base;
	u64 expect_low_size;
};

static const struct crash_hole_vector crash_hole_vectors[] = {
	{ "1 GiB guest, 256M, top-down below 4 GiB",
	  { { MiB, GiB - 128 * 1024 } }, 1, 256 * MiB,
	  .reason = CRASH_RESERVE_LOW, .expect_base = 0x2f000000 },
	{ "no room below 4 GiB, high with the default low chunk",
	  { { MiB, 640 * MiB }, { GiB, 3 * GiB }, { 4 * GiB, 12 * GiB } }, 3,
	  4 * GiB, .reason = CRASH_RESERVE_HIGH_FALLBACK, .expect_base = 8 * GiB,
	  .expect_low_base = 3 * GiB - 256 * MiB, .expect_low_size = 256 * MiB },
	{ ",high with a 72M low chunk",
	  { { MiB, 3 * GiB }, { 4 * GiB, 12 * GiB } }, 2, 512 * MiB,
	  .high = true, .low_size = 72 * MiB, .reason = CRASH_RESERVE_HIGH,
	  .expect_base = 12 * GiB - 512 * MiB, .expect_low_base = 0xbb000000,
	  .expect_low_size = 72 * MiB },
	{ ",high without high memory falls back below 4 GiB",
	  { { MiB, 2 * GiB } }, 1, 512 * MiB, .high = true, .low_size = 256 * MiB,
	  .reason = CRASH_RESERVE_LOW_FALLBACK, .expect_base = 2 * GiB - 512 * MiB },
	{ "@16M, free", { { MiB, 256 * MiB } }, 1, 64 * MiB, .fixed = true,
	  .base = 16 * MiB, .reason = CRASH_RESERVE_FIXED, .expect_base = 16 * MiB },
	{ "@17M is not 16 MiB aligned", { { MiB, 256 * MiB } }, 1, 64 * MiB,
	  .fixed = true, .base = 17 * MiB, .ret = -EINVAL,
	  .reason = CRASH_RESERVE_E_FIXED_ALIGN },
	{ "@224M straddles a hole", { { MiB, 256 * MiB }, { 512 * MiB, GiB } }, 2,
	  64 * MiB, .fixed = true, .base = 224 * MiB, .ret = -ENOMEM,
	  .reason = CRASH_RESERVE_E_FIXED_BUSY },
	{ "128M in 96M of RAM", { { MiB, 97 * MiB } }, 1, 128 * MiB,
	  .ret = -ENOMEM, .reason = CRASH_RESERVE_E_NO_HOLE },
	{ "high fits, its low chunk does not",
	  { { MiB, 200 * MiB }, { 4 * GiB, 8 * GiB } }, 2, GiB, .high = true,
	  .low_size = 256 * MiB, .ret = -ENOMEM, .reason = CRASH_RESERVE_E_LOW_CHUNK },
};

/* The x86-64 constants the vectors assume. */
static inline struct crash_hole_request
crash_hole_vector_request(const struct crash_hole_vector *v)
{
	struct crash_hole_request r = {
		.size = v->size, .align = 16 * MiB, .low_max = 4 * GiB,
		.high_max = 64ULL << 40, .base = v->base, .fixed = v->fixed,
		.high = v->high, .low_size = v->low_size,
		.default_low_size = 256 * MiB,
	};

	return r;
}

#endif /* _CRASH_HOLE_VECTORS_H */
