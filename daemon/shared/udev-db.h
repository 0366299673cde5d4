/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * udev's database of a block device (/run/udev/data/bMAJ:MIN). udev has
 * probed every device already: crashd reads what it found, which needs no
 * access to the device, and crashd.service has none (PrivateDevices=).
 */
#pragma once

#include <stdbool.h>

#include "block-id.h"

#define UDEV_DATA_DIR "/run/udev/data"

/* -ENOENT: udev has no entry (no udev, or it has not seen the device), or no file system or partition in it. */
int udev_db_block_id(const char *dir, unsigned major, unsigned minor, struct block_id *id);
/* The same from the database's text. */
int udev_db_text_block_id(const char *text, struct block_id *id);
/* Is @link ("disk/by-id/...", without /dev/) one of the device's symlinks? */
bool udev_db_has_link(const char *dir, unsigned major, unsigned minor, const char *link);
/* A property's value ("DM_VG_NAME"); -ENOENT if absent. */
int udev_db_property(const char *dir, unsigned major, unsigned minor, const char *key, char *out, size_t len);
