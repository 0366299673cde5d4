# Memory hotplug with a panic kernel armed: the kernel updates the crash
# ELF header itself (crash_hotplug is 1, so crashd does nothing), and a
# panic after the hotplug still dumps, the new memory included.
DESCRIPTION="memory hotplug (pc-dimm): the armed image stays valid and a panic still dumps"
CMDLINE="crashkernel=256M memhp_default_state=online"
STAGES="first capture"
DISK=256M
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"
HOTPLUG_ON="crashd-test: hotplug now"
HOTPLUG='{"execute": "object-add", "arguments": {"qom-type": "memory-backend-ram", "id": "mem1", "size": 268435456}}
{"execute": "device_add", "arguments": {"driver": "pc-dimm", "id": "dimm1", "memdev": "mem1"}}'

mem_online_mib() {
	n=0
	for b in /sys/devices/system/memory/memory*/state; do
		grep -q online "$b" && n=$((n + 1))
	done
	echo $(( n * $(( $(cat /sys/devices/system/memory/block_size_bytes | sed 's/^/0x/') >> 20 )) ))
}

more_online_than() { [ "$(mem_online_mib)" -gt "$1" ]; }

stage_first() {
	start_armed /boot/bzImage /boot/capture.cpio
	check "the kernel updates the crash header on hotplug" test "$(cat /sys/devices/system/memory/crash_hotplug)" = 1
	before=$(mem_online_mib)
	say "# hotplug now"
	echo "crashd-test: hotplug now"
	wait_until more_online_than "$before"
	check "256 MiB more memory online" test "$(mem_online_mib)" -ge $((before + 256))
	sleep 1
	check "still loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	check "crashd did not re-arm (the kernel did it)" sh -c "! grep -q 'Re-arming' /tmp/crashd.log"
	echo $(( $(mem_online_mib) << 20 )) > /tmp/online_bytes
	crash_now
}

stage_capture() {
	# /proc/vmcore spans the crashed kernel's memory but the crash region:
	# 1024 - 256 MiB without the hotplugged 256 MiB, about 1024 MiB with it.
	echo "/proc/vmcore: $(stat -c %s /proc/vmcore) bytes"
	check "/proc/vmcore includes the hotplugged memory" test "$(stat -c %s /proc/vmcore)" -gt $(( (1024 - 256 + 200) << 20 ))
	save_vmcore_to_disk
}

host_check() {
	host_check_vmcore
}
