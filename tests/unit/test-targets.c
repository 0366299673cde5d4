// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of finding the dump target: libblkid's reading of a real
 * ext4 image (made by mkfs.ext4), Target= forms, udev's database, the
 * Assemble= steps and their command lines, and the device stack below a
 * target in a fake sysfs: LVM on MD RAID1 on two virtio partitions, an
 * encrypted volume, a device-mapper device the capture system cannot set up.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "assemble.h"
#include "block-id.h"
#include "block-stack.h"
#include "dump-target.h"
#include "fixtures.h"
#include "udev-db.h"
#include "util.h"

#define MD_UUID "3a8f0c4e:5b21d9aa:0c7e4f11:92d0b6c3"
#define FS_UUID "0b2c5d8e-1f3a-4b6c-9d0e-112233445566"
#define PART_UUID "6c1d2e3f-aaaa-4bbb-8ccc-0123456789ab"

static bool endswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && streq(s + n - k, suffix);
}

static void test_block_id_probe(void **state)
{
	char img[300];
	struct block_id id;

	snprintf(img, sizeof(img), "%s", fixture_path("fs.img"));
	fixture_sh("truncate -s 8M %s && mkfs.ext4 -q -F -L 'my dumps' -U " FS_UUID " %s", img, img);
	assert_int_equal(block_id_probe(img, &id), 0);
	assert_string_equal(id.type, "ext4");
	assert_string_equal(id.usage, "filesystem");
	assert_string_equal(id.uuid, FS_UUID);
	assert_string_equal(id.label, "my dumps");
	assert_true(block_id_matches(&id, "UUID=0B2C5D8E-1F3A-4B6C-9D0E-112233445566"));
	assert_true(block_id_matches(&id, "LABEL=\"my dumps\""));
	assert_false(block_id_matches(&id, "LABEL=my"));
	assert_false(block_id_matches(&id, "PARTUUID=" FS_UUID));
	assert_false(block_id_matches(&id, "/dev/vda"));
	/* The superblock's magic gone: nothing is there. */
	fixture_sh("dd if=/dev/zero of=%s bs=1024 seek=1 count=1 conv=notrunc status=none", img);
	assert_int_equal(block_id_probe(img, &id), -ENODATA);
	assert_int_equal(block_id_probe(fixture_path("absent"), &id), -ENOENT);
}

static void test_spec_kind(void **state)
{
	assert_int_equal(block_spec_kind("UUID=" FS_UUID), BLOCK_SPEC_UUID);
	assert_int_equal(block_spec_kind("LABEL=\"a b\""), BLOCK_SPEC_LABEL);
	assert_int_equal(block_spec_kind("PARTUUID=" PART_UUID), BLOCK_SPEC_PARTUUID);
	assert_int_equal(block_spec_kind("PARTLABEL=dumps"), BLOCK_SPEC_PARTLABEL);
	assert_int_equal(block_spec_kind("/dev/disk/by-id/virtio-dumps-part1"), BLOCK_SPEC_PATH);
	assert_int_equal(block_spec_kind("UUID="), -EINVAL);
	assert_int_equal(block_spec_kind("ID=abc"), -EINVAL);
	assert_int_equal(block_spec_kind("vdb1"), -EINVAL);
	assert_int_equal(block_spec_kind(""), -EINVAL);
}

