/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashd's own ssh key and the server keys it pins (SSH_DIR), as
 * crashctl ssh-key leaves them: checked before a capture initramfs that
 * would carry them is built, so that a missing one is found now and not
 * after a panic.
 */
#pragma once

#include "problem.h"

/* @host: as written in Target=, the name the server's key is pinned under. @dir: SSH_DIR but in tests. */
int ssh_keys_check(const char *dir, const char *host, struct problem *p);
