/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Noticing a crash that left no dump: crashd records the boot it runs in
 * and removes the record when it stops cleanly. A record of another boot
 * at start means that boot ended without a clean shutdown; if no dump
 * names it either, the capture kernel could not save one (or the power
 * went), and the administrator should hear of it.
 */
#pragma once

#include <stdbool.h>

#define CRASHD_STATE_DIR "/var/lib/crashd"

/*
 * Checks the record in @state_dir against the dumps in @dump_dir, logs
 * what it finds (unless @explained, the boot whose failed capture was
 * already reported from its own log; @log_lost: ramoops' region moved, so
 * that log could not be read; @remote: Target= names a server, which may
 * hold the dump, or NULL), and records the current boot.
 * Returns 1 if the previous boot ended uncleanly without a dump, 0
 * otherwise, or -errno.
 */
int boot_record_start(const char *state_dir, const char *dump_dir, const char *remote, const char *config_path,
		      const char *explained, bool log_lost);
void boot_record_stop(const char *state_dir);
