# A crash region too small for the capture system: the capture kernel runs
# out of memory, panics (panic=10) and the machine reboots by itself. Its
# log survives in ramoops (reserve_mem=, ramoops.mem_name=), and the next
# boot's crashd says what failed, with the last lines and the fix, once;
# crashctl list shows the failed capture and crashctl status warns.
DESCRIPTION="capture kernel out of memory: reboot, then the report names the cause and the fix"
CMDLINE="crashkernel=24M $RAMOOPS_CMDLINE"
STAGES="first after"
DISK=256M
TIMEOUT=300
WARM=yes
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"
# crashd's records live on the disk, so they survive like /var/lib would.
export CRASHD_ARGS="--state-dir /var/crash/.state"

stage_first() {
	mount_dump_disk
	arm_with_capture_initramfs
	check "crashd passes ramoops' region to the capture kernel" grep -q 'keeps its log in ramoops at 0x' /tmp/crashd.log
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	start_crashd /boot/bzImage /var/lib/crashd/initramfs.img
	check "the report names the cause" grep -q "The capture after the crash of boot .* saved nothing: the capture kernel ran out of memory" /tmp/crashd.log
	check "and the fix, with the size crashctl estimate gives" grep -q \
		"Fix: the crash region (24 MiB) is too small for it; crashctl estimate now gives crashkernel=[0-9]*M: 'crashctl crashkernel [0-9]*M --apply'" /tmp/crashd.log
	check "and the last lines of its log" grep -q "Kernel panic - not syncing: System is deadlocked on memory" /tmp/crashd.log
	check "no second, vaguer message about the same boot" sh -c "! grep -q 'ended without a clean shutdown' /tmp/crashd.log"
	metric capture-ended-after-ms "$(sed -n 's/.*ran out of memory, \([0-9]*\)\.\([0-9]*\) s after it started.*/\1\2/p' /tmp/crashd.log | sed 's/^0*//')"
	echo "# crashctl list"
	crashctl list
	check "crashctl list shows the failed capture" sh -c "crashctl list | grep -q '\[FAILED\] capture failed: the capture kernel ran out of memory'"
	echo "# crashctl status"
	crashctl status
	check "crashctl status warns" sh -c "crashctl status | grep -q '^Warning:  the last capture did not save a whole dump'"
	check "the capture log is kept with it" sh -c "grep -q 'elfcorehdr=' /var/crash/*/capture.log"
	kill "$CRASHD_PID"
	sleep 0.5
	run_crashd
	check "reported once" sh -c "! grep -q 'saved nothing' /tmp/crashd.log"
}

host_check() {
	check "the capture kernel ran out of memory" grep -q "invoked oom-killer\|Out of memory" "$WORK/console.log"
	check "and rebooted by itself" grep -q "Rebooting in 10 seconds" "$WORK/console.log"
}
