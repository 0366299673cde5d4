# rearm-swap's steps on Debian's stock kernel, which frees the armed crash
# image before it loads the new one: sampled from outside,
# kexec_crash_loaded reads 0 during re-arms, crashd reports the window it
# had to open, and a panic fired while crashd is inside kexec_file_load()
# boots nothing (the kernel will not crash-kexec while a load holds the
# kexec lock, freed image or not): the machine reboots, nothing captured.
DESCRIPTION="stock kernel: re-arms open a window, and a panic inside kexec_file_load() is lost"
KERNEL=stock
CMDLINE="crashkernel=256M"
STAGES="first"
DISK=256M
MEMORY=2G
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/vm-helpers/panic-in-kexec"

stage_first() {
	start_armed_updatable
	rearm_sampled 5
	check "none loaded beside (no crash_reserve family here)" test "$(echo $REARM_BESIDE)" = "false false false false false"
	check "crashd reports an unprotected window for each" sh -c "! echo '$REARM_UNPROTECTED' | grep -qw 0"
	check "kexec_crash_loaded read 0 during the re-arms" test "$SAMPLE_ZEROS" -gt 0
	metric kexec-crash-loaded-zero-samples "$SAMPLE_ZEROS/$SAMPLES"
	panic_during_load 0
}

host_check() {
	# Whether or not the old image was freed yet: __crash_kexec() does
	# nothing while a load holds the kexec lock.
	check "the panic came inside kexec_file_load()" \
		grep -q "crashd-test: panic 0 ms into a kexec system call: lock held" "$WORK/console.log"
	check "the kernel found no panic kernel and rebooted" grep -q "Rebooting in 1 seconds" "$WORK/console.log"
	check "no capture kernel started" sh -c "! grep -q 'stage capture' '$WORK/console.log'"
}
