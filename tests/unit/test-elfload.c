// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of crashd's own loader (Loader=elf): the sources of the ELF
 * core header, the header itself (read back with libelf), the boot
 * parameters' memory map, and the whole plan over a kernel made here and
 * over the real kernels make check built or unpacked.
 */
#include <elf.h>
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <openssl/sha.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot-params.h"
#include "dump-sources.h"
#include "elf-loader.h"
#include "elfcorehdr.h"
#include "fixtures.h"
#include "iomem.h"
#include "kernel-map.h"
#include "kexec-elf.h"
#include "util.h"

#define MIB (1ULL << 20)

static const char iomem_text[] =
	"00000000-00000fff : Reserved\n"
	"00001000-0009fbff : System RAM\n"
	"0009fc00-0009ffff : Reserved\n"
	"000f0000-000fffff : Reserved\n"
	"  000f0000-000fffff : System ROM\n"
	"00100000-7ffcffff : System RAM\n"
	"  01000000-01ffffff : Kernel code\n"
	"  30000000-3fffffff : Crash kernel\n"
	"7ffd0000-7ffdffff : ACPI Tables\n"
	"7ffe0000-7fffffff : Reserved\n"
	"b0000000-bfffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
	"  b0000000-bfffffff : Reserved\n"
	"fee00000-fee00fff : Local APIC\n"
	"100000000-17fffffff : System RAM\n";

static const struct phys_range region = { 0x30000000, 0x40000000 };
static const struct phys_range notes[] = { { 0x7f000000, 0x7f000400 }, { 0x7f100000, 0x7f100400 } };

static void read_map(struct iomem_map *map)
{
	unsigned bad;

	assert_int_equal(iomem_parse(iomem_text, map, &bad), 0);
}

static void fake_sources(const struct iomem_map *map, struct dump_sources *s)
{
	memset(s, 0, sizeof(*s));
	assert_int_equal(iomem_dump_ranges(map, &s->ram, &s->n_ram), 0);
	s->notes = malloc(sizeof(notes));
	memcpy(s->notes, notes, sizeof(notes));
	s->n_notes = 2;
	s->vmcoreinfo = (struct phys_range) { 0x2000000, 0x2001000 };
	s->page_offset = 0xffff9a0000000000ULL;
	s->text = (struct phys_range) { 0x1000000, 0x3000000 };
	s->text_vaddr = 0xffffffff81000000ULL;
}

static void test_dump_ranges(void **state)
{
	const struct phys_range want[] = {
		{ 0x1000, 0x9fc00 }, { 0x100000, 0x30000000 }, { 0x40000000, 0x7ffd0000 }, { 0x100000000, 0x180000000 },
	};
	struct iomem_map map;
	struct phys_range *r;
	size_t n;

	read_map(&map);
	assert_int_equal(iomem_dump_ranges(&map, &r, &n), 0);
	assert_int_equal(n, ELEMENTSOF(want));
	assert_memory_equal(r, want, sizeof(want));
	free(r);
	iomem_free(&map);
}

static int collect(unsigned cpu, void *userdata)
{
	char *s = userdata;

	sprintf(s + strlen(s), "%u ", cpu);
	return 0;
}

static void test_parsers(void **state)
{
	const char *bad_lists[] = { "", "3-1", "a", "0-", "1,,2", "0-99999", "1 2", "0-3x" };
	const char *bad_vmci[] = { "", "x", "1 0", "1 2 3", "1", "ffffffffffffffff 2" };
	struct phys_range r;
	char got[64] = "";

	assert_int_equal(cpu_list_parse("0-3,8\n", collect, got), 0);
	assert_string_equal(got, "0 1 2 3 8 ");
	for (size_t i = 0; i < ELEMENTSOF(bad_lists); i++) {
		got[0] = '\0';
		assert_int_equal(cpu_list_parse(bad_lists[i], collect, got), -EINVAL);
	}
	assert_int_equal(vmcoreinfo_addr_parse("1a2b000 1024\n", &r), 0);
	assert_int_equal(r.start, 0x1a2b000);
	assert_int_equal(r.end, 0x1a2b000 + 0x1024);
	for (size_t i = 0; i < ELEMENTSOF(bad_vmci); i++)
		assert_int_equal(vmcoreinfo_addr_parse(bad_vmci[i], &r), -EINVAL);
}

