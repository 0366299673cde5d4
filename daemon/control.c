// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "control-protocol.h"
#include "control.h"
#include "log.h"
#include "manager.h"
#include "util.h"

/* A client that sends nothing must not stall the daemon. */
#define CONTROL_TIMEOUT_MS 2000

static int socket_path(const char *dir, struct sockaddr_un *sa, socklen_t *len)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if ((size_t) snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", dir, CRASHD_CONTROL_NAME) >=
	    sizeof(sa->sun_path))
		return -ENAMETOOLONG;
	*len = offsetof(struct sockaddr_un, sun_path) + strlen(sa->sun_path) + 1;
	return 0;
}

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
		error = m->problem.what[0] ? m->problem.what : strerror(-r);
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
	text = json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN);
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

	r = socket_path(m->runtime_dir, &sa, &len);
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

/* Waits for @events until @deadline (CLOCK_MONOTONIC); -ETIMEDOUT after it. */
static int wait_fd(int fd, short events, uint64_t deadline)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = events };
		uint64_t now = now_usec(CLOCK_MONOTONIC);
		int k;

		if (now >= deadline)
			return -ETIMEDOUT;
		k = poll(&p, 1, (int) ((deadline - now + 999) / 1000));
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k > 0)
			return 0;
	}
}

int control_call(const char *runtime_dir, const char *method, uint64_t timeout_usec, json_object **reply)
{
	uint64_t deadline = now_usec(CLOCK_MONOTONIC) + timeout_usec;
	_cleanup_close_ int fd = -EBADF;
	struct sockaddr_un sa;
	char buf[65536], req[128];
	size_t n = 0, len_req;
	socklen_t len;
	int r;

	r = socket_path(runtime_dir, &sa, &len);
	if (r < 0)
		return r;
	len_req = snprintf(req, sizeof(req), "{\"method\":\"%s\"}\n", method);
	if (len_req >= sizeof(req))
		return -EINVAL;
	/* Non-blocking from the start: a full backlog must not stall connect() either. */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	/* EAGAIN: the backlog is full for a moment; try again until the deadline. */
	while (connect(fd, (struct sockaddr *) &sa, len) < 0) {
		if (errno != EAGAIN)
			return -errno;
		if (now_usec(CLOCK_MONOTONIC) >= deadline)
			return -ETIMEDOUT;
		usleep(20000);
	}
	r = wait_fd(fd, POLLOUT, deadline);
	if (r < 0)
		return r;
	if (write(fd, req, len_req) != (ssize_t) len_req)
		return -errno;
	shutdown(fd, SHUT_WR);
	for (;;) {
		ssize_t k;

		r = wait_fd(fd, POLLIN, deadline);
		if (r < 0)
			return r;
		k = read(fd, buf + n, sizeof(buf) - 1 - n);
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k < 0)
			return -errno;
		if (k == 0 || (n += k) == sizeof(buf) - 1)
			break;
	}
	buf[n] = '\0';
	*reply = json_tokener_parse(buf);
	return *reply ? 0 : -EBADMSG;
}
