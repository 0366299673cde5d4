// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "crash-netlink.h"
#include "util.h"

struct crash_nl {
	struct nl_sock *sock;
	int family;
	/* The reply being read, and whether it parsed. */
	struct crash_nl_state *st;
	int parsed;
	void (*fn)(const struct crash_nl_state *st, void *userdata);
	void *userdata;
};

static struct nla_policy image_policy[CRASH_RESERVE_A_IMAGE_MAX + 1] = {
	[CRASH_RESERVE_A_IMAGE_SYSCALL] = { .type = NLA_U32 },
	[CRASH_RESERVE_A_IMAGE_LOADED_AT] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_IMAGE_KERNEL_SHA256] = { .minlen = CRASH_RESERVE_SHA256_LEN, .maxlen = CRASH_RESERVE_SHA256_LEN },
	[CRASH_RESERVE_A_IMAGE_INITRD_SHA256] = { .minlen = CRASH_RESERVE_SHA256_LEN, .maxlen = CRASH_RESERVE_SHA256_LEN },
	[CRASH_RESERVE_A_IMAGE_CMDLINE] = { .type = NLA_STRING },
	[CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256] = { .minlen = CRASH_RESERVE_SHA256_LEN, .maxlen = CRASH_RESERVE_SHA256_LEN },
	[CRASH_RESERVE_A_IMAGE_NR_SEGMENTS] = { .type = NLA_U32 },
	[CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE] = { .type = NLA_U8 },
	[CRASH_RESERVE_A_IMAGE_LOADED_BESIDE] = { .type = NLA_U8 },
};

static struct nla_policy state_policy[CRASH_RESERVE_A_STATE_MAX + 1] = {
	[CRASH_RESERVE_A_STATE_GENERATION] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_EVENT] = { .type = NLA_U32 },
	[CRASH_RESERVE_A_STATE_REGION_BASE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_REGION_SIZE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_LOW_BASE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_LOW_SIZE] = { .type = NLA_U64 },
	[CRASH_RESERVE_A_STATE_POLICY] = { .type = NLA_STRING },
	[CRASH_RESERVE_A_STATE_REASON] = { .type = NLA_STRING },
	[CRASH_RESERVE_A_STATE_LOADED] = { .type = NLA_U8 },
	[CRASH_RESERVE_A_STATE_IMAGE] = { .type = NLA_NESTED },
	[CRASH_RESERVE_A_STATE_FEATURES] = { .type = NLA_U32 },
};