/* /proc/kcore's head as x86-64 writes it: notes, text, vmalloc (no physical address), RAM. */
static void test_kcore(void **state)
{
	struct {
		Elf64_Ehdr eh;
		Elf64_Phdr ph[4];
	} k = {};
	struct kernel_map km;
	char buf[256];

	memcpy(k.eh.e_ident, ELFMAG, SELFMAG);
	k.eh.e_ident[EI_CLASS] = ELFCLASS64;
	k.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	k.eh.e_ident[EI_VERSION] = EV_CURRENT;
	k.eh.e_type = ET_CORE;
	k.eh.e_machine = EM_X86_64;
	k.eh.e_version = EV_CURRENT;
	k.eh.e_phoff = sizeof(k.eh);
	k.eh.e_ehsize = sizeof(k.eh);
	k.eh.e_phentsize = sizeof(Elf64_Phdr);
	k.eh.e_phnum = 4;
	k.ph[0] = (Elf64_Phdr) { .p_type = PT_NOTE, .p_filesz = 100 };
	k.ph[1] = (Elf64_Phdr) { .p_type = PT_LOAD, .p_vaddr = 0xffffffff81000000, .p_paddr = 0x1000000,
				 .p_memsz = 0x2000000 };
	k.ph[2] = (Elf64_Phdr) { .p_type = PT_LOAD, .p_vaddr = 0xffffc90000000000, .p_paddr = UINT64_MAX,
				 .p_memsz = 1ULL << 40 };
	k.ph[3] = (Elf64_Phdr) { .p_type = PT_LOAD, .p_vaddr = 0xffff9a0000100000, .p_paddr = 0x100000,
				 .p_memsz = 0x7ff00000 };
	assert_int_equal(kcore_parse(&k, sizeof(k), &km), 0);
	assert_int_equal(km.page_offset, 0xffff9a0000000000ULL);
	assert_int_equal(km.text.start, 0x1000000);
	assert_int_equal(km.text.end, 0x3000000);
	assert_int_equal(km.text_vaddr, 0xffffffff81000000ULL);
	/* What crashctl kernel-map saves reads back the same. */
	kernel_map_format(&km, buf, sizeof(buf));
	assert_string_equal(buf, "page_offset=0xffff9a0000000000\ntext=0x1000000-0x3000000\ntext_vaddr=0xffffffff81000000\n");
	memset(&km, 0, sizeof(km));
	assert_int_equal(kernel_map_parse(buf, &km), 0);
	assert_int_equal(km.page_offset, 0xffff9a0000000000ULL);
	assert_int_equal(km.text.end, 0x3000000);
	assert_int_equal(kernel_map_parse("text=0x1-0x2\n", &km), -EINVAL);
	assert_int_equal(kernel_map_parse("page_offset=0x1000\n", &km), -EINVAL);
	assert_int_equal(kernel_map_parse("page_offset=0xffff888000000000 \n", &km), -EINVAL);
	assert_int_equal(kernel_map_parse("page_offset=0xffff888000000000\ntext=0x3-0x2\n", &km), -EINVAL);
	assert_int_equal(kernel_map_parse("page_offset=0xffff888000000000\nsomething=1\n", &km), -EINVAL);
	/* Without a RAM mapping nothing says where the direct map is. */
	k.eh.e_phnum = 3;
	assert_int_equal(kcore_parse(&k, sizeof(k), &km), -ENOENT);
	/* Not a core file. */
	k.eh.e_type = ET_EXEC;
	assert_int_equal(kcore_parse(&k, sizeof(k), &km), -EINVAL);
	assert_int_equal(kcore_parse(&k, 10, &km), -EINVAL);
}

