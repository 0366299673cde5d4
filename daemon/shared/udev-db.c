// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "udev-db.h"
#include "util.h"

static int read_db(const char *dir, unsigned major, unsigned minor, char **text)
{
	_cleanup_free_ char *path = NULL;

	if (asprintf(&path, "%s/b%u:%u", dir, major, minor) < 0)
		return -ENOMEM;
	return read_full_file(path, text, NULL);
}

/* The value of the line "@prefix...\n" in @text, which starts with a newline-separated line. */
static bool line_value(const char *text, const char *prefix, char *out, size_t len)
{
	size_t plen = strlen(prefix);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, prefix, plen)) {
			snprintf(out, len, "%.*s", (int) strcspn(l + plen, "\n"), l + plen);
			return true;
		}
	return false;
}

/* udev writes labels and partition names with \xHH escapes (ID_FS_LABEL_ENC); undone in place. */
static void decode_escapes(char *s)
{
	char *out = s;

	for (; *s; s++)
		if (s[0] == '\\' && s[1] == 'x' && isxdigit_c(s[2]) && isxdigit_c(s[3])) {
			*out++ = (char) (hexval(s[2]) << 4 | hexval(s[3]));
			s += 3;
		} else
			*out++ = *s;
	*out = '\0';
}

int udev_db_property(const char *dir, unsigned major, unsigned minor, const char *key, char *out, size_t len)
{
	_cleanup_free_ char *text = NULL, *prefix = NULL;
	int r = read_db(dir, major, minor, &text);

	if (r < 0)
		return r;
	if (asprintf(&prefix, "E:%s=", key) < 0)
		return -ENOMEM;
	return line_value(text, prefix, out, len) ? 0 : -ENOENT;
}

int udev_db_block_id(const char *dir, unsigned major, unsigned minor, struct block_id *id)
{
	_cleanup_free_ char *text = NULL;
	int r = read_db(dir, major, minor, &text);

	return r < 0 ? r : udev_db_text_block_id(text, id);
}

int udev_db_text_block_id(const char *text, struct block_id *id)
{
	memset(id, 0, sizeof(*id));
	line_value(text, "E:ID_FS_TYPE=", id->type, sizeof(id->type));
	line_value(text, "E:ID_FS_USAGE=", id->usage, sizeof(id->usage));
	line_value(text, "E:ID_FS_UUID=", id->uuid, sizeof(id->uuid));
	line_value(text, "E:ID_FS_LABEL_ENC=", id->label, sizeof(id->label));
	line_value(text, "E:ID_PART_ENTRY_UUID=", id->partuuid, sizeof(id->partuuid));
	line_value(text, "E:ID_PART_ENTRY_NAME=", id->partlabel, sizeof(id->partlabel));
	decode_escapes(id->label);
	decode_escapes(id->partlabel);
	return id->type[0] || id->partuuid[0] ? 0 : -ENOENT;
}

bool udev_db_has_link(const char *dir, unsigned major, unsigned minor, const char *link)
{
	_cleanup_free_ char *text = NULL;

	if (read_db(dir, major, minor, &text) < 0)
		return false;
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (startswith(l, "S:") && strcspn(l + 2, "\n") == strlen(link) && !strncmp(l + 2, link, strlen(link)))
			return true;
	return false;
}