static void test_udev_db(void **state)
{
	struct block_id id;
	char dir[300], value[64];

	snprintf(dir, sizeof(dir), "%s", fixture_path("udev"));
	fixture_sh("mkdir -p %s && printf 'S:disk/by-id/virtio-dumps-part1\\nS:disk/by-label/my\\\\x20dumps\\n"
	   "E:ID_FS_TYPE=ext4\\nE:ID_FS_USAGE=filesystem\\nE:ID_FS_UUID=" FS_UUID "\\nE:ID_FS_LABEL=my_dumps\\n"
	   "E:ID_FS_LABEL_ENC=my\\\\x20dumps\\nE:ID_PART_ENTRY_UUID=" PART_UUID "\\nE:ID_PART_ENTRY_NAME=crash\\\\x2fdumps\\n"
	   "E:DM_VG_NAME=vg0\\n' > %s/b252:17", dir, dir);
	assert_int_equal(udev_db_block_id(dir, 252, 17, &id), 0);
	assert_string_equal(id.type, "ext4");
	assert_string_equal(id.label, "my dumps");
	assert_string_equal(id.partuuid, PART_UUID);
	assert_string_equal(id.partlabel, "crash/dumps");
	assert_true(block_id_matches(&id, "PARTLABEL=crash/dumps"));
	assert_true(udev_db_has_link(dir, 252, 17, "disk/by-id/virtio-dumps-part1"));
	assert_false(udev_db_has_link(dir, 252, 17, "disk/by-id/virtio-dumps"));
	assert_false(udev_db_has_link(dir, 252, 18, "disk/by-id/virtio-dumps-part1"));
	assert_int_equal(udev_db_property(dir, 252, 17, "DM_VG_NAME", value, sizeof(value)), 0);
	assert_string_equal(value, "vg0");
	assert_int_equal(udev_db_property(dir, 252, 17, "DM_LV_NAME", value, sizeof(value)), -ENOENT);
	assert_int_equal(udev_db_block_id(dir, 252, 18, &id), -ENOENT);
	assert_int_equal(udev_db_text_block_id("E:ID_MODEL=disk\n", &id), -ENOENT);
}

static void test_assemble_steps(void **state)
{
	struct assemble_step s;
	char list[40] = "";

	assert_int_equal(assemble_step_parse("md:" MD_UUID, &s), 0);
	assert_int_equal(s.kind, ASSEMBLE_MD);
	assert_string_equal(s.argv[0], ASSEMBLE_MDADM_PATH);
	assert_string_equal(s.argv[1], "--assemble");
	assert_string_equal(s.argv[2], "/dev/md/crashd-3a8f0c4e");
	assert_string_equal(s.argv[3], "--uuid=" MD_UUID);
	assert_string_equal(s.argv[4], "--config=partitions");
	assert_null(s.argv[6]);
	assert_string_equal(s.stop_argv[1], "--stop");
	assert_string_equal(s.stop_argv[2], "/dev/md/crashd-3a8f0c4e");
	assert_null(s.stop_argv[3]);
	assert_int_equal(assemble_step_parse("lvm:vg-0_x.y+z", &s), 0);
	assert_int_equal(s.kind, ASSEMBLE_LVM);
	assert_string_equal(s.argv[0], ASSEMBLE_LVM_PATH);
	assert_string_equal(s.argv[1], "vgchange");
	assert_non_null(strstr(s.argv[6], "udev_sync=0"));
	assert_string_equal(s.argv[7], "vg-0_x.y+z");
	assert_null(s.argv[8]);
	assert_string_equal(s.stop_argv[3], "n");
	assert_string_equal(s.stop_argv[7], "vg-0_x.y+z");
	/* Nothing that is not a name, nothing an option parser would take for an option. */
	assert_int_equal(assemble_step_parse("lvm:", &s), -EINVAL);
	assert_int_equal(assemble_step_parse("lvm:--config=x", &s), -EINVAL);
	assert_int_equal(assemble_step_parse("lvm:a;b", &s), -EINVAL);
	assert_int_equal(assemble_step_parse("md:xyz", &s), -EINVAL);
	assert_int_equal(assemble_step_parse("raid:abc", &s), -EINVAL);
	assert_int_equal(assemble_step_parse("lvm", &s), -EINVAL);

	assert_int_equal(assemble_list_add(list, sizeof(list), ASSEMBLE_MD, "abcd"), 1);
	assert_int_equal(assemble_list_add(list, sizeof(list), ASSEMBLE_LVM, "vg0"), 1);
	assert_int_equal(assemble_list_add(list, sizeof(list), ASSEMBLE_MD, "abcd"), 0);
	assert_int_equal(assemble_list_add(list, sizeof(list), ASSEMBLE_LVM, "vg"), 1);
	assert_string_equal(list, "md:abcd lvm:vg0 lvm:vg");
	assert_int_equal(assemble_list_add(list, sizeof(list), ASSEMBLE_LVM, "a-longer-name"), -ENAMETOOLONG);
	assert_int_equal(assemble_list_add(list, sizeof(list), ASSEMBLE_LVM, "a b"), -EINVAL);
	assert_string_equal(list, "md:abcd lvm:vg0 lvm:vg");
}

