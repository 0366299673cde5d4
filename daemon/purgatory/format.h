/* SPDX-License-Identifier: GPL-2.0-only */
/* Building the purgatory's console lines: text and numbers, bounded, no library. */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct line {
	char text[160];
	size_t len;
};

void line_str(struct line *l, const char *s);
void line_dec(struct line *l, uint64_t v);
void line_hex(struct line *l, uint64_t v);
