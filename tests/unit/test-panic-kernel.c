// SPDX-License-Identifier: GPL-2.0-only
/*
 * Image=auto|distro|PATH: which kernel a panic boots. The capture kernel
 * is the patched test kernel's bzImage (unsigned) or Debian's (signed),
 * the machine a fake sysfs with an ext4 image behind a virtio disk, and
 * the kernel's built-in drivers a modules.builtin indexed by the real depmod.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bzimage.h"
#include "capture-build.h"
#include "config.h"
#include "fixtures.h"
#include "panic-kernel.h"
#include "util.h"

struct machine {
	char root[256];
	char sysfs[300], mountinfo[300], lockdown[300], kernel[300], udev_dir[300], dev_dir[300];
	struct panic_kernel_env env;
	struct crashd_config c;
};

/* The release in @kernel's version string, as crashd reads it. */
static void release_of_file(const char *kernel, char *out, size_t len)
{
	_cleanup_free_ char *data = NULL;
	struct bzimage_info bz;
	struct problem p;
	size_t size;

	assert_int_equal(read_full_file(kernel, &data, &size), 0);
	assert_int_equal(bzimage_inspect(data, size, &bz, &p), 0);
	kernel_release_of(bz.version, out, len);
}

/*
 * A machine whose dump directory / is an ext4 file system on a virtio disk
 * (drivers virtio_blk and virtio_pci in sysfs), with @kernel_file from
 * @env_dir installed as crashd's capture kernel, which has @builtin built in.
 */
static void machine_setup(struct machine *m, const char *env_dir, const char *builtin)
{
	const char *dev = "devices/pci0000:00/0000:00:04.0/virtio1/block/vda";
	char release[128];

	memset(m, 0, sizeof(*m));
	snprintf(m->root, sizeof(m->root), "%s", fixture_path("."));
	snprintf(m->sysfs, sizeof(m->sysfs), "%s/sys", m->root);
	snprintf(m->mountinfo, sizeof(m->mountinfo), "%s/mountinfo", m->root);
	snprintf(m->lockdown, sizeof(m->lockdown), "%s/lockdown", m->root);
	snprintf(m->udev_dir, sizeof(m->udev_dir), "%s/udev", m->root);
	snprintf(m->dev_dir, sizeof(m->dev_dir), "/dev");
	snprintf(m->kernel, sizeof(m->kernel), "%s/vmlinuz", m->root);
	fixture_sh("cd %s && rm -rf ./* && truncate -s 8M disk && mkfs.ext4 -q -F disk && mkdir -p sys/%s sys/dev/block "
	   "sys/module/virtio_blk sys/module/virtio_pci && mkdir sys/devices/pci0000:00/0000:00:04.0/virtio1/driver && ln -s ../../../../module/virtio_blk "
	   "sys/devices/pci0000:00/0000:00:04.0/virtio1/driver/module && mkdir sys/devices/pci0000:00/0000:00:04.0/driver "
	   "&& ln -s ../../../module/virtio_pci sys/devices/pci0000:00/0000:00:04.0/driver/module "
	   "&& ln -s ../../%s sys/dev/block/250:7 && printf 'MAJOR=250\\nMINOR=7\\nDEVNAME=..%s/disk\\n' > sys/%s/uevent "
	   "&& echo '21 1 250:7 / / rw - ext4 /dev/vda rw' > mountinfo && echo '[none] integrity confidentiality' > lockdown",
	   m->root, dev, dev, m->root, dev);
	assert_non_null(getenv(env_dir));
	fixture_sh("cp %s/bzImage %s", getenv(env_dir), m->kernel);
	release_of_file(m->kernel, release, sizeof(release));
	if (builtin) {
		fixture_sh("mkdir -p %s/lib/modules/%s && cd %s/lib/modules/%s && : > modules.order && : > modules.builtin.modinfo && for m in %s; do "
		   "echo kernel/$m.ko; done > modules.builtin && depmod -b %s %s", m->root, release, m->root, release,
		   builtin, m->root, release);
	}
	m->env = (struct panic_kernel_env) { .capture_kernel = m->kernel, .modules_root = m->root,
					     .target = { .sysfs = m->sysfs, .mountinfo = m->mountinfo,
							 .udev_dir = m->udev_dir, .dev_dir = m->dev_dir },
					     .lockdown = m->lockdown };
	config_defaults(&m->c);
	free(m->c.dump_dir);
	m->c.dump_dir = strdup("/");
}

static enum panic_kernel_kind choose(struct machine *m, struct panic_kernel *k)
{
	assert_int_equal(panic_kernel_choose(&m->c, &m->env, k), 0);
	assert_non_null(k->path);
	return k->kind;
}

static void test_auto_takes_capture_kernel(void **state)
{
	struct machine m;
	struct panic_kernel k;

	machine_setup(&m, "CRASHD_TEST_KERNEL_DIR", "fs/ext4/ext4 drivers/block/virtio_blk drivers/virtio/virtio_pci");
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_CAPTURE);
	assert_string_equal(k.path, m.kernel);
	assert_false(k.fell_back);
	panic_kernel_free(&k);
	/* Image=auto written out means the same. */
	m.c.kernel = strdup("auto");
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_CAPTURE);
	panic_kernel_free(&k);
	config_free(&m.c);
}

