/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control socket: crashctl's commands that change state go to crashd
 * over a root-only Unix socket (control-protocol.h). Documented in crashd(8).
 */
#pragma once

#include <json-c/json.h>
#include <stdint.h>

#define CRASHD_RUNTIME_DIR "/run/crashd"
#define CRASHD_CONTROL_NAME "control"

struct manager;

int control_listen(struct manager *m);

/*
 * How long crashctl waits for crashd, in all: status is instant; arming
 * may build the capture initramfs first. dpkg's kernel hook waits on
 * "reload", so neither may be forever.
 */
#define CONTROL_STATUS_TIMEOUT_USEC (5ULL * 1000000)
#define CONTROL_ARM_TIMEOUT_USEC (90ULL * 1000000)

/* crashctl's side: sends @method and returns the reply; -ETIMEDOUT after @timeout_usec. */
int control_call(const char *runtime_dir, const char *method, uint64_t timeout_usec, json_object **reply);
