// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <string.h>

#include "verify.h"

const char *kernel_format_name(enum kernel_format f)
{
	switch (f) {
	case KERNEL_BZIMAGE:
		return "bzImage";
	case KERNEL_ELF:
		return "ELF";
	default:
		return "unknown";
	}
}

static int bad(struct verify_report *rep, const struct image *img, int r)
{
	rep->bad_file = img->path;
	return r;
}

int verify_images(const struct image *kernel, const struct image *initrd, uint64_t region_base,
		  uint64_t region_size, struct verify_report *rep)
{
	uint64_t load_size = 0;
	int r;

	memset(rep, 0, sizeof(*rep));
	if (bzimage_probe(kernel->data, kernel->size)) {
		rep->format = KERNEL_BZIMAGE;
		r = bzimage_inspect(kernel->data, kernel->size, &rep->bz, &rep->problem);
		load_size = rep->bz.init_size;
	} else if (elf_probe(kernel->data, kernel->size)) {
		rep->format = KERNEL_ELF;
		r = elf_image_inspect(kernel->data, kernel->size, &rep->elf, &rep->problem);
		load_size = rep->elf.span;
	} else {
		r = problem(&rep->problem, -EINVAL,
			    "give the bzImage of an x86-64 kernel, such as /boot/vmlinuz-$(uname -r)",
			    "neither a bzImage nor an ELF kernel");
	}
	if (r < 0)
		return bad(rep, kernel, r);

	if (initrd && initrd->fd >= 0) {
		rep->have_initrd = true;
		r = initramfs_inspect(initrd->data, initrd->size, &rep->initrd, &rep->problem);
		if (r < 0)
			return bad(rep, initrd, r);
	}

	if (region_size) {
		rep->fit_checked = true;
		rep->fit_region = region_size;
		fit_check(load_size, rep->have_initrd ? initrd->size : 0, region_size, &rep->fit);
		if (rep->format == KERNEL_ELF && region_base)
			elf_image_place(&rep->elf, region_base, region_size, &rep->elf_place);
	}

	if (rep->format == KERNEL_ELF) {
		rep->bad_file = kernel->path;
		return problem(&rep->problem, -ENOEXEC,
			       "arm the bzImage of the same kernel (/boot/vmlinuz-*); a user-space ELF loader is on crashd's roadmap",
			       "an ELF kernel passes inspection, but on x86-64 kexec_file_load() takes only a bzImage");
	}
	if (rep->fit_checked && !rep->fit.fits) {
		rep->bad_file = kernel->path;
		return problem(&rep->problem, -E2BIG, NULL,
			       "kernel and initramfs need %llu MiB in the crash region, which has %llu MiB: %llu MiB missing; crashkernel=%lluM would fit",
			       (unsigned long long) (rep->fit.needed + (1 << 20) - 1) >> 20,
			       (unsigned long long) region_size >> 20,
			       (unsigned long long) (rep->fit.missing + (1 << 20) - 1) >> 20,
			       (unsigned long long) rep->fit.suggest >> 20);
	}
	rep->armable = true;
	return 0;
}
