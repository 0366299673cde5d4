// SPDX-License-Identifier: GPL-2.0-only
/*
 * genl-junk FAMILY N SEED: sends N random generic netlink messages to
 * FAMILY (random commands, flags, versions and attribute streams, some
 * oversized) and reads every answer; prints how many came back as errors
 * and as replies, and exits non-zero if an answer carried anything but an
 * error or a well-formed reply. The kernel's log is checked by the caller.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define BUF (64 * 1024)

static int family_id(int fd, const char *name)
{
	struct {
		struct nlmsghdr n;
		struct genlmsghdr g;
		char attrs[64];
	} req = {};
	char buf[BUF];
	struct nlattr *a = (struct nlattr *) req.attrs;
	ssize_t len;

	a->nla_type = CTRL_ATTR_FAMILY_NAME;
	a->nla_len = NLA_HDRLEN + strlen(name) + 1;
	strcpy((char *) a + NLA_HDRLEN, name);
	req.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + NLA_ALIGN(a->nla_len));
	req.n.nlmsg_type = GENL_ID_CTRL;
	req.n.nlmsg_flags = NLM_F_REQUEST;
	req.g.cmd = CTRL_CMD_GETFAMILY;
	req.g.version = 1;
	if (send(fd, &req, req.n.nlmsg_len, 0) < 0 || (len = recv(fd, buf, sizeof(buf), 0)) < 0)
		return -1;
	for (struct nlmsghdr *n = (void *) buf; NLMSG_OK(n, len); n = NLMSG_NEXT(n, len)) {
		int alen;

		if (n->nlmsg_type == NLMSG_ERROR)
			return -1;
		alen = n->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
		for (a = (void *) ((char *) NLMSG_DATA(n) + GENL_HDRLEN); alen >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		     a->nla_len <= alen; alen -= NLA_ALIGN(a->nla_len), a = (void *) ((char *) a + NLA_ALIGN(a->nla_len)))
			if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
				return *(uint16_t *) ((char *) a + NLA_HDRLEN);
	}
	return -1;
}

int main(int argc, char **argv)
{
	static char msg[BUF], buf[BUF];
	struct timeval tv = { .tv_sec = 2 };
	unsigned long n, errors = 0, replies = 0, strange = 0;
	int fd, id;

	if (argc != 4) {
		fprintf(stderr, "usage: genl-junk FAMILY N SEED\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	srandom(strtoul(argv[3], NULL, 10));
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
		perror("genl-junk: socket");
		return 1;
	}
	id = family_id(fd, argv[1]);
	if (id < 0) {
		fprintf(stderr, "genl-junk: no family %s\n", argv[1]);
		return 1;
	}
	for (unsigned long i = 0; i < n; i++) {
		struct nlmsghdr *h = (void *) msg;
		struct genlmsghdr *g = NLMSG_DATA(h);
		/* Mostly small, sometimes large: oversized attributes and streams. */
		size_t body = random() % 8 ? random() % 256 : random() % (BUF - 64);
		ssize_t len;

		for (size_t j = 0; j < body; j++)
			((unsigned char *) g)[GENL_HDRLEN + j] = random();
		/* Attribute headers that claim plausible lengths now and then. */
		if (body >= NLA_HDRLEN && random() % 2) {
			struct nlattr *a = (void *) ((char *) g + GENL_HDRLEN);

			a->nla_len = NLA_HDRLEN + random() % (body - NLA_HDRLEN + 1);
			a->nla_type = random() % 16;
		}
		h->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN + body);
		h->nlmsg_type = id;
		h->nlmsg_flags = NLM_F_REQUEST | (random() % 2 ? NLM_F_ACK : 0) | (random() % 4 ? 0 : NLM_F_DUMP);
		h->nlmsg_seq = i;
		g->cmd = random() % 6;
		g->version = random() % 3;
		if (send(fd, msg, h->nlmsg_len, 0) < 0)
			continue;
		/* Read until an answer to this one (older ACKs come first), or the timeout. */
		while ((len = recv(fd, buf, sizeof(buf), 0)) > 0) {
			struct nlmsghdr *r = (void *) buf;

			if (!NLMSG_OK(r, len))
				strange++;
			else if (r->nlmsg_type == NLMSG_ERROR)
				errors++;
			else if (r->nlmsg_type == id || r->nlmsg_type == NLMSG_DONE)
				replies++;
			else
				strange++;
			if (NLMSG_OK(r, len) && r->nlmsg_seq == i)
				break;
		}
	}
	printf("genl-junk: %lu messages, %lu errors, %lu replies, %lu strange\n", n, errors, replies, strange);
	return strange ? 1 : 0;
}
