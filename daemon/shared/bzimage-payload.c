// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot protocol (2.08 on) says where the compressed kernel lies:
 * payload_offset from the start of the protected-mode code, payload_length
 * bytes, in whichever format the kernel was built with. The decompressor
 * writes exactly that ELF, so its PT_LOAD headers say how much memory the
 * running kernel keeps, which init_size (the decompression's own need)
 * does not.
 */
#include <asm/bootparam.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bzimage-payload.h"

#define SETUP_HDR_OFFSET 0x1f1

int bzimage_vmlinux(const void *data, size_t size, const struct bzimage_info *info, struct decompressed *out,
		    struct problem *p)
{
	const struct setup_header *h = (const void *) ((const char *) data + SETUP_HDR_OFFSET);
	const char *fix = "copy the kernel again, or reinstall its package";
	const char *format;
	size_t off = info->setup_size + (size_t) h->payload_offset;
	int r;

	if (h->payload_offset == 0 || off > size || h->payload_length > size - off)
		return problem(p, -EINVAL, fix, "the payload (%u bytes at %zu) is not inside the %zu-byte file",
			       h->payload_length, off, size);
	format = decompress_format((const char *) data + off, h->payload_length);
	if (!format)
		return problem(p, -EINVAL, "use a kernel compressed with gzip, xz, lzma, zstd, bzip2 or lz4",
			       "the payload is not compressed in a format crashd reads");
	r = decompress_stream(format, (const char *) data + off, h->payload_length, info->init_size, out);
	if (r < 0)
		return problem(p, r, fix, "the %s payload does not decompress: %s", format, strerror(-r));
	return 0;
}
