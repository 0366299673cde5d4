// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the control socket's protocol and of crashctl's side of
 * it: requests are parsed strictly, and a crashd that does not answer
 * costs crashctl its timeout, never a hang.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "control-protocol.h"
#include "control-client.h"
#include "control-protocol.h"
#include "fixtures.h"
#include "util.h"

static void test_request_parse(void **state)
{
	static const struct {
		const char *text;
		int ret;
		enum control_method method;
	} cases[] = {
		{ "{\"method\":\"status\"}\n", 0, CONTROL_STATUS },
		{ "{\"method\": \"arm\"}", 0, CONTROL_ARM },
		{ "{\"method\":\"reload\"}", 0, CONTROL_RELOAD },
		{ "{\"method\":\"disarm\"}", 0, CONTROL_DISARM },
		{ "{\"method\":\"reboot\"}", -EOPNOTSUPP },
		{ "{\"method\":\"status\",\"uid\":0}", -EBADMSG },
		{ "{\"method\":1}", -EBADMSG },
		{ "[\"method\",\"status\"]", -EBADMSG },
		{ "\"status\"", -EBADMSG },
		{ "", -EBADMSG },
		{ "{\"method\":\"status\"", -EBADMSG },
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		enum control_method m = _CONTROL_METHOD_MAX;

		print_message("%s\n", cases[i].text);
		assert_int_equal(control_request_parse(cases[i].text, &m), cases[i].ret);
		if (!cases[i].ret)
			assert_int_equal(m, cases[i].method);
	}
	assert_false(control_method_privileged(CONTROL_STATUS));
	assert_true(control_method_privileged(CONTROL_DISARM));
}

static int listen_at(const char *dir)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s", dir, CRASHD_CONTROL_NAME);
	assert_int_equal(bind(fd, (struct sockaddr *) &sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 1), 0);
	return fd;
}

/* A crashd that accepts nothing, or reads and never answers: crashctl gives up on time. */
static void test_call_times_out(void **state)
{
	char dir[256];
	json_object *reply = NULL;
	uint64_t t0;
	int fd, c;
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s", fixture_path(""));
	dir[strlen(dir) - 1] = '\0';
	fd = listen_at(dir);

	t0 = now_usec(CLOCK_MONOTONIC);
	assert_int_equal(control_call(dir, "status", 300000, &reply), -ETIMEDOUT);
	assert_true(now_usec(CLOCK_MONOTONIC) - t0 < 2000000);

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char buf[64];

		c = accept(fd, NULL, NULL);
		(void) !read(c, buf, sizeof(buf));
		sleep(5);
		_exit(0);
	}
	t0 = now_usec(CLOCK_MONOTONIC);
	assert_int_equal(control_call(dir, "status", 300000, &reply), -ETIMEDOUT);
	assert_true(now_usec(CLOCK_MONOTONIC) - t0 < 2000000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fd);
}

static void test_call_answered(void **state)
{
	char dir[256];
	json_object *reply = NULL, *ok;
	int fd;
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s", fixture_path(""));
	dir[strlen(dir) - 1] = '\0';
	fd = listen_at(dir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static const char answer[] = "{\"ok\":true,\"status\":{}}\n";
		char buf[256] = "";
		enum control_method m;
		int c = accept(fd, NULL, NULL);

		(void) !read(c, buf, sizeof(buf) - 1);
		if (control_request_parse(buf, &m) == 0 && m == CONTROL_RELOAD)
			(void) !write(c, answer, sizeof(answer) - 1);
		_exit(0);
	}
	assert_int_equal(control_call(dir, "reload", 5000000, &reply), 0);
	assert_true(json_object_object_get_ex(reply, "ok", &ok) && json_object_get_boolean(ok));
	json_object_put(reply);
	waitpid(pid, NULL, 0);
	close(fd);
	/* Nobody listening: said at once. */
	assert_int_equal(control_call("/nonexistent", "status", 5000000, &reply), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_parse),
		cmocka_unit_test_setup_teardown(test_call_times_out, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_call_answered, fixture_dir_setup, fixture_dir_teardown),
	};

	return cmocka_run_group_tests_name("control", tests, NULL, NULL);
}
