/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a block device holds, as libblkid reads it: the file system's type,
 * UUID and label, and the partition's GPT UUID and name. crashd names the
 * dump target by these; the collector finds it by them, with no udev.
 */
#pragma once

#include <stdbool.h>

struct block_id {
	char type[32];		/* "ext4", "xfs", "linux_raid_member", "LVM2_member", "crypto_LUKS" */
	char usage[16];		/* "filesystem", "raid", "crypto" */
	char uuid[64];
	char label[128];
	char partuuid[64];	/* of the partition entry, when the device is a partition */
	char partlabel[128];
};

enum block_spec_kind {
	BLOCK_SPEC_UUID,
	BLOCK_SPEC_LABEL,
	BLOCK_SPEC_PARTUUID,
	BLOCK_SPEC_PARTLABEL,
	BLOCK_SPEC_PATH,	/* /dev/... */
};

/* The kind of "UUID=...", "PARTLABEL=...", "/dev/..."; -EINVAL for anything else, or an empty value. */
int block_spec_kind(const char *spec);
/* Does @id carry what @spec names? UUIDs compare without regard to case, as blkid(8) does not. */
bool block_id_matches(const struct block_id *id, const char *spec);
/* Probes @dev (a device, or an image file in the tests). -ENODATA: nothing recognised. */
int block_id_probe(const char *dev, struct block_id *id);
