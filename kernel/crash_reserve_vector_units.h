/* SPDX-License-Identifier: GPL-2.0-only */
/* Units for the test vectors, as administrators write them. */
#ifndef _CRASH_RESERVE_VECTOR_UNITS_H
#define _CRASH_RESERVE_VECTOR_UNITS_H

#define KiB	(1ULL << 10)
#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)

#endif /* _CRASH_RESERVE_VECTOR_UNITS_H */
