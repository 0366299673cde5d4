# Host-side helpers for scenarios' host_check (bash), sourced by tests/vm/run.

# The dump that capture_vmcore_to_disk saved: copy it off the disk and read
# the panic line back with makedumpfile, a tool nobody here wrote.
host_check_vmcore() {
	rm -f "$WORK/vmcore" "$WORK/dmesg.txt"
	check "vmcore copied off the disk" debugfs -R "dump /vmcore $WORK/vmcore" "$WORK/disk.img"
	check "makedumpfile --dump-dmesg reads the dump" \
		makedumpfile --dump-dmesg "$WORK/vmcore" "$WORK/dmesg.txt"
	check "panic line found in the dump's log" grep -q 'sysrq: Trigger a crash' "$WORK/dmesg.txt"
}
