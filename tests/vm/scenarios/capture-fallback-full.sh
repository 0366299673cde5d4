# makedumpfile fails and the target has no room for a plain copy of
# /proc/vmcore: the collector does not fill the disk trying. It saves the
# log and metadata, marks the dump incomplete with the reason, and the
# machine reboots; crashd reports that reason after the reboot.
DESCRIPTION="makedumpfile fails on a small target: no plain copy, the reason recorded, the disk not filled"
CMDLINE="crashkernel=256M"
STAGES="first after"
DISK=256M
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

stage_first() {
	mount_dump_disk
	arm_with_failing_makedumpfile
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reports the dump incomplete, with the reason" \
		grep -q 'An incomplete crash dump is in .*makedumpfile failed (127); a plain copy needs up to' /tmp/crashd.log
	check "no partial vmcore was left behind" sh -c "! ls /var/crash/*/vmcore 2>/dev/null"
	check "the disk was not filled" sh -c "test \$(df -k /var/crash | awk 'NR==2 {print \$4}') -gt 100000"
	check "crashctl list marks it" sh -c "crashctl list | grep -q INCOMPLETE"
}
