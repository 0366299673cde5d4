/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * /etc/crashd/capture.conf inside the capture initramfs: what crashd
 * resolved at build time for the collector, which has no udev, no
 * /etc/fstab and no crashd.conf to read.
 */
#pragma once

#include <limits.h>

#include "problem.h"

#define CAPTURE_CONF_PATH "/etc/crashd/capture.conf"
#define CAPTURE_MODULES_PATH "/etc/crashd/modules"

struct capture_conf {
	/*
	 * A network target (ssh://, remote-target.h) and the network to reach
	 * it: the server's address, the card by its MAC address, this
	 * machine's address with its prefix length, the gateway ("" on the
	 * link). Target= is then the local fallback, or "" for none.
	 */
	char remote[600];
	char remote_address[16];
	char interface[18];
	char address[19];
	char gateway[16];
	char target[128];	/* UUID=..., LABEL=... or /dev/... */
	char fstype[32];
	char assemble[512];	/* MD arrays and LVM volume groups to assemble first (assemble.h) */
	char dir[PATH_MAX];	/* the dump directory inside the target file system */
	unsigned level;
	char compression[16];
	char action[16];		/* after saving */
	char failure_action[16];	/* when nothing, or not all, was saved */
	char makedumpfile_options[512];	/* more options, space-separated */
	char pre_hook[PATH_MAX];	/* run before saving; "" for none */
	char post_hook[PATH_MAX];	/* run after saving, with the dump's path */
	char version[32];		/* crashd's */
};

int capture_conf_format(const struct capture_conf *c, char **ret);
int capture_conf_parse(const char *text, struct capture_conf *c, struct problem *p);
