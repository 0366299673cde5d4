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
					     "build-initramfs", "estimate", "test", "plan" };
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
	};

	return cmocka_run_group_tests_name("crashctl", tests, NULL, NULL);
}
