// SPDX-License-Identifier: GPL-2.0-only
/* crashctl status, arm and disarm: crashd's state, and the requests that change it. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "control-client.h"
#include "control-protocol.h"
#include "crash-netlink.h"
#include "crashctl.h"
#include "dumps.h"
#include "digest.h"
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

static bool jbool(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
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
	if (reg && !jint(reg, "size")) {
		printf("Region:   none (from %s)\n", jstr(reg, "source") ?: "?");
		if (jstr(reg, "reason"))
			printf("          %s\n", jstr(reg, "reason"));
	} else if (reg) {
		printf("Region:   %s", format_bytes(a, sizeof(a), jint(reg, "size")));
		if (json_object_object_get_ex(reg, "base", &base))
			printf(" at 0x%" PRIx64, json_object_get_uint64(base));
		printf(" (from %s)\n", jstr(reg, "source") ?: "?");
		if (jstr(reg, "reason"))
			printf("          %s\n", jstr(reg, "reason"));
	}
	if (jobj(st, "dumps")) {
		json_object *d = jobj(st, "dumps");

		if (jbool(d, "remote"))
			printf("Dumps:    %s (fallback: %s)\n", jstr(d, "target"),
			       streq(jstr(d, "fallback") ?: "", "none") ? "none" : jstr(d, "directory"));
		else if (jstr(d, "target"))
			printf("Dumps:    %s, in %s there\n", jstr(d, "target"), jstr(d, "directory"));
		else
			printf("Dumps:    %s\n", jstr(d, "directory"));
	}
	if (k) {
		time_t t = jint(st, "armed_at_usec") / 1000000;
		char when[64];

		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %Z", localtime(&t));
		printf("Armed:    %s, in %" PRId64 " ms%s%s\n", when, jint(st, "arm_duration_usec") / 1000,
		       jbool(st, "adopted") ? "; adopted: the kernel held these files already, nothing reloaded" : "",
		       streq(jstr(st, "loader") ?: "", "elf") ? "; by crashd's loader, checked by its purgatory" : "");
	}
	if (jobj(st, "last_rearm")) {
		json_object *ra = jobj(st, "last_rearm");

		printf("Re-armed: %" PRId64 " time(s); last: %s, %" PRId64 " ms after the change, ", jint(ra, "count"),
		       jstr(ra, "reason"), jint(ra, "latency_usec") / 1000);
		if (jbool(ra, "loaded_beside"))
			printf("never unprotected (loaded beside the armed image, then swapped)\n");
		else
			printf("%" PRId64 " ms unprotected\n", jint(ra, "unprotected_usec") / 1000);
	}
	if (jstr(st, "config_error")) {
		const char *e = jstr(st, "config_error");

		/* One error per line, each under the last. */
		printf("Config:   ");
		for (; *e; e++)
			if (*e == '\n')
				fputs("\n          ", stdout);
			else
				putchar(*e);
		printf("\n          (the previous configuration is in use)\n");
	}
	if (pr)
		printf("Problem:  %s%s%s\n          fix: %s\n", jstr(pr, "file") ?: "", jstr(pr, "file") ? ": " : "",
		       jstr(pr, "what"), jstr(pr, "fix") && *jstr(pr, "fix") ? jstr(pr, "fix") : "-");
}

/*
 * What the kernel says, for when crashd is not there to ask: the same keys
 * as crashd's own status, so that --json has one shape.
 */
static json_object *kernel_facts(void)
{
	json_object *o = json_object_new_object(), *reg = json_object_new_object();
	struct crash_region r = {};
	struct problem p = {};
	bool no_region;

	no_region = region_discover(&region_paths_default, &r, &p) >= 0 && !r.size;
	json_object_object_add(o, "state", json_object_new_string(no_region ? "no-region" : "unknown"));
	json_object_object_add(o, "loaded", json_object_new_boolean(kexec_crash_loaded() == 1));
	json_object_object_add(o, "kernel", NULL);
	json_object_object_add(o, "initrd", NULL);
	json_object_object_add(reg, "source", json_object_new_string(r.source ?: "none"));
	json_object_object_add(reg, "size", json_object_new_uint64(r.size));
	json_object_object_add(reg, "low_size", json_object_new_uint64(r.low_size));
	if (r.addresses_known)
		json_object_object_add(reg, "base", json_object_new_uint64(r.base));
	if (r.reason[0])
		json_object_object_add(reg, "reason", json_object_new_string(r.reason));
	json_object_object_add(o, "region", reg);
	if (p.what[0]) {
		json_object *pr = json_object_new_object();

		json_object_object_add(pr, "what", json_object_new_string(p.what));
		json_object_object_add(pr, "fix", json_object_new_string(p.fix));
		json_object_object_add(o, "problem", pr);
	}
	return o;
}

