/* SPDX-License-Identifier: GPL-2.0-only */
/* Does a panic kernel with its initramfs fit the crash region? */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/*
 * What kexec_file_load() places in the region besides the kernel and the
 * initramfs: purgatory, boot parameters with the command line, and the ELF
 * core header, which with CONFIG_CRASH_HOTPLUG is sized for
 * CONFIG_CRASH_MAX_MEMORY_RANGES (8192 on Debian: 448 KiB). An upper bound.
 */
#define FIT_LOAD_OVERHEAD	(1ULL << 20)
/* Working memory of the capture kernel beyond its image, for the suggestion. */
#define FIT_WORKING_ROOM	(64ULL << 20)
#define FIT_ALIGN		(16ULL << 20)

struct fit {
	uint64_t kernel;	/* init_size, page aligned */
	uint64_t initrd;	/* page aligned */
	uint64_t needed;	/* everything that is loaded */
	uint64_t region;
	bool fits;
	uint64_t missing;	/* bytes short, when it does not fit */
	uint64_t suggest;	/* a crashkernel= size with working room */
};

void fit_check(uint64_t init_size, uint64_t initrd_size, uint64_t region_size, struct fit *f);
