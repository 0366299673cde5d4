/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ramoops across the capture: the first kernel keeps a small region out of
 * its own use (reserve_mem=1M:4096:crashd, ramoops.mem_name=crashd); crashd
 * passes its address to the capture kernel, whose ramoops writes its log
 * there at every panic, oops and reboot; after the reboot the first kernel's
 * ramoops shows those records in /sys/fs/pstore.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "capture-log.h"

#define PSTORE_PARAMS_DIR "/sys/module/ramoops/parameters"
#define PSTORE_DIR "/sys/fs/pstore"

struct pstore_slice {
	uint64_t address, size;
	/* The layout: the capture kernel must cut the region as this kernel does. */
	uint64_t record_size, console_size, pmsg_size, ftrace_size;
	int ecc;
	unsigned mem_type;
};

/* ramoops' region in this boot, from its parameters in @dir; -ENOENT when it has none. */
int pstore_slice_get(const char *dir, struct pstore_slice *s);
/*
 * reserve_mem= is best effort: when KASLR puts this kernel where the
 * region was, it lands elsewhere, and the capture kernel's log is lost.
 * Records this boot's region in @state_dir and says whether the previous
 * boot's was elsewhere (or none).
 */
int pstore_region_remember(const char *state_dir, const struct pstore_slice *s, bool have, bool *moved);
/* The capture kernel's ramoops.* parameters: the same region and layout, a record at every reboot. */
int pstore_capture_params(const struct pstore_slice *s, char **ret);
/*
 * The newest record in @dir that a capture kernel wrote: its parsed log,
 * its text (caller frees) and when it was written. -ENOENT if none.
 */
int pstore_newest_capture(const char *dir, struct capture_log *log, char **text, time_t *when);
