/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dumps saved under the dump directory: listing, reporting, retention.
 * Only entries the collector could have made count: a directory owned by
 * root with a collector's name and a root-owned metadata.json saying
 * whether it is complete. Anything else is left alone, never deleted.
 */
#pragma once

#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dump-dir.h"
#include "problem.h"

#define DUMP_REPORTED_NAME ".reported"

struct dump_entry {
	char name[DUMP_NAME_MAX];
	char path[PATH_MAX];
	json_object *meta;
	bool complete;
	bool reported;
};

/* Newest first. -ENOENT if @dir does not exist; other errors with @p set. */
int dumps_list(const char *dir, struct dump_entry **ret, size_t *n, struct problem *p);
/* The same over an open dump directory (dump_dir_open()); @dir names it in paths. */
int dumps_list_at(int dirfd, const char *dir, struct dump_entry **ret, size_t *n);
void dumps_free(struct dump_entry *d, size_t n);
/*
 * The entry of the boot @boot_id (entries are named <UTC time>-<boot id>)
 * in the open dump directory @dirfd, newest first, into @name: 0, or
 * -ENOENT when there is none.
 */
int dumps_find_boot_at(int dirfd, const char *dir, const char *boot_id, char *name, size_t len);
/*
 * What crashd does after boot: marks directories a power cut left behind as
 * incomplete, logs each dump not yet reported (once), and removes all but
 * the newest @keep (0 keeps all), then the oldest while all dumps together
 * use more than @max_use bytes (0: no limit); the newest is always kept.
 * Returns the number of new dumps.
 */
int dumps_report_new(const char *dir, unsigned keep, uint64_t max_use);
/*
 * Records in metadata.json the SHA-256 of each vmcore that has none yet.
 * The collector leaves it to crashd: OpenSSL would add 4.5 MiB to the
 * capture initramfs, and reading the vmcore back to the capture kernel's
 * time to reboot. Slow for a large vmcore: crashd runs it in a child
 * process. Returns the number of vmcores digested.
 */
int dumps_digest_new(const char *dir);
/* Finds a dump by name (in @dir) or by path. Errors with @p set. */
int dumps_find(const char *dir, const char *which, struct dump_entry *ret, struct problem *p);
