// SPDX-License-Identifier: GPL-2.0-only
/*
 * A crash image loaded beside the armed one (KEXEC_FILE_CRASH_SWAP).
 *
 * kexec_file_load() normally frees the armed crash image before it loads
 * the new one into the same region: a panic in between finds nothing to
 * boot. With the flag, the placement of the new image's segments and the
 * crash control-page allocator both treat what the armed image uses as
 * taken, so the armed image stays intact and armed until one exchange
 * installs the new one. The loader holds the kexec lock with its own value
 * (KEXEC_LOCK_CRASH_SWAP), by which __crash_kexec() knows that a panic
 * meanwhile may boot whichever image is armed.
 */
#include <linux/kexec.h>
#include <linux/vmcore_info.h>

#include "kexec_internal.h"

static bool crash_swap_overlaps(unsigned long start, unsigned long end,
				unsigned long mstart, unsigned long mend)
{
	return end >= mstart && start <= mend;
}

/**
 * crash_swap_busy - what of the armed crash image a placement would overwrite
 * @image: the image being loaded
 * @start: first byte of the candidate range
 * @end: last byte of the candidate range
 *
 * The crash control-page allocator only moves upward from the region's
 * start, so the armed image's control pages all lie between its first one
 * and its allocation cursor. The range between may also hold that image's
 * own segments, which are taken anyway.
 *
 * Return: the last byte of a range of the armed image that [@start, @end]
 * overlaps, or 0 when it overlaps none or no image is armed beside.
 */
unsigned long crash_swap_busy(const struct kimage *image, unsigned long start,
			      unsigned long end)
{
	const struct kimage *armed = image->crash_beside;
	unsigned long i, mstart, mend;

	if (!armed)
		return 0;
	for (i = 0; i < armed->nr_segments; i++) {
		mstart = armed->segment[i].mem;
		mend = mstart + armed->segment[i].memsz - 1;
		if (armed->segment[i].memsz && crash_swap_overlaps(start, end, mstart, mend))
			return mend;
	}
	if (armed->control_code_page) {
		mstart = page_to_phys(armed->control_code_page);
		mend = armed->control_page - 1;
		if (mend >= mstart && crash_swap_overlaps(start, end, mstart, mend))
			return mend;
	}
	return 0;
}

/**
 * crash_swap_end - finish a kexec_file_load() with KEXEC_FILE_CRASH_SWAP
 * @loser: the image that is not armed now: the old one after the exchange,
 *	the new one when loading failed
 * @ret: the load's result
 *
 * Called with the kexec lock held. Frees @loser here rather than after the
 * lock is dropped: kimage_free() forgets the vmcoreinfo safe copy whichever
 * image owned it, and the armed image's copy must be the one in use.
 *
 * Return: @ret, with a failure to find room turned into -ENOSPC, which says
 * the armed image is still armed and the two did not fit side by side.
 */
int crash_swap_end(struct kimage *loser, int ret)
{
	struct kimage *armed = kexec_crash_image;

	if (armed)
		armed->crash_beside = NULL;
	kimage_free(loser);
	if (armed && armed->vmcoreinfo_data_copy)
		crash_update_vmcoreinfo_safecopy(armed->vmcoreinfo_data_copy);
	if (ret == -EADDRNOTAVAIL || ret == -ENOMEM)
		return -ENOSPC;
	return ret;
}
