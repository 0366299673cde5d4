# The full crash cycle with kexec-tools as the loader: arm, panic, capture
# kernel saves /proc/vmcore to an ext4 disk, the host reads the panic line
# back out of the dump with makedumpfile.
DESCRIPTION="arm with kexec, sysrq-c, capture kernel saves a vmcore the host can read"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M

stage_first() {
	check "panic kernel loaded with kexec_file_load" \
		kexec -s -p /boot/bzImage --initrd=/boot/capture.cpio --append="$(capture_cmdline)"
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	stage_end first
	echo c > /proc/sysrq-trigger
}

stage_capture() {
	check "/proc/vmcore is readable" test -r /proc/vmcore
	check "ext4 disk mounted" mount -t ext4 /dev/vda /mnt
	check "makedumpfile saved the dump" makedumpfile -l -d 31 /proc/vmcore /mnt/vmcore
	check "disk unmounted cleanly" umount /mnt
}

host_check() {
	check "vmcore copied off the disk" debugfs -R "dump /vmcore $WORK/vmcore" "$WORK/disk.img"
	check "makedumpfile --dump-dmesg reads the dump" \
		makedumpfile --dump-dmesg "$WORK/vmcore" "$WORK/dmesg.txt"
	check "panic line found in the dump's log" grep -q 'sysrq: Trigger a crash' "$WORK/dmesg.txt"
}
