// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where the dump goes, as the collector will find it. Without Target=: the
 * file system that holds Directory=, found in mountinfo and named by its
 * UUID. With it: the device it names, looked up now. Either way the device
 * stack below (MD, LVM) and every driver on the way come from sysfs, and
 * what udev or libblkid says identifies the file system.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "block-id.h"
#include "block-stack.h"
#include "dump-target.h"
#include "remote-target.h"
#include "udev-db.h"
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
		    sscanf(dash + 3, "%31s %4095s", e.fstype, e.source) < 1)
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

static int device_name(const struct dump_target_env *env, unsigned major, unsigned minor, char *out, size_t len)
{
	_cleanup_free_ char *uevent = NULL, *path = NULL;
	const char *dn;

	if (asprintf(&path, "%s/dev/block/%u:%u/uevent", env->sysfs, major, minor) < 0)
		return -ENOMEM;
	if (read_full_file(path, &uevent, NULL) < 0 || !(dn = strstr(uevent, "DEVNAME=")))
		return -ENOENT;
	snprintf(out, len, "%s/%.*s", env->dev_dir, (int) strcspn(dn + 8, "\n"), dn + 8);
	return 0;
}

/* The block device of a btrfs mount, from its source (/dev/NAME) in sysfs: crashd sees no /dev. */
static void btrfs_device(const struct dump_target_env *env, struct mount_entry *m)
{
	_cleanup_free_ char *path = NULL, *line = NULL;

	if (!startswith(m->source, "/dev/") || strchr(m->source + 5, '/') ||
	    asprintf(&path, "%s/class/block/%s/dev", env->sysfs, m->source + 5) < 0)
		return;
	if (read_one_line_file(path, &line) < 0 || sscanf(line, "%u:%u", &m->major, &m->minor) != 2)
		m->major = m->minor = 0;
}

/* udev has probed the device already; without udev it is probed here (as root). */
static int identify(const struct dump_target_env *env, unsigned major, unsigned minor, const char *device,
		    struct block_id *id)
{
	if (udev_db_block_id(env->udev_dir, major, minor, id) == 0)
		return 0;
	return block_id_probe(device, id);
}

/* "@fix PATH": the fix names the configuration file actually read. */
static const char *fix_in(char *buf, size_t len, const char *fix, const struct crashd_config *c)
{
	snprintf(buf, len, "%s %s", fix, config_source(c));
	return buf;
}

struct found {
	unsigned major, minor;
	char device[64];
	struct block_id id;
};

/* Does the block device sysfs calls @name answer @spec? */
static bool device_answers(const struct dump_target_env *env, const char *name, const char *spec, int kind,
			   struct found *f)
{
	_cleanup_free_ char *dir = NULL, *dev = NULL, *line = NULL;
	const char *rest;

	if (asprintf(&dir, "%s/class/block/%s", env->sysfs, name) < 0 || asprintf(&dev, "%s/dev", dir) < 0)
		return false;
	if (read_one_line_file(dev, &line) < 0 || sscanf(line, "%u:%u", &f->major, &f->minor) != 2)
		return false;
	if (device_name(env, f->major, f->minor, f->device, sizeof(f->device)) < 0)
		return false;
	(void) identify(env, f->major, f->minor, f->device, &f->id);
	if (kind != BLOCK_SPEC_PATH)
		return block_id_matches(&f->id, spec);
	/* /dev/vdb1, a udev link (/dev/disk/by-id/..., /dev/VG/LV), /dev/mapper/NAME: all without /dev/. */
	if (!startswith(spec, "/dev/"))
		return false;
	rest = spec + strlen("/dev/");
	if (streq(rest, name) || udev_db_has_link(env->udev_dir, f->major, f->minor, rest))
		return true;
	if (startswith(rest, "mapper/")) {
		_cleanup_free_ char *path = NULL, *dm_name = NULL;

		if (asprintf(&path, "%s/dm/name", dir) >= 0 && read_one_line_file(path, &dm_name) == 0 &&
		    streq(dm_name, rest + 7))
			return true;
	}
	return false;
}

/* The device Target= names, on this system, now. -ENOENT: not here. */
static int find_given(const struct dump_target_env *env, const char *spec, int kind, struct found *f)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	struct stat st;

	if (asprintf(&path, "%s/class/block", env->sysfs) < 0)
		return -ENOMEM;
	d = opendir(path);
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.' && device_answers(env, de->d_name, spec, kind, f))
			return 0;
	/* A link udev's database does not list, made by hand: where it points now. */
	if (kind == BLOCK_SPEC_PATH && stat(spec, &st) == 0 && S_ISBLK(st.st_mode)) {
		f->major = major(st.st_rdev);
		f->minor = minor(st.st_rdev);
		if (device_name(env, f->major, f->minor, f->device, sizeof(f->device)) < 0)
			return -ENOENT;
		(void) identify(env, f->major, f->minor, f->device, &f->id);
		return 0;
	}
	return -ENOENT;
}

