/* SPDX-License-Identifier: GPL-2.0-only */
/* What the purgatory checks before it lets the panic kernel run. */
#pragma once

#include <stdint.h>

#include "purgatory.h"

/*
 * Checks the SHA-256 of the purgatory's own first @self_len bytes at @self
 * and of every region in @info, each at the address it names (identity
 * mapped). Says on @info's console which one differs. Returns 0 when all
 * match, 1 + the region's index for a region, -1 for the purgatory itself,
 * -2 for an info block the loader did not fill.
 */
int purgatory_verify(const struct purgatory_info *info, const void *self, uint64_t self_len);
