# Helpers for scenario stages inside the guest (busybox sh).
# Results go to the host as TAP-like lines on a virtio-serial port, apart
# from the console, so nothing a kernel prints can be mistaken for a verdict.

cmdline_value() {
	for word in $(cat /proc/cmdline); do
		case "$word" in "$1="*) echo "${word#*=}"; return 0 ;; esac
	done
	return 1
}

verdict_port() {
	for p in /sys/class/virtio-ports/*; do
		[ "$(cat "$p/name" 2>/dev/null)" = crashd.verdict ] && { echo "/dev/${p##*/}"; return 0; }
	done
	echo /dev/null
}
VERDICT=$(verdict_port)

say() {
	echo "$*" >> "$VERDICT"
	echo "crashd-test: $*"
}

# check DESCRIPTION COMMAND...: one verdict line; on failure the command's
# output follows as '#' lines so the host log explains it.
check() {
	desc=$1
	shift
	if "$@" > /tmp/check.out 2>&1; then
		say "ok - $desc"
	else
		say "not ok - $desc"
		head -n 20 /tmp/check.out | while IFS= read -r l; do say "#   $l"; done
	fi
}

stage_begin() { say "# stage $1 begin"; }
stage_end() { say "# stage $1 done"; }

# The capture kernel's command line: the running one without the
# reservation, plus what a kdump kernel needs on a small region.
capture_cmdline() {
	line=
	for word in $(cat /proc/cmdline); do
		case "$word" in crashkernel=*|crashd.stage=*) continue ;; esac
		line="$line $word"
	done
	echo "${line# } nr_cpus=1 reset_devices"
}

# The 'Crash kernel' ranges of /proc/iomem as "start size" lines, in
# decimal, lowest first.
iomem_crash_ranges() {
	sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : Crash kernel$/\1 \2/p' /proc/iomem |
		while read -r s e; do echo "$((0x$s)) $((0x$e - 0x$s + 1))"; done
}

# /sys/kernel/crash_reserve/ must say what /proc/iomem says: the region,
# and the low chunk when there is one.
sysfs_matches_iomem() {
	d=/sys/kernel/crash_reserve
	base=$(($(cat $d/base))) size=$(cat $d/size)
	low_base=$(($(cat $d/low_base))) low_size=$(cat $d/low_size)
	expect=$( { [ "$low_size" != 0 ] && echo "$low_base $low_size"; \
		    [ "$size" != 0 ] && echo "$base $size"; } | sort -n)
	actual=$(iomem_crash_ranges | sort -n)
	echo "sysfs: $expect"
	echo "iomem: $actual"
	[ "$expect" = "$actual" ]
}

# Print a sysfs file; for the log, and so checks can compare it.
show() { echo "$1: $(cat "$1")"; }

# Milliseconds since boot; busybox date has no %N.
uptime_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# Report a measurement; the host prints these with the verdict.
metric() { say "# metric $1 $2"; }

# The capture stage, unless a scenario has its own: save /proc/vmcore to
# the ext4 disk the host reads afterwards (host_check_vmcore in host-lib.sh).
stage_capture() {
	check "/proc/vmcore is readable" test -r /proc/vmcore
	save_vmcore_to_disk
}

# The harness's own capture, with kexec-tools' tools: the dump as the host checks it.
save_vmcore_to_disk() {
	check "ext4 disk mounted" mount_disk_at /mnt
	check "makedumpfile saved the dump" makedumpfile -l -d 31 /proc/vmcore /mnt/vmcore
	check "disk unmounted cleanly" umount /mnt
}

# The end of a first stage that crashes the machine.
crash_now() {
	stage_end first
	echo c > /proc/sysrq-trigger
}

# Start crashd with a configuration for the harness's images and wait until
# it has tried to arm. Sets CRASHD_PID; reports the time that took.
start_crashd() {
	mkdir -p /etc/crashd /run /var/lib/crashd
	cat > /etc/crashd/crashd.conf <<CONF
[Kernel]
Image=${1:-/boot/bzImage}
Initrd=${2:-/boot/capture.cpio}
${CRASHD_CONF_EXTRA:-}
CONF
	run_crashd
}

