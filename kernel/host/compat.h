/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Just enough of the kernel's headers for the shared kernel/ sources to
 * build on the host, where they are unit-tested and fuzzed. Each shim in
 * include/linux/ includes this file; nothing here may change the meaning
 * of the code compared with the kernel build.
 */
#ifndef _CRASHD_HOST_COMPAT_H
#define _CRASHD_HOST_COMPAT_H

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int64_t s64;

#define U64_MAX		((u64)~0ULL)
#define fallthrough	__attribute__((__fallthrough__))

/* The kernel's ctype takes a char; glibc's wants an unsigned char value. */
#undef isspace
#undef isxdigit
#undef tolower
#define isspace(c)	(isspace)((unsigned char)(c))
#define isxdigit(c)	(isxdigit)((unsigned char)(c))
#define tolower(c)	(tolower)((unsigned char)(c))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))

static inline char *strnstr(const char *s1, const char *s2, size_t len)
{
	size_t l2 = strlen(s2);

	if (!l2)
		return (char *)s1;
	while (len >= l2) {
		len--;
		if (!memcmp(s1, s2, l2))
			return (char *)s1;
		s1++;
	}
	return NULL;
}

#endif /* _CRASHD_HOST_COMPAT_H */
