// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for the capture command line: whatever /proc/cmdline holds,
 * the result ends with the capture parameters and holds no crashkernel=. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_text(data, size), *out = NULL;

	if (!in)
		return 0;
	if (capture_cmdline(in, "extra=1", &out) == 0) {
		size_t n = strlen(out), t = strlen(CAPTURE_CMDLINE " extra=1");

		if (n < t || strcmp(out + n - t, CAPTURE_CMDLINE " extra=1"))
			abort();
		/* A dropped parameter at the start of a word must be gone, unless quoted. */
		if (!strchr(in, '"') && (!strncmp(out, "crashkernel=", 12) || strstr(out, " crashkernel=")))
			abort();
		free(out);
	}
	free(in);
	return 0;
}
