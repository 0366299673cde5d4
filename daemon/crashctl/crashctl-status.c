// SPDX-License-Identifier: GPL-2.0-only
/* crashctl status, arm and disarm: crashd's state, and the requests that change it. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "control-client.h"
#include "control-protocol.h"
#include "crashctl.h"
#include "kexec.h"
#include "region.h"
#include "util.h"

static const char *runtime_dir(void)
{
	/* For tests that run a crashd of their own. */
	return getenv("CRASHD_RUNTIME_DIR") ?: CRASHD_RUNTIME_DIR;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string) ?
		json_object_get_string(v) : NULL;
}

static int64_t jint(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

static json_object *jobj(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_object) ? v : NULL;
}

static void print_status(json_object *st)
{
	json_object *k = jobj(st, "kernel"), *i = jobj(st, "initrd"), *reg = jobj(st, "region"),
		    *pr = jobj(st, "problem"), *base;
	char a[FORMAT_BYTES_MAX];

	printf("State:    %s\n", jstr(st, "state") ?: "?");
	if (k)
		printf("Kernel:   %s%s%s%s\n          sha256 %s\n", jstr(k, "path"),
		       jstr(st, "kernel_version") && *jstr(st, "kernel_version") ? " (" : "",
		       jstr(st, "kernel_version") ?: "", jstr(st, "kernel_version") && *jstr(st, "kernel_version") ? ")" : "",
		       jstr(k, "sha256"));
	if (i)
		printf("Initrd:   %s\n          sha256 %s\n", jstr(i, "path"), jstr(i, "sha256"));
	if (reg) {
		printf("Region:   %s", format_bytes(a, sizeof(a), jint(reg, "size")));
		if (json_object_object_get_ex(reg, "base", &base))
			printf(" at 0x%" PRIx64, json_object_get_uint64(base));
		printf(" (from %s)\n", jstr(reg, "source") ?: "?");
		if (jstr(reg, "reason"))
			printf("          %s\n", jstr(reg, "reason"));
	}
	if (k) {
		time_t t = jint(st, "armed_at_usec") / 1000000;
		char when[64];

		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %Z", localtime(&t));
		printf("Armed:    %s, in %" PRId64 " ms\n", when, jint(st, "arm_duration_usec") / 1000);
	}
	if (jobj(st, "last_rearm")) {
		json_object *ra = jobj(st, "last_rearm");

		printf("Re-armed: %" PRId64 " time(s); last: %s, %" PRId64 " ms after the change, %" PRId64
		       " ms unprotected\n", jint(ra, "count"), jstr(ra, "reason"), jint(ra, "latency_usec") / 1000,
		       jint(ra, "unprotected_usec") / 1000);
	}
	if (jstr(st, "config_error"))
		printf("Config:   %s (the previous configuration is in use)\n", jstr(st, "config_error"));
	if (pr)
		printf("Problem:  %s%s%s\n          fix: %s\n", jstr(pr, "file") ?: "", jstr(pr, "file") ? ": " : "",
		       jstr(pr, "what"), jstr(pr, "fix") && *jstr(pr, "fix") ? jstr(pr, "fix") : "-");
}

/* What the kernel says, for when crashd is not there to ask. */
static json_object *kernel_facts(void)
{
	json_object *o = json_object_new_object(), *reg = json_object_new_object();
	struct crash_region r;
	struct problem p;
	int loaded = kexec_crash_loaded();

	json_object_object_add(o, "state", json_object_new_string("unknown"));
	json_object_object_add(o, "loaded", json_object_new_boolean(loaded == 1));
	if (region_discover(&region_paths_default, &r, &p) >= 0) {
		json_object_object_add(reg, "source", json_object_new_string(r.source));
		json_object_object_add(reg, "size", json_object_new_uint64(r.size));
		if (r.addresses_known)
			json_object_object_add(reg, "base", json_object_new_uint64(r.base));
		if (r.reason[0])
			json_object_object_add(reg, "reason", json_object_new_string(r.reason));
	}
	json_object_object_add(o, "region", reg);
	return o;
}

/*
 * The control socket is root's; anyone may read the state crashd publishes
 * at every change. Its pid tells whether that crashd still runs.
 */
