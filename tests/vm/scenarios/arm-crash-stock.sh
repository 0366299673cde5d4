# The same story on Debian's stock linux-image-6.12, without the patch
# series: crashd finds the region in /proc/iomem, arms Debian's kernel, and
# a panic is captured.
DESCRIPTION="crashd arms on Debian's stock 6.12 kernel (region from /proc/iomem); a panic is captured"
KERNEL=stock
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
MEMORY=2G
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	check "this is the stock kernel" sh -c "uname -r | grep -q deb12"
	check "no crash_reserve sysfs on a stock kernel" test ! -e /sys/kernel/crash_reserve
	start_crashd
	check "crashctl status exits 0 (armed)" crashctl status
	crashctl status
	crashctl status --json > /tmp/status.json
	check "region came from /proc/iomem" grep -q '"source":"iomem"' /tmp/status.json
	check "region is 256 MiB" grep -q "\"size\":$((256 << 20))," /tmp/status.json
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	crash_now
}

host_check() {
	host_check_vmcore
}
