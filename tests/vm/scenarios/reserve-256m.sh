# Boot with crashkernel=256M: the stock reservation is visible both in
# /proc/iomem and in the kexec sysfs size.
DESCRIPTION="crashkernel=256M reserves 256 MiB (/proc/iomem, kexec_crash_size)"
CMDLINE="crashkernel=256M"
STAGES=first

# Size in bytes of the 'Crash kernel' range(s) in /proc/iomem.
iomem_crash_bytes() {
	total=0
	for range in $(sed -n 's/^ *\([0-9a-f]*-[0-9a-f]*\) : Crash kernel$/\1/p' /proc/iomem); do
		total=$((total + 0x${range#*-} - 0x${range%-*} + 1))
	done
	echo $total
}

stage_first() {
	check "'Crash kernel' in /proc/iomem" grep -q 'Crash kernel' /proc/iomem
	check "/proc/iomem range is 268435456 bytes" test "$(iomem_crash_bytes)" = 268435456
	check "kexec_crash_size is 268435456" test "$(cat /sys/kernel/kexec_crash_size)" = 268435456
}
