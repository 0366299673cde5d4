// SPDX-License-Identifier: GPL-2.0-only
#include <arpa/inet.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "capture-conf.h"
#include "remote-target.h"
#include "util.h"

int capture_conf_format(const struct capture_conf *c, char **ret)
{
	return asprintf(ret,
			"# Written by crashd; see crashd.conf(5).\n[Capture]\nRemote=%s\nRemoteAddress=%s\nInterface=%s\n"
			"Address=%s\nGateway=%s\nTarget=%s\nFsType=%s\nAssemble=%s\nDirectory=%s\n"
			"Level=%u\nCompression=%s\nAction=%s\nFailureAction=%s\nMakedumpfileOptions=%s\n"
			"PreHook=%s\nPostHook=%s\nVersion=%s\n",
			c->remote, c->remote_address, c->interface, c->address, c->gateway, c->target, c->fstype, c->assemble, c->dir, c->level, c->compression, c->action, c->failure_action,
			c->makedumpfile_options, c->pre_hook, c->post_hook, c->version) < 0 ?
		-ENOMEM : 0;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct capture_conf *c = user;

	if (!streq(section, "Capture"))
		return 0;
#define STR(key, field) if (streq(name, key)) { snprintf(c->field, sizeof(c->field), "%s", value); return 1; }
	STR("Remote", remote)
	STR("RemoteAddress", remote_address)
	STR("Interface", interface)
	STR("Address", address)
	STR("Gateway", gateway)
	STR("Target", target)
	STR("FsType", fstype)
	STR("Assemble", assemble)
	STR("Directory", dir)
	STR("Compression", compression)
	STR("Action", action)
	STR("FailureAction", failure_action)
	STR("MakedumpfileOptions", makedumpfile_options)
	STR("PreHook", pre_hook)
	STR("PostHook", post_hook)
	STR("Version", version)
#undef STR
	if (streq(name, "Level")) {
		c->level = (unsigned) strtoul(value, NULL, 10);
		return c->level <= 31;
	}
	return 0;
}

int capture_conf_parse(const char *text, struct capture_conf *c, struct problem *p)
{
	int r;

	*c = (struct capture_conf) { .level = 31, .compression = "zlib", .action = "reboot", .failure_action = "reboot",
				     .dir = "/var/crash" };
	r = ini_parse_string(text, handler, c);
	if (r)
		return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)",
			       "%s: line %d is not understood", CAPTURE_CONF_PATH, r);
	if (!c->target[0] && !c->remote[0])
		return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)",
			       "%s names no Target", CAPTURE_CONF_PATH);
	if (c->remote[0]) {
		struct remote_target rt;
		struct in_addr a;
		char why[256];

		/* Its parts reach a remote shell: checked again here, whoever wrote the file. */
		if (remote_target_parse(c->remote, &rt, why, sizeof(why)) < 0)
			return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)", "%s: %s",
				       CAPTURE_CONF_PATH, why);
		if (inet_pton(AF_INET, c->remote_address, &a) != 1 || strlen(c->interface) != 17 ||
		    !strchr(c->address, '/') || (c->gateway[0] && inet_pton(AF_INET, c->gateway, &a) != 1))
			return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)",
				       "%s: the network settings for %s are incomplete", CAPTURE_CONF_PATH, c->remote);
	}
	{
		char words[sizeof(c->assemble)];
		struct assemble_step step;

		snprintf(words, sizeof(words), "%s", c->assemble);
		for (char *s = NULL, *w = strtok_r(words, " ", &s); w; w = strtok_r(NULL, " ", &s))
			if (assemble_step_parse(w, &step) < 0)
				return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)",
					       "%s: Assemble= has '%s', which is no step", CAPTURE_CONF_PATH, w);
	}
	return 0;
}
