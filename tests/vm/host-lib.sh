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

# The dump the collector saved under DIR on the ext4 disk (or the ext4
# image IMAGE): copy its directory off into $WORK/dump/ and echo its name.
host_fetch_dump() {
	local dir=$1 img=${2:-$WORK/disk.img} name
	# Dump directories are named <UTC time>-<boot id>: they start with a digit.
	name=$(debugfs -R "ls -p $dir" "$img" 2>/dev/null |
		awk -F/ '$6 ~ /^[0-9]/ { print $6 }' | tail -n 1)
	[ -n "$name" ] || return 1
	rm -rf "$WORK/dump"
	mkdir -p "$WORK/dump"
	debugfs -R "rdump ${dir%/}/$name $WORK/dump" "$img" > /dev/null 2>&1
	echo "$name"
}

# The mode of DIR/NAME on the disk, in octal, as debugfs stat shows it.
host_disk_mode() {
	debugfs -R "stat $1" "$WORK/disk.img" 2>/dev/null | sed -n 's/.*Mode: *\(0[0-7]*\).*/\1/p'
}

# host_prepare of the scenarios with crashd's capture kernel: its package
# as make deb-capture-kernel builds it, for the guest under /test/files/.
host_prepare_capture_kernel() {
	local deb
	deb=$("$TOP/kernel/mkdeb-capture" "$WORK/capture-kernel") || return 1
	FILES="$FILES $deb"
}

# A TCP port on 127.0.0.1 nothing answers on now.
host_free_port() {
	local port
	for _ in $(seq 20); do
		port=$((20000 + RANDOM % 40000))
		(echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
	done
	echo "$port"
}

# host_prepare of the ssh target scenarios: an OpenSSH server on the host
# (tests/vm/host-sshd) at a free port, which a bootstrap key (the guest's
# administrator's own login) may log in to. The guest finds the key and
# the port under /test/files/. The server's directory is echoed to
# $WORK/sshd-dir for host_sshd_stop.
host_sshd_start() {
	local dir port
	dir=$(mktemp -d /run/crashd-sshd.XXXXXX) || return 1
	echo "$dir" > "$WORK/sshd-dir"
	rm -f "$WORK/bootstrap" "$WORK/bootstrap.pub"
	ssh-keygen -q -t ed25519 -N '' -C bootstrap -f "$WORK/bootstrap" || return 1
	port=$(host_free_port)
	echo "$port" > "$WORK/port"
	"$TOP/tests/vm/host-sshd" start "$dir" "$port" "$WORK/bootstrap.pub" || return 1
	FILES="$FILES $WORK/bootstrap $WORK/port"
}

# host_server_stop NAME RECEIVED LOG: stops the server tests/vm/host-NAME
# started in the directory $WORK/NAME-dir names, moves RECEIVED (a path in
# it) to $WORK/received/ and LOG to $WORK/, and removes the rest.
host_server_stop() {
	local dir
	dir=$(cat "$WORK/$1-dir" 2>/dev/null) || return 0
	"$TOP/tests/vm/host-$1" stop "$dir"
	rm -rf "$WORK/received"
	[ -d "$dir/$2" ] && mv "$dir/$2" "$WORK/received"
	cp "$dir/$3" "$WORK/" 2>/dev/null
	rm -rf "$dir"
}

host_sshd_stop() { host_server_stop sshd root/srv sshd.log; }

# host_prepare of the NFS target scenario: an NFSv4 server on the host
# (tests/vm/host-nfsd) at a free port, whose number the guest finds in
# /test/files/port.
host_nfsd_start() {
	local dir port
	dir=$(mktemp -d "${TMPDIR:-/tmp}/crashd-nfsd.XXXXXX") || return 1
	echo "$dir" > "$WORK/nfsd-dir"
	port=$(host_free_port)
	echo "$port" > "$WORK/port"
	"$TOP/tests/vm/host-nfsd" start "$dir" "$port" || return 1
	FILES="$FILES $WORK/port"
}

host_nfsd_stop() { host_server_stop nfsd export ganesha.log; }

# Loader=elf: the purgatory's verdict on the first boot's console, everything matched.
host_check_purgatory() {
	check "the purgatory checked every segment and itself" \
		grep -q "crashd purgatory: [0-9]* segments ([0-9]* bytes) and itself match their SHA-256" "$WORK/console.log"
}

# Loader=elf through to the harness's capture: checked, started with the
# ELF core header crashd built, and the dump reads.
host_check_elfload_capture() {
	host_check_purgatory
	check "the capture kernel got the ELF core header" grep -q "elfcorehdr=0x" "$WORK/console.log"
	host_check_vmcore
}
