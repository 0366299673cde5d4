/* SPDX-License-Identifier: GPL-2.0-only */
/* The shared libraries a program needs, as the dynamic loader would find them. */
#pragma once

#include "problem.h"
#include "strv.h"

/*
 * Adds @program's interpreter and the closure of its DT_NEEDED libraries
 * (resolved through DT_RUNPATH and the multiarch directories) to @paths.
 * A library that cannot be found is a problem naming it.
 */
int elf_deps(const char *program, struct strv *paths, struct problem *p);
/* @program's own DT_NEEDED names ("libzstd.so.1"), not their dependencies. */
int elf_needed(const char *program, struct strv *needed, struct problem *p);
