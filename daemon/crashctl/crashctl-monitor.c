// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl monitor: the kernel's crash_reserve events as they come, and
 * the kernel's view of the armed image, which crashctl status shows too.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crash-netlink.h"
#include "crashctl.h"
#include "util.h"

json_object *crash_nl_state_json(const struct crash_nl_state *st)
{
	json_object *o = json_object_new_object(), *img;
	const struct crash_nl_image *i = &st->image;

	json_object_object_add(o, "generation", json_object_new_uint64(st->generation));
	json_object_object_add(o, "event", json_object_new_string(crash_nl_event_name(st->event)));
	json_object_object_add(o, "region_base", json_object_new_uint64(st->region_base));
	json_object_object_add(o, "region_size", json_object_new_uint64(st->region_size));
	json_object_object_add(o, "low_base", json_object_new_uint64(st->low_base));
	json_object_object_add(o, "low_size", json_object_new_uint64(st->low_size));
	json_object_object_add(o, "policy", json_object_new_string(st->policy));
	json_object_object_add(o, "reason", json_object_new_string(st->reason));
	json_object_object_add(o, "loaded", json_object_new_boolean(st->loaded));
	json_object_object_add(o, "crash_swap", json_object_new_boolean(st->features & CRASH_RESERVE_FEATURE_CRASH_SWAP));
	if (!st->loaded)
		return o;
	img = json_object_new_object();
	json_object_object_add(img, "syscall", json_object_new_string(crash_nl_syscall_name(i->syscall)));
	json_object_object_add(img, "loaded_at", json_object_new_uint64(i->loaded_at));
	if (i->has_kernel_sha256)
		json_object_object_add(img, "kernel_sha256", json_object_new_string(i->kernel_sha256));
	if (i->has_initrd_sha256)
		json_object_object_add(img, "initrd_sha256", json_object_new_string(i->initrd_sha256));
	if (i->has_segments_sha256)
		json_object_object_add(img, "segments_sha256", json_object_new_string(i->segments_sha256));
	json_object_object_add(img, "cmdline", json_object_new_string(i->cmdline));
	json_object_object_add(img, "nr_segments", json_object_new_uint64(i->nr_segments));
	json_object_object_add(img, "segment_bytes", json_object_new_uint64(i->segment_bytes));
	json_object_object_add(img, "hotplug_update", json_object_new_boolean(i->hotplug_update));
	json_object_object_add(img, "loaded_beside", json_object_new_boolean(i->loaded_beside));
	json_object_object_add(o, "image", img);
	return o;
}

struct monitor {
	bool json;
	unsigned seen, count;
};

static void print_event(const struct crash_nl_state *st, void *userdata)
{
	struct monitor *mon = userdata;
	char size[FORMAT_BYTES_MAX];

	mon->seen++;
	if (mon->json) {
		json_object *o = crash_nl_state_json(st);

		/* One object per line, for scripts. */
		printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		printf("generation %" PRIu64 ": %s; region %s", st->generation, crash_nl_event_name(st->event),
		       format_bytes(size, sizeof(size), st->region_size));
		if (st->loaded)
			printf("; armed by %s, kernel sha256 %.12s, %" PRIu32 " segments",
			       crash_nl_syscall_name(st->image.syscall),
			       st->image.has_kernel_sha256 ? st->image.kernel_sha256 : "-", st->image.nr_segments);
		else
			printf("; nothing armed");
		printf("\n");
	}
	fflush(stdout);
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

int verb_monitor(int argc, char **argv)
{
	struct monitor mon = {};
	struct crash_nl *nl = NULL;
	struct problem p = {};
	unsigned timeout = 0;
	time_t end;
	int r;

	for (int i = 1; i < argc; i++) {
		if (streq(argv[i], "--json"))
			mon.json = true;
		else if (streq(argv[i], "--count") && i + 1 < argc)
			mon.count = strtoul(argv[++i], NULL, 10);
		else if (streq(argv[i], "--timeout") && i + 1 < argc)
			timeout = strtoul(argv[++i], NULL, 10);
		else
			return usage_error("monitor", "unexpected argument '%s'", argv[i]);
	}
	r = crash_nl_open(&nl, &p);
	if (r >= 0)
		r = crash_nl_subscribe(nl, &p);
	if (r < 0) {
		crash_nl_close(nl);
		return verb_fail("monitor", mon.json, CRASHCTL_EXIT_FAILED, p.fix, "%s", p.what);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	end = time(NULL) + timeout;
	while (!stop && (!mon.count || mon.seen < mon.count) && (!timeout || time(NULL) < end)) {
		struct pollfd pfd = { .fd = crash_nl_fd(nl), .events = POLLIN };

		if (poll(&pfd, 1, 1000) > 0 && (r = crash_nl_read_events(nl, print_event, &mon)) < 0) {
			crash_nl_close(nl);
			return verb_fail("monitor", mon.json, CRASHCTL_EXIT_FAILED, NULL, "reading the events: %s",
					 strerror(-r));
		}
	}
	crash_nl_close(nl);
	/* With --count, not seeing them all in time is a failure. */
	return mon.count && mon.seen < mon.count ? CRASHCTL_EXIT_FAILED : CRASHCTL_EXIT_OK;
}
