// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which crash image is armed, recorded as the kexec system calls load it:
 * SHA-256 of the kernel and the initrd as kexec_file_load() read them
 * (so user space can prove the panic kernel in memory is the file on
 * disk), the command line, the digest purgatory checks over the segments
 * before it jumps, and the segments' count and size. The record goes to
 * the crash_reserve netlink family, which announces it.
 */
#include <crypto/sha2.h>
#include <linux/crash_reserve.h>
#include <linux/kexec.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

/*
 * kexec_file_load() frees the files' buffers before it installs the
 * image: what they held is noted here first, under the kexec lock.
 */
static struct crash_reserve_image_info crash_reserve_image_pending;

static void crash_reserve_image_clear(struct crash_reserve_image_info *img)
{
	kfree(img->cmdline);
	memset(img, 0, sizeof(*img));
}

/**
 * crash_reserve_image_file_prepare - note a crash image's files while they are read
 * @image: the image kexec_file_load() is loading, its buffers still there
 *
 * Called with the kexec lock held, after the segments' digest is stored in
 * purgatory and before the buffers are freed.
 */
void crash_reserve_image_file_prepare(struct kimage *image)
{
	struct crash_reserve_image_info *p = &crash_reserve_image_pending;

	crash_reserve_image_clear(p);
	if (image->type != KEXEC_TYPE_CRASH)
		return;
	sha256(image->kernel_buf, image->kernel_buf_len, p->kernel_sha256);
	if (image->initrd_buf) {
		sha256(image->initrd_buf, image->initrd_buf_len, p->initrd_sha256);
		p->has_initrd = true;
	}
	p->file_digests = true;
	p->beside = image->crash_beside;
	if (image->cmdline_buf && image->cmdline_buf_len)
		p->cmdline = kstrndup(image->cmdline_buf, image->cmdline_buf_len, GFP_KERNEL);
	p->segments_digest = !kexec_purgatory_get_set_symbol(image, "purgatory_sha256_digest",
							     p->segments_sha256,
							     sizeof(p->segments_sha256), true);
}

/**
 * crash_reserve_image_installed - a kexec system call for the crash image ends
 * @syscall: which one
 * @loaded: whether it installed a new crash image
 *
 * Called with the kexec lock held. Without a new image, whatever was armed
 * is gone, as both system calls free it before they load; unless it was
 * to be loaded beside the armed one (KEXEC_FILE_CRASH_SWAP), which then
 * stays armed and as recorded.
 */
void crash_reserve_image_installed(enum crash_reserve_syscall syscall, bool loaded)
{
	struct kimage *image = kexec_crash_image;
	struct crash_reserve_image_info img = {};
	unsigned long i;

	if (!loaded || !image) {
		crash_reserve_image_clear(&crash_reserve_image_pending);
		if (!image)
			crash_reserve_nl_image_set(NULL);
		return;
	}
	if (syscall == CRASH_RESERVE_SYSCALL_KEXEC_FILE_LOAD) {
		img = crash_reserve_image_pending;
		memset(&crash_reserve_image_pending, 0, sizeof(crash_reserve_image_pending));
	}
	img.syscall = syscall;
	img.loaded_at = ktime_get_real_seconds();
	img.nr_segments = image->nr_segments;
	for (i = 0; i < image->nr_segments; i++)
		img.segment_bytes += image->segment[i].memsz;
#ifdef CONFIG_CRASH_HOTPLUG
	img.hotplug_update = image->hotplug_support;
#endif
	crash_reserve_nl_image_set(&img);
	kfree(img.cmdline);
}
