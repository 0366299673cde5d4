# Loader=elf on Debian's stock 6.12 kernel (zstd-compressed bzImage, KASLR):
# the ELF inside the bzImage is placed by crashd's loader and started by its
# purgatory after the panic; the capture kernel saves a dump the host reads.
DESCRIPTION="Loader=elf on Debian's stock kernel: the ELF inside its bzImage, crashd's purgatory; a panic is checked, captured and read"
KERNEL=stock
CMDLINE="crashkernel=256M"
MEMORY=2G
TIMEOUT=300
STAGES="first capture"
DISK=256M
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd purgatory: .* match their SHA-256"
TIME_NAME=panic-to-purgatory-ms

stage_first() {
	start_armed_elf
	metric_arm_ms
	crash_now
}

host_check() {
	host_check_elfload_capture
}
