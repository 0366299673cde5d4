# One step below crashd's capture kernel's floor: in crashkernel=24M it
# runs out of memory in its own start-up (the kernel and the initramfs as
# loaded leave it 4 MiB) and reboots 10 s later. Debian's first kernel
# keeps the log in ramoops (module, loaded as crashd.service's
# ExecStartPre does), crashd reports the cause with the fix, and crashctl
# estimate names 32M, where capture-kernel-small saves the dump.
DESCRIPTION="stock first kernel, capture kernel in crashkernel=24M: out of memory, reported with the fix"
KERNEL=stock
STOCK_MODULES=ramoops
CMDLINE="crashkernel=24M reserve_mem=1M:4096:crashd"
STAGES="first after"
DISK=256M
MEMORY=2G
TIMEOUT=400
WARM=yes
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect"
export CRASHD_ARGS="--state-dir /var/crash/.state"

host_prepare() { host_prepare_capture_kernel; }

# The package, and ramoops as crashd.service's ExecStartPre loads it.
setup() {
	install_capture_kernel
	rmmod ramoops
	insmod /lib/modules/ramoops.ko mem_name=crashd record_size=131072 console_size=65536
}

stage_first() {
	mount_dump_disk
	setup
	run_crashd
	check "armed the capture kernel" grep -q "Armed /usr/lib/crashd/capture-kernel/vmlinuz" /tmp/crashd.log
	check "with ramoops' region" grep -q "keeps its log in ramoops at 0x" /tmp/crashd.log
	umount /var/crash
	crash_now
}

stage_after() {
	mount_dump_disk
	setup
	run_crashd
	check "the report names the cause" grep -q "saved nothing: the capture kernel ran out of memory" /tmp/crashd.log
	check "and the size that works" grep -q "Fix: the crash region (24 MiB) is too small for it; crashctl estimate now gives crashkernel=32M" /tmp/crashd.log
	crashctl estimate
	check "crashctl estimate names the size that works" sh -c "crashctl estimate | tail -n 1 | grep -qx crashkernel=32M"
	metric capture-ended-after-ms "$(sed -n 's/.*ran out of memory, \([0-9]*\)\.\([0-9]*\) s after it started.*/\1\2/p' /tmp/crashd.log | sed 's/^0*//')"
}

host_check() {
	check "the capture kernel ran out of memory in its start-up" grep -q "invoked oom-killer" "$WORK/console.log"
}
