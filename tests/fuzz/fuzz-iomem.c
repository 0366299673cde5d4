// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the /proc/iomem reader: any text either parses into
 * entries whose derived ranges are well-formed, or is rejected with the
 * number of a line that exists.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iomem.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct phys_range *ranges = NULL;
	struct iomem_map map;
	unsigned line = 0, lines;
	char *text = fuzz_text(data, size);
	int r, n;

	if (!text)
		return 0;
	lines = fuzz_lines(text);

	r = iomem_parse(text, &map, &line);
	if (r == -EINVAL && (line < 1 || line > lines))
		abort();
	if (r == 0) {
		n = iomem_free_ranges(&map, &ranges);
		for (int i = 0; i < n; i++)
			if (ranges[i].start >= ranges[i].end)
				abort();
		free(ranges);
		n = iomem_crash_ranges(&map, &ranges);
		for (int i = 0; i < n; i++)
			if (ranges[i].start >= ranges[i].end)
				abort();
		free(ranges);
		iomem_free(&map);
	}
	free(text);
	return 0;
}
