# makedumpfile fails in the capture kernel: the collector falls back to a
# plain ELF copy of /proc/vmcore without zero pages, and says so.
DESCRIPTION="makedumpfile fails: the collector saves a plain ELF copy instead"
CMDLINE="crashkernel=256M"
STAGES="first"
DISK=1536M
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

stage_first() {
	mount_dump_disk
	arm_with_failing_makedumpfile
	umount /var/crash
	crash_now
}

host_check() {
	local dump d
	dump=$(host_fetch_dump /)
	d=$WORK/dump/$dump
	check "a dump was saved" test -s "$d/vmcore"
	check "metadata records the fallback" grep -q '"fallback_copy":true' "$d/metadata.json"
	check "metadata records makedumpfile's exit status" grep -q '"makedumpfile_status":127' "$d/metadata.json"
	check "readelf reads an ELF core file" sh -c "readelf -h '$d/vmcore' | grep -q 'CORE (Core file)'"
	check "its notes hold VMCOREINFO" sh -c "readelf -n '$d/vmcore' | grep -q VMCOREINFO"
	check "makedumpfile reads the copy's log" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
}