static void test_elfcorehdr(void **state)
{
	struct iomem_map map;
	struct dump_sources s;
	struct core_layout l;
	size_t size, n;
	void *hdr;
	GElf_Ehdr eh;
	GElf_Phdr ph;
	Elf *elf;

	read_map(&map);
	fake_sources(&map, &s);
	dump_sources_layout(&s, &l);
	assert_int_equal(elfcorehdr_build(&l, &hdr, &size), 0);
	elf_version(EV_CURRENT);
	elf = elf_memory(hdr, size);
	assert_non_null(elf);
	assert_non_null(gelf_getehdr(elf, &eh));
	assert_int_equal(eh.e_type, ET_CORE);
	assert_int_equal(eh.e_machine, EM_X86_64);
	assert_int_equal(elf_getphdrnum(elf, &n), 0);
	/* Two CPUs' notes, VMCOREINFO, the kernel text, four RAM ranges. */
	assert_int_equal(n, 2 + 1 + 1 + 4);
	assert_non_null(gelf_getphdr(elf, 1, &ph));
	assert_int_equal(ph.p_type, PT_NOTE);
	assert_int_equal(ph.p_offset, notes[1].start);
	assert_int_equal(ph.p_filesz, 0x400);
	assert_non_null(gelf_getphdr(elf, 2, &ph));
	assert_int_equal(ph.p_type, PT_NOTE);
	assert_int_equal(ph.p_paddr, 0x2000000);
	assert_non_null(gelf_getphdr(elf, 3, &ph));
	assert_int_equal(ph.p_type, PT_LOAD);
	assert_int_equal(ph.p_vaddr, 0xffffffff81000000ULL);
	assert_int_equal(ph.p_paddr, 0x1000000);
	/* makedumpfile's rule: the direct map's base is a RAM range's p_vaddr less its p_paddr. */
	for (size_t i = 4; i < n; i++) {
		assert_non_null(gelf_getphdr(elf, i, &ph));
		assert_int_equal(ph.p_type, PT_LOAD);
		assert_int_equal(ph.p_vaddr - ph.p_paddr, s.page_offset);
		assert_int_equal(ph.p_offset, ph.p_paddr);
		assert_int_equal(ph.p_filesz, ph.p_memsz);
		/* Never the crash region itself. */
		assert_true(ph.p_paddr + ph.p_memsz <= region.start || ph.p_paddr >= region.end);
	}
	elf_end(elf);
	free(hdr);

	l.n_ram = 0;
	assert_int_equal(elfcorehdr_build(&l, &hdr, &size), -EINVAL);
	dump_sources_layout(&s, &l);
	s.notes[0].end = s.notes[0].start;
	assert_int_equal(elfcorehdr_build(&l, &hdr, &size), -EINVAL);
	dump_sources_free(&s);
	iomem_free(&map);
}

