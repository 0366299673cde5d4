/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 boot parameters ("zero page") a panic kernel loaded with
 * kexec_load() starts with: its memory map, command line and initramfs.
 * kexec_file_load() has the kernel write them; the user-space loader
 * writes the same.
 */
#pragma once

#include <asm/bootparam.h>
#include <stddef.h>
#include <stdint.h>

#include "iomem.h"

struct boot_layout {
	const struct iomem_map *iomem;	/* the running kernel's */
	struct phys_range region;	/* the crash region: the panic kernel's RAM */
	struct phys_range low;		/* crashkernel=,low; empty if none */
	struct phys_range elfcorehdr;	/* in the region, and not RAM for the panic kernel */
	uint64_t cmdline_addr;
	uint64_t initrd_addr, initrd_size;	/* size 0: none */
	const void *setup_header;	/* the bzImage's, from 0x1f1; NULL: a bare vmlinux */
	size_t setup_header_len;
	const struct boot_params *running;	/* /sys/kernel/boot_params/data, or NULL */
};

/*
 * Fills @bp. The memory map is the kernel's crash_setup_memmap_entries():
 * the RAM of the first MiB, ACPI tables and NVS, reserved ranges, the low
 * region, and the crash region less the ELF core header. Returns -E2BIG
 * when that takes more entries than the zero page holds, -EINVAL for a
 * setup header that is not one.
 */
int boot_params_build(const struct boot_layout *l, struct boot_params *bp);
