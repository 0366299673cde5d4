/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A file system's type, UUID and label from its superblock, for finding
 * the dump target in the capture kernel, where there is no udev or blkid.
 * ext2/3/4, XFS and btrfs.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fs_id {
	char type[8];		/* "ext4", "xfs", "btrfs" */
	char uuid[37];		/* lowercase, with dashes */
	char label[64];
};

/* Identifies the file system in the first bytes of a device (128 KiB suffice). */
bool fs_probe_buffer(const unsigned char *buf, size_t len, struct fs_id *id);
int fs_probe_device(const char *dev, struct fs_id *id);
/* Does "UUID=...", "LABEL=..." match @id? */
bool fs_id_matches(const struct fs_id *id, const char *spec);
