# Twenty rapid writes in a burst cause exactly one re-arm, of the last one.
DESCRIPTION="twenty rapid writes: exactly one re-arm, with the last version"
CMDLINE="crashkernel=256M"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	mkdir -p /var/lib/k
	cp /boot/bzImage /var/lib/k/vmlinuz
	for n in $(seq 1 20); do
		cp /boot/bzImage /var/lib/k/v$n
		head -c $((4096 * n)) /dev/zero >> /var/lib/k/v$n
	done
	start_armed /var/lib/k/vmlinuz /boot/capture.cpio
	for n in $(seq 1 20); do mv /var/lib/k/v$n /var/lib/k/vmlinuz; done
	sha=$(sha256sum /var/lib/k/vmlinuz | cut -d' ' -f1)
	check "the last version is armed" wait_armed_sha "$sha"
	sleep 1
	crashctl status --json > /tmp/st.json
	check "exactly one re-arm" grep -q '"count":1,' /tmp/st.json
	check "one load in the log after the first" test "$(grep -c '^crashd: Armed' /tmp/crashd.log)" = 2
}
