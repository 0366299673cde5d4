/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel modules a capture initramfs needs, from the panic kernel's depmod indexes, through libkmod. */
#pragma once

#include <stddef.h>

#include "problem.h"
#include "strv.h"

/*
 * Appends to @load_order the module files (paths under @moddir, the
 * panic kernel's /lib/modules/RELEASE) that @names need, each after what
 * it needs: hard dependencies and soft "pre:" ones before, soft "post:"
 * ones after. Names are resolved as modprobe resolves them (aliases and
 * their globs, '-' or '_'); one built into the kernel needs nothing; one
 * that is neither is a problem naming it. Only @moddir's own indexes
 * count, never this machine's /etc/modprobe.d.
 */
int kmod_resolve(const char *moddir, const char *const *names, size_t n, struct strv *load_order,
		 struct problem *p);
