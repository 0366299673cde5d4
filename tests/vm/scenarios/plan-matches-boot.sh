# 'crashctl plan' on the booted machine predicts what the kernel reserved:
# the same size and the same reason, from the same parser and picker.
DESCRIPTION="crashctl plan predicts the boot-time reservation (size and reason)"
CMDLINE="crashkernel=1G-4G:192M,4G-:256M"
MEMORY=2G
PROGRAMS="$TOP/build/crashctl"

stage_first() {
	d=/sys/kernel/crash_reserve
	crashctl plan --json > /tmp/plan.json
	cat /tmp/plan.json
	crashctl plan
	check "plan exits 0" crashctl plan
	check "plan size = reserved size" grep -q "\"size\":$(cat $d/size)," /tmp/plan.json
	check "plan reason = kernel reason" grep -q "\"reason\":\"$(cut -d: -f1 $d/reason)\"" /tmp/plan.json
	check "reserved 192 MiB" test "$(cat $d/size)" = $((192 << 20))
	check "plan rejects a malformed value with exit 2" sh -c "crashctl plan 'crashkernel=1G-4G:192M,2G-:256M'; test \$? = 2"
	check "plan --ram parses without a map" sh -c "crashctl plan --ram 8G --json 'crashkernel=1G-4G:192M,4G-:256M' | grep -q '\"size\":268435456'"
}
