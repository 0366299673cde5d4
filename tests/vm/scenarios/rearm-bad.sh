# A bad update never disarms: a truncated kernel renamed over the good one
# leaves the good one armed and the state degraded; deleting the file
# leaves it armed with a warning; putting a good one back re-arms it.
DESCRIPTION="truncated update: old image stays armed, degraded; deleted file: still armed, warned"
CMDLINE="crashkernel=256M"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	mkdir -p /var/lib/k
	cp /boot/bzImage /var/lib/k/vmlinuz
	good=$(sha256sum /var/lib/k/vmlinuz | cut -d' ' -f1)
	start_armed /var/lib/k/vmlinuz /boot/capture.cpio
	head -c 2000000 /boot/bzImage > /var/lib/k/vmlinuz.new
	mv /var/lib/k/vmlinuz.new /var/lib/k/vmlinuz
	sleep 2
	crashctl status --json > /tmp/st.json
	check "degraded after the truncated update" grep -q '"state":"degraded"' /tmp/st.json
	check "the good image is still the one armed" grep -q "\"sha256\":\"$good\"" /tmp/st.json
	check "still loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	check "the log names the file and says it stays armed" grep -q '/var/lib/k/vmlinuz: truncated.*The armed image stays armed' /tmp/crashd.log
	rm /var/lib/k/vmlinuz
	sleep 2
	check "still loaded after the file was deleted" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	check "and the log warns" grep -q '/var/lib/k/vmlinuz: cannot open: No such file or directory' /tmp/crashd.log
	install_kernel_version /var/lib/k/vmlinuz 3
	check "a good file back is armed again" wait_armed_sha "$(sha256sum /var/lib/k/vmlinuz | cut -d' ' -f1)"
	check "and the state is armed" grep -q '"state":"armed"' /tmp/st.json
}
