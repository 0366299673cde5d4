# crashkernel=256Mx is malformed. Upstream also reserves nothing, with one
# log line; here sysfs says what is wrong and where, for crashd to report.
DESCRIPTION="crashkernel=256Mx: boots, nothing reserved, reason names the error and position"
CMDLINE="crashkernel=256Mx"

stage_first() {
	d=/sys/kernel/crash_reserve
	show $d/reason
	check "nothing reserved" test "$(cat $d/size)" = 0
	check "reason: parse-error at the 'x'" grep -q "^parse-error: failed: unexpected character after the value; remove it (at character [0-9]* of the command line)$" $d/reason
	check "requested shows the parameter" test "$(cat $d/requested)" = crashkernel=256Mx
	check "kernel log names it" sh -c "dmesg | grep -q 'crashkernel=crashkernel=256Mx: failed: unexpected character'"
}
