// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for crashd's own loader (Loader=elf). The first byte
 * picks what the rest is: /proc/kcore's head, a CPU list and a VMCOREINFO
 * line, /proc/iomem (then the dump's ranges, the boot parameters' memory
 * map and the ELF core header built from it), or a kernel to plan. Each
 * accepted input must give what the panic kernel needs: segments inside
 * the region, page-aligned and apart, every one but the purgatory checked
 * by it, and no RAM for the panic kernel outside the region and the first
 * MiB, nor over the ELF core header.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot-params.h"
#include "dump-sources.h"
#include "elf-loader.h"
#include "elfcorehdr.h"
#include "fuzz-input.h"
#include "kernel-map.h"

static const struct phys_range region = { 0x30000000, 0x40000000 };
static const char iomem_text[] =
	"00001000-0009fbff : System RAM\n"
	"00100000-7ffcffff : System RAM\n"
	"  30000000-3fffffff : Crash kernel\n"
	"7ffd0000-7ffdffff : ACPI Tables\n"
	"100000000-17fffffff : System RAM\n";

static int count(unsigned cpu, void *userdata)
{
	(*(unsigned *)userdata)++;
	return 0;
}

static void ram_map_ok(const struct boot_params *bp, const struct phys_range *hdr)
{
	for (unsigned i = 0; i < bp->e820_entries; i++) {
		const struct boot_e820_entry *e = &bp->e820_table[i];
		uint64_t end = e->addr + e->size;

		if (e->type != 1)
			continue;
		if (!(end <= (1 << 20) || (e->addr >= region.start && end <= region.end)))
			abort();
		if (!(end <= hdr->start || e->addr >= hdr->end))
			abort();
	}
}

static void sources(const struct iomem_map *map, struct dump_sources *s)
{
	static struct phys_range notes[] = { { 0x7f000000, 0x7f000400 } };

	memset(s, 0, sizeof(*s));
	s->notes = notes;
	s->n_notes = 1;
	s->vmcoreinfo = (struct phys_range) { 0x2000000, 0x2001000 };
	s->page_offset = 0xffff888000000000ULL;
	if (iomem_dump_ranges(map, &s->ram, &s->n_ram) < 0)
		s->ram = NULL;
}

static void iomem_case(const char *text)
{
	const struct phys_range hdr = { 0x32000000, 0x32001000 };
	struct iomem_map map;
	struct dump_sources s;
	struct core_layout l;
	struct boot_params bp;
	struct boot_layout bl;
	unsigned bad;
	size_t size;
	void *core;

	if (iomem_parse(text, &map, &bad) < 0)
		return;
	bl = (struct boot_layout) { .iomem = &map, .region = region, .elfcorehdr = hdr };
	if (boot_params_build(&bl, &bp) == 0)
		ram_map_ok(&bp, &hdr);
	sources(&map, &s);
	if (s.ram) {
		struct phys_range *crash = NULL;
		int nc = iomem_crash_ranges(&map, &crash);

		/* What a dump saves is never the crash region. */
		for (size_t i = 0; i < s.n_ram; i++) {
			if (s.ram[i].end <= s.ram[i].start)
				abort();
			for (int c = 0; c < nc; c++)
				if (s.ram[i].start < crash[c].end && s.ram[i].end > crash[c].start)
					abort();
		}
		free(crash);
		dump_sources_layout(&s, &l);
		if (elfcorehdr_build(&l, &core, &size) == 0)
			free(core);
		free(s.ram);
	}
	iomem_free(&map);
}

static void plan_case(const uint8_t *kernel, size_t size)
{
	struct iomem_map map;
	struct dump_sources s;
	struct elf_load_plan plan;
	struct elf_load_input in;
	struct problem p = {};
	unsigned bad;

	if (iomem_parse(iomem_text, &map, &bad) < 0)
		abort();
	sources(&map, &s);
	in = (struct elf_load_input) {
		.kernel_path = "fuzz", .kernel = kernel, .kernel_size = size, .initrd = iomem_text,
		.initrd_size = sizeof(iomem_text), .cmdline = "console=ttyS0", .region = region, .iomem = &map,
		.sources = &s,
	};
	if (elf_load_plan(&in, &plan, &p) == 0) {
		for (size_t i = 0; i < plan.n; i++) {
			uint64_t a = (uintptr_t)plan.segs[i].mem, end = a + plan.segs[i].memsz;

			if (a % 4096 || a < region.start || end > region.end || plan.segs[i].bufsz > plan.segs[i].memsz)
				abort();
			for (size_t j = 0; j < i; j++) {
				uint64_t b = (uintptr_t)plan.segs[j].mem;

				if (!(end <= b || b + plan.segs[j].memsz <= a))
					abort();
			}
		}
		if (plan.purgatory.info->nr_regions != plan.n - 1)
			abort();
		for (size_t i = 0; i < plan.n; i++)
			if (plan.kind[i] == SEG_ELFCOREHDR)
				ram_map_ok((const struct boot_params *)plan.boot_page,
					   &(struct phys_range) { (uintptr_t)plan.segs[i].mem,
								  (uintptr_t)plan.segs[i].mem + plan.segs[i].memsz });
		elf_load_plan_free(&plan);
	} else if (!p.what[0]) {
		abort();
	}
	free(s.ram);
	iomem_free(&map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;
	char *text;
	struct kernel_map km;
	struct phys_range r;
	char buf[256];
	unsigned n = 0;

	if (size < 1)
		return 0;
	copy = fuzz_bytes(data + 1, size - 1);
	text = fuzz_text(data + 1, size - 1);
	if (!copy || !text)
		goto out;
	switch (data[0] % 4) {
	case 0:
		if (kcore_parse(copy, size - 1, &km) == 0 && km.text.end < km.text.start)
			abort();
		break;
	case 1:
		if (cpu_list_parse(text, count, &n) == 0 && !n)
			abort();
		if (vmcoreinfo_addr_parse(text, &r) == 0 && r.end <= r.start)
			abort();
		/* crashctl kernel-map's file: what is accepted is written back the same. */
		if (kernel_map_parse(text, &km) == 0) {
			struct kernel_map again;

			kernel_map_format(&km, buf, sizeof(buf));
			if (kernel_map_parse(buf, &again) < 0 || memcmp(&km, &again, sizeof(km)))
				abort();
		}
		break;
	case 2:
		iomem_case(text);
		break;
	case 3:
		plan_case(copy, size - 1);
		break;
	}
out:
	free(copy);
	free(text);
	return 0;
}
