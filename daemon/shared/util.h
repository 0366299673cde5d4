/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers in systemd's manner: cleanup attributes, string tests, files. */
#pragma once

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _unused_ __attribute__((unused))
#define ELEMENTSOF(a) (sizeof(a) / sizeof((a)[0]))

static inline void freep(void *p)
{
	free(*(void **) p);
}
#define _cleanup_free_ _cleanup_(freep)

static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_close_ _cleanup_(closep)

static inline void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
#define _cleanup_fclose_ _cleanup_(fclosep)

static inline void closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}
#define _cleanup_closedir_ _cleanup_(closedirp)

static inline bool streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static inline bool startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static inline bool isxdigit_c(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline uint64_t now_usec(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static inline unsigned hexval(char c)
{
	return c <= '9' ? (unsigned) (c - '0') : (unsigned) ((c | 0x20) - 'a' + 10);
}

/*
 * Reads a whole regular file, NUL-terminated. The file is opened without
 * blocking and its type checked before the first read, so that a FIFO or a
 * device put in a file's place is refused at once instead of hanging.
 */
int read_full_file(const char *path, char **ret, size_t *ret_size);
/* The first line of @path without its newline: /proc/cmdline, boot_id, sysfs values. */
int read_one_line_file(const char *path, char **ret);
/* strerror() for read_full_file(), in words for the cases it adds. */
const char *read_file_strerror(int error);
/* The same relative to @dirfd; @flags may add O_NOFOLLOW. */
int read_full_file_at(int dirfd, const char *name, int flags, char **ret, size_t *ret_size);
/* The same from an open file; -EBADFD unless it is a regular file. */
int read_full_fd(int fd, char **ret, size_t *ret_size);
/*
 * Replaces @path with @text: a new temporary file beside it (O_EXCL, never
 * through a symlink), given @mode whatever the umask, fsync'd and renamed,
 * so that a reader or a power cut sees the old file or the new.
 */
int write_file_atomic(const char *path, const char *text, mode_t mode);
int write_file_atomic_at(int dirfd, const char *name, const char *text, mode_t mode);

/* "256M", "1G", "268435456", "0x10000000": K/M/G/T suffixes are powers of 1024. */
int parse_size(const char *s, uint64_t *ret);

/* "256 MiB", "1.5 GiB", "512 bytes": for people. */
const char *format_bytes(char *buf, size_t len, uint64_t bytes);
#define FORMAT_BYTES_MAX 32