static void test_dm_name_vg(void **state)
{
	char vg[16];

	assert_int_equal(dm_name_vg("vg0-dumps", vg, sizeof(vg)), 0);
	assert_string_equal(vg, "vg0");
	assert_int_equal(dm_name_vg("my--vg-my--lv", vg, sizeof(vg)), 0);
	assert_string_equal(vg, "my-vg");
	assert_int_equal(dm_name_vg("novg", vg, sizeof(vg)), -EINVAL);
	assert_int_equal(dm_name_vg("-lv", vg, sizeof(vg)), -EINVAL);
	assert_int_equal(dm_name_vg("averylongvg-lv", vg, 4), -ENAMETOOLONG);
}

/*
 * A machine in a fixture directory: sysfs, udev's database and mountinfo.
 * vdb1 and vdc1 (virtio_blk on virtio_pci) are the members of md127
 * (RAID1), which is the one physical volume of vg0; vg0's dumps volume
 * is dm-0 and holds ext4. dm-1 is LUKS, dm-2 a multipath device.
 */
struct machine {
	char root[256], sysfs[300], udev[300], dev[300];
	struct dump_target_env env;
};

static void block_dev(const char *root, const char *path, const char *name, const char *dev)
{
	unsigned ma, mi;

	assert_int_equal(sscanf(dev, "%u:%u", &ma, &mi), 2);
	fixture_sh("cd %s/sys && mkdir -p %s && echo %s > %s/dev && printf 'MAJOR=%u\\nMINOR=%u\\nDEVNAME=%s\\n' > %s/uevent && "
	   "ln -sfn ../../%s dev/block/%s && ln -sfn ../../%s class/block/%s",
	   root, path, dev, path, ma, mi, name, path, path, dev, path, name);
}

