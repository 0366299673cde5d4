// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/crash_reserve.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "crash_reserve_nl_gen.h"

#include <uapi/linux/crash_reserve_netlink.h>

/* Ops table for crash_reserve */
static const struct genl_split_ops crash_reserve_nl_ops[] = {
	{
		.cmd	= CRASH_RESERVE_CMD_GET,
		.doit	= crash_reserve_nl_get_doit,
		.flags	= GENL_CMD_CAP_DO,
	},
};

static const struct genl_multicast_group crash_reserve_nl_mcgrps[] = {
	[CRASH_RESERVE_NLGRP_EVENTS] = { "events", .flags = GENL_MCAST_CAP_SYS_ADMIN, },
};

struct genl_family crash_reserve_nl_family __ro_after_init = {
	.name		= CRASH_RESERVE_FAMILY_NAME,
	.version	= CRASH_RESERVE_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.split_ops	= crash_reserve_nl_ops,
	.n_split_ops	= ARRAY_SIZE(crash_reserve_nl_ops),
	.mcgrps		= crash_reserve_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(crash_reserve_nl_mcgrps),
};
