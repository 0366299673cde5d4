# The configured dump target does not exist in the capture kernel: the
# collector runs the PreHook, says the target is missing on the console and
# takes FailureAction= (reboot); the next boot's crashd says the previous
# boot ended without a dump.
DESCRIPTION="target missing: a clear console message, and crashd reports it after the reboot"
CMDLINE="crashkernel=256M"
STAGES="first after"
DISK=64M
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"
# crashd's boot record lives on the disk, so it survives like /var/lib would.
export CRASHD_ARGS="--state-dir /persist/state"

stage_first() {
	mount_disk_at /persist
	mkdir -p /etc/crashd
	printf '#!/bin/sh\necho "pre-hook ran as $0"\n' > /etc/crashd/pre-hook
	chmod 755 /etc/crashd/pre-hook
	CRASHD_CONF_EXTRA='[Dump]
Target=LABEL=nosuchdisk
Action=poweroff
FailureAction=reboot
[Capture]
PreHook=/etc/crashd/pre-hook' arm_with_capture_initramfs
	sync
	crash_now
}

stage_after() {
	mount_disk_at /persist
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd says the previous boot left no dump" grep -q 'The previous boot (.*) ended without a clean shutdown, and no dump' /tmp/crashd.log
}

host_check() {
	check "the capture console named the missing target" grep -q 'dump target LABEL=nosuchdisk not found' "$WORK/console.log"
	check "the PreHook ran in the capture system" grep -q 'pre-hook ran as /etc/crashd/pre-hook' "$WORK/console.log"
	check "FailureAction=reboot, not Action=poweroff, was taken" grep -q 'FailureAction=reboot: rebooting' "$WORK/console.log"
}
