# The region changes (shrunk through kexec_crash_size, which the kernel
# allows only while nothing is armed): crashd hears it through the kernel's
# netlink events (the generation file on a kernel without them), does not
# re-arm what the administrator disarmed, and
# asked to arm, says how much is missing and arms nothing that cannot boot.
DESCRIPTION="region shrunk below the image: crashd notices, clear error, nothing armed"
CMDLINE="crashkernel=256M"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	start_armed /boot/bzImage /boot/capture.cpio
	check "the kernel refuses to shrink under an armed image" sh -c "! echo $((32 << 20)) > /sys/kernel/kexec_crash_size"
	check "disarm" crashctl disarm
	check "shrink to 16 MiB" sh -c "echo $((16 << 20)) > /sys/kernel/kexec_crash_size"
	sleep 2
	crashctl status --json > /tmp/st.json
	cat /tmp/crashd.log
	check "crashd noticed the region change" grep -qE "Not re-arming after 'the crash kernel region (changed|shrank)': disarmed" /tmp/crashd.log
	check "crashctl arm fails" sh -c "! crashctl arm > /tmp/arm.out 2>&1"
	crashctl status --json > /tmp/st.json
	check "and says how much is missing" grep -q 'MiB missing; crashkernel=[0-9]*M would fit' /tmp/crashd.log
	check "nothing is armed" test "$(cat /sys/kernel/kexec_crash_loaded)" = 0
	check "status says failed" grep -q '"state":"failed"' /tmp/st.json
}
