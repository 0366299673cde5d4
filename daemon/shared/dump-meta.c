// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dump-dir.h"
#include "dump-meta.h"
#include "util.h"

json_object *dump_meta_read(int entryfd)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_close_ int fd = dump_file_open(entryfd, DUMP_META_NAME);
	json_object *o;

	if (fd < 0 || read_full_fd(fd, &text, NULL) < 0)
		return NULL;
	o = json_tokener_parse(text);
	if (o && !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int dump_meta_write(int entryfd, json_object *meta)
{
	return write_file_atomic_at(entryfd, DUMP_META_NAME,
				    json_object_to_json_string_ext(meta, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), 0600);
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
