/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test vectors of the crashkernel= parser, written once and run both by the
 * host unit test (tests/unit/) and by the KUnit suite in the kernel.
 */
#ifndef _CRASH_RESERVE_PARSE_VECTORS_H
#define _CRASH_RESERVE_PARSE_VECTORS_H

#include "crash_reserve_parse.h"

#include "crash_reserve_vector_units.h"

#define CRASHK_VEC_DEFAULT_LOW	(256 * MiB)

struct crashk_good_vector {
	const char *cmdline;
	u64 ram;
	enum crashk_form form;
	u64 size;
	u64 base;
	bool fixed;
	bool high;
	u64 low_size;
	int range_index;
	unsigned int overridden;
};

static const struct crashk_good_vector crashk_good[] = {
	{ "crashkernel=256M", 2 * GiB, CRASHK_FORM_SIMPLE, 256 * MiB },
	{ "quiet crashkernel=256M splash", 2 * GiB, CRASHK_FORM_SIMPLE, 256 * MiB },
	{ "crashkernel=0x10000000", 2 * GiB, CRASHK_FORM_SIMPLE, 256 * MiB },
	{ "crashkernel=262144K", 2 * GiB, CRASHK_FORM_SIMPLE, 256 * MiB },
	{ "crashkernel=1g", 2 * GiB, CRASHK_FORM_SIMPLE, GiB },
	{ "crashkernel=010M", 2 * GiB, CRASHK_FORM_SIMPLE, 8 * MiB },	/* octal, as memparse */
	{ "crashkernel=0x1e", 2 * GiB,
	  CRASHK_FORM_SIMPLE, 30 },		/* 'e' is a hex digit */
	{ "crashkernel=268435456", 2 * GiB, CRASHK_FORM_SIMPLE, 256 * MiB },
	{ "crashkernel=64M@16M", 2 * GiB, CRASHK_FORM_SIMPLE, 64 * MiB, 16 * MiB, true },
	{ "crashkernel=64M@0", 2 * GiB, CRASHK_FORM_SIMPLE, 64 * MiB, 0, false },
	{ "crashkernel=512M-2G:64M,2G-:128M", 2 * GiB,
	  CRASHK_FORM_RANGE, 128 * MiB, .range_index = 1 },
	{ "crashkernel=512M-2G:64M,2G-:128M", 1 * GiB,
	  CRASHK_FORM_RANGE, 64 * MiB, .range_index = 0 },
	/* RAM a little short of 2 GiB rounds up to 2 GiB, as upstream */
	{ "crashkernel=512M-2G:64M,2G-:128M", 2 * GiB - 4 * MiB,
	  CRASHK_FORM_RANGE, 128 * MiB, .range_index = 1 },
	{ "crashkernel=512M-2G:64M,2G-:128M", 256 * MiB, CRASHK_FORM_RANGE, 0, .range_index = -1 },
	{ "crashkernel=0-2G:0,2G-:256M", 1 * GiB, CRASHK_FORM_RANGE, 0, .range_index = 0 },
	{ "crashkernel=1G-4G:192M@16M", 2 * GiB,
	  CRASHK_FORM_RANGE, 192 * MiB, 16 * MiB, true, .range_index = 0 },
	{ "crashkernel=512M,high", 8 * GiB,
	  CRASHK_FORM_HIGH, 512 * MiB, .high = true, .low_size = CRASHK_VEC_DEFAULT_LOW },
	{ "crashkernel=512M,high crashkernel=72M,low", 8 * GiB,
	  CRASHK_FORM_HIGH, 512 * MiB, .high = true, .low_size = 72 * MiB },
	{ "crashkernel=72M,low crashkernel=512M,high", 8 * GiB,
	  CRASHK_FORM_HIGH, 512 * MiB, .high = true, .low_size = 72 * MiB },
	{ "crashkernel=512M,high crashkernel=0,low", 8 * GiB,
	  CRASHK_FORM_HIGH, 512 * MiB, .high = true, .low_size = 0 },
	{ "crashkernel=128M crashkernel=256M", 2 * GiB,
	  CRASHK_FORM_SIMPLE, 256 * MiB, .overridden = 1 },
	{ "crashkernel=256M crashkernel=512M,high", 2 * GiB,
	  CRASHK_FORM_SIMPLE, 256 * MiB, .overridden = 1 },
	/* upstream reads crashkernel= after "--" too; so does this parser */
	{ "crashkernel=256M -- crashkernel=64M", 2 * GiB,
	  CRASHK_FORM_SIMPLE, 64 * MiB, .overridden = 1 },
	{ "dyndbg=\"file a.c +p\" crashkernel=64M", 2 * GiB, CRASHK_FORM_SIMPLE, 64 * MiB },
	{ "dyndbg=\"a crashkernel=1G\" crashkernel=64M", 2 * GiB,
	  CRASHK_FORM_SIMPLE, 64 * MiB, .overridden = 1 },
	{ "  crashkernel=64M  ", 2 * GiB, CRASHK_FORM_SIMPLE, 64 * MiB },
};

struct crashk_bad_vector {
	const char *cmdline;
	u64 ram;
	enum crashk_err code;
	size_t pos;
};

