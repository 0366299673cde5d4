/* SPDX-License-Identifier: GPL-2.0-only */
/* Running another program from crashctl, never waiting forever for it. */
#pragma once

/*
 * Runs @argv (argv[0] a path) with @in as its standard input (-1: ours).
 * Its exit status, 128 + a signal, -ETIMEDOUT when it was killed after
 * @timeout_sec, or -errno when it could not start.
 */
int spawn_wait(char *const argv[], int in, unsigned timeout_sec);
