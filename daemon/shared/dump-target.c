// SPDX-License-Identifier: GPL-2.0-only
/*
 * Without Target=, the dump goes to the file system that holds Directory=:
 * found in mountinfo, identified by its UUID (read from its superblock, as
 * the collector will), with the drivers of its device found by walking
 * sysfs from the block device up, so a modular kernel gets its modules.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dump-target.h"
#include "fs-probe.h"
#include "util.h"

int mountinfo_find(const char *mountinfo_text, const char *path, struct mount_entry *best)
{
	_cleanup_free_ char *text = strdup(mountinfo_text);
	size_t best_len = 0;

	if (!text)
		return -ENOMEM;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		struct mount_entry e = {};
		char *dash = strstr(l, " - ");
		size_t len;

		if (!dash || sscanf(l, "%*u %*u %u:%u %4095s %4095s", &e.major, &e.minor, e.root, e.point) != 4 ||
		    sscanf(dash + 3, "%31s", e.fstype) != 1)
			continue;
		len = strlen(e.point);
		if (strncmp(path, e.point, len) || (path[len] != '/' && path[len] && len != 1))
			continue;
		if (len >= best_len) {
			*best = e;
			best_len = len;
		}
	}
	return best_len ? 0 : -ENOENT;
}

/* Every driver module from the block device up to the bus. */
static int device_modules(const char *sysfs, unsigned major, unsigned minor, struct strv *mods)
{
	char path[PATH_MAX], real[PATH_MAX];

	snprintf(path, sizeof(path), "%s/dev/block/%u:%u", sysfs, major, minor);
	if (!realpath(path, real))
		return -errno;
	for (char *end = real + strlen(real); end > real; ) {
		char link[PATH_MAX + 32], target[PATH_MAX];
		ssize_t n;

		snprintf(link, sizeof(link), "%s/driver/module", real);
		n = readlink(link, target, sizeof(target) - 1);
		if (n > 0) {
			target[n] = '\0';
			if (strv_push_unique(mods, strrchr(target, '/') ? strrchr(target, '/') + 1 : target) < 0)
				return -ENOMEM;
		}
		end = strrchr(real, '/');
		if (!end)
			break;
		*end = '\0';
	}
	return 0;
}

static int device_name(const char *sysfs, unsigned major, unsigned minor, char *out, size_t len)
{
	_cleanup_free_ char *uevent = NULL, *path = NULL;
	const char *dn;

	if (asprintf(&path, "%s/dev/block/%u:%u/uevent", sysfs, major, minor) < 0)
		return -ENOMEM;
	if (read_full_file(path, &uevent, NULL) < 0 || !(dn = strstr(uevent, "DEVNAME=")))
		return -ENOENT;
	snprintf(out, len, "/dev/%.*s", (int) strcspn(dn + 8, "\n"), dn + 8);
	return 0;
}

/*
 * udev has read the superblock already: its database has the UUID, and
 * reading it needs no access to the device, which crashd.service does not
 * have (PrivateDevices=). Without udev, the device is probed directly.
 */
static int udev_fs_id(unsigned major, unsigned minor, struct fs_id *id)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	const char *u, *t;

	if (asprintf(&path, "/run/udev/data/b%u:%u", major, minor) < 0)
		return -ENOMEM;
	if (read_full_file(path, &text, NULL) < 0 || !(u = strstr(text, "\nE:ID_FS_UUID=")))
		return -ENOENT;
	memset(id, 0, sizeof(*id));
	snprintf(id->uuid, sizeof(id->uuid), "%.*s", (int) strcspn(u + 14, "\n"), u + 14);
	if ((t = strstr(text, "\nE:ID_FS_TYPE=")))
		snprintf(id->type, sizeof(id->type), "%.*s", (int) strcspn(t + 14, "\n"), t + 14);
	return 0;
}

/* "@fix PATH": the fix names the configuration file actually read. */
static const char *fix_in(char *buf, size_t len, const char *fix, const struct crashd_config *c)
{
	snprintf(buf, len, "%s %s", fix, config_source(c));
	return buf;
}

