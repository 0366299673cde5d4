# CPU hot-add with a panic kernel armed: the crash ELF header already
# describes every possible CPU and the kernel keeps it current itself
# (crash_hotplug is 1, so crashd does nothing), and a panic on the new CPU
# still dumps, its registers included. The image is one re-armed beside
# the first (KEXEC_FILE_CRASH_SWAP): its ELF header sits inside the region,
# not at its start, and the kernel's rewrite finds it there.
DESCRIPTION="CPU hot-add: the armed image, swapped in beside the first, stays valid and a panic on the new CPU dumps"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
TIMEOUT=300
ACPI=online-capable
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"
HOTPLUG_ON="crashd-test: hotplug now"
HOTPLUG='{"execute": "device_add", "arguments": {"driver": "qemu64-x86_64-cpu", "id": "cpu2", "socket-id": 0, "core-id": 2, "thread-id": 0}}'

stage_first() {
	start_armed_updatable
	check "one update re-armed" update_initrd_times /var/lib/k/initrd.img 1
	check "beside the first image" test "$(echo $REARM_BESIDE)" = true
	check "the kernel updates the crash header on hotplug" test "$(cat /sys/devices/system/cpu/crash_hotplug)" = 1
	check "four possible CPUs, two present" \
		test "$(cat /sys/devices/system/cpu/possible) $(cat /sys/devices/system/cpu/present)" = "0-3 0-1"
	say "# hotplug now"
	echo "crashd-test: hotplug now"
	wait_until test -e /sys/devices/system/cpu/cpu2/online
	check "cpu2 hot-added" test "$(cat /sys/devices/system/cpu/present)" = 0-2
	# What udev's rule for a new CPU does.
	check "cpu2 brought online" sh -c "echo 1 > /sys/devices/system/cpu/cpu2/online"
	check "three CPUs online" test "$(cat /sys/devices/system/cpu/online)" = 0-2
	sleep 1
	check "still loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	check "crashd did not re-arm for it (the kernel did)" test "$(grep -c 'Re-arming' /tmp/crashd.log)" = 1
	stage_end first
	taskset -c 2 sh -c 'echo c > /proc/sysrq-trigger'
}

stage_capture() {
	check "ext4 disk mounted" mount_disk_at /mnt
	check "makedumpfile saved the dump" makedumpfile -l -d 31 /proc/vmcore /mnt/vmcore
	# The ELF headers and the CPU notes, for readelf on the host.
	check "vmcore headers saved" sh -c "head -c 65536 /proc/vmcore > /mnt/vmcore.head"
	check "disk unmounted cleanly" umount /mnt
}

host_check() {
	host_check_vmcore
	check "the panic ran on the hot-added CPU" grep -q 'CPU: 2 UID' "$WORK/dmesg.txt"
	debugfs -R "dump /vmcore.head $WORK/vmcore.head" "$WORK/disk.img" > /dev/null 2>&1
	readelf -n "$WORK/vmcore.head" > "$WORK/notes.txt" 2>&1
	check "registers of all three online CPUs in the dump" \
		test "$(grep -c NT_PRSTATUS "$WORK/notes.txt")" = 3
}
