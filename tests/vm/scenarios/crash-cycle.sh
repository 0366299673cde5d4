# The full crash cycle with kexec-tools as the loader, the baseline crashd
# is compared with: arm, panic, the capture kernel saves /proc/vmcore to an
# ext4 disk, the host reads the panic line back out of the dump.
DESCRIPTION="arm with kexec-tools, sysrq-c, capture kernel saves a vmcore the host can read"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M

stage_first() {
	check "panic kernel loaded with kexec_file_load" \
		kexec -s -p /boot/bzImage --initrd=/boot/capture.cpio --append="$(capture_cmdline)"
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	crash_now
}

host_check() {
	host_check_vmcore
}
