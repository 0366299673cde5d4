// SPDX-License-Identifier: GPL-2.0-only
/*
 * The patched kernel says where the region is and why in
 * /sys/kernel/crash_reserve/. A stock kernel shows it only as "Crash kernel"
 * lines in /proc/iomem (addresses for root only) and its total size in
 * /sys/kernel/kexec_crash_size.
 */
#include <errno.h>
#include <linux/crash_reserve.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "iomem.h"
#include "region.h"
#include "util.h"

const struct region_paths region_paths_default = {
	.sysfs_dir = CRASH_RESERVE_SYSFS_DIR,
	.iomem = "/proc/iomem",
	.kexec_crash_size = "/sys/kernel/kexec_crash_size",
};

#define FIX_RESERVE "boot with crashkernel=256M on the kernel command line (see crashctl plan)"

static int read_line(const char *dir, const char *name, char *buf, size_t len)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	int r;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	/* EBUSY: the kernel is loading an image or shrinking the region; it takes a moment. */
	for (int i = 0; (r = read_one_line_file(path, &text)) == -EBUSY && i < 100; i++)
		usleep(10000);
	if (r < 0)
		return r;
	snprintf(buf, len, "%s", text);
	return 0;
}

static int read_u64(const char *dir, const char *name, uint64_t *v)
{
	char buf[64], *end;
	int r;

	r = read_line(dir, name, buf, sizeof(buf));
	if (r < 0)
		return r;
	errno = 0;
	*v = strtoull(buf, &end, 0);
	return errno || end == buf || *end ? -EINVAL : 0;
}

static int from_sysfs(const struct region_paths *paths, struct crash_region *r, struct problem *p)
{
	const char *d = paths->sysfs_dir;
	int e;

	uint64_t after = 0;

	r->source = "sysfs";
	/* One consistent picture: read again if the region changed meanwhile. */
	for (int tries = 0; tries < 3; tries++) {
		if ((e = read_u64(d, "generation", &r->generation)) < 0 || (e = read_u64(d, "size", &r->size)) < 0 ||
		    (e = read_u64(d, "low_size", &r->low_size)) < 0)
			return problem(p, e, "check the kernel; these files are documented in sysfs-kernel-crash_reserve",
				       "%s is unreadable or malformed: %s", d, strerror(-e));
		read_line(d, "requested", r->requested, sizeof(r->requested));
		/* Addresses and the reason that names them are root-only. */
		r->addresses_known = read_u64(d, "base", &r->base) == 0 &&
				     read_u64(d, "low_base", &r->low_base) == 0;
		read_line(d, "reason", r->reason, sizeof(r->reason));
		if (read_u64(d, "generation", &after) < 0 || after == r->generation)
			break;
	}
	if (!r->size)
		problem(p, 0, FIX_RESERVE, "no crash kernel region: %s",
			r->reason[0] ? r->reason : "nothing reserved (run as root to read the reason)");
	return 0;
}

static int from_iomem(const struct region_paths *paths, struct crash_region *r, struct problem *p)
{
	_cleanup_free_ struct phys_range *ranges = NULL;
	_cleanup_free_ char *text = NULL;
	struct iomem_map map;
	uint64_t total = 0;
	unsigned line = 0;
	int n, e;

	r->source = "iomem";
	e = read_full_file(paths->kexec_crash_size, &text, NULL);
	if (e == 0)
		total = strtoull(text, NULL, 10);
	else if (e != -ENOENT)
		return problem(p, e, NULL, "cannot read %s: %s", paths->kexec_crash_size, strerror(-e));

	e = iomem_read(paths->iomem, &map, &line);
	if (e == -EPERM || e == -EACCES) {
		/* Not root: sizes only. */
		r->size = total;
		r->addresses_known = false;
		if (!total)
			problem(p, 0, FIX_RESERVE, "no crash kernel region (kexec_crash_size is 0)");
		return 0;
	}
	if (e == -EINVAL)
		return problem(p, e, NULL, "%s:%u: unexpected line", paths->iomem, line);
	if (e < 0)
		return problem(p, e, NULL, "cannot read %s: %s", paths->iomem, strerror(-e));

	n = iomem_crash_ranges(&map, &ranges);
	iomem_free(&map);
	if (n < 0)
		return problem(p, n, NULL, "out of memory");
	r->addresses_known = true;
	/* With two ranges the main one is the higher; the other is the low chunk. */
	if (n >= 1) {
		r->base = ranges[n - 1].start;
		r->size = ranges[n - 1].end - ranges[n - 1].start;
	}
	if (n >= 2) {
		r->low_base = ranges[0].start;
		r->low_size = ranges[0].end - ranges[0].start;
	}
	if (total && total != r->size + r->low_size)
		return problem(p, -EINVAL, NULL,
			       "%s says %" PRIu64 " bytes but %s shows %" PRIu64 "; the kernel changed it meanwhile?",
			       paths->kexec_crash_size, total, paths->iomem, r->size + r->low_size);
	if (!r->size)
		problem(p, 0, FIX_RESERVE, "no crash kernel region: no 'Crash kernel' in %s", paths->iomem);
	return 0;
}

int region_discover(const struct region_paths *paths, struct crash_region *r, struct problem *p)
{
	memset(r, 0, sizeof(*r));
	memset(p, 0, sizeof(*p));
	if (access(paths->sysfs_dir, F_OK) == 0)
		return from_sysfs(paths, r, p);
	return from_iomem(paths, r, p);
}
