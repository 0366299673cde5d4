// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <systemd/sd-device.h>
#include <time.h>

#include <linux/crash_reserve.h>

#include "crash-netlink.h"
#include "log.h"
#include "util.h"
#include "watch.h"

#define GENERATION_PATH CRASH_RESERVE_SYSFS_DIR "/generation"
#define WATCHED_MAX 3	/* the kernel, crashd's capture kernel (Image=auto) and the initramfs */

/*
 * A configured file, watched through its directory (a file renamed over it)
 * and that directory's parent (the directory itself replaced, or a symlink
 * to it swapped, as deployment tools do).
 */
struct watched_file {
	char path[PATH_MAX];
	char dir[PATH_MAX];
	int dir_wd;
	int parent_wd;
};

struct watch {
	sd_event *event;
	watch_handler_t handler;
	void *userdata;

	int inotify_fd;
	sd_event_source *inotify_source;
	struct watched_file watched[WATCHED_MAX];
	int generation_fd;
	sd_event_source *generation_source;
	/* The kernel's crash_reserve events, where the family exists. */
	struct crash_nl *nl;
	sd_event_source *nl_source;
	sd_device_monitor *device_monitor;

	/* The burst being debounced. */
	sd_event_source *quiet_source;
	char why[PATH_MAX + 32];
	bool reload;
	uint64_t last_change_usec;
};

static int on_quiet(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct watch *w = userdata;
	struct watch_burst burst = { .why = w->why, .reload = w->reload, .last_change_usec = w->last_change_usec };

	w->reload = false;
	w->handler(&burst, w->userdata);
	return 0;
}

void watch_trigger(struct watch *w, const char *why, bool reload)
{
	uint64_t at = now_usec(CLOCK_MONOTONIC) + WATCH_QUIET_USEC;

	w->reload |= reload;
	w->last_change_usec = now_usec(CLOCK_MONOTONIC);
	snprintf(w->why, sizeof(w->why), "%s", why);
	if (!w->quiet_source) {
		if (sd_event_add_time(w->event, &w->quiet_source, CLOCK_MONOTONIC, at, 0, on_quiet, w) < 0)
			return;
		sd_event_source_set_enabled(w->quiet_source, SD_EVENT_ONESHOT);
		return;
	}
	sd_event_source_set_time(w->quiet_source, at);
	sd_event_source_set_enabled(w->quiet_source, SD_EVENT_ONESHOT);
}

static bool is_name_in(const char *path, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	/* "/" is the one directory whose children do not start with dir + "/". */
	if (n == 1)
		n = 0;
	return !strncmp(path, dir, n) && path[n] == '/' && streq(path + n + 1, name);
}

static void refresh_watches(struct watch *w);

static int on_inotify(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct watch *m = userdata;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n = read(fd, buf, sizeof(buf));
	bool refresh = false;

	for (char *p = buf; n > 0 && p < buf + n; ) {
		struct inotify_event *e = (struct inotify_event *) p;

		/* Events were lost: one of them may have been ours. */
		if (e->mask & IN_Q_OVERFLOW) {
			refresh = true;
			watch_trigger(m, "the inotify queue overflowed", false);
		}
		for (size_t i = 0; i < ELEMENTSOF(m->watched); i++) {
			struct watched_file *w = &m->watched[i];
			char parent[PATH_MAX], why[PATH_MAX + 32];

			if (!w->path[0])
				continue;
			/* The directory went away (removed, or its file system unmounted). */
			if (e->wd == w->dir_wd && (e->mask & IN_IGNORED)) {
				w->dir_wd = -1;
				refresh = true;
			}
			if (!e->len)
				continue;
			if (e->wd == w->dir_wd && is_name_in(w->path, w->dir, e->name)) {
				snprintf(why, sizeof(why), "%s changed", w->path);
				watch_trigger(m, why, false);
			}
			/* While the directory is missing, anything new beside it may be it. */
			snprintf(parent, sizeof(parent), "%s", w->dir);
			if (e->wd == w->parent_wd && (w->dir_wd < 0 || is_name_in(w->dir, dirname(parent), e->name))) {
				snprintf(why, sizeof(why), "%s was replaced", w->dir);
				watch_trigger(m, why, false);
				refresh = true;
			}
		}
		p += sizeof(*e) + e->len;
	}
	/* The directory may be another one now: watch that. */
	if (refresh)
		refresh_watches(m);
	return 0;
}

