// SPDX-License-Identifier: GPL-2.0-only
/*
 * Everything here is what the kernel itself would put in the header had
 * kexec_file_load() been used: crash_prepare_elf64_headers() walks the same
 * RAM, the same per-CPU notes and the same VMCOREINFO note; where the
 * kernel maps memory comes from kernel-map.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump-sources.h"
#include "kernel-map.h"
#include "util.h"


const struct dump_source_paths dump_source_paths_default = {
	.iomem = "/proc/iomem",
	.cpu_dir = "/sys/devices/system/cpu",
	.vmcoreinfo = "/sys/kernel/vmcoreinfo",
	.kcore = KERNEL_MAP_KCORE,
	.kernel_map = KERNEL_MAP_SAVED,
};

static int parse_u(const char **p, int base, unsigned long long *v)
{
	char *end;

	if (!(base == 16 ? isxdigit_c(**p) : (**p >= '0' && **p <= '9')))
		return -EINVAL;
	errno = 0;
	*v = strtoull(*p, &end, base);
	if (errno)
		return -EINVAL;
	*p = end;
	return 0;
}

int cpu_list_parse(const char *text, int (*fn)(unsigned cpu, void *userdata), void *userdata)
{
	const char *p = text;
	unsigned long long a, b;
	int r;

	for (;;) {
		if (parse_u(&p, 10, &a) < 0)
			return -EINVAL;
		b = a;
		if (*p == '-') {
			p++;
			if (parse_u(&p, 10, &b) < 0 || b < a)
				return -EINVAL;
		}
		/* More CPUs than the kernel can have (NR_CPUS is at most 8192) is not a list. */
		if (b >= 8192)
			return -EINVAL;
		for (unsigned long long c = a; c <= b; c++) {
			r = fn(c, userdata);
			if (r < 0)
				return r;
		}
		if (*p != ',')
			break;
		p++;
	}
	return *p == '\0' || (*p == '\n' && p[1] == '\0') ? 0 : -EINVAL;
}

int vmcoreinfo_addr_parse(const char *text, struct phys_range *r)
{
	unsigned long long addr, size;
	const char *p = text;

	if (parse_u(&p, 16, &addr) < 0 || *p++ != ' ' || parse_u(&p, 16, &size) < 0 ||
	    !(*p == '\0' || (*p == '\n' && p[1] == '\0')) || !size || addr + size < addr)
		return -EINVAL;
	r->start = addr;
	r->end = addr + size;
	return 0;
}

static int push(struct phys_range **v, size_t *n, uint64_t start, uint64_t end)
{
	struct phys_range *nv;

	if (end <= start)
		return 0;
	nv = reallocarray(*v, *n + 1, sizeof(**v));
	if (!nv)
		return -ENOMEM;
	nv[(*n)++] = (struct phys_range) { start, end };
	*v = nv;
	return 0;
}

int iomem_dump_ranges(const struct iomem_map *map, struct phys_range **ret, size_t *n)
{
	_cleanup_free_ struct phys_range *crash = NULL;
	struct phys_range *out = NULL;
	size_t nout = 0;
	int ncrash, r = 0;

	ncrash = iomem_crash_ranges(map, &crash);
	if (ncrash < 0)
		return ncrash;
	/* In address order (iomem_crash_ranges()), overlapping or not, each is cut out of every RAM range in turn. */
	for (size_t i = 0; i < map->n && r >= 0; i++) {
		const struct iomem_entry *e = &map->entries[i];
		uint64_t start = e->start, end = e->end + 1;

		if (e->depth || !streq(e->name, "System RAM"))
			continue;
		for (int c = 0; c < ncrash && r >= 0 && start < end; c++) {
			if (crash[c].end <= start || crash[c].start >= end)
				continue;
			r = push(&out, &nout, start, crash[c].start);
			start = crash[c].end;
		}
		if (r >= 0 && start < end)
			r = push(&out, &nout, start, end);
	}
	if (r < 0 || !nout) {
		free(out);
		return r < 0 ? r : -ENOENT;
	}
	*ret = out;
	*n = nout;
	return 0;
}

struct note_walk {
	const char *cpu_dir;
	struct dump_sources *s;
	struct problem *p;
};

