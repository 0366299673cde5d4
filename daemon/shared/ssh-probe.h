/* SPDX-License-Identifier: GPL-2.0-only */
/* Whether Target=ssh:// works from here, as the capture will use it: before a test crash, after setting it up. */
#pragma once

#include "problem.h"
#include "remote-target.h"

/* Can crashd's key write at @rt's path, with the pinned server key and no prompt? @p says why not. */
int ssh_target_probe(const struct remote_target *rt, struct problem *p);
