# crashd killed with SIGKILL in the middle of a re-arm, then started again:
# a valid panic kernel is armed, and a panic is captured.
DESCRIPTION="kill -9 of crashd during a re-arm, restart: a valid image is armed and works"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	mkdir -p /var/lib/k
	cp /boot/bzImage /var/lib/k/vmlinuz
	start_armed /var/lib/k/vmlinuz /boot/capture.cpio
	install_kernel_version /var/lib/k/vmlinuz 1
	# Past the 200 ms quiet period: crashd is verifying or loading.
	sleep 0.4
	kill -9 $CRASHD_PID
	wait $CRASHD_PID 2>/dev/null
	echo "kexec_crash_loaded after the kill: $(cat /sys/kernel/kexec_crash_loaded)"
	rm -f /run/crashd/state.json
	crashd > /tmp/crashd2.log 2>&1 &
	wait_until test -e /run/crashd/state.json
	cat /tmp/crashd2.log
	check "after the restart: armed" crashctl status
	check "with the file as it is now" wait_armed_sha "$(sha256sum /var/lib/k/vmlinuz | cut -d' ' -f1)"
	check "loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	crash_now
}

host_check() {
	host_check_vmcore
}
