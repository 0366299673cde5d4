/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A capture that saved nothing still gets an entry in the dump directory:
 * metadata.json saying why, and the capture kernel's log. crashctl list
 * shows it beside the saved dumps, and crashctl status warns while it is
 * the newest.
 */
#pragma once

#include <time.h>

#include "dump-dir.h"
#include "problem.h"

#define FAILED_CAPTURE_LOG "capture.log"

/*
 * Records the failed capture after the crash of @boot_id, at @when, in the
 * dump directory @dir: in the entry of that boot if the collector left one,
 * else in a new one. The entry is marked reported: the caller logs it.
 * Returns the entry's name in @name.
 */
int failed_capture_record(const char *dir, const char *boot_id, time_t when, const char *reason,
			  const char *log_text, char *name, size_t len, struct problem *p);