/* The device's stack and drivers, and the file system's; an encrypted volume is refused. */
static int target_stack(const struct crashd_config *c, const struct dump_target_env *env, const struct found *f,
			struct dump_target *t, struct problem *p)
{
	struct block_stack s = {};
	int r;

	if (streq(f->id.usage, "crypto"))
		r = problem(p, -ENOKEY, NULL,
			    "the dump target %s is encrypted (%s): the capture kernel has no key to open it",
			    f->device, f->id.type);
	else
		r = block_stack_walk(env->sysfs, env->udev_dir, env->dev_dir, f->major, f->minor, &s, p);
	/* Found here or further down the stack: one fix for either. */
	if (r == -ENOKEY)
		snprintf(p->fix, sizeof(p->fix), "keep dumps on an unencrypted file system (Directory= or Target= in "
			 "%s); the dump holds the machine's memory, so protect that file system by other means",
			 config_source(c));
	if (r < 0) {
		block_stack_free(&s);
		return r;
	}
	snprintf(t->assemble, sizeof(t->assemble), "%s", s.assemble);
	snprintf(t->device, sizeof(t->device), "%s", f->device);
	r = t->fstype[0] ? strv_push_unique(&t->modules, t->fstype) : 0;
	for (size_t i = 0; r >= 0 && i < s.modules.n; i++)
		r = strv_push_unique(&t->modules, s.modules.v[i]);
	block_stack_free(&s);
	return r < 0 ? problem(p, -ENOMEM, NULL, "out of memory") : 0;
}

static int resolve_given(const struct crashd_config *c, const struct dump_target_env *env, struct dump_target *t,
			 struct problem *p)
{
	char fix[PATH_MAX + 96];
	struct found f = {};
	int r, kind = block_spec_kind(c->dump_target);

	if (kind < 0)
		return problem(p, -EINVAL,
			       fix_in(fix, sizeof(fix), "write UUID=, LABEL=, PARTUUID=, PARTLABEL= or a /dev path in", c),
			       "Target=%s names no device", c->dump_target);
	snprintf(t->spec, sizeof(t->spec), "%s", c->dump_target);
	snprintf(t->dir, sizeof(t->dir), "%s", c->dump_dir);
	/* Not here now (a disk plugged in later): the collector looks for it, and says so if it is missing. */
	if (find_given(env, c->dump_target, kind, &f) < 0)
		return 0;
	if (streq(f.id.usage, "filesystem"))
		snprintf(t->fstype, sizeof(t->fstype), "%s", f.id.type);
	r = target_stack(c, env, &f, t, p);
	if (r < 0 || kind != BLOCK_SPEC_PATH ||
	    (startswith(c->dump_target, "/dev/") && streq(c->dump_target + 5, strrchr(f.device, '/') + 1)))
		return r;
	/*
	 * The capture system has no udev to make /dev/disk/by-* or /dev/VG/LV
	 * links: such a path is written as the file system's UUID, which is
	 * what the link stood for when crashd looked.
	 */
	if (!f.id.uuid[0])
		return problem(p, -ENODATA, fix_in(fix, sizeof(fix), "make a file system on it, or set Target= in", c),
			       "Target=%s (%s) holds no file system with a UUID", c->dump_target, f.device);
	snprintf(t->spec, sizeof(t->spec), "UUID=%s", f.id.uuid);
	return 0;
}

/* Without Target=: the file system that holds Directory=, by mountinfo. */
static int resolve_directory(const struct crashd_config *c, const struct dump_target_env *env,
			     struct dump_target *t, struct problem *p)
{
	char fix[PATH_MAX + 96];
	_cleanup_free_ char *text = NULL;
	struct mount_entry m;
	struct found f = {};
	char real[PATH_MAX];
	int r;

