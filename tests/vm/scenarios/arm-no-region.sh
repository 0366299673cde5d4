# Booted without crashkernel=: crashd starts, arms nothing, and says why
# and what to do; crashctl status exits non-zero.
DESCRIPTION="no crashkernel=: crashd reports no-region with the fix"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	start_crashd
	crashctl status
	check "crashctl status exits 1" sh -c "crashctl status > /dev/null; test \$? = 1"
	crashctl status --json > /tmp/status.json
	check "state is no-region" grep -q '"state":"no-region"' /tmp/status.json
	check "the log says to add crashkernel=" grep -q 'crashkernel=256M' /tmp/crashd.log
	check "nothing loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 0
}
