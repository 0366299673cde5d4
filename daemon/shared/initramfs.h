/* SPDX-License-Identifier: GPL-2.0-only */
/* Recognising an initramfs: newc cpio archives, possibly compressed or concatenated. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "problem.h"

struct initramfs_info {
	unsigned cpio_archives;		/* newc archives walked, compressed ones too */
	unsigned cpio_entries;
	const char *compression;	/* of the last compressed part, or NULL */
	size_t cpio_bytes;		/* the uncompressed archives at the start, with padding */
	size_t unpacked_bytes;		/* every archive, decompressed */
};

/* More than any capture initramfs unpacks to: the capture kernel holds it all in memory. */
#define INITRAMFS_MAX_UNPACKED (1ULL << 30)

/*
 * Walks every archive as the kernel would unpack it, decompressing the
 * compressed ones (at most @max_unpacked bytes each): a file cut short or
 * corrupt anywhere is refused, with the offset.
 */
int initramfs_inspect_max(const void *data, size_t size, size_t max_unpacked, struct initramfs_info *info,
			  struct problem *p);
int initramfs_inspect(const void *data, size_t size, struct initramfs_info *info, struct problem *p);
