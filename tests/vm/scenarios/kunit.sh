# The KUnit suites of the parser and the hole picker, of the netlink
# messages and of the placement beside an armed crash image, run by the
# kernel at boot; each KTAP subtest result is reported as a check of its
# own. The placement suite needs a real crash kernel region.
DESCRIPTION="KUnit: parser and hole picker vectors, netlink messages, crash swap placement, in the kernel"
CMDLINE="crashkernel=64M"

stage_first() {
	mount -t debugfs debugfs /sys/kernel/debug
	for suite in crash_reserve crash_reserve_netlink crash_reserve_swap; do
		results=/sys/kernel/debug/kunit/$suite/results
		check "KUnit results for $suite exist" test -r $results
		# Parameterised cases print "ok N desc" one level deeper; report each.
		sed -n 's/^ *\(\(not \)\{0,1\}ok\) [0-9]* \(.*\)$/\1 \3/p' $results | while read -r line; do
			case "$line" in
			"ok "*) say "ok - kunit: ${line#ok }" ;;
			*) say "not ok - kunit: ${line#not ok }" ;;
			esac
		done
		check "suite $suite passed as a whole" sh -c "tail -n 1 $results | grep -q '^ok [0-9]* $suite\$'"
	done
}
