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

#include "log.h"
#include "manager.h"
#include "util.h"
#include "watch.h"

#define GENERATION_PATH "/sys/kernel/crash_reserve/generation"

static int on_quiet(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct manager *m = userdata;

	m->rearm_pending = false;
	(void) manager_rearm(m, m->rearm_why, m->rearm_mode);
	m->rearm_mode = ARM_IF_CHANGED;
	return 0;
}

void watch_trigger(struct manager *m, const char *why, enum arm_mode mode)
{
	uint64_t at = now_usec(CLOCK_MONOTONIC) + WATCH_QUIET_USEC;

	if (mode == ARM_RELOAD)
		m->rearm_mode = ARM_RELOAD;
	m->last_change_usec = now_usec(CLOCK_MONOTONIC);
	snprintf(m->rearm_why, sizeof(m->rearm_why), "%s", why);
	m->rearm_pending = true;
	if (!m->quiet_source) {
		if (sd_event_add_time(m->event, &m->quiet_source, CLOCK_MONOTONIC, at, 0, on_quiet, m) < 0)
			return;
		sd_event_source_set_enabled(m->quiet_source, SD_EVENT_ONESHOT);
		return;
	}
	sd_event_source_set_time(m->quiet_source, at);
	sd_event_source_set_enabled(m->quiet_source, SD_EVENT_ONESHOT);
}

static bool is_name_in(const char *path, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	/* "/" is the one directory whose children do not start with dir + "/". */
	if (n == 1)
		n = 0;
	return !strncmp(path, dir, n) && path[n] == '/' && streq(path + n + 1, name);
}

static int on_inotify(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct manager *m = userdata;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n = read(fd, buf, sizeof(buf));
	bool refresh = false;

	for (char *p = buf; n > 0 && p < buf + n; ) {
		struct inotify_event *e = (struct inotify_event *) p;

		/* Events were lost: one of them may have been ours. */
		if (e->mask & IN_Q_OVERFLOW) {
			refresh = true;
			watch_trigger(m, "the inotify queue overflowed", ARM_IF_CHANGED);
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
				watch_trigger(m, why, ARM_IF_CHANGED);
			}
			/* While the directory is missing, anything new beside it may be it. */
			snprintf(parent, sizeof(parent), "%s", w->dir);
			if (e->wd == w->parent_wd && (w->dir_wd < 0 || is_name_in(w->dir, dirname(parent), e->name))) {
				snprintf(why, sizeof(why), "%s was replaced", w->dir);
				watch_trigger(m, why, ARM_IF_CHANGED);
				refresh = true;
			}
		}
		p += sizeof(*e) + e->len;
	}
	/* The directory may be another one now: watch that. */
	if (refresh)
		watch_refresh(m);
	return 0;
}

static int on_generation(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct manager *m = userdata;
	char buf[32];

	/* sysfs_notify() wakes poll with POLLPRI; re-read to rearm it. */
	if (pread(fd, buf, sizeof(buf), 0) >= 0)
		watch_trigger(m, "the crash kernel region changed", ARM_RELOAD);
	return 0;
}

static int on_hotplug(sd_device_monitor *mon, sd_device *d, void *userdata)
{
	struct manager *m = userdata;
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
	watch_trigger(m, streq(subsystem, "cpu") ? "CPU hotplug" : "memory hotplug", ARM_RELOAD);
	return 0;
}

static void unwatch(struct manager *m, int *wd)
{
	if (*wd >= 0)
		inotify_rm_watch(m->inotify_fd, *wd);
	*wd = -1;
}

int watch_refresh(struct manager *m)
{
	_cleanup_free_ char *kernel = config_kernel_path(&m->config);
	const char *files[] = { kernel, m->config.initrd };

	for (size_t i = 0; i < ELEMENTSOF(m->watched); i++) {
		unwatch(m, &m->watched[i].dir_wd);
		unwatch(m, &m->watched[i].parent_wd);
		m->watched[i].path[0] = m->watched[i].dir[0] = '\0';
	}
	for (size_t i = 0; i < ELEMENTSOF(files) && i < ELEMENTSOF(m->watched); i++) {
		struct watched_file *w = &m->watched[i];
		char copy[PATH_MAX];

		if (!files[i])
			continue;
		snprintf(w->path, sizeof(w->path), "%s", files[i]);
		snprintf(copy, sizeof(copy), "%s", files[i]);
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
	return 0;
}

int watch_start(struct manager *m)
{
	int r;

	for (size_t i = 0; i < ELEMENTSOF(m->watched); i++)
		m->watched[i].dir_wd = m->watched[i].parent_wd = -1;
	m->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (m->inotify_fd < 0)
		return log_error_errno(-errno, "inotify_init1(): %m.");
	r = sd_event_add_io(m->event, &m->inotify_source, m->inotify_fd, EPOLLIN, on_inotify, m);
	if (r < 0)
		return log_error_errno(r, "Cannot watch files: %s.", strerror(-r));
	watch_refresh(m);

	/* The patched kernel says when the region changes. */
	m->generation_fd = open(GENERATION_PATH, O_RDONLY | O_CLOEXEC);
	if (m->generation_fd >= 0) {
		char buf[32];

		(void) !read(m->generation_fd, buf, sizeof(buf));
		r = sd_event_add_io(m->event, &m->generation_source, m->generation_fd, EPOLLPRI, on_generation, m);
		if (r < 0)
			log_error_errno(r, "Cannot watch %s: %s.", GENERATION_PATH, strerror(-r));
	}

	/* Hotplug, through udev; without udev (an initramfs) there is none to hear. */
	r = sd_device_monitor_new(&m->device_monitor);
	if (r >= 0)
		r = sd_device_monitor_filter_add_match_subsystem_devtype(m->device_monitor, "memory", NULL);
	if (r >= 0)
		r = sd_device_monitor_filter_add_match_subsystem_devtype(m->device_monitor, "cpu", NULL);
	if (r >= 0)
		r = sd_device_monitor_attach_event(m->device_monitor, m->event);
	if (r >= 0)
		r = sd_device_monitor_start(m->device_monitor, on_hotplug, m);
	if (r < 0) {
		m->device_monitor = sd_device_monitor_unref(m->device_monitor);
		log_event(LOG_WARNING, NULL, NULL, r,
			  "Cannot listen to udev for memory and CPU hotplug (%s); after a hotplug on a kernel "
			  "without crash_hotplug, run 'crashctl arm'.", strerror(-r));
	}
	return 0;
}

void watch_stop(struct manager *m)
{
	sd_event_source_unref(m->quiet_source);
	sd_event_source_unref(m->inotify_source);
	sd_event_source_unref(m->generation_source);
	sd_device_monitor_unref(m->device_monitor);
	if (m->inotify_fd >= 0)
		close(m->inotify_fd);
	if (m->generation_fd >= 0)
		close(m->generation_fd);
}
