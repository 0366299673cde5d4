# The capture side end to end on the patched kernel: crashctl builds the
# capture initramfs, crashd arms it, a panic is saved by the collector under
# /var/crash on an ext4 disk, and after the reboot crashd reports the dump.
# The host checks the dump with makedumpfile, the kdump-compressed header
# and crash(8) with the matching vmlinux, tools nobody here wrote.
DESCRIPTION="collector saves vmcore, log and metadata atomically; crashd reports it after reboot"
CMDLINE="crashkernel=256M"
STAGES="first after"
DISK=512M
TIMEOUT=300
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

stage_first() {
	mount_dump_disk
	mkdir -p /etc/crashd /var/lib/crashd
	# A PostHook and makedumpfile options travel into the capture system.
	printf '#!/bin/sh\necho "post-hook: $1 $CRASHD_DUMP_STATUS" > "$1/post-hook.txt"\n' > /etc/crashd/post-hook
	chmod 755 /etc/crashd/post-hook
	export CRASHD_CONF_EXTRA='[Dump]
MakedumpfileOptions=--message-level=7
[Capture]
PostHook=/etc/crashd/post-hook'
	printf '[Kernel]\nImage=/boot/bzImage\n%s\n' "$CRASHD_CONF_EXTRA" > /etc/crashd/crashd.conf
	echo "# crashctl build-initramfs"
	crashctl build-initramfs
	check "crashctl build-initramfs --json" sh -c "crashctl build-initramfs --json > /tmp/build.json"
	metric initramfs-bytes "$(sed -n 's/.*"size":\([0-9]*\).*/\1/p' /tmp/build.json)"
	check "the target is the disk's UUID" grep -q '"target":"UUID=' /tmp/build.json
	check "crashctl verify accepts it" crashctl verify --kernel /boot/bzImage --initrd /var/lib/crashd/initramfs.img
	start_crashd /boot/bzImage /var/lib/crashd/initramfs.img
	echo "# crashctl status"
	crashctl status
	check "armed" crashctl status
	cat /proc/sys/kernel/random/boot_id > /var/crash/boot_id
	check "crashctl test refuses without --yes" sh -c "! crashctl test"
	umount /var/crash
	stage_end first
	metric panic-at-ms "$(uptime_ms)"
	# As an administrator would, once after installing.
	crashctl test --yes
}

stage_after() {
	mount_dump_disk
	mkdir -p /etc/crashd
	printf '[Kernel]\nImage=/boot/bzImage\nInitrd=/boot/capture.cpio\n' > /etc/crashd/crashd.conf
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reported the dump" grep -q 'A crash dump was saved in /var/crash/.*sysrq triggered crash' /tmp/crashd.log
	echo "# crashctl list"
	crashctl list
	check "crashctl list shows it" sh -c "crashctl list | grep -q 'Kernel panic - not syncing: sysrq triggered crash'"
	check "the PostHook ran on the saved dump" sh -c "grep -q 'post-hook: /target/.* complete' /var/crash/*/post-hook.txt"
	name=$(crashctl list --json | sed -n 's/.*"name":"\([^"]*\)".*/\1/p' | head -n 1)
	echo "# crashctl show $name"
	crashctl show "$name"
	check "crashctl show reads it" sh -c "crashctl show '$name' | grep -q 'Status:    complete'"
	check "the dump is named after the crashed boot" sh -c "echo '$name' | grep -q \"\$(cat /var/crash/boot_id)\""
	crashctl estimate
	check "crashctl estimate uses the capture's measured memory" sh -c \
		"crashctl estimate --json | grep -q '\"runtime_source\":\"measured by $name\"'"
	check "crashctl estimate names a size" sh -c "crashctl estimate | grep -q '^crashkernel=[0-9]*M$'"
	check "reported once: a restart does not report again" sh -c \
		"kill $CRASHD_PID; sleep 0.3; rm -f /run/crashd/state.json; crashd > /tmp/crashd2.log 2>&1 & sleep 2; ! grep -q 'A crash dump' /tmp/crashd2.log"
}

host_check() {
	local dump d
	# The disk was mounted on /var/crash: dumps are at its root.
	dump=$(host_fetch_dump /)
	check "a dump directory was saved" test -n "$dump"
	d=$WORK/dump/$dump
	check "vmcore, dmesg.txt and metadata.json are there" test -s "$d/vmcore" -a -s "$d/dmesg.txt" -a -s "$d/metadata.json"
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "metadata has the panic line" grep -q '"panic":"Kernel panic - not syncing: sysrq triggered crash"' "$d/metadata.json"
	check "metadata's SHA-256 is the vmcore's" grep -q "\"vmcore_sha256\":\"$(sha256sum "$d/vmcore" | cut -d' ' -f1)\"" "$d/metadata.json"
	check "metadata names the kernel release" grep -q '"kernel_release":"6.12' "$d/metadata.json"
	check "the dump directory is 0700" test "$(host_disk_mode "/$dump")" = 0700
	check "vmcore is 0600" test "$(host_disk_mode "/$dump/vmcore")" = 0600
	check "kdump-compressed header" sh -c "head -c 8 '$d/vmcore' | grep -q KDUMP"
	check "makedumpfile --dump-dmesg finds the panic line" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
	# Debian 12's crash 8.0.2 predates 6.12: its full mode fails in kmem and bt
	# setup ("invalid size request: stack contents"). Its minimal mode reads
	# the dump with the matching vmlinux: the log with the panic task's
	# backtrace, and the symbol with its source line from the debug info.
	printf 'log\nsym sysrq_handle_crash\nquit\n' |
		timeout 120 crash -s --minimal --kaslr=auto "$KERNEL_DIR/vmlinux" "$d/vmcore" > "$WORK/crash.out" 2>&1
	check "crash(8) reads the panic task's backtrace from the dump" \
		grep -q '^\[ *[0-9.]*\]  ? sysrq_handle_crash+' "$WORK/crash.out"
	check "crash(8) resolves it to its source line" grep -q 'sysrq_handle_crash .*drivers/tty/sysrq.c: [0-9]' "$WORK/crash.out"
	metric vmcore-bytes "$(stat -c %s "$d/vmcore")"
}
