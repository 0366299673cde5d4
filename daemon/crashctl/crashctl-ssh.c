// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl ssh-key: what Target=ssh:// needs, set up once, as kdumpctl
 * propagate does for kdump: crashd's own key (never the administrator's),
 * installed on the server through the administrator's own login, and the
 * server's key pinned; then tried exactly as the capture will use it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crashctl.h"
#include "remote-target.h"
#include "spawn.h"
#include "ssh-command.h"
#include "ssh-probe.h"
#include "util.h"

#define SSH_KEYGEN "/usr/bin/ssh-keygen"
/* The administrator may be typing a password. */
#define SETUP_TIMEOUT_SEC 300
#define KEYGEN_TIMEOUT_SEC 60

/*
 * The key is added once, whatever is in authorized_keys already, and
 * "restrict"ed: the capture runs commands, and needs no terminal and no
 * forwarding of any kind.
 */
#define INSTALL_COMMAND \
	"umask 077 && mkdir -p .ssh && k=\"restrict $(cat)\" && " \
	"{ grep -qxF \"$k\" .ssh/authorized_keys 2>/dev/null || printf '%s\\n' \"$k\" >> .ssh/authorized_keys; }"

static int make_key(void)
{
	char comment[300] = "crashd@", *argv[] = { (char *) SSH_KEYGEN, (char *) "-q", (char *) "-t", (char *) "ed25519",
		(char *) "-N", (char *) "", (char *) "-C", comment, (char *) "-f", (char *) SSH_KEY_PATH, NULL };

	if (access(SSH_KEY_PATH, F_OK) == 0)
		return 0;
	if (mkdir(SSH_DIR, 0700) < 0 && errno != EEXIST)
		return -errno;
	gethostname(comment + strlen(comment), sizeof(comment) - strlen(comment) - 1);
	return spawn_wait(argv, -1, KEYGEN_TIMEOUT_SEC) == 0 ? 0 : -EIO;
}

static int install_key(const struct remote_target *rt, bool accept_new)
{
	_cleanup_close_ int pub = open(SSH_KEY_PATH ".pub", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct ssh_command ssh;
	int r;

	if (pub < 0)
		return -errno;
	ssh_command_init(&ssh, rt, rt->host, INSTALL_COMMAND, accept_new ? SSH_SETUP_ACCEPT_NEW : SSH_SETUP_ASK);
	r = spawn_wait(ssh.argv, pub, SETUP_TIMEOUT_SEC);
	return r == 0 ? 0 : r < 0 ? r : -EIO;
}

int verb_ssh_key(int argc, char **argv)
{
	struct crashd_config c;
	struct remote_target rt;
	struct problem p = {};
	bool accept_new = false, json = false;
	char why[256], url[700];
	int r;

	for (int i = 1; i < argc; i++) {
		if (streq(argv[i], "--accept-new"))
			accept_new = true;
		else if (streq(argv[i], "--json"))
			json = true;
		else
			return usage_error("ssh-key", "unexpected argument '%s'", argv[i]);
	}
	if ((r = load_config(&c, "ssh-key", json)) != 0)
		return r;
	r = remote_target_is_url(c.dump_target) ? remote_target_parse(c.dump_target, &rt, why, sizeof(why)) : -ENOENT;
	if (r == 0 && rt.kind != REMOTE_SSH)
		r = -ENOENT;
	if (r < 0) {
		r = verb_fail("ssh-key", json, CRASHCTL_EXIT_INVALID, "write Target=ssh://USER@HOST[:PORT]/PATH there",
			      "%s: %s", config_source(&c), r == -ENOENT ? "Target= names no ssh server" : why);
		config_free(&c);
		return r;
	}
	config_free(&c);
	remote_target_format(&rt, url, sizeof(url));
	if ((r = make_key()) < 0)
		return verb_fail("ssh-key", json, CRASHCTL_EXIT_FAILED, "check that " SSH_KEYGEN " exists (openssh-client)",
				 "cannot make %s: %s", SSH_KEY_PATH, strerror(-r));
	if ((r = install_key(&rt, accept_new)) < 0)
		return verb_fail("ssh-key", json, CRASHCTL_EXIT_FAILED,
				 "check that you can log in there as that user; --accept-new pins a server key never seen",
				 "cannot install %s.pub for %s@%s: %s", SSH_KEY_PATH, rt.user, rt.host, strerror(-r));
	if (ssh_target_probe(&rt, &p) < 0)
		return verb_fail("ssh-key", json, CRASHCTL_EXIT_FAILED, p.fix, "%s", p.what);
	if (json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(true));
		json_object_object_add(o, "target", json_object_new_string(url));
		json_object_object_add(o, "key", json_object_new_string(SSH_KEY_PATH));
		json_object_object_add(o, "known_hosts", json_object_new_string(SSH_KNOWN_HOSTS_PATH));
		print_json(o);
		json_object_put(o);
	} else {
		printf("crashd's key %s can write to %s; the server's key is pinned in %s.\n"
		       "'crashctl reload' rebuilds the capture initramfs with them.\n", SSH_KEY_PATH, url,
		       SSH_KNOWN_HOSTS_PATH);
	}
	return 0;
}
