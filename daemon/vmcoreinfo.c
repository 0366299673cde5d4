// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>

#include "util.h"
#include "vmcoreinfo.h"

static void field(const char *text, size_t len, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);

	for (const char *l = text; l < text + len; ) {
		const char *end = memchr(l, '\n', text + len - l) ?: text + len;

		if ((size_t) (end - l) > klen && !memcmp(l, key, klen)) {
			snprintf(out, outlen, "%.*s", (int) (end - l - klen), l + klen);
			return;
		}
		l = end + 1;
	}
}

void vmcoreinfo_parse(const char *text, size_t len, struct vmcoreinfo *info)
{
	memset(info, 0, sizeof(*info));
	field(text, len, "OSRELEASE=", info->osrelease, sizeof(info->osrelease));
	field(text, len, "BUILD-ID=", info->build_id, sizeof(info->build_id));
}

int vmcoreinfo_read(const char *vmcore, struct vmcoreinfo *info)
{
	_cleanup_close_ int fd = open(vmcore, O_RDONLY | O_CLOEXEC);
	size_t nphdr;
	Elf *elf;
	int r = -ENODATA;

	memset(info, 0, sizeof(*info));
	if (fd < 0)
		return -errno;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf)
		return -EINVAL;
	if (elf_getphdrnum(elf, &nphdr) == 0)
		for (size_t i = 0; i < nphdr && r < 0; i++) {
			GElf_Phdr ph;
			Elf_Data *d;
			GElf_Nhdr nh;
			size_t off = 0, name_off, desc_off;

			if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_NOTE)
				continue;
			d = elf_getdata_rawchunk(elf, ph.p_offset, ph.p_filesz, ELF_T_NHDR);
			while (d && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0)
				if (nh.n_namesz == 11 && !memcmp((char *) d->d_buf + name_off, "VMCOREINFO", 11)) {
					vmcoreinfo_parse((char *) d->d_buf + desc_off, nh.n_descsz, info);
					r = 0;
					break;
				}
		}
	elf_end(elf);
	return r;
}
