// SPDX-License-Identifier: GPL-2.0-only
#include "format.h"

/* Truncates rather than overflows; the text stays NUL-terminated. */
static void put(struct line *l, char c)
{
	if (l->len + 1 < sizeof(l->text))
		l->text[l->len++] = c;
	l->text[l->len] = '\0';
}

void line_str(struct line *l, const char *s)
{
	while (*s)
		put(l, *s++);
}

void line_dec(struct line *l, uint64_t v)
{
	char digits[20];
	int n = 0;

	do {
		digits[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		put(l, digits[--n]);
}

void line_hex(struct line *l, uint64_t v)
{
	int shift = 60;

	line_str(l, "0x");
	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		put(l, "0123456789abcdef"[(v >> shift) & 0xf]);
}
