/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's crash_reserve generic netlink family, through libnl: which
 * crash image is armed as the kernel sees it (GET), and its events. Only
 * kernels with crashd's patch series have it; callers fall back to sysfs
 * and /proc when crash_nl_open() says -EOPNOTSUPP. Root only (CAP_SYS_ADMIN).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/crash_reserve_netlink.h>

#include "problem.h"

/* Nothing waits for the kernel longer than this. */
#define CRASH_NL_TIMEOUT_SEC 5

struct crash_nl_image {
	uint32_t syscall;		/* enum crash_reserve_syscall */
	uint64_t loaded_at;		/* seconds since the epoch */
	bool has_kernel_sha256, has_initrd_sha256, has_segments_sha256;
	char kernel_sha256[65];		/* lowercase hex, as sha256sum prints */
	char initrd_sha256[65];
	char segments_sha256[65];
	char cmdline[4096];
	uint32_t nr_segments;
	uint64_t segment_bytes;
	bool hotplug_update;
	bool loaded_beside;		/* beside the image before it, then swapped in */
};

struct crash_nl_state {
	uint64_t generation;
	uint32_t event;			/* enum crash_reserve_event; NONE for a GET */
	uint64_t region_base, region_size, low_base, low_size;
	char policy[64];
	char reason[64];
	bool loaded;
	uint32_t features;		/* CRASH_RESERVE_FEATURE_* */
	struct crash_nl_image image;	/* when loaded */
};

struct crash_nl;

/*
 * Connects and resolves the family. -EOPNOTSUPP: this kernel has none;
 * -EPERM: not allowed (the events group needs CAP_SYS_ADMIN).
 */
int crash_nl_open(struct crash_nl **ret, struct problem *p);
void crash_nl_close(struct crash_nl *nl);
/* The state now, as the kernel reports it. */
int crash_nl_get(struct crash_nl *nl, struct crash_nl_state *st, struct problem *p);
/* Joins the events group; then crash_nl_fd() is readable when events wait. */
int crash_nl_subscribe(struct crash_nl *nl, struct problem *p);
int crash_nl_fd(struct crash_nl *nl);
/* Reads what is waiting, without blocking, calling @fn once per event. */
int crash_nl_read_events(struct crash_nl *nl, void (*fn)(const struct crash_nl_state *st, void *userdata),
			 void *userdata);
/*
 * One message's attributes (after the genetlink header) into @st: the
 * parser of what the kernel sends, strict about types and lengths.
 */
int crash_nl_parse(const void *attrs, size_t len, struct crash_nl_state *st);
/*
 * Whether the kernel holds, loaded by kexec_file_load(), exactly this
 * kernel, initramfs (NULL: none) and command line: SHA-256 as hex.
 */
bool crash_nl_image_matches(const struct crash_nl_state *st, const char *kernel_sha256, const char *initrd_sha256,
			    const char *cmdline);
const char *crash_nl_event_name(uint32_t event);
const char *crash_nl_syscall_name(uint32_t syscall);
