// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/kcore lists the direct map once per RAM range, with the physical
 * address beside the virtual one (kcore.c sets p_paddr for RAM and for
 * the kernel text only): the difference is the direct map's base,
 * page_offset_base, which makedumpfile finds again the same way in the
 * dump's ELF core header.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel-map.h"
#include "util.h"

/* Where x86-64 maps the kernel image (__START_KERNEL_map); below it, the direct map. */
#define START_KERNEL_MAP	0xffffffff80000000ULL
#define KERNEL_HALF		0xff00000000000000ULL
#define KCORE_NO_PADDR		UINT64_MAX
/* /proc/kcore's program headers: a few per RAM range, far less than this. */
#define KCORE_HEAD_MAX		(1 << 20)

int kcore_parse(const void *head, size_t len, struct kernel_map *km)
{
	bool ram = false;
	size_t nphdr;
	GElf_Ehdr eh;
	Elf *elf;
	int r = -ENOENT;

	memset(km, 0, sizeof(*km));
	elf_version(EV_CURRENT);
	elf = elf_memory((char *)head, len);
	if (!elf)
		return -EINVAL;
	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) || eh.e_type != ET_CORE ||
	    eh.e_machine != EM_X86_64 || elf_getphdrnum(elf, &nphdr) < 0) {
		r = -EINVAL;
		goto out;
	}
	for (size_t i = 0; i < nphdr; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, i, &ph)) {
			r = -EINVAL;
			goto out;
		}
		if (ph.p_type != PT_LOAD || ph.p_paddr == KCORE_NO_PADDR || ph.p_vaddr < KERNEL_HALF ||
		    ph.p_vaddr < ph.p_paddr || !ph.p_memsz || ph.p_paddr + ph.p_memsz < ph.p_paddr)
			continue;
		if (ph.p_vaddr >= START_KERNEL_MAP) {
			km->text = (struct phys_range) { ph.p_paddr, ph.p_paddr + ph.p_memsz };
			km->text_vaddr = ph.p_vaddr;
		} else if (!ram) {
			km->page_offset = ph.p_vaddr - ph.p_paddr;
			ram = true;
		}
	}
	r = ram ? 0 : -ENOENT;
out:
	elf_end(elf);
	return r;
}

int kernel_map_read_kcore(const char *path, struct kernel_map *km, struct problem *p)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *head = NULL;
	ssize_t n;
	int r;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return problem(p, -ENOENT, "use Loader=file, or a kernel with CONFIG_PROC_KCORE",
			       "%s is missing: without it crashd cannot tell where this kernel maps memory (KASLR), "
			       "which the dump's ELF core header must say", path);
	if (fd < 0)
		return problem(p, -errno, "run as root with CAP_SYS_RAWIO, without lockdown", "%s: %s", path,
			       strerror(errno));
	head = malloc(KCORE_HEAD_MAX);
	if (!head)
		return -ENOMEM;
	n = pread(fd, head, KCORE_HEAD_MAX, 0);
	if (n < 0)
		return problem(p, -errno, "run as root with CAP_SYS_RAWIO, without lockdown", "%s: %s", path,
			       strerror(errno));
	r = kcore_parse(head, n, km);
	if (r < 0)
		return problem(p, r, "use Loader=file", "%s: no direct-map mapping of RAM in its program headers", path);
	return 0;
}

static int parse_hex(const char *s, const char **end, uint64_t *v)
{
	char *e;

	if (!isxdigit_c(s[0]) || s[0] == '-')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, &e, 16);
	if (errno)
		return -EINVAL;
	*end = e;
	return 0;
}

int kernel_map_parse(const char *text, struct kernel_map *km)
{
	unsigned seen = 0;
	const char *p = text, *e;

	memset(km, 0, sizeof(*km));
	while (*p) {
		size_t len = strcspn(p, "\n");
		uint64_t a, b;

		if (startswith(p, "page_offset=0x") && parse_hex(p + 14, &e, &a) == 0 && e == p + len) {
			km->page_offset = a;
			seen |= 1;
		} else if (startswith(p, "text=0x") && parse_hex(p + 7, &e, &a) == 0 && startswith(e, "-0x") &&
			   parse_hex(e + 3, &e, &b) == 0 && e == p + len && b >= a) {
			km->text = (struct phys_range) { a, b };
			seen |= 2;
		} else if (startswith(p, "text_vaddr=0x") && parse_hex(p + 13, &e, &a) == 0 && e == p + len) {
			km->text_vaddr = a;
			seen |= 4;
		} else {
			return -EINVAL;
		}
		p += len;
		if (*p)
			p++;
	}
	/* The direct map is what the header cannot do without. */
	return seen & 1 && km->page_offset >= KERNEL_HALF ? 0 : -EINVAL;
}

void kernel_map_format(const struct kernel_map *km, char *buf, size_t len)
{
	snprintf(buf, len, "page_offset=0x%" PRIx64 "\ntext=0x%" PRIx64 "-0x%" PRIx64 "\ntext_vaddr=0x%" PRIx64 "\n",
		 km->page_offset, km->text.start, km->text.end, km->text_vaddr);
}

int kernel_map_read(const char *kcore, const char *saved, struct kernel_map *km, struct problem *p)
{
	_cleanup_free_ char *text = NULL;
	int r;

	r = kernel_map_read_kcore(kcore, km, p);
	if (r >= 0 || r == -ENOENT)
		return r;
	/* Hidden from this sandbox: crashd.service saved it before crashd started. */
	if (read_full_file(saved, &text, NULL) < 0)
		return problem(p, r, "start crashd through crashd.service, which saves it with 'crashctl kernel-map --write'",
			       "%s cannot be read here, and %s was not saved", kcore, saved);
	if (kernel_map_parse(text, km) < 0)
		return problem(p, -EINVAL, "restart crashd.service, which writes it again", "%s: malformed", saved);
	return 0;
}
