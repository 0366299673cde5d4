// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the crash_reserve netlink messages, included at the end of
 * crash_reserve_netlink.c to reach its static functions: every message
 * parses under a strict policy with the spec's types and lengths, holds
 * what was recorded, and the events follow the system calls' outcomes.
 */
#include <kunit/test.h>

static const struct nla_policy kunit_image_policy[CRASH_RESERVE_A_IMAGE_MAX + 1] = {
	[CRASH_RESERVE_A_IMAGE_SYSCALL] = { .type = NLA_U32 },
	[CRASH_RESERVE_A_IMAGE_LOADED_AT] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_IMAGE_KERNEL_SHA256] = NLA_POLICY_EXACT_LEN(CRASH_RESERVE_SHA256_LEN),
	[CRASH_RESERVE_A_IMAGE_INITRD_SHA256] = NLA_POLICY_EXACT_LEN(CRASH_RESERVE_SHA256_LEN),
	[CRASH_RESERVE_A_IMAGE_CMDLINE] = { .type = NLA_NUL_STRING },
	[CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256] = NLA_POLICY_EXACT_LEN(CRASH_RESERVE_SHA256_LEN),
	[CRASH_RESERVE_A_IMAGE_NR_SEGMENTS] = { .type = NLA_U32 },
	[CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE] = NLA_POLICY_MAX(NLA_U8, 1),
	[CRASH_RESERVE_A_IMAGE_LOADED_BESIDE] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy kunit_state_policy[CRASH_RESERVE_A_STATE_MAX + 1] = {
	[CRASH_RESERVE_A_STATE_GENERATION] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_EVENT] = NLA_POLICY_MAX(NLA_U32, CRASH_RESERVE_EVENT_HOTPLUG),
	[CRASH_RESERVE_A_STATE_REGION_BASE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_REGION_SIZE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_LOW_BASE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_LOW_SIZE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_POLICY] = { .type = NLA_NUL_STRING },
	[CRASH_RESERVE_A_STATE_REASON] = { .type = NLA_NUL_STRING },
	[CRASH_RESERVE_A_STATE_LOADED] = NLA_POLICY_MAX(NLA_U8, 1),
	[CRASH_RESERVE_A_STATE_IMAGE] = NLA_POLICY_NESTED(kunit_image_policy),
	[CRASH_RESERVE_A_STATE_FEATURES] =
		NLA_POLICY_MASK(NLA_U32, CRASH_RESERVE_FEATURE_CRASH_SWAP),
};

/* Builds a CHANGED message from @img as the record, and parses it back strictly. */
static struct sk_buff *kunit_fill(struct kunit *test, const struct crash_reserve_image_info *img,
				  struct nlattr **tb)
{
	struct crash_reserve_image_info saved;
	struct sk_buff *skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	mutex_lock(&crash_reserve_nl_lock);
	saved = crash_reserve_nl_image;
	crash_reserve_nl_image = *img;
	ret = crash_reserve_nl_fill(skb, 0, 0, CRASH_RESERVE_CMD_CHANGED, CRASH_RESERVE_EVENT_LOAD);
	crash_reserve_nl_image = saved;
	mutex_unlock(&crash_reserve_nl_lock);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, nla_parse(tb, CRASH_RESERVE_A_STATE_MAX,
					genlmsg_data(nlmsg_data(nlmsg_hdr(skb))),
					genlmsg_len(nlmsg_data(nlmsg_hdr(skb))),
					kunit_state_policy, NULL), 0);
	return skb;
}

