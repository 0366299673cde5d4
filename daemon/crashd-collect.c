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
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "capture-conf.h"
#include "dump-meta.h"
#include "fs-probe.h"
#include "util.h"
#include "vmcoreinfo.h"

#define VMCORE "/proc/vmcore"
#define TARGET_MNT "/target"
#define MAKEDUMPFILE "/usr/bin/makedumpfile"
#define TARGET_WAIT_SEC 20
#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

struct collect {
	struct capture_conf conf;
	char boot_id[40];
	char name[96];		/* <UTC>-<boot id> */
	char tmp[PATH_MAX + 128];	/* the directory being written */
	char final[PATH_MAX + 128];
	bool complete;
	char reason[256];	/* why not complete */
	int makedumpfile_status;
	bool fallback_copy;
	uint64_t mem_total_kib, mem_available_min_kib;
};

static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("crashd-collect: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The first reason something went wrong is the one reported. */
static void incomplete(struct collect *c, const char *fmt, ...)
{
	va_list ap;

	c->complete = false;
	if (c->reason[0])
		return;
	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	say("%s", c->reason);
}

static void sample_memory(struct collect *c)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/meminfo", "re");
	char key[64];
	unsigned long long v;

	while (f && fscanf(f, "%63s %llu kB\n", key, &v) == 2) {
		if (streq(key, "MemTotal:"))
			c->mem_total_kib = v;
		else if (streq(key, "MemAvailable:") && (!c->mem_available_min_kib || v < c->mem_available_min_kib))
			c->mem_available_min_kib = v;
	}
}

static void cmdline_value(const char *key, char *out, size_t len)
{
	_cleanup_free_ char *cmdline = NULL;
	size_t klen = strlen(key);

	out[0] = '\0';
	if (read_full_file("/proc/cmdline", &cmdline, NULL) < 0)
		return;
	for (char *save = NULL, *w = strtok_r(cmdline, " \n", &save); w; w = strtok_r(NULL, " \n", &save))
		if (!strncmp(w, key, klen) && w[klen] == '=')
			snprintf(out, len, "%s", w + klen + 1);
}

static void load_modules(void)
{
	_cleanup_free_ char *list = NULL;

	if (read_full_file(CAPTURE_MODULES_PATH, &list, NULL) < 0)
		return;
	for (char *save = NULL, *m = strtok_r(list, "\n", &save); m; m = strtok_r(NULL, "\n", &save)) {
		_cleanup_close_ int fd = open(m, O_RDONLY | O_CLOEXEC);
		bool compressed = strstr(m, ".ko.") != NULL;

		if (fd < 0 || syscall(SYS_finit_module, fd, "", compressed ? MODULE_INIT_COMPRESSED_FILE : 0) < 0)
			if (errno != EEXIST)
				say("loading %s: %s", m, strerror(errno));
	}
}

/* The device, and its file system type when crashd could not know it (Target= given). */
static int find_target(struct capture_conf *conf, char *dev, size_t len)
{
	if (conf->target[0] == '/') {
		struct fs_id id;

		snprintf(dev, len, "%s", conf->target);
		for (int i = 0; i < TARGET_WAIT_SEC * 10; i++, usleep(100000))
			if (access(dev, F_OK) == 0) {
				if ((!conf->fstype[0] || streq(conf->fstype, "auto")) && fs_probe_device(dev, &id) == 0)
					snprintf(conf->fstype, sizeof(conf->fstype), "%s", id.type);
				return 0;
			}
		return -ENOENT;
	}
	/* Devices appear as their drivers probe; there is no udev to wait for. */
	for (int i = 0; i < TARGET_WAIT_SEC * 10; i++, usleep(100000)) {
		DIR *d = opendir("/sys/class/block");
		struct dirent *de;

		while (d && (de = readdir(d))) {
			struct fs_id id;

			if (de->d_name[0] == '.')
				continue;
			snprintf(dev, len, "/dev/%s", de->d_name);
			if (fs_probe_device(dev, &id) == 0 && fs_id_matches(&id, conf->target)) {
				if (!conf->fstype[0] || streq(conf->fstype, "auto"))
					snprintf(conf->fstype, sizeof(conf->fstype), "%s", id.type);
				closedir(d);
				return 0;
			}
		}
		if (d)
			closedir(d);
	}
	return -ENOENT;
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

/* makedumpfile prints its progress on the console; memory is sampled meanwhile. */
static int run(struct collect *c, char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		sample_memory(c);
		usleep(100000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static const char *compression_flag(const char *c)
{
	if (streq(c, "zlib"))
		return "-c";
	if (streq(c, "snappy"))
		return "-p";
	if (streq(c, "zstd"))
		return "-z";
	if (streq(c, "none"))
		return NULL;
	return "-l";
}

/* When makedumpfile fails: a plain ELF copy, zero pages left as holes. */
static int sparse_copy(const char *src, const char *dst)
{
	_cleanup_close_ int in = open(src, O_RDONLY | O_CLOEXEC), out = -EBADF;
	static char buf[1 << 16];
	static const char zero[4096];
	off_t pos = 0;
	ssize_t n;

	if (in < 0)
		return -errno;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0)
		return -errno;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t o = 0; o < n; o += 4096) {
			size_t k = n - o < 4096 ? (size_t) (n - o) : 4096;

			if (k == 4096 && !memcmp(buf + o, zero, 4096))
				continue;
			if (pwrite(out, buf + o, k, pos + o) != (ssize_t) k)
				return -errno;
		}
		pos += n;
	}
	if (n < 0)
		return -errno;
	return ftruncate(out, pos) < 0 ? -errno : 0;
}

