# Loader=elf as an administrator turns it on, under crashd.service's
# sandbox on systemd Debian with Debian's kernel: the unit saves the kernel
# map as root (crashd cannot read /proc/kcore), crashd's loader arms the
# ELF inside Debian's bzImage with crashd's capture initramfs, a panic is
# checked by the purgatory, the dump is saved and reported after the
# reboot, and crashd arms again the same way.
DESCRIPTION="the story with Loader=elf under crashd.service: armed, checked, saved, reported, armed again"
ROOTFS=debian
KERNEL=stock
CMDLINE="crashkernel=256M"
STAGES="first after"
MEMORY=2G
TIMEOUT=600
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms

stage_first() {
	sed -i 's/^#Loader=file$/Loader=elf/' /etc/crashd/crashd.conf
	check "crashd.conf says Loader=elf" grep -qx 'Loader=elf' /etc/crashd/crashd.conf
	t0=$(uptime_ms)
	check "systemctl enable --now crashd" systemctl enable --now crashd
	metric enable-to-armed-ms $(( $(uptime_ms) - t0 ))
	check "the unit saved the kernel map, for root only" test "$(stat -c %a /run/crashd/kernel-map)" = 600
	# An empty inaccessible node there (root reads it, and finds no ELF header).
	check "crashd's sandbox hides /proc/kcore" sh -c \
		"! nsenter -t $(systemctl show -p MainPID --value crashd) -m head -c 4 /proc/kcore | grep -q ELF"
	check "armed with crashd's loader" sh -c "journalctl -b -u crashd --no-pager -o cat | grep -q \"with crashd's loader\""
	check "crashctl status says armed" sh -c "crashctl status | grep -q '^State:    armed'"
	journalctl -b -u crashd --no-pager -o cat | grep "crashd's loader"
	sync
	crash_now
}

stage_after() {
	check "back in multi-user" sh -c "systemctl is-active multi-user.target | grep -qx active"
	WAIT_SECONDS=60 wait_until sh -c "crashctl status > /dev/null 2>&1"
	check "crashctl list shows the dump" sh -c "crashctl list | grep -q 'Kernel panic - not syncing: sysrq triggered crash'"
	check "armed again with crashd's loader" sh -c \
		"journalctl -b -u crashd --no-pager -o cat | grep -q \"with crashd's loader\""
	check "crashctl status says armed" sh -c "crashctl status | grep -q '^State:    armed'"
}

host_check() {
	local dump d
	host_check_purgatory
	dump=$(host_fetch_dump /var/crash)
	d=$WORK/dump/$dump
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "makedumpfile --dump-dmesg finds the panic line" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
}
