// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the crashkernel= parser (kernel/crash_reserve_parse.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "crash_reserve_parse.h"
#include "crash_reserve_parse_vectors.h"


static void test_good(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(crashk_good); i++) {
		const struct crashk_good_vector *t = &crashk_good[i];
		struct crashk_request req;
		struct crashk_error err;
		int ret;

		print_message("%s (RAM %llu MiB)\n", t->cmdline, t->ram >> 20);
		ret = crashk_parse(t->cmdline, t->ram, CRASHK_VEC_DEFAULT_LOW, &req, &err);
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

static void test_bad(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(crashk_bad); i++) {
		const struct crashk_bad_vector *t = &crashk_bad[i];
		struct crashk_request req;
		struct crashk_error err;
		int ret;

		print_message("%s (RAM %llu MiB)\n", t->cmdline, t->ram >> 20);
		ret = crashk_parse(t->cmdline, t->ram, CRASHK_VEC_DEFAULT_LOW, &req, &err);
		assert_int_equal(ret, -EINVAL);
		assert_string_equal(crashk_strerror(err.code), crashk_strerror(t->code));
		assert_int_equal(err.pos, t->pos);
	}
}

static void test_absent(void **state)
{
	struct crashk_request req;
	struct crashk_error err;

	assert_int_equal(crashk_parse("", 2 * GiB, CRASHK_VEC_DEFAULT_LOW, &req, &err), -ENOENT);
	assert_int_equal(crashk_parse("quiet splash root=/dev/vda", 2 * GiB, CRASHK_VEC_DEFAULT_LOW,
				      &req, &err), -ENOENT);
}

/* The position points into the command line, at the value in use. */
static void test_value_position(void **state)
{
	const char *cmdline = "root=/dev/vda crashkernel=1G crashkernel=256M quiet";
	struct crashk_request req;
	struct crashk_error err;

	assert_int_equal(crashk_parse(cmdline, 4 * GiB, CRASHK_VEC_DEFAULT_LOW, &req, &err), 0);
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
