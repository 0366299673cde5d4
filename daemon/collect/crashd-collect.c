// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashd-collect: /init of the capture initramfs. After a panic it saves
 * /proc/vmcore with makedumpfile, the panic log and metadata under the dump
 * directory, atomically (a temporary directory, fsync, rename), then
 * reboots. Whatever fails, the machine still reboots, and what was saved is
 * marked incomplete with the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "assemble.h"
#include "block-id.h"
#include "capture-conf.h"
#include "collect.h"
#include "dump-dir.h"
#include "dump-meta.h"
#include "nfs-mount.h"
#include "remote-target.h"
#include "util.h"
#include "vmcoreinfo.h"

#define TARGET_MNT "/target"
#define TARGET_WAIT_SEC 20
/* mdadm and vgchange scan every disk; a disk that does not answer must not hold the capture. */
#define ASSEMBLE_TIMEOUT_SEC 30
/* Disks appear as their drivers probe: assembling is tried again this often until the target is there. */
#define ASSEMBLE_RETRY_SEC 2
/* More than any real stack (LVM on MD is two); capture.conf's Assemble= holds fewer anyway. */
#define ASSEMBLE_STEPS_MAX 16
/* A hook that hangs must not keep the machine from coming back. */
#define HOOK_TIMEOUT_SEC 120
#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

static void cmdline_value(const char *key, char *out, size_t len)
{
	_cleanup_free_ char *cmdline = NULL;
	size_t klen = strlen(key);

	out[0] = '\0';
	if (read_one_line_file("/proc/cmdline", &cmdline) < 0)
		return;
	for (char *save = NULL, *w = strtok_r(cmdline, " \n", &save); w; w = strtok_r(NULL, " \n", &save))
		if (!strncmp(w, key, klen) && w[klen] == '=')
			snprintf(out, len, "%s", w + klen + 1);
}

/*
 * "NAME.PARAM=VALUE" words of the command line for the module file @path
 * (/lib/modules/crashd/NN-NAME.ko[.xz]), as "PARAM=VALUE ...": what
 * modprobe would pass. The kernel gives them only to built-in code, and
 * crashd puts ramoops' region there for a capture kernel of either kind.
 */
static void module_params(const char *cmdline, const char *path, char *out, size_t len)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char name[64], copy[4096];
	size_t n;

	out[0] = '\0';
	base += strspn(base, "0123456789");
	base += *base == '-';
	n = strcspn(base, ".");
	if (n >= sizeof(name))
		return;
	for (size_t i = 0; i < n; i++)
		name[i] = base[i] == '-' ? '_' : base[i];
	name[n] = '\0';
	snprintf(copy, sizeof(copy), "%s", cmdline);
	for (char *save = NULL, *w = strtok_r(copy, " \n", &save); w; w = strtok_r(NULL, " \n", &save))
		if (!strncmp(w, name, n) && w[n] == '.' && w[n + 1])
			snprintf(out + strlen(out), len - strlen(out), "%s%s", out[0] ? " " : "", w + n + 1);
}

static void load_modules(void)
{
	_cleanup_free_ char *list = NULL, *cmdline = NULL;

	if (read_full_file(CAPTURE_MODULES_PATH, &list, NULL) < 0)
		return;
	(void) read_one_line_file("/proc/cmdline", &cmdline);
	for (char *save = NULL, *m = strtok_r(list, "\n", &save); m; m = strtok_r(NULL, "\n", &save)) {
		_cleanup_close_ int fd = open(m, O_RDONLY | O_CLOEXEC);
		bool compressed = strstr(m, ".ko.") != NULL;
		char params[1024];

		module_params(cmdline ?: "", m, params, sizeof(params));
		if (fd < 0 || syscall(SYS_finit_module, fd, params, compressed ? MODULE_INIT_COMPRESSED_FILE : 0) < 0)
			if (errno != EEXIST)
				say("loading %s: %s", m, strerror(errno));
	}
}

