// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "capture-conf.h"
#include "util.h"

int capture_conf_format(const struct capture_conf *c, char **ret)
{
	return asprintf(ret,
			"# Written by crashd; see crashd.conf(5).\n[Capture]\nTarget=%s\nFsType=%s\nAssemble=%s\nDirectory=%s\n"
			"Level=%u\nCompression=%s\nAction=%s\nFailureAction=%s\nMakedumpfileOptions=%s\n"
			"PreHook=%s\nPostHook=%s\nVersion=%s\n",
			c->target, c->fstype, c->assemble, c->dir, c->level, c->compression, c->action, c->failure_action,
			c->makedumpfile_options, c->pre_hook, c->post_hook, c->version) < 0 ?
		-ENOMEM : 0;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct capture_conf *c = user;

	if (!streq(section, "Capture"))
		return 0;
#define STR(key, field) if (streq(name, key)) { snprintf(c->field, sizeof(c->field), "%s", value); return 1; }
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

	*c = (struct capture_conf) { .level = 31, .compression = "lzo", .action = "reboot", .failure_action = "reboot",
				     .dir = "/var/crash" };
	r = ini_parse_string(text, handler, c);
	if (r)
		return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)",
			       "%s: line %d is not understood", CAPTURE_CONF_PATH, r);
	if (!c->target[0])
		return problem(p, -EINVAL, "rebuild the capture initramfs (crashctl build-initramfs)",
			       "%s names no Target", CAPTURE_CONF_PATH);
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
