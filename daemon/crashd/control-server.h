/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashd's side of the control socket (control-protocol.h): a root-only
 * Unix socket answered from the event loop. Documented in crashd(8).
 */
#pragma once

struct manager;

int control_listen(struct manager *m);
