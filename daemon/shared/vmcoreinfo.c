// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <libelf.h>
#include <string.h>

#include "elf-note.h"
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
	const char *text;
	size_t len;
	Elf *elf;

	memset(info, 0, sizeof(*info));
	if (fd < 0)
		return -errno;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf)
		return -EINVAL;
	text = elf_find_note(elf, "VMCOREINFO", ELF_NOTE_ANY_TYPE, &len);
	if (text)
		vmcoreinfo_parse(text, len, info);
	elf_end(elf);
	return text ? 0 : -ENODATA;
}
