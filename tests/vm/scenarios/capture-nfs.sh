# A dump written to an NFS export by the capture kernel's own NFSv4 client,
# on Debian's kernel: the server is NFS-Ganesha on the host
# (tests/vm/host-nfsd). crashd resolves dumps.test and reads the route,
# the card and its driver; the capture initramfs carries virtio_net and
# nfsv4 with what they need, and no program beyond the collector's own.
# crashctl test mounts the export as the capture will before it crashes.
# The host then reads the dump in the export with makedumpfile.
DESCRIPTION="Target=nfs://: the capture kernel mounts the export and saves the dump there, renamed whole"
KERNEL=stock
STOCK_MODULES="virtio_net nfsv4"
NET=user
CMDLINE="crashkernel=160M"
STAGES="first"
MEMORY=2G
TIMEOUT=500
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved nfs://"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"

host_prepare() { host_nfsd_start; }

stage_first() {
	guest_net_up
	CRASHD_CONF_EXTRA="[Dump]
Target=nfs://dumps.test:$(cat /test/files/port)/nosuch
Fallback=none" arm_with_capture_initramfs
	check "crashctl test refuses an export the server does not have" sh -c "! crashctl test --yes 2> /tmp/test.err"
	cat /tmp/test.err
	check "and says the capture could not mount it" grep -q 'the capture could not mount nfs://dumps.test' /tmp/test.err
	kill "$CRASHD_PID"
	wait "$CRASHD_PID" 2> /dev/null
	export CRASHD_CONF_EXTRA="[Dump]
Target=nfs://dumps.test:$(cat /test/files/port)/dumps
Fallback=none"
	arm_with_capture_initramfs
	crashctl build-initramfs --json > /tmp/build.json
	cat /tmp/build.json
	tr -d '\n ' < /tmp/build.json > /tmp/build1.json
	metric initramfs-bytes "$(sed -n 's/.*"size":\([0-9]*\).*/\1/p' /tmp/build.json)"
	check "the initramfs carries the NFSv4 client" grep -q 'nfsv4.ko' /tmp/build1.json
	check "and the card's driver" grep -q 'virtio_net.ko' /tmp/build1.json
	check "but no ssh" sh -c "! cpio -t < /var/lib/crashd/initramfs.img 2>/dev/null | grep -q 'usr/bin/ssh'"
	crashctl estimate --json | tr -d '\n ' > /tmp/estimate.json
	check "crashctl estimate counts what reaching the server adds" grep -q '"remote_bytes":[1-9]' /tmp/estimate.json
	metric network-bytes "$(sed -n 's/.*"remote_bytes":\([0-9]*\).*/\1/p' /tmp/estimate.json)"
	check "the route to dumps.test was read" grep -q '"server":"10.0.2.2",.*"driver":"virtio_net"' /tmp/build1.json
	stage_end first
	crashctl test --yes
	say "not ok - crashctl test did not crash the machine"
}

host_check() {
	host_nfsd_stop
	d=$(ls -d "$WORK"/received/[0-9]* 2>/dev/null | tail -n 1)
	check "the collector mounted the export" grep -q 'crashd-collect: saving to /target/.* on nfs://dumps.test' \
		"$WORK/console.log"
	check "the export holds a dump directory" test -n "$d"
	check "under its final name only" sh -c "! ls -d '$WORK'/received/.tmp-* 2>/dev/null"
	check "its metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "makedumpfile --dump-dmesg reads the panic from it" sh -c \
		"makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg.txt' > /dev/null && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg.txt'"
}