static void machine_setup(struct machine *m)
{
	const char *pci = "devices/pci0000:00/0000:00:05.0/virtio2";
	const char *pci2 = "devices/pci0000:00/0000:00:06.0/virtio3";
	const char *virt = "devices/virtual/block";

	memset(m, 0, sizeof(*m));
	snprintf(m->root, sizeof(m->root), "%s", fixture_path("."));
	snprintf(m->sysfs, sizeof(m->sysfs), "%s/sys", m->root);
	snprintf(m->udev, sizeof(m->udev), "%s/udev", m->root);
	/* Empty: nothing is probed, as in crashd.service, which has no devices (PrivateDevices=). */
	snprintf(m->dev, sizeof(m->dev), "%s/dev", m->root);
	m->env = (struct dump_target_env) { .sysfs = m->sysfs, .udev_dir = m->udev, .dev_dir = m->dev,
					    .mountinfo = "/nonexistent" };
	fixture_sh("cd %s && mkdir -p udev dev sys/dev/block sys/class/block sys/module/virtio_blk sys/module/virtio_pci && "
	   "for v in %s %s; do mkdir -p sys/$v/driver sys/${v%%/*}/driver && "
	   "ln -s ../../../../module/virtio_blk sys/$v/driver/module && "
	   "ln -s ../../../module/virtio_pci sys/${v%%/*}/driver/module; done",
	   m->root, pci, pci2);
	block_dev(m->root, "devices/pci0000:00/0000:00:05.0/virtio2/block/vdb/vdb1", "vdb1", "252:17");
	block_dev(m->root, "devices/pci0000:00/0000:00:06.0/virtio3/block/vdc/vdc1", "vdc1", "252:33");
	block_dev(m->root, "devices/virtual/block/md127", "md127", "9:127");
	block_dev(m->root, "devices/virtual/block/dm-0", "dm-0", "253:0");
	block_dev(m->root, "devices/virtual/block/dm-1", "dm-1", "253:1");
	block_dev(m->root, "devices/virtual/block/dm-2", "dm-2", "253:2");
	fixture_sh("cd %s/sys/%s && mkdir -p md127/md md127/slaves dm-0/dm dm-0/slaves dm-1/dm dm-1/slaves dm-2/dm && "
	   "echo raid1 > md127/md/level && "
	   "ln -s ../../../../pci0000:00/0000:00:05.0/virtio2/block/vdb/vdb1 md127/slaves/vdb1 && "
	   "ln -s ../../../../pci0000:00/0000:00:06.0/virtio3/block/vdc/vdc1 md127/slaves/vdc1 && "
	   "ln -s ../../md127 dm-0/slaves/md127 && echo vg0-dumps > dm-0/dm/name && "
	   "echo LVM-Q0lK3uyVNyqnTgCpPZkwM5OUrEb2wSwQf1J2Glrh1u2YfNvW6e1Ea3fSZ4lKjT9P > dm-0/dm/uuid && "
	   "echo secret > dm-1/dm/name && echo CRYPT-LUKS2-0123456789abcdef-secret > dm-1/dm/uuid && "
	   "ln -s ../../../../pci0000:00/0000:00:06.0/virtio3/block/vdc/vdc1 dm-1/slaves/vdc1 && "
	   "echo mpatha > dm-2/dm/name && echo mpath-360000000000000000e00000000010001 > dm-2/dm/uuid",
	   m->root, virt);
	fixture_sh("cd %s/udev && printf 'E:MD_UUID=" MD_UUID "\\nE:ID_FS_TYPE=LVM2_member\\nE:ID_FS_USAGE=raid\\n' > b9:127 && "
	   "printf 'S:disk/by-id/dm-name-vg0-dumps\\nS:vg0/dumps\\nE:DM_VG_NAME=vg0\\nE:ID_FS_TYPE=ext4\\n"
	   "E:ID_FS_USAGE=filesystem\\nE:ID_FS_UUID=" FS_UUID "\\nE:ID_FS_LABEL_ENC=dumps\\n' > b253:0 && "
	   "printf 'S:disk/by-partuuid/" PART_UUID "\\nE:ID_FS_TYPE=linux_raid_member\\nE:ID_FS_USAGE=raid\\n"
	   "E:ID_PART_ENTRY_UUID=" PART_UUID "\\nE:ID_PART_ENTRY_NAME=raid-a\\n' > b252:17 && "
	   "printf 'E:ID_FS_TYPE=crypto_LUKS\\nE:ID_FS_USAGE=crypto\\nE:ID_FS_UUID=1111\\n' > b252:33",
	   m->root);
}

static int setup(void **state)
{
	if (fixture_dir_setup(state) < 0)
		return -1;
	*state = calloc(1, sizeof(struct machine));
	machine_setup(*state);
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return fixture_dir_teardown(state);
}

