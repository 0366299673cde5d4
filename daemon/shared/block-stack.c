// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assemble.h"
#include "block-id.h"
#include "block-stack.h"
#include "udev-db.h"
#include "util.h"

/* LVM on MD on partitions is three; anything deeper is a loop in a damaged sysfs. */
#define STACK_DEPTH_MAX 8

struct walk {
	const char *sysfs, *udev_dir, *dev_dir;
	struct block_stack *s;
	struct problem *p;
};

int dm_name_vg(const char *dm_name, char *vg, size_t len)
{
	size_t n = 0;

	for (const char *c = dm_name; *c; c++) {
		if (c[0] == '-' && c[1] != '-')
			break;
		if (c[0] == '-')
			c++;
		if (n + 1 >= len)
			return -ENAMETOOLONG;
		vg[n++] = *c;
	}
	vg[n] = '\0';
	return n && n < strlen(dm_name) ? 0 : -EINVAL;
}

/* A sysfs attribute of the device directory @dir, first line. */
static int attr(const char *dir, const char *name, char *out, size_t len)
{
	_cleanup_free_ char *path = NULL, *line = NULL;
	int r;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	r = read_one_line_file(path, &line);
	if (r < 0)
		return r;
	snprintf(out, len, "%s", line);
	return 0;
}

/* Every driver module from the block device up to the bus. */
static int device_modules(const char *dir, struct strv *mods)
{
	char real[PATH_MAX];

	if (!realpath(dir, real))
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

static int walk(struct walk *w, unsigned major, unsigned minor, unsigned depth);

static int walk_slaves(struct walk *w, const char *dir, unsigned depth)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	int r;

	if (asprintf(&path, "%s/slaves", dir) < 0)
		return -ENOMEM;
	d = opendir(path);
	while (d && (de = readdir(d))) {
		_cleanup_free_ char *slave = NULL;
		char dev[32];
		unsigned ma, mi;

		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&slave, "%s/%s", path, de->d_name) < 0)
			return -ENOMEM;
		if (attr(slave, "dev", dev, sizeof(dev)) < 0 || sscanf(dev, "%u:%u", &ma, &mi) != 2)
			continue;
		r = walk(w, ma, mi, depth + 1);
		if (r < 0)
			return r;
	}
	return 0;
}

/* The array's UUID: udev's MD_UUID, or what a member's superblock says. */
static int md_uuid(struct walk *w, const char *dir, unsigned major, unsigned minor, char *uuid, size_t len)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;

	if (udev_db_property(w->udev_dir, major, minor, "MD_UUID", uuid, len) == 0)
		return 0;
	if (asprintf(&path, "%s/slaves", dir) < 0)
		return -ENOMEM;
	d = opendir(path);
	while (d && (de = readdir(d))) {
		_cleanup_free_ char *dev = NULL;
		struct block_id id;

		if (de->d_name[0] == '.' || asprintf(&dev, "%s/%s", w->dev_dir, de->d_name) < 0)
			continue;
		if (block_id_probe(dev, &id) == 0 && streq(id.type, "linux_raid_member") && id.uuid[0]) {
			snprintf(uuid, len, "%s", id.uuid);
			return 0;
		}
	}
	return -ENODATA;
}

static const char *md_personality(const char *level)
{
	if (streq(level, "raid4") || streq(level, "raid5") || streq(level, "raid6"))
		return "raid456";
	return level;		/* raid0, raid1, raid10, linear: the module's own name */
}

