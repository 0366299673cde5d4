# A dump sent over ssh to an OpenSSH server on the host (tests/vm/host-sshd),
# as a fleet keeps its dumps, on Debian's kernel with its virtio_net module.
# crashctl ssh-key makes crashd's own key and installs it through the
# administrator's login (a bootstrap key here), pinning the server's key
# under the name in Target=; the administrator's key is then taken off the
# server, so the capture can log in with crashd's key only. crashd resolves
# dumps.test to an address and reads the route, the card's MAC address and
# its driver when it builds the capture initramfs. crashctl test checks the
# server before crashing. The host then rebuilds the vmcore from the
# flattened stream with makedumpfile -R and reads the panic back.
DESCRIPTION="Target=ssh://: crashctl ssh-key sets it up, the capture streams the dump to the server, renamed whole"
KERNEL=stock
STOCK_MODULES="virtio_net"
NET=user
CMDLINE="crashkernel=160M"
STAGES="first"
MEMORY=2G
TIMEOUT=500
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved ssh://"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect ssh ssh-keygen"

host_prepare() { host_sshd_start; }

# ssh as the administrator, with the bootstrap key, to the host's server.
admin_ssh() {
	ssh -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=/tmp/admin-known -o BatchMode=yes \
		-p "$(cat /test/files/port)" root@dumps.test "$@"
}

stage_first() {
	guest_net_up
	cp /test/files/bootstrap /root/.ssh/id_ed25519
	chmod 600 /root/.ssh/id_ed25519
	ssh_target_conf none
	mkdir -p /etc/crashd /var/lib/crashd
	printf '[Kernel]\nImage=/boot/bzImage\nInitrd=/var/lib/crashd/initramfs.img\n%s\n' "$CRASHD_CONF_EXTRA" \
		> /etc/crashd/crashd.conf
	check "crashctl ssh-key makes the key, installs it, pins the server's key" crashctl ssh-key --accept-new
	check "the key is root's alone" sh -c "ls -l /etc/crashd/ssh/id_ed25519 | grep -q '^-rw-------'"
	check "the server's key is pinned under the name in Target=" grep -q '^dumps.test ssh-ed25519 ' \
		/etc/crashd/ssh/known_hosts
	check "a second run changes nothing" crashctl ssh-key --accept-new
	check "the server holds crashd's key once, restricted" \
		test "$(admin_ssh "grep -c '^restrict ssh-ed25519 .* crashd@' .ssh/authorized_keys")" = 1
	check "the administrator's key is taken off the server" admin_ssh "sed -i '/ bootstrap\$/d' .ssh/authorized_keys"
	check "and no longer logs in" sh -c '! admin_ssh true'

	arm_with_capture_initramfs
	crashctl build-initramfs --json > /tmp/build.json
	cat /tmp/build.json
	metric initramfs-bytes "$(sed -n 's/.*"size":\([0-9]*\).*/\1/p' /tmp/build.json)"
	check "the initramfs carries ssh and crashd's key" sh -c \
		"cpio -t < /var/lib/crashd/initramfs.img 2>/dev/null | grep -qx usr/bin/ssh &&
		 cpio -t < /var/lib/crashd/initramfs.img 2>/dev/null | grep -qx etc/crashd/ssh/id_ed25519"
	check "which only root may read" sh -c "ls -l /var/lib/crashd/initramfs.img | grep -q '^-rw-------'"
	tr -d '\n ' < /tmp/build.json > /tmp/build1.json
	check "the route to dumps.test was read" grep -q '"server":"10.0.2.2","interface":"[a-z0-9]*","mac":"52:54:00:12:34:56","address":"10.0.2.15/24","gateway":"","driver":"virtio_net"' /tmp/build1.json
	check "and the card's driver" grep -q 'virtio_net.ko' /tmp/build.json
	check "the remote target is written with its port" \
		grep -q "\"remote\":\"ssh://root@dumps.test:$(cat /test/files/port)/srv/dumps\"" /tmp/build1.json
	check "crashctl status says where dumps go" sh -c \
		"crashctl status | grep -q '^Dumps:    ssh://root@dumps.test:$(cat /test/files/port)/srv/dumps (fallback: none)'"
	check "and so does its JSON, for a fleet" sh -c "crashctl status --json | tr -d ' \n' |
		grep -q '\"dumps\":{\"directory\":\"/var/crash\",\"target\":\"ssh://root@dumps.test:[0-9]*/srv/dumps\",\"remote\":true,\"fallback\":\"none\"}'"
	crashctl estimate --json | tr -d '\n ' > /tmp/estimate.json
	check "crashctl estimate counts what the ssh client adds" grep -q '"remote_bytes":[1-9]' /tmp/estimate.json
	metric network-bytes "$(sed -n 's/.*"remote_bytes":\([0-9]*\).*/\1/p' /tmp/estimate.json)"
	metric estimate-bytes "$(sed -n 's/.*"crashkernel":\([0-9]*\).*/\1/p' /tmp/estimate.json | head -n 1)"
	stage_end first
	# crashctl test logs in as the capture will before it crashes the machine.
	crashctl test --yes
	say "not ok - crashctl test did not crash the machine"
}

host_check() {
	host_sshd_stop
	d=$(ls -d "$WORK"/received/dumps/[0-9]* 2>/dev/null | tail -n 1)
	check "the collector brought the network up" grep -q 'crashd-collect: network: ' "$WORK/console.log"
	check "the server received a dump directory" test -n "$d"
	check "under its final name only" sh -c "! ls -d '$WORK'/received/dumps/.tmp-* 2>/dev/null"
	check "its metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "and names the target" grep -q '"remote":"ssh://root@dumps.test' "$d/metadata.json"
	check "the panic log came beside it" grep -q 'sysrq: Trigger a crash' "$d/dmesg.txt"
	rm -f "$WORK/vmcore"
	check "makedumpfile -R rebuilds the vmcore from the stream" sh -c "makedumpfile -R '$WORK/vmcore' < '$d/vmcore.flat'"
	check "makedumpfile --dump-dmesg reads the panic from it" sh -c \
		"makedumpfile --dump-dmesg '$WORK/vmcore' '$WORK/dmesg.txt' > /dev/null && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg.txt'"
}
