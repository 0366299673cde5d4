// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec_load() trusts its caller with every byte: no signature, no
 * parsing in the kernel. That is why lockdown forbids it, and why crashd
 * refuses it on a Secure Boot machine even when the kernel would not:
 * there only kexec_file_load() with a signed kernel keeps the chain of
 * trust. Elsewhere the purgatory's SHA-256 check is what stands between a
 * changed byte and running it.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kexec.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "dump-sources.h"
#include "elf-loader.h"
#include "kexec-elf.h"
#include "util.h"

#define LOCKDOWN_PATH		"/sys/kernel/security/lockdown"
#define SECURE_BOOT_PATH	"/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"
#define BOOT_PARAMS_PATH	"/sys/kernel/boot_params/data"

int kexec_elf_allowed_at(const char *lockdown_path, const char *secure_boot_path, struct problem *p)
{
	_cleanup_free_ char *lockdown = NULL, *sb = NULL;
	size_t sb_size = 0;
	const char *l, *e;

	/* "none [integrity] confidentiality": the bracketed word is in force. */
	if (read_one_line_file(lockdown_path, &lockdown) >= 0 && (l = strchr(lockdown, '[')) &&
	    (e = strchr(l, ']')) && strncmp(l + 1, "none", e - l - 1))
		return problem(p, -EPERM, "use Loader=file with a signed kernel",
			       "the kernel is locked down (%.*s): it refuses kexec_load(), only a signed kernel "
			       "through kexec_file_load() may be armed", (int)(e - l - 1), l + 1);
	/* An EFI variable: four bytes of attributes, then the value. */
	if (read_full_file(secure_boot_path, &sb, &sb_size) >= 0 && sb_size >= 5 && sb[4] == 1)
		return problem(p, -EPERM, "use Loader=file with a signed kernel",
			       "the machine booted with Secure Boot: only a signed kernel through kexec_file_load() may "
			       "be armed, not crashd's unsigned loader and purgatory");
	return 0;
}

int kexec_elf_allowed(struct problem *p)
{
	return kexec_elf_allowed_at(LOCKDOWN_PATH, SECURE_BOOT_PATH, p);
}

struct mapping {
	void *data;
	size_t size;
};

static void unmap(struct mapping *m)
{
	if (m->data && m->data != MAP_FAILED)
		munmap(m->data, m->size);
}

static int map_fd(int fd, struct mapping *m)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode) || !st.st_size)
		return -EINVAL;
	m->size = st.st_size;
	m->data = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m->data == MAP_FAILED) {
		m->data = NULL;
		return -errno;
	}
	return 0;
}

static const char *kexec_load_strerror(int error)
{
	switch (-error) {
	case EPERM:
		return "not permitted (kernel.kexec_load_disabled is set, lockdown, or no CAP_SYS_BOOT)";
	case EADDRNOTAVAIL:
		return "a segment lies outside the crash region";
	case EBUSY:
		return "another kexec operation is in progress";
	case ENOSYS:
		return "this kernel has no kexec_load() (CONFIG_KEXEC)";
	default:
		return strerror(-error);
	}
}

static void report(const struct elf_load_plan *plan, const struct crash_region *region, struct kexec_elf_report *rep)
{
	*rep = (struct kexec_elf_report) {
		.segments = plan->n,
		.kernel_base = plan->place.base,
		.offset = plan->place.offset,
		.entry = plan->kernel_entry,
		.purgatory_at = plan->entry,
		.purgatory_size = plan->purgatory.size,
		.purgatory_checked = plan->purgatory.checked,
		.used = plan->end - region->base,
		.pvh_entry = plan->elf.pvh_entry,
		.from_bzimage = plan->from_bzimage,
	};
	for (uint32_t i = 0; i < plan->purgatory.info->nr_regions; i++)
		rep->checked_bytes += plan->purgatory.info->regions[i].len;
	memcpy(rep->build_id, plan->elf.build_id, sizeof(rep->build_id));
}

