// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cpio-writer.h"
#include "util.h"

void cpio_begin(struct cpio_writer *w, FILE *out)
{
	*w = (struct cpio_writer) { .out = out, .ino = 1 };
}

static void put(struct cpio_writer *w, const void *data, size_t size)
{
	if (w->error)
		return;
	if (size && fwrite(data, 1, size, w->out) != size)
		w->error = -(errno ?: EIO);
	w->bytes += size;
}

static void pad4(struct cpio_writer *w)
{
	static const char zeros[4];

	put(w, zeros, (4 - w->bytes % 4) % 4);
}

static int entry(struct cpio_writer *w, const char *path, mode_t mode, unsigned rmaj, unsigned rmin,
		 const void *data, size_t size)
{
	char hdr[111];
	size_t namesize = strlen(path) + 1;

	/* Names in the archive are relative: "init", "usr/bin/x". */
	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 w->ino++, (unsigned) mode, 0u, 0u, 1u, 0u, (unsigned) size, 0u, 0u, rmaj, rmin,
		 (unsigned) namesize, 0u);
	put(w, hdr, 110);
	put(w, path, namesize);
	pad4(w);
	put(w, data, size);
	pad4(w);
	return w->error;
}

int cpio_dir(struct cpio_writer *w, const char *path, mode_t mode)
{
	return entry(w, path, S_IFDIR | mode, 0, 0, NULL, 0);
}

int cpio_symlink(struct cpio_writer *w, const char *path, const char *target)
{
	return entry(w, path, S_IFLNK | 0777, 0, 0, target, strlen(target));
}

int cpio_data(struct cpio_writer *w, const char *path, mode_t mode, const void *data, size_t size)
{
	return entry(w, path, S_IFREG | mode, 0, 0, data, size);
}

int cpio_chardev(struct cpio_writer *w, const char *path, mode_t mode, unsigned major, unsigned minor)
{
	return entry(w, path, S_IFCHR | mode, major, minor, NULL, 0);
}

int cpio_file(struct cpio_writer *w, const char *path, const char *src, mode_t mode)
{
	_cleanup_free_ char *data = NULL;
	size_t size;
	int r;

	r = read_full_file(src, &data, &size);
	if (r < 0)
		return r;
	return cpio_data(w, path, mode, data, size);
}

int cpio_end(struct cpio_writer *w)
{
	entry(w, "TRAILER!!!", 0, 0, 0, NULL, 0);
	/* Whole 512-byte blocks, as cpio(1) writes them. */
	while (w->bytes % 512 && !w->error)
		put(w, "", 1);
	if (!w->error && fflush(w->out) != 0)
		w->error = -errno;
	return w->error;
}