# Start crashd with the configuration in place and wait until it has tried
# to arm. Sets CRASHD_PID; reports the time that took.
run_crashd() {
	t0=$(uptime_ms)
	crashd ${CRASHD_ARGS:-} > /tmp/crashd.log 2>&1 &
	CRASHD_PID=$!
	# crashd writes its state after the first attempt to arm, armed or not,
	# and answers crashctl once it has also reported the saved dumps.
	i=0
	while [ $i -lt 200 ] && ! { [ -e /run/crashd/state.json ] &&
		crashctl status --json 2>/dev/null | grep -q '"daemon":true'; }; do
		sleep 0.05
		i=$((i + 1))
	done
	metric start-to-ready-ms $(( $(uptime_ms) - t0 ))
	cat /tmp/crashd.log
}

# crashd armed with Loader=elf: its own loader and purgatory, through kexec_load().
start_armed_elf() {
	CRASHD_CONF_EXTRA="Loader=elf" start_crashd
	check "crashctl status exits 0 (armed)" crashctl status
	check "crashd's loader loaded it" grep -q "with crashd's loader" /tmp/crashd.log
	check "kexec_crash_loaded is 1" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
}

# crashd's time to arm, from crashctl status, as a metric.
metric_arm_ms() {
	crashctl status --json > /tmp/status.json
	metric arm-ms "$(sed -n 's/.*"arm_duration_usec":\([0-9]*\).*/\1/p' /tmp/status.json | head -n 1 |
		awk '{print int($1/1000)}')"
}

# start_crashd, then a check that it armed.
start_armed() {
	start_crashd "$@"
	check "armed" crashctl status
}

# mount_disk_at DIR: the scenario's ext4 disk (DISK=) on DIR.
mount_disk_at() {
	mkdir -p "$1"
	mount -t ext4 /dev/vda "$1"
}

# The dump disk on /var/crash, as a machine would have it.
mount_dump_disk() { mount_disk_at /var/crash; }

# A capture initramfs whose makedumpfile fails (busybox: "applet not found",
# exit 127), armed: the collector's fallback is what is tested.
arm_with_failing_makedumpfile() {
	INITRD=/var/lib/crashd/custom.img arm_with_capture_initramfs --makedumpfile /bin/busybox
}

# Builds a capture initramfs with crashctl (INITRD, default crashd's own;
# extra arguments go to crashctl) and arms it with crashd.
arm_with_capture_initramfs() {
	initrd=${INITRD:-/var/lib/crashd/initramfs.img}
	mkdir -p /etc/crashd /var/lib/crashd
	printf '[Kernel]\nImage=/boot/bzImage\nInitrd=%s\n%s\n' "$initrd" "${CRASHD_CONF_EXTRA:-}" \
		> /etc/crashd/crashd.conf
	check "crashctl build-initramfs" crashctl build-initramfs --output "$initrd" "$@"
	start_armed /boot/bzImage "$initrd"
}

# The panic kernel as a package manager would update it: a new file
# renamed over the old. Each call makes a distinct but valid bzImage
# (zeros appended after the payload change its SHA-256, not its meaning).
install_kernel_version() { new_version /boot/bzImage "$1" "$2"; }

# DST as version N of SRC, renamed over the old file as a package manager
# does: SRC with N pages of zeros appended, which changes its SHA-256 and
# not its meaning (a bzImage's payload, a cpio's trailer come first).
new_version() {
	cp "$1" "$2.tmp-$3"
	head -c $((4096 * $3)) /dev/zero >> "$2.tmp-$3"
	mv "$2.tmp-$3" "$2"
}
# wait_until COMMAND...: run it every 0.1 s until it succeeds (up to 10 s,
# or WAIT_SECONDS). COMMAND may be a shell function; its output is the caller's.
wait_until() {
	i=0
	until "$@"; do
		[ $i -ge $(( ${WAIT_SECONDS:-10} * 10 )) ] && return 1
		sleep 0.1
		i=$((i + 1))
	done
}

