# crashkernel=900M on a 1 GiB guest parses but cannot fit: the system
# boots, nothing is reserved, and the reason names the largest hole.
DESCRIPTION="crashkernel=900M on 1 GiB: boots, nothing reserved, reason names the largest hole"
CMDLINE="crashkernel=900M"

stage_first() {
	d=/sys/kernel/crash_reserve
	show $d/reason
	check "nothing reserved" test "$(cat $d/size)" = 0
	check "no 'Crash kernel' in /proc/iomem" sh -c "! grep -q 'Crash kernel' /proc/iomem"
	check "kexec_crash_size is 0" test "$(cat /sys/kernel/kexec_crash_size)" = 0
	check "reason: no-hole with the largest hole" grep -q '^no-hole: failed: no 900 MiB hole anywhere; largest is [0-9]* MiB at 0x' $d/reason
	check "requested is 900M" test "$(cat $d/requested)" = 900M
}
