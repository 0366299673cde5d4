# The crash_reserve netlink family on the patched kernel: crashctl monitor
# sees load, replace, unload, shrink and a memory hotplug update, in that
# order, with increasing generations; the kernel's digests are sha256sum's
# of the files; a process without CAP_SYS_ADMIN is refused and sees no
# address; crashd restarted with the same configuration adopts the armed
# image (kexec_crash_loaded never reads 0), with another one reloads; and
# random genetlink messages leave the kernel's log clean.
DESCRIPTION="netlink: events in order, digests, permissions, adoption on restart, junk messages"
CMDLINE="crashkernel=256M memhp_default_state=online"
MEMORY=1G
TIMEOUT=300
PROGRAMS="$TOP/build/crashd $TOP/build/crashctl $TOP/build/vm-helpers/as-user $TOP/build/vm-helpers/genl-junk \
	$TOP/build/vm-helpers/nl-latency $TOP/build/vm-helpers/kexec-load-raw"
HOTPLUG_ON="crashd-test: hotplug now"
HOTPLUG='{"execute": "object-add", "arguments": {"qom-type": "memory-backend-ram", "id": "mem1", "size": 268435456}}
{"execute": "device_add", "arguments": {"driver": "pc-dimm", "id": "dimm1", "memdev": "mem1"}}'

json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
heard_shrink() { grep -q "Not re-arming after 'the crash kernel region shrank'" /tmp/crashd.log; }
events_seen() { [ "$(wc -l < /tmp/events.json)" -ge "$1" ]; }
# Samples kexec_crash_loaded until /tmp/stop-sampling exists; counts the zeros.
sample_loaded() {
	zeros=0 n=0
	while [ ! -e /tmp/stop-sampling ]; do
		[ "$(cat /sys/kernel/kexec_crash_loaded)" = 1 ] || zeros=$((zeros + 1))
		n=$((n + 1))
	done
	echo "$n $zeros" > /tmp/samples
}

