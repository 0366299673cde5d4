/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The smallest crashkernel= for a panic kernel, from measured sizes: what
 * crashctl estimate shows, and what crashd names when a capture ran out
 * of memory.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "panic-kernel.h"
#include "problem.h"

#define ESTIMATE_MIB (1ULL << 20)
#define ESTIMATE_LOAD_OVERHEAD (1 * ESTIMATE_MIB)
#define ESTIMATE_SLACK (4 * ESTIMATE_MIB)
/* Sizes are steps of this, as the tests bisect them. */
#define ESTIMATE_STEP (8 * ESTIMATE_MIB)
/* x86-64 kernels load on this boundary (CONFIG_PHYSICAL_ALIGN), losing up to as much. */

struct estimate {
	const char *kernel;		/* in: the panic kernel's bzImage */
	enum panic_kernel_kind kind;	/* in */
	char release[128];
	uint32_t init_size;
	uint32_t kernel_alignment;	/* the setup header's: where the kernel may land */
	uint64_t resident;		/* what the booted kernel keeps: its vmlinux's PT_LOAD span */
	uint64_t initrd, runtime, total;
	uint64_t swap_total;		/* the larger of total and estimate_swap() */
	char runtime_source[200];
	char assemble[512];		/* the dump target's Assemble=, "" for a plain partition */
	uint64_t assemble_bytes;	/* what assembling it adds to the initramfs (included in initrd) */
	char remote[600];		/* Target=ssh://..., "" for a disk */
	uint64_t remote_bytes;		/* what reaching it adds to the initramfs (included in initrd) */
};

/*
 * Fills @e for @e->kernel with the configuration @c: the initramfs is
 * c->initrd when @initrd_built, else the one crashd would build for that
 * kernel, built in a private directory to be measured. Problems name the
 * file and the fix.
 */
/*
 * The crashkernel= that holds a second image beside an armed one, for a
 * re-arm with no unprotected window: both images as loaded, each with its
 * alignment loss; an upper bound, in ESTIMATE_STEP.
 */
uint64_t estimate_swap(uint32_t init_size, uint32_t kernel_alignment, uint64_t initrd);
int estimate_compute(const struct crashd_config *c, bool initrd_built, struct estimate *e, struct problem *p);
/*
 * estimate_compute() for the panic kernel @c chooses and the initramfs in
 * use: what crashd names in its messages. 0, or -errno when it cannot say.
 */
int estimate_in_use(const struct crashd_config *c, struct estimate *e);
