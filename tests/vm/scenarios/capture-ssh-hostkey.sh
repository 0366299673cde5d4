# The dump server's key is not the one pinned (a server reinstalled, or
# someone in between): crashctl test refuses before crashing, and the
# capture refuses to send the dump there. With Fallback=directory it is
# saved to /var/crash instead, its metadata says why the server was not
# used, and crashd reports that after the reboot as a failure.
DESCRIPTION="Target=ssh:// with a wrong pinned host key: refused, saved to the fallback, reported after the reboot"
KERNEL=stock
STOCK_MODULES="virtio_net"
NET=user
CMDLINE="crashkernel=160M"
STAGES="first after"
DISK=512M
MEMORY=2G
TIMEOUT=500
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect ssh ssh-keygen"

host_prepare() { host_sshd_start; }

stage_first() {
	guest_net_up
	cp /test/files/bootstrap /root/.ssh/id_ed25519
	chmod 600 /root/.ssh/id_ed25519
	mount_dump_disk
	ssh_target_conf directory
	mkdir -p /etc/crashd
	printf '%s\n' "$CRASHD_CONF_EXTRA" > /etc/crashd/crashd.conf
	check "crashctl ssh-key sets the target up" crashctl ssh-key --accept-new
	# Another server key pinned under the same name.
	ssh-keygen -q -t ed25519 -N '' -f /tmp/other
	echo "dumps.test $(cut -d' ' -f1,2 /tmp/other.pub)" > /etc/crashd/ssh/known_hosts
	arm_with_capture_initramfs
	check "crashctl test refuses: crashd's key cannot reach the server" sh -c \
		"! crashctl test --yes 2> /tmp/test.err"
	cat /tmp/test.err
	check "ssh said why" grep -q 'Host key verification failed' /tmp/test.err
	check "and crashctl named the fix" grep -q "crashctl ssh-key" /tmp/test.err
	umount /var/crash
	crash_now
}

stage_after() { check_ssh_fallback 'Host key verification failed'; }

host_check() {
	host_sshd_stop
	check "the capture refused the server" grep -q 'crashd-collect: remote target ssh://.*Host key verification failed' \
		"$WORK/console.log"
	check "and saved to the fallback" grep -q 'crashd-collect: saved /target/' "$WORK/console.log"
	check "the server received nothing" sh -c "! ls '$WORK'/received/dumps/* 2>/dev/null"
}
