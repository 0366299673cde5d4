// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <json-c/json.h>
#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "control-client.h"
#include "control-protocol.h"
#include "util.h"

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

	r = control_socket_address(runtime_dir, &sa, &len);
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