	if (!realpath(c->dump_dir, real))
		return problem(p, -errno, fix_in(fix, sizeof(fix), "create it (mkdir -p), or set Directory= in", c),
			       "the dump directory %s: %s", c->dump_dir, strerror(errno));
	r = read_full_file(env->mountinfo, &text, NULL);
	if (r >= 0)
		r = mountinfo_find(text, real, &m);
	if (r < 0)
		return problem(p, r, NULL, "cannot find the file system holding %s in %s", real, env->mountinfo);
	/* btrfs gives its mounts an anonymous device number; the device is its source. */
	if (!m.major && streq(m.fstype, "btrfs"))
		btrfs_device(env, &m);
	if (!m.major)
		return problem(p, -EINVAL, fix_in(fix, sizeof(fix), "mount a disk file system there, or set Target= in", c),
			       "%s is on %s (%s), which does not survive a reboot", real, m.point, m.fstype);
	f.major = m.major;
	f.minor = m.minor;
	r = device_name(env, m.major, m.minor, f.device, sizeof(f.device));
	if (r < 0)
		return problem(p, r, fix_in(fix, sizeof(fix), "set Target= in", c),
			       "the device %u:%u holding %s is not in %s/dev/block", m.major, m.minor, real, env->sysfs);
	r = identify(env, m.major, m.minor, f.device, &f.id);
	if (r >= 0 && !f.id.uuid[0])
		r = -ENODATA;
	if (r == -ENODATA)
		return problem(p, r, fix_in(fix, sizeof(fix), "set Target= in", c),
			       "cannot identify the file system on %s (%s): libblkid finds none with a UUID there",
			       f.device, m.fstype);
	if (r < 0)
		return problem(p, r, r == -EACCES || r == -EPERM ? "run it as root" : NULL,
			       "cannot read %s to identify its file system (%s): %s", f.device, m.fstype, strerror(-r));
	snprintf(t->spec, sizeof(t->spec), "UUID=%s", f.id.uuid);
	snprintf(t->fstype, sizeof(t->fstype), "%s", m.fstype);
	/*
	 * The directory as seen from the file system's root: what is mounted
	 * (a bind mount, as crashd.service's ReadWritePaths= makes, mounts a
	 * directory) and the rest of the path below the mount point.
	 */
	if (snprintf(t->dir, sizeof(t->dir), "%s%s", streq(m.root, "/") ? "" : m.root,
		     streq(m.point, "/") ? real : real + strlen(m.point)) >= (int) sizeof(t->dir))
		return problem(p, -ENAMETOOLONG, fix_in(fix, sizeof(fix), "choose a shorter Directory= in", c),
			       "the dump directory's path on its file system is too long");
	if (!t->dir[0])
		snprintf(t->dir, sizeof(t->dir), "/");
	return target_stack(c, env, &f, t, p);
}

/*
 * Target=ssh:// or nfs://: the server and the way to it, from the running
 * system, and the network card's driver among the modules. With Fallback=directory
 * Directory= is resolved too, as without Target=.
 */
static int resolve_remote(const struct crashd_config *c, const struct dump_target_env *env, struct dump_target *t,
			  struct problem *p)
{
	char fix[PATH_MAX + 96], why[256];
	struct remote_target rt;
	int r;

	if (remote_target_parse(c->dump_target, &rt, why, sizeof(why)) < 0)
		return problem(p, -EINVAL, fix_in(fix, sizeof(fix), "write Target=ssh://USER@HOST[:PORT]/PATH or "
						 "nfs://HOST[:PORT]/PATH in", c),
			       "Target=%s: %s", c->dump_target, why);
	remote_target_format(&rt, t->remote, sizeof(t->remote));
	r = net_config_resolve(rt.host, env->sysfs, env->proc_net_route, &t->net, p);
	if (r < 0)
		return r;
	/* The card's driver; for NFS the kernel's NFSv4 client, which brings the rest (sunrpc...). */
	if ((t->net.driver[0] && strv_push_unique(&t->modules, t->net.driver) < 0) ||
	    (rt.kind == REMOTE_NFS && strv_push_unique(&t->modules, "nfsv4") < 0))
		return problem(p, -ENOMEM, NULL, "out of memory");
	if (!streq(c->fallback ?: "directory", "directory"))
		return 0;
	r = resolve_directory(c, env, t, p);
	if (r < 0 && !strstr(p->fix, "Fallback="))
		snprintf(p->fix + strlen(p->fix), sizeof(p->fix) - strlen(p->fix), "%sor set Fallback=none in %s",
			 p->fix[0] ? "; " : "", config_source(c));
	return r;
}

int dump_target_resolve(const struct crashd_config *c, const struct dump_target_env *env_in, struct dump_target *t,
			struct problem *p)
{
	struct dump_target_env env = {
		.sysfs = env_in && env_in->sysfs ? env_in->sysfs : "/sys",
		.mountinfo = env_in && env_in->mountinfo ? env_in->mountinfo : "/proc/self/mountinfo",
		.udev_dir = env_in && env_in->udev_dir ? env_in->udev_dir : UDEV_DATA_DIR,
		.dev_dir = env_in && env_in->dev_dir ? env_in->dev_dir : "/dev",
		.proc_net_route = env_in && env_in->proc_net_route ? env_in->proc_net_route : "/proc/net/route",
	};

	memset(t, 0, sizeof(*t));
	if (remote_target_is_url(c->dump_target))
		return resolve_remote(c, &env, t, p);
	return c->dump_target ? resolve_given(c, &env, t, p) : resolve_directory(c, &env, t, p);
}

void dump_target_free(struct dump_target *t)
{
	strv_free(&t->modules);
}
