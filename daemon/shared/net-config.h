/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How the capture system reaches a network dump target, read from the
 * running system when crashd arms: the server's address (the capture
 * system has no DNS), the interface the route to it leaves by (found
 * again there by its MAC address: without udev it has another name), its
 * IPv4 address, the gateway, and the driver's module.
 */
#pragma once

#include <stdint.h>

#include "problem.h"

struct net_config {
	char server[16];	/* dotted quad */
	char ifname[16];	/* here, for messages */
	char mac[18];
	char address[19];	/* "10.0.2.15/24" */
	char gateway[16];	/* "" when the server is on the link */
	char driver[64];	/* its module; "" when built in */
};

/*
 * The route /proc/net/route (@text) takes to @dest (network order): the
 * longest matching prefix, then the lowest metric. -ENETUNREACH if none.
 */
int net_route_pick(const char *text, uint32_t dest, char *ifname, size_t len, uint32_t *gateway);
/* @sysfs and @route_path are "/sys" and "/proc/net/route" but in tests. */
int net_config_resolve(const char *host, const char *sysfs, const char *route_path, struct net_config *n,
		       struct problem *p);
