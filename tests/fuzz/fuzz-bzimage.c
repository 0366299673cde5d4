// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for the bzImage setup header check and the payload reader:
 * never reads out of bounds, and a rejection always says what and how to fix it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bzimage-payload.h"
#include "bzimage.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bzimage_info info;
	struct problem p = {};
	uint8_t *copy = fuzz_bytes(data, size);

	if (!copy)
		return 0;
	if (bzimage_inspect(copy, size, &info, &p) < 0) {
		if (!p.what[0] || !p.fix[0])
			abort();
	} else if (!info.init_size || !info.kernel_alignment || strlen(info.version) >= sizeof(info.version)) {
		abort();
	} else {
		struct decompressed out = {};

		/* The payload is outside input too: its offset, length and stream. */
		if (bzimage_vmlinux(copy, size, &info, &out, &p) < 0 ? !p.what[0] || !p.fix[0] : out.size > info.init_size)
			abort();
		free(out.data);
	}
	free(copy);
	return 0;
}
