// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "fit.h"

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

void fit_check(uint64_t init_size, uint64_t initrd_size, uint64_t region_size, struct fit *f)
{
	memset(f, 0, sizeof(*f));
	/* The region starts 16 MiB aligned, so the kernel's own alignment costs nothing. */
	f->kernel = align_up(init_size, 4096);
	f->initrd = align_up(initrd_size, 4096);
	f->needed = f->kernel + f->initrd + FIT_LOAD_OVERHEAD;
	f->region = region_size;
	f->fits = f->needed <= region_size;
	if (!f->fits)
		f->missing = f->needed - region_size;
	f->suggest = align_up(f->needed + FIT_WORKING_ROOM, FIT_ALIGN);
}
