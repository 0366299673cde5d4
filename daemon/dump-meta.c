// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dump-meta.h"
#include "util.h"

json_object *dump_meta_read(const char *dir)
{
	_cleanup_free_ char *path = NULL, *text = NULL;

	if (asprintf(&path, "%s/%s", dir, DUMP_META_NAME) < 0 || read_full_file(path, &text, NULL) < 0)
		return NULL;
	return json_tokener_parse(text);
}

int dump_meta_write(const char *dir, json_object *meta)
{
	_cleanup_free_ char *path = NULL;

	if (asprintf(&path, "%s/%s", dir, DUMP_META_NAME) < 0)
		return -ENOMEM;
	return write_file_atomic(path, json_object_to_json_string_ext(meta, JSON_C_TO_STRING_PRETTY), 0600);
}

void dump_panic_line(const char *dmesg, char *out, size_t len)
{
	static const char *const markers[] = { "Kernel panic - not syncing", "BUG: ", "Oops" };

	out[0] = '\0';
	for (size_t m = 0; m < ELEMENTSOF(markers) && !out[0]; m++) {
		const char *hit = strstr(dmesg, markers[m]), *end;

		if (!hit)
			continue;
		end = strchrnul(hit, '\n');
		snprintf(out, len, "%.*s", (int) (end - hit), hit);
	}
}
