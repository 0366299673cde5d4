// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl as the administrator runs it (build/crashctl, from the top of
 * the tree as make check runs the tests): every verb answers --help, both
 * programs --version; plan's every failing exit comes with its reason on
 * stderr, zero sizes are refused alike in both forms, and a FIFO given as
 * --iomem is refused at once.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <json-c/json.h>

#include "fixtures.h"
#include "util.h"

#define CRASHCTL "build/crashctl"

/* Runs @cmd; returns its exit status and its standard output. */
static int run_stdout(const char *cmd, char *out, size_t len)
{
	FILE *f = popen(cmd, "r");
	size_t n;
	int status;

	assert_non_null(f);
	n = fread(out, 1, len - 1, f);
	out[n] = '\0';
	status = pclose(f);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* Runs crashctl with @args; returns its exit status and what it wrote on stderr. */
static int crashctl(const char *args, char *err, size_t len)
{
	char cmd[512];

	assert_int_equal(access(CRASHCTL, X_OK), 0);
	snprintf(cmd, sizeof(cmd), "timeout 10 " CRASHCTL " %s 2>&1 >/dev/null", args);
	return run_stdout(cmd, err, len);
}

static void test_plan_exit_has_reason(void **state)
{
	static const struct {
		const char *args;
		int status;
		const char *expect;
	} cases[] = {
		{ "plan --ram 2G 'crashkernel=256M'", 0, "" },
		{ "plan --ram 2G 'quiet'", 1, "nothing would be reserved: no crashkernel=" },
		{ "plan --ram 2G 'crashkernel=4G-:256M'", 1, "no range entry holds this machine's 2 GiB" },
		{ "plan --ram 8G 'crashkernel=0-4G:0,4G-:256M'", 0, "" },
		{ "plan --ram 2G 'crashkernel=0-4G:0,4G-:256M'", 1, "the range entry for 2 GiB of RAM asks for 0 bytes" },
		{ "plan --ram 2G 'crashkernel=0'", 2, "a size of zero reserves nothing" },
		{ "plan --ram 2G 'crashkernel=0-:0'", 2, "a size of zero reserves nothing" },
	};
	char err[1024];

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		int status = crashctl(cases[i].args, err, sizeof(err));

		print_message("crashctl %s -> %d: %s", cases[i].args, status, err);
		assert_int_equal(status, cases[i].status);
		if (cases[i].expect[0])
			assert_non_null(strstr(err, cases[i].expect));
		else
			assert_string_equal(err, "");
	}
}

static void test_plan_fifo(void **state)
{
	char args[300], err[1024];

	assert_int_equal(mkfifo(fixture_path("iomem"), 0600), 0);
	snprintf(args, sizeof(args), "plan --iomem %s 'crashkernel=256M'", fixture_path("iomem"));
	assert_int_equal(crashctl(args, err, sizeof(err)), 2);
	assert_non_null(strstr(err, "not a regular file (a FIFO"));
}

static void test_plan_json_base(void **state)
{
	char out[2048];

	assert_int_equal(run_stdout(CRASHCTL " plan --json --ram 2G 'crashkernel=256M@0xfffffffffff00000'", out,
				    sizeof(out)), 0);
	/* Unsigned, as the kernel has it, not -1048576. */
	assert_non_null(strstr(out, "\"base\":18446744073708503040"));
}

static void test_every_verb_has_help(void **state)
{
	static const char *const verbs[] = { "status", "verify", "arm", "reload", "disarm", "list", "show",
					     "build-initramfs", "estimate", "test", "plan", "config", "crashkernel",
					     "monitor" };
	char cmd[256], out[4096], want[64];

	/* crashctl --help lists them all, so a verb added there is tested here too. */
	assert_int_equal(run_stdout(CRASHCTL " --help", out, sizeof(out)), 0);
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++) {
		snprintf(want, sizeof(want), "\n  %s ", verbs[i]);
		assert_non_null(strstr(out, want));
	}
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++) {
		for (int h = 0; h < 2; h++) {
			snprintf(cmd, sizeof(cmd), CRASHCTL " %s %s 2>&1", verbs[i], h ? "-h" : "--help");
			print_message("%s\n", cmd);
			assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
			snprintf(want, sizeof(want), "Usage: crashctl %s ", verbs[i]);
			assert_true(startswith(out, want));
		}
	}
	/* Not a crash: test --help only explains. */
	assert_int_equal(run_stdout(CRASHCTL " test --yes --help 2>&1", out, sizeof(out)), 0);
}