stage_first() {
	check "the family is there" sh -c "crashctl monitor --timeout 1 --json > /dev/null"
	crashctl monitor --json --count 6 --timeout 200 > /tmp/events.json 2> /tmp/monitor.err &
	mon=$!
	sleep 1
	start_armed /boot/bzImage /boot/capture.cpio		# load
	WAIT_SECONDS=20 wait_until events_seen 1
	crashctl arm > /dev/null				# replace, even unchanged
	WAIT_SECONDS=20 wait_until events_seen 2

	crashctl status --json > /tmp/status.json
	cat /tmp/status.json
	check "the kernel's kernel digest is sha256sum's" grep -q "\"kernel_sha256\":\"$(sha256sum /boot/bzImage | cut -d' ' -f1)\"" /tmp/status.json
	check "the kernel's initrd digest is sha256sum's" grep -q "\"initrd_sha256\":\"$(sha256sum /boot/capture.cpio | cut -d' ' -f1)\"" /tmp/status.json
	check "crashctl status: the kernel holds the files on disk" grep -q '"matches_files":true' /tmp/status.json
	check "loaded by kexec_file_load, purgatory's digest reported" sh -c \
		"grep -q '\"syscall\":\"kexec_file_load\"' /tmp/status.json && grep -q '\"segments_sha256\":\"[0-9a-f]\{64\}\"' /tmp/status.json"

	crashctl disarm > /dev/null				# unload
	WAIT_SECONDS=20 wait_until events_seen 3
	echo $((128 << 20)) > /sys/kernel/kexec_crash_size	# shrink
	WAIT_SECONDS=20 wait_until events_seen 4
	# crashd hears the shrink by netlink (and, disarmed, leaves it).
	WAIT_SECONDS=20 check "crashd heard the shrink event" wait_until heard_shrink
	crashctl arm > /dev/null				# load
	WAIT_SECONDS=20 wait_until events_seen 5
	echo "crashd-test: hotplug now"				# hotplug update
	check "monitor saw six events and exited 0" wait $mon
	cat /tmp/events.json
	check "events: load, replace, unload, shrink, load, hotplug" test \
		"$(json_field event < /tmp/events.json | tr '\n' ' ')" = "load replace unload shrink load hotplug "
	gens=$(json_field generation < /tmp/events.json | tr '\n' ' ')
	check "generations increase ($gens)" sh -c "echo '$gens' | tr ' ' '\n' | grep . | awk 'NR > 1 && \$1 <= p { exit 1 } { p = \$1 }'"
	check "the shrink event says 128 MiB" sh -c "sed -n 4p /tmp/events.json | grep -q '\"region_size\":$((128 << 20))'"

	# Without CAP_SYS_ADMIN: refused, and no address anywhere.
	as-user 65534 crashctl monitor --timeout 2 --json > /tmp/user-monitor.json 2>&1
	check "a user cannot join the events" sh -c "grep -q '\"ok\":false' /tmp/user-monitor.json && grep -qi 'root\|permitted' /tmp/user-monitor.json"
	as-user 65534 crashctl status --json > /tmp/user-status.json 2>&1
	check "a user's crashctl status has no kernel view and no base address" sh -c \
		"! grep -q 'kernel_view\|region_base\|\"base\"' /tmp/user-status.json"

	# Restarted with the same configuration: adopted, never unloaded.
	rm -f /tmp/stop-sampling
	sample_loaded &
	sampler=$!
	kill $CRASHD_PID; wait $CRASHD_PID 2>/dev/null
	start_crashd /boot/bzImage /boot/capture.cpio
	touch /tmp/stop-sampling; wait $sampler
	check "crashd adopted the armed image" grep -q 'Adopted the armed /boot/bzImage' /tmp/crashd.log
	check "kexec_crash_loaded never read 0 during the restart ($(cat /tmp/samples) samples, zeros)" \
		test "$(cut -d' ' -f2 /tmp/samples)" = 0
	check "crashctl status says adopted" sh -c "crashctl status | grep -q 'adopted: the kernel held these files'"
	metric restart-adopted-zero-samples "$(cut -d' ' -f2 /tmp/samples)"
	# With another command line: loaded again, and the window is back.
	rm -f /tmp/stop-sampling
	sample_loaded &
	sampler=$!
	kill $CRASHD_PID; wait $CRASHD_PID 2>/dev/null
	CRASHD_CONF_EXTRA='CommandLineAppend=quiet' start_crashd /boot/bzImage /boot/capture.cpio
	touch /tmp/stop-sampling; wait $sampler
	metric restart-reloaded-zero-samples "$(cut -d' ' -f2 /tmp/samples) of $(cut -d' ' -f1 /tmp/samples)"
	check "a changed configuration is loaded, not adopted" sh -c \
		"grep -q '^crashd: Armed /boot/bzImage' /tmp/crashd.log && ! grep -q Adopted /tmp/crashd.log"

	# From a load's return to its event's arrival, over 20 loads.
	kill $CRASHD_PID; wait $CRASHD_PID 2>/dev/null
	check "an event for each of 20 loads" sh -c "nl-latency /boot/bzImage /boot/capture.cpio 20 > /tmp/latency"
	metric event-latency-us-median "$(sed -n 's/^median \([-0-9]*\) max .*/\1/p' /tmp/latency)"
	metric event-latency-us-max "$(sed -n 's/^median [-0-9]* max \([-0-9]*\)/\1/p' /tmp/latency)"

	# kexec_load(), as a loader of its own calls it: said so, no file digests, then unloaded.
	crashctl monitor --json --count 2 --timeout 60 > /tmp/kexec-load.json &
	mon=$!
	sleep 1
	check "kexec_load() of one page loads" kexec-load-raw load
	check "kexec_load() with no segments unloads" kexec-load-raw unload
	check "two events for them" wait $mon
	cat /tmp/kexec-load.json
	check "replace by kexec_load, no file digest, 1 segment; then unload" sh -c \
		"sed -n 1p /tmp/kexec-load.json | grep '\"event\":\"replace\"' | grep '\"syscall\":\"kexec_load\"' | \
		 grep -v kernel_sha256 | grep -q '\"nr_segments\":1,' && sed -n 2p /tmp/kexec-load.json | grep -q '\"event\":\"unload\"'"

	# Junk from user space: errors, never a WARN, BUG or leak report.
	check "2000 random genetlink messages are answered" genl-junk crash_reserve 2000 7
	check "the kernel log is clean" sh -c "! dmesg | grep -E 'WARNING:|BUG:|Oops|kmemleak|UBSAN|KASAN'"
}
