// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for crashd.conf: accepted values are within their ranges;
 * a rejection names a line of the input and says what is wrong. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crashd_config c;
	struct problem p = {};
	unsigned line = 0, lines;
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	lines = fuzz_lines(text);
	config_defaults(&c);
	if (config_parse_string(text, &c, &line, &p) < 0) {
		if (!p.what[0] || line > lines)
			abort();
	} else if (c.dump_level > 31 || (c.kernel && c.kernel[0] != '/') || !c.action || !c.compression) {
		abort();
	}
	config_free(&c);
	free(text);
	return 0;
}
