# The KUnit suite of the parser and the hole picker, run by the kernel at
# boot; each KTAP subtest result is reported as a check of its own.
DESCRIPTION="KUnit: parser and hole picker vectors in the kernel"

stage_first() {
	mount -t debugfs debugfs /sys/kernel/debug
	results=/sys/kernel/debug/kunit/crash_reserve/results
	check "KUnit results for crash_reserve exist" test -r $results
	# Parameterised cases print "ok N desc" one level deeper; report each.
	sed -n 's/^ *\(\(not \)\{0,1\}ok\) [0-9]* \(.*\)$/\1 \3/p' $results | while read -r line; do
		case "$line" in
		"ok "*) say "ok - kunit: ${line#ok }" ;;
		*) say "not ok - kunit: ${line#not ok }" ;;
		esac
	done
	check "suite passed as a whole" sh -c "tail -n 1 $results | grep -q '^ok [0-9]* crash_reserve'"
}
