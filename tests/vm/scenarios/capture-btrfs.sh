# /var/crash on a btrfs subvolume, on Debian's kernel (btrfs is a module
# there): mountinfo gives btrfs mounts an anonymous device number, so
# crashd finds the device from the mount's source, names the file system
# by its UUID and the directory from the top level (/@crash). Another
# subvolume is the default, as snapper makes a snapshot the default: the
# collector mounts the top level all the same, and the dump lands in
# @crash. After the reboot crashd reports it and makedumpfile reads it.
DESCRIPTION="/var/crash on a btrfs subvolume, another one the default: dump saved in the subvolume, reported"
KERNEL=stock
STOCK_MODULES="btrfs"
CMDLINE="crashkernel=112M"
STAGES="first after"
DISK=64M
BLANK_DISKS=512M
MEMORY=2G
TIMEOUT=400
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect mkfs.btrfs btrfs"

stage_first() {
	check "btrfs on the blank disk" mkfs.btrfs -q /dev/vdb
	mkdir -p /mnt/top /var/crash
	mount -t btrfs /dev/vdb /mnt/top
	check "a subvolume for the dumps" btrfs -q subvolume create /mnt/top/@crash
	check "and another, made the default" sh -c \
		"btrfs -q subvolume create /mnt/top/@snapshot && btrfs subvolume set-default /mnt/top/@snapshot"
	umount /mnt/top
	check "the dump subvolume on /var/crash" mount -t btrfs -o subvol=/@crash /dev/vdb /var/crash
	arm_with_capture_initramfs
	crashctl build-initramfs --json | tr -d '\n ' > /tmp/build.json
	check "crashd names the file system by its UUID" grep -q '"target":"UUID=' /tmp/build.json
	check "and the directory from the top level" grep -q '"directory":"/@crash"' /tmp/build.json
	check "with the btrfs module" grep -q 'btrfs.ko' /tmp/build.json
	umount /var/crash
	crash_now
}

stage_after() {
	mkdir -p /var/crash
	check "the dump subvolume mounts" mount -t btrfs -o subvol=/@crash /dev/vdb /var/crash
	check_saved_dump /var/crash
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reported the dump" grep -q 'A crash dump was saved in /var/crash/.*sysrq triggered crash' /tmp/crashd.log
}

host_check() {
	check "the collector saved to the btrfs disk" grep -q 'crashd-collect: saving to /target/@crash/.* on /dev/vdb' "$WORK/console.log"
}
