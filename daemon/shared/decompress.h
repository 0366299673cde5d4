/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One compressed stream, decompressed in full, as the kernel's initramfs
 * unpacker would: gzip, xz, lzma, zstd, bzip2 and lz4 (legacy frames).
 * Used to check that an initramfs unpacks, not merely that it starts with
 * a compressor's magic.
 */
#pragma once

#include <stddef.h>

struct decompressed {
	void *data;		/* malloc'd */
	size_t size;
	size_t consumed;	/* input bytes the stream took */
};

/*
 * Decompresses the stream of @format ("gzip", "xz", ...) at the start of
 * @in. Returns 0; -EPIPE if the input ends before the stream does; -EBADMSG
 * if it is corrupt; -EFBIG beyond @max_out bytes; -EOPNOTSUPP for a format
 * this build cannot decompress.
 */
/* The format whose magic @in starts with ("gzip", "zstd", ... "lzo"), or NULL. */
const char *decompress_format(const void *in, size_t size);
int decompress_stream(const char *format, const void *in, size_t size, size_t max_out, struct decompressed *out);
