# Re-arms with no unprotected window: crashd loads each new panic kernel
# beside the armed one (KEXEC_FILE_CRASH_SWAP) and the kernel swaps them.
# Sampled from outside, kexec_crash_loaded never reads 0 through five
# updates of the initramfs; then a panic fired while crashd is inside
# kexec_file_load()
# boots the armed image, intact beside the half-loaded new one, and the
# dump is saved and read back on the host. rearm-window-stock is the same
# on Debian's kernel, which frees the armed image first.
DESCRIPTION="re-arm beside the armed image: never unarmed, a panic inside kexec_file_load() is captured"
CMDLINE="crashkernel=256M"
STAGES="first capture"
DISK=256M
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/vm-helpers/panic-in-kexec"

stage_first() {
	start_armed_updatable
	crashctl monitor --json --count 1 --timeout 60 > /tmp/events.json &
	sleep 0.5
	rearm_sampled 5
	cat /tmp/events.json
	check "the kernel announces the swap" grep -q '"crash_swap":true' /tmp/events.json
	check "and says the replacement was loaded beside" grep -q '"event":"replace".*"loaded_beside":true' /tmp/events.json
	check "each loaded beside the armed one" test "$(echo $REARM_BESIDE)" = "true true true true true"
	check "crashd reports 0 ms unprotected for each" test "$(echo $REARM_UNPROTECTED)" = "0 0 0 0 0"
	check "kexec_crash_loaded never read 0 ($SAMPLES samples)" test "$SAMPLE_ZEROS" = 0
	check "and was sampled" test "$SAMPLES" -gt 100
	check "crashctl status says so" sh -c "crashctl status | grep -q 'never unprotected (loaded beside the armed image, then swapped)'"
	metric kexec-crash-loaded-samples "$SAMPLES"
	panic_during_load 0
}

host_check() {
	host_check_vmcore
	check "the dumped kernel panicked inside kexec_file_load(), the old image armed" \
		grep -q "crashd-test: panic 0 ms into a kexec system call: lock held, kexec_crash_loaded 1" "$WORK/dmesg.txt"
}