static int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int) sizeof(buf))
		return -ENAMETOOLONG;
	for (char *s = buf + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(buf, mode) < 0 && errno != EEXIST)
				return -errno;
			*s = '/';
		}
	return mkdir(buf, mode) < 0 && errno != EEXIST ? -errno : 0;
}

/* PreHook= and PostHook=: their failure is said, and changes nothing else. */
static void run_hook(struct collect *c, const char *key, const char *path, const char *arg)
{
	char *argv[] = { (char *) path, (char *) arg, NULL };
	int status;

	if (!path[0])
		return;
	say("%s: running %s%s%s", key, path, arg ? " " : "", arg ?: "");
	status = run_for(c, argv, NULL, HOOK_TIMEOUT_SEC);
	if (status)
		say("%s %s exited with %d", key, path, status);
}

/* Assemble=: MD arrays, then LVM volume groups. A failure is said; the search for the target goes on. */
static void assemble(struct collect *c)
{
	char words[sizeof(c->conf.assemble)];

	snprintf(words, sizeof(words), "%s", c->conf.assemble);
	for (char *s = NULL, *w = strtok_r(words, " ", &s); w; w = strtok_r(NULL, " ", &s)) {
		struct assemble_step step;
		int status;

		if (assemble_step_parse(w, &step) < 0)
			continue;	/* capture_conf_parse() refused such a file already */
		say("assembling %s", w);
		status = run_for(c, step.argv, NULL, ASSEMBLE_TIMEOUT_SEC);
		if (status)
			say("%s exited with %d assembling %s", step.argv[0], status, w);
	}
}

/* After the save, top-down: volume groups closed, arrays stopped (marked clean), so the next boot resyncs nothing. */
static void disassemble(struct collect *c)
{
	char words[sizeof(c->conf.assemble)];
	char *w[ASSEMBLE_STEPS_MAX];
	size_t n = 0;

	snprintf(words, sizeof(words), "%s", c->conf.assemble);
	for (char *s = NULL, *t = strtok_r(words, " ", &s); t && n < ELEMENTSOF(w); t = strtok_r(NULL, " ", &s))
		w[n++] = t;
	while (n--) {
		struct assemble_step step;
		int status;

		if (assemble_step_parse(w[n], &step) < 0)
			continue;
		say("stopping %s", w[n]);
		status = run_for(c, step.stop_argv, NULL, ASSEMBLE_TIMEOUT_SEC);
		if (status)
			say("%s exited with %d undoing %s", step.stop_argv[0], status, w[n]);
	}
}

/* Is @dev the target? Its file system type too, when crashd could not know it. */
static bool is_target(struct capture_conf *conf, const char *dev)
{
	struct block_id id;
	int r;

	if (access(dev, F_OK) < 0)
		return false;
	r = block_id_probe(dev, &id);
	if (conf->target[0] != '/' && (r < 0 || !block_id_matches(&id, conf->target)))
		return false;
	if (r == 0 && id.type[0] && (!conf->fstype[0] || streq(conf->fstype, "auto")))
		snprintf(conf->fstype, sizeof(conf->fstype), "%s", id.type);
	return true;
}

/* There is no udev: the target is looked for among all block devices until it appears. */
static int find_target(struct collect *c, char *dev, size_t len)
{
	for (int i = 0; i < TARGET_WAIT_SEC * 10; i++, usleep(100000)) {
		_cleanup_closedir_ DIR *d = NULL;
		struct dirent *de;

		if (c->conf.assemble[0] && i % (ASSEMBLE_RETRY_SEC * 10) == 0)
			assemble(c);
		if (c->conf.target[0] == '/') {
			snprintf(dev, len, "%s", c->conf.target);
			if (is_target(&c->conf, dev))
				return 0;
			continue;
		}
		d = opendir("/sys/class/block");
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(dev, len, "/dev/%s", de->d_name);
			if (is_target(&c->conf, dev))
				return 0;
		}
	}
	return -ENOENT;
}

