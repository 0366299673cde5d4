// SPDX-License-Identifier: GPL-2.0-only
/*
 * The panic kernel sees only what this map calls RAM: the crash region
 * and the first MiB (which x86 reserves in the first kernel for this), so
 * it cannot overwrite the memory it is to save. The ACPI and reserved
 * ranges let it find its firmware tables and devices.
 */
#include <errno.h>
#include <string.h>

#include "boot-params.h"
#include "util.h"

#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
#define E820_NVS	4
#define LOW_MIB		(1ULL << 20)
#define PAGE		4096ULL
/* The setup header ends at 0x202 + the byte at 0x201 (its jump's offset). */
#define SETUP_HEADER_START	0x1f1
#define HDRS_MAGIC	0x53726448
/* crashd loads as kexec-tools does: "kexec", in the boot protocol's list. */
#define LOADER_KEXEC	0xd0

static int add(struct boot_params *bp, uint64_t start, uint64_t end, uint32_t type)
{
	if (end <= start)
		return 0;
	if (bp->e820_entries >= E820_MAX_ENTRIES_ZEROPAGE)
		return -E2BIG;
	bp->e820_table[bp->e820_entries++] = (struct boot_e820_entry) {
		.addr = start, .size = end - start, .type = type,
	};
	return 0;
}

static int add_named(struct boot_params *bp, const struct iomem_map *map, const char *name, uint32_t type)
{
	int r = 0;

	for (size_t i = 0; i < map->n && r >= 0; i++)
		if (streq(map->entries[i].name, name))
			r = add(bp, map->entries[i].start, map->entries[i].end + 1, type);
	return r;
}

static int memory_map(const struct boot_layout *l, struct boot_params *bp)
{
	const struct iomem_map *map = l->iomem;
	int r = 0;

	for (size_t i = 0; i < map->n && r >= 0; i++) {
		const struct iomem_entry *e = &map->entries[i];

		if (!e->depth && streq(e->name, "System RAM") && e->start < LOW_MIB)
			r = add(bp, e->start, e->end + 1 < LOW_MIB ? e->end + 1 : LOW_MIB, E820_RAM);
	}
	if (r >= 0)
		r = add_named(bp, map, "ACPI Tables", E820_ACPI);
	if (r >= 0)
		r = add_named(bp, map, "ACPI Non-volatile Storage", E820_NVS);
	if (r >= 0)
		r = add_named(bp, map, "Reserved", E820_RESERVED);
	if (r >= 0)
		r = add(bp, l->low.start, l->low.end, E820_RAM);
	if (r < 0)
		return r;
	/* The region around the ELF core header; pieces under a page are dropped, as the kernel does. */
	if (l->elfcorehdr.start - l->region.start >= PAGE)
		r = add(bp, l->region.start, l->elfcorehdr.start, E820_RAM);
	if (r >= 0 && l->region.end - l->elfcorehdr.end >= PAGE)
		r = add(bp, l->elfcorehdr.end, l->region.end, E820_RAM);
	return r;
}

static int setup_header(const struct boot_layout *l, struct boot_params *bp)
{
	const uint8_t *h = l->setup_header;

	if (!h) {
		bp->hdr.boot_flag = 0xaa55;
		bp->hdr.header = HDRS_MAGIC;
		bp->hdr.version = 0x020f;
		return 0;
	}
	/* The bytes from 0x1f1 to the end the header's own jump gives, as the kernel copies them. */
	size_t len;

	if (l->setup_header_len < 0x202 - SETUP_HEADER_START + 1)
		return -EINVAL;
	len = 0x202 - SETUP_HEADER_START + (size_t)h[0x201 - SETUP_HEADER_START];
	if (len > l->setup_header_len || len > sizeof(bp->hdr))
		return -EINVAL;
	memcpy(&bp->hdr, h, len);
	if (bp->hdr.header != HDRS_MAGIC || bp->hdr.boot_flag != 0xaa55)
		return -EINVAL;
	return 0;
}

int boot_params_build(const struct boot_layout *l, struct boot_params *bp)
{
	int r;

	memset(bp, 0, sizeof(*bp));
	if (l->elfcorehdr.start < l->region.start || l->elfcorehdr.end > l->region.end ||
	    l->elfcorehdr.end < l->elfcorehdr.start)
		return -EINVAL;
	r = setup_header(l, bp);
	if (r < 0)
		return r;
	bp->hdr.type_of_loader = LOADER_KEXEC;
	bp->hdr.cmd_line_ptr = (uint32_t)l->cmdline_addr;
	bp->ext_cmd_line_ptr = (uint32_t)(l->cmdline_addr >> 32);
	bp->hdr.ramdisk_image = (uint32_t)l->initrd_addr;
	bp->ext_ramdisk_image = (uint32_t)(l->initrd_addr >> 32);
	bp->hdr.ramdisk_size = (uint32_t)l->initrd_size;
	bp->ext_ramdisk_size = (uint32_t)(l->initrd_size >> 32);
	if (!l->initrd_size)
		bp->hdr.ramdisk_image = bp->ext_ramdisk_image = 0;
	/* As kexec_file_load(): the firmware's ACPI root and machine type carry over. */
	if (l->running) {
		bp->acpi_rsdp_addr = l->running->acpi_rsdp_addr;
		bp->hdr.hardware_subarch = l->running->hdr.hardware_subarch;
	}
	return memory_map(l, bp);
}
