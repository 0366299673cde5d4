// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl plan as the administrator runs it (build/crashctl, from the
 * top of the tree as make check runs the tests): every failing exit comes
 * with its reason on stderr, zero sizes are refused alike in both forms,
 * and a FIFO given as --iomem is refused at once.
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

/* Runs crashctl with @args; returns its exit status and what it wrote on stderr. */
static int crashctl(const char *args, char *err, size_t len)
{
	char cmd[512];
	FILE *f;
	size_t n;
	int status;

	assert_int_equal(access(CRASHCTL, X_OK), 0);
	snprintf(cmd, sizeof(cmd), "timeout 10 " CRASHCTL " %s 2>&1 >/dev/null", args);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(err, 1, len - 1, f);
	err[n] = '\0';
	status = pclose(f);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
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
	FILE *f = popen(CRASHCTL " plan --json --ram 2G 'crashkernel=256M@0xfffffffffff00000'", "r");
	size_t n;

	assert_non_null(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	pclose(f);
	/* Unsigned, as the kernel has it, not -1048576. */
	assert_non_null(strstr(out, "\"base\":18446744073708503040"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_exit_has_reason),
		cmocka_unit_test_setup_teardown(test_plan_fifo, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_plan_json_base),
	};

	return cmocka_run_group_tests_name("crashctl_plan", tests, NULL, NULL);
}
