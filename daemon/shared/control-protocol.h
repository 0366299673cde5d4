/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control socket's protocol, shared by crashd (server) and crashctl
 * (client): one JSON request per connection, one JSON reply.
 *
 *   request:  {"method": "status" | "arm" | "disarm" | "reload"}
 *   reply:    {"ok": true|false, "error": "...", "status": {...}}
 */
#pragma once

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/un.h>

#define CRASHD_RUNTIME_DIR "/run/crashd"
#define CRASHD_CONTROL_NAME "control"

/* A request is one short line; anything longer is not one. */
#define CONTROL_MAX_REQUEST 4096

enum control_method {
	CONTROL_STATUS,
	CONTROL_ARM,
	CONTROL_RELOAD,
	CONTROL_DISARM,
	_CONTROL_METHOD_MAX,
};

/*
 * Parses @text: a JSON object whose only member is "method", a known
 * method's name. -EBADMSG if malformed, -EOPNOTSUPP for an unknown method.
 */
int control_request_parse(const char *text, enum control_method *ret);
const char *control_method_name(enum control_method m);
/* Whether only root may ask it. */
bool control_method_privileged(enum control_method m);

/* The socket's address in @runtime_dir; -ENAMETOOLONG if it does not fit. */
int control_socket_address(const char *runtime_dir, struct sockaddr_un *sa, socklen_t *len);
