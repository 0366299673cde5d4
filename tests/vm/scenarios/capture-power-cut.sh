# The power goes while the collector is saving (QEMU is killed): the next
# boot reports an incomplete dump, never a complete one.
DESCRIPTION="power cut during the save: the next boot reports an incomplete dump"
CMDLINE="crashkernel=256M"
STAGES="first after"
DISK=512M
TIMEOUT=300
KILL_ON="crashd-collect: saving to"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

stage_first() {
	mount_dump_disk
	arm_with_capture_initramfs
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reports it incomplete: interrupted" grep -q 'An incomplete crash dump is in .*interrupted' /tmp/crashd.log
	check "no dump is reported complete" sh -c "! grep -q 'A crash dump was saved' /tmp/crashd.log"
	check "no temporary directory is left" sh -c "! ls -a /var/crash | grep -q '^\.tmp-'"
	check "crashctl list marks it" sh -c "crashctl list | grep -q INCOMPLETE"
}
