/* SPDX-License-Identifier: GPL-2.0-only */
/* Where the capture kernel will save the dump, resolved on the running system. */
#pragma once

#include "config.h"
#include "net-config.h"
#include "strv.h"
#include "problem.h"

#include <limits.h>

struct mount_entry {
	unsigned major, minor;
	char root[PATH_MAX];	/* what of the file system is mounted: "/" or, for a bind mount, a directory */
	char point[PATH_MAX];
	char fstype[32];
	char source[PATH_MAX];	/* "/dev/vdb1", or whatever the file system names */
};

/* The mount holding @path in a mountinfo text: the longest mount point that is its prefix. */
int mountinfo_find(const char *mountinfo_text, const char *path, struct mount_entry *best);

struct dump_target {
	/*
	 * Target=ssh://...: the server, as remote_target_format() writes it,
	 * and the network to reach it. The fields below are then Directory='s,
	 * for Fallback=directory, or empty for Fallback=none.
	 */
	char remote[600];
	struct net_config net;
	char spec[128];		/* UUID=, LABEL=, PARTUUID=, PARTLABEL= or /dev/...: what the collector looks for */
	char fstype[32];
	char dir[PATH_MAX];	/* the dump directory inside that file system */
	char device[64];	/* /dev/vda1, for messages; "" when Target= is not on this system now */
	char assemble[512];	/* MD arrays and LVM volume groups to assemble first (assemble.h) */
	struct strv modules;	/* the file system's and every device's drivers */
};

/*
 * Where the running system is seen from: "/sys", "/proc/self/mountinfo",
 * UDEV_DATA_DIR, "/dev" and "/proc/net/route" but in tests.
 */
struct dump_target_env {
	const char *sysfs, *mountinfo, *udev_dir, *dev_dir, *proc_net_route;
};

/* @env may be NULL. */
int dump_target_resolve(const struct crashd_config *c, const struct dump_target_env *env, struct dump_target *t,
			struct problem *p);
void dump_target_free(struct dump_target *t);
