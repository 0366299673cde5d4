# The user's story, literally, on a systemd Debian 12 with crashd installed
# from its package: boot with crashkernel=256M, systemctl enable --now
# crashd, crashctl status says armed, a panic, the capture kernel saves the
# dump, the machine boots into multi-user again, crashctl list shows the
# dump and the journal has crashd's message.
DESCRIPTION="the story on systemd Debian: enable, armed, panic, saved, reported"
ROOTFS=debian
CMDLINE="crashkernel=256M"
STAGES="first after"
MEMORY=1G
TIMEOUT=600
TIME_FROM="Kernel panic - not syncing"
TIME_TO="crashd-collect: saved"
TIME_NAME=panic-to-saved-ms
