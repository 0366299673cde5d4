// SPDX-License-Identifier: GPL-2.0-only
/*
 * The purgatory's C entry, called by entry.S on its own stack and GDT:
 * check everything, say so on the console, and report the outcome.
 */
#include "check.h"
#include "console.h"
#include "format.h"
#include "purgatory.h"

/*
 * Filled in by the loader in its copy of the image: in .data, so that the
 * flat image carries it (the bss is not in the file) and after the bytes
 * the purgatory checks as its own.
 */
__attribute__((section(".data.info"), used)) struct purgatory_info purgatory_info;

/* From the linker script: the start of the image and the end of its checked part. */
extern const char purgatory_start[];
extern const char purgatory_checked_end[];

int purgatory_main(void);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

int purgatory_main(void)
{
	const struct purgatory_info *info = &purgatory_info;
	uint64_t t0 = rdtsc(), bytes = 0;
	struct line l = { .len = 0 };
	int r;

	r = purgatory_verify(info, purgatory_start, purgatory_checked_end - purgatory_start);
	if (r)
		return r;
	for (uint32_t i = 0; i < info->nr_regions; i++)
		bytes += info->regions[i].len;
	line_str(&l, "crashd purgatory: ");
	line_dec(&l, info->nr_regions);
	line_str(&l, " segments (");
	line_dec(&l, bytes);
	line_str(&l, " bytes) and itself match their SHA-256, checked in ");
	line_dec(&l, rdtsc() - t0);
	line_str(&l, " TSC cycles\n");
	console_write(info->console_port, l.text);
	return 0;
}
