// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysfs-wait FILE SECONDS: wait for sysfs_notify() on FILE, as a daemon
 * would with poll(), and print its new contents. Exit 0 when notified,
 * 1 on timeout, 2 on error. A VM test helper.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[256];
	struct pollfd p = { .events = POLLPRI | POLLERR };
	ssize_t n;

	if (argc != 3) {
		fprintf(stderr, "usage: sysfs-wait FILE SECONDS\n");
		return 2;
	}
	p.fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (p.fd < 0 || read(p.fd, buf, sizeof(buf)) < 0) {
		fprintf(stderr, "sysfs-wait: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	/* Ready: the caller may now make the change. */
	printf("waiting\n");
	fflush(stdout);
	switch (poll(&p, 1, atoi(argv[2]) * 1000)) {
	case 0:
		fprintf(stderr, "sysfs-wait: no notification on %s within %ss\n",
			argv[1], argv[2]);
		return 1;
	case -1:
		fprintf(stderr, "sysfs-wait: poll: %s\n", strerror(errno));
		return 2;
	}
	n = pread(p.fd, buf, sizeof(buf) - 1, 0);
	if (n < 0) {
		fprintf(stderr, "sysfs-wait: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	buf[n] = '\0';
	printf("%s", buf);
	return 0;
}
