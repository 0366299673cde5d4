# crashkernel=512M,high with crashkernel=72M,low on a 6 GiB guest: the
# region above 4 GiB, a 72 MiB low chunk below, both in sysfs and iomem.
DESCRIPTION="crashkernel=512M,high crashkernel=72M,low: high region plus 72 MiB low chunk"
CMDLINE="crashkernel=512M,high crashkernel=72M,low"
MEMORY=6G

stage_first() {
	d=/sys/kernel/crash_reserve
	show $d/reason
	check "size is 512 MiB" test "$(cat $d/size)" = $((512 << 20))
	check "region is above 4 GiB" test $(($(cat $d/base))) -ge $((4 << 30))
	check "low chunk is 72 MiB" test "$(cat $d/low_size)" = $((72 << 20))
	check "low chunk is below 4 GiB" test $(($(cat $d/low_base) + (72 << 20))) -le $((4 << 30))
	check "sysfs matches /proc/iomem" sysfs_matches_iomem
	check "requested shows both values" test "$(cat $d/requested)" = "512M,high 72M,low"
	check "policy is high-first" test "$(cat $d/policy)" = high-first
	check "reason is high" grep -q '^high: reserved 512 MiB at 0x[0-9a-f]* above 4 GiB as asked, with a 72 MiB low chunk' $d/reason
	check "kexec_crash_size counts both" test "$(cat /sys/kernel/kexec_crash_size)" = $(((512 + 72) << 20))
}