static void fsync_path(const char *path)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		fsync(fd);
}

static void write_metadata(struct collect *c, const char *utc)
{
	_cleanup_free_ char *dmesg = NULL, *path = NULL;
	json_object *o = json_object_new_object();
	struct vmcoreinfo vi = {};
	char panic[512] = "";
	struct stat st = {};

	vmcoreinfo_read(VMCORE, &vi);
	if (asprintf(&path, "%s/dmesg.txt", c->tmp) >= 0 && read_full_file(path, &dmesg, NULL) >= 0)
		dump_panic_line(dmesg, panic, sizeof(panic));
	free(path);
	/* crashd adds the vmcore's SHA-256 after the reboot (dumps_digest_new()). */
	if (asprintf(&path, "%s/vmcore", c->tmp) >= 0 && stat(path, &st) < 0)
		incomplete(c, "no vmcore was saved");

	json_object_object_add(o, "complete", json_object_new_boolean(c->complete));
	if (!c->complete)
		json_object_object_add(o, "reason", json_object_new_string(c->reason));
	json_object_object_add(o, "time", json_object_new_string(utc));
	json_object_object_add(o, "boot_id", json_object_new_string(c->boot_id));
	json_object_object_add(o, "kernel_release", json_object_new_string(vi.osrelease));
	json_object_object_add(o, "build_id", json_object_new_string(vi.build_id));
	json_object_object_add(o, "panic", json_object_new_string(panic));
	json_object_object_add(o, "vmcore_size", json_object_new_int64(st.st_size));
	json_object_object_add(o, "dump_level", json_object_new_int(c->conf.level));
	json_object_object_add(o, "compression", json_object_new_string(c->conf.compression));
	json_object_object_add(o, "makedumpfile_status", json_object_new_int(c->makedumpfile_status));
	json_object_object_add(o, "fallback_copy", json_object_new_boolean(c->fallback_copy));
	json_object_object_add(o, "capture_mem_total_kib", json_object_new_int64(c->mem_total_kib));
	json_object_object_add(o, "capture_mem_available_min_kib", json_object_new_int64(c->mem_available_min_kib));
	json_object_object_add(o, "crashd_version", json_object_new_string(c->conf.version));
	free(path);
	if (asprintf(&path, "%s/%s", c->tmp, DUMP_META_NAME) >= 0) {
		_cleanup_close_ int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		const char *text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY);

		if (fd < 0 || write(fd, text, strlen(text)) < 0 || fsync(fd) < 0)
			say("writing %s: %s", path, strerror(errno));
	}
	json_object_put(o);
}

