# Memory hotplug heard through udev, on a kernel that does not update the
# crash ELF header itself (before 6.6, such as Debian 12's own 6.1): crashd
# re-arms once, so the next dump covers the new memory. The kernel here
# does update it; its crash_hotplug file is covered with a 0 to stand in
# for an older kernel.
DESCRIPTION="memory hotplug through udev on a kernel without crash hotplug: one re-arm"
ROOTFS=debian
CMDLINE="crashkernel=256M memhp_default_state=online"
STAGES="first"
MEMORY=1G
TIMEOUT=300
HOTPLUG_ON="crashd-test: hotplug now"
HOTPLUG='{"execute": "object-add", "arguments": {"qom-type": "memory-backend-ram", "id": "mem1", "size": 268435456}}
{"execute": "device_add", "arguments": {"driver": "pc-dimm", "id": "dimm1", "memdev": "mem1"}}'

memory_blocks() { ls -d /sys/devices/system/memory/memory* | wc -l; }
more_blocks_than() { [ "$(memory_blocks)" -gt "$1" ]; }
rearmed_for() { crashctl status --json | grep -q "\"reason\":\"$1\""; }

stage_first() {
	echo 0 > /run/crash_hotplug-0
	check "crash_hotplug reads 0" sh -c \
		"mount --bind /run/crash_hotplug-0 /sys/devices/system/memory/crash_hotplug &&
		 test \"\$(cat /sys/devices/system/memory/crash_hotplug)\" = 0"
	check "systemctl enable --now crashd" systemctl enable --now crashd
	check "armed" sh -c "crashctl status | grep -q '^State:    armed'"
	blocks=$(memory_blocks)
	say "# hotplug now"
	echo "crashd-test: hotplug now"
	wait_until more_blocks_than "$blocks"
	check "memory blocks added" more_blocks_than "$blocks"
	wait_until rearmed_for "memory hotplug"
	crashctl status
	crashctl status --json > /tmp/st.json
	check "re-armed for the memory hotplug" grep -q '"reason":"memory hotplug"' /tmp/st.json
	check "once for all the new blocks" grep -q '"count":1,' /tmp/st.json
	check "armed again" sh -c "crashctl status | grep -q '^State:    armed'"
	check "the journal says why" sh -c "journalctl -b -u crashd --no-pager | grep -q 'Re-arming: memory hotplug'"
	check "and records the re-arm's figures as fields" sh -c \
		"journalctl -b MESSAGE_ID=f6e7ed639cc94b78b1251c53853e3cad CRASHD_REARM_REASON='memory hotplug' \
			-o export | grep -q '^CRASHD_UNPROTECTED_USEC=[0-9]'"
	journalctl -b -u crashd --no-pager -o short-monotonic; crashctl status --json
	umount /sys/devices/system/memory/crash_hotplug
}

host_check() { :; }
