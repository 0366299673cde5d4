# A region that holds one image but not two: the kernel refuses the load
# beside the armed image (ENOSPC) and keeps it armed; crashd loads the old
# way, reports the window it opened and says once, with the crashkernel=
# that would hold both, why. The flag's bad combinations are refused.
DESCRIPTION="no room for two images: ENOSPC, the old order, one warning naming the size"
CMDLINE="crashkernel=48M"
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/vm-helpers/kexec-file-flags"

stage_first() {
	start_armed_updatable
	rearm_sampled 2
	check "neither loaded beside" test "$(echo $REARM_BESIDE)" = "false false"
	check "crashd reports the window each opened" sh -c "! echo '$REARM_UNPROTECTED' | grep -qw 0"
	need=$(crashctl estimate --json | tr -d ' \n' | grep -o '"crashkernel_swap":[0-9]*' | head -n 1 | cut -d: -f2)
	check "crashctl estimate names a size above this region" test "$need" -gt $((48 << 20))
	check "the warning names that size" grep -q \
		"The 48 MiB crash region cannot hold /boot/bzImage beside the armed panic kernel, so it is loaded the old way: no panic kernel while it loads. crashkernel=$((need >> 20))M would hold both" /tmp/crashd.log
	check "said once for this region" test "$(grep -c 'cannot hold /boot/bzImage beside' /tmp/crashd.log)" = 1
	check "crashctl status shows the window" sh -c "crashctl status | grep -q ' ms unprotected'"
	crashctl estimate
	# The flag only with KEXEC_FILE_ON_CRASH (0x2), never with KEXEC_FILE_UNLOAD (0x1).
	check "KEXEC_FILE_CRASH_SWAP alone is EINVAL" test "$(kexec-file-flags 0x100)" = EINVAL
	check "with KEXEC_FILE_UNLOAD it is EINVAL" test "$(kexec-file-flags 0x103)" = EINVAL
	check "still armed" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
}
