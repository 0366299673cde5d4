/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/crash_reserve.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_CRASH_RESERVE_GEN_H
#define _LINUX_CRASH_RESERVE_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/crash_reserve_netlink.h>

int crash_reserve_nl_get_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	CRASH_RESERVE_NLGRP_EVENTS,
};

extern struct genl_family crash_reserve_nl_family;

#endif /* _LINUX_CRASH_RESERVE_GEN_H */