static void test_stack_lvm_on_md(void **state)
{
	struct machine *m = *state;
	struct block_stack s;
	struct problem p = {};

	assert_int_equal(block_stack_walk(m->sysfs, m->udev, m->dev, 253, 0, &s, &p), 0);
	/* Bottom-up: the array first, then the volume group on it. */
	assert_string_equal(s.assemble, "md:" MD_UUID " lvm:vg0");
	assert_true(strv_contains(&s.modules, "virtio_blk"));
	assert_true(strv_contains(&s.modules, "virtio_pci"));
	assert_true(strv_contains(&s.modules, "md_mod"));
	assert_true(strv_contains(&s.modules, "raid1"));
	assert_true(strv_contains(&s.modules, "dm_mod"));
	block_stack_free(&s);

	/* Without udev, the VG's name comes from device-mapper's; the array's UUID from a member it cannot read. */
	fixture_sh("rm %s/b253:0 %s/b9:127", m->udev, m->udev);
	assert_int_equal(block_stack_walk(m->sysfs, m->udev, m->dev, 253, 0, &s, &p), -ENODATA);
	assert_non_null(strstr(p.what, "cannot read the UUID of the MD array md127"));
	block_stack_free(&s);
}

static void test_stack_refused(void **state)
{
	struct machine *m = *state;
	struct block_stack s;
	struct problem p = {};

	assert_int_equal(block_stack_walk(m->sysfs, m->udev, m->dev, 253, 1, &s, &p), -ENOKEY);
	assert_non_null(strstr(p.what, "the dump target is encrypted (secret, dm-crypt)"));
	/* The fix is the caller's (dump-target.c), the same for LUKS found at any depth. */
	assert_string_equal(p.fix, "");
	block_stack_free(&s);
	assert_int_equal(block_stack_walk(m->sysfs, m->udev, m->dev, 253, 2, &s, &p), -EOPNOTSUPP);
	assert_non_null(strstr(p.what, "device-mapper device mpatha (mpath-3600"));
	block_stack_free(&s);
}

static int resolve(struct machine *m, const char *target, struct dump_target *t, struct problem *p)
{
	struct crashd_config c;
	int r;

	config_defaults(&c);
	c.dump_target = strdup(target);
	r = dump_target_resolve(&c, &m->env, t, p);
	config_free(&c);
	return r;
}

static void test_resolve_given(void **state)
{
	struct machine *m = *state;
	struct dump_target t;
	struct problem p = {};

	/* A udev link, which the capture system will not have: the file system's UUID instead. */
	assert_int_equal(resolve(m, "/dev/vg0/dumps", &t, &p), 0);
	assert_string_equal(t.spec, "UUID=" FS_UUID);
	assert_true(endswith(t.device, "/dev/dm-0"));
	assert_string_equal(t.fstype, "ext4");
	assert_string_equal(t.assemble, "md:" MD_UUID " lvm:vg0");
	assert_true(strv_contains(&t.modules, "ext4"));
	assert_true(strv_contains(&t.modules, "raid1"));
	dump_target_free(&t);
	assert_int_equal(resolve(m, "/dev/mapper/vg0-dumps", &t, &p), 0);
	assert_string_equal(t.spec, "UUID=" FS_UUID);
	dump_target_free(&t);
	assert_int_equal(resolve(m, "/dev/disk/by-id/dm-name-vg0-dumps", &t, &p), 0);
	assert_string_equal(t.spec, "UUID=" FS_UUID);
	dump_target_free(&t);
	/* LABEL= stays as it is: libblkid reads it in the capture system too. */
	assert_int_equal(resolve(m, "LABEL=dumps", &t, &p), 0);
	assert_string_equal(t.spec, "LABEL=dumps");
	assert_string_equal(t.assemble, "md:" MD_UUID " lvm:vg0");
	dump_target_free(&t);
	/* A partition by its GPT UUID: a RAID member here, so no file system type is known. */
	assert_int_equal(resolve(m, "PARTUUID=" PART_UUID, &t, &p), 0);
	assert_true(endswith(t.device, "/dev/vdb1"));
	assert_string_equal(t.fstype, "");
	assert_string_equal(t.assemble, "");
	assert_true(strv_contains(&t.modules, "virtio_blk"));
	dump_target_free(&t);
	/* A kernel name is kept. */
	assert_int_equal(resolve(m, "/dev/vdb1", &t, &p), 0);
	assert_string_equal(t.spec, "/dev/vdb1");
	dump_target_free(&t);
	/* Not on this system now: the collector looks for it. */
	assert_int_equal(resolve(m, "LABEL=elsewhere", &t, &p), 0);
	assert_string_equal(t.device, "");
	assert_int_equal(t.modules.n, 0);
	dump_target_free(&t);
}