# Whether crashd has armed a kernel whose SHA-256 is $1 (status in /tmp/st.json).
armed_sha() {
	crashctl status --json > /tmp/st.json 2>/dev/null
	grep -q "\"sha256\":\"$1\"" /tmp/st.json
}

# Wait until crashd has armed a kernel whose SHA-256 is $1 (up to 10 s).
wait_armed_sha() { wait_until armed_sha "$1"; }

# A field of the last re-arm in crashctl status --json.
last_rearm() { grep -o "\"$1\":[0-9]*" /tmp/st.json | tail -n 1 | cut -d: -f2; }

# crashd's capture kernel installed as dpkg would (busybox's dpkg-deb), and
# an empty crashd.conf: Image=auto.
install_capture_kernel() {
	dpkg-deb -x /test/files/crashd-capture-kernel_*.deb /
	mkdir -p /etc/crashd /var/lib/crashd
	: > /etc/crashd/crashd.conf
}

# Samples /sys/kernel/kexec_crash_loaded as fast as the shell can (builtins
# only) until /tmp/sample.stop exists, then writes "SAMPLES ZEROS" to
# /tmp/samples: an outside look at whether a panic kernel was ever missing.
sample_armed_start() {
	rm -f /tmp/sample.stop /tmp/samples
	( n=0 z=0
	  while [ ! -e /tmp/sample.stop ]; do
		read -r v < /sys/kernel/kexec_crash_loaded
		n=$((n + 1))
		[ "$v" = 1 ] || z=$((z + 1))
	  done
	  echo "$n $z" > /tmp/samples ) &
}
sample_armed_stop() {
	: > /tmp/sample.stop
	wait_until test -s /tmp/samples
	read -r SAMPLES SAMPLE_ZEROS < /tmp/samples
}

# update_initrd_times FILE N: N updates of the armed initramfs FILE (a copy
# of /boot/capture.cpio), each a distinct valid archive (zeros after a cpio
# are padding) renamed over it and waited for. A signed kernel cannot take
# appended bytes, an initramfs can. Re-arm figures in REARM_UNPROTECTED and
# REARM_BESIDE (space-separated, one per update).
update_initrd_times() {
	REARM_UNPROTECTED= REARM_BESIDE=
	for n in $(seq 1 "$2"); do
		new_version /boot/capture.cpio "$1" "$n"
		wait_armed_sha "$(sha256sum "$1" | cut -d' ' -f1)" || return 1
		REARM_UNPROTECTED="$REARM_UNPROTECTED $(last_rearm unprotected_usec)"
		REARM_BESIDE="$REARM_BESIDE $(grep -o '"loaded_beside":[a-z]*' /tmp/st.json | tail -n 1 | cut -d: -f2)"
	done
}

# crashd armed with /boot/bzImage and a copy of the capture initramfs,
# /var/lib/k/initrd.img, which update_initrd_times updates.
start_armed_updatable() {
	mkdir -p /var/lib/k
	cp /boot/capture.cpio /var/lib/k/initrd.img
	start_armed /boot/bzImage /var/lib/k/initrd.img
}

# rearm_sampled N: N initramfs updates with kexec_crash_loaded sampled
# throughout; the figures are said and left in SAMPLES, SAMPLE_ZEROS,
# REARM_UNPROTECTED and REARM_BESIDE.
rearm_sampled() {
	sample_armed_start
	check "$1 updates re-armed" update_initrd_times /var/lib/k/initrd.img "$1"
	sample_armed_stop
	cat /tmp/crashd.log
	say "# $SAMPLES samples of kexec_crash_loaded, $SAMPLE_ZEROS zero; unprotected usec:$REARM_UNPROTECTED; beside:$REARM_BESIDE"
}

# Re-arms crashd back to back and panics while crashd's kexec_file_load()
# holds the kexec lock, $1 ms into it (default 0): panic-in-kexec (in
# PROGRAMS) writes what held then to the kernel's log, which the dump keeps.
# crashctl arm back to back, in the background, until the machine panics:
# each a fresh load of the panic kernel.
rearm_loop() { ( while :; do crashctl arm > /dev/null 2>&1; done ) & }

