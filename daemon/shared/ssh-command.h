/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ssh command line for a network dump target, the same for the
 * collector in the capture system and for crashctl on the running one:
 * crashd's own key, the server's key pinned under the host name written
 * in Target= (the capture system connects by address), never a prompt.
 */
#pragma once

#include "remote-target.h"

#define SSH_DIR "/etc/crashd/ssh"
#define SSH_KEY_PATH SSH_DIR "/id_ed25519"
#define SSH_KNOWN_HOSTS_PATH SSH_DIR "/known_hosts"
#define SSH_PROGRAM "/usr/bin/ssh"
#define SSH_ARGV_MAX 48

enum ssh_mode {
	SSH_BATCH,		/* crashd's key, the pinned server key, no prompt: the capture, crashctl test */
	SSH_SETUP_ASK,		/* setting the key up: a password may be asked, the server's key confirmed */
	SSH_SETUP_ACCEPT_NEW,	/* the same, the server's key pinned the first time without asking */
};

struct ssh_command {
	char *argv[SSH_ARGV_MAX];	/* pointing into this struct and into the caller's strings */
	char port[8], alias[300], known[300], user[40];
};

/*
 * ssh to @address (the server's IPv4 address, or its name) as @t says,
 * running @remote_command there (a shell command line).
 */
void ssh_command_init(struct ssh_command *s, const struct remote_target *t, const char *address,
		      const char *remote_command, enum ssh_mode mode);