/* Why crashd does not answer, and what to do: not always "start it". */
static void print_not_running(int r, json_object *st)
{
	const char *state = jstr(st, "state");

	if (r == -ETIMEDOUT)
		printf("crashd did not answer within %llu s (%s/%s); see 'journalctl -u crashd'.\n",
		       CONTROL_STATUS_TIMEOUT_USEC / 1000000, runtime_dir(), CRASHD_CONTROL_NAME);
	else if (access(KEXEC_CRASH_LOADED_PATH, F_OK) < 0)
		printf("crashd is not running, and systemd does not start it on this kernel: it has no crash kexec\n"
		       "support (%s is missing). Boot a kernel with CONFIG_KEXEC_FILE and CONFIG_CRASH_DUMP.\n",
		       KEXEC_CRASH_LOADED_PATH);
	else if (state && streq(state, "no-region"))
		printf("crashd is not running: this boot has no crash kernel region, so it stopped\n"
		       "(see 'journalctl -u crashd'); the fix is below.\n");
	else
		printf("crashd is not running (%s/%s: %s); start it with 'systemctl start crashd'.\n",
		       runtime_dir(), CRASHD_CONTROL_NAME, strerror(-r));
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

/* SHA-256 of the file at @path now, "" if it cannot be read. */
static void file_sha256(const char *path, char hex[SHA256_HEX_LEN + 1])
{
	_cleanup_close_ int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -EBADF;
	struct stat st;
	uint64_t size;

	hex[0] = '\0';
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || sha256_fd_hex(fd, hex, &size) < 0)
		hex[0] = '\0';
}

/*
 * What the kernel itself says is armed (patched kernel, root): NULL when
 * it cannot say. "matches_files": the kernel's digests are those of the
 * files crashd armed, as they are on disk now.
 */
static json_object *kernel_view(json_object *st)
{
	char kernel[SHA256_HEX_LEN + 1], initrd[SHA256_HEX_LEN + 1];
	struct crash_nl_state ks;
	struct crash_nl *nl;
	struct problem p;
	json_object *o;
	int r;

	if (crash_nl_open(&nl, &p) < 0)
		return NULL;
	r = crash_nl_get(nl, &ks, &p);
	crash_nl_close(nl);
	if (r < 0)
		return NULL;
	o = crash_nl_state_json(&ks);
	file_sha256(jstr(jobj(st, "kernel"), "path"), kernel);
	file_sha256(jstr(jobj(st, "initrd"), "path"), initrd);
	json_object_object_add(o, "matches_files", json_object_new_boolean(
		kernel[0] && ks.image.has_kernel_sha256 && streq(kernel, ks.image.kernel_sha256) &&
		(!jobj(st, "initrd") || (initrd[0] && ks.image.has_initrd_sha256 && streq(initrd, ks.image.initrd_sha256)))));
	return o;
}

static void print_kernel_view(json_object *kv)
{
	json_object *img = jobj(kv, "image");

	if (!img) {
		printf("In kernel: nothing armed (generation %" PRId64 ")\n", jint(kv, "generation"));
		return;
	}
	printf("In kernel: loaded by %s, generation %" PRId64 ", %" PRId64 " segments\n", jstr(img, "syscall"),
	       jint(kv, "generation"), jint(img, "nr_segments"));
	if (jstr(img, "kernel_sha256"))
		printf("          kernel sha256 %s\n", jstr(img, "kernel_sha256"));
	if (jstr(img, "initrd_sha256"))
		printf("          initrd sha256 %s\n", jstr(img, "initrd_sha256"));
	printf("          %s\n", jbool(kv, "matches_files") ? "the same as the files on disk" :
	       "NOT the files on disk now (changed since, or loaded by something else)");
}

