// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "util.h"

int write_file_atomic(const char *path, const char *text, mode_t mode)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	int dir_len = slash ? (int) (slash - path + 1) : 0;
	char tmp[PATH_MAX];
	size_t len = strlen(text);
	int fd, r = 0;

	if (snprintf(tmp, sizeof(tmp), "%.*s.%s.tmp", dir_len, path, name) >= (int) sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t) len || fsync(fd) < 0)
		r = errno ? -errno : -EIO;
	close(fd);
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	return r;
}

int read_full_file(const char *path, char **ret, size_t *ret_size)
{
	_cleanup_close_ int fd = -EBADF;
	_cleanup_free_ char *buf = NULL;
	size_t size = 0, cap = 0;
	struct stat st;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		return -errno;
	/* A FIFO would block and a directory cannot be read as text. */
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
