// SPDX-License-Identifier: GPL-2.0-only
/*
 * The crash_reserve generic netlink family: the region and the crash image
 * armed in it, on request (GET) and as an event on the "events" group at
 * every change. The ops, policies and groups are generated from
 * Documentation/netlink/specs/crash_reserve.yaml (crash_reserve_nl_gen.c);
 * this file builds the messages and keeps the record they are built from.
 * Both reveal physical addresses: GET and the group need CAP_SYS_ADMIN,
 * and events go to the initial network namespace only.
 */
#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/crash_reserve.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "crash_hole.h"
#include "crash_reserve_decision.h"
#include "crash_reserve_nl_gen.h"

static DEFINE_MUTEX(crash_reserve_nl_lock);
/* What is armed, as the last load recorded it; under crash_reserve_nl_lock. */
static struct crash_reserve_image_info crash_reserve_nl_image;
static u64 crash_reserve_nl_generation = 1;

static u64 crash_reserve_nl_res_size(const struct resource *res)
{
	return res->end ? resource_size(res) : 0;
}

static int crash_reserve_nl_fill_image(struct sk_buff *skb,
				       const struct crash_reserve_image_info *img)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, CRASH_RESERVE_A_STATE_IMAGE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, CRASH_RESERVE_A_IMAGE_SYSCALL, img->syscall) ||
	    nla_put_u64_64bit(skb, CRASH_RESERVE_A_IMAGE_LOADED_AT, img->loaded_at, 0) ||
	    nla_put_u32(skb, CRASH_RESERVE_A_IMAGE_NR_SEGMENTS, img->nr_segments) ||
	    nla_put_u64_64bit(skb, CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES, img->segment_bytes, 0) ||
	    nla_put_u8(skb, CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE, img->hotplug_update) ||
	    nla_put_u8(skb, CRASH_RESERVE_A_IMAGE_LOADED_BESIDE, img->beside))
		goto cancel;
	if (img->file_digests &&
	    (nla_put(skb, CRASH_RESERVE_A_IMAGE_KERNEL_SHA256, CRASH_RESERVE_SHA256_LEN,
		     img->kernel_sha256) ||
	     (img->has_initrd &&
	      nla_put(skb, CRASH_RESERVE_A_IMAGE_INITRD_SHA256, CRASH_RESERVE_SHA256_LEN,
		      img->initrd_sha256))))
		goto cancel;
	if (img->segments_digest &&
	    nla_put(skb, CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256, CRASH_RESERVE_SHA256_LEN,
		    img->segments_sha256))
		goto cancel;
	if (img->cmdline && nla_put_string(skb, CRASH_RESERVE_A_IMAGE_CMDLINE, img->cmdline))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* The whole state as one message; the caller holds crash_reserve_nl_lock. */
static int crash_reserve_nl_fill(struct sk_buff *skb, u32 portid, u32 seq, u8 cmd,
				 enum crash_reserve_event event)
{
	const struct crash_reserve_decision *d = &crash_reserve_decision;
	u64 size = crash_reserve_nl_res_size(&crashk_res);
	u64 low_size = crash_reserve_nl_res_size(&crashk_low_res);
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &crash_reserve_nl_family, 0, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, CRASH_RESERVE_A_STATE_GENERATION,
			      crash_reserve_nl_generation, 0) ||
	    nla_put_u32(skb, CRASH_RESERVE_A_STATE_EVENT, event) ||
	    nla_put_u64_64bit(skb, CRASH_RESERVE_A_STATE_REGION_BASE,
			      size ? crashk_res.start : 0, 0) ||
	    nla_put_u64_64bit(skb, CRASH_RESERVE_A_STATE_REGION_SIZE, size, 0) ||
	    nla_put_u64_64bit(skb, CRASH_RESERVE_A_STATE_LOW_BASE,
			      low_size ? crashk_low_res.start : 0, 0) ||
	    nla_put_u64_64bit(skb, CRASH_RESERVE_A_STATE_LOW_SIZE, low_size, 0) ||
	    nla_put_string(skb, CRASH_RESERVE_A_STATE_POLICY, d->policy ?: "") ||
	    nla_put_string(skb, CRASH_RESERVE_A_STATE_REASON,
			   crash_reserve_reason_name(d->reason)) ||
	    nla_put_u8(skb, CRASH_RESERVE_A_STATE_LOADED, crash_reserve_nl_image.loaded) ||
	    nla_put_u32(skb, CRASH_RESERVE_A_STATE_FEATURES, CRASH_RESERVE_FEATURE_CRASH_SWAP))
		goto cancel;
	if (crash_reserve_nl_image.loaded &&
	    crash_reserve_nl_fill_image(skb, &crash_reserve_nl_image))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static size_t crash_reserve_nl_size(void)
{
	const char *cmdline = crash_reserve_nl_image.cmdline;

	return NLMSG_GOODSIZE + (cmdline ? nla_total_size(strlen(cmdline) + 1) : 0);
}