static void finish(struct collect *c)
{
	static const char *const files[] = { "vmcore", "dmesg.txt" };
	char path[sizeof(c->tmp) + 16];

	for (size_t i = 0; i < ELEMENTSOF(files); i++) {
		snprintf(path, sizeof(path), "%s/%s", c->tmp, files[i]);
		fsync_path(path);
	}
	fsync_path(c->tmp);
	if (rename(c->tmp, c->final) < 0) {
		say("renaming %s: %s", c->tmp, strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s", c->final);
	*strrchr(path, '/') = '\0';
	fsync_path(path);
	say("saved %s (%s)", c->final, c->complete ? "complete" : c->reason);
}

static void collect(struct collect *c)
{
	_cleanup_free_ char *conf_text = NULL;
	char dev[300], dir[PATH_MAX + 16], utc[32], path[PATH_MAX + 160];
	struct problem p = {};
	struct statvfs sv;
	struct stat st;
	time_t now = time(NULL);
	uint64_t estimate;
	const char *flag;

	c->complete = true;
	if (read_full_file(CAPTURE_CONF_PATH, &conf_text, NULL) < 0 ||
	    capture_conf_parse(conf_text, &c->conf, &p) < 0) {
		say("%s: %s", CAPTURE_CONF_PATH, p.what[0] ? p.what : "missing");
		return;
	}
	cmdline_value("crashd.boot_id", c->boot_id, sizeof(c->boot_id));
	if (!c->boot_id[0])
		snprintf(c->boot_id, sizeof(c->boot_id), "unknown");
	strftime(utc, sizeof(utc), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	strftime(c->name, sizeof(c->name), "%Y%m%dT%H%M%SZ", gmtime(&now));
	snprintf(c->name + strlen(c->name), sizeof(c->name) - strlen(c->name), "-%s", c->boot_id);

	load_modules();
	sample_memory(c);
	if (stat(VMCORE, &st) < 0) {
		say("%s is missing: this is not a capture kernel, or it cannot read the old memory", VMCORE);
		return;
	}
	if (find_target(&c->conf, dev, sizeof(dev)) < 0) {
		say("dump target %s not found after %d s; nothing saved. Check Target= in /etc/crashd/crashd.conf",
		    c->conf.target, TARGET_WAIT_SEC);
		return;
	}
	mkdir(TARGET_MNT, 0700);
	if (mount(dev, TARGET_MNT, c->conf.fstype, 0, NULL) < 0) {
		say("mounting %s (%s) on %s: %s; nothing saved", dev, c->conf.fstype, TARGET_MNT, strerror(errno));
		return;
	}
	snprintf(dir, sizeof(dir), TARGET_MNT "%s", streq(c->conf.dir, "/") ? "" : c->conf.dir);
	snprintf(c->tmp, sizeof(c->tmp), "%s/" DUMP_TMP_PREFIX "%s", dir, c->name);
	snprintf(c->final, sizeof(c->final), "%s/%s", dir, c->name);
	if (mkdir_p(dir, 0700) < 0 || mkdir(c->tmp, 0700) < 0) {
		say("creating %s: %s (read-only or full?); nothing saved", c->tmp, strerror(errno));
		umount(TARGET_MNT);
		return;
	}
	/* Durable at once: a power cut from here on leaves a directory the next boot reports. */
	fsync_path(c->tmp);
	fsync_path(dir);
	say("saving to %s on %s", c->final, dev);

	/* A guess, on purpose generous: level 31 keeps about a tenth of memory. */
	estimate = (uint64_t) st.st_size / (c->conf.level >= 17 ? 10 : 2) + (16u << 20);
	if (statvfs(dir, &sv) == 0 && (uint64_t) sv.f_bavail * sv.f_frsize < estimate) {
		incomplete(c, "not enough space: %llu MiB free on %s, about %llu MiB needed",
			   (unsigned long long) sv.f_bavail * sv.f_frsize >> 20, dev,
			   (unsigned long long) estimate >> 20);
	} else {
		char level[8], out[sizeof(c->tmp) + 8];
		char *argv[8];
		int n = 0;

		snprintf(level, sizeof(level), "%u", c->conf.level);
		snprintf(out, sizeof(out), "%s/vmcore", c->tmp);
		argv[n++] = (char *) MAKEDUMPFILE;
		if ((flag = compression_flag(c->conf.compression)))
			argv[n++] = (char *) flag;
		argv[n++] = (char *) "-d";
		argv[n++] = level;
		argv[n++] = (char *) VMCORE;
		argv[n++] = out;
		argv[n] = NULL;
		c->makedumpfile_status = run(c, argv);
		if (c->makedumpfile_status != 0) {
			say("makedumpfile exited with %d; copying %s without zero pages instead",
			    c->makedumpfile_status, VMCORE);
			c->fallback_copy = true;
			if (sparse_copy(VMCORE, out) < 0)
				incomplete(c, "makedumpfile failed (%d) and so did the plain copy: %s",
					   c->makedumpfile_status, strerror(errno));
		}
	}
	snprintf(path, sizeof(path), "%s/dmesg.txt", c->tmp);
	{
		char *argv[] = { (char *) MAKEDUMPFILE, (char *) "--dump-dmesg", (char *) VMCORE, path, NULL };

		if (run(c, argv) != 0)
			say("makedumpfile --dump-dmesg failed; the dump has no panic log");
	}
	sample_memory(c);
	write_metadata(c, utc);
	finish(c);
	umount(TARGET_MNT);
}

int main(void)
{
	struct collect c = {};

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	say("crash capture starting");

	collect(&c);
	sync();

	if (streq(c.conf.action, "shell") && access("/bin/sh", X_OK) == 0) {
		say("Action=shell: starting /bin/sh; 'reboot -f' when done");
		execl("/bin/sh", "sh", NULL);
	}
	say("%s", streq(c.conf.action, "poweroff") ? "powering off" : "rebooting");
	reboot(streq(c.conf.action, "poweroff") ? RB_POWER_OFF : RB_AUTOBOOT);
	return 0;
}
