// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the crashkernel= parser (kernel/crash_reserve_parse.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "crash_reserve_parse.h"

#define K 1024ULL
#define M (1024ULL * K)
#define G (1024ULL * M)
#define DEFAULT_LOW (256 * M)

struct good_case {
	const char *cmdline;
	u64 ram;
	enum crashk_form form;
	u64 size;
	u64 base;
	bool fixed;
	bool high;
	u64 low_size;
	int range_index;
	unsigned int overridden;
};

static const struct good_case good[] = {
	{ "crashkernel=256M", 2 * G, CRASHK_FORM_SIMPLE, 256 * M },
	{ "quiet crashkernel=256M splash", 2 * G, CRASHK_FORM_SIMPLE, 256 * M },
	{ "crashkernel=0x10000000", 2 * G, CRASHK_FORM_SIMPLE, 256 * M },
	{ "crashkernel=262144K", 2 * G, CRASHK_FORM_SIMPLE, 256 * M },
	{ "crashkernel=1g", 2 * G, CRASHK_FORM_SIMPLE, G },
	{ "crashkernel=010M", 2 * G, CRASHK_FORM_SIMPLE, 8 * M },	/* octal, as memparse */
	{ "crashkernel=0x1e", 2 * G, CRASHK_FORM_SIMPLE, 30 },		/* 'e' is a hex digit */
	{ "crashkernel=268435456", 2 * G, CRASHK_FORM_SIMPLE, 256 * M },
	{ "crashkernel=64M@16M", 2 * G, CRASHK_FORM_SIMPLE, 64 * M, 16 * M, true },
	{ "crashkernel=64M@0", 2 * G, CRASHK_FORM_SIMPLE, 64 * M, 0, false },
	{ "crashkernel=512M-2G:64M,2G-:128M", 2 * G, CRASHK_FORM_RANGE, 128 * M, .range_index = 1 },
	{ "crashkernel=512M-2G:64M,2G-:128M", 1 * G, CRASHK_FORM_RANGE, 64 * M, .range_index = 0 },
	/* RAM a little short of 2 GiB rounds up to 2 GiB, as upstream */
	{ "crashkernel=512M-2G:64M,2G-:128M", 2 * G - 4 * M, CRASHK_FORM_RANGE, 128 * M, .range_index = 1 },
	{ "crashkernel=512M-2G:64M,2G-:128M", 256 * M, CRASHK_FORM_RANGE, 0, .range_index = -1 },
	{ "crashkernel=0-2G:0,2G-:256M", 1 * G, CRASHK_FORM_RANGE, 0, .range_index = 0 },
	{ "crashkernel=1G-4G:192M@16M", 2 * G, CRASHK_FORM_RANGE, 192 * M, 16 * M, true, .range_index = 0 },
	{ "crashkernel=512M,high", 8 * G, CRASHK_FORM_HIGH, 512 * M, .high = true, .low_size = DEFAULT_LOW },
	{ "crashkernel=512M,high crashkernel=72M,low", 8 * G, CRASHK_FORM_HIGH, 512 * M, .high = true, .low_size = 72 * M },
	{ "crashkernel=72M,low crashkernel=512M,high", 8 * G, CRASHK_FORM_HIGH, 512 * M, .high = true, .low_size = 72 * M },
	{ "crashkernel=512M,high crashkernel=0,low", 8 * G, CRASHK_FORM_HIGH, 512 * M, .high = true, .low_size = 0 },
	{ "crashkernel=128M crashkernel=256M", 2 * G, CRASHK_FORM_SIMPLE, 256 * M, .overridden = 1 },
	{ "crashkernel=256M crashkernel=512M,high", 2 * G, CRASHK_FORM_SIMPLE, 256 * M, .overridden = 1 },
	/* upstream reads crashkernel= after "--" too; so does this parser */
	{ "crashkernel=256M -- crashkernel=64M", 2 * G, CRASHK_FORM_SIMPLE, 64 * M, .overridden = 1 },
	{ "dyndbg=\"file a.c +p\" crashkernel=64M", 2 * G, CRASHK_FORM_SIMPLE, 64 * M },
	{ "dyndbg=\"a crashkernel=1G\" crashkernel=64M", 2 * G, CRASHK_FORM_SIMPLE, 64 * M, .overridden = 1 },
	{ "  crashkernel=64M  ", 2 * G, CRASHK_FORM_SIMPLE, 64 * M },
};

