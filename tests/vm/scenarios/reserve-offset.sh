# crashkernel=64M@256M: exactly there.
DESCRIPTION="crashkernel=64M@256M reserves 64 MiB at 0x10000000"
# nokaslr: a randomly placed kernel could sit exactly there.
CMDLINE="crashkernel=64M@256M nokaslr"

stage_first() {
	d=/sys/kernel/crash_reserve
	show $d/reason
	check "base is 0x10000000" test "$(cat $d/base)" = 0x10000000
	check "size is 64 MiB" test "$(cat $d/size)" = $((64 << 20))
	check "sysfs matches /proc/iomem" sysfs_matches_iomem
	check "policy is fixed" test "$(cat $d/policy)" = fixed
	check "reason is fixed" grep -q '^fixed: reserved 64 MiB at the requested 0x10000000$' $d/reason
}
