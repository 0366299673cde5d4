// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "dump-dir.h"
#include "util.h"

bool dump_dir_is_safe(const struct stat *st)
{
	return S_ISDIR(st->st_mode) && st->st_uid == 0 && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

int dump_dir_open(const char *path, struct problem *p)
{
	_cleanup_close_ int fd = -EBADF;
	struct stat st;
	int r;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		if (r == -ENOENT)
			return problem(p, r, "check the path; the collector creates Directory= at the first dump",
				       "%s does not exist", path);
		if (r == -ELOOP || r == -ENOTDIR)
			return problem(p, -ENOTDIR, "name the real directory in Directory= of crashd.conf",
				       "%s is a symbolic link or not a directory", path);
		return problem(p, r, NULL, "cannot open %s: %s", path, strerror(-r));
	}
	if (fstat(fd, &st) < 0)
		return problem(p, -errno, NULL, "cannot stat %s: %s", path, strerror(errno));
	if (!dump_dir_is_safe(&st))
		return problem(p, -EPERM, "chown root:root and chmod 0700 it, or name another directory in Directory=",
			       "%s is %s (owner uid %u, mode %04o): another user could make crashd delete or overwrite files through it",
			       path, st.st_uid ? "not owned by root" : "writable by group or others",
			       (unsigned) st.st_uid, (unsigned) st.st_mode & 07777);
	r = fd;
	fd = -EBADF;
	return r;
}

int dump_dir_check_writable(const char *path, struct problem *p)
{
	_cleanup_close_ int fd = -EBADF;
	struct statvfs vfs;

	fd = dump_dir_open(path, p);
	if (fd == -ENOENT)
		return 0;	/* the collector makes it; nothing to say yet */
	if (fd < 0)
		return fd;
	if (fstatvfs(fd, &vfs) < 0)
		return problem(p, -errno, NULL, "cannot stat the file system of %s: %s", path, strerror(errno));
	if (vfs.f_flag & ST_RDONLY)
		return problem(p, -EROFS,
			       "the capture kernel still saves dumps there, but crashd cannot report, digest or remove them; "
			       "if it is read-only only for crashd (ProtectSystem=strict), add ReadWritePaths= with it "
			       "through 'systemctl edit crashd'",
			       "%s is on a file system read-only for crashd", path);
	return 0;
}

bool dump_name_valid(const char *name)
{
	static const char time_shape[] = "ddddddddTddddddZ";
	size_t len = strlen(name);

	if (len <= DUMP_NAME_TIME_LEN + 1 || len >= DUMP_NAME_MAX || name[DUMP_NAME_TIME_LEN] != '-')
		return false;
	for (size_t i = 0; i < DUMP_NAME_TIME_LEN; i++)
		if (time_shape[i] == 'd' ? !(name[i] >= '0' && name[i] <= '9') : name[i] != time_shape[i])
			return false;
	for (const char *c = name + DUMP_NAME_TIME_LEN + 1; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '-'))
			return false;
	return true;
}

int dump_entry_open(int dirfd, const char *name)
{
	_cleanup_close_ int fd = -EBADF;
	struct stat st;
	int r;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (st.st_uid != 0)
		return -EPERM;
	r = fd;
	fd = -EBADF;
	return r;
}

int dump_file_open(int dirfd, const char *name)
{
	_cleanup_close_ int fd = -EBADF;
	struct stat st;
	int r;

	/* O_NONBLOCK: a FIFO in a file's place must not hang the reader. */
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EBADFD;
	if (st.st_uid != 0)
		return -EPERM;
	r = fd;
	fd = -EBADF;
	return r;
}
