/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A saved dump: /var/crash/<UTC time>-<boot id>/ with vmcore, dmesg.txt and
 * metadata.json. The JSON keys are documented in crashctl(8).
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>

#define DUMP_META_NAME "metadata.json"
/* A directory the collector was still writing when the power went. */
#define DUMP_TMP_PREFIX ".tmp-"

/*
 * Reads metadata.json of the dump directory @entryfd: a regular file owned
 * by root, not a link; NULL if missing, not so, or not a JSON object.
 */
json_object *dump_meta_read(int entryfd);
/* Replaces metadata.json in @entryfd atomically. */
int dump_meta_write(int entryfd, json_object *meta);
/* The panic line from a dmesg text: "Kernel panic - not syncing: ...". */
void dump_panic_line(const char *dmesg, char *out, size_t len);