static const struct crashk_bad_vector crashk_bad[] = {
	{ "crashkernel=", 2 * GiB, CRASHK_E_EMPTY, 12 },
	{ "quiet crashkernel", 2 * GiB, CRASHK_E_EMPTY, 6 },
	{ "crashkernel=256Mx", 2 * GiB, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=256MB", 2 * GiB, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=256M\tquiet", 2 * GiB, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=abc", 2 * GiB, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=auto", 2 * GiB, CRASHK_E_AUTO, 12 },
	{ "crashkernel=autox", 2 * GiB, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=-64M", 2 * GiB, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=\"64M\"", 2 * GiB, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=0", 2 * GiB, CRASHK_E_ZERO, 12 },
	{ "crashkernel=0-:0", 2 * GiB, CRASHK_E_ZERO, 12 },
	{ "crashkernel=0-1G:0,1G-:0", 2 * GiB, CRASHK_E_ZERO, 12 },
	{ "crashkernel=0M@16M", 2 * GiB, CRASHK_E_ZERO, 12 },
	{ "crashkernel=99999999999999999999", 2 * GiB, CRASHK_E_OVERFLOW, 12 },
	{ "crashkernel=16E", 2 * GiB, CRASHK_E_OVERFLOW, 12 },
	{ "crashkernel=0x10000000000000000", 2 * GiB, CRASHK_E_OVERFLOW, 12 },
	{ "crashkernel=64M@", 2 * GiB, CRASHK_E_OFFSET, 15 },
	{ "crashkernel=64M@x", 2 * GiB, CRASHK_E_OFFSET, 15 },
	{ "crashkernel=64M@16Mjunk", 2 * GiB, CRASHK_E_TRAILING, 19 },
	{ "crashkernel=64M,foo", 2 * GiB, CRASHK_E_SUFFIX, 15 },
	{ "crashkernel=64M,hig", 2 * GiB, CRASHK_E_SUFFIX, 15 },
	{ "crashkernel=2G-1G:64M", 4 * GiB, CRASHK_E_RANGE_REVERSED, 12 },
	{ "crashkernel=1G-1G:64M", 4 * GiB, CRASHK_E_RANGE_REVERSED, 12 },
	{ "crashkernel=0-2G:64M,1G-:128M", 4 * GiB, CRASHK_E_RANGE_OVERLAP, 21 },
	{ "crashkernel=0-:64M,2G-:128M", 4 * GiB, CRASHK_E_RANGE_OVERLAP, 19 },
	{ "crashkernel=2G-:128M,0-1G:64M", 4 * GiB, CRASHK_E_RANGE_OVERLAP, 21 },
	{ "crashkernel=512M:64M", 2 * GiB, CRASHK_E_RANGE_DASH, 16 },
	{ "crashkernel=0-1G64M:1G", 2 * GiB, CRASHK_E_RANGE_COLON, 16 },
	{ "crashkernel=0-1G64M", 2 * GiB, CRASHK_E_ZERO, 12 },	/* no colon: the simple form */
	{ "crashkernel=0-1G:", 2 * GiB, CRASHK_E_NUMBER, 17 },
	{ "crashkernel=0-1G:64M,", 2 * GiB, CRASHK_E_NUMBER, 21 },
	{ "crashkernel=0-4G:64M,x", 2 * GiB, CRASHK_E_NUMBER, 21 },
	{ "crashkernel=0-4G:64Mjunk", 2 * GiB, CRASHK_E_TRAILING, 20 },
	{ "crashkernel=0-4G:64M@", 2 * GiB, CRASHK_E_OFFSET, 20 },
	{ "foo.crashkernel=64M", 2 * GiB, CRASHK_E_NAME, 4 },
	{ "quiet xcrashkernel=64M crashkernel=64M", 2 * GiB, CRASHK_E_NAME, 7 },
	{ "opt=\"crashkernel=64M\"", 2 * GiB, CRASHK_E_NAME, 5 },
	{ "crashkernel=1Gcrashkernel=64M", 2 * GiB, CRASHK_E_NAME, 14 },
	{ "crashkernel=4G", 2 * GiB, CRASHK_E_TOO_LARGE, 12 },
	{ "crashkernel=2G", 2 * GiB, CRASHK_E_TOO_LARGE, 12 },
	{ "crashkernel=0-1G:2G,1G-:64M", 2 * GiB, CRASHK_E_TOO_LARGE, 17 },
	{ "crashkernel=4G,high", 2 * GiB, CRASHK_E_TOO_LARGE, 12 },
	{ "crashkernel=72M,low", 2 * GiB, CRASHK_E_LOW_WITHOUT_HIGH, 0 },
	{ "crashkernel=0,high", 2 * GiB, CRASHK_E_ZERO, 12 },
	{ "crashkernel=,high", 2 * GiB, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=512M@1G,high", 8 * GiB, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=512M,low,high", 8 * GiB, CRASHK_E_SUFFIX, 16 },
	{ "crashkernel=512M,high crashkernel=72Mx,low", 8 * GiB, CRASHK_E_TRAILING, 37 },
};

#endif /* _CRASH_RESERVE_PARSE_VECTORS_H */
