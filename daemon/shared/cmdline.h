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
 * A capture that fails must end in a reboot, never hang: panic=10, and an
 * oops or running out of memory is a panic (a capture kernel that lost a
 * task, or the OOM killer's victim, saves nothing anyway). The collector
 * logs through /dev/kmsg, unthrottled, so its words are in the kernel's
 * log that ramoops keeps.
 */
#define CAPTURE_CMDLINE "nr_cpus=1 reset_devices panic=10 oops=panic sysctl.vm.panic_on_oom=1 printk.devkmsg=on " \
	"transparent_hugepage=never novmcoredd swiotlb=1024"
