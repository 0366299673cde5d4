# The top-level Kbuild's module, crashd_kunit.ko, loads on the test kernel
# and runs the same KUnit vectors as the built-in suite.
DESCRIPTION="crashd_kunit.ko from the module build loads and passes"
FILES="$TOP/build/module/crashd_kunit.ko"

stage_first() {
	before=$(dmesg | grep -c '^\[ *[0-9.]*\] ok [0-9]* crash_reserve$')
	check "insmod crashd_kunit.ko" insmod /test/files/crashd_kunit.ko
	dmesg | sed -n '/crashd_kunit\|KTAP/,$p' | tail -n 20
	check "the module's suite ran and passed" test "$(dmesg | grep -c '^\[ *[0-9.]*\] ok [0-9]* crash_reserve$')" = $((before + 1))
	check "no KUnit failure in the log" sh -c "! dmesg | grep -q 'not ok'"
	check "rmmod crashd_kunit" rmmod crashd_kunit
}
