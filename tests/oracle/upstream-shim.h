/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What upstream's parser needs from the kernel to build on the host. The
 * extracted code itself is untouched; only its environment is provided.
 */
#ifndef _CRASHD_UPSTREAM_SHIM_H
#define _CRASHD_UPSTREAM_SHIM_H

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>

#define __init
#define __initdata
#define noinline
#define noinline_for_stack
#define unlikely(x)		(x)
#define fallthrough		__attribute__((__fallthrough__))
#define pr_warn(...)		do { } while (0)
#define pr_info(...)		do { } while (0)
#define BUG_ON(c)		do { if (c) __builtin_trap(); } while (0)
#define KSTRTOX_OVERFLOW	(1U << 31)
#define SZ_128M			0x08000000ULL
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#undef _tolower
#define _tolower(c)		((c) | 0x20)
#undef isxdigit
#define isxdigit(c)		(isxdigit)((unsigned char)(c))
#define div_u64(a, b)		((a) / (b))
#define CONFIG_ARCH_HAS_GENERIC_CRASHKERNEL_RESERVATION 1

#include "upstream.h"
#define DEFAULT_CRASH_KERNEL_LOW_SIZE	upstream_default_low_size

const char *_parse_integer_fixup_radix(const char *s, unsigned int *base);
unsigned int _parse_integer_limit(const char *s, unsigned int base,
				  unsigned long long *p, size_t max_chars);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long long memparse(const char *ptr, char **retptr);

#endif
