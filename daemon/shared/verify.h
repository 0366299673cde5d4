/* SPDX-License-Identifier: GPL-2.0-only */
/* Everything checked about a panic kernel and its initramfs before arming. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "bzimage.h"
#include "elfimage.h"
#include "fit.h"
#include "image.h"
#include "initramfs.h"
#include "problem.h"

enum kernel_format { KERNEL_UNKNOWN, KERNEL_BZIMAGE, KERNEL_ELF };

struct verify_report {
	enum kernel_format format;
	struct bzimage_info bz;
	struct elf_image_info elf;
	struct elf_placement elf_place;	/* with a region of known base */
	struct initramfs_info initrd;
	bool have_initrd;
	bool fit_checked;
	uint64_t fit_region;		/* the size checked against */
	struct fit fit;
	bool armable;			/* passes everything kexec_file_load needs */
	/* The first problem: which file, what, and the fix. */
	const char *bad_file;
	struct problem problem;
};

/*
 * Checks the loaded kernel (and initramfs, if @initrd) and, when
 * @region_size is not 0, the fit. Returns 0 if armable; -EINVAL with the
 * report's problem set if a file is bad; -E2BIG if the files are good but
 * do not fit; -ENOEXEC for an ELF kernel, which kexec_file_load() cannot
 * take on x86-64.
 */
int verify_images(const struct image *kernel, const struct image *initrd, uint64_t region_base,
		  uint64_t region_size, struct verify_report *rep);
const char *kernel_format_name(enum kernel_format f);
