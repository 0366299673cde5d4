/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel modules a capture initramfs needs, from the panic kernel's modules.dep. */
#pragma once

#include "elf-deps.h"
#include "problem.h"

/*
 * Appends to @load_order the module files (paths under @moddir, the
 * panic kernel's /lib/modules/RELEASE) that @names need, dependencies
 * first. A name built into the kernel (modules.builtin) needs nothing; a
 * name that is neither is a problem. Soft dependencies (modules.softdep,
 * through modules.alias) come along when they exist. Names may use '-' or '_'.
 */
/* The same over the texts of modules.dep, .builtin, .softdep and .alias (the last two may be NULL). */
int kmod_resolve_text(const char *moddir, const char *deps, const char *builtins, const char *softdeps,
		      const char *aliases, const char *const *names, size_t n, struct strv *load_order,
		      struct problem *p);
int kmod_resolve(const char *moddir, const char *const *names, size_t n, struct strv *load_order,
		 struct problem *p);
