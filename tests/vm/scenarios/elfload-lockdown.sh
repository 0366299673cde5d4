# Loader=elf under lockdown (Debian's kernel booted with lockdown=integrity):
# kexec_load() would run unsigned code, so crashd refuses before trying,
# says why and what to use instead, and arms nothing rather than something
# the machine's policy forbids.
DESCRIPTION="Loader=elf is refused under lockdown, with the reason and Loader=file as the fix"
KERNEL=stock
CMDLINE="crashkernel=256M lockdown=integrity"
STAGES="first"
MEMORY=2G
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

stage_first() {
	# Where systemd mounts it; the test system's /init does not.
	mount -t securityfs securityfs /sys/kernel/security
	check "the kernel is locked down" grep -q '\[integrity\]' /sys/kernel/security/lockdown
	CRASHD_CONF_EXTRA="Loader=elf" start_crashd
	crashctl status > /tmp/status.txt
	cat /tmp/status.txt
	check "not armed" sh -c "! crashctl status > /dev/null"
	check "kexec_crash_loaded is 0" test "$(cat /sys/kernel/kexec_crash_loaded)" = 0
	check "the reason is lockdown" grep -q "the kernel is locked down (integrity)" /tmp/status.txt
	check "the fix is Loader=file" grep -q "fix: use Loader=file with a signed kernel" /tmp/status.txt
	check "crashd said it once, naming the kernel" sh -c \
		"grep -c 'Loading /boot/bzImage failed: the kernel is locked down' /tmp/crashd.log | grep -qx 1"
	stage_end first
}
