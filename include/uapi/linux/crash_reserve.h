/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * crash_reserve: how the kernel chose the crash kernel region, as exported
 * in /sys/kernel/crash_reserve/. Shared by the kernel and crashd.
 */
#ifndef _UAPI_LINUX_CRASH_RESERVE_H
#define _UAPI_LINUX_CRASH_RESERVE_H

#define CRASH_RESERVE_SYSFS_DIR	"/sys/kernel/crash_reserve"

/*
 * The first word of the sysfs 'reason' file. Values at and above
 * CRASH_RESERVE_E_PARSE mean nothing was reserved.
 */
enum crash_reserve_reason {
	CRASH_RESERVE_NOT_REQUESTED,	/* "none": no crashkernel= */
	CRASH_RESERVE_LOW,		/* "low": below 4 GiB, first choice */
	CRASH_RESERVE_FIXED,		/* "fixed": at the @offset given */
	CRASH_RESERVE_HIGH,		/* "high": above 4 GiB as asked */
	CRASH_RESERVE_HIGH_FALLBACK,	/* "high-fallback": no room below 4 GiB */
	CRASH_RESERVE_LOW_FALLBACK,	/* "low-fallback": ,high but no room above */
	CRASH_RESERVE_ZERO_SIZE,	/* "zero": the range form asks for nothing */
	CRASH_RESERVE_E_PARSE,		/* "parse-error": malformed crashkernel= */
	CRASH_RESERVE_E_FIXED_BUSY,	/* "fixed-busy": @offset not free RAM */
	CRASH_RESERVE_E_FIXED_ALIGN,	/* "fixed-misaligned": @offset not aligned */
	CRASH_RESERVE_E_NO_HOLE,	/* "no-hole": nothing large enough */
	CRASH_RESERVE_E_LOW_CHUNK,	/* "no-low-chunk": high done, low failed */
	CRASH_RESERVE_E_MAX,
};

#endif /* _UAPI_LINUX_CRASH_RESERVE_H */
