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
#include "dump-dir.h"
#include "dump-meta.h"
#include "util.h"
#include "vmcoreinfo.h"

#define VMCORE "/proc/vmcore"
#define TARGET_MNT "/target"
#define MAKEDUMPFILE "/usr/bin/makedumpfile"
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

struct collect {
	struct capture_conf conf;
	char boot_id[40];
	char name[96];		/* <UTC>-<boot id> */
	char tmp[PATH_MAX + 128];	/* the directory being written, for messages */
	char final[PATH_MAX + 128];
	/*
	 * Everything in the dump directory is reached from these, never by a
	 * path another user could have swapped a link into; makedumpfile gets
	 * the directory being written as /proc/self/fd/N.
	 */
	int dirfd, tmpfd;
	char tmp_name[128];
	char fd_dir[32];
	bool complete;
	bool saved;		/* the dump's directory has its final name */
	char reason[256];	/* why not complete */
	int makedumpfile_status;
	bool fallback_copy;
	uint64_t mem_total_kib, mem_available_min_kib;
	/* How long: the capture kernel until the collector ran, makedumpfile, the whole save. */
	uint64_t boot_usec, makedumpfile_usec, save_started_usec;
};

/*
 * On the console at once (stderr is /dev/console), as the collector acts:
 * printk's own console output can lag seconds behind. And into the
 * kernel's log at a level the console shows, because ramoops keeps what
 * the consoles print across the reboot (its dmesg records are for panics
 * and oopses only): a capture that fails says why after it. The console
 * therefore shows each line twice, once with a time stamp.
 */
static void say(const char *fmt, ...)
{
	static int kmsg = -EBADF;	/* opened once /dev is mounted; the collector's only state outside struct collect */
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = snprintf(line, sizeof(line), "<5>crashd-collect: ");
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line + 3);
	if (kmsg == -EBADF)
		kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (kmsg >= 0)
		(void) !write(kmsg, line, strlen(line));
}

