# The capture side on Debian's stock kernel: the capture initramfs carries
# the modules the dump target needs (virtio_blk, ext4 and their
# dependencies, resolved from the kernel's modules.dep); the collector loads
# them, saves the dump, and crashd reports it after the reboot. All in
# crashkernel=80M, the smallest region the product promises on Debian's
# kernel (72M runs out of memory in the capture kernel's own start-up).
DESCRIPTION="stock kernel, crashkernel=80M: capture initramfs with the target's modules saves a dump"
KERNEL=stock
CMDLINE="crashkernel=80M"
STAGES="first after"
DISK=512M
MEMORY=2G
TIMEOUT=400
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

stage_first() {
	mount_dump_disk
	arm_with_capture_initramfs
	crashctl build-initramfs --json > /tmp/build.json
	cat /tmp/build.json
	check "modules for the target are in" grep -q 'virtio_blk.ko' /tmp/build.json
	check "and ext4's" grep -q 'ext4.ko' /tmp/build.json
	metric initramfs-bytes "$(sed -n 's/.*"size":\([0-9]*\).*/\1/p' /tmp/build.json)"
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reported the dump" grep -q 'A crash dump was saved in /var/crash/.*sysrq triggered crash (kernel 6.12.117+deb12-amd64)' /tmp/crashd.log
}

host_check() {
	local dump d
	dump=$(host_fetch_dump /)
	d=$WORK/dump/$dump
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "makedumpfile --dump-dmesg finds the panic line" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
	metric vmcore-bytes "$(stat -c %s "$d/vmcore")"
}