static void test_boot_params(void **state)
{
	uint8_t hdr[0x80] = {};
	struct boot_params bp, running = {};
	struct boot_layout l;
	struct iomem_map map;
	int ram_in_region = 0;

	read_map(&map);
	running.acpi_rsdp_addr = 0xf5a40;
	l = (struct boot_layout) {
		.iomem = &map, .region = region, .elfcorehdr = { 0x32000000, 0x32001000 },
		.cmdline_addr = 0x123456789000ULL, .initrd_addr = 0x3a000000, .initrd_size = 0x500000,
		.running = &running,
	};
	assert_int_equal(boot_params_build(&l, &bp), 0);
	assert_int_equal(bp.hdr.header, 0x53726448);
	assert_int_equal(bp.hdr.cmd_line_ptr, 0x56789000);
	assert_int_equal(bp.ext_cmd_line_ptr, 0x1234);
	assert_int_equal(bp.hdr.ramdisk_image, 0x3a000000);
	assert_int_equal(bp.hdr.ramdisk_size, 0x500000);
	assert_int_equal(bp.acpi_rsdp_addr, 0xf5a40);
	for (unsigned i = 0; i < bp.e820_entries; i++) {
		const struct boot_e820_entry *e = &bp.e820_table[i];
		uint64_t end = e->addr + e->size;

		if (e->type != 1)
			continue;
		/* RAM only in the first MiB and the region, never the ELF core header. */
		assert_true(end <= (1 << 20) || (e->addr >= region.start && end <= region.end));
		assert_true(end <= l.elfcorehdr.start || e->addr >= l.elfcorehdr.end);
		ram_in_region += e->addr >= region.start;
	}
	assert_int_equal(ram_in_region, 2);
	/* The ACPI tables and the reserved ranges are there for the firmware's sake. */
	assert_int_equal(bp.e820_table[1].type, 3);
	assert_int_equal(bp.e820_table[1].addr, 0x7ffd0000);

	/* A bzImage's setup header is copied as far as its jump says. */
	hdr[0x201 - 0x1f1] = 0x6a;
	memcpy(hdr + 0x1fe - 0x1f1, "\x55\xaa", 2);
	memcpy(hdr + 0x202 - 0x1f1, "HdrS", 4);
	hdr[0x206 - 0x1f1] = 0x0f;
	hdr[0x207 - 0x1f1] = 0x02;
	l.setup_header = hdr;
	l.setup_header_len = sizeof(hdr);
	assert_int_equal(boot_params_build(&l, &bp), 0);
	assert_int_equal(bp.hdr.version, 0x020f);
	assert_int_equal(bp.hdr.type_of_loader, 0xd0);
	hdr[0x202 - 0x1f1] = 'X';
	assert_int_equal(boot_params_build(&l, &bp), -EINVAL);
	/* A jump beyond what was given. */
	l.setup_header_len = 0x20;
	assert_int_equal(boot_params_build(&l, &bp), -EINVAL);
	/* The core header outside the region. */
	l.setup_header = NULL;
	l.elfcorehdr = (struct phys_range) { 0x20000000, 0x20001000 };
	assert_int_equal(boot_params_build(&l, &bp), -EINVAL);
	iomem_free(&map);
}

/* A Linux ELF kernel: two PT_LOADs at @paddr aligned to @align, and the "Linux" note. */
static uint8_t *make_kernel(uint16_t type, uint64_t paddr, uint64_t align, size_t *size)
{
	size_t total = 0x6000;
	uint8_t *d = calloc(1, total);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)d;
	Elf64_Phdr *ph = (Elf64_Phdr *)(d + sizeof(*eh));
	Elf64_Nhdr *nh = (Elf64_Nhdr *)(d + 0x200);

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = paddr + 0x100;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 3;
	ph[0] = (Elf64_Phdr) { .p_type = PT_LOAD, .p_offset = 0x1000, .p_vaddr = 0xffffffff81000000, .p_paddr = paddr,
			       .p_filesz = 0x3000, .p_memsz = 0x3000, .p_align = align, .p_flags = PF_R | PF_X };
	ph[1] = (Elf64_Phdr) { .p_type = PT_LOAD, .p_offset = 0x4000, .p_vaddr = 0xffffffff81000000 + align,
			       .p_paddr = paddr + (align > 0x3000 ? align : 0x3000), .p_filesz = 0x1000,
			       .p_memsz = 0x5000, .p_align = align, .p_flags = PF_R | PF_W };
	ph[2] = (Elf64_Phdr) { .p_type = PT_NOTE, .p_offset = 0x200, .p_filesz = 24, .p_align = 4 };
	nh->n_namesz = 6;
	nh->n_descsz = 4;
	nh->n_type = 0x100;	/* LINUX_ELFNOTE_BUILD_SALT */
	memcpy(d + 0x200 + sizeof(*nh), "Linux", 6);
	for (size_t i = 0x1000; i < total; i++)
		d[i] = (uint8_t)(i * 7);
	*size = total;
	return d;
}

struct plan_env {
	struct iomem_map map;
	struct dump_sources src;
	uint8_t initrd[10000];
	struct elf_load_input in;
};

static void plan_env(struct plan_env *e, const char *path, const void *kernel, size_t size)
{
	read_map(&e->map);
	fake_sources(&e->map, &e->src);
	memset(e->initrd, 0x5a, sizeof(e->initrd));
	e->in = (struct elf_load_input) {
		.kernel_path = path, .kernel = kernel, .kernel_size = size,
		.initrd = e->initrd, .initrd_size = sizeof(e->initrd), .cmdline = "console=ttyS0 nr_cpus=1",
		.region = region, .iomem = &e->map, .sources = &e->src, .console_port = 0x3f8,
	};
}

