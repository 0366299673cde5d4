# The dump server does not answer (nothing listens at its port): the
# capture tries, says why, saves to the fallback Directory= and the next
# boot's crashd reports the failure. crashctl test refuses beforehand.
DESCRIPTION="Target=ssh:// with the server down: saved to the fallback, reported after the reboot"
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

stage_first() {
	guest_net_up
	mount_dump_disk
	# Port 9 on the host: nothing there, so the connection is refused.
	mkdir -p /etc/crashd/ssh
	printf '[Kernel]\nImage=/boot/bzImage\n[Dump]\nTarget=ssh://crashd@dumps.test:9/srv/dumps\n' > /etc/crashd/crashd.conf
	check "a build without crashd's key is refused, with the fix" sh -c \
		"! crashctl build-initramfs --output /tmp/x.img 2> /tmp/build.err && grep -q 'crashctl ssh-key' /tmp/build.err"
	cat /tmp/build.err
	# The key and a pinned server key, as crashctl ssh-key would have left them.
	ssh-keygen -q -t ed25519 -N '' -f /etc/crashd/ssh/id_ed25519
	ssh-keygen -q -t ed25519 -N '' -f /tmp/server
	echo "dumps.test $(cut -d' ' -f1,2 /tmp/server.pub)" > /etc/crashd/ssh/known_hosts
	CRASHD_CONF_EXTRA='[Dump]
Target=ssh://crashd@dumps.test:9/srv/dumps' arm_with_capture_initramfs
	check "crashctl test refuses: the server does not answer" sh -c "! crashctl test --yes 2> /tmp/test.err"
	cat /tmp/test.err
	check "ssh said why" grep -q 'Connection refused' /tmp/test.err
	umount /var/crash
	crash_now
}

stage_after() { check_ssh_fallback '.*Connection refused'; }

host_check() {
	check "the capture said the server refused the connection" \
		grep -q 'crashd-collect: remote target ssh://crashd@dumps.test:9/srv/dumps: ssh exited with 255: .*Connection refused' \
		"$WORK/console.log"
	check "and saved to the fallback" grep -q 'crashd-collect: saved /target/' "$WORK/console.log"
}
