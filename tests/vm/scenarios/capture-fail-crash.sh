# The capture system itself crashes while saving (a PreHook stands in for
# a driver that oopses, or a collector the kernel kills: init's death is a
# panic too): with oops=panic and panic=10 the machine reboots by itself,
# and the next boot's crashd names the crash from the capture kernel's log.
DESCRIPTION="capture kernel crashes mid-capture: reboot, then the report names the crash"
CMDLINE="crashkernel=256M $RAMOOPS_CMDLINE"
STAGES="first after"
DISK=256M
TIMEOUT=300
WARM=yes
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"
export CRASHD_ARGS="--state-dir /var/crash/.state"

stage_first() {
	mount_dump_disk
	mkdir -p /etc/crashd
	printf '#!/bin/sh\necho "pre-hook: crashing the capture kernel"\necho c > /proc/sysrq-trigger\n' > /etc/crashd/pre-hook
	chmod 755 /etc/crashd/pre-hook
	CRASHD_CONF_EXTRA='[Capture]
PreHook=/etc/crashd/pre-hook' arm_with_capture_initramfs
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	start_crashd /boot/bzImage /var/lib/crashd/initramfs.img
	check "the report names the crash" grep -q "saved nothing: the capture kernel crashed, [0-9.]* s after it started (Kernel panic - not syncing: sysrq triggered crash)" /tmp/crashd.log
	check "and what to try" grep -q "Fix: its log says where; try the other panic kernel" /tmp/crashd.log
	check "crashctl list shows it" sh -c "crashctl list | grep -q '\[FAILED\] capture failed: the capture kernel crashed'"
	metric capture-ended-after-ms "$(sed -n 's/.*kernel crashed, \([0-9]*\)\.\([0-9]*\) s after it started.*/\1\2/p' /tmp/crashd.log | sed 's/^0*//')"
}

host_check() {
	check "the PreHook crashed the capture kernel" grep -q "pre-hook: crashing the capture kernel" "$WORK/console.log"
	check "which rebooted by itself" grep -q "Rebooting in 10 seconds" "$WORK/console.log"
}