static void plan_env_free(struct plan_env *e)
{
	dump_sources_free(&e->src);
	iomem_free(&e->map);
}

/* What must hold of any plan: the segments in the region, page-aligned, apart; the digests right. */
static void check_plan(const struct elf_load_plan *plan)
{
	const struct purgatory_info *info = plan->purgatory.info;
	uint8_t sum[32];
	size_t r = 0;

	for (size_t i = 0; i < plan->n; i++) {
		uint64_t a = (uintptr_t)plan->segs[i].mem, end = a + plan->segs[i].memsz;

		assert_int_equal(a % 4096, 0);
		assert_int_equal(plan->segs[i].memsz % 4096, 0);
		assert_true(plan->segs[i].bufsz <= plan->segs[i].memsz);
		assert_true(a >= region.start && end <= region.end);
		for (size_t j = 0; j < i; j++) {
			uint64_t b = (uintptr_t)plan->segs[j].mem;

			assert_true(end <= b || b + plan->segs[j].memsz <= a);
		}
		if (plan->kind[i] == SEG_PURGATORY) {
			assert_int_equal(a, plan->entry);
			continue;
		}
		/* The purgatory checks every other segment, as loaded. */
		assert_int_equal(info->regions[r].start, a);
		assert_int_equal(info->regions[r].len, plan->segs[i].bufsz);
		SHA256(plan->segs[i].buf, plan->segs[i].bufsz, sum);
		assert_memory_equal(info->regions[r].sha256, sum, 32);
		r++;
	}
	assert_int_equal(info->nr_regions, r);
	assert_int_equal(info->magic, PURGATORY_MAGIC);
	assert_int_equal(info->entry, plan->kernel_entry);
	assert_int_equal(info->boot_params, plan->boot_params_at);
	SHA256(plan->purgatory.data, plan->purgatory.checked, sum);
	assert_memory_equal(info->self_sha256, sum, 32);
}

static void test_plan_relocates(void **state)
{
	size_t size;
	uint8_t *k = make_kernel(ET_EXEC, 0x1000000, 2 * MIB, &size);
	struct elf_load_plan plan;
	struct problem p = {};
	struct plan_env e;
	const struct boot_params *bp;
	char want[64];

	plan_env(&e, "/boot/vmlinux-test", k, size);
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), 0);
	check_plan(&plan);
	assert_true(plan.relocated);
	assert_false(plan.from_bzimage);
	/* The lowest segment at the region's first 2 MiB boundary; all moved by the same offset. */
	assert_int_equal(plan.place.base, region.start);
	assert_int_equal(plan.place.offset, region.start - 0x1000000);
	assert_int_equal((uintptr_t)plan.segs[0].mem, region.start);
	assert_int_equal((uintptr_t)plan.segs[1].mem, region.start + 2 * MIB);
	assert_int_equal(plan.kernel_entry, region.start + 0x100);
	assert_int_equal(plan.segs[1].bufsz, 0x1000);
	assert_int_equal(plan.segs[1].memsz, 0x5000);
	/* The command line starts with where the ELF core header is; the memory map spares it. */
	assert_int_equal(plan.kind[2], SEG_ELFCOREHDR);
	snprintf(want, sizeof(want), "elfcorehdr=0x%llx console=ttyS0", (unsigned long long)(uintptr_t)plan.segs[2].mem);
	assert_int_equal(strncmp((char *)plan.boot_page + sizeof(struct boot_params), want, strlen(want)), 0);
	bp = (const struct boot_params *)plan.boot_page;
	assert_int_equal(bp->hdr.cmd_line_ptr, plan.boot_params_at + sizeof(struct boot_params));
	for (unsigned i = 0; i < bp->e820_entries; i++)
		if (bp->e820_table[i].type == 1)
			assert_true(bp->e820_table[i].addr + bp->e820_table[i].size <= (uintptr_t)plan.segs[2].mem ||
				    bp->e820_table[i].addr >= (uintptr_t)plan.segs[2].mem + plan.segs[2].memsz);
	assert_int_equal(plan.kind[plan.n - 1], SEG_INITRD);
	assert_int_equal(bp->hdr.ramdisk_image, (uintptr_t)plan.segs[plan.n - 1].mem);
	assert_int_equal(bp->hdr.ramdisk_size, sizeof(e.initrd));
	elf_load_plan_free(&plan);
	plan_env_free(&e);
	free(k);
}

