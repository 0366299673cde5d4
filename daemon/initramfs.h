/* SPDX-License-Identifier: GPL-2.0-only */
/* Recognising an initramfs: newc cpio archives, possibly compressed or concatenated. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "problem.h"

struct initramfs_info {
	unsigned cpio_archives;		/* uncompressed newc archives walked */
	unsigned cpio_entries;
	const char *compression;	/* of the part after them, or NULL */
	size_t cpio_bytes;		/* uncompressed archives, with padding */
};

int initramfs_inspect(const void *data, size_t size, struct initramfs_info *info, struct problem *p);
