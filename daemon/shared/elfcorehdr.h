/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ELF core header a panic kernel loaded with kexec_load() is handed
 * (elfcorehdr=): where the old kernel's memory, its CPUs' register notes
 * and its VMCOREINFO are. kexec_file_load() has the kernel build it; the
 * user-space loader builds the same from what the kernel shows in sysfs.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "iomem.h"

struct core_layout {
	const struct phys_range *ram;	/* the memory to dump, crash region excluded */
	size_t n_ram;
	const struct phys_range *notes;	/* each CPU's crash_notes */
	size_t n_notes;
	struct phys_range vmcoreinfo;	/* empty (start == end): none */
	uint64_t page_offset;		/* the direct map's base: a RAM range's p_vaddr is this + start */
	struct phys_range text;		/* the kernel image, mapped at text_vaddr; empty: none */
	uint64_t text_vaddr;
};

/*
 * Builds the header (ELF64, ET_CORE, x86-64): the notes first, then the
 * kernel text, then each RAM range, in the kernel's own order. Returns 0
 * with a malloc'd buffer; -EINVAL for an empty or inverted range or more
 * program headers than ELF can count; -ENOMEM.
 */
int elfcorehdr_build(const struct core_layout *l, void **ret, size_t *size);
