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
		return problem(p, -errno, errno == ENOENT ? "check the path (for crashd: Image= or Initrd= in its configuration)" : NULL,
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
	img->dev = st.st_dev;
	img->ino = st.st_ino;
	img->mtime = st.st_mtim;
	img->ctime = st.st_ctim;
	img->fd = mfd;
	mfd = -EBADF;
	if (sha256_hex(img->data, img->size, img->sha256) < 0) {
		image_release(img);
		return problem(p, -EIO, NULL, "SHA-256 failed");
	}
	return 0;
}

static bool same_time(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

int image_load_if_changed(const char *path, const struct image *held, struct image *img, struct problem *p)
{
	struct stat st;
	char *copy;
	void *map;
	int fd;

	if (held->fd < 0 || !streq(held->path, path) || stat(path, &st) < 0 || st.st_dev != held->dev ||
	    st.st_ino != held->ino || (uint64_t) st.st_size != held->size || !same_time(st.st_mtim, held->mtime) ||
	    !same_time(st.st_ctim, held->ctime))
		return image_load(path, img, p);

	fd = fcntl(held->fd, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return image_load(path, img, p);
	map = mmap(NULL, held->size, PROT_READ, MAP_SHARED, fd, 0);
	copy = strdup(path);
	if (map == MAP_FAILED || !copy) {
		if (map != MAP_FAILED)
			munmap(map, held->size);
		close(fd);
		free(copy);
		return image_load(path, img, p);
	}
	*img = *held;
	img->path = copy;
	img->fd = fd;
	img->data = map;
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

void image_unmap(struct image *img)
{
	if (img->data)
		munmap((void *) img->data, img->size);
	img->data = NULL;
}

void image_replace(struct image *dst, struct image *src)
{
	image_release(dst);
	*dst = *src;
	*src = IMAGE_NULL;
}
