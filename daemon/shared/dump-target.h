/* SPDX-License-Identifier: GPL-2.0-only */
/* Where the capture kernel will save the dump, resolved on the running system. */
#pragma once

#include "config.h"
#include "elf-deps.h"
#include "problem.h"

#include <limits.h>

struct mount_entry {
	unsigned major, minor;
	char root[PATH_MAX];	/* what of the file system is mounted: "/" or, for a bind mount, a directory */
	char point[PATH_MAX];
	char fstype[32];
};

/* The mount holding @path in a mountinfo text: the longest mount point that is its prefix. */
int mountinfo_find(const char *mountinfo_text, const char *path, struct mount_entry *best);

struct dump_target {
	char spec[128];		/* UUID=..., LABEL=... or /dev/...: what the collector looks for */
	char fstype[32];
	char dir[PATH_MAX];	/* the dump directory inside that file system */
	char device[64];	/* /dev/vda1, for messages */
	struct strv modules;	/* the file system's and the device's drivers */
};

/* @sysfs and @mountinfo are "/sys" and "/proc/self/mountinfo" except in tests. */
int dump_target_resolve(const struct crashd_config *c, const char *sysfs, const char *mountinfo,
			struct dump_target *t, struct problem *p);
void dump_target_free(struct dump_target *t);
