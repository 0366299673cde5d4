# crashctl disarm unloads the panic kernel; crashctl arm loads it again.
DESCRIPTION="crashctl disarm unloads, crashctl arm re-arms"
CMDLINE="crashkernel=256M"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	start_crashd
	check "armed" crashctl status
	check "crashctl disarm exits 0" crashctl disarm
	check "kexec_crash_loaded is 0" test "$(cat /sys/kernel/kexec_crash_loaded)" = 0
	check "status says disarmed" sh -c "crashctl status --json | grep -q '\"state\":\"disarmed\"'"
	check "crashctl arm exits 0" crashctl arm
	check "kexec_crash_loaded is 1 again" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	check "status exits 0 again" crashctl status
	check "arm without crashd fails with a clear message" sh -c \
		"kill $CRASHD_PID; sleep 0.5; crashctl arm 2>&1 | grep -q 'is it running'"
}
