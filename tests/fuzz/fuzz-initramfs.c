// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for the initramfs check, decompression included. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "initramfs.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct initramfs_info info;
	struct problem p = {};
	uint8_t *copy = fuzz_bytes(data, size);

	if (!copy)
		return 0;
	/* Small enough that a decompression bomb costs the fuzzer no memory. */
	if (initramfs_inspect_max(copy, size, 16u << 20, &info, &p) < 0) {
		if (!p.what[0])
			abort();
	} else if (!info.cpio_archives && !info.compression) {
		abort();
	} else if (info.cpio_bytes > size || (!info.compression && info.unpacked_bytes > size)) {
		abort();
	}
	free(copy);
	return 0;
}
