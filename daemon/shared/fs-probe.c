// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fs-probe.h"
#include "util.h"

#define PROBE_BYTES (128 * 1024)

static void format_uuid(const unsigned char *u, char out[37])
{
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
		 u[15]);
}

static void copy_label(char *dst, size_t dstlen, const unsigned char *src, size_t srclen)
{
	size_t n = strnlen((const char *) src, srclen);

	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool fs_probe_buffer(const unsigned char *b, size_t len, struct fs_id *id)
{
	memset(id, 0, sizeof(*id));
	/* ext2/3/4: superblock at 1024, magic 0xEF53 at +0x38. */
	if (len >= 2048 && b[1024 + 0x38] == 0x53 && b[1024 + 0x39] == 0xef) {
		const unsigned char *sb = b + 1024;
		uint32_t incompat = sb[0x60] | sb[0x61] << 8 | sb[0x62] << 16 | (uint32_t) sb[0x63] << 24;

		/* EXTENTS (0x40) or 64BIT (0x80) mean ext4; a journal (compat 0x4) ext3. */
		snprintf(id->type, sizeof(id->type), "%s",
			 incompat & 0xc0 ? "ext4" : (sb[0x5c] & 0x4) ? "ext3" : "ext2");
		format_uuid(sb + 0x68, id->uuid);
		copy_label(id->label, sizeof(id->label), sb + 0x78, 16);
		return true;
	}
	if (len >= 512 && !memcmp(b, "XFSB", 4)) {
		snprintf(id->type, sizeof(id->type), "xfs");
		format_uuid(b + 32, id->uuid);
		copy_label(id->label, sizeof(id->label), b + 108, 12);
		return true;
	}
	if (len >= 0x10000 + 0x12b + 256 && !memcmp(b + 0x10040, "_BHRfS_M", 8)) {
		snprintf(id->type, sizeof(id->type), "btrfs");
		format_uuid(b + 0x10020, id->uuid);
		copy_label(id->label, sizeof(id->label), b + 0x1012b, 256);
		return true;
	}
	return false;
}

int fs_probe_device(const char *dev, struct fs_id *id)
{
	unsigned char buf[PROBE_BYTES];
	_cleanup_close_ int fd = open(dev, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pread(fd, buf, sizeof(buf), 0);
	if (n < 0)
		return -errno;
	return fs_probe_buffer(buf, n, id) ? 0 : -ENODATA;
}

bool fs_id_matches(const struct fs_id *id, const char *spec)
{
	if (startswith(spec, "UUID="))
		return strcasecmp(spec + 5, id->uuid) == 0;
	if (startswith(spec, "LABEL="))
		return id->label[0] && streq(spec + 6, id->label);
	return false;
}
