// SPDX-License-Identifier: GPL-2.0-only
/*
 * Relocatable ELF loading, as the design has it: the PT_LOAD headers give
 * the span and alignment, the region's first aligned address takes the
 * lowest segment, every segment and the entry point move by the same
 * offset. Then, each page-aligned after the kernel: the ELF core header
 * (which the panic kernel must not use as RAM), the boot parameters with
 * the command line, the purgatory, and the initramfs. The purgatory runs
 * first and checks the SHA-256 of all the others and of itself.
 *
 * An x86-64 kernel's start-up code moves itself to wherever it was loaded
 * in 2 MiB steps (head64.c's load_delta), whatever CONFIG_RELOCATABLE
 * says; a bzImage built without it is refused earlier, as its header says
 * it must run at its own address. So an ELF is moved when it is
 * position-independent (ET_DYN) or its segments are aligned to 2 MiB
 * multiples; any other must fit the region where it says it loads.
 */
#include <errno.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot-params.h"
#include "bzimage-payload.h"
#include "bzimage.h"
#include "elf-loader.h"
#include "elfcorehdr.h"

#define PAGE			4096ULL
#define PAGE_UP(x)		(((x) + PAGE - 1) & ~(PAGE - 1))
#define X86_KERNEL_STEP		(2ULL << 20)
#define SETUP_HDR_OFFSET	0x1f1

static uint64_t region_size(const struct elf_load_input *in)
{
	return in->region.end - in->region.start;
}

static int add_seg(struct elf_load_plan *plan, enum elf_load_seg kind, const void *buf, size_t bufsz, uint64_t mem,
		   uint64_t memsz, const struct elf_load_input *in, struct problem *p)
{
	uint64_t end = mem + PAGE_UP(memsz);

	if (plan->n >= KEXEC_SEGMENT_MAX)
		return problem(p, -E2BIG, "use a kernel with fewer program headers",
			       "%s: more than %d segments to load", in->kernel_path, KEXEC_SEGMENT_MAX);
	if (mem & (PAGE - 1))
		return problem(p, -EINVAL, "link the kernel with page-aligned segments",
			       "%s: a segment at 0x%" PRIx64 " does not start on a page", in->kernel_path, mem);
	if (mem < in->region.start || end > in->region.end || end < mem)
		return problem(p, -ENOSPC, "reserve a larger region (crashctl estimate says how large)",
			       "%s: with its initramfs, boot data and purgatory it needs %" PRIu64
			       " MiB of the %" PRIu64 " MiB crash region", in->kernel_path,
			       (end - in->region.start + (1 << 20) - 1) >> 20, region_size(in) >> 20);
	plan->segs[plan->n] = (struct kexec_segment) {
		.buf = buf, .bufsz = bufsz, .mem = (const void *)(uintptr_t)mem, .memsz = PAGE_UP(memsz),
	};
	plan->kind[plan->n++] = kind;
	if (end > plan->end)
		plan->end = end;
	return 0;
}

/* The ELF to load: the kernel itself, or the payload of a bzImage. */
static int kernel_elf(const struct elf_load_input *in, struct elf_load_plan *plan, const void **elf, size_t *size,
		      struct problem *p)
{
	struct bzimage_info bz;
	int r;

	if (bzimage_probe(in->kernel, in->kernel_size)) {
		r = bzimage_inspect(in->kernel, in->kernel_size, &bz, p);
		if (r < 0)
			return r;
		r = bzimage_vmlinux(in->kernel, in->kernel_size, &bz, &plan->vmlinux, p);
		if (r < 0)
			return r;
		plan->from_bzimage = true;
		*elf = plan->vmlinux.data;
		*size = plan->vmlinux.size;
	} else if (elf_probe(in->kernel, in->kernel_size)) {
		*elf = in->kernel;
		*size = in->kernel_size;
	} else {
		return problem(p, -EINVAL, "give a bzImage (/boot/vmlinuz-*) or an x86-64 vmlinux",
			       "%s: neither a bzImage nor an ELF file", in->kernel_path);
	}
	return elf_image_inspect(*elf, *size, &plan->elf, p);
}

