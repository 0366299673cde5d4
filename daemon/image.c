// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "image.h"
#include "util.h"

/* Larger than any kernel or initramfs crashd should ever be asked to load. */
#define IMAGE_MAX_SIZE	(512ULL << 20)

int image_load(const char *path, struct image *img, struct problem *p)
{
	_cleanup_close_ int in = -EBADF, mfd = -EBADF;
	struct stat st;
	size_t done = 0;
	void *map;

	*img = IMAGE_NULL;
	in = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in < 0)
		return problem(p, -errno, errno == ENOENT ? "check the path in /etc/crashd/crashd.conf" : NULL,
			       "cannot open: %s", strerror(errno));
	if (fstat(in, &st) < 0)
		return problem(p, -errno, NULL, "cannot stat: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return problem(p, -EISDIR, "name the file inside it", "is a directory, not a file");
	if (!S_ISREG(st.st_mode))
		return problem(p, -EBADFD, "name a regular file", "is not a regular file (a FIFO, socket or device)");
	if (st.st_size == 0)
		return problem(p, -EINVAL, "copy or rebuild the file", "is empty");
	if ((uint64_t) st.st_size > IMAGE_MAX_SIZE)
		return problem(p, -EFBIG, "name the right file", "is %lld MiB, too large to be a kernel or initramfs",
			       (long long) st.st_size >> 20);

	mfd = memfd_create("crashd-image", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return problem(p, -errno, NULL, "memfd_create: %s", strerror(errno));
	if (ftruncate(mfd, st.st_size) < 0)
		return problem(p, -errno, NULL, "ftruncate: %s", strerror(errno));
	map = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	if (map == MAP_FAILED)
		return problem(p, -errno, NULL, "mmap: %s", strerror(errno));
	while (done < (size_t) st.st_size) {
		ssize_t n = read(in, (char *) map + done, st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? -errno : -EIO;

			munmap(map, st.st_size);
			return problem(p, e, NULL, "read failed after %zu of %lld bytes: %s", done,
				       (long long) st.st_size, n < 0 ? strerror(errno) : "file shrank while reading");
		}
		done += n;
	}
	munmap(map, st.st_size);
	if (fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		return problem(p, -errno, NULL, "sealing: %s", strerror(errno));
	map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, mfd, 0);
	if (map == MAP_FAILED)
		return problem(p, -errno, NULL, "mmap: %s", strerror(errno));

	img->path = strdup(path);
	if (!img->path) {
		munmap(map, st.st_size);
		return problem(p, -ENOMEM, NULL, "out of memory");
	}
	img->data = map;
	img->size = st.st_size;
	img->fd = mfd;
	mfd = -EBADF;
	if (sha256_hex(img->data, img->size, img->sha256) < 0) {
		image_release(img);
		return problem(p, -EIO, NULL, "SHA-256 failed");
	}
	return 0;
}

void image_release(struct image *img)
{
	if (img->data)
		munmap((void *) img->data, img->size);
	if (img->fd >= 0)
		close(img->fd);
	free(img->path);
	*img = IMAGE_NULL;
}

void image_replace(struct image *dst, struct image *src)
{
	image_release(dst);
	*dst = *src;
	*src = IMAGE_NULL;
}
