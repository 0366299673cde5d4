// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the capture side's pieces: the cpio writer (read back by
 * cpio(1) and by the initramfs check), modules.dep resolution, capture.conf, VMCOREINFO, the
 * panic line and mountinfo.
 */
#include <errno.h>
#include <unistd.h>
#include <sys/wait.h>
#include <grp.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "capture-build.h"
#include "capture-conf.h"
#include "cpio-writer.h"
#include "dump-meta.h"
#include "dump-target.h"
#include "fixtures.h"
#include "initramfs.h"
#include "kmod-deps.h"
#include "util.h"
#include "vmcoreinfo.h"

static void test_cpio_round_trip(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct cpio_writer w;
	struct initramfs_info info;
	struct problem p = {};
	FILE *out;
	char listing[4096] = "";

	cpio_begin(&w, f);
	assert_int_equal(cpio_dir(&w, "etc", 0755), 0);
	assert_int_equal(cpio_data(&w, "etc/hello", 0644, "hello\n", 6), 0);
	assert_int_equal(cpio_symlink(&w, "bin/sh", "busybox"), 0);
	assert_int_equal(cpio_chardev(&w, "dev/console", 0600, 5, 1), 0);
	assert_int_equal(cpio_end(&w), 0);
	fclose(f);
	assert_int_equal(len % 512, 0);
	assert_int_equal(initramfs_inspect(buf, len, &info, &p), 0);
	assert_int_equal(info.cpio_entries, 4);

	/* GNU cpio, which nobody here wrote, reads it back. */
	out = fopen("/tmp/crashd-cpio-test.cpio", "w");
	fwrite(buf, 1, len, out);
	fclose(out);
	f = popen("cpio -itv --quiet < /tmp/crashd-cpio-test.cpio", "r");
	assert_non_null(f);
	assert_true(fread(listing, 1, sizeof(listing) - 1, f) > 0);
	assert_int_equal(pclose(f), 0);
	assert_non_null(strstr(listing, "etc/hello"));
	assert_non_null(strstr(listing, "bin/sh -> busybox"));
	assert_non_null(strstr(listing, "dev/console"));
	unlink("/tmp/crashd-cpio-test.cpio");
	free(buf);
}

/* Where @path is in @order, or -1. */
static ssize_t index_of(const struct strv *order, const char *path)
{
	for (size_t i = 0; i < order->n; i++)
		if (streq(order->v[i], path))
			return (ssize_t) i;
	return -1;
}

/* What kmod's own modprobe would insert for @name, in its order: the oracle. */
static void modprobe_inserts(const char *root, const char *release, const char *name, struct strv *out)
{
	char cmd[1024], line[1024];
	FILE *f;

	snprintf(cmd, sizeof(cmd), "modprobe -C /dev/null -d '%s' -S '%s' --show-depends '%s'", root, release, name);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *path = line + strlen("insmod ");

		if (!startswith(line, "insmod "))
			continue;
		path[strcspn(path, " \n")] = '\0';
		assert_true(strv_push_unique(out, path) >= 0);
	}
	assert_int_equal(pclose(f), 0);
}

/*
 * Over Debian's real module indexes, with modprobe as the oracle: every
 * module modprobe would insert for a name is there, and each comes after
 * everything modprobe inserts before it.
 */
static void test_kmod(void **state)
{
	const char *root = getenv("CRASHD_TEST_STOCK_DIR");
	const char *names[] = { "ext4", "fs-xfs", "btrfs", "virtio_blk", "nvme", "sd-mod", "ahci",
				"crct10dif_generic" };
	_cleanup_free_ char *release = NULL;
	char moddir[512], path[512];
	struct strv order = {};
	struct problem p = {};

	if (!root)
		fail_msg("CRASHD_TEST_STOCK_DIR is not set; run through 'make check', which unpacks Debian's kernel");
	snprintf(path, sizeof(path), "%s/release", root);
	assert_int_equal(read_one_line_file(path, &release), 0);
	snprintf(moddir, sizeof(moddir), "%s/lib/modules/%s", root, release);

	assert_int_equal(kmod_resolve(moddir, names, ELEMENTSOF(names), &order, &p), 0);
	assert_true(order.n >= 10);
	for (size_t i = 0; i < ELEMENTSOF(names); i++) {
		struct strv want = {};

		modprobe_inserts(root, release, names[i], &want);
		for (size_t k = 0; k < want.n; k++)
			if (index_of(&order, want.v[k]) < 0)
				fail_msg("%s: modprobe inserts %s, kmod_resolve() left it out", names[i], want.v[k]);
		strv_free(&want);
	}
	for (size_t i = 0; i < order.n; i++) {
		const char *base = strrchr(order.v[i], '/') + 1;
		struct strv before = {};
		char name[128];

		snprintf(name, sizeof(name), "%.*s", (int) strcspn(base, "."), base);
		modprobe_inserts(root, release, name, &before);
		for (size_t k = 0; k < before.n && !streq(before.v[k], order.v[i]); k++)
			if (index_of(&order, before.v[k]) >= (ssize_t) i)
				fail_msg("%s comes before %s, which it needs", order.v[i], before.v[k]);
		strv_free(&before);
	}
	strv_free(&order);

	names[0] = "nosuchfs";
	assert_int_equal(kmod_resolve(moddir, names, 1, &order, &p), -ENOENT);
	assert_non_null(strstr(p.what, "no module nosuchfs"));
	strv_free(&order);
	assert_int_equal(kmod_resolve("/nonexistent", names, 1, &order, &p), -ENOENT);
	assert_non_null(strstr(p.what, "modules.dep.bin"));
}