static int place_kernel(const struct elf_load_input *in, struct elf_load_plan *plan, struct problem *p)
{
	const struct elf_image_info *e = &plan->elf;

	plan->relocated = e->dyn || (e->align >= X86_KERNEL_STEP && !(e->align % X86_KERNEL_STEP));
	if (plan->relocated) {
		elf_image_place(e, in->region.start, region_size(in), &plan->place);
		if (!plan->place.fits)
			return problem(p, -ENOSPC, "reserve a larger region (crashctl estimate says how large)",
				       "%s: its %" PRIu64 " MiB at %" PRIu64 " KiB alignment do not fit the %" PRIu64
				       " MiB crash region", in->kernel_path, (e->span + (1 << 20) - 1) >> 20,
				       e->align >> 10, region_size(in) >> 20);
		return 0;
	}
	if (e->low < in->region.start || e->low + e->span > in->region.end || e->low + e->span < e->low)
		return problem(p, -EADDRNOTAVAIL,
			       "use a relocatable kernel (a bzImage, or segments aligned to 2 MiB), or reserve the region "
			       "where it loads (crashkernel=SIZE@OFFSET)",
			       "%s is not relocatable: it loads at 0x%" PRIx64 "-0x%" PRIx64
			       ", outside the crash region 0x%" PRIx64 "-0x%" PRIx64, in->kernel_path, e->low,
			       e->low + e->span - 1, in->region.start, in->region.end - 1);
	plan->place = (struct elf_placement) { .fits = true, .base = e->low, .offset = 0 };
	return 0;
}

static int add_kernel(const struct elf_load_input *in, struct elf_load_plan *plan, const void *elf_data,
		      size_t size, struct problem *p)
{
	size_t nphdr;
	Elf *elf;
	int r = 0;

	elf = elf_memory((char *)elf_data, size);
	if (!elf || elf_getphdrnum(elf, &nphdr) < 0) {
		elf_end(elf);
		return problem(p, -EINVAL, "copy the kernel again", "%s: unreadable program headers", in->kernel_path);
	}
	for (size_t i = 0; i < nphdr && r >= 0; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		/* elf_image_inspect() checked the file holds each segment. */
		r = add_seg(plan, SEG_KERNEL, (const char *)elf_data + ph.p_offset, ph.p_filesz,
			    ph.p_paddr + plan->place.offset, ph.p_memsz, in, p);
	}
	elf_end(elf);
	return r;
}

static int add_boot_params(const struct elf_load_input *in, struct elf_load_plan *plan, uint64_t at,
			   const struct phys_range *corehdr, uint64_t initrd_at, struct problem *p)
{
	const void *hdr = plan->from_bzimage ? (const char *)in->kernel + SETUP_HDR_OFFSET : NULL;
	size_t cmdline_max = ELF_LOAD_CMDLINE_MAX, len;
	struct boot_layout l;
	int r;

	if (plan->from_bzimage && ((const struct setup_header *)hdr)->version >= 0x0206)
		cmdline_max = ((const struct setup_header *)hdr)->cmdline_size + 1;
	if (asprintf(&plan->cmdline, "elfcorehdr=0x%" PRIx64 " %s", corehdr->start, in->cmdline) < 0)
		return -ENOMEM;
	len = strlen(plan->cmdline) + 1;
	if (len > cmdline_max)
		return problem(p, -E2BIG, "shorten CommandLineAppend=",
			       "the panic kernel's command line is %zu bytes; %s takes at most %zu", len,
			       in->kernel_path, cmdline_max);
	plan->boot_size = sizeof(struct boot_params) + len;
	plan->boot_page = calloc(1, plan->boot_size);
	if (!plan->boot_page)
		return -ENOMEM;
	memcpy(plan->boot_page + sizeof(struct boot_params), plan->cmdline, len);
	l = (struct boot_layout) {
		.iomem = in->iomem, .region = in->region, .low = in->low, .elfcorehdr = *corehdr,
		.cmdline_addr = at + sizeof(struct boot_params),
		.initrd_addr = in->initrd ? initrd_at : 0, .initrd_size = in->initrd ? in->initrd_size : 0,
		.setup_header = hdr, .setup_header_len = hdr ? in->kernel_size - SETUP_HDR_OFFSET : 0,
		.running = in->running,
	};
	r = boot_params_build(&l, (struct boot_params *)plan->boot_page);
	if (r == -E2BIG)
		return problem(p, r, "report this machine's /proc/iomem as a bug",
			       "the memory map for the panic kernel has more than %d entries", E820_MAX_ENTRIES_ZEROPAGE);
	if (r < 0)
		return problem(p, r, "copy the kernel again", "%s: its setup header is corrupt", in->kernel_path);
	return add_seg(plan, SEG_BOOT_PARAMS, plan->boot_page, plan->boot_size, at, plan->boot_size, in, p);
}

