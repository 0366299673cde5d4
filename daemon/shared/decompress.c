// SPDX-License-Identifier: GPL-2.0-only
#include <bzlib.h>
#include <errno.h>
#include <lz4.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"
#include "util.h"

#define CHUNK (1u << 20)
/* lz4's legacy frame, as the kernel's lib/decompress_unlz4.c reads it. */
#define LZ4_LEGACY_MAGIC 0x184c2102u
#define LZ4_LEGACY_BLOCK (8u << 20)
/*
 * xz -9 needs 65 MiB to decompress, a kernel payload up to 129 MiB (its
 * build asks for a 128 MiB dictionary; only what the output fills is
 * touched). A header asking for more is corrupt, not big.
 */
#define LZMA_MEMLIMIT (256u << 20)

/* Room for at least @want more bytes in @out, within @max. */
static int grow(struct decompressed *out, size_t *cap, size_t want, size_t max)
{
	size_t need = out->size + want, c = *cap ? *cap : CHUNK;
	void *p;

	if (need <= *cap)
		return 0;
	/* Room for less than a whole chunk is still room: only a full buffer is too small. */
	if (need > max) {
		if (out->size >= max || *cap >= max)
			return -EFBIG;
		need = max;
	}
	while (c < need)
		c *= 2;
	if (c > max)
		c = max;
	p = realloc(out->data, c);
	if (!p)
		return -ENOMEM;
	out->data = p;
	*cap = c;
	return 0;
}

static int gunzip(const uint8_t *in, size_t size, size_t max, struct decompressed *out)
{
	z_stream z = { .next_in = (Bytef *) in, .avail_in = size > UINT32_MAX ? UINT32_MAX : size };
	size_t cap = 0;
	int zr = Z_OK, r = 0;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	while (zr != Z_STREAM_END) {
		r = grow(out, &cap, CHUNK, max);
		if (r < 0)
			break;
		z.next_out = (Bytef *) out->data + out->size;
		z.avail_out = cap - out->size > UINT32_MAX ? UINT32_MAX : cap - out->size;
		zr = inflate(&z, Z_NO_FLUSH);
		out->size = (uint8_t *) z.next_out - (uint8_t *) out->data;
		if (zr == Z_BUF_ERROR && z.avail_in == 0) {
			r = -EPIPE;
			break;
		}
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			r = -EBADMSG;
			break;
		}
	}
	out->consumed = z.total_in;
	inflateEnd(&z);
	return r;
}

static int unxz(const uint8_t *in, size_t size, size_t max, bool alone, struct decompressed *out)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret lr = LZMA_OK;
	size_t cap = 0;
	int r = 0;

	if ((alone ? lzma_alone_decoder(&s, LZMA_MEMLIMIT) : lzma_stream_decoder(&s, LZMA_MEMLIMIT, 0)) != LZMA_OK)
		return -ENOMEM;
	s.next_in = in;
	s.avail_in = size;
	while (lr != LZMA_STREAM_END) {
		r = grow(out, &cap, CHUNK, max);
		if (r < 0)
			break;
		s.next_out = (uint8_t *) out->data + out->size;
		s.avail_out = cap - out->size;
		lr = lzma_code(&s, LZMA_FINISH);
		out->size = s.next_out - (uint8_t *) out->data;
		if (lr == LZMA_BUF_ERROR && s.avail_in == 0) {
			r = -EPIPE;
			break;
		}
		if (lr != LZMA_OK && lr != LZMA_STREAM_END && lr != LZMA_BUF_ERROR) {
			r = lr == LZMA_MEM_ERROR ? -ENOMEM : lr == LZMA_MEMLIMIT_ERROR ? -EFBIG : -EBADMSG;
			break;
		}
	}
	out->consumed = s.total_in;
	lzma_end(&s);
	return r;
}

