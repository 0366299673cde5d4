# Target= as administrators write it, under crashd.service, which sees no
# devices (PrivateDevices=) and finds them in udev's database: a partition
# of a second disk named by its /dev/disk/by-id link, which the capture
# system (no udev) gets as the file system's UUID; then by PARTLABEL= and
# PARTUUID=, which it gets as they are. The panic is saved through the
# by-id form, to the partition.
DESCRIPTION="Target=/dev/disk/by-id/..., PARTLABEL=, PARTUUID= resolved under crashd.service; dump saved"
ROOTFS=debian
CMDLINE="crashkernel=256M"
STAGES="first after"
MEMORY=1G
BLANK_DISKS=512M
TIMEOUT=600
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
DISK_ID=/dev/disk/by-id/virtio-crashd-blank1

# The Target= line of the capture initramfs crashd built and armed.
armed_target() {
	rm -rf /tmp/ird && mkdir /tmp/ird &&
		(cd /tmp/ird && busybox cpio -id < /var/lib/crashd/initramfs.img 2> /dev/null) &&
		sed -n 's/^Target=//p' /tmp/ird/etc/crashd/capture.conf
}

armed_target_is() { test "$(armed_target)" = "$1"; }

# Target=$1 in crashd.conf, crashd reloaded; waits until what is armed names $2.
reload_with_target() {
	printf '[Dump]\nTarget=%s\nDirectory=/\n' "$1" > /etc/crashd/crashd.conf
	systemctl reload crashd
	WAIT_SECONDS=60 wait_until armed_target_is "$2"
}

stage_first() {
	check "a GPT with one partition, crashdumps" sh -c \
		"printf 'label: gpt\ntype=L, name=crashdumps\n' | sfdisk -q $DISK_ID"
	udevadm settle
	check "ext4 on it, through its by-id link" mkfs.ext4 -q "$DISK_ID-part1"
	udevadm settle
	uuid=$(blkid -s UUID -o value "$DISK_ID-part1")
	partuuid=$(blkid -s PARTUUID -o value "$DISK_ID-part1")
	mkdir -p /etc/crashd
	printf '[Dump]\nTarget=%s\nDirectory=/\n' "$DISK_ID-part1" > /etc/crashd/crashd.conf
	check "systemctl enable --now crashd" systemctl enable --now crashd
	check "armed" sh -c "crashctl status | grep -q '^State:    armed'"
	check "the capture system gets the by-id link as the file system's UUID" test "$(armed_target)" = "UUID=$uuid"

	check "PARTLABEL= is armed as it is" reload_with_target PARTLABEL=crashdumps PARTLABEL=crashdumps
	check "PARTUUID= is armed as it is" reload_with_target "PARTUUID=$partuuid" "PARTUUID=$partuuid"
	check "a Target= that is not here now is armed too (the collector looks for it)" \
		reload_with_target UUID=0 UUID=0
	check "armed" sh -c "crashctl status | grep -q '^State:    armed'"
	check "crashctl test refuses: the capture would save nothing" sh -c \
		"! crashctl test --yes 2> /tmp/test.err && grep -q 'UUID=0 is not on this system now' /tmp/test.err"
	cat /tmp/test.err
	check "back to the by-id link" reload_with_target "$DISK_ID-part1" "UUID=$uuid"
	sync
	crash_now
}

stage_after() {
	check "back in multi-user" sh -c "systemctl is-active multi-user.target | grep -qx active"
	check "crashd is armed again" wait_until sh -c "crashctl status | grep -q '^State:    armed'"
}

host_check() {
	local dump d start
	# The partition's ext4, cut out of the disk image.
	start=$(sfdisk -d "$WORK/blank1.img" | sed -n 's/.*start= *\([0-9]*\),.*/\1/p')
	dd if="$WORK/blank1.img" of="$WORK/part1.img" bs=512 skip="$start" status=none
	dump=$(host_fetch_dump / "$WORK/part1.img")
	check "a dump was saved on the partition" test -n "$dump"
	d=$WORK/dump/$dump
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "makedumpfile --dump-dmesg finds the panic line" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
}
