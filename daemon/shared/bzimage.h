/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 boot protocol's setup header of a bzImage, as kexec_file_load() reads it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "problem.h"

struct bzimage_info {
	uint16_t protocol;		/* 0x020f is 2.15 */
	uint32_t kernel_alignment;
	uint32_t init_size;		/* memory the kernel needs to decompress and boot */
	uint64_t pref_address;
	uint16_t xloadflags;
	size_t setup_size;		/* real-mode part, in bytes */
	bool signed_pe;			/* has a PE certificate table (Secure Boot signature) */
	uint32_t sig_offset, sig_size;
	char version[128];		/* "6.12.117+ (root@vm) #2 SMP ..." */
};

/* Beyond what any kernel needs: a larger value is a corrupt header, not a big kernel. */
#define BZIMAGE_MAX_INIT_SIZE (1U << 30)
#define BZIMAGE_MAX_ALIGNMENT (1U << 30)

/* The first bytes of a bzImage, to tell it from other files. */
int bzimage_probe(const void *data, size_t size);
int bzimage_inspect(const void *data, size_t size, struct bzimage_info *info, struct problem *p);
