// SPDX-License-Identifier: GPL-2.0-only
/*
 * nl-latency KERNEL INITRD N: loads KERNEL and INITRD as the crash image N
 * times with kexec_file_load() while subscribed to crash_reserve's events
 * group, and prints, per load, the microseconds from the system call's
 * return to the event's arrival (negative: it was waiting already), then
 * "median M max X". Exits non-zero if an event is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/genetlink.h>
#include <linux/kexec.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Walks attributes at @a (@len bytes); calls back per attribute. */
#define for_each_attr(a, start, len) \
	for (struct nlattr *a = (struct nlattr *) (start); (len) >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && \
	     a->nla_len <= (len); (len) -= NLA_ALIGN(a->nla_len), a = (struct nlattr *) ((char *) a + NLA_ALIGN(a->nla_len)))

/* The id of the events group of "crash_reserve", from the controller. */
static int events_group(int fd)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char attrs[32];
	} req = { .n.nlmsg_type = GENL_ID_CTRL, .n.nlmsg_flags = NLM_F_REQUEST, .g.cmd = CTRL_CMD_GETFAMILY, .g.version = 1 };
	static char buf[16384];
	struct nlattr *name = (struct nlattr *) req.attrs;
	ssize_t len;

	name->nla_type = CTRL_ATTR_FAMILY_NAME;
	name->nla_len = NLA_HDRLEN + sizeof("crash_reserve");
	memcpy((char *) name + NLA_HDRLEN, "crash_reserve", sizeof("crash_reserve"));
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + NLA_ALIGN(name->nla_len));
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0 || (len = recv(fd, buf, sizeof(buf), 0)) <= 0)
		return -1;
	struct nlmsghdr *n = (void *) buf;
	if (!NLMSG_OK(n, len) || n->nlmsg_type == NLMSG_ERROR)
		return -1;
	int alen = n->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	for_each_attr(a, (char *) NLMSG_DATA(n) + GENL_HDRLEN, alen) {
		int glen, ilen;

		if ((a->nla_type & NLA_TYPE_MASK) != CTRL_ATTR_MCAST_GROUPS)
			continue;
		glen = a->nla_len - NLA_HDRLEN;
		for_each_attr(g, (char *) a + NLA_HDRLEN, glen) {
			int id = -1;
			bool events = false;

			ilen = g->nla_len - NLA_HDRLEN;
			for_each_attr(i, (char *) g + NLA_HDRLEN, ilen) {
				if (i->nla_type == CTRL_ATTR_MCAST_GRP_ID)
					id = *(uint32_t *) ((char *) i + NLA_HDRLEN);
				if (i->nla_type == CTRL_ATTR_MCAST_GRP_NAME && !strcmp((char *) i + NLA_HDRLEN, "events"))
					events = true;
			}
			if (events)
				return id;
		}
	}
	return -1;
}

static int cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static char buf[16384];
	const char *cmdline = "console=ttyS0 nr_cpus=1 reset_devices";
	int fd, grp, n;
	int64_t *lat;

	if (argc != 4 || (n = atoi(argv[3])) <= 0) {
		fprintf(stderr, "usage: nl-latency KERNEL INITRD N\n");
		return 2;
	}
	lat = calloc(n, sizeof(*lat));
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || (grp = events_group(fd)) < 0 ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0) {
		fprintf(stderr, "nl-latency: cannot join crash_reserve's events: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < n; i++) {
		int k = open(argv[1], O_RDONLY | O_CLOEXEC), r = open(argv[2], O_RDONLY | O_CLOEXEC);
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int64_t ret_at, got_at;

		if (syscall(SYS_kexec_file_load, k, r, strlen(cmdline) + 1, cmdline, KEXEC_FILE_ON_CRASH) < 0) {
			fprintf(stderr, "nl-latency: kexec_file_load: %s\n", strerror(errno));
			return 1;
		}
		ret_at = now_us();
		close(k);
		close(r);
		/* The event was queued before the call returned, or arrives now. */
		if (poll(&p, 1, 5000) != 1 || recv(fd, buf, sizeof(buf), 0) <= 0) {
			fprintf(stderr, "nl-latency: no event for load %d\n", i + 1);
			return 1;
		}
		got_at = now_us();
		lat[i] = got_at - ret_at;
		printf("load %d: %lld us\n", i + 1, (long long) lat[i]);
	}
	qsort(lat, n, sizeof(*lat), cmp);
	printf("median %lld max %lld\n", (long long) lat[n / 2], (long long) lat[n - 1]);
	return 0;
}
