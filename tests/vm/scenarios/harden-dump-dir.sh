# Another user who can write the dump directory (Ubuntu's /var/crash is
# 1777) plants what issue #12 reproduced: a temporary directory that is a
# link to a root-only one, newer fake dumps for retention to count, and
# links as vmcore and as the metadata's temporary file. crashd still arms,
# refuses to act in the directory and says why; nothing outside it changes.
# Once the mode is fixed, the planted entries are ignored. A FIFO as the
# configuration or as --iomem hangs nothing, a user other than root reads
# the state, and a large vmcore is digested while crashctl is answered.
DESCRIPTION="hostile dump directory and FIFOs: crashd arms, refuses, touches nothing outside; digests off its loop"
CMDLINE="crashkernel=256M"
STAGES="first"
DISK=1536M
TIMEOUT=420
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/vm-helpers/as-user"

NOBODY=65534
REAL=20261101T000000Z-real
# sha256sum of 1 GiB of zeros, the sparse vmcore below.
ZEROS_1G_SHA256=49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14

plant() {
	as-user $NOBODY sh -ec "
		cd /var/crash
		ln -s /root/victim .tmp-20261130T000000Z-evil
		for i in 1 2 3; do
			d=2099010\${i}T000000Z-fake; mkdir \$d
			echo '{\"complete\":true}' > \$d/metadata.json
			ln -s /root/victim/secret \$d/vmcore
			ln -s /root/victim/secret \$d/.metadata.json.tmp
		done"
}

# Hashing 1 GiB under TCG takes up to minutes.
digest_recorded() {
	WAIT_SECONDS=300 wait_until grep -q "\"vmcore_sha256\":\"$ZEROS_1G_SHA256\"" /var/crash/$REAL/metadata.json
}

victim_intact() {
	[ "$(cat /root/victim/secret)" = "root only" ] && [ -d /root/victim ] && [ ! -L /root/victim ] &&
		[ -f /var/crash/$REAL/vmcore ]
}

stage_first() {
	mount_dump_disk
	mkdir -p /root/victim && chmod 0700 /root/victim && echo "root only" > /root/victim/secret
	mkdir /var/crash/$REAL
	echo '{"complete":true,"panic":"Kernel panic - not syncing: real"}' > /var/crash/$REAL/metadata.json
	truncate -s 1G /var/crash/$REAL/vmcore
	chmod 1777 /var/crash
	check "another user plants links and fake dumps" plant

	CRASHD_CONF_EXTRA='[Dump]
Keep=1' start_crashd
	check "crashd armed all the same" crashctl status
	check "crashd says why it does not read the directory" \
		grep -q 'Not reading the dump directory: /var/crash is writable by group or others.*chmod 0700' /tmp/crashd.log
	check "nothing outside the dump directory changed" victim_intact
	check "the fake dumps did not make crashd delete anything" test -d /var/crash/$REAL
	check "no vmcore was digested through a link" sh -c "! grep -q 'vmcore: sha256' /tmp/crashd.log"
	check "a user other than root reads the state" sh -c \
		"as-user $NOBODY crashctl status | grep -q '^State:    armed'"
	kill $CRASHD_PID; wait $CRASHD_PID

	# The administrator fixes the mode; the planted entries stay, and are ignored.
	chmod 0700 /var/crash
	t0=$(uptime_ms)
	CRASHD_CONF_EXTRA='[Dump]
Keep=1' start_crashd
	check "the real dump is reported" grep -q "A crash dump was saved in /var/crash/$REAL" /tmp/crashd.log
	check "the planted entries were not counted, settled or deleted" sh -c \
		"test -d /var/crash/20990101T000000Z-fake && test -L /var/crash/.tmp-20261130T000000Z-evil"
	check "crashctl answers while the 1 GiB vmcore is hashed" sh -c \
		"crashctl status > /dev/null && ! grep -q vmcore_sha256 /var/crash/$REAL/metadata.json"
	metric answered-during-digest-ms $(( $(uptime_ms) - t0 ))
	check "the vmcore's SHA-256 is recorded in the end" digest_recorded
	metric start-to-digested-ms $(( $(uptime_ms) - t0 ))
	check "nothing outside the dump directory changed" victim_intact
	kill $CRASHD_PID; wait $CRASHD_PID

	# FIFOs in place of files hang nothing.
	mkfifo /tmp/fifo
	check "crashctl plan --iomem FIFO fails at once" sh -c \
		"timeout 5 crashctl plan --iomem /tmp/fifo crashkernel=256M 2>&1; test \$? -eq 2"
	check "crashctl plan names the FIFO" sh -c \
		"crashctl plan --iomem /tmp/fifo crashkernel=256M 2>&1 | grep -q 'not a regular file (a FIFO'"
	rm /etc/crashd/crashd.conf && mkfifo /etc/crashd/crashd.conf
	crashd > /tmp/crashd.log 2>&1 &
	CRASHD_PID=$!
	check "crashd with a FIFO as its configuration answers crashctl" \
		wait_until sh -c "crashctl status --json | grep -q '\"daemon\":true'"
	check "and says what is wrong" grep -q 'crashd.conf: cannot read: not a regular file' /tmp/crashd.log
	kill $CRASHD_PID
	check "and stops on SIGTERM" wait_until sh -c "! kill -0 $CRASHD_PID 2>/dev/null"
}
