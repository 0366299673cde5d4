// SPDX-License-Identifier: GPL-2.0-only
/*
 * Relocatable ELF loading, as far as it can be checked before loading: walk
 * the PT_LOAD headers for the span and the largest alignment the image
 * needs, find where in the region it fits, and compute the offset every
 * segment and the entry point move by. Notes give the build ID; the symbol
 * table, if present, the version banner.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>

#include "elf-note.h"
#include "elfimage.h"
#include "util.h"

/* include/linux/elfnote.h */
#define LINUX_ELFNOTE_BUILD_SALT 0x100
/* include/xen/interface/elfnote.h: the 32-bit entry of a PVH boot */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

int elf_probe(const void *data, size_t size)
{
	return size >= 4 && !memcmp(data, ELFMAG, SELFMAG);
}

static void read_build_id(Elf *elf, struct elf_image_info *info)
{
	size_t len;
	const unsigned char *id = elf_find_note(elf, "GNU", NT_GNU_BUILD_ID, &len);

	if (!id || len > 20)
		return;
	for (size_t b = 0; b < len; b++)
		sprintf(info->build_id + 2 * b, "%02x", id[b]);
}

static void read_pvh_entry(Elf *elf, struct elf_image_info *info)
{
	size_t len;
	const void *v = elf_find_note(elf, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &len);

	if (v && len >= sizeof(info->pvh_entry))
		memcpy(&info->pvh_entry, v, sizeof(info->pvh_entry));
}

static void read_banner(Elf *elf, const void *file, size_t size, struct elf_image_info *info)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		data = elf_getdata(scn, NULL);
		for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *name;
			GElf_Shdr where;
			Elf_Scn *ws;
			uint64_t off;

			if (!gelf_getsym(data, i, &sym) || !(name = elf_strptr(elf, sh.sh_link, sym.st_name)) ||
			    !streq(name, "linux_banner"))
				continue;
			ws = elf_getscn(elf, sym.st_shndx);
			if (!ws || !gelf_getshdr(ws, &where) || where.sh_type != SHT_PROGBITS ||
			    sym.st_value < where.sh_addr || sym.st_value - where.sh_addr >= where.sh_size)
				return;
			off = where.sh_offset + (sym.st_value - where.sh_addr);
			if (off >= size)
				return;
			size_t n = strnlen((const char *) file + off, size - off);
			if (n >= sizeof(info->version))
				n = sizeof(info->version) - 1;
			memcpy(info->version, (const char *) file + off, n);
			info->version[n] = '\0';
			/* The banner ends in a newline. */
			if (n && info->version[n - 1] == '\n')
				info->version[n - 1] = '\0';
			return;
		}
	}
}

/*
 * Every Linux image carries the "Linux" build-salt note (init/version.c);
 * a program has an interpreter or lacks the note. Either way it is not a
 * kernel, however well its program headers load.
 */
static int check_is_kernel(Elf *elf, size_t nphdr, const char *fix, struct problem *p)
{
	size_t len;

	for (size_t i = 0; i < nphdr; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(elf, i, &ph) && ph.p_type == PT_INTERP)
			return problem(p, -EINVAL, fix, "not a kernel: an ELF program (it asks for an interpreter, PT_INTERP)");
	}
	if (!elf_find_note(elf, "Linux", LINUX_ELFNOTE_BUILD_SALT, &len))
		return problem(p, -EINVAL, fix, "not a Linux kernel: an ELF file without the kernel's \"Linux\" note");
	return 0;
}

int elf_image_inspect(const void *data, size_t size, struct elf_image_info *info, struct problem *p)
{
	const char *fix = "use an x86-64 vmlinux, or better the bzImage (/boot/vmlinuz-*)";
	uint64_t high = 0;
	GElf_Ehdr eh;
	size_t nphdr;
	Elf *elf;
	int r = 0;

	memset(info, 0, sizeof(*info));
	elf_version(EV_CURRENT);
	elf = elf_memory((char *) data, size);
	if (!elf)
		return problem(p, -EINVAL, fix, "not a readable ELF file: %s", elf_errmsg(-1));
	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		r = problem(p, -EINVAL, fix, "corrupt ELF header: %s", elf_errmsg(-1));
		goto out;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64) {
		r = problem(p, -EINVAL, fix, "a 32-bit ELF file; the panic kernel must be 64-bit");
		goto out;
	}
	if (eh.e_machine != EM_X86_64) {
		r = problem(p, -EINVAL, fix, "an ELF file for machine %u, not x86-64 (%u)", eh.e_machine, EM_X86_64);
		goto out;
	}
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
		r = problem(p, -EINVAL, fix, "an ELF file of type %u, not an executable image", eh.e_type);
		goto out;
	}
	if (elf_getphdrnum(elf, &nphdr) < 0) {
		r = problem(p, -EINVAL, fix, "corrupt program headers: %s", elf_errmsg(-1));
		goto out;
	}
	info->low = UINT64_MAX;
	info->align = 1;
	for (size_t i = 0; i < nphdr; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, i, &ph)) {
			r = problem(p, -EINVAL, fix, "corrupt program header %zu: %s", i, elf_errmsg(-1));
			goto out;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset) {
			r = problem(p, -EINVAL, "copy the kernel again; the file is shorter than its headers say",
				    "truncated: segment %zu lies beyond the end of the file", i);
			goto out;
		}
		if (ph.p_memsz < ph.p_filesz || ph.p_paddr + ph.p_memsz < ph.p_paddr ||
		    (ph.p_align & (ph.p_align - 1))) {
			r = problem(p, -EINVAL, fix, "corrupt program header %zu", i);
			goto out;
		}
		info->load_segments++;
		if (ph.p_paddr < info->low)
			info->low = ph.p_paddr;
		if (ph.p_paddr + ph.p_memsz > high)
			high = ph.p_paddr + ph.p_memsz;
		if (ph.p_align > info->align)
			info->align = ph.p_align;
	}
	if (!info->load_segments) {
		r = problem(p, -EINVAL, fix, "no PT_LOAD segments: nothing to load");
		goto out;
	}
	info->span = high - info->low;
	info->entry = eh.e_entry;
	info->dyn = eh.e_type == ET_DYN;
	r = check_is_kernel(elf, nphdr, fix, p);
	if (r < 0)
		goto out;
	read_build_id(elf, info);
	read_pvh_entry(elf, info);
	read_banner(elf, data, size, info);
out:
	elf_end(elf);
	return r;
}

void elf_image_place(const struct elf_image_info *info, uint64_t region_base, uint64_t region_size,
		     struct elf_placement *pl)
{
	uint64_t base = (region_base + info->align - 1) & ~(info->align - 1);

	memset(pl, 0, sizeof(*pl));
	if (base < region_base || base - region_base > region_size ||
	    info->span > region_size - (base - region_base))
		return;
	pl->fits = true;
	pl->base = base;
	pl->offset = (int64_t) (base - info->low);
}