static void crash_reserve_nl_test_loaded(struct kunit *test)
{
	char cmdline[] = "console=ttyS0 nr_cpus=1";
	struct crash_reserve_image_info img = {
		.loaded = true, .file_digests = true, .has_initrd = true, .segments_digest = true,
		.syscall = CRASH_RESERVE_SYSCALL_KEXEC_FILE_LOAD, .loaded_at = 1796000000,
		.kernel_sha256 = { 0xde, 0xad }, .initrd_sha256 = { 0xbe, 0xef },
		.segments_sha256 = { 0x01 }, .cmdline = cmdline, .nr_segments = 5,
		.segment_bytes = 40 << 20, .hotplug_update = true, .beside = true,
	};
	struct nlattr *tb[CRASH_RESERVE_A_STATE_MAX + 1], *ib[CRASH_RESERVE_A_IMAGE_MAX + 1];
	struct sk_buff *skb = kunit_fill(test, &img, tb);

	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[CRASH_RESERVE_A_STATE_LOADED]), 1);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[CRASH_RESERVE_A_STATE_EVENT]),
			CRASH_RESERVE_EVENT_LOAD);
	KUNIT_EXPECT_NOT_NULL(test, tb[CRASH_RESERVE_A_STATE_GENERATION]);
	KUNIT_ASSERT_NOT_NULL(test, tb[CRASH_RESERVE_A_STATE_IMAGE]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(ib, CRASH_RESERVE_A_IMAGE_MAX,
					       tb[CRASH_RESERVE_A_STATE_IMAGE],
					       kunit_image_policy, NULL), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ib[CRASH_RESERVE_A_IMAGE_SYSCALL]),
			CRASH_RESERVE_SYSCALL_KEXEC_FILE_LOAD);
	KUNIT_EXPECT_EQ(test, nla_get_u64(ib[CRASH_RESERVE_A_IMAGE_LOADED_AT]), 1796000000);
	KUNIT_EXPECT_MEMEQ(test, nla_data(ib[CRASH_RESERVE_A_IMAGE_KERNEL_SHA256]),
			   img.kernel_sha256, CRASH_RESERVE_SHA256_LEN);
	KUNIT_EXPECT_MEMEQ(test, nla_data(ib[CRASH_RESERVE_A_IMAGE_INITRD_SHA256]),
			   img.initrd_sha256, CRASH_RESERVE_SHA256_LEN);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(ib[CRASH_RESERVE_A_IMAGE_CMDLINE]), cmdline);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ib[CRASH_RESERVE_A_IMAGE_NR_SEGMENTS]), 5);
	KUNIT_EXPECT_EQ(test, nla_get_u8(ib[CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE]), 1);
	KUNIT_EXPECT_EQ(test, nla_get_u8(ib[CRASH_RESERVE_A_IMAGE_LOADED_BESIDE]), 1);
	nlmsg_free(skb);
}

/* Not loaded: no image, and nothing of the last one left behind. */
static void crash_reserve_nl_test_unloaded(struct kunit *test)
{
	struct crash_reserve_image_info img = {};
	struct nlattr *tb[CRASH_RESERVE_A_STATE_MAX + 1];
	struct sk_buff *skb = kunit_fill(test, &img, tb);

	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[CRASH_RESERVE_A_STATE_LOADED]), 0);
	KUNIT_EXPECT_NULL(test, tb[CRASH_RESERVE_A_STATE_IMAGE]);
	/* The kernel's features, loaded or not. */
	KUNIT_ASSERT_NOT_NULL(test, tb[CRASH_RESERVE_A_STATE_FEATURES]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[CRASH_RESERVE_A_STATE_FEATURES]),
			CRASH_RESERVE_FEATURE_CRASH_SWAP);
	nlmsg_free(skb);
}

/* kexec_load() has no files to digest: no digest attributes, rather than zeros. */
static void crash_reserve_nl_test_kexec_load(struct kunit *test)
{
	struct crash_reserve_image_info img = {
		.loaded = true, .syscall = CRASH_RESERVE_SYSCALL_KEXEC_LOAD, .nr_segments = 3,
	};
	struct nlattr *tb[CRASH_RESERVE_A_STATE_MAX + 1], *ib[CRASH_RESERVE_A_IMAGE_MAX + 1];
	struct sk_buff *skb = kunit_fill(test, &img, tb);

	KUNIT_ASSERT_EQ(test, nla_parse_nested(ib, CRASH_RESERVE_A_IMAGE_MAX,
					       tb[CRASH_RESERVE_A_STATE_IMAGE],
					       kunit_image_policy, NULL), 0);
	KUNIT_EXPECT_NULL(test, ib[CRASH_RESERVE_A_IMAGE_KERNEL_SHA256]);
	KUNIT_EXPECT_NULL(test, ib[CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256]);
	KUNIT_EXPECT_NULL(test, ib[CRASH_RESERVE_A_IMAGE_CMDLINE]);
	nlmsg_free(skb);
}

static void crash_reserve_nl_test_events(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, crash_reserve_nl_next_event(false, true), CRASH_RESERVE_EVENT_LOAD);
	KUNIT_EXPECT_EQ(test, crash_reserve_nl_next_event(true, true), CRASH_RESERVE_EVENT_REPLACE);
	KUNIT_EXPECT_EQ(test, crash_reserve_nl_next_event(true, false), CRASH_RESERVE_EVENT_UNLOAD);
	/* A failed load when nothing was armed changes nothing: no event. */
	KUNIT_EXPECT_EQ(test, crash_reserve_nl_next_event(false, false), CRASH_RESERVE_EVENT_NONE);
}

static struct kunit_case crash_reserve_nl_test_cases[] = {
	KUNIT_CASE(crash_reserve_nl_test_loaded),
	KUNIT_CASE(crash_reserve_nl_test_unloaded),
	KUNIT_CASE(crash_reserve_nl_test_kexec_load),
	KUNIT_CASE(crash_reserve_nl_test_events),
	{}
};

static struct kunit_suite crash_reserve_nl_test_suite = {
	.name = "crash_reserve_netlink",
	.test_cases = crash_reserve_nl_test_cases,
};

kunit_test_suite(crash_reserve_nl_test_suite);
