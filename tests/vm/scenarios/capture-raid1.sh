# A dump saved to an MD RAID1, on Debian's kernel (md_mod and raid1 are
# modules there). The dump directory /var/crash is the array's ext4, as an
# administrator would mount it: crashctl names it by the file system's
# UUID, finds the array below it in sysfs and its UUID by libblkid, and the
# capture initramfs assembles it with mdadm from whichever disks hold it.
# After the reboot the guest assembles it again, crashd reports the dump,
# makedumpfile reads it back, and the two halves of the mirror agree.
DESCRIPTION="/var/crash on MD RAID1: assembled by mdadm in the capture system, dump saved, crashd reports it"
KERNEL=stock
STOCK_MODULES="md_mod raid1"
CMDLINE="crashkernel=112M"
STAGES="first after"
DISK=64M
BLANK_DISKS="512M 512M"
MEMORY=2G
TIMEOUT=500
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect mdadm mkfs.ext4"

# The SHA-256 of a RAID1 member's data, from its data offset (in sectors) on.
half_sha() { dd if="$1" bs=512 skip="$2" 2>/dev/null | sha256sum | cut -d' ' -f1; }

stage_first() {
	mkdir -p /run/mdadm
	check "a RAID1 of the two blank disks" timeout 120 mdadm --create /dev/md0 --run --level=1 --raid-devices=2 \
		--metadata=1.2 --assume-clean /dev/vdb /dev/vdc
	check "ext4 on it" mkfs.ext4 -q /dev/md0
	mkdir -p /var/crash
	check "mounted on /var/crash" mount -t ext4 /dev/md0 /var/crash
	arm_with_capture_initramfs
	crashctl build-initramfs --json > /tmp/build.json
	cat /tmp/build.json
	metric initramfs-bytes "$(sed -n 's/.*"size":\([0-9]*\).*/\1/p' /tmp/build.json)"
	# mdadm writes the UUID in words with colons, libblkid as a UUID: the same digits.
	uuid=$(mdadm --detail --export /dev/md0 | sed -n 's/^MD_UUID=//p' | tr -d ':')
	check "the initramfs assembles the array by its UUID" sh -c \
		"sed -n 's/.*\"assemble\":\"md:\([^\"]*\)\".*/\1/p' /tmp/build.json | tr -d ':-' | grep -qx '$uuid'"
	check "it carries mdadm" grep -q '"/usr/sbin/mdadm"' /tmp/build.json
	check "and the raid1 personality" grep -q 'raid1.ko' /tmp/build.json
	check "the target is the file system's UUID" grep -q '"target":"UUID=' /tmp/build.json
	crashctl estimate --json | tr -d '\n ' > /tmp/estimate.json
	check "crashctl estimate counts what assembling the target adds" \
		grep -q '"assemble":"md:[^"]*","assemble_bytes":[1-9]' /tmp/estimate.json
	metric assemble-bytes "$(sed -n 's/.*"assemble_bytes":\([0-9]*\).*/\1/p' /tmp/estimate.json)"
	umount /var/crash
	check "the array stops" mdadm --stop /dev/md0
	crash_now
}

stage_after() {
	mkdir -p /run/mdadm /var/crash
	# The collector stopped it after saving: no resync on this boot.
	check "the capture left the array clean" sh -c \
		"mdadm --examine /dev/vdb | grep -q 'State : clean' && mdadm --examine /dev/vdc | grep -q 'State : clean'"
	check "the array assembles" timeout 120 mdadm --assemble /dev/md0 /dev/vdb /dev/vdc
	check "and mounts" mount -t ext4 /dev/md0 /var/crash
	check_saved_dump /var/crash
	start_crashd /boot/bzImage /boot/capture.cpio
	check "crashd reported the dump" grep -q 'A crash dump was saved in /var/crash/.*sysrq triggered crash' /tmp/crashd.log
	kill "$CRASHD_PID"
	wait "$CRASHD_PID" 2> /dev/null
	check "unmounted" umount /var/crash
	off=$(mdadm --examine /dev/vdb | sed -n 's/.*Data Offset : \([0-9]*\) sectors.*/\1/p')
	check "the array stops" mdadm --stop /dev/md0
	check "the members' data offset is known" test -n "$off"
	# md wrote the members underneath their own page cache, which probing
	# them (libblkid, mdadm --examine) filled: read them afresh.
	sync
	echo 3 > /proc/sys/vm/drop_caches
	check "both halves of the mirror hold the same data" \
		test "$(half_sha /dev/vdb "$off")" = "$(half_sha /dev/vdc "$off")"
}

host_check() {
	check "the collector assembled the array" grep -q 'crashd-collect: assembling md:' "$WORK/console.log"
	check "and saved to it" grep -q 'crashd-collect: saving to .* on /dev/md' "$WORK/console.log"
}