static void test_good(void **state)
{
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const struct good_case *t = &good[i];
		struct crashk_request req;
		struct crashk_error err;
		int ret;

		print_message("%s (RAM %llu MiB)\n", t->cmdline, t->ram >> 20);
		ret = crashk_parse(t->cmdline, t->ram, DEFAULT_LOW, &req, &err);
		assert_int_equal(ret, 0);
		assert_int_equal(req.form, t->form);
		assert_int_equal(req.size, t->size);
		assert_int_equal(req.fixed, t->fixed);
		if (t->fixed)
			assert_int_equal(req.base, t->base);
		assert_int_equal(req.high, t->high);
		assert_int_equal(req.low_size, t->low_size);
		if (t->form == CRASHK_FORM_RANGE)
			assert_int_equal(req.range_index, t->range_index);
		assert_int_equal(req.overridden, t->overridden);
	}
}

struct bad_case {
	const char *cmdline;
	u64 ram;
	enum crashk_err code;
	size_t pos;
};

static const struct bad_case bad[] = {
	{ "crashkernel=", 2 * G, CRASHK_E_EMPTY, 12 },
	{ "quiet crashkernel", 2 * G, CRASHK_E_EMPTY, 6 },
	{ "crashkernel=256Mx", 2 * G, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=256MB", 2 * G, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=256M\tquiet", 2 * G, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=abc", 2 * G, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=-64M", 2 * G, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=\"64M\"", 2 * G, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=0", 2 * G, CRASHK_E_ZERO, 12 },
	{ "crashkernel=0M@16M", 2 * G, CRASHK_E_ZERO, 12 },
	{ "crashkernel=99999999999999999999", 2 * G, CRASHK_E_OVERFLOW, 12 },
	{ "crashkernel=16E", 2 * G, CRASHK_E_OVERFLOW, 12 },
	{ "crashkernel=0x10000000000000000", 2 * G, CRASHK_E_OVERFLOW, 12 },
	{ "crashkernel=64M@", 2 * G, CRASHK_E_OFFSET, 15 },
	{ "crashkernel=64M@x", 2 * G, CRASHK_E_OFFSET, 15 },
	{ "crashkernel=64M@16Mjunk", 2 * G, CRASHK_E_TRAILING, 19 },
	{ "crashkernel=64M,foo", 2 * G, CRASHK_E_SUFFIX, 15 },
	{ "crashkernel=64M,hig", 2 * G, CRASHK_E_SUFFIX, 15 },
	{ "crashkernel=2G-1G:64M", 4 * G, CRASHK_E_RANGE_REVERSED, 12 },
	{ "crashkernel=1G-1G:64M", 4 * G, CRASHK_E_RANGE_REVERSED, 12 },
	{ "crashkernel=0-2G:64M,1G-:128M", 4 * G, CRASHK_E_RANGE_OVERLAP, 21 },
	{ "crashkernel=0-:64M,2G-:128M", 4 * G, CRASHK_E_RANGE_OVERLAP, 19 },
	{ "crashkernel=2G-:128M,0-1G:64M", 4 * G, CRASHK_E_RANGE_OVERLAP, 21 },
	{ "crashkernel=512M:64M", 2 * G, CRASHK_E_RANGE_DASH, 16 },
	{ "crashkernel=0-1G64M:1G", 2 * G, CRASHK_E_RANGE_COLON, 16 },
	{ "crashkernel=0-1G64M", 2 * G, CRASHK_E_ZERO, 12 },	/* no colon: the simple form */
	{ "crashkernel=0-1G:", 2 * G, CRASHK_E_NUMBER, 17 },
	{ "crashkernel=0-1G:64M,", 2 * G, CRASHK_E_NUMBER, 21 },
	{ "crashkernel=0-4G:64M,x", 2 * G, CRASHK_E_NUMBER, 21 },
	{ "crashkernel=0-4G:64Mjunk", 2 * G, CRASHK_E_TRAILING, 20 },
	{ "crashkernel=0-4G:64M@", 2 * G, CRASHK_E_OFFSET, 20 },
	{ "foo.crashkernel=64M", 2 * G, CRASHK_E_NAME, 4 },
	{ "quiet xcrashkernel=64M crashkernel=64M", 2 * G, CRASHK_E_NAME, 7 },
	{ "opt=\"crashkernel=64M\"", 2 * G, CRASHK_E_NAME, 5 },
	{ "crashkernel=1Gcrashkernel=64M", 2 * G, CRASHK_E_NAME, 14 },
	{ "crashkernel=4G", 2 * G, CRASHK_E_TOO_LARGE, 12 },
	{ "crashkernel=2G", 2 * G, CRASHK_E_TOO_LARGE, 12 },
	{ "crashkernel=0-1G:2G,1G-:64M", 2 * G, CRASHK_E_TOO_LARGE, 17 },
	{ "crashkernel=4G,high", 2 * G, CRASHK_E_TOO_LARGE, 12 },
	{ "crashkernel=72M,low", 2 * G, CRASHK_E_LOW_WITHOUT_HIGH, 0 },
	{ "crashkernel=0,high", 2 * G, CRASHK_E_ZERO, 12 },
	{ "crashkernel=,high", 2 * G, CRASHK_E_NUMBER, 12 },
	{ "crashkernel=512M@1G,high", 8 * G, CRASHK_E_TRAILING, 16 },
	{ "crashkernel=512M,low,high", 8 * G, CRASHK_E_SUFFIX, 16 },
	{ "crashkernel=512M,high crashkernel=72Mx,low", 8 * G, CRASHK_E_TRAILING, 37 },
};

static void test_bad(void **state)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const struct bad_case *t = &bad[i];
		struct crashk_request req;
		struct crashk_error err;
		int ret;

		print_message("%s (RAM %llu MiB)\n", t->cmdline, t->ram >> 20);
		ret = crashk_parse(t->cmdline, t->ram, DEFAULT_LOW, &req, &err);
		assert_int_equal(ret, -EINVAL);
		assert_string_equal(crashk_strerror(err.code), crashk_strerror(t->code));
		assert_int_equal(err.pos, t->pos);
	}
}