int crash_reserve_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	int ret;

	/*
	 * Addresses are CAP_SYS_ADMIN's, as in /proc/iomem (not
	 * GENL_ADMIN_PERM: that would ask for CAP_NET_ADMIN instead).
	 */
	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(info->extack, "crash_reserve: CAP_SYS_ADMIN is needed");
		return -EPERM;
	}
	if (genlmsg_len(info->genlhdr) > 0) {
		NL_SET_ERR_MSG(info->extack, "crash_reserve: get takes no attributes");
		return -EINVAL;
	}
	mutex_lock(&crash_reserve_nl_lock);
	msg = genlmsg_new(crash_reserve_nl_size(), GFP_KERNEL);
	if (!msg) {
		ret = -ENOMEM;
		goto unlock;
	}
	ret = crash_reserve_nl_fill(msg, info->snd_portid, info->snd_seq,
				    CRASH_RESERVE_CMD_GET, CRASH_RESERVE_EVENT_NONE);
	if (ret) {
		nlmsg_free(msg);
		goto unlock;
	}
	mutex_unlock(&crash_reserve_nl_lock);
	return genlmsg_reply(msg, info);

unlock:
	mutex_unlock(&crash_reserve_nl_lock);
	return ret;
}

/* One event; the caller holds crash_reserve_nl_lock. */
static void crash_reserve_nl_send(enum crash_reserve_event event)
{
	struct sk_buff *msg;

	crash_reserve_nl_generation++;
	if (!genl_has_listeners(&crash_reserve_nl_family, &init_net,
				CRASH_RESERVE_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(crash_reserve_nl_size(), GFP_KERNEL);
	if (!msg)
		return;
	if (crash_reserve_nl_fill(msg, 0, 0, CRASH_RESERVE_CMD_CHANGED, event)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast(&crash_reserve_nl_family, msg, 0,
			  CRASH_RESERVE_NLGRP_EVENTS, GFP_KERNEL);
}

/* What a system call's outcome was: %CRASH_RESERVE_EVENT_NONE when nothing changed. */
static enum crash_reserve_event crash_reserve_nl_next_event(bool was_loaded, bool loading)
{
	if (loading)
		return was_loaded ? CRASH_RESERVE_EVENT_REPLACE : CRASH_RESERVE_EVENT_LOAD;
	return was_loaded ? CRASH_RESERVE_EVENT_UNLOAD : CRASH_RESERVE_EVENT_NONE;
}

/**
 * crash_reserve_nl_image_set - record what is armed now, and say so
 * @img: the image loaded, or %NULL when none is; its cmdline is taken over
 *
 * Called under the kexec lock at the end of kexec_file_load() and
 * kexec_load() for the crash image: a load where none was, a replace, or
 * an unload (also when a failed load left nothing armed).
 */
void crash_reserve_nl_image_set(struct crash_reserve_image_info *img)
{
	enum crash_reserve_event event;

	mutex_lock(&crash_reserve_nl_lock);
	event = crash_reserve_nl_next_event(crash_reserve_nl_image.loaded, img);
	if (event == CRASH_RESERVE_EVENT_NONE)
		goto unlock;
	kfree(crash_reserve_nl_image.cmdline);
	if (img) {
		crash_reserve_nl_image = *img;
		crash_reserve_nl_image.loaded = true;
		img->cmdline = NULL;
	} else {
		memset(&crash_reserve_nl_image, 0, sizeof(crash_reserve_nl_image));
	}
	crash_reserve_nl_send(event);
unlock:
	mutex_unlock(&crash_reserve_nl_lock);
}

/**
 * crash_reserve_nl_notify - the region or the armed image's header changed
 * @event: %CRASH_RESERVE_EVENT_SHRINK or %CRASH_RESERVE_EVENT_HOTPLUG
 */
void crash_reserve_nl_notify(enum crash_reserve_event event)
{
	mutex_lock(&crash_reserve_nl_lock);
	crash_reserve_nl_send(event);
	mutex_unlock(&crash_reserve_nl_lock);
}

static int __init crash_reserve_nl_init(void)
{
	return genl_register_family(&crash_reserve_nl_family);
}
subsys_initcall(crash_reserve_nl_init);

#if IS_ENABLED(CONFIG_CRASH_RESERVE_NETLINK_KUNIT_TEST)
#include "crash_reserve_netlink_kunit.c"
#endif
