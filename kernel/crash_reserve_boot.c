// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time crash kernel reservation through the strict parser and the
 * hole picker: the same decision "crashctl plan" predicts, reserved in
 * memblock and recorded, with its reason, for /sys/kernel/crash_reserve/.
 */
#include <linux/crash_reserve.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <linux/sched/clock.h>
#include <linux/string.h>

#include "crash_hole.h"
#include "crash_reserve_decision.h"
#include "crash_reserve_parse.h"

/* Free memory ranges the picker sees; more than any x86 E820 map holds. */
#define CRASH_RESERVE_MAX_RANGES	512

struct crash_reserve_decision crash_reserve_decision = {
	.reason = CRASH_RESERVE_NOT_REQUESTED,
	.policy = "none",
};

static struct crash_hole_range crash_reserve_free[CRASH_RESERVE_MAX_RANGES] __initdata;

static void __init crash_reserve_copy(char *dst, const char *src, size_t len)
{
	strscpy(dst, src, min(len + 1, (size_t)CRASH_RESERVE_TEXT_MAX));
}

/* The value as given; for size,high also the size,low that goes with it. */
static void __init crash_reserve_record_request(const char *cmdline,
						const struct crashk_request *req)
{
	struct crash_reserve_decision *d = &crash_reserve_decision;
	size_t n;

	crash_reserve_copy(d->requested, cmdline + req->value_pos,
			   req->value_len);
	n = strlen(d->requested);
	if (req->low_given && n + 1 < sizeof(d->requested)) {
		d->requested[n++] = ' ';
		crash_reserve_copy(d->requested + n, cmdline + req->low_value_pos,
				   min(req->low_value_len,
				       sizeof(d->requested) - n - 1));
	}
	if (req->fixed)
		d->policy = "fixed";
	else if (req->high)
		d->policy = "high-first";
	else
		d->policy = "low-first";
}

/* The word holding a parse error, so that "requested" shows what was wrong. */
static void __init crash_reserve_record_error(const char *cmdline,
					      const struct crashk_error *err)
{
	const char *start = cmdline + err->pos, *end = start;

	while (start > cmdline && start[-1] != ' ')
		start--;
	while (*end && *end != ' ')
		end++;
	crash_reserve_copy(crash_reserve_decision.requested, start, end - start);
	snprintf(crash_reserve_decision.sentence, CRASH_RESERVE_TEXT_MAX,
		 "failed: %s (at character %zu of the command line)",
		 crashk_strerror(err->code), err->pos + 1);
}

static int __init crash_reserve_commit(const struct crash_hole_choice *c)
{
	if (memblock_reserve(c->base, c->size))
		return -ENOMEM;
	if (c->low_size && memblock_reserve(c->low_base, c->low_size)) {
		memblock_phys_free(c->base, c->size);
		return -ENOMEM;
	}
	crashk_res.start = c->base;
	crashk_res.end = c->base + c->size - 1;
	if (c->low_size) {
		crashk_low_res.start = c->low_base;
		crashk_low_res.end = c->low_base + c->low_size - 1;
	}
#ifdef HAVE_ARCH_ADD_CRASH_RES_TO_IOMEM_EARLY
	insert_resource(&iomem_resource, &crashk_res);
	if (c->low_size)
		insert_resource(&iomem_resource, &crashk_low_res);
#endif
	return 0;
}

/* crashctl plan computes with these before a boot: they must be the kernel's. */
static_assert(CRASH_ALIGN == CRASH_HOLE_X86_64_ALIGN);
static_assert(CRASH_ADDR_LOW_MAX == CRASH_HOLE_X86_64_LOW_MAX);
static_assert(CRASH_ADDR_HIGH_MAX == CRASH_HOLE_X86_64_HIGH_MAX);

/**
 * crash_reserve_boot - parse crashkernel=, choose a region and reserve it
 * @cmdline: the boot command line
 *
 * Called by the architecture instead of parse_crashkernel() and
 * reserve_crashkernel_generic(). Never fails the boot: whatever happens is
 * recorded as the decision's reason.
 */
void __init crash_reserve_boot(char *cmdline)
{
	struct crash_reserve_decision *d = &crash_reserve_decision;
	struct crash_hole_limits lim = {
		.align = CRASH_ALIGN,
		.low_max = CRASH_ADDR_LOW_MAX,
		.high_max = CRASH_ADDR_HIGH_MAX,
		.default_low_size = DEFAULT_CRASH_KERNEL_LOW_SIZE,
	};
	struct crash_hole_request hreq;
	struct crash_hole_choice choice;
	struct crashk_request req;
	struct crashk_error err;
	phys_addr_t start, end;
	unsigned int nr = 0;
	u64 t0 = local_clock(), i;
	int ret;

	ret = crashk_parse(cmdline, memblock_phys_mem_size(),
			   DEFAULT_CRASH_KERNEL_LOW_SIZE, &req, &err);
	if (ret == -ENOENT)
		return;
	if (ret) {
		d->reason = CRASH_RESERVE_E_PARSE;
		crash_reserve_record_error(cmdline, &err);
		pr_warn("crashkernel=%s: %s\n", d->requested, d->sentence);
		return;
	}
	crash_reserve_record_request(cmdline, &req);
	if (!req.size) {
		d->reason = CRASH_RESERVE_ZERO_SIZE;
		snprintf(d->sentence, sizeof(d->sentence),
			 "nothing reserved: crashkernel=%s asks for no memory with %llu MiB of RAM",
			 d->requested, (u64)memblock_phys_mem_size() >> 20);
		pr_info("crashkernel: %s\n", d->sentence);
		return;
	}

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end,
				NULL) {
		if (nr == ARRAY_SIZE(crash_reserve_free)) {
			pr_warn("crashkernel: more than %u free ranges; the rest are not considered\n",
				nr);
			break;
		}
		crash_reserve_free[nr].start = start;
		crash_reserve_free[nr].end = end;
		nr++;
	}

	crash_hole_request_from(&req, &lim, &hreq);
	ret = crash_hole_pick(crash_reserve_free, nr, &hreq, &choice);
	if (!ret && crash_reserve_commit(&choice)) {
		choice.reason = CRASH_RESERVE_E_NO_HOLE;
		ret = -ENOMEM;
	}
	d->reason = choice.reason;
	crash_hole_describe(&hreq, &choice, d->sentence, sizeof(d->sentence));
	if (ret) {
		pr_warn("crashkernel=%s: %s\n", d->requested, d->sentence);
		return;
	}
	/* upstream's line, which existing tools look for */
	pr_info("crashkernel reserved: 0x%016llx - 0x%016llx (%lld MB)\n",
		choice.base, choice.base + choice.size, choice.size >> 20);
	pr_info("crashkernel=%s: %s (decided in %llu ns)\n", d->requested,
		d->sentence, local_clock() - t0);
}