static void test_capture_conf(void **state)
{
	struct capture_conf in = { .target = "UUID=abc", .fstype = "ext4", .dir = "/var/crash", .level = 17,
				   .compression = "zstd", .action = "poweroff", .failure_action = "shell",
				   .makedumpfile_options = "--num-threads=2 --message-level=7",
				   .pre_hook = "/usr/local/sbin/pre", .post_hook = "/usr/local/sbin/post", .version = "0.1" }, out;
	struct problem p = {};
	char *text;

	assert_int_equal(capture_conf_format(&in, &text), 0);
	assert_int_equal(capture_conf_parse(text, &out, &p), 0);
	assert_memory_equal(&in, &out, sizeof(in));
	free(text);
	assert_int_equal(capture_conf_parse("[Capture]\nLevel=3\n", &out, &p), -EINVAL);
	assert_non_null(strstr(p.what, "no Target"));
	assert_int_equal(capture_conf_parse("[Capture]\nTarget=/dev/vda\nLevel=99\n", &out, &p), -EINVAL);
	/* Unsaid, the dump is zlib: kdump-tools' compression and the smallest Debian's makedumpfile writes (bench/collection). */
	assert_int_equal(capture_conf_parse("[Capture]\nTarget=/dev/vda\n", &out, &p), 0);
	assert_string_equal(out.compression, "zlib");
}

/* Compression= only as the makedumpfile in use can write it: read from what it links. */
static void test_compression_check(void **state)
{
	struct problem p = {};

	if (access(CRASHD_MAKEDUMPFILE_PATH, X_OK) < 0)
		skip();
	/* Debian 12's links lzo and zlib. */
	assert_int_equal(capture_check_compression(CRASHD_MAKEDUMPFILE_PATH, "lzo", &p), 0);
	assert_int_equal(capture_check_compression(CRASHD_MAKEDUMPFILE_PATH, "zlib", &p), 0);
	assert_int_equal(capture_check_compression(CRASHD_MAKEDUMPFILE_PATH, "none", &p), 0);
	assert_int_equal(capture_check_compression(CRASHD_MAKEDUMPFILE_PATH, "zstd", &p), -EOPNOTSUPP);
	assert_non_null(strstr(p.what, "Compression=zstd: /usr/bin/makedumpfile is built without zstd"));
	assert_non_null(strstr(p.what, "it can do none, lzo, zlib"));
	/* A program that links libzstd can. */
	assert_int_equal(capture_check_compression("build/crashd", "zstd", &p), 0);
	assert_int_equal(capture_check_compression("/nonexistent", "lzo", &p), -ENOENT);
	/* A static program says nothing of what it links: not refused. */
	if (access("/bin/busybox", X_OK) == 0)
		assert_int_equal(capture_check_compression("/bin/busybox", "zstd", &p), 0);
}