/* Segments aligned to less than 2 MiB: loaded where they say, or refused naming the file. */
static void test_plan_fixed(void **state)
{
	size_t size;
	uint8_t *k = make_kernel(ET_EXEC, 0x1000000, 4096, &size);
	struct elf_load_plan plan;
	struct problem p = {};
	struct plan_env e;

	plan_env(&e, "/boot/vmlinux-fixed", k, size);
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), -EADDRNOTAVAIL);
	assert_non_null(strstr(p.what, "/boot/vmlinux-fixed is not relocatable"));
	assert_non_null(strstr(p.what, "0x1000000-"));
	assert_non_null(strstr(p.fix, "crashkernel=SIZE@OFFSET"));
	plan_env_free(&e);
	free(k);

	/* Its own address inside the region: it loads there, unmoved. */
	k = make_kernel(ET_EXEC, 0x31000000, 4096, &size);
	plan_env(&e, "/boot/vmlinux-fixed", k, size);
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), 0);
	check_plan(&plan);
	assert_false(plan.relocated);
	assert_int_equal(plan.place.offset, 0);
	assert_int_equal((uintptr_t)plan.segs[0].mem, 0x31000000);
	elf_load_plan_free(&plan);
	plan_env_free(&e);
	free(k);

	/* Position-independent: moved whatever its alignment. */
	k = make_kernel(ET_DYN, 0x1000000, 4096, &size);
	plan_env(&e, "/boot/vmlinux-pie", k, size);
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), 0);
	assert_true(plan.relocated);
	assert_int_equal(plan.place.base, region.start);
	elf_load_plan_free(&plan);
	plan_env_free(&e);
	free(k);
}

static void test_plan_refusals(void **state)
{
	size_t size;
	uint8_t *k = make_kernel(ET_EXEC, 0x1000000, 2 * MIB, &size);
	struct elf_load_plan plan;
	struct problem p = {};
	struct plan_env e;
	char *longline;

	/* A region that holds the kernel but not the rest. */
	plan_env(&e, "/boot/vmlinux-test", k, size);
	e.in.region = (struct phys_range) { region.start, region.start + 2 * MIB + 0x9000 };
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), -ENOSPC);
	assert_non_null(strstr(p.what, "/boot/vmlinux-test: with its initramfs"));
	/* Nor the kernel. */
	e.in.region = (struct phys_range) { region.start, region.start + MIB };
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), -ENOSPC);
	assert_non_null(strstr(p.what, "do not fit the 1 MiB crash region"));
	/* Neither bzImage nor ELF. */
	e.in.region = region;
	e.in.kernel = "not a kernel at all";
	e.in.kernel_size = 19;
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), -EINVAL);
	assert_non_null(strstr(p.what, "/boot/vmlinux-test: neither a bzImage nor an ELF file"));
	/* A command line longer than the kernel takes. */
	e.in.kernel = k;
	e.in.kernel_size = size;
	longline = malloc(4000);
	memset(longline, 'x', 3999);
	longline[3999] = '\0';
	e.in.cmdline = longline;
	assert_int_equal(elf_load_plan(&e.in, &plan, &p), -E2BIG);
	assert_non_null(strstr(p.fix, "CommandLineAppend="));
	free(longline);
	plan_env_free(&e);
	free(k);
}

