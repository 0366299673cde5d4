// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>

#include "differential.h"
#include "upstream.h"

/*
 * Where crashd rejects what upstream accepts (documented in
 * Documentation/admin-guide/crashd-reservation.rst): characters upstream
 * skips after a value, an '@' it reads as 0, numbers it wraps, a
 * crashkernel= it finds inside another parameter, range entries after the
 * match that it never reads, and a bare "crashkernel" it ignores.
 */
bool crashk_deliberate_code(enum crashk_err code)
{
	switch (code) {
	case CRASHK_E_EMPTY:
	case CRASHK_E_NUMBER:
	case CRASHK_E_OVERFLOW:
	case CRASHK_E_TRAILING:
	case CRASHK_E_SUFFIX:
	case CRASHK_E_RANGE_DASH:
	case CRASHK_E_RANGE_COLON:
	case CRASHK_E_RANGE_REVERSED:
	case CRASHK_E_RANGE_OVERLAP:
	case CRASHK_E_OFFSET:
	case CRASHK_E_NAME:
		return true;
	default:
		return false;
	}
}

static bool reserves(const struct crashk_outcome *o)
{
	return o->ret == 0 && o->size;
}

void crashk_compare(const char *cmdline, u64 ram, u64 default_low,
		    struct crashk_comparison *cmp)
{
	struct crashk_request req;
	char *copy = strdup(cmdline);
	struct crashk_outcome *o = &cmp->ours, *u = &cmp->upstream;

	if (!copy)
		abort();
	memset(cmp, 0, sizeof(*cmp));
	o->ret = crashk_parse(cmdline, ram, default_low, &req, &cmp->err);
	if (!o->ret) {
		o->size = req.size;
		o->base = req.fixed ? req.base : 0;
		o->high = req.high;
		o->low_size = req.low_size;
	}

	upstream_default_low_size = default_low;
	u->ret = parse_crashkernel(copy, ram, &u->size, &u->base, &u->low_size,
				   &u->high);
	free(copy);
	if (!u->high)
		u->low_size = 0;	/* upstream leaves it as the caller set it */

	if (reserves(o) && reserves(u))
		cmp->verdict = o->size == u->size && o->base == u->base &&
			       o->high == u->high && o->low_size == u->low_size ?
			       CRASHK_AGREE_RESERVE : CRASHK_MISMATCH;
	else if (!reserves(o) && !reserves(u))
		cmp->verdict = CRASHK_AGREE_NONE;
	else if (reserves(u) && o->ret == -EINVAL &&
		 crashk_deliberate_code(cmp->err.code))
		cmp->verdict = CRASHK_DELIBERATE;
	else
		cmp->verdict = CRASHK_MISMATCH;
}