static void hex(const struct nlattr *a, char out[65])
{
	const uint8_t *d = nla_data(a);

	for (int i = 0; i < CRASH_RESERVE_SHA256_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void copy_string(const struct nlattr *a, char *out, size_t len)
{
	/* NLA_STRING does not promise a NUL within the attribute. */
	snprintf(out, len, "%.*s", (int) strnlen(nla_data(a), nla_len(a)), (const char *) nla_data(a));
}

static int parse_image(struct nlattr *nest, struct crash_nl_image *img)
{
	struct nlattr *tb[CRASH_RESERVE_A_IMAGE_MAX + 1];

	if (nla_parse_nested(tb, CRASH_RESERVE_A_IMAGE_MAX, nest, image_policy) < 0)
		return -EBADMSG;
	if (tb[CRASH_RESERVE_A_IMAGE_SYSCALL])
		img->syscall = nla_get_u32(tb[CRASH_RESERVE_A_IMAGE_SYSCALL]);
	if (tb[CRASH_RESERVE_A_IMAGE_LOADED_AT])
		img->loaded_at = nla_get_u64(tb[CRASH_RESERVE_A_IMAGE_LOADED_AT]);
	if ((img->has_kernel_sha256 = tb[CRASH_RESERVE_A_IMAGE_KERNEL_SHA256]))
		hex(tb[CRASH_RESERVE_A_IMAGE_KERNEL_SHA256], img->kernel_sha256);
	if ((img->has_initrd_sha256 = tb[CRASH_RESERVE_A_IMAGE_INITRD_SHA256]))
		hex(tb[CRASH_RESERVE_A_IMAGE_INITRD_SHA256], img->initrd_sha256);
	if ((img->has_segments_sha256 = tb[CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256]))
		hex(tb[CRASH_RESERVE_A_IMAGE_SEGMENTS_SHA256], img->segments_sha256);
	if (tb[CRASH_RESERVE_A_IMAGE_CMDLINE])
		copy_string(tb[CRASH_RESERVE_A_IMAGE_CMDLINE], img->cmdline, sizeof(img->cmdline));
	if (tb[CRASH_RESERVE_A_IMAGE_NR_SEGMENTS])
		img->nr_segments = nla_get_u32(tb[CRASH_RESERVE_A_IMAGE_NR_SEGMENTS]);
	if (tb[CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES])
		img->segment_bytes = nla_get_u64(tb[CRASH_RESERVE_A_IMAGE_SEGMENT_BYTES]);
	if (tb[CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE])
		img->hotplug_update = nla_get_u8(tb[CRASH_RESERVE_A_IMAGE_HOTPLUG_UPDATE]);
	if (tb[CRASH_RESERVE_A_IMAGE_LOADED_BESIDE])
		img->loaded_beside = nla_get_u8(tb[CRASH_RESERVE_A_IMAGE_LOADED_BESIDE]);
	return 0;
}

int crash_nl_parse(const void *attrs, size_t len, struct crash_nl_state *st)
{
	struct nlattr *tb[CRASH_RESERVE_A_STATE_MAX + 1];

	memset(st, 0, sizeof(*st));
	if (len > INT32_MAX || nla_parse(tb, CRASH_RESERVE_A_STATE_MAX, (struct nlattr *) attrs, (int) len, state_policy) < 0)
		return -EBADMSG;
	/* Every message carries these; without them it is not the kernel's. */
	if (!tb[CRASH_RESERVE_A_STATE_GENERATION] || !tb[CRASH_RESERVE_A_STATE_EVENT] || !tb[CRASH_RESERVE_A_STATE_LOADED])
		return -EBADMSG;
	st->generation = nla_get_u64(tb[CRASH_RESERVE_A_STATE_GENERATION]);
	st->event = nla_get_u32(tb[CRASH_RESERVE_A_STATE_EVENT]);
	st->loaded = nla_get_u8(tb[CRASH_RESERVE_A_STATE_LOADED]);
	if (tb[CRASH_RESERVE_A_STATE_REGION_BASE])
		st->region_base = nla_get_u64(tb[CRASH_RESERVE_A_STATE_REGION_BASE]);
	if (tb[CRASH_RESERVE_A_STATE_REGION_SIZE])
		st->region_size = nla_get_u64(tb[CRASH_RESERVE_A_STATE_REGION_SIZE]);
	if (tb[CRASH_RESERVE_A_STATE_LOW_BASE])
		st->low_base = nla_get_u64(tb[CRASH_RESERVE_A_STATE_LOW_BASE]);
	if (tb[CRASH_RESERVE_A_STATE_LOW_SIZE])
		st->low_size = nla_get_u64(tb[CRASH_RESERVE_A_STATE_LOW_SIZE]);
	if (tb[CRASH_RESERVE_A_STATE_POLICY])
		copy_string(tb[CRASH_RESERVE_A_STATE_POLICY], st->policy, sizeof(st->policy));
	if (tb[CRASH_RESERVE_A_STATE_REASON])
		copy_string(tb[CRASH_RESERVE_A_STATE_REASON], st->reason, sizeof(st->reason));
	/* Absent from kernels of the series before the features: none. */
	if (tb[CRASH_RESERVE_A_STATE_FEATURES])
		st->features = nla_get_u32(tb[CRASH_RESERVE_A_STATE_FEATURES]);
	if (st->loaded && tb[CRASH_RESERVE_A_STATE_IMAGE])
		return parse_image(tb[CRASH_RESERVE_A_STATE_IMAGE], &st->image);
	return 0;
}

static int on_message(struct nl_msg *msg, void *arg)
{
	struct crash_nl *nl = arg;
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct genlmsghdr *g = genlmsg_hdr(h);
	struct crash_nl_state st;

	if (!genlmsg_valid_hdr(h, 0))
		return NL_SKIP;
	if (crash_nl_parse(genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), nl->st ?: &st) < 0) {
		nl->parsed = -EBADMSG;
		return NL_SKIP;
	}
	nl->parsed = 1;
	if (nl->fn && g->cmd == CRASH_RESERVE_CMD_CHANGED)
		nl->fn(nl->st ?: &st, nl->userdata);
	return NL_OK;
}

static int nl_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_PERM:
		return -EPERM;
	case NLE_OBJ_NOTFOUND:
		return -EOPNOTSUPP;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_NOMEM:
		return -ENOMEM;
	default:
		return -EIO;
	}
}

