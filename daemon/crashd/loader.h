/* SPDX-License-Identifier: GPL-2.0-only */
/* Which loader arms the panic kernel: the kernel's (Loader=file) or crashd's own (Loader=elf). */
#pragma once

#include <stdbool.h>

#include "problem.h"
#include "region.h"

/*
 * Loads the panic kernel with @loader ("file" or "elf"). @beside (file
 * only) keeps the armed image until the new one is in. Returns -errno;
 * @p says why for either loader.
 */
int loader_load(const char *loader, const struct crash_region *region, int kernel_fd, const char *kernel_path,
		int initrd_fd, const char *cmdline, bool beside, struct problem *p);
