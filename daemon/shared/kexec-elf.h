/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loader=elf: arming with crashd's own loader and purgatory through
 * kexec_load(KEXEC_ON_CRASH), instead of kexec_file_load().
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "problem.h"
#include "region.h"

/* What the load did, for the log and crashctl status. */
struct kexec_elf_report {
	unsigned segments;
	uint64_t kernel_base;		/* where the lowest PT_LOAD went */
	int64_t offset;			/* added to every address */
	uint64_t entry;			/* the kernel's, relocated */
	uint64_t purgatory_at;
	uint64_t purgatory_size;	/* bytes in the image; it checks purgatory_checked of them as its own */
	uint64_t purgatory_checked;
	uint64_t checked_bytes;		/* in the segments it checks */
	uint64_t used;			/* bytes of the region used */
	uint32_t pvh_entry;		/* Xen's PVH entry note, reported, not used */
	bool from_bzimage;
	char build_id[41];
};

/*
 * Whether this machine lets an unsigned loader arm: not under lockdown
 * and not booted with Secure Boot. Returns 0, or -EPERM with why in @p.
 */
int kexec_elf_allowed(struct problem *p);
/* The same, from these files (securityfs' lockdown, the SecureBoot EFI variable). */
int kexec_elf_allowed_at(const char *lockdown_path, const char *secure_boot_path, struct problem *p);
/*
 * Plans and loads. @corrupt_segment >= 0 (tests only) flips a byte of that
 * segment after its digest was taken, so that the purgatory must refuse.
 */
int kexec_elf_load_crash(int kernel_fd, const char *kernel_path, int initrd_fd, const char *cmdline,
			 const struct crash_region *region, int corrupt_segment, struct kexec_elf_report *rep,
			 struct problem *p);
