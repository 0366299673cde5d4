// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks that a file is a bzImage kexec_file_load() will take and that can
 * run anywhere in the crash region, following Documentation/arch/x86/boot.rst
 * and the kernel's bzImage64_probe().
 */
#include <asm/bootparam.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "bzimage.h"

#define BOOT_FLAG		0xAA55
#define HDR_MAGIC		0x53726448	/* "HdrS" */
#define SETUP_HDR_OFFSET	0x1f1
#define MIN_PROTOCOL		0x020c		/* 2.12: xloadflags, 64-bit entry */

static const struct setup_header *header_of(const void *data)
{
	return (const struct setup_header *) ((const uint8_t *) data + SETUP_HDR_OFFSET);
}

int bzimage_probe(const void *data, size_t size)
{
	const struct setup_header *h = header_of(data);

	if (size < SETUP_HDR_OFFSET + sizeof(*h))
		return 0;
	return h->boot_flag == BOOT_FLAG && h->header == HDR_MAGIC;
}

int bzimage_inspect(const void *data, size_t size, struct bzimage_info *info, struct problem *p)
{
	const struct setup_header *h = header_of(data);
	const char *fix_kernel = "use the bzImage of an x86-64 kernel built with CONFIG_RELOCATABLE=y, such as /boot/vmlinuz-$(uname -r)";
	uint64_t payload;
	size_t sects;

	memset(info, 0, sizeof(*info));
	if (size < SETUP_HDR_OFFSET + sizeof(*h))
		return problem(p, -EINVAL, fix_kernel,
			       "only %zu bytes: too short for a bzImage setup header; truncated, or not a kernel", size);
	if (h->boot_flag != BOOT_FLAG || h->header != HDR_MAGIC)
		return problem(p, -EINVAL, fix_kernel, "not a bzImage: no x86 boot protocol header (\"HdrS\")");

	info->protocol = h->version;
	if (h->version < MIN_PROTOCOL)
		return problem(p, -EINVAL, fix_kernel,
			       "boot protocol %u.%02u is older than 2.12, which kexec_file_load() needs",
			       h->version >> 8, h->version & 0xff);
	if (!(h->loadflags & LOADED_HIGH))
		return problem(p, -EINVAL, fix_kernel, "a zImage, not a bzImage (loads below 1 MiB)");
	if (!(h->xloadflags & XLF_KERNEL_64))
		return problem(p, -EINVAL, fix_kernel,
			       "not a 64-bit kernel: it has no 64-bit entry point (wrong architecture?)");
	if (!(h->xloadflags & XLF_CAN_BE_LOADED_ABOVE_4G))
		return problem(p, -EINVAL, fix_kernel,
			       "cannot be loaded above 4 GiB, which kexec_file_load() requires");
	if (!h->relocatable_kernel)
		return problem(p, -EINVAL, fix_kernel,
			       "not relocatable (CONFIG_RELOCATABLE=n): it cannot run in the crash region");
	if (!h->kernel_alignment || (h->kernel_alignment & (h->kernel_alignment - 1)))
		return problem(p, -EINVAL, fix_kernel,
			       "corrupt setup header: kernel alignment 0x%x is not a power of two", h->kernel_alignment);
	if (!h->init_size)
		return problem(p, -EINVAL, fix_kernel, "corrupt setup header: init_size is 0");

	/* setup_sects of 0 means 4; the boot sector comes first. */
	sects = h->setup_sects ? h->setup_sects : 4;
	info->setup_size = (sects + 1) * 512;
	payload = (uint64_t) h->syssize * 16;
	if (info->setup_size + payload > size)
		return problem(p, -EINVAL, "copy the kernel again, or reinstall its package",
			       "truncated: the header promises %zu bytes, the file has %zu",
			       (size_t) (info->setup_size + payload), size);

	info->kernel_alignment = h->kernel_alignment;
	info->init_size = h->init_size;
	info->pref_address = h->pref_address;
	info->xloadflags = h->xloadflags;
	/* kernel_version points into the setup code, 0x200 before it is counted. */
	if (h->kernel_version && h->kernel_version + 0x200u < info->setup_size) {
		const char *v = (const char *) data + h->kernel_version + 0x200;
		size_t max = info->setup_size - (h->kernel_version + 0x200);

		size_t n = strnlen(v, max < sizeof(info->version) ? max : sizeof(info->version) - 1);
		memcpy(info->version, v, n);
		info->version[n] = '\0';
	}
	return 0;
}
