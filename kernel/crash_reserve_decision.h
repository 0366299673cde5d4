/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the boot-time reservation decided, kept for sysfs.
 */
#ifndef _CRASH_RESERVE_DECISION_H
#define _CRASH_RESERVE_DECISION_H

#include <linux/types.h>
#include <uapi/linux/crash_reserve.h>

#define CRASH_RESERVE_TEXT_MAX	256

struct crash_reserve_decision {
	enum crash_reserve_reason reason;
	const char *policy;
	char requested[CRASH_RESERVE_TEXT_MAX];
	char sentence[CRASH_RESERVE_TEXT_MAX];
};

extern struct crash_reserve_decision crash_reserve_decision;

#endif /* _CRASH_RESERVE_DECISION_H */
