// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl: the command-line face of crashd. Read-only verbs work without
 * the daemon; see crashctl(8).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "crashctl.h"
#include "util.h"

static const struct crashctl_verb verbs[] = {
	{ "status", "show whether a panic kernel is armed, and which", verb_status },
	{ "verify", "check a panic kernel and initramfs as crashd would before arming", verb_verify },
	{ "arm", "ask crashd to verify and load the configured images now", verb_arm },
	{ "reload", "ask crashd to re-read its configuration and re-arm if the images changed", verb_reload },
	{ "disarm", "ask crashd to unload the panic kernel", verb_disarm },
	{ "list", "list the saved crash dumps", verb_list },
	{ "show", "show one saved dump", verb_show },
	{ "build-initramfs", "build the capture initramfs", verb_build_initramfs },
	{ "estimate", "the smallest crashkernel= this machine needs, and why", verb_estimate },
	{ "test", "check that a panic kernel is armed, then crash the machine (--yes)", verb_test },
	{ "plan", "show what a crashkernel= value would reserve, before a reboot", verb_plan },
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

static void help(FILE *f)
{
	fprintf(f, "Usage: crashctl VERB [OPTIONS...]\n\nVerbs:\n");
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
	fprintf(f, "\nEvery verb takes --json. See crashctl(8).\n");
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
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		if (streq(argv[1], verbs[i].name))
			return verbs[i].run(argc - 1, argv + 1);
	fprintf(stderr, "crashctl: unknown verb '%s'.\n", argv[1]);
	help(stderr);
	return CRASHCTL_EXIT_USAGE;
}
