// SPDX-License-Identifier: GPL-2.0-only
#include <gelf.h>
#include <string.h>

#include "elf-note.h"

const void *elf_find_note(Elf *elf, const char *name, uint32_t type, size_t *len)
{
	size_t nphdr, namesz = strlen(name) + 1;

	if (elf_getphdrnum(elf, &nphdr) < 0)
		return NULL;
	for (size_t i = 0; i < nphdr; i++) {
		size_t off = 0, name_off, desc_off;
		Elf_Data *d;
		GElf_Phdr ph;
		GElf_Nhdr nh;

		if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_NOTE)
			continue;
		d = elf_getdata_rawchunk(elf, ph.p_offset, ph.p_filesz, ELF_T_NHDR);
		while (d && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0)
			if (nh.n_namesz == namesz && !memcmp((char *) d->d_buf + name_off, name, namesz) &&
			    (type == ELF_NOTE_ANY_TYPE || nh.n_type == type)) {
				*len = nh.n_descsz;
				return (char *) d->d_buf + desc_off;
			}
	}
	return NULL;
}