/* "*crashctl plan* [*--ram* _SIZE_]" as --help prints it: "crashctl plan [--ram SIZE]". */
static void unmarkup(const char *in, char *out, size_t len)
{
	size_t n = 0;

	for (; *in && *in != '\n' && n + 1 < len; in++)
		if (*in != '*' && *in != '_')
			out[n++] = *in;
	out[n] = '\0';
}

/* crashctl(8)'s SYNOPSIS and VERBS say what --help says, verb for verb. */
static void test_man_matches_help(void **state)
{
	_cleanup_free_ char *man = NULL;
	char cmd[256], out[4096], list[4096], line[512], want[512];
	size_t verbs = 0;

	assert_int_equal(read_full_file("Documentation/man/crashctl.8.scd", &man, NULL), 0);
	assert_int_equal(run_stdout(CRASHCTL " --help", list, sizeof(list)), 0);
	for (char *l = strstr(list, "\n  "); l; l = strstr(l + 1, "\n  ")) {
		char verb[64], heading[80];
		bool found = false;

		if (sscanf(l + 3, "%63s", verb) != 1)
			continue;
		verbs++;
		snprintf(cmd, sizeof(cmd), CRASHCTL " %s --help", verb);
		assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
		unmarkup(out + strlen("Usage: "), want, sizeof(want));
		for (const char *m = man; (m = strstr(m, "\n*crashctl ")); m++) {
			unmarkup(m + 1, line, sizeof(line));
			if (streq(line, want))
				found = true;
		}
		if (!found)
			print_error("crashctl(8) SYNOPSIS lacks '%s'\n", want);
		assert_true(found);
		snprintf(heading, sizeof(heading), "\n*%s*", verb);
		if (!strstr(man, heading))
			print_error("crashctl(8) VERBS lacks %s\n", verb);
		assert_non_null(strstr(man, heading));
	}
	assert_true(verbs >= 13);
}

/*
 * Every verb with --json prints one JSON object on stdout whatever
 * happens, with "ok", and '/' as it is; the message is on stderr too.
 */
static void test_json_on_failure(void **state)
{
	char dir[256];

	snprintf(dir, sizeof(dir), "%s", fixture_path("."));
	static const struct {
		const char *args;
		int status;
		const char *expect;	/* in the printed object */
	} cases[] = {
		{ "status --json", 1, "\"daemon\":false" },
		{ "arm --json", 1, "cannot reach crashd at /nonexistent/crashd/control" },
		{ "reload --json", 1, "cannot reach crashd" },
		{ "disarm --json", 1, "cannot reach crashd" },
		{ "test --yes --json", 1, "nothing is armed" },
		{ "list --json --dir /nonexistent/dumps", 2, "/nonexistent/dumps does not exist" },
		{ "show --json --dir /nonexistent/dumps x", 2, "/nonexistent/dumps does not exist" },
		{ "estimate --json", 2, "crashd.conf:3: unknown key 'Imgae' in [Kernel]" },
		{ "build-initramfs --json", 2, "crashd.conf:5: Level=99 is not a number" },
		{ "config --json", 2, "crashd.conf:3: unknown key 'Imgae' in [Kernel]; known keys in [Kernel]: Image" },
		{ "verify --json --kernel /nonexistent/vmlinuz", 2, "cannot open" },
		{ "plan --json --ram 2G crashkernel=auto", 2, "crashkernel=auto was RHEL's" },
		{ "crashkernel auto --json", 2, "crashkernel=auto was RHEL's" },
		/* This host's kernel has no crashd patch series. */
		{ "monitor --json --timeout 1", 1, "this kernel has no crash_reserve netlink family" },
	};
	char conf[512], cmd[1024], out[8192];

	snprintf(conf, sizeof(conf), "%s/crashd.conf", dir);
	assert_int_equal(write_file_atomic(conf, "# two errors, both reported\n[Kernel]\nImgae=/x\n[Dump]\nLevel=99\n", 0644), 0);
	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		json_object *o, *ok;
		int status;

		snprintf(cmd, sizeof(cmd), "CRASHD_CONFIG=%s CRASHD_RUNTIME_DIR=/nonexistent/crashd timeout 10 " CRASHCTL
			 " %s 2>/dev/null", conf, cases[i].args);
		status = run_stdout(cmd, out, sizeof(out));
		print_message("crashctl %s -> %d: %s", cases[i].args, status, out);
		assert_int_equal(status, cases[i].status);
		o = json_tokener_parse(out);
		assert_non_null(o);
		assert_true(json_object_object_get_ex(o, "ok", &ok));
		assert_false(json_object_get_boolean(ok));
		assert_non_null(strstr(out, cases[i].expect));
		assert_null(strstr(out, "\\/"));
		json_object_put(o);
	}
	/* Both errors of the file, at once, on stderr as well. */
	snprintf(cmd, sizeof(cmd), "CRASHD_CONFIG=%s " CRASHCTL " config 2>&1", conf);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 2);
	assert_non_null(strstr(out, ":3: unknown key 'Imgae'"));
	assert_non_null(strstr(out, ":5: Level=99"));
}