static int unzstd(const uint8_t *in, size_t size, size_t max, struct decompressed *out)
{
	ZSTD_DStream *z = ZSTD_createDStream();
	ZSTD_inBuffer ib = { in, size, 0 };
	size_t cap = 0, zr = 1;
	int r = 0;

	if (!z)
		return -ENOMEM;
	while (zr != 0) {
		ZSTD_outBuffer ob;

		r = grow(out, &cap, CHUNK, max);
		if (r < 0)
			break;
		ob = (ZSTD_outBuffer) { out->data, cap, out->size };
		zr = ZSTD_decompressStream(z, &ob, &ib);
		out->size = ob.pos;
		if (ZSTD_isError(zr)) {
			r = -EBADMSG;
			break;
		}
		/* Input used up, output not full, frame not ended: cut short. */
		if (zr != 0 && ib.pos == ib.size && ob.pos < ob.size) {
			r = -EPIPE;
			break;
		}
	}
	out->consumed = ib.pos;
	ZSTD_freeDStream(z);
	return r;
}

static int bunzip2(const uint8_t *in, size_t size, size_t max, struct decompressed *out)
{
	bz_stream b = { .next_in = (char *) in, .avail_in = size > UINT32_MAX ? UINT32_MAX : size };
	size_t cap = 0;
	int br = BZ_OK, r = 0;

	if (BZ2_bzDecompressInit(&b, 0, 0) != BZ_OK)
		return -ENOMEM;
	while (br != BZ_STREAM_END) {
		r = grow(out, &cap, CHUNK, max);
		if (r < 0)
			break;
		b.next_out = (char *) out->data + out->size;
		b.avail_out = cap - out->size > UINT32_MAX ? UINT32_MAX : cap - out->size;
		br = BZ2_bzDecompress(&b);
		out->size = (uint8_t *) b.next_out - (uint8_t *) out->data;
		if (br == BZ_OK && b.avail_in == 0 && b.avail_out > 0) {
			r = -EPIPE;
			break;
		}
		if (br != BZ_OK && br != BZ_STREAM_END) {
			r = -EBADMSG;
			break;
		}
	}
	out->consumed = ((uint64_t) b.total_in_hi32 << 32) | b.total_in_lo32;
	BZ2_bzDecompressEnd(&b);
	return r;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t) p[3] << 24;
}

/* Blocks of [le32 size][data] up to the end of the input, as the kernel reads them. */
static int unlz4(const uint8_t *in, size_t size, size_t max, struct decompressed *out)
{
	size_t pos = 4, cap = 0;
	int r;

	while (size - pos >= 4) {
		uint32_t chunk = le32(in + pos);
		int n;

		pos += 4;
		if (chunk == LZ4_LEGACY_MAGIC)
			continue;
		/* Zeros after the last block: padding, as between archives. */
		if (chunk == 0) {
			pos -= 4;
			break;
		}
		if (chunk > size - pos) {
			out->consumed = size;
			return -EPIPE;
		}
		if (chunk > (uint32_t) LZ4_compressBound(LZ4_LEGACY_BLOCK))
			return -EBADMSG;
		r = grow(out, &cap, LZ4_LEGACY_BLOCK, max);
		if (r < 0)
			return r;
		n = LZ4_decompress_safe((const char *) in + pos, (char *) out->data + out->size, chunk,
					cap - out->size < LZ4_LEGACY_BLOCK ? cap - out->size : LZ4_LEGACY_BLOCK);
		if (n < 0)
			return -EBADMSG;
		out->size += n;
		pos += chunk;
	}
	out->consumed = pos;
	return 0;
}

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

const char *decompress_format(const void *in, size_t size)
{
	for (size_t i = 0; i < ELEMENTSOF(compressors); i++)
		if (size >= compressors[i].len && !memcmp(in, compressors[i].magic, compressors[i].len))
			return compressors[i].name;
	return NULL;
}

int decompress_stream(const char *format, const void *in, size_t size, size_t max_out, struct decompressed *out)
{
	int r;

	memset(out, 0, sizeof(*out));
	if (streq(format, "gzip"))
		r = gunzip(in, size, max_out, out);
	else if (streq(format, "xz"))
		r = unxz(in, size, max_out, false, out);
	else if (streq(format, "lzma"))
		r = unxz(in, size, max_out, true, out);
	else if (streq(format, "zstd"))
		r = unzstd(in, size, max_out, out);
	else if (streq(format, "bzip2"))
		r = bunzip2(in, size, max_out, out);
	else if (streq(format, "lz4"))
		r = unlz4(in, size, max_out, out);
	else
		r = -EOPNOTSUPP;
	if (r < 0) {
		free(out->data);
		out->data = NULL;
	}
	return r;
}
