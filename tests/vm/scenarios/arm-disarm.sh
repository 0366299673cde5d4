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
	# A configuration error reaches crashctl, not a stale problem of the arm before.
	cp /etc/crashd/crashd.conf /tmp/good.conf
	printf '[Kernel]\nImage=/boot/bzImage\nBogus=1\n' > /etc/crashd/crashd.conf
	check "arm with a bad configuration names the file and line" sh -c \
		"! crashctl arm 2>/tmp/arm.err && grep -q 'crashctl arm: /etc/crashd/crashd.conf:3: ' /tmp/arm.err"
	check "status shows the configuration error, still armed" sh -c \
		"crashctl status | grep -q '^Config:   /etc/crashd/crashd.conf:3: ' && crashctl status"
	cp /tmp/good.conf /etc/crashd/crashd.conf
	check "a good configuration clears it" sh -c "crashctl arm && ! crashctl status | grep -q '^Config:'"
	check "arm without crashd fails with a clear message" sh -c \
		"kill $CRASHD_PID; sleep 0.5; crashctl arm 2>&1 | grep -q 'is it running'"
}
