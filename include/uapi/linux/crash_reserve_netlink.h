/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/crash_reserve.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_CRASH_RESERVE_NETLINK_H
#define _UAPI_LINUX_CRASH_RESERVE_NETLINK_H

#define CRASH_RESERVE_FAMILY_NAME	"crash_reserve"
#define CRASH_RESERVE_FAMILY_VERSION	1

#define CRASH_RESERVE_SHA256_LEN	32

/**
 * enum crash_reserve_syscall - The system call that loaded the crash image.
 */
enum crash_reserve_syscall {
	CRASH_RESERVE_SYSCALL_NONE,
	CRASH_RESERVE_SYSCALL_KEXEC_FILE_LOAD,
	CRASH_RESERVE_SYSCALL_KEXEC_LOAD,
};

/**
 * enum crash_reserve_event - What changed.
 * @CRASH_RESERVE_EVENT_NONE: Not an event; the reply to a get.
 * @CRASH_RESERVE_EVENT_LOAD: A crash image was loaded where none was.
 * @CRASH_RESERVE_EVENT_UNLOAD: The crash image was unloaded.
 * @CRASH_RESERVE_EVENT_REPLACE: A crash image replaced the one loaded.
 * @CRASH_RESERVE_EVENT_SHRINK: The region was shrunk through
 *   /sys/kernel/kexec_crash_size.
 * @CRASH_RESERVE_EVENT_HOTPLUG: The kernel rewrote the crash image's ELF core
 *   header after hotplug.
 */
enum crash_reserve_event {
	CRASH_RESERVE_EVENT_NONE,
	CRASH_RESERVE_EVENT_LOAD,
	CRASH_RESERVE_EVENT_UNLOAD,
	CRASH_RESERVE_EVENT_REPLACE,
	CRASH_RESERVE_EVENT_SHRINK,
	CRASH_RESERVE_EVENT_HOTPLUG,
};

/**
 * enum crash_reserve_feature - What this kernel's kexec_file_load() does for
 *   crash images beyond upstream's.
 * @CRASH_RESERVE_FEATURE_CRASH_SWAP: It takes KEXEC_FILE_CRASH_SWAP
 *   (<linux/kexec_crash_swap.h>): a new crash image is loaded beside the armed
 *   one, which stays armed until the new one replaces it.
 */
enum crash_reserve_feature {
	CRASH_RESERVE_FEATURE_CRASH_SWAP = 1,
};

enum {
	CRASH_RESERVE_A_IMAGE_SYSCALL = 1,
	CRASH_RESERVE_A_IMAGE_LOADED_AT,
	CRASH_RESERVE_A_IMAGE_KERNEL_SHA256,
	CRASH_RESERVE_A_IMAGE_INITRD_SHA256,
	CRASH_RESERVE_A_IMAGE_CMDLINE,
	CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256,
	CRASH_RESERVE_A_IMAGE_NR_SEGMENTS,
	CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES,
	CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE,
	CRASH_RESERVE_A_IMAGE_LOADED_BESIDE,

	__CRASH_RESERVE_A_IMAGE_MAX,
	CRASH_RESERVE_A_IMAGE_MAX = (__CRASH_RESERVE_A_IMAGE_MAX - 1)
};

enum {
	CRASH_RESERVE_A_STATE_GENERATION = 1,
	CRASH_RESERVE_A_STATE_EVENT,
	CRASH_RESERVE_A_STATE_REGION_BASE,
	CRASH_RESERVE_A_STATE_REGION_SIZE,
	CRASH_RESERVE_A_STATE_LOW_BASE,
	CRASH_RESERVE_A_STATE_LOW_SIZE,
	CRASH_RESERVE_A_STATE_POLICY,
	CRASH_RESERVE_A_STATE_REASON,
	CRASH_RESERVE_A_STATE_LOADED,
	CRASH_RESERVE_A_STATE_IMAGE,
	CRASH_RESERVE_A_STATE_FEATURES,

	__CRASH_RESERVE_A_STATE_MAX,
	CRASH_RESERVE_A_STATE_MAX = (__CRASH_RESERVE_A_STATE_MAX - 1)
};

enum {
	CRASH_RESERVE_CMD_GET = 1,
	CRASH_RESERVE_CMD_CHANGED,

	__CRASH_RESERVE_CMD_MAX,
	CRASH_RESERVE_CMD_MAX = (__CRASH_RESERVE_CMD_MAX - 1)
};

#define CRASH_RESERVE_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_CRASH_RESERVE_NETLINK_H */
