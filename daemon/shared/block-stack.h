/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the dump target's block device is built of, found by walking sysfs
 * down through holders' slaves: the MD arrays and LVM volume groups the
 * capture system must assemble, bottom-up, and the drivers of every device
 * on the way (down to the disks' buses), so a modular kernel gets them.
 */
#pragma once

#include "problem.h"
#include "strv.h"

struct block_stack {
	char assemble[512];	/* Assemble= of capture.conf: "md:UUID lvm:VG", bottom-up */
	struct strv modules;
};

/* "vg-lv" as device-mapper names an LVM volume, with '-' in names doubled: the VG's name. */
int dm_name_vg(const char *dm_name, char *vg, size_t len);

/*
 * @sysfs: "/sys"; @udev_dir: UDEV_DATA_DIR, consulted first, as it needs no
 * access to devices; @dev_dir: "/dev", where members are probed when udev
 * has no entry. An encrypted device is refused with -ENOKEY (the capture
 * kernel has none; the caller writes the fix), an unknown device-mapper
 * device with -EOPNOTSUPP.
 */
int block_stack_walk(const char *sysfs, const char *udev_dir, const char *dev_dir, unsigned major,
		     unsigned minor, struct block_stack *s, struct problem *p);
void block_stack_free(struct block_stack *s);