/* crashctl config: every key, what the file sets unmarked, the rest "# default". */
static void test_config_shows_all(void **state)
{
	char dir[256];

	snprintf(dir, sizeof(dir), "%s", fixture_path("."));
	char conf[512], cmd[1024], out[8192];

	snprintf(conf, sizeof(conf), "%s/crashd.conf", dir);
	assert_int_equal(write_file_atomic(conf, "[Dump]\nLevel=17\nMakedumpfileOptions=--num-threads=2\n"
					   "[Capture]\nModules=nvme dm_mod\n", 0644), 0);
	snprintf(cmd, sizeof(cmd), "CRASHD_CAPTURE_KERNEL=/nonexistent CRASHD_CONFIG=%s " CRASHCTL " config", conf);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	print_message("%s", out);
	assert_non_null(strstr(out, "\nLevel=17\n"));
	assert_non_null(strstr(out, "\nMakedumpfileOptions=--num-threads=2\n"));
	assert_non_null(strstr(out, "\nModules=nvme dm_mod\n"));
	assert_non_null(strstr(out, "\nKeep=3  # default\n"));
	assert_non_null(strstr(out, "\nImage=  # default: auto: the running kernel's, /boot/vmlinuz-"));
	assert_non_null(strstr(out, " (no capture kernel installed)\n"));
	assert_non_null(strstr(out, "\n[Capture]\n"));
	snprintf(cmd, sizeof(cmd), "CRASHD_CONFIG=%s " CRASHCTL " config --json", conf);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "\"changed\":[\n    \"Dump.Level\",\n    \"Dump.MakedumpfileOptions\",\n"
				    "    \"Capture.Modules\"\n  ]"));

	/* A compression Debian's makedumpfile cannot write is an error of the file, as crashd sees it. */
	if (access("/usr/bin/makedumpfile", X_OK) < 0)
		return;
	assert_int_equal(write_file_atomic(conf, "[Dump]\nCompression=zstd\n", 0644), 0);
	snprintf(cmd, sizeof(cmd), "CRASHD_CONFIG=%s " CRASHCTL " config 2>&1", conf);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 2);
	assert_non_null(strstr(out, "Compression=zstd: /usr/bin/makedumpfile is built without zstd"));
}

