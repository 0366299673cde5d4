# Loader=elf on the patched test kernel, switched to from Loader=file by a
# reload: crashd's own loader places the
# ELF inside the bzImage, builds the boot parameters and the ELF core
# header, and loads crashd's purgatory with kexec_load(). After the panic
# the purgatory checks every segment's SHA-256 and its own, says so on the
# console, and the capture kernel saves a dump the host reads.
DESCRIPTION="Loader=elf: crashd's loader and purgatory arm; a panic is checked, captured and read"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd purgatory: .* match their SHA-256"
TIME_NAME=panic-to-purgatory-ms

stage_first() {
	start_crashd
	check "armed with kexec_file_load() first" sh -c "crashctl status && ! grep -q \"crashd's loader\" /tmp/crashd.log"
	# Only the loader changes: a reload must still load again, with it.
	echo "Loader=elf" >> /etc/crashd/crashd.conf
	crashctl reload > /dev/null
	check "after Loader=elf and a reload, crashd's loader loaded it" \
		wait_until grep -q "with crashd's loader" /tmp/crashd.log
	check "crashctl status says armed by crashd's loader" sh -c \
		"crashctl status | grep -q \"^Armed: .*; by crashd's loader, checked by its purgatory\""
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	metric_arm_ms
	crash_now
}

host_check() {
	host_check_elfload_capture
}