static int read_note(unsigned cpu, void *userdata)
{
	struct note_walk *w = userdata;
	char path[256];
	_cleanup_free_ char *addr = NULL, *size = NULL;
	unsigned long long a, sz;
	const char *q;
	int r;

	snprintf(path, sizeof(path), "%s/cpu%u/crash_notes", w->cpu_dir, cpu);
	r = read_one_line_file(path, &addr);
	/* A possible CPU not present has no directory, and no notes yet. */
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return problem(w->p, r, "run as root (the file is 0400)", "%s: %s", path, read_file_strerror(r));
	snprintf(path, sizeof(path), "%s/cpu%u/crash_notes_size", w->cpu_dir, cpu);
	r = read_one_line_file(path, &size);
	if (r < 0)
		return problem(w->p, r, "run as root (the file is 0400)", "%s: %s", path, read_file_strerror(r));
	q = addr;
	if (parse_u(&q, 16, &a) < 0 || *q) {
		snprintf(path, sizeof(path), "%s/cpu%u/crash_notes", w->cpu_dir, cpu);
		return problem(w->p, -EINVAL, "a kernel without CONFIG_CRASH_DUMP cannot be dumped",
			       "%s: not an address: \"%s\"", path, addr);
	}
	q = size;
	if (parse_u(&q, 10, &sz) < 0 || *q || !sz || a + sz < a)
		return problem(w->p, -EINVAL, "a kernel without CONFIG_CRASH_DUMP cannot be dumped",
			       "%s: not a size: \"%s\"", path, size);
	return push(&w->s->notes, &w->s->n_notes, a, a + sz);
}

static int read_notes(const struct dump_source_paths *paths, struct dump_sources *s, struct problem *p)
{
	struct note_walk w = { .cpu_dir = paths->cpu_dir, .s = s, .p = p };
	_cleanup_free_ char *possible = NULL;
	char path[256];
	int r;

	snprintf(path, sizeof(path), "%s/possible", paths->cpu_dir);
	r = read_one_line_file(path, &possible);
	if (r < 0)
		return problem(p, r, "mount sysfs on /sys", "%s: %s", path, read_file_strerror(r));
	r = cpu_list_parse(possible, read_note, &w);
	if (r == -EINVAL && !p->what[0])
		return problem(p, r, "report this kernel's CPU list as a bug", "%s: not a CPU list: \"%s\"", path,
			       possible);
	if (r >= 0 && !s->n_notes)
		return problem(p, -ENOENT, "a kernel without CONFIG_CRASH_DUMP cannot be dumped",
			       "%s/cpu*/crash_notes: none", paths->cpu_dir);
	return r;
}

int dump_sources_read(const struct dump_source_paths *paths, struct dump_sources *s, struct problem *p)
{
	_cleanup_free_ char *vmci = NULL;
	struct iomem_map map = {};
	struct kernel_map km;
	unsigned bad_line = 0;
	int r;

	memset(s, 0, sizeof(*s));
	r = iomem_read(paths->iomem, &map, &bad_line);
	if (r < 0)
		return problem(p, r, "run as root: others see every address as 0", "%s: %s", paths->iomem,
			       r == -EINVAL ? "malformed" : read_file_strerror(r));
	r = iomem_dump_ranges(&map, &s->ram, &s->n_ram);
	iomem_free(&map);
	if (r < 0)
		return problem(p, r, "report this machine's /proc/iomem as a bug", "%s: no System RAM outside the crash region",
			       paths->iomem);
	r = read_notes(paths, s, p);
	if (r < 0)
		goto fail;
	r = read_one_line_file(paths->vmcoreinfo, &vmci);
	if (r < 0 || vmcoreinfo_addr_parse(vmci, &s->vmcoreinfo) < 0) {
		r = problem(p, r < 0 ? r : -EINVAL, "a kernel without CONFIG_VMCORE_INFO cannot be dumped",
			    "%s: %s", paths->vmcoreinfo, r < 0 ? read_file_strerror(r) : "not \"ADDRESS SIZE\"");
		goto fail;
	}
	r = kernel_map_read(paths->kcore, paths->kernel_map, &km, p);
	if (r < 0)
		goto fail;
	s->page_offset = km.page_offset;
	s->text = km.text;
	s->text_vaddr = km.text_vaddr;
	return 0;
fail:
	dump_sources_free(s);
	return r;
}

void dump_sources_free(struct dump_sources *s)
{
	free(s->ram);
	free(s->notes);
	memset(s, 0, sizeof(*s));
}

void dump_sources_layout(const struct dump_sources *s, struct core_layout *l)
{
	*l = (struct core_layout) {
		.ram = s->ram,
		.n_ram = s->n_ram,
		.notes = s->notes,
		.n_notes = s->n_notes,
		.vmcoreinfo = s->vmcoreinfo,
		.page_offset = s->page_offset,
		.text = s->text,
		.text_vaddr = s->text_vaddr,
	};
}
