// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "util.h"

void *fixture_read(const char *env, const char *name, size_t *size)
{
	_cleanup_free_ char *path = NULL;
	const char *dir = getenv(env);
	char *data = NULL;

	if (!dir) {
		print_error("%s is not set; run through 'make check', which builds the kernels\n", env);
		fail();
	}
	if (asprintf(&path, "%s/%s", dir, name) < 0 || read_full_file(path, &data, size) < 0) {
		print_error("cannot read %s/%s\n", dir, name);
		fail();
	}
	return data;
}

void *fixture_shell(const char *script, const char *out, size_t *size)
{
	char dir[] = "/tmp/crashd-fixture.XXXXXX", *cmd = NULL, *path = NULL, *data = NULL;

	assert_non_null(mkdtemp(dir));
	assert_true(asprintf(&cmd, "cd %s && { %s; }", dir, script) > 0);
	assert_int_equal(system(cmd), 0);
	assert_true(asprintf(&path, "%s/%s", dir, out) > 0);
	assert_int_equal(read_full_file(path, &data, size), 0);
	free(cmd);
	free(path);
	assert_true(asprintf(&cmd, "rm -rf %s", dir) > 0);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return data;
}

void fixture_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static char fixture_dir[64];

int fixture_dir_setup(void **state)
{
	strcpy(fixture_dir, "/tmp/crashd-test.XXXXXX");
	return mkdtemp(fixture_dir) ? 0 : -1;
}

int fixture_dir_teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", fixture_dir);
	return system(cmd);
}

const char *fixture_path(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	return path;
}
