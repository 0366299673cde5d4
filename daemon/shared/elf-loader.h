/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashd's own loader (Loader=elf): the panic kernel's ELF laid out in the
 * crash region with its initramfs, boot parameters, ELF core header and
 * crashd's purgatory, as the segments kexec_load() takes. The plan is
 * pure: it reads nothing and loads nothing, so the tests and the fuzzer
 * can run it.
 */
#pragma once

#include <asm/bootparam.h>
#include <linux/kexec.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decompress.h"
#include "dump-sources.h"
#include "elfimage.h"
#include "iomem.h"
#include "problem.h"
#include "purgatory-image.h"

/* The kernel's COMMAND_LINE_SIZE on x86, when the image does not say. */
#define ELF_LOAD_CMDLINE_MAX 2048

struct elf_load_input {
	const char *kernel_path;		/* for messages */
	const void *kernel;			/* a bzImage or an ELF vmlinux */
	size_t kernel_size;
	const void *initrd;			/* NULL: none */
	size_t initrd_size;
	const char *cmdline;
	struct phys_range region;		/* the crash region */
	struct phys_range low;			/* crashkernel=,low; empty: none */
	const struct iomem_map *iomem;
	const struct dump_sources *sources;
	const struct boot_params *running;	/* NULL: unknown */
	uint64_t console_port;			/* the purgatory's messages; 0: none */
};

enum elf_load_seg { SEG_KERNEL, SEG_ELFCOREHDR, SEG_BOOT_PARAMS, SEG_PURGATORY, SEG_INITRD };

struct elf_load_plan {
	struct kexec_segment segs[KEXEC_SEGMENT_MAX];
	enum elf_load_seg kind[KEXEC_SEGMENT_MAX];
	size_t n;
	uint64_t entry;				/* the purgatory's: where the panic jumps */
	uint64_t kernel_entry;
	uint64_t boot_params_at;
	uint64_t end;				/* the last byte used in the region, plus one */
	bool from_bzimage;
	bool relocated;				/* false: loaded at its own addresses */
	struct elf_image_info elf;
	struct elf_placement place;
	char *cmdline;				/* as passed, elfcorehdr= first */
	/* What the segments point into. */
	struct decompressed vmlinux;
	void *corehdr;
	size_t corehdr_size;
	uint8_t *boot_page;			/* boot_params, then the command line */
	size_t boot_size;
	struct purgatory_image purgatory;
};

int elf_load_plan(const struct elf_load_input *in, struct elf_load_plan *plan, struct problem *p);
void elf_load_plan_free(struct elf_load_plan *plan);
