# Target=ssh:// with Fallback=none and the server down, on Debian's kernel,
# whose ramoops is a module: the collector loads it with the region crashd
# put on the capture kernel's command line (as modprobe would pass
# "ramoops.*" words). After the reboot pstore holds no record of the
# capture all the same (seen here: Debian's kernel writes no console
# record, and a capture that does not panic writes no dmesg one), so the
# capture's own words are lost; the next boot's crashd
# says the boot ended uncleanly and where its dump would have gone, as it
# does for a local target, and not that no dump was saved.
DESCRIPTION="Target=ssh://, Fallback=none, server down: nothing saved, the next boot says where the dump would be"
KERNEL=stock
STOCK_MODULES="virtio_net ramoops"
NET=user
CMDLINE="crashkernel=160M $RAMOOPS_CMDLINE"
STAGES="first after"
DISK=64M
MEMORY=2G
TIMEOUT=500
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect ssh ssh-keygen"
# crashd's boot record lives on the disk, so it survives like /var/lib would.
export CRASHD_ARGS="--state-dir /persist/state"
# Both boots' crashd.conf.
export CRASHD_CONF_EXTRA='[Dump]
Target=ssh://crashd@dumps.test:9/srv/dumps
Fallback=none'

# ramoops as crashd.service loads it (modprobe with the unit's parameters);
# the harness's /init loaded it without any, which registers nothing.
load_ramoops() {
	rmmod ramoops 2> /dev/null
	check "ramoops takes reserve_mem's region" \
		insmod /lib/modules/ramoops.ko mem_name=crashd record_size=131072 console_size=65536
}

stage_first() {
	load_ramoops
	guest_net_up
	mount_disk_at /persist
	mkdir -p /etc/crashd/ssh
	ssh-keygen -q -t ed25519 -N '' -f /etc/crashd/ssh/id_ed25519
	ssh-keygen -q -t ed25519 -N '' -f /tmp/server
	echo "dumps.test $(cut -d' ' -f1,2 /tmp/server.pub)" > /etc/crashd/ssh/known_hosts
	arm_with_capture_initramfs
	check "crashd gives the capture kernel ramoops' region" grep -q 'keeps its log in ramoops' /tmp/crashd.log
	sync
	crash_now
}

stage_after() {
	load_ramoops
	mount_disk_at /persist
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd says the boot ended uncleanly, and where its dump was sent" grep -q \
		'The previous boot (.*) ended without a clean shutdown. If it panicked, its dump was sent to ssh://crashd@dumps.test:9/srv/dumps, where crashd cannot see whether it arrived' \
		/tmp/crashd.log
	check "not that no dump was saved" sh -c "! grep -q 'no dump of it is in' /tmp/crashd.log"
	kill "$CRASHD_PID"
	wait "$CRASHD_PID" 2> /dev/null
}

host_check() {
	check "the capture loaded ramoops with its region" \
		sh -c "sed -n '/elfcorehdr=/,\$p' '$WORK/console.log' | grep -q 'ramoops: using 0x100000@'"
	check "and said it saved nothing" grep -q 'crashd-collect: no fallback (Fallback=none); nothing saved' "$WORK/console.log"
}
