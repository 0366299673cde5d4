// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the /proc/iomem reader (daemon/iomem.c) and size helpers. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "iomem.h"
#include "util.h"

/* Captured from a 1 GiB q35 guest booted with crashkernel=256M. */
static const char q35[] =
	"00000000-00000fff : Reserved\n"
	"00001000-0009fbff : System RAM\n"
	"0009fc00-0009ffff : Reserved\n"
	"000a0000-000bffff : PCI Bus 0000:00\n"
	"000f0000-000fffff : Reserved\n"
	"  000f0000-000fffff : System ROM\n"
	"00100000-3ffdffff : System RAM\n"
	"  01000000-01a00fff : Kernel code\n"
	"  01c00000-01ee7fff : Kernel rodata\n"
	"  02000000-020fd7bf : Kernel data\n"
	"  02454000-025fffff : Kernel bss\n"
	"  27000000-36ffffff : Crash kernel\n"
	"3ffe0000-3fffffff : Reserved\n"
	"b0000000-bfffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
	"  b0000000-bfffffff : Reserved\n"
	"fed1c000-fed1ffff : Reserved\n"
	"fffc0000-ffffffff : Reserved\n";

static void test_q35(void **state)
{
	struct iomem_map map;
	_cleanup_free_ struct phys_range *free_ranges = NULL, *crash = NULL;
	unsigned line = 0;

	assert_int_equal(iomem_parse(q35, &map, &line), 0);
	assert_int_equal(map.n, 17);
	assert_int_equal(iomem_ram_bytes(&map), (0x9fc00 - 0x1000) + (0x3ffe0000 - 0x100000));

	assert_int_equal(iomem_crash_ranges(&map, &crash), 1);
	assert_int_equal(crash[0].start, 0x27000000);
	assert_int_equal(crash[0].end, 0x37000000);

	/* The kernel image is cut out; the crash region stays in. */
	assert_int_equal(iomem_free_ranges(&map, &free_ranges), 6);
	assert_int_equal(free_ranges[0].start, 0x1000);
	assert_int_equal(free_ranges[1].start, 0x100000);
	assert_int_equal(free_ranges[1].end, 0x1000000);
	assert_int_equal(free_ranges[5].start, 0x2600000);
	assert_int_equal(free_ranges[5].end, 0x3ffe0000);
	iomem_free(&map);
}

static void test_malformed(void **state)
{
	static const struct {
		const char *text;
		unsigned line;
	} bad[] = {
		{ "00000000-00000fff Reserved\n", 1 },
		{ "00001000-0009fbff : System RAM\nzz-10 : x\n", 2 },
		{ "00002000-00001000 : backwards\n", 1 },
		{ "   00001000-00002000 : odd indent\n", 1 },
		{ "00001000-00002000 : a\n    00001000-00001fff : two levels down\n", 2 },
		{ "00001000-00002000 : a\n00001000-11112000000000000000 : too long\n", 2 },
	};
	struct iomem_map map;

	for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
		unsigned line = 0;

		assert_int_equal(iomem_parse(bad[i].text, &map, &line), -EINVAL);
		assert_int_equal(line, bad[i].line);
	}
}

/* What an unprivileged reader sees: every address zero. */
static void test_hidden(void **state)
{
	struct iomem_map map;
	unsigned line;

	assert_int_equal(iomem_parse("00000000-00000000 : System RAM\n"
				     "  00000000-00000000 : Kernel code\n", &map, &line), -EPERM);
}

static void test_empty(void **state)
{
	struct iomem_map map;
	unsigned line;

	assert_int_equal(iomem_parse("", &map, &line), 0);
	assert_int_equal(map.n, 0);
	assert_int_equal(iomem_ram_bytes(&map), 0);
	iomem_free(&map);
}

/* Whatever order the file lists them in, the low chunk comes first and the main region last. */
static void test_crash_ranges_sorted(void **state)
{
	struct iomem_map map;
	struct phys_range *r;
	unsigned line;

	assert_int_equal(iomem_parse("00100000-7fffffff : System RAM\n"
				     "  6c000000-7bffffff : Crash kernel\n"
				     "  01000000-01ffffff : Crash kernel\n", &map, &line), 0);
	assert_int_equal(iomem_crash_ranges(&map, &r), 2);
	assert_int_equal(r[0].start, 0x01000000);
	assert_int_equal(r[0].end, 0x02000000);
	assert_int_equal(r[1].start, 0x6c000000);
	assert_int_equal(r[1].end, 0x7c000000);
	free(r);
	iomem_free(&map);
}

static void test_parse_size(void **state)
{
	uint64_t v;

	assert_int_equal(parse_size("256M", &v), 0);
	assert_int_equal(v, 256ULL << 20);
	assert_int_equal(parse_size("2GiB", &v), 0);
	assert_int_equal(v, 2ULL << 30);
	assert_int_equal(parse_size("0x1000", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(parse_size("192m", &v), 0);
	assert_int_equal(v, 192ULL << 20);
	assert_int_equal(parse_size("12345", &v), 0);
	assert_int_equal(v, 12345);
	assert_int_equal(parse_size("", &v), -EINVAL);
	assert_int_equal(parse_size("-1G", &v), -EINVAL);
	assert_int_equal(parse_size("1X", &v), -EINVAL);
	assert_int_equal(parse_size("1G ", &v), -EINVAL);
	assert_int_equal(parse_size("99999999999T", &v), -ERANGE);
}

static void test_format_bytes(void **state)
{
	char buf[FORMAT_BYTES_MAX];

	assert_string_equal(format_bytes(buf, sizeof(buf), 256ULL << 20), "256 MiB");
	assert_string_equal(format_bytes(buf, sizeof(buf), (1ULL << 30) + 1), "1.0 GiB");
	assert_string_equal(format_bytes(buf, sizeof(buf), 1536ULL << 20), "1.5 GiB");
	assert_string_equal(format_bytes(buf, sizeof(buf), 100), "100 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_q35),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_crash_ranges_sorted),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_format_bytes),
	};

	return cmocka_run_group_tests_name("iomem", tests, NULL, NULL);
}
