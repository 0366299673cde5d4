/* SPDX-License-Identifier: GPL-2.0-only */
/* The capture kernel's command line, derived from the running one. */
#pragma once

/*
 * Drops from @running what must not reach the capture kernel (the
 * reservation, CPU and memory layout settings that would not fit the small
 * region), appends CAPTURE_CMDLINE and @append. Returns -ENOMEM or 0.
 */
int capture_cmdline(const char *running, const char *append, char **ret);

/*
 * What every capture kernel gets; documented in crashd.conf(5). swiotlb=:
 * a 2 MiB bounce buffer; the default 64 MiB does not fit a small region,
 * and the 16 MiB the kernel then settles for is a fifth of crashkernel=80M.
 */
#define CAPTURE_CMDLINE "nr_cpus=1 reset_devices panic=10 transparent_hugepage=never novmcoredd swiotlb=1024"
