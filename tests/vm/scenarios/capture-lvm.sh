# A dump saved to an LVM logical volume named by its file system's UUID,
# with Debian's kernel first and crashd's capture kernel by Image=auto
# (device-mapper is built into it). crashd finds the volume group below
# the file system in sysfs; the capture initramfs carries lvm and
# activates the group with no udev, and the collector finds the volume by
# libblkid. After the reboot the guest activates it again and makedumpfile
# reads the dump back. 56M is what crashctl estimate says; 48M is the
# smallest that saved here (40M runs out of memory unpacking the initramfs,
# where the plain capture kernel needs 32M).
DESCRIPTION="Target=UUID= of an ext4 on LVM: capture kernel by Image=auto, group activated, dump saved"
KERNEL=stock
STOCK_MODULES="dm_mod"
CMDLINE="crashkernel=56M"
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

host_prepare() { host_prepare_capture_kernel; }

stage_first() {
	check "a physical volume on the blank disk" lvm_noudev pvcreate -q /dev/vdb
	check "a volume group" lvm_noudev vgcreate -q dumpvg /dev/vdb
	check "a logical volume" lvm_noudev lvcreate -q -Zn -n dumps -L 400M dumpvg
	check "ext4 on it" mkfs.ext4 -q -U "$UUID" /dev/mapper/dumpvg-dumps
	install_capture_kernel
	printf '[Dump]\nTarget=UUID=%s\nDirectory=/\n' "$UUID" > /etc/crashd/crashd.conf
	run_crashd
	check "armed" crashctl status
	check "Image=auto armed the capture kernel: dm_mod is built in" \
		grep -q "Armed /usr/lib/crashd/capture-kernel/vmlinuz" /tmp/crashd.log
	crashctl build-initramfs --json --output /tmp/probe.img | tr -d '\n ' > /tmp/build.json
	crashctl build-initramfs --output /tmp/probe.img
	metric initramfs-bytes "$(stat -c %s /var/lib/crashd/initramfs.img)"
	check "the initramfs activates the volume group" grep -q '"assemble":"lvm:dumpvg"' /tmp/build.json
	check "it carries lvm" grep -q '"/usr/sbin/lvm"' /tmp/build.json
	check "and no module" grep -q '"modules":\[\]' /tmp/build.json
	crashctl estimate
	crashctl estimate --json | tr -d '\n ' > /tmp/estimate.json
	check "crashctl estimate counts what assembling the target adds" \
		grep -q '"assemble":"lvm:dumpvg","assemble_bytes":[1-9]' /tmp/estimate.json
	metric assemble-bytes "$(sed -n 's/.*"assemble_bytes":\([0-9]*\).*/\1/p' /tmp/estimate.json)"
	mib=$(crashctl estimate | tail -n 1 | tr -dc 0-9)
	metric estimate-mib "$mib"
	check "and fits the region this test reserves" test "$mib" -le 56
	crash_now
}

stage_after() {
	check "the volume group activates" lvm_noudev vgchange -q -ay dumpvg
	mkdir -p /mnt/dumps
	check "the volume mounts" mount -t ext4 /dev/mapper/dumpvg-dumps /mnt/dumps
	check_saved_dump /mnt/dumps
	check "saved by the capture kernel" \
		grep -q '"capture_kernel_release":"6.12.117-crashd-capture"' /mnt/dumps/[0-9]*/metadata.json
	umount /mnt/dumps
}

host_check() {
	check "the collector activated the group" grep -q 'crashd-collect: assembling lvm:dumpvg' "$WORK/console.log"
	check "and saved to the volume" grep -q 'crashd-collect: saving to .* on /dev/dm-' "$WORK/console.log"
	check "and closed the group after the save" sh -c \
		"grep -q 'crashd-collect: stopping lvm:dumpvg' '$WORK/console.log' &&
		 ! grep -q 'crashd-collect: .* exited with .* undoing lvm:dumpvg' '$WORK/console.log'"
}
