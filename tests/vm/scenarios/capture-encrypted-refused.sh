# An encrypted dump target is refused when crashd arms, with the reason and
# the alternative, on Debian's kernel with a real LUKS2 volume: /var/crash
# on an opened dm-crypt volume (device-mapper says CRYPT- in its UUID), and
# Target= naming the LUKS container itself (libblkid says crypto_LUKS). The
# capture kernel would have no key; nothing is armed that cannot save.
DESCRIPTION="encrypted target: refused at arm time, naming the reason and the alternative"
KERNEL=stock
STOCK_MODULES="dm_crypt xts algif_skcipher"
CMDLINE="crashkernel=112M"
STAGES="first"
DISK=64M
BLANK_DISKS=64M
MEMORY=1G
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/crashd-collect cryptsetup mkfs.ext4"

stage_first() {
	head -c 32 /dev/urandom > /tmp/key
	check "a LUKS2 volume on the blank disk" timeout 120 cryptsetup luksFormat -q --type luks2 \
		--pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file /tmp/key /dev/vdb
	check "opened" timeout 60 cryptsetup open --key-file /tmp/key /dev/vdb secret
	check "ext4 in it" mkfs.ext4 -q /dev/mapper/secret
	mkdir -p /var/crash /etc/crashd
	check "mounted on /var/crash" mount -t ext4 /dev/mapper/secret /var/crash
	printf '[Kernel]\nImage=/boot/bzImage\n' > /etc/crashd/crashd.conf
	check "crashctl build-initramfs refuses /var/crash on dm-crypt" sh -c \
		"! crashctl build-initramfs --output /tmp/x.img 2> /tmp/err1"
	cat /tmp/err1
	check "and says why" grep -q 'the dump target is encrypted (secret, dm-crypt): the capture kernel has no key' /tmp/err1
	check "and what to do, in which file" grep -q 'keep dumps on an unencrypted file system (Directory= or Target= in /etc/crashd/crashd.conf)' /tmp/err1
	uuid=$(cryptsetup luksUUID /dev/vdb)
	printf '[Kernel]\nImage=/boot/bzImage\n[Dump]\nTarget=UUID=%s\n' "$uuid" > /etc/crashd/crashd.conf
	check "Target= naming the LUKS container is refused too" sh -c \
		"! crashctl build-initramfs --output /tmp/x.img 2> /tmp/err2"
	cat /tmp/err2
	check "as encrypted" grep -q '/dev/vdb is encrypted (crypto_LUKS)' /tmp/err2
	run_crashd
	check "crashd arms nothing" sh -c "! crashctl status > /dev/null"
	check "and its log says why" grep -q 'encrypted' /tmp/crashd.log
}