static int on_generation(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct watch *w = userdata;
	char buf[32];

	/* sysfs_notify() wakes poll with POLLPRI; re-read to rearm it. */
	if (pread(fd, buf, sizeof(buf), 0) >= 0)
		watch_trigger(w, "the crash kernel region changed", true);
	return 0;
}

static int on_hotplug(sd_device_monitor *mon, sd_device *d, void *userdata)
{
	struct watch *w = userdata;
	_cleanup_free_ char *text = NULL;
	const char *subsystem = NULL;
	char path[64];

	if (sd_device_get_subsystem(d, &subsystem) < 0)
		return 0;
	/*
	 * Since 6.6 the kernel updates the crash ELF header itself, per
	 * subsystem; older kernels (Debian 12's 6.1) leave it stale.
	 */
	snprintf(path, sizeof(path), "/sys/devices/system/%s/crash_hotplug", subsystem);
	if (read_full_file(path, &text, NULL) == 0 && text[0] == '1')
		return 0;
	watch_trigger(w, streq(subsystem, "cpu") ? "CPU hotplug" : "memory hotplug", true);
	return 0;
}

static void unwatch(struct watch *w, int *wd)
{
	if (*wd >= 0)
		inotify_rm_watch(w->inotify_fd, *wd);
	*wd = -1;
}

static void watch_one(struct watch *m, struct watched_file *w, const char *path)
{
	char copy[PATH_MAX];

	snprintf(w->path, sizeof(w->path), "%s", path);
	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(w->dir, sizeof(w->dir), "%s", dirname(copy));
	/*
	 * IN_MASK_ADD: the kernel's directory may be the initramfs
	 * directory's parent, and one inode has one watch.
	 */
	w->dir_wd = inotify_add_watch(m->inotify_fd, w->dir, IN_MASK_ADD | IN_CLOSE_WRITE | IN_MOVED_TO |
				      IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB);
	/* A missing directory is looked for through its parent. */
	if (w->dir_wd < 0 && errno != ENOENT)
		log_event(LOG_WARNING, NULL, w->dir, -errno,
			  "Cannot watch %s (%m); changes to %s need 'crashctl arm'.", w->dir, w->path);
	snprintf(copy, sizeof(copy), "%s", w->dir);
	if (!streq(w->dir, "/"))
		w->parent_wd = inotify_add_watch(m->inotify_fd, dirname(copy), IN_MASK_ADD | IN_MOVED_TO |
						 IN_MOVED_FROM | IN_CREATE | IN_DELETE);
}

int watch_files(struct watch *w, const char *const *paths, size_t n)
{
	for (size_t i = 0; i < WATCHED_MAX; i++) {
		unwatch(w, &w->watched[i].dir_wd);
		unwatch(w, &w->watched[i].parent_wd);
		w->watched[i].path[0] = w->watched[i].dir[0] = '\0';
	}
	for (size_t i = 0; i < n && i < WATCHED_MAX; i++)
		if (paths[i])
			watch_one(w, &w->watched[i], paths[i]);
	return n > WATCHED_MAX ? -E2BIG : 0;
}

/* The same files again: their directories may be other ones now. */
static void refresh_watches(struct watch *w)
{
	char paths[WATCHED_MAX][PATH_MAX];
	const char *p[WATCHED_MAX];

	for (size_t i = 0; i < WATCHED_MAX; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s", w->watched[i].path);
		p[i] = paths[i][0] ? paths[i] : NULL;
	}
	(void) watch_files(w, p, WATCHED_MAX);
}

static void on_kernel_event(const struct crash_nl_state *st, void *userdata)
{
	struct watch *w = userdata;

	/* Loads and unloads are crashd's own doing; hotplug the kernel handled. */
	if (st->event == CRASH_RESERVE_EVENT_SHRINK)
		watch_trigger(w, "the crash kernel region shrank", true);
}

static int on_netlink(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct watch *w = userdata;
	int r = crash_nl_read_events(w->nl, on_kernel_event, w);

	if (r < 0)
		log_error_errno(r, "Reading the kernel's crash_reserve events failed: %s.", strerror(-r));
	return 0;
}

