// SPDX-License-Identifier: GPL-2.0-only
/*
 * An initramfs is what the kernel's init/initramfs.c unpacks: newc cpio
 * archives ("070701", "070702"), each ended by TRAILER!!! and padding of
 * zeros, and possibly a compressed archive after them (early microcode
 * first, then the compressed main image is common). Uncompressed parts
 * are walked to the end; a compressed part is recognised by its magic.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "initramfs.h"
#include "util.h"

#define NEWC_HEADER	110

static const struct {
	const char *name;
	const char *magic;
	size_t len;
} compressors[] = {
	{ "gzip",  "\x1f\x8b", 2 },
	{ "gzip",  "\x1f\x9e", 2 },
	{ "xz",    "\xfd" "7zXZ\0", 6 },
	{ "zstd",  "\x28\xb5\x2f\xfd", 4 },
	{ "lz4",   "\x02\x21\x4c\x18", 4 },
	{ "bzip2", "BZh", 3 },
	{ "lzma",  "\x5d\x00\x00", 3 },
	{ "lzo",   "\x89LZO", 4 },
};

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

int initramfs_inspect(const void *data, size_t size, struct initramfs_info *info, struct problem *p)
{
	const uint8_t *d = data;
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
		if (size - off >= 6 && !memcmp(d + off, "07070", 5)) {
			r = walk_cpio(d, size, &off, info, p);
			if (r < 0)
				return r;
			info->cpio_archives++;
			info->cpio_bytes = off;
			continue;
		}
		for (size_t i = 0; i < ELEMENTSOF(compressors); i++)
			if (size - off >= compressors[i].len &&
			    !memcmp(d + off, compressors[i].magic, compressors[i].len)) {
				info->compression = compressors[i].name;
				return 0;
			}
		return problem(p, -EINVAL, "give a newc cpio archive, compressed or not (crashctl build-initramfs makes one)",
			       "not an initramfs: unknown data at offset %zu (neither newc cpio nor a compressor's magic)", off);
	}
	if (!info->cpio_archives)
		return problem(p, -EINVAL, "rebuild the initramfs (crashctl build-initramfs)", "contains only zeros");
	return 0;
}
