# The dump target is nearly full: the collector saves what fits (the log
# and metadata), marks the dump incomplete with the reason, leaves the
# earlier dump alone, and the machine still reboots.
DESCRIPTION="target full: dump marked incomplete with the reason; earlier dumps untouched; reboots"
CMDLINE="crashkernel=256M"
STAGES="first after"
DISK=64M
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

stage_first() {
	mount_dump_disk
	mkdir -p /var/crash/20200101T000000Z-earlier
	echo '{"complete":true,"panic":"Kernel panic - not syncing: earlier"}' > /var/crash/20200101T000000Z-earlier/metadata.json
	head -c 1048576 /dev/urandom > /var/crash/20200101T000000Z-earlier/vmcore
	sha256sum /var/crash/20200101T000000Z-earlier/vmcore > /var/crash/earlier.sha256
	arm_with_capture_initramfs
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	CRASHD_CONF_EXTRA='[Dump]
Keep=0' start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reports an incomplete dump with the reason" grep -q 'An incomplete crash dump is in .*not enough space' /tmp/crashd.log
	check "the earlier dump is untouched" sha256sum -c /var/crash/earlier.sha256
	check "crashctl list marks it" sh -c "crashctl list | grep -q INCOMPLETE"
}
