/* SPDX-License-Identifier: GPL-2.0-only */
/* The kexec_file_load() calls crashd makes, and the kernel's answer. */
#pragma once

#define KEXEC_CRASH_LOADED_PATH "/sys/kernel/kexec_crash_loaded"

#include <stdbool.h>

/*
 * Loads the panic kernel; @initrd_fd < 0 for none. @beside: keep the armed
 * one armed until the new one is in (KEXEC_FILE_CRASH_SWAP); -ENOSPC when
 * both do not fit. Returns -errno.
 */
int kexec_load_crash(int kernel_fd, int initrd_fd, const char *cmdline, bool beside);
int kexec_unload_crash(void);
/* 1 if a panic kernel is loaded, 0 if not, or -errno. */
int kexec_crash_loaded(void);
/* Why the kernel refused, for people: the errno as kexec_file_load() means it. */
const char *kexec_strerror(int error);
