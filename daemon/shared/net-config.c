// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <limits.h>
#include <net/route.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net-config.h"
#include "util.h"

int net_route_pick(const char *text, uint32_t dest, char *ifname, size_t len, uint32_t *gateway)
{
	int best_bits = -1;
	unsigned long best_metric = 0;

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char name[IF_NAMESIZE + 1];
		unsigned long flags, metric;
		unsigned int d, g, m;
		int bits;

		/* Iface Destination Gateway Flags RefCnt Use Metric Mask: addresses as the kernel stores them. */
		if (sscanf(l, "%16s %x %x %lx %*d %*u %lu %x", name, &d, &g, &flags, &metric, &m) != 6 ||
		    !(flags & RTF_UP) || (dest & m) != d)
			continue;
		bits = __builtin_popcount(m);
		if (bits < best_bits || (bits == best_bits && metric >= best_metric))
			continue;
		best_bits = bits;
		best_metric = metric;
		snprintf(ifname, len, "%s", name);
		*gateway = flags & RTF_GATEWAY ? g : 0;
	}
	return best_bits < 0 ? -ENETUNREACH : 0;
}

/*
 * Resolved now: the capture system has no resolver. glibc's own timeouts
 * bound the wait. Under crashd.service only /etc/hosts and nss-resolve
 * (over a Unix socket) answer: its sandbox has no IP.
 */
static int server_address(const char *host, struct in_addr *a, struct problem *p)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *res = NULL;
	int r;

	if (inet_pton(AF_INET, host, a) == 1)
		return 0;
	r = getaddrinfo(host, NULL, &hints, &res);
	if (r != 0)
		return problem(p, -EHOSTUNREACH,
			       "check the name; crashd.service sends no DNS queries itself (IPAddressDeny=any), so "
			       "add the server to /etc/hosts or write its IPv4 address in Target=",
			       "cannot resolve %s to an IPv4 address: %s", host, gai_strerror(r));
	*a = ((struct sockaddr_in *) res->ai_addr)->sin_addr;
	freeaddrinfo(res);
	return 0;
}

static int interface_address(const char *ifname, struct net_config *n)
{
	struct ifaddrs *all, *i;
	int r = -EADDRNOTAVAIL;

	if (getifaddrs(&all) < 0)
		return -errno;
	for (i = all; i; i = i->ifa_next) {
		char addr[INET_ADDRSTRLEN];
		uint32_t mask;

		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !i->ifa_netmask || !streq(i->ifa_name, ifname))
			continue;
		mask = ntohl(((struct sockaddr_in *) i->ifa_netmask)->sin_addr.s_addr);
		inet_ntop(AF_INET, &((struct sockaddr_in *) i->ifa_addr)->sin_addr, addr, sizeof(addr));
		snprintf(n->address, sizeof(n->address), "%s/%d", addr, __builtin_popcount(mask));
		r = 0;
		break;
	}
	freeifaddrs(all);
	return r;
}

/* MAC address and driver module from sysfs; a virtual interface has no device, and is refused. */
static int interface_device(const char *sysfs, struct net_config *n, struct problem *p)
{
	_cleanup_free_ char *path = NULL, *mac = NULL;
	char link[PATH_MAX];
	ssize_t k;

	if (asprintf(&path, "%s/class/net/%s/device", sysfs, n->ifname) < 0)
		return -ENOMEM;
	if (access(path, F_OK) < 0)
		return problem(p, -EOPNOTSUPP, "reach the server through a physical interface, or set Target= to a disk",
			       "the route to %s leaves by %s, which is virtual (a bridge, bond, VLAN or tunnel): "
			       "the capture system can set up only a network card", n->server, n->ifname);
	free(path);
	if (asprintf(&path, "%s/class/net/%s/address", sysfs, n->ifname) < 0)
		return -ENOMEM;
	if (read_one_line_file(path, &mac) < 0 || strlen(mac) != 17)
		return problem(p, -ENODATA, NULL, "%s has no MAC address in %s", n->ifname, path);
	snprintf(n->mac, sizeof(n->mac), "%s", mac);
	free(path);
	if (asprintf(&path, "%s/class/net/%s/device/driver/module", sysfs, n->ifname) < 0)
		return -ENOMEM;
	k = readlink(path, link, sizeof(link) - 1);
	if (k > 0) {
		link[k] = '\0';
		snprintf(n->driver, sizeof(n->driver), "%.63s", strrchr(link, '/') ? strrchr(link, '/') + 1 : link);
	}
	return 0;
}

int net_config_resolve(const char *host, const char *sysfs, const char *route_path, struct net_config *n,
		       struct problem *p)
{
	_cleanup_free_ char *routes = NULL;
	struct in_addr server, gw;
	int r;

	memset(n, 0, sizeof(*n));
	r = server_address(host, &server, p);
	if (r < 0)
		return r;
	inet_ntop(AF_INET, &server, n->server, sizeof(n->server));
	r = read_full_file(route_path, &routes, NULL);
	if (r < 0)
		return problem(p, r, NULL, "cannot read %s: %s", route_path, strerror(-r));
	r = net_route_pick(routes, server.s_addr, n->ifname, sizeof(n->ifname), &gw.s_addr);
	if (r < 0)
		return problem(p, r, "configure the network so that this machine reaches the server",
			       "no IPv4 route to %s (%s)", host, n->server);
	if (gw.s_addr)
		inet_ntop(AF_INET, &gw, n->gateway, sizeof(n->gateway));
	r = interface_address(n->ifname, n);
	if (r < 0)
		return problem(p, r, "give it an IPv4 address", "the route to %s leaves by %s, which has no IPv4 address",
			       n->server, n->ifname);
	return interface_device(sysfs, n, p);
}