/* The kernels make check built and unpacked: the ELF inside each bzImage. */
static void test_plan_real(void **state)
{
	const char *dirs[] = { "CRASHD_TEST_KERNEL_DIR", "CRASHD_TEST_STOCK_DIR" };

	for (size_t i = 0; i < ELEMENTSOF(dirs); i++) {
		size_t size;
		void *k = fixture_read(dirs[i], "bzImage", &size);
		struct elf_load_plan plan;
		struct problem p = {};
		struct plan_env e;

		plan_env(&e, dirs[i], k, size);
		if (elf_load_plan(&e.in, &plan, &p) < 0)
			print_error("%s: %s (%s)\n", dirs[i], p.what, p.fix);
		assert_int_equal(elf_load_plan(&e.in, &plan, &p), 0);
		check_plan(&plan);
		assert_true(plan.from_bzimage);
		assert_true(plan.relocated);
		assert_int_equal(plan.place.base % (2 * MIB), 0);
		assert_int_equal(plan.kernel_entry, plan.elf.entry + plan.place.offset);
		assert_int_equal(strlen(plan.elf.build_id), 40);
		/* Its own setup header went into the boot parameters. */
		assert_int_equal(((struct boot_params *)plan.boot_page)->hdr.header, 0x53726448);
		elf_load_plan_free(&plan);
		plan_env_free(&e);
		free(k);
	}
}

static void write_bytes(const char *name, const void *d, size_t n)
{
	FILE *f = fopen(fixture_path(name), "w");

	assert_non_null(f);
	assert_int_equal(fwrite(d, 1, n, f), n);
	fclose(f);
}

/* Where the kernel maps memory cannot be read: said, naming the file, with the fix. */
static void test_kernel_map_missing(void **state)
{
	struct kernel_map km;
	struct problem p = {};

	assert_int_equal(kernel_map_read_kcore("/nonexistent/kcore", &km, &p), -ENOENT);
	assert_non_null(strstr(p.what, "/nonexistent/kcore is missing"));
	assert_string_equal(p.fix, "use Loader=file, or a kernel with CONFIG_PROC_KCORE");
	/* A file that is not /proc/kcore's ELF core header. */
	write_bytes("kcore", "not an ELF file", 15);
	assert_int_equal(kernel_map_read(fixture_path("kcore"), fixture_path("saved"), &km, &p), -EINVAL);
	assert_non_null(strstr(p.what, fixture_path("kcore")));
}

/* Lockdown and Secure Boot refuse an unsigned loader; their absence does not. */
static void test_allowed(void **state)
{
	const char *ld = fixture_path("lockdown"), *sb = fixture_path("SecureBoot");
	struct problem p = {};

	assert_int_equal(kexec_elf_allowed_at(ld, sb, &p), 0);
	write_bytes("lockdown", "[none] integrity confidentiality\n", 33);
	write_bytes("SecureBoot", "\x06\0\0\0\0", 5);
	assert_int_equal(kexec_elf_allowed_at(ld, sb, &p), 0);
	write_bytes("lockdown", "none [integrity] confidentiality\n", 33);
	assert_int_equal(kexec_elf_allowed_at(ld, sb, &p), -EPERM);
	assert_non_null(strstr(p.what, "locked down (integrity)"));
	assert_string_equal(p.fix, "use Loader=file with a signed kernel");
	write_bytes("lockdown", "none integrity [confidentiality]\n", 33);
	assert_int_equal(kexec_elf_allowed_at(ld, sb, &p), -EPERM);
	assert_non_null(strstr(p.what, "(confidentiality)"));
	write_bytes("lockdown", "[none] integrity confidentiality\n", 33);
	write_bytes("SecureBoot", "\x06\0\0\0\x01", 5);
	assert_int_equal(kexec_elf_allowed_at(ld, sb, &p), -EPERM);
	assert_non_null(strstr(p.what, "Secure Boot"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_ranges),
		cmocka_unit_test(test_parsers),
		cmocka_unit_test(test_kcore),
		cmocka_unit_test(test_elfcorehdr),
		cmocka_unit_test(test_boot_params),
		cmocka_unit_test(test_plan_relocates),
		cmocka_unit_test(test_plan_fixed),
		cmocka_unit_test(test_plan_refusals),
		cmocka_unit_test(test_plan_real),
		cmocka_unit_test_setup_teardown(test_allowed, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_kernel_map_missing, fixture_dir_setup, fixture_dir_teardown),
	};

	return cmocka_run_group_tests_name("elfload", tests, NULL, NULL);
}
