/* SPDX-License-Identifier: GPL-2.0-only */
/* crashctl: shared pieces of the verbs. Exit codes are documented in crashctl(8). */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

enum {
	CRASHCTL_EXIT_OK = 0,
	CRASHCTL_EXIT_FAILED = 1,	/* the state or the request is not met */
	CRASHCTL_EXIT_INVALID = 2,	/* invalid input: a value or a file */
	CRASHCTL_EXIT_USAGE = 64,	/* as EX_USAGE */
};

struct crashctl_verb {
	const char *name;
	const char *options;	/* as crashctl(8)'s SYNOPSIS has them */
	const char *summary;
	int (*run)(int argc, char **argv);
};

int verb_plan(int argc, char **argv);
int verb_verify(int argc, char **argv);
int verb_status(int argc, char **argv);
int verb_arm(int argc, char **argv);
int verb_reload(int argc, char **argv);
int verb_disarm(int argc, char **argv);
int verb_list(int argc, char **argv);
int verb_show(int argc, char **argv);
int verb_build_initramfs(int argc, char **argv);
int verb_estimate(int argc, char **argv);
int verb_test(int argc, char **argv);
int verb_config(int argc, char **argv);
int verb_crashkernel(int argc, char **argv);
int verb_monitor(int argc, char **argv);
int verb_ssh_key(int argc, char **argv);
int verb_kernel_map(int argc, char **argv);

/* crashd.conf as crashd reads it; on errors, prints them all and returns the exit status. */
int load_config(struct crashd_config *c, const char *verb, bool json);
/*
 * The release ("6.12.117+deb12-amd64") and init_size of the bzImage @kernel;
 * the exit status on failure, said for @verb unless it is NULL.
 */
int release_of(const char *kernel, char *out, size_t len, uint32_t *init_size, const char *verb, bool json);

struct crash_nl_state;
/* The kernel's crash_reserve state as JSON (monitor, status). */
json_object *crash_nl_state_json(const struct crash_nl_state *st);

/* Every JSON object crashctl prints: pretty, '/' left as it is. */
void print_json(json_object *o);
/*
 * A failure of @verb: "crashctl VERB: message[; fix]" on stderr and, with
 * @json, {"ok": false, "error": ..., "fix": ...} on stdout, so that a
 * script reading stdout gets an object whatever happened. @fix may be
 * NULL or empty. Returns @exit_code.
 */
int verb_fail(const char *verb, bool json, int exit_code, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Prints "crashctl VERB: message" on stderr; returns CRASHCTL_EXIT_USAGE. */
int usage_error(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
