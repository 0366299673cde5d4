// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for the ELF kernel check and its placement arithmetic. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfimage.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image_info info;
	struct elf_placement pl;
	struct problem p = {};
	uint8_t *copy = fuzz_bytes(data, size);

	if (!copy)
		return 0;
	if (elf_image_inspect(copy, size, &info, &p) == 0) {
		if (!info.load_segments || (info.align & (info.align - 1)))
			abort();
		elf_image_place(&info, 0x27000000, 256ULL << 20, &pl);
		if (pl.fits && (pl.base % info.align || pl.base < 0x27000000 ||
				pl.base + info.span > 0x27000000 + (256ULL << 20)))
			abort();
	} else if (!p.what[0]) {
		abort();
	}
	free(copy);
	return 0;
}