/* The kernel's events, instead of polling sysfs: 1 when subscribed. */
static int watch_netlink(struct watch *w)
{
	struct problem p = {};
	int r;

	r = crash_nl_open(&w->nl, &p);
	if (r >= 0)
		r = crash_nl_subscribe(w->nl, &p);
	if (r >= 0)
		r = sd_event_add_io(w->event, &w->nl_source, crash_nl_fd(w->nl), EPOLLIN, on_netlink, w);
	if (r >= 0)
		return 1;
	if (r != -EOPNOTSUPP)
		log_event(LOG_WARNING, NULL, NULL, r, "Cannot hear the kernel's crash_reserve events (%s); "
			  "watching sysfs instead.", p.what[0] ? p.what : strerror(-r));
	crash_nl_close(w->nl);
	w->nl = NULL;
	return 0;
}

/* The patched kernel says when the region changes: by netlink, or in sysfs. */
static void watch_region(struct watch *w)
{
	char buf[32];
	int r;

	if (watch_netlink(w) > 0)
		return;
	w->generation_fd = open(GENERATION_PATH, O_RDONLY | O_CLOEXEC);
	if (w->generation_fd < 0)
		return;
	(void) !read(w->generation_fd, buf, sizeof(buf));
	r = sd_event_add_io(w->event, &w->generation_source, w->generation_fd, EPOLLPRI, on_generation, w);
	if (r < 0)
		log_error_errno(r, "Cannot watch %s: %s.", GENERATION_PATH, strerror(-r));
}

/* Hotplug, through udev; without udev (an initramfs) there is none to hear. */
static void watch_hotplug(struct watch *w)
{
	int r;

	r = sd_device_monitor_new(&w->device_monitor);
	if (r >= 0)
		r = sd_device_monitor_filter_add_match_subsystem_devtype(w->device_monitor, "memory", NULL);
	if (r >= 0)
		r = sd_device_monitor_filter_add_match_subsystem_devtype(w->device_monitor, "cpu", NULL);
	if (r >= 0)
		r = sd_device_monitor_attach_event(w->device_monitor, w->event);
	if (r >= 0)
		r = sd_device_monitor_start(w->device_monitor, on_hotplug, w);
	if (r < 0) {
		w->device_monitor = sd_device_monitor_unref(w->device_monitor);
		log_event(LOG_WARNING, NULL, NULL, r,
			  "Cannot listen to udev for memory and CPU hotplug (%s); after a hotplug on a kernel "
			  "without crash_hotplug, run 'crashctl arm'.", strerror(-r));
	}
}

int watch_new(struct watch **ret, sd_event *event, watch_handler_t handler, void *userdata)
{
	struct watch *w = calloc(1, sizeof(*w));
	int r;

	if (!w)
		return -ENOMEM;
	w->event = sd_event_ref(event);
	w->handler = handler;
	w->userdata = userdata;
	w->generation_fd = -EBADF;
	for (size_t i = 0; i < WATCHED_MAX; i++)
		w->watched[i].dir_wd = w->watched[i].parent_wd = -1;
	w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->inotify_fd < 0) {
		r = log_error_errno(-errno, "inotify_init1(): %m.");
		goto fail;
	}
	r = sd_event_add_io(event, &w->inotify_source, w->inotify_fd, EPOLLIN, on_inotify, w);
	if (r < 0) {
		log_error_errno(r, "Cannot watch files: %s.", strerror(-r));
		goto fail;
	}
	watch_region(w);
	watch_hotplug(w);
	*ret = w;
	return 0;
fail:
	watch_free(w);
	return r;
}

struct watch *watch_free(struct watch *w)
{
	if (!w)
		return NULL;
	sd_event_source_unref(w->quiet_source);
	sd_event_source_unref(w->inotify_source);
	sd_event_source_unref(w->generation_source);
	sd_event_source_unref(w->nl_source);
	crash_nl_close(w->nl);
	sd_device_monitor_unref(w->device_monitor);
	if (w->inotify_fd >= 0)
		close(w->inotify_fd);
	if (w->generation_fd >= 0)
		close(w->generation_fd);
	sd_event_unref(w->event);
	free(w);
	return NULL;
}
