/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a capture kernel's own log, as ramoops kept it across the reboot:
 * whether it saved the dump, and if not, why, in words an administrator can
 * act on.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

enum capture_cause {
	CAPTURE_SAVED,			/* the collector saved a complete dump */
	CAPTURE_PARTIAL,		/* it saved, but not all of it */
	CAPTURE_OUT_OF_MEMORY,		/* the capture kernel ran out of memory */
	CAPTURE_TARGET_MISSING,		/* the dump target was not found */
	CAPTURE_REMOTE_FAILED,		/* the network target could not be reached or refused */
	CAPTURE_PANIC,			/* the capture kernel panicked or oopsed */
	CAPTURE_UNKNOWN,		/* it ended without saying */
};

struct capture_log {
	bool is_capture;		/* a capture kernel's log: elfcorehdr= on its command line */
	char boot_id[40];		/* crashd.boot_id=: the boot that crashed */
	enum capture_cause cause;
	char detail[256];		/* the line that says so */
	unsigned long last_ms;		/* the last time stamp: how long the capture ran */
	char tail[1536];		/* its last lines */
};

/* Reads @text (a pstore dmesg or console record); never fails, @log says what it found. */
void capture_log_parse(const char *text, size_t len, struct capture_log *log);
const char *capture_cause_name(enum capture_cause cause);
