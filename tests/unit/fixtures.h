/* SPDX-License-Identifier: GPL-2.0-only */
/* Real files for the image tests: the kernels make check built or unpacked. */
#pragma once

#include <stddef.h>

/*
 * Reads $CRASHD_TEST_KERNEL_DIR/NAME (the patched kernel's build output) or
 * $CRASHD_TEST_STOCK_DIR/NAME (Debian's kernel); fails the test when the
 * variable or the file is missing, since a skipped check is no check.
 */
void *fixture_read(const char *env, const char *name, size_t *size);
/* Runs a shell command made from @fmt; fails the test unless it succeeds. */
void fixture_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Runs a shell command in a fresh temporary directory and reads OUT from it. */
void *fixture_shell(const char *script, const char *out, size_t *size);

/* A fresh temporary directory per test (cmocka setup and teardown); fixture_path() names a file in it. */
int fixture_dir_setup(void **state);
int fixture_dir_teardown(void **state);
const char *fixture_path(const char *name);
