// SPDX-License-Identifier: GPL-2.0-only
/* crashctl config: the configuration crashd would use, every key, defaults marked. */
#include <errno.h>
#include <limits.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capture-build.h"
#include "config.h"
#include "crashctl.h"
#include "panic-kernel.h"
#include "util.h"

/* What an empty key means, where that is not obvious. */
static const char *empty_means(const char *name, const struct crashd_config *c, char *buf, size_t len)
{
	struct panic_kernel k;

	if (streq(name, "Image") && panic_kernel_choose(c, NULL, &k) == 0) {
		if (c->kernel && streq(c->kernel, "distro"))
			snprintf(buf, len, "the running kernel's, %s", k.path);
		else if (k.kind == PANIC_KERNEL_CAPTURE)
			snprintf(buf, len, "auto: crashd's capture kernel, %s", k.path);
		else if (k.fell_back)
			snprintf(buf, len, "auto: the running kernel's, %s (not the capture kernel: %s)", k.path, k.why.what);
		else
			snprintf(buf, len, "auto: the running kernel's, %s (no capture kernel installed)", k.path);
		panic_kernel_free(&k);
		return buf;
	}
	if (streq(name, "Target"))
		return "the file system holding Directory=";
	return NULL;
}

int verb_config(int argc, char **argv)
{
	const char *path = getenv("CRASHD_CONFIG") ?: CRASHD_CONFIG_PATH;
	bool json = argc > 1 && streq(argv[1], "--json");
	_cleanup_free_ char *all = NULL;
	struct crashd_config c, d;
	struct config_errors e;
	const char *last = "";
	int r;
	json_object *o = NULL, *sec = NULL, *changed = NULL;

	if (argc > 1 && !json)
		return usage_error("config", "unexpected argument '%s'", argv[1]);
	config_defaults(&c);
	/* As crashd loads it. */
	r = capture_config_load(path, &c, &e);
	if (r < 0) {
		config_free(&c);
		all = config_errors_format(&e, path, "\n");
		return verb_fail("config", json, CRASHCTL_EXIT_INVALID, NULL,
				 "%s\n(crashd keeps its previous configuration, or the defaults, until this is fixed)",
				 all ?: "out of memory");
	}
	config_defaults(&d);
	if (json) {
		o = json_object_new_object();
		changed = json_object_new_array();
		json_object_object_add(o, "file", json_object_new_string(path));
		json_object_object_add(o, "file_exists", json_object_new_boolean(access(path, F_OK) == 0));
	} else {
		printf("# %s%s, over the defaults; '# default' marks what it leaves.\n", path,
		       access(path, F_OK) == 0 ? "" : " (missing)");
	}
	for (size_t i = 0; i < config_key_count(); i++) {
		const char *section, *name, *ds, *dn;
		char value[4096], def[4096], means[PATH_MAX + 64];
		bool is_default;

		config_key_get(&c, i, &section, &name, value, sizeof(value));
		config_key_get(&d, i, &ds, &dn, def, sizeof(def));
		is_default = streq(value, def);
		if (json) {
			if (!streq(section, last))
				json_object_object_add(o, section, sec = json_object_new_object());
			json_object_object_add(sec, name, json_object_new_string(value));
			if (!is_default) {
				char key[128];

				snprintf(key, sizeof(key), "%s.%s", section, name);
				json_object_array_add(changed, json_object_new_string(key));
			}
		} else {
			bool word = !value[0] || (streq(name, "Image") && value[0] != '/');
			const char *m = word ? empty_means(name, &c, means, sizeof(means)) : NULL;

			if (!streq(section, last))
				printf("%s[%s]\n", i ? "\n" : "", section);
			printf("%s=%s%s%s%s%s\n", name, value, is_default || m ? "  #" : "", is_default ? " default" : "",
			       m ? (is_default ? ": " : " ") : "", m ?: "");
		}
		last = section;
	}
	if (json) {
		json_object_object_add(o, "changed", changed);
		print_json(o);
		json_object_put(o);
	}
	config_free(&c);
	config_free(&d);
	return CRASHCTL_EXIT_OK;
}
