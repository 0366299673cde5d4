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
/* From the "PE\0\0" signature: COFF header (20), PE32+ optional header to data directory 4. */
#define PE_CERT_DIR		(4 + 20 + 112 + 4 * 8)

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

static uint32_t le32_at(const uint8_t *d, size_t off)
{
	return d[off] | d[off + 1] << 8 | d[off + 2] << 16 | (uint32_t) d[off + 3] << 24;
}

/*
 * A kernel signed for Secure Boot is a PE image whose certificate table
 * (data directory 4) sbsign appends at the very end. Cut short, or with
 * bytes after it, kexec_file_load() under lockdown refuses it; and the
 * setup header cannot tell, since the payload before it is whole.
 */
static int check_signature(const uint8_t *d, size_t size, uint64_t payload_end, struct bzimage_info *info,
			   struct problem *p)
{
	const char *fix = "copy the kernel again, or reinstall its package";
	uint32_t pe, opt, ndirs, len;
	uint64_t end;

	if (size < 0x40 || d[0] != 'M' || d[1] != 'Z')
		return 0;
	pe = le32_at(d, 0x3c);
	if (pe > size || size - pe < PE_CERT_DIR + 8 || memcmp(d + pe, "PE\0\0", 4))
		return 0;
	opt = pe + 24;
	if (d[opt] != 0x0b || d[opt + 1] != 0x02)	/* PE32+ */
		return 0;
	ndirs = le32_at(d, opt + 108);
	if (ndirs <= 4)
		return 0;
	info->sig_offset = le32_at(d, pe + PE_CERT_DIR);
	info->sig_size = le32_at(d, pe + PE_CERT_DIR + 4);
	if (!info->sig_offset && !info->sig_size)
		return 0;
	info->signed_pe = true;
	end = (uint64_t) info->sig_offset + info->sig_size;
	if (end > size)
		return problem(p, -EINVAL, fix,
			       "truncated: the signature (PE certificate table at 0x%x, %u bytes) ends at byte %llu, the file at %zu",
			       info->sig_offset, info->sig_size, (unsigned long long) end, size);
	if (end != size)
		return problem(p, -EINVAL, fix,
			       "corrupt: %llu bytes follow the signature (PE certificate table), which kexec_file_load() under lockdown refuses",
			       (unsigned long long) (size - end));
	if (info->sig_offset < payload_end || info->sig_size < 8)
		return problem(p, -EINVAL, fix, "corrupt: the PE certificate table (at 0x%x, %u bytes) overlaps the kernel",
			       info->sig_offset, info->sig_size);
	/* The first WIN_CERTIFICATE must lie within the table. */
	len = le32_at(d, info->sig_offset);
	if (len < 8 || len > info->sig_size)
		return problem(p, -EINVAL, fix, "corrupt: the signature's length %u does not fit its %u-byte table",
			       len, info->sig_size);
	return 0;
}

int bzimage_inspect(const void *data, size_t size, struct bzimage_info *info, struct problem *p)
{
	const struct setup_header *h = header_of(data);
	const char *fix_kernel = "use the bzImage of an x86-64 kernel built with CONFIG_RELOCATABLE=y, such as /boot/vmlinuz-$(uname -r)";
	uint64_t payload;
	size_t sects;
	int r;

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
	if (h->kernel_alignment < 4096 || h->kernel_alignment > BZIMAGE_MAX_ALIGNMENT)
		return problem(p, -EINVAL, fix_kernel,
			       "corrupt setup header: kernel_alignment 0x%x is outside 4 KiB to 1 GiB", h->kernel_alignment);
	if (!h->init_size)
		return problem(p, -EINVAL, fix_kernel, "corrupt setup header: init_size is 0");
	if (h->init_size > BZIMAGE_MAX_INIT_SIZE)
		return problem(p, -EINVAL, "copy the kernel again, or reinstall its package",
			       "corrupt setup header: init_size 0x%x (%u MiB) is more than any kernel needs (at most %u MiB)",
			       h->init_size, h->init_size >> 20, BZIMAGE_MAX_INIT_SIZE >> 20);

	/* setup_sects of 0 means 4; the boot sector comes first. */
	sects = h->setup_sects ? h->setup_sects : 4;
	info->setup_size = (sects + 1) * 512;
	payload = (uint64_t) h->syssize * 16;
	if (info->setup_size + payload > size)
		return problem(p, -EINVAL, "copy the kernel again, or reinstall its package",
			       "truncated: the header promises %zu bytes, the file has %zu",
			       (size_t) (info->setup_size + payload), size);

	/* The decompressed kernel is never smaller than its compressed payload. */
	if (h->init_size < payload)
		return problem(p, -EINVAL, "copy the kernel again, or reinstall its package",
			       "corrupt setup header: init_size 0x%x is smaller than the %llu-byte payload",
			       h->init_size, (unsigned long long) payload);
	r = check_signature(data, size, info->setup_size + payload, info, p);
	if (r < 0)
		return r;

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
