// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/crash_reserve/: where the crash kernel region is, what the
 * administrator asked for, and why the kernel chose what it did.
 * 'generation' changes with every change of the region and can be waited
 * on with poll(), so user space need not re-read the rest on a timer.
 * Physical addresses, and the reason that names them, are root-only, as
 * in /proc/iomem. Documented in Documentation/ABI/testing/sysfs-kernel-crash_reserve.
 */
#include <linux/atomic.h>
#include <linux/crash_reserve.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>

#include "crash_hole.h"
#include "crash_reserve_decision.h"
#include "kexec_internal.h"

static struct kobject *crash_reserve_kobj;
static atomic64_t crash_reserve_generation = ATOMIC64_INIT(1);
/* Both chunks as reserved at boot; the region can only shrink after. */
static u64 crash_reserve_boot_size;

/* As crash_core.c counts it: an empty resource has end == 0. */
static u64 crash_reserve_res_size(const struct resource *res)
{
	return res->end ? resource_size(res) : 0;
}

/*
 * Sizes and addresses as kexec_crash_size has them: read under the kexec
 * lock, so that a shrink in progress is never seen half done; -EBUSY while
 * an image is being loaded, as there.
 */
static ssize_t crash_reserve_show_locked(char *buf, const struct resource *res,
					 bool base)
{
	u64 size, start;

	if (!kexec_trylock())
		return -EBUSY;
	size = crash_reserve_res_size(res);
	start = size ? (u64)res->start : 0;
	kexec_unlock();
	if (base)
		return sysfs_emit(buf, "0x%llx\n", start);
	return sysfs_emit(buf, "%llu\n", size);
}

static ssize_t base_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return crash_reserve_show_locked(buf, &crashk_res, true);
}

static ssize_t size_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return crash_reserve_show_locked(buf, &crashk_res, false);
}

static ssize_t low_base_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return crash_reserve_show_locked(buf, &crashk_low_res, true);
}

static ssize_t low_size_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return crash_reserve_show_locked(buf, &crashk_low_res, false);
}

static ssize_t requested_show(struct kobject *kobj, struct kobj_attribute *attr,
			      char *buf)
{
	return sysfs_emit(buf, "%s\n", crash_reserve_decision.requested);
}

static ssize_t policy_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n", crash_reserve_decision.policy);
}

/*
 * The boot-time decision, unless the region was shrunk since: then what is
 * left says more than why the larger region was chosen.
 */
static ssize_t reason_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	const struct crash_reserve_decision *d = &crash_reserve_decision;
	u64 now;

	if (d->reason == CRASH_RESERVE_NOT_REQUESTED)
		return sysfs_emit(buf, "none: no crashkernel= on the command line\n");
	if (!kexec_trylock())
		return -EBUSY;
	now = crash_reserve_res_size(&crashk_res) +
	      crash_reserve_res_size(&crashk_low_res);
	kexec_unlock();
	if (now != crash_reserve_boot_size)
		return sysfs_emit(buf,
				  "shrunk: %llu of the %llu bytes reserved at boot are left (kexec_crash_size was written); at boot, %s: %s\n",
				  now, crash_reserve_boot_size,
				  crash_reserve_reason_name(d->reason),
				  d->sentence);
	return sysfs_emit(buf, "%s: %s\n", crash_reserve_reason_name(d->reason),
			  d->sentence);
}

static ssize_t generation_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lld\n", atomic64_read(&crash_reserve_generation));
}

static struct kobj_attribute base_attr = __ATTR_RO_MODE(base, 0400);
static struct kobj_attribute size_attr = __ATTR_RO(size);
static struct kobj_attribute low_base_attr = __ATTR_RO_MODE(low_base, 0400);
static struct kobj_attribute low_size_attr = __ATTR_RO(low_size);
static struct kobj_attribute requested_attr = __ATTR_RO(requested);
static struct kobj_attribute policy_attr = __ATTR_RO(policy);
static struct kobj_attribute reason_attr = __ATTR_RO_MODE(reason, 0400);
static struct kobj_attribute generation_attr = __ATTR_RO(generation);

static struct attribute *crash_reserve_attrs[] = {
	&base_attr.attr,
	&size_attr.attr,
	&low_base_attr.attr,
	&low_size_attr.attr,
	&requested_attr.attr,
	&policy_attr.attr,
	&reason_attr.attr,
	&generation_attr.attr,
	NULL,
};

static const struct attribute_group crash_reserve_group = {
	.attrs = crash_reserve_attrs,
};

/**
 * crash_reserve_changed - the region changed; wake pollers of 'generation'
 */
void crash_reserve_changed(void)
{
	atomic64_inc(&crash_reserve_generation);
	if (crash_reserve_kobj)
		sysfs_notify(crash_reserve_kobj, NULL, "generation");
}

static int __init crash_reserve_sysfs_init(void)
{
	int ret;

	crash_reserve_boot_size = crash_reserve_res_size(&crashk_res) +
				  crash_reserve_res_size(&crashk_low_res);
	crash_reserve_kobj = kobject_create_and_add("crash_reserve", kernel_kobj);
	if (!crash_reserve_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(crash_reserve_kobj, &crash_reserve_group);
	if (ret)
		goto err_put;
	return 0;

err_put:
	kobject_put(crash_reserve_kobj);
	crash_reserve_kobj = NULL;
	return ret;
}
subsys_initcall(crash_reserve_sysfs_init);