/* status --json, and arm, reload, disarm --json: one shape. */
static json_object *status_reply(bool ok, bool running, const char *source, json_object *st)
{
	json_object *out = json_object_new_object();

	json_object_object_add(out, "ok", json_object_new_boolean(ok));
	json_object_object_add(out, "daemon", json_object_new_boolean(running));
	json_object_object_add(out, "source", json_object_new_string(source));
	json_object_object_add(out, "status", st);
	return out;
}

/*
 * The newest entry of the dump directory, when it is a capture that saved
 * nothing or not all: until a later capture succeeds (crashctl test), the
 * machine is not known to be able to save a dump.
 */
static json_object *failed_capture(void)
{
	const char *path = getenv("CRASHD_CONFIG") ?: CRASHD_CONFIG_PATH;
	struct dump_entry *dumps = NULL;
	struct crashd_config c;
	struct config_errors e;
	struct problem p;
	json_object *o = NULL, *reason;
	size_t n = 0;

	config_defaults(&c);
	(void) config_load(path, &c, &e);
	if (dumps_list(c.dump_dir, &dumps, &n, &p) == 0 && n && !dumps[0].complete) {
		o = json_object_new_object();
		json_object_object_add(o, "name", json_object_new_string(dumps[0].name));
		json_object_object_add(o, "complete", json_object_new_boolean(false));
		json_object_object_add(o, "reason", json_object_new_string(
			json_object_object_get_ex(dumps[0].meta, "reason", &reason) ? json_object_get_string(reason) : "unknown"));
	}
	dumps_free(dumps, n);
	config_free(&c);
	return o;
}

int verb_status(int argc, char **argv)
{
	bool json = argc > 1 && streq(argv[1], "--json");
	json_object *reply = NULL, *out, *st = NULL, *kv, *failed;
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

	kv = kernel_view(st);
	failed = failed_capture();
	if (json) {
		out = status_reply(armed, running, published ? "state-file" : running ? "crashd" : "kernel", st);
		if (kv)
			json_object_object_add(out, "kernel_view", kv);
		if (failed)
			json_object_object_add(out, "last_capture", failed);
		print_json(out);
		json_object_put(out);
	} else {
		if (published)
			printf("crashd's state as it last published it (%s/state.json); only root may ask crashd itself.\n",
			       runtime_dir());
		else if (!running)
			print_not_running(r, st);
		print_status(st);
		printf("Loaded:   %s (%s)\n", kexec_crash_loaded() == 1 ? "yes" : "no", KEXEC_CRASH_LOADED_PATH);
		if (kv)
			print_kernel_view(kv);
		if (failed)
			printf("Warning:  the last capture did not save a whole dump (%s): %s\n"
			       "          after fixing that, run 'crashctl test --yes' to see a capture work\n",
			       jstr(failed, "name"), jstr(failed, "reason"));
		json_object_put(failed);
		json_object_put(kv);
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
	if (r == -ETIMEDOUT)
		return verb_fail(verb, json, CRASHCTL_EXIT_FAILED, "see 'journalctl -u crashd'",
				 "crashd did not answer within %llu s", CONTROL_ARM_TIMEOUT_USEC / 1000000);
	if (r == -EACCES)
		return verb_fail(verb, json, CRASHCTL_EXIT_FAILED, "run it as root", "only root may change crashd's state");
	if (r < 0)
		return verb_fail(verb, json, CRASHCTL_EXIT_FAILED, "is it running? 'systemctl status crashd' says why not",
				 "cannot reach crashd at %s/%s: %s", runtime_dir(), CRASHD_CONTROL_NAME, strerror(-r));
	r = json_object_object_get_ex(reply, "ok", &ok) && json_object_get_boolean(ok);
	if (json) {
		json_object *out = status_reply(r, true, "crashd", json_object_get(jobj(reply, "status")));

		if (jstr(reply, "error"))
			json_object_object_add(out, "error", json_object_new_string(jstr(reply, "error")));
		print_json(out);
		json_object_put(out);
	} else {
		print_status(jobj(reply, "status"));
	}
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
