# The configured dump target does not exist in the capture kernel: the
# collector runs the PreHook, says the target is missing on the console and
# takes FailureAction= (reboot); the next boot's crashd reads why from the
# capture kernel's log in ramoops and says so, with the fix.
DESCRIPTION="target missing: a clear console message, and crashd reports the cause after the reboot"
CMDLINE="crashkernel=256M $RAMOOPS_CMDLINE"
WARM=yes
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
	check "crashd says the target was not found" grep -q 'The capture after the crash of boot .* saved nothing: the dump target was not found, [0-9.]* s after it started (crashd-collect: dump target LABEL=nosuchdisk not found' /tmp/crashd.log
	check "and how to fix it" grep -q "Fix: check Target= in /etc/crashd/crashd.conf" /tmp/crashd.log
	check "crashctl status warns" sh -c "crashctl status | grep -q '^Warning:  the last capture did not save'"
	metric capture-ended-after-ms "$(sed -n 's/.*was not found, \([0-9]*\)\.\([0-9]*\) s after it started.*/\1\2/p' /tmp/crashd.log | sed 's/^0*//')"
}

host_check() {
	check "the capture console named the missing target" grep -q 'dump target LABEL=nosuchdisk not found' "$WORK/console.log"
	check "the PreHook ran in the capture system" grep -q 'pre-hook ran as /etc/crashd/pre-hook' "$WORK/console.log"
	check "FailureAction=reboot, not Action=poweroff, was taken" grep -q 'FailureAction=reboot: rebooting' "$WORK/console.log"
}
