// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "util.h"

/* A name no one can have planted: chosen here, created with O_EXCL. */
static int open_temporary_at(int dirfd, const char *name, char *tmp, size_t len)
{
	for (int attempt = 0; attempt < 16; attempt++) {
		uint64_t salt;
		int fd;

		if (getrandom(&salt, sizeof(salt), GRND_INSECURE) != sizeof(salt))
			salt = now_usec(CLOCK_MONOTONIC) ^ ((uint64_t) getpid() << 32) ^ attempt;

		if (snprintf(tmp, len, ".%s.%016llx.tmp", name, (unsigned long long) salt) >= (int) len)
			return -ENAMETOOLONG;
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

int write_file_atomic_at(int dirfd, const char *name, const char *text, mode_t mode)
{
	char tmp[NAME_MAX + 1];
	size_t len = strlen(text);
	int fd, r = 0;

	if (strchr(name, '/'))
		return -EINVAL;
	fd = open_temporary_at(dirfd, name, tmp, sizeof(tmp));
	if (fd < 0)
		return fd;
	/* The mode asked for, not what the umask leaves of it: state.json is for everyone. */
	if (fchmod(fd, mode) < 0 || write(fd, text, len) != (ssize_t) len || fsync(fd) < 0)
		r = errno ? -errno : -EIO;
	close(fd);
	/* rename() replaces a symlink by that name; it never writes through it. */
	if (r == 0 && renameat(dirfd, tmp, dirfd, name) < 0)
		r = -errno;
	if (r < 0)
		unlinkat(dirfd, tmp, 0);
	return r;
}

int write_file_atomic(const char *path, const char *text, mode_t mode)
{
	_cleanup_close_ int dirfd = -EBADF;
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];

	if (!slash)
		return write_file_atomic_at(AT_FDCWD, path, text, mode);
	if (snprintf(dir, sizeof(dir), "%.*s", (int) (slash - path), path) >= (int) sizeof(dir))
		return -ENAMETOOLONG;
	dirfd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	return write_file_atomic_at(dirfd, slash + 1, text, mode);
}

int read_full_fd(int fd, char **ret, size_t *ret_size)
{
	_cleanup_free_ char *buf = NULL;
	size_t size = 0, cap = 0;
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode))
		return -EBADFD;

	for (;;) {
		ssize_t n;

		if (cap - size < 4096) {
			char *grown;

			cap = cap ? cap * 2 : 16384;
			if (cap > (256u << 20))
				return -EFBIG;
			grown = realloc(buf, cap + 1);
			if (!grown)
				return -ENOMEM;
			buf = grown;
		}
		n = read(fd, buf + size, cap - size);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		size += n;
	}
	buf[size] = '\0';
	if (ret_size)
		*ret_size = size;
	*ret = buf;
	buf = NULL;
	return 0;
}

int read_full_file_at(int dirfd, const char *name, int flags, char **ret, size_t *ret_size)
{
	_cleanup_close_ int fd = -EBADF;

	/* O_NONBLOCK: opening a FIFO would wait for a writer; the type is checked before reading. */
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (flags & O_NOFOLLOW));
	if (fd < 0)
		return -errno;
	return read_full_fd(fd, ret, ret_size);
}

const char *read_file_strerror(int error)
{
	switch (error) {
	case -EBADFD:
		return "not a regular file (a FIFO, socket or device)";
	case -EISDIR:
		return "a directory, not a file";
	case -EFBIG:
		return "larger than 256 MiB";
	default:
		return strerror(-error);
	}
}

int read_one_line_file(const char *path, char **ret)
{
	int r = read_full_file(path, ret, NULL);

	if (r >= 0)
		(*ret)[strcspn(*ret, "\n")] = '\0';
	return r;
}

int read_full_file(const char *path, char **ret, size_t *ret_size)
{
	return read_full_file_at(AT_FDCWD, path, 0, ret, ret_size);
}

int parse_size(const char *s, uint64_t *ret)
{
	unsigned shift = 0;
	char *end;
	uint64_t v;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10; end++; break;
	}
	/* Accept the IEC spelling "MiB" and a trailing "B" as well. */
	if (shift && *end == 'i')
		end++;
	if (*end == 'B')
		end++;
	if (*end)
		return -EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*ret = v << shift;
	return 0;
}

const char *format_bytes(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	uint64_t div = 1;
	int u = -1;

	while (u < 3 && bytes / div >= 1024) {
		div *= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%" PRIu64 " bytes", bytes);
	else if (bytes % div)
		snprintf(buf, len, "%.1f %s", (double) bytes / div, units[u]);
	else
		snprintf(buf, len, "%" PRIu64 " %s", bytes / div, units[u]);
	return buf;
}