/* [Capture] Programs=, PreHook=, FailureAction=, MakedumpfileOptions= reach the initramfs; Modules= needs modules. */
static void test_capture_extras(void **state)
{
	char dir[256], hook[300], out[300], cmd[1024], listing[16384] = "";
	struct capture_build b = {};
	struct capture_report rep;
	struct crashd_config c;
	struct problem p = {};
	FILE *f;

	if (access(CRASHD_MAKEDUMPFILE_PATH, X_OK) < 0 || access("/bin/busybox", X_OK) < 0)
		skip();
	snprintf(dir, sizeof(dir), "%s", fixture_path("."));
	snprintf(hook, sizeof(hook), "%s/pre-hook", dir);
	snprintf(out, sizeof(out), "%s/initramfs.img", dir);
	assert_int_equal(write_file_atomic(hook, "#!/bin/sh\necho pre\n", 0755), 0);
	config_defaults(&c);
	c.dump_target = strdup("UUID=0b2c5d8e-1f3a-4b6c-9d0e-112233445566");
	c.programs = strdup("/usr/bin/true");
	c.pre_hook = strdup(hook);
	c.makedumpfile_options = strdup("--num-threads=2");
	free(c.failure_action);
	c.failure_action = strdup("poweroff");
	b = (struct capture_build) { .config = &c, .kernel_release = "0.0-none", .modules_root = dir,
				     .collector = "build/crashd-collect", .output = out };
	assert_int_equal(capture_build(&b, &rep, &p), 0);
	capture_report_free(&rep);

	snprintf(cmd, sizeof(cmd), "cpio -it --quiet < %s; cd %s && cpio -i --quiet --to-stdout etc/crashd/capture.conf < %s",
		 out, dir, out);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_true(fread(listing, 1, sizeof(listing) - 1, f) > 0);
	assert_int_equal(pclose(f), 0);
	assert_non_null(strstr(listing, "\nusr/bin/true\n"));
	assert_non_null(strstr(listing, hook + 1));
	assert_non_null(strstr(listing, "\nbin/sh\n"));
	assert_non_null(strstr(listing, "FailureAction=poweroff\n"));
	assert_non_null(strstr(listing, "MakedumpfileOptions=--num-threads=2\n"));
	assert_non_null(strstr(listing, "PreHook=/"));

	/* Nothing runs a shell: busybox's 2 MiB stay out of the region. */
	free(c.pre_hook);
	c.pre_hook = NULL;
	assert_int_equal(capture_build(&b, &rep, &p), 0);
	assert_false(rep.shell);
	capture_report_free(&rep);
	f = popen(cmd, "r");
	assert_non_null(f);
	memset(listing, 0, sizeof(listing));
	assert_true(fread(listing, 1, sizeof(listing) - 1, f) > 0);
	assert_int_equal(pclose(f), 0);
	assert_null(strstr(listing, "bin/busybox"));
	/* Action=shell brings it back. */
	free(c.action);
	c.action = strdup("shell");
	assert_int_equal(capture_build(&b, &rep, &p), 0);
	assert_true(rep.shell);
	capture_report_free(&rep);

	/* What cannot be carried is refused, naming the key. */
	c.modules = strdup("nvme");
	assert_int_equal(capture_build(&b, &rep, &p), -ENOENT);
	capture_report_free(&rep);
	assert_non_null(strstr(p.what, "Modules=nvme:"));
	assert_non_null(strstr(p.what, "is not installed"));
	free(c.modules);
	c.modules = NULL;
	free(c.programs);
	c.programs = strdup("/nonexistent/tool");
	assert_int_equal(capture_build(&b, &rep, &p), -ENOENT);
	capture_report_free(&rep);
	assert_non_null(strstr(p.what, "Programs=/nonexistent/tool"));
	config_free(&c);
}

static void test_vmcoreinfo_and_panic(void **state)
{
	static const char note[] = "OSRELEASE=6.12.117+\nBUILD-ID=09840af7b3e007bf2908241bb549189fb2c7614f\nPAGESIZE=4096\n";
	struct vmcoreinfo vi;
	char line[256];

	vmcoreinfo_parse(note, sizeof(note) - 1, &vi);
	assert_string_equal(vi.osrelease, "6.12.117+");
	assert_string_equal(vi.build_id, "09840af7b3e007bf2908241bb549189fb2c7614f");
	dump_panic_line("[ 1.0] sysrq: Trigger a crash\n[ 1.1] Kernel panic - not syncing: sysrq triggered crash\n[ 1.2] CPU: 0\n",
			line, sizeof(line));
	assert_string_equal(line, "Kernel panic - not syncing: sysrq triggered crash");
	dump_panic_line("nothing happened\n", line, sizeof(line));
	assert_string_equal(line, "");
}

static void test_mountinfo(void **state)
{
	static const char mi[] =
		"21 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
		"22 21 0:21 / /proc rw - proc proc rw\n"
		"30 21 254:17 / /var rw,relatime shared:5 - xfs /dev/vdb1 rw\n"
		"31 30 254:33 / /var/crash rw,relatime shared:6 - ext4 /dev/vdc rw\n"
		"32 21 0:30 / /var/crashes rw - tmpfs tmpfs rw\n"
		"40 21 254:1 /srv/dumps /mnt/dumps rw - ext4 /dev/vda1 rw\n"
		"41 21 0:35 /@crash /srv/crash rw - btrfs /dev/vdd2 rw,subvol=/@crash\n";
	struct mount_entry m;

	assert_int_equal(mountinfo_find(mi, "/var/crash", &m), 0);
	assert_string_equal(m.point, "/var/crash");
	assert_int_equal(m.major, 254);
	assert_int_equal(m.minor, 33);
	assert_int_equal(mountinfo_find(mi, "/var/crash/sub", &m), 0);
	assert_string_equal(m.point, "/var/crash");
	/* /var/crashes is not under /var/crash. */
	assert_int_equal(mountinfo_find(mi, "/var/crashes", &m), 0);
	assert_string_equal(m.fstype, "tmpfs");
	assert_int_equal(mountinfo_find(mi, "/var/lib", &m), 0);
	assert_string_equal(m.fstype, "xfs");
	assert_int_equal(mountinfo_find(mi, "/home", &m), 0);
	assert_string_equal(m.point, "/");
	/* A bind mount: the directory of the file system that is mounted. */
	assert_int_equal(mountinfo_find(mi, "/mnt/dumps/x", &m), 0);
	assert_string_equal(m.root, "/srv/dumps");
	assert_string_equal(m.source, "/dev/vda1");
	/* btrfs: an anonymous device number; what it is on is the source. */
	assert_int_equal(mountinfo_find(mi, "/srv/crash", &m), 0);
	assert_int_equal(m.major, 0);
	assert_string_equal(m.source, "/dev/vdd2");
	assert_string_equal(m.root, "/@crash");
}

