// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for initramfs recognition. */
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
	if (initramfs_inspect(copy, size, &info, &p) < 0) {
		if (!p.what[0])
			abort();
	} else if (!info.cpio_archives && !info.compression) {
		abort();
	} else if (info.cpio_bytes > size) {
		abort();
	}
	free(copy);
	return 0;
}
