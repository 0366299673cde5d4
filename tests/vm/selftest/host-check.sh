# Harness self-test: a failed host-side check fails the scenario.
DESCRIPTION="a failed host check fails the scenario"
EXPECT_FAILURE="1 check(s) failed"
stage_first() {
	check "guest side passes" true
}
host_check() {
	check "host side fails" test -e "$WORK/no-such-file"
}
