/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding a note in an ELF file's PT_NOTE segments (build IDs, VMCOREINFO). */
#pragma once

#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_NOTE_ANY_TYPE UINT32_MAX

/*
 * The descriptor of the first note called @name (with its NUL, as stored)
 * and of @type (or any), and its length; NULL if there is none. It points
 * into data @elf owns, valid until elf_end().
 */
const void *elf_find_note(Elf *elf, const char *name, uint32_t type, size_t *len);