int crash_nl_open(struct crash_nl **ret, struct problem *p)
{
	struct timeval tv = { .tv_sec = CRASH_NL_TIMEOUT_SEC };
	struct crash_nl *nl = calloc(1, sizeof(*nl));
	int r;

	if (!nl || !(nl->sock = nl_socket_alloc())) {
		free(nl);
		return problem(p, -ENOMEM, NULL, "out of memory");
	}
	r = genl_connect(nl->sock);
	if (r < 0) {
		r = problem(p, nl_errno(r), NULL, "cannot open a generic netlink socket: %s", nl_geterror(r));
		goto fail;
	}
	/* A kernel that does not answer must not hang crashd or crashctl. */
	setsockopt(nl_socket_get_fd(nl->sock), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	/* A GET's answer is its reply, or an error; no ACK to wait for after it. */
	nl_socket_disable_auto_ack(nl->sock);
	nl->family = genl_ctrl_resolve(nl->sock, CRASH_RESERVE_FAMILY_NAME);
	if (nl->family < 0) {
		r = problem(p, -EOPNOTSUPP, "boot a kernel with crashd's patch series for it",
			    "this kernel has no %s netlink family", CRASH_RESERVE_FAMILY_NAME);
		goto fail;
	}
	nl_socket_modify_cb(nl->sock, NL_CB_VALID, NL_CB_CUSTOM, on_message, nl);
	*ret = nl;
	return 0;
fail:
	crash_nl_close(nl);
	return r;
}

void crash_nl_close(struct crash_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}

int crash_nl_get(struct crash_nl *nl, struct crash_nl_state *st, struct problem *p)
{
	struct nl_msg *msg = nlmsg_alloc();
	int r;

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, 0, CRASH_RESERVE_CMD_GET,
				 CRASH_RESERVE_FAMILY_VERSION)) {
		nlmsg_free(msg);
		return problem(p, -ENOMEM, NULL, "out of memory");
	}
	nl->st = st;
	nl->parsed = 0;
	r = nl_send_auto(nl->sock, msg);
	nlmsg_free(msg);
	if (r >= 0)
		r = nl_recvmsgs_default(nl->sock);
	nl->st = NULL;
	if (r < 0)
		return problem(p, nl_errno(r), nl_errno(r) == -EPERM ? "run it as root" : NULL,
			       "the kernel's %s family did not answer: %s", CRASH_RESERVE_FAMILY_NAME, nl_geterror(r));
	if (nl->parsed <= 0)
		return problem(p, -EBADMSG, NULL, "the kernel's %s reply could not be read", CRASH_RESERVE_FAMILY_NAME);
	return 0;
}

int crash_nl_subscribe(struct crash_nl *nl, struct problem *p)
{
	int grp = genl_ctrl_resolve_grp(nl->sock, CRASH_RESERVE_FAMILY_NAME, CRASH_RESERVE_MCGRP_EVENTS), r;

	if (grp < 0)
		return problem(p, -EOPNOTSUPP, NULL, "the %s family has no %s group", CRASH_RESERVE_FAMILY_NAME,
			       CRASH_RESERVE_MCGRP_EVENTS);
	/* Events are not answers to a request of ours. */
	nl_socket_disable_seq_check(nl->sock);
	r = nl_socket_add_membership(nl->sock, grp);
	if (r < 0)
		return problem(p, nl_errno(r), "run it as root (CAP_SYS_ADMIN)", "cannot join the %s events: %s",
			       CRASH_RESERVE_FAMILY_NAME, nl_geterror(r));
	r = nl_socket_set_nonblocking(nl->sock);
	return r < 0 ? problem(p, nl_errno(r), NULL, "%s", nl_geterror(r)) : 0;
}

int crash_nl_fd(struct crash_nl *nl)
{
	return nl_socket_get_fd(nl->sock);
}

int crash_nl_read_events(struct crash_nl *nl, void (*fn)(const struct crash_nl_state *st, void *userdata),
			 void *userdata)
{
	int r;

	nl->fn = fn;
	nl->userdata = userdata;
	do
		r = nl_recvmsgs_default(nl->sock);
	while (r >= 0);
	nl->fn = NULL;
	return r == -NLE_AGAIN ? 0 : nl_errno(r);
}

bool crash_nl_image_matches(const struct crash_nl_state *st, const char *kernel_sha256, const char *initrd_sha256,
			    const char *cmdline)
{
	const struct crash_nl_image *i = &st->image;

	return st->loaded && i->syscall == CRASH_RESERVE_SYSCALL_KEXEC_FILE_LOAD && i->has_kernel_sha256 &&
	       streq(i->kernel_sha256, kernel_sha256) && i->has_initrd_sha256 == !!initrd_sha256 &&
	       (!initrd_sha256 || streq(i->initrd_sha256, initrd_sha256)) && streq(i->cmdline, cmdline);
}

const char *crash_nl_event_name(uint32_t event)
{
	static const char *const names[] = { "none", "load", "unload", "replace", "shrink", "hotplug" };

	return event < ELEMENTSOF(names) ? names[event] : "unknown";
}

const char *crash_nl_syscall_name(uint32_t syscall)
{
	static const char *const names[] = { "none", "kexec_file_load", "kexec_load" };

	return syscall < ELEMENTSOF(names) ? names[syscall] : "unknown";
}
