# Shrinking the region through upstream's kexec_crash_size changes
# /sys/kernel/crash_reserve/: size follows, generation goes from 1 to 2,
# a poll() on generation wakes, and reason says the region was shrunk
# instead of repeating the boot-time decision.
DESCRIPTION="shrink via kexec_crash_size: size follows, generation 1 -> 2, poll() wakes, reason says shrunk"
CMDLINE="crashkernel=256M"
PROGRAMS="$TOP/build/vm-helpers/sysfs-wait"

stage_first() {
	d=/sys/kernel/crash_reserve
	check "generation starts at 1" test "$(cat $d/generation)" = 1
	check "reason at boot is the decision" grep -q '^low: reserved 256 MiB' $d/reason
	sysfs-wait $d/generation 10 > /tmp/wait.out 2>&1 &
	waiter=$!
	while ! grep -q waiting /tmp/wait.out; do sleep 0.1; done
	check "shrink to 128 MiB" sh -c "echo $((128 << 20)) > /sys/kernel/kexec_crash_size"
	check "poll() on generation woke" wait $waiter
	check "woken with generation 2" test "$(tail -n 1 /tmp/wait.out)" = 2
	check "size is 128 MiB" test "$(cat $d/size)" = $((128 << 20))
	check "sysfs matches /proc/iomem" sysfs_matches_iomem
	check "reason says what is left" grep -q \
		"^shrunk: $((128 << 20)) of the $((256 << 20)) bytes reserved at boot are left .*; at boot, low: reserved 256 MiB" \
		$d/reason
	check "a no-op write changes nothing" sh -c "echo $((128 << 20)) > /sys/kernel/kexec_crash_size"
	check "generation still 2" test "$(cat $d/generation)" = 2
}
