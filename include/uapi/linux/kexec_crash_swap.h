/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Re-arming a crash image with no unprotected window: kexec_file_load()
 * loads the new image beside the armed one, which stays armed until one
 * exchange installs the new image. Shared by the kernel and crashd.
 */
#ifndef _UAPI_LINUX_KEXEC_CRASH_SWAP_H
#define _UAPI_LINUX_KEXEC_CRASH_SWAP_H

/*
 * kexec_file_load() flag, only together with KEXEC_FILE_ON_CRASH and never
 * with KEXEC_FILE_UNLOAD (EINVAL): place the new crash image outside every
 * range the armed one uses, segments and control pages, load and digest it
 * while the armed image stays armed, then swap. When the two do not fit in
 * the region side by side the call fails with ENOSPC and the armed image
 * stays armed; it may still fit alone, loaded without this flag.
 *
 * Far above the KEXEC_FILE_* flags in <linux/kexec.h>: upstream allocates
 * those from the bottom.
 */
#define KEXEC_FILE_CRASH_SWAP	0x00000100

#endif /* _UAPI_LINUX_KEXEC_CRASH_SWAP_H */
