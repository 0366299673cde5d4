# crashd arms the panic kernel on the patched kernel (region from
# /sys/kernel/crash_reserve/), crashctl status says so, and a panic then
# produces a dump.
DESCRIPTION="crashd arms on the patched kernel; a panic is captured"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	start_crashd
	check "crashctl status exits 0 (armed)" crashctl status
	crashctl status
	crashctl status --json > /tmp/status.json
	check "region came from sysfs" grep -q '"source":"sysfs"' /tmp/status.json
	check "armed kernel's sha256 is the file's" \
		grep -q "\"sha256\":\"$(sha256sum /boot/bzImage | cut -d' ' -f1)\"" /tmp/status.json
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	check "crashctl verify agrees" crashctl verify --kernel /boot/bzImage --initrd /boot/capture.cpio
	metric crashd-rss-kib "$(awk '/^VmRSS:/ { print $2 }' /proc/$CRASHD_PID/status)"
	metric arm-ms "$(sed -n 's/.*"arm_duration_usec":\([0-9]*\).*/\1/p' /tmp/status.json | head -n 1 | awk '{print int($1/1000)}')"
	crash_now
}

host_check() {
	host_check_vmcore
}
