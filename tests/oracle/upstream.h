/* SPDX-License-Identifier: GPL-2.0-only */
/* Upstream's parse_crashkernel(), extracted by tests/oracle/extract-upstream. */
#ifndef _CRASHD_UPSTREAM_H
#define _CRASHD_UPSTREAM_H

#include <stdbool.h>

/* x86-64 computes this at boot from the swiotlb size; tests set it. */
extern unsigned long long upstream_default_low_size;

int parse_crashkernel(char *cmdline, unsigned long long system_ram,
		      unsigned long long *crash_size,
		      unsigned long long *crash_base,
		      unsigned long long *low_size, bool *high);

#endif
