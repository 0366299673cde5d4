/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * After the reboot: a capture that saved nothing, reported from the
 * capture kernel's own log (ramoops, see pstore.h) with its cause, its last
 * lines and the fix, once.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "config.h"

/*
 * Reads the newest capture record in @pstore_dir; when it tells of a
 * capture that saved nothing and was not reported yet (the last reported
 * boot is kept in @state_dir), records it in @c's dump directory and logs
 * it; out of memory, with the crashkernel= crashctl estimate now gives.
 * Sets @boot_id to the crashed boot it explained ("" if none). Returns 1
 * when it reported, 0 when there was nothing to report, or -errno.
 */
int capture_report_failed(const char *pstore_dir, const char *state_dir, const struct crashd_config *c,
			  const char *config_path, uint64_t region_size, char *boot_id, size_t len);
