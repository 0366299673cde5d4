# The story's steps, shared by the story scenarios (patched and stock
# kernel): sourced by the crashd-story unit in the Debian test system and,
# for host_check, by tests/vm/run.

stage_first() {
	check "crashkernel=256M reserved" test "$(cat /sys/kernel/kexec_crash_size)" = 268435456
	t0=$(uptime_ms)
	check "systemctl enable --now crashd" systemctl enable --now crashd
	metric enable-to-armed-ms $(( $(uptime_ms) - t0 ))
	echo "# systemctl status crashd"
	systemctl status --no-pager crashd | head -n 3
	echo "# crashctl status"
	crashctl status
	check "crashctl status says armed" sh -c "crashctl status | grep -q '^State:    armed'"
	check "systemctl status says Armed at a glance" sh -c \
		"systemctl show -p StatusText --value crashd | grep -q '^Armed: '"
	check "the journal has crashd's armed message" sh -c \
		"journalctl -b -u crashd MESSAGE_ID=47691f42f9d14111b9c6c06670271acf --no-pager | grep -q Armed"
	check "/var/crash is 0700" test "$(stat -c %a /var/crash)" = 700
	check "a user other than root reads the state (crashctl status as nobody)" sh -c \
		"setpriv --reuid=nobody --regid=nogroup --clear-groups crashctl status | grep -q '^State:    armed'"
	# ProtectKernelTunables=yes: crashd, root with CAP_SYS_BOOT, cannot
	# write a kernel tunable such as core_pattern from its namespace.
	pid=$(systemctl show -p MainPID --value crashd)
	before=$(cat /proc/sys/kernel/core_pattern)
	check "crashd's mount namespace has /proc/sys read-only" sh -c \
		"! nsenter -t $pid -m sh -c 'echo \"|/bin/false\" > /proc/sys/kernel/core_pattern' 2>/dev/null"
	check "core_pattern unchanged" test "$(cat /proc/sys/kernel/core_pattern)" = "$before"
	sync
	crash_now
}

stage_after() {
	check "back in multi-user" sh -c "systemctl is-active multi-user.target | grep -qx active"
	i=0
	while [ $i -lt 100 ] && ! crashctl status > /dev/null 2>&1; do sleep 0.2; i=$((i + 1)); done
	echo "# crashctl list"
	crashctl list
	echo "# journalctl -u crashd MESSAGE_ID=5560595a4ad84c44b5e4a68b469509eb"
	journalctl -b -u crashd MESSAGE_ID=5560595a4ad84c44b5e4a68b469509eb --no-pager -o cat
	check "crashctl list shows the dump" sh -c "crashctl list | grep -q 'Kernel panic - not syncing: sysrq triggered crash'"
	check "journalctl has crashd's dump message" sh -c \
		"journalctl -b -u crashd MESSAGE_ID=5560595a4ad84c44b5e4a68b469509eb --no-pager | grep -q 'A crash dump was saved in /var/crash/'"
	check "crashd is armed again" sh -c "crashctl status | grep -q '^State:    armed'"
	# Not armed shows as such in systemctl status, while the unit stays active to arm again.
	crashctl disarm > /dev/null
	check "disarmed: systemctl status says NOT ARMED" sh -c \
		"systemctl show -p StatusText --value crashd | grep -q '^NOT ARMED (disarmed)'"
	crashctl arm > /dev/null
	check "armed again: systemctl status says Armed" sh -c \
		"systemctl show -p StatusText --value crashd | grep -q '^Armed: '"
	# A restart (a package upgrade) keeps the armed image where the kernel can say which it is.
	if [ -d /sys/kernel/crash_reserve ]; then
		systemctl restart crashd
		check "systemctl restart crashd adopts the armed image" sh -c \
			"journalctl -b -u crashd --no-pager -o cat | grep -q '^Adopted the armed'"
	fi
	# A Directory= outside ReadWritePaths= is read-only for crashd: said, with the drop-in.
	mkdir -p -m 0700 /srv/crash
	cp /etc/crashd/crashd.conf /tmp/crashd.conf.orig
	printf '[Dump]\nDirectory=/srv/crash\n' >> /etc/crashd/crashd.conf
	systemctl restart crashd
	check "a read-only dump directory is said with the fix" sh -c \
		"journalctl -b -u crashd MESSAGE_ID=8f4671367d1647d6b9203ce58f50f325 --no-pager | grep -q 'ReadWritePaths='"
	cp /tmp/crashd.conf.orig /etc/crashd/crashd.conf
	systemctl restart crashd
}

host_check() {
	local dump d
	dump=$(host_fetch_dump /var/crash)
	d=$WORK/dump/$dump
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "makedumpfile --dump-dmesg finds the panic line" sh -c \
		"rm -f '$WORK/dmesg2.txt'; makedumpfile --dump-dmesg '$d/vmcore' '$WORK/dmesg2.txt' && grep -q 'sysrq: Trigger a crash' '$WORK/dmesg2.txt'"
}
