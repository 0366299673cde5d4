// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of region discovery, over fixture directories shaped like sysfs and procfs. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "fixtures.h"
#include "region.h"
#include "util.h"

static void put(const char *name, const char *text)
{
	FILE *f = fopen(fixture_path(name), "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct region_paths paths(void)
{
	static char s[128], i[128], k[128];

	snprintf(s, sizeof(s), "%s", fixture_path("crash_reserve"));
	snprintf(i, sizeof(i), "%s", fixture_path("iomem"));
	snprintf(k, sizeof(k), "%s", fixture_path("kexec_crash_size"));
	return (struct region_paths) { s, i, k };
}

static void test_sysfs(void **state)
{
	struct region_paths p = paths();
	struct crash_region r;
	struct problem pr;

	mkdir(p.sysfs_dir, 0755);
	put("crash_reserve/size", "268435456\n");
	put("crash_reserve/base", "0x27000000\n");
	put("crash_reserve/low_size", "0\n");
	put("crash_reserve/low_base", "0x0\n");
	put("crash_reserve/generation", "3\n");
	put("crash_reserve/requested", "256M\n");
	put("crash_reserve/reason", "low: reserved 256 MiB at 0x27000000 below 4 GiB\n");
	assert_int_equal(region_discover(&p, &r, &pr), 0);
	assert_string_equal(r.source, "sysfs");
	assert_int_equal(r.size, 256 << 20);
	assert_int_equal(r.base, 0x27000000);
	assert_true(r.addresses_known);
	assert_int_equal(r.generation, 3);
	assert_string_equal(r.requested, "256M");

	/* Nothing reserved: size 0 and the reason in the problem. */
	put("crash_reserve/size", "0\n");
	put("crash_reserve/reason", "no-hole: failed: no 900 MiB hole anywhere; largest is 563 MiB at 0x1b000000\n");
	assert_int_equal(region_discover(&p, &r, &pr), 0);
	assert_int_equal(r.size, 0);
	assert_non_null(strstr(pr.what, "no-hole"));
	assert_non_null(strstr(pr.fix, "crashkernel="));

	put("crash_reserve/size", "lots\n");
	assert_int_equal(region_discover(&p, &r, &pr), -EINVAL);
	assert_non_null(strstr(pr.what, "malformed"));
}

static void test_iomem(void **state)
{
	struct region_paths p = paths();
	struct crash_region r;
	struct problem pr;

	put("iomem", "00100000-bffdffff : System RAM\n  27000000-36ffffff : Crash kernel\n"
		     "100000000-23fffffff : System RAM\n");
	put("kexec_crash_size", "268435456\n");
	assert_int_equal(region_discover(&p, &r, &pr), 0);
	assert_string_equal(r.source, "iomem");
	assert_int_equal(r.size, 256 << 20);
	assert_int_equal(r.base, 0x27000000);
	assert_int_equal(r.low_size, 0);

	/* ,high with a low chunk: the higher range is the region. */
	put("iomem", "00100000-bffdffff : System RAM\n  ab000000-afffffff : Crash kernel\n"
		     "100000000-23fffffff : System RAM\n  220000000-23fffffff : Crash kernel\n");
	put("kexec_crash_size", "620756992\n");
	assert_int_equal(region_discover(&p, &r, &pr), 0);
	assert_int_equal(r.base, 0x220000000);
	assert_int_equal(r.size, 512 << 20);
	assert_int_equal(r.low_base, 0xab000000);
	assert_int_equal(r.low_size, 80 << 20);

	/* What a user without CAP_SYS_ADMIN sees: sizes only. */
	put("iomem", "00000000-00000000 : System RAM\n  00000000-00000000 : Crash kernel\n");
	put("kexec_crash_size", "268435456\n");
	assert_int_equal(region_discover(&p, &r, &pr), 0);
	assert_false(r.addresses_known);
	assert_int_equal(r.size, 256 << 20);

	/* No reservation. */
	put("iomem", "00100000-bffdffff : System RAM\n");
	put("kexec_crash_size", "0\n");
	assert_int_equal(region_discover(&p, &r, &pr), 0);
	assert_int_equal(r.size, 0);
	assert_non_null(strstr(pr.fix, "crashkernel=256M"));

	/* iomem and kexec_crash_size disagree. */
	put("iomem", "00100000-bffdffff : System RAM\n  27000000-36ffffff : Crash kernel\n");
	put("kexec_crash_size", "134217728\n");
	assert_int_equal(region_discover(&p, &r, &pr), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sysfs, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_iomem, fixture_dir_setup, fixture_dir_teardown),
	};

	return cmocka_run_group_tests_name("region", tests, NULL, NULL);
}