panic_during_load() {
	rearm_loop
	stage_end first
	panic-in-kexec "${1:-0}"
}

# lvm(8) in a system without udev: it makes the device nodes itself. Never
# a question on the console that nobody answers.
lvm_noudev() {
	cmd=$1
	shift
	timeout 120 lvm "$cmd" --yes --config 'activation{udev_sync=0 udev_rules=0} devices{obtain_device_list_from_udev=0}' "$@"
}

# Arms a capture initramfs whose dump target is TARGET (a Target= value),
# and shows what crashctl resolved.
arm_with_target() {
	export CRASHD_CONF_EXTRA="[Dump]
Target=$1
Directory=/"
	arm_with_capture_initramfs
	crashctl build-initramfs --json > /tmp/build.json
	cat /tmp/build.json
	metric initramfs-bytes "$(sed -n 's/.*"size":\([0-9]*\).*/\1/p' /tmp/build.json)"
}

# The dump the collector saved on the file system mounted at DIR: there,
# complete, and its log read back by makedumpfile.
check_saved_dump() {
	d=$(ls -d "$1"/[0-9]* 2>/dev/null | tail -n 1)
	check "a dump directory was saved on the target" test -n "$d"
	check "metadata says complete" grep -q '"complete":true' "$d/metadata.json"
	check "makedumpfile --dump-dmesg reads the panic from the vmcore" sh -c \
		"makedumpfile --dump-dmesg '$d/vmcore' /tmp/dmesg.txt > /dev/null && grep -q 'sysrq: Trigger a crash' /tmp/dmesg.txt"
}

# The guest's side of NET=user: its card at 10.0.2.15/24, the host
# (10.0.2.2) as the gateway and as dumps.test; root in /etc/passwd, which
# ssh needs.
guest_net_up() {
	ifc=
	for d in /sys/class/net/*; do
		[ "$(cat "$d/address")" = 52:54:00:12:34:56 ] && ifc=${d##*/}
	done
	ip link set lo up
	mkdir -p /etc
	check "the network card is there" test -n "$ifc"
	check "and configured" sh -c "ip link set $ifc up && ip addr add 10.0.2.15/24 dev $ifc &&
		ip route add default via 10.0.2.2"
	grep -q '^root:' /etc/passwd 2>/dev/null || echo 'root:x:0:0:root:/root:/bin/sh' >> /etc/passwd
	echo '10.0.2.2 dumps.test' >> /etc/hosts
	printf 'passwd: files\nhosts: files dns\n' > /etc/nsswitch.conf
	mkdir -p /root/.ssh
	chmod 700 /root/.ssh
}

# [Dump] for the host's ssh server (host_sshd_start) at /srv/dumps, with
# FALLBACK (Fallback=); into CRASHD_CONF_EXTRA.
ssh_target_conf() {
	export CRASHD_CONF_EXTRA="[Dump]
Target=ssh://root@dumps.test:$(cat /test/files/port)/srv/dumps
Fallback=$1"
}

# After a capture to Target=ssh:// that fell back to Directory= (the
# scenario's disk on /var/crash): the dump saved there, its metadata
# saying why the server was not used (WHY, a grep pattern of what ssh
# said), and crashd reporting that after the reboot.
check_ssh_fallback() {
	mount_dump_disk
	check_saved_dump /var/crash
	d=$(ls -d /var/crash/[0-9]* 2>/dev/null | tail -n 1)
	check "its metadata says why the server was not used" \
		grep -q "\"remote_failure\":\"ssh exited with 255: $1\"" "$d/metadata.json"
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reports the failure" grep -q \
		"The crash dump was not sent to ssh://[a-z]*@dumps.test:[0-9]*/srv/dumps: ssh exited with 255: $1. It was saved in $d instead" \
		/tmp/crashd.log
	kill "$CRASHD_PID"
	wait "$CRASHD_PID" 2> /dev/null
}
