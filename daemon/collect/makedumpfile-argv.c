// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "collect.h"
#include "util.h"

static const char *compression_flag(const char *c)
{
	if (streq(c, "zlib"))
		return "-c";
	if (streq(c, "snappy"))
		return "-p";
	if (streq(c, "zstd"))
		return "-z";
	if (streq(c, "none"))
		return NULL;
	return "-l";
}

size_t makedumpfile_argv(const struct collect *c, struct makedumpfile_args *a, bool flattened)
{
	const char *flag;
	size_t n = 0;

	snprintf(a->level, sizeof(a->level), "%u", c->conf.level);
	/* Split in a copy: the fallback after a failed network save needs them again. */
	snprintf(a->options, sizeof(a->options), "%s", c->conf.makedumpfile_options);
	a->argv[n++] = (char *) MAKEDUMPFILE;
	if (flattened)
		a->argv[n++] = (char *) "-F";
	if ((flag = compression_flag(c->conf.compression)))
		a->argv[n++] = (char *) flag;
	a->argv[n++] = (char *) "-d";
	a->argv[n++] = a->level;
	/* MakedumpfileOptions=, checked by crashd: no option it sets itself. */
	for (char *s = NULL, *w = strtok_r(a->options, " \t", &s); w && n < ELEMENTSOF(a->argv) - 3;
	     w = strtok_r(NULL, " \t", &s))
		a->argv[n++] = w;
	a->argv[n] = NULL;
	return n;
}