int dump_target_resolve(const struct crashd_config *c, const char *sysfs, const char *mountinfo,
			struct dump_target *t, struct problem *p)
{
	char fix[PATH_MAX + 96];
	_cleanup_free_ char *text = NULL;
	struct mount_entry m;
	struct fs_id id;
	char real[PATH_MAX];
	int r;

	memset(t, 0, sizeof(*t));
	if (c->dump_target) {
		/* Given: the collector finds it; the directory is inside it. */
		snprintf(t->spec, sizeof(t->spec), "%s", c->dump_target);
		snprintf(t->dir, sizeof(t->dir), "%s", c->dump_dir);
		if (!startswith(c->dump_target, "UUID=") && !startswith(c->dump_target, "LABEL=") &&
		    c->dump_target[0] != '/')
			return problem(p, -EINVAL, "write UUID=..., LABEL=... or a device path",
				       "Target=%s is neither UUID=, LABEL= nor a device", c->dump_target);
		return 0;
	}

	if (!realpath(c->dump_dir, real))
		return problem(p, -errno, fix_in(fix, sizeof(fix), "create it (mkdir -p), or set Directory= in", c),
			       "the dump directory %s: %s", c->dump_dir, strerror(errno));
	r = read_full_file(mountinfo, &text, NULL);
	if (r >= 0)
		r = mountinfo_find(text, real, &m);
	if (r < 0)
		return problem(p, r, NULL, "cannot find the file system holding %s in %s", real, mountinfo);
	if (!m.major)
		return problem(p, -EINVAL, fix_in(fix, sizeof(fix), "mount a disk file system there, or set Target= in", c),
			       "%s is on %s (%s), which does not survive a reboot", real, m.point, m.fstype);
	r = device_name(sysfs, m.major, m.minor, t->device, sizeof(t->device));
	if (r < 0)
		return problem(p, r, fix_in(fix, sizeof(fix), "set Target= in", c),
			       "the device %u:%u holding %s is not in %s/dev/block", m.major, m.minor, real, sysfs);
	r = udev_fs_id(m.major, m.minor, &id);
	if (r < 0)
		r = fs_probe_device(t->device, &id);
	if (r == -ENODATA)
		return problem(p, r, "use ext4, XFS or btrfs for the dump directory, or set Target=",
			       "cannot identify the file system on %s (%s): the collector reads ext2/3/4, XFS and btrfs",
			       t->device, m.fstype);
	if (r < 0)
		return problem(p, r, r == -EACCES || r == -EPERM ? "run it as root" : NULL,
			       "cannot read %s to identify its file system (%s): %s", t->device, m.fstype, strerror(-r));
	snprintf(t->spec, sizeof(t->spec), "UUID=%s", id.uuid);
	snprintf(t->fstype, sizeof(t->fstype), "%s", m.fstype);
	/*
	 * The directory as seen from the file system's root: what is mounted
	 * (a bind mount, as crashd.service's ReadWritePaths= makes, mounts a
	 * directory) and the rest of the path below the mount point.
	 */
	{
		const char *rest = streq(m.point, "/") ? real : real + strlen(m.point);

		if (snprintf(t->dir, sizeof(t->dir), "%s%s", streq(m.root, "/") ? "" : m.root, rest) >=
		    (int) sizeof(t->dir))
			return problem(p, -ENAMETOOLONG, fix_in(fix, sizeof(fix), "choose a shorter Directory= in", c),
				       "the dump directory's path on its file system is too long");
		if (!t->dir[0])
			snprintf(t->dir, sizeof(t->dir), "/");
	}
	if (strv_push_unique(&t->modules, m.fstype) < 0 || device_modules(sysfs, m.major, m.minor, &t->modules) < 0)
		return problem(p, -ENOMEM, NULL, "out of memory");
	return 0;
}

void dump_target_free(struct dump_target *t)
{
	strv_free(&t->modules);
}