/*
 * When makedumpfile fails: a plain ELF copy, zero pages left as holes. It
 * may need as much as the vmcore's size: refused when the target has not
 * that much free beside room for the log and metadata, and removed again
 * if the disk fills anyway, so that the metadata saying why still fits.
 */
#define FALLBACK_SPARE (8ULL << 20)

static int sparse_copy(struct collect *c, const char *src, uint64_t src_size)
{
	_cleanup_close_ int in = open(src, O_RDONLY | O_CLOEXEC), out = -EBADF;
	static char buf[1 << 16];
	static const char zero[4096];
	struct statvfs sv;
	off_t pos = 0;
	ssize_t n;
	int r = 0;

	if (in < 0) {
		r = -errno;
		incomplete(c, "makedumpfile failed (%d) and %s cannot be read: %s", c->makedumpfile_status, src,
			   strerror(-r));
		return r;
	}
	if (fstatvfs(c->tmpfd, &sv) == 0 && (uint64_t) sv.f_bavail * sv.f_frsize < src_size + FALLBACK_SPARE) {
		incomplete(c, "makedumpfile failed (%d); a plain copy needs up to %llu MiB, only %llu MiB are free",
			   c->makedumpfile_status, (unsigned long long) (src_size + FALLBACK_SPARE) >> 20,
			   (unsigned long long) sv.f_bavail * sv.f_frsize >> 20);
		return -ENOSPC;
	}
	(void) unlinkat(c->tmpfd, "vmcore", 0);
	out = openat(c->tmpfd, "vmcore", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		r = -errno;
		incomplete(c, "makedumpfile failed (%d) and the plain copy cannot be created: %s",
			   c->makedumpfile_status, strerror(-r));
		return r;
	}
	while (r == 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t o = 0; o < n; o += 4096) {
			size_t k = n - o < 4096 ? (size_t) (n - o) : 4096;

			if (k == 4096 && !memcmp(buf + o, zero, 4096))
				continue;
			if (pwrite(out, buf + o, k, pos + o) != (ssize_t) k) {
				r = errno ? -errno : -EIO;
				break;
			}
		}
		pos += n;
	}
	if (r == 0 && n < 0)
		r = -errno;
	if (r == 0 && ftruncate(out, pos) < 0)
		r = -errno;
	if (r < 0) {
		(void) unlinkat(c->tmpfd, "vmcore", 0);
		incomplete(c, "makedumpfile failed (%d) and so did the plain copy after %llu MiB: %s",
			   c->makedumpfile_status, (unsigned long long) pos >> 20, strerror(-r));
	}
	return r;
}

static void fsync_at(int dirfd, const char *name)
{
	_cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0)
		fsync(fd);
}

/*
 * NFS has no RENAME_NOREPLACE: there the name is checked first. Names hold
 * the time and the boot id, and the server is written by no one else
 * under them: the gap between the check and the rename is a formality.
 */
