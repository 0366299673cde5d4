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
