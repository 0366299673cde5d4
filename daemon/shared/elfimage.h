/* SPDX-License-Identifier: GPL-2.0-only */
/* Inspecting an ELF kernel (vmlinux) as a relocatable image. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "problem.h"

struct elf_image_info {
	unsigned load_segments;
	uint64_t low;			/* lowest PT_LOAD physical address */
	uint64_t span;			/* from low to the end of the highest segment */
	uint64_t align;			/* largest PT_LOAD alignment */
	uint64_t entry;
	bool dyn;			/* ET_DYN: position-independent */
	uint32_t pvh_entry;		/* Xen's PHYS32_ENTRY note (PVH boot), or 0 */
	char build_id[41];		/* hex, or "" */
	char version[160];		/* linux_banner, or "" */
};

/* Placement of the image in a region: where it goes, and by how much it moves. */
struct elf_placement {
	bool fits;
	uint64_t base;			/* where 'low' lands */
	int64_t offset;			/* added to every address, the entry too */
};

int elf_probe(const void *data, size_t size);
int elf_image_inspect(const void *data, size_t size, struct elf_image_info *info, struct problem *p);
void elf_image_place(const struct elf_image_info *info, uint64_t region_base, uint64_t region_size,
		     struct elf_placement *pl);