static json_object *published_state(void)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	json_object *st;
	pid_t pid;

	if (asprintf(&path, "%s/state.json", runtime_dir()) < 0 || read_full_file(path, &text, NULL) < 0)
		return NULL;
	st = json_tokener_parse(text);
	pid = (pid_t) jint(st, "pid");
	if (!st || pid <= 0 || (kill(pid, 0) < 0 && errno == ESRCH)) {
		json_object_put(st);
		return NULL;
	}
	return st;
}

int verb_status(int argc, char **argv)
{
	bool json = argc > 1 && streq(argv[1], "--json");
	json_object *reply = NULL, *out, *st = NULL;
	bool running, armed, published = false;
	int r;

	if (argc > 1 && !json)
		return usage_error("status", "unexpected argument '%s'", argv[1]);
	r = control_call(runtime_dir(), "status", CONTROL_STATUS_TIMEOUT_USEC, &reply);
	if (r >= 0)
		st = json_object_get(jobj(reply, "status"));
	else if (r == -EACCES && (st = published_state()))
		published = true;
	running = st != NULL;
	if (!st)
		st = kernel_facts();
	armed = running && jstr(st, "state") && streq(jstr(st, "state"), "armed");

	if (json) {
		out = json_object_new_object();
		json_object_object_add(out, "daemon", json_object_new_boolean(running));
		json_object_object_add(out, "status", st);
		printf("%s\n", json_object_to_json_string_ext(out, JSON_C_TO_STRING_PRETTY));
		json_object_put(out);
	} else {
		if (published)
			printf("crashd's state as it last published it (%s/state.json); only root may ask crashd itself.\n",
			       runtime_dir());
		else if (!running && r == -ETIMEDOUT)
			printf("crashd did not answer within %llu s (%s/%s); see 'journalctl -u crashd'.\n",
			       CONTROL_STATUS_TIMEOUT_USEC / 1000000, runtime_dir(), CRASHD_CONTROL_NAME);
		else if (!running)
			printf("crashd is not running (%s/%s: %s); start it with 'systemctl start crashd'.\n",
			       runtime_dir(), CRASHD_CONTROL_NAME, strerror(-r));
		print_status(st);
		printf("Loaded:   %s (%s)\n", kexec_crash_loaded() == 1 ? "yes" : "no", KEXEC_CRASH_LOADED_PATH);
		json_object_put(st);
	}
	json_object_put(reply);
	return armed ? CRASHCTL_EXIT_OK : CRASHCTL_EXIT_FAILED;
}

static int request(const char *verb, int argc, char **argv)
{
	bool json = argc > 1 && streq(argv[1], "--json");
	json_object *reply = NULL, *ok;
	int r;

	if (argc > 1 && !json)
		return usage_error(verb, "unexpected argument '%s'", argv[1]);
	r = control_call(runtime_dir(), verb, CONTROL_ARM_TIMEOUT_USEC, &reply);
	if (r == -ETIMEDOUT) {
		fprintf(stderr, "crashctl %s: crashd did not answer within %llu s; see 'journalctl -u crashd'\n",
			verb, CONTROL_ARM_TIMEOUT_USEC / 1000000);
		return CRASHCTL_EXIT_FAILED;
	}
	if (r == -EACCES) {
		fprintf(stderr, "crashctl %s: only root may change crashd's state\n", verb);
		return CRASHCTL_EXIT_FAILED;
	}
	if (r < 0) {
		fprintf(stderr, "crashctl %s: cannot reach crashd at %s/%s: %s; is it running? (systemctl start crashd)\n",
			verb, runtime_dir(), CRASHD_CONTROL_NAME, strerror(-r));
		return CRASHCTL_EXIT_FAILED;
	}
	r = json_object_object_get_ex(reply, "ok", &ok) && json_object_get_boolean(ok);
	if (json)
		printf("%s\n", json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PRETTY));
	else
		print_status(jobj(reply, "status"));
	if (!r)
		fprintf(stderr, "crashctl %s: %s\n", verb, jstr(reply, "error") ?: "failed");
	json_object_put(reply);
	return r ? CRASHCTL_EXIT_OK : CRASHCTL_EXIT_FAILED;
}

int verb_arm(int argc, char **argv)
{
	return request("arm", argc, argv);
}

int verb_reload(int argc, char **argv)
{
	return request("reload", argc, argv);
}

int verb_disarm(int argc, char **argv)
{
	return request("disarm", argc, argv);
}
