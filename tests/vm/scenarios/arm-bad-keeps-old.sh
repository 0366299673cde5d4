# A bad new panic kernel never disarms the good one: crashd arms a good
# image, the configuration then names a truncated copy, 'crashctl arm'
# fails naming that file, the old image stays loaded, and a panic is still
# captured.
DESCRIPTION="a truncated new kernel is rejected; the armed one stays armed and works"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	start_crashd
	check "armed with the good kernel" crashctl status
	good=$(sha256sum /boot/bzImage | cut -d' ' -f1)
	head -c 1000000 /boot/bzImage > /tmp/truncated
	sed -i 's|^Image=.*|Image=/tmp/truncated|' /etc/crashd/crashd.conf
	crashctl arm > /tmp/arm.out 2>&1
	echo "crashctl arm exit $?"
	cat /tmp/arm.out
	check "crashctl arm exits 1" sh -c "crashctl arm > /dev/null 2>&1; test \$? = 1"
	check "the error names the file and the problem" grep -q '/tmp/truncated: truncated' /tmp/crashd.log
	check "still loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	crashctl status --json > /tmp/status.json
	check "status is degraded" grep -q '"state":"degraded"' /tmp/status.json
	check "the armed image is still the good one" grep -q "\"sha256\":\"$good\"" /tmp/status.json
	check "status exits non-zero when degraded" sh -c "! crashctl status > /dev/null"
	crash_now
}

host_check() {
	host_check_vmcore
}
