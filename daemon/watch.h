/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What makes crashd arm again: the configured files changing (as package
 * managers write them: a temporary file renamed over, several in a burst,
 * removed and added again), the region changing, memory or CPU hotplug
 * the kernel does not handle itself, and a nudge from the kernel install
 * hooks. One re-arm per burst, after a quiet period.
 */
#pragma once

#include <stdint.h>

struct manager;

/* A burst is over when nothing has happened for this long. */
#define WATCH_QUIET_USEC (200 * 1000)

int watch_start(struct manager *m);
/* After a configuration reload: watch the new paths. */
int watch_refresh(struct manager *m);
void watch_stop(struct manager *m);
/* Something changed: re-arm once things are quiet. @why is logged. */
void watch_trigger(struct manager *m, const char *why, enum arm_mode mode);
