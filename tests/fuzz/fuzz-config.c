// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer target for crashd.conf: accepted values are within their ranges
 * (Image= a path or "distro", Fallback= one of its two words);
 * every rejection names a line of the input (in order) and says what is
 * wrong, and the formatted list holds them all. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crashd_config c;
	struct config_errors e;
	unsigned lines;
	char *text = fuzz_text(data, size), *all;

	if (!text)
		return 0;
	lines = fuzz_lines(text);
	config_defaults(&c);
	if (config_parse_string(text, &c, &e) < 0) {
		if (!e.n || e.n > CONFIG_ERRORS_MAX || e.total < e.n)
			abort();
		for (unsigned i = 0; i < e.n; i++)
			if (!e.v[i].p.what[0] || e.v[i].line > lines || (i && e.v[i].line < e.v[i - 1].line))
				abort();
		all = config_errors_format(&e, "f", "\n");
		if (!all || !strstr(all, e.v[e.n - 1].p.what))
			abort();
		free(all);
	} else if (e.n || c.dump_level > 31 || (c.kernel && c.kernel[0] != '/' && strcmp(c.kernel, "distro")) ||
		   !c.action || !c.compression || !c.failure_action || (c.pre_hook && c.pre_hook[0] != '/') ||
		   !c.fallback || (strcmp(c.fallback, "directory") && strcmp(c.fallback, "none"))) {
		abort();
	}
	config_free(&c);
	free(text);
	return 0;
}
