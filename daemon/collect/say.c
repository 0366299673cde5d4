// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "collect.h"

/*
 * On the console at once (stderr is /dev/console), as the collector acts:
 * printk's own console output can lag seconds behind. And into the
 * kernel's log at a level the console shows, because ramoops keeps what
 * the consoles print across the reboot (its dmesg records are for panics
 * and oopses only): a capture that fails says why after it. The console
 * therefore shows each line twice, once with a time stamp.
 */
void say(const char *fmt, ...)
{
	static int kmsg = -EBADF;	/* opened once /dev is mounted; the collector's only state outside struct collect */
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = snprintf(line, sizeof(line), "<5>crashd-collect: ");
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line + 3);
	if (kmsg == -EBADF)
		kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (kmsg >= 0)
		(void) !write(kmsg, line, strlen(line));
}

void incomplete(struct collect *c, const char *fmt, ...)
{
	va_list ap;

	c->complete = false;
	if (c->reason[0])
		return;
	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	say("%s", c->reason);
}

int remote_failed(struct collect *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->remote_failure, sizeof(c->remote_failure), fmt, ap);
	va_end(ap);
	say("remote target %s: %s", c->conf.remote, c->remote_failure);
	return -EIO;
}