/* crashctl crashkernel: shows first; --apply writes the drop-in once and runs update-grub. */
static void test_crashkernel(void **state)
{
	char dir[256];

	snprintf(dir, sizeof(dir), "%s", fixture_path("."));
	char env[1024], cmd[1536], out[4096], path[512];
	_cleanup_free_ char *text = NULL, *log = NULL;

	snprintf(path, sizeof(path), "%s/update-grub", dir);
	snprintf(cmd, sizeof(cmd), "#!/bin/sh\necho ran >> %s/log\n", dir);
	assert_int_equal(write_file_atomic(path, cmd, 0755), 0);
	snprintf(env, sizeof(env), "CRASHD_GRUB_DROPIN=%s/grub.d/crashd.cfg CRASHD_UPDATE_GRUB=%s", dir, path);

	snprintf(cmd, sizeof(cmd), "%s " CRASHCTL " crashkernel 384M", env);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "Would write"));
	assert_non_null(strstr(out, "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT crashkernel=384M "
				    "reserve_mem=1M:4096:crashd ramoops.mem_name=crashd\""));
	snprintf(path, sizeof(path), "%s/grub.d/crashd.cfg", dir);
	assert_int_equal(access(path, F_OK), -1);

	snprintf(cmd, sizeof(cmd), "%s " CRASHCTL " crashkernel 384M --apply", env);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	assert_int_equal(read_full_file(path, &text, NULL), 0);
	assert_non_null(strstr(text, "crashkernel=384M reserve_mem=1M:4096:crashd ramoops.mem_name=crashd\"\n"));
	snprintf(path, sizeof(path), "%s/log", dir);
	assert_int_equal(read_full_file(path, &log, NULL), 0);
	assert_string_equal(log, "ran\n");

	/* Unchanged: nothing written, update-grub not run again. */
	snprintf(cmd, sizeof(cmd), "%s " CRASHCTL " crashkernel 384M --apply --json", env);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "\"changed\":false"));
	free(log);
	assert_int_equal(read_full_file(path, &log, NULL), 0);
	assert_string_equal(log, "ran\n");

	/* Not a size, or no GRUB: refused with what to do. */
	snprintf(cmd, sizeof(cmd), "%s " CRASHCTL " crashkernel lots 2>&1", env);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 2);
	assert_non_null(strstr(out, "'lots' is not a size"));
	snprintf(cmd, sizeof(cmd), "CRASHD_UPDATE_GRUB=/nonexistent " CRASHCTL " crashkernel 2>&1");
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "does not boot through GRUB"));
}

/* verify: images that load but leave the capture kernel too little to run in fail, and say so. */
static void test_verify_too_tight(void **state)
{
	const char *kdir = getenv("CRASHD_TEST_KERNEL_DIR");
	char cmd[1024], out[8192];
	json_object *o, *fit, *needed;
	uint64_t need;

	if (!kdir || !*kdir)
		skip();
	snprintf(cmd, sizeof(cmd), CRASHCTL " verify --json --kernel %s/bzImage --region-size 1G", kdir);
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	o = json_tokener_parse(out);
	assert_true(json_object_object_get_ex(o, "fit", &fit) && json_object_object_get_ex(fit, "needed", &needed));
	need = json_object_get_uint64(needed);
	json_object_put(o);

	/* 1 MiB to spare: loads, but TOO TIGHT, exit 1, and the size that leaves enough. */
	snprintf(cmd, sizeof(cmd), CRASHCTL " verify --kernel %s/bzImage --region-size %llu 2>&1", kdir,
		 (unsigned long long) ((need + (2ULL << 20)) & ~((1ULL << 20) - 1)));
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 1);
	print_message("%s", out);
	assert_non_null(strstr(out, "TOO TIGHT"));
	assert_non_null(strstr(out, "fix: crashkernel="));
	snprintf(cmd, sizeof(cmd), CRASHCTL " verify --kernel %s/bzImage --region-size %llu --json 2>/dev/null", kdir,
		 (unsigned long long) ((need + (2ULL << 20)) & ~((1ULL << 20) - 1)));
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "\"tight\":true"));
	assert_non_null(strstr(out, "\"ok\":false"));
	/* 128 MiB to spare: fits. */
	snprintf(cmd, sizeof(cmd), CRASHCTL " verify --kernel %s/bzImage --region-size %llu", kdir,
		 (unsigned long long) (need + (128ULL << 20)));
	assert_int_equal(run_stdout(cmd, out, sizeof(out)), 0);
	assert_non_null(strstr(out, ": fits\n"));
}

static void test_versions(void **state)
{
	char out[256];

	assert_int_equal(run_stdout(CRASHCTL " --version", out, sizeof(out)), 0);
	assert_true(startswith(out, "crashctl ") && strlen(out) > strlen("crashctl \n"));
	assert_int_equal(run_stdout("build/crashd --version", out, sizeof(out)), 0);
	assert_true(startswith(out, "crashd ") && strlen(out) > strlen("crashd \n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_exit_has_reason),
		cmocka_unit_test_setup_teardown(test_plan_fifo, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_plan_json_base),
		cmocka_unit_test(test_every_verb_has_help),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_man_matches_help),
		cmocka_unit_test_setup_teardown(test_json_on_failure, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_config_shows_all, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_crashkernel, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_verify_too_tight),
	};

	return cmocka_run_group_tests_name("crashctl", tests, NULL, NULL);
}