static int rename_noreplace(int dirfd, const char *from, const char *to)
{
	struct stat st;

	if (renameat2(dirfd, from, dirfd, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL)
		return -errno;
	if (fstatat(dirfd, to, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		errno = EEXIST;
		return -errno;
	}
	return renameat(dirfd, from, dirfd, to) < 0 ? -errno : 0;
}

static void finish(struct collect *c)
{
	static const char *const files[] = { "vmcore", "dmesg.txt" };

	for (size_t i = 0; i < ELEMENTSOF(files); i++)
		fsync_at(c->tmpfd, files[i]);
	fsync(c->tmpfd);
	/* Never over an existing name: whatever is there was not written by this capture. */
	if (rename_noreplace(c->dirfd, c->tmp_name, c->name) < 0) {
		say("renaming %s: %s", c->tmp, strerror(errno));
		return;
	}
	fsync(c->dirfd);
	c->saved = true;
	/* On a server, by the address crashd reports it by after the reboot. */
	if (remote_target_kind(c->conf.remote) == REMOTE_NFS && !c->remote_failure[0])
		say("saved %s/%s (%s)", c->conf.remote, c->name, c->complete ? "complete" : c->reason);
	else
		say("saved %s (%s)", c->final, c->complete ? "complete" : c->reason);
}

/*
 * Creates the directory this capture writes, inside @dir: made here and
 * now (mkdirat fails on anything planted), then held open. The dump
 * directory itself should be root's alone; if it is not, the dump is still
 * saved, and crashd refuses to act there and says why after the reboot.
 */
static int open_dump_dirs(struct collect *c, const char *dir, bool on_server)
{
	struct stat st;

	if (mkdir_p(dir, 0700) < 0)
		return -errno;
	c->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c->dirfd < 0)
		return -errno;
	/* crashd reads a local dump directory after the reboot, never one on a server. */
	if (!on_server && fstat(c->dirfd, &st) == 0 && !dump_dir_is_safe(&st))
		say("warning: %s is not root's alone (uid %u, mode %04o); crashd will not read it until it is",
		    dir, (unsigned) st.st_uid, (unsigned) st.st_mode & 07777);
	snprintf(c->tmp_name, sizeof(c->tmp_name), DUMP_TMP_PREFIX "%s", c->name);
	if (mkdirat(c->dirfd, c->tmp_name, 0700) < 0)
		return -errno;
	/* Not O_CLOEXEC: makedumpfile writes into it as /proc/self/fd/N. */
	c->tmpfd = openat(c->dirfd, c->tmp_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (c->tmpfd < 0)
		return -errno;
	snprintf(c->fd_dir, sizeof(c->fd_dir), "/proc/self/fd/%d", c->tmpfd);
	return 0;
}

/* makedumpfile, or the plain copy if it fails, into the directory being written. */
static void save_vmcore(struct collect *c, uint64_t vmcore_size, const char *dev)
{
	char out[sizeof(c->fd_dir) + 8];
	struct makedumpfile_args args;
	struct statvfs sv;
	uint64_t estimate;
	size_t n;

	/* A guess, on purpose generous: level 31 keeps about a tenth of memory. */
	estimate = vmcore_size / (c->conf.level >= 17 ? 10 : 2) + (16u << 20);
	if (fstatvfs(c->tmpfd, &sv) == 0 && (uint64_t) sv.f_bavail * sv.f_frsize < estimate) {
		incomplete(c, "not enough space: %llu MiB free on %s, about %llu MiB needed",
			   (unsigned long long) sv.f_bavail * sv.f_frsize >> 20, dev,
			   (unsigned long long) estimate >> 20);
		return;
	}
	snprintf(out, sizeof(out), "%s/vmcore", c->fd_dir);
	n = makedumpfile_argv(c, &args, false);
	args.argv[n++] = (char *) VMCORE;
	args.argv[n++] = out;
	args.argv[n] = NULL;
	c->makedumpfile_usec = now_usec(CLOCK_MONOTONIC);
	c->makedumpfile_status = run_for(c, args.argv, NULL, 0);
	c->makedumpfile_usec = now_usec(CLOCK_MONOTONIC) - c->makedumpfile_usec;
	if (c->makedumpfile_status == 0)
		return;
	say("makedumpfile exited with %d; copying %s without zero pages instead", c->makedumpfile_status, VMCORE);
	c->fallback_copy = true;
	(void) sparse_copy(c, VMCORE, vmcore_size);
}

static void name_dump(struct collect *c, char *utc, size_t utc_len)
{
	time_t now = time(NULL);

	cmdline_value("crashd.boot_id", c->boot_id, sizeof(c->boot_id));
	/* The boot id is a UUID; anything else would make a name crashd does not count. */
	if (!c->boot_id[0] || strspn(c->boot_id, "0123456789abcdefABCDEF-") != strlen(c->boot_id))
		snprintf(c->boot_id, sizeof(c->boot_id), "unknown");
	strftime(utc, utc_len, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	strftime(c->name, sizeof(c->name), "%Y%m%dT%H%M%SZ", gmtime(&now));
	snprintf(c->name + strlen(c->name), sizeof(c->name) - strlen(c->name), "-%s", c->boot_id);
}

/*
 * Into @dir under TARGET_MNT: "/" for a disk's root or an NFS export. @where
 * names the file system in messages; @on_server: an NFS export. -errno
 * when nothing could be written.
 */
static int save_mounted(struct collect *c, const char *dir_in, const char *where, bool on_server,
			uint64_t vmcore_size, const char *utc)
{
	char dir[PATH_MAX + 16];
	struct stat st;
	int r = 0;

	snprintf(dir, sizeof(dir), TARGET_MNT "%s", streq(dir_in, "/") ? "" : dir_in);
	snprintf(c->tmp, sizeof(c->tmp), "%s/" DUMP_TMP_PREFIX "%s", dir, c->name);
	snprintf(c->final, sizeof(c->final), "%s/%s", dir, c->name);
	if (open_dump_dirs(c, dir, on_server) < 0) {
		r = -errno;
		say("creating %s: %s (read-only or full?); nothing saved", c->tmp, strerror(-r));
		goto out;
	}
	/* Durable at once: a power cut from here on leaves a directory the next boot reports. */
	fsync(c->tmpfd);
	fsync(c->dirfd);
	say("saving to %s on %s", c->final, where);
	c->save_started_usec = now_usec(CLOCK_MONOTONIC);

	save_vmcore(c, vmcore_size, where);
	save_dmesg(c);
	sample_memory(c);
	write_metadata(c, utc, fstatat(c->tmpfd, "vmcore", &st, AT_SYMLINK_NOFOLLOW) == 0 ? (uint64_t) st.st_size : 0);
	finish(c);
	setenv("CRASHD_DUMP_STATUS", !c->saved ? "failed" : c->complete ? "complete" : "incomplete", 1);
	run_hook(c, "PostHook", c->conf.post_hook, c->saved ? c->final : c->tmp);
out:
	if (c->tmpfd >= 0)
		close(c->tmpfd);
	if (c->dirfd >= 0)
		close(c->dirfd);
	c->tmpfd = c->dirfd = -EBADF;
	return r;
}

/* To the file system Target= names: found, mounted, written, unmounted. */
static void save_local(struct collect *c, uint64_t vmcore_size, const char *utc)
{
	char dev[300];

	if (find_target(c, dev, sizeof(dev)) < 0) {
		say("dump target %s not found after %d s; nothing saved. Check Target= in crashd's configuration",
		    c->conf.target, TARGET_WAIT_SEC);
		return;
	}
	mkdir(TARGET_MNT, 0700);
	/*
	 * Directory= is a path from the file system's root; for btrfs that is
	 * the top-level subvolume, which need not be the default one (snapper
	 * makes a snapshot the default).
	 */
	if (mount(dev, TARGET_MNT, c->conf.fstype, 0, streq(c->conf.fstype, "btrfs") ? "subvolid=5" : NULL) < 0) {
		say("mounting %s (%s) on %s: %s; nothing saved", dev, c->conf.fstype, TARGET_MNT, strerror(errno));
		return;
	}
	(void) save_mounted(c, c->conf.dir, dev, false, vmcore_size, utc);
	if (umount(TARGET_MNT) == 0)
		disassemble(c);
}

/* Target=nfs://: the export mounted by the capture kernel's NFS client, then written as a disk is. */
static int save_nfs(struct collect *c, uint64_t vmcore_size, const char *utc)
{
	struct remote_target rt;
	char why[256], client[20];
	int r;

	if (remote_target_parse(c->conf.remote, &rt, why, sizeof(why)) < 0)
		return remote_failed(c, "%s", why);	/* capture_conf_parse() refused such a file already */
	if (net_up(&c->conf, why, sizeof(why)) < 0)
		return remote_failed(c, "the network: %s", why);
	snprintf(client, sizeof(client), "%.*s", (int) strcspn(c->conf.address, "/"), c->conf.address);
	mkdir(TARGET_MNT, 0700);
	r = nfs_mount(&rt, c->conf.remote_address, client, TARGET_MNT);
	if (r < 0)
		return remote_failed(c, "mounting %s:%s: %s", c->conf.remote_address, rt.path, strerror(-r));
	r = save_mounted(c, "/", c->conf.remote, true, vmcore_size, utc);
	(void) umount(TARGET_MNT);
	if (r < 0)
		return remote_failed(c, "creating the dump directory there: %s", strerror(-r));
	return 0;
}

static void collect(struct collect *c)
{
	_cleanup_free_ char *conf_text = NULL;
	char utc[32];
	struct problem p = {};
	struct stat st;

	c->complete = true;
	if (read_full_file(CAPTURE_CONF_PATH, &conf_text, NULL) < 0 ||
	    capture_conf_parse(conf_text, &c->conf, &p) < 0) {
		say("%s: %s", CAPTURE_CONF_PATH, p.what[0] ? p.what : "missing");
		return;
	}
	name_dump(c, utc, sizeof(utc));
	load_modules();
	run_hook(c, "PreHook", c->conf.pre_hook, NULL);
	sample_memory(c);
	if (stat(VMCORE, &st) < 0) {
		say("%s is missing: this is not a capture kernel, or it cannot read the old memory", VMCORE);
		return;
	}
	if (c->conf.remote[0]) {
		if (remote_target_kind(c->conf.remote) == REMOTE_NFS && save_nfs(c, st.st_size, utc) == 0)
			return;
		if (remote_target_kind(c->conf.remote) == REMOTE_SSH && ssh_save(c, utc) == 0) {
			setenv("CRASHD_DUMP_STATUS", c->complete ? "complete" : "incomplete", 1);
			run_hook(c, "PostHook", c->conf.post_hook, c->final);
			return;
		}
		if (!c->conf.target[0]) {
			say("no fallback (Fallback=none); nothing saved");
			return;
		}
		say("saving to the fallback, Directory= on this machine");
		/* The local dump is judged on its own; the network failure goes into its metadata. */
		c->complete = true;
		c->reason[0] = '\0';
		c->makedumpfile_status = 0;
	}
	save_local(c, st.st_size, utc);
}

/* Action= after a complete dump; FailureAction= when nothing or not all was saved. */
static void finally(const struct collect *c)
{
	bool ok = c->saved && c->complete;
	const char *key = ok ? "Action" : "FailureAction";
	const char *action = ok ? c->conf.action : c->conf.failure_action;

	if (!action[0])
		action = "reboot";
	if (streq(action, "shell") && access("/bin/sh", X_OK) == 0) {
		say("%s=shell: starting /bin/sh; 'reboot -f' when done", key);
		execl("/bin/sh", "sh", NULL);
	}
	say("%s=%s: %s", key, action, streq(action, "poweroff") ? "powering off" : "rebooting");
	reboot(streq(action, "poweroff") ? RB_POWER_OFF : RB_AUTOBOOT);
}

int main(void)
{
	struct collect c = { .dirfd = -EBADF, .tmpfd = -EBADF };
	struct timespec boot;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	/* CLOCK_BOOTTIME started with the capture kernel. */
	if (clock_gettime(CLOCK_BOOTTIME, &boot) == 0)
		c.boot_usec = (uint64_t) boot.tv_sec * 1000000 + boot.tv_nsec / 1000;
	say("crash capture starting");

	collect(&c);
	sync();
	finally(&c);
	return 0;
}
