/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the running kernel shows user space that a dump of it needs, read
 * for the ELF core header the user-space loader builds: the RAM to save
 * (/proc/iomem, less the crash region), each CPU's register notes
 * (/sys/devices/system/cpu/cpuN/crash_notes), VMCOREINFO
 * (/sys/kernel/vmcoreinfo), and where the direct map and the kernel image
 * are mapped (kernel-map.h).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "elfcorehdr.h"
#include "iomem.h"
#include "problem.h"

struct dump_source_paths {
	const char *iomem;		/* /proc/iomem */
	const char *cpu_dir;		/* /sys/devices/system/cpu */
	const char *vmcoreinfo;		/* /sys/kernel/vmcoreinfo */
	const char *kcore;		/* /proc/kcore */
	const char *kernel_map;		/* its copy crashctl kernel-map saved */
};

extern const struct dump_source_paths dump_source_paths_default;

struct dump_sources {
	struct phys_range *ram;
	size_t n_ram;
	struct phys_range *notes;
	size_t n_notes;
	struct phys_range vmcoreinfo;
	uint64_t page_offset;
	struct phys_range text;
	uint64_t text_vaddr;
};

/* Reads them all. Problems name the file and the fix. */
int dump_sources_read(const struct dump_source_paths *paths, struct dump_sources *s, struct problem *p);
void dump_sources_free(struct dump_sources *s);
/* The layout elfcorehdr_build() takes, pointing into @s. */
void dump_sources_layout(const struct dump_sources *s, struct core_layout *l);

/* The parsers, for the tests and the fuzzer. */
/* A CPU list as sysfs prints it ("0-3,8"): calls @fn for each CPU, in order; -EINVAL if malformed. */
int cpu_list_parse(const char *text, int (*fn)(unsigned cpu, void *userdata), void *userdata);
/* "ADDR SIZE" (hex, hex) of /sys/kernel/vmcoreinfo. */
int vmcoreinfo_addr_parse(const char *text, struct phys_range *r);
/* Top-level System RAM less the crash region(s): what a dump saves. */
int iomem_dump_ranges(const struct iomem_map *map, struct phys_range **ret, size_t *n);