/* The dump directory "/" on device 250:7, named @devname in a fake sysfs, resolved as @uid. */
static int resolve_as(uid_t uid, const char *dir, const char *devname, struct problem *p)
{
	char sysfs[300], mountinfo[300], udev[300], cmd[1024], uevent[400];
	struct crashd_config c;
	struct dump_target t;
	int r, fds[2], status;
	pid_t pid;

	snprintf(sysfs, sizeof(sysfs), "%s/sys", dir);
	snprintf(udev, sizeof(udev), "%s/udev", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/dev/block/250:7 && chmod -R a+rX %s", sysfs, sysfs);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/dev/block/250:7/uevent", sysfs);
	snprintf(uevent, sizeof(uevent), "MAJOR=250\nMINOR=7\nDEVNAME=%s\n", devname);
	assert_int_equal(write_file_atomic(cmd, uevent, 0644), 0);
	snprintf(mountinfo, sizeof(mountinfo), "%s/mountinfo", dir);
	assert_int_equal(write_file_atomic(mountinfo, "21 1 250:7 / / rw - ext4 /dev/fake rw\n", 0644), 0);

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (uid && (setgroups(0, NULL) < 0 || setgid(uid) < 0 || setuid(uid) < 0))
			_exit(99);
		config_defaults(&c);
		free(c.dump_dir);
		c.dump_dir = strdup("/");
		r = dump_target_resolve(&c, &(struct dump_target_env) { .sysfs = sysfs, .mountinfo = mountinfo,
									 .udev_dir = udev, .dev_dir = "/dev" },
					&t, p);
		if (write(fds[1], p, sizeof(*p)) != sizeof(*p))
			_exit(98);
		_exit(-r);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], p, sizeof(*p)), sizeof(*p));
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return -WEXITSTATUS(status);
}

/*
 * A device crashctl cannot read is said so, not blamed on the file
 * system; one that holds no known file system is.
 */
static void test_target_unreadable(void **state)
{
	char dir[256];
	struct problem p = {};
	int r;

	snprintf(dir, sizeof(dir), "%s", fixture_path("."));
	assert_int_equal(chmod(dir, 0755), 0);
	char dev[300];

	/* A device only root may read: a file of root's, reached from /dev as udev would name it. */
	snprintf(dev, sizeof(dev), "%s/disk", dir);
	assert_int_equal(write_file_atomic(dev, "", 0600), 0);
	assert_int_equal(truncate(dev, 1 << 20), 0);
	snprintf(dev, sizeof(dev), "..%s/disk", dir);
	r = resolve_as(65534, dir, dev, &p);
	assert_int_equal(r, -EACCES);
	assert_non_null(strstr(p.what, "cannot read /dev/../"));
	assert_non_null(strstr(p.what, "to identify its file system (ext4): Permission denied"));
	assert_string_equal(p.fix, "run it as root");
	/* Readable, and no file system at all: that is what is said then. */
	r = resolve_as(0, dir, dev, &p);
	assert_int_equal(r, -ENODATA);
	assert_non_null(strstr(p.what, "cannot identify the file system on /dev/../"));
	assert_non_null(strstr(p.what, "(ext4): libblkid finds none with a UUID"));
	assert_non_null(strstr(p.fix, "set Target= in"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpio_round_trip),
		cmocka_unit_test(test_kmod),
		cmocka_unit_test(test_compression_check),
		cmocka_unit_test_setup_teardown(test_capture_extras, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_capture_conf),
		cmocka_unit_test(test_vmcoreinfo_and_panic),
		cmocka_unit_test_setup_teardown(test_target_unreadable, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_mountinfo),
	};

	return cmocka_run_group_tests_name("capture", tests, NULL, NULL);
}