static void test_auto_without_capture_kernel(void **state)
{
	struct machine m;
	struct panic_kernel k;

	machine_setup(&m, "CRASHD_TEST_KERNEL_DIR", NULL);
	m.env.capture_kernel = "/nonexistent/vmlinuz";
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_DISTRO);
	assert_true(startswith(k.path, "/boot/vmlinuz-"));
	assert_false(k.fell_back);
	panic_kernel_free(&k);
	config_free(&m.c);
}

/* A driver the target needs and the kernel lacks: the distribution's kernel, and the reason names it. */
static void test_auto_falls_back_on_missing_driver(void **state)
{
	struct machine m;
	struct panic_kernel k;

	machine_setup(&m, "CRASHD_TEST_KERNEL_DIR", "fs/ext4/ext4 drivers/virtio/virtio_pci");
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_DISTRO);
	assert_true(k.fell_back);
	assert_non_null(strstr(k.why.what, "lacks virtio_blk, which the dump target"));
	assert_non_null(strstr(k.why.what, "/disk needs built in"));
	assert_non_null(strstr(k.why.fix, "Image=distro"));
	panic_kernel_free(&k);
	/* Modules= counts too. */
	fixture_sh("cd %s/lib/modules/* && echo kernel/drivers/block/virtio_blk.ko >> modules.builtin && depmod -b %s $(basename $PWD)",
	   m.root, m.root);
	m.c.modules = strdup("dm_mod");
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_DISTRO);
	assert_non_null(strstr(k.why.what, "lacks dm_mod, which Modules= needs built in"));
	panic_kernel_free(&k);
	config_free(&m.c);
}

static void test_auto_falls_back_without_index(void **state)
{
	struct machine m;
	struct panic_kernel k;

	machine_setup(&m, "CRASHD_TEST_KERNEL_DIR", NULL);
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_DISTRO);
	assert_true(k.fell_back);
	assert_non_null(strstr(k.why.what, "modules.builtin index"));
	assert_string_equal(k.why.fix, "reinstall crashd-capture-kernel");
	panic_kernel_free(&k);
	config_free(&m.c);
}

/* Locked down: an unsigned capture kernel cannot be loaded; Debian's signed one can. */
static void test_lockdown(void **state)
{
	const char *all = "fs/ext4/ext4 drivers/block/virtio_blk drivers/virtio/virtio_pci";
	struct machine m;
	struct panic_kernel k;

	machine_setup(&m, "CRASHD_TEST_KERNEL_DIR", all);
	fixture_sh("echo 'none [integrity] confidentiality' > %s", m.lockdown);
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_DISTRO);
	assert_true(k.fell_back);
	assert_non_null(strstr(k.why.what, "locked down (integrity, as under Secure Boot)"));
	assert_non_null(strstr(k.why.what, "is not signed"));
	assert_non_null(strstr(k.why.fix, "mokutil --import"));
	panic_kernel_free(&k);
	config_free(&m.c);

	machine_setup(&m, "CRASHD_TEST_STOCK_DIR", all);
	fixture_sh("echo 'none integrity [confidentiality]' > %s", m.lockdown);
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_CAPTURE);
	panic_kernel_free(&k);
	config_free(&m.c);
}

static void test_distro_and_path(void **state)
{
	struct machine m;
	struct panic_kernel k;

	machine_setup(&m, "CRASHD_TEST_KERNEL_DIR", "fs/ext4/ext4 drivers/block/virtio_blk drivers/virtio/virtio_pci");
	m.c.kernel = strdup("distro");
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_DISTRO);
	assert_false(k.fell_back);
	panic_kernel_free(&k);
	free(m.c.kernel);
	m.c.kernel = strdup("/srv/kernels/vmlinuz-test");
	assert_int_equal(choose(&m, &k), PANIC_KERNEL_CONFIGURED);
	assert_string_equal(k.path, "/srv/kernels/vmlinuz-test");
	panic_kernel_free(&k);
	config_free(&m.c);
}

static void test_config_words(void **state)
{
	struct crashd_config c;
	struct config_errors e;

	config_defaults(&c);
	assert_int_equal(config_parse_string("[Kernel]\nImage=distro\n", &c, &e), 0);
	assert_string_equal(c.kernel, "distro");
	config_free(&c);
	config_defaults(&c);
	assert_int_equal(config_parse_string("[Kernel]\nImage=vmlinuz\n", &c, &e), -EINVAL);
	assert_string_equal(e.v[0].p.what, "Image= must be auto, distro or an absolute path, not 'vmlinuz'");
	assert_string_equal(e.v[0].p.fix, "write auto, distro or an absolute path");
	config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_auto_takes_capture_kernel, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_auto_without_capture_kernel, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_auto_falls_back_on_missing_driver, fixture_dir_setup,
						fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_auto_falls_back_without_index, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_lockdown, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_distro_and_path, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_config_words),
	};

	return cmocka_run_group_tests_name("panic-kernel", tests, NULL, NULL);
}
