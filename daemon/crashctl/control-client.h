/* SPDX-License-Identifier: GPL-2.0-only */
/* crashctl's side of the control socket (control-protocol.h). */
#pragma once

#include <json-c/json.h>
#include <stdint.h>

/*
 * How long crashctl waits for crashd, in all: status is instant; arming
 * may build the capture initramfs first. dpkg's kernel hook waits on
 * "reload", so neither may be forever.
 */
#define CONTROL_STATUS_TIMEOUT_USEC (5ULL * 1000000)
#define CONTROL_ARM_TIMEOUT_USEC (90ULL * 1000000)

/* Sends @method and returns the reply; -ETIMEDOUT after @timeout_usec. */
int control_call(const char *runtime_dir, const char *method, uint64_t timeout_usec, json_object **reply);