/* Tests only: a byte of segment @i changed after its digest was taken. */
static int corrupt(struct elf_load_plan *plan, int i, void **copy)
{
	if (i < 0 || (size_t)i >= plan->n || !plan->segs[i].bufsz)
		return 0;
	*copy = malloc(plan->segs[i].bufsz);
	if (!*copy)
		return -ENOMEM;
	memcpy(*copy, plan->segs[i].buf, plan->segs[i].bufsz);
	((uint8_t *)*copy)[plan->segs[i].bufsz / 2] ^= 0xff;
	plan->segs[i].buf = *copy;
	return 0;
}

static int load(const struct elf_load_input *in, const struct crash_region *region, int corrupt_segment,
		struct kexec_elf_report *rep, struct problem *p)
{
	_cleanup_free_ void *copy = NULL;
	struct elf_load_plan plan;
	int r;

	r = elf_load_plan(in, &plan, p);
	if (r < 0)
		return r;
	r = corrupt(&plan, corrupt_segment, &copy);
	if (r >= 0 && syscall(SYS_kexec_load, plan.entry, plan.n, plan.segs, KEXEC_ON_CRASH | KEXEC_ARCH_X86_64) < 0) {
		r = -errno;
		problem(p, r, "see crashd(8) on Loader=", "kexec_load() refused it: %s", kexec_load_strerror(r));
	}
	if (r >= 0)
		report(&plan, region, rep);
	elf_load_plan_free(&plan);
	return r;
}

int kexec_elf_load_crash(int kernel_fd, const char *kernel_path, int initrd_fd, const char *cmdline,
			 const struct crash_region *region, int corrupt_segment, struct kexec_elf_report *rep,
			 struct problem *p)
{
	struct mapping kernel = {}, initrd = {};
	_cleanup_free_ char *running = NULL;
	struct elf_load_input in;
	struct iomem_map map = {};
	struct dump_sources src = {};
	size_t running_size = 0;
	unsigned bad_line;
	int r;

	r = kexec_elf_allowed(p);
	if (r < 0)
		return r;
	if (!region->addresses_known || !region->size)
		return problem(p, -ENOSPC, "reserve one with crashkernel=", "no crash region whose address is known");
	r = map_fd(kernel_fd, &kernel);
	if (r >= 0 && initrd_fd >= 0)
		r = map_fd(initrd_fd, &initrd);
	if (r < 0) {
		problem(p, r, "check the file", "%s: cannot map it: %s", kernel_path, strerror(-r));
		goto out;
	}
	r = iomem_read(dump_source_paths_default.iomem, &map, &bad_line);
	if (r < 0) {
		problem(p, r, "run as root", "%s: %s", dump_source_paths_default.iomem, read_file_strerror(r));
		goto out;
	}
	r = dump_sources_read(&dump_source_paths_default, &src, p);
	if (r < 0)
		goto out;
	/* Without it (no sysfs file), the ACPI root is found by scanning, as at a cold boot. */
	if (read_full_file(BOOT_PARAMS_PATH, &running, &running_size) < 0 || running_size < sizeof(struct boot_params)) {
		free(running);
		running = NULL;
	}
	in = (struct elf_load_input) {
		.kernel_path = kernel_path, .kernel = kernel.data, .kernel_size = kernel.size,
		.initrd = initrd.data, .initrd_size = initrd.size, .cmdline = cmdline,
		.region = { region->base, region->base + region->size },
		.low = { region->low_base, region->low_base + region->low_size },
		.iomem = &map, .sources = &src, .running = (const struct boot_params *)running,
		.console_port = PURGATORY_COM1,
	};
	r = load(&in, region, corrupt_segment, rep, p);
out:
	dump_sources_free(&src);
	iomem_free(&map);
	unmap(&initrd);
	unmap(&kernel);
	return r;
}
