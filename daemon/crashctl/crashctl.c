// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl: the command-line face of crashd. Read-only verbs work without
 * the daemon; see crashctl(8).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crashctl.h"
#include "version.h"
#include "util.h"

static const struct crashctl_verb verbs[] = {
	{ "status", "[--json]", "show whether a panic kernel is armed, and which", verb_status },
	{ "verify", "--kernel FILE [--initrd FILE] [--region-size SIZE] [--json]",
	  "check a panic kernel and initramfs as crashd would before arming", verb_verify },
	{ "arm", "[--json]", "ask crashd to verify and load the configured images now", verb_arm },
	{ "reload", "[--json]", "ask crashd to re-read its configuration and re-arm if the images changed", verb_reload },
	{ "disarm", "[--json]", "ask crashd to unload the panic kernel", verb_disarm },
	{ "list", "[--dir DIR] [--json]", "list the saved crash dumps", verb_list },
	{ "show", "[--dir DIR] [--json] DUMP", "show one saved dump", verb_show },
	{ "build-initramfs", "[--kernel FILE] [--output FILE] [--makedumpfile FILE] [--json]",
	  "build the capture initramfs", verb_build_initramfs },
	{ "estimate", "[--json]", "the smallest crashkernel= this machine needs, and why", verb_estimate },
	{ "test", "--yes [--force] [--json]", "check that a panic kernel is armed and the target here, then crash the machine", verb_test },
	{ "plan", "[--ram SIZE] [--iomem FILE] [--json] ['CMDLINE']",
	  "show what a crashkernel= value would reserve, before a reboot", verb_plan },
	{ "config", "[--json]", "show the configuration crashd uses: every key, defaults marked", verb_config },
	{ "monitor", "[--count N] [--timeout SEC] [--json]",
	  "print the kernel's crash image and region events as they come (patched kernel)", verb_monitor },
	{ "ssh-key", "[--accept-new] [--json]",
	  "make crashd's ssh key for Target=ssh://, install it on the server, pin the server's key", verb_ssh_key },
	{ "kernel-map", "[--write FILE] [--json]",
	  "where the running kernel maps memory (/proc/kcore), for Loader=elf; crashd.service saves it", verb_kernel_map },
	{ "crashkernel", "[SIZE] [--apply] [--json]",
	  "show, then with --apply write, crashkernel=SIZE in the boot loader's command line", verb_crashkernel },
};

int usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "crashctl %s: ", verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'crashctl --help' or 'man crashctl'.\n");
	return CRASHCTL_EXIT_USAGE;
}

void print_json(json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
}

int verb_fail(const char *verb, bool json, int exit_code, const char *fix, const char *fmt, ...)
{
	_cleanup_free_ char *what = NULL;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (r < 0)
		what = NULL;
	fprintf(stderr, "crashctl %s: %s%s%s\n", verb, what ?: "out of memory", fix && *fix ? "; " : "", fix ?: "");
	if (json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(false));
		json_object_object_add(o, "error", json_object_new_string(what ?: "out of memory"));
		if (fix && *fix)
			json_object_object_add(o, "fix", json_object_new_string(fix));
		json_object_object_add(o, "exit", json_object_new_int(exit_code));
		print_json(o);
		json_object_put(o);
	}
	return exit_code;
}

static void help(FILE *f)
{
	fprintf(f, "Usage: crashctl VERB [OPTIONS...]\n\nVerbs:\n");
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		fprintf(f, "  %-16s %s\n", verbs[i].name, verbs[i].summary);
	fprintf(f, "\nEvery verb takes --help and --json. See crashctl(8).\n");
}

/* --help anywhere after the verb, as every verb takes it. */
static bool wants_help(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
		if (streq(argv[i], "--help") || streq(argv[i], "-h"))
			return true;
	return false;
}

static int verb_help(const struct crashctl_verb *v)
{
	printf("Usage: crashctl %s %s\n%c%s.\nSee crashctl(8).\n", v->name, v->options, toupper(v->summary[0]),
	       v->summary + 1);
	return CRASHCTL_EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		help(stderr);
		return CRASHCTL_EXIT_USAGE;
	}
	if (streq(argv[1], "--help") || streq(argv[1], "-h") || streq(argv[1], "help")) {
		help(stdout);
		return CRASHCTL_EXIT_OK;
	}
	if (streq(argv[1], "--version")) {
		printf("crashctl %s\n", CRASHD_VERSION);
		return CRASHCTL_EXIT_OK;
	}
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		if (streq(argv[1], verbs[i].name))
			return wants_help(argc, argv) ? verb_help(&verbs[i]) : verbs[i].run(argc - 1, argv + 1);
	fprintf(stderr, "crashctl: unknown verb '%s'.\n", argv[1]);
	help(stderr);
	return CRASHCTL_EXIT_USAGE;
}
