# Booted without crashkernel=: crashd arms nothing, says why and what to
# add, and exits 6 (the unit fails: no restart can help before a reboot);
# crashctl status, without crashd, still says why and exits 1.
DESCRIPTION="no crashkernel=: crashd exits 6 with the fix; status says no-region"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	mkdir -p /etc/crashd /run /var/lib/crashd
	printf '[Kernel]\nImage=/boot/bzImage\nInitrd=/boot/capture.cpio\n' > /etc/crashd/crashd.conf
	timeout 60 crashd > /tmp/crashd.log 2>&1
	status=$?
	cat /tmp/crashd.log
	check "crashd exits 6 (not configured), not 0 or a crash" test "$status" = 6
	check "the log says to add crashkernel=" grep -q 'crashkernel=256M' /tmp/crashd.log
	crashctl status > /tmp/status.txt
	check "crashctl status exits 1" test $? = 1
	cat /tmp/status.txt
	check "crashctl status names the missing region and the fix" grep -q 'crashkernel=' /tmp/status.txt
	crashctl status --json > /tmp/status.json
	cat /tmp/status.json
	check "state is no-region" grep -q '"state":"no-region"' /tmp/status.json
	check "nothing loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 0
}
