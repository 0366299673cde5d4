/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control socket: crashctl's commands that change state go to crashd
 * over a root-only Unix socket, one JSON request per connection, one JSON
 * reply. Documented in crashd(8).
 *
 *   request:  {"method": "status" | "arm" | "disarm" | "reload"}
 *   reply:    {"ok": true|false, "error": "...", "status": {...}}
 */
#pragma once

#include <json-c/json.h>

#define CRASHD_RUNTIME_DIR "/run/crashd"
#define CRASHD_CONTROL_NAME "control"

struct manager;

int control_listen(struct manager *m);

/* crashctl's side: sends @method and returns the reply, or -errno. */
int control_call(const char *runtime_dir, const char *method, json_object **reply);
