# A dump saved to an LVM logical volume named by its file system's UUID,
# on Debian's kernel (dm_mod is a module there). crashctl finds the volume
# group below the file system in sysfs; the capture initramfs carries lvm
# and dm_mod and activates the group with no udev, and the collector finds
# the volume by libblkid. After the reboot the guest activates it again
# and makedumpfile reads the dump back.
DESCRIPTION="Target=UUID= of an ext4 on an LVM logical volume: activated in the capture system, dump saved"
KERNEL=stock
STOCK_MODULES="dm_mod"
CMDLINE="crashkernel=112M"
STAGES="first after"
DISK=64M
BLANK_DISKS=512M
MEMORY=2G
TIMEOUT=500
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect lvm mkfs.ext4"
UUID=5e1f0a42-7c3d-4e9b-a1f2-0c0ffee0a1b2

stage_first() {
	check "a physical volume on the blank disk" lvm_noudev pvcreate -q /dev/vdb
	check "a volume group" lvm_noudev vgcreate -q dumpvg /dev/vdb
	check "a logical volume" lvm_noudev lvcreate -q -Zn -n dumps -L 400M dumpvg
	check "ext4 on it" mkfs.ext4 -q -U "$UUID" /dev/mapper/dumpvg-dumps
	arm_with_target "UUID=$UUID"
	check "the initramfs activates the volume group" grep -q '"assemble":"lvm:dumpvg"' /tmp/build.json
	check "it carries lvm" grep -q "\"/usr/sbin/lvm\"" /tmp/build.json
	check "and dm_mod" grep -q 'dm-mod.ko' /tmp/build.json
	crashctl estimate --json | tr -d '\n ' > /tmp/estimate.json
	check "crashctl estimate counts what assembling the target adds" \
		grep -q '"assemble":"lvm:dumpvg[^"]*","assemble_bytes":[1-9]' /tmp/estimate.json
	metric assemble-bytes "$(sed -n 's/.*"assemble_bytes":\([0-9]*\).*/\1/p' /tmp/estimate.json)"
	crash_now
}

stage_after() {
	check "the volume group activates" lvm_noudev vgchange -q -ay dumpvg
	mkdir -p /mnt/dumps
	check "the volume mounts" mount -t ext4 /dev/mapper/dumpvg-dumps /mnt/dumps
	check_saved_dump /mnt/dumps
	umount /mnt/dumps
}

host_check() {
	check "the collector activated the group" grep -q 'crashd-collect: assembling lvm:dumpvg' "$WORK/console.log"
	check "and saved to the volume" grep -q 'crashd-collect: saving to .* on /dev/dm-' "$WORK/console.log"
}
