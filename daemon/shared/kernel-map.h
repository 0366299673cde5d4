/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where the running kernel maps memory: the direct map's base and the
 * kernel image's mapping, which the ELF core header must give and which
 * KASLR makes known only to /proc/kcore's program headers. crashd's
 * sandbox hides /proc/kcore (ProtectKernelTunables=), so crashd.service
 * saves them first, as root, with "crashctl kernel-map --write"; they do
 * not change until the next boot.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "iomem.h"
#include "problem.h"

#define KERNEL_MAP_KCORE "/proc/kcore"
#define KERNEL_MAP_SAVED "/run/crashd/kernel-map"

struct kernel_map {
	uint64_t page_offset;		/* a RAM range's virtual address less its physical one */
	struct phys_range text;		/* the kernel image, physical; empty when unknown */
	uint64_t text_vaddr;
};

/* From /proc/kcore (@path). */
int kernel_map_read_kcore(const char *path, struct kernel_map *km, struct problem *p);
/* From /proc/kcore if it can be read, else from what crashctl saved at @saved. */
int kernel_map_read(const char *kcore, const char *saved, struct kernel_map *km, struct problem *p);

/* The parsers and the saved file's format, for the tests and the fuzzer. */
int kcore_parse(const void *head, size_t len, struct kernel_map *km);
/* "page_offset=0x... text=0x...-0x... text_vaddr=0x...", one per line. */
int kernel_map_parse(const char *text, struct kernel_map *km);
void kernel_map_format(const struct kernel_map *km, char *buf, size_t len);
