# crashd's capture kernel (the crashd-capture-kernel package) with Debian's
# stock kernel as the first kernel: Image=auto chooses it, since the disk's
# virtio and ext4 drivers are built in; crashd builds a capture initramfs
# without modules for it, and a panic is saved in crashkernel=32M, where
# Debian's own kernel needs 80M (capture-dump-stock).
DESCRIPTION="stock first kernel, crashd's capture kernel by Image=auto: a dump in crashkernel=32M"
KERNEL=stock
CMDLINE="crashkernel=32M"
STAGES="first after"
DISK=512M
MEMORY=2G
TIMEOUT=400
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

host_prepare() { host_prepare_capture_kernel; }

# The stock kernel as the distribution's /boot/vmlinuz-RELEASE too, for
# estimate's comparison.
setup() {
	install_capture_kernel
	ln -sf bzImage "/boot/vmlinuz-$(uname -r)"
}

stage_first() {
	mount_dump_disk
	setup
	echo "# crashctl config"
	crashctl config | head -n 4
	check "crashctl config says Image=auto takes the capture kernel" sh -c \
		"crashctl config | grep -q \"^Image=  # default: auto: crashd's capture kernel, /usr/lib/crashd/capture-kernel/vmlinuz\""
	run_crashd
	check "armed" crashctl status
	check "crashd armed the capture kernel" grep -q "Armed /usr/lib/crashd/capture-kernel/vmlinuz" /tmp/crashd.log
	check "its initramfs has no modules" grep -q "Built the capture initramfs .* for 6.12.117-crashd-capture: .* 0 modules" /tmp/crashd.log
	crashctl build-initramfs --json --output /tmp/probe.img > /tmp/build.json
	cat /tmp/build.json
	check "build-initramfs names the capture kernel" grep -q '"kernel_kind":"capture"' /tmp/build.json
	metric initramfs-bytes "$(stat -c %s /var/lib/crashd/initramfs.img)"
	metric kernel-bytes "$(stat -c %s /usr/lib/crashd/capture-kernel/vmlinuz)"
	echo "# crashctl estimate"
	crashctl estimate
	check "estimate covers both kernels" sh -c "crashctl estimate | grep -q '^Instead: the distribution' && crashctl estimate | grep -q '^In use: crashd.s capture kernel'"
	metric estimate-capture-mib "$(crashctl estimate | tail -n 1 | tr -dc 0-9)"
	metric estimate-distro-mib "$(crashctl estimate | sed -n 's/^crashkernel=\([0-9]*\)M$/\1/p' | head -n 1)"
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	setup
	run_crashd
	check "crashd reported the dump" grep -q 'A crash dump was saved in /var/crash/.*sysrq triggered crash (kernel 6.12.117+deb12-amd64)' /tmp/crashd.log
	crashctl estimate
	check "estimate uses the capture kernel's own measurement" sh -c \
		"crashctl estimate --json | grep -q '\"runtime_source\":\"measured by '"
	metric estimate-measured-mib "$(crashctl estimate | tail -n 1 | tr -dc 0-9)"
	# A driver the capture kernel lacks (Debian's has it as a module):
	# Image=auto says why it takes the distribution's kernel, which does
	# not fit in 32M, so the armed capture kernel stays.
	printf '[Capture]\nModules=crc32c_intel\n' > /etc/crashd/crashd.conf
	kill -HUP "$CRASHD_PID"
	sleep 3
	cat /tmp/crashd.log
	check "the fallback names the missing driver" grep -q \
		"Not using crashd's capture kernel: /usr/lib/crashd/capture-kernel/vmlinuz lacks crc32c_intel, which Modules= needs built in" /tmp/crashd.log
	check "said once" test "$(grep -c "Not using crashd's capture kernel" /tmp/crashd.log)" = 1
	check "the capture kernel stays armed" sh -c "crashctl status | grep -q 'capture-kernel/vmlinuz'"
}

host_check() {
	local dump d
	dump=$(host_fetch_dump /)
	d=$WORK/dump/$dump
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "metadata names the capture kernel" grep -q '"capture_kernel_release":"6.12.117-crashd-capture"' "$d/metadata.json"
	check "makedumpfile --dump-dmesg finds the panic line" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
	metric vmcore-bytes "$(stat -c %s "$d/vmcore")"
	metric capture-mem-used-kib $(( $(sed -n 's/.*"capture_mem_total_kib": *\([0-9]*\).*/\1/p' "$d/metadata.json") - \
		$(sed -n 's/.*"capture_mem_available_min_kib": *\([0-9]*\).*/\1/p' "$d/metadata.json") ))
}
