# The directory of the configured kernel replaced rather than the file: a
# symlink to a release directory swapped (as deployment tools do), and the
# directory removed and made again. crashd watches the directory's parent
# too, so it re-arms from the new directory and keeps watching it.
DESCRIPTION="directory replaced: symlink swap and re-created directory re-arm, and are watched after"
CMDLINE="crashkernel=256M"
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl"

sha() { sha256sum "$1" | cut -d' ' -f1; }

stage_first() {
	mkdir -p /srv/kernels/v1 /srv/kernels/v2
	install_kernel_version /srv/kernels/v1/vmlinuz 1
	install_kernel_version /srv/kernels/v2/vmlinuz 2
	ln -s v1 /srv/kernels/current
	start_armed /srv/kernels/current/vmlinuz /boot/capture.cpio
	ln -s v2 /srv/kernels/current.new
	mv -T /srv/kernels/current.new /srv/kernels/current
	check "the swapped symlink's kernel is armed" wait_armed_sha "$(sha /srv/kernels/v2/vmlinuz)"
	# Only seen if crashd now watches v2, not v1.
	install_kernel_version /srv/kernels/v2/vmlinuz 3
	check "and a later update in the new directory too" wait_armed_sha "$(sha /srv/kernels/v2/vmlinuz)"

	rm -rf /srv/kernels/v2
	sleep 1
	check "the directory gone: still loaded" test "$(cat /sys/kernel/kexec_crash_loaded)" = 1
	mkdir /srv/kernels/v2
	install_kernel_version /srv/kernels/v2/vmlinuz 4
	check "the directory made again: its kernel is armed" wait_armed_sha "$(sha /srv/kernels/v2/vmlinuz)"
	install_kernel_version /srv/kernels/v2/vmlinuz 5
	check "and a later update in it too" wait_armed_sha "$(sha /srv/kernels/v2/vmlinuz)"
}