/* Everything after the kernel, each on its own pages, in this order. */
static int add_the_rest(const struct elf_load_input *in, struct elf_load_plan *plan, struct problem *p)
{
	uint64_t at = PAGE_UP(plan->place.base + plan->elf.span), boot_at, purg_at, initrd_at;
	struct phys_range corehdr;
	struct core_layout cl;
	int r;

	dump_sources_layout(in->sources, &cl);
	r = elfcorehdr_build(&cl, &plan->corehdr, &plan->corehdr_size);
	if (r < 0)
		return problem(p, r, "report this machine's memory map as a bug",
			       "cannot build the ELF core header from this machine's memory map");
	corehdr = (struct phys_range) { at, at + PAGE_UP(plan->corehdr_size) };
	r = purgatory_image_new(&plan->purgatory);
	if (r < 0)
		return problem(p, r, "rebuild crashd", "crashd's built-in purgatory is damaged");
	boot_at = corehdr.end;
	/* The command line gains "elfcorehdr=0x... " in front: 32 bytes at most. */
	purg_at = boot_at + PAGE_UP(sizeof(struct boot_params) + strlen(in->cmdline) + 32);
	initrd_at = purg_at + PAGE_UP(plan->purgatory.memsz);
	r = add_seg(plan, SEG_ELFCOREHDR, plan->corehdr, plan->corehdr_size, corehdr.start, plan->corehdr_size, in, p);
	if (r >= 0)
		r = add_boot_params(in, plan, boot_at, &corehdr, initrd_at, p);
	if (r >= 0)
		r = add_seg(plan, SEG_PURGATORY, plan->purgatory.data, plan->purgatory.size, purg_at,
			    plan->purgatory.memsz, in, p);
	if (r >= 0 && in->initrd)
		r = add_seg(plan, SEG_INITRD, in->initrd, in->initrd_size, initrd_at, in->initrd_size, in, p);
	if (r < 0)
		return r;
	plan->entry = purg_at;
	plan->boot_params_at = boot_at;
	return 0;
}

/* The purgatory learns every segment but itself, with the buffers' digests. */
static int fill_purgatory(const struct elf_load_input *in, struct elf_load_plan *plan, struct problem *p)
{
	struct purgatory_segment segs[KEXEC_SEGMENT_MAX];
	size_t n = 0;
	int r;

	for (size_t i = 0; i < plan->n; i++)
		if (plan->kind[i] != SEG_PURGATORY)
			segs[n++] = (struct purgatory_segment) {
				.buf = plan->segs[i].buf, .len = plan->segs[i].bufsz,
				.mem = (uint64_t)(uintptr_t)plan->segs[i].mem,
			};
	plan->kernel_entry = plan->elf.entry + plan->place.offset;
	r = purgatory_image_fill(&plan->purgatory, plan->kernel_entry, plan->boot_params_at, segs, n,
				 in->console_port);
	if (r < 0)
		return problem(p, r, "use a kernel with fewer program headers", "%s: too many segments for the purgatory",
			       in->kernel_path);
	return 0;
}

int elf_load_plan(const struct elf_load_input *in, struct elf_load_plan *plan, struct problem *p)
{
	const void *elf = NULL;
	size_t size = 0;
	int r;

	memset(plan, 0, sizeof(*plan));
	elf_version(EV_CURRENT);
	if (in->region.end <= in->region.start)
		return problem(p, -ENOSPC, "reserve one with crashkernel= (crashctl crashkernel says how large)",
			       "no crash region");
	r = kernel_elf(in, plan, &elf, &size, p);
	if (r >= 0)
		r = place_kernel(in, plan, p);
	if (r >= 0)
		r = add_kernel(in, plan, elf, size, p);
	if (r >= 0)
		r = add_the_rest(in, plan, p);
	if (r >= 0)
		r = fill_purgatory(in, plan, p);
	if (r < 0)
		elf_load_plan_free(plan);
	return r;
}

void elf_load_plan_free(struct elf_load_plan *plan)
{
	free(plan->vmlinux.data);
	free(plan->corehdr);
	free(plan->boot_page);
	free(plan->cmdline);
	purgatory_image_free(&plan->purgatory);
	memset(plan, 0, sizeof(*plan));
}
