# Loader=elf with a byte of the panic kernel changed after crashd took its
# digest (the test-only CRASHD_TEST_CORRUPT_SEGMENT: the loader flips a
# byte of that segment's buffer after hashing it, as a stray write into the
# loaded image would). After the panic the purgatory finds the mismatch,
# says which segment on the console and resets the machine instead of
# jumping into the changed kernel: no capture kernel starts.
DESCRIPTION="Loader=elf: a segment changed after loading; the purgatory refuses to start it and says so"
CMDLINE="crashkernel=256M"
STAGES="first"
DISK=256M
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	export CRASHD_TEST_CORRUPT_SEGMENT=0
	CRASHD_CONF_EXTRA="Loader=elf" start_crashd
	check "armed (the kernel takes what it is given)" crashctl status
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	crash_now
}

host_check() {
	check "the purgatory named the changed segment" \
		grep -q "crashd purgatory: segment 0 at 0x[0-9a-f]* ([0-9]* bytes) does not match its SHA-256; not starting the panic kernel, resetting without a dump" \
		"$WORK/console.log"
	check "no capture kernel started" sh -c "! grep -q 'elfcorehdr=' '$WORK/console.log'"
	check "no capture stage ran" sh -c "! grep -q 'stage capture' '$WORK/console.log'"
}
