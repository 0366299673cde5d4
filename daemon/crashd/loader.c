// SPDX-License-Identifier: GPL-2.0-only
/*
 * Both loaders unload the armed image as they start, on a stock kernel;
 * only kexec_file_load() can load beside it (crashd's kernel series), so
 * Loader=elf always opens that window.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "kexec-elf.h"
#include "kexec.h"
#include "loader.h"
#include "log.h"
#include "util.h"

static void log_elf_load(const char *path, const struct kexec_elf_report *rep)
{
	char pvh[48] = "";

	if (rep->pvh_entry)
		snprintf(pvh, sizeof(pvh), ", PVH entry 0x%" PRIx32 " (not used)", rep->pvh_entry);
	log_info("Loaded %s with crashd's loader: %u segments, %" PRIu64 " KiB of the region; the kernel%s at 0x%" PRIx64
		 " (moved by %+" PRId64 " MiB), entry 0x%" PRIx64 ", build ID %s%s; the purgatory at 0x%" PRIx64
		 " (%" PRIu64 " bytes) checks %" PRIu64 " KiB and its own %" PRIu64 " bytes.",
		 path, rep->segments, rep->used >> 10, rep->from_bzimage ? " (the ELF inside the bzImage)" : "",
		 rep->kernel_base, rep->offset / (1 << 20), rep->entry, rep->build_id[0] ? rep->build_id : "none", pvh,
		 rep->purgatory_at, rep->purgatory_size, rep->checked_bytes >> 10, rep->purgatory_checked);
}

int loader_load(const char *loader, const struct crash_region *region, int kernel_fd, const char *kernel_path,
		int initrd_fd, const char *cmdline, bool beside, struct problem *p)
{
	struct kexec_elf_report rep;
	const char *corrupt;
	int r;

	if (!streq(loader, "elf")) {
		r = kexec_load_crash(kernel_fd, initrd_fd, cmdline, beside);
		if (r < 0)
			problem(p, r, "see the message above; crashctl verify checks the files",
				"kexec_file_load() refused it: %s", kexec_strerror(r));
		return r;
	}
	/* The test suite's way to change a loaded byte: the purgatory must then refuse. */
	corrupt = getenv("CRASHD_TEST_CORRUPT_SEGMENT");
	r = kexec_elf_load_crash(kernel_fd, kernel_path, initrd_fd, cmdline, region, corrupt ? atoi(corrupt) : -1, &rep,
				 p);
	if (r >= 0)
		log_elf_load(kernel_path, &rep);
	return r;
}
