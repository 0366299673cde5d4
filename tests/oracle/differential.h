/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compare kernel/crash_reserve_parse.c with upstream's parse_crashkernel()
 * on one command line. Shared by the unit test and the fuzz target.
 */
#ifndef _CRASHD_DIFFERENTIAL_H
#define _CRASHD_DIFFERENTIAL_H

#include "crash_reserve_parse.h"

enum crashk_verdict {
	CRASHK_AGREE_RESERVE,	/* both reserve, the same thing */
	CRASHK_AGREE_NONE,	/* neither reserves */
	CRASHK_DELIBERATE,	/* upstream reserves, crashd rejects on purpose */
	CRASHK_MISMATCH,	/* a bug in one of them */
};

struct crashk_outcome {
	int ret;
	unsigned long long size, base, low_size;
	bool high;
};

struct crashk_comparison {
	enum crashk_verdict verdict;
	struct crashk_outcome ours, upstream;
	struct crashk_error err;
};

void crashk_compare(const char *cmdline, u64 ram, u64 default_low,
		    struct crashk_comparison *cmp);
bool crashk_deliberate_code(enum crashk_err code);

#endif
