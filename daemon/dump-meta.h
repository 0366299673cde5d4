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

/* Reads DIR/metadata.json; NULL if missing or malformed. */
json_object *dump_meta_read(const char *dir);
/* Replaces DIR/metadata.json atomically. */
int dump_meta_write(const char *dir, json_object *meta);
/* The panic line from a dmesg text: "Kernel panic - not syncing: ...". */
void dump_panic_line(const char *dmesg, char *out, size_t len);
