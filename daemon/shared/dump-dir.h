/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dump directory as crashd, crashctl and the collector open it. Root
 * acts in it (renames, deletes, writes), so it must be a directory no other
 * user can write, and everything in it is reached from its file descriptor
 * without following a link: what another user planted is never trusted.
 */
#pragma once

#include <stdbool.h>
#include <sys/stat.h>

#include "problem.h"

/* "20261130T072423Z-<boot id>": the collector's names, and nothing else. */
#define DUMP_NAME_TIME_LEN 16
#define DUMP_NAME_MAX 96

/*
 * Opens @path (the last component not a link) and checks that it is a
 * directory owned by root that neither group nor others may write.
 * Returns the fd, -ENOENT if it does not exist (no dump was ever saved),
 * or -EPERM/-ENOTDIR with @p naming the directory and the fix.
 */
int dump_dir_open(const char *path, struct problem *p);
/*
 * 0 if crashd may write in @path (or it does not exist yet); -EROFS with
 * @p saying what that costs and the fix when it is read-only, as a
 * Directory= outside ReadWritePaths= is under ProtectSystem=strict.
 */
int dump_dir_check_writable(const char *path, struct problem *p);
/* Whether @st is a directory root alone may change. */
bool dump_dir_is_safe(const struct stat *st);
/* Whether @name is one the collector gives a dump. */
bool dump_name_valid(const char *name);
/*
 * Opens the entry @name of the dump directory: a directory, not a link,
 * owned by root. -ENOTDIR, -ELOOP or -EPERM otherwise.
 */
int dump_entry_open(int dirfd, const char *name);
/* Opens the regular, root-owned file @name in @dirfd for reading, without following a link. */
int dump_file_open(int dirfd, const char *name);
