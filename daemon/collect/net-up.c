// SPDX-License-Identifier: GPL-2.0-only
/*
 * The capture system's network, as crashd read it from the running
 * system: the card found by its MAC address (without udev its name is the
 * kernel's), its address set, the link awaited, the gateway routed. Old
 * ioctls, because they are all this needs and need no library there.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "collect.h"
#include "util.h"

/* Drivers probe as they load; a real card then negotiates its link for seconds. */
#define CARD_WAIT_SEC 20
#define LINK_WAIT_SEC 15

static bool find_card(const char *mac, char *ifname, size_t len)
{
	_cleanup_closedir_ DIR *d = opendir("/sys/class/net");
	struct dirent *de;

	while (d && (de = readdir(d))) {
		_cleanup_free_ char *path = NULL, *addr = NULL;

		if (de->d_name[0] == '.' || asprintf(&path, "/sys/class/net/%s/address", de->d_name) < 0)
			continue;
		if (read_one_line_file(path, &addr) == 0 && !strcasecmp(addr, mac)) {
			snprintf(ifname, len, "%.16s", de->d_name);
			return true;
		}
	}
	return false;
}

static int set_addr(int fd, unsigned long request, const char *ifname, struct in_addr a)
{
	struct ifreq ifr = {};
	struct sockaddr_in *sin = (struct sockaddr_in *) &ifr.ifr_addr;

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	sin->sin_family = AF_INET;
	sin->sin_addr = a;
	return ioctl(fd, request, &ifr) < 0 ? -errno : 0;
}

static int set_up(int fd, const char *ifname)
{
	struct ifreq ifr = {};

	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -errno;
	ifr.ifr_flags |= IFF_UP;
	return ioctl(fd, SIOCSIFFLAGS, &ifr) < 0 ? -errno : 0;
}

static bool has_carrier(const char *ifname)
{
	_cleanup_free_ char *path = NULL, *v = NULL;

	return asprintf(&path, "/sys/class/net/%s/carrier", ifname) >= 0 && read_one_line_file(path, &v) == 0 &&
	       streq(v, "1");
}

static int add_default_route(int fd, struct in_addr gw)
{
	struct rtentry rt = {};

	((struct sockaddr_in *) &rt.rt_dst)->sin_family = AF_INET;
	((struct sockaddr_in *) &rt.rt_genmask)->sin_family = AF_INET;
	((struct sockaddr_in *) &rt.rt_gateway)->sin_family = AF_INET;
	((struct sockaddr_in *) &rt.rt_gateway)->sin_addr = gw;
	rt.rt_flags = RTF_UP | RTF_GATEWAY;
	return ioctl(fd, SIOCADDRT, &rt) < 0 && errno != EEXIST ? -errno : 0;
}

int net_up(const struct capture_conf *conf, char *why, size_t len)
{
	_cleanup_close_ int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	char ifname[IF_NAMESIZE + 1], addr[20];
	struct in_addr a, mask, gw;
	unsigned prefix;
	char *slash;
	int i, r;

	snprintf(addr, sizeof(addr), "%s", conf->address);
	slash = strchr(addr, '/');
	if (fd < 0 || !slash)
		return snprintf(why, len, "no IPv4 in the capture kernel: %s", strerror(errno)), -EAFNOSUPPORT;
	*slash = '\0';
	prefix = strtoul(slash + 1, NULL, 10);
	if (inet_pton(AF_INET, addr, &a) != 1 || prefix > 32)
		return snprintf(why, len, "Address=%s is no IPv4 address", conf->address), -EINVAL;
	mask.s_addr = prefix ? htonl(~0u << (32 - prefix)) : 0;
	(void) set_up(fd, "lo");
	for (i = 0; !find_card(conf->interface, ifname, sizeof(ifname)); i++, usleep(100000))
		if (i >= CARD_WAIT_SEC * 10)
			return snprintf(why, len, "no network card with the MAC address %s after %d s (is its driver in "
					"the capture initramfs?)", conf->interface, CARD_WAIT_SEC), -ENODEV;
	say("network: %s (%s) as %s%s%s", ifname, conf->interface, conf->address, conf->gateway[0] ? " via " : "",
	    conf->gateway);
	if ((r = set_addr(fd, SIOCSIFADDR, ifname, a)) < 0 || (r = set_addr(fd, SIOCSIFNETMASK, ifname, mask)) < 0 ||
	    (r = set_up(fd, ifname)) < 0)
		return snprintf(why, len, "setting up %s: %s", ifname, strerror(-r)), r;
	for (i = 0; !has_carrier(ifname); i++, usleep(100000))
		if (i >= LINK_WAIT_SEC * 10)
			return snprintf(why, len, "%s has no link after %d s (cable, switch port?)", ifname, LINK_WAIT_SEC),
			       -ENOLINK;
	if (conf->gateway[0] && (inet_pton(AF_INET, conf->gateway, &gw) != 1 || (r = add_default_route(fd, gw)) < 0))
		return snprintf(why, len, "routing via %s: %s", conf->gateway, strerror(-r)), r;
	return 0;
}
