// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec_file_load(KEXEC_FILE_ON_CRASH) rather than kexec_load(): the kernel
 * parses and verifies the image itself, so signed kernels and lockdown
 * keep working. Note the kernel frees the old panic image before loading
 * the new one; callers verify first and re-load the old one on failure.
 * Kernels with crashd's series can instead load it beside the armed one
 * and swap (KEXEC_FILE_CRASH_SWAP), when the crash_reserve netlink family
 * says so.
 */
#include <errno.h>
#include <linux/kexec.h>
#include <linux/kexec_crash_swap.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kexec.h"
#include "util.h"

int kexec_load_crash(int kernel_fd, int initrd_fd, const char *cmdline, bool beside)
{
	unsigned long flags = KEXEC_FILE_ON_CRASH;

	if (beside)
		flags |= KEXEC_FILE_CRASH_SWAP;

	if (initrd_fd < 0)
		flags |= KEXEC_FILE_NO_INITRAMFS;
	if (syscall(SYS_kexec_file_load, kernel_fd, initrd_fd, strlen(cmdline) + 1, cmdline, flags) < 0)
		return -errno;
	return 0;
}

int kexec_unload_crash(void)
{
	if (syscall(SYS_kexec_file_load, -1, -1, 0, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH) < 0)
		return -errno;
	return 0;
}

int kexec_crash_loaded(void)
{
	_cleanup_free_ char *text = NULL;
	int r;

	r = read_full_file(KEXEC_CRASH_LOADED_PATH, &text, NULL);
	if (r < 0)
		return r;
	return text[0] == '1';
}

const char *kexec_strerror(int error)
{
	switch (-error) {
	case EPERM:
		return "not permitted (needs CAP_SYS_BOOT; or kexec is disabled by kernel.kexec_load_disabled)";
	case EKEYREJECTED:
		return "the kernel's signature was rejected (lockdown or KEXEC_SIG_FORCE needs a signed kernel)";
	case ENOEXEC:
		return "the kernel does not take this image format";
	case EADDRNOTAVAIL:
	case ENOMEM:
		return "the image does not fit in the crash region";
	case ENOSPC:
		return "the region cannot hold it beside the armed panic kernel";
	case EBUSY:
		return "another kexec operation is in progress";
	case ENOSYS:
		return "this kernel has no kexec_file_load() (CONFIG_KEXEC_FILE)";
	case EINVAL:
		return "the kernel rejected the image or command line";
	default:
		return strerror(-error);
	}
}
