# The same story on Debian's stock linux-image-6.12, installed in the test
# system with the initrd its package made (upstream reservation, crashd's
# stock-kernel path, the capture initramfs with the dump disk's modules).
DESCRIPTION="the story on systemd Debian with the stock 6.12 kernel: enable, armed, panic, saved, reported"
ROOTFS=debian
KERNEL=stock
CMDLINE="crashkernel=256M"
STAGES="first after"
MEMORY=2G
TIMEOUT=600
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
