// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include "log.h"
#include "util.h"

/* Under systemd stderr goes to the journal already, but without fields. */
static bool use_journal(void)
{
	return getenv("JOURNAL_STREAM") || getenv("INVOCATION_ID");
}

#define LOG_FIELDS_MAX 8

static int log_eventv(int priority, const char *msgid, const char *file, int error, const char *const *fields,
		      const char *fmt, va_list ap)
{
	_cleanup_free_ char *message = NULL, *f_msg = NULL, *f_prio = NULL, *f_id = NULL,
			    *f_file = NULL, *f_errno = NULL;
	struct iovec iov[5 + LOG_FIELDS_MAX];
	unsigned n = 0;

	/* "%m" says what @error is, whatever errno holds by now. */
	if (error)
		errno = error < 0 ? -error : error;
	if (vasprintf(&message, fmt, ap) < 0)
		return error;

	if (!use_journal()) {
		fprintf(stderr, "crashd: %s\n", message);
		return error;
	}
#define ADD(var, ...) \
	do { if (asprintf(&var, __VA_ARGS__) >= 0) iov[n++] = (struct iovec) { var, strlen(var) }; } while (0)
	ADD(f_msg, "MESSAGE=%s", message);
	ADD(f_prio, "PRIORITY=%d", priority);
	if (msgid)
		ADD(f_id, "MESSAGE_ID=%s", msgid);
	if (file)
		ADD(f_file, "CRASHD_FILE=%s", file);
	if (error)
		ADD(f_errno, "ERRNO=%d", error < 0 ? -error : error);
#undef ADD
	for (unsigned i = 0; fields && fields[i] && i < LOG_FIELDS_MAX; i++)
		iov[n++] = (struct iovec) { (void *) fields[i], strlen(fields[i]) };
	if (sd_journal_sendv(iov, n) < 0)
		fprintf(stderr, "crashd: %s\n", message);
	return error;
}

int log_event(int priority, const char *msgid, const char *file, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error = log_eventv(priority, msgid, file, error, NULL, fmt, ap);
	va_end(ap);
	return error;
}

int log_event_fields(int priority, const char *msgid, const char *const *fields, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_eventv(priority, msgid, NULL, 0, fields, fmt, ap);
	va_end(ap);
	return 0;
}
