// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the crashkernel= parser, with upstream's parser as
 * the oracle: crashd may reject what upstream accepts (for a documented
 * reason), but must never reserve something upstream would not, nor
 * something different. Input: 8 bytes of RAM size, then the command line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "differential.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crashk_comparison cmp;
	u64 ram = 2ULL << 30;
	char *cmdline;

	if (size >= sizeof(ram)) {
		memcpy(&ram, data, sizeof(ram));
		data += sizeof(ram);
		size -= sizeof(ram);
	}
	cmdline = fuzz_text(data, size);
	if (!cmdline)
		return 0;

	crashk_compare(cmdline, ram, 256ULL << 20, &cmp);
	if (cmp.verdict == CRASHK_MISMATCH)
		abort();
	if (cmp.ours.ret == -EINVAL &&
	    (cmp.err.pos > strlen(cmdline) || cmp.err.code == CRASHK_OK))
		abort();
	free(cmdline);
	return 0;
}