/* Directory= on a btrfs subvolume: its mount has an anonymous device number, the device is its source. */
static void test_resolve_btrfs(void **state)
{
	struct machine *m = *state;
	struct crashd_config c;
	struct dump_target t;
	struct problem p = {};
	char mountinfo[300];

	snprintf(mountinfo, sizeof(mountinfo), "%s/mountinfo", m->root);
	fixture_sh("printf '21 1 0:35 /@crash %%s rw - btrfs /dev/vdb1 rw,subvol=/@crash\\n' \"$(cd %s && pwd -P)\" > %s && "
		   "printf 'E:ID_FS_TYPE=btrfs\\nE:ID_FS_USAGE=filesystem\\nE:ID_FS_UUID=" FS_UUID "\\n' > %s/b252:17",
		   m->root, mountinfo, m->udev);
	m->env.mountinfo = mountinfo;
	config_defaults(&c);
	free(c.dump_dir);
	c.dump_dir = strdup(m->root);
	assert_int_equal(dump_target_resolve(&c, &m->env, &t, &p), 0);
	assert_string_equal(t.spec, "UUID=" FS_UUID);
	assert_string_equal(t.dir, "/@crash");
	assert_string_equal(t.fstype, "btrfs");
	assert_true(strv_contains(&t.modules, "btrfs"));
	assert_true(strv_contains(&t.modules, "virtio_blk"));
	dump_target_free(&t);
	/* tmpfs has an anonymous number too, and nothing under it survives. */
	fixture_sh("printf '21 1 0:36 / %%s rw - tmpfs tmpfs rw\\n' \"$(cd %s && pwd -P)\" > %s", m->root, mountinfo);
	assert_int_equal(dump_target_resolve(&c, &m->env, &t, &p), -EINVAL);
	assert_non_null(strstr(p.what, "which does not survive a reboot"));
	dump_target_free(&t);
	config_free(&c);
}

static void test_resolve_refused(void **state)
{
	struct machine *m = *state;
	struct dump_target t;
	struct problem p = {};

	assert_int_equal(resolve(m, "ID=dumps", &t, &p), -EINVAL);
	assert_non_null(strstr(p.what, "Target=ID=dumps names no device"));
	assert_non_null(strstr(p.fix, "write UUID=, LABEL=, PARTUUID=, PARTLABEL= or a /dev path in"));
	dump_target_free(&t);
	/* LUKS straight on a partition, and an opened LUKS volume. */
	assert_int_equal(resolve(m, "UUID=1111", &t, &p), -ENOKEY);
	assert_non_null(strstr(p.what, "/dev/vdc1 is encrypted (crypto_LUKS)"));
	assert_non_null(strstr(p.fix, "keep dumps on an unencrypted file system (Directory= or Target= in "));
	dump_target_free(&t);
	assert_int_equal(resolve(m, "/dev/mapper/secret", &t, &p), -ENOKEY);
	assert_non_null(strstr(p.what, "encrypted"));
	assert_non_null(strstr(p.fix, "keep dumps on an unencrypted file system (Directory= or Target= in "));
	dump_target_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_block_id_probe, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_spec_kind),
		cmocka_unit_test_setup_teardown(test_udev_db, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_assemble_steps),
		cmocka_unit_test(test_dm_name_vg),
		cmocka_unit_test_setup_teardown(test_stack_lvm_on_md, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stack_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_given, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_btrfs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_refused, setup, teardown),
	};

	return cmocka_run_group_tests_name("targets", tests, NULL, NULL);
}
