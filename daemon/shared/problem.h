/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A problem found in an input file: what is wrong and how to fix it, in one
 * sentence each, so every caller can name the file and print both.
 */
#pragma once

#include <stdarg.h>

struct problem {
	char what[256];
	char fix[256];
};

/* Fills @p and returns @error (a negative errno) for "return problem(...)". */
int problem(struct problem *p, int error, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
