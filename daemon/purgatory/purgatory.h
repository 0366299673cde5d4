/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What crashd's loader and its purgatory agree on. The purgatory is a flat
 * image that runs after a panic, between the old kernel and the new one:
 * it checks the SHA-256 of every segment the loader placed and of its own
 * code, and only then enters the panic kernel.
 *
 * The image starts with a fixed head (checked with the code): a jump, the
 * magic, where the info block is, how many bytes from the start are
 * checked as the purgatory's own, and how much memory it needs (its bss:
 * stack). The info block lies after the checked bytes; the loader fills it.
 */
#pragma once

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* "crashdPG", little-endian */
#define PURGATORY_MAGIC		0x4750646873617263
#define PURGATORY_VERSION	1
#define PURGATORY_MAX_REGIONS	32
/* The serial port the messages go to (COM1), as the first kernel left it. */
#define PURGATORY_COM1		0x3f8

/* Offsets in the head. */
#define PURGATORY_HEAD_MAGIC		8
#define PURGATORY_HEAD_INFO		16
#define PURGATORY_HEAD_CHECKED		24
#define PURGATORY_HEAD_MEMSZ		32
#define PURGATORY_HEAD_SIZE		40

/* Offsets in struct purgatory_info, for entry.S. */
#define PURGATORY_INFO_ENTRY		16
#define PURGATORY_INFO_BOOT_PARAMS	24

#ifndef __ASSEMBLER__
struct purgatory_region {
	uint64_t start;			/* physical address */
	uint64_t len;
	uint8_t sha256[32];
};

struct purgatory_info {
	uint64_t magic;
	uint32_t version;
	uint32_t nr_regions;
	uint64_t entry;			/* where the panic kernel starts */
	uint64_t boot_params;		/* its %rsi */
	uint8_t self_sha256[32];	/* of the purgatory's first 'checked' bytes */
	uint64_t console_port;		/* 0: say nothing */
	struct purgatory_region regions[PURGATORY_MAX_REGIONS];
};

_Static_assert(__builtin_offsetof(struct purgatory_info, entry) == PURGATORY_INFO_ENTRY, "entry offset");
_Static_assert(__builtin_offsetof(struct purgatory_info, boot_params) == PURGATORY_INFO_BOOT_PARAMS,
	       "boot_params offset");
#endif
