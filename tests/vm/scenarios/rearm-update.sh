# Kernel updates: each new panic kernel, written as package managers write
# it, is armed with its new digest, without anyone asking. Twenty updates
# measure the re-arm latency and the unprotected window.
DESCRIPTION="updated kernel re-armed with the new digest; latency and unprotected window over 20 updates"
CMDLINE="crashkernel=256M"
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"
FILES="$TOP/daemon/kernel-hook"

stage_first() {
	mkdir -p /var/lib/k
	cp /boot/bzImage /var/lib/k/vmlinuz
	start_armed /var/lib/k/vmlinuz /boot/capture.cpio
	lat= unp=
	for n in $(seq 1 20); do
		install_kernel_version /var/lib/k/vmlinuz $n
		sha=$(sha256sum /var/lib/k/vmlinuz | cut -d' ' -f1)
		if ! wait_armed_sha "$sha"; then
			check "update $n re-armed" false
			return
		fi
		lat="$lat $(($(last_rearm latency_usec) / 1000))"
		unp="$unp $(($(last_rearm unprotected_usec) / 1000))"
	done
	check "all 20 updates re-armed with their new digest" test "$(grep -o '"count":[0-9]*' /tmp/st.json)" = '"count":20'
	check "still loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	# The kernel holds its copy of the images; crashd keeps their memfds, not a mapping.
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$CRASHD_PID/status")
	images=$(( ($(stat -c %s /var/lib/k/vmlinuz) + $(stat -c %s /boot/capture.cpio)) >> 10 ))
	metric crashd-rss-kib "$rss"
	# At rest crashd only waits: no timers, so no wakeups (context switches).
	sw0=$(awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$CRASHD_PID/status")
	sleep 10
	sw1=$(awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$CRASHD_PID/status")
	metric crashd-wakeups-10s-at-rest "$((sw1 - sw0))"
	check "crashd's RSS (${rss} KiB) is less than the images it armed (${images} KiB)" test "$rss" -lt "$images"
	crashctl status
	loads=$(grep -c '^crashd: Armed' /tmp/crashd.log)
	check "the kernel install hook nudges crashd and succeeds" sh /test/files/kernel-hook
	check "and, nothing having changed, crashd loads nothing" \
		test "$(grep -c '^crashd: Armed' /tmp/crashd.log)" = "$loads"
	check "crashctl arm loads afresh" sh -c "crashctl arm > /dev/null &&
		test \$(grep -c '^crashd: Armed' /tmp/crashd.log) = $((loads + 1))"
	check "crashctl reload refuses an unknown argument" sh -c "crashctl reload --now; test \$? = 64"
	check "the hook never fails a package operation, even without crashd" sh -c \
		"kill $CRASHD_PID; sleep 0.5; sh /test/files/kernel-hook"
	check "crashctl reload without crashd says where to see why" sh -c \
		"! crashctl reload 2> /tmp/reload.err && grep -q \"is it running? 'systemctl status crashd' says why not\" /tmp/reload.err"
	sorted_lat=$(echo $lat | tr ' ' '\n' | sort -n | tr '\n' ' ')
	sorted_unp=$(echo $unp | tr ' ' '\n' | sort -n | tr '\n' ' ')
	metric rearm-latency-ms-median "$(echo $sorted_lat | cut -d' ' -f10)"
	metric rearm-latency-ms-max "$(echo $sorted_lat | cut -d' ' -f20)"
	metric unprotected-ms-median "$(echo $sorted_unp | cut -d' ' -f10)"
	metric unprotected-ms-max "$(echo $sorted_unp | cut -d' ' -f20)"
}
