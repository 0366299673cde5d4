# crashkernel=1000M on a 1 GiB guest parses but can never fit (the kernel
# and the initramfs alone take more than 24 MiB, wherever KASLR puts them): the system
# boots, nothing is reserved, and the reason names the largest hole.
DESCRIPTION="crashkernel=1000M on 1 GiB: boots, nothing reserved, reason names the largest hole"
CMDLINE="crashkernel=1000M"

stage_first() {
	d=/sys/kernel/crash_reserve
	show $d/reason
	check "nothing reserved" test "$(cat $d/size)" = 0
	check "no 'Crash kernel' in /proc/iomem" sh -c "! grep -q 'Crash kernel' /proc/iomem"
	check "kexec_crash_size is 0" test "$(cat /sys/kernel/kexec_crash_size)" = 0
	check "reason: no-hole with the largest hole" grep -q '^no-hole: failed: no 1000 MiB hole anywhere; largest is [0-9]* MiB at 0x' $d/reason
	check "requested is 1000M" test "$(cat $d/requested)" = 1000M
}
