/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A dump target on another machine: Target=ssh://user@host[:port]/path in
 * crashd.conf. The path reaches a remote shell as part of a command, so
 * only characters no shell treats specially are accepted.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define REMOTE_SSH_PORT 22

struct remote_target {
	char user[33];
	char host[254];		/* a DNS name or an IPv4 address, as written */
	unsigned port;
	char path[512];		/* absolute, without a trailing slash */
};

/* Target= names a machine, not a device: it has a scheme. */
bool remote_target_is_url(const char *spec);
/* 0, or -EINVAL with @why saying which part is wrong. */
int remote_target_parse(const char *url, struct remote_target *t, char *why, size_t len);
/* "ssh://user@host:port/path" again, the port always written. */
void remote_target_format(const struct remote_target *t, char *out, size_t len);
