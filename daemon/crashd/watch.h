/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What makes crashd arm again: the configured files changing (as package
 * managers write them: a temporary file renamed over, several in a burst,
 * removed and added again), the region changing, memory or CPU hotplug
 * the kernel does not handle itself. The watcher owns its event sources
 * and reports once per burst, after a quiet period, through a callback;
 * it knows nothing of what its owner does then.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <systemd/sd-event.h>

/* A burst is over when nothing has happened for this long. */
#define WATCH_QUIET_USEC (200 * 1000)

struct watch;

struct watch_burst {
	const char *why;		/* the last change of the burst, for the log */
	bool reload;			/* some change needs the image loaded again */
	uint64_t last_change_usec;	/* CLOCK_MONOTONIC */
};

typedef void (*watch_handler_t)(const struct watch_burst *burst, void *userdata);

/* Starts watching the region and hotplug; files come with watch_files(). */
int watch_new(struct watch **ret, sd_event *event, watch_handler_t handler, void *userdata);
struct watch *watch_free(struct watch *w);
/* Watches these files (NULL entries are skipped) instead of the previous ones. */
int watch_files(struct watch *w, const char *const *paths, size_t n);
/* Something changed: report it once things are quiet. */
void watch_trigger(struct watch *w, const char *why, bool reload);
