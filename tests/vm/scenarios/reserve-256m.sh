# Boot with crashkernel=256M: 256 MiB below 4 GiB, the same in /proc/iomem,
# in upstream's kexec_crash_size and in /sys/kernel/crash_reserve/.
DESCRIPTION="crashkernel=256M reserves 256 MiB; sysfs, /proc/iomem and kexec_crash_size agree"
CMDLINE="crashkernel=256M"

stage_first() {
	d=/sys/kernel/crash_reserve
	check "/proc/iomem has 'Crash kernel'" grep -q 'Crash kernel' /proc/iomem
	check "kexec_crash_size is 268435456" test "$(cat /sys/kernel/kexec_crash_size)" = 268435456
	check "sysfs size is 268435456" test "$(cat $d/size)" = 268435456
	check "sysfs matches /proc/iomem" sysfs_matches_iomem
	check "requested is 256M" test "$(cat $d/requested)" = 256M
	check "policy is low-first" test "$(cat $d/policy)" = low-first
	check "reason: low, below 4 GiB" grep -q '^low: reserved 256 MiB at 0x[0-9a-f]* below 4 GiB, top-down, 16 MiB aligned$' $d/reason
	check "base is 16 MiB aligned" test $(( $(cat $d/base) % (16 << 20) )) = 0
	check "no low chunk" test "$(cat $d/low_size)" = 0
	check "generation is 1" test "$(cat $d/generation)" = 1
	check "base is root-only" test "$(stat -c %a $d/base)" = 400
	check "kernel log explains the decision" sh -c "dmesg | grep -q 'crashkernel=256M: reserved 256 MiB'"
}
