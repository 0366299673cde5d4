/* SPDX-License-Identifier: GPL-2.0-only */
/* Where the crash region is: the patched kernel's sysfs, or a stock kernel's iomem. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "problem.h"

struct region_paths {
	const char *sysfs_dir;		/* /sys/kernel/crash_reserve */
	const char *iomem;		/* /proc/iomem */
	const char *kexec_crash_size;	/* /sys/kernel/kexec_crash_size */
};

extern const struct region_paths region_paths_default;

struct crash_region {
	const char *source;		/* "sysfs" or "iomem" */
	uint64_t size;			/* of the main region; what the image must fit in */
	uint64_t base;
	uint64_t low_base, low_size;
	bool addresses_known;		/* false when this user may not see them */
	uint64_t generation;		/* sysfs only; 0 otherwise */
	char reason[256];		/* sysfs only, when readable */
	char requested[256];		/* sysfs only */
};

/*
 * Finds the region. Returns 0 with @r filled (size 0: nothing reserved,
 * and @p says why), or a negative errno with @p filled.
 */
int region_discover(const struct region_paths *paths, struct crash_region *r, struct problem *p);
