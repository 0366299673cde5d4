/* SPDX-License-Identifier: GPL-2.0-only */
/* The fuzzer's input as the code under test receives it. */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An exact-size heap copy, so that ASan sees any read past the end. */
static inline uint8_t *fuzz_bytes(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);

	if (copy)
		memcpy(copy, data, size);
	return copy;
}

/* NUL-terminated, as read_full_file() hands a file over. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (text) {
		memcpy(text, data, size);
		text[size] = '\0';
	}
	return text;
}

/* Lines in @text, counting a last one without a newline. */
static inline unsigned fuzz_lines(const char *text)
{
	unsigned lines = 1;

	for (; *text; text++)
		lines += *text == '\n';
	return lines;
}
