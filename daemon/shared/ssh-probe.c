// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "spawn.h"
#include "ssh-command.h"
#include "ssh-probe.h"
#include "util.h"

/* A server that does not answer is cut off by ssh's own ConnectTimeout; this bounds the rest. */
#define PROBE_TIMEOUT_SEC 60

int ssh_target_probe(const struct remote_target *rt, struct problem *p)
{
	_cleanup_free_ char *cmd = NULL;
	_cleanup_close_ int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct ssh_command ssh;
	char url[700];
	int r;

	remote_target_format(rt, url, sizeof(url));
	if (asprintf(&cmd, "mkdir -p -- '%s' && test -w '%s'", rt->path, rt->path) < 0)
		return -ENOMEM;
	ssh_command_init(&ssh, rt, rt->host, cmd, SSH_BATCH);
	r = spawn_wait(ssh.argv, null, PROBE_TIMEOUT_SEC);
	if (r == 0)
		return 0;
	return problem(p, r < 0 ? r : -EIO,
		       "'crashctl ssh-key' installs crashd's key and pins the server's; check the path's owner there",
		       "crashd's key cannot write to %s: ssh %s%d (what ssh said is above)", url,
		       r < 0 ? "failed: " : "exited with ", r);
}
