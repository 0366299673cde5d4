// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the capture side's pieces: the cpio writer (read back by
 * cpio(1) and by the initramfs check), superblock probing (on images made
 * by mkfs.ext4), modules.dep resolution, capture.conf, VMCOREINFO, the
 * panic line and mountinfo.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "capture-conf.h"
#include "cpio-writer.h"
#include "dump-meta.h"
#include "dump-target.h"
#include "fixtures.h"
#include "fs-probe.h"
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

static void test_fs_probe_ext4(void **state)
{
	size_t size;
	unsigned char *img = fixture_shell("truncate -s 8M fs.img && mkfs.ext4 -q -F -L dumps "
					   "-U 0b2c5d8e-1f3a-4b6c-9d0e-112233445566 fs.img && head -c 131072 fs.img > out",
					   "out", &size);
	struct fs_id id;

	assert_true(fs_probe_buffer(img, size, &id));
	assert_string_equal(id.type, "ext4");
	assert_string_equal(id.uuid, "0b2c5d8e-1f3a-4b6c-9d0e-112233445566");
	assert_string_equal(id.label, "dumps");
	assert_true(fs_id_matches(&id, "UUID=0B2C5D8E-1F3A-4B6C-9D0E-112233445566"));
	assert_true(fs_id_matches(&id, "LABEL=dumps"));
	assert_false(fs_id_matches(&id, "LABEL=other"));
	assert_false(fs_id_matches(&id, "/dev/vda"));
	memset(img + 1024, 0, 1024);
	assert_false(fs_probe_buffer(img, size, &id));
	free(img);
}

static void test_kmod(void **state)
{
	char dir[] = "/tmp/crashd-kmod.XXXXXX", path[256];
	const char *names[] = { "ext4", "virtio-blk", "crc32c_intel_builtin" };
	struct strv order = {};
	struct problem p = {};
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/modules.dep", dir);
	f = fopen(path, "w");
	fputs("kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz kernel/fs/mbcache.ko.xz kernel/fs/jbd2/jbd2.ko.xz\n"
	      "kernel/lib/crc16.ko.xz:\nkernel/fs/mbcache.ko.xz:\n"
	      "kernel/fs/jbd2/jbd2.ko.xz: kernel/crypto/crc32c_generic.ko.xz\n"
	      "kernel/crypto/crc32c_generic.ko.xz:\n"
	      "kernel/drivers/block/virtio_blk.ko.xz:\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/modules.builtin", dir);
	f = fopen(path, "w");
	fputs("kernel/arch/x86/crypto/crc32c-intel-builtin.ko\n", f);
	fclose(f);

	snprintf(path, sizeof(path), "%s/modules.softdep", dir);
	f = fopen(path, "w");
	fputs("softdep ext4 pre: crypto-crc32c\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/modules.alias", dir);
	f = fopen(path, "w");
	fputs("alias crypto-crc32c crc32c_generic\nalias crypto-crc32c crc32c_nosuch\n", f);
	fclose(f);

	assert_int_equal(kmod_resolve(dir, names, 3, &order, &p), 0);
	assert_int_equal(order.n, 6);
	/* Every module after its dependencies, soft ones (through the alias) too. */
	assert_non_null(strstr(order.v[0], "crc32c_generic"));
	assert_non_null(strstr(order.v[1], "crc16"));
	assert_non_null(strstr(order.v[3], "jbd2"));
	assert_non_null(strstr(order.v[4], "ext4"));
	assert_non_null(strstr(order.v[5], "virtio_blk"));

	names[0] = "nosuchfs";
	assert_int_equal(kmod_resolve(dir, names, 1, &order, &p), -ENOENT);
	assert_non_null(strstr(p.what, "no module nosuchfs"));
	strv_free(&order);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

static void test_capture_conf(void **state)
{
	struct capture_conf in = { .target = "UUID=abc", .fstype = "ext4", .dir = "/var/crash", .level = 17,
				   .compression = "zstd", .action = "poweroff", .version = "0.1" }, out;
	struct problem p = {};
	char *text;

	assert_int_equal(capture_conf_format(&in, &text), 0);
	assert_int_equal(capture_conf_parse(text, &out, &p), 0);
	assert_memory_equal(&in, &out, sizeof(in));
	free(text);
	assert_int_equal(capture_conf_parse("[Capture]\nLevel=3\n", &out, &p), -EINVAL);
	assert_non_null(strstr(p.what, "no Target"));
	assert_int_equal(capture_conf_parse("[Capture]\nTarget=/dev/vda\nLevel=99\n", &out, &p), -EINVAL);
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
		"40 21 254:1 /srv/dumps /mnt/dumps rw - ext4 /dev/vda1 rw\n";
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
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpio_round_trip),
		cmocka_unit_test(test_fs_probe_ext4),
		cmocka_unit_test(test_kmod),
		cmocka_unit_test(test_capture_conf),
		cmocka_unit_test(test_vmcoreinfo_and_panic),
		cmocka_unit_test(test_mountinfo),
	};

	return cmocka_run_group_tests_name("capture", tests, NULL, NULL);
}
