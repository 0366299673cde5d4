/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading /proc/iomem: the stock kernel's only map of RAM and the crash region. */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct iomem_entry {
	uint64_t start;
	uint64_t end;		/* inclusive, as /proc/iomem prints it */
	unsigned depth;		/* nesting: 0 for top level */
	char *name;
};

struct iomem_map {
	struct iomem_entry *entries;
	size_t n;
};

/* A physical range [start, end), end exclusive. */
struct phys_range {
	uint64_t start;
	uint64_t end;
};

/*
 * Parses the text of /proc/iomem. On a malformed line returns -EINVAL and
 * sets *bad_line (1-based). Returns -EPERM when every address is zero, as
 * the kernel shows them to users without CAP_SYS_ADMIN.
 */
int iomem_parse(const char *text, struct iomem_map *map, unsigned *bad_line);
int iomem_read(const char *path, struct iomem_map *map, unsigned *bad_line);
void iomem_free(struct iomem_map *map);

/* Total bytes of top-level "System RAM". */
uint64_t iomem_ram_bytes(const struct iomem_map *map);

/*
 * RAM that was free for the crash region at boot, as well as this map
 * can tell: top-level System RAM less the kernel image; a reserved crash
 * region counts as free. Returns the number of ranges, or -ENOMEM.
 */
int iomem_free_ranges(const struct iomem_map *map, struct phys_range **ret);

/* The "Crash kernel" entries at any depth, lowest first. */
int iomem_crash_ranges(const struct iomem_map *map, struct phys_range **ret);
