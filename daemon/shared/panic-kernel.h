/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which kernel a panic boots ([Kernel] Image=): crashd's own capture
 * kernel when it is installed and can save to the dump target, else the
 * distribution's running kernel; or the one the administrator names.
 */
#pragma once

#include <stdbool.h>

#include "config.h"
#include "dump-target.h"
#include "problem.h"
#include "strv.h"

/* Where the crashd-capture-kernel package puts it. */
#define CRASHD_CAPTURE_KERNEL "/usr/lib/crashd/capture-kernel/vmlinuz"

/* The system as seen by the choice; every field may be NULL for the real one. */
struct panic_kernel_env {
	const char *capture_kernel;	/* CRASHD_CAPTURE_KERNEL */
	const char *modules_root;	/* prefix of /lib/modules */
	struct dump_target_env target;	/* the running system, for the dump target */
	const char *lockdown;		/* "/sys/kernel/security/lockdown" */
};

enum panic_kernel_kind {
	PANIC_KERNEL_CAPTURE,		/* crashd's capture kernel, by Image=auto */
	PANIC_KERNEL_DISTRO,		/* the running kernel's image */
	PANIC_KERNEL_CONFIGURED,	/* Image=PATH */
};

struct panic_kernel {
	char *path;
	enum panic_kernel_kind kind;
	/* Image=auto found crashd's capture kernel but cannot use it: why, and the fix. */
	bool fell_back;
	struct problem why;
};

/* The environment variable tests and packagers point elsewhere. */
const char *panic_kernel_capture_path(const struct panic_kernel_env *env);
/* Fills @k; only out of memory fails. */
int panic_kernel_choose(const struct crashd_config *c, const struct panic_kernel_env *env, struct panic_kernel *k);
void panic_kernel_free(struct panic_kernel *k);
const char *panic_kernel_kind_name(enum panic_kernel_kind kind);
/*
 * Whether the kernel at @path can boot as the panic kernel and save to the
 * dump target: signed when the running kernel is locked down, and every
 * driver the target needs built in (its /lib/modules has no module files
 * to load). 0 when it can; -EPERM or -ENOENT with @why set when not.
 */
int capture_kernel_check(const char *path, const struct crashd_config *c, const struct panic_kernel_env *env,
			 struct problem *why);
