// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the crashkernel= parser and the hole picker, over the
 * same vectors the host unit tests use, so both builds are held to one
 * specification.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/string.h>

#include "crash_hole.h"
#include "crash_hole_vectors.h"
#include "crash_reserve_parse.h"
#include "crash_reserve_parse_vectors.h"

static void crashk_good_desc(const struct crashk_good_vector *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s (RAM %llu MiB)", v->cmdline,
		 v->ram >> 20);
}
KUNIT_ARRAY_PARAM(crashk_good, crashk_good, crashk_good_desc);

static void crashk_good_test(struct kunit *test)
{
	const struct crashk_good_vector *v = test->param_value;
	struct crashk_request req;
	struct crashk_error err;

	KUNIT_ASSERT_EQ(test, crashk_parse(v->cmdline, v->ram,
					   CRASHK_VEC_DEFAULT_LOW, &req, &err), 0);
	KUNIT_EXPECT_EQ(test, req.form, v->form);
	KUNIT_EXPECT_EQ(test, req.size, v->size);
	KUNIT_EXPECT_EQ(test, req.fixed, v->fixed);
	if (v->fixed)
		KUNIT_EXPECT_EQ(test, req.base, v->base);
	KUNIT_EXPECT_EQ(test, req.high, v->high);
	KUNIT_EXPECT_EQ(test, req.low_size, v->low_size);
	if (v->form == CRASHK_FORM_RANGE)
		KUNIT_EXPECT_EQ(test, req.range_index, v->range_index);
	KUNIT_EXPECT_EQ(test, req.overridden, v->overridden);
}

static void crashk_bad_desc(const struct crashk_bad_vector *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", v->cmdline);
}
KUNIT_ARRAY_PARAM(crashk_bad, crashk_bad, crashk_bad_desc);

static void crashk_bad_test(struct kunit *test)
{
	const struct crashk_bad_vector *v = test->param_value;
	struct crashk_request req;
	struct crashk_error err;

	KUNIT_ASSERT_EQ(test, crashk_parse(v->cmdline, v->ram,
					   CRASHK_VEC_DEFAULT_LOW, &req, &err),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, err.code, v->code);
	KUNIT_EXPECT_EQ(test, err.pos, v->pos);
}

static void crash_hole_desc(const struct crash_hole_vector *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}
KUNIT_ARRAY_PARAM(crash_hole, crash_hole_vectors, crash_hole_desc);

static void crash_hole_test(struct kunit *test)
{
	const struct crash_hole_vector *v = test->param_value;
	struct crash_hole_request r = crash_hole_vector_request(v);
	struct crash_hole_choice c;

	KUNIT_ASSERT_EQ(test, crash_hole_pick(v->map, v->nr, &r, &c), v->ret);
	KUNIT_EXPECT_EQ(test, c.reason, v->reason);
	if (v->ret)
		return;
	KUNIT_EXPECT_EQ(test, c.base, v->expect_base);
	KUNIT_EXPECT_EQ(test, c.low_size, v->expect_low_size);
	if (v->expect_low_size)
		KUNIT_EXPECT_EQ(test, c.low_base, v->expect_low_base);
}

static struct kunit_case crash_reserve_cases[] = {
	KUNIT_CASE_PARAM(crashk_good_test, crashk_good_gen_params),
	KUNIT_CASE_PARAM(crashk_bad_test, crashk_bad_gen_params),
	KUNIT_CASE_PARAM(crash_hole_test, crash_hole_gen_params),
	{}
};

static struct kunit_suite crash_reserve_suite = {
	.name = "crash_reserve",
	.test_cases = crash_reserve_cases,
};
kunit_test_suite(crash_reserve_suite);

MODULE_DESCRIPTION("KUnit tests of the crashkernel= parser and the hole picker");
MODULE_LICENSE("GPL");
