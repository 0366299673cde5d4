// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "control-protocol.h"
#include "control-server.h"
#include "log.h"
#include "manager.h"
#include "util.h"

/* A client that sends nothing must not stall the daemon. */
#define CONTROL_TIMEOUT_MS 2000

static int read_request(int fd, char *buf, size_t len)
{
	size_t n = 0;

	while (n < len - 1) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t k;

		if (poll(&p, 1, CONTROL_TIMEOUT_MS) <= 0)
			return -ETIMEDOUT;
		k = read(fd, buf + n, len - 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			break;
		n += k;
		if (memchr(buf, '\n', n))
			break;
	}
	buf[n] = '\0';
	return 0;
}

static int run_method(struct manager *m, enum control_method method)
{
	int r;

	switch (method) {
	case CONTROL_STATUS:
		return 0;
	case CONTROL_ARM:
	case CONTROL_RELOAD:
		/* Arming means arming what the configuration names now, loaded afresh. */
		r = manager_reload_config(m);
		if (r < 0)
			return r;
		return manager_arm(m, method == CONTROL_ARM ? ARM_RELOAD : ARM_IF_CHANGED);
	case CONTROL_DISARM:
		return manager_disarm(m);
	default:
		return -EOPNOTSUPP;
	}
}

static json_object *handle(struct manager *m, const char *request, uid_t uid)
{
	json_object *reply = json_object_new_object();
	enum control_method method;
	const char *error = NULL;
	int r;

	r = control_request_parse(request, &method);
	if (r == -EBADMSG)
		error = "malformed request: expected {\"method\": \"status\"|\"arm\"|\"reload\"|\"disarm\"}";
	else if (r == -EOPNOTSUPP)
		error = "unknown method";
	else if (control_method_privileged(method) && uid != 0)
		error = "only root may change crashd's state";
	else if ((r = run_method(m, method)) < 0)
		error = m->config_error[0] ? m->config_error : m->problem.what[0] ? m->problem.what : strerror(-r);
	json_object_object_add(reply, "ok", json_object_new_boolean(!error));
	if (error)
		json_object_object_add(reply, "error", json_object_new_string(error));
	json_object_object_add(reply, "status", manager_status_json(m));
	return reply;
}

static int on_connection(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct manager *m = userdata;
	_cleanup_close_ int c = -EBADF;
	char buf[CONTROL_MAX_REQUEST];
	struct ucred cred;
	socklen_t len = sizeof(cred);
	json_object *reply;
	const char *text;

	c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0)
		return 0;
	if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 || read_request(c, buf, sizeof(buf)) < 0)
		return 0;
	reply = handle(m, buf, cred.uid);
	text = json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	(void) !write(c, text, strlen(text));
	(void) !write(c, "\n", 1);
	json_object_put(reply);
	return 0;
}

int control_listen(struct manager *m)
{
	struct sockaddr_un sa;
	socklen_t len;
	int r;

	r = control_socket_address(m->runtime_dir, &sa, &len);
	if (r < 0)
		return log_error_errno(r, "Runtime directory %s: path too long.", m->runtime_dir);
	if (mkdir(m->runtime_dir, 0755) < 0 && errno != EEXIST)
		return log_error_errno(-errno, "Cannot create %s: %m.", m->runtime_dir);
	m->control_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (m->control_fd < 0)
		return log_error_errno(-errno, "socket(): %m.");
	unlink(sa.sun_path);
	if (bind(m->control_fd, (struct sockaddr *) &sa, len) < 0)
		return log_error_errno(-errno, "Cannot bind %s: %m.", sa.sun_path);
	/* Only root may connect; the peer's uid is checked again per request. */
	if (chmod(sa.sun_path, 0600) < 0 || listen(m->control_fd, 8) < 0)
		return log_error_errno(-errno, "Cannot listen on %s: %m.", sa.sun_path);
	r = sd_event_add_io(m->event, &m->control_source, m->control_fd, EPOLLIN, on_connection, m);
	if (r < 0)
		return log_error_errno(r, "sd_event_add_io(): %s.", strerror(-r));
	return 0;
}

