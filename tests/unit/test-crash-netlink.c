// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parser of the kernel's crash_reserve messages: what the kernel sends
 * is read exactly, and wrong types, short digests and missing attributes
 * are refused. Messages are built with libnl, as the kernel's are laid out.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "crash-netlink.h"
#include "util.h"

static const uint8_t digest[CRASH_RESERVE_SHA256_LEN] = { 0xde, 0xad, 0xbe, 0xef, [31] = 0x01 };

/* A CHANGED message as the kernel builds it; @image_attr_len: the kernel digest's length. */
static struct nl_msg *state_msg(bool loaded, int image_attr_len)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *img;

	assert_non_null(m);
	assert_int_equal(nla_put_u64(m, CRASH_RESERVE_A_STATE_GENERATION, 42), 0);
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_STATE_EVENT, CRASH_RESERVE_EVENT_REPLACE), 0);
	assert_int_equal(nla_put_u64(m, CRASH_RESERVE_A_STATE_REGION_BASE, 0x1e000000), 0);
	assert_int_equal(nla_put_u64(m, CRASH_RESERVE_A_STATE_REGION_SIZE, 256 << 20), 0);
	assert_int_equal(nla_put_string(m, CRASH_RESERVE_A_STATE_POLICY, "low-first"), 0);
	assert_int_equal(nla_put_string(m, CRASH_RESERVE_A_STATE_REASON, "low"), 0);
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_STATE_LOADED, loaded), 0);
	if (!loaded)
		return m;
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_STATE_FEATURES, CRASH_RESERVE_FEATURE_CRASH_SWAP), 0);
	img = nla_nest_start(m, CRASH_RESERVE_A_STATE_IMAGE);
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_IMAGE_SYSCALL, CRASH_RESERVE_SYSCALL_KEXEC_FILE_LOAD), 0);
	assert_int_equal(nla_put_u64(m, CRASH_RESERVE_A_IMAGE_LOADED_AT, 1796000000), 0);
	assert_int_equal(nla_put(m, CRASH_RESERVE_A_IMAGE_KERNEL_SHA256, image_attr_len, digest), 0);
	assert_int_equal(nla_put(m, CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256, sizeof(digest), digest), 0);
	assert_int_equal(nla_put_string(m, CRASH_RESERVE_A_IMAGE_CMDLINE, "console=ttyS0 nr_cpus=1"), 0);
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_IMAGE_NR_SEGMENTS, 5), 0);
	assert_int_equal(nla_put_u64(m, CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES, 40 << 20), 0);
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE, 1), 0);
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_IMAGE_LOADED_BESIDE, 1), 0);
	nla_nest_end(m, img);
	return m;
}

static int parse(struct nl_msg *m, struct crash_nl_state *st)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	int r = crash_nl_parse(nlmsg_data(h), nlmsg_datalen(h), st);

	nlmsg_free(m);
	return r;
}

static void test_parse_loaded(void **state)
{
	struct crash_nl_state st;

	assert_int_equal(parse(state_msg(true, CRASH_RESERVE_SHA256_LEN), &st), 0);
	assert_int_equal(st.generation, 42);
	assert_string_equal(crash_nl_event_name(st.event), "replace");
	assert_int_equal(st.region_size, 256 << 20);
	assert_true(st.loaded);
	assert_string_equal(crash_nl_syscall_name(st.image.syscall), "kexec_file_load");
	assert_true(st.image.has_kernel_sha256);
	assert_false(st.image.has_initrd_sha256);
	assert_string_equal(st.image.kernel_sha256, "deadbeef00000000000000000000000000000000000000000000000000000001");
	assert_string_equal(st.image.cmdline, "console=ttyS0 nr_cpus=1");
	assert_int_equal(st.image.nr_segments, 5);
	assert_true(st.image.hotplug_update);
	assert_true(st.image.loaded_beside);
	assert_int_equal(st.features, CRASH_RESERVE_FEATURE_CRASH_SWAP);
	/* Adopting needs all three to be the same, and no initramfs on both sides. */
	assert_true(crash_nl_image_matches(&st, st.image.kernel_sha256, NULL, "console=ttyS0 nr_cpus=1"));
	assert_false(crash_nl_image_matches(&st, st.image.kernel_sha256, st.image.kernel_sha256, "console=ttyS0 nr_cpus=1"));
	assert_false(crash_nl_image_matches(&st, st.image.kernel_sha256, NULL, "console=ttyS0"));
	assert_false(crash_nl_image_matches(&st, "00", NULL, "console=ttyS0 nr_cpus=1"));
}

static void test_parse_unloaded(void **state)
{
	struct crash_nl_state st;

	/* As kernels of the series before the features send it: none. */
	assert_int_equal(parse(state_msg(false, 0), &st), 0);
	assert_false(st.loaded);
	assert_int_equal(st.features, 0);
	assert_false(crash_nl_image_matches(&st, "", NULL, ""));
}

static void test_parse_refused(void **state)
{
	struct crash_nl_state st;
	struct nl_msg *m;

	/* A digest that is not 32 bytes. */
	assert_int_equal(parse(state_msg(true, 16), &st), -EBADMSG);
	/* The generation with the wrong size. */
	m = nlmsg_alloc();
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_STATE_GENERATION, 1), 0);
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_STATE_EVENT, 0), 0);
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_STATE_LOADED, 0), 0);
	assert_int_equal(parse(m, &st), -EBADMSG);
	/* Not the kernel's: no generation. */
	m = nlmsg_alloc();
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_STATE_EVENT, 0), 0);
	assert_int_equal(parse(m, &st), -EBADMSG);
	/* Features as a byte. */
	m = nlmsg_alloc();
	assert_int_equal(nla_put_u64(m, CRASH_RESERVE_A_STATE_GENERATION, 1), 0);
	assert_int_equal(nla_put_u32(m, CRASH_RESERVE_A_STATE_EVENT, 0), 0);
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_STATE_LOADED, 0), 0);
	assert_int_equal(nla_put_u8(m, CRASH_RESERVE_A_STATE_FEATURES, 1), 0);
	assert_int_equal(parse(m, &st), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_loaded),
		cmocka_unit_test(test_parse_unloaded),
		cmocka_unit_test(test_parse_refused),
	};

	return cmocka_run_group_tests_name("crash-netlink", tests, NULL, NULL);
}