/* The first reason something went wrong is the one reported. */
static void incomplete(struct collect *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
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
	if (read_one_line_file("/proc/cmdline", &cmdline) < 0)
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

/*
 * makedumpfile prints its progress on the console; memory is sampled
 * meanwhile. After @timeout_sec (0: none) the program is killed.
 */
static int run_for(struct collect *c, char *const argv[], unsigned timeout_sec)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	for (unsigned ticks = 0; waitpid(pid, &status, WNOHANG) == 0; ticks++) {
		if (timeout_sec && ticks >= timeout_sec * 10) {
			say("%s did not finish in %u s; killed", argv[0], timeout_sec);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		sample_memory(c);
		usleep(100000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int run(struct collect *c, char *const argv[])
{
	return run_for(c, argv, 0);
}

/* PreHook= and PostHook=: their failure is said, and changes nothing else. */
static void run_hook(struct collect *c, const char *key, const char *path, const char *arg)
{
	char *argv[] = { (char *) path, (char *) arg, NULL };
	int status;

	if (!path[0])
		return;
	say("%s: running %s%s%s", key, path, arg ? " " : "", arg ?: "");
	status = run_for(c, argv, HOOK_TIMEOUT_SEC);
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
		status = run_for(c, step.argv, ASSEMBLE_TIMEOUT_SEC);
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
		status = run_for(c, step.stop_argv, ASSEMBLE_TIMEOUT_SEC);
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

static void write_metadata(struct collect *c, const char *utc)
{
	_cleanup_free_ char *dmesg = NULL;
	json_object *o = json_object_new_object();
	struct vmcoreinfo vi = {};
	char panic[512] = "";
	struct stat st = {};
	struct utsname u;
	const char *text;
	int fd;

	vmcoreinfo_read(VMCORE, &vi);
	if (read_full_file_at(c->tmpfd, "dmesg.txt", O_NOFOLLOW, &dmesg, NULL) >= 0)
		dump_panic_line(dmesg, panic, sizeof(panic));
	/* crashd adds the vmcore's SHA-256 after the reboot (dumps_digest_new()). */
	if (fstatat(c->tmpfd, "vmcore", &st, AT_SYMLINK_NOFOLLOW) < 0)
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
	/* Where a capture's time goes; the rest of the save is what the collector adds. */
	json_object_object_add(o, "capture_boot_usec", json_object_new_int64(c->boot_usec));
	json_object_object_add(o, "makedumpfile_usec", json_object_new_int64(c->makedumpfile_usec));
	json_object_object_add(o, "save_usec",
			       json_object_new_int64(now_usec(CLOCK_MONOTONIC) - c->save_started_usec));
	/* Whose memory use that was: crashctl estimate applies it only to the same capture kernel. */
	if (uname(&u) == 0)
		json_object_object_add(o, "capture_kernel_release", json_object_new_string(u.release));
	json_object_object_add(o, "crashd_version", json_object_new_string(c->conf.version));
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	fd = openat(c->tmpfd, DUMP_META_NAME, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text) || fsync(fd) < 0)
		say("writing %s/%s: %s", c->tmp, DUMP_META_NAME, strerror(errno));
	if (fd >= 0)
		close(fd);
	json_object_put(o);
}

static void fsync_at(int dirfd, const char *name)
{
	_cleanup_close_ int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0)
		fsync(fd);
}

static void finish(struct collect *c)
{
	static const char *const files[] = { "vmcore", "dmesg.txt" };

	for (size_t i = 0; i < ELEMENTSOF(files); i++)
		fsync_at(c->tmpfd, files[i]);
	fsync(c->tmpfd);
	/* Never over an existing name: whatever is there was not written by this capture. */
	if (renameat2(c->dirfd, c->tmp_name, c->dirfd, c->name, RENAME_NOREPLACE) < 0) {
		say("renaming %s: %s", c->tmp, strerror(errno));
		return;
	}
	fsync(c->dirfd);
	c->saved = true;
	say("saved %s (%s)", c->final, c->complete ? "complete" : c->reason);
}

/*
 * Creates the directory this capture writes, inside @dir: made here and
 * now (mkdirat fails on anything planted), then held open. The dump
 * directory itself should be root's alone; if it is not, the dump is still
 * saved, and crashd refuses to act there and says why after the reboot.
 */
static int open_dump_dirs(struct collect *c, const char *dir)
{
	struct stat st;

	if (mkdir_p(dir, 0700) < 0)
		return -errno;
	c->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c->dirfd < 0)
		return -errno;
	if (fstat(c->dirfd, &st) == 0 && !dump_dir_is_safe(&st))
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
	char level[8], out[sizeof(c->fd_dir) + 8];
	struct statvfs sv;
	uint64_t estimate;
	const char *flag;
	char *argv[40];
	int n = 0;

	/* A guess, on purpose generous: level 31 keeps about a tenth of memory. */
	estimate = vmcore_size / (c->conf.level >= 17 ? 10 : 2) + (16u << 20);
	if (fstatvfs(c->tmpfd, &sv) == 0 && (uint64_t) sv.f_bavail * sv.f_frsize < estimate) {
		incomplete(c, "not enough space: %llu MiB free on %s, about %llu MiB needed",
			   (unsigned long long) sv.f_bavail * sv.f_frsize >> 20, dev,
			   (unsigned long long) estimate >> 20);
		return;
	}
	snprintf(level, sizeof(level), "%u", c->conf.level);
	snprintf(out, sizeof(out), "%s/vmcore", c->fd_dir);
	argv[n++] = (char *) MAKEDUMPFILE;
	if ((flag = compression_flag(c->conf.compression)))
		argv[n++] = (char *) flag;
	argv[n++] = (char *) "-d";
	argv[n++] = level;
	/* MakedumpfileOptions=, checked by crashd: no option it sets itself. */
	for (char *s = NULL, *w = strtok_r(c->conf.makedumpfile_options, " \t", &s);
	     w && n < (int) ELEMENTSOF(argv) - 3; w = strtok_r(NULL, " \t", &s))
		argv[n++] = w;
	argv[n++] = (char *) VMCORE;
	argv[n++] = out;
	argv[n] = NULL;
	c->makedumpfile_usec = now_usec(CLOCK_MONOTONIC);
	c->makedumpfile_status = run(c, argv);
	c->makedumpfile_usec = now_usec(CLOCK_MONOTONIC) - c->makedumpfile_usec;
	if (c->makedumpfile_status == 0)
		return;
	say("makedumpfile exited with %d; copying %s without zero pages instead", c->makedumpfile_status, VMCORE);
	c->fallback_copy = true;
	(void) sparse_copy(c, VMCORE, vmcore_size);
}

static void save_dmesg(struct collect *c)
{
	char path[sizeof(c->fd_dir) + 16];
	char *argv[] = { (char *) MAKEDUMPFILE, (char *) "--dump-dmesg", (char *) VMCORE, path, NULL };

	snprintf(path, sizeof(path), "%s/dmesg.txt", c->fd_dir);
	if (run(c, argv) != 0)
		say("makedumpfile --dump-dmesg failed; the dump has no panic log");
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

static void collect(struct collect *c)
{
	_cleanup_free_ char *conf_text = NULL;
	char dev[300], dir[PATH_MAX + 16], utc[32];
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
	snprintf(dir, sizeof(dir), TARGET_MNT "%s", streq(c->conf.dir, "/") ? "" : c->conf.dir);
	snprintf(c->tmp, sizeof(c->tmp), "%s/" DUMP_TMP_PREFIX "%s", dir, c->name);
	snprintf(c->final, sizeof(c->final), "%s/%s", dir, c->name);
	if (open_dump_dirs(c, dir) < 0) {
		say("creating %s: %s (read-only or full?); nothing saved", c->tmp, strerror(errno));
		goto out;
	}
	/* Durable at once: a power cut from here on leaves a directory the next boot reports. */
	fsync(c->tmpfd);
	fsync(c->dirfd);
	say("saving to %s on %s", c->final, dev);
	c->save_started_usec = now_usec(CLOCK_MONOTONIC);

	save_vmcore(c, st.st_size, dev);
	save_dmesg(c);
	sample_memory(c);
	write_metadata(c, utc);
	finish(c);
	setenv("CRASHD_DUMP_STATUS", !c->saved ? "failed" : c->complete ? "complete" : "incomplete", 1);
	run_hook(c, "PostHook", c->conf.post_hook, c->saved ? c->final : c->tmp);
out:
	if (c->tmpfd >= 0)
		close(c->tmpfd);
	if (c->dirfd >= 0)
		close(c->dirfd);
	c->tmpfd = c->dirfd = -EBADF;
	if (umount(TARGET_MNT) == 0)
		disassemble(c);
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
