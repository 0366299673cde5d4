// SPDX-License-Identifier: GPL-2.0-only
/*
 * Laid out as crash_prepare_elf64_headers() lays it out, so that a capture
 * kernel and makedumpfile cannot tell which loader made it: /proc/vmcore
 * merges the PT_NOTEs, and makedumpfile finds the direct map's base from
 * a RAM range's p_vaddr less its p_paddr.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elfcorehdr.h"

static int valid(const struct phys_range *r)
{
	return r->end > r->start;
}

static void note(Elf64_Phdr *ph, const struct phys_range *r)
{
	*ph = (Elf64_Phdr) {
		.p_type = PT_NOTE,
		.p_offset = r->start,
		.p_paddr = r->start,
		.p_filesz = r->end - r->start,
		.p_memsz = r->end - r->start,
	};
}

static void load(Elf64_Phdr *ph, const struct phys_range *r, uint64_t vaddr)
{
	*ph = (Elf64_Phdr) {
		.p_type = PT_LOAD,
		.p_flags = PF_R | PF_W | PF_X,
		.p_offset = r->start,
		.p_vaddr = vaddr,
		.p_paddr = r->start,
		.p_filesz = r->end - r->start,
		.p_memsz = r->end - r->start,
	};
}

static void header(Elf64_Ehdr *eh, size_t nphdr)
{
	memset(eh, 0, sizeof(*eh));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_CORE;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = nphdr;
}

int elfcorehdr_build(const struct core_layout *l, void **ret, size_t *size)
{
	size_t n = l->n_notes + l->n_ram + valid(&l->vmcoreinfo) + valid(&l->text), i;
	Elf64_Phdr *ph;
	void *buf;

	if (!l->n_ram || n >= PN_XNUM)
		return -EINVAL;
	for (i = 0; i < l->n_notes; i++)
		if (!valid(&l->notes[i]))
			return -EINVAL;
	for (i = 0; i < l->n_ram; i++)
		if (!valid(&l->ram[i]) || l->ram[i].start + l->page_offset < l->page_offset)
			return -EINVAL;
	buf = calloc(1, sizeof(Elf64_Ehdr) + n * sizeof(Elf64_Phdr));
	if (!buf)
		return -ENOMEM;
	header(buf, n);
	ph = (Elf64_Phdr *)((char *)buf + sizeof(Elf64_Ehdr));
	for (i = 0; i < l->n_notes; i++)
		note(ph++, &l->notes[i]);
	if (valid(&l->vmcoreinfo))
		note(ph++, &l->vmcoreinfo);
	if (valid(&l->text))
		load(ph++, &l->text, l->text_vaddr);
	for (i = 0; i < l->n_ram; i++)
		load(ph++, &l->ram[i], l->page_offset + l->ram[i].start);
	*ret = buf;
	*size = sizeof(Elf64_Ehdr) + n * sizeof(Elf64_Phdr);
	return 0;
}
