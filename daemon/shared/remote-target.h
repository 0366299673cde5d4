/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A dump target on another machine: Target=ssh://user@host[:port]/path or
 * nfs://host[:port]/path in crashd.conf. The path reaches a remote shell
 * as part of a command, or the kernel's comma-separated mount options, so
 * only characters neither treats specially are accepted.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define REMOTE_SSH_PORT 22
#define REMOTE_NFS_PORT 2049

enum remote_kind {
	REMOTE_SSH,		/* makedumpfile -F through ssh, see ssh-command.h */
	REMOTE_NFS,		/* mounted by the capture kernel's NFSv4 client, written as a local disk */
};

struct remote_target {
	enum remote_kind kind;
	char user[33];		/* ssh only */
	char host[254];		/* a DNS name or an IPv4 address, as written */
	unsigned port;
	char path[512];		/* absolute, without a trailing slash */
};

/* Target= names a machine, not a device: it has a scheme. */
bool remote_target_is_url(const char *spec);
/* Its scheme, the one place the scheme strings are read: REMOTE_SSH, REMOTE_NFS, or -EINVAL (none known, or NULL). */
int remote_target_kind(const char *spec);
/* 0, or -EINVAL with @why saying which part is wrong. */
int remote_target_parse(const char *url, struct remote_target *t, char *why, size_t len);
/* "ssh://user@host:port/path" or "nfs://host:port/path" again, the port always written. */
void remote_target_format(const struct remote_target *t, char *out, size_t len);
