# An upgrade of crashd on the systemd Debian system loses nothing: the
# administrator's edited crashd.conf and the dumps already saved stay, the
# restarted crashd rebuilds the capture initramfs for the new collector and
# arms it, and a panic after the upgrade is saved and reported.
DESCRIPTION="package upgrade: configuration and dumps kept, re-armed with the new collector, a panic still saved"
ROOTFS=debian
CMDLINE="crashkernel=256M"
STAGES="first after"
MEMORY=1G
TIMEOUT=600
FILES="$WORK/crashd-upgrade.deb"

# The package as its next version: another version number and a collector
# that differs (a byte more at the end of the ELF file changes nothing it
# does, only its digest).
host_prepare() {
	local deb=$(ls "$TOP"/build/deb/crashd_*_amd64.deb 2>/dev/null | head -n 1) tree=$WORK/upgrade
	[ -n "$deb" ] || return 1
	rm -rf "$tree"
	dpkg-deb -R "$deb" "$tree" &&
	sed -i 's/^Version: .*/&+upgrade/' "$tree/DEBIAN/control" &&
	printf '\0' >> "$tree/usr/lib/crashd/crashd-collect" &&
	sed -i "s|^[0-9a-f]*  usr/lib/crashd/crashd-collect\$|$(cd "$tree" && md5sum usr/lib/crashd/crashd-collect)|" \
		"$tree/DEBIAN/md5sums" &&
	dpkg-deb -b "$tree" "$WORK/crashd-upgrade.deb" > /dev/null
}

# A dump from before the upgrade, as the collector leaves one.
earlier_dump() {
	d=/var/crash/20200101T000000Z-00000000-0000-0000-0000-000000000000
	mkdir -m 0700 "$d"
	echo x > "$d/vmcore"
	printf '{"complete":true,"panic":"Kernel panic - not syncing: an earlier crash","kernel_release":"6.12"}\n' \
		> "$d/metadata.json"
	chmod 0600 "$d/vmcore" "$d/metadata.json"
}

# Whether the capture initramfs on disk is the one armed.
initramfs_armed() { armed_sha "$(sha256sum /var/lib/crashd/initramfs.img | cut -d' ' -f1)"; }

stage_first() {
	check "systemctl enable --now crashd" systemctl enable --now crashd
	check "armed" sh -c "crashctl status | grep -q '^State:    armed'"
	pid=$(systemctl show -P MainPID crashd)
	initrd=$(sha256sum /var/lib/crashd/initramfs.img | cut -d' ' -f1)
	sed -i 's/^\[Kernel\]$/&\nCommandLineAppend=loglevel=7/' /etc/crashd/crashd.conf
	check "the edited configuration applies" sh -c \
		"systemctl reload crashd && crashctl status --json | grep -q '\"cmdline\":\".* loglevel=7'"
	earlier_dump
	echo "# dpkg -i crashd-upgrade.deb"
	check "dpkg -i of the next version" dpkg -i /test/files/crashd-upgrade.deb
	check "the new version is installed" sh -c "dpkg-query -W -f '\${Version}' crashd | grep -q '+upgrade\$'"
	wait_until initramfs_armed
	echo "# crashctl status"
	crashctl status
	check "crashd was restarted" test "$(systemctl show -P MainPID crashd)" != "$pid"
	check "the capture initramfs was rebuilt for the new collector" \
		test "$(sha256sum /var/lib/crashd/initramfs.img | cut -d' ' -f1)" != "$initrd"
	check "and armed" sh -c "crashctl status | grep -q '^State:    armed'"
	check "the edited crashd.conf is kept" grep -q '^CommandLineAppend=loglevel=7$' /etc/crashd/crashd.conf
	check "and still applies" sh -c "crashctl status --json | grep -q '\"cmdline\":\".* loglevel=7'"
	check "the earlier dump is kept" sh -c "crashctl list | grep -q 'an earlier crash'"
	sync
	crash_now
}
