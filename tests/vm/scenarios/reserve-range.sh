# The range form on a 1 GiB guest: 512M-2G matches, so 64 MiB.
DESCRIPTION="crashkernel=512M-2G:64M,2G-:128M on 1 GiB reserves 64 MiB"
CMDLINE="crashkernel=512M-2G:64M,2G-:128M"

stage_first() {
	d=/sys/kernel/crash_reserve
	show $d/reason
	check "size is 64 MiB" test "$(cat $d/size)" = $((64 << 20))
	check "sysfs matches /proc/iomem" sysfs_matches_iomem
	check "requested is the whole value" test "$(cat $d/requested)" = "512M-2G:64M,2G-:128M"
	check "reason is low" grep -q '^low: reserved 64 MiB' $d/reason
}
