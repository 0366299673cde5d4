// SPDX-License-Identifier: GPL-2.0-only
/* crashctl list and show: the dumps saved under the dump directory. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>

#include "config.h"
#include "crashctl.h"
#include "dumps.h"
#include "util.h"

static const char *str(json_object *m, const char *key)
{
	json_object *v;

	return m && json_object_object_get_ex(m, key, &v) && !json_object_is_type(v, json_type_null) ?
		json_object_get_string(v) : "";
}

static int64_t num(json_object *m, const char *key)
{
	json_object *v;

	return m && json_object_object_get_ex(m, key, &v) ? json_object_get_int64(v) : 0;
}

/* The dump directory from crashd.conf; --dir overrides it. */
static int dump_dir(const char *given, char **ret)
{
	const char *path = getenv("CRASHD_CONFIG") ?: CRASHD_CONFIG_PATH;
	_cleanup_free_ char *all = NULL;
	struct crashd_config c;
	struct config_errors e;

	if (given) {
		*ret = strdup(given);
		return *ret ? 0 : -ENOMEM;
	}
	config_defaults(&c);
	if (config_load(path, &c, &e) < 0) {
		config_free(&c);
		config_defaults(&c);
		all = config_errors_format(&e, path, "\n");
		fprintf(stderr, "%s\ncrashctl: using the default dump directory %s\n", all ?: "out of memory", c.dump_dir);
	}
	*ret = strdup(c.dump_dir);
	config_free(&c);
	return *ret ? 0 : -ENOMEM;
}

static json_object *entry_json(const struct dump_entry *e)
{
	json_object *o = e->meta ? json_object_get(e->meta) : json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(e->name));
	json_object_object_add(o, "path", json_object_new_string(e->path));
	return o;
}

static int parse_common(int argc, char **argv, const char *verb, bool *json, const char **dir)
{
	static const struct option options[] = {
		{ "json", no_argument,       NULL, 'j' },
		{ "dir",  required_argument, NULL, 'd' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "", options, NULL)) >= 0)
		switch (c) {
		case 'j':
			*json = true;
			break;
		case 'd':
			*dir = optarg;
			break;
		default:
			return usage_error(verb, "unknown option");
		}
	return 0;
}

int verb_list(int argc, char **argv)
{
	_cleanup_free_ char *dir = NULL;
	const char *given = NULL;
	struct dump_entry *v;
	struct problem p = {};
	bool json = false;
	size_t n;
	int r;

	if ((r = parse_common(argc, argv, "list", &json, &given)) != 0)
		return r;
	if (optind < argc)
		return usage_error("list", "unexpected argument '%s'", argv[optind]);
	if (dump_dir(given, &dir) < 0)
		return CRASHCTL_EXIT_FAILED;
	r = dumps_list(dir, &v, &n, &p);
	if (r == -ENOENT && !given) {
		v = NULL;
		n = 0;
	} else if (r < 0) {
		return verb_fail("list", json, CRASHCTL_EXIT_INVALID, p.fix, "%s", p.what);
	}
	if (json) {
		json_object *a = json_object_new_array();

		for (size_t i = 0; i < n; i++)
			json_object_array_add(a, entry_json(&v[i]));
		print_json(a);
		json_object_put(a);
	} else if (!n) {
		printf("No dumps in %s.\n", dir);
	} else {
		char size[FORMAT_BYTES_MAX];

		printf("%-42s %-10s %-24s %s\n", "DUMP", "SIZE", "KERNEL", "PANIC");
		for (size_t i = 0; i < n; i++) {
			json_object *failed;
			bool nothing = json_object_object_get_ex(v[i].meta, "capture_failed", &failed) &&
				       json_object_get_boolean(failed);

			/* A capture that saved nothing has no panic line to show: why it failed instead. */
			printf("%-42s %-10s %-24s %s%s\n", v[i].name,
			       format_bytes(size, sizeof(size), num(v[i].meta, "vmcore_size")),
			       str(v[i].meta, "kernel_release"), nothing ? "[FAILED] " : v[i].complete ? "" : "[INCOMPLETE] ",
			       nothing ? str(v[i].meta, "reason") : str(v[i].meta, "panic"));
		}
	}
	dumps_free(v, n);
	return CRASHCTL_EXIT_OK;
}

int verb_show(int argc, char **argv)
{
	_cleanup_free_ char *dir = NULL;
	const char *given = NULL;
	struct dump_entry e;
	struct problem p = {};
	bool json = false;
	char size[FORMAT_BYTES_MAX];
	int r;

	if ((r = parse_common(argc, argv, "show", &json, &given)) != 0)
		return r;
	if (optind + 1 != argc)
		return usage_error("show", "give one dump: a name from 'crashctl list', or a path");
	if (dump_dir(given, &dir) < 0)
		return CRASHCTL_EXIT_FAILED;
	r = dumps_find(dir, argv[optind], &e, &p);
	if (r < 0)
		return verb_fail("show", json, CRASHCTL_EXIT_INVALID, p.fix[0] ? p.fix : "'crashctl list' shows the dumps",
				 "%s", p.what);
	if (json) {
		json_object *o = entry_json(&e);

		print_json(o);
		json_object_put(o);
	} else {
		printf("Dump:      %s\n", e.path);
		printf("Status:    %s%s%s\n", e.complete ? "complete" : "INCOMPLETE", e.complete ? "" : ": ",
		       e.complete ? "" : str(e.meta, "reason"));
		printf("Time:      %s\n", str(e.meta, "time"));
		printf("Panic:     %s\n", str(e.meta, "panic"));
		printf("Kernel:    %s (build-id %s)\n", str(e.meta, "kernel_release"), str(e.meta, "build_id"));
		printf("Boot id:   %s\n", str(e.meta, "boot_id"));
		printf("vmcore:    %s/vmcore, %s, sha256 %s\n", e.path,
		       format_bytes(size, sizeof(size), num(e.meta, "vmcore_size")), str(e.meta, "vmcore_sha256"));
		printf("Collector: makedumpfile -d %" PRId64 " (%s), exit %" PRId64 "%s; crashd %s\n",
		       num(e.meta, "dump_level"), str(e.meta, "compression"), num(e.meta, "makedumpfile_status"),
		       num(e.meta, "fallback_copy") ? ", plain copy used instead" : "", str(e.meta, "crashd_version"));
		printf("Log:       %s/dmesg.txt\n", e.path);
	}
	json_object_put(e.meta);
	return CRASHCTL_EXIT_OK;
}
