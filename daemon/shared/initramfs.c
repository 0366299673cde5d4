// SPDX-License-Identifier: GPL-2.0-only
/*
 * An initramfs is what the kernel's init/initramfs.c unpacks: newc cpio
 * archives ("070701", "070702"), each ended by TRAILER!!! and padding of
 * zeros, and compressed archives between or after them (early microcode
 * first, then the compressed main image is common). Every part is walked
 * to its end, compressed ones after decompressing them: verify vouches
 * only for what it has read.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "decompress.h"
#include "initramfs.h"
#include "util.h"

#define NEWC_HEADER	110

static int hex8(const uint8_t *s, uint32_t *ret)
{
	uint32_t v = 0;

	for (int i = 0; i < 8; i++) {
		if (!isxdigit_c(s[i]))
			return -EINVAL;
		v = v << 4 | hexval(s[i]);
	}
	*ret = v;
	return 0;
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t) 3;
}

/* Walks one newc archive starting at @off; returns the offset after TRAILER!!!. */
static int walk_cpio(const uint8_t *d, size_t size, size_t *off, struct initramfs_info *info,
		     struct problem *p)
{
	const char *fix = "rebuild the initramfs (crashctl build-initramfs, or update-initramfs -u)";

	for (;;) {
		size_t at = *off, name_end, data_end;
		uint32_t namesize, filesize;
		const char *name;

		if (size - at < NEWC_HEADER)
			return problem(p, -EINVAL, fix, "truncated: a cpio header at offset %zu is cut short", at);
		if (memcmp(d + at, "07070", 5) || (d[at + 5] != '1' && d[at + 5] != '2'))
			return problem(p, -EINVAL, fix, "corrupt: no cpio header at offset %zu", at);
		if (hex8(d + at + 54, &filesize) < 0 || hex8(d + at + 94, &namesize) < 0 || !namesize)
			return problem(p, -EINVAL, fix, "corrupt: bad cpio header fields at offset %zu", at);
		if (namesize > size - at - NEWC_HEADER)
			return problem(p, -EINVAL, fix, "truncated: the name of the entry at offset %zu is cut short", at);
		name = (const char *) d + at + NEWC_HEADER;
		name_end = pad4(at + NEWC_HEADER + namesize);
		if (name[namesize - 1] != '\0' || name_end > size)
			return problem(p, -EINVAL, fix, "corrupt: the name of the entry at offset %zu is not terminated", at);
		if (filesize > size - name_end)
			return problem(p, -EINVAL, fix, "truncated: '%s' at offset %zu needs %u bytes, %zu are left",
				       name, at, filesize, size - name_end);
		data_end = pad4(name_end + filesize);
		*off = data_end < size ? data_end : size;
		if (streq(name, "TRAILER!!!"))
			return 0;
		info->cpio_entries++;
	}
}

/* The archives inside one decompressed stream: newc only, zeros between them. */
static int walk_unpacked(const uint8_t *d, size_t size, size_t at, const char *format,
			 struct initramfs_info *info, struct problem *p)
{
	struct problem inner = {};
	size_t off = 0;
	int r;

	while (off < size) {
		while (off < size && d[off] == 0)
			off++;
		if (off == size)
			break;
		if (size - off < 6 || memcmp(d + off, "07070", 5))
			return problem(p, -EINVAL, "rebuild the initramfs (crashctl build-initramfs, or update-initramfs -u)",
				       "corrupt: the %s archive at offset %zu holds no cpio archive at its offset %zu",
				       format, at, off);
		r = walk_cpio(d, size, &off, info, &inner);
		if (r < 0)
			return problem(p, r, inner.fix, "in the %s archive at offset %zu: %s", format, at, inner.what);
		info->cpio_archives++;
	}
	return 0;
}

static int inspect_compressed(const uint8_t *d, size_t size, size_t *off, const char *format, size_t max_unpacked,
			      struct initramfs_info *info, struct problem *p)
{
	const char *fix = "rebuild the initramfs (crashctl build-initramfs, or update-initramfs -u)";
	struct decompressed out;
	int r;

	r = decompress_stream(format, d + *off, size - *off, max_unpacked, &out);
	switch (r) {
	case 0:
		break;
	case -EPIPE:
		return problem(p, -EINVAL, fix, "truncated: the %s archive at offset %zu ends before its end", format, *off);
	case -EBADMSG:
		return problem(p, -EINVAL, fix, "corrupt: the %s archive at offset %zu does not decompress", format, *off);
	case -EFBIG:
		return problem(p, -EINVAL, "give a smaller initramfs; the capture kernel must hold all of it in memory",
			       "the %s archive at offset %zu unpacks to more than %zu MiB", format, *off, max_unpacked >> 20);
	case -EOPNOTSUPP:
		return problem(p, -EINVAL, "recompress it with zstd, xz or gzip (COMPRESS= in /etc/initramfs-tools/initramfs.conf)",
			       "%s-compressed at offset %zu, which crashd cannot decompress to check", format, *off);
	default:
		return problem(p, r, NULL, "decompressing the %s archive at offset %zu: %s", format, *off, strerror(-r));
	}
	info->compression = format;
	info->unpacked_bytes += out.size;
	r = walk_unpacked(out.data, out.size, *off, format, info, p);
	free(out.data);
	if (r < 0)
		return r;
	/* A stream that consumed nothing would loop forever. */
	*off += out.consumed ? out.consumed : size - *off;
	return 0;
}

static const char *compressor_at(const uint8_t *d, size_t size, size_t off)
{
	return decompress_format(d + off, size - off);
}

int initramfs_inspect_max(const void *data, size_t size, size_t max_unpacked, struct initramfs_info *info,
			  struct problem *p)
{
	const uint8_t *d = data;
	const char *format;
	size_t off = 0;
	int r;

	memset(info, 0, sizeof(*info));
	if (!size)
		return problem(p, -EINVAL, "rebuild the initramfs (crashctl build-initramfs)", "empty file");

	while (off < size) {
		/* The kernel skips zeros between archives. */
		while (off < size && d[off] == 0)
			off++;
		if (off == size)
			break;
		/* As init/initramfs.c: an archive in the file starts at a multiple of 4. */
		if (size - off >= 6 && !memcmp(d + off, "07070", 5) && off % 4)
			return problem(p, -EINVAL, "pad what comes before it with zeros to a multiple of 4 bytes",
				       "corrupt: a cpio archive at offset %zu, which is not a multiple of 4 as the kernel requires",
				       off);
		if (size - off >= 6 && !memcmp(d + off, "07070", 5)) {
			size_t start = off;

			r = walk_cpio(d, size, &off, info, p);
			if (r < 0)
				return r;
			info->cpio_archives++;
			info->unpacked_bytes += off - start;
			if (!info->compression)
				info->cpio_bytes = off;
			continue;
		}
		format = compressor_at(d, size, off);
		if (!format)
			return problem(p, -EINVAL, "give a newc cpio archive, compressed or not (crashctl build-initramfs makes one)",
				       "not an initramfs: unknown data at offset %zu (neither newc cpio nor a compressor's magic)", off);
		r = inspect_compressed(d, size, &off, format, max_unpacked, info, p);
		if (r < 0)
			return r;
	}
	if (!info->cpio_archives)
		return problem(p, -EINVAL, "rebuild the initramfs (crashctl build-initramfs)", "contains only zeros");
	return 0;
}

int initramfs_inspect(const void *data, size_t size, struct initramfs_info *info, struct problem *p)
{
	return initramfs_inspect_max(data, size, INITRAMFS_MAX_UNPACKED, info, p);
}
