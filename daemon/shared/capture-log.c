// SPDX-License-Identifier: GPL-2.0-only
/*
 * The log is the kernel's, so it is read by the kernel's and the
 * collector's own words: "elfcorehdr=" on the command line marks a capture
 * kernel, the collector's "saved ... (complete)" a success, and the first
 * of the known failure lines the cause. Lines are taken as they come,
 * with or without a "[  1.234567] " time stamp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture-log.h"
#include "util.h"

#define TAIL_LINES 12

static const struct {
	const char *needle;
	enum capture_cause cause;
} failures[] = {
	{ "invoked oom-killer", CAPTURE_OUT_OF_MEMORY },
	{ "Out of memory", CAPTURE_OUT_OF_MEMORY },
	{ "Kernel panic - not syncing: System is deadlocked on memory", CAPTURE_OUT_OF_MEMORY },
	{ "crashd-collect: dump target ", CAPTURE_TARGET_MISSING },
	{ "crashd-collect: remote target ", CAPTURE_REMOTE_FAILED },
	{ "Kernel panic - not syncing: ", CAPTURE_PANIC },
	{ "Oops: ", CAPTURE_PANIC },
	{ "BUG: ", CAPTURE_PANIC },
};

const char *capture_cause_name(enum capture_cause cause)
{
	static const char *const names[] = {
		[CAPTURE_SAVED] = "saved",
		[CAPTURE_PARTIAL] = "partial",
		[CAPTURE_OUT_OF_MEMORY] = "out-of-memory",
		[CAPTURE_TARGET_MISSING] = "target-missing",
		[CAPTURE_REMOTE_FAILED] = "remote-failed",
		[CAPTURE_PANIC] = "panic",
		[CAPTURE_UNKNOWN] = "unknown",
	};

	return cause <= CAPTURE_UNKNOWN ? names[cause] : "unknown";
}

/*
 * "[   12.345678] text" gives 12345 and "text", after a syslog level
 * ("<6>") as ramoops' dmesg records have it; other lines give themselves.
 */
static const char *strip_stamp(const char *line, unsigned long *ms)
{
	unsigned long s, us;
	int n = 0;

	if (line[0] == '<' && line[1] >= '0' && line[1] <= '9') {
		const char *close = strchr(line, '>');

		if (close && close - line <= 4)
			line = close + 1;
	}
	if (sscanf(line, "[ %lu.%lu]%n", &s, &us, &n) == 2 && n > 0) {
		*ms = s * 1000 + us / 1000;
		return line + n + (line[n] == ' ');
	}
	return line;
}

static void take_boot_id(const char *line, struct capture_log *log)
{
	const char *id = strstr(line, "crashd.boot_id=");

	if (!id)
		return;
	id += strlen("crashd.boot_id=");
	snprintf(log->boot_id, sizeof(log->boot_id), "%.*s", (int) strcspn(id, " \t\r\n"), id);
}

static void take_line(const char *line, struct capture_log *log)
{
	if (strstr(line, "Command line: ") && strstr(line, "elfcorehdr=")) {
		log->is_capture = true;
		take_boot_id(line, log);
	}
	if (strstr(line, "crashd-collect: saved ")) {
		log->cause = strstr(line, "(complete)") ? CAPTURE_SAVED : CAPTURE_PARTIAL;
		snprintf(log->detail, sizeof(log->detail), "%.*s", (int) sizeof(log->detail) - 1, line);
		return;
	}
	/* The first failure is the cause; what follows is its consequence. */
	if (log->cause != CAPTURE_UNKNOWN || log->detail[0])
		return;
	for (size_t i = 0; i < ELEMENTSOF(failures); i++)
		if (strstr(line, failures[i].needle)) {
			log->cause = failures[i].cause;
			snprintf(log->detail, sizeof(log->detail), "%.*s", (int) sizeof(log->detail) - 1, line);
			return;
		}
}

void capture_log_parse(const char *text, size_t len, struct capture_log *log)
{
	const char *lines[TAIL_LINES] = {};
	size_t line_len[TAIL_LINES] = {};
	size_t n = 0, at = 0;
	char buf[512];

	memset(log, 0, sizeof(*log));
	log->cause = CAPTURE_UNKNOWN;
	while (at < len) {
		const char *s = text + at, *end = memchr(s, '\n', len - at);
		size_t l = end ? (size_t) (end - s) : len - at;
		unsigned long ms = 0;
		const char *body;

		at += l + 1;
		if (!l)
			continue;
		snprintf(buf, sizeof(buf), "%.*s", (int) (l < sizeof(buf) ? l : sizeof(buf) - 1), s);
		body = strip_stamp(buf, &ms);
		if (ms)
			log->last_ms = ms;
		take_line(body, log);
		/* The tail tells what happened, not through which functions. */
		if (body[0] == ' ' || body[0] == '\t' || strstr(body, "<TASK>") || strstr(body, "</TASK>") ||
		    startswith(body, "Call Trace:"))
			continue;
		lines[n % TAIL_LINES] = s;
		line_len[n % TAIL_LINES] = l;
		n++;
	}
	for (size_t i = n > TAIL_LINES ? n - TAIL_LINES : 0; i < n; i++) {
		size_t used = strlen(log->tail);

		snprintf(log->tail + used, sizeof(log->tail) - used, "%.*s\n",
			 (int) (line_len[i % TAIL_LINES] < 200 ? line_len[i % TAIL_LINES] : 200), lines[i % TAIL_LINES]);
	}
}
