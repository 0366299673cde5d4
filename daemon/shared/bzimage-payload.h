/* SPDX-License-Identifier: GPL-2.0-only */
/* The vmlinux ELF inside a bzImage: its compressed payload, decompressed. */
#pragma once

#include <stddef.h>

#include "bzimage.h"
#include "decompress.h"
#include "problem.h"

/*
 * Decompresses the payload of the bzImage @data (already checked by
 * bzimage_inspect() into @info) into @out, at most init_size bytes.
 */
int bzimage_vmlinux(const void *data, size_t size, const struct bzimage_info *info, struct decompressed *out,
		    struct problem *p);
