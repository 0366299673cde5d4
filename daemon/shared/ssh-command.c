// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>

#include "ssh-command.h"
#include "util.h"

void ssh_command_init(struct ssh_command *s, const struct remote_target *t, const char *address,
		      const char *remote_command, enum ssh_mode mode)
{
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	snprintf(s->port, sizeof(s->port), "%u", t->port);
	snprintf(s->user, sizeof(s->user), "%s", t->user);
	/* The key is looked up by the name in Target=, whatever address was dialled. */
	snprintf(s->alias, sizeof(s->alias), "HostKeyAlias=%s", t->host);
	snprintf(s->known, sizeof(s->known), "UserKnownHostsFile=%s", SSH_KNOWN_HOSTS_PATH);
#define ARG(x) (s->argv[n++] = (char *) (x))
	ARG(SSH_PROGRAM);
	/* The administrator's own ssh configuration is read only where the administrator is there. */
	if (mode == SSH_BATCH) {
		ARG("-F");
		ARG("/dev/null");
		ARG("-o");
		ARG("BatchMode=yes");
		ARG("-o");
		ARG("StrictHostKeyChecking=yes");
		ARG("-o");
		ARG("IdentitiesOnly=yes");
		ARG("-i");
		ARG(SSH_KEY_PATH);
	} else {
		ARG("-o");
		ARG("HashKnownHosts=no");
		ARG("-o");
		ARG(mode == SSH_SETUP_ACCEPT_NEW ? "StrictHostKeyChecking=accept-new" : "StrictHostKeyChecking=ask");
	}
	ARG("-o");
	ARG(s->known);
	ARG("-o");
	ARG("GlobalKnownHostsFile=/dev/null");
	ARG("-o");
	ARG(s->alias);
	ARG("-o");
	ARG("CheckHostIP=no");
	/* A server that stops answering ends the save in half a minute, not never. */
	ARG("-o");
	ARG("ConnectTimeout=10");
	ARG("-o");
	ARG("ServerAliveInterval=5");
	ARG("-o");
	ARG("ServerAliveCountMax=6");
	ARG("-o");
	ARG("LogLevel=ERROR");
	ARG("-p");
	ARG(s->port);
	ARG("-l");
	ARG(s->user);
	ARG("--");
	ARG(address);
	ARG(remote_command);
#undef ARG
	s->argv[n] = NULL;
}