static int walk_md(struct walk *w, const char *dir, const char *name, unsigned major, unsigned minor,
		   unsigned depth)
{
	char level[32] = "", uuid[64];
	int r;

	r = walk_slaves(w, dir, depth);
	if (r < 0)
		return r;
	if (md_uuid(w, dir, major, minor, uuid, sizeof(uuid)) < 0)
		return problem(w->p, -ENODATA, "run it as root, or with udev running",
			       "cannot read the UUID of the MD array %s that holds the dump target", name);
	(void) attr(dir, "md/level", level, sizeof(level));
	if (strv_push_unique(&w->s->modules, "md_mod") < 0 ||
	    (level[0] && strv_push_unique(&w->s->modules, md_personality(level)) < 0))
		return -ENOMEM;
	r = assemble_list_add(w->s->assemble, sizeof(w->s->assemble), ASSEMBLE_MD, uuid);
	if (r == -ENAMETOOLONG)
		return problem(w->p, r, NULL, "the dump target is built of too many arrays");
	return r < 0 ? r : 0;
}

static int walk_dm(struct walk *w, const char *dir, const char *name, unsigned major, unsigned minor,
		   unsigned depth)
{
	char uuid[160] = "", dm_name[128] = "", vg[128];
	int r;

	(void) attr(dir, "dm/uuid", uuid, sizeof(uuid));
	(void) attr(dir, "dm/name", dm_name, sizeof(dm_name));
	if (startswith(uuid, "CRYPT-"))
		return problem(w->p, -ENOKEY, NULL, "the dump target is encrypted (%s, dm-crypt): the capture kernel has no key to open it",
			       dm_name);
	if (!startswith(uuid, "LVM-"))
		return problem(w->p, -EOPNOTSUPP, "keep dumps on a plain partition, an LVM volume or an MD array",
			       "the dump target is on the device-mapper device %s (%s), which the capture system "
			       "cannot set up", dm_name, uuid[0] ? uuid : "no UUID");
	if (udev_db_property(w->udev_dir, major, minor, "DM_VG_NAME", vg, sizeof(vg)) < 0 &&
	    dm_name_vg(dm_name, vg, sizeof(vg)) < 0)
		return problem(w->p, -EINVAL, NULL, "cannot tell the volume group of %s (%s)", name, dm_name);
	r = walk_slaves(w, dir, depth);
	if (r < 0)
		return r;
	if (strv_push_unique(&w->s->modules, "dm_mod") < 0)
		return -ENOMEM;
	r = assemble_list_add(w->s->assemble, sizeof(w->s->assemble), ASSEMBLE_LVM, vg);
	if (r == -ENAMETOOLONG)
		return problem(w->p, r, NULL, "the dump target is built of too many volumes");
	return r < 0 ? r : 0;
}

static int walk(struct walk *w, unsigned major, unsigned minor, unsigned depth)
{
	_cleanup_free_ char *dir = NULL, *md = NULL, *dm = NULL;
	char real[PATH_MAX];
	const char *name;

	if (depth > STACK_DEPTH_MAX)
		return problem(w->p, -ELOOP, NULL, "the dump target's devices are stacked deeper than %d",
			       STACK_DEPTH_MAX);
	if (asprintf(&dir, "%s/dev/block/%u:%u", w->sysfs, major, minor) < 0)
		return -ENOMEM;
	if (!realpath(dir, real))
		return problem(w->p, -errno, NULL, "the device %u:%u is not in %s/dev/block", major, minor, w->sysfs);
	name = strrchr(real, '/') + 1;
	if (asprintf(&md, "%s/md", real) < 0 || asprintf(&dm, "%s/dm", real) < 0)
		return -ENOMEM;
	if (access(md, F_OK) == 0)
		return walk_md(w, real, name, major, minor, depth);
	if (access(dm, F_OK) == 0)
		return walk_dm(w, real, name, major, minor, depth);
	return device_modules(real, &w->s->modules) < 0 ? -ENOMEM : 0;
}

int block_stack_walk(const char *sysfs, const char *udev_dir, const char *dev_dir, unsigned major,
		     unsigned minor, struct block_stack *s, struct problem *p)
{
	struct walk w = { .sysfs = sysfs, .udev_dir = udev_dir, .dev_dir = dev_dir, .s = s, .p = p };

	memset(s, 0, sizeof(*s));
	return walk(&w, major, minor, 0);
}

void block_stack_free(struct block_stack *s)
{
	strv_free(&s->modules);
}