static void test_absent(void **state)
{
	struct crashk_request req;
	struct crashk_error err;

	assert_int_equal(crashk_parse("", 2 * G, DEFAULT_LOW, &req, &err), -ENOENT);
	assert_int_equal(crashk_parse("quiet splash root=/dev/vda", 2 * G, DEFAULT_LOW,
				      &req, &err), -ENOENT);
}

/* The position points into the command line, at the value in use. */
static void test_value_position(void **state)
{
	const char *cmdline = "root=/dev/vda crashkernel=1G crashkernel=256M quiet";
	struct crashk_request req;
	struct crashk_error err;

	assert_int_equal(crashk_parse(cmdline, 4 * G, DEFAULT_LOW, &req, &err), 0);
	assert_int_equal(req.value_len, 4);
	assert_memory_equal(cmdline + req.value_pos, "256M", 4);
}

/* Every error code has its own message, so the administrator can tell them apart. */
static void test_messages_distinct(void **state)
{
	for (int a = CRASHK_E_EMPTY; a < CRASHK_E_MAX; a++) {
		assert_non_null(crashk_strerror(a));
		assert_string_not_equal(crashk_strerror(a), "unknown error");
		for (int b = a + 1; b < CRASHK_E_MAX; b++)
			assert_string_not_equal(crashk_strerror(a), crashk_strerror(b));
	}
	assert_string_equal(crashk_strerror(CRASHK_E_MAX), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_absent),
		cmocka_unit_test(test_value_position),
		cmocka_unit_test(test_messages_distinct),
	};

	return cmocka_run_group_tests_name("crash_reserve_parse", tests, NULL, NULL);
}
